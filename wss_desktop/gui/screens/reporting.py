"""Stage 5: reporting. The findings and action plan the report is built from; the draft
of each kind of report (sections, summary paragraphs, large print, branding); the
consistency check; quality assurance (moderator's comments, checking, issuing); and
the PDF, made off the GUI thread with progress and a Stop button."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSettings, QSize, QStandardPaths, Qt, QTime, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.changes import Changes
from ...core import reports
from ...core.errors import UserError
from ...core.model import ReportDraft, ReportKind, ReviewBundle
from ...core.workspace import Workspace
from ..autosave import DraftBox
from ..branding import BrandingEditor
from ..context import ReviewContext
from .accuracy import add_accuracy_tab
from ..forms.ui_reporting import Ui_Reporting
from ..jobs import CancellableJob, start_cancellable
from ..link_evidence import LinkEvidenceDialog
from ..reflow import set_breakpoint
from ..style import scaled
from ..widgets import nice_date, open_file, tell
from .actions import ActionsEditor, findings_html
from ..choosers import FileChooser

# The summary paragraphs each kind prints (see core/reports: full.py, summary.py, ...).
KIND_PARAGRAPHS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.FULL: ("overview", "strengths", "development", "next_steps"),
    ReportKind.SUMMARY: ("overview", "strengths", "development"),
    ReportKind.SELF_EVALUATION: ("next_steps",),
    ReportKind.FOLLOW_UP: ("next_steps",),
}
# Kinds whose next steps, left empty, are written by the report itself from the
# self-evaluation or the actions (default_paragraphs drafts the review's version).
OWN_NEXT_STEPS = {ReportKind.SELF_EVALUATION: "the statements still to be self-evaluated",
                  ReportKind.FOLLOW_UP: "the actions still open and the date of the next review"}
PARAGRAPH_MNEMONIC = {"overview": "&Overview", "strengths": "&Strengths",
                      "development": "&Areas for development", "next_steps": "Ne&xt steps"}


def draft_pdf_path(ws: Workspace, review_id: str, kind: str, large_print: bool) -> Path:
    """Where the latest PDF of a report is written for the viewer: a private folder
    outside the data folder, removed when the app closes (issued copies are kept,
    encrypted, with the review)."""
    return ws.draft_pdf_path(review_id, kind, large_print)


class WrappingDelegate(QStyledItemDelegate):
    """Rows of a one-column tree as tall as their wrapped text (Qt's own size hint
    counts one line, so long messages would be cut short)."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree
        tree.viewport().installEventFilter(self)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt name)
        size = super().sizeHint(option, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self.tree.viewport().width() - self.tree.indentation() * (depth + 1) - 12
        text = str(index.data() or "")
        rect = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 100), 100_000),
                                               Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), rect.height() + 6))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize:
            self.tree.doItemsLayout()
        return False


class GrowingTextEdit(QPlainTextEdit):
    """A text box as tall as its text (within limits), so several fit on one screen."""

    MIN_LINES, MAX_LINES = 3, 14

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.textChanged.connect(self._fit)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # The plain-text layout measures the document in (wrapped) lines.
        lines = self.document().documentLayout().documentSize().height()
        lines = max(self.MIN_LINES, min(self.MAX_LINES, int(lines) + 1))
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin()
                  + margins.top() + margins.bottom())
        if self.height() != height:
            self.setFixedHeight(int(height))


