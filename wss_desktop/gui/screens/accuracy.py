"""The factual-accuracy round, in the reporting stage: send the draft to the school,
bring its comments back, and resolve each before the report is checked and issued."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from ...core import accuracy
from ...core.errors import UserError
from ..context import ReviewContext
from .. import choosers
from ..widgets import tell


class AccuracyPanel(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Before the report is checked and issued, the school reads the draft for factual "
            "accuracy. Export the draft and a comments sheet, send both to the school, then "
            "import the sheet they return. Each comment must be resolved before the report "
            "can be marked checked."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("E&xport the draft for the school…"), self)
        self.export_button.clicked.connect(self._export_clicked)
        self.import_button = QPushButton(self.tr("Import the &school's comments…"), self)
        self.import_button.clicked.connect(self._import_clicked)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription(self.tr("Factual accuracy message"))
        layout.addWidget(self.message)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("The school's comments still to resolve"))
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        rrow = QHBoxLayout()
        name_label = QLabel(self.tr("Resolved by:"), self)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Who resolved the comment"))
        name_label.setBuddy(self.name)
        self.resolve_button = QPushButton(self.tr("Mark the comment resol&ved"), self)
        self.resolve_button.clicked.connect(self.resolve_selected)
        rrow.addWidget(name_label)
        rrow.addWidget(self.name)
        rrow.addWidget(self.resolve_button)
        layout.addLayout(rrow)

    def load(self) -> None:
        self.list.clear()
        comments = accuracy.open_comments(self.ctx.ws, self.ctx.review_id)
        for c in comments:
            where = self.tr("Statement %1: ").replace("%1", c.target_id) if c.target_id else ""
            item = QListWidgetItem(where + c.text)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        if not comments:
            self.list.addItem(self.tr("No comments from the school are waiting."))

    def leave(self) -> None:
        pass

    def _say(self, text: str, problem: bool = False) -> None:
        tell(self.message, ("⚠ " if problem else "") + text, problem=problem)

    def _export_clicked(self) -> None:
        folder = choosers.folder(self, self.tr("Where to save the draft and sheet"),
                                 str(Path.home()))
        if folder:
            self.export_to(folder)

    def export_to(self, folder: str) -> accuracy.Exported | None:
        try:
            out = accuracy.export_for_school(self.ctx.ws, self.ctx.review_id, Path(folder))
        except (UserError, OSError) as exc:
            self._say(str(exc), problem=True)
            return None
        self._say(self.tr("Saved %1 and %2. Send both to the school.")
                  .replace("%1", out.pdf.name).replace("%2", out.sheet.name))
        return out

    def _import_clicked(self) -> None:
        path = choosers.open_file(self, self.tr("The school's comments sheet"),
                                  str(Path.home()), self.tr("Spreadsheet (*.xlsx)"))
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> list[str]:
        try:
            added = accuracy.import_from_school(self.ctx.ws, self.ctx.review_id, Path(path))
        except UserError as exc:
            self._say(self.tr("Nothing was imported. %1").replace("%1", str(exc)), problem=True)
            return []
        self.ctx.edited.emit()
        self.load()
        self._say(self.tr("Imported %1 comments from the school; resolve each before the report "
                          "is checked.").replace("%1", str(len(added))))
        return added

    def resolve_selected(self) -> None:
        item = self.list.currentItem()
        comment_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not comment_id:
            self._say(self.tr("Choose a comment to resolve first."), problem=True)
            return
        try:
            self.ctx.ws.resolve_report_comment(comment_id, self.name.text())
        except UserError as exc:
            self._say(str(exc), problem=True)
            self.name.setFocus()
            return
        self.ctx.edited.emit()
        self.load()
        self._say(self.tr("Resolved."))


def add_accuracy_tab(ctx: ReviewContext, tabs: QTabWidget) -> AccuracyPanel:
    """Add the tab (its title has no mnemonic: every letter of it is taken on the
    reporting screen; Ctrl+Tab reaches it)."""
    panel = AccuracyPanel(ctx, tabs)
    tabs.addTab(panel, tabs.tr("Factual accuracy"))
    tabs.currentChanged.connect(lambda _i: panel.load() if tabs.currentWidget() is panel else None)
    return panel
