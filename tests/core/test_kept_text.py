"""Text kept as the app had to end (core/kept_text.py): sealed with the data folder's
key, read back in order, and a damaged file or one of another folder is left, not fatal."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from wss_desktop.core import kept_text
from wss_desktop.core.kept_text import KeptText

KEY = bytes(range(32))
WHEN = dt.datetime(2026, 11, 27, 14, 3, tzinfo=dt.timezone.utc)


def test_kept_text_is_sealed_and_read_back_oldest_first(tmp_path):
    later = kept_text.keep(tmp_path, KEY, [KeptText("What you saw", "Pupils used word mats.", "Holm Oak", "r1")],
                           now=WHEN + dt.timedelta(hours=1))
    first = kept_text.keep(tmp_path, KEY, [KeptText("Room or class", "Kestrels"), KeptText("Subject", "  ")],
                           now=WHEN)
    assert first.parent == later.parent == tmp_path / "kept-text"
    for path in (first, later):
        data = path.read_bytes()
        assert b"Kestrels" not in data and b"word mats" not in data and b"Holm Oak" not in data
    files, unreadable = kept_text.kept(tmp_path, KEY)
    assert unreadable == []
    assert [f.path for f in files] == [first, later]
    assert files[0].kept_at == WHEN
    assert files[0].texts == (KeptText("Room or class", "Kestrels"),)        # blank text is not kept
    assert files[1].texts == (KeptText("What you saw", "Pupils used word mats.", "Holm Oak", "r1"),)
    kept_text.remove(files[:1])
    assert [f.path for f in kept_text.kept(tmp_path, KEY)[0]] == [later]


def test_two_kept_in_the_same_second_are_both_kept(tmp_path):
    for text in ("First", "Second"):
        kept_text.keep(tmp_path, KEY, [KeptText("Notes", text)], now=WHEN)
    files, _ = kept_text.kept(tmp_path, KEY)
    assert sorted(f.texts[0].text for f in files) == ["First", "Second"]


def test_nothing_to_keep_writes_nothing(tmp_path):
    assert kept_text.keep(tmp_path, KEY, [KeptText("Subject", "")]) is None
    assert not (tmp_path / "kept-text").exists()
    assert kept_text.kept(tmp_path, KEY) == ([], [])


def test_a_damaged_file_or_one_of_another_folder_is_left_as_it_is(tmp_path):
    path = kept_text.keep(tmp_path, KEY, [KeptText("Notes", "Visual timetable by the door")], now=WHEN)
    other = kept_text.keep(tmp_path / "elsewhere", os.urandom(32), [KeptText("Notes", "Other")], now=WHEN)
    moved = path.with_name("20261127T150000-1.wsk")
    moved.write_bytes(other.read_bytes())                 # sealed with another folder's key
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))                         # damaged
    (path.parent / "notes.txt").write_text("not ours")    # not a kept file: ignored
    files, unreadable = kept_text.kept(tmp_path, KEY)
    assert files == [] and unreadable == [path, moved]
    assert path.exists() and moved.exists()


def test_check_says_text_is_waiting_to_be_copied_back(tmp_path, capsys):
    from wss_desktop.cli import main
    from wss_desktop.core.workspace import Workspace
    data = tmp_path / "WSS data"
    assert main(["--data-dir", str(data), "check"]) == 0
    assert "kept" not in capsys.readouterr().err
    with Workspace.open(data) as ws:
        kept_text.keep(ws.paths.root, ws.store.key, [KeptText("Notes", "Visual timetable by the door"),
                                                     KeptText("Room or class", "Kestrels")])
    assert main(["--data-dir", str(data), "check"]) == 0      # a note, not a failure
    err = capsys.readouterr().err
    assert "2 pieces of text" in err and "Text kept for you" in err and "Kestrels" not in err
    with Workspace.open(data) as ws:
        kept_text.keep(ws.paths.root, ws.store.key, [],
                       framework=({"id": "shire-send", "name": "Shire SEND rubric"}, "new"))
    assert main(["--data-dir", str(data), "check"]) == 0
    err = capsys.readouterr().err
    assert "2 pieces of text" in err and "unsaved changes to Shire SEND rubric" in err, err


def test_when_no_new_file_can_be_written_the_text_goes_into_the_space_set_aside(tmp_path):
    """(A full disk is met for real in tests/gui/test_typed_on_a_full_disk.py; here the
    kept-text folder cannot be made, which fails the same way.)"""
    assert kept_text.make_reserve(tmp_path)
    reserve = tmp_path / kept_text.RESERVE
    assert reserve.read_bytes() == bytes(kept_text.RESERVE_SIZE)
    (tmp_path / "kept-text").write_text("in the way")                 # no new file can be written
    at = kept_text.keep(tmp_path, KEY, [KeptText("Notes", "Visual timetable by the door")], now=WHEN)
    assert at == reserve and reserve.stat().st_size == kept_text.RESERVE_SIZE
    assert b"Visual timetable" not in reserve.read_bytes()
    with pytest.raises(OSError):                                       # the space holds one already
        kept_text.keep(tmp_path, KEY, [KeptText("Notes", "Second")], now=WHEN)
    (files, unreadable) = kept_text.kept(tmp_path, KEY)
    assert unreadable == [] and [f.texts[0].text for f in files] == ["Visual timetable by the door"]
    kept_text.settle(tmp_path, KEY)                                    # still no room: left there
    assert [f.path for f in kept_text.kept(tmp_path, KEY)[0]] == [reserve]

    (tmp_path / "kept-text").unlink()                                  # space again
    kept_text.settle(tmp_path, KEY)
    (moved,) = kept_text.kept(tmp_path, KEY)[0]
    assert moved.path.parent == tmp_path / "kept-text" and moved.kept_at == WHEN
    assert moved.texts == (KeptText("Notes", "Visual timetable by the door"),)
    assert reserve.read_bytes() == bytes(kept_text.RESERVE_SIZE)       # set aside again, empty


def test_kept_text_in_the_space_set_aside_is_removed_by_emptying_it(tmp_path):
    kept_text.make_reserve(tmp_path)
    (tmp_path / "kept-text").write_text("in the way")
    kept_text.keep(tmp_path, KEY, [KeptText("Notes", "Kestrels")])
    kept_text.remove(kept_text.kept(tmp_path, KEY)[0])
    assert kept_text.kept(tmp_path, KEY) == ([], [])
    assert (tmp_path / kept_text.RESERVE).read_bytes() == bytes(kept_text.RESERVE_SIZE)


def test_without_the_space_set_aside_the_disk_error_is_raised(tmp_path):
    (tmp_path / "kept-text").write_text("in the way")
    with pytest.raises(OSError):
        kept_text.keep(tmp_path, KEY, [KeptText("Notes", "Kestrels")])


FRAMEWORK = {"id": "shire-send", "name": "Shire SEND rubric", "description": "A rubric of our own, for Shire."}


def test_a_frameworks_unsaved_changes_are_kept_sealed_and_put_back_as_its_draft(tmp_path):
    """The framework editor's unsaved changes the database would not take as the app had
    to end: kept sealed beside any text, and at the next start put back as the editor's
    draft (where it finds unsaved changes after a crash), the text left to be shown."""
    path = kept_text.keep(tmp_path, KEY, [KeptText("What you saw", "Pupils used word mats.")],
                          framework=(FRAMEWORK, "new"), now=WHEN)
    assert b"Shire" not in path.read_bytes()
    (f,), _ = kept_text.kept(tmp_path, KEY)
    assert f.framework == (FRAMEWORK, "new")
    drafts: list[tuple[dict, str]] = []
    assert kept_text.restore_frameworks(tmp_path, KEY, lambda data, origin: drafts.append((data, origin))) == [
        "Shire SEND rubric"]
    assert drafts == [(FRAMEWORK, "new")]
    (f,), _ = kept_text.kept(tmp_path, KEY)                   # the text is still kept, and shown
    assert f.framework is None and f.texts == (KeptText("What you saw", "Pupils used word mats."),)
    assert f.kept_at == WHEN
    assert kept_text.restore_frameworks(tmp_path, KEY, lambda *a: drafts.append(a)) == []   # once only


def test_a_framework_alone_is_kept_and_its_file_goes_once_it_is_back(tmp_path):
    kept_text.keep(tmp_path, KEY, [], framework=(FRAMEWORK, "shire-send"), now=WHEN)
    assert kept_text.restore_frameworks(tmp_path, KEY, lambda data, origin: None) == ["Shire SEND rubric"]
    assert kept_text.kept(tmp_path, KEY) == ([], [])


def test_a_framework_that_cannot_be_put_back_yet_stays_kept(tmp_path):
    """The database still busy at the next start: the framework stays kept for the next."""
    kept_text.keep(tmp_path, KEY, [], framework=(FRAMEWORK, "new"), now=WHEN)

    def busy(data, origin):
        raise OSError("the database is busy")
    with pytest.raises(OSError):
        kept_text.restore_frameworks(tmp_path, KEY, busy)
    (f,), _ = kept_text.kept(tmp_path, KEY)
    assert f.framework == (FRAMEWORK, "new")


def test_a_file_kept_before_frameworks_were_kept_reads_as_before(tmp_path):
    import json
    store = kept_text.KeptTextStore(tmp_path / kept_text.FOLDER, KEY)
    body = {"format": 1, "kept_at": WHEN.isoformat(), "texts": [{"field": "Notes", "text": "Old"}]}
    store._write(tmp_path / kept_text.FOLDER / "20261127T140300-1-00.wsk",
                 store._seal(json.dumps(body).encode()))
    (f,), _ = kept_text.kept(tmp_path, KEY)
    assert f.texts == (KeptText("Notes", "Old"),) and f.framework is None


def test_a_framework_kept_with_text_waits_while_the_text_cannot_be_kept_alone(tmp_path, monkeypatch):
    """Putting the framework back writes the text kept with it to a file of its own: with
    no room for that (the disk still full), nothing is put back, so nothing is put back
    twice or lost; all of it stays kept. A draft that cannot be put back leaves no copy."""
    import errno
    kept_text.keep(tmp_path, KEY, [KeptText("Notes", "Quiet room used well")], framework=(FRAMEWORK, "new"),
                   now=WHEN)
    (f,), _ = kept_text.kept(tmp_path, KEY)
    write_new = kept_text._write_new

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(kept_text, "_write_new", full)
    drafts: list = []
    assert kept_text.restore_frameworks(tmp_path, KEY, lambda *a: drafts.append(a)) == []
    assert drafts == [] and kept_text.kept(tmp_path, KEY) == ([f], [])
    monkeypatch.setattr(kept_text, "_write_new", write_new)

    def busy(data, origin):
        raise OSError("the database is busy")
    with pytest.raises(OSError):
        kept_text.restore_frameworks(tmp_path, KEY, busy)
    assert kept_text.kept(tmp_path, KEY) == ([f], [])


def test_the_space_set_aside_takes_the_text_on_a_full_copy_on_write_disk(tmp_path):
    """btrfs writes every change to new blocks, even over a file's own bytes, so on a full
    btrfs disk writing over the space set aside failed for want of space, and the text
    was lost. The space is now made asking btrfs to write it in place (chattr +C), so the
    text goes in. A real btrfs, filled to its last byte."""
    import subprocess

    from disk_support import fill, small_btrfs
    with small_btrfs(tmp_path / "btrfs", tmp_path / "btrfs.img") as disk:
        root = disk / "data"
        root.mkdir()
        assert kept_text.make_reserve(root)
        os.sync()
        filler = fill(disk)
        os.sync()
        text = KeptText("What you saw", "Pupils used word mats and a visual timetable.", "Holm Oak", "r1")
        assert kept_text.keep(root, KEY, [text], now=WHEN) == root / kept_text.RESERVE
        files, unreadable = kept_text.kept(root, KEY)
        assert unreadable == [] and [f.texts for f in files] == [(text,)]
        assert "C" in subprocess.run(["lsattr", str(root / kept_text.RESERVE)], capture_output=True,
                                     text=True).stdout.split()[0]         # (written in place)
        filler.unlink()
        os.sync()
        kept_text.settle(root, KEY)                       # space again: a file of its own
        (f,), _ = kept_text.kept(root, KEY)
        assert f.path.parent == root / kept_text.FOLDER and f.texts == (text,)
