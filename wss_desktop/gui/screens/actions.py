"""The action plan (drafted in stage 5, reporting; tracked with progress notes in
stage 6, follow-up) and the findings summary the reporting screen shows. The
follow-up screen itself is in followup.py."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.parsing import parse_date
from ...core.model import (OPEN_ACTION_STATUSES, ActionStatus, LinkTarget, Priority, ReviewBundle,
                           days_overdue)
from ..autosave import DraftBox
from ..context import ReviewContext
from ..statement_grid import difference
from ..style import attention
from ..widgets import WrappingLabel, nice_date, no_tab_trap

STATUS = {ActionStatus.NOT_STARTED.value: "Not started", ActionStatus.IN_PROGRESS.value: "In progress",
          ActionStatus.DONE.value: "✓ Done", ActionStatus.DROPPED.value: "Dropped"}
PRIORITY = {Priority.HIGH.value: "High", Priority.MEDIUM.value: "Medium", Priority.LOW.value: "Low"}


def due_words(due: str | None, status: str | None, today: dt.date | None = None) -> str:
    """How an action stands against its date, in words and a symbol (never colour alone)."""
    late = days_overdue(due, status, today)
    if late == 1:
        return "⚠ 1 day overdue"
    if late:
        return f"⚠ {late} days overdue"
    if (status or ActionStatus.NOT_STARTED.value) not in OPEN_ACTION_STATUSES:
        return "✓ Done" if status == ActionStatus.DONE.value else ""
    if not due:
        return "No date yet"
    try:
        left = (dt.date.fromisoformat(due) - (today or dt.date.today())).days
    except ValueError:
        return ""
    if left == 0:
        return "Due today"
    return "Due tomorrow" if left == 1 else f"Due in {left} days"


class ActionsEditor(QWidget):
    """The action plan: a table of actions and, for the chosen one, its details and
    progress notes."""

    COLUMNS = ("title", "statements", "owner", "due", "priority", "status", "stands")

    def __init__(self, ctx: ReviewContext, *, follow_up: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.follow_up = follow_up
        self.saver = ctx.saver(self)
        self.current: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(split, 1)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.table = no_tab_trap(QTableWidget(0, len(self.COLUMNS), left))
        self.table.setAccessibleName(self.tr("Actions"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Statements"), self.tr("Owner"),
                                              self.tr("Due"), self.tr("Priority"), self.tr("Status"),
                                              self.tr("On time?")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Whether an action is late matters once the plan is being worked through; its
        # priority was settled when the plan was written (and stays in the reporting stage).
        self.table.setColumnHidden(6, not follow_up)
        self.table.setColumnHidden(4, follow_up)
        self._widths = dict(((1, 88), (2, 120), (3, 95), (5, 115), (6, 140)) if follow_up else
                            ((1, 90), (2, 130), (3, 100), (4, 90), (5, 120)))
        self.table.installEventFilter(self)             # its font
        self.table.viewport().installEventFilter(self)  # its width, once laid out
        self._fit_columns()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._cell_edited)
        self.table.currentCellChanged.connect(self._row_changed)
        # Labels with Alt keys, so the keyboard reaches the plan and the new-action box
        # directly; a due date is typed the UK way (F2 on the Due cell).
        lv.addWidget(QLabel(self.tr("Action &plan (F2 edits a cell; dates as 15/12/2026 or +7d):"),
                            left, buddy=self.table))
        lv.addWidget(self.table, 1)
        add = QHBoxLayout()
        self.new_title = QLineEdit(left)
        self.new_title.setAccessibleName(self.tr("New action"))
        self.new_title.setPlaceholderText(self.tr("Add an action, then press Enter"))
        self.new_title.returnPressed.connect(self._add)
        add.addWidget(QLabel(self.tr("New ac&tion:"), left, buddy=self.new_title))
        add_button = QPushButton(self.tr("Add"), left)
        add_button.setAccessibleName(self.tr("Add action"))
        add_button.clicked.connect(self._add)
        remove = QPushButton(self.tr("Remove the selected action"), left)
        remove.clicked.connect(self._remove)
        add.addWidget(self.new_title, 1)
        add.addWidget(add_button)
        add.addWidget(remove)
        lv.addLayout(add)

        right = QWidget(split)
        form = QFormLayout(right)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.heading = WrappingLabel(right)
        form.addRow(self.heading)
        self.success = QPlainTextEdit(right)
        self.success.setAccessibleName(self.tr("Success criteria"))
        self.success.setTabChangesFocus(True)
        form.addRow(QLabel(self.tr("What &success looks like:"), right, buddy=self.success), self.success)
        self.impact = QPlainTextEdit(right)
        self.impact.setAccessibleName(self.tr("Evidence of impact"))
        self.impact.setTabChangesFocus(True)
        form.addRow(QLabel(self.tr("Evidence of &impact:"), right, buddy=self.impact), self.impact)
        self.notes = QListWidget(right)
        self.notes.setAccessibleName(self.tr("Progress notes"))
        self.notes.setWordWrap(True)
        form.addRow(QLabel(self.tr("Progress notes:"), right, buddy=self.notes), self.notes)
        note_row = QHBoxLayout()
        self.new_note = QLineEdit(right)
        self.new_note.setAccessibleName(self.tr("New progress note"))
        self.new_note.setPlaceholderText(self.tr("Add a progress note, then press Enter"))
        self.new_note.returnPressed.connect(self._add_note)
        note_row.addWidget(self.new_note)
        form.addRow(note_row)
        # A new action's title and a progress note typed but not yet added are kept
        # (the note per action) until they are added.
        where = "follow-up" if follow_up else "plan"
        self.title_box = DraftBox(self.saver, self.new_title, ctx.ws, ctx.review_id, lambda: f"new-action:{where}")
        self.note_box = DraftBox(self.saver, self.new_note, ctx.ws, ctx.review_id,
                                 lambda: f"action-note:{self.current or ''}")
        self.saver.watch(self.success, lambda t: self._update(success_criteria=t))
        self.saver.watch(self.impact, lambda t: self._update(impact=t))
        split.setSizes([800, 300] if follow_up else [640, 340])
        self.details = (self.success, self.impact, self.notes, self.new_note)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched in (self.table, self.table.viewport()) and \
                event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """The other columns at their usual width (at least their heading's and their
        choice boxes'), narrowed together when the table is narrow so that the action
        itself (the stretching first column) keeps room (issue 13: 200% text). When even
        that leaves the action less than about fourteen characters, the action keeps
        them and the table scrolls sideways rather than squeezing it."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        pad = metrics.height()
        wanted, least = {}, {}
        for c, base in self._widths.items():
            label = self.table.horizontalHeaderItem(c).text()
            least[c] = metrics.horizontalAdvance(label) + pad
            wanted[c] = max(base, least[c] + pad)
        for c in (4, 5):   # priority and status: choice boxes, whose words cannot wrap
            boxes = [w.sizeHint().width() for r in range(self.table.rowCount())
                     if (w := self.table.cellWidget(r, c)) is not None]
            if boxes and c in wanted:
                least[c] = wanted[c] = max(wanted[c], *boxes)
        room = self.table.viewport().width()
        action = metrics.averageCharWidth() * 14
        total, widest = sum(wanted.values()), max(wanted.values())
        scale = min(1.0, room / (total + widest)) if room > 0 else 1.0
        widths = {c: max(least[c], int(w * scale)) for c, w in wanted.items()}
        squeezed = room > 0 and room - sum(widths.values()) < action
        mode = QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(0) != mode:
            header.setSectionResizeMode(0, mode)
        if squeezed:
            header.resizeSection(0, action)
        for c, width in widths.items():
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(b.actions))
        for r, a in enumerate(sorted(b.actions, key=lambda a: (a.due or "9999", a.created or ""))):
            statements = [link.target_id for link in b.links_from(a.id)
                          if link.target_kind == LinkTarget.STATEMENT]
            values = (a.title, ", ".join(statements), a.owner or "", nice_date(a.due), None, None,
                      self.tr(due_words(a.due, a.status)))
            for c, text in enumerate(values):
                if c in (4, 5):
                    options, key = (PRIORITY, a.priority) if c == 4 else (STATUS, a.status)
                    combo = QComboBox(t)
                    combo.setAccessibleName(self.tr("Priority") if c == 4 else self.tr("Status"))
                    for k, label in options.items():
                        combo.addItem(self.tr(label), k)
                    combo.setCurrentIndex(max(0, combo.findData(key)))
                    field = "priority" if c == 4 else "status"
                    combo.activated.connect(lambda _i, combo=combo, aid=a.id, field=field:
                                            self._instant(aid, **{field: combo.currentData()}))
                    t.setCellWidget(r, c, combo)
                    continue
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                if c == 3:
                    item.setData(Qt.ItemDataRole.UserRole + 1, a.due or "")
                    item.setToolTip(self.tr("Type a date such as 15/12/2026, 15 Dec 2026, today or +7d"))
                if c == 6 and days_overdue(a.due, a.status):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(attention(self.palette()))
                if c in (1, 6):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                t.setItem(r, c, item)
            if a.id == self.current:
                t.setCurrentCell(r, 0)
        t.blockSignals(False)
        self._fit_columns()
        self.title_box.show()
        self._show(b)

    def show_action(self, action_id: str) -> None:
        self.saver.flush()
        self.current = action_id
        self.load()
        self.table.setFocus()

    def _row_changed(self, row: int, *_: int) -> None:
        item = self.table.item(row, 0)
        new = item.data(Qt.ItemDataRole.UserRole) if item else None
        if new != self.current:
            self.saver.flush()
            self.current = new
            self._show(self.ctx.bundle())

    def _show(self, b: ReviewBundle) -> None:
        a = next((x for x in b.actions if x.id == self.current), None)
        for w in self.details:
            w.setEnabled(a is not None)
        if a is None:
            self.heading.setText(self.tr("Choose an action to see its details and progress notes."))
            self.success.setPlainText("")
            self.impact.setPlainText("")
            self.notes.clear()
        else:
            self.heading.setText(f"<b>{escape(a.title)}</b>")
            for w, text in ((self.success, a.success_criteria), (self.impact, a.impact)):
                if w.toPlainText() != text:
                    w.setPlainText(text)
            self.notes.clear()
            for n in b.notes_of(a.id):
                self.notes.addItem(f"{nice_date(n.date)}: {n.text}")
        self.note_box.show()
        self.saver.reset()

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        aid = item.data(Qt.ItemDataRole.UserRole)
        key = {0: "title", 2: "owner", 3: "due"}.get(item.column())
        if not aid or key is None:
            return
        text = item.text().strip()
        if key == "due":
            text = text.removeprefix("⚠").strip()
            self._due_edited(item, aid, text)
            return
        if not self._instant(aid, **{key: text or None} if key != "title" else {key: text}):
            QTimer.singleShot(0, self.load)

    def _due_edited(self, item: QTableWidgetItem, aid: str, text: str) -> None:
        """A due date typed the UK way (15/12/2026, 15 Dec, today, +7d). What cannot be
        read stays in the cell, marked, with a sentence saying why. The row stays where
        it is, so the next thing typed lands on the same action; the plan is put in
        date order when the screen is next shown."""
        if text == nice_date(item.data(Qt.ItemDataRole.UserRole + 1)):
            return
        try:
            day = parse_date(text)
        except ValueError as exc:
            self.saver.failed.emit(self.tr(str(exc)))
            self._mark(item, self.tr(str(exc)))
            return
        iso = day.isoformat() if day else None
        if not self.saver.instant(lambda: self.ctx.ws.update_action(aid, due=iso)):
            self._mark(item, self.tr("This date was not saved."))
            return
        self._mark(item, None)
        t = self.table
        t.blockSignals(True)
        item.setText(nice_date(iso))
        item.setData(Qt.ItemDataRole.UserRole + 1, iso or "")
        action = next((a for a in self.ctx.bundle().actions if a.id == aid), None)
        stands = t.item(item.row(), 6)
        if action is not None and stands is not None:
            stands.setText(self.tr(due_words(action.due, action.status)))
        t.blockSignals(False)

    def _mark(self, item: QTableWidgetItem, problem: str | None) -> None:
        t = self.table
        t.blockSignals(True)
        if problem:
            item.setText("⚠ " + item.text().removeprefix("⚠ "))
            item.setToolTip(problem)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, problem)
        else:
            item.setToolTip(self.tr("Type a date such as 15/12/2026, 15 Dec 2026, today or +7d"))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "")
        t.blockSignals(False)
        if not problem:
            self.saver.cleared.emit()

    def _instant(self, aid: str, **values: object) -> bool:
        ok = self.saver.instant(lambda: self.ctx.ws.update_action(aid, **values))
        if ok and "status" in values:
            QTimer.singleShot(0, self.load)
        return ok

    def _update(self, **values: str) -> None:
        if self.current:
            self.ctx.ws.update_action(self.current, **values)

    def _add(self) -> None:
        title = self.new_title.text().strip()
        created: list[str] = []
        if title and self.saver.instant(lambda: created.append(self.ctx.ws.add_action(self.ctx.review_id, title))):
            self.title_box.added()
            self.current = created[0]
            self.load()

    def _remove(self) -> None:
        if self.current and self.saver.instant(lambda: self.ctx.ws.delete_action(self.current)):
            self.current = None
            self.load()
            self.ctx.status.removed(self.tr("action"))

    def _add_note(self) -> None:
        text = self.new_note.text().strip()
        if text and self.current and self.saver.instant(
                lambda: self.ctx.ws.add_action_note(self.current, text)):
            self.note_box.added()
            self._show(self.ctx.bundle())

    def leave(self) -> None:
        self.saver.flush()


def findings_html(b: ReviewBundle) -> str:
    fw = b.framework
    scope = set(b.scope_area_ids())
    parts = []
    for area in fw.areas:
        if area.id not in scope:
            continue
        parts.append(f"<h3>{escape(area.id)}. {escape(area.title)}</h3>")
        rows = []
        for st in area.statements:
            j = b.judgements.get(st.id)
            sa = b.self_assessment(st.id, fw.respondents[0].id)
            if not j and not sa:
                continue
            school = fw.scale.label(sa.rating if sa else None) or "—"
            reviewer = fw.scale.label(j.rating if j else None) or "—"
            diff, _ = difference(fw, sa.rating if sa else None, j.rating if j else None)
            text = ""
            if j and j.strengths.strip():
                text += f"<br><b>Strengths:</b> {escape(j.strengths)}"
            if j and j.consider.strip():
                text += f"<br><b>To consider:</b> {escape(j.consider)}"
            rows.append(f"<p><b>{escape(st.id)}</b> {escape(st.text)}<br>School: {escape(school)} · "
                        f"Reviewer: {escape(reviewer)} {escape(diff)}{text}</p>")
        parts.extend(rows or ["<p><i>No judgements yet for this area.</i></p>"])
    return "".join(parts)
