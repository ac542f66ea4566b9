"""The forms shared by the first-run set-up and Settings: you, your reports' branding,
and the team's shared folder. Each form reads from and writes to the workspace; the
two windows only arrange them."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QButtonGroup, QColorDialog, QComboBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from ..core import passphrase as passphrase_rule
from ..core import profile
from ..core.errors import UserError
from ..core.workspace import Workspace
from .widgets import tell
from . import choosers

LOGO_FILTER = "Logos (*.png *.jpg *.jpeg *.svg)"


def default_accent() -> str:
    # Imported when a form is built: wss_desktop.core.reports brings in reportlab, which
    # the app's start (which imports this module) must not pay for.
    from ..core.reports import DEFAULT_ACCENT
    return DEFAULT_ACCENT


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose underlined letter moves to `widget` (rows holding a layout
    get no buddy from QFormLayout, and would show the & itself)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleDescription("Problem")
    label.setStyleSheet("color: #ffffff; background: #b3261e; padding: 6px;")
    label.hide()
    return label


def show_problem(label: QLabel, text: str) -> None:
    tell(label, text, problem=True)


class ProfileForm(QWidget):
    """Name, role and organisation, saved as they are typed."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, save_as_typed: bool = True):
        super().__init__(parent)
        self.ws = ws
        current = profile.load(ws.store)
        form = QFormLayout(self)
        self.name = QLineEdit(current.name)
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("As it should appear on reports"))
        self.name.setMaxLength(profile.LIMIT)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Your role"))
        self.role.addItem(self.tr("Not chosen"), "")
        for value, label in profile.ROLES:
            self.role.addItem(self.tr(label), value)
        self.role.setCurrentIndex(max(0, self.role.findData(current.role)))
        self.organisation = QLineEdit(current.organisation)
        self.organisation.setAccessibleName(self.tr("Your organisation"))
        self.organisation.setPlaceholderText(self.tr("School, trust, local authority or company"))
        self.organisation.setMaxLength(profile.LIMIT)
        form.addRow(self.tr("Your &name:"), self.name)
        form.addRow(self.tr("Your &role:"), self.role)
        form.addRow(self.tr("&Organisation:"), self.organisation)
        if save_as_typed:
            self.name.textEdited.connect(self.save)
            self.organisation.textEdited.connect(self.save)
            self.role.currentIndexChanged.connect(self.save)

    def value(self) -> profile.Profile:
        return profile.Profile(self.name.text(), self.role.currentData() or "",
                               self.organisation.text())

    def save(self, *_: object) -> None:
        profile.save(self.ws.store, self.value())


