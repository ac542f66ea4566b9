"""The passphrase that unlocks the app at start, where no safe keyring keeps its key.

Shown before the main window when core/atrest.py says the data folder is locked: to
choose a passphrase on first run (typed twice, the one rule, a suggestion offered), or
to type it at every start. A wrong passphrase says so and lets the user try again;
nothing is ever sent anywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ..core import atrest
from ..core import passphrase as rule
from ..core.errors import UserError
from .widgets import FitsTheScreen, tell, WrappingLabel


class UnlockDialog(FitsTheScreen, QDialog):
    def __init__(self, root: Path, reason: atrest.UnlockNeeded, parent: QWidget | None = None):
        super().__init__(parent)
        self.root = Path(root)
        self.new = reason.new
        self.setWindowTitle(self.tr("Choose a passphrase") if self.new else self.tr("Unlock WSS Review Desktop"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        if self.new:
            text = self.tr(
                "Your reviews are kept encrypted on this computer. This computer has no safe "
                "keyring to remember the key, so choose a passphrase: you will type it each time "
                "the app starts. Use at least 10 characters, or four or more words. If it is "
                "lost, the reviews can only come back from a backup.")
        else:
            text = self.tr("Your reviews are encrypted on this computer. Type your passphrase "
                           "to open them.")
        # Labels that grow the dialog to their lines: a plain wrapped label kept the
        # dialog's first size, and a longer reason or a message was cut off at its foot.
        self.explain = WrappingLabel(self, text=text)
        layout.addWidget(self.explain)
        if reason.reason:
            self.why = WrappingLabel(self, text=reason.reason)
            self.why.setAccessibleDescription(self.tr("Why the passphrase is needed"))
            layout.addWidget(self.why)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        label = QLabel(self.tr("&Passphrase:"), self)
        label.setBuddy(self.passphrase)
        form.addRow(label, self.passphrase)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Passphrase again"))
        again = QLabel(self.tr("A&gain:"), self)
        again.setBuddy(self.confirm)
        form.addRow(again, self.confirm)
        layout.addLayout(form)
        self.suggest = QPushButton(self.tr("&Suggest a passphrase"), self)
        self.suggest.clicked.connect(self._suggest)
        layout.addWidget(self.suggest)
        self.suggestion = WrappingLabel(self)
        self.suggestion.setAccessibleDescription(self.tr("Suggested passphrase"))
        self.suggestion.setTextInteractionFlags(self.suggestion.textInteractionFlags())
        layout.addWidget(self.suggestion)
        for widget in (again, self.confirm, self.suggest, self.suggestion):
            widget.setVisible(self.new)
        self.problem = WrappingLabel(self)
        self.problem.setAccessibleDescription(self.tr("Problem"))
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Choose") if self.new else self.tr("&Unlock"))
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def _suggest(self) -> None:
        words = rule.suggest()
        # Said aloud too: a blind user needs the words to write them down.
        tell(self.suggestion, self.tr("Suggested: %1 (write it down somewhere safe; it has been "
                                      "typed into both boxes for you)").replace("%1", words))
        self.passphrase.setText(words)
        self.confirm.setText(words)

    def say(self, text: str) -> None:
        tell(self.problem, text, problem=True)

    def _try(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.say(self.tr("Type the passphrase first."))
            return
        if self.new:
            problem = rule.problem(text)
            if problem:
                self.say(problem)
                return
            if text != self.confirm.text():
                self.say(self.tr("The two passphrases are different; type them again."))
                return
        try:
            atrest.database_key(self.root, passphrase=text)
        except UserError as exc:
            self.passphrase.selectAll()
            self.say(str(exc))
            return
        self.accept()


def unlock(root: Path, reason: atrest.UnlockNeeded, parent: QWidget | None = None) -> bool:
    """Ask for the passphrase until the folder unlocks; False when the user gives up."""
    dialog = UnlockDialog(root, reason, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
