"""Shared-folder sync on real folders: setting up, joining, keys, secrecy, photos, status."""

from __future__ import annotations

import base64
import json
import struct
import zlib

import keyring
import keyring.backends.fail
import pytest
from sync_support import (PASSPHRASE, Device, all_bytes, fast_kdf, memory_keyring,  # noqa: F401
                          state)

from wss_desktop.core import secrets
from wss_desktop.core.demo import add_demo, demo_data
from wss_desktop.core.paths import Paths
from wss_desktop.core.sync import crypto
from wss_desktop.core.sync.folder import MARKER, FolderError
from wss_desktop.core.sync.keys import PassphraseNeeded, TeamKeys
from wss_desktop.core.sync.service import sync_folder
from wss_desktop.core.sync.session import SyncService

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


def png(width: int = 3, height: int = 2, tag: bytes = b"") -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + bytes([200, 30, 30] * width) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + tag) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def pair(tmp_path):
    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    yield a, b
    a.close()
    b.close()


def test_first_device_sets_up_the_folder_and_a_colleague_joins(pair, shared):
    a, b = pair
    rid, _ = add_demo(a.ws)
    report = a.sync(shared)
    assert report.set_up and report.sent_changes == a.ws.store.change_count()
    marker = json.loads((shared / MARKER).read_text())
    assert marker["key_id"] == marker["team_key"]["key_id"]
    report = b.sync(shared)
    assert report.joined and report.received_files == 1
    assert report.summary.added["reviews"] == 1 and report.summary.added["evidence"] >= 8
    assert state(a.ws) == state(b.ws)
    # Both edit, both sync: each sees the other's work.
    a.ws.judge(rid, "1.1", rating="enhanced")
    b.ws.add_observation(rid, room="Y4 Otters", text="Word mats on every table")
    a.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)
    a.sync(shared, passphrase=None)
    assert state(a.ws) == state(b.ws)
    assert b.ws.bundle(rid).judgements["1.1"].rating == "enhanced"


def test_nothing_new_sends_and_reads_nothing(pair, shared):
    a, b = pair
    add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    for device in (a, b):
        report = device.sync(shared, passphrase=None)
        assert (report.sent_files, report.received_files, report.skipped) == (0, 0, [])


def test_the_key_is_kept_in_the_keyring_so_the_passphrase_is_asked_once(tmp_path, shared, memory_keyring):
    a = Device(tmp_path, "a")
    a.keys = TeamKeys()  # uses the (in-memory) OS keyring
    add_demo(a.ws)
    a.sync(shared)
    assert len([user for _, user in memory_keyring.passwords if user.startswith("team-key-")]) == 1
    a.keys = TeamKeys()  # a new session: nothing in memory
    report = a.sync(shared, passphrase=None)
    assert report.problem is None
    a.close()


def test_without_a_keyring_the_passphrase_is_needed_every_time(tmp_path, shared):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert not secrets.keyring_available()
    a = Device(tmp_path, "a")
    a.keys = TeamKeys()
    add_demo(a.ws)
    a.sync(shared)
    a.keys = TeamKeys()
    with pytest.raises(PassphraseNeeded, match="no keyring"):
        a.sync(shared, passphrase=None)
    assert a.sync(shared).problem is None
    a.close()


def test_joining_without_the_passphrase_says_so_and_changes_nothing(pair, shared):
    a, b = pair
    add_demo(a.ws)
    a.sync(shared)
    before = state(b.ws)
    with pytest.raises(PassphraseNeeded, match="team passphrase"):
        b.sync(shared, passphrase=None)
    with pytest.raises(crypto.WrongPassphrase, match="not the team passphrase"):
        b.sync(shared, passphrase="wrong horse")
    assert state(b.ws) == before and b.ws.store.setting("sync.folder") is None


