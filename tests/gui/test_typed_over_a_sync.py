"""Text being typed when a colleague's version of the same field arrives is kept
beside theirs: neither silently replaces the other (the autosave's "edited from")."""

from contextlib import contextmanager

from PySide6.QtCore import Qt

from wss_desktop.core.model import Stage
from wss_desktop.core.workspace import Workspace


def test_typing_over_a_field_a_sync_just_changed_keeps_both_versions(qtbot, window, ws, tmp_path):
    rid = ws.new_review("Holm Oak Primary School", "send-review",
                       purpose="Look at provision for pupils with SEND")
    other = Workspace.open(tmp_path / "colleague")
    other.store.apply_changes(ws.store.changes())
    view = window.open_review(rid)
    view.show_stage(Stage.IDENTIFICATION)
    editor = view.screens[Stage.IDENTIFICATION].ui.purpose
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " in Key Stage 1")
    # Before this editor saves, the colleague's rewording arrives by sync.
    other.update_review(rid, purpose="Review of SEND support, asked for by governors")
    ws.store.apply_changes(other.store.changes())
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: any(c.field == "purpose" for c in ws.store.conflicts(rid)), timeout=5000)
    [conflict] = [c for c in ws.store.conflicts(rid) if c.field == "purpose"]
    assert sorted(v.value for v in conflict.versions) == [
        "Look at provision for pupils with SEND in Key Stage 1",
        "Review of SEND support, asked for by governors"]
    other.close()


def test_a_learning_walk_autosave_reads_and_writes_only_its_own_row(qtbot, window, ws):
    """A save while typing re-read the whole review (about 40 statements over every
    table); it now touches the observation's row, its change log and its search text."""
    import re
    from wss_desktop.core.demo import add_demo
    rid, _ = add_demo(ws)
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.next_room()
    statements: list[str] = []
    ws.store.conn.set_trace_callback(statements.append)
    walk.ui.notes.setPlainText("Pupils used word mats and sentence starters")
    walk.saver.flush()
    ws.store.conn.set_trace_callback(None)
    tables = {t for sql in statements for t in re.findall(r"\b(?:FROM|INTO|UPDATE)\s+\[?(\w+)", sql, re.I)}
    assert tables - {"SET"} <= {"evidence", "reviews", "changes", "field_clocks", "texts_dirty"}
    assert ws.bundle(rid).evidence and any(e.text == "Pupils used word mats and sentence starters"
                                           for e in ws.bundle(rid).evidence)


def test_typing_while_a_sync_holds_the_database_keeps_the_text_and_saves_it_when_free(qtbot, window, ws,
                                                                                      monkeypatch):
    """A sync taking in a colleague's snapshot holds the database for as long as it writes
    (tens of seconds for a trust's 5,000 reviews). A save as the user typed waited 10 s
    with the window frozen, then failed ("Not saved: the database is busy"), and the text
    stayed unsaved until the next key press. Now the save waits briefly, the status bar
    says the text is kept and waiting, and it is saved by itself once the database is free."""
    from wss_desktop.core import store as core_store
    from wss_desktop.core.model import Review
    from wss_desktop.core.workspace import Workspace as _Workspace

    rid = ws.new_review("Holm Oak Primary School", "send-review", purpose="Look at provision")
    view = window.open_review(rid)
    view.show_stage(Stage.IDENTIFICATION)
    editor = view.screens[Stage.IDENTIFICATION].ui.purpose
    attempts: list[str] = []
    update = _Workspace.update_review

    def counted(self, *args, **kw):
        attempts.append(kw.get("purpose", ""))
        return update(self, *args, **kw)

    monkeypatch.setattr(_Workspace, "update_review", counted)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    # Another connection writes, as the sync's own does while it takes in a snapshot.
    sync = core_store.connect(ws.paths.database)
    sync.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClicks(editor, " for pupils with SEND")
        qtbot.waitUntil(lambda: "Waiting to save" in window.indicator.text(), timeout=5000)
        qtbot.waitUntil(lambda: len(attempts) >= 3, timeout=5000)     # tried again, and again
        assert "Waiting to save" in window.indicator.text()
        assert "Not saved" not in window.indicator.text() and not editor.property("problem")
        assert ws.store.get(Review, rid).purpose == "Look at provision"
    finally:
        sync.execute("COMMIT")      # the sync lets go
        sync.close()
    qtbot.waitUntil(lambda: ws.store.get(Review, rid).purpose == "Look at provision for pupils with SEND",
                    timeout=5000)
    qtbot.waitUntil(lambda: "All changes saved" in window.indicator.text(), timeout=5000)
    assert not editor.property("problem")



def _answer(answers: list[str], seen: list[str]) -> None:
    """Click the next of `answers` in each message box the window shows, noting its
    text, until every answer is given."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(f"{box.text()} {box.informativeText()}")
            assert box.defaultButton().text().replace("&", "") == "Try again"
            assert box.escapeButton().text().replace("&", "") == "Keep the window open"
            [button] = [b for b in box.buttons() if b.text().replace("&", "") == answers[len(seen) - 1]]
            button.click()
        if len(seen) < len(answers):
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


@contextmanager
def _lets_go(other):
    """The other program's write ends (and its connection closes) after the block."""
    try:
        yield
    finally:
        other.execute("COMMIT")
        other.close()


def _at_the_end_of_the_purpose(qtbot, window, ws):
    """A new review open at Identification, the cursor at the end of its purpose."""
    rid = ws.new_review("Holm Oak Primary School", "send-review", purpose="Look at provision")
    view = window.open_review(rid)
    view.show_stage(Stage.IDENTIFICATION)
    editor = view.screens[Stage.IDENTIFICATION].ui.purpose
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    return rid, view, editor


