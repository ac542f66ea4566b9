"""The consistency check a reviewer runs before issuing a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wss_desktop.core.demo import add_demo
from wss_desktop.core.frameworks import Library
from wss_desktop.core.reports import FindingKind, consistency_check, default_paragraphs, tension
from wss_desktop.core.reports.consistency import measure_on_labels
from wss_desktop.core.reports.tone import tone, words
from wss_desktop.core.workspace import Workspace


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "data")
    yield workspace
    workspace.close()


def kinds_for(findings, kind):
    return [f for f in findings if f.kind is kind]


def test_demo_findings_point_at_statements(ws):
    rid, _ = add_demo(ws)
    findings = consistency_check(ws.bundle(rid))
    gaps = kinds_for(findings, FindingKind.RATING_GAP)
    assert [f.statement_id for f in gaps] == ["3.7"]  # school established, reviewer emerging
    assert "Established" in gaps[0].message and "Emerging" in gaps[0].message
    # Each of the demo's contrasts says where practice is and is not seen ("used well in
    # Key Stage 1 ... less consistent in Years 5 and 6"): fair findings, not contradictions.
    assert not kinds_for(findings, FindingKind.TENSION)
    assert not kinds_for(findings, FindingKind.RATING_TEXT)
    assert not kinds_for(findings, FindingKind.SCHOOL_RATING_TEXT)
    unlinked = {f.statement_id for f in kinds_for(findings, FindingKind.NO_EVIDENCE)}
    assert "1.2" in unlinked and "1.1" not in unlinked
    assert not kinds_for(findings, FindingKind.AREA_UNJUDGED)
    assert not kinds_for(findings, FindingKind.ACTION_INCOMPLETE)
    order = [f.kind for f in findings]
    assert order == sorted(order, key=list(FindingKind).index)


def test_actions_without_owner_or_date(ws):
    rid = ws.new_review("Oak School", "send-review")
    no_owner = ws.add_action(rid, "Train TAs in prompting", due="2027-01-31")
    neither = ws.add_action(rid, "Review the provision map")
    ws.add_action(rid, "Complete", owner="SENCO", due="2027-02-01")
    found = {f.action_id: f.message for f in
             kinds_for(consistency_check(ws.bundle(rid)), FindingKind.ACTION_INCOMPLETE)}
    assert set(found) == {no_owner, neither}
    assert "no owner." in found[no_owner].replace(" Agree", ".")
    assert "owner or due date" in found[neither]


def test_areas_in_scope_with_no_judgement(ws):
    rid = ws.new_review("Elm School", "send-review", scope=["2", "4"])
    ws.judge(rid, "2.1", rating="developing", strengths="Clear vision.")
    found = kinds_for(consistency_check(ws.bundle(rid)), FindingKind.AREA_UNJUDGED)
    assert [f.area_id for f in found] == ["4"]


def test_empty_review_lists_every_area(ws):
    rid = ws.new_review("Ash School", "send-review")
    findings = consistency_check(ws.bundle(rid))
    assert len(findings) == len(ws.bundle(rid).framework.areas)


def test_not_applicable_statements_need_no_evidence(ws):
    rid = ws.new_review("Yew School", "send-review")
    ws.judge(rid, "1.1", rating="na")
    assert not kinds_for(consistency_check(ws.bundle(rid)), FindingKind.NO_EVIDENCE)


@pytest.mark.parametrize("strengths, consider, expected", [
    ("Visual timetables are used well.", "Visual timetables were not updated and were "
     "rarely referred to.", "visual timetables"),
    ("Visual timetables are used well in Year 3.", "Visual timetables were not updated in Year 5.",
     None),
    ("Parents value the SENCO's quick replies.", "Parents were unsure whom to contact and "
     "replies were slow.", "parents"),
    ("Parents value the SENCO's quick replies.", "Some parents were unsure whom to contact.",
     None),
    ("The provision map is clear.", "Add intended outcomes to the provision map.", None),
    ("Mr Dvořák's phonics groups are lively.", "Mr Dvořák's phonics groups are poorly "
     "matched to need and rarely checked.", "dvořák's phonics"),
    ("Reading books match phonics stages.", "Plan TA training for the spring term.", None),
    ("", "Anything at all.", None),
])
def test_tension_heuristic(strengths, consider, expected):
    assert tension(strengths, consider) == expected


def test_words_keep_letters_of_every_language():
    assert words("Mr Dvořák, Zoë and Łukasz\u2019s group") == ["mr", "dvořák", "zoë", "and",
                                                              "łukasz's", "group"]


@pytest.fixture
def visit(ws):
    return ws.new_review("Rowan Primary", "send-review", date_visit="2026-10-08")


def test_high_rating_over_weak_text_is_flagged_in_plain_words(ws, visit):
    weak = ("Behaviour routines are weak and inconsistent, and two pupils with SEND were "
            "removed from lessons during the morning.")
    ws.judge(visit, "3.5", rating="enhanced", strengths=weak, consider="")
    ws.judge(visit, "3.6", rating="established", strengths="Phonics is taught with precision.",
             consider="Extend catch-up to older pupils.")
    found = kinds_for(consistency_check(ws.bundle(visit)), FindingKind.RATING_TEXT)
    assert [f.statement_id for f in found] == ["3.5"]
    assert "is rated Enhanced, but its findings say" in found[0].message
    assert "routines are weak and inconsistent" in found[0].message
    # and it is not offered as something that works well
    paras = default_paragraphs(ws.bundle(visit))
    assert "routines are weak" not in paras["strengths"]
    assert "Phonics is taught with precision." in paras["strengths"]


def test_low_rating_with_only_praise_is_flagged(ws, visit):
    ws.judge(visit, "2.4", rating="emerging", strengths="Training is excellent and staff use "
             "it consistently and confidently in every class.", consider="")
    found = kinds_for(consistency_check(ws.bundle(visit)), FindingKind.RATING_TEXT)
    assert [f.statement_id for f in found] == ["2.4"]
    assert "rated Emerging, but its findings say only good things" in found[0].message


def test_school_rating_against_its_own_comment(ws, visit):
    ws.self_evaluate(visit, "4.4", rating="enhanced", comment="We have not started this yet.")
    ws.self_evaluate(visit, "4.5", rating="enhanced", comment="Every pupil we asked could name "
                     "an adult they trust, and families tell us their children feel safe.")
    found = kinds_for(consistency_check(ws.bundle(visit)), FindingKind.SCHOOL_RATING_TEXT)
    assert [f.statement_id for f in found] == ["4.4"]
    assert "The school rated statement 4.4 Enhanced, but its own comment says" in found[0].message
    assert "says \u201cWe have not started this yet\u201d. Talk this through" in found[0].message


def test_text_under_not_applicable(ws, visit):
    ws.judge(visit, "8.6", rating="na", strengths="Ramps at both entrances.")
    ws.judge(visit, "8.7", rating="na")
    found = kinds_for(consistency_check(ws.bundle(visit)), FindingKind.NA_WITH_TEXT)
    assert [f.statement_id for f in found] == ["8.6"]
    assert "Not applicable" in found[0].message


def test_action_due_before_the_visit(ws, visit):
    early = ws.add_action(visit, "Train TAs in prompting", owner="SENCO", due="2026-09-01")
    ws.add_action(visit, "Report to governors", owner="SENCO", due="2026-11-01")
    ws.add_action(visit, "Old idea", owner="SENCO", due="2026-09-01", status="dropped")
    found = kinds_for(consistency_check(ws.bundle(visit)), FindingKind.ACTION_BEFORE_VISIT)
    assert [f.action_id for f in found] == [early]
    assert "due on 1 September 2026, before the review visit on 8 October 2026" in found[0].message


def test_rating_against_text_on_the_labelled_set():
    """Precision and recall on hand-written statement texts (tests/data); the bench script
    bench/bench_consistency.py records the same figures in bench/results.json."""
    items = json.loads((Path(__file__).parent.parent / "data" /
                        "consistency_labelled.json").read_text(encoding="utf-8"))
    assert len(items) >= 60
    scale = Library.load().get("send-review").scale
    m = measure_on_labels(items, scale)
    assert m["recall"] >= 0.9, m["wrong"]
    assert m["precision"] >= 0.8, m["wrong"]


@pytest.mark.parametrize("text, reads_as", [
    ("Exclusions of pupils with SEND have fallen sharply.", "praise"),
    ("Fewer incidents are logged at lunchtime.", "praise"),
    ("Exclusions are rising.", "weakness"),
    ("No pupils were removed from lessons.", "praise"),
    ("Routines are not consistent.", "weakness"),
    ("We run catch-up for pupils who are falling behind.", "neither"),
    ("Share the plan with parents and check it is working.", "neither"),
])
def test_tone_reads_negation_direction_and_advice(text, reads_as):
    said = tone(text)
    found = ("praise" if said.praise > said.weakness else
             "weakness" if said.weakness > said.praise else "neither")
    assert found == reads_as, said
