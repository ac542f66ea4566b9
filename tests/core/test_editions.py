"""The SEND Review Guide's specialist-settings edition, chosen from the review's setting."""

from __future__ import annotations

import pytest

from wss_desktop.core.errors import InputError


@pytest.mark.parametrize("details, expected", [
    ({}, "send-review"),
    ({"setting": "mainstream", "phase": "primary"}, "send-review"),
    ({"setting": "specialist"}, "send-review-specialist"),
    ({"phase": "special"}, "send-review-specialist"),
    ({"phase": "alternative-provision"}, "send-review-specialist"),
])
def test_the_edition_follows_the_setting(ws, details, expected):
    rid = ws.new_review("Riverside School (fictional)", "send-review", **details)
    b = ws.bundle(rid)
    assert (b.review.framework_id, b.framework.id) == (expected, expected)


def test_the_edition_can_be_chosen_and_switched_keeping_the_work(ws):
    rid = ws.new_review("Riverside School (fictional)", "send-review", phase="special",
                        edition="mainstream")
    assert ws.review(rid).framework_id == "send-review"
    ws.judge(rid, "8.6", rating="developing", strengths="Ramps and lifts throughout.")
    ws.self_evaluate(rid, "4.2", rating="established")
    ev = ws.add_evidence(rid, "document", statements=["8.6"], title="Accessibility plan")
    assert ws.switch_edition(rid, "specialist") == "send-review-specialist"
    b = ws.bundle(rid)
    assert b.framework.name == "SEND Review Guide: specialist settings"
    assert b.framework.statement("8.6").text.startswith("Restrictive practice is rare")
    assert b.judgements["8.6"].strengths == "Ramps and lifts throughout."
    assert b.self_assessment("4.2").rating == "established"
    assert b.statements_of(ev) == ["8.6"]
    ws.switch_edition(rid, "mainstream")
    assert ws.bundle(rid).framework.id == "send-review"
    with pytest.raises(InputError, match="edition must be one of"):
        ws.switch_edition(rid, "residential")
    other = ws.new_review("Oak Lane (fictional)", "ta-deployment", phase="special")
    assert ws.review(other).framework_id == "ta-deployment"
    with pytest.raises(InputError, match="no other editions"):
        ws.switch_edition(other, "specialist")


def test_the_specialist_edition_is_our_own_and_parallel(ws):
    main = ws.library.get("send-review")
    spec = ws.library.get("send-review-specialist")
    assert [s.id for s in main.statements()] == [s.id for s in spec.statements()]
    assert main.scale == spec.scale
    same = [s.id for s, t in zip(main.statements(), spec.statements()) if s.text == t.text]
    assert same == []
