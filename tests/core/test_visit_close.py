"""The end of the visit (verbal feedback) and the factual-accuracy round with the school."""

from __future__ import annotations

import pytest

from voices_support import body_text, norm
from wss_desktop.core import reports
from wss_desktop.core.errors import InputError
from wss_desktop.core.reports import ReportKind, ReportOptions


def test_verbal_feedback_is_recorded_and_reported(ws, tmp_path):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    ws.set_verbal_feedback(rid, date="2026-10-08", given_by="Sam Reviewer (fictional)",
                           present="Headteacher, SENCO, SEND governor",
                           said="Pupils with SEND are known well.\n\n- Transitions need planning.")
    ws.set_verbal_feedback(rid, agreed="The SENCO will share the draft provision map by half term.")
    v = ws.bundle(rid).verbal_feedback
    assert (v.present, v.agreed) == ("Headteacher, SENCO, SEND governor",
                                     "The SENCO will share the draft provision map by half term.")
    assert v.said.startswith("Pupils with SEND")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        ws.set_verbal_feedback(rid, date="8th October")
    with pytest.raises(InputError, match="not something"):
        ws.set_verbal_feedback(rid, mood="good")
    path = tmp_path / "full.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.FULL), path)
    text = body_text(path)
    assert "Feedback at the end of the visit" in text
    assert norm("Feedback was given in person at the end of the visit on 8 October 2026 by "
                "Sam Reviewer (fictional).") in text
    assert norm("What was agreed The SENCO will share the draft provision map by half term.") in text


def test_no_feedback_no_section(ws, tmp_path):
    rid = ws.new_review("Oak Lane Primary (fictional)", "send-review")
    path = tmp_path / "full.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.FULL), path)
    assert "Feedback at the end of the visit" not in body_text(path)
