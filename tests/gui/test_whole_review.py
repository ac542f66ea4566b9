"""A whole review driven through all six stages with real widgets, then read back
through the core: the database must hold exactly what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from wss_desktop.core.model import EvidenceKind, Stage
from wss_desktop.core.workspace import Workspace
from wss_desktop.gui.wizard import NewReviewWizard

ROOMS = [("Wrens", "Reception"), ("Robins", "Y1"), ("Owls", "Y2"), ("Kestrels", "Y3"),
         ("Herons", "Y4"), ("Swifts", "Y5"), ("Falcons", "Y6"), ("Nurture room", "Y3/4"),
         ("Library", "Y5"), ("Hall", "Y6")]
PHOTO_ROOMS = {2, 5, 8}


def finish_stage(qtbot, view, stage: Stage) -> None:
    view.show_stage(stage)
    combo = view.ui.stageStatus
    index = combo.findData("complete")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def create_with_wizard(qtbot, window) -> str:
    wiz = NewReviewWizard(window.ws, window)
    qtbot.addWidget(wiz)
    wiz.show()
    ui = wiz.ui
    qtbot.keyClicks(ui.schoolName, "Fernhill Community Primary School")
    ui.phase.setCurrentIndex(ui.phase.findData("primary"))
    qtbot.keyClicks(ui.trust, "Ashgrove Learning Trust")
    wiz.next()
    qtbot.keyClicks(ui.requestedBy, "The headteacher")
    qtbot.keyClicks(ui.purpose, "To see how well adaptive teaching reaches pupils with SEND.")
    wiz.next()
    assert ui.frameworkList.currentItem().text() == "SEND Review Guide"
    assert "Four-step scale" in ui.preview.toPlainText()
    ui.scopeChosen.setChecked(True)
    for row in range(ui.areaList.count()):
        item = ui.areaList.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in ("1", "3", "8"):
            item.setCheckState(Qt.CheckState.Checked)
    wiz.next()
    wiz.set_reviewer(0, "Sam Okafor", "Lead reviewer", "Ashgrove Learning Trust")
    ui.visitSet.setChecked(True)
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    review_id = wiz.review_id
    assert review_id and not wiz.isVisible()
    wiz.deleteLater()
    qtbot.waitUntil(lambda: not window.findChildren(NewReviewWizard))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return review_id


def test_whole_review_through_six_stages(qtbot, window, picture, tmp_path):
    review_id = create_with_wizard(qtbot, window)
    view = window.open_review(review_id)
    assert view.current == Stage.IDENTIFICATION
    assert window.review_view.ui.schoolTitle.text() == "Fernhill Community Primary School"
    finish_stage(qtbot, view, Stage.IDENTIFICATION)

    # 2. Self-evaluation: three statements rated with the keyboard, comments typed.
    view.show_stage(Stage.SELF_EVALUATION)
    grid = view.screens[Stage.SELF_EVALUATION].grid
    school_marks = {"1.1": ("2", "Reading progress is steady; maths is weaker."),
                    "3.2": ("3", "Visual timetables are in every class."),
                    "8.1": ("1", "Provision map is out of date.")}
    for sid, (key, comment) in school_marks.items():
        grid.select(sid)
        grid.view.setFocus()
        qtbot.keyClick(grid.view, key)
        qtbot.keyClick(grid.view, Qt.Key.Key_Return)
        assert grid.rating.hasFocus()
        grid.text_a.setFocus()
        qtbot.keyClicks(grid.text_a, comment)
        qtbot.keyClick(grid.text_a, Qt.Key.Key_Escape)
        assert grid.view.hasFocus()
    finish_stage(qtbot, view, Stage.SELF_EVALUATION)

    # 3. Preparation: data, documents, timetable and a question.
    view.show_stage(Stage.PREPARATION)
    prep = view.screens[Stage.PREPARATION]
    for edit, text in ((prep.ui.onRoll, "412"), (prep.ui.senSupport, "58"), (prep.ui.ehcp, "9"),
                       (prep.ui.attendance, "94.1")):
        edit.setFocus()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert "SEN Support: <b>14.1%</b>" in prep.ui.comparison.text()
    qtbot.mouseClick(prep.ui.useDefaults, Qt.MouseButton.LeftButton)
    assert "2.5 points higher than nationally (11.6%)" in prep.ui.comparison.text()
    for title in ("SEND information report", "Provision map"):
        qtbot.keyClicks(prep.ui.newDocument, title)
        qtbot.keyClick(prep.ui.newDocument, Qt.Key.Key_Return)
    assert prep.ui.documents.rowCount() == 2
    prep.ui.tabs.setCurrentIndex(2)
    qtbot.mouseClick(prep.slot_buttons[1], Qt.MouseButton.LeftButton)
    prep.ui.tabs.setCurrentIndex(3)
    qtbot.keyClicks(prep.new_question, "How are TAs briefed before lessons?")
    qtbot.keyClick(prep.new_question, Qt.Key.Key_Return)
    finish_stage(qtbot, view, Stage.PREPARATION)

    # 4. School visit: ten learning-walk observations, three with photos.
    view.show_stage(Stage.SCHOOL_VISIT)
    visit = view.screens[Stage.SCHOOL_VISIT]
    walk = visit.walk
    walk.ui.room.setFocus()
    for i, (room, year) in enumerate(ROOMS):
        focus = QApplication.focusWidget()
        qtbot.keyClick(focus, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert walk.ui.room.hasFocus(), (i, focus, QApplication.focusWidget())
        assert walk.ui.room.text() == ""
        qtbot.keyClicks(walk.ui.room, room)
        qtbot.keyClick(walk.ui.room, Qt.Key.Key_Tab)
        qtbot.keyClicks(walk.ui.yearGroup, year)
        qtbot.keyClick(walk.ui.yearGroup, Qt.Key.Key_Tab)
        assert walk.ui.subject.hasFocus()   # Subject follows Year (issue 13)
        qtbot.keyClicks(walk.ui.subject, "Maths")
        qtbot.keyClick(walk.ui.subject, Qt.Key.Key_Tab)
        assert walk.area_bar.hasFocus()
        qtbot.keyClick(walk.area_bar, "3")
        qtbot.keyClick(walk.area_bar, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(walk.area_bar, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        assert walk.ui.strengths.hasFocus(), QApplication.focusWidget()
        qtbot.keyClicks(walk.ui.strengths, f"Observation {i + 1}: pupils used word mats without prompting.")
        if i in PHOTO_ROOMS:
            walk.add_photo_files([picture(f"room{i}.png")])
            qtbot.waitUntil(lambda: walk.photo_jobs == 0, timeout=10_000)
            qtbot.waitUntil(lambda: walk.ui.photos.count() == 1, timeout=5_000)
    qtbot.keyClick(walk.ui.strengths, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert walk.ui.observations.count() == 10
    assert "3 Teaching: <b>10</b>" in walk.ui.areaCounts.text()

    visit.setCurrentIndex(2)
    judge = visit.judgements
    reviewer_marks = {"1.1": ("2", "Pupils' books show steady progress."),
                      "3.2": ("1", "Adaptations were patchy in upper Key Stage 2."),
                      "8.1": ("2", "The provision map is being rewritten.")}
    for sid, (key, strengths) in reviewer_marks.items():
        judge.select(sid)
        judge.view.setFocus()
        qtbot.keyClick(judge.view, key)
        judge.text_a.setFocus()
        qtbot.keyClicks(judge.text_a, strengths)
        qtbot.keyClick(judge.text_a, Qt.Key.Key_Escape)
    row = judge.model.row_of("3.2")
    diff = judge.model.index(row, judge.model.columns.index("diff")).data()
    assert diff == "≠ 2 steps ▼"
    finish_stage(qtbot, view, Stage.SCHOOL_VISIT)

    # 5. Reporting: actions from the findings.
    view.show_stage(Stage.REPORTING)
    report = view.screens[Stage.REPORTING]
    assert "Adaptations were patchy" in report.findings.toPlainText()
    for title in ("Share adaptations across Key Stage 2", "Rewrite the provision map"):
        qtbot.keyClicks(report.actions.new_title, title)
        qtbot.keyClick(report.actions.new_title, Qt.Key.Key_Return)
    finish_stage(qtbot, view, Stage.REPORTING)

    # 6. Follow-up: a progress note and a status.
    view.show_stage(Stage.FOLLOW_UP)
    follow = view.screens[Stage.FOLLOW_UP].actions
    follow.table.selectRow(0)
    qtbot.keyClicks(follow.new_note, "Staff meeting held on adaptations.")
    qtbot.keyClick(follow.new_note, Qt.Key.Key_Return)
    status = follow.table.cellWidget(0, 5)
    status.setCurrentIndex(status.findData("in-progress"))
    status.activated.emit(status.currentIndex())
    finish_stage(qtbot, view, Stage.FOLLOW_UP)
    window.shutdown()

    # Read everything back through a second, independent connection.
    with Workspace.open(window.ws.paths.root) as fresh:
        b = fresh.bundle(review_id)
        r = b.review
        assert (r.school_name, r.trust_or_la, r.phase) == ("Fernhill Community Primary School",
                                                          "Ashgrove Learning Trust", "primary")
        assert r.requested_by == "The headteacher"
        assert r.purpose == "To see how well adaptive teaching reaches pupils with SEND."
        assert r.scope == ["1", "3", "8"]
        assert [(p.name, p.role) for p in b.reviewers] == [("Sam Okafor", "Lead reviewer")]
        assert all(b.stages[s].status == "complete" for s in Stage)
        levels = ["emerging", "developing", "established", "enhanced"]
        for sid, (key, comment) in school_marks.items():
            sa = b.self_assessment(sid)
            assert (sa.rating, sa.comment) == (levels[int(key) - 1], comment)
        for sid, (key, strengths) in reviewer_marks.items():
            j = b.judgements[sid]
            assert (j.rating, j.strengths) == (levels[int(key) - 1], strengths)
        s = b.snapshot
        assert (s.on_roll, s.sen_support, s.ehcp, s.attendance_pct) == (412, 58, 9, 94.1)
        assert s.national_sen_support_pct == 11.6
        assert [d.title for d in b.documents] == ["SEND information report", "Provision map"]
        assert [v.activity for v in b.visit_slots] == ["learning-walk"]
        assert [q.text for q in b.questions] == ["How are TAs briefed before lessons?"]
        walk_items = {e.room: e for e in b.evidence if e.kind == EvidenceKind.LEARNING_WALK}
        assert len(walk_items) == 10
        first_look_for = b.framework.area("3").statements[0].look_fors[0]
        for i, (room, year) in enumerate(ROOMS):
            e = walk_items[room]
            assert e.year_group == year
            assert e.strengths == f"Observation {i + 1}: pupils used word mats without prompting."
            assert e.look_fors == [first_look_for]
            assert b.areas_of(e.id) == ["3"]
            assert b.statements_of(e.id) == ["3.1"]
            assert e.start and e.end
            photos = b.photos_of(e.id)
            assert len(photos) == (1 if i in PHOTO_ROOMS else 0)
            for p in photos:
                assert max(p.width, p.height) == 1600 and p.media_type == "image/jpeg"
                assert fresh.photo_bytes(p.id)[:2] == b"\xff\xd8"
        assert sorted(a.title for a in b.actions) == ["Rewrite the provision map",
                                                       "Share adaptations across Key Stage 2"]
        first = next(a for a in b.actions if a.title.startswith("Share"))
        assert [n.text for n in b.notes_of(first.id)] == ["Staff meeting held on adaptations."]
        assert first.status == "in-progress"
