"""What a keyboard user does, key by key (issue 13): shortcuts from anywhere in the
window, the learning walk started by a key, tab order, tables that let Tab go,
judgements by Enter, UK due dates typed into the action plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox

from wss_desktop.core.model import EvidenceKind, Stage

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def walk_of(ws, rid):
    return [e for e in ws.bundle(rid).evidence if e.kind == EvidenceKind.LEARNING_WALK]


def open_review(qtbot, window, ws):
    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    view = window.open_review(rid)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return rid, view


def test_stage_keys_work_with_the_focus_in_the_status_bar(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    outside = window.ui.statusbar
    outside.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    outside.setFocus()
    qtbot.keyClick(outside, Qt.Key.Key_4, CTRL)
    assert view.current == Stage.SCHOOL_VISIT
    qtbot.keyClick(focused(), Qt.Key.Key_5, CTRL)
    assert view.current == Stage.REPORTING


def test_ctrl_n_on_arriving_at_the_learning_walk_starts_an_observation(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.ui.stageList.setFocus()
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_N, CTRL)
    assert len(walk_of(ws, rid)) == 1
    assert focused() is view.screens[Stage.SCHOOL_VISIT].walk.ui.room


def test_typing_on_arriving_at_the_learning_walk_starts_an_observation(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.ui.stageList.setFocus()
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_4, CTRL)
    qtbot.keyClicks(focused(), "Kestrels")
    qtbot.waitUntil(lambda: [e.room for e in walk_of(ws, rid)] == ["Kestrels"], timeout=5000)


def test_subject_follows_year_and_next_room_comes_before_the_photos(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.go_to_stage(Stage.SCHOOL_VISIT)
    ui = view.screens[Stage.SCHOOL_VISIT].walk.ui
    ui.yearGroup.setFocus()
    qtbot.keyClick(ui.yearGroup, Qt.Key.Key_Tab)
    assert focused() is ui.subject
    qtbot.keyClicks(ui.subject, "Maths")
    qtbot.keyClick(ui.subject, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: [e.subject for e in walk_of(ws, rid)] == ["Maths"], timeout=5000)
    ui.pupilVoice.setFocus()
    qtbot.keyClick(ui.pupilVoice, Qt.Key.Key_Tab)
    assert focused() is ui.nextRoom


def test_the_look_for_tick_boxes_are_one_tab_stop_with_arrows_inside(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.go_to_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    qtbot.waitUntil(lambda: len([b for b in walk.ui.lookForBody.findChildren(QCheckBox)
                                 if b.isVisibleTo(walk)]) > 20)
    boxes = [b for b in walk.ui.lookForBody.findChildren(QCheckBox) if b.isVisibleTo(walk)]
    stops = [b for b in boxes if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert len(stops) == 1
    stops[0].setFocus()
    qtbot.keyClick(stops[0], Qt.Key.Key_Down)
    second = focused()
    assert isinstance(second, QCheckBox) and second is not stops[0]
    qtbot.keyClick(second, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(walk_of(ws, rid)) and bool(ws.bundle(rid).links_from(walk_of(ws, rid)[0].id)))


def test_no_table_traps_tab(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    trapping = set()
    count = 0
    for stage in Stage:
        view.go_to_stage(stage)
        views = window.findChildren(QAbstractItemView)
        tables = [v for v in views if type(v).__name__ in ("QTableView", "QTableWidget", "GridView")]
        count = max(count, len(tables))
        # A data-entry grid may move between cells with Tab if Tab leaves it at its ends
        # (checked below for the one that does: the survey answers typed in from paper).
        trapping |= {v.accessibleName() or v.objectName() for v in tables
                     if v.tabKeyNavigation() and not v.property("tabLeavesAtEnds")}
    assert count >= 5
    window.show_list()
    assert not window.review_list.ui.table.tabKeyNavigation()
    assert sorted(trapping) == []
    table = window.review_list.ui.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert focused() is not table and not table.isAncestorOf(focused())


def test_judgements_enter_goes_to_a_visible_rating_then_to_strengths(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    window.resize(1024, 600)
    view.go_to_stage(Stage.SCHOOL_VISIT)
    visit = view.screens[Stage.SCHOOL_VISIT]
    visit.setCurrentWidget(visit.judgements)
    grid = visit.judgements
    grid.view.setFocus()
    grid.select("1.1")
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert focused() is grid.rating
    viewport = grid.pane.viewport()
    top_left = grid.rating.mapTo(viewport, grid.rating.rect().topLeft())
    assert viewport.rect().contains(top_left), "the rating box is scrolled out of sight"
    qtbot.keyClick(grid.rating, Qt.Key.Key_3)
    assert ws.bundle(rid).judgements["1.1"].rating
    qtbot.keyClick(grid.rating, Qt.Key.Key_Return)
    assert focused() is grid.text_a
    qtbot.keyClicks(grid.text_a, "Clear plans")
    qtbot.keyClick(grid.text_a, Qt.Key.Key_Escape)
    assert ws.bundle(rid).judgements["1.1"].strengths == "Clear plans"


def test_a_uk_due_date_is_kept_and_the_row_stays_put(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    first = ws.add_action(rid, "Review the provision map")
    ws.update_action(first, due="2027-06-01")
    ws.add_action(rid, "Train TAs in pre-teaching")
    view.go_to_stage(Stage.REPORTING)
    editor = _actions_editor(view, Stage.REPORTING)
    editor.load()
    table = editor.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Train TAs in pre-teaching")
    table.item(row, 3).setText("15/12/2026")
    due = {a.title: a.due for a in ws.bundle(rid).actions}
    assert due["Train TAs in pre-teaching"] == "2026-12-15"
    qtbot.wait(50)
    assert table.item(row, 0).text() == "Train TAs in pre-teaching", "the row moved under the cursor"
    table.item(row, 3).setText("next-ish")
    assert "next-ish" in table.item(row, 3).text()
    assert window.indicator.state == "problem"
    assert "15/12/2026" in window.indicator.text()
    # Said once, by the save indicator: the status bar beside it used to repeat the
    # sentence, and a screen reader read it out twice.
    assert "15/12/2026" not in window.ui.statusbar.currentMessage()
    table.item(row, 3).setText("+7d")
    assert window.indicator.state == "saved"
    assert "15/12/2026" not in window.indicator.text()


def _actions_editor(view, stage):
    from wss_desktop.gui.screens.actions import ActionsEditor
    return next(w for w in view.screens[stage].findChildren(ActionsEditor))


def test_a_mnemonic_scrolls_its_field_into_view(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    window.resize(1024, 600)
    view.go_to_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    qtbot.wait(300)   # the walk's rows are laid out
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert focused() is walk.ui.pupilVoice
    viewport = walk.ui.fieldsScroll.viewport()

    def cursor_in_sight():
        cursor = walk.ui.pupilVoice.mapTo(viewport, walk.ui.pupilVoice.cursorRect().center())
        return viewport.rect().contains(cursor)
    qtbot.waitUntil(cursor_in_sight, timeout=2000)


def test_the_wizard_fills_in_the_reviewer_and_alt_n_is_next(qtbot, window, ws):
    from wss_desktop.core import profile
    from wss_desktop.gui.wizard import NewReviewWizard

    profile.save(ws.store, profile.Profile("Sam Okafor", "", "Ashgrove Trust"))
    wizard = NewReviewWizard(ws, window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.reviewers()[0][0] == "Sam Okafor"
    assert wizard.reviewers()[0][2] == "Ashgrove Trust"
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.ui.schoolName.setFocus()
    qtbot.keyClicks(wizard.ui.schoolName, "Fernhill Community Primary School")
    first = wizard.currentId()
    qtbot.keyClick(wizard.ui.schoolName, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    # A button's mnemonic clicks it visibly (after a short animation).
    qtbot.waitUntil(lambda: wizard.currentId() != first, timeout=2000)
    wizard.reject()


def test_f1_overlay_keeps_the_focus_and_scrolls_rather_than_clips(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    window.resize(1024, 600)
    start = focused()
    qtbot.keyClick(focused() or window, Qt.Key.Key_F1)
    help_ = window.help
    assert help_.isVisible()
    assert help_.isAncestorOf(focused())
    for _ in range(5):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert help_.isAncestorOf(focused()), "Tab went behind the overlay"
    # The whole list is there to read: inside the overlay's visible area or reachable by scrolling.
    card = help_.card
    assert card.height() >= card.heightForWidth(card.width()) - 2
    assert "Press Escape or F1 to close." in card.text()
    from PySide6.QtGui import QAccessible
    face = QAccessible.queryAccessibleInterface(card)
    assert "Ctrl+N" in face.text(QAccessible.Text.Name) + face.text(QAccessible.Text.Value) or \
        card.accessibleName() == "", "the label's name hides its text"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not help_.isVisible()
    assert focused() is start


@pytest.mark.parametrize("scale, screen", [(1, (1024, 600)), (2, (1280, 800))], ids=["100pct", "200pct"])
def test_the_window_fits_the_screen_at_100_and_200_percent_text(qtbot, ws, scale, screen):
    """The demo review, every stage loaded: the window's smallest size still fits a
    1024x600 netbook, and with text at 200% a 1280x800 laptop."""
    from PySide6.QtGui import QFont

    from wss_desktop.core.demo import add_demo
    from wss_desktop.gui.main_window import MainWindow

    from wss_desktop.gui.style import apply_style

    app = QApplication.instance()
    apply_style(app)
    font = QFont(app.font())
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * scale)
    app.setFont(big)
    try:
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.show()
        rid, _ = add_demo(ws)
        view = win.open_review(rid)
        for stage in Stage:
            view.go_to_stage(stage)
            app.processEvents()
            size = win.minimumSizeHint().expandedTo(win.minimumSize())
            assert size.width() <= screen[0] and size.height() <= screen[1], (stage, size)
        win.close()
    finally:
        app.setFont(font)


def test_an_empty_date_is_typed_the_uk_way_and_never_traps_tab(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.go_to_stage(Stage.IDENTIFICATION)
    ui = view.screens[Stage.IDENTIFICATION].ui
    field = ui.dateReport
    field.setFocus()
    assert not field.text()                          # empty, not "Not set"
    qtbot.keyClicks(field, "15/12/2026")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.isAncestorOf(focused()) and focused() is not field, "Tab stayed in the date"
    assert ws.review(rid).date_report_due == "2026-12-15"
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "the week after next")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert "the week after next" in field.text()     # left in the field to put right
    assert window.indicator.state == "problem"
    assert ws.review(rid).date_report_due == "2026-12-15"
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "+7d")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert window.indicator.state == "saved"
    import datetime as dt
    assert ws.review(rid).date_report_due == (dt.date.today() + dt.timedelta(days=7)).isoformat()
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert ws.review(rid).date_report_due is None


def test_a_calendar_opens_at_today_for_an_empty_date(qtbot, window, ws):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget

    rid, view = open_review(qtbot, window, ws)
    view.go_to_stage(Stage.FOLLOW_UP)
    screen = view.screens[Stage.FOLLOW_UP]
    from PySide6.QtWidgets import QWidget
    (field,) = [w for w in screen.findChildren(QWidget) if w.accessibleName() == "Date of the next review"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = QApplication.activePopupWidget()
    calendar = calendar if isinstance(calendar, QCalendarWidget) else calendar.findChild(QCalendarWidget)
    assert calendar.selectedDate() == QDate.currentDate()
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)


def test_work_on_a_stage_shows_as_the_stage_reached(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.ui.stageList.setFocus()
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_4, CTRL)
    qtbot.keyClicks(focused(), "Kestrels")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "In progress" in view.ui.stageList.item(3).text(), timeout=5000)
    window.show_list()
    page = window.review_list
    assert page.proxy.index(0, page.model.COLUMNS.index("stage")).data() == "4 School visit"


def test_times_and_percentages_are_read_forgivingly_and_kept_when_not_understood(qtbot, window, ws):
    rid, view = open_review(qtbot, window, ws)
    view.go_to_stage(Stage.PREPARATION)
    prep = view.screens[Stage.PREPARATION]
    prep.ui.tabs.setCurrentIndex(1)
    attendance = prep.ui.attendance
    attendance.setFocus()
    qtbot.keyClicks(attendance, "94.5%")
    qtbot.keyClick(attendance, Qt.Key.Key_Tab)
    assert ws.bundle(rid).snapshot.attendance_pct == 94.5
    assert window.indicator.state == "saved"

    prep.ui.tabs.setCurrentIndex(2)
    prep._add_slot("meeting")
    table = prep.slots_table
    (slot,) = ws.bundle(rid).visit_slots
    table.item(0, 0).setText("9.45")
    assert ws.bundle(rid).visit_slots[0].start == "09:45"
    assert table.item(0, 0).text() == "09:45"
    table.item(0, 1).setText("1015")
    assert ws.bundle(rid).visit_slots[0].end == "10:15"
    table.item(0, 1).setText("half ten")
    qtbot.wait(50)
    assert "half ten" in table.item(0, 1).text()        # left there to put right
    assert window.indicator.state == "problem"
    assert "9.45" in window.indicator.text() and "9.45" not in window.ui.statusbar.currentMessage()
    table.item(0, 1).setText("10:30")
    assert ws.bundle(rid).visit_slots[0].end == "10:30"
    assert window.indicator.state == "saved"
