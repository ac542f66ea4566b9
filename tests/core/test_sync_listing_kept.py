"""Issue 10, a sync with nothing new: a device folder whose entries have not changed is
not listed again (folder.scan_device keeps its listing). What must still be noticed:
a file added to the folder, and a file finished in place after it was found half
written (a cloud client writing into the same file, which leaves the folder's time
as it was)."""

from __future__ import annotations

import os

import pytest
from sync_support import PASSPHRASE, fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync import folder as sync_folder_module
from wss_desktop.core.sync.folder import DEVICES

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")


@pytest.fixture
def kept_at_once(monkeypatch):
    """Listings are kept however recent the folder's last change (no coarse-clock wait)."""
    monkeypatch.setattr(sync_folder_module, "RACY_NS", -10**18)
    sync_folder_module._LISTINGS.clear()
    yield
    sync_folder_module._LISTINGS.clear()


def test_a_kept_listing_still_sees_new_files_and_files_finished_in_place(trio, shared, kept_at_once):
    a, b, _ = trio
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    b.sync(shared)
    assert b.sync(shared, passphrase=None).received_files == 0
    a_dir = shared / DEVICES / a.ws.store.device_id
    assert str(a_dir) in sync_folder_module._LISTINGS        # b keeps a's listing
    a.ws.judge(rid, "1.1", strengths="Added after b listed the folder")
    a.sync(shared, passphrase=None)
    report = b.sync(shared, passphrase=None)
    assert report.received_files == 1
    assert b.ws.bundle(rid).judgements["1.1"].strengths == "Added after b listed the folder"
    # a's next file arrives empty at first (still being written), then is finished in
    # the same file: the folder's entries and time do not change.
    a.ws.judge(rid, "1.2", strengths="Finished in place")
    a.sync(shared, passphrase=None)
    newest = max(a_dir.glob("[0-9]" * 8 + ".wsc"))
    data = newest.read_bytes()
    stamp = os.stat(a_dir).st_mtime_ns
    with open(newest, "r+b") as fh:
        fh.truncate(0)
    report = b.sync(shared, passphrase=None)
    assert any(s.name.endswith(newest.name) and "empty" in s.reason for s in report.skipped)
    assert b.sync(shared, passphrase=None).received_files == 0     # listing kept; still empty
    with open(newest, "r+b") as fh:
        fh.write(data)
    assert os.stat(a_dir).st_mtime_ns == stamp
    report = b.sync(shared, passphrase=None)
    assert report.received_files == 1, report.lines()
    assert b.ws.bundle(rid).judgements["1.2"].strengths == "Finished in place"