def test_setting_up_needs_a_passphrase(pair, shared):
    a, _ = pair
    with pytest.raises(PassphraseNeeded, match="not set up yet"):
        a.sync(shared, passphrase=None)
    assert list(shared.iterdir()) == []


def test_a_folder_holding_other_things_is_not_taken_over(pair, shared):
    a, _ = pair
    (shared / "Budget 2026.xlsx").write_bytes(b"PK")
    with pytest.raises(FolderError, match="not a WSS Review Desktop shared folder"):
        a.sync(shared)
    assert [p.name for p in shared.iterdir()] == ["Budget 2026.xlsx"]


def test_the_shared_folder_holds_no_readable_review_text_and_no_key(tmp_path, shared, memory_keyring):
    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    a.keys, b.keys = TeamKeys(), TeamKeys()
    rid, _ = add_demo(a.ws)
    photo = png(tag=b"PHOTO-SECRET-MARKER")
    eid = a.ws.bundle(rid).evidence[0].id
    a.ws.add_photo(eid, photo, caption="Visual timetable by the door")
    a.sync(shared)
    keyring.set_keyring(type(memory_keyring)())  # b is another computer, with its own keyring
    b.sync(shared)
    assert state(a.ws) == state(b.ws)
    shared_bytes = all_bytes(shared)
    data = demo_data()
    known = [data["school"]["name"], "Hollinbrook", "Zoë", "Visual timetable by the door",
             *(ev["text"][:40] for ev in data["evidence"] if ev.get("text"))]
    for text in known:
        for encoded in (text.encode("utf-8"), json.dumps(text)[1:-1].encode("ascii")):
            assert encoded not in shared_bytes, f"{text!r} is readable in the shared folder"
    assert b"PHOTO-SECRET-MARKER" not in shared_bytes
    key = a.keys.get(a.ws.store.setting("sync.team_key_id"))
    assert key is not None and len(key) == 32
    forms = [key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key),
             base64.urlsafe_b64encode(key), base64.b64encode(key).rstrip(b"="),
             base64.b32encode(key)]
    everything = shared_bytes + all_bytes(a.root) + all_bytes(b.root)
    for form in forms:
        assert form not in everything, "key material reached the disk"
    a.close()
    b.close()


def test_photos_travel_encrypted_and_arrive_whole(pair, shared):
    a, b = pair
    rid, _ = add_demo(a.ws)
    eid = a.ws.bundle(rid).evidence[0].id
    photo = png(tag=b"hello")
    pid = a.ws.add_photo(eid, photo, caption="Calm corner")
    a.sync(shared)
    report = b.sync(shared)
    assert report.received_photos == 1
    assert b.ws.photo_bytes(pid) == photo
    # A photo added later arrives with its record.
    pid2 = a.ws.add_photo(eid, png(5, 5, b"second"))
    a.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)
    assert b.ws.photo_bytes(pid2) == png(5, 5, b"second")


def test_a_photo_whose_file_comes_later_is_fetched_then(pair, shared):
    a, b = pair
    rid, _ = add_demo(a.ws)
    eid = a.ws.bundle(rid).evidence[0].id
    pid = a.ws.add_photo(eid, png(tag=b"late"))
    a.sync(shared)
    blobs = list(shared.rglob("*.wsp"))
    hidden = [(p, p.read_bytes()) for p in blobs]
    for p in blobs:
        p.unlink()
    b.sync(shared)
    assert not b.ws.photo_path(pid).exists()
    for p, data in hidden:
        p.write_bytes(data)
    report = b.sync(shared, passphrase=None)
    assert report.received_photos == 1 and b.ws.photo_path(pid).exists()


