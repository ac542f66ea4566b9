"""Backups made onto, and restored into, a real disk that fills up (a small tmpfs), and
reports saved onto one: the user is told the disk is full, in plain words, and nothing
is left half-written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from disk_support import fill, nearly_full, small_disk
from sync_support import fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.core import backup as bk
from wss_desktop.core.errors import DiskFull
from wss_desktop.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("fast_kdf", "memory_keyring")
PASSPHRASE = "otter lantern quill meadow"
WORDS = "Pupils used visual timetables and word mats; adults pre-taught key words. "
FULL = "disk is full|too little room"


@pytest.fixture
def archive(ws, demo, tmp_path) -> Path:
    """A locked backup of the demo review with 40 long observations (about 1 MB of text,
    which does not compress to nothing)."""
    for i in range(40):
        ws.add_observation(demo, room=f"Room {i}", text=f"{i} {os.urandom(2000).hex()} " + WORDS * 20)
    out = tmp_path / "made" / "reviews.wssbackup"
    out.parent.mkdir()
    bk.backup(ws, out, passphrase=PASSPHRASE)
    return out


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler.bin")


def test_a_backup_onto_a_full_usb_stick_says_so_and_leaves_nothing_behind(ws, archive, tmp_path):
    """Writing the backup met ENOSPC and the system's words reached the user ("The backup
    was not made: [Errno 28] No space left on device")."""
    with small_disk(tmp_path / "stick", "4M") as stick:
        filler = nearly_full(stick, 64_000)
        with pytest.raises(DiskFull, match=FULL) as raised:
            bk.backup(ws, stick / "reviews.wssbackup", passphrase=PASSPHRASE)
        said = str(raised.value)
        assert "Errno" not in said and f"disk is full at {stick}," in said
        assert re.search(r"can take up to [1-9]\.\d MB", said), said
        assert leftovers(stick) == []
        filler.unlink()
        made = bk.backup(ws, stick / "reviews.wssbackup", passphrase=PASSPHRASE)
        assert made.path.is_file() and leftovers(stick) == ["reviews.wssbackup"]


def test_a_restore_into_a_disk_with_too_little_room_says_so_before_it_unpacks_anything(archive, tmp_path):
    with small_disk(tmp_path / "small", "8M") as disk:
        filler = nearly_full(disk, 300_000)
        steps: list[str] = []
        with pytest.raises(DiskFull, match=FULL) as raised:
            bk.restore(archive, disk / "restored", passphrase=PASSPHRASE,
                       progress=lambda done, total, what: steps.append(what))
        said = str(raised.value)
        assert "Errno" not in said and "nothing was changed" in said
        assert f"disk at {disk} " in said, "names the folder the user chose, not the app's own"
        assert not [what for what in steps if what.startswith("Checking")], steps
        assert leftovers(disk) == []
        filler.unlink()
        assert bk.restore(archive, disk / "restored", passphrase=PASSPHRASE).reviews == 1


@pytest.mark.parametrize("step", ["Unlocking the backup", "Checking wss.sqlite3", "Checking the database"])
def test_a_disk_that_fills_during_a_restore_is_named_and_nothing_is_left_half_restored(
        archive, tmp_path, step):
    """Another program fills the disk while the backup is restored. Decrypting and
    unpacking met ENOSPC, which reached the user as the system's words; re-encrypting the
    database met SQLite's "disk I/O error" (how it reports ENOSPC here), and the backup
    was called damaged."""
    with small_disk(tmp_path / "small", "16M") as disk:
        filled: list[Path] = []

        def say(done: int, total: int, what: str) -> None:
            if what.startswith(step) and not filled:
                filled.append(fill(disk))

        with pytest.raises(DiskFull, match=FULL) as raised:
            bk.restore(archive, disk / "restored", passphrase=PASSPHRASE, progress=say)
        assert filled, "the restore never reached " + step
        said = str(raised.value)
        assert "damaged" not in said and "failed its check" not in said
        assert f"disk is full at {disk}," in said and "Errno" not in said
        assert leftovers(disk) == []
        filled[0].unlink()
        restored = bk.restore(archive, disk / "restored", passphrase=PASSPHRASE)
        assert restored.reviews == 1
        with Workspace.open(disk / "restored") as again:
            assert again.store.integrity_problems() == []


def test_a_report_saved_onto_a_full_disk_says_so_and_keeps_the_earlier_copy(ws, demo, tmp_path):
    """Saving a report onto a full disk said "(No space left on device). If the file is
    open in a PDF viewer, close it, or choose another name": the system's words, and
    advice that does not fit a full disk."""
    from wss_desktop.core import reports
    from wss_desktop.core.reports import ReportKind, ReportOptions
    bundle = ws.bundle(demo)
    with small_disk(tmp_path / "stick", "4M") as stick:
        target = stick / "report.pdf"
        reports.render(bundle, ReportOptions(kind=ReportKind.SUMMARY), target)
        earlier = target.read_bytes()
        filler = nearly_full(stick, 2_000)
        with pytest.raises(DiskFull, match=f"disk is full at {stick},") as raised:
            reports.render(bundle, ReportOptions(kind=ReportKind.FULL), target)
        assert "No space left" not in str(raised.value) and "PDF viewer" not in str(raised.value)
        assert target.read_bytes() == earlier and leftovers(stick) == ["report.pdf"]
        filler.unlink()
        assert reports.render(bundle, ReportOptions(kind=ReportKind.FULL), target).pages > 1
