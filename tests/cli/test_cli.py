import json
import os
import subprocess
import sys

import pytest

from wss_desktop.core.demo import DEMO_ID
from wss_desktop.core.model import Stage


def run_process(*argv, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "wss_desktop", *argv], capture_output=True,
                          text=True, env=env, timeout=120)


def test_demo_then_review_show_json_holds_the_whole_review(cli):
    code, out, _ = cli("demo")
    assert code == 0 and out.strip() == DEMO_ID
    code, out, _ = cli("review", "show", DEMO_ID, "--json")
    assert code == 0
    review = json.loads(out)
    assert review["id"] == DEMO_ID and review["framework_id"] == "send-review"
    assert review["school_name"] == "Hollinbrook Meadow Primary School"
    assert [s["stage"] for s in review["stages"]] == [s.value for s in Stage]
    assert all(s["status"] in ("in-progress", "complete") for s in review["stages"])
    assert len(review["self_evaluation"]) == 48 and len(review["judgements"]) == 48
    walks = [e for e in review["evidence"] if e["kind"] == "learning-walk"]
    assert len(walks) >= 8 and all(e["ref"].startswith("LW") for e in walks)
    assert review["actions"] and review["actions"][0]["owner"]
    assert any("Zoë" in json.dumps(review, ensure_ascii=False) for _ in [0])


def test_demo_twice_adds_nothing(cli):
    cli("demo")
    _, listed_once, _ = cli("review", "list", "--json")
    code, out, err = cli("demo", "--json")
    assert code == 0 and json.loads(out) == {"id": DEMO_ID, "added": False}
    _, listed_twice, _ = cli("review", "list", "--json")
    assert listed_once == listed_twice


def test_a_review_from_the_command_line(cli):
    code, out, _ = cli("review", "new", "--school", "Saltmarsh Academy", "--framework", "mat-send",
                       "--type", "peer", "--visit", "2026-12-03", "--json")
    assert code == 0
    rid = json.loads(out)["id"]
    assert cli("judge", rid, "1.1", "--as", "self", "--rating", "developing", "--comment", "Improving")[0] == 0
    assert cli("judge", rid, "1.1", "--as", "reviewer", "--rating", "Established",
               "--strengths", "Clear trust-wide SEND policy", "--consider", "Share practice")[0] == 0
    code, out, _ = cli("observe", rid, "--room", "Y7 English", "--year", "Year 7", "--subject", "English",
                       "--statement", "4.1", "--note", "Reading ruler in use", "--json")
    assert code == 0 and json.loads(out)["id"]
    code, out, _ = cli("action", "add", rid, "--title", "Share TA briefing model", "--owner",
                       "Trust SEND lead", "--due", "2027-03-31", "--statement", "4.1")
    assert code == 0 and out.strip()
    assert cli("review", "stage", rid, "school-visit", "in-progress")[0] == 0
    review = json.loads(cli("review", "show", rid, "--json")[1])
    assert review["review_type"] == "peer"
    assert review["self_evaluation"][0]["rating"] == "developing"
    assert review["judgements"][0]["rating"] == "established"
    assert review["evidence"][0]["statements"] == ["4.1"]
    assert review["actions"][0]["due"] == "2027-03-31"
    assert review["stages"][3]["status"] == "in-progress"
    hits = json.loads(cli("search", "reading ruler", "--json")[1])
    assert [h["review_id"] for h in hits] == [rid]
    code, out, _ = cli("check")
    assert code == 0 and "healthy" in out


