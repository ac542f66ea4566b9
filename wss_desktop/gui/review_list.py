"""The list of reviews: search, filters, and the first-run welcome."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtWidgets import QHeaderView, QWidget

from ..core.changes import Changes
from ..core.model import ReviewType, Stage
from ..core.workspace import Workspace
from .forms.ui_review_list import Ui_ReviewList
from .style import scaled
from .widgets import nice_date, plural

Index = QModelIndex | QPersistentModelIndex


class ReviewsModel(QAbstractTableModel):
    COLUMNS = ("school", "framework", "type", "stage", "visit", "report", "next")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        # A row's cells are worked out the first time the row is painted or sorted, so
        # opening a list of thousands of reviews builds only what is on screen.
        self._cells: dict[int, list[tuple[str, Any, str | None]]] = {}
        self.framework_names: dict[str, str] = {}
        self.headers = [self.tr("School"), self.tr("Framework"), self.tr("Type"),
                        self.tr("Stage reached"), self.tr("Visit"), self.tr("Report due"),
                        self.tr("Next action due")]

    def load(self, rows: list[dict[str, Any]], framework_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.framework_names = framework_names
        self._cells = {}
        self.endResetModel()

    def cells(self, row: int) -> list[tuple[str, Any, str | None]]:
        """(shown, sort key, tooltip) for each column of one row, worked out once."""
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = [self._cell(self.rows[row], column) for column in self.COLUMNS]
        return cells

    def _cell(self, row: dict[str, Any], column: str) -> tuple[str, Any, str | None]:
        """(what is shown, what it sorts by, tooltip)."""
        raw = self._raw(row, column)
        if column == "stage":
            stage = Stage(raw)
            number = list(Stage).index(stage)
            return f"{number + 1} {stage.label}", number, None
        if column in ("visit", "report", "next"):
            return nice_date(raw), raw, None
        if column == "school":
            shown = f"{raw} ({row['trust_or_la']})" if row.get("trust_or_la") else raw
            return shown, raw.casefold(), row.get("trust_or_la") or raw
        return raw, raw.casefold(), None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _raw(self, row: dict[str, Any], column: str) -> str:
        if column == "school":
            return row["school_name"]
        if column == "framework":
            return self.framework_names.get(row["framework_id"], row["framework_id"])
        if column == "type":
            try:
                return ReviewType(row["review_type"]).label
            except ValueError:
                return row["review_type"] or ""
        if column == "stage":
            return row.get("stage_reached") or Stage.IDENTIFICATION.value
        return {"visit": row.get("date_visit"), "report": row.get("date_report_due"),
                "next": row.get("next_due")}[column] or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        shown, sort_key, tip = self.cells(index.row())[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown
        if role == Qt.ItemDataRole.UserRole:   # sorting
            return sort_key
        if role == Qt.ItemDataRole.UserRole + 1:
            return self.rows[index.row()]["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None


class ReviewFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = ""
        self.stage: str | None = None
        self.framework: str | None = None
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, text: str, stage: str | None, framework: str | None) -> None:
        self.beginFilterChange()
        self.text, self.stage, self.framework = text.casefold().strip(), stage, framework
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model: ReviewsModel = self.sourceModel()  # type: ignore[assignment]
        row = model.rows[source_row]
        if self.stage and (row.get("stage_reached") or Stage.IDENTIFICATION.value) != self.stage:
            return False
        if self.framework and row["framework_id"] != self.framework:
            return False
        if self.text:
            haystack = " ".join(str(row.get(k) or "") for k in
                                ("school_name", "trust_or_la", "phase")).casefold()
            haystack += " " + model.framework_names.get(row["framework_id"], "").casefold()
            return all(word in haystack for word in self.text.split())
        return True


class ReviewListPage(QWidget):
    open_review = Signal(str)
    new_review = Signal()
    open_demo = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.ui = Ui_ReviewList()
        self.ui.setupUi(self)
        scaled(self.ui.welcomeTitle, 1.8, bold=True)
        scaled(self.ui.welcomeText, 1.15)
        self.model = ReviewsModel(self)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        table = self.ui.table
        table.setModel(self.proxy)
        header = table.horizontalHeader()
        # The list arrives sorted (latest visit first); the proxy only sorts when a
        # column heading is clicked, so opening a long list costs no sorting.
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self.proxy.sort)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.activated.connect(self._activated)
        self.ui.stageFilter.addItem(self.tr("Any stage"), None)
        for stage in Stage:
            self.ui.stageFilter.addItem(f"{list(Stage).index(stage) + 1} {stage.label}", stage.value)
        self.ui.frameworkFilter.addItem(self.tr("Any framework"), None)
        self.ui.searchEdit.textChanged.connect(self._filter)
        self.ui.stageFilter.currentIndexChanged.connect(self._filter)
        self.ui.frameworkFilter.currentIndexChanged.connect(self._filter)
        self.ui.demoButton.clicked.connect(self.open_demo)
        self.ui.newButton.clicked.connect(self.new_review)

    def _fill_framework_filter(self, names: dict[str, str]) -> None:
        """Offer the frameworks the listed reviews use, keeping the current choice."""
        combo = self.ui.frameworkFilter
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for fid, name in sorted(names.items(), key=lambda item: item[1]):
            combo.addItem(name, fid)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        rows = sorted(self.ws.reviews(), key=lambda r: r.get("date_visit") or "", reverse=True)
        # Names come from each review's own framework copy, so the list never has to
        # read the framework files (that would slow down start-up).
        names = {r["framework_id"]: r["framework_name"] or r["framework_id"] for r in rows}
        self._fill_framework_filter(names)
        self.model.load(rows, names)
        self.ui.states.setCurrentWidget(self.ui.listPage if rows else self.ui.welcomePage)
        self._count()
        if rows:
            widths = (230, 150, 130, 100, 110, 120)
            for column, width in enumerate(widths, start=1):
                self.ui.table.setColumnWidth(column, width)
            if not self.ui.table.currentIndex().isValid():
                self.ui.table.selectRow(0)

    def apply(self, changes: Changes) -> None:
        """Keep the list true to the database while it is shown (a review's name, stage or
        date changed here or arrived by sync); a hidden list is refreshed when shown."""
        if self.isVisible() and (changes.from_elsewhere or changes.touches("reviews", "stages")):
            self.refresh()

    def focus_search(self) -> None:
        if self.ui.states.currentWidget() is self.ui.listPage:
            self.ui.searchEdit.setFocus()
            self.ui.searchEdit.selectAll()

    def focus_list(self) -> None:
        if self.ui.states.currentWidget() is self.ui.listPage:
            self.ui.table.setFocus()
        else:
            self.ui.newButton.setFocus()

    def _filter(self) -> None:
        self.proxy.set_filters(self.ui.searchEdit.text(), self.ui.stageFilter.currentData(),
                               self.ui.frameworkFilter.currentData())
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = plural(total, self.tr("%n review"), self.tr("%n reviews"))
        else:
            text = self.tr("Showing %1 of %2 reviews").replace("%1", str(shown)).replace("%2", str(total))
        self.ui.countLabel.setText(text + self.tr(" · Press Enter to open the selected review."))

    def _activated(self, index: QModelIndex) -> None:
        review_id = self.proxy.data(index, Qt.ItemDataRole.UserRole + 1)
        if review_id:
            self.open_review.emit(review_id)
