"""Issue 10, compaction: a new laptop joining from a colleague's snapshot.

Joining from a snapshot must give exactly the database that reading every change
file gives: every record, the version each field shows (its clock and version
vector), conflicts kept side by side, changes waiting for their record, changes
held back, the search index and, once superseded rows are compacted away, the
change log itself. A snapshot is checked change by change like any change file:
one carrying an invalid value is reported, nothing invalid is applied, and the
files it claims to cover are read instead, so nothing is lost either.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import PASSPHRASE, Device, fast_kdf, memory_keyring, snapshot_at_once, state  # noqa: F401

from wss_desktop.core.demo import add_demo
from wss_desktop.core.store import Change, Staged, Store
from wss_desktop.core.sync import crypto, wire
from wss_desktop.core.sync import service as sync_service
from wss_desktop.core.sync.folder import DEVICES, SNAPSHOT, FolderError, read_marker
from wss_desktop.core.sync.keys import TeamKeys

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


def team_key(device: Device) -> bytes:
    key = device.keys.get(device.ws.store.setting("sync.team_key_id"))
    assert key is not None
    return key


def plant(device: Device, shared: Path, changes: list[Change], number: int) -> None:
    """A change file of `device` (sealed with the team key, bound to its place)."""
    folder_id, writer = read_marker(shared).folder_id, device.ws.store.device_id
    plain = wire.encode({"device": writer, "folder_id": folder_id}, changes)
    (shared / DEVICES / writer / f"{number:08d}.wsc").write_bytes(crypto.seal(
        plain, crypto.KIND_BOUND_CHANGES, team_key=team_key(device),
        bound=crypto.bind("changes", 2, folder_id, writer, number)))


def new_device(tmp_path: Path, name: str) -> Device:
    device = Device(tmp_path, name)
    device.keys = TeamKeys(use_keyring=False)
    return device


def below_the_records(device: Device) -> dict[str, object]:
    """What sync keeps beside the records: each field's shown version and its siblings,
    changes waiting for their record or held back, the search index, the compacted log."""
    conn = device.ws.store.conn
    device.ws.store.compact_log()
    device.ws.store.search("anything")      # brings the search index up to date first
    folder_id = device.ws.store.setting("sync.folder_id")
    held = sync_service.load_json(device.ws.store, f"sync.state.{folder_id}", {})["held"]
    return {
        "field_clocks": conn.execute("SELECT tbl, rec, field, hlc, device, vv, conflicted FROM field_clocks "
                                     "ORDER BY 1, 2, 3").fetchall(),
        "field_conflicts": conn.execute("SELECT tbl, rec, field, hlc, device, vv, value, review_id "
                                        "FROM field_conflicts ORDER BY 1, 2, 3, 4, 5").fetchall(),
        "pending": conn.execute("SELECT * FROM pending_changes ORDER BY 1, 2, 3, 4, 5").fetchall(),
        "texts": conn.execute("SELECT tbl, rec, field, review_id, body FROM texts ORDER BY 1, 2, 3").fetchall(),
        "log": conn.execute("SELECT device, hlc, tbl, rec, field, value, vv, review_id FROM changes "
                            "ORDER BY 1, 2, 3, 4, 5").fetchall(),
        "held": sorted(json.dumps(row) for row in held),
    }


def busy_team(trio: list[Device], shared: Path) -> tuple[str, list[str]]:
    """Ratings changed over, two people's concurrent texts, a deleted observation, a change
    waiting for a review that has not arrived and one stamped far ahead (held back)."""
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    for d in (a, b, c):
        d.sync(shared)
    for rating in ("emerging", "developing", "established"):
        a.ws.judge(rid, "1.1", rating=rating)
    a.ws.judge(rid, "2.1", strengths="a's view of 2.1")
    b.ws.judge(rid, "2.1", strengths="b's view of 2.1")       # concurrent: a conflict
    kept = b.ws.add_observation(rid, room="Y4", text="Phonics with the whole class")
    gone = b.ws.add_observation(rid, room="Y5", text="Written, then deleted")
    b.ws.delete_evidence(gone)
    for d in (a, b, a, b):
        d.sync(shared)
    stamp = c.ws.store.clock.tick()
    own = c.ws.store.device_id
    plant(c, shared, [Change("999999999999999.99999", own, "judgements",
                             b.ws.bundle(rid).judgements["1.2"].id, "strengths", "From the far future",
                             {own: 99}, rid)], 50)
    plant(c, shared, [Change(stamp, own, "judgements", "f" * 32, "review_id", "a-review-not-here-yet",
                             {own: 1}, "a-review-not-here-yet"),
                      Change(stamp, own, "judgements", "f" * 32, "strengths", "Waits for its review",
                             {own: 1}, "a-review-not-here-yet")], 51)
    return rid, [kept, gone]


def write_snapshot(device: Device, shared: Path, monkeypatch: pytest.MonkeyPatch, chunk: int = 20_000) -> None:
    with monkeypatch.context() as m:
        snapshot_at_once(m, chunk)     # parts of about this many versions
        report = device.sync(shared, passphrase=None)
    assert report.problem is None
    assert (shared / DEVICES / device.ws.store.device_id / SNAPSHOT).is_file()


def test_joining_from_a_snapshot_gives_exactly_what_reading_every_file_gives(trio, shared, tmp_path,
                                                                             monkeypatch):
    a, b, c = trio
    rid, _ = busy_team(trio, shared)
    by_files = new_device(tmp_path, "by-files")
    report = by_files.sync(shared)
    assert not any("Caught up from a colleague's snapshot" in line for line in report.lines())
    # Many parts (each review in one, the records of no review first, the changes held
    # back last).
    write_snapshot(b, shared, monkeypatch, chunk=1)
    assert len(list((shared / DEVICES / b.ws.store.device_id).glob("s*.wss"))) == 4
    by_snapshot = new_device(tmp_path, "by-snapshot")
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    monkeypatch.setattr(Store, "BULK_TEXTS", 1)     # the search index filled in one statement
    bulk: list[int] = []
    load = Staged.load

    def counted(self: Staged, *args: object, **kw: object) -> tuple[int, dict[str, int], set[str]]:
        out = load(self, *args, **kw)
        bulk.append(out[0])
        return out

    monkeypatch.setattr(Staged, "load", counted)
    report = by_snapshot.sync(shared)
    # Most versions went in in bulk; the conflict, the waiting and the held-back ones
    # and the records this laptop had already (its frameworks) went the usual way.
    assert len(bulk) == 1 and bulk[0] > 100, bulk
    assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
    assert report.received_files == 0          # nothing was left to read file by file
    for word in ("phonics", "view", "Hollinbrook"):
        assert ({(h.record_id, h.field) for h in by_snapshot.ws.store.search(word)}
                == {(h.record_id, h.field) for h in by_files.ws.store.search(word)} != set())
    assert by_snapshot.ws.store.integrity_problems() == []

    assert state(by_snapshot.ws) == state(by_files.ws) == state(b.ws)
    assert below_the_records(by_snapshot) == below_the_records(by_files)
    # The scenario did hold what the comparison is about.
    shown = below_the_records(by_snapshot)
    assert {v.value for v in by_snapshot.ws.store.conflicts(rid)[0].versions} == {
        "a's view of 2.1", "b's view of 2.1"}
    assert len(shown["pending"]) == 2 and len(shown["held"]) == 1
    assert by_snapshot.ws.bundle(rid).judgements["1.1"].rating == "established"
    assert "Written, then deleted" not in [e.text for e in by_snapshot.ws.bundle(rid).evidence]
    # The search index keeps up with later edits (its trigger is back in place).
    by_snapshot.ws.add_observation(rid, room="Y6", text="Tambourines in the music room")
    assert [h.field for h in by_snapshot.ws.store.search("tambourines")] == ["text"]
    # Later syncs keep everyone the same.
    for d in (a, b, by_files, by_snapshot, a, b, by_files, by_snapshot):
        assert d.sync(shared, passphrase=None).problem is None
    assert state(by_snapshot.ws) == state(by_files.ws) == state(a.ws)
    by_files.close()
    by_snapshot.close()


def tamper(device: Device, shared: Path, edit, *, rows: bool = False, columns_edit=None) -> None:
    """Rewrite `device`'s snapshot with `edit` applied to its changes, sealed with the team
    key and listed in its manifest as the writer would (a faulty app of a team member);
    `rows`: in the form of change files, as apps before parts in columns wrote them;
    `columns`: a function applied to each part's columns as they will be written."""
    key, folder_id, writer = team_key(device), read_marker(shared).folder_id, device.ws.store.device_id
    folder = shared / DEVICES / writer
    bind = lambda name: crypto.bind("snapshot", 2, folder_id, writer, name)  # noqa: E731
    manifest = json.loads(crypto.unseal((folder / SNAPSHOT).read_bytes(), crypto.KIND_HAVE,
                                        team_keys=lambda kid: key, bound=bind(SNAPSHOT)))
    parts = []
    for name, _ in manifest["parts"]:
        plain = crypto.unseal((folder / name).read_bytes(), crypto.KIND_BOUND_CHANGES,
                              team_keys=lambda kid: key, bound=bind(name))
        assert wire.is_columns(plain)       # parts are written in columns
        meta, part = wire.decode_columns(plain)
        meta.pop("format")          # each encoder writes its own
        changes = edit(wire.rows_of_columns(part))
        if rows:
            plain = wire.encode(meta, changes)
        else:
            plain = wire.encode_columns(meta, (columns_edit or (lambda c: c))(wire.columns_of(changes)))
        data = crypto.seal(plain, crypto.KIND_BOUND_CHANGES, team_key=key, bound=bind(name))
        (folder / name).write_bytes(data)
        parts.append([name, hashlib.sha256(data).hexdigest()])
    manifest["parts"] = parts
    (folder / SNAPSHOT).write_bytes(crypto.seal(json.dumps(manifest).encode(), crypto.KIND_HAVE,
                                                team_key=key, bound=bind(SNAPSHOT)))


