"""Trust-wide and local-area reviews: the subject, its member schools, and how reports name it."""

from __future__ import annotations


import pytest
from pypdf import PdfReader

from wss_desktop.core import reports
from wss_desktop.core.anonymise import anonymise
from wss_desktop.core.errors import InputError
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.store import LATEST
from wss_desktop.core.workspace import Workspace

MEMBERS = ["Brook Lane Primary", "Castle Hill Academy", "Oakfield Secondary"]


def text_of(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_a_review_with_the_mat_framework_looks_at_a_trust_and_lists_its_schools(ws):
    rid = ws.new_review("Greystone Learning Trust", "mat-send", member_schools=MEMBERS)
    r = ws.review(rid)
    assert (r.subject, r.member_schools) == ("trust", MEMBERS)
    school = ws.review(ws.new_review("Brook Lane Primary", "send-review"))
    assert school.subject is None and school.member_schools is None
    area = ws.review(ws.new_review("Shire local area", "send-review", subject="local-area",
                                   member_schools="Brook Lane Primary\n\nCastle Hill Academy\n"))
    assert area.member_schools == ["Brook Lane Primary", "Castle Hill Academy"]
    ws.update_review(rid, member_schools=MEMBERS[:2])
    assert ws.review(rid).member_schools == MEMBERS[:2]


@pytest.mark.parametrize("details, message", [
    ({"subject": "county"}, "A review looks at one of: school, trust, local-area"),
    ({"member_schools": ["Brook Lane", "brook lane"]}, "listed twice"),
    ({"member_schools": [3]}, "must be a list of school names"),
])
def test_bad_subjects_and_member_lists_are_refused_and_nothing_is_made(ws, details, message):
    before = ws.reviews()
    with pytest.raises(InputError, match=message):
        ws.new_review("Greystone Learning Trust", "mat-send", **details)
    assert ws.reviews() == before


def test_reports_say_the_trust_not_the_school(ws, tmp_path):
    rid = ws.new_review("Greystone Learning Trust", "mat-send", member_schools=MEMBERS)
    ws.self_evaluate(rid, "1.1", rating="developing")
    ws.judge(rid, "1.1", rating="established", strengths="A shared vision.")
    b = ws.bundle(rid)
    self_pdf = tmp_path / "self.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.SELF_EVALUATION), self_pdf)
    text = text_of(self_pdf)
    assert "About the trust" in text and "About the school" not in text
    assert "records the trust\u2019s own view" in text
    assert "Trust Greystone Learning Trust" in text
    assert "Member schools Brook Lane Primary, Castle Hill Academy, Oakfield Secondary" in text
    assert "How many statements in each area the trust gave each rating." in text
    full_pdf = tmp_path / "full.pdf"
    reports.render(b, ReportOptions(kind=ReportKind.FULL), full_pdf)
    text = text_of(full_pdf)
    assert "Both the trust and the reviewers rated" in text
    assert "the chart compares the trust\u2019s own rating" in text
    assert "Trust\u2019s self-evaluation: Developing" in text
    assert ("Developing (trust) looks like: The vision is agreed and known by leaders; staff in "
            "some schools can describe it.") in text
    assert "Established (reviewer) looks like: Leaders and staff in every school" in text


def test_an_anonymised_copy_hides_the_member_schools_names(ws):
    rid = ws.new_review("Greystone Learning Trust", "mat-send", member_schools=MEMBERS,
                        purpose="Compare Castle Hill Academy with the other schools.")
    copy = ws.review(anonymise(ws, rid))
    assert copy.subject == "trust"
    assert copy.member_schools == ["Member school 1", "Member school 2", "Member school 3"]
    assert "Castle Hill" not in copy.purpose and "Member school 2" in copy.purpose


def test_an_older_database_gains_the_subject_columns(data_dir):
    """The released 0.1.0 database (a real file kept in tests/data/schemas) gains the
    columns: its reviews are of one school, and a trust-wide review can be added."""
    import shutil
    from pathlib import Path
    kept = Path(__file__).resolve().parents[1] / "data" / "schemas" / "v2-release-0.1.0-demo.sqlite3"
    data_dir.mkdir(parents=True)
    shutil.copy(kept, data_dir / "wss.sqlite3")
    with Workspace.open(data_dir) as ws:
        assert ws.store.schema_version() == LATEST
        [old] = ws.reviews()
        assert ws.review(old["id"]).subject is None
        trust = ws.new_review("Greystone Learning Trust", "mat-send", member_schools=MEMBERS)
        assert ws.review(trust).member_schools == MEMBERS