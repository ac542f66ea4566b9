"""Stage 6, follow-up: the action plan as a working list, the follow-up visits with a
check of each action, the school's feedback on the review, and how this review
compares with the school's earlier one (year on year)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ...core.changes import Changes
from ...core.model import ActionStatus, ReviewBundle, days_overdue
from ...core.yearonyear import Movement, YearOnYear, year_on_year
from ..context import ReviewContext
from ..widgets import DateField, clear_layout, date_of, nice_date, no_tab_trap, set_date, watch_date
from .actions import STATUS, ActionsEditor

# The words beside each score, so a number is never the only thing a school sees.
FEEDBACK_SCALES: dict[str, tuple[str, tuple[str, ...]]] = {
    "usefulness": ("How &useful was the review?",
                   ("Not useful", "A little useful", "Quite useful", "Useful", "Very useful")),
    "tone": ("Did it feel &supportive?",
             ("Felt like an inspection", "Mostly like an inspection", "A mix of both",
              "Mostly supportive", "Supportive throughout")),
    "clarity": ("How &clear were the findings?",
                ("Unclear", "Partly clear", "Clear enough", "Clear", "Very clear")),
}

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def movement_words(m: Movement) -> str:
    """E.g. "▲ up one step: Developing → Established" (arrows and words, not colour)."""
    if m.before_step is None and m.after_step is None:
        return "Not rated either time"
    if m.before_step is None:
        return f"● {m.after_label} (not rated last time)"
    if m.after_step is None:
        return f"○ Not rated yet (was {m.before_label})"
    change = m.change or 0
    if change == 0:
        return f"= no change: {m.after_label}"
    n = abs(change)
    steps = f"{NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else n} step{'s' if n != 1 else ''}"
    arrow, way = ("▲", "up") if change > 0 else ("▼", "down")
    return f"{arrow} {way} {steps}: {m.before_label} → {m.after_label}"


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class VisitsEditor(QWidget):
    """Follow-up visits: when, who, notes and next steps, and a check of every action."""

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saver = ctx.saver(self)
        self.current: str | None = None
        self.check_rows: dict[str, tuple[QComboBox, QLineEdit]] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(split)

        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("<b>Visits and calls since the review</b>"), left))
        self.list = QListWidget(left)
        self.list.setAccessibleName(self.tr("Follow-up visits"))
        self.list.currentItemChanged.connect(self._chosen)
        lv.addWidget(self.list, 1)
        self.add_button = QPushButton(self.tr("Add a &visit"), left)
        self.add_button.setAccessibleName(self.tr("Add a follow-up visit"))
        self.add_button.clicked.connect(self.add_visit)
        self.remove_button = QPushButton(self.tr("Remove this visit"), left)
        self.remove_button.clicked.connect(self._remove)
        lv.addWidget(self.add_button)
        lv.addWidget(self.remove_button)

        right = QWidget(split)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.empty = _hint(self.tr("No follow-up visits yet. Press “Add a visit” after you have "
                                   "been back to the school (or spoken on the phone) to record "
                                   "how each action is going."), right)
        rv.addWidget(self.empty)
        self.details = QWidget(right)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        self.date = DateField(self.details)
        self.date.setAccessibleName(self.tr("Date of the visit"))
        self.date.dateChanged.connect(self._date_changed)
        self.date.problem.connect(lambda message: self.saver.problem(self.date, message))
        self.date.fixed.connect(lambda: self.saver.clear_problem(self.date))
        form.addRow(QLabel(self.tr("&Date:"), self.details, buddy=self.date), self.date)
        self.visitor = QLineEdit(self.details)
        self.visitor.setAccessibleName(self.tr("Who visited"))
        self.visitor.setPlaceholderText(self.tr("For example, the lead reviewer"))
        form.addRow(QLabel(self.tr("&Who visited:"), self.details, buddy=self.visitor), self.visitor)
        self.notes = QPlainTextEdit(self.details)
        self.notes.setAccessibleName(self.tr("Notes of the visit"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        form.addRow(QLabel(self.tr("N&otes:"), self.details, buddy=self.notes), self.notes)
        self.next_steps = QPlainTextEdit(self.details)
        self.next_steps.setAccessibleName(self.tr("Next steps"))
        self.next_steps.setTabChangesFocus(True)
        self.next_steps.setMaximumHeight(64)
        form.addRow(QLabel(self.tr("Ne&xt steps:"), self.details, buddy=self.next_steps), self.next_steps)
        form.addRow(QLabel(self.tr("<b>How each action stood at this visit</b> (choosing a status "
                                   "also moves the action on in the plan)"), self.details))
        self.checks = QWidget(self.details)
        self.checks.setAccessibleName(self.tr("Action checks"))
        self.checks_grid = QGridLayout(self.checks)
        self.checks_grid.setContentsMargins(0, 0, 0, 0)
        self.checks_grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self.details)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.checks)
        form.addRow(scroll)
        rv.addWidget(self.details, 1)
        self.saver.watch(self.visitor, lambda t: self._update(visitor=t))
        self.saver.watch(self.notes, lambda t: self._update(notes=t))
        self.saver.watch(self.next_steps, lambda t: self._update(next_steps=t))
        split.setSizes([260, 780])
        split.setStretchFactor(1, 1)

    # --- the list ------------------------------------------------------------------

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        visits = sorted(b.followup_visits, key=lambda v: (v.date or "", v.created or ""))
        if self.current not in {v.id for v in visits}:
            self.current = visits[-1].id if visits else None
        self.list.blockSignals(True)
        self.list.clear()
        for v in visits:
            item = QListWidgetItem(self._label(v.date, v.visitor), self.list)
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            if v.id == self.current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show(b)

    def _label(self, date: str | None, visitor: str | None) -> str:
        when = nice_date(date) or self.tr("No date")
        return f"{when} · {visitor}" if visitor else when

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self.saver.flush()
        self.current = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._show(self.ctx.bundle())

    def add_visit(self) -> str | None:
        made: list[str] = []
        if self.saver.instant(lambda: made.append(self.ctx.ws.add_followup_visit(self.ctx.review_id))):
            self.current = made[0]
            self.load()
            self.visitor.setFocus()
            return made[0]
        return None

    def _remove(self) -> None:
        if self.current and self.saver.instant(lambda: self.ctx.ws.delete_followup_visit(self.current)):
            self.current = None
            self.load()
            self.ctx.status.removed(self.tr("follow-up visit"))

    # --- one visit ------------------------------------------------------------------

    def _show(self, b: ReviewBundle) -> None:
        visit = next((v for v in b.followup_visits if v.id == self.current), None)
        self.empty.setVisible(visit is None)
        self.details.setVisible(visit is not None)
        self.remove_button.setEnabled(visit is not None)
        self.saver.forget(*(w for pair in self.check_rows.values() for w in pair))
        for combo, comment in self.check_rows.values():
            combo.deleteLater()
            comment.deleteLater()
        clear_layout(self.checks_grid, hide=False)
        self.check_rows = {}
        if visit is None:
            return
        set_date(self.date, visit.date)
        for w, text in ((self.visitor, visit.visitor or ""), (self.notes, visit.notes),
                        (self.next_steps, visit.next_steps)):
            if isinstance(w, QLineEdit):
                w.setText(text)
            elif w.toPlainText() != text:
                w.setPlainText(text)
        self.saver.reset(self.visitor, self.notes, self.next_steps)
        checks = {c.action_id: c for c in b.checks_of_visit(visit.id)}
        for col, heading in enumerate((self.tr("Action"), self.tr("Status at this visit"),
                                       self.tr("Comment"))):
            self.checks_grid.addWidget(QLabel(f"<i>{heading}</i>", self.checks), 0, col)
        actions = sorted(b.actions, key=lambda a: (a.due or "9999", a.created or ""))
        if not actions:
            self.checks_grid.addWidget(_hint(self.tr("The action plan is empty, so there is "
                                                     "nothing to check yet."), self.checks), 1, 0, 1, 3)
        for row, a in enumerate(actions, 1):
            title = QLabel(escape(a.title), self.checks)
            title.setWordWrap(True)
            title.setMinimumWidth(200)
            combo = QComboBox(self.checks)
            combo.setAccessibleName(self.tr("Status of “%1” at this visit").replace("%1", a.title))
            combo.setPlaceholderText(self.tr("Not checked yet"))
            for key, words in STATUS.items():
                combo.addItem(self.tr(words), key)
            check = checks.get(a.id)
            combo.setCurrentIndex(combo.findData(check.status) if check and check.status else -1)
            combo.activated.connect(lambda _i, combo=combo, vid=visit.id, aid=a.id: self.saver.instant(
                lambda: self.ctx.ws.check_action(vid, aid, status=combo.currentData())))
            comment = QLineEdit(check.comment if check else "", self.checks)
            comment.setAccessibleName(self.tr("Comment on “%1” at this visit").replace("%1", a.title))
            comment.setPlaceholderText(self.tr("What you saw or heard"))
            self.saver.watch(comment, lambda t, vid=visit.id, aid=a.id:
                             self.ctx.ws.check_action(vid, aid, comment=t))
            self.checks_grid.addWidget(title, row, 0)
            self.checks_grid.addWidget(combo, row, 1)
            self.checks_grid.addWidget(comment, row, 2)
            self.check_rows[a.id] = (combo, comment)
        self.checks_grid.setRowStretch(len(actions) + 1, 1)

    def _date_changed(self, _d: object) -> None:
        when = date_of(self.date)
        if self.current and when and self.saver.instant(
                lambda: self.ctx.ws.update_followup_visit(self.current, date=when)):
            self._relabel()

    def _update(self, **values: str) -> None:
        if self.current:
            self.ctx.ws.update_followup_visit(self.current, **values)
            if "visitor" in values:
                self._relabel()

    def _relabel(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._label(date_of(self.date), self.visitor.text().strip()))

    def leave(self) -> None:
        self.saver.flush()


class FeedbackEditor(QWidget):
    """The school's feedback on the review itself, saved as it is given."""

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saver = ctx.saver(self)
        form = QFormLayout(self)
        form.addRow(_hint(self.tr("Ask the school how the review felt to them. Their answers are "
                                  "kept with this review and collated in the overview across "
                                  "reviews, so the team can see what to keep and what to change."),
                          self))
        self.scores: dict[str, QComboBox] = {}
        for key, (question, words) in FEEDBACK_SCALES.items():
            combo = QComboBox(self)
            combo.setAccessibleName(self.tr(question.replace("&", "")))
            combo.addItem(self.tr("Not given yet"), None)
            for n, text in enumerate(words, 1):
                combo.addItem(f"{n} – {self.tr(text)}", n)
            combo.activated.connect(lambda _i, key=key, combo=combo: self.saver.instant(
                lambda: self.ctx.ws.set_feedback(self.ctx.review_id, **{key: combo.currentData()})))
            form.addRow(QLabel(self.tr(question), self, buddy=combo), combo)
            self.scores[key] = combo
        self.went_well = QPlainTextEdit(self)
        self.went_well.setAccessibleName(self.tr("What went well"))
        self.went_well.setTabChangesFocus(True)
        form.addRow(QLabel(self.tr("What went &well:"), self, buddy=self.went_well), self.went_well)
        self.could_be_better = QPlainTextEdit(self)
        self.could_be_better.setAccessibleName(self.tr("What could be better"))
        self.could_be_better.setTabChangesFocus(True)
        for w in (self.went_well, self.could_be_better):
            w.setMaximumHeight(150)
        form.addRow(QLabel(self.tr("What could be &better:"), self, buddy=self.could_be_better),
                    self.could_be_better)
        self.given_by = QLineEdit(self)
        self.given_by.setAccessibleName(self.tr("Who gave the feedback"))
        self.given_by.setPlaceholderText(self.tr("For example, the headteacher and the SENCO"))
        form.addRow(QLabel(self.tr("Gi&ven by:"), self, buddy=self.given_by), self.given_by)
        self.date = DateField(self)
        self.date.setAccessibleName(self.tr("Date the feedback was given"))
        watch_date(self.date, self.saver,
                   lambda iso: self.ctx.ws.set_feedback(self.ctx.review_id, date=iso))
        form.addRow(QLabel(self.tr("Da&te:"), self, buddy=self.date), self.date)
        for w, key in ((self.went_well, "went_well"), (self.could_be_better, "could_be_better"),
                       (self.given_by, "given_by")):
            self.saver.watch(w, lambda t, key=key: self.ctx.ws.set_feedback(self.ctx.review_id, **{key: t}))

    def load(self) -> None:
        self.saver.flush()
        f = self.ctx.bundle().feedback
        for key, combo in self.scores.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(f, key) if f else None)))
        for w, text in ((self.went_well, f.went_well if f else ""),
                        (self.could_be_better, f.could_be_better if f else "")):
            if w.toPlainText() != text:
                w.setPlainText(text)
        self.given_by.setText((f.given_by if f else None) or "")
        set_date(self.date, f.date if f else None)
        self.saver.reset()

    def leave(self) -> None:
        self.saver.flush()


