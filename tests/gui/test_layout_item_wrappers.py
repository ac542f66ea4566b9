"""No stale layout-item wrappers once a review is closed (issue 13: the crashes seen in
CI and in the reflow probe).

PySide6 keeps Python wrappers of layout items (QWidgetItem) alive, and is not told when
Qt deletes an item with its widget. The freed address was later taken by a new object
and PySide6 handed back the stale wrapper: in a CI run a table's vertical header came
back as a QWidgetItem and the identification screen could not be built; in others the
process died of heap corruption. Closing a review (and the window) now lets go of those
wrappers while the items still exist (widgets.forget_layout_item_wrappers)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QHeaderView, QWidgetItem

from wss_desktop.core.model import Stage


def widget_item_wrappers() -> list:
    return [w for w in shiboken6.getAllValidWrappers() if isinstance(w, QWidgetItem)]


def test_closing_a_review_leaves_no_layout_item_wrappers_behind(qtbot, window, ws):
    first = ws.new_review("Fernhill Community Primary School", "send-review")
    second = ws.new_review("Larkspur Lane Primary", "send-review")
    view = window.open_review(first)
    for stage in Stage:
        view.show_stage(stage)
        QApplication.processEvents()
    assert widget_item_wrappers(), "the screens were built (PySide6 wraps some of their layout items)"
    window.open_review(second)        # closes the first review: its widgets are deleted
    for stage in Stage:
        window.review_view.show_stage(stage)
        QApplication.processEvents()
    window.shutdown()
    assert widget_item_wrappers() == [], "a layout item's wrapper outlives the review it belonged to"
    # And the app carries on: the review opens again and its screens work.
    view = window.open_review(first)
    view.show_stage(Stage.IDENTIFICATION)
    assert isinstance(view.screens[Stage.IDENTIFICATION].ui.reviewers.verticalHeader(), QHeaderView)
