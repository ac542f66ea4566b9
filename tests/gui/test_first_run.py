"""The first-run set-up, Settings, About, the user guide, and File ▸ Back up / Restore."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from wss_desktop.core import profile
from wss_desktop.core.sync.keys import TeamKeys
from wss_desktop.core.workspace import Workspace
from wss_desktop.gui.first_run import FirstRunWizard, maybe_show


@pytest.fixture
def wizard(qtbot, ws):
    w = FirstRunWizard(ws, keys_factory=lambda: TeamKeys(use_keyring=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def press_next(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_walking_the_first_run_sets_up_profile_branding_and_team_folder(qtbot, wizard, ws, tmp_path):
    assert profile.needs_set_up(ws.store)
    assert wizard.currentPage() is wizard.you_page
    qtbot.keyClicks(wizard.you.name, "Priya Shah")
    wizard.you.role.setCurrentIndex(wizard.you.role.findData("senco"))
    qtbot.keyClicks(wizard.you.organisation, "Northvale Academy Trust")
    press_next(qtbot, wizard)

    assert wizard.currentPage() is wizard.branding_page
    # The organisation typed on the first page is offered for the reports.
    assert wizard.branding.organisation.text() == "Northvale Academy Trust"
    wizard.branding.accent.setText("#7a1f5c")
    qtbot.keyClicks(wizard.branding.footer, "Registered charity 123456")
    press_next(qtbot, wizard)

    assert wizard.currentPage() is wizard.sharing_page
    shared = tmp_path / "shared"
    shared.mkdir()
    wizard.sharing.create.click()
    assert wizard.sharing.create.isChecked()
    qtbot.keyClicks(wizard.sharing.folder, str(shared))
    qtbot.keyClicks(wizard.sharing.passphrase, "our team walks together")
    qtbot.keyClicks(wizard.sharing.confirm, "our team walks together!")
    press_next(qtbot, wizard)
    # Different passphrases: the page stays and says why.
    assert wizard.currentPage() is wizard.sharing_page
    assert "different" in wizard.sharing.problem.text() and wizard.sharing.problem.isVisible()
    wizard.sharing.confirm.clear()
    qtbot.keyClicks(wizard.sharing.confirm, "our team walks together")
    press_next(qtbot, wizard)

    assert wizard.currentPage() is wizard.data_page
    text = wizard.data_text.text()
    assert str(ws.paths.root) in text and "Back up" in text
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    me = profile.load(ws.store)
    assert (me.name, me.role, me.organisation) == ("Priya Shah", "senco", "Northvale Academy Trust")
    [look] = ws.branding_profiles()
    assert look.is_default and look.organisation == "Northvale Academy Trust"
    assert look.accent == "#7a1f5c" and look.footer == "Registered charity 123456"
    assert ws.store.setting("sync.folder") == str(shared)
    assert (shared / "wss-review-desktop.json").is_file()
    assert not profile.needs_set_up(ws.store)


def test_every_step_can_be_skipped_and_it_is_not_shown_again(qtbot, wizard, ws):
    qtbot.keyClicks(wizard.you.name, "Not saved")
    skip = wizard.button(QWizard.WizardButton.CustomButton1)
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.branding_page
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.data_page
    assert not skip.isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert profile.load(ws.store).name == ""
    assert ws.branding_profiles() == [] and ws.store.setting("sync.folder") is None
    assert maybe_show(ws, None) is False


def test_skipping_the_whole_set_up_keeps_pages_already_done(qtbot, wizard, ws):
    qtbot.keyClicks(wizard.you.name, "Jo Lee")
    press_next(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert profile.load(ws.store).name == "Jo Lee"
    assert ws.store.setting(profile.SET_UP) == "skipped"


def test_joining_a_folder_that_is_not_a_team_folder_says_so(qtbot, wizard, ws, tmp_path):
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    wizard.sharing.join.click()
    empty = tmp_path / "empty"
    empty.mkdir()
    qtbot.keyClicks(wizard.sharing.folder, str(empty))
    qtbot.keyClicks(wizard.sharing.passphrase, "anything at all")
    press_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.sharing_page
    assert "not a team's shared folder" in wizard.sharing.problem.text()
    assert list(empty.iterdir()) == [] and ws.store.setting("sync.folder") is None


def test_a_new_computer_gets_the_set_up_over_the_window(qtbot, tmp_path, monkeypatch):
    from wss_desktop.gui import first_run
    from wss_desktop.gui.app import run
    shown = {}

    def fake_exec(self):
        shown["title"] = self.windowTitle()
        self.reject()
        return 0

    monkeypatch.setattr(first_run.FirstRunWizard, "exec", fake_exec)
    monkeypatch.setenv("WSS_CONFIG_DIR", str(tmp_path / "config"))
    # run() installs the app's own exception hook; pytest-qt's must come back afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def when_shown(window):
        qtbot.waitUntil(lambda: "title" in shown)
        window.close()

    # run() also adds the app's log file handler, once per process; later tests add their own.
    logger = logging.getLogger("wss_desktop")
    before = list(logger.handlers)
    try:
        assert run(str(tmp_path / "data"), ["test"], on_shown=when_shown) == 0
    finally:
        for handler in [h for h in logger.handlers if h not in before]:
            logger.removeHandler(handler)
            handler.close()
    assert shown["title"] == "Welcome to WSS Review Desktop"
    with Workspace.open(tmp_path / "data") as ws:
        assert not profile.needs_set_up(ws.store)


def test_settings_change_the_profile_and_default_branding_as_typed(qtbot, window, ws, tmp_path):
    from wss_desktop.gui.settings_dialog import SettingsDialog
    first = ws.add_branding_profile("First look", organisation="First")
    dialog = SettingsDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.profile.name, "Alex Morgan")
    dialog.profile.role.setCurrentIndex(dialog.profile.role.findData("la-lead"))
    assert profile.load(ws.store).name == "Alex Morgan"
    assert profile.load(ws.store).role == "la-lead"

    assert str(ws.paths.root) == dialog.data_folder.text()
    dialog.default_branding.setCurrentIndex(dialog.default_branding.findData(first))
    assert [p.is_default for p in ws.branding_profiles()] == [True]

    qtbot.keyClicks(dialog.branding.organisation, "Second Trust")
    qtbot.mouseClick(dialog.add_branding, Qt.MouseButton.LeftButton)
    looks = {p.name: p.is_default for p in ws.branding_profiles()}
    assert looks == {"First look": False, "Second Trust": True}
    assert dialog.default_branding.currentText() == "Second Trust"

    dialog.branding.accent.setText("#12")
    qtbot.mouseClick(dialog.add_branding, Qt.MouseButton.LeftButton)
    assert "organisation name or choose a logo" in dialog.branding_problem.text()
    dialog.close()


def test_about_shows_version_and_licences_and_the_guide_opens_offline(qtbot, window, ws):
    import wss_desktop
    from wss_desktop.gui.about import AboutDialog
    about = AboutDialog(ws)
    qtbot.addWidget(about)
    assert wss_desktop.__version__ in about.summary.text()
    text = about.licences.toPlainText()
    for name in ("PySide6", "LGPL-3.0", "ReportLab", "sqlite-utils", "Apache-2.0", "keyring",
                 "cryptography", "platformdirs", "svglib", "DejaVu", "Bitstream Vera"):
        assert name in text, name

    window.actionGuide.trigger()
    guide = window.guide
    qtbot.waitExposed(guide)
    body = guide.browser.toPlainText()
    for topic in ("six stages", "learning walk", "Reports", "Working with a team", "Backups"):
        assert topic in body, topic
    guide.browser.anchorClicked.emit(__import__("PySide6.QtCore").QtCore.QUrl("#backups"))
    assert guide.browser.verticalScrollBar().value() > 0
    guide.close()


def test_back_up_and_restore_from_the_file_menu(qtbot, window, ws, tmp_path, monkeypatch):
    from wss_desktop.core.demo import add_demo
    from wss_desktop.gui import backup_ui
    add_demo(ws)
    archive = tmp_path / "from-menu.wssbackup"
    messages = []
    monkeypatch.setenv("WSS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(backup_ui, "ask_save_path", lambda parent, suggested: str(archive))
    monkeypatch.setattr(backup_ui, "tell", lambda parent, text, problem=False: messages.append(text))
    # Backups are always encrypted: off a team, the app asks for a backup passphrase
    # under the one rule (a weak one is refused), twice; restoring asks for it again.
    from wss_desktop.core.sync import crypto
    monkeypatch.setattr(crypto, "STRONG", crypto.ScryptCost(12, 8, 1))
    good = "otter lantern quill meadow"
    answers = ["short", good, good]
    prompts = []
    monkeypatch.setattr(backup_ui, "ask_passphrase",
                        lambda parent, why: (prompts.append(why), answers.pop(0))[1])
    window.actionBackup.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert "Backed up 1 review" in messages[-1] and archive.is_file()
    assert "always encrypted" in prompts[0] and "at least 10 characters" in prompts[1]
    assert not archive.read_bytes().startswith(b"PK")
    answers[:] = ["wrong passphrase here", good]

    # A folder that holds something is refused before anything is read.
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    monkeypatch.setattr(backup_ui, "ask_open_path", lambda parent: str(archive))
    monkeypatch.setattr(backup_ui, "ask_folder", lambda parent: str(busy))
    window.actionRestore.trigger()
    assert "not empty" in messages[-1]
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]

    fresh = tmp_path / "fresh"
    monkeypatch.setattr(backup_ui, "ask_folder", lambda parent: str(fresh))
    switched = []
    monkeypatch.setattr(backup_ui.QCoreApplication, "exit", lambda code: switched.append(code))
    window.actionRestore.trigger()
    qtbot.waitUntil(lambda: bool(switched), timeout=20_000)
    assert window.switch_to == fresh
    assert "Restored 1 review" in messages[-1]
    assert "does not open this backup" in prompts[-1] and answers == []
    with Workspace.open(fresh) as again:
        assert [r["id"] for r in again.reviews()] == [r["id"] for r in ws.reviews()]


def test_menus_offer_settings_backups_and_the_guide(window):
    texts = [a.text() for a in window.ui.menuFile.actions()]
    assert "&Back up…" in texts and "&Restore…" in texts and "&Settings…" in texts
    assert window.actionGuide in window.ui.menuHelp.actions()
    assert window.actionSettings.shortcut().toString() == "Ctrl+,"
    assert QApplication.instance() is not None and QMessageBox is not None


def test_skipping_the_set_up_keeps_what_was_typed_on_the_page_shown(qtbot, wizard, ws):
    """Issue 13: "Skip set-up" is not "throw away": the name, role and organisation
    already typed on the page are kept."""
    qtbot.keyClicks(wizard.you.name, "Jo Lee")
    wizard.you.role.setCurrentIndex(1)
    qtbot.keyClicks(wizard.you.organisation, "Ashgrove Trust")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    kept = profile.load(ws.store)
    assert (kept.name, kept.organisation) == ("Jo Lee", "Ashgrove Trust")
    assert kept.role
    assert ws.store.setting(profile.SET_UP) == "skipped"


def test_the_app_adds_the_demo_as_it_opens_when_run_app_asks(tmp_path, monkeypatch):
    """scripts/run-app.sh sets WSS_ADD_DEMO=1: the demo review is there once the window
    opens (added after unlocking, which only the app can ask for without a keyring)."""
    from wss_desktop.core.demo import DEMO_ID
    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.app import run
    monkeypatch.setenv("WSS_ADD_DEMO", "1")
    data = tmp_path / "data"
    seen = {}

    def shown(window) -> None:
        seen["reviews"] = [r["id"] for r in window.ws.reviews()]
        window.close()

    assert run(str(data), ["wss-desktop"], on_shown=shown, first_run=False) == 0
    assert DEMO_ID in seen["reviews"]
    with Workspace.open(data) as ws:
        assert [r["id"] for r in ws.reviews()] == [DEMO_ID]


def test_restoring_into_a_folder_on_onedrive_asks_first(qtbot, window, tmp_path, monkeypatch):
    """A restored folder becomes the data folder: one on OneDrive (or a network drive)
    is named, with its risk, and "Choose another folder" (the default) restores nothing."""
    from wss_desktop.gui import backup_ui
    target = tmp_path / "OneDrive - Elm Row Trust" / "WSS restored"
    target.parent.mkdir()
    asked: list[str] = []
    answers = [False, True]
    messages: list[str] = []
    monkeypatch.setattr(backup_ui, "ask_open_path", lambda parent: str(tmp_path / "gone.wssbackup"))
    monkeypatch.setattr(backup_ui, "ask_folder", lambda parent: str(target))
    monkeypatch.setattr(backup_ui, "ask_restore_there",
                        lambda parent, problem: (asked.append(problem), answers.pop(0))[1])
    monkeypatch.setattr(backup_ui, "tell", lambda parent, text, problem=False: messages.append(text))
    window.actionRestore.trigger()
    assert len(asked) == 1 and "is on OneDrive" in asked[0] and str(target) in asked[0]
    assert asked[0].endswith("Choose a folder on this computer's own disk.")
    assert messages == [] and not target.exists()          # nothing was read or restored
    window.actionRestore.trigger()                         # "Restore there anyway": it goes on
    assert len(asked) == 2 and messages and "cannot be read" in messages[-1]
