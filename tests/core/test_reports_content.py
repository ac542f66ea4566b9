"""What the reports say: the governors' summary's choices and the wording drafted
from the review (read back from the PDF where a reader would see it)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from report_pdfs import header_says

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


# --- machine-made wording ---------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_full(tmp_path_factory):
    from wss_desktop.core.demo import add_demo
    from wss_desktop.core.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("data"))
    rid, _ = add_demo(ws)
    path = tmp_path_factory.mktemp("pdf") / "full.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.FULL), path)
    yield ws, rid, pdf_text(path)
    ws.close()


def test_missing_evidence_is_said_once(demo_full):
    ws, rid, text = demo_full
    assert "none linked yet" not in text
    unlinked = [s.id for s in c.statements_in_scope(ws.bundle(rid))
                if s.id in ws.bundle(rid).judgements
                and not ws.bundle(rid).evidence_for_statement(s.id)]
    assert len(unlinked) > 10
    assert text.count("no evidence linked") == 1
    assert f"{len(unlinked)} statements have no evidence linked yet" in text


def test_framework_and_scope_read_naturally(demo_full):
    _, _, text = demo_full
    assert "used SEND Review Guide" not in text and "areas of it" not in text
    assert "The review used the SEND Review Guide and looked at all eight of its areas" in text


def test_evidence_counts_in_natural_english(ws):
    rid = ws.new_review("Holly Primary", "send-review")
    ws.add_evidence(rid, "data", title="Attendance")
    ws.add_evidence(rid, "pupil-voice", title="Year 5 group")
    ws.add_evidence(rid, "meeting", title="SENCO")
    ws.add_evidence(rid, "meeting", title="Head")
    words = c.evidence_counts(ws.bundle(rid))
    assert words == "two meetings, one set of school data and one pupil voice session"


@pytest.mark.parametrize("teacher, tas, adults", [
    (True, 0, "Teacher, no TA"), (True, None, "Teacher"), (None, None, "Not recorded"),
    (False, 2, "2 TAs, no teacher"), (None, 1, "1 TA"),
])
def test_adults_in_a_learning_walk_visit(ws, teacher, tas, adults):
    rid = ws.new_review("Hazel Primary", "send-review")
    details = {"room": "Owls"}
    if teacher is not None:
        details["teacher_present"] = teacher
    if tas is not None:
        details["tas"] = tas
    ws.add_evidence(rid, "learning-walk", **details)
    (visit,) = ws.bundle(rid).evidence
    assert c.walk_adults(visit) == adults


def test_walk_sentence_counts_only_what_was_recorded(ws):
    rid = ws.new_review("Hazel Primary", "send-review")
    ws.add_evidence(rid, "learning-walk", room="Owls")
    ws.add_evidence(rid, "learning-walk", room="Wrens")
    sentence = c.walk_adults_sentence(c.learning_walk(ws.bundle(rid)))
    assert "0 of them" not in sentence and "in 0" not in sentence
    assert sentence == "Who was in the room was not recorded."
    ws.add_evidence(rid, "learning-walk", room="Robins", teacher_present=True, tas=1)
    sentence = c.walk_adults_sentence(c.learning_walk(ws.bundle(rid)))
    assert sentence == ("A teacher was present in the one visit where this was noted; a "
                        "teaching assistant or other adult was present in the one visit "
                        "where this was noted.")
    ws.add_evidence(rid, "learning-walk", room="Kestrels", teacher_present=True, tas=0)
    ws.add_evidence(rid, "learning-walk", room="Herons", teacher_present=False)
    sentence = c.walk_adults_sentence(c.learning_walk(ws.bundle(rid)))
    assert sentence == ("A teacher was present in two of the three visits where this was "
                        "noted; a teaching assistant or other adult was present in one of the "
                        "two visits where this was noted.")


@pytest.mark.parametrize("school, kind", [
    ("Hollinbrook Meadow Primary School", ReportKind.FULL),
    ("The Very Long Named Saint Bartholomew-of-the-Marshes Church of England Voluntary "
     "Aided Primary School and Nursery", ReportKind.FOLLOW_UP),
])
def test_running_header_is_never_cut(school, kind):
    def fits(text: str) -> bool:
        return len(text) <= 60
    head = c.running_header(school, kind, fits)
    assert fits(head) and "\u2026" not in head.split(" \u00b7 ")[-1]
    assert head.endswith(c.SHORT_KIND[kind])


@pytest.mark.parametrize("size", [9.0, 16.0])
@pytest.mark.parametrize("school", [
    "Hollinbrook Meadow Primary School", "Rowan", "",
    "Saint Bartholomew-of-the-Marshes Church of England Primary School and Nursery",
    "The Very Long Named Saint Bartholomew-of-the-Marshes Church of England Voluntary "
    "Aided Primary School and Nursery"])
@pytest.mark.parametrize("kind", list(ReportKind))
def test_header_lines_fit_and_keep_the_name_whole_where_two_lines_can(school, kind, size):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from wss_desktop.core.reports import fonts
    from wss_desktop.core.reports.blocks import FRAME_W
    fonts.register()

    def measure(text: str) -> float:
        return stringWidth(text, fonts.REGULAR, size)
    lines = c.header_lines(school, kind, ("Draft for checking", "Draft"), FRAME_W, measure)
    assert 1 <= len(lines) <= 2
    gap = measure("\u2003")
    for left, right in lines:
        assert measure(left) + (gap + measure(right) if left and right else measure(right)) \
            <= FRAME_W
    said, status = header_says(" ".join(part for line in lines for part in line))
    assert status == "Draft"
    if len(school) <= 80 or size < 12:  # a real school's name fits whole in two lines
        assert said == f"{school} {c.SHORT_KIND[kind]}".strip()
    else:  # shortened at a word, and only then
        name, _, rest = said.partition("\u2026")
        assert school.startswith(name) and rest == " " + c.SHORT_KIND[kind]


def test_report_date_is_the_issue_date(ws, tmp_path):
    import datetime as dt
    from wss_desktop.core.model import IssuedReport
    rid = ws.new_review("Rowan Primary", "send-review")
    assert reports.options_for(ws, rid, "full").today is None
    ws.mark_report_checked(rid, "full", "Priya Natarajan", on="2026-10-19")
    pdf = tmp_path / "r.pdf"
    reports.render(ws.bundle(rid), reports.options_for(ws, rid, "full"), pdf)
    record = ws.issue_report(rid, "full", pdf)
    ws.store.update(IssuedReport, record.id, {"issued_on": "2026-10-20"})
    options = reports.options_for(ws, rid, "full")
    assert options.today == dt.date(2026, 10, 20)
    reports.render(ws.bundle(rid), options, pdf)
    assert "Report date 20 October 2026" in pdf_text(pdf)
    # a change after issuing makes it a draft again, dated the day it is made
    ws.judge(rid, "1.1", rating="developing")
    assert reports.options_for(ws, rid, "full").today is None
