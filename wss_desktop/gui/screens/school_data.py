"""The school's data in depth, in the preparation stage: pupils with SEND beside all
pupils (whole school, by SEN2 primary need, by year group), a chart against national
figures, and the national figures themselves, edited in one place for every review."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import school_data as sd
from ...core.errors import UserError
from ..context import ReviewContext
from ..widgets import tell

COLOURS = ("#1b3a57", "#b35900", "#8fb3d9", "#f2c28c")
SERIES = ("The school: pupils with SEND", "The school: all pupils", "National: pupils with SEND",
          "National: all pupils")


class ComparisonChart(QWidget):
    """Bars for the percentage measures: the school's SEND and all-pupil figures against
    the national ones. Its accessible description reads out the same figures."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, list[float | None]]] = []
        self.setMinimumHeight(170)
        self.setAccessibleName(self.tr("Chart: the school against national figures"))

    def set_rows(self, rows: list[tuple[str, list[float | None]]]) -> None:
        self.rows = rows
        self.setMinimumHeight(60 + max(1, len(rows)) * 62)
        self.setAccessibleDescription("; ".join(
            f"{label}: " + ", ".join(f"{s} {v:g}%" for s, v in zip(SERIES, values) if v is not None)
            for label, values in rows) or self.tr("No percentages entered yet."))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)   # square bars: crisp edges, no antialiasing
        fm = p.fontMetrics()
        # Text and the bars' edges in the palette's text colour, so a high-contrast
        # theme carries through; the fixed fills always have that edge (3:1 or more).
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        p.setPen(ink)
        if not self.rows:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("Enter attendance, persistent absence or attainment to see the chart."))
            return
        left = max(fm.horizontalAdvance(label) for label, _ in self.rows) + 16
        width = self.width() - left - 40
        x = left
        for i, text in enumerate(SERIES):       # the legend, in words as well as colour
            p.fillRect(QRectF(x, 6, 12, 10), QColor(COLOURS[i]))
            p.drawRect(QRectF(x, 6, 12, 10))
            p.drawText(int(x + 16), 16, text)
            x += fm.horizontalAdvance(text) + 36
        y = 30
        for label, values in self.rows:
            p.drawText(4, int(y + 26), label)
            for i, v in enumerate(values):
                if v is not None:
                    p.fillRect(QRectF(left, y + i * 13, width * v / 100, 11), QColor(COLOURS[i]))
                    p.drawRect(QRectF(left, y + i * 13, width * v / 100, 11))
                    p.drawText(int(left + width * v / 100 + 4), int(y + i * 13 + 10), f"{v:g}%")
            y += 62


