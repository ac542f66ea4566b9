"""Small widgets shared by several screens."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

# Set (tests and the screenshot script set it) to leave files unopened.
NO_OPEN_ENV = "WSS_NO_OPEN"

NOT_SET = QDate(2000, 1, 1)


def setup_date(edit: QDateEdit) -> None:
    """A date field that can also say "Not set" (its earliest date)."""
    edit.setMinimumDate(NOT_SET)
    edit.setSpecialValueText(edit.tr("Not set"))
    edit.setDisplayFormat("d MMM yyyy")
    edit.setCalendarPopup(True)


def set_date(edit: QDateEdit, iso: str | None) -> None:
    edit.blockSignals(True)
    edit.setDate(QDate.fromString(iso, Qt.DateFormat.ISODate) if iso else NOT_SET)
    edit.blockSignals(False)


def date_of(edit: QDateEdit) -> str | None:
    d = edit.date()
    return None if d == NOT_SET else d.toString(Qt.DateFormat.ISODate)


def nice_date(iso: str | None) -> str:
    if not iso:
        return ""
    d = QDate.fromString(iso, Qt.DateFormat.ISODate)
    return d.toString("d MMM yyyy") if d.isValid() else iso


class SavedIndicator(QLabel):
    """The status bar's "All changes saved" line; words and a symbol, not colour."""

    SYMBOLS = {"saved": "✓", "saving": "…", "problem": "⚠"}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Save status"))
        self.state = "saved"
        self.show_state("saved", self.tr("Everything is saved"))

    def show_state(self, state: str, text: str) -> None:
        self.state = state
        self.setText(f"{self.SYMBOLS.get(state, '')} {text}")
        self.setToolTip(text)


class ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.clicked.emit()
        super().mouseReleaseEvent(event)


def open_file(path: str | os.PathLike) -> bool:
    """Open a file in the program the system uses for it (a PDF viewer, say)."""
    if os.environ.get(NO_OPEN_ENV):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))