def test_a_snapshot_carrying_invalid_values_is_refused_and_the_files_are_read_instead(trio, shared,
                                                                                       tmp_path, monkeypatch):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    for d in (a, b):
        d.sync(shared)
    a.ws.judge(rid, "3.1", rating="enhanced", strengths="A real note")
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch)
    jid = b.ws.bundle(rid).judgements["3.1"].id

    def corrupt(changes: list[Change]) -> list[Change]:
        out = []
        for c in changes:
            if c.rec == jid and c.field == "rating":
                c = Change(c.hlc, c.device, c.tbl, c.rec, c.field, "NOT-A-RATING", c.vv, c.review_id)
            elif c.rec == jid and c.field == "strengths":
                c = Change(c.hlc, c.device, c.tbl, c.rec, c.field, {"x": 1}, c.vv, c.review_id)
            out.append(c)
        return out

    tamper(b, shared, corrupt)
    new = new_device(tmp_path, "new")
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    report = new.sync(shared)
    lines = report.lines()
    assert any(line.startswith("Refused 2 changes") and SNAPSHOT in line for line in lines), lines
    judgement = new.ws.bundle(rid).judgements["3.1"]
    assert judgement.rating == "enhanced" and judgement.strengths == "A real note"
    logged = [c.value for c in new.ws.store.changes(rec=jid)]
    assert "NOT-A-RATING" not in logged and {"x": 1} not in logged      # never passed on
    assert any("Refused" in line for line in sync_service.sync_status(new.ws.store, new.keys).details)
    assert new.ws.store.integrity_problems() == []
    assert state(new.ws) == state(b.ws)
    new.close()


