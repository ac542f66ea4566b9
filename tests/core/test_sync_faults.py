"""What the shared folder can do to us (issue 5, "Must survive"), each on real files.

Cloud conflict copies, half-written, empty, duplicated and out-of-order files; a
folder unmounted, emptied, replaced or made read-only mid-sync; a full disk; two
instances; clocks hours apart; names; damaged, foreign, truncated, oversized and
bomb files; and kill -9 during a sync.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from pathlib import Path

import pytest
from disk_support import fill, small_disk
from sync_support import (FAST, PASSPHRASE, Device, fast_kdf, memory_keyring,  # noqa: F401
                          state)

from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync import crypto, service as sync_service
from wss_desktop.core.sync.folder import (DEVICES, MARKER, FolderError, FolderUnavailable, SyncLock,
                                          read_marker, write_numbered)
from wss_desktop.core.sync.hlc import HybridClock
from wss_desktop.core.sync.keys import PassphraseNeeded
from wss_desktop.core.sync.service import SyncBusy

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")

ROOT = Path(__file__).resolve().parents[2]


def files_of(device: Device, shared: Path) -> list[Path]:
    """The device's numbered change files (not conflict copies)."""
    return sorted((shared / DEVICES / device.ws.store.device_id).glob("[0-9]" * 8 + ".wsc"))


def set_up(a: Device, shared: Path) -> str:
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    return rid


# --- conflict copies ---------------------------------------------------------------------

PROVIDER_COPIES = {
    "syncthing": "00000001.sync-conflict-20260314-101500-ABCDEFG.wsc",
    "dropbox": "00000001 (Sam Reviewer's conflicted copy 2026-03-14).wsc",
    "onedrive": "00000001-LAPTOP-7Q2.wsc",
    "nextcloud": "00000001 (conflicted copy 2026-03-14 101500).wsc",
}


@pytest.mark.parametrize("provider", sorted(PROVIDER_COPIES))
def test_conflict_copies_are_merged_but_never_taken_as_new_files(trio, shared, tmp_path, provider):
    """Two computers with the same device id (a copied data folder) wrote file 1 each;
    the provider kept one and renamed the other. Both edits must arrive, once."""
    a, b, c = trio
    rid = set_up(a, shared)
    b.sync(shared)
    # A clone of b's data folder makes a different edit and writes its own "file 1"
    # into a private copy of the shared folder.
    b.close()
    clone_root = tmp_path / "b-clone"
    shutil.copytree(b.root, clone_root)
    keys = b.keys
    b.__init__(tmp_path, "b")
    b.keys = keys
    clone = Device(tmp_path, "b-clone")
    # Opened elsewhere, a copy takes a device id of its own; only a copy the store
    # cannot tell apart (same computer name and path on two laptops) keeps b's id,
    # and that is the case that makes a provider's conflict copy.
    assert clone.ws.store.device_id != b.ws.store.device_id
    clone.ws.store.device_id = b.ws.store.device_id
    private = tmp_path / "clone-view"
    shutil.copytree(shared, private)
    b.ws.judge(rid, "1.1", strengths="Written on the first laptop")
    clone.ws.judge(rid, "1.2", strengths="Written on the second laptop")
    b.sync(shared, passphrase=None)
    clone.keys = b.keys
    clone.sync(private, passphrase=None)
    [theirs] = files_of(clone, private)
    [ours] = files_of(b, shared)
    assert theirs.name == ours.name == "00000001.wsc"
    shutil.copy(theirs, ours.with_name(PROVIDER_COPIES[provider]))
    report = c.sync(shared)
    assert report.skipped == []
    bundle = c.ws.bundle(rid)
    assert bundle.judgements["1.1"].strengths == "Written on the first laptop"
    assert bundle.judgements["1.2"].strengths == "Written on the second laptop"
    # The copy is read once; and it never took a number: b's next file is 2.
    assert c.sync(shared, passphrase=None).received_files == 0
    b.ws.judge(rid, "1.3", rating="enhanced")
    forked = b.ws.store.device_id
    assert sync_service.CLONE_WARNING in b.sync(shared, passphrase=None).notes
    assert sorted(p.name for p in (shared / DEVICES / forked).glob("[0-9]" * 8 + ".wsc")) == [
        "00000001.wsc", "00000002.wsc"]
    # Format 2: having found files under its id that it did not write, b takes a new id
    # so the two copies' later edits can never hide each other.
    assert b.ws.store.device_id != forked
    report = c.sync(shared, passphrase=None)
    assert report.received_files == 1 and c.ws.bundle(rid).judgements["1.3"].rating == "enhanced"
    clone.close()


