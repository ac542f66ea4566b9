"""Stage 3: the document checklist, the school's data against national figures, the
visit timetable and the questions to explore on the day."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from ...core.changes import Changes
from ...core.errors import InputError
from ...core.guides import meeting_templates, national_defaults
from ...core.model import DocumentStatus, VisitActivity
from ...core.parsing import parse_percent, parse_time
from ..autosave import DraftBox
from ..context import ReviewContext
from ..forms.ui_preparation import Ui_Preparation
from ..widgets import no_tab_trap
from .surveys import add_voice_tabs

USUAL_DOCUMENTS = (
    "SEND information report", "SEND policy", "SEN register (codes, not names)",
    "Provision map", "Accessibility plan", "School self-evaluation (SEND section)",
    "Progress data for pupils with SEND", "Attendance and exclusions data for pupils with SEND",
)

DOC_STATUS = {DocumentStatus.REQUESTED.value: "Requested", DocumentStatus.RECEIVED.value: "✓ Received",
              DocumentStatus.NOT_AVAILABLE.value: "Not available"}
ACTIVITY = {VisitActivity.MEETING.value: "Meeting", VisitActivity.LEARNING_WALK.value: "Learning walk",
            VisitActivity.BOOK_LOOK.value: "Book look", VisitActivity.PUPIL_VOICE.value: "Pupil voice",
            VisitActivity.FEEDBACK.value: "Feedback", VisitActivity.OTHER.value: "Other"}


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def compare(label: str, school: float | None, national: float | None, unit: str = "%") -> str:
    if school is None:
        return f"{label}: not known yet"
    text = f"{label}: <b>{school:.1f}{unit}</b>"
    if national is None:
        return text + " (no national figure entered)"
    gap = school - national
    if abs(gap) < 0.05:
        return text + f", the same as nationally ({national:g}{unit})"
    word = "higher" if gap > 0 else "lower"
    return text + f", {abs(gap):.1f} points {word} than nationally ({national:g}{unit})"


class EditableTable:
    """A QTableWidget whose cells save one edit at a time through `save(id, column, text)`."""

    def __init__(self, table: QTableWidget, save: Callable[[str, int, str], bool],
                 reload: Callable[[], None]):
        self.table = table
        self.save = save
        self.reload = reload
        table.itemChanged.connect(self._changed)
        table.verticalHeader().hide()
        no_tab_trap(table)

    def _changed(self, item: QTableWidgetItem) -> None:
        rec_id = item.data(Qt.ItemDataRole.UserRole)
        self.item = item   # for a save that must mark or tidy the cell it came from
        if rec_id and not self.save(rec_id, item.column(), item.text()):
            QTimer.singleShot(0, self.reload)   # put back what the database holds

    def show(self, item: QTableWidgetItem, text: str, problem: str | None = None) -> None:
        """Put tidied text (or, with a problem, the text as typed, marked) in a cell."""
        self.table.blockSignals(True)
        item.setText(("⚠ " + text.removeprefix("⚠ ")) if problem else text)
        item.setToolTip(problem or "")
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, problem or "")
        self.table.blockSignals(False)

    def fill(self, rows: list[tuple[str, list[str | None]]],
             combos: dict[int, tuple[dict[str, str], Callable[[str, str], None]]] | None = None,
             raw: list[list[str | None]] | None = None) -> None:
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(rows))
        for r, (rec_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                if combos and c in combos:
                    options, on_pick = combos[c]
                    combo = QComboBox(t)
                    combo.setAccessibleName(t.horizontalHeaderItem(c).text())
                    for key, label in options.items():
                        combo.addItem(label, key)
                    combo.setCurrentIndex(max(0, combo.findData(raw[r][c] if raw else text)))
                    combo.activated.connect(lambda _i, combo=combo, rec_id=rec_id, on_pick=on_pick:
                                            on_pick(rec_id, combo.currentData()))
                    t.setCellWidget(r, c, combo)
                    continue
                item = QTableWidgetItem(text or "")
                item.setData(Qt.ItemDataRole.UserRole, rec_id)
                t.setItem(r, c, item)
        t.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class PreparationScreen(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_Preparation()
        self.ui.setupUi(self)
        self.saver = ctx.saver(self)
        ui = self.ui
        ws = ctx.ws
        # Documents
        self.docs = EditableTable(ui.documents, self._save_document, self.load)
        ui.documents.setColumnWidth(0, 340)
        ui.documents.setColumnWidth(1, 150)
        ui.addDocument.clicked.connect(self._add_document)
        ui.newDocument.returnPressed.connect(self._add_document)
        ui.addUsualDocuments.clicked.connect(self._add_usual)
        self.remove_document = QPushButton(self.tr("&Remove from checklist"), ui.documentsTab)
        self.remove_document.setAccessibleName(self.tr("Remove the selected document"))
        self.remove_document.clicked.connect(self._remove_document)
        ui.addDocumentRow.addWidget(self.remove_document)
        # Data snapshot
        self.snapshot_fields: dict[str, QLineEdit] = {
            "on_roll": ui.onRoll, "sen_support": ui.senSupport, "ehcp": ui.ehcp,
            "attendance_pct": ui.attendance, "persistent_absence_pct": ui.persistentAbsence,
            "suspensions": ui.suspensions, "permanent_exclusions": ui.exclusions,
            "national_sen_support_pct": ui.nationalSenSupport, "national_ehcp_pct": ui.nationalEhcp,
            "national_attendance_pct": ui.nationalAttendance,
            "national_persistent_absence_pct": ui.nationalAbsence}
        for key, edit in self.snapshot_fields.items():
            edit.setMaximumWidth(160)
            self.saver.watch(edit, lambda text, key=key: self._save_snapshot(**{key: text.strip() or None}))
        self.saver.watch(ui.snapshotNotes, lambda text: self._save_snapshot(notes=text))
        ui.useDefaults.clicked.connect(self._use_defaults)
        ui.comparisonBox.setMinimumWidth(360)
        # Timetable
        self.slots_table = no_tab_trap(QTableWidget(0, 6, ui.timetableTab))
        self.slots_table.setAccessibleName(self.tr("Visit timetable"))
        self.slots_table.setHorizontalHeaderLabels([self.tr("Start"), self.tr("End"), self.tr("Activity"),
                                                    self.tr("What"), self.tr("Who"), self.tr("Where")])
        self.slots_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.slots = EditableTable(self.slots_table, self._save_slot, self.load)
        hint = QLabel(self.tr("The plan for the day. Times can be typed as 9.20, 9:20 or 0920; "
                              "press F2 on a cell (or start typing) to change it."), ui.timetableTab)
        hint.setWordWrap(True)
        ui.timetableLayout.addWidget(hint)
        ui.timetableLayout.addWidget(self.slots_table)
        row = QHBoxLayout()
        self.slot_buttons: list[QPushButton] = []
        for activity, label in (("meeting", self.tr("Add a &meeting")),
                                ("learning-walk", self.tr("Add a &learning walk")),
                                ("book-look", self.tr("Add a &book look")),
                                ("pupil-voice", self.tr("Add &pupil voice")),
                                ("feedback", self.tr("Add feedbac&k"))):
            b = QPushButton(label, ui.timetableTab)
            b.setAccessibleName(label.replace("&", ""))
            b.clicked.connect(lambda _c, a=activity: self._add_slot(a))
            row.addWidget(b)
            self.slot_buttons.append(b)
        remove = QPushButton(self.tr("Remove the selected slot"), ui.timetableTab)
        remove.clicked.connect(lambda: self._remove(self.slots, ws.delete_visit_slot))
        row.addStretch(1)
        row.addWidget(remove)
        ui.timetableLayout.addLayout(row)
        # Questions
        self.q_table = no_tab_trap(QTableWidget(0, 3, ui.questionsTab))
        self.q_table.setAccessibleName(self.tr("Questions to explore"))
        self.q_table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Explored?"),
                                                self.tr("What we found")])
        self.q_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.q_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.q_table.setColumnWidth(1, 110)
        self.questions = EditableTable(self.q_table, self._save_question, self.load)
        qhint = QLabel(self.tr("Questions the documents and data raised, to explore on the day."),
                       ui.questionsTab)
        qhint.setWordWrap(True)
        ui.questionsLayout.addWidget(qhint)
        ui.questionsLayout.addWidget(self.q_table)
        qrow = QHBoxLayout()
        self.new_question = QLineEdit(ui.questionsTab)
        self.new_question.setAccessibleName(self.tr("New question"))
        self.new_question.setPlaceholderText(self.tr("Add a question to explore, then press Enter"))
        self.new_question.returnPressed.connect(self._add_question)
        # A question typed but not yet added is kept until it is added.
        self.question_box = DraftBox(self.saver, self.new_question, ctx.ws, ctx.review_id, lambda: "new-question")
        add_q = QPushButton(self.tr("Add q&uestion"), ui.questionsTab)
        add_q.clicked.connect(self._add_question)
        remove_q = QPushButton(self.tr("Remove the selected question"), ui.questionsTab)
        remove_q.clicked.connect(lambda: self._remove(self.questions, ws.delete_question))
        qrow.addWidget(self.new_question, 1)
        qrow.addWidget(add_q)
        qrow.addWidget(remove_q)
        ui.questionsLayout.addLayout(qrow)
        ui.tabs.currentChanged.connect(lambda _i: self.load())
        self.surveys, self.gaps, self.data_in_depth = add_voice_tabs(ctx, ui.tabs)

    # --- loading -------------------------------------------------------------------

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        ui = self.ui
        self.docs.fill([(d.id, [d.title, d.status, d.notes]) for d in b.documents],
                       {1: ({k: self.tr(v) for k, v in DOC_STATUS.items()}, self._document_status)})
        s = b.snapshot
        for key, edit in self.snapshot_fields.items():
            value = getattr(s, key) if s else None
            text = _fmt(value) if isinstance(value, float) else ("" if value is None else str(value))
            if edit.text() != text and not edit.hasFocus():
                edit.setText(text)
        notes = s.notes if s else ""
        if ui.snapshotNotes.toPlainText() != notes:
            ui.snapshotNotes.setPlainText(notes)
        self.question_box.show()
        self.saver.reset()
        self._compare(s)
        self.slots.fill([(v.id, [v.start, v.end, v.activity, v.title, v.people, v.place])
                         for v in b.visit_slots],
                        {2: ({k: self.tr(v) for k, v in ACTIVITY.items()}, self._slot_activity)})
        self.questions.fill([(q.id, [q.text, "", q.answer]) for q in b.questions])
        self.q_table.blockSignals(True)
        for r, q in enumerate(b.questions):
            item = self.q_table.item(r, 1)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if q.done else Qt.CheckState.Unchecked)
            item.setText(self.tr("Yes") if q.done else self.tr("Not yet"))
        self.q_table.blockSignals(False)

    def _compare(self, s: Any) -> None:
        if s is None or not s.on_roll:
            self.ui.comparison.setText(self.tr("Enter the number on roll and the SEN figures to "
                                               "see how the school compares."))
        else:
            pct = lambda n: None if n is None else 100 * n / s.on_roll  # noqa: E731
            lines = [compare(self.tr("SEN Support"), pct(s.sen_support), s.national_sen_support_pct),
                     compare(self.tr("EHC plans"), pct(s.ehcp), s.national_ehcp_pct),
                     compare(self.tr("Attendance"), s.attendance_pct, s.national_attendance_pct),
                     compare(self.tr("Persistent absence"), s.persistent_absence_pct,
                             s.national_persistent_absence_pct)]
            self.ui.comparison.setText("<br>".join(lines))
        self.ui.nationalNote.setText(f"<i>{s.national_note}</i>" if s and s.national_note else "")

    # --- saving ----------------------------------------------------------------------

    def _save_snapshot(self, **values: Any) -> None:
        for key, value in values.items():
            if key.endswith("_pct") and isinstance(value, str):
                try:   # 94.5 or 94.5%: what cannot be read stays in the field, marked
                    values[key] = parse_percent(value)
                except ValueError as exc:
                    raise InputError(self.tr(str(exc))) from None
        self.ctx.ws.set_snapshot(self.ctx.review_id, **values)
        self._compare(self.ctx.bundle().snapshot)

    def _use_defaults(self) -> None:
        figures = national_defaults()
        if self.saver.instant(lambda: self.ctx.ws.set_snapshot(self.ctx.review_id, **figures)):
            self.load()

    def _add_document(self) -> None:
        title = self.ui.newDocument.text().strip()
        if title and self.saver.instant(lambda: self.ctx.ws.add_document(self.ctx.review_id, title)):
            self.ui.newDocument.clear()
            self.load()

    def _add_usual(self) -> None:
        have = {d.title for d in self.ctx.bundle().documents}
        for title in USUAL_DOCUMENTS:
            if title not in have:
                self.saver.instant(lambda title=title: self.ctx.ws.add_document(self.ctx.review_id, title))
        self.load()

    def _save_document(self, doc_id: str, column: int, text: str) -> bool:
        key = {0: "title", 2: "notes"}.get(column)
        return key is None or self.saver.instant(lambda: self.ctx.ws.update_document(doc_id, **{key: text}))

    def _document_status(self, doc_id: str, status: str) -> None:
        self.saver.instant(lambda: self.ctx.ws.update_document(doc_id, status=status))

    def _remove_document(self) -> None:
        self._remove(self.docs, self.ctx.ws.delete_document)

    def _remove(self, table: EditableTable, delete: Callable[[str], None]) -> None:
        rec_id = table.current_id()
        if rec_id and self.saver.instant(lambda: delete(rec_id)):
            self.load()

    def _add_slot(self, activity: str) -> None:
        b = self.ctx.bundle()
        last = max((v.end or v.start or "" for v in b.visit_slots), default="") or "09:00"
        title = {"meeting": meeting_templates()[0].label if meeting_templates() else ""}.get(activity, "")
        if self.saver.instant(lambda: self.ctx.ws.add_visit_slot(
                self.ctx.review_id, start=last, activity=activity, title=title)):
            self.load()
            self.slots_table.setCurrentCell(self.slots_table.rowCount() - 1, 3)
            self.slots_table.setFocus()

    def _save_slot(self, slot_id: str, column: int, text: str) -> bool:
        key = {0: "start", 1: "end", 3: "title", 4: "people", 5: "place"}.get(column)
        if key in ("start", "end"):
            # 9.45, 9:45, 0945 or 2.30pm; what cannot be read stays in the cell, marked.
            item = self.slots.item
            try:
                when = parse_time(text.removeprefix("⚠").strip())
            except ValueError as exc:
                self.slots.show(item, text, self.tr(str(exc)))
                self.saver.problem(self.slots_table, self.tr(str(exc)))
                return True
            if not self.saver.instant(lambda: self.ctx.ws.update_visit_slot(slot_id, **{key: when})):
                return False
            self.slots.show(item, when or "")
            self.saver.clear_problem(self.slots_table)
            return True
        return key is None or self.saver.instant(
            lambda: self.ctx.ws.update_visit_slot(slot_id, **{key: text}))

    def _slot_activity(self, slot_id: str, activity: str) -> None:
        self.saver.instant(lambda: self.ctx.ws.update_visit_slot(slot_id, activity=activity))

    def _add_question(self) -> None:
        text = self.new_question.text().strip()
        if text and self.saver.instant(lambda: self.ctx.ws.add_question(self.ctx.review_id, text)):
            self.question_box.added()
            self.load()

    def _save_question(self, qid: str, column: int, text: str) -> bool:
        if column == 1:
            on = any(self.q_table.item(r, 1).checkState() == Qt.CheckState.Checked
                     for r in range(self.q_table.rowCount())
                     if self.q_table.item(r, 1).data(Qt.ItemDataRole.UserRole) == qid)
            ok = self.saver.instant(lambda: self.ctx.ws.update_question(qid, done=on))
            QTimer.singleShot(0, self.load)   # after the table's own signal has finished
            return ok
        key = {0: "text", 2: "answer"}[column]
        return self.saver.instant(lambda: self.ctx.ws.update_question(qid, **{key: text}))

    def apply(self, changes: Changes) -> None:
        """Show changes made elsewhere (a sync, a partner's file); this screen's own
        edits are on it already."""
        if changes.from_elsewhere:
            self.load()

    def leave(self) -> None:
        self.saver.flush()
