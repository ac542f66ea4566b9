"""The printed questionnaire is a tagged PDF (PDF/UA-1 as the target), read back with
the same checks as the reports (tests/core/test_reports_pdf_ua.py): the `pdfua`
checker with no rule skipped, pdfinfo's Tagged and Metadata, pdffonts' embedded fonts,
and the reading order of the structure tree. Every edition: a parents' questionnaire,
a framework questionnaire, the easy-read pupils' faces, each also in large print."""

from __future__ import annotations

import re

import pikepdf
import pytest
from report_pdfs import poppler

from voices_support import norm

EDITIONS = [("parents", False, False), ("parents", True, False), ("pupils", False, True),
            ("pupils", True, True), ("school", False, False), ("teacher", False, False),
            ("teacher", True, False)]


def edition_id(edition) -> str:
    group, large, easy = edition
    return group + ("-easy-read" if easy else "") + ("-large" if large else "")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from wss_desktop.core.workspace import Workspace

    ws = Workspace.open(tmp_path_factory.mktemp("data"))
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    ta = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")  # 1 to 10 and N/A
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for edition in EDITIONS:
        group, large, easy = edition
        path = folder / f"{edition_id(edition)}.pdf"
        review = ta if group == "teacher" else rid
        ws.make_survey(review, group, path, large_print=large, easy_read=easy)
        out[edition] = (path, ws.survey_questionnaire(review, group, easy_read=easy))
    yield out
    ws.close()


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_pdfua_finds_no_errors(made, edition):
    from pdfua import Severity, validate

    report = validate(str(made[edition][0]))
    skipped = [(o.rule_id, o.skipped_reason) for o in report.outcomes if o.skipped_reason]
    assert skipped == []
    findings = [(f.rule_id, f.message) for f in report.findings
                if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert findings == []


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_tagged_with_only_embedded_fonts_language_and_identifier(made, edition):
    path, q = made[edition]
    info = poppler("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Metadata Stream:\s+yes$", info, re.M)
    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    assert fonts
    for line in fonts:
        assert line.split()[-5] == "yes", line
        assert "Helvetica" not in line.split()[0]
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert bool(pdf.Root.MarkInfo.Marked)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert meta.get("dc:title") == q.title


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_reading_order_is_title_then_each_question_with_its_answers(made, edition):
    path, q = made[edition]
    text = poppler("pdfinfo", "-struct-text", str(path))
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 (poppler drops spaces at line ends)
    flat = squash(text)
    title = re.search(r'^\s+H1 \(block\)\n\s+"(.*)"$', text, re.M)
    assert title and squash(title.group(1)) == squash(q.title)
    headings = [squash(m.group(1)) for m in re.finditer(r'^\s+H2 \(block\)\n\s+"(.*)"$', text, re.M)]
    assert headings == [squash(f"{n}. {x.text}") for n, x in enumerate(q.questions, 1)]
    at = 0
    for x in q.questions:  # each question's answers follow it, in order
        at = flat.index(squash(x.text), at)
        for choice in x.choices:
            at = flat.index(squash(f'"{choice}"'), at)
    # the answers of a question are a list a screen reader can count
    assert text.count("L (block)") >= sum(1 for x in q.questions if x.choices)
    assert "Thankyouforyouranswers." in flat


def test_the_faces_are_figures_saying_what_they_show(made):
    path, q = made[("pupils", False, True)]
    alts = []

    def walk(elem):
        if elem.get("/S") == "/Figure":
            alts.append(str(elem.get("/Alt", "")))
        kids = elem.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K[0])
    faces = sum(len(x.choices) for x in q.questions if x.kind == "choice")
    assert len(alts) == faces
    assert all(re.fullmatch(r"(Happy|In-between|Sad) face", a) for a in alts), set(alts)
    assert "Happy face" in alts and "Sad face" in alts


def test_tick_boxes_and_writing_lines_are_not_read_out(made):
    path, q = made[("parents", False, False)]
    text = norm(poppler("pdfinfo", "-struct-text", str(path)))
    assert "Figure" not in text  # boxes and ruled lines are drawn as artifacts


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_no_answer_has_a_word_broken_across_lines(made, edition):
    path, q = made[edition]
    words = set(poppler("pdftotext", "-raw", str(path), "-").split())
    for x in q.questions:
        for choice in x.choices:
            for word in choice.split():
                assert word in words, (choice, word)