class BrandingForm(QWidget):
    """A new branding profile: organisation, accent colour, logo and footer."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(self.tr("Organisation on reports"))
        self.organisation.setMaxLength(200)
        self.accent = QLineEdit(default_accent())
        self.accent.setAccessibleName(self.tr("Accent colour"))
        self.accent.setMaxLength(7)
        self.accent.setInputMask("\\#HHHHHH")
        self.swatch = QLabel()
        self.swatch.setFixedWidth(32)
        self.swatch.setAccessibleName(self.tr("Accent colour sample"))
        pick = QPushButton(self.tr("&Pick…"))
        pick.setAccessibleName(self.tr("Pick the accent colour"))
        pick.clicked.connect(self._pick_colour)
        accent_row = QHBoxLayout()
        accent_row.addWidget(self.accent)
        accent_row.addWidget(self.swatch)
        accent_row.addWidget(pick)
        self.logo = QLineEdit()
        self.logo.setAccessibleName(self.tr("Logo file"))
        self.logo.setPlaceholderText(self.tr("Optional: a PNG, JPEG or SVG file"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.setAccessibleName(self.tr("Choose a logo file"))
        choose.clicked.connect(self._pick_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        logo_row.addWidget(choose)
        self.footer = QLineEdit()
        self.footer.setAccessibleName(self.tr("Footer on every page"))
        self.footer.setPlaceholderText(self.tr("Optional, e.g. a charity number"))
        self.footer.setMaxLength(300)
        form.addRow(self.tr("Organisation &on reports:"), self.organisation)
        form.addRow(buddy(self.tr("&Accent colour:"), self.accent), accent_row)
        form.addRow(buddy(self.tr("&Logo:"), self.logo), logo_row)
        form.addRow(self.tr("&Footer:"), self.footer)
        self.accent.textChanged.connect(self._show_swatch)
        self._show_swatch(self.accent.text())

    def _show_swatch(self, text: str) -> None:
        colour = QColor(text)
        self.swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid palette(mid);"
                                  if colour.isValid() else "")

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.accent.text()), self, self.tr("Accent colour"))
        if colour.isValid():
            self.accent.setText(colour.name())

    def _pick_logo(self) -> None:
        path = choosers.open_file(self, self.tr("Choose a logo"), str(Path.home()),
                                  self.tr(LOGO_FILTER))
        if path:
            self.logo.setText(path)

    def wanted(self) -> bool:
        return bool(self.organisation.text().strip() or self.logo.text().strip()
                    or self.footer.text().strip())

    def create(self, ws: Workspace, *, make_default: bool = True) -> str | None:
        """Add the profile (UserError if a value is not accepted); None if left empty."""
        if not self.wanted():
            return None
        organisation = self.organisation.text().strip()
        accent = self.accent.text() if len(self.accent.text()) == 7 else default_accent()
        with ws.store.transaction():
            pid = ws.add_branding_profile(organisation or self.tr("My reports"),
                                          organisation=organisation, accent=accent,
                                          logo=self.logo.text().strip() or None,
                                          footer=self.footer.text().strip())
            if make_default:
                ws.set_default_branding(pid)
        return pid

    def clear(self) -> None:
        for edit in (self.organisation, self.logo, self.footer):
            edit.clear()
        self.accent.setText(default_accent())


class SharingForm(QWidget):
    """Not now, set up a new shared folder for the team, or join the team's folder."""

    NONE, CREATE, JOIN = 0, 1, 2
    changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *,
                 keys_factory: Callable[[], object] | None = None, in_settings: bool = False):
        super().__init__(parent)
        self.ws = ws
        self.keys_factory = keys_factory
        self.in_settings = in_settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choice = QButtonGroup(self)
        self.none = QRadioButton(self.tr("&Not now: keep my reviews on this computer only"))
        self.create = QRadioButton(self.tr("&Set up a new shared folder for my team"))
        self.join = QRadioButton(self.tr("&Join my team's shared folder"))
        for i, button in enumerate((self.none, self.create, self.join)):
            self.choice.addButton(button, i)
            layout.addWidget(button)
        self.none.setChecked(True)
        form = QFormLayout()
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Shared folder"))
        self.folder.setPlaceholderText(self.tr("e.g. a OneDrive, SharePoint or network folder"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose the shared folder"))
        browse.clicked.connect(self._pick_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Team passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Team passphrase again"))
        form.addRow(buddy(self.tr("Shared &folder:"), self.folder), row)
        form.addRow(self.tr("Team &passphrase:"), self.passphrase)
        self.confirm_label = QLabel(self.tr("Passphrase &again:"))
        self.confirm_label.setBuddy(self.confirm)
        form.addRow(self.confirm_label, self.confirm)
        layout.addLayout(form)
        self.explain = hint("")
        layout.addWidget(self.explain)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        self.folder_widgets = (self.folder, browse, self.passphrase, self.confirm)
        self.choice.idToggled.connect(lambda _id, on: on and self._mode_changed())
        self._mode_changed()

    def mode(self) -> int:
        return self.choice.checkedId()

    def _mode_changed(self) -> None:
        mode = self.mode()
        for w in self.folder_widgets:
            w.setEnabled(mode != self.NONE)
        self.confirm.setVisible(mode == self.CREATE)
        self.confirm_label.setVisible(mode == self.CREATE)
        self.explain.setText({
            self.NONE: (self.tr("To share reviews with colleagues, choose to set up a new shared "
                                "folder or to join your team's.") if self.in_settings else
                        self.tr("You can set up or join a shared folder later in Settings.")),
            self.CREATE: self.tr(
                "Choose an empty folder that your team can all reach, and a passphrase of at "
                "least 10 characters or four or more words (such as '%1'). Everything in the "
                "folder is encrypted with a team key that the passphrase unlocks. Tell colleagues "
                "the passphrase in person or by phone, never in the same email as the folder.")
            .replace("%1", passphrase_rule.suggest()),
            self.JOIN: self.tr(
                "Choose the folder a colleague set up, and type the team passphrase they gave "
                "you. You need it once on this computer."),
        }[mode])
        show_problem(self.problem, "")
        self.changed.emit()

    def _pick_folder(self) -> None:
        path = choosers.folder(self, self.tr("Choose the shared folder"),
                               self.folder.text() or str(Path.home()))
        if path:
            self.folder.setText(path)

    def apply(self) -> list[str] | None:
        """Set up or join the folder now; the report's lines, None when not chosen.
        Raises UserError with the sentence to show when it cannot be done."""
        mode = self.mode()
        if mode == self.NONE:
            return None
        from ..core.sync.folder import read_marker, reachable
        from ..core.sync.keys import TeamKeys
        from ..core.sync.service import sync_folder

        text = self.folder.text().strip()
        if not text:
            raise UserError(self.tr("Choose the shared folder first, or choose 'Not now'."))
        folder = Path(text).expanduser()
        if not reachable(folder):
            raise UserError(self.tr("The folder %1 cannot be found. Check that it exists and that "
                                    "the drive is connected.").replace("%1", str(folder)))
        passphrase = self.passphrase.text()
        marker = read_marker(folder)
        if mode == self.CREATE:
            if marker is not None:
                raise UserError(self.tr("That folder is already a team's shared folder. Choose "
                                        "'Join my team's shared folder' to join it."))
            if passphrase_rule.problem(passphrase):
                raise UserError(self.tr("Choose a team passphrase of at least 10 characters, or "
                                        "a phrase of four or more words (a short sentence is easy "
                                        "to remember and hard to guess)."))
            if passphrase != self.confirm.text():
                raise UserError(self.tr("The two passphrases are different; type them again."))
        else:
            if marker is None:
                raise UserError(self.tr("That folder is not a team's shared folder yet. Check it "
                                        "with the colleague who set it up, or choose 'Set up a "
                                        "new shared folder' if you are the first."))
            if not passphrase:
                raise UserError(self.tr("Type the team passphrase your colleague gave you."))
        keys = self.keys_factory() if self.keys_factory else TeamKeys()
        report = sync_folder(self.ws.store, self.ws.paths, folder, keys, passphrase=passphrase)
        if report.problem:
            raise UserError(report.problem)
        self.passphrase.clear()
        self.confirm.clear()
        return report.lines()
