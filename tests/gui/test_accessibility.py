"""What a screen reader is given (issue 13), read from Qt's accessibility interfaces
on every stage screen and tab: every control the keyboard reaches has a name and a
role; no label's name hides its text; scroll areas are named; colour is never the
only sign; and the colours of the palette and style sheet meet WCAG 2.2 AA."""

from __future__ import annotations

import re

from PySide6.QtGui import QAccessible
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