def _typed_while_another_program_writes(qtbot, window, ws, monkeypatch, typed: str):
    from wss_desktop.core import store as core_store
    from wss_desktop.gui import autosave

    monkeypatch.setattr(autosave, "CLOSING_WAIT_S", 0.3)        # the wait before asking, made short
    rid, view, editor = _at_the_end_of_the_purpose(qtbot, window, ws)
    other = core_store.connect(ws.paths.database)
    other.execute("BEGIN IMMEDIATE")                            # another program writes
    qtbot.keyClicks(editor, typed)
    return rid, view, editor, other


def test_closing_the_window_while_another_program_holds_the_database_keeps_what_was_typed(
        qtbot, window, ws, monkeypatch):
    """A save that cannot go in when the window closes (another program, such as a sync
    run from the command line, holding the database for longer than the save waits) was
    dropped: the window closed and the text was gone. Now the window asks, stays open if
    the user wants, and saves the text by itself once the database is free."""
    from wss_desktop.core.model import Review

    rid, view, editor, other = _typed_while_another_program_writes(qtbot, window, ws, monkeypatch,
                                                                   " for pupils with SEND")
    with _lets_go(other):
        seen: list[str] = []
        _answer(["Try again", "Keep the window open"], seen)
        assert window.close() is False                          # the window stays open
        assert len(seen) == 2 and "not saved yet" in seen[0] and "busy" in seen[0]
        assert window.isVisible() and window.review_view is view
        assert editor.toPlainText() == "Look at provision for pupils with SEND"
        assert ws.store.get(Review, rid).purpose == "Look at provision"
    # Saved by itself once the database is free; then the window closes without asking.
    qtbot.waitUntil(lambda: ws.store.get(Review, rid).purpose == "Look at provision for pupils with SEND",
                    timeout=5000)
    assert window.close() is True


def test_closing_without_saving_is_the_users_choice(qtbot, window, ws, monkeypatch):
    from wss_desktop.core.model import Review

    rid, view, editor, other = _typed_while_another_program_writes(qtbot, window, ws, monkeypatch,
                                                                   " and how pupils are heard")
    with _lets_go(other):
        seen: list[str] = []
        _answer(["Close without saving"], seen)
        assert window.close() is True
        assert len(seen) == 1 and "not saved yet" in seen[0]
    assert ws.store.get(Review, rid).purpose == "Look at provision"


def test_opening_another_review_waits_for_what_was_typed_to_be_saved(qtbot, window, ws, monkeypatch):
    from wss_desktop.core.model import Review

    rid, view, editor, other = _typed_while_another_program_writes(qtbot, window, ws, monkeypatch,
                                                                   " in Key Stage 2")
    with _lets_go(other):
        seen: list[str] = []
        _answer(["Keep the window open"], seen)
        window.show_list()
        assert len(seen) == 1 and window.review_view is view    # still on the review
        assert window.ui.pages.currentWidget() is window.ui.reviewPage
    qtbot.waitUntil(lambda: ws.store.get(Review, rid).purpose == "Look at provision in Key Stage 2",
                    timeout=5000)
    window.show_list()
    assert window.review_view is None


def test_a_long_save_problem_in_the_status_bar_never_widens_the_window(qtbot, window):
    """At 200% text the sentence saying what could not be saved (and why) is wider than
    the screen: the status bar asked for all of it on one line, so the window grew past
    the screen's edge and cut off the review page. It now wraps."""
    from PySide6.QtWidgets import QApplication

    from wss_desktop.gui.autosave import AutoSaver

    font = window.font()
    font.setPointSizeF(font.pointSizeF() * 2)          # 200% text
    window.setFont(font)
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.indicator.show_state("problem", AutoSaver().BUSY_PROBLEM)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() == 1024
    assert window.indicator.text().endswith("as soon as the database is free.")


def test_typing_in_an_observation_a_colleague_deletes_meanwhile_keeps_it_with_the_text(qtbot, window, ws,
                                                                                     tmp_path):
    """A colleague deletes the observation being typed in, and the delete arrives by sync
    before the typing is saved. The screen, shown again without the observation, dropped
    the words while the status said everything was saved. Now the observation is brought
    back with what was typed (on the colleague's computer too, at the next sync), and
    the status bar says so."""
    from wss_desktop.core.model import Evidence

    rid = ws.new_review("Holm Oak Primary School", "send-review")
    obs = ws.add_observation(rid, room="Kestrels", text="Pupils used word mats.")
    other = Workspace.open(tmp_path / "colleague")
    other.store.apply_changes(ws.store.changes())
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.open_observation(obs)
    notes = walk.ui.notes
    qtbot.waitUntil(lambda: notes.toPlainText() == "Pupils used word mats.", timeout=3000)
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, " Two pupils used a visual timetable.")
    other.delete_evidence(obs)
    ws.store.apply_changes(other.store.changes())               # the colleague's delete arrives
    typed = "Pupils used word mats. Two pupils used a visual timetable."
    qtbot.waitUntil(lambda: (e := ws.store.get(Evidence, obs)) is not None and e.text == typed, timeout=5000)
    assert walk.current == obs and notes.toPlainText() == typed
    assert "Deleted on another computer" in window.ui.statusbar.currentMessage()
    assert window.indicator.state == "saved"
    other.store.apply_changes(ws.store.changes())
    assert other.store.get(Evidence, obs).text == typed           # back for the colleague too
    other.close()