def demo_with_a_snapshot(trio: list[Device], shared: Path, monkeypatch: pytest.MonkeyPatch) -> Device:
    """The demo review made by a, read by b, and b's snapshot of it; returns b."""
    a, b, _ = trio
    add_demo(a.ws)
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch)
    return b


def joined(tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    device = new_device(tmp_path, name)
    return device, device.sync(shared)


def test_a_snapshot_written_by_an_older_app_change_by_change_still_joins(trio, shared, tmp_path, monkeypatch):
    """Parts in the form of change files (apps before parts in columns) are merged as before."""
    a, b, c = trio
    busy_team(trio, shared)
    by_files = new_device(tmp_path, "by-files")
    by_files.sync(shared)
    write_snapshot(b, shared, monkeypatch, chunk=1)
    tamper(b, shared, lambda changes: changes, rows=True)
    used: list[int] = []
    monkeypatch.setattr(Staged, "load", lambda self, *args, **kw: used.append(1))     # must not be used
    device, report = joined(tmp_path, shared, monkeypatch, "by-old-snapshot")
    assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
    assert report.received_files == 0 and used == []
    assert state(device.ws) == state(by_files.ws)
    assert below_the_records(device) == below_the_records(by_files)
    by_files.close()
    device.close()


def test_a_part_whose_values_are_not_json_leaves_nothing_applied_and_the_files_are_read(trio, shared, tmp_path,
                                                                                       monkeypatch):
    b = demo_with_a_snapshot(trio, shared, monkeypatch)

    def break_one(columns):
        if columns[5]:                  # (the part of changes held back is empty here)
            columns[5][-1] = "{not json"
        return columns

    tamper(b, shared, lambda changes: changes, columns_edit=break_one)
    device, report = joined(tmp_path, shared, monkeypatch, "new")
    lines = report.lines()
    assert not any("Caught up from a colleague's snapshot" in line for line in lines), lines
    assert any("read instead" in line for line in lines), lines
    assert report.received_files > 0            # the files were read instead
    assert device.ws.store.integrity_problems() == []
    assert state(device.ws) == state(b.ws)
    device.close()


def test_the_rows_of_a_snapshot_are_held_in_memory_only_and_the_store_is_put_back(tmp_path):
    """The team's notes are never written to a temporary file unencrypted."""
    from wss_desktop.core.workspace import Workspace
    with Workspace.open(tmp_path / "data") as ws:
        store = ws.store
        before = store.conn.execute("PRAGMA temp_store").fetchone()[0]
        columns = wire.columns_of([Change("000001790000000.00000", "d" * 16, "reviews", "r" * 32, "school_name",
                                          "Hollinbrook Primary", {"d" * 16: 1}, "r" * 32)])
        with store.staged([columns]) as staged:
            assert store.conn.execute("PRAGMA temp_store").fetchone()[0] == 2     # MEMORY
            assert staged.rows == 1
        assert store.conn.execute("PRAGMA temp_store").fetchone()[0] == before
        assert store.conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'staged%'"
                                  ).fetchone()[0] == 0


