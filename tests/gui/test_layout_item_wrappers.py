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
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLayout, QLayoutItem, QWidgetItem

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
    # The app lets go of the wrappers it makes at once (the next test); one made some
    # other way (here by hand) is let go when the review closes.
    kept = view.screens[Stage.IDENTIFICATION].ui.scopeLayout.itemAt(0)
    del kept                          # PySide6 keeps it alive with the layout's
    assert widget_item_wrappers(), "a layout item's wrapper was made"
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


def item_wrappers_from_qt() -> list:
    """Wrappers of layout items (not layouts) that PySide6 made for items Qt created:
    the ones it is not told about when Qt deletes them. (Spacers a form made in Python
    and keeps as attributes are its own.)"""
    return [w for w in shiboken6.getAllValidWrappers()
            if isinstance(w, QLayoutItem) and not isinstance(w, QLayout) and not shiboken6.createdByPython(w)]


def test_layout_item_wrappers_are_let_go_at_once_while_a_review_stays_open(qtbot, window, ws):
    """A review open for a whole visit rebuilds its lists many times: each read of a
    layout's items lets go of their wrappers at once, not only when the review closes
    (issue 13)."""
    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    ws.add_action(rid, "Train TAs in prompting", owner="SENCO", due="2099-12-01")
    ws.add_action(rid, "Termly report to governors", owner="Headteacher", due="2099-12-02")
    view = window.open_review(rid)
    reflow = window.reflow

    # Identification: the scope list is rebuilt each time the screen loads; an area
    # is taken out of scope and put back.
    view.show_stage(Stage.IDENTIFICATION)
    ident = view.screens[Stage.IDENTIFICATION]
    for _ in range(3):
        ident.load()
    ident.area_boxes[1].click()
    ident.load()
    assert not ident.area_boxes[1].isChecked()
    ident.area_boxes[1].click()
    ident.load()
    assert [b.isChecked() for b in ident.area_boxes] == [True] * len(ident.area_boxes)

    # The learning walk: an observation, its focus areas changed several times (the
    # look-for list is rebuilt each time), arrows moving between the tick boxes.
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.next_room()
    walk.ui.room.setText("Year 4 classroom")
    bar = walk.area_bar
    for i in (2, 0, 2, 3, 0):
        bar.buttons[i].click()
        QApplication.processEvents()
    assert bar.checked() == [bar.buttons[3].property("areaId")]
    assert walk.look_rows, "the look-fors of the chosen area are listed"
    boxes = [row.box for row in walk._tick_rows()]       # statements and look-fors, in order
    assert len(boxes) == len(walk.look_rows) + len(walk.statement_rows)
    first = walk.look_rows[0][0].box
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert boxes[boxes.index(first) + 1].hasFocus()
    walk.toggle_look_for(1)
    assert walk.look_rows[0][0].box.isChecked()
    evidence = ws.bundle(rid).evidence
    assert any(walk.look_rows[0][2] in (e.look_fors or []) for e in evidence), "the ticked look-for is saved"

    # Follow-up: the checks grid is rebuilt for each visit added and chosen.
    view.show_stage(Stage.FOLLOW_UP)
    followup = view.screens[Stage.FOLLOW_UP]
    followup.tabs.setCurrentWidget(followup.visits)
    visits = followup.visits
    for _ in range(2):
        qtbot.mouseClick(visits.add_button, Qt.MouseButton.LeftButton)
    visits.list.setCurrentRow(0)
    visits.list.setCurrentRow(1)
    assert len(visits.check_rows) == 2

    # The reflow at small sizes (what 200% text does): grids go into one column and rows
    # stack, the last resort measured on every pass.
    for stage in (Stage.IDENTIFICATION, Stage.SCHOOL_VISIT, Stage.FOLLOW_UP):
        view.show_stage(stage)
        for size in ((700, 500), (1280, 720)):
            window.resize(*size)
            qtbot.waitUntil(lambda: not reflow.busy(), timeout=10_000)
            reflow.rows()
    QApplication.processEvents()

    assert item_wrappers_from_qt() == [], "a layout item's wrapper outlives the read that made it"
    # The screens still work after all that.
    view.show_stage(Stage.SCHOOL_VISIT)
    bar.buttons[0].click()
    assert walk.look_rows
    walk.toggle_look_for(2)
    assert walk.look_rows[1][0].box.isChecked()
    view.show_stage(Stage.IDENTIFICATION)
    assert isinstance(ident.ui.reviewers.verticalHeader(), QHeaderView)
    assert item_wrappers_from_qt() == []
