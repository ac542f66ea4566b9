"""Many voices, in the preparation stage: surveys handed out and collected back, and
respondent groups compared (teachers against teaching assistants).

Two tabs added to the preparation screen by `add_voice_tabs`. The survey tab makes a
questionnaire (PDF, spreadsheet or a forms-service CSV), imports returns with a preview
of exactly what will be stored (counts per answer, and the names found in comments,
each ticked for removal), and has a grid for answers typed in from paper. The groups
tab lists each statement's middle answer per group and the gap, widest first.
"""

from __future__ import annotations

from pathlib import Path
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from ...core import gaps, surveys
from ...core.errors import UserError
from ..context import ReviewContext
from .. import choosers
from ..widgets import tell

# What can be made, and the file ending each needs.
FORMATS = (("pdf", "Printable PDF", ".pdf"), ("pdf-large", "Printable PDF, large print", ".pdf"),
           ("xlsx", "Spreadsheet, one row per person (XLSX)", ".xlsx"),
           ("microsoft", "Microsoft Forms CSV header", ".csv"),
           ("google", "Google Forms CSV header", ".csv"))


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class SurveysPanel(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pending: surveys.Returns | None = None
        # The questionnaire (group, easy read) the paper grid is for, and that of the
        # answers previewed from it: what is typed is kept as it is typed (Workspace.
        # keep_paper_draft) until it is saved.
        self.paper_key: tuple[str, bool] | None = None
        self.pending_paper: tuple[str, bool] | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(_label(self.tr(
            "Hand out a questionnaire to pupils, parents and carers, staff or outside "
            "professionals, then bring the answers back here. Answers are anonymous: no names "
            "are kept, and names written in comments are taken out before saving."), self))
        # Who and how
        form = QFormLayout()
        self.group = QComboBox(self)
        self.group.setAccessibleName(self.tr("Who answers the survey"))
        form.addRow(self.tr("&Who answers:"), self.group)
        form.labelForField(self.group).setBuddy(self.group)
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Kind of questionnaire to make"))
        for key, text, _ in FORMATS:
            self.format.addItem(self.tr(text), key)
        form.addRow(self.tr("&Make as:"), self.format)
        form.labelForField(self.format).setBuddy(self.format)
        outer.addLayout(form)
        row = QHBoxLayout()
        self.make_button = QPushButton(self.tr("Make the q&uestionnaire…"), self)
        self.make_button.setAccessibleName(self.tr("Make the questionnaire and save it as a file"))
        self.make_button.clicked.connect(self._make_clicked)
        self.import_button = QPushButton(self.tr("&Import returns…"), self)
        self.import_button.setAccessibleName(self.tr("Import returns from an XLSX or CSV file"))
        self.import_button.clicked.connect(self._import_clicked)
        self.paper_button = QPushButton(self.tr("Type in from &paper"), self)
        self.paper_button.setAccessibleName(self.tr("Type in answers from paper questionnaires"))
        self.paper_button.clicked.connect(self.start_paper)
        for b in (self.make_button, self.import_button, self.paper_button):
            row.addWidget(b)
        row.addStretch(1)
        outer.addLayout(row)
        self.message = _label("", self)
        self.message.setAccessibleDescription(self.tr("Survey message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message)
        # Paper grid
        self.paper = QGroupBox(self.tr("Answers typed in from paper"), self)
        pl = QVBoxLayout(self.paper)
        self.paper_help = _label(self.tr(
            "One row per questionnaire. Type an answer's number (1 for the first choice) or "
            "its first letters; Tab moves on, and a new row appears after the last one."), self.paper)
        pl.addWidget(self.paper_help)
        self.grid = QTableWidget(0, 0, self.paper)
        self.grid.setAccessibleName(self.tr("Answers from paper, one row per questionnaire"))
        # Tab moves from answer to answer, as on a paper form; from the last answer of
        # the last row (and Shift+Tab from the first) it leaves the grid, so the grid
        # never traps the keyboard (a row is added only once the last one has answers).
        self.grid.setTabKeyNavigation(True)
        self.grid.setProperty("tabLeavesAtEnds", True)
        self.grid.installEventFilter(self)
        self.grid.itemChanged.connect(self._grid_changed)
        pl.addWidget(self.grid)
        prow = QHBoxLayout()
        self.paper_preview = QPushButton(self.tr("Check the typed &answers"), self.paper)
        self.paper_preview.clicked.connect(self.preview_paper)
        prow.addWidget(self.paper_preview)
        prow.addStretch(1)
        pl.addLayout(prow)
        self.paper.hide()
        outer.addWidget(self.paper)
        # Preview of what will be stored
        self.preview = QGroupBox(self.tr("What will be saved"), self)
        vl = QVBoxLayout(self.preview)
        self.preview_text = _label("", self.preview)
        vl.addWidget(self.preview_text)
        self.counts = QTableWidget(0, 0, self.preview)
        self.counts.setAccessibleName(self.tr("How many gave each answer"))
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.setTabKeyNavigation(False)
        self.counts.setMinimumHeight(180)
        self.counts.setMaximumHeight(240)
        vl.addWidget(self.counts)
        self.names_label = _label("", self.preview)
        vl.addWidget(self.names_label)
        self.names = QListWidget(self.preview)
        self.names.setAccessibleName(self.tr("Names found in comments; ticked names are taken out"))
        self.names.setMaximumHeight(110)
        vl.addWidget(self.names)
        brow = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save the survey"), self.preview)
        self.save_button.clicked.connect(self.save_pending)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.preview)
        self.cancel_button.clicked.connect(self._cancel)
        brow.addWidget(self.save_button)
        brow.addWidget(self.cancel_button)
        brow.addStretch(1)
        vl.addLayout(brow)
        self.preview.hide()
        outer.addWidget(self.preview)
        # Surveys already in the review
        outer.addWidget(_label(self.tr("<b>Surveys in this review</b>"), self))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Surveys in this review"))
        self.list.setMaximumHeight(120)
        outer.addWidget(self.list)
        lrow = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("&Remove the selected survey"), self)
        self.remove_button.clicked.connect(self._remove)
        lrow.addWidget(self.remove_button)
        lrow.addStretch(1)
        outer.addLayout(lrow)
        outer.addStretch(1)
        add_row = QShortcut(QKeySequence("Ctrl+Return"), self.grid)
        add_row.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_row.activated.connect(self.add_paper_row)

    # --- loading -----------------------------------------------------------------------

    def load(self) -> None:
        b = self.ctx.bundle()
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        choices = [("pupils", False), ("pupils", True), ("parents", False), ("teacher", False),
                   ("ta", False), ("professionals", False)]
        choices += [(r.id, False) for r in b.framework.respondents if r.id not in
                    {g for g, _ in choices} and r.id != "school"]
        for g, easy in choices:
            text = surveys.group_label(g, b.framework)
            if easy:
                text = self.tr("%1, easy read with faces").replace("%1", text)
            self.group.addItem(text, f"{g}:easy-read" if easy else g)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)
        refs = b.evidence_refs()
        self.list.clear()
        for s in b.surveys:
            item = QListWidgetItem(self.tr("%1  %2 (%3 responses; %4)")
                                   .replace("%1", refs.get(s.evidence_id or "", ""))
                                   .replace("%2", s.title).replace("%3", str(surveys.response_count(s)))
                                   .replace("%4", surveys.group_label(s.group_id, b.framework)))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
        if not b.surveys:
            self.list.addItem(self.tr("None yet."))
        kept = self.ctx.ws.paper_drafts(self.ctx.review_id)
        if kept and self.paper.isHidden():
            groups = ", ".join(self.tr("%1, easy read with faces").replace("%1", surveys.group_label(g, b.framework))
                               if easy else surveys.group_label(g, b.framework) for g, easy, _ in kept)
            self._say(self.tr("Some answers typed in from paper are kept but not saved yet (%1): "
                              "choose that group and Type in from paper to go on.").replace("%1", groups))

    def leave(self) -> None:
        pass

    def _choice(self) -> tuple[str, bool]:
        """The group chosen, and whether it is the easy-read version."""
        data = self.group.currentData() or "parents"
        return data.split(":")[0], data.endswith(":easy-read")

    def _say(self, text: str, problem: bool = False) -> None:
        tell(self.message, ("⚠ " if problem else "") + text, problem=problem)

    # --- making -------------------------------------------------------------------------

    def _make_clicked(self) -> None:
        key = self.format.currentData()
        suffix = next(s for k, _, s in FORMATS if k == key)
        group, easy = self._choice()
        start = str(Path.home() / f"survey-{group}{'-easy-read' if easy else ''}{suffix}")
        path = choosers.save_file(self, self.tr("Save the questionnaire"), start,
                                  f"*{suffix}")
        if path:
            self.make_to(path if path.endswith(suffix) else path + suffix)

    def make_to(self, path: str) -> Path | None:
        key = self.format.currentData()
        group, easy = self._choice()
        try:
            made = self.ctx.ws.make_survey(
                self.ctx.review_id, group, path, easy_read=easy,
                service=key if key in ("microsoft", "google") else "microsoft",
                large_print=key == "pdf-large")
        except (UserError, OSError) as exc:
            self._say(str(exc), problem=True)
            return None
        self._say(self.tr("Saved the questionnaire as %1.").replace("%1", str(made)))
        return made

    # --- importing ----------------------------------------------------------------------

    def _import_clicked(self) -> None:
        path = choosers.open_file(self, self.tr("Choose the returns"), str(Path.home()),
                                  self.tr("Survey returns (*.xlsx *.csv)"))
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> bool:
        group, _ = self._choice()
        try:
            returns = self.ctx.ws.read_survey_returns(self.ctx.review_id, path, group)
        except UserError as exc:
            self._show_problem(str(exc))
            return False
        self._show_preview(returns)
        return True

    def _show_problem(self, text: str) -> None:
        self.pending = None
        self.preview.hide()
        self._say(self.tr("Nothing was imported. %1").replace("%1", text), problem=True)

    def _show_preview(self, returns: surveys.Returns) -> None:
        self.pending = returns
        self.pending_paper = None
        q = returns.questionnaire
        b = self.ctx.bundle()
        linked = [s for s in q.statements()]
        self.preview_text.setText(self.tr(
            "%1 responses to “%2” (%3). They will be saved as evidence from %4%5. No names, "
            "e-mail addresses or times are kept.")
            .replace("%1", str(returns.count)).replace("%2", q.title)
            .replace("%3", returns.file_name)
            .replace("%4", surveys.group_label(q.group, b.framework).lower())
            .replace("%5", self.tr(", linked to statements %1").replace("%1", ", ".join(linked))
                     if linked else ""))
        dists = surveys.distributions(q.questions, returns.responses)
        choices = sorted({c for d in dists for c, _ in d.counts},
                         key=lambda c: next((i for d in dists for i, (x, _) in enumerate(d.counts)
                                             if x == c), 99))
        self.counts.clear()
        self.counts.setColumnCount(1 + len(choices))
        self.counts.setRowCount(len(dists))
        self.counts.setHorizontalHeaderLabels([self.tr("Question"), *choices])
        for r, d in enumerate(dists):
            self.counts.setItem(r, 0, QTableWidgetItem(d.question.text))
            got = dict(d.counts)
            for c, choice in enumerate(choices, 1):
                self.counts.setItem(r, c, QTableWidgetItem(str(got[choice]) if choice in got else ""))
        header = self.counts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, self.counts.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.counts.resizeRowsToContents()
        self.names.clear()
        distinct = list(dict.fromkeys(n.name for n in returns.names))
        for name in distinct:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.names.addItem(item)
        self.names_label.setText(
            self.tr("Names found in the comments (%1). Ticked names will be replaced with "
                    "“[name removed]”; untick any that are not a person's name.")
            .replace("%1", str(len(distinct))) if distinct else
            self.tr("No personal names were found in the comments."))
        self.names.setVisible(bool(distinct))
        self.preview.show()
        self._say(self.tr("Ready to save %1 responses: check what will be saved below.")
                  .replace("%1", str(returns.count)))
        self.save_button.setFocus()

    def names_to_remove(self) -> list[str]:
        return [self.names.item(i).text() for i in range(self.names.count())
                if self.names.item(i).checkState() == Qt.CheckState.Checked]

    def save_pending(self) -> str | None:
        if self.pending is None:
            return None
        original = self.pending
        clean = original.without_names(self.names_to_remove())
        try:
            survey_id = self.ctx.ws.store_survey(self.ctx.review_id, clean,
                                                 names_removed=clean.removed_count(original),
                                                 typed_in=self.pending_paper)
        except UserError as exc:
            self._say(str(exc), problem=True)
            return None
        self.pending = None
        if self.pending_paper is not None:
            self.paper_key = self.pending_paper = None
        self.preview.hide()
        self.paper.hide()
        self.ctx.edited.emit()
        self.load()
        b = self.ctx.bundle()
        survey = next(s for s in b.surveys if s.id == survey_id)
        self._say(self.tr("Saved %1 responses as evidence %2.")
                  .replace("%1", str(clean.count))
                  .replace("%2", b.evidence_refs().get(survey.evidence_id or "", "")))
        return survey_id

    def _cancel(self) -> None:
        self.pending = None
        self.preview.hide()
        self._say(self.tr("Nothing was saved."))

    def _remove(self) -> None:
        item = self.list.currentItem()
        survey_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not survey_id:
            return
        try:
            self.ctx.ws.delete_survey(survey_id)
        except UserError as exc:
            self._say(str(exc), problem=True)
            return
        self.ctx.edited.emit()
        self.load()
        from ..removed_panel import SHORTCUT
        self._say(self.tr("The survey was taken out of the review. To bring it back: %1.").replace("%1", SHORTCUT))

    # --- paper ----------------------------------------------------------------------------

    def questionnaire(self) -> surveys.Questionnaire:
        group, easy = self._choice()
        return self.ctx.ws.survey_questionnaire(self.ctx.review_id, group, easy_read=easy)

    def start_paper(self) -> None:
        q = self.questionnaire()
        self.paper_questions = list(q.questions)
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.setColumnCount(len(q.questions))
        self.grid.setRowCount(1)
        heads = []
        for i, x in enumerate(q.questions, 1):
            short = x.text if len(x.text) <= 26 else x.text[:25].rstrip() + "…"
            heads.append(f"Q{i} {short}")
        self.grid.setHorizontalHeaderLabels(heads)
        self.paper_key = self._choice()
        kept = self.ctx.ws.paper_draft(self.ctx.review_id, *self.paper_key) or []
        self.grid.setRowCount(len(kept) + 1)             # a fresh row after the last kept
        for r, row in enumerate(kept):
            for c, text in enumerate(row[:len(q.questions)]):
                if text:
                    self.grid.setItem(r, c, QTableWidgetItem(text))
        for i, x in enumerate(q.questions):
            numbers = " · ".join(f"{n} {c}" for n, c in enumerate(x.choices, 1))
            self.grid.horizontalHeaderItem(i).setToolTip(f"{x.text}\n{numbers}" if numbers else x.text)
            self.grid.setColumnWidth(i, 260 if x.kind == "text" else 200)
        shared = {x.choices for x in q.questions if x.kind == "choice"}
        answers = (self.tr(" Answers: %1.").replace("%1", " · ".join(
            f"{n} {c}" for n, c in enumerate(next(iter(shared)), 1))) if len(shared) == 1 else "")
        self.paper_help.setText(self.tr(
            "One row per questionnaire. Type an answer's number (1 for the first choice) or "
            "its first letters; Tab moves on, and a new row appears after the last one.") + answers)
        self.grid.blockSignals(False)
        self.paper.setTitle(self.tr("Answers typed in from paper: %1").replace("%1", q.title))
        self.paper.show()
        self.grid.setFocus()
        self.grid.setCurrentCell(len(kept), 0)
        if kept:
            count = (self.tr("1 questionnaire") if len(kept) == 1 else
                     self.tr("%1 questionnaires").replace("%1", str(len(kept))))
            self._say(self.tr("The answers you typed in earlier and had not saved yet are back "
                              "(%1); go on with the next.").replace("%1", count))
        else:
            self._say(self.tr("Type the first questionnaire's answers; a new row appears as you "
                              "reach the last one."))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.grid and event.type() == QEvent.Type.KeyPress:
            g = self.grid
            last = (g.currentRow() == g.rowCount() - 1 and g.currentColumn() == g.columnCount() - 1)
            first = g.currentRow() <= 0 and g.currentColumn() <= 0
            if event.key() == Qt.Key.Key_Tab and last and not event.modifiers():
                self.focusNextChild()
                return True
            if event.key() == Qt.Key.Key_Backtab and first:
                self.focusPreviousChild()
                return True
        return super().eventFilter(obj, event)

    def add_paper_row(self) -> None:
        self.grid.insertRow(self.grid.rowCount())
        self.grid.setCurrentCell(self.grid.rowCount() - 1, 0)

    def _grid_changed(self, item: QTableWidgetItem) -> None:
        if item.row() == self.grid.rowCount() - 1 and item.text().strip():
            self.grid.blockSignals(True)
            self.grid.insertRow(self.grid.rowCount())
            self.grid.blockSignals(False)
        self._keep_paper()

    def _keep_paper(self) -> None:
        """Keep what the grid holds as typed, so nothing is lost before it is saved."""
        if self.paper_key is None:
            return
        g = self.grid
        cells = [[g.item(r, c).text() if g.item(r, c) else "" for c in range(g.columnCount())]
                 for r in range(g.rowCount())]
        try:
            self.ctx.ws.keep_paper_draft(self.ctx.review_id, *self.paper_key, cells)
        except UserError as exc:
            self._say(self.tr("What you typed is still in the grid, but could not be kept on this "
                              "computer yet: %1").replace("%1", str(exc)), problem=True)

    def _typed(self, x: surveys.Question, text: str) -> str:
        """A typed answer as the choice it stands for: its number, or its first letters."""
        text = text.strip()
        if not text or not x.choices:
            return text
        if text.isdigit() and 1 <= int(text) <= len(x.choices):
            return x.choices[int(text) - 1]
        starts = [c for c in x.choices if c.casefold().startswith(text.casefold())]
        return starts[0] if len(starts) == 1 else text

    def paper_rows(self) -> list[list[str]]:
        rows = []
        for r in range(self.grid.rowCount()):
            cells = [self.grid.item(r, c).text() if self.grid.item(r, c) else ""
                     for c in range(self.grid.columnCount())]
            if any(c.strip() for c in cells):
                rows.append([self._typed(x, t) for x, t in zip(self.paper_questions, cells)])
        return rows

    def preview_paper(self) -> bool:
        # The grid's questionnaire, even if another group has been chosen since.
        group, easy = self.paper_key or self._choice()
        rows = self.paper_rows()
        if not rows:
            self._say(self.tr("Type at least one questionnaire's answers first."), problem=True)
            return False
        try:
            returns = self.ctx.ws.survey_from_rows(self.ctx.review_id, group, rows, easy_read=easy)
        except UserError as exc:
            self._show_problem(str(exc))
            return False
        self._show_preview(returns)
        self.pending_paper = self.paper_key
        return True


