"""Issue 10, case 9: history that does not grow with every autosave, and conflicts found
through an index. (The figures at 5,000 reviews are in bench/bench_sync_scale.py.)"""

from __future__ import annotations

import pytest
from sync_support import Device, SteppingWall, fast_kdf, memory_keyring, state  # noqa: F401

from wss_desktop.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


class Wall(SteppingWall):
    def jump(self, seconds: float) -> None:
        self._millis += int(seconds * 1000)


def strengths_rows(ws: Workspace, jid: str) -> list:
    return [c for c in ws.store.changes(tbl="judgements", rec=jid) if c.field == "strengths"]


def test_a_typing_burst_logs_only_its_final_text(tmp_path):
    wall = Wall()
    with Workspace.open(tmp_path / "a", wall=wall) as ws:
        rid = ws.new_review("Elm Row Primary", "send-review")
        text = ""
        for word in "Pupils were calm and knew the routine well".split():
            text = f"{text} {word}".strip()
            ws.judge(rid, "1.1", strengths=text)        # an autosave every few seconds
            wall.jump(3)
        jid = ws.bundle(rid).judgements["1.1"].id
        assert [c.value for c in strengths_rows(ws, jid)] == [text]
        wall.jump(600)                                  # a new burst later keeps the old one
        ws.judge(rid, "1.1", strengths=text + ".")
        assert [c.value for c in strengths_rows(ws, jid)] == [text, text + "."]
        # The rating saved with the text is never dropped.
        ws.judge(rid, "1.1", rating="established")
        assert [c.value for c in ws.store.changes(tbl="judgements", rec=jid) if c.field == "rating"] == [
            "established"]


def test_a_burst_interrupted_by_a_colleagues_edit_keeps_both(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    try:
        rid = a.ws.new_review("Elm Row Primary", "send-review")
        a.ws.judge(rid, "1.1", strengths="First words")
        a.sync(shared)
        b.sync(shared)
        b.ws.judge(rid, "1.1", strengths="Bea's version")
        b.sync(shared, passphrase=None)
        a.ws.judge(rid, "1.1", strengths="First words")
        a.ws.judge(rid, "1.1", strengths="First words and more")      # coalesced, though sent
        a.sync(shared, passphrase=None)
        b.sync(shared, passphrase=None)
        a.sync(shared, passphrase=None)
        assert state(a.ws) == state(b.ws)
        [conflict] = a.ws.store.conflicts(rid)
        assert {v.value for v in conflict.versions} == {"Bea's version", "First words and more"}
        # A device joining later sees the same: the dropped row was superseded.
        c = Device(tmp_path, "c")
        c.sync(shared)
        assert state(c.ws) == state(a.ws)
        c.close()
    finally:
        a.close()
        b.close()


def test_conflicts_are_found_through_the_partial_index(tmp_path):
    with Workspace.open(tmp_path / "a") as ws:
        plan = ws.store.conn.execute("EXPLAIN QUERY PLAN SELECT tbl, rec, field FROM field_clocks "
                                     "WHERE conflicted = 1").fetchall()
        assert any("field_clocks_conflicted" in row[-1] for row in plan), plan
        assert ws.store.conflicts() == []