def test_a_join_from_a_snapshot_stopped_when_asked_applies_nothing_and_finishes_next_time(trio, shared, tmp_path,
                                                                                           monkeypatch):
    b = demo_with_a_snapshot(trio, shared, monkeypatch)
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    device = new_device(tmp_path, "new")
    asked: list[str] = []

    def progress(done: int, total: int, what: str) -> None:
        asked.append(what)

    # Stopped once the snapshot's rows are in and checked, before anything is written.
    report = device.sync(shared, cancel=lambda: any("snapshot" in w for w in asked), progress=progress)
    assert report.cancelled
    assert device.ws.reviews() == []
    report = device.sync(shared)
    assert report.problem is None and not report.cancelled
    assert state(device.ws) == state(b.ws)
    device.close()


def test_a_review_with_two_peoples_versions_goes_the_usual_way_with_all_its_records(trio, shared, tmp_path,
                                                                                    monkeypatch):
    """A field with several versions is merged the usual way, and so is every record
    under that review (its parent is not written until then); the result is the same."""
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    other = a.ws.new_review("Larchfield Academy", "send-review")
    for d in (a, b):
        d.sync(shared)
    a.ws.update_review(rid, purpose="Purpose as a saw it")
    b.ws.update_review(rid, purpose="Purpose as b saw it")      # concurrent: two versions
    for d in (a, b, a, b):
        d.sync(shared)
    by_files = new_device(tmp_path, "by-files")
    by_files.sync(shared)
    write_snapshot(b, shared, monkeypatch)
    set_aside: list[list[Change]] = []
    original = Staged.set_aside_changes

    def spy(self: Staged) -> list[Change]:
        out = original(self)
        set_aside.append(out)
        return out

    monkeypatch.setattr(Staged, "set_aside_changes", spy)
    device, report = joined(tmp_path, shared, monkeypatch, "by-snapshot")
    assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
    usual = {c.review_id for c in set_aside[0] if c.tbl != "frameworks"}
    assert rid in usual and other not in usual      # the other review went in in bulk
    assert {c.tbl for c in set_aside[0] if c.review_id == rid} >= {"reviews", "judgements", "evidence"}
    assert state(device.ws) == state(by_files.ws) == state(b.ws)
    assert below_the_records(device) == below_the_records(by_files)
    assert {v.value for v in device.ws.store.conflicts(rid)[0].versions} == {
        "Purpose as a saw it", "Purpose as b saw it"}
    by_files.close()
    device.close()


def test_an_app_reading_only_parts_in_rows_is_told_a_part_in_columns_is_from_a_newer_version():
    columns = wire.columns_of([Change("000001790000000.00000", "d" * 16, "reviews", "r" * 32, "school_name",
                                      "Hollinbrook Primary", {"d" * 16: 1}, "r" * 32)])
    plain = wire.encode_columns({"device": "d" * 16}, columns)
    with pytest.raises(crypto.Damaged, match="newer version"):
        wire.decode(plain)          # what apps before parts in columns do with a part
    meta, back = wire.decode_columns(plain)
    assert back == columns and meta["device"] == "d" * 16