class YearOnYearView(QWidget):
    """How the school's ratings moved since its earlier review, and the earlier actions."""

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: YearOnYear | None = None
        layout = QVBoxLayout(self)
        self.heading = _hint("", self)
        self.heading.setAccessibleDescription(self.tr("Year on year"))
        layout.addWidget(self.heading)
        self.table = no_tab_trap(QTableWidget(0, 3, self))
        self.table.setAccessibleName(self.tr("How ratings moved, per area"))
        self.table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Reviewer's rating"),
                                              self.tr("School's own rating")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 3)
        self.actions_title = QLabel(self)
        layout.addWidget(self.actions_title)
        self.actions = QListWidget(self)
        self.actions.setAccessibleName(self.tr("Actions from the earlier review"))
        self.actions.setWordWrap(True)
        layout.addWidget(self.actions, 2)

    def load(self) -> None:
        self.result = yoy = year_on_year(self.ctx.ws, self.ctx.review_id)
        self.table.setRowCount(0)
        self.actions.clear()
        has = yoy is not None
        for w in (self.table, self.actions_title, self.actions):
            w.setVisible(has)
        if yoy is None:
            self.heading.setText(self.tr("<b>No earlier review of this school yet.</b> When the "
                                         "school is reviewed again, this page will show how each "
                                         "area's ratings moved and which of this review's actions "
                                         "were completed."))
            return
        how = {"linked": self.tr("linked to this review"), "same URN": self.tr("same URN"),
               "same school name": self.tr("same school name")}.get(yoy.matched_by, yoy.matched_by)
        moved = yoy.moved("reviewer")
        text = (self.tr("<b>Compared with the review of %1</b> (found by %2). Reviewer's ratings: "
                        "%3 areas up, %4 down, %5 the same.")
                .replace("%1", escape(nice_date(yoy.previous_date) or yoy.previous_date))
                .replace("%2", escape(how)).replace("%3", str(moved["up"]))
                .replace("%4", str(moved["down"])).replace("%5", str(moved["same"])))
        if not yoy.same_framework:
            text += self.tr(" The earlier review used another framework, so areas cannot be "
                            "compared; its actions are listed below.")
        self.heading.setText(text)
        # beside the reviewer's: the school's own rating, or each respondent group's
        views = [self.tr("School's own rating") if v == "School's view" else v for v in yoy.views]
        self.table.setColumnCount(2 + len(views))
        self.table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Reviewer's rating"), *views])
        for c in range(self.table.columnCount()):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        self.table.setRowCount(len(yoy.areas))
        for r, area in enumerate(yoy.areas):
            for c, value in enumerate((f"{area.area_id}. {area.area_title}",
                                       movement_words(area.reviewer),
                                       *(movement_words(m) for m in area.groups or (area.school,)))):
                item = QTableWidgetItem(value)
                if c:
                    item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        done = len(yoy.done)
        self.actions_title.setText(self.tr("<b>Actions from the earlier review:</b> %1 of %2 done")
                                   .replace("%1", str(done)).replace("%2", str(len(yoy.actions))))
        for a in sorted(yoy.actions, key=lambda a: not a.done):
            status = STATUS.get(a.status, a.status)
            mark = "✓" if a.done else "✗"
            extra = f" ({self.tr('owner')}: {a.owner})" if a.owner else ""
            self.actions.addItem(f"{mark} {self.tr(status.replace('✓ ', ''))}: {a.title}{extra}")
        if not yoy.actions:
            self.actions.addItem(self.tr("The earlier review had no actions."))

    def leave(self) -> None:
        pass


