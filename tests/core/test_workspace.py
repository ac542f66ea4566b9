import pytest

from wss_desktop.core import stages
from wss_desktop.core.errors import InputError, UserError
from wss_desktop.core.model import Stage, StageStatus


def test_school_and_reviewer_views_are_kept_apart(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    ws.self_evaluate(rid, "3.1", rating="established", comment="We adapt well",
                     evidence_note="Lesson drop-ins, autumn")
    ws.judge(rid, "3.1", rating="developing", strengths="Good modelling",
             consider="Adaptations are uneven in Key Stage 2")
    b = ws.bundle(rid)
    assert b.self_assessment("3.1").rating == "established"
    assert b.self_assessment("3.1").comment == "We adapt well"
    assert b.judgements["3.1"].rating == "developing"
    assert b.judgements["3.1"].consider == "Adaptations are uneven in Key Stage 2"
    # Editing one field leaves the others as they were.
    ws.judge(rid, "3.1", strengths="Strong modelling")
    b = ws.bundle(rid)
    assert b.judgements["3.1"].rating == "developing"
    assert b.self_assessment("3.1").rating == "established"


def test_ratings_follow_the_framework_scale(ws):
    rid = ws.new_review("Elm Row Primary", "send-governance")
    ws.judge(rid, "1.1", rating="Amber")
    assert ws.bundle(rid).judgements["1.1"].rating == "amber"
    ws.judge(rid, "1.2", rating="n/a")
    assert ws.bundle(rid).judgements["1.2"].rating == "na"
    with pytest.raises(InputError, match="red, amber, green"):
        ws.judge(rid, "1.1", rating="established")
    reflection = ws.new_review("Elm Row Primary", "send-reflection")
    with pytest.raises(InputError, match="no ratings"):
        ws.judge(reflection, "1.1", rating="3")
    ws.judge(reflection, "1.1", strengths="I know my pupils' targets")


def test_ta_deployment_keeps_teachers_and_tas_answers_apart(ws):
    rid = ws.new_review("Elm Row Primary", "ta-deployment")
    ws.self_evaluate(rid, "1.1", rating="8", respondent="teacher")
    ws.self_evaluate(rid, "1.1", rating="4", respondent="ta")
    b = ws.bundle(rid)
    assert b.self_assessment("1.1", "teacher").rating == "8"
    assert b.self_assessment("1.1", "ta").rating == "4"
    with pytest.raises(InputError, match="teacher, ta"):
        ws.self_evaluate(rid, "1.1", rating="5", respondent="governor")


def test_evidence_links_to_many_statements_and_areas(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    eid = ws.add_observation(rid, room="Y4 Otters", statements=["3.1", "3.2"], areas=["8"],
                             text="Pre-teaching of vocabulary", look_fors=["Word mats"])
    b = ws.bundle(rid)
    assert sorted(b.statements_of(eid)) == ["3.1", "3.2"]
    assert b.areas_of(eid) == ["8"]
    assert [e.id for e in b.evidence_for_statement("3.2")] == [eid]
    ws.set_links("evidence", eid, "statement", ["3.2", "4.1"])
    b = ws.bundle(rid)
    assert sorted(b.statements_of(eid)) == ["3.2", "4.1"]
    assert b.evidence_for_statement("3.1") == []


def test_evidence_refs_are_numbered_per_kind(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    a = ws.add_observation(rid, room="Y1", date="2026-10-08", start="09:00", text="a")
    b = ws.add_observation(rid, room="Y2", date="2026-10-08", start="09:20", text="b")
    m = ws.add_evidence(rid, "meeting", date="2026-10-08", title="SENCO", text="c")
    refs = ws.bundle(rid).evidence_refs()
    assert (refs[a], refs[b], refs[m]) == ("LW1", "LW2", "M1")


def test_actions_with_notes(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    aid = ws.add_action(rid, "Train TAs in prompting", owner="Deputy head", due="2027-01-31",
                        statements=["3.3"], priority="high")
    ws.add_action_note(aid, "Training booked for January", date="2026-11-12")
    ws.update_action(aid, status="in-progress")
    b = ws.bundle(rid)
    assert b.actions[0].status == "in-progress"
    assert b.statements_of(aid) == ["3.3"]
    assert [n.text for n in b.notes_of(aid)] == ["Training booked for January"]
    with pytest.raises(InputError, match="status must be one of"):
        ws.update_action(aid, status="finished")
    with pytest.raises(InputError, match="cannot be empty"):
        ws.add_action(rid, "   ")


@pytest.mark.parametrize("call, message", [
    (lambda ws, r: ws.new_review("", "send-review"), "name cannot be empty"),
    (lambda ws, r: ws.new_review("X", "no-such-framework"), "There is no framework"),
    (lambda ws, r: ws.new_review("X", "send-review", scope=["2", "12"]), "Area 12 is not in"),
    (lambda ws, r: ws.new_review("X", "send-review", phase="university"), "phase must be one of"),
    (lambda ws, r: ws.update_review(r, date_visit="8th October"), "YYYY-MM-DD"),
    (lambda ws, r: ws.set_snapshot(r, attendance_pct=140), "between 0 and 100"),
    (lambda ws, r: ws.set_snapshot(r, on_roll="lots"), "whole number"),
    (lambda ws, r: ws.add_observation(r, room="", text="x"), "room or class cannot be empty"),
    (lambda ws, r: ws.add_observation(r, room="Y1", start="9.3am"), "HH:MM"),
    (lambda ws, r: ws.judge(r, "1.1", strengths="bad\x00byte"), "null character"),
    (lambda ws, r: ws.set_stage(r, "inspection", "complete"), "stage must be one of"),
    (lambda ws, r: ws.bundle("missing-id"), "There is no review"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(ws, call, message):
    rid = ws.new_review("Elm Row Primary", "send-review")
    count = ws.store.change_count()
    with pytest.raises(UserError, match=message):
        call(ws, rid)
    assert ws.store.change_count() == count


def test_stage_rules_are_reminders_not_locks(ws):
    rid = ws.new_review("Elm Row Primary", "send-review", scope=["1", "2"])
    reminders = ws.set_stage(rid, "reporting", "complete")
    assert ws.bundle(rid).stages[Stage.REPORTING].status == StageStatus.COMPLETE
    assert any("2 areas in scope with no judgement" in r for r in reminders)
    assert any("actions" in r for r in reminders)
    b = ws.bundle(rid)
    n = len(b.framework.area("1").statements) + len(b.framework.area("2").statements)
    assert stages.missing(b, Stage.SELF_EVALUATION) == [f"{n} statements not yet self-evaluated"]
    ws.self_evaluate(rid, "1.1", rating="developing")
    assert stages.missing(ws.bundle(rid), Stage.SELF_EVALUATION) == [f"{n - 1} statements not yet self-evaluated"]
    assert ws.bundle(rid).stages[Stage.REPORTING].completed is not None
    ws.set_stage(rid, "reporting", "in-progress")
    assert ws.bundle(rid).stages[Stage.REPORTING].completed is None


def test_identification_and_preparation_reminders_clear_as_work_is_done(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    b = ws.bundle(rid)
    assert "At least one reviewer" in stages.missing(b, Stage.IDENTIFICATION)
    ws.update_review(rid, requested_by="Head", purpose="An outside view", date_visit="2026-12-01")
    ws.add_reviewer(rid, "Ana Pereira", "Lead reviewer")
    assert stages.missing(ws.bundle(rid), Stage.IDENTIFICATION) == []
    doc = ws.add_document(rid, "SEND information report")
    ws.set_snapshot(rid, on_roll=210, sen_support=30, ehcp=4)
    assert stages.missing(ws.bundle(rid), Stage.PREPARATION) == ["1 requested document not yet received"]
    ws.update_document(doc, status="received")
    assert stages.missing(ws.bundle(rid), Stage.PREPARATION) == []


def test_the_demo_review_is_complete_and_added_once(ws, demo):
    from wss_desktop.core.demo import add_demo
    count = ws.store.change_count()
    assert add_demo(ws) == (demo, False)
    assert ws.store.change_count() == count
    b = ws.bundle(demo)
    assert b.stage_reached() == Stage.FOLLOW_UP
    statements = {s.id for s in b.framework.statements()}
    assert set(b.judgements) == statements
    assert {sa.statement_id for sa in b.self_assessments} == statements
    assert sum(e.kind == "learning-walk" for e in b.evidence) >= 8
    assert b.actions and b.snapshot.on_roll


def test_new_records_start_with_their_defaults_everywhere(ws, tmp_path):
    """A fresh action is open ("not started", medium priority) on every device."""
    rid = ws.new_review("Elm Row Primary", "send-review")
    aid = ws.add_action(rid, "Agree a TA briefing routine")
    eid = ws.add_observation(rid, room="Y2", text="Seen")
    b = ws.bundle(rid)
    assert (b.actions[0].status, b.actions[0].priority) == ("not-started", "medium")
    assert b.evidence[0].look_fors == []
    assert "1 action still open" in stages.missing(b, Stage.FOLLOW_UP)
    logged = {(c.rec, c.field): c.value for c in ws.store.changes(review_id=rid)}
    assert logged[(aid, "status")] == "not-started"
    assert logged[(eid, "look_fors")] == []