STEPS = st.one_of(
    st.tuples(st.sampled_from(["rate", "text", "observe", "edit-obs", "delete-obs", "purpose"]),
              st.integers(0, 2), st.integers(0, 5), st.sampled_from(["Calm start", "Word mats", "Zoë's group"])),
    st.tuples(st.just("sync"), st.integers(0, 2), st.just(0), st.just("")),
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEPS, min_size=3, max_size=25))
def test_joining_from_a_snapshot_in_bulk_gives_what_reading_the_files_gives_whatever_happened(steps):
    """Random offline edits and syncs by three people on two reviews (ratings changed
    over, concurrent texts, observations added, edited and deleted): a new laptop
    joining from a snapshot holds exactly what one reading every file holds."""
    from sync_support import make_edit
    policy = sync_service.SNAPSHOT_AFTER, sync_service.SNAPSHOT_JOIN, sync_service.SNAPSHOT_GROWTH
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shared = root / "shared"
        shared.mkdir()
        trio = [new_device(root, n) for n in ("a", "b", "c")]
        reviews = [trio[0].ws.new_review("Elm Row Primary", "send-review"),
                   trio[0].ws.new_review("Larchfield Academy", "send-review")]
        for d in trio:
            d.sync(shared)
        for kind, who, x, text in steps:
            device, rid = trio[who], reviews[x % 2]
            if kind == "sync":
                device.sync(shared, passphrase=None)
            elif kind == "purpose":
                device.ws.update_review(rid, purpose=f"{text} ({who})")
            else:
                make_edit(device.ws, rid, kind, who, ["1.1", "1.2", "2.1"][x % 3] if kind == "rate"
                          else ["1.1", "2.1"][x % 2] if kind == "text" else f"Y{x}" if kind == "observe" else x,
                          ["emerging", "developing", "established", "enhanced"][x % 4] if kind == "rate" else text)
        # Two people's versions of one text at least, whatever came before.
        trio[0].ws.judge(reviews[1], "1.2", consider="Seen by a")
        trio[2].ws.judge(reviews[1], "1.2", consider="Seen by c")
        for d in (*trio, *trio):
            d.sync(shared, passphrase=None)
        assert trio[1].ws.store.conflicts(reviews[1])
        by_files = new_device(root, "by-files")
        by_files.sync(shared)
        bulk: list[int] = []
        load = Staged.load
        try:
            sync_service.SNAPSHOT_AFTER, sync_service.SNAPSHOT_JOIN, sync_service.SNAPSHOT_GROWTH = 1, 1, 0
            trio[1].sync(shared, passphrase=None)          # b writes a snapshot
            Staged.load = lambda self, *args, **kw: bulk.append(1) or load(self, *args, **kw)  # type: ignore[method-assign]
            by_snapshot = new_device(root, "by-snapshot")
            report = by_snapshot.sync(shared)
        finally:
            Staged.load = load                                          # type: ignore[method-assign]
            sync_service.SNAPSHOT_AFTER, sync_service.SNAPSHOT_JOIN, sync_service.SNAPSHOT_GROWTH = policy
        assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
        assert bulk == [1] and report.received_files == 0
        assert state(by_snapshot.ws) == state(by_files.ws) == state(trio[1].ws)
        assert below_the_records(by_snapshot) == below_the_records(by_files)
        assert by_snapshot.ws.store.integrity_problems() == []
        for d in [*trio, by_files, by_snapshot]:
            d.close()


def manifest_of(device: Device, shared: Path) -> dict:
    key, folder_id, writer = team_key(device), read_marker(shared).folder_id, device.ws.store.device_id
    return json.loads(crypto.unseal((shared / DEVICES / writer / SNAPSHOT).read_bytes(), crypto.KIND_HAVE,
                                    team_keys=lambda kid: key,
                                    bound=crypto.bind("snapshot", 2, folder_id, writer, SNAPSHOT)))


def test_a_new_snapshot_writes_again_only_the_parts_of_reviews_changed_since(trio, shared, tmp_path, monkeypatch):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    other = a.ws.new_review("Larchfield Academy", "send-review")
    a.ws.judge(other, "1.1", rating="developing", strengths="Calm start to the day")
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch, chunk=1)     # a part for each review
    first = manifest_of(b, shared)
    assert b.ws.store.take_snapshot_marks() == set()    # the write took them
    a.ws.judge(other, "1.1", rating="established")      # one review changes
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch, chunk=1)
    second = manifest_of(b, shared)
    assert second["gen"] == first["gen"] + 1
    kept = [p for p in second["parts"] if p in first["parts"]]
    new = [p for p in second["parts"] if p not in first["parts"]]
    assert len(new) == 1 and len(kept) == len(first["parts"]) - 1    # only the changed review's part
    assert new[0][0].startswith(f"s{second['gen']:08d}-")
    # A review new to b (its records taken in at once) is in the next snapshot too.
    added = a.ws.new_review("Birchwood School", "send-review")
    a.ws.judge(added, "2.1", rating="emerging", strengths="Quiet room at lunch")
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch, chunk=1)
    names = {p.name for p in (shared / DEVICES / b.ws.store.device_id).glob("s*.wss")}
    assert names == {name for name, _ in manifest_of(b, shared)["parts"]}    # replaced parts are gone
    by_files = new_device(tmp_path, "by-files")
    by_files.sync(shared)
    device, report = joined(tmp_path, shared, monkeypatch, "by-snapshot")
    assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
    assert report.received_files == 0
    assert device.ws.bundle(other).judgements["1.1"].rating == "established"
    assert device.ws.bundle(added).judgements["2.1"].strengths == "Quiet room at lunch"
    assert state(device.ws) == state(by_files.ws) == state(b.ws)
    assert below_the_records(device) == below_the_records(by_files)
    by_files.close()
    device.close()


