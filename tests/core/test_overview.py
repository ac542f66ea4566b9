"""The overview across reviews, checked against figures worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from wss_desktop.core import overview as ov
from wss_desktop.core.errors import UserError
from wss_desktop.core.overview import OverviewFilter

TODAY = dt.date(2026, 6, 1)


def rate(ws, rid, reviewer=None, school=None):
    for sid, rating in (reviewer or {}).items():
        ws.judge(rid, sid, rating=rating)
    for sid, rating in (school or {}).items():
        ws.self_evaluate(rid, sid, rating=rating)


@pytest.fixture
def four(ws):
    """Four small reviews of three schools (steps: 1 Emerging, 2 Developing, 3 Established, 4 Enhanced)."""
    ids = {}
    ids["A"] = ws.new_review("Ashgrove Primary", "send-review", urn="100001", trust_or_la="Fenwick Trust",
                             phase="primary", date_visit="2026-03-10")
    # Area 1 reviewer: 1, 2, 3 -> median 2. Area 2 reviewer: 4 (N/A left out) -> 4.
    # Area 1 school: 3, 3, 4 -> 3. Area 2 school: 4.
    rate(ws, ids["A"], reviewer={"1.1": "emerging", "1.2": "developing", "1.3": "established",
                                 "2.1": "enhanced", "2.2": "na"},
         school={"1.1": "established", "1.2": "established", "1.3": "enhanced", "2.1": "enhanced"})
    ids["B"] = ws.new_review("Birchfield Academy", "send-review", urn="100002", trust_or_la="Fenwick Trust",
                             phase="secondary", date_visit="2026-05-01")
    # Area 1 reviewer: 2, 2 -> 2. Area 2 reviewer: 1, 2 -> lower middle 1.
    rate(ws, ids["B"], reviewer={"1.1": "developing", "1.2": "developing", "2.1": "emerging",
                                 "2.2": "developing"},
         school={"1.1": "developing", "2.1": "emerging", "2.2": "emerging"})
    ids["C"] = ws.new_review("Cedar Lane School", "send-review", trust_or_la="Saltmarsh Council",
                             phase="primary", date_visit="2025-11-20")
    # Area 1 reviewer: 3, 4 -> lower middle 3. No self-evaluation.
    rate(ws, ids["C"], reviewer={"1.1": "established", "1.2": "enhanced"})
    ids["D"] = ws.new_review("Ashgrove Primary School", "send-review", urn="100001",
                             trust_or_la="Fenwick Trust", phase="primary", date_visit="2025-03-01")
    rate(ws, ids["D"], reviewer={"1.1": "emerging"})
    # Actions: overdue means due before today and neither done nor dropped.
    ws.add_action(ids["A"], "Train TAs in prompting", owner="SENCO", due="2026-05-01")
    ws.add_action(ids["A"], "Update the provision map", due="2026-05-20", status="done")
    ws.add_action(ids["A"], "Parent survey", due="2026-07-01")
    ws.add_action(ids["B"], "Termly SEND report to governors", owner="Headteacher", due="2026-04-01",
                  status="in-progress")
    ws.add_action(ids["B"], "Buy a new tracker", due="2026-01-01", status="dropped")
    ws.add_action(ids["D"], "Review the SEND policy", due="2025-06-01")
    ws.set_feedback(ids["A"], usefulness=5, tone=4, clarity=3, went_well="It felt like a conversation.")
    ws.set_feedback(ids["B"], usefulness=3, tone=5, could_be_better="More time with the SENCO.")
    return ids


def by_area(result, school):
    return {r.area_id: (r.reviewer_step, r.school_step) for r in result.ratings if r.school == school}


def test_typical_ratings_per_school_and_area_match_hand_figures(ws, four):
    result = ov.overview(ws, today=TODAY)
    assert result.reviews == 4 and result.schools == 3
    # Ashgrove's latest review (A) stands for the school; D is an earlier one.
    assert {r.review_id for r in result.ratings} == {four["A"], four["B"], four["C"]}
    assert by_area(result, "Ashgrove Primary")["1"] == (2, 3)
    assert by_area(result, "Ashgrove Primary")["2"] == (4, 4)
    assert by_area(result, "Birchfield Academy")["1"] == (2, 2)
    assert by_area(result, "Birchfield Academy")["2"] == (1, 1)
    assert by_area(result, "Cedar Lane School")["1"] == (3, None)
    assert by_area(result, "Cedar Lane School")["2"] == (None, None)
    row = next(r for r in result.ratings if r.school == "Ashgrove Primary" and r.area_id == "1")
    assert (row.reviewer_label, row.school_label, row.reviewer_rated, row.gap) == ("Developing", "Established", 3, 1)
    areas, rows = result.matrix("send-review")
    assert len(areas) == 8 and [r[0] for r in rows] == ["Ashgrove Primary", "Birchfield Academy",
                                                         "Cedar Lane School"]
    assert rows[0][2][:2] == [2, 4]


def test_schools_whose_self_evaluation_differs_most_come_first(ws, four):
    gaps = ov.overview(ws, today=TODAY).gaps
    # A: gaps 2, 1, 1, 0 over four statements; B: 0, 0, -1 over three; C has no self-evaluation.
    assert [(g.school, g.compared, g.mean_abs_gap, g.mean_gap, g.differ) for g in gaps] == [
        ("Ashgrove Primary", 4, 1.0, 1.0, 3), ("Birchfield Academy", 3, 0.333, -0.333, 1)]


def test_common_areas_for_development(ws, four):
    dev = ov.overview(ws, today=TODAY).development
    # Lower half of four steps is Emerging or Developing. Area 1: A (2) and B (2) of three
    # schools rated; area 2: B (1) of two.
    assert [(d.area_id, d.lower_half, d.rated, d.schools) for d in dev] == [
        ("1", 2, 3, ("Ashgrove Primary", "Birchfield Academy")), ("2", 1, 2, ("Birchfield Academy",))]
    assert dev[0].area_title == "Outcomes for pupils with SEND"


def test_overdue_actions_with_school_owner_and_days(ws, four):
    overdue = ov.overview(ws, today=TODAY).overdue
    assert [(o.school, o.title, o.owner, o.days_overdue) for o in overdue] == [
        ("Ashgrove Primary School", "Review the SEND policy", None, 365),
        ("Birchfield Academy", "Termly SEND report to governors", "Headteacher", 61),
        ("Ashgrove Primary", "Train TAs in prompting", "SENCO", 31)]


def test_feedback_is_collated(ws, four):
    fb = ov.overview(ws, today=TODAY).feedback
    assert fb.responses == 2
    measures = {m.key: m for m in fb.measures}
    assert (measures["usefulness"].responses, measures["usefulness"].mean) == (2, 4.0)
    assert measures["usefulness"].counts == (0, 0, 1, 0, 1)
    assert (measures["tone"].mean, measures["clarity"].responses, measures["clarity"].mean) == (4.5, 1, 3.0)
    assert {(c.school, c.went_well, c.could_be_better) for c in fb.comments} == {
        ("Ashgrove Primary", "It felt like a conversation.", ""),
        ("Birchfield Academy", "", "More time with the SENCO.")}


def test_filters_by_trust_phase_and_year(ws, four):
    fenwick = ov.overview(ws, OverviewFilter(trust="  fenwick TRUST "), today=TODAY)
    assert fenwick.reviews == 3 and {r.school for r in fenwick.ratings} == {"Ashgrove Primary",
                                                                            "Birchfield Academy"}
    assert fenwick.feedback.responses == 2 and len(fenwick.overdue) == 3
    primary = ov.overview(ws, OverviewFilter(phase="primary"), today=TODAY)
    assert {r.review_id for r in primary.ratings} == {four["A"], four["C"]}
    assert [o.title for o in primary.overdue] == ["Review the SEND policy", "Train TAs in prompting"]
    last_year = ov.overview(ws, OverviewFilter(year=2025), today=TODAY)
    # In 2025 Ashgrove's review is D: area 1 reviewer Emerging.
    assert by_area(last_year, "Ashgrove Primary School")["1"] == (1, None)
    assert {r.review_id for r in last_year.ratings} == {four["C"], four["D"]}
    assert last_year.feedback.responses == 0
    choices = ov.overview(ws, today=TODAY).choices
    assert choices.trusts == ("Fenwick Trust", "Saltmarsh Council")
    assert choices.phases == ("primary", "secondary") and choices.years == (2025, 2026)


def test_year_of_a_review_without_visit_date_is_when_it_was_created(ws):
    ws.new_review("Dunmore Infants", "send-review")
    this_year = dt.date.today().year
    assert ov.overview(ws, OverviewFilter(year=this_year)).reviews == 1
    assert ov.overview(ws, OverviewFilter(year=this_year - 1)).reviews == 0


def test_anonymised_deleted_and_unrated_reviews_are_left_out(ws, four):
    copy = ws.new_review("School A", "send-review", origin="anonymised", source_review_id=four["A"])
    rate(ws, copy, reviewer={"1.1": "emerging"})
    gone = ws.new_review("Elmwood Primary", "send-review")
    rate(ws, gone, reviewer={"1.1": "emerging"})
    ws.delete_review(gone)
    ws.new_review("Foxhill Primary", "send-reflection")
    result = ov.overview(ws, today=TODAY)
    assert {r.school for r in result.ratings} == {"Ashgrove Primary", "Birchfield Academy",
                                                  "Cedar Lane School"}
    assert result.unrated_frameworks == ["SEND Reflection Framework"]


def test_frameworks_are_grouped_separately(ws, four):
    mat = ws.new_review("Greystone Trust", "mat-send", date_visit="2026-02-02")
    ws.judge(mat, "1.1", rating="enhanced")
    result = ov.overview(ws, today=TODAY)
    assert [f.framework_id for f in result.frameworks] == ["mat-send", "send-review"]
    assert [r.school for r in result.ratings_of("mat-send")][:1] == ["Greystone Trust"]
    assert all(r.framework_id == "send-review" for r in result.ratings_of("send-review"))


def test_csv_files_read_back(ws, four, tmp_path):
    result = ov.overview(ws, today=TODAY)
    written = ov.export_csv(result, tmp_path / "overview.csv")
    assert [p.name for p in written] == ["overview.csv", "overview-gaps.csv", "overview-development.csv",
                                         "overview-overdue.csv", "overview-feedback.csv",
                                         "overview-comments.csv"]
    with open(tmp_path / "overview.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ash = next(r for r in rows if r["School"] == "Ashgrove Primary" and r["Area"] == "1")
    assert (ash["Reviewer's typical rating"], ash["Reviewer's step"], ash["School's step"]) == (
        "Developing", "2", "3")
    with open(tmp_path / "overview-overdue.csv", encoding="utf-8-sig", newline="") as fh:
        overdue = list(csv.DictReader(fh))
    assert [(r["Action"], r["Days overdue"]) for r in overdue][0] == ("Review the SEND policy", "365")


def test_xlsx_reads_back(ws, four, tmp_path):
    result = ov.overview(ws, today=TODAY)
    path = ov.export_xlsx(result, tmp_path / "overview.xlsx")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["About", "Ratings by area", "Self-evaluation gaps",
                               "Areas for development", "Overdue actions", "School feedback",
                               "Feedback comments"]
    gaps = list(book["Self-evaluation gaps"].iter_rows(values_only=True))
    assert gaps[1][1] == "Ashgrove Primary" and gaps[1][7] == 1.0
    ratings = list(book["Ratings by area"].iter_rows(values_only=True))
    header = ratings[0]
    row = next(r for r in ratings[1:] if r[1] == "Birchfield Academy" and r[7] == "2")
    assert row[header.index("Reviewer's step")] == 1
    feedback = list(book["School feedback"].iter_rows(values_only=True))
    assert feedback[1][:3] == ("Usefulness", 2, 4.0)
    book.close()


def test_text_that_looks_like_a_formula_is_written_as_text(ws, tmp_path):
    rid = ws.new_review("=HYPERLINK(\"x\")", "send-review")
    ws.add_action(rid, "Check", due="2020-01-01", owner="@owner")
    result = ov.overview(ws, today=TODAY)
    ov.export_xlsx(result, tmp_path / "o.xlsx")
    book = load_workbook(tmp_path / "o.xlsx", read_only=True)
    rows = list(book["Overdue actions"].iter_rows(values_only=True))
    assert rows[1][0] == "'=HYPERLINK(\"x\")" and rows[1][3] == "'@owner"
    book.close()


def test_export_to_a_missing_folder_says_so(ws, four, tmp_path):
    result = ov.overview(ws, today=TODAY)
    with pytest.raises(UserError, match="does not exist"):
        ov.export_xlsx(result, tmp_path / "nowhere" / "o.xlsx")
    with pytest.raises(UserError, match="is a folder"):
        ov.export_csv(result, tmp_path)


def test_an_empty_database_gives_an_empty_overview(ws):
    result = ov.overview(ws, today=TODAY)
    assert (result.reviews, result.ratings, result.gaps, result.overdue) == (0, [], [], [])
    assert "Overview of 0 reviews" in "\n".join(ov.text_lines(result))


def test_each_table_is_worked_out_only_when_asked_for_and_matches_the_ratings(ws, four):
    """Issue 11: the window shows one table at a time, so the overview works out a
    table (ratings, gaps, areas for development, overdue actions, feedback) only when
    it is first asked for; the matrix the window shows comes from the figures directly
    and equals the one made from the ratings."""
    result = ov.compute(ov.OverviewData.load(ws), today=TODAY)
    lazy = ("ratings", "gaps", "development", "overdue", "feedback")
    assert [name for name in lazy if name in vars(result)] == []
    assert result.overdue_count == 3   # A, B and D (an earlier review still counts)
    areas, both = result.matrix_both("send-review")
    assert [name for name in lazy if name in vars(result)] == []
    # The same matrix, made the old way from every AreaRating.
    index = {aid: i for i, (aid, _) in enumerate(areas)}
    made: dict[str, tuple[str, str, list, list]] = {}
    for r in result.ratings:
        row = made.setdefault(r.review_id, (r.school, r.review_id, [None] * len(areas), [None] * len(areas)))
        row[2][index[r.area_id]] = r.school_step
        row[3][index[r.area_id]] = r.reviewer_step
    assert both == sorted(made.values(), key=lambda row: row[0].casefold())
    assert result.matrix("send-review") == (areas, [(s, rid, rev) for s, rid, _, rev in both])
    assert result.matrix("send-review", "school") == (areas, [(s, rid, sch) for s, rid, sch, _ in both])
    assert result.overdue_count == len(result.overdue) == 3
    assert {name for name in lazy if name in vars(result)} == {"ratings", "overdue"}


def test_the_lean_reading_gives_what_the_records_give(ws, four):
    """Issue 11: the overview reads feedback and actions as tuples of the few fields it
    uses; they hold what Store.records gives, and without action ids only the ids differ."""
    from wss_desktop.core.model import ReviewFeedback
    ws.set_feedback(four["C"], tone=2)   # no words at all: "" as records give
    data = ov.OverviewData.load(ws)
    fields = ov.FeedbackRow._fields
    assert [tuple(row) for row in data.feedback] == [
        tuple(getattr(f, name) for name in fields) for f in ws.store.records(ReviewFeedback)]
    lean = ov.compute(ov.OverviewData.load(ws, action_ids=False), today=TODAY)
    full = ov.compute(data, today=TODAY)
    assert all(o.action_id for o in full.overdue) and not any(o.action_id for o in lean.overdue)
    assert [{**vars_of(o), "action_id": ""} for o in full.overdue] == \
        [vars_of(o) for o in lean.overdue]
    assert ov.tables(lean) == ov.tables(full) and lean.feedback == full.feedback


def vars_of(record):
    from dataclasses import asdict
    return asdict(record)
