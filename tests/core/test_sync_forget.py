"""Issue 10: forgetting a device that has gone quiet (a lost or replaced laptop).

A device with a folder in the shared folder holds back retiring (compaction) until it
has read each file, so one that never syncs again held it back for ever. After a
colleague forgets it, nobody waits for it; nothing it published is lost, and if it
does come back it catches up from a snapshot and takes part again with nothing lost.
"""

from __future__ import annotations

import shutil

import pytest
from sync_support import (PASSPHRASE, Device, assert_no_edit_lost, fast_kdf,  # noqa: F401
                          memory_keyring, remember_changes, state)

from wss_desktop.core.demo import add_demo
from wss_desktop.core.errors import InputError
from wss_desktop.core.sync import service as sync_service
from wss_desktop.core.sync.folder import DEVICES
from wss_desktop.core.sync.keys import TeamKeys

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


@pytest.fixture(autouse=True)
def compaction(monkeypatch):
    """A snapshot at every sync, used by any device that has not read a file it covers."""
    monkeypatch.setattr(sync_service, "SNAPSHOT_AFTER", 1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    monkeypatch.setattr(sync_service, "SNAPSHOT_GROWTH", 0)


def own_files(device: Device, shared) -> list:
    return sorted((shared / DEVICES / device.ws.store.device_id).glob("[0-9]" * 8 + ".wsc"))


def written(device: Device) -> int:
    folder_id = device.ws.store.setting("sync.folder_id")
    return sync_service.load_json(device.ws.store, f"sync.state.{folder_id}", {})["next"] - 1


def settle(devices: list[Device], shared, rounds: int = 2) -> None:
    for _ in range(rounds):
        for d in devices:
            report = d.sync(shared, passphrase=None)
            assert report.problem is None, report.lines()


def forget(device: Device, who: str):
    return sync_service.forget_device(device.ws.store, device.ws.paths, device.keys, who)


def _c_goes_quiet(trio, shared, ever) -> str:
    """a, b and c sync; c writes an edit everyone reads, then is never heard from; a
    and b carry on editing. Returns the review id."""
    a, b, c = trio
    rid, _ = add_demo(a.ws)
    for d in trio:
        d.sync(shared, passphrase=PASSPHRASE)
    c.ws.judge(rid, "4.1", strengths="Written on c before it was lost", rating="enhanced")
    settle([a, b, c], shared, rounds=1)
    settle([a, b], shared, rounds=1)
    for n in range(3):
        a.ws.judge(rid, "4.2", strengths=f"a's draft {n}")
        b.ws.judge(rid, "4.3", rating=["emerging", "developing", "established"][n])
        for d in trio:
            remember_changes(ever, d.ws)
        settle([a, b], shared, rounds=1)
    return rid


def test_a_quiet_device_holds_back_retiring_until_it_is_forgotten(trio, shared):
    a, b, c = trio
    ever: dict = {}
    _c_goes_quiet(trio, shared, ever)
    settle([a, b], shared)
    # c read only a's and b's first files, so the later ones stay for it.
    assert len(own_files(a, shared)) >= written(a) - 1
    assert len(own_files(b, shared)) >= written(b) - 1
    lines = forget(a, c.ws.store.device_id[:8]).lines()
    assert any("no longer waits" in line for line in lines)
    settle([a, b], shared)
    # Told through the shared folder, b stops waiting for c as well.
    assert len(own_files(a, shared)) < written(a) - 1, "a still waits for the forgotten device"
    assert len(own_files(b, shared)) < written(b) - 1, "b still waits for the forgotten device"
    for d in (a, b):
        quiet = {q.device: q for q in sync_service.sync_status(d.ws.store, d.keys).devices}
        assert quiet[c.ws.store.device_id].forgotten
        assert not quiet[a.ws.store.device_id].forgotten and quiet[a.ws.store.device_id].me == (d is a)
        assert quiet[c.ws.store.device_id].last_seen is not None


def test_a_forgotten_devices_edits_are_not_lost_even_when_its_folder_is_tidied_away(trio, shared, tmp_path):
    a, b, c = trio
    ever: dict = {}
    rid = _c_goes_quiet(trio, shared, ever)
    forget(b, c.ws.store.device_id)
    settle([a, b], shared)
    shutil.rmtree(shared / DEVICES / c.ws.store.device_id)      # someone tidied the lost laptop away
    settle([a, b], shared)
    new = Device(tmp_path, "new")
    new.keys = TeamKeys(use_keyring=False)
    new.sync(shared)
    settle([a, b, new], shared)
    got = new.ws.bundle(rid).judgements["4.1"]
    assert (got.strengths, got.rating) == ("Written on c before it was lost", "enhanced")
    assert state(new.ws) == state(a.ws) == state(b.ws)
    assert_no_edit_lost(new.ws, ever)
    new.close()


def test_a_forgotten_device_that_comes_back_catches_up_and_loses_nothing(trio, shared):
    a, b, c = trio
    ever: dict = {}
    rid = _c_goes_quiet(trio, shared, ever)
    c.ws.judge(rid, "5.1", strengths="Typed on c while it was away", rating="developing")
    remember_changes(ever, c.ws)
    forget(a, c.ws.store.device_id)
    settle([a, b], shared)
    assert len(own_files(a, shared)) < written(a) - 1      # retired without c
    report = c.sync(shared, passphrase=None)
    assert report.problem is None
    text = "\n".join(report.lines())
    assert "forgotten" in text and "takes part again" in text
    settle([a, b, c], shared)
    assert state(a.ws) == state(b.ws) == state(c.ws)
    for d in trio:
        remember_changes(ever, d.ws)
    for d in trio:
        assert_no_edit_lost(d.ws, ever)
        assert d.ws.bundle(rid).judgements["5.1"].strengths == "Typed on c while it was away"
    assert c.ws.bundle(rid).judgements["4.2"].strengths == "a's draft 2"
    # Back in the team: the others wait for it again, and no longer call it forgotten.
    quiet = {q.device: q for q in sync_service.sync_status(a.ws.store, a.keys).devices}
    assert not quiet[c.ws.store.device_id].forgotten
    a.ws.judge(rid, "4.2", strengths="a after c came back")
    settle([a, b], shared)
    kept = own_files(a, shared)
    assert kept and int(kept[-1].name[:8]) == written(a)     # c has not read it: it stays
    settle([a, b, c], shared)
    assert c.ws.bundle(rid).judgements["4.2"].strengths == "a after c came back"


def test_bad_input_to_forgetting_says_why_and_changes_nothing(trio, shared):
    a, b, c = trio
    add_demo(a.ws)
    for d in trio:
        d.sync(shared, passphrase=PASSPHRASE)
    settle([a, b, c], shared, rounds=1)
    key = f"sync.state.{a.ws.store.setting('sync.folder_id')}"
    before = a.ws.store.setting(key)
    for wanted, words in (("", "Say which"), ("0123456789abcdef", "No device"),
                          (a.ws.store.device_id, "this computer"), ("  ", "Say which")):
        with pytest.raises(InputError) as err:
            forget(a, wanted)
        assert words in str(err.value) and "nothing was changed" in str(err.value).lower()
        assert a.ws.store.setting(key) == before
    forget(a, c.ws.store.device_id)
    after = a.ws.store.setting(key)
    with pytest.raises(InputError) as err:
        forget(a, c.ws.store.device_id)
    assert "already" in str(err.value)
    assert a.ws.store.setting(key) == after
    # A device not in the folder (never synced here) is unknown.
    fresh = Device(shared.parent, "stranger")
    with pytest.raises(InputError, match="No device"):
        forget(a, fresh.ws.store.device_id)
    # A computer that has never synced knows no devices to forget.
    with pytest.raises(InputError, match="has not synced"):
        forget(fresh, a.ws.store.device_id)
    fresh.close()


def test_quiet_is_said_in_plain_words():
    from datetime import datetime, timedelta, timezone
    now = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
    words = sync_service.quiet_words
    assert [words(timedelta(minutes=59)), words(timedelta(hours=1)), words(timedelta(hours=47)),
            words(timedelta(days=3)), words(timedelta(days=41))] == [
        "less than an hour", "1 hour", "47 hours", "3 days", "5 weeks"]
    quiet = sync_service.DeviceQuiet("0123456789abcdef", "Sam's laptop (device 01234567)",
                                     now - timedelta(days=41), forgotten=True)
    line = quiet.line(now)
    assert line.startswith("Sam's laptop (device 01234567): last heard from ")
    assert "quiet for 5 weeks; forgotten, so nobody waits for it" in line
    assert quiet.as_dict(now)["quiet_seconds"] == 41 * 86400
    never = sync_service.DeviceQuiet("0123456789abcdef", "device 0123456789abcdef", None)
    assert never.line(now) == "device 0123456789abcdef: not heard from yet."