def test_marks_taken_by_a_snapshot_that_could_not_be_written_are_kept_for_the_next(trio, shared, tmp_path,
                                                                                   monkeypatch):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    other = a.ws.new_review("Larchfield Academy", "send-review")
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch, chunk=1)
    first = manifest_of(b, shared)
    a.ws.judge(other, "1.1", rating="enhanced")
    a.sync(shared)
    real = sync_service.replace_file

    def full_disk(folder: Path, name: str, data: bytes) -> None:
        if name.endswith(".wss"):
            raise OSError(28, "No space left on device")
        real(folder, name, data)

    with monkeypatch.context() as m:
        m.setattr(sync_service, "replace_file", full_disk)
        snapshot_at_once(m, 1)
        with pytest.raises(FolderError, match="is full"):   # said, not hidden
            b.sync(shared, passphrase=None)
    assert manifest_of(b, shared) == first              # the old snapshot still stands
    assert b.ws.bundle(other).judgements["1.1"].rating == "enhanced"
    write_snapshot(b, shared, monkeypatch, chunk=1)     # next time the review's part is written
    assert len([p for p in manifest_of(b, shared)["parts"] if p not in first["parts"]]) == 1
    device, _ = joined(tmp_path, shared, monkeypatch, "new")
    assert device.ws.bundle(other).judgements["1.1"].rating == "enhanced"
    assert state(device.ws) == state(b.ws)
    device.close()


def snapshot_in_parts(trio: list[Device], shared: Path, monkeypatch: pytest.MonkeyPatch,
                      *names: str) -> tuple[Device, int]:
    """a's demo review and reviews of these schools, read by b, whose snapshot of them is
    in parts of a review each; new laptops then join from it. Returns b and how many parts."""
    a, b, _ = trio
    add_demo(a.ws)
    for name in names:
        a.ws.new_review(name, "send-review")
    for d in (a, b):
        d.sync(shared)
    write_snapshot(b, shared, monkeypatch, chunk=1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    return b, len(list((shared / DEVICES / b.ws.store.device_id).glob("s*.wss")))


def test_a_long_join_shows_each_step_and_stops_at_any_of_them_applying_nothing(trio, shared, tmp_path, monkeypatch):
    """A new laptop joining a trust's reviews waits tens of seconds: the panel is told
    each part read, the checks and each thing written, in order, and a stop asked at any
    of these steps (before or inside the transaction) leaves the database as it was and
    writes no state; the next sync then finishes the join."""
    _, parts = snapshot_in_parts(trio, shared, monkeypatch, "Larchfield Academy")
    assert parts >= 3

    def snapshot_steps(device: Device, stop_after: int | None = None):
        seen: list[tuple[int, int, str]] = []

        def progress(done: int, total: int, what: str) -> None:
            if "snapshot" in what:
                seen.append((done, total, what))

        report = device.sync(shared, progress=progress,
                             cancel=lambda: stop_after is not None and len(seen) >= stop_after)
        return report, seen

    whole = new_device(tmp_path, "whole")
    report, steps = snapshot_steps(whole)
    assert any("Caught up from a colleague's snapshot" in n for n in report.notes)
    total = steps[0][1]
    # One step per part read, the checks, the writing and the saving; then done. (The
    # bar leaves room for writing a part at a time, as the join does when the app waits
    # to save: test_the_apps_saves_wait_for_one_part_of_a_join_at_most.)
    assert total == 2 * parts + 2
    assert [done for done, _, _ in steps] == [*range(parts + 2), total - 1, total]
    assert all(t == total for _, t, _ in steps)
    whats = [w.split(": ", 1)[1] for _, _, w in steps[:-1]]
    assert whats[:parts] == [f"reading part {k} of {parts}" for k in range(1, parts + 1)]
    assert whats[parts:] == ["checking what it holds", "writing the reviews", "saving"]
    expected = state(whole.ws)
    for stop_after in range(1, len(steps)):
        device = new_device(tmp_path, f"stopped-{stop_after}")
        conn = device.ws.store.conn
        before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("reviews", "judgements", "changes", "field_clocks", "texts")}
        report, seen = snapshot_steps(device, stop_after)
        assert report.cancelled, stop_after
        assert len(seen) == stop_after       # stopped at the step it was asked at
        assert device.ws.reviews() == []
        assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before} == before
        assert conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'staged%'").fetchone()[0] == 0
        report = device.sync(shared)
        assert report.problem is None and not report.cancelled
        # Nothing noted the files as covered: the next sync joins from the snapshot again.
        assert any("Caught up from a colleague's snapshot" in n for n in report.notes), stop_after
        assert state(device.ws) == expected
        device.close()
    whole.close()


