"""One passphrase rule for the command line and the desktop app, a generator, and key
stretching whose cost travels with each marker so it can be raised later."""

from __future__ import annotations

import json

import pytest
from sync_support import fast_kdf  # noqa: F401

from wss_desktop.cli import main
from wss_desktop.core import passphrase
from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync import crypto
from wss_desktop.core.sync.folder import MARKER


@pytest.fixture
def cli(data_dir, capsys):
    def run(*argv):
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.mark.parametrize("text", ["correct horse", "Tr0ub4dor&3x", "ox is at me", "sun and the sea"])
def test_ten_characters_or_four_words_are_accepted(text):
    assert passphrase.problem(text) is None
    assert passphrase.check_new(text) == text


@pytest.mark.parametrize("text", ["", "   ", "x", "abc123", "aaaaaaaaaaaa", "abab abab abab", "two words"])
def test_short_or_repetitive_passphrases_are_refused_with_the_rule(text):
    reason = passphrase.problem(text)
    assert reason and "at least 10 characters" in reason and "four or more words" in reason
    with pytest.raises(passphrase.WeakPassphrase):
        passphrase.check_new(text)


def test_suggestions_meet_the_rule_and_differ():
    seen = {passphrase.suggest() for _ in range(20)}
    assert len(seen) == 20
    assert all(passphrase.problem(s) is None and len(s.split()) == 5 for s in seen)


def test_the_command_line_refuses_a_one_character_team_passphrase(cli, ws, tmp_path, monkeypatch, fast_kdf):
    add_demo(ws)
    ws.close()
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("TEAM_PASS", "x")
    code, out, err = cli("sync", "--folder", str(shared), "--passphrase-env", "TEAM_PASS")
    assert code != 0 and "at least 10 characters" in err
    assert not (shared / MARKER).exists()
    monkeypatch.setenv("TEAM_PASS", "otter lantern quill meadow")
    code, out, err = cli("sync", "--folder", str(shared), "--passphrase-env", "TEAM_PASS")
    assert code == 0, err


def test_the_command_line_suggests_a_passphrase(cli):
    code, out, err = cli("passphrase")
    assert code == 0
    suggestion = out.strip().splitlines()[0]
    assert passphrase.problem(suggestion) is None


def test_one_guess_costs_more_than_before_and_the_cost_travels_with_the_marker():
    # The default is scrypt 2**17 x 8 with two lanes: 128 MiB and, measured by
    # bench/bench_privacy.py, well over 0.5 s per guess on this machine's core.
    from sync_support import PRODUCTION_COST
    assert (PRODUCTION_COST.log2n, PRODUCTION_COST.r, PRODUCTION_COST.p) >= (17, 8, 2)
    wrapped = crypto.wrap_team_key(bytes(32), "otter lantern quill meadow", crypto.ScryptCost(12, 8, 2))
    assert (wrapped["log2n"], wrapped["r"], wrapped["p"]) == (12, 8, 2)


def test_markers_made_with_the_old_cost_still_open():
    old = crypto.ScryptCost(12, 8, 1)
    wrapped = json.loads(json.dumps(crypto.wrap_team_key(bytes(range(32)), "a team passphrase", old)))
    assert crypto.unwrap_team_key(wrapped, "a team passphrase") == bytes(range(32))
