"""Making an anonymised worked example of a review: a preview of every replacement
(before and after) and of what will not be copied, then the copy itself, which can
be saved as a JSON file and is listed with the other reviews.

A panel, not a modal dialog: the reviewer can look at the review while reading it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..core.anonymise import AnonymisePreview, anonymise, export_json, preview
from ..core.errors import UserError
from ..core.workspace import Workspace
from .widgets import FitsTheScreen, no_tab_trap, tell
from .style import scaled
from . import choosers


def ask_json_path(parent: QWidget, suggested: str) -> str:
    """Where to save the copy's JSON (a function, so tests can answer it)."""
    path = choosers.save_file(parent, parent.tr("Save the anonymised example"),
                              suggested, parent.tr("JSON files (*.json)"))
    return path


class AnonymisePanel(FitsTheScreen, QWidget):
    made = Signal(str)   # the new copy's review id

    def __init__(self, ws: Workspace, review_id: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ws = ws
        self.review_id = review_id
        self.copy_id: str | None = None
        self.plan: AnonymisePreview | None = None
        self.setWindowTitle(self.tr("Anonymised example – WSS Review Desktop"))
        self.setAccessibleName(self.tr("Anonymised example"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        scaled(self.title, 1.15, bold=True)
        layout.addWidget(self.title)
        intro = QLabel(self.tr(
            "The copy replaces the school, the trust, the reviewers and the people named in "
            "free text (School A, Reviewer 1, the SENCO) and removes pupils' initials. Read the "
            "replacements below before you share it. The original review is not changed."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.changes = no_tab_trap(QTableWidget(0, 3, self))
        self.changes.setAccessibleName(self.tr("Replacements, before and after"))
        self.changes.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Before"), self.tr("After")])
        self.changes.verticalHeader().hide()
        self.changes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.changes.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.changes.setWordWrap(True)
        header = self.changes.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.changes.setColumnWidth(0, 200)
        layout.addWidget(self.changes, 3)
        layout.addWidget(QLabel(self.tr("<b>Not copied</b>"), self))
        self.left_out = QListWidget(self)
        self.left_out.setAccessibleName(self.tr("What will not be copied"))
        self.left_out.setMaximumHeight(80)
        layout.addWidget(self.left_out)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription(self.tr("Message"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.make_button = QPushButton(self.tr("&Make the anonymised copy"), self)
        self.make_button.setProperty("big", True)
        self.make_button.clicked.connect(self.make_copy)
        self.save_button = QPushButton(self.tr("&Save the copy as JSON…"), self)
        self.save_button.clicked.connect(lambda: self.save_json())
        self.save_button.setEnabled(False)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        for b in (self.make_button, self.save_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Escape"), self, self.close)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        # Row heights follow the wrapped text only once the columns have their real widths.
        self.changes.resizeRowsToContents()

    def load(self) -> bool:
        try:
            self.plan = plan = preview(self.ws, self.review_id)
        except UserError as exc:
            self.title.setText(self.tr("This review cannot be anonymised yet"))
            tell(self.message, f"⚠ {exc}", problem=True)
            self.make_button.setEnabled(False)
            return False
        school = self.ws.review(self.review_id).school_name
        self.title.setText(self.tr("An anonymised example of the review of %1 (it becomes %2)")
                           .replace("%1", school).replace("%2", plan.school_label))
        self.changes.setRowCount(len(plan.changes))
        for r, change in enumerate(plan.changes):
            for c, text in enumerate((change.where, change.before, change.after)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.changes.setItem(r, c, item)
        self.changes.resizeRowsToContents()
        self.left_out.clear()
        for text in plan.left_out:
            self.left_out.addItem(f"✗ {text}")
        if not plan.left_out:
            self.left_out.addItem(self.tr("Everything else is copied."))
        self.message.setText(self.tr("1 replacement to check.") if len(plan.changes) == 1 else
                             self.tr("%1 replacements to check.").replace("%1", str(len(plan.changes))))
        self.make_button.setEnabled(True)
        return True

    def make_copy(self) -> str | None:
        try:
            self.copy_id = anonymise(self.ws, self.review_id)
        except UserError as exc:
            tell(self.message, self.tr("⚠ The copy was not made: %1").replace("%1", str(exc)), problem=True)
            return None
        self.make_button.setEnabled(False)
        self.save_button.setEnabled(True)
        label = self.plan.school_label if self.plan else self.tr("the copy")
        self.message.setText(self.tr("✓ Made the anonymised copy (%1). It is in the list of reviews "
                                     "like any other; save it as a JSON file to share it.")
                             .replace("%1", label))
        self.made.emit(self.copy_id)
        self.save_button.setFocus()
        self.save_json()
        return self.copy_id

    def save_json(self, path: str | None = None) -> Path | None:
        if not self.copy_id:
            return None
        if path is None:
            name = (self.plan.school_label if self.plan else "example").replace(" ", "-").lower()
            path = ask_json_path(self, str(Path.home() / f"anonymised-{name}.json"))
        if not path:
            return None
        try:
            saved = export_json(self.ws, self.copy_id, path)
        except UserError as exc:     # the core's sentence says it was not saved, and why
            self._say("⚠ " + str(exc), problem=True)
            return None
        self._say(self.tr("✓ Saved %1.").replace("%1", str(saved)))
        return saved

    def _say(self, text: str, *, problem: bool = False) -> None:
        """What saving did: shown where it can be seen, and said to a screen reader."""
        tell(self.message, text, problem=problem)
