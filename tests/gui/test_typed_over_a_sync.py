"""Text being typed when a colleague's version of the same field arrives is kept
beside theirs: neither silently replaces the other (the autosave's "edited from")."""

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
