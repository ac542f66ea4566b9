"""Respondent groups compared: the TA Deployment Review's teacher-versus-TA gap."""

from __future__ import annotations

import statistics

import pytest

from wss_desktop.core import gaps, reports
from wss_desktop.core.errors import InputError
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.reports.consistency import FindingKind
from voices_support import body_text, norm, ta_sheets


@pytest.fixture
def ta_review(ws):
    rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
    fw = ws.bundle(rid).framework
    teachers, tas = ta_sheets(fw)
    ws.add_respondent_sheets(rid, "teacher", teachers)
    ws.add_respondent_sheets(rid, "ta", tas)
    ws.judge(rid, "2.3", rating="4", strengths="Staff meet weekly.",
             consider="TAs are rarely told the lesson plan in advance.")
    return rid, teachers, tas


def test_every_statement_has_both_medians_and_the_gap_widest_first(ws, ta_review):
    rid, teachers, tas = ta_review
    b = ws.bundle(rid)
    c = gaps.compare(b)
    assert [(g, people) for g, _, people in c.groups] == [("teacher", 12), ("ta", 15)]
    assert len(c.statements) == len(b.framework.statements())
    assert c.statements[0].statement_id == "2.3"
    assert [g.gap for g in c.statements] == sorted((g.gap for g in c.statements), reverse=True)
    for g in c.statements:
        t, a = g.groups
        tk = [int(s[g.statement_id]) for s in teachers if s[g.statement_id] != "na"]
        ak = [int(s[g.statement_id]) for s in tas]
        assert (t.label, t.count, t.median) == ("Teachers", len(tk), statistics.median(tk))
        assert (a.label, a.count, a.median) == ("Teaching assistants", 15, statistics.median(ak))
        assert (t.lowest, t.highest) == (min(tk), max(tk))
        assert g.gap == abs(t.median - a.median)
    assert c.of("1.1").groups[0].not_applicable == 1


def test_headline_is_said_on_the_ten_point_scale(ws, ta_review):
    rid, *_ = ta_review
    b = ws.bundle(rid)
    top = gaps.compare(b).statements[0]
    t, a = top.groups
    sentence = gaps.describe(b, top, widest=True)
    assert sentence == (f"Teachers put statement 2.3 at {t.median:g} out of 10, teaching "
                        f"assistants at {a.median:g}: the widest gap in the review.")


def test_a_bad_answer_sheet_changes_nothing(ws, ta_review):
    rid, *_ = ta_review
    before = len(ws.bundle(rid).respondent_answers)
    with pytest.raises(InputError, match="Answer sheet 2, statement 1.2"):
        ws.add_respondent_sheets(rid, "ta", [{"1.1": "3"}, {"1.2": "eleven"}])
    with pytest.raises(InputError, match="answered by"):
        ws.add_respondent_sheets(rid, "dinner-staff", [{"1.1": "3"}])
    assert len(ws.bundle(rid).respondent_answers) == before


def test_the_consistency_check_names_the_widest_gap(ws, ta_review):
    rid, *_ = ta_review
    b = ws.bundle(rid)
    found = [f for f in reports.consistency_check(b) if f.kind == FindingKind.GROUP_GAP]
    assert found and found[0].statement_id == "2.3"
    assert "the widest gap in the review" in found[0].message


def test_full_report_has_the_groups_side_by_side(ws, ta_review, tmp_path):
    rid, *_ = ta_review
    b = ws.bundle(rid)
    path = tmp_path / "full.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.FULL), path)
    text = body_text(path)
    assert "Teachers and teaching assistants side by side" in text
    top = gaps.compare(b).statements[0]
    assert norm(gaps.describe(b, top, widest=True)) in text
    t, a = top.groups
    assert norm(f"Teachers: {gaps.summary_text(b, t)}") in text
    assert norm(f"Teaching assistants: {gaps.summary_text(b, a)}") in text


@pytest.mark.parametrize("kind", list(ReportKind))
def test_no_report_calls_a_ta_review_the_schools_self_evaluation(ws, ta_review, tmp_path, kind):
    rid, *_ = ta_review
    path = tmp_path / f"{kind.value}.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=kind), path)
    text = body_text(path)
    assert "School\u2019s self-evaluation" not in text and "School's self-evaluation" not in text


def test_a_single_group_framework_keeps_the_schools_name(ws, tmp_path):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    ws.self_evaluate(rid, "1.1", rating="developing")
    b = ws.bundle(rid)
    assert not gaps.compare(b).compared
    path = tmp_path / "full.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.FULL), path)
    assert "School\u2019s self-evaluation" in body_text(path)


def test_a_database_from_before_many_voices_gains_its_tables(data_dir):
    """Step _migrate_voices adds the two tables to the released version-2 database
    (a real file kept in tests/data/schemas)."""
    import shutil
    from pathlib import Path

    from wss_desktop.core.store import LATEST
    from wss_desktop.core.workspace import Workspace
    kept = Path(__file__).resolve().parents[1] / "data" / "schemas" / "v2-release-0.1.0-demo.sqlite3"
    data_dir.mkdir(parents=True)
    shutil.copy(kept, data_dir / "wss.sqlite3")
    with Workspace.open(data_dir) as ws:
        assert ws.store.schema_version() == LATEST
        rid = ws.new_review("Old Mill Primary (fictional)", "ta-deployment")
        ws.add_respondent_answers(rid, "ta", {"1.1": "4"})
        assert ws.bundle(rid).respondent_answers[0].answers == {"1.1": "4"}


def test_summary_and_self_evaluation_reports_show_each_group(ws, ta_review, tmp_path):
    rid, *_ = ta_review
    b = ws.bundle(rid)
    summary = tmp_path / "summary.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.SUMMARY), summary)
    text = body_text(summary)
    assert "Teachers\u2019 view" in text and "Teaching assistants\u2019 view" in text
    assert "School\u2019s view" not in text
    selfev = tmp_path / "self.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.SELF_EVALUATION), selfev)
    text = body_text(selfev)
    top = gaps.compare(b).of("2.3")
    t, a = top.groups
    assert norm(f"Teachers: {gaps.summary_text(b, t)} Teaching assistants: {gaps.summary_text(b, a)}") in text
    assert "Not yet self-evaluated" not in text


@pytest.mark.parametrize("kind", list(ReportKind))
def test_no_word_report_calls_a_ta_review_the_schools(ws, ta_review, tmp_path, kind):
    from docx import Document

    rid, *_ = ta_review
    path = tmp_path / f"{kind.value}.docx"
    reports.render_docx(ws.bundle(rid), ReportOptions(kind=kind), path)
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for t in doc.tables for row in t.rows for cell in row.cells]
    alts = [el.get("descr") or "" for el in doc.element.body.iter()
            if el.tag.endswith("}docPr")]
    text = norm("\n".join(parts + alts)).replace("\u2019", "'")
    for wrong in ("School's self-evaluation", "School's view", "School's typical rating",
                  "school's own rating", "Both the school and"):
        assert wrong not in text, wrong
    if kind in (ReportKind.FULL, ReportKind.SUMMARY):
        assert "Teachers" in text and "Teaching assistants" in text
