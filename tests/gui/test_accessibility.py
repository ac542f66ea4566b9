"""What a screen reader is given (issue 13), read from Qt's accessibility interfaces
on every stage screen and tab: every control the keyboard reaches has a name and a
role; no label's name hides its text; scroll areas are named; colour is never the
only sign; and the colours of the palette and style sheet meet WCAG 2.2 AA."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QLabel, QScrollArea, QTabBar,
                               QWidget)

from wss_desktop.core.model import Stage

TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    return " ".join(TAGS.sub(" ", text.replace("&nbsp;", " ")).replace("&", "").split())


def every_view(window, view):
    """Each stage, and each tab within it, shown in turn."""
    for stage in Stage:
        view.go_to_stage(stage)
        screen = view.screens[stage]
        yield stage.value
        for tabs in [t for t in screen.findChildren(QTabBar) if t.isVisible()]:
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                yield f"{stage.value} / {plain(tabs.tabText(i))}"


def problems_in(window) -> list[str]:
    found = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        face = QAccessible.queryAccessibleInterface(w)
        if face is None:
            continue
        name = face.text(QAccessible.Text.Name).strip()
        what = f"{type(w).__name__} {w.objectName() or ''}".strip()
        reachable = bool(w.focusPolicy() & w.focusPolicy().TabFocus) and w.isEnabled() \
            and w.focusProxy() is None and not isinstance(w.parentWidget(), QAbstractScrollArea)
        if reachable and not isinstance(w, QTabBar) and not name:
            found.append(f"unnamed {what}")
        if reachable and face.role() in (QAccessible.Role.NoRole, QAccessible.Role.Client) \
                and not isinstance(w, QAbstractScrollArea):
            found.append(f"no role: {what} {name!r}")
        if isinstance(w, QLabel) and w.accessibleName() and plain(w.text()):
            text = plain(w.text())
            said = face.text(QAccessible.Text.Name) + " " + face.text(QAccessible.Text.Description)
            if text not in plain(said) and len(text) > len(w.accessibleName()):
                found.append(f"label {w.accessibleName()!r} hides its text {text[:40]!r}")
        if isinstance(w, QScrollArea) and not name:
            found.append(f"unnamed scroll area {what}")
    return found


def test_every_control_on_every_screen_is_named_and_labels_keep_their_text(qtbot, window, ws):
    from wss_desktop.core.demo import add_demo
    rid, _ = add_demo(ws)
    view = window.open_review(rid)
    found = {}
    for where in every_view(window, view):
        for p in problems_in(window):
            found.setdefault(p, where)
    window.show_list()
    for p in problems_in(window):
        found.setdefault(p, "review list")
    assert found == {}, "\n".join(f"{w}: {p}" for p, w in sorted(found.items(), key=lambda x: x[1]))


def test_a_difference_of_view_is_said_in_text_not_only_colour(qtbot, window, ws):
    from PySide6.QtCore import Qt
    from wss_desktop.core.demo import add_demo
    rid, _ = add_demo(ws)
    view = window.open_review(rid)
    view.go_to_stage(Stage.SCHOOL_VISIT)
    grid = view.screens[Stage.SCHOOL_VISIT].judgements
    grid.load()
    model = grid.model
    reviewer = model.columns.index("reviewer")
    shaded = [r for r in range(model.rowCount())
              if model.index(r, reviewer).data(Qt.ItemDataRole.BackgroundRole) is not None
              and model.rows[r].statement is not None]
    assert shaded, "the demo has no difference of view to show"
    for r in shaded:
        assert "≠" in model.index(r, reviewer).data()
# --- contrast ------------------------------------------------------------------------

def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(top: QColor, bottom: QColor) -> QColor:
    """A translucent colour as it shows over an opaque one."""
    a = top.alphaF()
    return QColor.fromRgbF(top.redF() * a + bottom.redF() * (1 - a),
                           top.greenF() * a + bottom.greenF() * (1 - a),
                           top.blueF() * a + bottom.blueF() * (1 - a))


def palettes():
    from wss_desktop.gui.style import app_palette
    return {"light": app_palette(dark=False), "dark": app_palette(dark=True)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_and_controls_meet_wcag_aa_contrast(qtbot, scheme):
    """4.5:1 for text (and placeholder text), 3:1 for what is not text (field frames,
    focus rings), in the app's light and dark palettes; the shaded "needs a second
    look" cells keep their text readable."""
    from wss_desktop.gui.style import FRAME_ROLE, attention, muted
    p = palettes()[scheme]
    C = QPalette.ColorRole
    text_pairs = {
        "text on base": (p.color(C.Text), p.color(C.Base)),
        "window text on window": (p.color(C.WindowText), p.color(C.Window)),
        "button text on button": (p.color(C.ButtonText), p.color(C.Button)),
        "selected text on highlight": (p.color(C.HighlightedText), p.color(C.Highlight)),
        "placeholder on base": (p.color(C.PlaceholderText), p.color(C.Base)),
        "muted on window": (muted(p), p.color(C.Window)),
        "link on base": (p.color(C.Link), p.color(C.Base)),
        "tooltip": (p.color(C.ToolTipText), p.color(C.ToolTipBase)),
        "text on shaded cell": (p.color(C.Text), over(attention(p), p.color(C.Base))),
        "text on area row": (p.color(C.Text), p.color(C.AlternateBase)),
    }
    other_pairs = {
        "field frame on window": (p.color(FRAME_ROLE), p.color(C.Window)),
        "field frame on base": (p.color(FRAME_ROLE), p.color(C.Base)),
        "focus ring (highlight) on base": (p.color(C.Highlight), p.color(C.Base)),
        "focus ring (highlight) on window": (p.color(C.Highlight), p.color(C.Window)),
    }
    low = [f"{k}: {ratio(a, b):.2f}" for k, (a, b) in text_pairs.items() if ratio(a, b) < 4.5]
    low += [f"{k}: {ratio(a, b):.2f}" for k, (a, b) in other_pairs.items() if ratio(a, b) < 3.0]
    assert low == []


