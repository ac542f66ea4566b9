"""Settings: the answers of the first-run set-up, changeable at any time. Everything
is saved as it is changed, like every other form in the app."""

from __future__ import annotations

from html import escape
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.errors import UserError
from ..core.workspace import Workspace
from .setup_forms import (BrandingForm, ProfileForm, SharingForm, buddy, hint, problem_label,
                          show_problem)
from .widgets import FitsTheScreen, open_file

FOLDER_SETTING = "sync.folder"   # core/sync/service.py FOLDER
LAST_SYNC_SETTING = "sync.last_sync"


class SettingsDialog(FitsTheScreen, QDialog):
    backup_requested = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *,
                 keys_factory: Callable[[], object] | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        layout.addWidget(self.tabs)

        you = QWidget()
        you_layout = QVBoxLayout(you)
        you_layout.addWidget(hint(self.tr("Kept on this computer only; never shared with the team.")))
        self.profile = ProfileForm(ws)
        you_layout.addWidget(self.profile)
        you_layout.addStretch(1)
        self.tabs.addTab(you, self.tr("&You"))

        reports = QWidget()
        reports_layout = QVBoxLayout(reports)
        chooser = QFormLayout()
        self.default_branding = QComboBox()
        self.default_branding.setAccessibleName(self.tr("Default look of reports"))
        chooser.addRow(self.tr("&Default look of reports:"), self.default_branding)
        reports_layout.addLayout(chooser)
        box = QGroupBox(self.tr("Add a look (branding profile)"))
        box_layout = QVBoxLayout(box)
        self.branding = BrandingForm()
        box_layout.addWidget(self.branding)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        self.add_branding = QPushButton(self.tr("&Add and make it the default"))
        self.add_branding.clicked.connect(self._add_branding)
        add_row.addWidget(self.add_branding)
        box_layout.addLayout(add_row)
        self.branding_problem = problem_label()
        box_layout.addWidget(self.branding_problem)
        reports_layout.addWidget(box)
        reports_layout.addWidget(hint(self.tr("Names, colours and logos of every look can be "
                                              "edited in a review's Reporting stage.")))
        reports_layout.addStretch(1)
        self.tabs.addTab(reports, self.tr("&Reports"))
        self._fill_branding()
        self.default_branding.currentIndexChanged.connect(self._default_chosen)

        sharing = QWidget()
        sharing_layout = QVBoxLayout(sharing)
        self.sharing_state = hint("")
        self.sharing_state.setAccessibleDescription(self.tr("Shared folder now"))
        sharing_layout.addWidget(self.sharing_state)
        self.sharing = SharingForm(ws, keys_factory=keys_factory, in_settings=True)
        self.sharing.none.setText(self.tr("&Leave it as it is"))
        sharing_layout.addWidget(self.sharing)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        self.apply_sharing = QPushButton(self.tr("Set &up or join now"))
        self.apply_sharing.clicked.connect(self._apply_sharing)
        apply_row.addWidget(self.apply_sharing)
        sharing_layout.addLayout(apply_row)
        sharing_layout.addStretch(1)
        self.sharing.changed.connect(
            lambda: self.apply_sharing.setEnabled(self.sharing.mode() != SharingForm.NONE))
        self.apply_sharing.setEnabled(False)
        self.tabs.addTab(sharing, self.tr("S&haring"))
        self._show_sharing()

        data = QWidget()
        data_form = QFormLayout(data)
        self.data_folder = QLineEdit(str(ws.paths.root))
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName(self.tr("Data folder"))
        open_button = QPushButton(self.tr("&Open the folder"))
        open_button.clicked.connect(lambda: open_file(ws.paths.root))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder)
        folder_row.addWidget(open_button)
        data_form.addRow(buddy(self.tr("Data &folder:"), self.data_folder), folder_row)
        data_form.addRow(hint(self.tr(
            "Your reviews, photos, logos and issued reports are all in this folder. To keep them "
            "safe, back up to another drive now and then: the backup is one encrypted file, locked "
            "with your team key when you share a folder, or else with a passphrase you choose. To move to a new computer, restore the "
            "backup there into a new, empty folder.")))
        backup_button = QPushButton(self.tr("&Back up now…"))
        backup_button.clicked.connect(self.backup_requested)
        backup_row = QHBoxLayout()
        backup_row.addWidget(backup_button)
        backup_row.addStretch(1)
        data_form.addRow(backup_row)
        self.tabs.addTab(data, self.tr("&Data"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 520)

    # --- reports ----------------------------------------------------------------------

    def _fill_branding(self) -> None:
        combo = self.default_branding
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("The app's plain look"), None)
        for p in self.ws.branding_profiles():
            combo.addItem(p.name, p.id)
            if p.is_default:
                combo.setCurrentIndex(combo.count() - 1)
        combo.blockSignals(False)

    def _default_chosen(self, _index: int) -> None:
        self.ws.set_default_branding(self.default_branding.currentData())

    def _add_branding(self) -> None:
        try:
            pid = self.branding.create(self.ws)
        except UserError as exc:
            show_problem(self.branding_problem, str(exc))
            return
        if pid is None:
            show_problem(self.branding_problem,
                         self.tr("Type an organisation name or choose a logo first."))
            return
        show_problem(self.branding_problem, "")
        self.branding.clear()
        self._fill_branding()

    # --- sharing ------------------------------------------------------------------------

    def _show_sharing(self) -> None:
        folder = self.ws.store.setting(FOLDER_SETTING)
        if folder:
            last = self.ws.store.setting(LAST_SYNC_SETTING) or self.tr("never")
            self.sharing_state.setText(self.tr("<p>This computer syncs with <tt>%1</tt> (last sync: "
                                               "%2).</p>").replace("%1", escape(folder))
                                       .replace("%2", escape(last)))
        else:
            self.sharing_state.setText(self.tr("<p>This computer does not share reviews through a "
                                               "folder yet.</p>"))

    def _apply_sharing(self) -> None:
        try:
            lines = self.sharing.apply()
        except UserError as exc:
            show_problem(self.sharing.problem, str(exc))
            return
        self.sharing.none.setChecked(True)
        show_problem(self.sharing.problem, "")
        self._show_sharing()
        if lines:
            self.sharing.explain.setText("\n".join(lines))


__all__ = ["SettingsDialog"]