def test_a_conflict_copy_that_repeats_a_file_changes_nothing(trio, shared):
    a, b, _ = trio
    set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    [f] = files_of(a, shared)
    shutil.copy(f, f.with_name("00000001 (conflicted copy 2026-03-14 101500).wsc"))
    report = b.sync(shared, passphrase=None)
    assert report.received_files == 1 and report.summary.applied == 0
    assert report.summary.duplicates > 0 and state(b.ws) == before


# --- half-written, empty, twice, out of order -----------------------------------------------

@pytest.mark.parametrize("cut", ["empty", "half"])
def test_half_written_and_empty_files_wait_until_complete(trio, shared, cut):
    a, b, _ = trio
    rid = set_up(a, shared)
    b.sync(shared)
    a.ws.judge(rid, "4.2", rating="developing", strengths="Clear pupil passports")
    a.sync(shared, passphrase=None)
    f = files_of(a, shared)[-1]
    whole = f.read_bytes()
    f.write_bytes(b"" if cut == "empty" else whole[: len(whole) // 2])
    before = state(b.ws)
    report = b.sync(shared, passphrase=None)
    [skipped] = report.skipped
    assert ("empty" if cut == "empty" else "incomplete") in skipped.reason
    assert state(b.ws) == before
    f.write_bytes(whole)
    report = b.sync(shared, passphrase=None)
    assert report.skipped == [] and report.received_files == 1
    assert b.ws.bundle(rid).judgements["4.2"].strengths == "Clear pupil passports"


def test_a_file_arriving_twice_changes_nothing(trio, shared):
    a, b, _ = trio
    set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    # Forget that it was read (as if b's progress were lost): reading again is harmless.
    b.ws.store.set_setting(f"sync.state.{b.ws.store.setting('sync.folder_id')}", None)
    report = b.sync(shared, passphrase=None)
    assert report.received_files == 1 and report.summary.applied == 0 and state(b.ws) == before


def test_files_arriving_out_of_order(trio, shared, tmp_path):
    a, b, _ = trio
    rid = set_up(a, shared)
    # a writes three more files; the third depends on the second (a new observation, then
    # an edit of it), the second on the first.
    a.ws.add_action(rid, "Share the TA briefing model", owner="SENCO")
    a.sync(shared, passphrase=None)
    eid = a.ws.add_observation(rid, room="Y5 Hawks", text="Pre-teaching of vocabulary")
    a.sync(shared, passphrase=None)
    a.ws.update_evidence(eid, text="Pre-teaching of vocabulary, well matched")
    a.sync(shared, passphrase=None)
    files = files_of(a, shared)
    assert len(files) == 4
    # b's copy of the folder receives them in the order 4, 2, 1, 3.
    view = tmp_path / "b-view"
    view.mkdir()
    shutil.copy(shared / MARKER, view / MARKER)
    target = view / DEVICES / a.ws.store.device_id
    target.mkdir(parents=True)
    for index in (3, 1, 0, 2):
        shutil.copy(files[index], target / files[index].name)
        b.sync(view)
    assert state(a.ws) == state(b.ws)
    assert b.ws.store.conflicts() == []


# --- the folder goes away, is emptied, replaced, read-only, full ------------------------------

def test_an_unreachable_folder_changes_nothing_and_shows_offline(trio, shared, tmp_path):
    a, b, _ = trio
    rid = set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    shared.rename(tmp_path / "unmounted")
    with pytest.raises(FolderUnavailable, match="cannot be reached"):
        b.sync(shared, passphrase=None)
    assert state(b.ws) == before
    status = sync_service.sync_status(b.ws.store, b.keys)
    assert not status.connected and status.offline_since is not None
    (tmp_path / "unmounted").rename(shared)
    a.ws.judge(rid, "5.1", rating="established")
    a.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)
    assert state(a.ws) == state(b.ws)


def test_a_folder_unmounted_mid_sync_keeps_what_arrived(trio, shared, tmp_path, monkeypatch):
    a, b, _ = trio
    rid = set_up(a, shared)
    for i in range(3):
        a.ws.add_observation(rid, room=f"Room {i}", text=f"Observation {i}")
        a.sync(shared, passphrase=None)
    read = []
    original = sync_service._Sync._receive_file

    def receive_then_unmount(self, device, info, number, photos):
        read.append(info.name)
        if len(read) == 2:
            shared.rename(tmp_path / "gone")
        return original(self, device, info, number, photos)

    monkeypatch.setattr(sync_service._Sync, "_receive_file", receive_then_unmount)
    report = b.sync(shared)
    # Format 2: the folder's identity is checked, and the sentence says nothing was lost.
    assert report.received_files == 1 and report.problem == sync_service.VANISHED
    assert b.ws.store.integrity_problems() == []
    assert b.ws.bundle(rid).review.school_name  # the first file's review is here
    monkeypatch.undo()
    (tmp_path / "gone").rename(shared)
    b.sync(shared, passphrase=None)
    assert state(a.ws) == state(b.ws)


def test_an_emptied_folder_is_never_read_as_deletions(trio, shared):
    a, b, c = trio
    rid = set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    for entry in shared.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    with pytest.raises(FolderError, match="now empty"):
        b.sync(shared, passphrase=None)
    assert state(b.ws) == before and b.ws.bundle(rid).evidence
    # Setting it up again restores everything b has, for a newcomer too.
    report = b.sync(shared, start_afresh=True)
    assert report.set_up and report.sent_changes == b.ws.store.change_count()
    c.sync(shared)
    assert state(c.ws) == state(b.ws)
    # Starting afresh made a new team key (issue 12): a, with no keyring here, types the
    # passphrase chosen for it once, and carries on.
    first = read_marker(shared)
    assert first.epoch == 1
    with pytest.raises(PassphraseNeeded):
        a.sync(shared, passphrase=None)
    a.ws.judge(rid, "6.1", rating="emerging")
    a.sync(shared)
    a.sync(shared, passphrase=None)
    c.sync(shared, passphrase=None)
    assert c.ws.bundle(rid).judgements["6.1"].rating == "emerging"


def test_our_own_files_gone_from_the_folder_are_written_again(trio, shared):
    a, b, _ = trio
    set_up(a, shared)
    shutil.rmtree(shared / DEVICES / a.ws.store.device_id)
    report = a.sync(shared, passphrase=None)
    assert report.sent_changes == a.ws.store.change_count() and "written to it again" in report.lines()[0]
    b.sync(shared)
    assert state(a.ws) == state(b.ws)


def test_a_device_folder_that_vanished_is_passed_on_by_others(trio, shared):
    a, b, c = trio
    rid = set_up(a, shared)
    b.sync(shared)
    b.ws.judge(rid, "7.1", strengths="Resources well targeted")
    b.sync(shared, passphrase=None)
    a.sync(shared, passphrase=None)
    shutil.rmtree(shared / DEVICES / b.ws.store.device_id)  # b has left the team
    a.sync(shared, passphrase=None)                         # a relays b's changes
    c.sync(shared)
    assert c.ws.bundle(rid).judgements["7.1"].strengths == "Resources well targeted"


def test_a_replaced_folder_asks_for_the_new_team_passphrase_and_deletes_nothing(trio, shared, tmp_path):
    a, b, c = trio
    set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    shutil.rmtree(shared)
    shared.mkdir()
    c.sync(shared, passphrase="another team entirely")    # someone else's team, same path
    with pytest.raises(PassphraseNeeded):
        b.sync(shared, passphrase=None)
    assert state(b.ws) == before


def copy_folder(src: Path, dst: Path) -> None:
    for p in src.rglob("*"):
        target = dst / p.relative_to(src)
        if p.is_dir():
            target.mkdir(exist_ok=True)
        else:
            shutil.copy(p, target)


def test_a_full_shared_disk_gives_a_clear_message_and_no_local_change(trio, tmp_path):
    a, b, _ = trio
    with small_disk(tmp_path / "small", "64k") as disk:
        rid = set_up(a, disk)
        b.sync(disk)
        filler = fill(disk)
        for i in range(40):
            b.ws.add_observation(rid, room=f"Y{i % 6 + 1}", text=f"Long note {i} " + "x" * 500)
        before = state(b.ws)
        waiting = sync_service.sync_status(b.ws.store, b.keys).changes_waiting
        with pytest.raises(FolderError, match="is full"):
            b.sync(disk, passphrase=None)
        assert state(b.ws) == before
        assert sync_service.sync_status(b.ws.store, b.keys).changes_waiting == waiting
        assert not [p for p in disk.rglob(".part-*")], "a half-written file was left behind"
        filler.unlink()
        b.sync(disk, passphrase=None)
        a.sync(disk, passphrase=None)
        assert state(a.ws) == state(b.ws)


def test_a_read_only_folder_gives_a_clear_message_and_no_local_change(trio, tmp_path):
    a, b, _ = trio
    with small_disk(tmp_path / "ro", "1m") as disk:
        rid = set_up(a, disk)
        b.sync(disk)
        b.ws.judge(rid, "8.1", rating="enhanced")
        a.ws.judge(rid, "8.2", rating="emerging")
        a.sync(disk, passphrase=None)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        before = state(b.ws)
        with pytest.raises(FolderError, match="read-only"):
            b.sync(disk, passphrase=None)
        assert state(b.ws) == before
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        b.sync(disk, passphrase=None)
        a.sync(disk, passphrase=None)
        assert state(a.ws) == state(b.ws)


def test_a_folder_made_read_only_mid_sync(trio, shared, monkeypatch):
    """Where no filesystem can be remounted, the failure is injected at the write."""
    a, b, _ = trio
    rid = set_up(a, shared)
    b.sync(shared)
    b.ws.judge(rid, "8.1", rating="enhanced")
    before = state(b.ws)
    real_write = os.write

    def refuse(fd, data):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "write", refuse)
    with pytest.raises(FolderError, match="read-only"):
        b.sync(shared, passphrase=None)
    monkeypatch.setattr(os, "write", real_write)
    assert state(b.ws) == before
    assert not list(shared.rglob(".part-*"))
    b.sync(shared, passphrase=None)
    a.sync(shared, passphrase=None)
    assert a.ws.bundle(rid).judgements["8.1"].rating == "enhanced"


