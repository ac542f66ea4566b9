"""The disk holding the data folder fills up while a reviewer types (real key presses
into the real app under Xvfb; the disk a real tiny tmpfs, filled to its last byte).

The save failed and said "try again", but nothing tried again: what was typed was saved
only if the reviewer happened to type more after freeing space, and closing asked about
a database "busy with another program". Now the field keeps the text and keeps trying,
the question on closing says the disk is full, and once space is freed the text is
saved by itself, with no key pressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from atspi_support import REASON as ATSPI_REASON, wait_typed
from disk_support import fill, small_disk

from wss_desktop.core.model import EvidenceKind
from wss_desktop.core.workspace import Workspace

from test_keyboard_real_input import new_data, quit_and_keep_open, start_review_by_keyboard
from xsession import MISSING, XSession

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (scripts/setup.sh --test)")]

WALK = "SELECT room, text FROM evidence WHERE kind = 'learning-walk' AND deleted = 0"


def new_observation_then_fill(s: XSession, disk: Path) -> Path:
    """Start Fernhill's review and a new observation by keys, then fill the disk. Every
    page written so far goes into the database file and the log is emptied (as any
    program may ask of SQLite), so the next save needs new space on the disk."""
    start_review_by_keyboard(s)
    s.key("ctrl+4", "ctrl+n")
    s.wait_rows(WALK, 1, "the new observation")
    assert s.query("PRAGMA wal_checkpoint(TRUNCATE)")[0][0] == 0
    return fill(disk)


def test_what_was_typed_on_a_full_disk_is_kept_and_saved_once_space_is_freed(tmp_path):
    with small_disk(tmp_path / "small", "16m") as disk:
        data = new_data(disk)
        with XSession(data, (1024, 600), log=tmp_path / "app-log.txt") as s:
            filler = new_observation_then_fill(s, disk)
            quit_and_keep_open(s, "Kestrels", "Pupils used word mats.", tmp_path / "disk-full-question.png")
            [(room, text)] = s.query(WALK)
            assert not room and not text                  # nothing of it could be saved yet
            filler.unlink()                               # the reviewer frees some space
            s.wait_rows(WALK + " AND room = 'Kestrels' AND text = 'Pupils used word mats.'", 1,
                        "what was typed, saved by itself once there is space")
            assert s.quit_app() == 0
        assert "Traceback" not in (tmp_path / "app-log.txt").read_text()
        with Workspace.open(data) as ws:
            (review,) = ws.reviews()
            [e] = [e for e in ws.bundle(review["id"]).evidence if e.kind == EvidenceKind.LEARNING_WALK]
            assert (e.room, e.text) == ("Kestrels", "Pupils used word mats.")


def test_the_status_and_the_question_on_closing_say_the_disk_is_full(qtbot, tmp_path, monkeypatch):
    """The same, seen from inside the window: what the status bar and the question say."""
    from test_typed_over_a_sync import _answer, _at_the_end_of_the_purpose

    from wss_desktop.core.model import Review
    from wss_desktop.gui import autosave
    from wss_desktop.gui.main_window import MainWindow

    monkeypatch.setattr(autosave, "CLOSING_WAIT_S", 0.3)
    with small_disk(tmp_path / "small", "16m") as disk, Workspace.open(disk / "data") as ws:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        rid, _, editor = _at_the_end_of_the_purpose(qtbot, window, ws)
        ws.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")     # (see the test above)
        filler = fill(disk)
        said: list[str] = []                     # what a screen reader is told (widgets.announce)
        from wss_desktop.gui import widgets
        announce = widgets.announce
        monkeypatch.setattr(widgets, "announce",
                            lambda widget, text, **kw: (said.append(text), announce(widget, text, **kw)))
        tries: list[str] = []
        update_review = ws.update_review
        monkeypatch.setattr(ws, "update_review", lambda *a, **k: tries.append("") or update_review(*a, **k))
        qtbot.keyClicks(editor, " for pupils with SEND")
        qtbot.waitUntil(lambda: window.indicator.state == "problem", timeout=5000)
        assert "disk is full" in window.indicator.text() and "still here" in window.indicator.text()
        # It keeps trying, and says so once, not at every try.
        qtbot.waitUntil(lambda: len(tries) >= 4, timeout=10_000)
        assert len([t for t in said if "disk is full" in t]) == 1, said
        seen: list[str] = []
        _answer(["Keep the window open"], seen)
        assert window.close() is False
        assert len(seen) == 1 and "the disk is full" in seen[0] and "busy" not in seen[0]
        assert editor.toPlainText() == "Look at provision for pupils with SEND"
        assert ws.store.get(Review, rid).purpose == "Look at provision"
        filler.unlink()
        qtbot.waitUntil(lambda: ws.store.get(Review, rid).purpose == "Look at provision for pupils with SEND",
                        timeout=5000)
        qtbot.waitUntil(lambda: window.indicator.state == "saved", timeout=5000)
        assert window.close() is True


@pytest.mark.skipif(bool(ATSPI_REASON), reason=f"{ATSPI_REASON} (scripts/setup.sh --test)")
def test_what_was_typed_on_a_full_disk_as_the_computer_logs_out_is_kept_and_shown_next_time(tmp_path, a11y_bus):
    """Logging out (SIGTERM) with the disk full: the database cannot take what was typed,
    and a new file cannot be written either. The app keeps a little space of its own in
    the data folder (kept_text.RESERVE, made at start), and the text goes there: after
    space is freed, the next start shows it."""
    import signal

    from wss_desktop.core import kept_text
    with small_disk(tmp_path / "small", "16m") as disk:
        data = new_data(disk)
        with XSession(data, (1024, 600), env=a11y_bus, log=tmp_path / "app-log.txt") as s:
            filler = new_observation_then_fill(s, disk)
            s.type("Kestrels")
            s.key("alt+w")
            s.type("Pupils used word mats.")
            wait_typed(s, "Kestrels", "Pupils used word mats.")     # every key taken in, then
            s.app.send_signal(signal.SIGTERM)
            assert s.app.wait(60) == 0, (tmp_path / "app-log.txt").read_text()
        assert "Traceback" not in (tmp_path / "app-log.txt").read_text()
        filler.unlink()                                   # the reviewer frees some space
        with Workspace.open(data) as ws:
            (review,) = ws.reviews()
            [e] = [e for e in ws.bundle(review["id"]).evidence if e.kind == EvidenceKind.LEARNING_WALK]
            assert not e.room and not e.text              # the database never took them
        with XSession(data, (1024, 600), log=tmp_path / "app-log-2.txt") as s:
            s.focus(s.wait_window("Text kept for you"))
            s.key("Escape")                               # Keep for later
            s.wait_window_gone("Text kept for you")
            s.focus(s.main)
            assert s.quit_app() == 0
        with Workspace.open(data) as ws:
            files, unreadable = kept_text.kept(ws.paths.root, ws.store.key)
            assert unreadable == []
            assert sorted(t.text for f in files for t in f.texts) == ["Kestrels", "Pupils used word mats."]
