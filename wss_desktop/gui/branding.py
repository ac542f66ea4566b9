"""The branding profiles editor: organisation name, accent colour, logo and footer that
white-label a report. A panel in the reporting screen, saved as typed like every form."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QColorDialog, QFileDialog, QListWidgetItem, QWidget

from ..core.errors import UserError
from ..core.model import BrandingProfile
from ..core.reports import DEFAULT_ACCENT
from .context import ReviewContext
from .forms.ui_branding import Ui_BrandingEditor
from .choosers import FileChooser
from .widgets import tell

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_FILTER = "Logos (*.png *.jpg *.jpeg *.svg)"
CONFIRM_MS = 5000


class BrandingEditor(QWidget):
    """Profiles are shared by every review; `changed` fires when one is added, renamed,
    removed or made the default, so the report's branding chooser can follow."""

    changed = Signal()

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.ui = Ui_BrandingEditor()
        self.ui.setupUi(self)
        self.saver = ctx.saver(self)
        self.current: str | None = None
        self._delete_armed: str | None = None
        ui = self.ui
        for key, widget in (("name", ui.name), ("organisation", ui.organisation),
                            ("accent", ui.accent), ("footer", ui.footer)):
            self.saver.watch(widget, lambda text, key=key: self._save(key, text))
        ui.accent.textEdited.connect(self._show_swatch)
        ui.profiles.currentItemChanged.connect(self._chosen)
        ui.newButton.clicked.connect(self.new_profile)
        ui.deleteButton.clicked.connect(self._delete)
        ui.pickColourButton.clicked.connect(self._pick_colour)
        ui.chooseLogoButton.clicked.connect(self._pick_logo)
        ui.removeLogoButton.clicked.connect(lambda: self._instant(logo=None))
        ui.isDefault.toggled.connect(self._default_toggled)
        self.saver.failed.connect(self._not_saved)
        self.saver.cleared.connect(lambda: self.say(""))
        self._disarm = QTimer(self)
        self._disarm.setSingleShot(True)
        self._disarm.setInterval(CONFIRM_MS)
        self._disarm.timeout.connect(self._reset_delete)
        self._reset_delete()
        ui.outer.setStretch(0, 1)
        ui.outer.setStretch(1, 2)

    # --- reading -----------------------------------------------------------------------

    def profile(self) -> BrandingProfile | None:
        return next((p for p in self.ws.branding_profiles() if p.id == self.current), None)

    def load(self) -> None:
        self.saver.flush()
        profiles = sorted(self.ws.branding_profiles(), key=lambda p: p.name.lower())
        if self.current not in {p.id for p in profiles}:
            self.current = profiles[0].id if profiles else None
        lst = self.ui.profiles
        lst.blockSignals(True)
        lst.clear()
        for p in profiles:
            item = QListWidgetItem(self._item_text(p), lst)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            if p.id == self.current:
                lst.setCurrentItem(item)
        lst.blockSignals(False)
        self._show()

    def _item_text(self, p: BrandingProfile) -> str:
        return p.name + (self.tr("  (default)") if p.is_default else "")

    def _show(self) -> None:
        ui = self.ui
        p = self.profile()
        for w in (ui.detailsBox, ui.deleteButton):
            w.setEnabled(p is not None)
        if p is None:
            ui.detailsBox.setTitle(self.tr("No profile yet: press New profile to make one"))
        else:
            ui.detailsBox.setTitle(self.tr("The chosen profile"))
        ui.name.setText(p.name if p else "")
        ui.organisation.setText((p.organisation or "") if p else "")
        ui.accent.setText((p.accent or "") if p else "")
        ui.footer.setText(p.footer if p else "")
        ui.isDefault.blockSignals(True)
        ui.isDefault.setChecked(bool(p and p.is_default))
        ui.isDefault.blockSignals(False)
        self._show_swatch(ui.accent.text())
        self._show_logo(p)
        self.saver.reset()

    def _show_swatch(self, text: str) -> None:
        colour = text.strip() if HEX.match(text.strip()) else DEFAULT_ACCENT
        self.ui.swatch.setStyleSheet(f"background: {colour};")
        self.ui.swatch.setToolTip(colour)

    def _show_logo(self, p: BrandingProfile | None) -> None:
        label = self.ui.logo
        label.setPixmap(QPixmap())
        self.ui.removeLogoButton.setEnabled(bool(p and p.logo_file))
        if not p or not p.logo_file:
            label.setText(self.tr("No logo"))
            return
        path = Path(p.logo_file)
        picture = QPixmap()
        try:
            picture.loadFromData(self.ws.logo_bytes(p.logo_file))   # kept encrypted
        except (OSError, UserError):
            pass
        if picture.isNull():
            label.setText(self.tr("%1 (no preview)").replace("%1", path.suffix.upper().lstrip(".")))
        else:
            label.setPixmap(picture.scaled(label.minimumSize(), Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def say(self, text: str, *, problem: bool = False) -> None:
        tell(self.ui.message, ("⚠ " + text) if problem and text else text, problem=problem)

    def _not_saved(self, text: str) -> None:
        # Shown beside the fields; the status bar's save indicator says it aloud, once.
        self.ui.message.setText("⚠ " + text)
        self.ui.message.show()

    # --- editing ------------------------------------------------------------------------

    def _chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        self.saver.flush()
        self.current = item.data(Qt.ItemDataRole.UserRole)
        self._reset_delete()
        self.say("")
        self._show()

    def _save(self, key: str, text: str) -> None:
        if self.current is None:
            return
        value = text.strip()
        if key == "accent" and value and not value.startswith("#"):
            value = "#" + value
        self.ws.update_branding_profile(self.current, **{key: value if key != "footer" else text})
        if key == "name":
            item = self.ui.profiles.currentItem()
            p = self.profile()
            if item is not None and p is not None:
                item.setText(self._item_text(p))
            self.changed.emit()

    def _instant(self, **values: object) -> bool:
        if self.current is None:
            return False
        self.saver.flush()
        try:
            self.ws.update_branding_profile(self.current, **values)
        except UserError as exc:
            self.say(str(exc), problem=True)
            return False
        self.saver.saved.emit()
        self.say("")
        self._show()
        return True

    def new_profile(self) -> None:
        self.saver.flush()
        try:
            self.current = self.ws.add_branding_profile(self.tr("New profile"), accent=DEFAULT_ACCENT)
        except UserError as exc:
            self.say(str(exc), problem=True)
            return
        self.saver.saved.emit()
        self.load()
        self.changed.emit()
        self.ui.name.setFocus()
        self.ui.name.selectAll()
        self.say(self.tr("Give the profile a name, then fill in what your reports should show."))

    def _delete(self) -> None:
        p = self.profile()
        if p is None:
            return
        if self._delete_armed != p.id:
            # A second press confirms, so a slip of the mouse does not lose a profile.
            self._delete_armed = p.id
            self.ui.deleteButton.setText(self.tr("Press again to delete “%1”").replace("%1", p.name))
            self._disarm.start()
            return
        self._reset_delete()
        try:
            self.ws.delete_branding_profile(p.id)
        except UserError as exc:
            self.say(str(exc), problem=True)
            return
        self.saver.saved.emit()
        self.current = None
        self.load()
        self.changed.emit()
        self.say(self.tr("“%1” is deleted. Reports that used it now use the default profile.")
                 .replace("%1", p.name))

    def _reset_delete(self) -> None:
        self._delete_armed = None
        self.ui.deleteButton.setText(self.tr("Delete profil&e"))

    def _default_toggled(self, on: bool) -> None:
        if self.current is None:
            return
        try:
            self.ws.set_default_branding(self.current if on else None)
        except UserError as exc:
            self.say(str(exc), problem=True)
            return
        self.saver.saved.emit()
        self.load()
        self.changed.emit()

    def _pick_colour(self) -> None:
        start = QColor(self.ui.accent.text().strip() or DEFAULT_ACCENT)
        dialog = QColorDialog(start, self)
        dialog.setWindowTitle(self.tr("Accent colour"))
        dialog.colorSelected.connect(self.set_accent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def set_accent(self, colour: QColor | str) -> bool:
        name = colour.name() if isinstance(colour, QColor) else colour
        return self._instant(accent=name)

    def _pick_logo(self) -> None:
        dialog = FileChooser(self, self.tr("Choose a logo"), "", self.tr(LOGO_FILTER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.set_logo)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def set_logo(self, path: str) -> bool:
        if not path:
            return False
        return self._instant(logo=path)

    def leave(self) -> None:
        self.saver.flush()
