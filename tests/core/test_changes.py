"""Every committed write says what it changed (core/changes.py), once, at commit."""

import pytest

from wss_desktop.core.changes import LOCAL, SYNC, Changes
from wss_desktop.core.errors import UserError
from wss_desktop.core.workspace import Workspace


def collect(ws):
    seen: list[Changes] = []
    ws.store.subscribe(seen.append)
    return seen


def test_an_edit_names_its_review_record_and_fields(ws):
    rid = ws.new_review("Linden Lea Primary", "send-review")
    seen = collect(ws)
    ws.judge(rid, "2.1", strengths="Clear vision", rating="established")
    [changes] = seen
    assert changes.source == LOCAL and not changes.from_elsewhere
    assert changes.reviews == {rid} and changes.tables == {"judgements"}
    assert {f for (_t, _r, f) in changes.fields} >= {"strengths", "rating"}
    assert changes.about(rid) and not changes.about("another-review")
    assert changes.touches("judgements") and not changes.touches("actions")


def test_one_transaction_is_one_change_and_nothing_is_said_of_what_did_not_happen(ws):
    rid = ws.new_review("Linden Lea Primary", "send-review")
    seen = collect(ws)
    with ws.store.transaction():
        ws.judge(rid, "1.1", strengths="A")
        ws.judge(rid, "1.2", strengths="B")
    assert len(seen) == 1 and len(seen[0].records) == 2
    ws.judge(rid, "1.1", strengths="A")  # the value it already has: not an edit
    assert len(seen) == 1
    with pytest.raises(RuntimeError):
        with ws.store.transaction():
            ws.judge(rid, "1.1", strengths="Rolled back")
            raise RuntimeError("stop")
    assert len(seen) == 1
    with pytest.raises(UserError):
        ws.update_evidence("no-such-evidence", text="x")
    assert len(seen) == 1


def test_changes_from_another_device_are_marked_as_arrived(tmp_path):
    a, b = Workspace.open(tmp_path / "a"), Workspace.open(tmp_path / "b")
    rid = a.new_review("Linden Lea Primary", "send-review")
    b.store.apply_changes(a.store.changes())
    seen = collect(b)
    a.add_observation(rid, room="Y4", text="Word mats on every table")
    b.store.apply_changes(a.store.changes())
    [changes] = seen
    assert changes.source == SYNC and changes.from_elsewhere
    assert changes.reviews == {rid} and "evidence" in changes.tables
    b.store.apply_changes(a.store.changes())  # duplicates change nothing
    assert len(seen) == 1
    a.close()
    b.close()


def test_a_sync_known_only_by_review_concerns_everything_shown_of_it():
    arrived = Changes.arrived({"r1"})
    assert arrived.about("r1") and arrived.touches("anything") and arrived.from_elsewhere
    assert not arrived.about("r2")
    assert Changes.arrived(None).about("r2")


def test_unsubscribing_stops_the_calls(ws):
    rid = ws.new_review("Linden Lea Primary", "send-review")
    seen: list[Changes] = []
    stop = ws.store.subscribe(seen.append)
    stop()
    ws.judge(rid, "1.1", strengths="Not heard")
    assert seen == []
