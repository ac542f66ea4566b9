"""The consistency check a reviewer runs before issuing a report."""

from __future__ import annotations

import pytest

from wss_desktop.core.demo import add_demo
from wss_desktop.core.reports import FindingKind, consistency_check, tension
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
    tensions = {f.statement_id: f.message for f in kinds_for(findings, FindingKind.TENSION)}
    assert "visual timetables" in tensions["3.2"]
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
    ("Visual timetables are used well in Year 3.", "Visual timetables were not updated in Year 5.",
     "visual timetables"),
    ("Parents value the SENCO's quick replies.", "Some parents were unsure whom to contact.",
     "parents"),
    ("Reading books match phonics stages.", "Plan TA training for the spring term.", None),
    ("", "Anything at all.", None),
])
def test_tension_heuristic(strengths, consider, expected):
    assert tension(strengths, consider) == expected
