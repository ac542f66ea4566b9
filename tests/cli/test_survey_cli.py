"""The command line for many voices: `gaps` and `survey make` / `survey import`."""

from __future__ import annotations

import json

from wss_desktop.core.workspace import Workspace
from voices_support import ta_sheets


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
