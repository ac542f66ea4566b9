"""Issue 10, "Never lose an edit": one scenario per case, on real folders and files.

Each scenario failed on the sync as it was (format 1). After the affected devices
sync twice more, every device has every edit, nothing invalid was applied and no
command shows a traceback. (Case 10, the command line beside the open app, is in
test_sync_beside_cli.py.)
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from sync_support import (PASSPHRASE, Device, fast_kdf, memory_keyring,  # noqa: F401
                          state)

from wss_desktop.cli import main
from wss_desktop.core.demo import add_demo
from wss_desktop.core.store import Change
from wss_desktop.core.sync import crypto, exchange, wire
from wss_desktop.core.sync import service as sync_service
from wss_desktop.core.sync.folder import DEVICES, MARKER, read_marker
from wss_desktop.core.sync.keys import TeamKeys

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


def numbered(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9]" * 8 + ".wsc"))


def own_files(device: Device, shared: Path) -> list[Path]:
    return numbered(shared / DEVICES / device.ws.store.device_id)


def settle(devices: list[Device], shared: Path, rounds: int = 2) -> None:
    for _ in range(rounds):
        for d in devices:
            report = d.sync(shared, passphrase=PASSPHRASE)
            assert report.problem is None, report.lines()


def converged(devices: list[Device]) -> None:
    first = state(devices[0].ws)
    for d in devices[1:]:
        assert state(d.ws) == first


def reopen(device: Device) -> None:
    keys = device.keys
    device.close()
    device.__init__(device.root.parent, device.root.name)
    device.keys = keys


def team_seal(device: Device, shared: Path, changes: list[Change], number: int,
              writer: str | None = None) -> bytes:
    """A change file written with the team key, as a faulty or careless app might."""
    writer = writer or device.ws.store.device_id
    key = device.keys.get(device.ws.store.setting("sync.team_key_id"))
    plain = wire.encode({"device": writer, "folder_id": read_marker(shared).folder_id}, changes)
    return crypto.seal(plain, crypto.KIND_BOUND_CHANGES, team_key=key,
                       bound=crypto.bind("changes", 2, read_marker(shared).folder_id, writer, number))


# --- case 1: the device identity changes ------------------------------------------------

def test_case1_hostname_change_keeps_the_device_and_strands_nothing(trio, shared, monkeypatch):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    before = a.ws.store.device_id
    a.ws.judge(rid, "1.1", strengths="Written before the laptop was renamed")
    monkeypatch.setattr(socket, "gethostname", lambda: "renamed-laptop")
    reopen(a)
    assert a.ws.store.device_id == before
    assert sync_service.sync_status(a.ws.store, a.keys, shared).changes_waiting == 1
    settle([a, b], shared)
    assert b.ws.bundle(rid).judgements["1.1"].strengths == "Written before the laptop was renamed"
    converged([a, b])


def test_case1_moved_folder_and_restored_backup_hand_over_unsent_edits(trio, shared, tmp_path):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    a.ws.judge(rid, "2.1", strengths="Unsent when the folder moved")
    a.ws.judge(rid, "2.2", rating="established")
    a.close()
    # The data folder is moved, and a backup of it is restored into a new folder
    # on another laptop (the first laptop is then lost).
    os.rename(a.root, tmp_path / "a-moved")
    shutil.copytree(tmp_path / "a-moved", tmp_path / "restored")
    keys = a.keys
    moved, restored = Device(tmp_path, "a-moved"), Device(tmp_path, "restored")
    moved.keys = restored.keys = keys
    assert restored.ws.store.device_id != moved.ws.store.device_id
    assert sync_service.sync_status(restored.ws.store, keys, shared).changes_waiting == 2
    settle([restored, b], shared)
    assert b.ws.bundle(rid).judgements["2.1"].strengths == "Unsent when the folder moved"
    assert b.ws.bundle(rid).judgements["2.2"].rating == "established"
    settle([moved, restored, b], shared)
    converged([moved, restored, b])
    restored.close()
    a.ws = moved.ws        # the fixture closes it


# --- case 2: a change file deleted or damaged ---------------------------------------------

def test_case2_deleted_and_damaged_files_are_written_again(trio, shared):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    for n, text in enumerate(["Second file", "Third file", "Fourth file"]):
        a.ws.judge(rid, f"3.{n + 1}", strengths=text)
        a.sync(shared, passphrase=None)
    files = own_files(a, shared)
    files[1].unlink()                                   # deleted
    data = bytearray(files[2].read_bytes())
    data[len(data) // 2] ^= 0x40                        # damaged
    files[2].write_bytes(bytes(data))
    report = b.sync(shared, passphrase=None)
    assert any("changed or damaged" in s.reason for s in report.skipped)
    status = sync_service.sync_status(b.ws.store, b.keys)
    assert any("Missing 1 file" in line for line in status.details), status.details
    assert any("Could not use" in line for line in status.details), status.details
    settle([a, b], shared)
    bundle = b.ws.bundle(rid)
    assert [bundle.judgements[f"3.{n}"].strengths for n in (1, 2, 3)] == [
        "Second file", "Third file", "Fourth file"]
    assert sync_service.sync_status(b.ws.store, b.keys).details == []
    converged([a, b])


def test_case2_a_silent_writers_lost_file_is_passed_on_by_another(trio, shared):
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    a.ws.judge(rid, "4.1", strengths="Only a ever wrote this")
    a.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)                     # b has it
    own_files(a, shared)[-1].unlink()                   # lost before c read it; a is away
    c.sync(shared)
    b.sync(shared, passphrase=None)                     # b notes a is silent
    c.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)                     # b passes a's changes on
    c.sync(shared, passphrase=None)
    assert c.ws.bundle(rid).judgements["4.1"].strengths == "Only a ever wrote this"
    assert not [line for line in sync_service.sync_status(c.ws.store, c.keys).details
                if "Missing" in line]
    settle([a, b, c], shared)
    converged([a, b, c])


# --- case 3: a data folder restored from an older snapshot at the same path -------------------

def test_case3_restored_snapshot_gets_back_its_own_later_edits(trio, shared, tmp_path):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    a.close()
    shutil.copytree(a.root, tmp_path / "snapshot")
    reopen(a)
    a.ws.judge(rid, "5.1", strengths="Written after the snapshot")
    a.sync(shared, passphrase=None)
    a.close()
    shutil.rmtree(a.root)
    shutil.copytree(tmp_path / "snapshot", a.root)     # Time Machine puts the folder back
    reopen(a)
    assert a.ws.bundle(rid).judgements["5.1"].strengths != "Written after the snapshot"
    settle([a, b], shared)
    assert a.ws.bundle(rid).judgements["5.1"].strengths == "Written after the snapshot"
    converged([a, b])


# --- case 4: files bound to their name, number and device -------------------------------------

def test_case4_a_file_copied_over_a_later_one_or_planted_elsewhere_is_refused(trio, shared):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    a.ws.judge(rid, "6.1", rating="emerging")
    a.sync(shared, passphrase=None)
    a.ws.judge(rid, "6.1", rating="enhanced")
    a.sync(shared, passphrase=None)
    files = own_files(a, shared)
    shutil.copy(files[-2], files[-1])                   # replay 2 as 3: a rating rolled back
    planted = shared / DEVICES / "0123456789abcdef"
    planted.mkdir()
    shutil.copy(files[-2], planted / "00000001.wsc")    # a copy in a made-up device folder
    report = b.sync(shared, passphrase=None)
    reasons = {s.name: s.reason for s in report.skipped}
    assert "does not belong where it is" in reasons[f"{DEVICES}/{a.ws.store.device_id}/{files[-1].name}"]
    assert "does not belong where it is" in reasons[f"{DEVICES}/0123456789abcdef/00000001.wsc"]
    settle([a, b], shared)
    assert b.ws.bundle(rid).judgements["6.1"].rating == "enhanced"
    converged([a, b])


# --- case 5: incoming changes validated --------------------------------------------------------

def test_case5_a_partner_file_may_not_rename_another_review_or_set_bad_ratings(trio, shared, tmp_path):
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    other = a.ws.new_review("Birch Lane Primary", "send-review")
    a.sync(shared)
    b.sync(shared)
    c.sync(shared)
    before = state(b.ws)
    jid = b.ws.bundle(rid).judgements["1.1"].id
    stamp = a.ws.store.clock.tick()
    bad = [Change(stamp, "feedfacefeedface", "reviews", other, "school_name", "Renamed by a stranger",
                  {"feedfacefeedface": 1}, other),
           Change(stamp, "feedfacefeedface", "judgements", jid, "rating", "NOT-A-RATING",
                  {"feedfacefeedface": 1}, rid),
           Change(stamp, "feedfacefeedface", "judgements", jid, "strengths", {"x": 1},
                  {"feedfacefeedface": 1}, rid)]
    path = tmp_path / "partner.wssx"
    path.write_bytes(crypto.seal(wire.encode({"kind": "review", "review_id": rid, "photos": {}}, bad),
                                 crypto.KIND_EXCHANGE, passphrase="pair phrase"))
    result = exchange.import_file(b.ws.store, b.ws.paths, path, b.keys, passphrase="pair phrase")
    assert any("Refused 3 changes" in line for line in result.lines())
    assert state(b.ws) == before
    # The same through a team change file from an insider's faulty app.
    (shared / DEVICES / a.ws.store.device_id / "00000099.wsc").write_bytes(team_seal(a, shared, bad[1:], 99))
    report = c.sync(shared, passphrase=None)
    assert any("Refused 2 changes" in line for line in report.lines())
    settle([a, b, c], shared)
    for d in (a, b, c):
        assert d.ws.review(other).school_name == "Birch Lane Primary"
        assert d.ws.bundle(rid).judgements["1.1"].rating in d.ws.framework_of(d.ws.review(rid)).scale.keys() + [None]
        assert d.ws.store.integrity_problems() == []
    converged([a, b, c])


# --- case 6: one file must not brick every device -------------------------------------------

def test_case6_far_future_stamps_deep_json_links_and_pipes(trio, shared, capsys):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    jid = b.ws.bundle(rid).judgements["1.2"].id
    folder = shared / DEVICES / a.ws.store.device_id
    far = Change("999999999999999.99999", a.ws.store.device_id, "judgements", jid, "strengths",
                 "From the far future", {a.ws.store.device_id: 99}, rid)
    (folder / "00000050.wsc").write_bytes(team_seal(a, shared, [far], 50))
    key = a.keys.get(a.ws.store.setting("sync.team_key_id"))
    deep = b'{"format":2,"device":"x","changes":' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    (folder / "00000051.wsc").write_bytes(crypto.seal(
        deep, crypto.KIND_BOUND_CHANGES, team_key=key,
        bound=crypto.bind("changes", 2, read_marker(shared).folder_id, a.ws.store.device_id, 51)))
    os.symlink("/dev/zero", folder / "00000052.wsc")
    os.mkfifo(folder / "00000053.wsc")
    report = b.sync(shared, passphrase=None)
    reasons = {s.name.rsplit("/", 1)[1]: s.reason for s in report.skipped}
    assert "not in the expected form" in reasons["00000051.wsc"]
    assert "a link" in reasons["00000052.wsc"] and "pipe" in reasons["00000053.wsc"]
    assert any("Held back 1 change" in line for line in report.lines())
    assert b.ws.bundle(rid).judgements["1.2"].strengths != "From the far future"
    assert b.ws.store.clock.last() < "100000000000000"
    b.ws.judge(rid, "1.3", strengths="Still working")
    assert main(["--data-dir", str(b.root), "check"]) == 0
    assert any("held back" in line for line in sync_service.sync_status(b.ws.store, b.keys).details)
    (folder / "00000052.wsc").unlink()
    (folder / "00000053.wsc").unlink()
    settle([a, b], shared)
    assert "Traceback" not in capsys.readouterr().err
    converged([a, b])


# --- case 7: the folder vanishes mid-sync ------------------------------------------------------

def test_case7_a_folder_vanishing_mid_sync_gets_none_of_our_files(trio, shared, tmp_path, monkeypatch):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    b.ws.judge(rid, "7.1", strengths="Written while the share went away")
    original = sync_service._Sync._send_photos

    def unmount_first(self, outgoing, own_dir):
        shared.rename(tmp_path / "unmounted")
        shared.mkdir()                                   # the bare mount point is left
        return original(self, outgoing, own_dir)

    monkeypatch.setattr(sync_service._Sync, "_send_photos", unmount_first)
    report = b.sync(shared, passphrase=None)
    monkeypatch.undo()
    assert report.problem == sync_service.VANISHED
    assert "disappeared during the sync; nothing was lost" in report.lines()[-1]
    assert list(shared.iterdir()) == []
    shared.rmdir()
    (tmp_path / "unmounted").rename(shared)
    settle([a, b], shared)
    assert a.ws.bundle(rid).judgements["7.1"].strengths == "Written while the share went away"
    converged([a, b])


# --- case 8: a colleague whose copy of the folder had not arrived yet ---------------------------

def test_case8_two_markers_are_reconciled_and_the_founder_is_never_locked_out(trio, shared, tmp_path):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    early = tmp_path / "b-copy"                          # b's copy, before anything arrived
    early.mkdir()
    other = b.ws.new_review("Chestnut Academy", "send-review")
    b.sync(early)                                        # b sets up a second team there
    # The folder copies meet: the cloud client keeps b's marker, a's becomes a copy.
    os.rename(shared / MARKER, shared / "wss-review-desktop.sync-conflict-20261127-101500-ABCDEFG.json")
    shutil.copy(early / MARKER, shared / MARKER)
    shutil.copytree(early / DEVICES, shared / DEVICES, dirs_exist_ok=True)
    report = a.sync(shared, passphrase=None)             # the founder needs no passphrase
    assert report.problem is None
    settle([a, b], shared)
    assert a.ws.review(other).school_name == "Chestnut Academy"
    assert b.ws.review(rid).school_name
    assert read_marker(shared).key_id == a.ws.store.setting("sync.team_key_id")
    converged([a, b])


def test_case1_a_copy_hands_over_only_what_it_made_under_the_old_id(trio, shared, tmp_path):
    """The original goes on writing under its id; the copy passes on only the edits it
    held when it was copied, never the original's later ones (they arrive on their own)."""
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    a.ws.judge(rid, "8.1", strengths="Unsent when the folder was copied")
    a.close()
    shutil.copytree(a.root, tmp_path / "a-copy")
    reopen(a)
    copy = Device(tmp_path, "a-copy")
    copy.keys = a.keys
    first = copy.sync(shared, passphrase=None)
    assert first.sent_changes >= 1
    a.sync(shared, passphrase=None)
    a.ws.judge(rid, "8.2", strengths="Written on the original afterwards")
    a.sync(shared, passphrase=None)
    copy.sync(shared, passphrase=None)
    assert copy.ws.bundle(rid).judgements["8.2"].strengths == "Written on the original afterwards"
    assert copy.sync(shared, passphrase=None).sent_changes == 0
    settle([a, b, copy], shared)
    converged([a, b, copy])
    copy.close()