def test_frameworks_commands(cli, tmp_path):
    code, out, _ = cli("frameworks", "list", "--json")
    assert {f["id"] for f in json.loads(out)} == {
        "send-review", "send-reflection", "ta-deployment", "pfa-earliest-years",
        "send-governance", "mat-send", "send-review-specialist"}
    code, out, _ = cli("frameworks", "show", "send-review", "--json")
    fw = json.loads(out)
    assert fw["areas"][0]["statements"][0]["id"] == "1.1"
    bad = tmp_path / "bad framework.toml"
    bad.write_text('format = 1\nid = "x"\nname = "X"\n', encoding="utf-8")
    code, out, err = cli("frameworks", "check", str(bad))
    assert code == 1 and str(bad) in err and "'version' is missing" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv, message", [
    (["review", "show", "no-such-review"], "There is no review"),
    (["judge", "REVIEW", "1.1", "--as", "reviewer", "--rating", "brilliant"], "not a rating"),
    (["judge", "REVIEW", "77.1", "--as", "self", "--rating", "1"], "not a statement"),
    (["judge", "REVIEW", "1.1", "--as", "self", "--strengths", "x"], "--strengths and --consider"),
    (["action", "add", "REVIEW", "--title", "T", "--due", "next week"], "YYYY-MM-DD"),
    (["review", "new", "--school", "X", "--framework", "nope"], "There is no framework"),
    (["observe", "REVIEW", "--room", " ", "--note", "x"], "room or class cannot be empty"),
])
def test_failures_exit_1_with_one_line_and_change_nothing(cli, argv, message):
    rid = cli("review", "new", "--school", "Elm Row", "--framework", "send-review")[1].strip()
    before = cli("review", "show", rid, "--json")[1]
    code, out, err = cli(*[rid if a == "REVIEW" else a for a in argv])
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert cli("review", "show", rid, "--json")[1] == before


def test_exit_codes_and_data_dir_from_the_environment(tmp_path):
    env = {"WSS_DATA_DIR": str(tmp_path / "from-env")}
    done = run_process("demo", env_extra=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "from-env" / "wss.sqlite3").exists()
    listed = run_process("review", "list", "--json", env_extra=env)
    assert json.loads(listed.stdout)[0]["id"] == DEMO_ID
    assert run_process("no-such-command", env_extra=env).returncode == 2
    assert run_process("judge", env_extra=env).returncode == 2
    failed = run_process("review", "show", "missing", env_extra=env)
    assert failed.returncode == 1 and failed.stderr.startswith("wss-desktop: There is no review")


def test_a_newer_database_is_refused_from_the_command_line(data_dir, cli):
    from wss_desktop.core import store
    cli("demo")
    path = data_dir / "wss.sqlite3"
    conn = store.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    code, _, err = cli("review", "list")
    assert code == 1 and "newer version" in err
    assert path.read_bytes() == before


def test_several_statements_after_one_flag_or_repeated(cli):
    rid = cli("review", "new", "--school", "Elm Row", "--framework", "send-review")[1].strip()
    assert cli("observe", rid, "--room", "Y1", "--statement", "3.1", "3.2", "--statement", "8.1",
               "--area", "3", "--note", "Adults modelled each step")[0] == 0
    review = json.loads(cli("review", "show", rid, "--json")[1])
    assert sorted(review["evidence"][0]["statements"]) == ["3.1", "3.2", "8.1"]
    assert review["evidence"][0]["areas"] == ["3"]


def test_what_was_taken_out_of_a_review_is_listed_and_brought_back(cli, data_dir):
    from wss_desktop.core.workspace import Workspace
    code, out, _ = cli("review", "new", "--school", "Saltmarsh Academy", "--framework", "mat-send", "--json")
    rid = json.loads(out)["id"]
    action = cli("action", "add", rid, "--title", "Share TA briefing model")[1].strip()
    with Workspace.open(data_dir) as ws:
        ws.delete_action(action)
    code, out, err = cli("review", "removed", rid)
    assert code == 0 and out.startswith(f"actions  {action}  action: Share TA briefing model  (removed ")
    assert "on this computer" in out and "review bring-back KIND ID" in err
    listed = json.loads(cli("review", "removed", rid, "--json")[1])
    assert [(i["kind"], i["id"], i["removed_on_another_computer"]) for i in listed] == [("actions", action, False)]
    code, out, _ = cli("review", "bring-back", "actions", action)
    assert code == 0 and "back" in out
    assert json.loads(cli("review", "show", rid, "--json")[1])["actions"][0]["title"] == "Share TA briefing model"
    code, out, err = cli("review", "bring-back", "actions", action)
    assert code == 1 and "in the review already" in err and "Traceback" not in err
    code, _, err = cli("review", "bring-back", "reviews", rid)
    assert code == 1 and "can be brought back this way" in err
    code, _, err = cli("review", "removed", rid)
    assert code == 0 and "Nothing has been taken out" in err