# --- two instances, clocks, names ------------------------------------------------------------

def test_two_instances_on_one_machine_do_not_sync_at_once(trio, shared, tmp_path):
    a, _, _ = trio
    set_up(a, shared)
    second = Device(tmp_path, "a")  # the same data folder, another window
    lock = SyncLock(a.ws.paths.sync_state / "sync.lock")
    assert lock.acquire()
    try:
        with pytest.raises(SyncBusy, match="Try again in a moment"):
            second.sync(shared, passphrase=None)
    finally:
        lock.release()
    second.keys = a.keys
    assert second.sync(shared, passphrase=None).problem is None
    second.close()


def test_numbered_files_are_never_overwritten_by_a_racing_writer(tmp_path):
    folder = tmp_path / "dev"
    numbers: list[int] = []
    barrier = threading.Barrier(8)

    def write(i: int) -> None:
        barrier.wait()
        numbers.append(write_numbered(folder, f"file from writer {i}".encode(), 1))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == list(range(1, 9))
    contents = sorted(p.read_text() for p in folder.glob("*.wsc"))
    assert contents == sorted(f"file from writer {i}" for i in range(8))
    assert not list(folder.glob(".part-*"))


def test_clocks_hours_apart(trio, shared):
    a, b, _ = trio
    rid = set_up(a, shared)
    b.sync(shared)
    b.ws.store.clock = HybridClock(b.ws.store.clock.last(), wall=lambda: time.time() + 5 * 3600)
    b.ws.judge(rid, "3.2", rating="enhanced")
    b.sync(shared, passphrase=None)
    a.sync(shared, passphrase=None)
    # a's clock is five hours behind, yet its later edit must win everywhere.
    a.ws.judge(rid, "3.2", rating="emerging")
    a.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)
    assert b.ws.bundle(rid).judgements["3.2"].rating == "emerging"
    assert state(a.ws) == state(b.ws)