def test_case6_a_database_already_dragged_into_the_far_future_opens_and_works(tmp_path, capsys):
    """A device bricked by the old bug (clock_seen 999999999999999.99999) recovers."""
    from wss_desktop.core.workspace import Workspace
    with Workspace.open(tmp_path / "d") as ws:
        rid = ws.new_review("Elm Row Primary", "send-review")
        ws.store.set_setting("clock_seen", "999999999999999.99999")
    with Workspace.open(tmp_path / "d") as ws:
        ws.judge(rid, "1.1", strengths="Still working")
        assert ws.store.clock.last() < "100000000000000"
    assert main(["--data-dir", str(tmp_path / "d"), "check"]) == 0
    assert "Traceback" not in capsys.readouterr().err


# --- case 9: history compacted (snapshots, retired files, a bounded log) ------------------------

@pytest.fixture
def compaction(monkeypatch):
    """A snapshot at every sync, used by any device that has not read a file it covers."""
    monkeypatch.setattr(sync_service, "SNAPSHOT_AFTER", 1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_GROWTH", 0)


def written(device: Device) -> int:
    folder_id = device.ws.store.setting("sync.folder_id")
    return sync_service.load_json(device.ws.store, f"sync.state.{folder_id}", {})["next"] - 1


def test_case9_read_files_are_retired_and_a_new_laptop_joins_from_a_snapshot(trio, shared, tmp_path,
                                                                               compaction):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    settle([a, b], shared, rounds=1)
    for n in range(4):
        a.ws.judge(rid, f"2.{n + 1}", rating="established", strengths=f"Seen in visit {n}")
        b.ws.judge(rid, f"3.{n + 1}", strengths=f"Noted by b {n}")
        settle([a, b], shared, rounds=1)
    settle([a, b], shared)
    assert (shared / DEVICES / a.ws.store.device_id / "snapshot.wsm").is_file()
    assert len(own_files(a, shared)) < written(a)           # files both had read are gone
    new = Device(tmp_path, "new")
    new.keys = TeamKeys(use_keyring=False)
    report = new.sync(shared)
    assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
    assert report.received_files < written(a) + written(b)
    assert new.ws.bundle(rid).judgements["3.4"].strengths == "Noted by b 3"
    settle([a, b, new], shared)
    converged([a, b, new])
    new.close()


def test_case9_a_device_away_during_compaction_keeps_files_it_has_not_read(trio, shared, compaction):
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    settle([a, b, c], shared, rounds=1)
    c.ws.judge(rid, "4.1", strengths="Written on c while away", rating="enhanced")
    for n in range(3):
        a.ws.judge(rid, "4.2", strengths=f"a's draft {n}")
        b.ws.judge(rid, "4.3", rating=["emerging", "developing", "established"][n])
        settle([a, b], shared, rounds=1)
    # c has read only a's first files, so nothing after them was retired.
    assert len(own_files(a, shared)) >= written(a) - 1
    settle([a, b, c], shared)
    for d in (a, b):
        assert d.ws.bundle(rid).judgements["4.1"].strengths == "Written on c while away"
    assert c.ws.bundle(rid).judgements["4.2"].strengths == "a's draft 2"
    converged([a, b, c])


def test_case9_a_device_whose_folder_was_removed_catches_up_from_a_snapshot(trio, shared, compaction):
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    settle([a, b, c], shared, rounds=1)
    c.ws.judge(rid, "5.1", strengths="Written on c, away for months", rating="enhanced")
    shutil.rmtree(shared / DEVICES / c.ws.store.device_id)   # a colleague tidied it away
    for n in range(3):
        a.ws.judge(rid, "5.2", strengths=f"a's draft {n}")
        b.ws.judge(rid, "5.3", strengths=f"b's note {n}")
        settle([a, b], shared, rounds=1)
    assert len(own_files(a, shared)) < written(a)            # retired: c was not known
    report = c.sync(shared, passphrase=None)
    assert report.problem is None
    assert any("Caught up from a colleague's snapshot" in line for line in report.lines())
    settle([a, b, c], shared)
    for d in (a, b):
        assert d.ws.bundle(rid).judgements["5.1"].strengths == "Written on c, away for months"
        assert d.ws.bundle(rid).judgements["5.1"].rating == "enhanced"
    assert c.ws.bundle(rid).judgements["5.3"].strengths == "b's note 2"
    converged([a, b, c])


def test_case9_compacting_the_log_keeps_every_shown_and_conflicting_version(trio, shared, tmp_path):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    settle([a, b], shared, rounds=1)
    for rating in ("emerging", "developing", "established"):
        a.ws.judge(rid, "6.1", rating=rating)
    a.ws.judge(rid, "6.2", strengths="a's view")
    b.ws.judge(rid, "6.2", strengths="b's view")             # concurrent: a conflict
    settle([a, b], shared)
    before = [state(d.ws) for d in (a, b)]
    for d in (a, b):
        rows = d.ws.store.change_count()
        assert d.ws.store.compact_log() > 0
        assert d.ws.store.change_count() < rows
        assert d.ws.store.compact_log() == 0
    assert [state(d.ws) for d in (a, b)] == before
    assert {v.value for v in a.ws.store.conflicts(rid)[0].versions} == {"a's view", "b's view"}
    # A laptop joining from the compacted logs' files still gets the same database.
    a.ws.judge(rid, "6.3", strengths="After compaction")
    new = Device(tmp_path, "new")
    new.keys = TeamKeys(use_keyring=False)
    settle([a, b, new], shared)
    converged([a, b, new])
    new.close()


def test_a_file_planted_in_a_real_device_folder_is_listed_once_then_ignored(trio, shared):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    settle([a, b], shared, rounds=1)
    planted = own_files(a, shared)[0].with_name("00000077.wsc")
    shutil.copy(own_files(a, shared)[0], planted)          # not a's file 77: it never wrote one
    first = b.sync(shared, passphrase=None)
    [reason] = [s.reason for s in first.skipped if s.name.endswith(planted.name)]
    assert "does not belong where it is" in reason and "ignored from now on" in reason
    assert not any(planted.name in line for line in sync_service.sync_status(b.ws.store, b.keys).details)
    again = b.sync(shared, passphrase=None)
    assert not any(s.name.endswith(planted.name) for s in again.skipped)
    a.ws.judge(rid, "1.1", strengths="Written after the planting")
    settle([a, b], shared)
    assert sync_service.sync_status(b.ws.store, b.keys).details == []
    assert b.ws.bundle(rid).judgements["1.1"].strengths == "Written after the planting"
    converged([a, b])
