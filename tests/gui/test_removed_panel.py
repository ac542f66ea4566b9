"""Tools ▸ Removed from this review (Ctrl+Shift+R): what was taken out of a review is
listed and brought back (issue 10: never lose a note).

Before, "Remove the selected action" took an action, its success criteria, owner and
progress notes out of the plan with one click and no way back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from wss_desktop.core.model import Action, Stage


def _remove_button(editor) -> QPushButton:
    [button] = [b for b in editor.findChildren(QPushButton) if b.text() == "Remove the selected action"]
    return button


def test_a_removed_action_is_brought_back_from_the_panel_by_keyboard(qtbot, window, ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    act = ws.add_action(rid, "Train TAs in pre-teaching vocabulary")
    ws.update_action(act, owner="SENCO", success_criteria="Every TA has planned pre-teaching by March")
    ws.add_action_note(act, "Two TAs trained in the first week")
    view = window.open_review(rid)
    view.show_stage(Stage.FOLLOW_UP)
    follow = view.screens[Stage.FOLLOW_UP].actions
    follow.table.selectRow(0)
    assert follow.current == act
    qtbot.mouseClick(_remove_button(follow), Qt.MouseButton.LeftButton)
    assert ws.store.get(Action, act) is None and follow.table.rowCount() == 0
    said = window.ui.statusbar.currentMessage()
    assert said == "Action removed. To bring it back: Ctrl+Shift+R."
    assert window.ui.statusbar.fontMetrics().horizontalAdvance(said) < 1024 - 300   # whole at 1024 px

    window.actionRemoved.trigger()              # what Ctrl+Shift+R does (real keys: test_keyboard_real_input)
    panel = window.removed_panel
    assert panel.isVisible()
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.list.count() == 1
    row = panel.list.item(0)
    assert row.text().startswith("Action: Train TAs in pre-teaching vocabulary\nRemoved ")
    assert row.text().endswith("on this computer")
    assert row.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Action: Train TAs")
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    back = ws.store.get(Action, act)
    assert back is not None and back.owner == "SENCO"
    assert panel.message.text().startswith("The action is back in the review.")
    assert panel.list.count() == 0 and "Nothing has been taken out" in panel.intro.text()
    assert not panel.back.isEnabled()
    qtbot.waitUntil(lambda: follow.table.rowCount() == 1)     # the open screen shows it again
    follow.table.selectRow(0)
    assert follow.current == act
    assert [n.text for n in ws.bundle(rid).notes_of(act)] == ["Two TAs trained in the first week"]


def test_with_no_review_open_or_chosen_the_status_bar_says_what_to_do(qtbot, window, ws):
    window.show_list()
    window.actionRemoved.trigger()
    assert window.removed_panel is None
    assert "Open a review, or choose one in the list" in window.ui.statusbar.currentMessage()


def test_a_photo_whose_observation_is_removed_too_says_to_bring_that_back_first(qtbot, window, ws, picture):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    obs = ws.add_observation(rid, room="Kestrels", text="Visual timetable by the door")
    with open(picture("door.png", (40, 30)), "rb") as fh:
        photo = ws.add_photo(obs, fh.read(), caption="The visual timetable")
    ws.delete_photo(photo)
    ws.delete_evidence(obs)
    window.open_review(rid)
    panel = window.show_removed()
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts[0].startswith("Observation: Kestrels: Visual timetable by the door")
    assert texts[1].startswith("Photo: The visual timetable")
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.back, Qt.MouseButton.LeftButton)
    assert "bring back the observation first" in panel.message.text()
    assert panel.list.count() == 2                             # nothing changed
    panel.list.setCurrentRow(0)
    panel.bring_back()
    panel.list.setCurrentRow(0)
    panel.bring_back()
    assert panel.list.count() == 0
    assert [p.id for p in ws.bundle(rid).photos_of(obs)] == [photo]


def test_the_open_panel_shows_a_removal_that_arrives_and_keeps_the_chosen_one(qtbot, window, ws):
    from wss_desktop.core.changes import Changes
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    first = ws.add_question(rid, "How are TAs briefed before lessons?")
    second = ws.add_question(rid, "Who reads the pupil passports?")
    ws.delete_question(first)
    window.open_review(rid)
    panel = window.show_removed()
    assert panel.list.count() == 1
    ws.delete_question(second)                          # as a sync brings a colleague's delete
    window.session.publish(Changes.arrived({rid}))
    assert panel.list.count() == 2
    assert panel.list.currentItem().text().startswith("Question: How are TAs briefed")   # still chosen
    assert panel.list.item(0).text().startswith("Question: Who reads the pupil passports?")


def test_the_open_panel_reads_the_removed_things_again_only_when_something_is_removed_or_back(
        qtbot, window, ws, monkeypatch):
    """Reading what was removed takes a query per kind (eleven); the open panel did it
    after every autosave of a review's actions or notes, on the GUI thread, while only
    a removal, a bring-back or a sync can change what it lists."""
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    act = ws.add_action(rid, "Train TAs in pre-teaching vocabulary")
    gone = ws.add_question(rid, "Who reads the pupil passports?")
    ws.delete_question(gone)
    window.open_review(rid)
    panel = window.show_removed()
    assert panel.list.count() == 1
    reads: list[str] = []
    real = ws.removed
    monkeypatch.setattr(ws, "removed", lambda review_id: reads.append(review_id) or real(review_id))
    for text in ("Every TA", "Every TA has planned", "Every TA has planned pre-teaching"):
        ws.update_action(act, success_criteria=text)           # autosaves while typing
    ws.add_action_note(act, "Two TAs trained in the first week")
    assert reads == []
    ws.delete_action(act)                                      # a removal is listed at once
    assert reads == [rid] and panel.list.count() == 2
    ws.bring_back("actions", act)
    assert reads == [rid, rid] and panel.list.count() == 1
