"""Stage 6, follow-up: the action plan worked through, follow-up visits with a check
of each action, the school's feedback, and year on year, read back through the core."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from wss_desktop.core.model import Stage


@pytest.fixture
def review(ws):
    rid = ws.new_review("Hazelwood Primary", "send-review", urn="200001", date_visit="2026-02-01")
    ws.add_action(rid, "Train TAs in prompting", owner="SENCO", due="2099-12-01")
    ws.add_action(rid, "Termly report to governors", owner="Headteacher", due="2099-12-02")
    return rid


def follow_up(window, rid):
    view = window.open_review(rid)
    view.show_stage(Stage.FOLLOW_UP)
    return view.screens[Stage.FOLLOW_UP]


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def row_of(table, title: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == title)


def test_action_plan_status_progress_note_and_impact(qtbot, window, ws, review):
    screen = follow_up(window, review)
    plan = screen.actions
    row = row_of(plan.table, "Train TAs in prompting")
    choose(plan.table.cellWidget(row, 5), "in-progress")
    plan.table.selectRow(row_of(plan.table, "Train TAs in prompting"))
    qtbot.keyClicks(plan.new_note, "Two TA sessions held.")
    qtbot.keyClick(plan.new_note, Qt.Key.Key_Return)
    plan.impact.setFocus()
    qtbot.keyClicks(plan.impact, "Pupils wait less for help in Year 4.")
    screen.leave()

    action = next(a for a in ws.bundle(review).actions if a.title == "Train TAs in prompting")
    assert action.status == "in-progress"
    assert action.impact == "Pupils wait less for help in Year 4."
    notes = ws.bundle(review).notes_of(action.id)
    assert [(n.text, n.date) for n in notes] == [("Two TA sessions held.", dt.date.today().isoformat())]
    assert plan.notes.item(0).text().endswith(": Two TA sessions held.")
    qtbot.waitUntil(lambda: "1 in progress" in screen.summary.text())


def test_an_action_past_its_date_is_marked_overdue_in_words(qtbot, window, ws, review):
    ws.add_action(review, "Rewrite the provision map", due="2020-01-10")
    screen = follow_up(window, review)
    table = screen.actions.table
    late = (dt.date.today() - dt.date(2020, 1, 10)).days
    assert table.item(row_of(table, "Rewrite the provision map"), 6).text() == f"⚠ {late} days overdue"
    assert table.item(row_of(table, "Train TAs in prompting"), 6).text().startswith("Due in ")
    assert "⚠ 1 overdue" in screen.summary.text()  # counted when the screen opens
    # Once it is done it is no longer overdue.
    choose(table.cellWidget(row_of(table, "Rewrite the provision map"), 5), "done")
    qtbot.waitUntil(lambda: table.item(row_of(table, "Rewrite the provision map"), 6).text() == "✓ Done")


def test_a_follow_up_visit_with_two_action_checks(qtbot, window, ws, review):
    screen = follow_up(window, review)
    screen.tabs.setCurrentWidget(screen.visits)
    visits = screen.visits
    assert visits.empty.isVisibleTo(visits)
    qtbot.mouseClick(visits.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(visits.visitor, "Lead reviewer")
    visits.notes.setFocus()
    qtbot.keyClicks(visits.notes, "Met the SENCO and two TAs.")
    visits.next_steps.setFocus()
    qtbot.keyClicks(visits.next_steps, "Look at the provision map in March.")
    ids = {a.title: a.id for a in ws.bundle(review).actions}
    train, report = ids["Train TAs in prompting"], ids["Termly report to governors"]
    combo, comment = visits.check_rows[train]
    choose(combo, "done")
    comment.setFocus()
    qtbot.keyClicks(comment, "All TAs trained.")
    combo, comment = visits.check_rows[report]
    choose(combo, "in-progress")
    comment.setFocus()
    qtbot.keyClicks(comment, "First report drafted.")
    screen.leave()

    b = ws.bundle(review)
    (visit,) = b.followup_visits
    assert (visit.visitor, visit.notes, visit.next_steps) == (
        "Lead reviewer", "Met the SENCO and two TAs.", "Look at the provision map in March.")
    assert visit.date == dt.date.today().isoformat()
    checks = {c.action_id: (c.status, c.comment) for c in b.checks_of_visit(visit.id)}
    assert checks == {train: ("done", "All TAs trained."), report: ("in-progress", "First report drafted.")}
    # A check moves the action on in the plan too.
    assert {a.id: a.status for a in b.actions} == {train: "done", report: "in-progress"}
    assert visits.list.item(0).text().endswith("· Lead reviewer")


def test_the_schools_feedback_is_saved(qtbot, window, ws, review):
    screen = follow_up(window, review)
    screen.tabs.setCurrentWidget(screen.feedback)
    fb = screen.feedback
    choose(fb.scores["usefulness"], 5)
    choose(fb.scores["tone"], 4)
    choose(fb.scores["clarity"], 3)
    assert fb.scores["tone"].currentText() == "4 – Mostly supportive"
    fb.went_well.setFocus()
    qtbot.keyClicks(fb.went_well, "Pupil voice was well handled.")
    fb.could_be_better.setFocus()
    qtbot.keyClicks(fb.could_be_better, "Send the timetable earlier.")
    fb.given_by.setFocus()
    qtbot.keyClicks(fb.given_by, "Headteacher")
    screen.leave()

    f = ws.bundle(review).feedback
    assert (f.usefulness, f.tone, f.clarity) == (5, 4, 3)
    assert (f.went_well, f.could_be_better, f.given_by) == (
        "Pupil voice was well handled.", "Send the timetable earlier.", "Headteacher")


def test_year_on_year_shows_how_ratings_moved(qtbot, window, ws):
    first = ws.new_review("Hazelwood Primary", "send-review", urn="200001", date_visit="2025-10-01")
    for sid, r, s in (("1.1", "emerging", "developing"), ("1.2", "emerging", "established"),
                      ("2.1", "established", "established")):
        ws.judge(first, sid, rating=r)
        ws.self_evaluate(first, sid, rating=s)
    ws.add_action(first, "Train TAs in prompting", owner="SENCO", status="done")
    ws.add_action(first, "Parent survey", status="in-progress")
    second = ws.new_review("Hazelwood Primary", "send-review", urn="200001", date_visit="2026-10-01")
    for sid, r, s in (("1.1", "developing", "developing"), ("1.2", "established", "developing"),
                      ("2.1", "developing", "established")):
        ws.judge(second, sid, rating=r)
        ws.self_evaluate(second, sid, rating=s)

    screen = follow_up(window, first)
    screen.tabs.setCurrentWidget(screen.year_on_year)
    assert "No earlier review of this school yet" in screen.year_on_year.heading.text()
    assert not screen.year_on_year.table.isVisibleTo(screen)

    screen = follow_up(window, second)
    screen.tabs.setCurrentWidget(screen.year_on_year)
    yoy = screen.year_on_year
    assert "1 Oct 2025" in yoy.heading.text()
    rows = {yoy.table.item(r, 0).text().split(".")[0]: (yoy.table.item(r, 1).text(), yoy.table.item(r, 2).text())
            for r in range(yoy.table.rowCount())}
    assert rows["1"] == ("▲ up one step: Emerging → Developing", "= no change: Developing")
    assert rows["2"] == ("▼ down one step: Established → Developing", "= no change: Established")
    assert "1 of 2 done" in yoy.actions_title.text()
    items = [yoy.actions.item(i).text() for i in range(yoy.actions.count())]
    assert items[0] == "✓ Done: Train TAs in prompting (owner: SENCO)"
    assert items[1] == "✗ In progress: Parent survey"


def test_date_of_the_next_review(qtbot, window, ws, review):
    screen = follow_up(window, review)
    screen.next_review.setText("1/2/2027")   # typed the UK way (issue 13)
    screen.next_review.commit()
    assert ws.review(review).date_next_review == "2027-02-01"


def test_year_on_year_of_a_ta_review_has_a_column_per_group(qtbot, window, ws):
    for date, teacher, ta in (("2025-06-01", "8", "3"), ("2026-06-01", "9", "5")):
        rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment", urn="300001",
                            date_visit=date)
        ids = [s.id for s in ws.bundle(rid).framework.areas[0].statements]
        ws.add_respondent_sheets(rid, "teacher", [{sid: teacher for sid in ids}] * 3)
        ws.add_respondent_sheets(rid, "ta", [{sid: ta for sid in ids}] * 4)
    screen = follow_up(window, rid)
    screen.tabs.setCurrentWidget(screen.year_on_year)
    table = screen.year_on_year.table
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert heads == ["Area", "Reviewer's rating", "Teachers' view", "Teaching assistants' view"]
    assert "School" not in " ".join(heads)
    assert "5" in table.item(0, 3).text() and "3" in table.item(0, 3).text()


def test_a_narrow_plan_keeps_room_for_the_actions_and_their_heading(qtbot, window, ws, review):
    """Issue 13, 200% text: at a narrow width the action's own words kept the least room
    (the other columns were fixed), and the details heading was cut off top and bottom
    (seen at 1280x800 in test_reflow's screenshots; offscreen it fits either way)."""
    from PySide6.QtGui import QFont
    screen = follow_up(window, review)
    plan = screen.actions
    big = QFont(plan.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    plan.setFont(big)
    window.resize(1024, 600)
    plan.table.selectRow(-1)
    plan.table.setCurrentCell(-1, -1)
    header = plan.table.horizontalHeader()
    shown = [c for c in range(plan.table.columnCount()) if not plan.table.isColumnHidden(c)]

    def fair() -> bool:
        # The action keeps room for about fourteen characters (the table scrolls
        # sideways if need be), and a status box is never cut (its words cannot wrap).
        widths = {c: header.sectionSize(c) for c in shown}
        box = plan.table.cellWidget(0, 5).sizeHint().width()
        return widths[0] >= header.fontMetrics().averageCharWidth() * 14 and widths[5] >= box
    try:
        qtbot.waitUntil(fair, timeout=3000)
    except Exception:
        raise AssertionError(f"column widths {[(c, header.sectionSize(c)) for c in shown]}, "
                             f"table {plan.table.viewport().width()}") from None
    qtbot.waitUntil(lambda: plan.heading.height() >= plan.heading.heightForWidth(plan.heading.width()),
                    timeout=3000)


def test_a_comment_typed_as_its_row_is_rebuilt_while_the_database_is_busy_is_saved_later(
        qtbot, window, ws, review):
    """The rows of action checks are built afresh when the visit is shown again (as after
    a sync). A comment waiting to be saved was saved as its row went; while another
    program held the database longer than that save waited, it was dropped with its row.
    Now it is kept and saved once the database is free."""
    from wss_desktop.core import store as core_store

    screen = follow_up(window, review)
    screen.tabs.setCurrentWidget(screen.visits)
    visits = screen.visits
    qtbot.mouseClick(visits.add_button, Qt.MouseButton.LeftButton)
    train = next(a.id for a in ws.bundle(review).actions if a.title == "Train TAs in prompting")
    combo, comment = visits.check_rows[train]
    choose(combo, "done")
    comment.setFocus()
    other = core_store.connect(ws.paths.database)
    other.execute("BEGIN IMMEDIATE")                            # another program writes
    try:
        qtbot.keyClicks(comment, "All TAs trained.")
        visits.load()                                           # the rows are built afresh
        assert visits.check_rows[train][1] is not comment
        assert "Waiting to save" in window.indicator.text()
        (visit,) = ws.bundle(review).followup_visits
        assert [c.comment for c in ws.bundle(review).checks_of_visit(visit.id)] == [""]
    finally:
        other.execute("COMMIT")
        other.close()
    qtbot.waitUntil(lambda: [c.comment for c in ws.bundle(review).checks_of_visit(visit.id)]
                    == ["All TAs trained."], timeout=5000)
    qtbot.waitUntil(lambda: "All changes saved" in window.indicator.text(), timeout=5000)
