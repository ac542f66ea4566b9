"""What a window says in answer to a button is said to a screen reader as well as shown
(widgets.tell): a problem at once, anything else when the reader is free.

Before, these answers only changed a label, which a screen reader does not read by
itself: a blind user pressing the button heard nothing. The unlock dialog (a wrong
passphrase, the suggested one), the branding editor, a failed anonymised copy, an
overview that could not be worked out, a removed item that could not come back, and the
first-run and settings problems. A problem that was said was said politely, after
whatever the reader was saying (the surveys, the factual accuracy round, the removed
panel). (The sync panel's dialogs and the versions to settle: tests/gui/test_sync_ui.py.)"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_privacy_ui import GOOD, no_keyring, reason_for  # noqa: F401 (a fixture)
from wss_desktop.core import atrest
from wss_desktop.core.errors import UserError
from wss_desktop.core.model import Stage
from wss_desktop.gui.unlock_dialog import UnlockDialog


def heard(told, *words: str) -> list[bool]:
    """How urgently each announcement holding all `words` was made (True: at once)."""
    return [urgent for text, urgent in told if all(w in text for w in words)]


def test_a_wrong_or_missing_passphrase_is_said_at_once(qtbot, tmp_path, no_keyring, told):
    folder = tmp_path / "data"
    atrest.database_key(folder, passphrase=GOOD)
    atrest.lock_all()
    dialog = UnlockDialog(folder, reason_for(folder))
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert heard(told, "Type the passphrase first.") == [True]
    qtbot.keyClicks(dialog.passphrase, "otter lantern quill meadows")
    dialog.buttons.accepted.emit()
    assert heard(told, "does not unlock") == [True]
    assert dialog.result() == 0


def test_a_weak_passphrase_is_said_at_once_and_the_suggested_one_is_said(qtbot, tmp_path, no_keyring, told):
    folder = tmp_path / "data"
    dialog = UnlockDialog(folder, reason_for(folder))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, "short")
    qtbot.keyClicks(dialog.confirm, "short")
    dialog.buttons.accepted.emit()
    assert heard(told, "at least 10 characters") == [True]
    qtbot.mouseClick(dialog.suggest, Qt.MouseButton.LeftButton)
    chosen = dialog.passphrase.text()
    assert heard(told, "Suggested", chosen) == [False]     # the words to write down, heard too


def test_the_branding_editor_says_a_deleted_profile_and_a_problem(qtbot, window, ws, told):
    from test_reporting import type_into
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    view = window.open_review(rid)
    view.show_stage(Stage.REPORTING)
    screen = view.screens[Stage.REPORTING]
    screen.ui.editBrandingButton.click()
    editor = screen.branding_editor
    b = editor.ui
    b.newButton.click()
    assert heard(told, "Give the profile a name") == [False]
    type_into(qtbot, b.accent, "#12")
    b.footer.setFocus()                         # leaving the field saves it, or says why not
    # Said once, at once, by the save indicator (the editor's own line is not said again).
    assert heard(told, "accent colour") == [True]
    type_into(qtbot, b.accent, "#7a1f5c")
    b.footer.setFocus()
    b.deleteButton.click()
    b.deleteButton.click()                      # a second press confirms
    assert heard(told, "is deleted") == [False]


def test_an_anonymised_copy_that_was_not_made_is_said_at_once(qtbot, window, ws, told, monkeypatch):
    from wss_desktop.gui import anonymise_panel
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    window.open_review(rid)
    panel = anonymise_panel.AnonymisePanel(ws, rid, window)
    qtbot.addWidget(panel)
    assert panel.load()

    def refused(ws, review_id):
        raise UserError("The review could not be copied; nothing was changed.")
    monkeypatch.setattr(anonymise_panel, "anonymise", refused)
    assert panel.make_copy() is None
    assert heard(told, "The copy was not made", "nothing was changed") == [True]


def test_an_overview_that_could_not_be_worked_out_is_said_at_once(qtbot, window, ws, told, monkeypatch):
    from wss_desktop.core import overview
    from wss_desktop.gui.overview_window import OverviewWindow
    ws.new_review("Elm Park Primary (fictional)", "send-review")

    def unreadable(ws, **kw):
        raise UserError("The reviews could not be read just now.")
    monkeypatch.setattr(overview.OverviewData, "load", staticmethod(unreadable))
    panel = OverviewWindow(ws, window)
    qtbot.addWidget(panel)
    panel.show_overview()
    qtbot.waitUntil(lambda: bool(heard(told, "could not be read just now")), timeout=10_000)
    assert heard(told, "could not be read just now", "Read again") == [True]


def test_a_removed_item_that_cannot_come_back_yet_is_said_at_once(qtbot, window, ws, told, picture):
    from pathlib import Path
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    walk = ws.add_observation(rid, room="Year 3 classroom")
    photo = ws.add_photo(walk, Path(picture(size=(200, 100))).read_bytes(), caption="Visual timetable")
    ws.delete_photo(photo)
    ws.delete_evidence(walk)
    window.open_review(rid)
    window.actionRemoved.trigger()
    panel = window.removed_panel
    panel.list.setCurrentRow(next(i for i, item in enumerate(panel.items) if item.table == "photos"))
    panel.bring_back()
    assert heard(told, "bring back the observation first") == [True]


def test_a_survey_problem_and_an_accuracy_problem_are_said_at_once(qtbot, window, ws, told, tmp_path):
    from test_voices import open_tab
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    bad = tmp_path / "returns.csv"
    bad.write_text("Name,Score\nAnn,3\n")
    assert not panel.preview_file(str(bad))
    assert heard(told, "Nothing was imported", "does not look like a survey export") == [True]
    view = window.open_review(rid)
    view.show_stage(Stage.REPORTING)
    accuracy = view.screens[Stage.REPORTING].accuracy
    # (Before, this CSV stopped the import with openpyxl's InvalidFileException.)
    assert accuracy.import_from(str(bad)) == []
    assert heard(told, "Nothing was imported", "cannot be read as an Excel workbook") == [True]


def test_a_branding_problem_in_settings_is_said_at_once(qtbot, window, ws, told):
    from wss_desktop.gui.settings_dialog import SettingsDialog
    dialog = SettingsDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_branding.click()
    assert heard(told, "Type an organisation name or choose a logo first.") == [True]
    assert not dialog.branding_problem.isHidden()
    dialog.close()