class GapsPanel(QWidget):
    """Each statement's middle answer per respondent group, and the gap, widest first."""

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.headline = _label("", self)   # read out as its text (a name would hide it)
        layout.addWidget(self.headline)
        self.table = QTableWidget(0, 0, self)
        self.table.setAccessibleName(self.tr("Groups compared, widest gap first"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        self.note = _label(self.tr(
            "The middle answer is the median of each group's answers; the figures in brackets "
            "are how many answered and the lowest and highest answers. Answer sheets come from "
            "surveys made from the framework (Surveys tab)."), self)
        layout.addWidget(self.note)

    def load(self) -> None:
        b = self.ctx.bundle()
        c = gaps.compare(b)
        shown = [(g, label) for g, label, n in c.groups if n]
        self.table.clear()
        self.table.setColumnCount(2 + len(shown) + 1)
        self.table.setHorizontalHeaderLabels([self.tr("Statement"), self.tr("Text"),
                                              *[label for _, label in shown], self.tr("Gap")])
        rows = [g for g in c.statements if g.groups]
        self.table.setRowCount(len(rows))
        for r, g in enumerate(rows):
            by = {f.group: f for f in g.groups}
            cells = [g.statement_id, g.text,
                     *[gaps.summary_text(b, by[x]) if x in by else self.tr("No answers")
                       for x, _ in shown],
                     "" if g.gap is None else f"{g.gap:g}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in range(2, self.table.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        widest = next((g for g in c.statements if g.gap), None)
        if not c.compared:
            text = self.tr("Nothing to compare yet: answer sheets from at least two groups are "
                           "needed (for example teachers and teaching assistants).")
        elif widest is None:
            text = self.tr("The groups give the same middle answer for every statement.")
        else:
            text = gaps.describe(b, widest, widest=True) or ""
        self.headline.setText(text)

    def leave(self) -> None:
        pass


def add_voice_tabs(ctx: ReviewContext, tabs: QTabWidget) -> tuple:
    """Add the Surveys, Groups compared and Data in depth tabs to a stage screen's tab
    widget; each loads when it is shown."""
    from .school_data import DataPanel
    panels = SurveysPanel(ctx), GapsPanel(ctx), DataPanel(ctx)
    pages = []
    for panel, title in zip(panels, (tabs.tr("Surveys"), tabs.tr("Groups &compared"),
                                     tabs.tr("Data in depth"))):
        # Scrolled, so the survey preview never pushes the window past a small screen.
        scroll = QScrollArea(tabs)
        scroll.setAccessibleName(title.replace("&", ""))
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        tabs.addTab(scroll, title)
        pages.append(scroll)

    def shown(_index: int) -> None:
        for panel, page in zip(panels, pages):
            if tabs.currentWidget() is page:
                panel.load()
    tabs.currentChanged.connect(shown)
    return panels


__all__ = ["SurveysPanel", "GapsPanel", "add_voice_tabs"]
