"""Text that could not be saved before the system ended the app, kept and shown again
(core/kept_text.py): written as the app ends (`keep_unsaved`), shown at the next start
(`show_kept_text`) until the user removes it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ..core import kept_text
from ..core.errors import UserError
from ..core.store import SQL_ERRORS
from .autosave import AutoSaver
from .widgets import announce, fit_to_screen, FitsTheScreen, local_time, plural

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


def field_label(widget: QWidget | None) -> str:
    """The name a field goes by on screen: its accessible name, else its label's text."""
    if widget is None:
        return QApplication.translate("KeptText", "A field of a list that was being shown again")
    if widget.accessibleName():
        return widget.accessibleName()
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ")
    return widget.objectName() or QApplication.translate("KeptText", "A field")


def keep_unsaved(window: "MainWindow", savers: Iterable[AutoSaver], *,
                 framework: kept_text.Framework | None = None) -> int:
    """Keep, in a sealed file of the data folder, every text `savers` could not save (the
    app is about to end), and the framework editor's unsaved changes the database would
    not take (`framework`); those fields and the editor then stop trying, so nothing is
    saved twice. Returns how many were kept (0 when the file could not be written: they
    then go on trying until the app ends)."""
    view = window.review_view
    review_id = view.ctx.review_id if view is not None else ""
    try:
        school = view.ctx.bundle().review.school_name if view is not None else ""
    except (UserError, *SQL_ERRORS):       # (a database that cannot be read: the text matters more)
        school = review_id
    savers = [s for s in savers if s.unsaved()]
    texts = []
    for saver in savers:
        for widget, text in saver.unsaved_texts():
            in_review = view is not None and (widget is None or view.isAncestorOf(widget))
            texts.append(kept_text.KeptText(field_label(widget), text, school if in_review else "",
                                            review_id if in_review else ""))
    try:
        path = kept_text.keep(window.ws.paths.root, window.ws.store.key, texts, framework=framework)
    except OSError as exc:
        log.error("What could not be saved could not be kept either (%s).", exc.strerror or exc)
        return 0
    if path is None:
        return 0
    for saver in savers:
        saver.discard()
    if framework is not None and window.framework_editor is not None:
        window.framework_editor.stop_keeping()
    log.warning("%d text(s)%s the database would not take were kept in %s; they are shown at the next start.",
                len(texts), " and the framework editor's changes" if framework is not None else "", path.name)
    return len(texts) + (framework is not None)


class KeptTextDialog(FitsTheScreen, QDialog):
    """Shows the kept texts, each with where it was typed; copies them; removes them."""

    def __init__(self, files: list[kept_text.KeptFile], parent: QWidget | None = None):
        super().__init__(parent)
        self.files = files
        self.setWindowTitle(self.tr("Text kept for you"))
        self.setAccessibleName(self.tr("Text kept for you"))
        layout = QVBoxLayout(self)
        count = sum(len(f.texts) for f in files)
        what = plural(count, self.tr("a piece of text you typed"), self.tr("%n pieces of text you typed"))
        intro = QLabel(self.tr("When the app last had to close, %1 could not be saved, because another "
                               "program held the database or the disk was full. Nothing is lost: here "
                               "it is. Copy it back where it belongs, then remove it here.")
                       .replace("%1", what), self)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(self.tr("The kept text"))
        self.text.setPlainText(self.body())
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(self)
        self.copy = QPushButton(self.tr("&Copy all"), self)
        self.copy.setAccessibleName(self.tr("Copy all"))
        self.keep = QPushButton(self.tr("&Keep for later"), self)
        self.keep.setAccessibleName(self.tr("Keep for later"))
        self.remove = QPushButton(self.tr("&Remove"), self)
        self.remove.setAccessibleName(self.tr("Remove"))
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.keep, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep.setDefault(True)
        self.copy.clicked.connect(self.copy_all)
        self.keep.clicked.connect(self.reject)
        self.remove.clicked.connect(self.ask_remove)
        layout.addWidget(buttons)
        self.resize(640, 420)
        fit_to_screen(self, parent.screen() if parent is not None else None)
        self.text.setFocus()

    def body(self) -> str:
        parts = []
        for f in self.files:
            when = local_time(int(f.kept_at.timestamp() * 1000))
            for t in f.texts:
                where = (self.tr("%1, in the review of %2").replace("%1", t.field).replace("%2", t.review)
                         if t.review else t.field)
                parts.append(self.tr("%1 (could not be saved on %2):").replace("%1", where).replace("%2", when)
                             + "\n" + t.text)
        return "\n\n".join(parts)

    def copy_all(self) -> None:
        QApplication.clipboard().setText(self.text.toPlainText())
        announce(self, self.tr("The kept text was copied. Paste it where it belongs."))

    def ask_remove(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove the kept text"),
                          self.tr("Remove the kept text? Do this once you have copied it back where "
                                  "it belongs: it cannot be brought back."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(self.tr("Remove the kept text"))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            kept_text.remove(self.files)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Remove the kept text"),
                                self.tr("The kept text could not be removed (%1). It is still kept; "
                                        "try again later.").replace("%1", exc.strerror or str(exc)))
            return
        self.accept()


def show_kept_text(window: "MainWindow") -> KeptTextDialog | None:
    """At start, show what was kept when the app last had to end, if anything; and set
    aside the space kept text goes into when the disk is full (kept_text.RESERVE)."""
    root, key = window.ws.paths.root, window.ws.store.key
    kept_text.settle(root, key)
    if not kept_text.make_reserve(root):
        log.warning("No space could be set aside for text to keep if the disk fills up.")
    files, unreadable = kept_text.kept(root, key)
    try:        # the framework editor's unsaved changes: back where it finds them (not yet saved)
        names = kept_text.restore_frameworks(root, key, window.ws.keep_framework_draft, files)
    except (UserError, OSError, *SQL_ERRORS) as exc:
        log.warning("Unsaved framework changes kept when the app last ended could not be put back yet "
                    "(%s); they stay kept for the next start.", exc)
        names = []
    if names:
        window.notice(QApplication.translate(
            "KeptText", "Your unsaved changes to %1 are back in Tools ▸ Frameworks: open it to save them.")
            .replace("%1", names[-1]))
        files, unreadable = kept_text.kept(root, key)      # (their texts now in files of their own)
    for path in unreadable:
        log.warning("A file of kept text could not be opened (damaged, or from another data folder): %s",
                    path.name)
    files = [f for f in files if f.texts]      # (a framework still waiting to go back: not text)
    if not files:
        return None
    dialog = KeptTextDialog(files, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