def test_names_are_ours_so_odd_characters_and_case_never_matter(trio, shared):
    a, b, _ = trio
    rid = a.ws.new_review('Saint "Mary\'s" <Primary>: A/B\\C|D?*', "send-review")
    twin = a.ws.new_review("saint \"mary's\" <primary>: a/b\\c|d?*", "send-review")
    a.ws.add_observation(rid, room="CON", text="NUL AUX COM1 LPT1 . ..")
    a.sync(shared)
    (shared / DEVICES / "README.TXT").mkdir()          # not a device: ignored
    b.sync(shared)
    assert state(a.ws) == state(b.ws)
    assert {r["id"] for r in b.ws.reviews()} == {rid, twin}
    import re
    for p in shared.rglob("*"):
        rel = p.relative_to(shared).as_posix()
        assert re.fullmatch(r"[a-z0-9./-]+", rel.lower()), rel
        assert not re.search(r'[<>:"\\|?*]', rel)


# --- damaged, foreign, truncated, oversized and bomb files -----------------------------------

def test_a_tampered_file_is_skipped_with_a_reason_and_changes_nothing(trio, shared):
    a, b, _ = trio
    rid = set_up(a, shared)
    b.sync(shared)
    a.ws.judge(rid, "2.3", rating="enhanced")
    a.sync(shared, passphrase=None)
    f = files_of(a, shared)[-1]
    data = bytearray(f.read_bytes())
    data[-20] ^= 0x01
    f.write_bytes(bytes(data))
    before = state(b.ws)
    report = b.sync(shared, passphrase=None)
    [skipped] = report.skipped
    assert "changed or damaged" in skipped.reason and state(b.ws) == before
    # Reported again at the next sync without being reread, until it changes.
    assert [s.reason for s in b.sync(shared, passphrase=None).skipped] == [skipped.reason]


