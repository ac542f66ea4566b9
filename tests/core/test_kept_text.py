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
