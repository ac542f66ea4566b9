"""Surveys handed out and collected back: made by the app, filled in, imported."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sync_support import fast_kdf, memory_keyring  # noqa: F401 (fixtures)
from voices_support import body_text, fill_google, fill_ms_forms, fill_xlsx, norm
from wss_desktop.core import reports, surveys
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.reports.survey_results import CHART_AXIS
from wss_desktop.core.surveys import SurveyFileError

def expected(q, answers: list[list[str]]) -> dict[str, Counter]:
    return {x.id: Counter(row[i] for row in answers if row[i])
            for i, x in enumerate(q.questions) if x.kind == "choice"}


@pytest.fixture
def review(ws):
    return ws.new_review("Elm Park Primary (fictional)", "send-review")


def imported(ws, rid, path, group):
    returns = ws.read_survey_returns(rid, path, group)
    clean = returns.without_names()
    return ws.store_survey(rid, clean, names_removed=clean.removed_count(returns)), returns


def test_forms_exports_and_the_spreadsheet_become_evidence_with_charts(ws, review, tmp_path):
    rid = review
    ms, google, pupils = tmp_path / "ms.csv", tmp_path / "google.csv", tmp_path / "pupils.xlsx"
    ws.make_survey(rid, "parents", ms, service="microsoft")
    ws.make_survey(rid, "parents", google, service="google")
    ws.make_survey(rid, "pupils", pupils)
    q_parents = ws.survey_questionnaire(rid, "parents")
    q_pupils = ws.survey_questionnaire(rid, "pupils")
    filled = {"ms": fill_ms_forms(ms, q_parents, 60, 1), "google": fill_google(google, q_parents, 60, 2),
              "pupils": fill_xlsx(pupils, q_pupils, 30, 3)}
    ids = {}
    for key, path, group in (("ms", ms, "parents"), ("google", google, "parents"),
                             ("pupils", pupils, "pupils")):
        ids[key], returns = imported(ws, rid, path, group)
        assert returns.source == {"ms": "microsoft-forms", "google": "google-forms",
                                  "pupils": "xlsx"}[key]
    b = ws.bundle(rid)
    assert len(b.surveys) == 3
    for key, q in (("ms", q_parents), ("google", q_parents), ("pupils", q_pupils)):
        s = next(x for x in b.surveys if x.id == ids[key])
        answered = [row for row in filled[key] if any(row)]
        questions, responses = surveys.stored(s)
        assert len(responses) == len(answered) == (30 if key == "pupils" else 60)
        want = expected(q, filled[key])
        for d in surveys.distributions(questions, responses):
            got = {c: n for c, n in d.counts if c != surveys.NO_ANSWER and n}
            assert got == dict(want[d.question.id]), d.question.id
        ev = next(e for e in b.evidence if e.id == s.evidence_id)
        assert ev.kind == ("pupil-voice" if key == "pupils" else "parent-voice")
        assert sorted(b.statements_of(ev.id)) == sorted(q.statements())
        for stored in responses:
            text = " ".join(v for v in stored if v)
            for name in ("Patel", "Kacper", "Jonah", "Amira"):
                assert name not in text
    parents = next(x for x in b.surveys if x.id == ids["ms"])
    assert parents.names_removed and parents.names_removed > 0
    assert set(b.statements_of(parents.evidence_id)) >= {"4.2", "4.3", "4.5", "4.6"}
    assert "4.3" in [s for s in q_parents.statements()]

    path = tmp_path / "full.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.FULL), path)
    text = body_text(path)
    refs = b.evidence_refs()
    assert "What the surveys said" in text
    for s in b.surveys:
        assert norm(f"{s.title} ({refs[s.evidence_id]})") in text
    assert text.count(CHART_AXIS) == 3
    assert norm("60 responses, from a Microsoft Forms export") in text
    assert norm("60 responses, from a Google Forms export") in text
    assert norm("30 responses, from the survey spreadsheet") in text
    assert norm("[name removed] has been wonderful with [name removed] this year.") in text
    # Cited in the findings like other evidence: statement 4.3 lists both parent surveys.
    fv = sorted(refs[s.evidence_id] for s in b.surveys if s.group_id == "parents")
    assert all(ref.startswith("FV") for ref in fv)
    assert re.search(rf"4\.3 .*?Evidence: [^.]*{fv[0]}, {fv[1]}", text)


@pytest.fixture
def parents_csv(ws, review, tmp_path):
    path = tmp_path / "parents.csv"
    ws.make_survey(review, "parents", path)
    fill_ms_forms(path, ws.survey_questionnaire(review, "parents"), 12, 9)
    return path


def _rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows = change(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


BAD_FILES = {
    "wrong columns": (lambda rows: [[h.replace("informed", "told") for h in rows[0]], *rows[1:]],
                      "does not match the parents and carers survey"),
    "added column": (lambda rows: [rows[0] + ["Favourite colour"], *[r + ["blue"] for r in rows[1:]]],
                     "has a column that is not in the parents and carers survey"),
    "duplicate submission": (lambda rows: [*rows, rows[3]], "has the same submission twice"),
    "header only": (lambda rows: rows[:1], "no responses"),
    "not an export": (lambda rows: [["Name", "Score"], ["Ann", "3"]], "does not look like a survey export"),
    "answer not offered": (lambda rows: [rows[0], [*rows[1][:6], "Maybe", *rows[1][7:]]],
                           "which is not one of its answers"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gets_one_sentence_and_nothing_is_imported(ws, review, parents_csv, case):
    change, words = BAD_FILES[case]
    _rewrite(parents_csv, change)
    before = ws.bundle(review)
    with pytest.raises(SurveyFileError) as err:
        ws.read_survey_returns(review, parents_csv, "parents")
    message = str(err.value)
    assert words in message
    assert message.count(". ") == 0 and message.endswith("."), message
    after = ws.bundle(review)
    assert (len(after.surveys), len(after.evidence)) == (len(before.surveys), len(before.evidence))


def test_a_different_survey_is_named(ws, review, tmp_path):
    path = tmp_path / "pupils.csv"
    ws.make_survey(review, "pupils", path, service="google")
    fill_google(path, ws.survey_questionnaire(review, "pupils"), 5, 4)
    with pytest.raises(SurveyFileError, match="holds the answers to the pupils survey, not the "
                                              "parents and carers one"):
        ws.read_survey_returns(review, path, "parents")


def test_an_empty_file_and_a_spreadsheet_with_formulas(ws, review, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(SurveyFileError, match="is empty"):
        ws.read_survey_returns(review, empty, "parents")
    book = tmp_path / "pupils.xlsx"
    ws.make_survey(review, "pupils", book)
    fill_xlsx(book, ws.survey_questionnaire(review, "pupils"), 4, 5)
    wb = load_workbook(book)
    wb["Responses"]["C3"] = '=IF(B3>1,"Yes","No")'
    wb.save(book)
    with pytest.raises(SurveyFileError, match="has a formula in cell C3"):
        ws.read_survey_returns(review, book, "pupils")
    assert ws.bundle(review).surveys == []


def test_the_same_returns_twice_are_refused(ws, review, parents_csv):
    imported(ws, review, parents_csv, "parents")
    with pytest.raises(SurveyFileError, match="imported already"):
        ws.read_survey_returns(review, parents_csv, "parents")
    assert len(ws.bundle(review).surveys) == 1


@pytest.mark.parametrize("text, names", [
    ("Mrs Patel has been wonderful with Kacper this year.", ["Mrs Patel", "Kacper"]),
    ("My son Jonah loves the nurture group.", ["Jonah"]),
    ("Amira Khan in Year 4 needs more help.", ["Amira Khan"]),
    ("Communication could be more regular. The SENCO is kind.", []),
    ("Will the school offer more clubs in May?", []),
])
def test_names_in_comments_are_found(text, names):
    assert surveys.find_names(text) == names


def test_names_can_be_kept_when_the_person_chooses(ws, review, parents_csv):
    returns = ws.read_survey_returns(review, parents_csv, "parents")
    assert returns.names
    sid = ws.store_survey(review, returns)
    stored = ws.bundle(review).surveys[0]
    assert stored.id == sid and not stored.names_removed
    assert any("Patel" in " ".join(v for v in r if v) for r in surveys.stored(stored)[1])


def test_typed_in_from_paper_and_a_framework_survey_feeds_the_gaps(ws, tmp_path):
    rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
    q = ws.survey_questionnaire(rid, "ta")
    assert q.template == "framework"
    choice = [x for x in q.questions if x.kind == "choice"]
    rows = [["Year 2 TA"] + ["3"] * len(choice) + ["Mr Jones asks for our views."],
            [""] + ["5"] * len(choice) + [""]]
    returns = ws.survey_from_rows(rid, "ta", rows)
    assert returns.source == "paper" and returns.count == 2
    assert [n.name for n in returns.names] == ["Mr Jones"]
    clean = returns.without_names()
    ws.store_survey(rid, clean, names_removed=1)
    b = ws.bundle(rid)
    assert len(b.respondent_answers) == 2
    assert b.respondent_answers[0].answers["1.1"] == "3"
    questions, responses = surveys.stored(b.surveys[0])
    assert surveys.details(questions, responses[0]) == {"role": "Year 2 TA"}
    assert "Mr Jones" not in str(responses)


@pytest.mark.parametrize("large, easy", [(False, False), (True, False), (False, True)])
def test_printable_questionnaire(ws, review, tmp_path, large, easy):
    path = tmp_path / "q.pdf"
    ws.make_survey(review, "pupils", path, large_print=large, easy_read=easy)
    reader = PdfReader(path)
    text = norm(" ".join(p.extract_text() for p in reader.pages))
    q = ws.survey_questionnaire(review, "pupils", easy_read=easy)
    for x in q.questions:
        assert norm(x.text) in text
    assert reader.metadata.title == q.title
    if easy:
        assert "Happy" in text and "Sad" in text


def test_easy_read_sentences_are_short():
    from wss_desktop.core.frameworks import Library
    q = surveys.voice_template("pupils-easy-read", Library.load(None).get("send-review"))
    assert q.easy_read
    for x in q.questions:
        assert len(x.text.split()) <= 6, x.text


@pytest.mark.usefixtures("memory_keyring", "fast_kdf")
def test_imported_surveys_sync_to_the_other_computers(tmp_path, shared):
    """Returns imported on two computers, with names taken out, arrive whole on the
    other (the answers, the evidence they became and its links, the answer sheets)."""
    from sync_support import Device, state
    from wss_desktop.core import gaps

    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    try:
        rid = a.ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
        a.sync(shared)
        b.sync(shared)
        parents = tmp_path / "parents.csv"
        a.ws.make_survey(rid, "parents", parents, service="microsoft")
        answers = fill_ms_forms(parents, a.ws.survey_questionnaire(rid, "parents"), 300, seed=4)
        sheet = tmp_path / "teachers.xlsx"
        b.ws.make_survey(rid, "teacher", sheet)
        fill_xlsx(sheet, b.ws.survey_questionnaire(rid, "teacher"), 40, seed=5)
        imported(a.ws, rid, parents, "parents")
        imported(b.ws, rid, sheet, "teacher")
        for device in (a, b, a):
            device.sync(shared, passphrase=None)
        assert state(a.ws) == state(b.ws)
        got = b.ws.bundle(rid)
        assert sorted(s.group_id for s in got.surveys) == ["parents", "teacher"]
        survey = next(s for s in got.surveys if s.group_id == "parents")
        q, responses = surveys.stored(survey)
        assert len(responses) == 300
        assert {x.id: Counter(c for c, n in d.counts for _ in range(n) if c != surveys.NO_ANSWER)
                for x, d in ((d.question, d) for d in surveys.distributions(q, responses))} == \
            expected(a.ws.survey_questionnaire(rid, "parents"), answers)
        ev = next(e for e in got.evidence if e.id == survey.evidence_id)
        assert set(got.statements_of(ev.id)) == set(a.ws.survey_questionnaire(rid, "parents").statements())
        assert "Patel" not in str(survey.responses)
        assert [people for g, _, people in gaps.compare(got).groups if g == "teacher"] == [40]
        assert gaps.to_json(got) == gaps.to_json(a.ws.bundle(rid))
    finally:
        a.close()
        b.close()


def test_the_fingerprint_of_returns_is_what_earlier_versions_stored(ws, review, tmp_path):
    """So returns imported before the import was made faster are still known again."""
    import hashlib

    path = tmp_path / "ms.csv"
    ws.make_survey(review, "parents", path, service="microsoft")
    fill_ms_forms(path, ws.survey_questionnaire(review, "parents"), 25, seed=9)
    with open(path, "a", encoding="utf-8", newline="") as fh:  # a row with no answers is skipped
        fh.write("99,10/1/26 9:00:00,10/1/26 9:04:00,anonymous,\r\n")
    returns = ws.read_survey_returns(review, path, "parents")
    assert returns.count == 25
    digest = hashlib.sha256()
    for r in returns.responses:
        digest.update("\x1f".join(map(str, r)).encode())
        digest.update(b"\x1e")
    assert returns.fingerprint == digest.hexdigest()[:24]


def test_responses_are_kept_by_question_and_the_earlier_rows_are_still_read(ws, review, tmp_path):
    from wss_desktop.core import model

    path = tmp_path / "ms.csv"
    ws.make_survey(review, "parents", path, service="microsoft")
    q = ws.survey_questionnaire(review, "parents")
    fill_ms_forms(path, q, 40, seed=3)
    sid, returns = imported(ws, review, path, "parents")
    survey = ws.store.get(model.Survey, sid)
    assert survey.responses["count"] == 40 == surveys.response_count(survey)
    choice = next(i for i, x in enumerate(q.questions) if x.kind == "choice")
    assert isinstance(survey.responses["columns"][choice], str)
    asked, rows = surveys.stored(survey)
    assert rows == returns.without_names().responses
    # a survey saved before, as a list of rows with each choice as its number
    earlier = [[None if v is None else (asked[i].choices.index(v) if asked[i].kind == "choice" else v)
                for i, v in enumerate(row)] for row in rows]
    old = ws.store.create(model.Survey, {"review_id": review, "group_id": "parents",
                                         "template": survey.template, "title": survey.title,
                                         "questions": survey.questions, "responses": earlier})
    again = ws.store.get(model.Survey, old)
    assert surveys.stored(again)[1] == rows and surveys.response_count(again) == 40


def test_answers_typed_in_from_paper_are_kept_per_questionnaire_until_saved_or_the_review_goes(ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    rows = [["1", "2", "Ellie helps me."], ["3", "", ""]]
    assert ws.paper_draft(rid, "pupils", True) is None
    ws.keep_paper_draft(rid, "pupils", True, rows)
    assert ws.paper_draft(rid, "pupils", True) == rows
    assert ws.paper_draft(rid, "pupils", False) is None           # each questionnaire its own
    assert ws.paper_drafts(rid) == [("pupils", True, 2)]
    ws.keep_paper_draft(rid, "pupils", True, [["", "", ""]])       # nothing typed: nothing kept
    assert ws.paper_draft(rid, "pupils", True) is None
    ws.keep_paper_draft(rid, "parents", False, rows)
    assert not [c for c in ws.store.changes() if "Ellie" in str(c.value)]   # never sent to colleagues
    ws.delete_review(rid)
    assert ws.paper_drafts(rid) == [] and ws.paper_draft(rid, "parents", False) is None


def damaged_copy(good, bad, *, part: str = "xl/worksheets/sheet") -> None:
    """A copy of the workbook `good` whose sheets' XML is cut off half-way, as a
    download or an email attachment stopped part-way leaves it."""
    import zipfile
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            out.writestr(item, data[: len(data) // 2] if item.filename.startswith(part) else data)


def test_a_workbook_damaged_inside_is_one_sentence(tmp_path):
    """Before, a workbook whose sheet's XML was cut off stopped the import with
    ElementTree's ParseError (a SyntaxError), which the screen does not catch."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Responses"
    book.active.append(["Timestamp", "Q1"])
    book.active.append(["2026-11-20", "3"])
    book.save(tmp_path / "returns.xlsx")
    damaged_copy(tmp_path / "returns.xlsx", tmp_path / "damaged.xlsx")
    with pytest.raises(SurveyFileError, match="cannot be read as an Excel workbook"):
        surveys.read_table(tmp_path / "damaged.xlsx")
