"""File ▸ Back up… and File ▸ Restore…: the whole data folder to one file and back.

The key is found on the GUI thread (it may need the keyring or the team passphrase);
the copying runs on the thread pool with a busy indicator, so the window never
freezes. A restore goes into a new, empty folder, which the app then switches to."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QDialog, QInputDialog, QLabel, QLineEdit, QMessageBox, QProgressDialog,
                               QWidget)

from ..core import backup as core_backup
from ..core.paths import placement_risk, remember_data_dir, remembered_data_dir
from ..core.errors import UserError
from . import jobs
from . import choosers
from .widgets import FitsTheScreen

if TYPE_CHECKING:
    from .main_window import MainWindow

FILTER = "WSS Review Desktop backups (*.wssbackup);;All files (*)"


def tr(text: str) -> str:
    return QCoreApplication.translate("Backup", text)


# The questions asked, as functions so tests can answer them.

def ask_save_path(parent: QWidget, suggested: str) -> str:
    path = choosers.save_file(parent, tr("Back up all reviews to one file"),
                              suggested, tr(FILTER))
    return path


def ask_open_path(parent: QWidget) -> str:
    path = choosers.open_file(parent, tr("Choose the backup to restore"),
                              str(Path.home()), tr(FILTER))
    return path


def ask_folder(parent: QWidget) -> str:
    box = QMessageBox(QMessageBox.Icon.Information, tr("Restore a backup"), tr(
        "Next, choose a new, empty folder for the restored reviews (you can create one in the "
        "folder chooser). Nothing is overwritten: your current data folder stays exactly as it "
        "is, and the app then switches to the restored folder."),
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return ""
    return choosers.folder(parent, tr("Choose a new, empty folder"), str(Path.home()))


def ask_restore_there(parent: QWidget, problem: str) -> bool:
    """The folder chosen for a restore is somewhere shared (core/paths.placement_risk):
    restore there anyway? No (choose another) is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Restore a backup"), problem, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setInformativeText(tr("Restore there anyway?"))
    anyway = box.addButton(tr("&Restore there anyway"), QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton(tr("&Choose another folder"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.setEscapeButton(other)
    box.setAccessibleName(tr("Restore a backup"))
    box.exec()
    return box.clickedButton() is anyway


class _PassphraseDialog(FitsTheScreen, QInputDialog):
    """A passphrase typed in (hidden), its reason wrapped over as many lines as it needs:
    as one line, at 200% text, it ran far past the screen's edge with OK and Cancel."""


def ask_passphrase(parent: QWidget, why: str) -> str:
    dialog = _PassphraseDialog(parent)
    dialog.setWindowTitle(tr("Passphrase"))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setLabelText(why)
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
    try:
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else ""
    finally:
        dialog.deleteLater()


def ask_new_passphrase(parent: QWidget, why: str) -> str:
    """A new backup passphrase, typed twice; '' when the user cancels."""
    from ..core import passphrase as rule
    prompt = why + "\n\n" + tr("For example: %1").replace("%1", rule.suggest())
    while True:
        first = ask_passphrase(parent, prompt)
        if not first:
            return ""
        problem = rule.problem(first)
        if problem:
            prompt = problem
            continue
        if ask_passphrase(parent, tr("Type the passphrase again.")) == first:
            return first
        prompt = tr("The two passphrases are different; type it again.")


def tell(parent: QWidget, text: str, *, problem: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information,
                      tr("Backups"), text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(tr("Backup message"))
    box.exec()


def _with_passphrase(parent: QWidget, find: Callable[[str | None], object]) -> tuple[bool, object]:
    """Call `find(passphrase)`, asking for the team passphrase (or a new backup passphrase)
    when it says one is needed."""
    from ..core.sync.keys import PassphraseNeeded
    passphrase = None
    while True:
        try:
            return True, find(passphrase)
        except core_backup.BackupPassphraseNeeded as exc:
            passphrase = ask_new_passphrase(parent, str(exc))
            if not passphrase:
                return False, None
        except PassphraseNeeded as exc:
            passphrase = ask_passphrase(parent, str(exc))
            if not passphrase:
                return False, None
        except UserError as exc:
            if passphrase is None:
                tell(parent, str(exc), problem=True)
                return False, None
            passphrase = ask_passphrase(parent, str(exc))
            if not passphrase:
                return False, None


def _busy(parent: QWidget, text: str) -> QProgressDialog:
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(tr("Backups"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    return dialog


def back_up(window: "MainWindow") -> None:
    ws = window.ws
    suggested = str(Path.home() / core_backup.default_name())
    path = ask_save_path(window, suggested)
    if not path:
        return
    if not path.endswith(core_backup.SUFFIX) and not Path(path).suffix:
        path += core_backup.SUFFIX
    found, value = _with_passphrase(window, lambda pp: core_backup.team_key_for(ws, passphrase=pp))
    if not found:
        return
    key, wrapped = value
    busy = _busy(window, tr("Backing up…"))
    window.backup_job_running = True

    def done(result: core_backup.BackupResult) -> None:
        busy.close()
        window.backup_job_running = False
        window.ui.statusbar.showMessage(result.lines()[0], 15_000)
        tell(window, "\n".join(result.lines()))

    work, explained = jobs.noting_explained(lambda: core_backup.backup(ws.paths, path, key=key, wrapped=wrapped))

    def failed(text: str) -> None:
        busy.close()
        window.backup_job_running = False
        tell(window, text if explained else tr("The backup was not made: %1").replace("%1", text),
             problem=True)

    jobs.start(work, done, failed, window)


def restore(window: "MainWindow") -> None:
    archive = ask_open_path(window)
    if not archive:
        return
    folder = ask_folder(window)
    if not folder:
        return
    try:
        core_backup.check_target(Path(folder))
    except UserError as exc:
        tell(window, str(exc), problem=True)
        return
    risk = placement_risk(folder)
    if risk and not ask_restore_there(window, risk + " " + tr("Choose a folder on this computer's own disk.")):
        return
    found, key = _with_passphrase(window, lambda pp: core_backup.unlock_key(archive, passphrase=pp))
    if not found:
        return
    unlock_passphrase = None
    from ..core import secrets
    if not secrets.keyring_available():
        # The restored folder is encrypted with a key of its own; with no safe keyring to
        # keep it, the user chooses the passphrase that will unlock it at each start.
        unlock_passphrase = ask_new_passphrase(window, tr(
            "The restored reviews will be kept encrypted on this computer. %1 Choose the "
            "passphrase that will unlock them each time the app starts.")
            .replace("%1", secrets.status().message))
        if not unlock_passphrase:
            return
    busy = _busy(window, tr("Restoring…"))
    window.backup_job_running = True

    def done(result: core_backup.RestoreResult) -> None:
        busy.close()
        window.backup_job_running = False
        switch(window, result)

    work, explained = jobs.noting_explained(lambda: core_backup.restore(archive, folder, key=key,
                                                             unlock_passphrase=unlock_passphrase))

    def failed(text: str) -> None:
        busy.close()
        window.backup_job_running = False
        tell(window, text if explained else tr("Nothing was restored: %1").replace("%1", text),
             problem=True)

    jobs.start(work, done, failed, window)


def switch(window: "MainWindow", result: core_backup.RestoreResult) -> None:
    """Remember the restored folder (unless this run was given a folder of its own) and
    reopen the app on it."""
    remembered = not window.ws.paths.custom or remembered_data_dir() == window.ws.paths.root
    if remembered:
        remember_data_dir(result.data_dir)
    lines = result.lines()
    lines.append(tr("The app will now open the restored folder.") if remembered else tr(
        "The app will now open the restored folder for this session. (It was started on a "
        "folder of its own, so it will go back to that one next time.)"))
    tell(window, "\n".join(lines))
    window.switch_to = result.data_dir
    from .app import SWITCH_FOLDER
    QCoreApplication.exit(SWITCH_FOLDER)
