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


# --- the factual-accuracy round ------------------------------------------------------------

from openpyxl import load_workbook  # noqa: E402

from wss_desktop.core import accuracy  # noqa: E402
from wss_desktop.core.accuracy import AccuracyFileError  # noqa: E402


@pytest.fixture
def drafted(ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review", scope=["4"])
    ws.judge(rid, "4.2", rating="developing", strengths="Parents attend every review meeting.")
    return rid


def fill(path, comments: dict[str, str]) -> None:
    wb = load_workbook(path)
    sheet = wb["Comments"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in comments:
            row[3].value = comments[row[0].value]
    wb.save(path)


def test_the_school_comments_on_the_draft_and_each_is_resolved_before_checking(ws, drafted, tmp_path):
    rid = drafted
    out = accuracy.export_for_school(ws, rid, tmp_path)
    assert out.pdf.exists() and out.sheet.exists()
    assert "DRAFT" in body_text(out.pdf).upper()
    refs = [r[0].value for r in load_workbook(out.sheet)["Comments"].iter_rows(min_row=2)]
    assert refs[:6] == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"] and "summary" in refs
    fill(out.sheet, {"4.2": "Parents attend most, not every, review meeting.",
                     "context": "The roll is 212, not 221."})
    added = accuracy.import_from_school(ws, rid, out.sheet)
    assert len(added) == 2
    assert accuracy.import_from_school(ws, rid, out.sheet) == []      # not twice
    opened = accuracy.open_comments(ws, rid)
    assert {(c.target_id, c.text) for c in opened} == {
        ("4.2", "Parents attend most, not every, review meeting."),
        (None, "The school and its data: The roll is 212, not 221.")}
    with pytest.raises(InputError, match="still open"):
        ws.mark_report_checked(rid, "full", "Alex Moderator (fictional)")
    for c in opened:
        ws.resolve_report_comment(c.id, "Sam Reviewer (fictional)")
    ws.mark_report_checked(rid, "full", "Alex Moderator (fictional)")
    assert ws.report_draft(rid, "full").checked_by == "Alex Moderator (fictional)"


def test_a_foreign_or_spoilt_sheet_is_one_sentence_and_nothing_is_imported(ws, drafted, tmp_path):
    rid = drafted
    other = ws.new_review("Oak Lane Primary (fictional)", "send-review", scope=["4"])
    (tmp_path / "other").mkdir()
    theirs = accuracy.export_for_school(ws, other, tmp_path / "other")
    fill(theirs.sheet, {"4.1": "A comment for the other school."})
    with pytest.raises(AccuracyFileError, match="comments sheet of another review"):
        accuracy.import_from_school(ws, rid, theirs.sheet)
    mine = accuracy.export_for_school(ws, rid, tmp_path)
    wb = load_workbook(mine.sheet)
    wb["Comments"]["D3"] = "=1+1"
    wb.save(mine.sheet)
    with pytest.raises(AccuracyFileError, match="formula in cell D3"):
        accuracy.import_from_school(ws, rid, mine.sheet)
    assert accuracy.open_comments(ws, rid) == []


@pytest.mark.parametrize("name, content", [
    ("comments.csv", b"Ref,Part,Draft,Comment\n4.2,Statement,x,Parents attend most\n"),   # saved as CSV
    ("comments.ods", b"PK\x03\x04 not really a spreadsheet"),                              # another program's
    ("comments.xlsx", b"these are not the bytes of a workbook"),                            # damaged
])
def test_a_sheet_saved_in_another_form_is_one_sentence_and_nothing_is_imported(ws, drafted, tmp_path,
                                                                                 name, content):
    """Before, a sheet saved as CSV (or any name but .xlsx) stopped the import with
    openpyxl's InvalidFileException, which the screen does not catch."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AccuracyFileError, match="cannot be read as an Excel workbook"):
        accuracy.import_from_school(ws, drafted, path)
    assert accuracy.open_comments(ws, drafted) == []


def test_a_sheet_damaged_inside_is_one_sentence_and_nothing_is_imported(ws, drafted, tmp_path):
    """Before, a sheet whose XML was cut off (a download stopped part-way) stopped the
    import with ElementTree's ParseError, which the screen does not catch."""
    from test_surveys import damaged_copy
    out = accuracy.export_for_school(ws, drafted, tmp_path)
    fill(out.sheet, {"4.2": "Parents attend most, not every, review meeting."})
    damaged_copy(out.sheet, tmp_path / "damaged.xlsx")
    with pytest.raises(AccuracyFileError, match="cannot be read as an Excel workbook"):
        accuracy.import_from_school(ws, drafted, tmp_path / "damaged.xlsx")
    assert accuracy.open_comments(ws, drafted) == []


@pytest.mark.parametrize("change", ["answers", "figure", "feedback"])
def test_a_checked_report_is_a_draft_again_when_a_voice_changes(ws, change):
    rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
    ws.mark_report_checked(rid, "full", "Alex Moderator (fictional)")
    assert ws.report_draft(rid, "full").checked_by
    if change == "answers":
        ws.add_respondent_answers(rid, "ta", {"1.1": "3"})
    elif change == "figure":
        ws.set_school_figure(rid, "attendance_pct", send=90)
    else:
        ws.set_verbal_feedback(rid, agreed="Share the timetable.")
    assert ws.report_draft(rid, "full").checked_by is None
