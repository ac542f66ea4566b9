"""Things taken out of a review can be found and brought back (issue 10: never lose a note).

Removing an action, a follow-up visit, a survey or a reviewer was one click or key
press, with no question and no way back: the action's title, success criteria, owner
and progress were gone for good. And when a colleague deleted something while this
computer's user was still editing it offline, the delete won at the next sync and the
edit was hidden, with nothing in the app able to show it. Now `Workspace.removed` lists
what was taken out of a review (newest first, saying when and whether on another
computer) and `Workspace.bring_back` puts it back, as a later version of its deleted
flag, so it comes back on every computer at the next sync, with every edit made to it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sync_support import Device, fast_kdf  # noqa: F401 (fixture)
from wss_desktop.core.errors import UserError
from wss_desktop.core.model import Action, Evidence, Photo, RespondentAnswers, Survey
from wss_desktop.core.store import NotFound
from wss_desktop.core.workspace import RemovedItem
from test_sync import png


def test_a_removed_action_is_listed_and_comes_back_whole(ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    act = ws.add_action(rid, "Train TAs in pre-teaching vocabulary")
    ws.update_action(act, owner="SENCO", success_criteria="Every TA has planned pre-teaching by March")
    ws.add_action_note(act, "Two TAs trained in the first week")
    ws.delete_action(act)
    assert all(a.id != act for a in ws.bundle(rid).actions)
    [item] = ws.removed(rid)
    assert isinstance(item, RemovedItem)
    assert (item.table, item.rec_id, item.what) == ("actions", act, "action")
    assert item.label == "Train TAs in pre-teaching vocabulary"
    assert not item.elsewhere and item.removed_at is not None
    assert abs((datetime.now(timezone.utc) - item.removed_at).total_seconds()) < 60
    ws.bring_back("actions", act)
    back = ws.store.get(Action, act)
    assert back is not None and back.owner == "SENCO"
    assert back.success_criteria == "Every TA has planned pre-teaching by March"
    assert [n.text for n in ws.bundle(rid).notes_of(act)] == ["Two TAs trained in the first week"]
    assert ws.removed(rid) == []


def test_the_list_is_newest_first_and_says_what_each_thing_is(ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    obs = ws.add_observation(rid, room="Kestrels", year_group="Year 3", text="Word mats on every table")
    person = ws.add_reviewer(rid, "Amina Clarke (fictional)", role="SENCO")
    visit = ws.add_followup_visit(rid, visitor="Trust SEND lead")
    question = ws.add_question(rid, "How are TAs briefed before lessons?")
    slot = ws.add_visit_slot(rid, title="Meet the SENCO", start="09:00", end="09:30")
    doc = ws.add_document(rid, "SEND information report")
    for delete, rec in ((ws.delete_evidence, obs), (ws.delete_reviewer, person),
                        (ws.delete_followup_visit, visit), (ws.delete_question, question),
                        (ws.delete_visit_slot, slot), (ws.delete_document, doc)):
        delete(rec)
    items = ws.removed(rid)
    assert [i.rec_id for i in items] == [doc, slot, question, visit, person, obs]
    assert [i.what for i in items] == ["document", "timetable slot", "question", "follow-up visit",
                                       "reviewer", "observation"]
    labels = {i.rec_id: i.label for i in items}
    assert labels[obs] == "Kestrels, Year 3: Word mats on every table"
    assert labels[person] == "Amina Clarke (fictional), SENCO"
    assert labels[visit].startswith("Trust SEND lead")
    assert labels[slot] == "09:00 Meet the SENCO"
    assert [i.removed_at for i in items] == sorted((i.removed_at for i in items), reverse=True)


def test_an_empty_observation_dropped_by_the_learning_walk_is_not_listed(ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    empty = ws.add_evidence(rid, "learning-walk", start="09:10")     # as the capture screen starts one
    ws.delete_evidence(empty)
    assert ws.removed(rid) == []


def test_a_survey_comes_back_with_its_evidence_and_answer_sheets(ws):
    rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
    q = ws.survey_questionnaire(rid, "ta")
    choice = [x for x in q.questions if x.kind == "choice"]
    returns = ws.survey_from_rows(rid, "ta", [["Year 2 TA"] + ["3"] * len(choice) + [""],
                                              [""] + ["5"] * len(choice) + [""]])
    sid = ws.store_survey(rid, returns)
    survey = ws.store.get(Survey, sid)
    sheets = [s.id for s in ws.store.records(RespondentAnswers, review_id=rid)]
    assert survey.evidence_id and len(sheets) == 2
    ws.delete_survey(sid)
    [item] = ws.removed(rid)           # its evidence and sheets come back with it
    assert (item.table, item.what) == ("surveys", "survey") and item.label == survey.title
    ws.bring_back("surveys", sid)
    assert ws.store.get(Survey, sid) is not None
    assert ws.store.get(Evidence, survey.evidence_id) is not None
    assert sorted(s.id for s in ws.store.records(RespondentAnswers, review_id=rid)) == sorted(sheets)


def test_a_photo_comes_back_only_with_its_observation(ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    obs = ws.add_observation(rid, room="Kestrels", text="Visual timetable by the door")
    photo = ws.add_photo(obs, png(), caption="The visual timetable")
    ws.delete_photo(photo)
    ws.delete_evidence(obs)
    items = {i.rec_id: i for i in ws.removed(rid)}
    assert items[photo].label == "The visual timetable" and items[photo].what == "photo"
    with pytest.raises(UserError) as refused:
        ws.bring_back("photos", photo)
    assert "observation" in str(refused.value) and "first" in str(refused.value)
    assert ws.store.get(Photo, photo) is None
    ws.bring_back("evidence", obs)
    ws.bring_back("photos", photo)
    assert ws.store.get(Photo, photo) is not None


def test_bad_requests_get_a_clear_message_and_change_nothing(ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    act = ws.add_action(rid, "Review the provision map")
    before = ws.store.change_count()
    with pytest.raises(UserError, match="is in the review already"):
        ws.bring_back("actions", act)
    with pytest.raises(NotFound, match="nothing taken out"):
        ws.bring_back("actions", "no-such-action")
    with pytest.raises(UserError, match="can be brought back this way"):
        ws.bring_back("reviews", rid)
    with pytest.raises(UserError, match="can be brought back this way"):
        ws.bring_back("texts; DROP TABLE reviews", act)
    assert ws.store.change_count() == before
    assert ws.store.get(Action, act) is not None


def test_an_offline_edit_hidden_by_a_colleagues_delete_is_found_and_brought_back(tmp_path, fast_kdf):  # noqa: F811
    """Real folders: A edits an action offline while B removes it; at the next sync B's
    delete wins and A's edit is hidden. A finds it among the removed things (removed on
    another computer), brings it back, and both computers then have it with A's edit."""
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    try:
        rid = a.ws.new_review("Holm Oak Primary School (fictional)", "send-review")
        act = a.ws.add_action(rid, "Set up a sensory break space")
        a.sync(shared)
        b.sync(shared)
        a.ws.update_action(act, success_criteria="Pupils who need it use the space daily")
        b.ws.delete_action(act)
        b.sync(shared, passphrase=None)
        a.sync(shared, passphrase=None)
        assert a.ws.store.get(Action, act) is None            # the delete won: the edit is hidden
        [item] = a.ws.removed(rid)
        assert item.rec_id == act and item.elsewhere
        a.ws.bring_back("actions", act)
        a.sync(shared, passphrase=None)
        b.sync(shared, passphrase=None)
        for device in (a, b):
            back = device.ws.store.get(Action, act)
            assert back is not None and back.success_criteria == "Pupils who need it use the space daily"
            assert device.ws.removed(rid) == []
    finally:
        a.close()
        b.close()


def test_nothing_is_listed_for_a_review_that_is_not_there(ws):
    with pytest.raises(NotFound):
        ws.removed("no-such-review")
