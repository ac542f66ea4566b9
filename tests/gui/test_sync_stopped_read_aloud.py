"""A sync stopped by a full disk, met with real parts: the real app under Xvfb on a real
tiny disk (tmpfs), its team key in a real Secret Service keyring (GNOME Keyring), a
colleague's change file in a real shared folder, the sync started by real key presses
(Ctrl+Shift+S), and what it says read from the AT-SPI tree, as a screen reader reads it.

tests/gui/test_sync_ui.py shows the same inside the window with a stand-in for the full
disk; this shows that a user who cannot see the screen is told the sync stopped and why,
and that once space is freed the next sync brings everything. It found the sync panel
opening 620 px high on the 600 px screen, its bottom row of buttons off the screen."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from atspi_support import LAUNCHER, REASON, dump, stop
from disk_support import nearly_full, small_disk
from keyring_support import secret_service
from sync_support import PASSPHRASE, Device, fast_kdf  # noqa: F401

from wss_desktop.core import profile
from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync.keys import TeamKeys
from wss_desktop.core.sync.service import DISK_FULL, sync_folder
from wss_desktop.core.workspace import Workspace

from xsession import XSession

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fast_kdf"),
              pytest.mark.skipif(bool(REASON), reason=f"{REASON} (scripts/setup.sh --test)")]

WORDS = "Pupils used visual timetables and word mats; adults pre-taught key words. "
STATUS = "Shared folder status"
STOPPED = "the last sync stopped"
ARRIVED = "SELECT count(*) FROM evidence WHERE deleted = 0 AND room LIKE 'Corridor %'"


@pytest.fixture
def keyring_and_screen_reader_bus(tmp_path, monkeypatch) -> Iterator[dict[str, str]]:
    """GNOME Keyring and the AT-SPI bus on one private session bus (as on a desktop),
    for this process and the app it starts."""
    with secret_service(tmp_path / "keyring", monkeypatch):
        launcher = subprocess.Popen([LAUNCHER, "--launch-immediately"], env=dict(os.environ),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            yield {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        finally:
            stop(launcher)


def status(s: XSession) -> str:
    """The status line as a screen reader reads it (its name, then its description)."""
    return next((n["description"] for n in dump(s) if n["name"] == STATUS), "")


def laptop_in_the_team(data: Path, shared: Path) -> None:
    """A laptop set up, in the team (its key in the real keyring), synced once."""
    with Workspace.open(data) as ws:
        profile.save(ws.store, profile.Profile("Sam Okafor", "", "Ashgrove Trust"))
        profile.mark_set_up(ws.store)
        report = sync_folder(ws.store, ws.paths, shared, TeamKeys(), passphrase=PASSPHRASE)
        assert report.problem is None and len(ws.reviews()) == 1


def test_a_sync_stopped_by_a_full_disk_is_read_aloud_and_the_next_one_brings_everything(
        tmp_path, keyring_and_screen_reader_bus):
    shared = tmp_path / "shared"
    shared.mkdir()
    writer = Device(tmp_path, "writer")
    rid, _ = add_demo(writer.ws)
    assert writer.sync(shared).problem is None
    with small_disk(tmp_path / "small", "32M") as disk:
        data = disk / "data"
        laptop_in_the_team(data, shared)
        with XSession(data, (1024, 600), env=keyring_and_screen_reader_bus,
                      log=tmp_path / "app-log.txt") as s:
            s.wait_until(lambda: "connected" in status(s), "the status line to say the folder is connected", 60)
            filler = nearly_full(disk, 400_000)                     # room for small writes only
            for i in range(30):                                      # the colleague's long notes
                writer.ws.add_observation(rid, room=f"Corridor {i}", text=f"{i} " + WORDS * 300)
            assert writer.sync(shared).problem is None

            s.key("ctrl+shift+s")                                    # Sync now
            said = s.wait_until(lambda: STOPPED in (line := status(s)) and line,
                                "the status line to say the sync stopped", 90)
            assert "Synced" not in said
            s.key("ctrl+shift+y")                                    # the sync panel: why
            panel = s.wait_window("Shared folder and sync")
            geometry = s.xdo("getwindowgeometry", "--shell", panel)
            height = int(dict(line.split("=") for line in geometry.split())["HEIGHT"])
            assert height <= 600, f"the panel runs off the 600 px screen: {geometry}"
            s.wait_until(lambda: any(DISK_FULL in n["text"] or DISK_FULL in n["name"] for n in dump(s)),
                         "the panel to say the disk is full, in the core's words", 60)
            s.screenshot(tmp_path / "sync-stopped-disk-full-1024x600.png")
            s.key("Escape")
            assert s.query(ARRIVED)[0][0] < 30

            filler.unlink()                                          # the reviewer frees space
            s.focus(s.main)
            s.key("ctrl+shift+s")
            s.wait_until(lambda: STOPPED not in status(s) and "connected" in status(s),
                         "the status line to stop warning once a sync went through", 90)
            assert s.query(ARRIVED)[0][0] == 30
            assert s.quit_app() == 0
        assert "Traceback" not in (tmp_path / "app-log.txt").read_text()
    writer.close()
