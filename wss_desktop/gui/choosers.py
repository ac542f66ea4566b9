"""The file chooser every part of the app opens: the system's where it has one (Windows,
macOS, a Linux desktop with a portal), otherwise Qt's own. Qt's own is never larger
than its screen: at 200% text on a 1024x600 screen it opened at 1272x824, its file name
box and its Open or Save button off the bottom edge."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from .widgets import FitsTheScreen


class FileChooser(FitsTheScreen, QFileDialog):
    """A QFileDialog that fits its screen as it is shown, as the app's dialogs do."""


def _ask(parent: QWidget | None, caption: str, directory: str, filters: str,
         mode: QFileDialog.FileMode, *, save: bool = False) -> list[str]:
    dialog = FileChooser(parent, caption, directory, filters)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    try:
        return dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> str:
    """One existing file chosen to open, or "" when the chooser was closed."""
    chosen = _ask(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFile)
    return chosen[0] if chosen else ""


def open_files(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> list[str]:
    """Existing files chosen to open (none when the chooser was closed)."""
    return _ask(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFiles)


def save_file(parent: QWidget | None, caption: str, suggested: str = "", filters: str = "") -> str:
    """Where to save a file (a name in the folder, `suggested` first), or ""; the
    chooser asks before a file already there is replaced."""
    chosen = _ask(parent, caption, suggested, filters, QFileDialog.FileMode.AnyFile, save=True)
    return chosen[0] if chosen else ""


def folder(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """An existing folder, or "" when the chooser was closed."""
    chosen = _ask(parent, caption, directory, "", QFileDialog.FileMode.Directory)
    return chosen[0] if chosen else ""


__all__ = ["FileChooser", "folder", "open_file", "open_files", "save_file"]
