"""Team membership with key rotation (issue 12).

Three colleagues share a folder; one is removed. Whatever is written afterwards is
sealed with a new team key that the removed colleague never receives, while the
others carry on: without retyping anything where their computer has a keyring
(their device key opens the new key), with the new passphrase where it has none.
The keyring test runs three real GNOME Keyrings, one per computer, each on its own
private D-Bus session (tests/keyring_support.py).
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from keyring_support import secret_service
from sync_support import PASSPHRASE, Device

from wss_desktop.core import secrets
from wss_desktop.core.demo import add_demo
from wss_desktop.core.errors import UserError
from wss_desktop.core.sync import crypto, team
from wss_desktop.core.sync.folder import DEVICES, MARKER, read_marker
from wss_desktop.core.sync.keys import PassphraseNeeded, TeamKeys
from wss_desktop.core.sync.service import sync_status

NEW = "a brand new team passphrase for spring"
SECRET = "Written after Carol left the team"


def _sealed_after(shared: Path, before: set[Path]) -> list[Path]:
    return [p for p in (shared / DEVICES).rglob("*.wsc") if p not in before]


def _cannot_open(path: Path, keys: TeamKeys) -> None:
    with pytest.raises(crypto.OtherTeam):
        crypto.unseal(path.read_bytes(), crypto.read_header(path.read_bytes()).kind,
                      team_keys=keys.get, bound=b"")


def _names(*devices: Device) -> None:
    for d, name in zip(devices, ("Alice laptop", "Bob laptop", "Carol laptop")):
        d.ws.store.set_setting(team.DEVICE_NAME, name)


def test_a_removed_member_reads_nothing_written_afterwards_without_a_keyring(trio, shared):
    a, b, c = trio
    _names(a, b, c)
    rid, _ = add_demo(a.ws)
    for d in (a, b, c):
        d.sync(shared)
    old_files = set((shared / DEVICES).rglob("*.wsc"))
    carol_had = dict(c.keys._memory)
    info = team.members(a.ws.store, shared, a.keys)
    assert {m.name for m in info.members} == {"Alice laptop", "Bob laptop", "Carol laptop"}
    assert info.epoch == 0

    done = team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW,
                       remove=["Carol laptop"])
    assert done.epoch == 1 and done.removed == [c.ws.store.device_id]
    assert read_marker(shared).epoch == 1
    a.ws.judge(rid, "6.1", strengths=SECRET)
    a.sync(shared, passphrase=None)
    from wss_desktop.core.sync import wire
    (newest,) = _sealed_after(shared, old_files)
    meta, _ = wire.decode(crypto.unseal(newest.read_bytes(), crypto.KIND_BOUND_CHANGES, team_keys=a.keys.get,
                                        bound=crypto.bind("changes", 2, read_marker(shared).folder_id,
                                                          newest.parent.name, int(newest.stem))))
    assert meta["epoch"] == 1     # the file says which key it was written under

    # Bob has no keyring: each session asks for the passphrase; the old one is refused
    # with a sentence saying the key changed, the new one works and old files still open.
    b.keys = TeamKeys(use_keyring=False)
    with pytest.raises(PassphraseNeeded, match="team key was changed"):
        b.sync(shared, passphrase=None)
    assert sync_status(b.ws.store, b.keys).needs_passphrase
    with pytest.raises(crypto.WrongPassphrase, match="changed"):
        b.sync(shared, passphrase=PASSPHRASE)
    b.sync(shared, passphrase=NEW)
    assert b.ws.bundle(rid).judgements["6.1"].strengths == SECRET
    b.ws.judge(rid, "6.2", strengths="Bob after the change")
    b.sync(shared, passphrase=NEW)
    for path in old_files:       # history stays readable with the old key, learnt from the new
        assert crypto.unseal(path.read_bytes(), crypto.KIND_BOUND_CHANGES, team_keys=b.keys.get,
                             bound=crypto.bind("changes", 2, read_marker(shared).folder_id,
                                               path.parent.name, int(path.stem)))

    # Carol, removed, holds only the old key and the old passphrase.
    c.keys = TeamKeys(use_keyring=False)
    with pytest.raises(PassphraseNeeded):
        c.sync(shared, passphrase=None)
    with pytest.raises(crypto.WrongPassphrase):
        c.sync(shared, passphrase=PASSPHRASE)
    c.keys = TeamKeys(use_keyring=False)
    for key in carol_had.values():   # all Carol's computer ever held
        c.keys.add(key)
    for path in _sealed_after(shared, old_files):
        _cannot_open(path, c.keys)
    assert c.ws.bundle(rid).judgements["6.1"].strengths != SECRET
    a.sync(shared, passphrase=None)
    assert a.ws.bundle(rid).judgements["6.2"].strengths == "Bob after the change"
    info = team.members(a.ws.store, shared, a.keys)
    assert {m.name for m in info.members} == {"Alice laptop", "Bob laptop"}
    assert info.epoch == 1 and info.key_changed is not None
    assert [r.name for r in info.removed] == ["Carol laptop"]


@contextmanager
def _on(ring) -> None:
    """Act as the computer owning `ring`: its D-Bus session, so its GNOME Keyring."""
    import os
    before = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = ring.env["DBUS_SESSION_BUS_ADDRESS"]
    try:
        yield
    finally:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = before


@pytest.mark.slow
def test_with_real_keyrings_the_others_carry_on_without_retyping(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    with ExitStack() as stack:
        rings = [stack.enter_context(secret_service(tmp_path / f"keyring-{n}", monkeypatch))
                 for n in "abc"]
        devices = [Device(tmp_path, n) for n in "abc"]
        stack.callback(lambda: [d.close() for d in devices])
        a, b, c = devices
        _names(a, b, c)
        rid, _ = add_demo(a.ws)
        for d, ring in zip(devices, rings):
            with _on(ring):
                d.keys = TeamKeys()
                d.sync(shared)
                assert secrets.status().usable
        # Each computer's keyring holds its own device key; the folder only public parts.
        for d, ring in zip(devices, rings):
            with _on(ring):
                labels = " ".join(ring.stored())
            assert f"device-key-{d.ws.store.device_id}" in labels
        with _on(rings[0]):
            a.keys = TeamKeys()
            info = team.members(a.ws.store, shared, a.keys)
            assert all(m.device_key for m in info.members)
            team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW,
                        remove=[c.ws.store.device_id])
            old_files = set((shared / DEVICES).rglob("*.wsc"))
            a.ws.judge(rid, "6.1", strengths=SECRET)
            a.keys = TeamKeys()
            assert a.sync(shared, passphrase=None).problem is None
        with _on(rings[1]):
            b.keys = TeamKeys()          # a new session: nothing in memory, nothing typed
            assert not sync_status(b.ws.store, b.keys).needs_passphrase
            report = b.sync(shared, passphrase=None)
            assert report.problem is None and not report.joined
            assert any("own device key" in line for line in report.lines())
            assert b.ws.bundle(rid).judgements["6.1"].strengths == SECRET
            b.ws.judge(rid, "6.2", strengths="Bob after the change")
            b.keys = TeamKeys()
            b.sync(shared, passphrase=None)
        with _on(rings[0]):
            a.keys = TeamKeys()
            a.sync(shared, passphrase=None)
            assert a.ws.bundle(rid).judgements["6.2"].strengths == "Bob after the change"
        with _on(rings[2]):
            c.keys = TeamKeys()
            with pytest.raises(PassphraseNeeded):
                c.sync(shared, passphrase=None)
            with pytest.raises(crypto.WrongPassphrase):
                c.sync(shared, passphrase=PASSPHRASE)
            c.keys = TeamKeys()
            after = _sealed_after(shared, old_files)
            assert after
            for path in after:       # every key Carol's keyring holds fails on them
                _cannot_open(path, c.keys)
            assert c.ws.bundle(rid).judgements["6.1"].strengths != SECRET
            new_id = read_marker(shared).key_id
            assert not any(new_id in label for label in rings[2].stored())
            assert f"device-key-{c.ws.store.device_id}" in " ".join(rings[2].stored())


def test_start_afresh_always_makes_a_new_key(trio, shared):
    a, b, _ = trio
    add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    first = read_marker(shared).key_id
    for entry in shared.iterdir():
        import shutil
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    b.sync(shared, passphrase=NEW, start_afresh=True)
    marker = read_marker(shared)
    assert marker.key_id != first and marker.epoch == 1


def test_bad_input_to_a_rotation_changes_nothing(trio, shared):
    a, b, _ = trio
    _names(a, b)
    add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    before = {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()}
    for kw, words in ((dict(remove=["Nobody"]), "No computer"),
                      (dict(remove=[a.ws.store.device_id]), "this computer"),
                      (dict(remove=[], new_passphrase="short"), "at least 10")):
        args = {"new_passphrase": NEW, **kw}
        with pytest.raises(UserError, match=words):
            team.rotate(a.ws.store, a.ws.paths, shared, a.keys, **args)
        assert {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()} == before


def _carol_removed(trio: list[Device], shared: Path) -> tuple[str, bytes]:
    """All three synced with the demo, then Alice removes Carol; the review and the
    marker from before the change."""
    a, b, c = trio
    _names(a, b, c)
    rid, _ = add_demo(a.ws)
    for d in (a, b, c):
        d.sync(shared)
    old_marker = (shared / MARKER).read_bytes()
    team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW, remove=["Carol laptop"])
    return rid, old_marker


def test_files_a_removed_computer_writes_afterwards_are_not_used(trio, shared):
    """Carol's computer is removed but keeps the old marker's key (an older app, or the
    marker put back): what it writes afterwards is never merged by the others."""
    a, b, c = trio
    rid, old_marker = _carol_removed(trio, shared)
    a.ws.judge(rid, "6.1", strengths=SECRET)
    a.sync(shared, passphrase=None)
    new_marker = (shared / MARKER).read_bytes()
    (shared / MARKER).write_bytes(old_marker)
    c.ws.judge(rid, "6.3", strengths="Carol after she left")
    report = c.sync(shared, passphrase=None)
    assert any("team key this computer does not have" in s.reason for s in report.skipped)
    assert c.ws.bundle(rid).judgements["6.1"].strengths != SECRET
    (shared / MARKER).write_bytes(new_marker)
    report = a.sync(shared, passphrase=None)
    assert any("after it was removed from the team" in line for line in report.lines())
    assert a.ws.bundle(rid).judgements["6.3"].strengths != "Carol after she left"
    b.keys = TeamKeys(use_keyring=False)
    b.sync(shared, passphrase=NEW)
    assert b.ws.bundle(rid).judgements["6.3"].strengths != "Carol after she left"
    assert b.ws.bundle(rid).judgements["6.1"].strengths == SECRET


def test_a_photo_sent_before_the_key_changed_still_arrives(trio, shared):
    from test_sync import png
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    pid = a.ws.add_photo(a.ws.bundle(rid).evidence[0].id, png(tag=b"before"), caption="Calm corner")
    a.sync(shared)
    b.sync(shared)
    team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW)
    c.sync(shared, passphrase=NEW)     # joins after the change: only the new passphrase
    assert c.ws.photo_bytes(pid) == png(tag=b"before")


def test_a_marker_put_back_from_before_the_change_is_refused(trio, shared):
    a, b, _ = trio
    add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    old_marker = (shared / MARKER).read_bytes()
    team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW)
    b.sync(shared, passphrase=NEW)
    new_marker = (shared / MARKER).read_bytes()
    (shared / MARKER).write_bytes(old_marker)
    before = b.ws.store.change_count()
    with pytest.raises(UserError, match="older team key"):
        b.sync(shared, passphrase=None)
    assert b.ws.store.change_count() == before
    (shared / MARKER).write_bytes(new_marker)
    assert b.sync(shared, passphrase=None).problem is None


def test_a_public_key_planted_under_a_colleagues_name_is_put_right(trio, shared):
    """Before being removed, Carol (who holds the key) puts her own device key in Bob's
    member file, hoping the next key change is wrapped for her under Bob's name. Bob's
    next sync puts his file right, so the change reaches Bob and not Carol."""
    import base64
    import json

    import keyring
    from sync_support import MemoryKeyring
    a, b, c = trio
    rings = {id(d): MemoryKeyring() for d in trio}

    def sync(d, **kw):
        keyring.set_keyring(rings[id(d)])
        d.keys = TeamKeys()
        return d.sync(shared, **kw)
    add_demo(a.ws)
    for d in trio:
        sync(d)
    keyring.set_keyring(rings[id(c)])
    carol_private = TeamKeys().device_key(c.ws.store.device_id)
    marker = read_marker(shared)
    bob = b.ws.store.device_id
    planted = crypto.seal(json.dumps({"device": bob, "name": "Bob laptop", "public": base64.b64encode(
        crypto.device_public(carol_private)).decode()}).encode(), crypto.KIND_MEMBER,
        team_key=c.keys.get(marker.key_id), bound=team._member_bind(marker.folder_id, bob))
    (shared / DEVICES / bob / team.MEMBER_FILE).write_bytes(planted)
    sync(b, passphrase=None)
    assert (shared / DEVICES / bob / team.MEMBER_FILE).read_bytes() != planted
    keyring.set_keyring(rings[id(a)])
    a.keys = TeamKeys()
    team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW, remove=[c.ws.store.device_id])
    new = read_marker(shared)
    wrap = team.read_record(shared)["members"][bob]["wrap"]
    assert crypto.unwrap_for_device(wrap, carol_private, team._ctx("device", new.folder_id, new.epoch,
                                                                   bob, new.key_id)) is None
    assert sync(b, passphrase=None).problem is None      # Bob opens it with his own key


def test_a_damaged_key_file_falls_back_to_the_passphrase_and_changes_nothing(trio, shared):
    a, b, _ = trio
    add_demo(a.ws)
    a.sync(shared)
    b.keys = TeamKeys()                 # Bob's computer has a keyring (the in-memory one)
    b.sync(shared)
    team.rotate(a.ws.store, a.ws.paths, shared, a.keys, new_passphrase=NEW)
    good = (shared / team.KEY_FILE).read_bytes()
    kid = read_marker(shared).key_id
    before = b.ws.store.change_count()
    for damaged in (b"", b"[1, 2", b'{"key_id": "%s", "members": [1]}' % kid.encode(),
                    good.replace(b'"wrapped": "', b'"wrapped": "AAAA')):
        (shared / team.KEY_FILE).write_bytes(damaged)
        b.keys = TeamKeys()
        with pytest.raises(PassphraseNeeded, match="team key was changed"):
            b.sync(shared, passphrase=None)
        assert b.ws.store.change_count() == before
    (shared / team.KEY_FILE).write_bytes(good)
    b.keys = TeamKeys()
    assert not b.sync(shared, passphrase=None).joined


def test_with_compaction_a_removed_computer_neither_feeds_snapshots_nor_holds_back_retiring(
        trio, shared, tmp_path, monkeypatch):
    """Snapshots (issue 10, case 9) beside removal: a snapshot Carol's computer writes
    after she left is never used, and her folder, which will never read again, does not
    stop the others retiring the files they have all read."""
    from wss_desktop.core.sync import service as sync_service
    monkeypatch.setattr(sync_service, "SNAPSHOT_AFTER", 1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_GROWTH", 0)
    a, b, c = trio
    rid, old_marker = _carol_removed(trio, shared)
    new_marker = (shared / MARKER).read_bytes()
    # Carol's computer, with the old key, writes edits and a snapshot of them.
    (shared / MARKER).write_bytes(old_marker)
    c.ws.judge(rid, "6.3", strengths="Carol after she left")
    c.sync(shared, passphrase=None)
    assert (shared / DEVICES / c.ws.store.device_id / "snapshot.wsm").is_file()
    (shared / MARKER).write_bytes(new_marker)
    for n in range(3):
        a.ws.judge(rid, "6.1", strengths=f"{SECRET} {n}")
        a.sync(shared, passphrase=None)
        b.sync(shared, passphrase=NEW if n == 0 else None)
    a.sync(shared, passphrase=None)
    own = sorted((shared / DEVICES / a.ws.store.device_id).glob("*.wsc"))
    folder_id = a.ws.store.setting("sync.folder_id")
    written = sync_service.load_json(a.ws.store, f"sync.state.{folder_id}", {})["next"] - 1
    assert written > 3
    assert len(own) < written, "Carol's folder held back retiring files both others had read"
    new = Device(tmp_path, "new")
    new.keys = TeamKeys(use_keyring=False)
    new.sync(shared, passphrase=NEW)
    got = new.ws.bundle(rid).judgements
    assert got["6.1"].strengths == f"{SECRET} 2"
    assert got["6.3"].strengths != "Carol after she left"
    for d in (a, b):
        assert d.ws.bundle(rid).judgements["6.3"].strengths != "Carol after she left"
    new.close()
