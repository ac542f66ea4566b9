"""What is typed into a box whose text becomes a record only when added (a new action,
a progress note, a question to explore) was lost when the review or the window was
closed, or the app stopped, before Enter was pressed. It is now kept as it is typed,
as any field is saved (a draft on this computer, never sent to colleagues), is back in
its box when the review is opened again, and goes once the record is added."""

from __future__ import annotations

from PySide6.QtCore import Qt

from wss_desktop.core.model import Stage


def reopen(window, rid):
    window.show_list()                                    # the review is closed
    return window.open_review(rid)


def test_a_new_action_a_note_and_a_question_typed_but_not_added_are_kept(qtbot, window, ws):
    rid = ws.new_review("Holm Oak Primary School", "send-review")
    first = ws.add_action(rid, "Share pupil passports with every class teacher")
    view = window.open_review(rid)
    view.show_stage(Stage.FOLLOW_UP)
    follow = view.screens[Stage.FOLLOW_UP].actions
    follow.table.selectRow(0)
    assert follow.current == first
    qtbot.keyClicks(follow.new_note, "Staff meeting held on passports.")
    qtbot.keyClicks(follow.new_title, "Train TAs in precision teaching")
    view.show_stage(Stage.PREPARATION)
    prep = view.screens[Stage.PREPARATION]
    prep.ui.tabs.setCurrentIndex(3)
    qtbot.keyClicks(prep.new_question, "How are TAs briefed before lessons?")

    view = reopen(window, rid)
    view.show_stage(Stage.PREPARATION)
    prep = view.screens[Stage.PREPARATION]
    assert prep.new_question.text() == "How are TAs briefed before lessons?"
    view.show_stage(Stage.FOLLOW_UP)
    follow = view.screens[Stage.FOLLOW_UP].actions
    assert follow.new_title.text() == "Train TAs in precision teaching"
    follow.table.selectRow(0)
    assert follow.new_note.text() == "Staff meeting held on passports."
    view.show_stage(Stage.REPORTING)                      # the plan's own box: nothing typed there
    assert view.screens[Stage.REPORTING].actions.new_title.text() == ""

    view.show_stage(Stage.FOLLOW_UP)
    follow.new_title.setFocus()
    qtbot.keyClick(follow.new_title, Qt.Key.Key_Return)
    follow.table.selectRow(0)                             # (the new action was chosen as it was added)
    assert follow.current == first and follow.new_note.text() == "Staff meeting held on passports."
    follow.new_note.setFocus()
    qtbot.keyClick(follow.new_note, Qt.Key.Key_Return)
    view.show_stage(Stage.PREPARATION)
    prep.new_question.setFocus()
    qtbot.keyClick(prep.new_question, Qt.Key.Key_Return)
    b = ws.bundle(rid)
    assert "Train TAs in precision teaching" in [a.title for a in b.actions]
    assert [n.text for a in b.actions for n in b.notes_of(a.id)] == ["Staff meeting held on passports."]
    assert "How are TAs briefed before lessons?" in [q.text for q in b.questions]

    view = reopen(window, rid)                            # added: nothing kept any more
    view.show_stage(Stage.FOLLOW_UP)
    follow = view.screens[Stage.FOLLOW_UP].actions
    assert follow.new_title.text() == ""
    view.show_stage(Stage.PREPARATION)
    assert view.screens[Stage.PREPARATION].new_question.text() == ""
    assert ws.drafts(rid) == {}
