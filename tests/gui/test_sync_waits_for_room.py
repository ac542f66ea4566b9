"""The window's own syncs (every two minutes, unasked) after the full disk stopped one:
they waited for nothing, taking in the same changes again each time only to run out
at the same place. Now the next one unasked waits until the disk has more room; one the
reviewer asks for (Sync now) always runs. The disk is a real small tmpfs."""

from __future__ import annotations

import pytest
from disk_support import nearly_full, small_disk
from sync_support import PASSPHRASE, Device, fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync.keys import TeamKeys
from wss_desktop.core.sync.service import DISK_FULL
from wss_desktop.core.workspace import Workspace
from wss_desktop.gui import sync_ui

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")

WAIT = 60_000
WORDS = "Pupils used visual timetables and word mats; adults pre-taught key words. "


def test_the_window_waits_for_room_before_it_syncs_again_unasked(qtbot, tmp_path, shared):
    from wss_desktop.gui.main_window import MainWindow
    a = Device(tmp_path, "a")
    rid, _ = add_demo(a.ws)
    a.sync(shared)
    with small_disk(tmp_path / "small", "32M") as disk:
        ws = Workspace.open(disk / "b")
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.show()
        c = sync_ui.install(win, keys=TeamKeys(use_keyring=False), auto=False)
        started: list[bool] = []
        sync = c.service.sync
        c.service.sync = lambda **kw: (started.append(True), sync(**kw))[1]   # type: ignore[method-assign]
        try:
            assert c.sync_now(PASSPHRASE, folder=shared)
            qtbot.waitUntil(lambda: c.idle and c.last is not None, timeout=WAIT)
            assert c.last.value.problem is None
            ids = [a.ws.add_observation(rid, room=f"Room {i}", text=f"{i} " + WORDS * 300) for i in range(30)]
            a.sync(shared)
            filler = nearly_full(disk, 400_000)
            c.last = None
            c._sync_on_timer()                       # the two-minute timer
            qtbot.waitUntil(lambda: c.idle and c.last is not None, timeout=WAIT)
            assert c.last.value.problem == DISK_FULL and len(started) == 2
            for _ in range(3):                       # the disk no roomier: nothing is started
                c._sync_on_timer()
                qtbot.waitUntil(lambda: c.idle, timeout=WAIT)
                assert len(started) == 2 and not c.busy
            assert "stopped" in c.status_button.text()
            assert c.sync_now()                      # asked for: it runs (and stops again)
            qtbot.waitUntil(lambda: c.idle and len(started) == 3 and c.last.value is not None, timeout=WAIT)
            assert c.last.value.problem == DISK_FULL
            filler.unlink()                          # the reviewer frees some space
            c._sync_on_timer()
            qtbot.waitUntil(lambda: c.idle and len(started) == 4, timeout=WAIT)
            assert c.last.value.problem is None, c.last.value.lines()
            assert set(ids) <= {e.id for e in ws.bundle(rid).evidence}
        finally:
            c.shutdown()
            win.close()
            ws.close()
            a.close()
