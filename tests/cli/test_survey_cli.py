"""The command line for many voices: `gaps` and `survey make` / `survey import`."""

from __future__ import annotations

import json

from wss_desktop.core.workspace import Workspace
from voices_support import fill_google, fill_xlsx, ta_sheets


def test_gaps_json_lists_every_statement_widest_first(cli, data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
        teachers, tas = ta_sheets(ws.bundle(rid).framework)
        ws.add_respondent_sheets(rid, "teacher", teachers)
        ws.add_respondent_sheets(rid, "ta", tas)
        statements = [s.id for s in ws.bundle(rid).framework.statements()]
    code, out, err = cli("gaps", rid, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [g["people"] for g in data["groups"]] == [12, 15]
    rows = data["statements"]
    assert sorted(r["statement"] for r in rows) == sorted(statements)
    assert [r["gap"] for r in rows] == sorted((r["gap"] for r in rows), reverse=True)
    for r in rows:
        teacher, ta = r["groups"]
        assert (teacher["label"], ta["label"]) == ("Teachers", "Teaching assistants")
        assert ta["count"] == 15 and teacher["count"] in (11, 12)
        assert r["gap"] == abs(teacher["median"] - ta["median"])
    assert rows[0]["statement"] == "2.3"
    assert data["headline"].endswith("the widest gap in the review.")

    code, out, err = cli("gaps", rid)
    assert code == 0 and out.splitlines()[1].startswith("2.3")


def test_gaps_with_one_group_says_there_is_nothing_to_compare(cli, data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    code, out, err = cli("gaps", rid)
    assert code == 0 and out == "" and "nothing to compare" in err


def test_survey_make_then_import_from_the_command_line(cli, data_dir, tmp_path):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
        q_parents = ws.survey_questionnaire(rid, "parents")
        q_pupils = ws.survey_questionnaire(rid, "pupils")
    csv_path, xlsx_path = tmp_path / "parents.csv", tmp_path / "pupils.xlsx"
    code, out, err = cli("survey", "make", rid, "--group", "parents", "-o", str(csv_path),
                         "--forms", "google")
    assert code == 0, err
    assert out.strip() == str(csv_path) and "Google Forms" in err
    fill_google(csv_path, q_parents, 60, 2)
    code, out, err = cli("survey", "import", rid, str(csv_path), "--group", "parents", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["responses"] == 60 and data["ref"] == "FV1" and data["source"] == "google-forms"
    assert data["names_removed"] > 0 and data["names_kept"] == []
    assert "4.3" in data["statements"]
    assert sum(data["distributions"]["happy"].values()) == 60

    code, out, err = cli("survey", "make", rid, "--group", "pupils", "-o", str(xlsx_path))
    fill_xlsx(xlsx_path, q_pupils, 30, 3)
    code, out, err = cli("survey", "import", rid, str(xlsx_path), "--group", "parents")
    assert code == 1 and err.count("\n") == 1 and "pupils survey, not the parents" in err
    code, out, err = cli("survey", "import", rid, str(xlsx_path), "--group", "pupils")
    assert code == 0 and out.startswith("Imported 30 responses from pupils.xlsx as evidence PV1")
    assert "taken out of the comments" in err
    code, out, err = cli("survey", "list", rid, "--json")
    assert [r["responses"] for r in json.loads(out)] == [60, 30]

    for name in ("q.pdf", "q.xlsx"):
        code, out, err = cli("survey", "make", rid, "--group", "pupils", "--easy-read",
                             "-o", str(tmp_path / name))
        assert code == 0 and (tmp_path / name).stat().st_size > 0
    code, out, err = cli("survey", "make", rid, "--group", "pupils", "-o", str(tmp_path / "q.doc"))
    assert code == 1 and ".pdf, .xlsx or .csv" in err


def test_data_and_comparators_from_the_command_line(cli, data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    assert cli("data", "set", rid, "attendance_pct", "--send", "89.5", "--all", "94")[0] == 0
    assert cli("data", "set", rid, "attendance_pct", "--breakdown", "need:asd", "--send", "90",
               "--pupils", "12")[0] == 0
    code, out, err = cli("data", "set", rid, "attendance_pct", "--breakdown", "year:20", "--send", "9")
    assert code == 1 and "is not a breakdown" in err
    code, out, _ = cli("data", "show", rid, "--json")
    rows = json.loads(out)
    assert [(r["breakdown"], r["send"], r["all_pupils"], r["pupils"]) for r in rows] == [
        ("all", 89.5, 94.0, None), ("need:ASD", 90.0, None, 12)]
    code, out, _ = cli("comparators", "--json")
    shipped = {(r["measure"], r["cohort"]): r for r in json.loads(out)}
    assert shipped[("attendance_pct", "send")]["illustrative"] is True
    code, out, err = cli("comparators", "set", "attendance_pct", "send", "90.9", "--source",
                         "DfE, Pupil absence in schools in England", "--as-of", "2024/25")
    assert code == 0, err
    code, out, _ = cli("comparators")
    line = next(x for x in out.splitlines() if x.startswith("Attendance") and "SEND" in x)
    assert "90.9%" in line and "2024/25" in line and "illustrative" not in line


def test_visit_feedback_from_the_command_line(cli, data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    code, out, err = cli("visit-feedback", rid, "--date", "2026-10-08", "--present", "Head, SENCO",
                         "--agreed", "Share the provision map.")
    assert code == 0 and out.strip() == "Saved the end-of-visit feedback."
    code, out, _ = cli("visit-feedback", rid, "--json")
    assert json.loads(out)["agreed"] == "Share the provision map."
    code, out, err = cli("visit-feedback", rid, "--date", "tomorrow")
    assert code == 1 and "YYYY-MM-DD" in err


def test_factual_accuracy_round_from_the_command_line(cli, data_dir, tmp_path):
    from openpyxl import load_workbook
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Park Primary (fictional)", "send-review", scope=["4"])
    code, out, err = cli("accuracy", "export", rid, "-o", str(tmp_path))
    assert code == 0, err
    pdf, sheet = out.split()
    wb = load_workbook(sheet)
    wb["Comments"]["D2"] = "Pupils set their own targets termly."
    wb.save(sheet)
    code, out, err = cli("accuracy", "import", rid, sheet, "--json")
    data = json.loads(out)
    assert code == 0 and len(data["added"]) == 1 and data["open"] == data["added"]
    code, out, err = cli("report", rid, "-o", str(tmp_path / "r.pdf"))
    assert code == 0
    code, out, err = cli("accuracy", "resolve", data["added"][0], "--by", "Sam Reviewer (fictional)")
    assert code == 0
    code, out, err = cli("accuracy", "list", rid)
    assert out == "" and "No comments from the school" in err


def test_edition_from_the_setting_and_switched_from_the_command_line(cli):
    code, out, err = cli("review", "new", "--school", "Riverside School (fictional)", "--framework",
                         "send-review", "--phase", "special")
    assert code == 0, err
    rid = out.strip()
    code, out, _ = cli("review", "show", rid, "--json")
    assert json.loads(out)["framework_id"] == "send-review-specialist"
    code, out, err = cli("edition", rid, "mainstream")
    assert code == 0 and "SEND Review Guide (send-review)" in out