def test_the_apps_saves_wait_for_one_part_of_a_join_at_most(trio, shared, tmp_path, monkeypatch):
    """The app saves what is typed through a connection of its own while its sync joins
    in another thread. The join held the database for all its writing (tens of seconds
    for a trust's 5,000 reviews), so a save waited 10 s, failed as "busy", and the window
    froze meanwhile. A join writing in one pass now gives way to a save waiting to begin:
    the pass is rolled back, the app saves, and the join is written a part at a time,
    committing whenever the app waits again. The result is the same database."""
    import threading
    import time

    from wss_desktop.core.model import Review
    from wss_desktop.core.store import waiting_briefly, writers_waiting
    from wss_desktop.core.workspace import Workspace

    b, parts = snapshot_in_parts(trio, shared, monkeypatch, "Larchfield Academy", "Thornbury Infant School")
    assert parts >= 4
    whole = new_device(tmp_path, "whole")
    whole.sync(shared)
    device = new_device(tmp_path, "new")
    rid = device.ws.new_review("Elm Tree Primary School", "send-review")
    shown: list[str] = []
    saved: list[str] = []
    # What the join's own transaction sees of the typed text as it shows each step
    # (read on its connection, inside the transaction: what was committed before it).
    visible: dict[str, str] = {}

    def save(text: str) -> None:            # the window's own connection, on its own thread
        with Workspace.open(device.root) as app, waiting_briefly(10):
            app.update_review(rid, purpose=text)
        saved.append(text)

    typists: list[threading.Thread] = []

    def progress(done: int, total: int, what: str) -> None:
        if "snapshot" not in what:
            return
        shown.append(what.split(": ", 1)[-1])
        if shown[-1].startswith("writing part"):
            visible[shown[-1]] = device.ws.store.get(Review, rid).purpose
        if shown[-1] in ("writing the reviews", "writing part 2 of 4"):
            typists.append(threading.Thread(target=save, args=(f"Typed while the join showed: {shown[-1]}",)))
            typists[-1].start()
            deadline = time.monotonic() + 10
            while not writers_waiting() and time.monotonic() < deadline:   # its save is waiting
                time.sleep(0.001)
            assert writers_waiting()

    report = device.sync(shared, progress=progress)
    for t in typists:
        t.join()
    assert report.problem is None and not report.cancelled
    assert any("Caught up from a colleague's snapshot" in n for n in report.notes)
    # Each save went in while the join was still writing, not after it: the one made as
    # the join showed "writing the reviews" before its first part, the one made as it
    # showed part 2 before part 3. (Noted by the typist after its workspace closed, the
    # step shown could already be the next one.)
    typed = [f"Typed while the join showed: {w}" for w in ("writing the reviews", "writing part 2 of 4")]
    assert saved == typed
    writing = [w for w in shown if w.startswith("writing")]
    assert writing == ["writing the reviews", *(f"writing part {k} of 4" for k in range(1, 5))]
    assert visible == {"writing part 1 of 4": typed[0], "writing part 2 of 4": typed[0],
                       "writing part 3 of 4": typed[1], "writing part 4 of 4": typed[1]}
    assert device.ws.store.get(Review, rid).purpose == typed[1]
    # The join itself gave the same database as one that nobody interrupted.
    mine = state(device.ws)
    mine["reviews"] = [r for r in mine["reviews"] if r["id"] != rid]
    mine["stages"] = [s for s in mine["stages"] if s["review_id"] != rid]
    assert mine == state(whole.ws)
    assert device.ws.store.integrity_problems() == []
    whole.close()
    device.close()


def test_a_join_giving_way_at_every_part_keeps_its_write_ahead_log_small(trio, shared, tmp_path, monkeypatch):
    """Each commit the join makes for the app's saves writes pages all over the database
    (its records have random ids), and SQLite's log never restarted while the join went
    on: at a trust's scale, with the user typing, it grew to 2 GB beside a 440 MB
    database (1.77 GB kept until the app closed). Between parts the join now lets the
    log be copied back, so it starts again from its beginning: it stays smaller than the
    database it builds. (Here it was three and a half times the database before.)"""
    import threading
    import time

    from wss_desktop.core.store import waiting_briefly, writers_waiting
    from wss_desktop.core.workspace import Workspace

    _, parts = snapshot_in_parts(trio, shared, monkeypatch, *(f"Oak Class School {i}" for i in range(24)))
    device = new_device(tmp_path, "new")
    rid = device.ws.new_review("Elm Tree Primary School", "send-review")
    wal = device.root / "wss.sqlite3-wal"
    peak = 0
    typists: list[threading.Thread] = []

    def save(text: str) -> None:            # the window's own connection, on its own thread
        with Workspace.open(device.root) as app, waiting_briefly(10):
            app.update_review(rid, purpose=text)

    def progress(done: int, total: int, what: str) -> None:
        nonlocal peak
        peak = max(peak, wal.stat().st_size if wal.exists() else 0)
        if "snapshot" in what and what.split(": ", 1)[-1].startswith("writing"):
            # A save waits at every part, so the join gives way after each.
            typists.append(threading.Thread(target=save, args=(what,)))
            typists[-1].start()
            deadline = time.monotonic() + 10
            while not writers_waiting() and time.monotonic() < deadline:
                time.sleep(0.001)
            assert writers_waiting()

    report = device.sync(shared, progress=progress)
    for t in typists:
        t.join()
    assert report.problem is None and any("Caught up from a colleague's snapshot" in n for n in report.notes)
    assert parts >= 25 and len(typists) >= parts
    conn = device.ws.store.conn
    size = int(conn.execute("PRAGMA page_count").fetchone()[0]) * int(conn.execute("PRAGMA page_size").fetchone()[0])
    assert peak < size, (peak, size)
    assert device.ws.store.integrity_problems() == []
    device.close()


