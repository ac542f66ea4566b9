"""Tools ▸ Removed from this review: what was taken out of a review, to bring back.

Removing an action, a follow-up visit, a survey or a reviewer takes one click, and a
colleague's delete can arrive by sync over an edit made offline. Nothing removed is
erased (core/removed.py), so this panel lists what was taken out of the open (or
selected) review, newest first, saying when and whether on another computer, and
brings back the one chosen, with everything that was noted in it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ..core.changes import Changes
from ..core.errors import UserError
from ..core.removed import KINDS, RemovedItem
from ..core.workspace import Workspace
from .widgets import capitalised, FitsTheScreen, local_time, tell

SHORTCUT = "Ctrl+Shift+R"


def when(item: RemovedItem) -> str:
    if item.removed_at is None:
        return ""
    return local_time(int(item.removed_at.timestamp() * 1000))


class RemovedPanel(FitsTheScreen, QDialog):
    """Not modal: the reviewer can look at the review while choosing."""

    brought_back = Signal(str)   # the review's id

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.review_id: str | None = None
        self.items: list[RemovedItem] = []
        self.setWindowTitle(self.tr("Removed from this review"))
        self.setAccessibleName(self.tr("Removed from this review"))
        self.setModal(False)
        self.resize(720, 420)
        outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Removed things, newest first"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(lambda _item: self.bring_back())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        outer.addWidget(self.list, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.back = QPushButton(self.tr("&Bring back"), self)
        self.back.setToolTip(self.tr("Put the chosen thing back in the review, with everything "
                                     "noted in it (Enter)"))
        self.back.clicked.connect(self.bring_back)
        buttons.addButton(self.back, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        outer.addWidget(buttons)

    def apply(self, changes: Changes) -> None:
        """Something was saved or arrived: what the list shows may have changed (a
        colleague's delete, something removed on the review's screens)."""
        if not (self.isVisible() and self.review_id is not None and changes.about(self.review_id)):
            return
        # Only a deleted flag changes what is listed (an edit here is of things not
        # removed); a sync's changes are known by review only.
        if changes.everything or any(name == "deleted" and table in KINDS
                                     for table, _, name in changes.fields):
            self.reload()

    def reload(self, review_id: str | None = None) -> None:
        chosen = self.list.currentItem()
        keep = tuple(chosen.data(Qt.ItemDataRole.UserRole)) if chosen and review_id in (None, self.review_id) else None
        if review_id is not None:
            self.review_id = review_id
        self.list.clear()
        self.items = []
        if self.review_id is None:
            return
        try:
            school = self.ws.review(self.review_id).school_name
            self.items = self.ws.removed(self.review_id)
        except UserError as exc:
            self.intro.setText(str(exc))
            self._enable()
            return
        title = self.tr("Removed from %1").replace("%1", school)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if self.items:
            self.intro.setText(self.tr(
                "Things taken out of the review for %1, newest first. Nothing removed is lost: "
                "choose one and bring it back, with everything that was noted in it.")
                .replace("%1", school))
        else:
            self.intro.setText(self.tr("Nothing has been taken out of the review for %1.").replace("%1", school))
        for item in self.items:
            self.list.addItem(self._row(item))
        if self.items:
            keys = [(i.table, i.rec_id) for i in self.items]
            self.list.setCurrentRow(keys.index(keep) if keep in keys else 0)
        self._enable()

    def _row(self, item: RemovedItem) -> QListWidgetItem:
        what = capitalised(self.tr(item.what))
        line = f"{what}: {item.label}" if item.label else what
        where = self.tr("on another computer") if item.elsewhere else self.tr("on this computer")
        time = when(item)
        detail = (self.tr("Removed %1, %2").replace("%1", time).replace("%2", where) if time
                  else self.tr("Removed %1").replace("%1", where))
        row = QListWidgetItem(f"{line}\n{detail}")
        row.setData(Qt.ItemDataRole.UserRole, (item.table, item.rec_id))
        row.setData(Qt.ItemDataRole.AccessibleTextRole, f"{line}. {detail}.")
        return row

    def _enable(self) -> None:
        self.back.setEnabled(self.list.currentItem() is not None)

    def _say(self, text: str, *, problem: bool = False) -> None:
        tell(self.message, text, problem=problem)

    def bring_back(self) -> None:
        row = self.list.currentRow()
        if not (0 <= row < len(self.items)) or self.review_id is None:
            return
        item = self.items[row]
        try:
            self.ws.bring_back(item.table, item.rec_id)
        except UserError as exc:
            self._say(str(exc), problem=True)
            return
        what = self.tr(item.what)
        self.reload()
        self.list.setCurrentRow(min(row, self.list.count() - 1))   # the next one down
        self._say(self.tr("The %1 is back in the review.").replace("%1", what)
                  + (f" ({item.label})" if item.label else ""))
        self.brought_back.emit(self.review_id)
        self.list.setFocus()
