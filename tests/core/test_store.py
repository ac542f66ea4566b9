import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from wss_desktop.core import store as store_mod
from wss_desktop.core.errors import InputError
from wss_desktop.core.model import Evidence, Judgement, Review
from wss_desktop.core.store import LATEST, Store, StoreError, fts_query
from wss_desktop.core.sync.hlc import decode
from wss_desktop.core.workspace import Workspace


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_field_edit_is_in_the_change_log(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    before = ws.store.changes()[-1].hlc
    ws.judge(rid, "2.1", rating="developing", strengths="Clear SEND vision")
    ws.judge(rid, "2.1", rating="established")
    rows = ws.store.changes(after=before)
    fields = [(c.tbl, c.field, c.value) for c in rows]
    assert ("judgements", "rating", "developing") in fields
    assert ("judgements", "strengths", "Clear SEND vision") in fields
    assert fields[-1] == ("judgements", "rating", "established")
    # Writing the value a field already has is not an edit.
    ws.judge(rid, "2.1", rating="established")
    assert len(ws.store.changes(after=before)) == len(rows)
    assert all(c.device == ws.store.device_id and c.review_id == rid for c in rows)
    # The second edit records that it was made over the first.
    first_rating = next(c for c in rows if c.field == "rating")
    assert first_rating.vv == {ws.store.device_id: 1}
    assert rows[-1].vv == {ws.store.device_id: 2}
    stamps = [c.hlc for c in rows]
    assert stamps == sorted(stamps)


def test_the_clock_keeps_moving_forward_across_restarts(data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Row Primary", "send-review")
        last = ws.store.changes()[-1].hlc
    with Workspace.open(data_dir) as ws:
        ws.judge(rid, "1.1", rating="emerging")
        assert decode(ws.store.changes()[-1].hlc) > decode(last)


def test_a_failed_write_changes_nothing(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    count = ws.store.change_count()
    with pytest.raises(InputError):
        ws.add_evidence(rid, "learning-walk", statements=["1.1", "99.9"], room="Y1", text="x")
    with pytest.raises(InputError):
        ws.add_action(rid, "Plan", due="31/12/2026")
    with pytest.raises(InputError):
        ws.set_snapshot(rid, on_roll=100, ehcp=140)
    assert ws.store.change_count() == count
    assert ws.store.records(Evidence, review_id=rid) == []


def test_a_transaction_is_all_or_nothing(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    count = ws.store.change_count()
    with pytest.raises(RuntimeError):
        with ws.store.transaction():
            ws.judge(rid, "1.1", rating="enhanced")
            ws.add_observation(rid, room="Y2", text="Seen")
            raise RuntimeError("power cut")
    assert ws.store.change_count() == count
    assert ws.store.get(Judgement, f"{rid}/1.1") is None


def test_deleted_records_are_tombstones(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    eid = ws.add_observation(rid, room="Y5 Hawks", text="Word mats in use")
    ws.delete_evidence(eid)
    assert ws.bundle(rid).evidence == []
    assert ws.store.get(Evidence, eid, include_deleted=True).deleted
    assert ws.store.changes()[-1].field == "deleted"
    assert ws.search("Hawks") == []


def test_search_finds_text_from_every_kind_of_record(ws, demo):
    assert any(h.kind == "evidence" for h in ws.search("phonics"))
    assert any(h.kind == "judgements" for h in ws.search("timetables"))
    assert ws.search("Hollinbrook")[0].review_id == demo
    # What people type never breaks the query syntax.
    for odd in ['SENCO\'s "plan', "NEAR(", "*", "a OR", "-", "Zoë", "", "   ", "()"]:
        ws.search(odd)
    assert ws.search("Zoe")  # accents are folded, so Zoë is found by Zoe


def test_fts_query_quotes_every_word():
    assert fts_query('SENCO\'s "plan') == '"SENCO" "s" "plan"*'
    assert fts_query("  ") == ""


def test_edit_survives_kill_9_right_after_the_call_returns(data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Row Primary", "send-review")
    script = textwrap.dedent(f"""
        import sys, time
        from wss_desktop.core.workspace import Workspace
        ws = Workspace.open({str(data_dir)!r})
        ws.judge({rid!r}, "3.2", rating="established", strengths="Sentence stems on every desk")
        ws.add_observation({rid!r}, room="Y6 Falcons", text="Visualiser used for modelling")
        print("saved", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "saved"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    with Workspace.open(data_dir) as ws:
        b = ws.bundle(rid)
        assert b.judgements["3.2"].strengths == "Sentence stems on every desk"
        assert [e.text for e in b.evidence] == ["Visualiser used for modelling"]
        assert ws.store.integrity_problems() == []


def test_a_database_from_a_newer_version_is_refused_and_untouched(data_dir):
    with Workspace.open(data_dir) as ws:
        ws.new_review("Elm Row Primary", "send-review")
        db_path = ws.paths.database
    conn = store_mod.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    files_before = sorted(p.name for p in db_path.parent.iterdir())
    digest = _digest(db_path)
    with pytest.raises(StoreError) as err:
        Workspace.open(data_dir)
    assert "newer version" in str(err.value)
    assert "has not been changed" in str(err.value)
    assert _digest(db_path) == digest
    assert sorted(p.name for p in db_path.parent.iterdir()) == files_before


def test_a_file_that_is_not_a_database_is_refused(data_dir):
    data_dir.mkdir(parents=True)
    target = data_dir / "wss.sqlite3"
    target.write_text("these are my notes, not a database\n" * 10)
    with pytest.raises(StoreError, match="not a WSS Review Desktop database"):
        Workspace.open(data_dir)
    assert target.read_text().startswith("these are my notes")


def test_an_older_database_is_backed_up_then_migrated(data_dir):
    """Version 1 had no search index; opening it adds one, filled from existing text."""
    data_dir.mkdir(parents=True)
    path = data_dir / "wss.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    store_mod.migrate(conn, upto=1)
    conn.execute("INSERT INTO frameworks (id, framework_id, version, name, content, deleted) "
                 "VALUES ('h1', 'send-review', '1.0', 'SEND Review Guide', ?, 0)",
                 [json.dumps(_frozen_send_review())])
    conn.execute("INSERT INTO reviews (id, school_name, review_type, framework_id, framework_version, "
                 "framework_hash, purpose, deleted) VALUES ('r1', 'Old Mill Primary', 'external', "
                 "'send-review', '1.0', 'h1', '', 0)")
    conn.execute("INSERT INTO judgements (id, review_id, statement_id, rating, strengths, consider, "
                 "deleted) VALUES ('r1/1.1', 'r1', '1.1', 'developing', 'Lovely sensory room', '', 0)")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()

    with Workspace.open(data_dir) as ws:
        assert ws.store.schema_version() == LATEST
        assert ws.store.last_backup is not None and ws.store.last_backup.exists()
        assert [h.review_id for h in ws.search("sensory")] == ["r1"]
        assert ws.bundle("r1").judgements["1.1"].rating == "developing"
        backup = ws.store.last_backup
        key = ws.store.key
    old = store_mod.connect(backup, key)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT strengths FROM judgements").fetchone()[0] == "Lovely sensory room"
    old.close()


def _frozen_send_review():
    from wss_desktop.core.frameworks import Library
    return Library.load().get("send-review").content()


def test_integrity_check_spots_a_damaged_file(data_dir):
    with Workspace.open(data_dir) as ws:
        ws.new_review("Elm Row Primary", "send-review")
        assert ws.store.integrity_problems() == []
        path = ws.paths.database
    conn = store_mod.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(raw), page * 6)):
        raw[offset] = 0xA5
    path.write_bytes(bytes(raw))
    # Either the file will not open at all (with a sentence saying what to do),
    # or it opens and the check lists what is wrong.
    try:
        with Store.open(path) as st:
            problems = st.integrity_problems()
    except StoreError as exc:
        assert "Restore a copy from" in str(exc)
        problems = [str(exc)]
    assert problems


def test_reads_give_typed_values(ws):
    rid = ws.new_review("Elm Row Primary", "send-review", scope=["2", "3"], date_visit="2026-11-30")
    eid = ws.add_observation(rid, room="Y3", tas=2, teacher_present=True,
                             look_fors=["Word mats on tables"], text="")
    ev = ws.store.get(Evidence, eid)
    assert ev.tas == 2 and ev.teacher_present is True and ev.look_fors == ["Word mats on tables"]
    review = ws.store.get(Review, rid)
    assert review.scope == ["2", "3"] and review.date_visit == "2026-11-30"


def test_the_revision_moves_with_every_commit_from_any_connection(data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Elm Row Primary", "send-review")
        first = ws.store.revision()
        assert ws.store.revision() == first          # asking changes nothing
        ws.judge(rid, "1.1", rating="developing")
        second = ws.store.revision()
        assert second != first
        with Workspace.open(data_dir) as other:     # e.g. a sync worker's connection
            other.judge(rid, "1.1", rating="established")
        assert ws.store.revision() != second
        assert ws.bundle(rid).judgements["1.1"].rating == "established"


def test_an_acknowledged_edit_is_on_disk_and_checkpoints_never_run_inside_an_edit(ws, monkeypatch):
    """synchronous=FULL: a commit reaches the disk before the edit is shown as saved.
    The write-ahead log is copied back by the store's own thread, not by whichever
    edit happens to cross SQLite's automatic checkpoint threshold."""
    import time as _time
    from wss_desktop.core import store as store_module
    conn = ws.store.conn
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    checkpointer = ws.store._checkpointer
    monkeypatch.setattr(store_module._Checkpointer, "EVERY_COMMITS", 5)
    rid = ws.new_review("Checkpoint Primary", "send-review")
    for i in range(12):
        ws.judge(rid, "1.1", strengths=f"Edit {i}")
    deadline = _time.monotonic() + 20
    while checkpointer.checkpoints == 0 and _time.monotonic() < deadline:
        _time.sleep(0.01)
    assert checkpointer.checkpoints >= 1
    ws.close()
    assert not checkpointer._thread.is_alive()


def test_opening_the_store_beside_an_open_one_never_opens_the_file_outside_sqlite(tmp_path):
    """Closing any descriptor of the database file releases every POSIX lock the process
    holds on it, so a command run beside the app could then delete the app's WAL. The
    app's sync session opens the store a second time in the same process: nothing on
    that path may read the file with Python's open() (an audit hook watches)."""
    import sys
    from wss_desktop.core.store import Store
    watching: dict[str, object] = {"path": None}
    opened: list[str] = []

    def hook(event: str, args: tuple) -> None:
        path = watching["path"]
        if path and event == "open" and str(args[0]).startswith(str(path)):
            opened.append(str(args[0]))

    sys.addaudithook(hook)
    with Workspace.open(tmp_path / "data") as ws:
        ws.new_review("Audit Hook Primary", "send-review")
        watching["path"] = ws.paths.database
        try:
            Store.open(ws.paths.database).close()
        finally:
            watching["path"] = None
    assert opened == []


def test_the_write_ahead_log_gives_its_room_back_after_a_large_write(data_dir, monkeypatch):
    """A large write (a new laptop joining a trust's reviews writes hundreds of megabytes,
    and more than twice that while the user types) grows the write-ahead log. Once it is
    copied back, the log restarts from its beginning; it then gives the disk its room
    back, down to Store.WAL_KEEP_BYTES, instead of keeping its largest size until the app
    closes (a laptop nearly full would have that much less for the notes to come)."""
    import time as _time

    from wss_desktop.core import store as store_module
    monkeypatch.setattr(store_module.Store, "WAL_KEEP_BYTES", 256 * 1024)
    wal = data_dir / "wss.sqlite3-wal"
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Log Room Primary", "send-review")
        words = "Pupils used visual timetables and word mats; adults pre-taught key words. "
        with ws.store.transaction():        # one large write: no checkpoint within it
            for i in range(80):
                ws.add_observation(rid, room=f"Room {i}", text=f"{i} " + words * 200)
        grown = wal.stat().st_size
        assert grown > 2 * 1024 * 1024
        checkpointer = ws.store._checkpointer
        before = checkpointer.checkpoints
        deadline = _time.monotonic() + 20
        while checkpointer.checkpoints == before and _time.monotonic() < deadline:
            _time.sleep(0.01)
        assert checkpointer.checkpoints > before
        ws.update_review(rid, purpose="A short purpose, after the large write.")
        assert wal.stat().st_size <= store_module.Store.WAL_KEEP_BYTES
        assert ws.bundle(rid).review.purpose == "A short purpose, after the large write."
