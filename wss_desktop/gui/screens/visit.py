"""Stage 4: the school visit: learning walks, meeting notes with a template per
meeting type, and the reviewer's judgements (the statement grid in reviewer mode)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from ...core.changes import Changes
from ...core.errors import InputError
from ...core.guides import meeting_template, meeting_templates
from ...core.model import EvidenceKind
from ..context import ReviewContext
from .visit_close import VisitClosePanel
from ..learning_walk import LearningWalk
from ..statement_grid import REVIEWER, StatementGrid

MEETING_KINDS = {EvidenceKind.MEETING.value, EvidenceKind.PUPIL_VOICE.value,
                 EvidenceKind.PARENT_VOICE.value, EvidenceKind.STAFF_VOICE.value}


def kind_label(kind: str) -> str:
    try:
        return EvidenceKind(kind).label
    except ValueError:
        return kind


class MeetingNotes(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saver = ctx.saver(self)
        self.current: str | None = None
        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.new_type = QComboBox(left)
        self.new_type.setAccessibleName(self.tr("Type of meeting to start"))
        for t in meeting_templates():
            self.new_type.addItem(t.label, t.id)
        new = QPushButton(self.tr("St&art meeting notes"), left)
        new.setProperty("big", True)
        new.setToolTip(self.tr("Ctrl+M"))
        new.clicked.connect(self.start_meeting)
        lv.addWidget(QLabel(self.tr("Meeting &with:"), left, buddy=self.new_type))
        lv.addWidget(self.new_type)
        lv.addWidget(new)
        self.list = QListWidget(left)
        self.list.setAccessibleName(self.tr("Meeting notes"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._chosen)
        lv.addWidget(QLabel(self.tr("Notes so far:"), left, buddy=self.list))
        lv.addWidget(self.list, 1)
        right = QWidget(split)
        form = QFormLayout(right)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.heading = QLabel(right)
        self.heading.setWordWrap(True)
        form.addRow(self.heading)
        self.who = QLineEdit(right)
        self.who.setAccessibleName(self.tr("Who was there"))
        self.who.setPlaceholderText(self.tr("Roles, not names: e.g. SENCO and deputy head"))
        form.addRow(QLabel(self.tr("Who was &there:"), right, buddy=self.who), self.who)
        self.prompts = QLabel(right)
        self.prompts.setWordWrap(True)
        self.prompts.setAccessibleDescription(self.tr("Prompts for this meeting"))
        form.addRow(self.prompts)
        self.notes = QPlainTextEdit(right)
        self.notes.setAccessibleName(self.tr("Meeting notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(180)
        form.addRow(QLabel(self.tr("&Notes:"), right, buddy=self.notes), self.notes)
        self.statements = QLineEdit(right)
        self.statements.setAccessibleName(self.tr("Statements these notes bear on"))
        self.statements.setPlaceholderText(self.tr("Statement numbers, e.g. 2.1, 4.3"))
        form.addRow(QLabel(self.tr("Bears on &statements:"), right, buddy=self.statements), self.statements)
        split.setSizes([260, 700])
        self.saver.watch(self.who, lambda t: self._update(title=t))
        self.saver.watch(self.notes, lambda t: self._update(text=t))
        self.saver.watch(self.statements, self._save_statements)
        sc = QShortcut(QKeySequence("Ctrl+M"), self)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)   # only while this tab is shown
        sc.activated.connect(self.start_meeting)
        self.editors = (self.who, self.notes, self.statements)

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        refs = b.evidence_refs()
        self.list.blockSignals(True)
        self.list.clear()
        for e in sorted((e for e in b.evidence if e.kind in MEETING_KINDS), key=lambda e: refs[e.id]):
            label = kind_label(e.kind)
            if e.meeting_type:
                try:
                    label = meeting_template(e.meeting_type).label
                except KeyError:
                    label = e.meeting_type
            item = QListWidgetItem(f"{refs[e.id]}  {label}" + (f"\n{e.title}" if e.title else ""), self.list)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            if e.id == self.current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show(b)

    def _show(self, b) -> None:
        e = next((x for x in b.evidence if x.id == self.current), None)
        for w in self.editors:
            w.setEnabled(e is not None)
        if e is None:
            self.heading.setText(self.tr("Choose who the meeting is with and press <b>Start meeting "
                                         "notes</b> (Ctrl+M), or pick earlier notes from the list."))
            self.prompts.setText("")
            for w in (self.who, self.statements):
                w.setText("")
            self.notes.setPlainText("")
            self.saver.reset()
            return
        try:
            t = meeting_template(e.meeting_type or "")
            self.heading.setText(f"<b>{t.label}</b> · {e.date or ''}")
            self.prompts.setText(self.tr("<i>Prompts:</i>") + "<ul>" +
                                 "".join(f"<li>{p}</li>" for p in t.prompts) + "</ul>")
        except KeyError:
            self.heading.setText(f"<b>{kind_label(e.kind)}</b> · {e.date or ''}")
            self.prompts.setText("")
        self.who.setText(e.title)
        if self.notes.toPlainText() != e.text:
            self.notes.setPlainText(e.text)
        self.statements.setText(", ".join(b.statements_of(e.id)))
        self.saver.reset()

    def start_meeting(self) -> None:
        self.saver.flush()
        tid = self.new_type.currentData()
        try:
            kind = meeting_template(tid).voice or EvidenceKind.MEETING.value
        except KeyError:
            kind = EvidenceKind.MEETING.value
        created: list[str] = []
        if self.saver.instant(lambda: created.append(self.ctx.ws.add_evidence(
                self.ctx.review_id, kind, meeting_type=tid))):
            self.current = created[0]
            self.load()
            self.who.setFocus()

    def _chosen(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is not None:
            self.saver.flush()
            self.current = item.data(Qt.ItemDataRole.UserRole)
            self._show(self.ctx.bundle())

    def _update(self, **values: str) -> None:
        if self.current:
            self.ctx.ws.update_evidence(self.current, **values)

    def _save_statements(self, text: str) -> None:
        if not self.current:
            return
        wanted = [s for s in re.split(r"[,;\s]+", text) if s]
        fw = self.ctx.bundle().framework
        unknown = [s for s in wanted if not any(st.id == s for st in fw.statements())]
        if unknown:
            raise InputError(self.tr("%1 is not a statement number in this framework.")
                             .replace("%1", ", ".join(unknown)))
        self.ctx.ws.set_links("evidence", self.current, "statement", wanted)

    def leave(self) -> None:
        self.saver.flush()


class VisitScreen(QTabWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(self.tr("School visit"))
        self.walk = LearningWalk(ctx, self)
        self.meetings = MeetingNotes(ctx, self)
        self.judgements = StatementGrid(ctx, REVIEWER, self)
        self.addTab(self.walk, self.tr("&Learning walk"))
        self.addTab(self.meetings, self.tr("&Meetings and voice"))
        self.addTab(self.judgements, self.tr("&Judgements"))
        self.close_of_day = VisitClosePanel(ctx, self)
        self.addTab(self.close_of_day, self.tr("End-of-day feedbac&k"))
        self._previous: QWidget = self.walk
        self.currentChanged.connect(self._switched)

    def _switched(self, _index: int) -> None:
        self._previous.leave()  # type: ignore[attr-defined]
        self._previous = self.currentWidget()
        self.load()

    def load(self) -> None:
        self.currentWidget().load()  # type: ignore[attr-defined]

    def focus_first(self) -> QWidget | None:
        """Where the cursor goes on arriving by key: into the open tab's work."""
        focus = getattr(self.currentWidget(), "focus_first", None)
        return focus() if focus is not None else self.tabBar()

    def show_judgement(self, statement_id: str) -> None:
        self.setCurrentWidget(self.judgements)
        self.judgements.select(statement_id)
        self.judgements.view.setFocus()

    def apply(self, changes: Changes) -> None:
        """Show changes made elsewhere (a sync, a partner's file); this screen's own
        edits are on it already."""
        if changes.from_elsewhere:
            self.load()

    def leave(self) -> None:
        self.walk.leave()
        self.meetings.leave()
        self.judgements.leave()
        self.close_of_day.leave()
