"""Stage 2: the school's self-evaluation (the statement grid in school mode) and the
shorter pre-visit form for schools that are not ready to rate themselves yet."""

from __future__ import annotations

from PySide6.QtWidgets import (QLabel, QPlainTextEdit, QScrollArea, QTabWidget, QVBoxLayout,
                               QWidget)

from ...core.changes import Changes
from ...core.guides import previsit_questions
from ..context import ReviewContext
from ..statement_grid import SCHOOL, StatementGrid
from ..style import scaled


class PrevisitForm(QScrollArea):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saver = ctx.saver(self)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Pre-visit form"))
        self.edits: dict[str, QPlainTextEdit] = {}
        self.built_for: str | None = None

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        if self.built_for != b.review.framework_hash:
            self._build(b.framework)
            self.built_for = b.review.framework_hash
        for qid, edit in self.edits.items():
            text = b.previsit.get(qid, "")
            if edit.toPlainText() != text:
                edit.blockSignals(True)
                edit.setPlainText(text)
                edit.blockSignals(False)
        self.saver.reset()

    def _build(self, framework) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(self.tr(
            "Not ready to rate every statement yet? That is fine. Answer these few questions "
            "in your own words instead; the reviewer will use them to plan the visit. "
            "Everything is saved as you type."), body)
        intro.setWordWrap(True)
        scaled(intro, 1.05)
        layout.addWidget(intro)
        self.edits = {}
        for n, q in enumerate(previsit_questions(framework), 1):
            label = QLabel(f"<b>{n}. {q.text}</b>" + (f"<br><i>{q.hint}</i>" if q.hint else ""), body)
            label.setWordWrap(True)
            edit = QPlainTextEdit(body)
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(q.text)
            edit.setMinimumHeight(80)
            edit.setMaximumHeight(140)
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit)
            self.saver.watch(edit, lambda text, qid=q.id: self.ctx.ws.answer_previsit(
                self.ctx.review_id, qid, text))
            self.edits[q.id] = edit
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)


class SelfEvaluationScreen(QTabWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(self.tr("Self-evaluation"))
        self.grid = StatementGrid(ctx, SCHOOL, self)
        self.previsit = PrevisitForm(ctx, self)
        self.addTab(self.grid, self.tr("&Statements"))
        self.addTab(self.previsit, self.tr("&Pre-visit form"))
        self.currentChanged.connect(lambda _i: self.load())

    def load(self) -> None:
        self.currentWidget().load()  # type: ignore[attr-defined]

    def apply(self, changes: Changes) -> None:
        """Show changes made elsewhere (a sync, a partner's file); this screen's own
        edits are on it already."""
        if changes.from_elsewhere:
            self.load()

    def leave(self) -> None:
        self.grid.saver.flush()
        self.previsit.saver.flush()