def test_status_for_the_status_bar(tmp_path, shared):
    paths = Paths(tmp_path / "a").ensure()
    service = SyncService(paths, keys=TeamKeys(use_keyring=False))
    status = service.status()
    assert status.folder is None and "no shared folder" in status.line()
    from wss_desktop.core.workspace import Workspace
    with Workspace.open(paths.root) as ws:
        rid, _ = add_demo(ws)
    service.set_folder(shared)
    status = service.status()
    assert status.folder == shared and status.changes_waiting > 0 and status.last_sync is None
    service.sync(passphrase=PASSPHRASE)
    status = service.status()
    assert status.connected and status.changes_waiting == 0 and status.last_sync is not None
    with Workspace.open(paths.root) as ws:
        ws.judge(rid, "2.1", rating="emerging")
    assert service.status().changes_waiting == 1
    moved = shared.rename(tmp_path / "elsewhere")
    status = service.status()
    assert not status.connected and status.offline_since is not None
    assert status.changes_waiting == 1 and status.line().startswith("Offline since")
    moved.rename(shared)
    report = service.sync()
    assert report.sent_changes == 1
    status = service.status()
    assert status.connected and status.offline_since is None and status.conflicts == 0


def test_service_send_to_partner_and_open_partners_file(tmp_path):
    a = SyncService(Paths(tmp_path / "a").ensure(), keys=TeamKeys(use_keyring=False))
    b = SyncService(Paths(tmp_path / "b").ensure(), keys=TeamKeys(use_keyring=False))
    from wss_desktop.core.workspace import Workspace
    with Workspace.open(tmp_path / "a") as ws:
        rid, _ = add_demo(ws)
    out = a.send_to_partner(rid, tmp_path / "for-sam.wssreview", passphrase="pair words for sam")
    assert out.locked_with == "passphrase" and out.changes > 0
    result = b.open_partners_file(out.path, passphrase="pair words for sam")
    assert result.summary.added["reviews"] == 1 and result.reviews == [rid]
    again = b.open_partners_file(out.path, passphrase="pair words for sam")
    assert again.summary.empty and "Nothing new" in again.lines()[1]


def test_progress_and_cancel(pair, shared):
    a, b = pair
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    for i in range(3):
        a.ws.add_observation(rid, room=f"Room {i}", text="Seen")
        a.sync(shared, passphrase=None)
    seen = []
    report = sync_folder(b.ws.store, b.ws.paths, shared, b.keys, passphrase=PASSPHRASE,
                         cancel=lambda: len(seen) >= 2,
                         progress=lambda done, total, what: seen.append((done, total)))
    assert report.cancelled and report.received_files == 2
    report = b.sync(shared, passphrase=None)
    assert report.received_files == 2 and state(a.ws) == state(b.ws)


def test_a_partners_edits_opened_from_a_file_reach_the_whole_team(tmp_path, shared):
    """A partner outside the team sends edits by file; the team member who opens the
    file passes them on through the shared folder, so nobody else needs the file."""
    from wss_desktop.core.sync.exchange import export_review, import_file
    a, b, partner = Device(tmp_path, "a"), Device(tmp_path, "b"), Device(tmp_path, "partner")
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    sent = export_review(a.ws.store, a.ws.paths, rid, tmp_path / "out.wssreview", a.keys,
                         passphrase="pair words for sam")
    import_file(partner.ws.store, partner.ws.paths, sent.path, partner.keys, passphrase="pair words for sam")
    partner.ws.judge(rid, "3.3", strengths="Pupil passports used in every class")
    partner.ws.add_action(rid, "Share pupil passports with the trust", owner="SENCO")
    back = export_review(partner.ws.store, partner.ws.paths, rid, tmp_path / "back.wssreview",
                         partner.keys, passphrase="pair words for sam")
    result = import_file(a.ws.store, a.ws.paths, back.path, a.keys, passphrase="pair words for sam")
    assert result.summary.added["actions"] == 1 and result.summary.updated["judgements"] == 1
    a.sync(shared, passphrase=None)
    b.sync(shared, passphrase=None)
    assert b.ws.bundle(rid).judgements["3.3"].strengths == "Pupil passports used in every class"
    assert state(a.ws) == state(b.ws) == state(partner.ws)
    for d in (a, b, partner):
        d.close()
