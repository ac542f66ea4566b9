"""What the reports say: the governors' summary's choices and the wording drafted
from the review (read back from the PDF where a reader would see it)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from wss_desktop.core import reports
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.reports import content as c


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.fixture
def many_actions(ws):
    """Ten actions created low-priority first, so creation order and priority disagree."""
    rid = ws.new_review("Alder Vale Primary", "send-review", date_visit="2026-10-08")
    plan = [("Refresh the SEND noticeboard", "low", "2027-01-10"),
            ("Tidy the resource cupboard", "low", "2027-02-01"),
            ("Review homework policy wording", "medium", "2027-03-01"),
            ("Train TAs in prompting", "high", "2027-02-20"),
            ("Report to the full board each term", "low", "2027-04-30"),
            ("Start entry and exit measures", "high", "2027-01-15"),
            ("Name a second contact for parents", "medium", "2027-01-20"),
            ("Brief TAs daily", "high", None),
            ("Plan maths adaptations for Years 4 to 6", "high", "2027-01-15"),
            ("Label the library shelves", None, "2027-05-01")]
    ids = {}
    for title, priority, due in plan:
        details = {"owner": "SENCO"}
        if priority:
            details["priority"] = priority
        if due:
            details["due"] = due
        ids[title] = ws.add_action(rid, title, **details)
    return rid, ids


def test_summary_actions_rank_by_priority_then_due_date(ws, many_actions):
    rid, _ = many_actions
    titles = [a.title for _, a in c.summary_actions(ws.bundle(rid))]
    assert titles[:4] == ["Start entry and exit measures", "Plan maths adaptations for Years 4 to 6",
                          "Train TAs in prompting", "Brief TAs daily"]
    # an action saved without a priority is medium (the store's default)
    assert titles[4:7] == ["Name a second contact for parents", "Review homework policy wording",
                           "Label the library shelves"]
    assert titles[7:] == ["Refresh the SEND noticeboard", "Tidy the resource cupboard",
                          "Report to the full board each term"]


def test_summary_actions_keep_their_action_plan_numbers(ws, many_actions):
    rid, ids = many_actions
    refs = {a.id: ref for ref, a in c.summary_actions(ws.bundle(rid))}
    assert refs[ids["Start entry and exit measures"]] == "A6"
    assert refs[ids["Refresh the SEND noticeboard"]] == "A1"


def test_summary_pdf_lists_the_highest_priority_actions(ws, many_actions, tmp_path):
    rid, _ = many_actions
    path = tmp_path / "summary.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.SUMMARY), path)
    text = pdf_text(path)
    for title in ("Train TAs in prompting", "Start entry and exit measures", "Brief TAs daily",
                  "Plan maths adaptations"):
        assert title in text
    assert "Tidy the resource cupboard" not in text
    assert "Report to the full board" not in text
    assert "2 further actions are in the full report" in text
    assert "A further" not in text


@pytest.mark.parametrize("n, words", [
    (1, "One further action is in the full report\u2019s action plan."),
    (2, "2 further actions are in the full report\u2019s action plan."),
    (14, "14 further actions are in the full report\u2019s action plan."),
])
def test_further_actions_in_correct_english(n, words):
    assert c.further_actions(n) == words


def test_summary_bullets_keep_the_recommendation(ws):
    rid = ws.new_review("Birch Primary", "send-review")
    ws.judge(rid, "3.2", rating="developing", strengths="Visual timetables help in Year 3.",
             consider="Adaptations were less consistent in Year 6. Make writing frames routine "
                      "in upper Key Stage 2.")
    paras = c.default_paragraphs(ws.bundle(rid))
    assert "Make writing frames routine in upper Key Stage 2. (3.2)" in paras["development"]


def test_whole_sentences_never_cut_mid_sentence():
    text = "First point is here. Second point follows it. Third one is long enough to drop."
    assert c.whole_sentences(text, 48) == "First point is here. Second point follows it."
    assert c.whole_sentences(text, 10) == "First point is here."
    assert c.whole_sentences(text, 500) == text
