"""`wss-desktop team list|remove|rotate|name` as a user types them (issue 12)."""

from __future__ import annotations

import json

import keyring
import pytest
from sync_support import PASSPHRASE, MemoryKeyring, fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.cli import main
from wss_desktop.core.demo import DEMO_ID

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")
NEW = "a brand new team passphrase for spring"


@pytest.fixture
def computers(tmp_path, capsys, monkeypatch):
    """run(name, *argv): the command line on computer `name`, each with its own keyring."""
    rings: dict[str, MemoryKeyring] = {}
    monkeypatch.setenv("TEAM_PASS", PASSPHRASE)
    monkeypatch.setenv("NEW_PASS", NEW)

    def run(name: str, *argv: str) -> tuple[int, str, str]:
        keyring.set_keyring(rings.setdefault(name, MemoryKeyring()))
        code = main(["--data-dir", str(tmp_path / name), *argv])
        out, err = capsys.readouterr()
        return code, out, err
    run.rings = rings
    return run


def test_team_list_remove_and_the_removed_computer_is_locked_out(computers, tmp_path):
    run, shared = computers, str(tmp_path / "shared")
    (tmp_path / "shared").mkdir()
    run("a", "demo")
    for name, person in (("a", "Alice laptop"), ("b", "Bob laptop"), ("c", "Carol laptop")):
        assert run(name, "team", "name", person)[0] == 0
        code, _, err = run(name, "sync", "--folder", shared, "--passphrase-env", "TEAM_PASS")
        assert code == 0, err
    code, out, _ = run("a", "team", "list")
    assert code == 0 and "Alice laptop (this computer)" in out and "Carol laptop" in out
    assert "Team key number 0" in out

    # Bad input: a clear line, exit 1, nothing changed in the folder.
    before = {p: p.read_bytes() for p in (tmp_path / "shared").rglob("*") if p.is_file()}
    for argv, words in ((["team", "remove", "Dave laptop", "--new-passphrase-env", "NEW_PASS"], "No computer"),
                        (["team", "remove", "Alice laptop", "--new-passphrase-env", "NEW_PASS"], "this computer"),
                        (["team", "remove", "Carol laptop", "--new-passphrase-env", "UNSET_VAR"], "not set"),
                        (["team", "remove", "Carol laptop"], "--new-passphrase-env")):
        code, _, err = run("a", *argv)
        assert code == 1 and words in err and "Traceback" not in err, err
        assert {p: p.read_bytes() for p in (tmp_path / "shared").rglob("*") if p.is_file()} == before

    code, out, err = run("a", "team", "remove", "Carol laptop", "--new-passphrase-env", "NEW_PASS")
    assert code == 0 and "Removed from the team: Carol laptop" in out, err
    assert "Bob laptop" in out   # receives the key by its device key
    assert run("a", "judge", DEMO_ID, "1.1", "--as", "reviewer", "--rating", "enhanced")[0] == 0
    assert run("a", "sync")[0] == 0
    # Bob carries on with nothing typed; Carol cannot, even with the old passphrase.
    code, out, err = run("b", "sync")
    assert code == 0 and "own device key" in out, err
    code, _, err = run("c", "sync", "--passphrase-env", "TEAM_PASS")
    assert code == 1 and "changed" in err
    code, out, _ = run("a", "team", "list", "--json")
    info = json.loads(out)
    assert info["epoch"] == 1 and info["key_changed"]
    assert sorted(m["name"] for m in info["members"]) == ["Alice laptop", "Bob laptop"]
    assert [r["name"] for r in info["removed"]] == ["Carol laptop"]
    # A plain key change keeps everyone; the new passphrase is never on the command line.
    code, out, _ = run("b", "team", "rotate", "--new-passphrase-env", "TEAM_PASS")
    assert code == 0 and "Alice laptop" in out
    assert run("a", "sync")[0] == 0
