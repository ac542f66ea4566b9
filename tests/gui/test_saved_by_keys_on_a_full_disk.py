"""Files saved by keys alone onto a USB stick that is full, at 200% text on a 1024x600
screen, heard as a screen reader hears it: real key presses under Xvfb, Qt's own file
chooser, the real AT-SPI tree, and a real small tmpfs filled to its last byte. A report
and its Word copy, a backup (and a damaged one restored), a file for a partner, the
overview and an anonymised example.

The core's full-disk messages were tested through the core only; here they are met the
way a reviewer meets them. Each save's message must be read by its words, say once what
was not saved, where and why, be where it can be seen, and leave nothing on the stick;
once space is freed the same keys save it. Before, of a Word copy the screen said "The
PDF could not be made"; a screen reader heard only "What happened"; a backup, the
overview and an anonymised example said they were not saved twice over; and the partner
panel's message was out of sight below what the panel showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from atspi_support import REASON as ATSPI_REASON, a11y_bus, dump, in_sight, said_aloud  # noqa: F401
from disk_support import fill, small_disk

from test_keyboard_real_input import new_data, start_review_by_keyboard
from xsession import XSession

pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(ATSPI_REASON), reason=ATSPI_REASON)]


def heard(s: XSession) -> list[str]:
    """Every name and text a screen reader can read in the app."""
    return [words for n in dump(s) for words in (n["name"], n["text"]) if words]


def choose_in(s: XSession, title: str, path: Path) -> None:
    """In the file chooser called `title` (Qt's own), type `path` and press Return."""
    chooser = s.wait_window(title, timeout=60)
    s.focus(chooser)
    s.key("ctrl+a")
    s.type(str(path))
    s.key("Return")
    s.wait_window_gone(title)


def save_as_then(s: XSession, keys: str, title: str, target: Path) -> None:
    """As save_as, for a save that asks more before it is made: the keyboard stays with
    whatever the app shows next."""
    s.focus(s.main)
    s.key(keys)
    choose_in(s, title, target)


def save_as(s: XSession, keys: str, title: str, target: Path) -> None:
    """Open a save chooser by its shortcut, type where, and press Return."""
    save_as_then(s, keys, title, target)
    s.focus(s.main)


def wait_heard(s: XSession, *parts: str, timeout: float = 120) -> str:
    """The first line read out that holds every one of `parts`."""
    return str(s.wait_until(lambda: next((w for w in heard(s) if all(p in w for p in parts)), None),
                            f"a line saying {parts!r}", timeout))


@pytest.mark.parametrize("keys, title, name, what, noun, ready", [
    ("ctrl+shift+a", "Save the report as", "Fernhill review.pdf", "The PDF", "the report",
     "The PDF is ready"),
    ("ctrl+shift+g", "Save the Word copy as", "Fernhill review.docx", "The Word copy", "the Word copy",
     "The Word copy is ready"),
], ids=["report", "word-copy"])
def test_a_report_saved_by_keys_onto_a_full_stick_says_so_and_saves_once_there_is_room(
        tmp_path, a11y_bus, keys, title, name, what, noun, ready):
    data = new_data(tmp_path)
    with small_disk(tmp_path / "stick", "8m") as stick, \
            XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        start_review_by_keyboard(s)
        s.key("ctrl+5")                                   # the reporting stage
        filler = fill(stick)
        save_as(s, keys, title, stick / name)
        said = wait_heard(s, f"{what} could not be made.")
        s.wait_until(lambda: in_sight(s, "Fernhill", f"{what} could not be made."), "the message to be in sight", 30)
        s.screenshot(tmp_path / f"{name}-on-a-full-stick.png")
        assert f"The disk is full at {stick}, so {noun} was not saved and nothing there was changed" in said, said
        assert "Errno" not in said and "No space left" not in said, said
        assert sorted(p.name for p in stick.iterdir()) == ["filler.bin"], "something was left behind"
        filler.unlink()                                   # the reviewer frees some space
        save_as(s, keys, title, stick / name)
        said = wait_heard(s, ready)
        assert str(stick / name) in said, said
        assert (stick / name).read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")
        assert sorted(p.name for p in stick.iterdir()) == [name]
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()


PASSPHRASE = "quiet orchard lantern meadow"


def answer_passphrase(s: XSession, passphrase: str) -> None:
    """The new backup passphrase, typed twice in the app's own dialog."""
    for _ in range(2):
        dialog = s.wait_window("Passphrase", timeout=60)
        s.focus(dialog)
        s.type(passphrase)
        s.key("Return")
        s.wait_until(lambda dialog=dialog: dialog not in s.xdo("search", "--onlyvisible", "--name", "Passphrase").split(),
                     "the passphrase to be taken", 30)


def test_a_backup_made_by_keys_onto_a_full_stick_says_so_once_and_is_made_once_there_is_room(
        tmp_path, a11y_bus):
    """File > Back up (Ctrl+Shift+B) onto a full USB stick, at 200% text on 1024x600: the
    message says, once and in plain words, that the disk is full there and the backup
    was not made; a screen reader reads it; nothing is left on the stick; once space is
    freed the same keys make the backup."""
    data = new_data(tmp_path)
    name = "Fernhill backup.wssbackup"
    with small_disk(tmp_path / "stick", "8m") as stick, \
            XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        start_review_by_keyboard(s)
        filler = fill(stick)
        save_as_then(s, "ctrl+shift+b", "Back up all reviews to one file", stick / name)
        answer_passphrase(s, PASSPHRASE)
        said = wait_heard(s, "The disk is full at")
        box = s.wait_window("Backups", timeout=60)
        s.screenshot(tmp_path / "backup-on-a-full-stick.png")
        assert f"The disk is full at {stick}" in said, said
        assert said.lower().count("not made") == 1, f"said twice: {said!r}"
        assert "Errno" not in said and "No space left" not in said, said
        assert sorted(p.name for p in stick.iterdir()) == ["filler.bin"], "something was left behind"
        s.focus(box)
        s.key("Return")
        s.wait_window_gone("Backups")
        filler.unlink()                                   # the reviewer frees some space
        save_as_then(s, "ctrl+shift+b", "Back up all reviews to one file", stick / name)
        answer_passphrase(s, PASSPHRASE)
        said = wait_heard(s, str(stick / name))
        box = s.wait_window("Backups", timeout=60)
        assert sorted(p.name for p in stick.iterdir()) == [name]
        s.focus(box)
        s.key("Return")
        s.wait_window_gone("Backups")
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()


def test_a_damaged_backup_restored_by_keys_says_so_once_and_leaves_the_folder_empty(tmp_path, a11y_bus):
    """File > Restore by keys alone, of a backup damaged in the middle (a bad copy): the
    message says once, in the core's own words, that it was not restored. Before it read
    'Nothing was restored: The backup file is damaged (...), so it was not restored'."""
    from wss_desktop.core import backup
    from wss_desktop.core.workspace import Workspace
    data = new_data(tmp_path)
    archive = tmp_path / "Fernhill backup.wssbackup"
    with Workspace.open(data) as ws:
        backup.backup(ws, archive, passphrase=PASSPHRASE)
    raw = bytearray(archive.read_bytes())
    raw[len(raw) * 2 // 3] ^= 0xFF                      # one byte spoilt, well past the header
    archive.write_bytes(bytes(raw))
    target = tmp_path / "restored"
    target.mkdir()
    with XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        s.key("alt+f")
        s.key("r")                                         # File > Restore...
        for title, typed in (("Choose the backup to restore", archive), ("Restore a backup", None),
                             ("Choose a new, empty folder", target)):
            window = s.wait_window(title, timeout=60)
            s.focus(window)
            if typed is not None:
                s.key("ctrl+a")
                s.type(str(typed))
            s.key("Return")
            s.wait_until(lambda window=window, title=title: window not in s.xdo("search", "--onlyvisible", "--name",
                                                                                title).split(),
                         f"{title!r} to close", 30)
        # The backup's passphrase, then (with no keyring here) a new one to unlock the
        # restored reviews, typed twice: as many as the app asks for.
        while not s.xdo("search", "--onlyvisible", "--name", "Backups"):
            asked = s.wait_until(lambda: s.xdo("search", "--onlyvisible", "--name", "Passphrase|Backups"),
                                 "a passphrase question or the message", 120)
            if s.xdo("search", "--onlyvisible", "--name", "Backups"):
                break
            dialog = str(asked).split()[-1]
            s.focus(dialog)
            s.type(PASSPHRASE)
            s.key("Return")
            s.wait_until(lambda dialog=dialog: dialog not in s.xdo("search", "--onlyvisible", "--name",
                                                                   "Passphrase").split(),
                         "the passphrase to be taken", 30)
        said = wait_heard(s, "damaged")
        s.screenshot(tmp_path / "damaged-backup.png")
        assert "restored" in said, said
        assert said.lower().count("not restored") + said.lower().count("nothing was restored") == 1, \
            f"said twice: {said!r}"
        assert list(target.iterdir()) == [], "something was left in the folder chosen"
        s.focus(s.wait_window("Backups"))
        s.key("Return")
        s.wait_window_gone("Backups")
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()


def one_off_passphrase(s: XSession) -> None:
    """Lock the partner's file with a one-off passphrase (Alt+O), typed twice."""
    s.key("alt+o", "Tab")
    s.type(PASSPHRASE)
    s.key("Tab")
    s.type(PASSPHRASE)


def test_a_file_for_a_partner_sent_by_keys_onto_a_full_stick_says_so_and_is_written_once_there_is_room(
        tmp_path, a11y_bus):
    """Sync > Send to partner (Ctrl+Shift+E) onto a full USB stick, by keys alone at 200%
    text: the panel says, in words a screen reader reads, that the disk is full there and
    the file was not saved, where it can be seen; nothing is left on the stick; once space
    is freed the same keys write it. Before, at this size the panel scrolls and the
    message was set at its foot, out of sight: Send seemed to do nothing."""
    data = new_data(tmp_path)
    name = "Fernhill for Priya.wssreview"
    with small_disk(tmp_path / "stick", "8m") as stick, \
            XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        start_review_by_keyboard(s)
        filler = fill(stick)
        s.focus(s.main)
        s.key("ctrl+shift+e")
        panel = s.wait_window("Send to partner", timeout=60)
        s.focus(panel)
        s.key("alt+f", "ctrl+a")                          # the File box
        s.type(str(stick / name))
        one_off_passphrase(s)
        with said_aloud(s, tmp_path / "said.jsonl") as aloud:
            s.key("Return")                               # Send
            said = wait_heard(s, "The disk is full at")
            s.wait_until(lambda: said in aloud(), "the message to be said aloud", 30)
        s.wait_until(lambda: in_sight(s, "Send to partner", "The disk is full at"), "the message to be in sight", 30)
        s.screenshot(tmp_path / "partner-file-on-a-full-stick.png")
        assert f"The disk is full at {stick}, so the file for your partner was not saved" in said, said
        assert "Errno" not in said and "No space left" not in said, said
        assert sorted(p.name for p in stick.iterdir()) == ["filler.bin"], "something was left behind"
        filler.unlink()                                   # the reviewer frees some space
        s.focus(panel)
        one_off_passphrase(s)                             # asked again after each attempt
        s.key("Return")
        said = wait_heard(s, f"Wrote {stick / name}")
        assert "locked with the" in said, said
        s.wait_until(lambda: in_sight(s, "Send to partner", "Wrote"), "the message to be in sight", 30)
        assert sorted(p.name for p in stick.iterdir()) == [name]
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()


def test_the_overview_saved_by_keys_onto_a_full_stick_says_so_once_aloud_and_is_saved_once_there_is_room(
        tmp_path, a11y_bus):
    """Go > Overview (Ctrl+Shift+V), Export to CSV (Alt+C) onto a full USB stick, at 200%
    text on 1024x600. Before, the message read '⚠ Not saved: The disk is full at ...,
    so the overview was not saved ...'. Now the core's words are shown once, where they
    can be seen, and read through AT-SPI; once space is freed the same keys save it.
    (That both are said aloud: tests/gui/test_overview_ui.py.)"""
    from wss_desktop.core.demo import add_demo
    from wss_desktop.core.workspace import Workspace
    data = new_data(tmp_path)
    with Workspace.open(data) as ws:
        add_demo(ws)
    with small_disk(tmp_path / "stick", "8m") as stick, \
            XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        filler = fill(stick)
        s.key("ctrl+shift+v")
        window = s.wait_window("Overview", timeout=60)
        for attempt in ("full", "room"):
            s.focus(window)
            s.key("alt+c")
            choose_in(s, "Save the overview", stick / "overview.csv")
            if attempt == "full":
                said = wait_heard(s, "The disk is full at")
                assert said.lower().count("not saved") == 1, f"said twice: {said!r}"
                assert "Errno" not in said, said
                assert sorted(p.name for p in stick.iterdir()) == ["filler.bin"], "something was left behind"
                filler.unlink()                           # the reviewer frees some space
            else:
                said = wait_heard(s, "Saved", str(stick))
                assert (stick / "overview.csv").exists()
            s.wait_until(lambda said=said: in_sight(s, "Overview", said[:40]), "the message to be in sight", 30)
        s.screenshot(tmp_path / "overview-saved.png")
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()


def test_an_anonymised_example_saved_by_keys_onto_a_full_stick_says_so_once_and_is_saved_once_there_is_room(
        tmp_path, a11y_bus):
    """File > Export an anonymised example (Ctrl+Shift+X), made (Alt+M) and saved as JSON
    onto a full USB stick, at 200% text on 1024x600. Before, the message read '⚠ Not
    saved: The disk is full at ..., so the anonymised example was not saved ...'. Now the
    core's words are shown once, where they can be seen, and read through AT-SPI; once
    space is freed, Save the copy as JSON (Alt+S) saves it."""
    data = new_data(tmp_path)
    name = "anonymised-example.json"
    with small_disk(tmp_path / "stick", "8m") as stick, \
            XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        start_review_by_keyboard(s)
        filler = fill(stick)
        s.key("ctrl+shift+x")
        panel = s.wait_window("anonymised example", timeout=60)
        for keys in ("alt+m", "alt+s"):          # make the copy (then save it); save it again
            s.focus(panel)
            s.key(keys)
            choose_in(s, "Save the anonymised example", stick / name)
            if keys == "alt+m":
                said = wait_heard(s, "The disk is full at")
                assert said.lower().count("not saved") == 1, f"said twice: {said!r}"
                assert sorted(p.name for p in stick.iterdir()) == ["filler.bin"], "something was left behind"
                filler.unlink()                   # the reviewer frees some space
            else:
                said = wait_heard(s, "Saved", str(stick))
                assert sorted(p.name for p in stick.iterdir()) == [name]
            s.wait_until(lambda said=said: in_sight(s, "Anonymised example", said[:40]),
                         "the message to be in sight", 30)
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()
