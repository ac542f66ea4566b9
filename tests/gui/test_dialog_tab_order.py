"""Tab through every control of Settings (each of its sections) and of the new-review
wizard (each page) by key presses, as a keyboard user does (issue 13): every control
that takes the focus is reached, in reading order (down the page, left to right along a
row), none is skipped and none keeps the focus (Tab comes back round to where it began)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QRadioButton,
                               QWidget)


def describe(w: QWidget) -> str:
    text = getattr(w, "text", lambda: "")()
    text = text if isinstance(text, str) else ""
    return f"{type(w).__name__}({w.accessibleName() or w.objectName() or text!r})"


def tab_stops(root: QWidget) -> list[QWidget]:
    """The controls Tab should reach: shown, enabled, taking the focus by Tab; a group of
    radio buttons is one stop (its chosen button; arrows move inside)."""
    found = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or not w.isEnabled() or w.isWindow():
            continue
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or w.focusProxy() is not None:
            continue
        parent = w.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            if isinstance(parent, (QAbstractItemView, QAbstractSpinBox, QComboBox)):
                inside = True     # a cell editor or a box's own line edit
            parent = parent.parentWidget()
        if inside:
            continue
        if isinstance(w, QRadioButton) and w.autoExclusive() and not w.isChecked():
            siblings = [b for b in w.parentWidget().findChildren(QRadioButton)
                        if b.parentWidget() is w.parentWidget() and b.isVisible() and b.autoExclusive()]
            if any(b.isChecked() for b in siblings):
                continue
        found.append(w)
    return found


def walk(qtbot, start: QWidget, limit: int) -> tuple[list[QWidget], bool]:
    """Press Tab from `start` until the focus is back on it: the stops in order, and
    whether it came back (False: the focus stayed somewhere, or went round elsewhere)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen = [start]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            return seen, True
        seen.append(now)
    return seen, False


def place(w: QWidget, root: QWidget) -> QRect:
    return QRect(w.mapTo(root, QPoint(0, 0)), w.size())


def out_of_order(stops: list[QWidget], root: QWidget) -> list[str]:
    """Steps that go back: up the page without moving to a column to the right, or
    leftwards along a row."""
    bad = []
    for a, b in zip(stops, stops[1:]):
        ra, rb = place(a, root), place(b, root)
        same_row = rb.top() < ra.bottom() and ra.top() < rb.bottom() and \
            abs(rb.center().y() - ra.center().y()) < max(ra.height(), rb.height()) // 2
        up = rb.top() < ra.top() - 2 and rb.left() < ra.right() - 2
        if (same_row and rb.left() < ra.left() - 2) or (not same_row and up):
            bad.append(f"{describe(a)} at {ra.topLeft().toTuple()} -> {describe(b)} at {rb.topLeft().toTuple()}")
    return bad


def check(qtbot, root: QWidget, start: QWidget, where: str) -> None:
    expected = tab_stops(root)
    seen, came_back = walk(qtbot, start, 3 * len(expected) + 10)
    assert came_back, f"{where}: Tab kept the focus: {[describe(w) for w in seen[-6:]]}"
    missed = [describe(w) for w in expected if w not in seen]
    assert missed == [], f"{where}: never reached by Tab: {missed}"
    twice = [describe(w) for w in seen if seen.count(w) > 1]
    assert twice == [], f"{where}: reached twice in one round: {twice}"
    # Once round: one step goes back to the top (from the last control to the first).
    back = out_of_order([*seen, seen[0]], root)
    assert len(back) <= 1, f"{where}: not in reading order: {back}"


def shown(qtbot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_tab_reaches_every_control_of_settings_in_order(qtbot, window, ws):
    from wss_desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ws, window)
    shown(qtbot, dialog)
    bar = dialog.tabs.tabBar()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        check(qtbot, dialog, bar, f"Settings, {dialog.tabs.tabText(index).replace('&', '')}")
    dialog.reject()


@pytest.mark.parametrize("subject", ["school", "trust"])
def test_tab_reaches_every_control_of_the_new_review_wizard_in_order(qtbot, window, ws, subject):
    from PySide6.QtWidgets import QWizard

    from wss_desktop.gui.wizard import NewReviewWizard

    wizard = NewReviewWizard(ws, window)
    wizard.set_subject(subject)
    shown(qtbot, wizard)
    wizard.ui.schoolName.setText("Fernhill Community Primary School")
    pages = 0
    while True:
        page = wizard.currentPage()
        stops = tab_stops(wizard)
        check(qtbot, wizard, stops[0], f"wizard page {page.title()!r}")
        pages += 1
        if wizard.button(QWizard.WizardButton.NextButton).isVisible() and \
                wizard.button(QWizard.WizardButton.NextButton).isEnabled():
            wizard.next()
        else:
            break
    assert pages >= 4
    wizard.reject()