class ParagraphEditor(QWidget):
    """One summary paragraph: drafted from the judgements until the reviewer edits it."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        top = QHBoxLayout()
        self.label = QLabel(self.tr(PARAGRAPH_MNEMONIC[key]) + ":", self)
        scaled(self.label, 1.05, bold=True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.reset = QPushButton(self.tr("Use the drafted text again"), self)
        self.reset.setAccessibleName(self.tr("Use the drafted text again for %1")
                                     .replace("%1", reports.PARAGRAPHS[key].lower()))
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(self.reset)
        layout.addLayout(top)
        layout.addWidget(self.status)
        self.edit = GrowingTextEdit(self)
        self.edit.setAccessibleName(reports.PARAGRAPHS[key])
        self.edit.setTabChangesFocus(True)
        self.label.setBuddy(self.edit)
        layout.addWidget(self.edit)

    def show_state(self, own: bool, drafted_elsewhere: str | None) -> None:
        if own:
            self.status.setText(self.tr("✎ Your own words"))
        elif drafted_elsewhere:
            self.status.setText(self.tr("Drafted by the report from %1").replace("%1", drafted_elsewhere))
        else:
            self.status.setText(self.tr("Drafted from the judgements; it follows them until you edit it"))
        self.reset.setEnabled(own)


class ReportingScreen(QWidget):
    navigate = Signal(str, str)   # "statement" | "area", its id: show it in the judgements grid

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.ui = Ui_Reporting()
        self.ui.setupUi(self)
        set_breakpoint(self.ui.draftLayout, 760)   # narrower: the choices sit above the text
        ui = self.ui
        self.saver = ctx.saver(self)
        self.kind = ReportKind.FULL
        self.job: CancellableJob | None = None
        self.making_word = False       # the report being made (or last made) is a Word copy
        self.last_result: reports.ReportResult | None = None
        self.previous_check: dict[str, tuple[str, str | None]] = {}
        self.section_boxes: dict[str, QCheckBox] = {}
        self._sections_kind: ReportKind | None = None

        self.findings = ui.findings
        self.actions = ActionsEditor(ctx, follow_up=False, parent=ui.findingsSplitter)
        ui.findingsSplitter.setSizes([300, 340])

        for kind in ReportKind:
            ui.kind.addItem(self.tr(kind.label), kind.value)
        ui.kind.currentIndexChanged.connect(self._kind_changed)
        scaled(ui.state, 1.0, bold=True)

        self.paragraphs: dict[str, ParagraphEditor] = {}
        for key in reports.PARAGRAPHS:
            editor = ParagraphEditor(key, ui.paragraphsBody)
            ui.paragraphsLayout.addWidget(editor)
            self.paragraphs[key] = editor
            self.saver.watch(editor.edit, lambda text, key=key: self._save_draft(**{key: text}))
            editor.reset.clicked.connect(lambda _c=False, key=key: self.use_drafted(key))
        # A comment written but not yet added is kept (per report kind) until it is added.
        self.comment_box = DraftBox(self.saver, ui.commentText, self.ws, ctx.review_id,
                                    lambda: f"report-comment:{self.kind.value}")
        self.paragraph_note = QLabel(ui.paragraphsBody)
        self.paragraph_note.setWordWrap(True)
        ui.paragraphsLayout.addWidget(self.paragraph_note)
        ui.paragraphsLayout.addStretch(1)
        ui.largePrint.toggled.connect(lambda on: self._instant_draft(large_print=on))
        ui.branding.activated.connect(
            lambda _i: self._instant_draft(branding_profile_id=ui.branding.currentData() or None))
        ui.editBrandingButton.clicked.connect(lambda: ui.tabs.setCurrentWidget(ui.brandingTab))

        ui.findingsList.itemClicked.connect(self._finding_chosen)
        ui.findingsList.itemActivated.connect(self._finding_chosen)
        ui.findingsList.setIndentation(14)
        # Messages wrap rather than being cut short: the one column spans the list.
        ui.findingsList.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.findingsList.setTextElideMode(Qt.TextElideMode.ElideNone)
        ui.findingsList.setItemDelegate(WrappingDelegate(ui.findingsList))
        ui.checkAgainButton.clicked.connect(lambda: self.run_check())
        ui.findingsList.currentItemChanged.connect(lambda *_: self._show_link_button())
        ui.linkEvidenceButton.clicked.connect(self._link_chosen)
        # A fix made anywhere (here, or in another stage's screen) shows at once: the
        # check is run again whenever something is saved while this screen is open.
        ctx.edited.connect(self._data_changed)
        ui.tabs.currentChanged.connect(self._tab_changed)
        self.link_dialog: LinkEvidenceDialog | None = None

        ui.comments.currentItemChanged.connect(lambda *_: self._show_resolve_button())
        ui.comments.itemActivated.connect(self._comment_activated)
        ui.resolveButton.clicked.connect(self._toggle_resolved)
        ui.addCommentButton.clicked.connect(self.add_comment)
        ui.markCheckedButton.clicked.connect(self.mark_checked)
        ui.personName.returnPressed.connect(self.mark_checked)
        ui.clearCheckButton.clicked.connect(self._clear_check)
        ui.issueButton.clicked.connect(self.issue)
        ui.issuedList.itemActivated.connect(self._open_issued)
        ui.openIssuedButton.clicked.connect(lambda: self._open_issued(ui.issuedList.currentItem()))

        self.accuracy = add_accuracy_tab(ctx, ui.tabs)
        self.branding_editor = BrandingEditor(ctx, ui.brandingTab)
        ui.brandingLayout.addWidget(self.branding_editor)
        self.branding_editor.changed.connect(self._fill_branding)

        ui.generateButton.clicked.connect(lambda: self.generate())
        ui.wordButton.clicked.connect(lambda: self.ask_where(word=True))
        ui.saveAsButton.clicked.connect(lambda: self.ask_where(word=False))
        ui.cancelButton.clicked.connect(self.cancel)
        self.save_dialog: QFileDialog | None = None
        # Window-wide while this screen is shown, so they work wherever the focus is
        # (Ctrl+Shift+S is the Sync menu's, so Save as is Ctrl+Shift+A).
        for keys, act in (("Ctrl+G", lambda: self.generate()),
                          ("Ctrl+Shift+G", lambda: self.ask_where(word=True)),
                          ("Ctrl+Shift+A", lambda: self.ask_where(word=False))):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(act)
        self.saver.saved.connect(self._after_save)
        ui.comments.setSpacing(3)
        ui.issuedList.setSpacing(2)
        self.say("")
        self._busy(False)

    # --- loading --------------------------------------------------------------------------

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        self.findings.setHtml(findings_html(b))
        self.actions.load()
        self._load_draft(b)
        self.run_check(b)
        self.branding_editor.load()

    def apply(self, changes: Changes) -> None:
        """Show changes made elsewhere (a sync, a partner's file); this screen's own
        edits are on it already."""
        if changes.from_elsewhere:
            self.load()

    def leave(self) -> None:
        self.saver.flush()
        self.actions.leave()
        self.branding_editor.leave()

    def draft(self) -> ReportDraft:
        return self.ws.report_draft(self.ctx.review_id, self.kind.value)

    def _kind_changed(self, _index: int) -> None:
        self.saver.flush()   # typing goes to the kind it was typed for
        self.kind = ReportKind(self.ui.kind.currentData())
        self.ui.checkMessage.setText("")
        self._load_draft(self.ctx.bundle())

    def _load_draft(self, b: ReviewBundle) -> None:
        ui = self.ui
        draft = self.draft()
        self._build_sections()
        chosen = None if draft.sections is None else set(draft.sections)
        for sid, box in self.section_boxes.items():
            box.blockSignals(True)
            box.setChecked(chosen is None or sid in chosen)
            box.blockSignals(False)
        ui.largePrint.blockSignals(True)
        ui.largePrint.setChecked(bool(draft.large_print))
        ui.largePrint.blockSignals(False)
        self._fill_branding()
        drafted = reports.default_paragraphs(b)
        shown = KIND_PARAGRAPHS[self.kind]
        for key, editor in self.paragraphs.items():
            editor.setVisible(key in shown)
            own = getattr(draft, key)
            elsewhere = OWN_NEXT_STEPS.get(self.kind) if key == "next_steps" else None
            text = own if own.strip() else ("" if elsewhere else drafted[key])
            if editor.edit.toPlainText() != text:
                editor.edit.setPlainText(text)
            editor.edit.setPlaceholderText(
                self.tr("Leave this empty and the report writes it from %1.").replace("%1", elsewhere)
                if elsewhere else self.tr("Leave this empty and the report uses the drafted text."))
            editor.show_state(bool(own.strip()), elsewhere)
        self.paragraph_note.setText(
            self.tr("The summary keeps the first points of each paragraph, so that it fits on two pages.")
            if self.kind == ReportKind.SUMMARY else
            self.tr("Write in plain text: a blank line starts a new paragraph, and a line starting "
                    "with “- ” is a bullet point."))
        self.comment_box.show()
        self.saver.reset()
        self._load_qa()

    def _build_sections(self) -> None:
        if self._sections_kind == self.kind:
            return
        self._sections_kind = self.kind
        layout = self.ui.sectionsLayout
        for box in self.section_boxes.values():
            layout.removeWidget(box)
            box.deleteLater()
        self.section_boxes = {}
        for sid, heading in reports.SECTIONS[self.kind]:
            box = QCheckBox(self.tr(heading), self.ui.sectionsBox)
            box.setAccessibleName(self.tr("Include %1").replace("%1", heading))
            box.toggled.connect(lambda _on: self._sections_changed())
            layout.addWidget(box)
            self.section_boxes[sid] = box

    def _fill_branding(self) -> None:
        combo = self.ui.branding
        profiles = sorted(self.ws.branding_profiles(), key=lambda p: p.name.lower())
        default = next((p for p in profiles if p.is_default), None)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("The default profile (%1)").replace("%1", default.name) if default
                      else self.tr("Plain (no branding)"), "")
        for p in profiles:
            combo.addItem(p.name, p.id)
        wanted = self.draft().branding_profile_id or ""
        combo.setCurrentIndex(max(0, combo.findData(wanted)))
        combo.blockSignals(False)

    # --- saving the draft --------------------------------------------------------------------

    def _save_draft(self, **values: object) -> None:
        self.ws.save_report_draft(self.ctx.review_id, self.kind.value, **values)

    def _instant_draft(self, **values: object) -> bool:
        return self.saver.instant(lambda: self._save_draft(**values))

    def _sections_changed(self) -> None:
        chosen = [sid for sid, box in self.section_boxes.items() if box.isChecked()]
        # Every section ticked is saved as "all", so sections added later are included.
        self._instant_draft(sections=None if len(chosen) == len(self.section_boxes) else chosen)

    def use_drafted(self, key: str) -> None:
        editor = self.paragraphs[key]
        if self._instant_draft(**{key: ""}):
            self._load_draft(self.ctx.bundle())
            editor.edit.setFocus()

    def _after_save(self) -> None:
        draft = self.draft()
        for key, editor in self.paragraphs.items():
            elsewhere = OWN_NEXT_STEPS.get(self.kind) if key == "next_steps" else None
            editor.show_state(bool(getattr(draft, key).strip()), elsewhere)
        self._load_qa()

    # --- the consistency check -------------------------------------------------------------

    def run_check(self, b: ReviewBundle | None = None) -> list[reports.Finding]:
        findings = reports.consistency_check(b or self.ctx.bundle())
        tree = self.ui.findingsList
        was = tree.currentItem()
        key = ((was.data(0, Qt.ItemDataRole.UserRole + 1), was.data(0, Qt.ItemDataRole.UserRole))
               if was is not None else None)
        current = None
        tree.clear()
        groups: dict[reports.FindingKind, QTreeWidgetItem] = {}
        bold = QFont(tree.font())
        bold.setBold(True)
        for f in findings:
            group = groups.get(f.kind)
            if group is None:
                group = groups[f.kind] = QTreeWidgetItem(tree)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(group, [f.message])
            target = (("school-statement", f.statement_id)
                      if f.kind is reports.FindingKind.SCHOOL_RATING_TEXT else
                      ("statement", f.statement_id) if f.statement_id else
                      ("action", f.action_id) if f.action_id else
                      ("area", f.area_id) if f.area_id else None)
            item.setData(0, Qt.ItemDataRole.UserRole, target)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, f.kind.value)
            tip = self.tr("Click or press Enter to go there.")
            if f.kind is reports.FindingKind.NO_EVIDENCE:
                tip += " " + self.tr("Or press Link evidence to choose the evidence here.")
            item.setToolTip(0, f.message + "\n\n" + tip)
            if key == (f.kind.value, target):
                current = item
        for kind, group in groups.items():
            group.setText(0, f"{self.tr(kind.label)} ({group.childCount()})")
        tree.expandAll()
        if current is not None:
            tree.setCurrentItem(current)
        self._show_link_button()
        n = len(findings)
        tabs = self.ui.tabs
        tabs.setTabText(tabs.indexOf(self.ui.checkTab),
                        self.tr("Consistency &check (%1)").replace("%1", str(n)) if n
                        else self.tr("Consistency &check ✓"))
        when = QTime.currentTime().toString("HH:mm")
        self.ui.checkSummary.setText(
            self.tr("%1 to look at again (checked at %2).").replace("%1", self._count(
                n, "thing", "things")).replace("%2", when) if n
            else self.tr("✓ Nothing to look at again (checked at %1). Well done.").replace("%1", when))
        return findings

    def _data_changed(self) -> None:
        if self.isVisible() and self.job is None:
            self.run_check()

    def _tab_changed(self, _index: int) -> None:
        if self.ui.tabs.currentWidget() is self.ui.checkTab:
            self.saver.flush()
            self.run_check()

    def _chosen_statement_without_evidence(self) -> str | None:
        item = self.ui.findingsList.currentItem()
        if item is None or item.data(0, Qt.ItemDataRole.UserRole + 1) != \
                reports.FindingKind.NO_EVIDENCE.value:
            return None
        target = item.data(0, Qt.ItemDataRole.UserRole)
        return target[1] if target and target[0] == "statement" else None

    def _show_link_button(self) -> None:
        sid = self._chosen_statement_without_evidence()
        button = self.ui.linkEvidenceButton
        button.setEnabled(sid is not None)
        button.setToolTip(self.tr("Choose the evidence statement %1 rests on").replace("%1", sid)
                          if sid else self.tr("Choose a finding with no evidence first"))

    def _link_chosen(self) -> None:
        sid = self._chosen_statement_without_evidence()
        if sid is not None:
            self.link_evidence(sid)

    def link_evidence(self, statement_id: str) -> LinkEvidenceDialog:
        """Open the dialog that links evidence to a statement (saved when it is accepted)."""
        self.saver.flush()
        dialog = LinkEvidenceDialog(self.ctx.bundle(), statement_id, self)
        self.link_dialog = dialog
        dialog.accepted.connect(lambda: self._save_links(statement_id, dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save_links(self, statement_id: str, chosen: list[str]) -> None:
        b = self.ctx.bundle()
        before = {e.id for e in b.evidence_for_statement(statement_id)}

        def save() -> None:
            for eid in set(chosen) ^ before:
                statements = [s for s in b.statements_of(eid) if s != statement_id]
                if eid in chosen:
                    statements.append(statement_id)
                self.ws.set_links("evidence", eid, "statement", statements)

        if self.saver.instant(save):
            self.run_check()
            n = len(chosen)
            self.ui.checkSummary.setText(
                self.ui.checkSummary.text() + " " +
                (self.tr("Statement %1 now cites %2.").replace("%1", statement_id).replace(
                    "%2", self._count(n, "piece of evidence", "pieces of evidence")) if n else
                 self.tr("Statement %1 has no evidence linked.").replace("%1", statement_id)))
            self.ui.findingsList.setFocus()

    def _finding_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if target:
            self.go_to(*target)

    def go_to(self, kind: str, target_id: str) -> None:
        if kind == "action":
            # The action plan is drafted here, so an action is shown in this stage.
            self.ui.tabs.setCurrentWidget(self.ui.findingsTab)
            self.actions.show_action(target_id)
        else:
            self.navigate.emit(kind, target_id)

    # --- quality assurance ------------------------------------------------------------------

    def _load_qa(self) -> None:
        ui = self.ui
        rid = self.ctx.review_id
        draft = self.draft()
        kind = self.kind.value
        if draft.checked_by:
            self.previous_check[kind] = (draft.checked_by, draft.checked_on)
            short = self.tr("✓ Checked by %1 on %2")
            long = self.tr("✓ <b>Checked</b> by %1 on %2. The PDF no longer carries the DRAFT "
                           "watermark, and the report can be issued to the school.")
            for label, text in ((ui.state, short), (ui.qaState, long)):
                label.setText(text.replace("%1", escape(draft.checked_by))
                              .replace("%2", nice_date(draft.checked_on)))
        else:
            issued = [r for r in self.ws.issued_reports(rid) if r.kind == kind]
            before = self.previous_check.get(kind) or (
                (draft.last_checked_by, draft.last_checked_on) if draft.last_checked_by else None)
            if before:
                since = self.tr("it changed after %1 checked it on %2").replace(
                    "%1", escape(before[0])).replace("%2", nice_date(before[1]))
            elif issued:
                since = self.tr("it changed after the copy issued on %1").replace(
                    "%1", nice_date(issued[0].issued_on))
            else:
                since = ""
            if since:
                ui.state.setText(self.tr("⚠ Needs checking again"))
                ui.qaState.setText(self.tr("⚠ <b>Needs checking again</b>: %1. Until someone marks it "
                                           "checked, the PDF carries a DRAFT watermark.").replace("%1", since))
            else:
                ui.state.setText(self.tr("✎ Draft for checking"))
                ui.qaState.setText(self.tr("✎ <b>Draft for checking.</b> The PDF carries a DRAFT "
                                           "watermark until a colleague reads it and marks it checked."))
        ui.clearCheckButton.setEnabled(bool(draft.checked_by))
        ui.markCheckedButton.setEnabled(not draft.checked_by)
        self._load_comments()
        self._load_issued()
        self._busy(self.job is not None)

    def _load_comments(self) -> None:
        lst = self.ui.comments
        current = lst.currentItem().data(Qt.ItemDataRole.UserRole) if lst.currentItem() else None
        comments = self.ws.report_comments(self.ctx.review_id, self.kind.value)
        comments.sort(key=lambda c: (c.resolved, c.created or ""))
        lst.blockSignals(True)
        lst.clear()
        for c in comments:
            about = (self.tr(" · statement %1").replace("%1", c.target_id)
                     if c.target_kind == "statement" and c.target_id else "")
            if c.resolved:
                head = self.tr("✓ Resolved by %1 on %2").replace("%1", c.resolved_by or "") \
                    .replace("%2", nice_date(c.resolved_on))
            else:
                head = self.tr("● Open")
            item = QListWidgetItem(f"{head} · {c.author}{about}\n{c.text}", lst)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, c.resolved)
            item.setData(Qt.ItemDataRole.UserRole + 2,
                         c.target_id if c.target_kind == "statement" else None)
            if c.id == current:
                lst.setCurrentItem(item)
        if lst.currentItem() is None and lst.count():
            lst.setCurrentRow(0)   # the first open comment, ready to resolve
        lst.blockSignals(False)
        open_count = sum(1 for c in comments if not c.resolved)
        self.ui.commentsBox.setTitle(
            self.tr("Moderator's comments (%1 open)").replace("%1", str(open_count)) if comments
            else self.tr("Moderator's comments"))
        self._show_resolve_button()

    def _show_resolve_button(self) -> None:
        item = self.ui.comments.currentItem()
        button = self.ui.resolveButton
        button.setEnabled(item is not None)
        resolved = bool(item and item.data(Qt.ItemDataRole.UserRole + 1))
        button.setText(self.tr("Reo&pen") if resolved else self.tr("Mark resol&ved"))

    def _name(self, message: str) -> str | None:
        name = self.ui.personName.text().strip()
        if not name:
            self.ui.personName.setFocus()
            self.ui.checkMessage.setText("⚠ " + message)
        return name or None

    def add_comment(self) -> None:
        ui = self.ui
        text = ui.commentText.toPlainText().strip()
        if not text:
            ui.commentHint.setText(self.tr("⚠ Write the comment first."))
            ui.commentText.setFocus()
            return
        author = self._name(self.tr("Write your name, so the reviewer knows who the comment is from."))
        if author is None:
            return
        statement = ui.commentStatement.text().strip() or None
        if statement and statement not in {s.id for s in self.ctx.bundle().framework.statements()}:
            ui.commentHint.setText(self.tr("⚠ %1 is not a statement number in this framework.")
                                   .replace("%1", statement))
            ui.commentStatement.setFocus()
            return
        try:
            self.ws.add_report_comment(self.ctx.review_id, self.kind.value, text, author,
                                       target_kind="statement" if statement else None,
                                       target_id=statement)
        except UserError as exc:
            ui.commentHint.setText("⚠ " + str(exc))
            return
        self.comment_box.added()
        ui.commentStatement.clear()
        ui.commentHint.setText(self.tr("Comment added."))
        ui.checkMessage.setText("")
        self.saver.saved.emit()

    def _toggle_resolved(self) -> None:
        item = self.ui.comments.currentItem()
        if item is None:
            return
        resolved = bool(item.data(Qt.ItemDataRole.UserRole + 1))
        name = self.ui.personName.text().strip()
        if not resolved and not name:
            self._name(self.tr("Write your name, so others can see who resolved the comment."))
            return
        try:
            self.ws.resolve_report_comment(item.data(Qt.ItemDataRole.UserRole), name,
                                           resolved=not resolved)
        except UserError as exc:
            self.ui.commentHint.setText("⚠ " + str(exc))
            return
        self.ui.commentHint.setText(self.tr("Comment reopened.") if resolved else self.tr("Comment resolved."))
        self.ui.checkMessage.setText("")
        self.saver.saved.emit()

    def _comment_activated(self, item: QListWidgetItem) -> None:
        statement = item.data(Qt.ItemDataRole.UserRole + 2)
        if statement:
            self.go_to("statement", statement)

    def mark_checked(self) -> None:
        name = self._name(self.tr("Write your name, so the report can say who checked it."))
        if name is None:
            return
        self.saver.flush()
        try:
            self.ws.mark_report_checked(self.ctx.review_id, self.kind.value, name)
        except UserError as exc:
            self.ui.checkMessage.setText("⚠ " + str(exc))
            return
        self.ui.checkMessage.setText(self.tr("Thank you. Make the PDF again to see it without the watermark."))
        self.saver.saved.emit()

    def _clear_check(self) -> None:
        if self.saver.instant(lambda: self.ws.clear_report_check(self.ctx.review_id, self.kind.value)):
            self.ui.checkMessage.setText("")

    def _load_issued(self) -> None:
        lst = self.ui.issuedList
        lst.clear()
        folder = self.ws.paths.issued_reports / self.ctx.review_id
        for r in self.ws.issued_reports(self.ctx.review_id):
            try:
                label = ReportKind(r.kind).label
            except ValueError:
                label = r.kind
            bits = [nice_date(r.issued_on), self.tr(label)]
            if r.pages:
                bits.append(self._count(r.pages, "page", "pages"))
            if r.checked_by:
                bits.append(self.tr("checked by %1").replace("%1", r.checked_by))
            if r.large_print:
                bits.append(self.tr("large print"))
            item = QListWidgetItem(" · ".join(bits), lst)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(str(folder / r.file_name))
        self.ui.openIssuedButton.setEnabled(lst.count() > 0)
        if lst.count() and lst.currentRow() < 0:
            lst.setCurrentRow(0)

    def _open_issued(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        report = next((r for r in self.ws.issued_reports(self.ctx.review_id)
                       if r.id == item.data(Qt.ItemDataRole.UserRole)), None)
        path = self.ws.paths.issued_reports / self.ctx.review_id / (report.file_name if report else "")
        try:
            # The kept copy is encrypted: the viewer gets a decrypted copy outside the data folder.
            viewable = self.ws.issued_pdf_to_view(report) if report else None
        except (OSError, UserError):
            viewable = None
        if viewable is None:
            self.say(self.tr("⚠ The issued copy %1 is no longer there; it may have been moved or deleted.")
                     .replace("%1", escape(str(path))))
            return
        open_file(viewable)

    def issue(self) -> None:
        if not self.draft().checked_by:
            self.ui.checkMessage.setText(self.tr("⚠ Mark the report checked before issuing it."))
            return
        # Made afresh, so the copy issued is exactly the checked report, without the watermark.
        self.generate(then_issue=True)

    def _issue_file(self, result: reports.ReportResult) -> None:
        try:
            record = self.ws.issue_report(self.ctx.review_id, result.kind.value, result.path, result.pages)
        except (UserError, OSError) as exc:
            self.say("⚠ " + escape(str(exc)))
            return
        self.saver.saved.emit()
        copy = self.ws.paths.issued_reports / self.ctx.review_id / record.file_name
        self.say(self.tr("✓ Issued on %1. A dated copy is kept, encrypted, with the review: %2")
                 .replace("%1", nice_date(record.issued_on)).replace("%2", escape(str(copy)))
                 + self._warnings(result))
        open_file(result.path)

    # --- making the PDF -----------------------------------------------------------------------

    def _count(self, n: int, one: str, many: str) -> str:
        return f"{n} {self.tr(one) if n == 1 else self.tr(many)}"

    def say(self, html: str) -> None:
        tell(self.ui.message, html, problem=html.startswith("⚠"))

    def _busy(self, busy: bool) -> None:
        ui = self.ui
        ui.progress.setVisible(busy)
        ui.cancelButton.setVisible(busy)
        ui.cancelButton.setEnabled(busy)
        ui.generateButton.setEnabled(not busy)
        ui.wordButton.setEnabled(not busy)
        ui.saveAsButton.setEnabled(not busy)
        ui.kind.setEnabled(not busy)
        checked = bool(self.draft().checked_by)
        ui.issueButton.setEnabled(checked and not busy)
        ui.issueHint.setText(
            self.tr("Makes the PDF afresh and keeps a dated copy with the review.") if checked
            else self.tr("A report can be issued once it has been marked checked."))

    def generate(self, *, then_issue: bool = False, target: Path | None = None) -> bool:
        """Make the chosen report on the thread pool: the PDF in the review's drafts
        folder, or at `target` (a Word copy when it ends in .docx). False if one is
        already being made or the choices cannot be read."""
        if self.job is not None:
            return False
        self.saver.flush()
        rid = self.ctx.review_id
        try:
            bundle = self.ctx.bundle()
            options = reports.options_for(self.ws, rid, self.kind.value)
            path = target or draft_pdf_path(self.ws, rid, self.kind.value, options.large_print)
            if target is None:      # the review's drafts folder; a place chosen is checked by the core
                path.parent.mkdir(parents=True, exist_ok=True)
        except (UserError, OSError) as exc:
            self.say("⚠ " + escape(str(exc)))
            return False
        word = self.making_word = path.suffix.lower() == ".docx"
        render = reports.render_docx if word else reports.render

        def work(progress, cancelled) -> reports.ReportResult:
            return render(bundle, options, path, progress=progress, cancelled=cancelled)

        self.ui.progress.setRange(0, 0)
        self.say((self.tr("Making the Word copy of the %1…") if word else self.tr("Making the %1…"))
                 .replace("%1", self.tr(self.kind.label).lower()))
        self.job = start_cancellable(
            work, on_progress=self._progress,
            on_done=lambda result: self._done(result, then_issue),
            on_failed=self._failed, on_cancelled=self._cancelled, parent=self)
        self._busy(True)
        return True

    # --- saving where the reviewer chooses -----------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings(str(self.ws.paths.root / "window.ini"), QSettings.Format.IniFormat)

    def last_folder(self) -> Path:
        """The folder a report was last saved in (the Documents folder the first time)."""
        saved = self._settings().value("reports/last_folder", "")
        if saved and Path(str(saved)).is_dir():
            return Path(str(saved))
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs) if docs and Path(docs).is_dir() else Path.home()

    def suggested_name(self, word: bool) -> str:
        school = self.ctx.bundle().review.school_name
        safe = "".join(ch for ch in school if ch not in '<>:"/\\|?*').strip() or "Review"
        return f"{safe} - {self.kind.label}{'.docx' if word else '.pdf'}"

    def ask_where(self, *, word: bool) -> QFileDialog | None:
        """Ask where to save the report (a PDF, or a Word copy with `word`); the file is
        made when the reviewer chooses. The dialog opens in the last folder used."""
        if self.job is not None:
            return None
        pdf, docx = self.tr("PDF document (*.pdf)"), self.tr("Word document (*.docx)")
        dialog = FileChooser(self, self.tr("Save the Word copy as") if word
                             else self.tr("Save the report as"), str(self.last_folder()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([docx, pdf] if word else [pdf, docx])
        dialog.setDefaultSuffix("docx" if word else "pdf")
        dialog.selectFile(self.suggested_name(word))
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("docx" if chosen == docx else "pdf"))
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.save_dialog = dialog
        dialog.open()
        return dialog

    def save_to(self, path: Path) -> bool:
        """Make the report at `path` (a Word copy for .docx, else a PDF), and remember
        the folder for next time."""
        if path.suffix.lower() not in (".pdf", ".docx"):
            path = path.with_name(path.name + ".pdf")
        settings = self._settings()
        settings.setValue("reports/last_folder", str(path.parent))
        settings.sync()
        return self.generate(target=path)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.ui.cancelButton.setEnabled(False)
            self.say(self.tr("Stopping…"))

    def is_busy(self) -> bool:
        return self.job is not None

    def _progress(self, done: int, total: int, message: str) -> None:
        if self.job is None or self.job.stop.is_set():
            return
        bar = self.ui.progress
        if total > 0:
            bar.setRange(0, total)
            bar.setValue(done)
        else:
            bar.setRange(0, 0)
        if message:
            self.say(escape(message) + "…")

    def _warnings(self, result: reports.ReportResult) -> str:
        if not result.warnings:
            return ""
        return ("<br>" + self.tr("Worth knowing:") + "<ul>"
                + "".join(f"<li>{escape(w)}</li>" for w in result.warnings) + "</ul>")

    def _done(self, result: reports.ReportResult, then_issue: bool) -> None:
        self.job = None
        self.last_result = result
        self._busy(False)
        if then_issue:
            self._issue_file(result)
            return
        opened = open_file(result.path)
        if result.path.suffix.lower() == ".docx":
            self.say((self.tr("✓ The Word copy is ready and has opened.") if opened else
                      self.tr("✓ The Word copy is ready.")) + " "
                     + self.tr("It is saved as %1").replace("%1", escape(str(result.path)))
                     + self._warnings(result))
            return
        pages = self._count(result.pages, "page", "pages")
        text = (self.tr("✓ The PDF is ready (%1) and has opened in your PDF viewer.").replace("%1", pages)
                if opened else self.tr("✓ The PDF is ready (%1).").replace("%1", pages))
        self.say(text + " " + self.tr("It is saved as %1").replace("%1", escape(str(result.path)))
                 + self._warnings(result))

    def _failed(self, message: str) -> None:
        self.job = None
        self._busy(False)
        self.say((self.tr("⚠ The Word copy could not be made. %1") if self.making_word
                  else self.tr("⚠ The PDF could not be made. %1")).replace("%1", escape(message)))

    def _cancelled(self) -> None:
        self.job = None
        self._busy(False)
        self.say(self.tr("Stopped. No Word copy was written; press Make a Word copy to start again.")
                 if self.making_word else
                 self.tr("Stopped. No PDF was written; press Make the PDF to start again."))