def test_a_file_from_another_team_is_skipped(trio, shared, tmp_path):
    a, b, c = trio
    set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    other = tmp_path / "other-team"
    other.mkdir()
    c.ws.new_review("Other Team School", "send-review")
    c.sync(other, passphrase="their own passphrase")
    [foreign] = files_of(c, other)
    intruder = shared / DEVICES / c.ws.store.device_id
    intruder.mkdir()
    shutil.copy(foreign, intruder / foreign.name)
    report = b.sync(shared, passphrase=None)
    [skipped] = report.skipped
    assert "another team" in skipped.reason and state(b.ws) == before


def test_truncated_oversized_and_bomb_files_are_skipped(trio, shared):
    a, b, _ = trio
    set_up(a, shared)
    b.sync(shared)
    before = state(b.ws)
    key = a.keys.get(a.ws.store.setting("sync.team_key_id"))
    folder = shared / DEVICES / a.ws.store.device_id
    whole = files_of(a, shared)[0].read_bytes()
    (folder / "00000002.wsc").write_bytes(whole[:-100])
    with open(folder / "00000003.wsc", "wb") as fh:       # sparse: large, costs no disk
        fh.truncate(crypto.LIMITS[crypto.KIND_CHANGES][0] + 1)
    (folder / "00000004.wsc").write_bytes(bomb(key, (crypto.LIMITS[crypto.KIND_CHANGES][1] >> 20) + 8,
                                               crypto.bind("changes", 2, read_marker(shared).folder_id,
                                                           a.ws.store.device_id, 4)))
    report = b.sync(shared, passphrase=None)
    reasons = {s.name.rsplit("/", 1)[1]: s.reason for s in report.skipped}
    assert "incomplete" in reasons["00000002.wsc"]
    assert "larger than any change file" in reasons["00000003.wsc"]
    assert "harmful" in reasons["00000004.wsc"]
    assert state(b.ws) == before


