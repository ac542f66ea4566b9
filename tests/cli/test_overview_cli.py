"""`wss-desktop overview` and `wss-desktop anonymise` from the command line."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

from wss_desktop.core.demo import DEMO_ID


@pytest.fixture
def two_schools(cli):
    assert cli("demo")[0] == 0
    code, out, _ = cli("review", "new", "--school", "Saltmarsh Academy", "--framework", "send-review",
                       "--trust", "Saltmarsh Borough Council", "--phase", "secondary",
                       "--visit", "2025-11-03", "--json")
    rid = json.loads(out)["id"]
    assert cli("judge", rid, "1.1", "--as", "reviewer", "--rating", "emerging")[0] == 0
    assert cli("judge", rid, "1.1", "--as", "self", "--rating", "enhanced")[0] == 0
    return rid


def test_overview_prints_a_readable_table(cli, two_schools):
    code, out, _ = cli("overview")
    assert code == 0
    assert "Overview of 2 reviews of 2 schools" in out
    assert "Hollinbrook Meadow Primary School" in out and "Saltmarsh Academy" in out
    assert "Self-evaluation furthest from the reviewer's view" in out
    assert out.index("Saltmarsh Academy (send-review") < out.index("Hollinbrook Meadow Primary School (send-review")


def test_overview_json_and_filters(cli, two_schools):
    code, out, _ = cli("overview", "--json", "--trust", "saltmarsh borough council")
    data = json.loads(out)
    assert code == 0 and data["reviews"] == 1
    assert {r["school"] for r in data["ratings"]} == {"Saltmarsh Academy"}
    assert data["gaps"][0]["mean_abs_gap"] == 3.0
    code, out, _ = cli("overview", "--json", "--phase", "primary", "--year", "2026")
    data = json.loads(out)
    assert {r["school"] for r in data["ratings"]} == {"Hollinbrook Meadow Primary School"}
    code, out, _ = cli("overview", "--json", "--year", "2024")
    assert json.loads(out)["reviews"] == 0


def test_overview_with_an_unknown_trust_says_which_there_are(cli, two_schools):
    code, out, err = cli("overview", "--trust", "Nowhere Trust")
    assert code == 1 and out == ""
    assert "Nowhere Trust" in err and "Brackenmoor Learning Trust" in err


def test_overview_bad_usage_exits_2(cli):
    with pytest.raises(SystemExit) as exc:
        cli("overview", "--phase", "university")
    assert exc.value.code == 2


def test_overview_exports_csv_and_xlsx(cli, two_schools, tmp_path):
    code, out, _ = cli("overview", "--csv", str(tmp_path / "o.csv"), "--xlsx", str(tmp_path / "o.xlsx"))
    assert code == 0
    assert str(tmp_path / "o.csv") in out and str(tmp_path / "o.xlsx") in out
    with open(tmp_path / "o.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["School"] for r in rows} == {"Hollinbrook Meadow Primary School", "Saltmarsh Academy"}
    book = load_workbook(tmp_path / "o.xlsx", read_only=True)
    assert "Overdue actions" in book.sheetnames
    book.close()
    code, _, err = cli("overview", "--xlsx", str(tmp_path / "missing" / "o.xlsx"))
    assert code == 1 and "does not exist" in err


def test_anonymise_prints_the_new_id(cli, two_schools, tmp_path):
    code, out, _ = cli("anonymise", DEMO_ID)
    assert code == 0
    copy = out.strip()
    code, out, _ = cli("review", "show", copy, "--json")
    shown = json.loads(out)
    assert shown["school_name"] == "School A" and "Zoë" not in out
    code, out, _ = cli("anonymise", two_schools, "--json", "-o", str(tmp_path / "b.json"))
    second = json.loads(out)["id"]
    exported = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert exported["id"] == second and exported["school_name"] == "School B"
    assert exported["school"]["trust_or_la"] == "Local authority A"


def test_anonymise_preview_shows_before_and_after(cli, two_schools):
    _, listed, _ = cli("review", "list", "--json")
    code, out, _ = cli("anonymise", DEMO_ID, "--preview")
    assert code == 0
    assert "Hollinbrook Meadow Primary School" in out and "School A" in out
    assert "before:" in out and "after:" in out
    _, listed_after, _ = cli("review", "list", "--json")
    assert listed == listed_after  # a preview makes nothing
    code, out, _ = cli("anonymise", DEMO_ID, "--preview", "--json")
    data = json.loads(out)
    assert data["school"] == "School A"
    assert {"where": "School", "before": "Hollinbrook Meadow Primary School", "after": "School A"} in data["changes"]


def test_anonymise_an_unknown_review_fails_with_exit_1(cli):
    code, _, err = cli("anonymise", "no-such-review")
    assert code == 1 and "no review with id" in err
