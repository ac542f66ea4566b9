"""The overview across reviews, for trust and local-authority SEND leads: filters, a
table of ratings per area per school, a chart, the biggest self-evaluation gaps,
common areas for development, overdue actions, the schools' feedback, and export.

Its own window (not modal), so a lead can keep it beside an open review. The
database is read off the GUI thread through a connection of its own; a change of
filter only adds up what was read, which is quick."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex,
                            QRectF, QSize, Qt, QTimer, Signal)
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPaintEvent, QPalette,
                           QResizeEvent, QShortcut, QShowEvent)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QPushButton, QSizePolicy, QSplitter, QStyle,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from ..core.model import Phase
from ..core import subject
from ..core.gcpause import gc_paused
from ..core.overview import (Overview, OverviewData, OverviewFilter, compute, export_csv,
                             export_xlsx)
from ..core.workspace import Workspace
from . import jobs
from .style import attention, scaled
from .widgets import FitsTheScreen, nice_date, no_tab_trap, tell
from . import choosers

ALL = None
PHASE_WORDS = {"all-through": "All-through", "alternative-provision": "Alternative provision",
               "post-16": "Post-16"}
# Column widths come from the heading and this many rows, not from every row: at a
# trust's scale (thousands of rows) measuring them all took seconds (issue 11).
WIDTH_SAMPLE = 200
READ_CACHE_KIB = 256   # the page cache of the connection that reads the overview's data


def ask_export_path(parent: QWidget, kind: str, suggested: str) -> str:
    """Where to save an export (a function, so tests can answer it)."""
    filters = {"csv": parent.tr("CSV files (*.csv)"), "xlsx": parent.tr("Excel workbooks (*.xlsx)")}
    path = choosers.save_file(parent, parent.tr("Save the overview"), suggested, filters[kind])
    return path


def gap_words(school: int | None, reviewer: int | None) -> str:
    """A cell of the ratings table: "school / reviewer", and the difference in words."""
    if school is None and reviewer is None:
        return "—"
    s = "—" if school is None else str(school)
    r = "—" if reviewer is None else str(reviewer)
    if school is None or reviewer is None or school == reviewer:
        return f"{s} / {r}" + (" =" if school is not None and school == reviewer else "")
    gap = school - reviewer
    return f"{s} / {r} {'▲' if gap > 0 else '▼'}{abs(gap)}"


class AreaChart(QWidget):
    """Bars per area: the typical school's own step beside the typical reviewer's step.

    Drawn with QPainter (the Essentials wheel has no QtCharts). The two bars differ in
    fill pattern as well as colour, and each is labelled with its number."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Chart: typical school and reviewer rating per area"))
        self.areas: list[tuple[str, str]] = []
        self.school: list[int | None] = []
        self.reviewer: list[int | None] = []
        self.levels: tuple[str, ...] = ()
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 240)

    def show_figures(self, areas: list[tuple[str, str]], school: list[int | None],
                     reviewer: list[int | None], levels: tuple[str, ...]) -> None:
        self.areas, self.school, self.reviewer, self.levels = areas, school, reviewer, levels
        described = "; ".join(f"{aid}: school {s or '-'}, reviewer {r or '-'}"
                              for (aid, _), s, r in zip(areas, school, reviewer))
        self.setAccessibleDescription(described)
        self.setToolTip("\n".join(f"{aid}. {title}" for aid, title in areas))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = p.fontMetrics()
        line = fm.height()
        if not self.areas or not self.levels:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("Nothing rated yet for these filters."))
            return
        top = line * 2 + 6
        left = max(fm.horizontalAdvance(lv) for lv in self.levels) + 12
        bottom = self.height() - line - 8
        right = self.width() - 8
        height = max(10, bottom - top)
        n = len(self.levels)
        # Legend: words and a pattern, not colour alone.
        school_brush = QColor(70, 120, 180)
        reviewer_brush = QColor(200, 120, 30)
        x = left
        for label, colour, hatch in ((self.tr("School's own rating"), school_brush, False),
                                     (self.tr("Reviewer's rating"), reviewer_brush, True)):
            self._bar(p, QRectF(x, 4, line, line - 2), colour, hatch)
            p.setPen(text)
            p.drawText(int(x + line + 4), 4 + fm.ascent(), label)
            x += line + 16 + fm.horizontalAdvance(label) + 12
        # Steps on the left, with faint guide lines.
        grid = QColor(text)
        grid.setAlpha(50)
        for i, label in enumerate(self.levels, 1):
            y = bottom - height * i / n
            p.setPen(grid)
            p.drawLine(int(left), int(y), int(right), int(y))
            p.setPen(text)
            p.drawText(QRectF(0, y - line / 2, left - 6, line),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        p.setPen(text)
        p.drawLine(int(left), int(bottom), int(right), int(bottom))
        slot = (right - left) / len(self.areas)
        bar = max(3.0, min(28.0, slot * 0.34))
        for i, ((aid, _title), s, r) in enumerate(zip(self.areas, self.school, self.reviewer)):
            cx = left + slot * i + slot / 2
            for value, colour, dx, hatch in ((s, school_brush, -bar - 1, False), (r, reviewer_brush, 1, True)):
                if value is None:
                    continue
                h = height * value / n
                self._bar(p, QRectF(cx + dx, bottom - h, bar, h), colour, hatch)
            p.setPen(text)
            p.drawText(QRectF(cx - slot / 2, bottom + 2, slot, line), Qt.AlignmentFlag.AlignHCenter, aid)

    def _bar(self, p: QPainter, rect: QRectF, colour: QColor, hatch: bool) -> None:
        """A solid bar (the school) or a hatched one (the reviewer), each edged in the
        palette's text colour so it stands out in any theme, high contrast included."""
        edge = self.palette().color(QPalette.ColorRole.WindowText)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if hatch:
            p.fillRect(rect, QColor(colour.red(), colour.green(), colour.blue(), 90))
            p.fillRect(rect, QBrush(edge, Qt.BrushStyle.BDiagPattern))
        else:
            p.fillRect(rect, colour)
        p.setPen(edge)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
        p.restore()


class RowsModel(QAbstractTableModel):
    """A read-only table of plain rows (lists of values) for the overview's views.

    Nothing is made per cell: the text, tooltip and emphasis of a cell are worked out
    when the view asks for it, which is only for the rows it shows (issue 11: at 5,000
    reviews the item-per-cell tables made ~55,000 objects). A row of the ratings table
    ends with the school's steps and the reviewer's steps (two lists, one per area
    column, not a pair per cell); `gap_words` turns a pair into text and a differing
    pair is shown bold on the soft attention colour."""

    def __init__(self, parent: QObject | None = None, open_hint: str = ""):
        super().__init__(parent)
        self.headings: list[str] = []
        self.header_tips: dict[int, str] = {}
        self.rows: list[list[Any]] = []
        self.review_ids: list[str | None] | None = None
        self.pairs_from = -1            # columns from here show (school, reviewer) steps
        self.open_hint = open_hint
        self.soft: QBrush | None = None
        self._bold: QFont | None = None

    def set_rows(self, headings: list[str], rows: list[list[Any]],
                 review_ids: list[str | None] | None = None, *, pairs_from: int = -1,
                 header_tips: dict[int, str] | None = None, soft: QBrush | None = None) -> None:
        self.beginResetModel()
        self.headings, self.rows, self.review_ids = headings, rows, review_ids
        self.pairs_from, self.header_tips, self.soft = pairs_from, header_tips or {}, soft
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headings)

    def cell(self, row: int, column: int) -> Any:
        """The value of a cell: for a ratings column, the (school, reviewer) steps."""
        values = self.rows[row]
        if 0 <= self.pairs_from <= column:
            i = column - self.pairs_from
            school, reviewer = values[self.pairs_from], values[self.pairs_from + 1]
            return (school[i], reviewer[i]) if i < len(reviewer) else None
        return values[column] if column < len(values) else None

    def text(self, row: int, column: int) -> str:
        value = self.cell(row, column)
        if 0 <= self.pairs_from <= column:
            return gap_words(*value) if value else "—"
        return "" if value is None else str(value)

    def differs(self, row: int, column: int) -> bool:
        """Whether a ratings cell shows a gap (▲ or ▼)."""
        if self.pairs_from < 0 or column < self.pairs_from:
            return False
        pair = self.cell(row, column)
        return bool(pair) and None not in pair and pair[0] != pair[1]

    def review_id(self, row: int) -> str | None:
        return self.review_ids[row] if self.review_ids is not None and 0 <= row < len(self.rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, c)
        if role == Qt.ItemDataRole.UserRole:
            return self.review_id(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.open_hint if self.review_id(r) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.soft if self.soft is not None and self.differs(r, c) else None
        if role == Qt.ItemDataRole.FontRole and self.differs(r, c):
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headings):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headings[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(section)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags


class OverviewTable(QTableView):
    """A table of the overview. Tables on tabs not shown are filled when their tab is
    first shown (issue 11); asked for its model from code (an export, a script, a test),
    a table not filled yet is filled first, so nothing reads rows of other filters."""

    def __init__(self, parent: QWidget, fill: Callable[["OverviewTable"], None]):
        super().__init__(parent)
        self._ensure_filled = fill

    def model(self) -> QAbstractItemModel:
        self._ensure_filled(self)
        return super().model()


class OverviewWindow(FitsTheScreen, QWidget):
    """The overview across every review in the database."""

    open_review = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ws = ws
        self.today = today
        self.data: OverviewData | None = None
        self.overview: Overview | None = None
        self._loading: Any = None
        self._unfitted: dict[QTableView, int | None] = {}   # tables whose columns wait to be measured
        self._stale: set[QTableView] = set()    # tables on tabs not shown since the filters changed
        self._exporting: Any = None
        self.setWindowTitle(self.tr("Overview across reviews – WSS Review Desktop"))
        self.setAccessibleName(self.tr("Overview across reviews"))
        self.resize(1200, 720)
        outer = QVBoxLayout(self)

        self.trust = self._combo(self.tr("Trust or local authority"))
        self.phase = self._combo(self.tr("Phase"))
        self.year = self._combo(self.tr("Year"))
        self.framework = self._combo(self.tr("Framework"))
        self.refresh_button = QPushButton(self.tr("&Read again"), self)
        self.refresh_button.setToolTip(self.tr("Read every review again (after a sync, say) (F5)"))
        self.refresh_button.clicked.connect(self.reload)
        # The filters, each a label and its choice, then Read again: in one row where
        # they fit, else over as many rows as they need (_arrange_filters).
        self._filter_parts: list[tuple[QWidget, ...]] = [
            (QLabel(label, self, buddy=combo), combo)
            for label, combo in ((self.tr("&Trust or LA:"), self.trust), (self.tr("&Phase:"), self.phase),
                                 (self.tr("&Year:"), self.year), (self.tr("Frame&work:"), self.framework))]
        self._filter_parts.append((self.refresh_button,))
        self._filter_box = QVBoxLayout()
        self._filter_rows: list[int] = []
        self._arrange_filters(1 << 20)
        outer.addLayout(self._filter_box)
        for combo in (self.trust, self.phase, self.year):
            combo.activated.connect(self.recompute)
        self.framework.activated.connect(self._show_framework)

        status = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleDescription(self.tr("What the overview counts"))
        scaled(self.summary, 1.05, bold=True)
        status.addWidget(self.summary, 1)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(self.tr("Working it out"))
        self.busy.hide()
        status.addWidget(self.busy)
        self.csv_button = QPushButton(self.tr("Export to &CSV…"), self)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = QPushButton(self.tr("Export to E&xcel (XLSX)…"), self)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        status.addWidget(self.csv_button)
        status.addWidget(self.xlsx_button)
        outer.addLayout(status)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Overview"))
        split = QSplitter(Qt.Orientation.Vertical, self.tabs)
        self.ratings = self._table(split, self.tr("Ratings per area per school"))
        self.chart = AreaChart(split)
        split.setSizes([420, 240])
        self.ratings_key = QLabel(self.tr("Each cell is <b>school / reviewer</b> as steps of the scale "
                                          "(1 is the lowest). ▲2 means the school rated itself two steps "
                                          "higher than the reviewer; ▼ lower; = the same. The chart shows "
                                          "the typical (median) school across the schools shown."), self)
        self.ratings_key.setWordWrap(True)
        page = QWidget(self.tabs)
        pv = QVBoxLayout(page)
        pv.addWidget(self.ratings_key)
        pv.addWidget(split, 1)
        self.tabs.addTab(page, self.tr("&Ratings by school"))
        self.gaps = self._table(self.tabs, self.tr("Biggest self-evaluation gaps"))
        self.tabs.addTab(self.gaps, self.tr("Biggest &gaps"))
        self.development = self._table(self.tabs, self.tr("Common areas for development"))
        self.tabs.addTab(self.development, self.tr("Areas for &development"))
        self.overdue = self._table(self.tabs, self.tr("Overdue actions"))
        self.tabs.addTab(self.overdue, self.tr("&Overdue actions"))
        fb = QWidget(self.tabs)
        fv = QVBoxLayout(fb)
        self.feedback_scores = self._table(fb, self.tr("The schools' feedback scores"))
        self.feedback_comments = self._table(fb, self.tr("The schools' comments"))
        fv.addWidget(self.feedback_scores, 1)
        fv.addWidget(self.feedback_comments, 2)
        self.tabs.addTab(fb, self.tr("School &feedback"))
        outer.addWidget(self.tabs, 1)
        # What fills each table of the other tabs, when its tab is first shown.
        self._fillers: dict[QTableView, Callable[[Overview], None]] = {
            self.gaps: self._show_gaps, self.development: self._show_development,
            self.overdue: self._show_overdue, self.feedback_scores: self._show_feedback,
            self.feedback_comments: self._show_feedback}
        self.tabs.currentChanged.connect(self._tab_shown)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription(self.tr("Message"))
        outer.addWidget(self.message)
        QShortcut(QKeySequence("F5"), self, self.reload)
        QShortcut(QKeySequence("Escape"), self, self.close)

    # --- building blocks --------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _table(self, parent: QWidget, name: str) -> QTableView:
        t = OverviewTable(parent, self._ensure_filled)
        no_tab_trap(t)
        t.setModel(RowsModel(t, self.tr("Press Enter or double-click to open this review")))
        t.setAccessibleName(name)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setAlternatingRowColors(True)
        t.verticalHeader().hide()
        t.setWordWrap(False)
        # Widths from the heading and the first rows only (see _fit_columns).
        t.horizontalHeader().setResizeContentsPrecision(WIDTH_SAMPLE)
        t.activated.connect(self._activated)
        return t

    @staticmethod
    def model_of(t: QTableView) -> RowsModel:
        model = QTableView.model(t)   # as it is: not filled first
        assert isinstance(model, RowsModel)
        return model

    def _fill(self, t: QTableView, headings: list[str], rows: list[list[Any]],
              review_ids: list[str | None] | None = None, stretch: int | None = None,
              fit_now: bool = False, **shown: Any) -> None:
        self._stale.discard(t)
        self.model_of(t).set_rows(headings, rows, review_ids, **shown)
        header = t.horizontalHeader()
        for c in range(len(headings)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        # Measuring the columns words a sample of the rows, so a table on a tab not shown
        # is measured when its tab is first shown (issue 11: the window opens sooner).
        self._unfitted[t] = stretch
        if fit_now or t.isVisible():
            self._fit(t)

    def _fit(self, t: QTableView) -> None:
        if t not in self._unfitted:
            return
        stretch = self._unfitted.pop(t)
        self._fit_columns(t)
        for c in range(self.model_of(t).columnCount()):
            t.setColumnWidth(c, min(t.columnWidth(c), 360))
        if stretch is not None:
            t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        screen = self.screen()
        if screen is not None:        # (before it is fitted to the screen)
            self._arrange_filters(min(self.width(), screen.availableGeometry().width()))
        super().showEvent(event)
        QTimer.singleShot(0, self._tab_shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange_filters(event.size().width())

    def _arrange_filters(self, width: int) -> None:
        """The filters in as few rows as fit `width` (the window's): at 200% text on a
        small screen one row was wider than the screen, and the window scrolled sideways."""
        outer = self.layout()
        margins = outer.contentsMargins() if outer is not None else None
        room = width - (margins.left() + margins.right() if margins is not None else 0)
        # (less the width of a scroll bar, which a window too high for its screen shows)
        room -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        gap = max(6, self.style().layoutSpacing(QSizePolicy.ControlType.PushButton,
                                               QSizePolicy.ControlType.PushButton, Qt.Orientation.Horizontal))
        rows: list[int] = [0]          # how many parts each row holds
        used = 0
        for part in self._filter_parts:
            need = sum(w.sizeHint().width() + gap for w in part) + gap
            if rows[-1] and used + need > room:
                rows.append(0)
                used = 0
            rows[-1] += 1
            used += need
        if rows == self._filter_rows:
            return
        self._filter_rows = rows
        while self._filter_box.count():
            row = self._filter_box.takeAt(0)
            if row is not None and row.layout() is not None:
                inner = row.layout()
                while inner.count():
                    inner.takeAt(0)
                inner.deleteLater()
        parts = iter(self._filter_parts)
        for count in rows:
            line = QHBoxLayout()
            for _ in range(count):
                part = next(parts)
                for w in part:
                    line.addWidget(w, 1 if w is self.trust else 0)
                if part[-1] is self.refresh_button:
                    line.insertStretch(line.count() - 1)
            if line.indexOf(self.refresh_button) < 0:
                line.addStretch()
            self._filter_box.addLayout(line)

    def _tab_shown(self, *_: Any) -> None:
        for t in [t for t in self._stale if t.isVisible()]:
            self._ensure_filled(t)
        for t in list(self._unfitted):
            if t.isVisible():
                self._fit(t)

    def _ensure_filled(self, t: QTableView) -> None:
        """Fill a table whose rows are not those of the filters chosen now."""
        if t in self._stale and self.overview is not None:
            self._fillers[t](self.overview)

    @classmethod
    def _fit_columns(cls, t: QTableView) -> None:
        """Size each column to its heading and its first rows (WIDTH_SAMPLE), as
        resizeColumnsToContents would with that precision, but measuring the words
        directly rather than asking the item delegate for every cell (issue 11). The
        delegate is asked for one cell per column, for its margins in this style."""
        model = cls.model_of(t)
        header = t.horizontalHeader()
        plain = t.fontMetrics()
        font = QFont(t.font())
        font.setBold(True)
        bold = QFontMetrics(font)
        grid = 1 if t.showGrid() else 0

        def advance(r: int, c: int) -> int:
            metrics = bold if model.differs(r, c) else plain
            return max(metrics.horizontalAdvance(line) for line in model.text(r, c).split("\n"))

        rows = range(min(model.rowCount(), WIDTH_SAMPLE))
        for c in range(model.columnCount()):
            width = header.sectionSizeHint(c)
            if rows:
                margins = t.sizeHintForIndex(model.index(0, c)).width() - advance(0, c)
                width = max(width, max(advance(r, c) for r in rows) + margins + grid)
            header.resizeSection(c, width)

    def _activated(self, index: QModelIndex) -> None:
        rid = index.data(Qt.ItemDataRole.UserRole)
        if rid:
            self.open_review.emit(rid)

    # --- reading -----------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._loading is not None or self._exporting is not None

    def reload(self) -> None:
        """Read every review again, off the GUI thread."""
        if self._loading is not None:
            return
        root = self.ws.paths.root
        self.busy.show()
        self.summary.setText(self.tr("Working it out…"))
        self.message.clear()
        for w in (self.csv_button, self.xlsx_button, self.refresh_button):
            w.setEnabled(False)

        def work() -> OverviewData:
            # A connection of its own: SQLite connections stay on the thread that made them.
            with Workspace.open(root) as ws:
                # Each page is read once here, so a small page cache does (issue 11:
                # the usual 8 MiB filled with pages never read again).
                ws.store.conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
                return OverviewData.load(ws, action_ids=False)

        self._loading = jobs.start(work, self._loaded, self._load_failed, self)

    def _loaded(self, data: OverviewData) -> None:
        self._loading = None
        self.busy.hide()
        self.refresh_button.setEnabled(True)
        self.data = data
        choices = data.choices()
        self._refill(self.trust, self.tr("All trusts and local authorities"), [(t, t) for t in choices.trusts])
        phases = {p.value: PHASE_WORDS.get(p.value, p.value.replace("-", " ").capitalize()) for p in Phase}
        self._refill(self.phase, self.tr("All phases"), [(phases.get(p, p), p) for p in choices.phases])
        self._refill(self.year, self.tr("All years"), [(str(y), y) for y in choices.years])
        self._arrange_filters(self.width())     # (the choices' names are as wide as they now need)
        self.recompute()

    def _load_failed(self, message: str) -> None:
        self._loading = None
        self.busy.hide()
        self.refresh_button.setEnabled(True)
        self.summary.setText(self.tr("The overview could not be worked out."))
        tell(self.message, self.tr("⚠ %1 Press Read again to try once more.").replace("%1", message), problem=True)

    @staticmethod
    def _refill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def filters(self) -> OverviewFilter:
        return OverviewFilter(trust=self.trust.currentData(), phase=self.phase.currentData(),
                              year=self.year.currentData())

    def recompute(self, *_: Any) -> None:
        if self.data is None:
            return
        with gc_paused():   # tens of thousands of small objects at once
            self._recompute()

    def _recompute(self) -> None:
        assert self.data is not None
        ov = self.overview = compute(self.data, self.filters(), self.today)
        keep = self.framework.currentData()
        self.framework.blockSignals(True)
        self.framework.clear()
        for f in ov.frameworks:
            self.framework.addItem(f.name, f.framework_id)
        self.framework.setCurrentIndex(max(0, self.framework.findData(keep)))
        self.framework.blockSignals(False)
        self.framework.setEnabled(bool(ov.frameworks))
        for w in (self.csv_button, self.xlsx_button):
            w.setEnabled(True)
        schools = self.tr("%1 reviews of %2 schools").replace("%1", str(ov.reviews)).replace("%2", str(ov.schools))
        if ov.reviews == 1:
            schools = self.tr("1 review of 1 school")
        self.summary.setText(self.tr("%1 (%2).").replace("%1", schools)
                             .replace("%2", self.tr("all reviews") if ov.filters.describe() == "all reviews"
                                      else ov.filters.describe()))
        if ov.unrated_frameworks:
            self.message.setText(self.tr("Not rated on a scale, so not in the tables: %1.")
                                 .replace("%1", ", ".join(ov.unrated_frameworks)))
        elif not ov.reviews:
            self.message.setText(self.tr("No reviews match these filters. Choose “All” in a filter "
                                         "to see more."))
        else:
            self.message.clear()
        self._show_framework()
        # The other tabs' tables: filled now if shown, else when their tab is first shown.
        self._stale = set(self._fillers)
        for t in self._stale:   # their columns, too, wait to be measured
            self._unfitted.setdefault(t, None)
        self.tabs.setTabText(3, self.tr("&Overdue actions (%1)").replace("%1", str(ov.overdue_count)))
        self._tab_shown()

    def _show_framework(self, *_: Any) -> None:
        ov = self.overview
        if ov is None:
            return
        fid = self.framework.currentData()
        info = next((f for f in ov.frameworks if f.framework_id == fid), None)
        if info is None:
            self._fill(self.ratings, [self.tr("School")], [], fit_now=True)
            self.chart.show_figures([], [], [], ())
            return
        areas, matrix = ov.matrix_both(fid)
        headings = [self._heading()] + [aid for aid, _ in areas]
        rows: list[list[Any]] = []
        ids: list[str | None] = []
        for school, rid, s_steps, r_steps in matrix:
            # The model pairs the steps up, words them and marks the gaps when shown.
            rows.append([self._named(school, rid), s_steps, r_steps])
            ids.append(rid)
        # Widths are worked out with the bold gap cells, so no figure is cut short; the
        # areas share what room is left.
        self._fill(self.ratings, headings, rows, ids, pairs_from=1, fit_now=True,
                   header_tips={c: f"{aid}. {title}" for c, (aid, title) in enumerate(areas, 1)},
                   soft=QBrush(attention(self.palette())))
        self.ratings.setColumnWidth(0, min(320, max(180, self.ratings.columnWidth(0))))
        header = self.ratings.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        if len(areas) <= 12:
            for c in range(1, len(headings)):
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        typical = _column_medians([s_steps for _, _, s_steps, _ in matrix], len(areas))
        reviewed = _column_medians([r_steps for _, _, _, r_steps in matrix], len(areas))
        self.chart.show_figures(areas, typical, reviewed, info.levels)

    # A trust-wide or local-area review is named as such, never passed off as a school (issue 16).

    def _group_kinds(self) -> dict[str, str]:
        """Review id -> "trust" or "local-area", worked out once per load of the data."""
        cached = getattr(self, "_groups", None)
        if cached is None or cached[0] is not self.data:
            cached = self._groups = (self.data, {r.id: subject.kind(r) for r in
                                                 (self.data.reviews if self.data else [])
                                                 if subject.is_group(r)})
        return cached[1]

    def _heading(self) -> str:
        return self.tr("School or trust") if self._group_kinds() else self.tr("School")

    def _named(self, name: str, review_id: str) -> str:
        kind = self._group_kinds().get(review_id)
        if kind is None:
            return name
        return (self.tr("%1 (whole trust)") if kind == "trust" else self.tr("%1 (local area)")).replace("%1", name)

    def _show_gaps(self, ov: Overview) -> None:
        names = {f.framework_id: f.name for f in ov.frameworks}
        higher, lower, level = self.tr("School higher ▲"), self.tr("School lower ▼"), self.tr("Level =")
        of = self.tr("%1 of %2")
        self._fill(self.gaps, [self._heading(), self.tr("Trust or LA"), self.tr("Framework"),
                               self.tr("Mean gap (steps)"), self.tr("Which way"),
                               self.tr("Statements that differ")],
                   [[self._named(g.school, g.review_id), g.trust_or_la or "", names.get(g.framework_id, g.framework_id),
                     f"{g.mean_abs_gap:.2f}",
                     higher if g.mean_gap > 0 else lower if g.mean_gap < 0 else level,
                     of.replace("%1", str(g.differ)).replace("%2", str(g.compared))]
                    for g in ov.gaps], [g.review_id for g in ov.gaps])
        self._nothing_tip(self.gaps, len(ov.gaps))

    def _show_development(self, ov: Overview) -> None:
        names = {f.framework_id: f.name for f in ov.frameworks}
        of = self.tr("%1 of %2")
        self._fill(self.development, [self.tr("Area"), self.tr("Framework"),
                                      self.tr("Schools in the lower half"), self.tr("Schools")],
                   [[f"{d.area_id}. {d.area_title}", names.get(d.framework_id, d.framework_id),
                     of.replace("%1", str(d.lower_half)).replace("%2", str(d.rated)),
                     "; ".join(d.schools)] for d in ov.development], stretch=3)
        self._nothing_tip(self.development, len(ov.development))

    def _show_overdue(self, ov: Overview) -> None:
        statuses = {"not-started": self.tr("Not started"), "in-progress": self.tr("In progress")}
        nobody = self.tr("to be agreed")
        self._fill(self.overdue, [self.tr("How late"), self._heading(), self.tr("Action"),
                                  self.tr("Owner"), self.tr("Due"), self.tr("Status")],
                   [[f"⚠ {o.days_overdue} days overdue" if o.days_overdue != 1 else "⚠ 1 day overdue",
                     self._named(o.school, o.review_id), o.title, o.owner or nobody, nice_date(o.due),
                     statuses.get(o.status, o.status)] for o in ov.overdue],
                   [o.review_id for o in ov.overdue], stretch=2)
        self._nothing_tip(self.overdue, len(ov.overdue))

    def _show_feedback(self, ov: Overview) -> None:
        fb = ov.feedback
        self._fill(self.feedback_scores, [self.tr("Question"), self.tr("Answers"), self.tr("Mean (1 to 5)"),
                                          "1", "2", "3", "4", "5"],
                   [[self.tr(m.label), m.responses, "—" if m.mean is None else f"{m.mean:.1f}", *m.counts]
                    for m in fb.measures])
        self._fill(self.feedback_comments, [self.tr("School"), self.tr("Date"), self.tr("Given by"),
                                            self.tr("What went well"), self.tr("What could be better")],
                   [[c.school, nice_date(c.date), c.given_by or "", c.went_well, c.could_be_better]
                    for c in fb.comments], [c.review_id for c in fb.comments], stretch=4)

    def _nothing_tip(self, t: QTableView, rows: int) -> None:
        t.setToolTip("" if rows else self.tr("Nothing to show for these filters."))

    # --- export ----------------------------------------------------------------------------

    def export(self, kind: str, path: str | None = None) -> None:
        ov = self.overview
        if ov is None or self._exporting is not None:
            return
        if path is None:
            path = ask_export_path(self, kind, str(Path.home() / f"overview.{kind}"))
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        writer: Callable[[], Any] = ((lambda: export_csv(ov, path)) if kind == "csv"
                                     else (lambda: export_xlsx(ov, path)))
        work, explained = jobs.noting_explained(writer)
        self.busy.show()
        self.message.setText(self.tr("Saving the overview…"))
        self.csv_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)

        def done(result: Any) -> None:
            self._exporting = None
            self._export_ended()
            files = result if isinstance(result, list) else [result]
            if len(files) == 1:
                self._say(self.tr("✓ Saved %1.").replace("%1", str(files[0])))
            else:
                self._say(self.tr("✓ Saved %1 files: %2 and the others beside it.")
                          .replace("%1", str(len(files))).replace("%2", str(files[0])))

        def failed(text: str) -> None:
            self._exporting = None
            self._export_ended()
            self._say("⚠ " + text if explained else self.tr("⚠ Not saved: %1").replace("%1", text), problem=True)

        self._exporting = jobs.start(work, done, failed, self)

    def _say(self, text: str, *, problem: bool = False) -> None:
        """What saving did: shown where it can be seen, and said to a screen reader."""
        tell(self.message, text, problem=problem)

    def _export_ended(self) -> None:
        self.busy.setVisible(self._loading is not None)
        self.csv_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)

    def show_overview(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.reload()


def _column_medians(rows: list[list[int | None]], width: int) -> list[int | None]:
    """The typical (lower median) step of each column, ignoring gaps."""
    out: list[int | None] = []
    for c in range(width):
        steps = sorted(row[c] for row in rows if c < len(row) and row[c] is not None)
        out.append(steps[(len(steps) - 1) // 2] if steps else None)
    return out