def bomb(key: bytes, megabytes: int, bound: bytes) -> bytes:
    """A correctly encrypted change file (format 2, bound to its place) that inflates
    to `megabytes` of zeros."""
    packer = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    body = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    nonce = os.urandom(12)
    header = (crypto._FIXED.pack(crypto.MAGIC, crypto.FORMAT, crypto.KIND_BOUND_CHANGES, crypto.MODE_TEAM)
              + bytes.fromhex(crypto.key_id(key)) + crypto._TAIL.pack(nonce, len(body) + 16))
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    return header + AESGCM(key).encrypt(nonce, body, header + bound)


# --- kill -9 ---------------------------------------------------------------------------------

SYNC_SCRIPT = textwrap.dedent("""
    import sys
    import keyring, keyring.backends.fail
    keyring.set_keyring(keyring.backends.fail.Keyring())
    from wss_desktop.core.sync import crypto
    crypto.STRONG = crypto.ScryptCost({log2n}, 8, 1)
    from wss_desktop.core.sync.keys import TeamKeys
    from wss_desktop.core.sync.service import sync_folder
    from wss_desktop.core.workspace import Workspace
    with Workspace.open(sys.argv[1]) as ws:
        print("ready", flush=True)
        sync_folder(ws.store, ws.paths, sys.argv[2], TeamKeys(), passphrase=sys.argv[3])
    print("done", flush=True)
""").format(log2n=FAST.log2n)


def run_and_kill(data: Path, folder: Path, delay: float) -> bool:
    """Run a sync in another process and kill -9 it after `delay` seconds; True if it finished."""
    proc = subprocess.Popen([sys.executable, "-c", SYNC_SCRIPT, str(data), str(folder), PASSPHRASE],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    return "done" in out


@pytest.mark.slow
def test_kill_minus_9_during_a_sync_loses_nothing(trio, shared, tmp_path):
    """Killed while sending its own changes and while merging forty files, again and again."""
    a, b, _ = trio
    rid = set_up(a, shared)
    b.sync(shared)
    b.ws.judge(rid, "1.4", strengths="Kept through every crash")
    for i in range(30):
        with b.ws.store.transaction():
            for j in range(20):
                b.ws.add_observation(rid, room="Hall", text=f"Local note {i}.{j}")
    statements = [s.id for s in a.ws.bundle(rid).framework.statements()]
    for i in range(40):
        with a.ws.store.transaction():
            for j in range(30):
                a.ws.add_observation(rid, room=f"Room {j}", text=f"Note {i}.{j} " + "word " * 30,
                                     statements=[statements[(i + j) % len(statements)]])
        a.sync(shared, passphrase=None)
    keys = b.keys
    b.close()
    finished = [run_and_kill(b.root, shared, delay) for delay in (0.05, 0.2, 0.35, 0.5, 0.7, 0.9)]
    assert not all(finished), "every run finished before the kill; the test proved nothing"
    b.__init__(tmp_path, "b")
    b.keys = keys
    assert b.ws.store.integrity_problems() == []
    b.sync(shared, passphrase=None)
    a.sync(shared, passphrase=None)
    assert state(a.ws) == state(b.ws)
    assert a.ws.bundle(rid).judgements["1.4"].strengths == "Kept through every crash"
    own = shared / DEVICES / b.ws.store.device_id
    assert not list(own.glob(".part-*"))