def test_problems_and_results_are_announced_to_screen_readers(qtbot, window, ws, monkeypatch):
    """A status line changing is not read out by itself: errors, their fixing, and
    messages such as "The PDF is ready" go out as accessibility announcements."""
    from PySide6.QtGui import QAccessible as RealAccessible

    from wss_desktop.gui import widgets

    said: list[str] = []

    class Listening:
        AnnouncementPoliteness = RealAccessible.AnnouncementPoliteness

        @staticmethod
        def isActive():  # noqa: N802
            return True

        @staticmethod
        def updateAccessibility(event):  # noqa: N802
            said.append(event.message())

    monkeypatch.setattr(widgets, "QAccessible", Listening)
    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    view = window.open_review(rid)
    view.go_to_stage(Stage.IDENTIFICATION)
    field = view.screens[Stage.IDENTIFICATION].ui.dateReport
    field.setText("soonish")
    field.commit()
    assert any("soonish" in s and "15/12/2026" in s for s in said), said
    field.setText("15/12/2026")
    field.commit()
    assert any(s.startswith("✓") or "saved" in s.lower() for s in said[1:]), said
    window.ui.statusbar.showMessage("The PDF is ready")
    assert "The PDF is ready" in said


PROBE = "Words put here while the app runs"
SAMPLES = {"Accent colour sample"}     # a patch of colour, never words


def labels_hiding_words(top: QWidget) -> list[str]:
    """Labels (shown or not yet) whose accessible name would hide whatever words they are
    given: a screen reader reads a label by its name, and a name set for the label
    replaces its text. Each label is given a sentence for a moment to find out."""
    from wss_desktop.gui.rubric import DescriptorLabel
    found = []
    for label in top.findChildren(QLabel):
        if not label.accessibleName() or not label.pixmap().isNull() or label.accessibleName() in SAMPLES:
            continue
        if isinstance(label, DescriptorLabel):
            continue       # its words are its description (DescriptorLabel.show_for)
        before = label.text()
        label.setText(PROBE)
        face = QAccessible.queryAccessibleInterface(label)
        said = face.text(QAccessible.Text.Name) + " " + face.text(QAccessible.Text.Description)
        label.setText(before)
        if PROBE not in said:
            found.append(f"{type(top).__name__}: label {label.accessibleName()!r} "
                         f"({label.objectName() or type(label).__name__})")
    return found


def test_messages_and_status_lines_are_read_by_their_words_not_a_fixed_name(qtbot, window, ws):
    """Before: a message shown on a screen or in a dialog ("The PDF could not be made.
    The disk is full ...", a sync's problem, why a passphrase is needed) was read by a
    screen reader as "What happened", "Sync message" or "Problem": the label's fixed
    name hid its words. It was said aloud once as it appeared, and could not be read
    again. The check above saw only labels showing text at the time; this one gives every
    label, in the main window and the app's windows and dialogs, words to read."""
    from wss_desktop.core.demo import add_demo
    rid, _ = add_demo(ws)
    view = window.open_review(rid)
    for _ in every_view(window, view):
        pass
    opened = [window, window.sync.show_panel(), window.sync.show_conflicts(rid), window.show_overview(),
              window.show_anonymise(rid), window.show_frameworks()]
    from wss_desktop.gui.settings_dialog import SettingsDialog
    from wss_desktop.gui.unlock_dialog import UnlockDialog
    from wss_desktop.core.atrest import UnlockNeeded
    opened += [SettingsDialog(ws, window), UnlockDialog(ws.paths.root, UnlockNeeded("Locked.", new=True), window)]
    opened += [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in opened]
    found = sorted({p for top in opened for p in labels_hiding_words(top)})
    assert found == [], "\n".join(found)
