"""Text fields that two people edited without seeing each other's edit ("conflicts").

Sync never throws an edit away: when two computers change the same text, both
versions are kept and the field is flagged. This panel puts the versions side by
side; the reviewer keeps one, or joins them and edits the result. Settling writes
the chosen text through the workspace like any other edit, which clears the flag
here and, after the next sync, on every other computer.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QFrame, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea,
                               QSplitter, QVBoxLayout, QWidget)

from ..core import model
from ..core.errors import UserError
from ..core.store import FieldConflict
from ..core.sync import hlc
from ..core.sync.summary import LABELS
from ..core.workspace import Workspace
from .style import scaled
from .widgets import capitalised, FitsTheScreen, local_time, tell

FIELD_WORDS = {
    "purpose": "Purpose of the review", "notes": "Notes", "comment": "Comment",
    "evidence_note": "Where the evidence is", "strengths": "Strengths",
    "consider": "Areas for consideration", "title": "Title", "text": "Notes",
    "support": "Support seen", "pupil_voice": "Pupil voice",
    "success_criteria": "Success criteria", "impact": "Impact",
    "national_note": "Note on the national figures", "next_steps": "Next steps",
    "went_well": "What went well", "could_be_better": "What could be better",
    "caption": "Caption", "answer": "What was found", "footer": "Footer",
    "overview": "Overview", "development": "Areas for development",
}

# How each kind of record is settled: a call to the workspace that writes one field.
Writer = Callable[[Workspace, Any, str, str], None]
WRITERS: dict[str, Writer] = {
    "reviews": lambda ws, r, f, v: ws.update_review(r.id, **{f: v}),
    "stages": lambda ws, r, f, v: ws.set_stage(r.review_id, r.stage, **{f: v}),
    "self_assessments": lambda ws, r, f, v: ws.self_evaluate(r.review_id, r.statement_id,
                                                             respondent=r.respondent, **{f: v}),
    "judgements": lambda ws, r, f, v: ws.judge(r.review_id, r.statement_id, **{f: v}),
    "evidence": lambda ws, r, f, v: ws.update_evidence(r.id, **{f: v}),
    "actions": lambda ws, r, f, v: ws.update_action(r.id, **{f: v}),
    "documents": lambda ws, r, f, v: ws.update_document(r.id, **{f: v}),
    "snapshots": lambda ws, r, f, v: ws.set_snapshot(r.review_id, **{f: v}),
    "followup_visits": lambda ws, r, f, v: ws.update_followup_visit(r.id, **{f: v}),
    "action_checks": lambda ws, r, f, v: ws.check_action(r.visit_id, r.action_id, **{f: v}),
    "feedback": lambda ws, r, f, v: ws.set_feedback(r.review_id, **{f: v}),
    "photos": lambda ws, r, f, v: ws.update_photo(r.id, **{f: v}),
    "visit_slots": lambda ws, r, f, v: ws.update_visit_slot(r.id, **{f: v}),
    "questions": lambda ws, r, f, v: ws.update_question(r.id, **{f: v}),
    "previsit_answers": lambda ws, r, f, v: ws.answer_previsit(r.review_id, r.question_id, v),
    "branding_profiles": lambda ws, r, f, v: ws.update_branding_profile(r.id, **{f: v}),
    "report_drafts": lambda ws, r, f, v: ws.save_report_draft(r.review_id, r.kind, **{f: v}),
    "action_notes": lambda ws, r, f, v: ws.update_action_note(r.id, **{f: v}),
    "report_comments": lambda ws, r, f, v: ws.update_report_comment(r.id, **{f: v}),
}


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def record_of(ws: Workspace, c: FieldConflict) -> Any:
    return ws.store.get(model.KINDS[c.tbl], c.rec)


def describe(ws: Workspace, c: FieldConflict) -> tuple[str, str, str]:
    """(school, which record, which field), in words a reviewer knows."""
    school = ""
    if c.review_id:
        review = ws.store.get(model.Review, c.review_id)
        school = review.school_name if review else ""
    rec = record_of(ws, c)
    field = FIELD_WORDS.get(c.field, c.field.replace("_", " ").capitalize())
    one = LABELS.get(c.tbl, (c.tbl.replace("_", " "), ""))[0]
    where = capitalised(one)
    if rec is None:
        return school, where, field
    if c.tbl == "reviews":
        where = "Review details"
    elif c.tbl in ("judgements", "self_assessments"):
        statement = ""
        try:
            statement = ws.framework_of(ws.review(rec.review_id)).statement(rec.statement_id).text
        except (KeyError, UserError):
            pass
        whose = "your judgement" if c.tbl == "judgements" else "the school's self-evaluation"
        where = f"Statement {rec.statement_id} ({whose})" + (f": {_short(statement, 50)}" if statement else "")
    elif c.tbl == "evidence":
        try:
            kind = model.EvidenceKind(rec.kind).label
        except ValueError:
            kind = "Evidence"
        name = rec.room or rec.title or rec.date or ""
        where = f"{kind}: {_short(name, 50)}" if name else kind
    elif c.tbl in ("actions", "documents", "visit_slots", "branding_profiles"):
        name = getattr(rec, "title", None) or getattr(rec, "name", "")
        where = f"{where}: {_short(name, 50)}" if name else where
    elif c.tbl == "stages":
        try:
            where = f"Stage: {model.Stage(rec.stage).label}"
        except ValueError:
            pass
    elif c.tbl == "questions":
        where = f"Question: {_short(rec.text, 50)}"
    elif c.tbl == "report_drafts":
        where = f"Report draft ({rec.kind})"
    elif c.tbl == "followup_visits" and rec.date:
        where = f"Follow-up visit on {rec.date}"
    return school, where, field


def who(version: Any, own_device: str) -> str:
    """Device ids mean nothing to a reviewer: say whether the version was made here."""
    return "This computer" if version.device == own_device else "Another computer"


def when(version: Any) -> str:
    try:
        millis, _ = hlc.decode(version.hlc)
    except ValueError:
        return ""
    return local_time(millis)


def text_of(version: Any) -> str:
    return "" if version.value is None else str(version.value)


def both(versions: list) -> str:
    """Every different text, the shown one first, a blank line between them."""
    texts: list[str] = []
    for v in versions:
        t = text_of(v).strip()
        if t and t not in texts:
            texts.append(t)
    return "\n\n".join(texts)


def can_settle(c: FieldConflict) -> bool:
    return c.tbl in WRITERS


def settle(ws: Workspace, c: FieldConflict, text: str) -> None:
    """Write the chosen text; writing it, even unchanged, settles the conflict."""
    rec = record_of(ws, c)
    if rec is None:
        raise UserError("That record has been deleted since; there is nothing left to choose.")
    writer = WRITERS.get(c.tbl)
    if writer is None:
        raise UserError("This kind of note cannot be edited in the app yet, so its two versions "
                        "stay side by side. Nothing has been lost.")
    writer(ws, rec, c.field, text)


class VersionBox(QGroupBox):
    keep = Signal(str)

    def __init__(self, version: Any, own_device: str, shown: bool, parent: QWidget | None = None):
        super().__init__(parent)
        source, time = self.tr(who(version, own_device)), when(version)
        title = f"{source} · {time}" if time else source
        if shown:
            title += self.tr(" (shown now)")
        self.setTitle(title)
        self.text = text_of(version)
        layout = QVBoxLayout(self)
        self.view = QPlainTextEdit(self.text, self)
        self.view.setReadOnly(True)
        self.view.setTabChangesFocus(True)
        self.view.setAccessibleName(self.tr("Version from %1").replace("%1", title))
        layout.addWidget(self.view)
        self.button = QPushButton(self.tr("&Keep this one") if shown else self.tr("Keep this one"), self)
        self.button.setAccessibleName(self.tr("Keep the version from %1").replace("%1", title))
        self.button.clicked.connect(lambda: self.keep.emit(self.text))
        layout.addWidget(self.button)


class ConflictsPanel(FitsTheScreen, QDialog):
    """Not modal: the reviewer can look at the review while choosing."""

    settled = Signal(str)   # review id of the settled field

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.conflicts: list[FieldConflict] = []
        self.setWindowTitle(self.tr("Compare versions"))
        self.setAccessibleName(self.tr("Compare versions"))
        self.setModal(False)
        self.resize(1000, 600)
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Two people changed these fields at the same time, so both versions were kept and "
            "nothing was lost. Keep one, or join them and edit the text, then use it. Your "
            "choice reaches colleagues at the next sync."), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(split)
        self.list.setAccessibleName(self.tr("Fields with two versions"))
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.heading = QLabel(right)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleDescription(self.tr("Field being compared"))
        scaled(self.heading, 1.1, bold=True)
        rl.addWidget(self.heading)
        self.versions_area = QScrollArea(right)
        self.versions_area.setWidgetResizable(True)
        self.versions_area.setFrameShape(QFrame.Shape.NoFrame)
        rl.addWidget(self.versions_area, 3)
        merged = QGroupBox(self.tr("Or join them and edit"), right)
        ml = QVBoxLayout(merged)
        self.merged = QPlainTextEdit(merged)
        self.merged.setAccessibleName(self.tr("Joined text"))
        self.merged.setTabChangesFocus(True)  # Tab moves on; it never traps the keyboard
        ml.addWidget(self.merged)
        row = QHBoxLayout()
        self.keep_both = QPushButton(self.tr("Keep &both"), merged)
        self.keep_both.setAccessibleName(self.tr("Keep both: put both versions in the editor"))
        self.keep_both.setToolTip(self.tr("Put both versions in the editor, one after the other"))
        self.use = QPushButton(self.tr("&Use this text"), merged)
        self.use.setAccessibleName(self.tr("Use this text"))
        row.addWidget(self.keep_both)
        row.addStretch(1)
        row.addWidget(self.use)
        ml.addLayout(row)
        rl.addWidget(merged, 2)
        self.message = QLabel(right)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription(self.tr("Compare versions message"))
        rl.addWidget(self.message)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([300, 700])
        outer.addWidget(split, 1)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        outer.addLayout(bottom)
        self.keep_both.clicked.connect(self._fill_both)
        self.use.clicked.connect(lambda: self.choose(self.merged.toPlainText()))

    def reload(self, review_id: str | None = None) -> None:
        """List every conflicted field; select the first of `review_id` when given."""
        current = self.current()
        key = (current.tbl, current.rec, current.field) if current else None
        self.conflicts = self.ws.store.conflicts()
        self.list.blockSignals(True)
        self.list.clear()
        pick = 0
        for i, c in enumerate(self.conflicts):
            school, where, field = describe(self.ws, c)
            item = QListWidgetItem(" · ".join(p for p in (school, where, field) if p), self.list)
            item.setToolTip(item.text())
            if (c.tbl, c.rec, c.field) == key or (review_id and c.review_id == review_id and pick == 0):
                pick = i
        self.list.blockSignals(False)
        if self.conflicts:
            self.list.setCurrentRow(pick)
            self._show(pick)
        else:
            self._show(-1)

    def current(self) -> FieldConflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        old = self.versions_area.takeWidget()
        if old is not None:
            old.deleteLater()
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        c = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        for w in (self.merged, self.keep_both, self.use):
            w.setEnabled(c is not None and can_settle(c))
        if c is None:
            self.heading.setText(self.tr("Nothing to compare: every field has one version."))
            self.merged.clear()
            self.versions_area.setWidget(holder)
            return
        school, where, field = describe(self.ws, c)
        self.heading.setText(f"{field} · {where}" + (f" · {school}" if school else ""))
        own = self.ws.store.device_id
        for i, v in enumerate(c.versions):
            box = VersionBox(v, own, i == 0, holder)
            box.button.setEnabled(can_settle(c))
            box.keep.connect(self.choose)
            layout.addWidget(box)
        self.versions_area.setWidget(holder)
        self._fill_both()
        self.message.setText("" if can_settle(c) else self.tr(
            "This kind of note cannot be edited in the app yet, so both versions stay side by "
            "side. Nothing has been lost."))

    def _fill_both(self) -> None:
        c = self.current()
        self.merged.setPlainText(both(c.versions) if c else "")

    def version_boxes(self) -> list[VersionBox]:
        holder = self.versions_area.widget()
        return holder.findChildren(VersionBox) if holder else []

    def choose(self, text: str) -> None:
        c = self.current()
        if c is None:
            return
        try:
            settle(self.ws, c, text)
        except UserError as exc:
            tell(self.message, str(exc), problem=True)
            return
        tell(self.message, self.tr("Done: that field now has one version."))
        self.settled.emit(c.review_id or "")
        self.reload()


class ConflictBanner(QFrame):
    """"2 fields have two versions: compare them", above an open review."""

    compare = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Fields with two versions"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.button = QPushButton(self.tr("Compare them"), self)
        self.button.setAccessibleName(self.tr("Compare the two versions"))
        self.button.clicked.connect(self.compare)
        layout.addWidget(self.button)
        self.count = 0
        self.hide()

    def show_count(self, count: int) -> None:
        self.count = count
        if count:
            text = (self.tr("⚠ 1 field has two versions, made on two computers at once: "
                            "compare them and keep one or both.") if count == 1 else
                    self.tr("⚠ %1 fields have two versions, made on two computers at once: "
                            "compare them and keep one or both.").replace("%1", str(count)))
            self.label.setText(text)
            self.setAccessibleDescription(text)
        self.setVisible(bool(count))