class FollowUpScreen(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saver = ctx.saver(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleDescription(self.tr("Action plan summary"))
        top.addWidget(self.summary, 1)
        self.next_review = DateField(self)
        self.next_review.setAccessibleName(self.tr("Date of the next review"))
        watch_date(self.next_review, self.saver,
                   lambda iso: ctx.ws.update_review(ctx.review_id, date_next_review=iso))
        top.addWidget(QLabel(self.tr("Date of the ne&xt review:"), self, buddy=self.next_review))
        top.addWidget(self.next_review)
        layout.addLayout(top)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Follow-up"))
        self.actions = ActionsEditor(ctx, follow_up=True, parent=self.tabs)
        self.visits = VisitsEditor(ctx, self.tabs)
        self.feedback = FeedbackEditor(ctx, self.tabs)
        self.year_on_year = YearOnYearView(ctx, self.tabs)
        self.tabs.addTab(self.actions, self.tr("&Action plan"))
        self.tabs.addTab(self.visits, self.tr("Fo&llow-up visits"))
        self.tabs.addTab(self.feedback, self.tr("School's f&eedback"))
        self.tabs.addTab(self.year_on_year, self.tr("Year o&n year"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self._shown: QWidget = self.actions
        ctx.edited.connect(self._summarise)

    def load(self) -> None:
        b = self.ctx.bundle()
        set_date(self.next_review, b.review.date_next_review)
        self._summarise()
        self._shown = self.tabs.currentWidget()
        self._shown.load()  # type: ignore[attr-defined]

    def _tab_changed(self, _index: int) -> None:
        self._shown.leave()  # type: ignore[attr-defined]
        self._shown = self.tabs.currentWidget()
        self._shown.load()  # type: ignore[attr-defined]

    def _summarise(self) -> None:
        b = self.ctx.bundle()
        counts = {k: sum(1 for a in b.actions if a.status == k) for k in STATUS}
        late = sum(1 for a in b.actions if days_overdue(a.due, a.status))
        text = (self.tr("<b>Action plan:</b> %1 done, %2 in progress, %3 not started, %4 dropped.")
                .replace("%1", str(counts[ActionStatus.DONE.value]))
                .replace("%2", str(counts[ActionStatus.IN_PROGRESS.value]))
                .replace("%3", str(counts[ActionStatus.NOT_STARTED.value]))
                .replace("%4", str(counts[ActionStatus.DROPPED.value])))
        if late:
            text += " " + self.tr("⚠ %1 overdue.").replace("%1", str(late))
        text += " " + self.tr("Add progress notes as actions move on.")
        self.summary.setText(text)

    def apply(self, changes: Changes) -> None:
        """Show changes made elsewhere (a sync, a partner's file); this screen's own
        edits are on it already."""
        if changes.from_elsewhere:
            self.load()

    def leave(self) -> None:
        self._shown.leave()  # type: ignore[attr-defined]
