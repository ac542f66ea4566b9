"""The school's data in depth: SEND beside all pupils, by need and year, against dated,
attributed national figures edited in one place."""

from __future__ import annotations

import pytest

from voices_support import body_text, norm
from wss_desktop.core import reports, school_data as sd
from wss_desktop.core.errors import InputError
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.reports.school_data_report import CHART_TITLE


@pytest.fixture
def review(ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    ws.set_school_figure(rid, "attendance_pct", send=89.5, all_pupils=94.1)
    ws.set_school_figure(rid, "persistent_absence_pct", send=31, all_pupils=17.5)
    ws.set_school_figure(rid, "suspension_rate", send=4.2, all_pupils=1.3)
    ws.set_school_figure(rid, "attendance_pct", "need:semh", send=84.0, pupils=9)
    ws.set_school_figure(rid, "attendance_pct", "need:ASD", send=90.5, pupils=12)
    ws.set_school_figure(rid, "attendance_pct", "year:5", send=88, all_pupils=95, pupils=7)
    return rid


def test_figures_are_kept_side_by_side_by_need_and_year(ws, review):
    b = ws.bundle(review)
    got = {(f.measure, f.breakdown): (f.send, f.all_pupils, f.pupils) for f in b.school_figures}
    assert got[("attendance_pct", "all")] == (89.5, 94.1, None)
    assert got[("attendance_pct", "need:SEMH")] == (84.0, None, 9)
    assert got[("attendance_pct", "year:5")] == (88.0, 95.0, 7)
    ws.set_school_figure(review, "attendance_pct", send=90)   # all pupils left as it was
    f = next(f for f in ws.bundle(review).school_figures if f.breakdown == "all"
             and f.measure == "attendance_pct")
    assert (f.send, f.all_pupils) == (90.0, 94.1)


@pytest.mark.parametrize("args, words", [
    (("attendance_pct", "need:XYZ"), "is not a breakdown"),
    (("attendance_pct", "year:15"), "is not a breakdown"),
    (("happiness", "all"), "is not a measure"),
])
def test_bad_figures_are_refused(ws, review, args, words):
    with pytest.raises(InputError, match=words):
        ws.set_school_figure(review, *args, send=1)
    with pytest.raises(InputError, match="between 0 and 100"):
        ws.set_school_figure(review, "attendance_pct", send=140)


def test_national_figures_are_dated_attributed_and_edited_in_one_place(ws, review):
    shipped = ws.comparators()[("attendance_pct", "send")]
    assert shipped.illustrative and shipped.as_of and "Department for Education" in shipped.source
    assert "illustrative" in shipped.citation()
    ws.set_comparator("attendance_pct", "send", 90.9, source="DfE, Pupil absence in schools in "
                      "England, autumn and spring terms", as_of="2024/25")
    other = ws.new_review("Oak Lane Primary (fictional)", "send-review")
    for rid in (review, other):
        mine = ws.bundle(rid).comparators[("attendance_pct", "send")]
        assert (mine.value, mine.as_of, mine.illustrative) == (90.9, "2024/25", False)
    with pytest.raises(InputError, match="cannot be empty"):
        ws.set_comparator("attendance_pct", "all", 93, source=" ", as_of="2024/25")


def test_the_report_uses_the_same_labels_with_a_chart_and_its_sources(ws, review, tmp_path):
    path = tmp_path / "full.pdf"
    reports.render(ws.bundle(review), ReportOptions(kind=ReportKind.FULL), path)
    text = body_text(path)
    assert "The school's data in depth" in text
    assert CHART_TITLE in text
    for series in ("The school: pupils with SEND", "National: all pupils"):
        assert series in text
    label, _, meaning = sd.MEASURES["persistent_absence_pct"]
    assert norm(f"{label} ({meaning}) 31% 17.5%") in text
    assert norm("Social, emotional and mental health (SEMH) Attendance 9 84%") in text
    assert "Year 5" in text
    assert "(illustrative: check the current figure)" in text


def test_a_review_without_figures_has_no_such_section(ws, tmp_path):
    rid = ws.new_review("Oak Lane Primary (fictional)", "send-review")
    path = tmp_path / "full.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.FULL), path)
    assert "data in depth" not in body_text(path)
