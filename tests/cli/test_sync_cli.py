"""`wss-desktop sync`, `export` and `import` as a user types them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import keyring
import keyring.backends.fail
import pytest
from sync_support import PASSPHRASE, MemoryKeyring, fast_kdf, memory_keyring, snapshot_at_once  # noqa: F401

from wss_desktop.cli import main
from wss_desktop.core.demo import DEMO_ID

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


@pytest.fixture
def computers(tmp_path, capsys, monkeypatch):
    """run(name, *argv): the command line on computer `name`, each with its own keyring."""
    rings: dict[str, MemoryKeyring] = {}
    monkeypatch.setenv("TEAM_PASS", PASSPHRASE)

    def run(name: str, *argv: str) -> tuple[int, str, str]:
        keyring.set_keyring(rings.setdefault(name, MemoryKeyring()))
        code = main(["--data-dir", str(tmp_path / name), *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return str(folder)


def review(run, name: str) -> dict:
    code, out, _ = run(name, "review", "show", DEMO_ID, "--json")
    assert code == 0
    return json.loads(out)


def test_sync_sets_up_joins_and_carries_edits(computers, shared):
    run = computers
    run("a", "demo")
    code, out, _ = run("a", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    assert code == 0 and "Set up" in out
    code, out, err = run("b", "sync", "--folder", shared)
    assert code == 1 and "--passphrase-env" in err and "team passphrase" in err
    code, out, _ = run("b", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS", "--json")
    report = json.loads(out)
    assert code == 0 and report["joined"] and report["summary"]["added"]["reviews"] == 1
    assert review(run, "a") == review(run, "b")
    assert run("b", "judge", DEMO_ID, "1.1", "--as", "reviewer", "--rating", "enhanced")[0] == 0
    # The folder and the key are remembered: no options needed any more.
    assert run("b", "sync")[0] == 0
    code, out, _ = run("a", "sync")
    assert code == 0 and "Updated: 1 reviewer judgement." in out
    assert review(run, "a")["judgements"][0]["rating"] == "enhanced"
    code, out, _ = run("a", "sync", "--status")
    assert code == 0 and out.startswith("Connected; 0 changes waiting")


def test_setting_up_without_a_passphrase_exits_1_and_says_so(computers, shared):
    run = computers
    run("a", "demo")
    code, _, err = run("a", "sync", "--folder", shared)
    assert code == 1 and "not set up yet" in err and "--passphrase-env" in err
    code, _, err = run("a", "sync", "--folder", shared, "--passphrase-env", "NO_SUCH_VARIABLE")
    assert code == 1 and "NO_SUCH_VARIABLE" in err and "not set" in err
    assert os.listdir(shared) == []


def test_without_a_keyring_every_run_needs_the_passphrase(shared, tmp_path, capsys, monkeypatch):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setenv("TEAM_PASS", PASSPHRASE)
    data = ["--data-dir", str(tmp_path / "a")]
    main([*data, "demo"])
    assert main([*data, "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS"]) == 0
    capsys.readouterr()
    assert main([*data, "sync"]) == 1
    err = capsys.readouterr().err
    assert "no keyring" in err and "every time" in err and "--passphrase-env" in err
    assert main([*data, "sync", "--passphrase-env", "TEAM_PASS"]) == 0


def test_a_missing_folder_exits_1_and_changes_nothing(computers, tmp_path):
    run = computers
    run("a", "demo")
    before = review(run, "a")
    code, _, err = run("a", "sync", "--folder", str(tmp_path / "unplugged"), "--passphrase-env", "TEAM_PASS")
    assert code == 1 and "cannot be reached" in err
    assert review(run, "a") == before


def test_export_and_import_with_a_pair_passphrase(computers, tmp_path, monkeypatch):
    run = computers
    run("a", "demo")
    monkeypatch.setenv("PAIR_PASS", "kettle orchard lantern")
    target = tmp_path / "for-partner.wssreview"
    code, out, _ = run("a", "export", DEMO_ID, "-o", str(target), "--passphrase-env", "PAIR_PASS")
    assert code == 0 and "locked with the passphrase" in out and target.exists()
    assert b"Hollinbrook" not in target.read_bytes()
    code, out, err = run("b", "import", str(target))
    assert code == 1 and "locked with a passphrase" in err and "--passphrase-env" in err
    monkeypatch.setenv("WRONG", "kettle orchard lanterns")
    code, out, err = run("b", "import", str(target), "--passphrase-env", "WRONG")
    assert code == 1 and "does not open" in err
    assert run("b", "review", "list", "--json")[1].strip() == "[]"
    code, out, _ = run("b", "import", str(target), "--passphrase-env", "PAIR_PASS")
    assert code == 0 and "Added:" in out and "1 review" in out and "48 reviewer judgements" in out
    assert review(run, "a") == review(run, "b")
    # The partner edits and sends it back; the same file opened twice changes nothing.
    run("b", "judge", DEMO_ID, "2.1", "--as", "reviewer", "--strengths", "Governor visits each term")
    back = tmp_path / "back.wssreview"
    assert run("b", "export", DEMO_ID, "-o", str(back), "--passphrase-env", "PAIR_PASS")[0] == 0
    code, out, _ = run("a", "import", str(back), "--passphrase-env", "PAIR_PASS", "--json")
    result = json.loads(out)
    assert code == 0 and result["updated"] == {"judgements": 1} and result["added"] == {}
    code, out, _ = run("a", "import", str(back), "--passphrase-env", "PAIR_PASS")
    assert code == 0 and "Nothing new" in out


def test_export_with_the_team_key_opens_only_inside_the_team(computers, shared, tmp_path):
    run = computers
    run("a", "demo")
    target = tmp_path / "team.wssreview"
    code, _, err = run("a", "export", DEMO_ID, "-o", str(target))
    assert code == 1 and "not in a sync team" in err and "--passphrase-env" in err
    run("a", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    run("b", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    code, out, _ = run("a", "export", DEMO_ID, "-o", str(target))
    assert code == 0 and "team key" in out
    assert run("b", "import", str(target))[0] == 0
    code, _, err = run("c", "import", str(target))
    assert code == 1 and "team key this computer does not have" in err
    assert run("c", "review", "list", "--json")[1].strip() == "[]"


def test_a_damaged_file_is_refused_with_a_sentence(computers, tmp_path, monkeypatch):
    run = computers
    run("a", "demo")
    monkeypatch.setenv("PAIR_PASS", "kettle orchard lantern")
    target = tmp_path / "x.wssreview"
    run("a", "export", DEMO_ID, "-o", str(target), "--passphrase-env", "PAIR_PASS")
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    code, _, err = run("b", "import", str(target), "--passphrase-env", "PAIR_PASS")
    assert code == 1 and "changed or damaged" in err and "Nothing was changed" in err
    target.write_bytes(bytes(data[:100]))
    code, _, err = run("b", "import", str(target), "--passphrase-env", "PAIR_PASS")
    assert code == 1 and "incomplete" in err
    (tmp_path / "notes.txt").write_text("just some notes")
    code, _, err = run("b", "import", str(tmp_path / "notes.txt"))
    assert code == 1 and "not a WSS Review Desktop file" in err
    assert run("b", "review", "list", "--json")[1].strip() == "[]"


def test_the_installed_command_runs_a_sync(tmp_path):
    """The real entry point in a fresh process, with no keyring available."""
    shared = tmp_path / "shared"
    shared.mkdir()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "P": PASSPHRASE}

    def run(*argv):
        return subprocess.run([sys.executable, "-m", "wss_desktop", "--data-dir", str(tmp_path / "d"),
                               *argv], capture_output=True, text=True, env=env, timeout=120)
    assert run("demo").returncode == 0
    done = run("sync", "--folder", str(shared), "--passphrase-env", "P")
    assert done.returncode == 0, done.stderr
    done = run("sync")
    assert done.returncode == 1 and "no keyring" in done.stderr


def test_an_oversized_file_is_refused_unread(computers, tmp_path):
    run = computers
    huge = tmp_path / "huge.wssreview"
    with open(huge, "wb") as fh:  # sparse: large, costs no disk
        fh.write(b"WSSE")
        fh.truncate((512 << 20) + 1)
    code, _, err = run("b", "import", str(huge))
    assert code == 1 and "larger than any review file" in err and "nothing was changed" in err


def test_status_names_a_gap_and_a_damaged_file_in_plain_words(computers, shared, tmp_path):
    """Issue 10: `sync --status` says what is missing or unusable and what will repair it."""
    run = computers
    run("a", "demo")
    assert run("a", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")[0] == 0
    assert run("b", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")[0] == 0
    for statement in ("1.1", "1.2", "1.3"):
        assert run("a", "judge", DEMO_ID, statement, "--as", "reviewer", "--rating", "enhanced")[0] == 0
        assert run("a", "sync")[0] == 0
    from pathlib import Path
    [folder] = [p for p in (Path(shared) / "devices").iterdir() if len(list(p.glob("0*.wsc"))) == 4]
    files = sorted(folder.glob("0*.wsc"))
    files[1].unlink()
    # Its last byte changed (setting it to a fixed value left the file as it was
    # whenever the byte already had that value: 1 run in 256).
    data = files[2].read_bytes()
    files[2].write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    code, out, err = run("b", "sync")
    assert code == 0 and "Traceback" not in err
    code, out, err = run("b", "sync", "--status")
    assert code == 0 and "Traceback" not in err
    # The computer is named as its colleagues know it, with the start of its id.
    assert f"Missing 1 file of {socket.gethostname().split('.')[0]} (device {folder.name[:8]})" in out
    assert "writes it again at its next sync" in out
    assert f"Could not use {files[2].name} of " in out and "changed or damaged" in out
    code, out, _ = run("b", "sync", "--status", "--json")
    assert len(json.loads(out)["details"]) == 2
    assert run("a", "sync")[0] == 0          # a sees b lacks two of its files and rewrites them
    assert run("b", "sync")[0] == 0
    code, out, _ = run("b", "sync", "--status")
    assert "Missing" not in out and "Could not use" not in out
    assert review(run, "a") == review(run, "b")


def test_sync_status_shows_quiet_devices_and_forget_stops_waiting_for_one(computers, shared):
    """Issue 10: how long each device has been quiet, and `sync --forget DEVICE`; bad input
    says why, exits 1 and changes nothing."""
    run = computers
    run("a", "demo")
    assert run("a", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")[0] == 0
    assert run("b", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")[0] == 0
    assert run("a", "sync")[0] == 0
    code, out, _ = run("a", "sync", "--status")
    assert code == 0 and "Devices, and how long each has been quiet:" in out
    assert "(this computer): last synced" in out and "quiet for less than an hour." in out
    code, out, _ = run("a", "sync", "--status", "--json")
    devices = json.loads(out)["devices"]
    [b_device] = [d["device"] for d in devices if not d["me"]]
    [a_device] = [d["device"] for d in devices if d["me"]]
    assert all(d["forgotten"] is False for d in devices)
    for wanted, words in (("nosuchdevice", "No device 'nosuchdevice'"), (a_device, "this computer"),
                          ("", "Say which device")):
        code, out, err = run("a", "sync", "--forget", wanted)
        assert code == 1 and words in err and "nothing was changed" in err.lower()
        assert "Traceback" not in err and out == ""
    code, _, err = run("a", "sync", "--status", "--forget", b_device)
    assert code == 1 and "on its own" in err
    code, out, _ = run("a", "sync", "--status", "--json")
    assert all(d["forgotten"] is False for d in json.loads(out)["devices"])
    code, out, err = run("a", "sync", "--forget", b_device[:8])
    assert code == 0 and out.startswith("Forgot ") and "no longer waits" in out and "Sent " in out
    code, out, _ = run("a", "sync", "--status")
    assert code == 0 and "forgotten, so nobody waits for it" in out
    code, _, err = run("a", "sync", "--forget", b_device)
    assert code == 1 and "already forgotten" in err
    # b syncs again: it is told, takes part again, and is no longer forgotten.
    code, out, _ = run("b", "sync")
    assert code == 0 and "takes part again" in out
    assert run("a", "sync")[0] == 0
    code, out, _ = run("a", "sync", "--status", "--json")
    assert all(d["forgotten"] is False for d in json.loads(out)["devices"])


@pytest.fixture
def new_laptop_with_a_snapshot(computers, shared, monkeypatch):
    """a made the demo review and b read it; b's snapshot (a part per review) waits in
    the folder for a new laptop, which joins from it."""
    from wss_desktop.core.sync import service as sync_service

    run = computers
    run("a", "demo")
    run("a", "review", "new", "--school", "Larchfield Academy", "--framework", "send-review")
    assert run("a", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")[0] == 0
    with monkeypatch.context() as m:
        snapshot_at_once(m, 1)
        assert run("b", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")[0] == 0
        assert run("b", "sync")[0] == 0
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    return run


def interrupt_at(monkeypatch, times: int, when: str = "Catching up") -> list[str]:
    """Send this process a real SIGINT (Ctrl+C), `times` times, at the first progress step
    whose text has `when`; returns the steps seen."""
    import signal

    from wss_desktop import cli

    seen: list[str] = []
    show = cli._ProgressLine.__call__

    def progress(self, done: int, total: int, what: str) -> None:
        first = when in what and not any(when in s for s in seen)
        seen.append(what)
        show(self, done, total, what)
        if first:
            for _ in range(times):
                os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(cli._ProgressLine, "__call__", progress)
    return seen


def test_ctrl_c_during_a_long_join_stops_it_cleanly_and_the_next_sync_finishes(new_laptop_with_a_snapshot, shared,
                                                                              monkeypatch):
    """A new laptop's first sync of a large team runs for a while; Ctrl+C stops it at the
    next step, says so in plain words (no traceback), exits 130, keeps nothing half
    done, and the next sync joins."""
    run = new_laptop_with_a_snapshot
    seen = interrupt_at(monkeypatch, 1)
    code, out, err = run("new", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    assert any("Catching up" in s for s in seen)
    assert code == 130, (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Stopping at the next step" in err
    assert "Stopped when asked" in out
    code, out, _ = run("new", "review", "list", "--json")
    assert code == 0 and json.loads(out) == []
    monkeypatch.undo()
    from wss_desktop.core.sync import service as sync_service
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    code, out, err = run("new", "sync")
    assert code == 0 and "Caught up from a colleague's snapshot" in out, (out, err)
    assert review(run, "new") == review(run, "a")


def test_ctrl_c_twice_stops_at_once_without_a_traceback(new_laptop_with_a_snapshot, shared, monkeypatch):
    run = new_laptop_with_a_snapshot
    interrupt_at(monkeypatch, 2)
    code, out, err = run("new", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    assert code == 130, (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "wss-desktop: stopped" in err
    code, out, _ = run("new", "review", "list", "--json")
    assert code == 0 and json.loads(out) == []
    # Stopped at once, the first sync kept nothing, the folder's setting included.
    code, out, err = run("new", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    assert code == 0 and "Traceback" not in err, (out, err)
    assert review(run, "new") == review(run, "a")


def test_a_terminal_is_shown_each_step_of_a_long_sync_and_a_script_is_not(new_laptop_with_a_snapshot, shared,
                                                                          monkeypatch, capsys):
    run = new_laptop_with_a_snapshot
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run("new", "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
    assert code == 0 and "Caught up from a colleague's snapshot" in out
    assert "reading part 1 of" in err and "writing the reviews" in err
    assert err.endswith("\r\x1b[K"), repr(err[-40:])       # the line is cleared at the end
    assert "\r" not in out
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    code, out, err = run("a", "sync")
    assert code == 0 and err == ""
