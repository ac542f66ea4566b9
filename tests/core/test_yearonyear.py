"""Year on year: two reviews of one school, and the follow-up report's section."""

from __future__ import annotations

import re

from pypdf import PdfReader

from wss_desktop.core import reports
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.yearonyear import LINKED, SAME_NAME, SAME_URN, find_previous, year_on_year


def two_reviews(ws, *, urn="200001", second_name="Hazelwood Primary", link=False):
    first = ws.new_review("Hazelwood Primary", "send-review", urn=urn, date_visit="2025-10-01")
    for sid, r, s in (("1.1", "emerging", "developing"), ("1.2", "emerging", "established"),
                      ("2.1", "established", "established"), ("3.1", "developing", "enhanced")):
        ws.judge(first, sid, rating=r)
        ws.self_evaluate(first, sid, rating=s)
    ws.add_action(first, "Train TAs in prompting", owner="SENCO", status="done")
    ws.add_action(first, "Termly report to governors", owner="Headteacher", status="in-progress")
    ws.add_action(first, "Parent survey", status="dropped")
    extra = {"previous_review_id": first} if link else {}
    second = ws.new_review(second_name, "send-review", urn=urn, date_visit="2026-10-01", **extra)
    for sid, r, s in (("1.1", "developing", "developing"), ("1.2", "established", "developing"),
                      ("2.1", "developing", "established"), ("3.1", "developing", "established")):
        ws.judge(second, sid, rating=r)
        ws.self_evaluate(second, sid, rating=s)
    return first, second


def test_ratings_moved_per_area_and_earlier_actions(ws):
    first, second = two_reviews(ws)
    yoy = year_on_year(ws, second)
    assert yoy.previous_review_id == first and yoy.matched_by == SAME_URN
    areas = {a.area_id: a for a in yoy.areas}
    # Area 1 reviewer: [1, 1] -> 1 then [2, 3] -> 2 (lower middle): up one step.
    assert (areas["1"].reviewer.before_step, areas["1"].reviewer.after_step) == (1, 2)
    assert areas["1"].reviewer.direction == "up" and areas["1"].reviewer.change == 1
    assert areas["1"].reviewer.text() == "Emerging to Developing (up 1 step)"
    # Area 1 school: [2, 3] -> 2 then [2, 2] -> 2: the same.
    assert areas["1"].school.direction == "same"
    assert areas["2"].reviewer.direction == "down" and areas["2"].reviewer.change == -1
    assert areas["3"].reviewer.direction == "same" and areas["3"].school.change == -1
    assert areas["4"].reviewer.direction == "" and areas["4"].reviewer.text() == "Not rated"
    assert yoy.moved() == {"up": 1, "down": 1, "same": 1}
    assert [a.title for a in yoy.done] == ["Train TAs in prompting"]
    assert [(a.title, a.status) for a in yoy.not_done] == [
        ("Termly report to governors", "in-progress"), ("Parent survey", "dropped")]


def test_the_earlier_review_is_found_by_link_then_urn_then_name(ws):
    first, second = two_reviews(ws, link=True)
    assert find_previous(ws, second)[1] == LINKED
    assert find_previous(ws, first) is None  # nothing earlier than the first
    a, b = two_reviews(ws, urn="", second_name="  HAZELWOOD   primary ")
    found, how = find_previous(ws, b)
    # `second` shares b's visit date; it counts as earlier only when it was created in an
    # earlier second than b (timestamps are to the second), so any of the three is right.
    assert how == SAME_NAME and found.id in (a, first, second)


def test_other_frameworks_and_later_reviews_are_not_compared(ws):
    ws.new_review("Juniper Academy", "mat-send", date_visit="2025-01-01")
    later = ws.new_review("Juniper Academy", "send-review", date_visit="2027-01-01")
    now = ws.new_review("Juniper Academy", "send-review", date_visit="2026-01-01")
    assert find_previous(ws, now) is None
    assert find_previous(ws, later)[0].id == now


def test_follow_up_report_has_since_the_last_review(ws, tmp_path):
    _, second = two_reviews(ws)
    options = reports.options_for(ws, second, ReportKind.FOLLOW_UP.value)
    assert options.since_last is not None
    path = tmp_path / "follow-up.pdf"
    reports.render(ws.bundle(second), options, path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "Since the last review" in text
    assert "1 October 2025" in text
    assert re.search(r"Emerging to\s+Developing \(up 1\s+step\)", text)
    assert "3 actions were agreed at the previous review; 1 was completed." in text
    assert "Train TAs in prompting" in text


def test_follow_up_report_without_an_earlier_review_has_no_such_section(ws, tmp_path):
    rid = ws.new_review("Larchfield School", "send-review")
    options = reports.options_for(ws, rid, ReportKind.FOLLOW_UP.value)
    assert options.since_last is None
    path = tmp_path / "f.pdf"
    reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.FOLLOW_UP), path)
    assert "Since the last review" not in " ".join(p.extract_text() for p in PdfReader(path).pages)


def two_ta_reviews(ws):
    """Two TA Deployment Reviews of one school: teachers' and TAs' own answer sheets,
    no agreed school rating at all. Area 1's statements: teachers 8 then 9, TAs 3 then 5."""
    rids = []
    for date, teacher, ta in (("2025-06-01", "8", "3"), ("2026-06-01", "9", "5")):
        rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment", urn="300001",
                            date_visit=date)
        ids = [s.id for s in ws.bundle(rid).framework.areas[0].statements]
        ws.add_respondent_sheets(rid, "teacher", [{sid: teacher for sid in ids}] * 3)
        ws.add_respondent_sheets(rid, "ta", [{sid: ta for sid in ids}] * 4)
        ws.judge(rid, ids[0], rating="6")
        rids.append(rid)
    return rids


def test_a_ta_review_compares_each_group_by_its_own_name(ws):
    _, second = two_ta_reviews(ws)
    yoy = year_on_year(ws, second)
    assert yoy.views == ("Teachers' view", "Teaching assistants' view")
    area = yoy.areas[0]
    teachers, tas = area.groups
    assert (teachers.before_label, teachers.after_label, teachers.direction) == ("8", "9", "up")
    assert (tas.before_step, tas.after_step, tas.change) == (3, 5, 2)
    assert area.school == teachers


def test_a_school_review_says_school_and_a_trust_review_says_trust(ws):
    _, second = two_reviews(ws)
    assert year_on_year(ws, second).views == ("School's view",)
    ws.new_review("Juniper Trust (fictional)", "send-review", subject="trust", urn="",
                  date_visit="2025-01-01")
    later = ws.new_review("Juniper Trust (fictional)", "send-review", subject="trust", urn="",
                          date_visit="2026-01-01")
    assert year_on_year(ws, later).views == ("Trust's view",)


def test_the_follow_up_report_of_a_ta_review_never_says_school_s_view(ws, tmp_path):
    _, second = two_ta_reviews(ws)
    options = reports.options_for(ws, second, ReportKind.FOLLOW_UP.value)
    path = tmp_path / "follow-up.pdf"
    reports.render(ws.bundle(second), options, path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "Since the last review" in text
    assert "School's view" not in text and "School\u2019s view" not in text
    assert "Teachers' view" in text and "Teaching assistants' view" in text
    assert re.search(r"3 to\s+5 \(up 2\s+steps\)", text)