def test_a_join_gives_way_to_a_save_of_another_program(trio, shared, tmp_path, monkeypatch):
    """A sync run from the command line (a scheduled task, say) joins while the app is
    open, or the other way round: the join gave way only to saves of its own process,
    so a save of the other program waited for all its writing (10 s, then "busy", at a
    trust's scale). Here the real command line adds an action while this process joins:
    its write, turned away, marks itself waiting beside the database; the join breaks
    off, lets it in, and goes on a part at a time. The result is the same database."""
    import os
    import subprocess
    import sys
    import time

    snapshot_in_parts(trio, shared, monkeypatch, "Larchfield Academy")
    whole = new_device(tmp_path, "whole")
    whole.sync(shared)
    device = new_device(tmp_path, "new")
    rid = device.ws.new_review("Elm Tree Primary School", "send-review")
    store = device.ws.store
    cli: list[subprocess.Popen] = []
    shown: list[str] = []
    seen_in_part_1: list[int] = []

    def progress(done: int, total: int, what: str) -> None:
        if "snapshot" not in what:
            return
        shown.append(what.split(": ", 1)[-1])
        if shown[-1] == "writing the reviews":
            cli.append(subprocess.Popen(
                [sys.executable, "-m", "wss_desktop.cli", "--data-dir", str(device.root), "action", "add",
                 rid, "--title", "Share pupil passports with every class teacher"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}))
            # Its write, turned away, marks itself waiting with its process id.
            mark = device.root / "wss-write-waiting"
            deadline = time.monotonic() + 60

            def marked() -> bool:
                return mark.exists() and mark.read_text() == str(cli[0].pid)

            while not marked() and time.monotonic() < deadline and cli[0].poll() is None:
                time.sleep(0.01)
            assert marked(), f"the command line's write never showed as waiting: {cli[0].communicate()}"
        elif shown[-1].startswith("writing part 1 of "):
            # (inside the join's next transaction: the command line's action is in)
            seen_in_part_1.append(store.conn.execute("SELECT count(*) FROM actions").fetchone()[0])

    report = device.sync(shared, progress=progress)
    out, err = cli[0].communicate(timeout=60)
    assert cli[0].returncode == 0, err
    assert report.problem is None and not report.cancelled
    assert seen_in_part_1 == [1]
    assert [w for w in shown if w.startswith("writing")][:2] == ["writing the reviews", "writing part 1 of 3"]
    assert [a.title for a in device.ws.bundle(rid).actions] == ["Share pupil passports with every class teacher"]
    mine = state(device.ws)
    for table in ("reviews", "stages", "actions", "reviewers"):
        if table in mine:
            mine[table] = [r for r in mine[table] if r.get("review_id", r.get("id")) != rid]
    assert mine == state(whole.ws)
    assert store.integrity_problems() == []
    whole.close()
    device.close()


def test_a_bulk_write_breaks_off_within_a_statement_to_give_way_and_writes_nothing(trio, shared, tmp_path,
                                                                                   monkeypatch):
    """The join's longest statements (its log rows) take seconds at a trust's scale: a
    write waiting to begin breaks one off at once (SQLite rolls back the transaction
    itself), and the store is left as it was, ready for the next transaction."""
    from wss_desktop.core.store import GaveWay

    b = demo_with_a_snapshot(trio, shared, monkeypatch)
    rows = [list(column) for column in zip(*b.ws.store.surviving_rows())]   # in wire.COLUMNS
    device = new_device(tmp_path, "new")
    store = device.ws.store
    before = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("reviews", "judgements", "changes", "field_clocks", "texts")}
    monkeypatch.setattr(Staged, "GIVE_WAY_STEPS", 1)
    asked: list[int] = []
    with store.staged([rows]) as staged:
        staged.set_aside()
        with pytest.raises(GaveWay):
            with store.transaction():
                staged.load(give_way=lambda: asked.append(1) or len(asked) > 200)
        assert not store.conn.in_transaction
        assert {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before} == before
        with store.transaction():        # then written whole, nobody waiting
            versions, added, reviews = staged.load(give_way=lambda: False)
    assert versions > 100 and added["reviews"] == 1 and len(reviews) == 1
    assert store.integrity_problems() == []
    device.close()
