"""Text the database would not take as the app had to end is kept and shown at the next
start (gui/kept_text_dialog.py); the real app, ended by SIGTERM and read by a screen
reader, is in test_screen_reader.py."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox

from wss_desktop.core import kept_text
from wss_desktop.core import store as core_store
from wss_desktop.core.model import Stage
from wss_desktop.gui import kept_text_dialog as ktd


@pytest.fixture
def walk_typed_while_busy(qtbot, window, ws):
    """An observation typed into while another program holds the database."""
    rid = ws.new_review("Holm Oak Primary School", "send-review")
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.next_room()
    other = core_store.connect(ws.paths.database)
    other.execute("BEGIN IMMEDIATE")                            # another program writes
    walk.ui.room.setText("Kestrels")
    walk.ui.notes.setPlainText("Pupils used word mats.")
    with core_store.waiting_briefly(0.05):
        walk.saver.flush()
    assert walk.saver.unsaved() == 2
    yield rid, walk, other
    other.close()


def free(other) -> None:
    """The other program ends its write (within the test: pytest-qt closes the window,
    which saves, before the fixtures are torn down)."""
    other.execute("COMMIT")


def test_unsaved_text_is_kept_sealed_with_its_place_and_not_saved_twice(qtbot, window, ws,
                                                                         walk_typed_while_busy):
    rid, walk, other = walk_typed_while_busy
    assert ktd.keep_unsaved(window, [walk.saver]) == 2
    assert walk.saver.unsaved() == 0                             # kept: no longer tried
    (path,) = (ws.paths.root / kept_text.FOLDER).iterdir()
    assert b"word mats" not in path.read_bytes()
    (kept,), unreadable = kept_text.kept(ws.paths.root, ws.store.key)
    assert unreadable == []
    assert sorted((t.field, t.text, t.review, t.review_id) for t in kept.texts) == [
        ("Room or class", "Kestrels", "Holm Oak Primary School", rid),
        ("What you saw", "Pupils used word mats.", "Holm Oak Primary School", rid)]
    free(other)
    walk.saver.flush()                                           # nothing left to save
    assert [(e.room, e.text or None) for e in ws.bundle(rid).evidence] == [(None, None)]


def test_when_the_text_cannot_be_kept_either_the_fields_go_on_trying(qtbot, window, ws, caplog,
                                                                       walk_typed_while_busy):
    _, walk, _ = walk_typed_while_busy
    (ws.paths.root / kept_text.FOLDER).write_text("not a folder")   # the disk will not take it
    with caplog.at_level("ERROR"):
        assert ktd.keep_unsaved(window, [walk.saver]) == 0
    assert walk.saver.unsaved() == 2
    assert "could not be kept either" in caplog.text
    _, _, other = walk_typed_while_busy
    free(other)
    walk.saver.flush()                                           # and saved once it is free
    assert walk.saver.unsaved() == 0


def test_the_dialog_shows_copies_and_removes_only_when_the_user_says_yes(qtbot, window, ws, monkeypatch):
    import datetime as dt
    when = dt.datetime(2026, 11, 27, 14, 3, tzinfo=dt.timezone.utc)
    kept_text.keep(ws.paths.root, ws.store.key, [
        kept_text.KeptText("What you saw", "Pupils used word mats.", "Holm Oak Primary School", "r1"),
        kept_text.KeptText("Accent colour", "#1d70b8")], now=when)
    dialog = ktd.show_kept_text(window)
    assert dialog is not None and dialog.isVisible()
    body = dialog.text.toPlainText()
    assert "What you saw, in the review of Holm Oak Primary School (could not be saved on 27 Nov 2026" in body
    assert "Pupils used word mats." in body and "Accent colour (could not be saved on" in body
    assert "2 pieces of text you typed" in " ".join(w.text() for w in dialog.findChildren(QLabel))
    dialog.copy.click()
    assert QApplication.clipboard().text() == body
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "exec", lambda self: next(answers))
    dialog.remove.click()                                        # "No": still kept
    assert len(list((ws.paths.root / kept_text.FOLDER).glob("*.wsk"))) == 1
    dialog.remove.click()                                        # "Yes": gone
    assert list((ws.paths.root / kept_text.FOLDER).glob("*.wsk")) == []
    assert ktd.show_kept_text(window) is None                    # nothing more to show


def test_a_field_is_named_by_its_label_when_it_has_no_name_of_its_own(qtbot):
    from PySide6.QtWidgets import QWidget, QVBoxLayout
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    label, field = QLabel("&Success criteria:"), QLineEdit()
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field)
    assert ktd.field_label(field) == "Success criteria"
    field.setAccessibleName("Success criteria for this action")
    assert ktd.field_label(field) == "Success criteria for this action"
    assert ktd.field_label(None) == "A field of a list that was being shown again"