class DataPanel(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Figures for pupils with SEND beside all pupils. Type a number in a "
                               "cell; it is saved straight away. National figures are dated and "
                               "attributed; those marked illustrative are to be updated."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.whole = QTableWidget(len(sd.MEASURES), 5, self)
        self.whole.setAccessibleName(self.tr("Whole-school figures"))
        self.whole.setHorizontalHeaderLabels([self.tr("Measure"), self.tr("Pupils with SEND"),
                                              self.tr("All pupils"), self.tr("National: SEND"),
                                              self.tr("National: all")])
        self.whole.verticalHeader().hide()
        self.whole.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.whole.itemChanged.connect(self._whole_changed)
        layout.addWidget(self.whole)
        self.chart = ComparisonChart(self)
        layout.addWidget(self.chart)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Add figures for:"), self))
        self.part = QComboBox(self)
        self.part.setAccessibleName(self.tr("Primary need or year group to add figures for"))
        for code, name in sd.NEEDS.items():
            self.part.addItem(f"{name} ({code})", f"need:{code}")
        for y in sd.YEARS:
            self.part.addItem(sd.breakdown_label(f"year:{y}"), f"year:{y}")
        row.addWidget(self.part, 2)
        self.measure = QComboBox(self)
        self.measure.setAccessibleName(self.tr("Measure to add"))
        for m, (label, unit, _) in sd.MEASURES.items():
            self.measure.addItem(f"{label} ({unit})", m)
        row.addWidget(self.measure, 1)
        self.add = QPushButton(self.tr("Add &row"), self)
        self.add.clicked.connect(self.add_breakdown)
        row.addWidget(self.add)
        layout.addLayout(row)
        self.parts = QTableWidget(0, 5, self)
        self.parts.setAccessibleName(self.tr("Figures by primary need and year group"))
        self.parts.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Measure"),
                                              self.tr("How many pupils with SEND"),
                                              self.tr("Pupils with SEND"), self.tr("All pupils")])
        self.parts.verticalHeader().hide()
        self.parts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.parts.itemChanged.connect(self._part_changed)
        layout.addWidget(self.parts)
        layout.addWidget(QLabel(self.tr("<b>National figures</b> (the same for every review in "
                                        "this data folder)"), self))
        self.national = QTableWidget(0, 5, self)
        self.national.setAccessibleName(self.tr("National figures, dated and attributed"))
        self.national.setHorizontalHeaderLabels([self.tr("Measure"), self.tr("Group"),
                                                 self.tr("Figure"), self.tr("Year"),
                                                 self.tr("Source")])
        self.national.verticalHeader().hide()
        self.national.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.national.itemChanged.connect(self._national_changed)
        layout.addWidget(self.national)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        for t in (self.whole, self.parts, self.national):
            for c in range(1, t.columnCount()):
                if t.horizontalHeader().sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch:
                    t.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
            t.setMinimumHeight(150)
            t.setTabKeyNavigation(False)
            t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.whole.setMinimumHeight(len(sd.MEASURES) * 30 + 32)

    def _item(self, text: str, key: object = None, editable: bool = True) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if not editable:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        return item

    def load(self) -> None:
        self._loading = True
        b = self.ctx.bundle()
        national = b.comparators
        figures = {(f.measure, f.breakdown): f for f in b.school_figures}
        for r, (m, (label, unit, meaning)) in enumerate(sd.MEASURES.items()):
            f = figures.get((m, sd.WHOLE_SCHOOL))
            name = self._item(f"{label} ({unit})", m, editable=False)
            name.setToolTip(meaning)
            self.whole.setItem(r, 0, name)
            self.whole.setItem(r, 1, self._item(_num(f.send if f else None), m))
            self.whole.setItem(r, 2, self._item(_num(f.all_pupils if f else None), m))
            for c, cohort in ((3, "send"), (4, "all")):
                n = national.get((m, cohort))
                cell = self._item(sd.value_text(m, n.value) if n else "", m, editable=False)
                cell.setToolTip(n.citation() if n else self.tr("No national figure"))
                self.whole.setItem(r, c, cell)
        parts = sorted((k for k in figures if k[1] != sd.WHOLE_SCHOOL),
                       key=lambda k: (sd.breakdown_order(k[1]), list(sd.MEASURES).index(k[0])))
        self.parts.setRowCount(len(parts))
        for r, (m, part) in enumerate(parts):
            f = figures[(m, part)]
            self.parts.setItem(r, 0, self._item(sd.breakdown_label(part), (m, part), editable=False))
            self.parts.setItem(r, 1, self._item(sd.MEASURES[m][0], (m, part), editable=False))
            self.parts.setItem(r, 2, self._item("" if f.pupils is None else str(f.pupils), (m, part)))
            self.parts.setItem(r, 3, self._item(_num(f.send), (m, part)))
            self.parts.setItem(r, 4, self._item(_num(f.all_pupils), (m, part)))
        keys = sorted(national, key=lambda k: (list(sd.MEASURES).index(k[0]), k[1]))
        self.national.setRowCount(len(keys))
        for r, key in enumerate(keys):
            n = national[key]
            label = sd.MEASURES[n.measure][0]
            self.national.setItem(r, 0, self._item(label, key, editable=False))
            self.national.setItem(r, 1, self._item(sd.COHORTS[n.cohort], key, editable=False))
            self.national.setItem(r, 2, self._item(_num(n.value), key))
            self.national.setItem(r, 3, self._item(n.as_of, key))
            self.national.setItem(r, 4, self._item(n.source + (self.tr(" (illustrative)")
                                                               if n.illustrative else ""), key))
        self.chart.set_rows([
            (sd.MEASURES[m][0], [f.send, f.all_pupils,
                                 getattr(national.get((m, "send")), "value", None),
                                 getattr(national.get((m, "all")), "value", None)])
            for m, (_, unit, _) in sd.MEASURES.items()
            if unit == "%" and (f := figures.get((m, sd.WHOLE_SCHOOL))) is not None])
        self._loading = False

    def leave(self) -> None:
        pass

    def _saved(self, action) -> None:
        try:
            action()
        except UserError as exc:
            tell(self.message, "⚠ " + str(exc), problem=True)
            QTimer.singleShot(0, self.load)     # put back what is stored
            return
        self.message.setText(self.tr("Saved."))
        self.ctx.edited.emit()
        QTimer.singleShot(0, self.load)

    def _whole_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (1, 2):
            return
        m = item.data(Qt.ItemDataRole.UserRole)
        key = "send" if item.column() == 1 else "all_pupils"
        self._saved(lambda: self.ctx.ws.set_school_figure(self.ctx.review_id, m, **{key: item.text()}))

    def _part_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (2, 3, 4):
            return
        m, part = item.data(Qt.ItemDataRole.UserRole)
        key = {2: "pupils", 3: "send", 4: "all_pupils"}[item.column()]
        self._saved(lambda: self.ctx.ws.set_school_figure(self.ctx.review_id, m, part,
                                                          **{key: item.text()}))

    def _national_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (2, 3, 4):
            return
        r = item.row()
        m, cohort = item.data(Qt.ItemDataRole.UserRole)
        source = self.national.item(r, 4).text().replace(self.tr(" (illustrative)"), "")
        self._saved(lambda: self.ctx.ws.set_comparator(
            m, cohort, self.national.item(r, 2).text(), source=source,
            as_of=self.national.item(r, 3).text()))

    def add_breakdown(self) -> None:
        part, m = self.part.currentData(), self.measure.currentData()
        self._saved(lambda: self.ctx.ws.set_school_figure(self.ctx.review_id, m, part))


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
