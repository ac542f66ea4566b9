"""The statement grid: one row per statement, grouped by area, with the school's and
the reviewer's ratings side by side and the long text edited in a roomy pane.

Two modes share the code: "school" (self-evaluation) and "reviewer" (the visit's
judgements). Keys in the grid: arrows move, 1-9 set a rating, 0 or Delete clears it,
N marks not applicable, Enter opens the editor pane, Escape in the pane comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QScrollArea, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from ..core.frameworks import NA_KEY, Area, Framework, Statement
from ..core.model import LinkTarget, ReviewBundle
from .context import ReviewContext
from .rubric import DescriptorLabel
from .style import attention, muted, scaled
from .widgets import no_tab_trap, plural

Index = QModelIndex | QPersistentModelIndex
SCHOOL, REVIEWER = "school", "reviewer"


@dataclass
class Row:
    area: Area
    statement: Statement | None = None


def difference(fw: Framework, school: str | None, reviewer: str | None) -> tuple[str, int | None]:
    """Words for how far apart two ratings are, and the signed number of steps."""
    if not school or not reviewer:
        return "", None
    if school == reviewer:
        return "= same", 0
    a, b = fw.scale.position(school), fw.scale.position(reviewer)
    if a is None or b is None:
        return "≠ " + ("N/A" if NA_KEY in (school, reviewer) else "differs"), None
    steps = b - a
    word = "step" if abs(steps) == 1 else "steps"
    arrow = "▲" if steps > 0 else "▼"
    return f"≠ {abs(steps)} {word} {arrow}", steps


class StatementModel(QAbstractTableModel):
    def __init__(self, mode: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.mode = mode
        self.rows: list[Row] = []
        self.bundle: ReviewBundle | None = None
        self.respondent = "school"
        if mode == SCHOOL:
            self.columns = ["no", "statement", "school", "comment", "evidence", "actions"]
        else:
            self.columns = ["no", "statement", "school", "reviewer", "diff", "strengths",
                            "consider", "evidence", "actions"]
        self.headers = {
            "no": self.tr("No."), "statement": self.tr("Statement"),
            "school": self.tr("School's rating"), "comment": self.tr("School's comment"),
            "reviewer": self.tr("Reviewer's rating"), "diff": self.tr("Difference"),
            "strengths": self.tr("Strengths"), "consider": self.tr("Areas for consideration"),
            "evidence": self.tr("Evidence"), "actions": self.tr("Actions")}
        self._action_counts: dict[str, int] = {}

    def load(self, bundle: ReviewBundle) -> None:
        self.beginResetModel()
        self.bundle = bundle
        scope = set(bundle.scope_area_ids())
        self.rows = []
        for area in bundle.framework.areas:
            if area.id not in scope:
                continue
            self.rows.append(Row(area))
            self.rows.extend(Row(area, s) for s in area.statements)
        self._count_actions()
        self.endResetModel()

    def refresh(self, bundle: ReviewBundle) -> None:
        """New data, same rows: repaint without losing the selection."""
        self.bundle = bundle
        self._count_actions()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def _count_actions(self) -> None:
        counts: dict[str, int] = {}
        if self.bundle:
            live = {a.id for a in self.bundle.actions}
            for link in self.bundle.links:
                if link.source_kind == "action" and link.source_id in live \
                        and link.target_kind == LinkTarget.STATEMENT:
                    counts[link.target_id] = counts.get(link.target_id, 0) + 1
        self._action_counts = counts

    def row_of(self, statement_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.statement and row.statement.id == statement_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[self.columns[section]]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.rows[index.row()].statement is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def values(self, statement_id: str) -> dict[str, Any]:
        b = self.bundle
        assert b is not None
        sa = b.self_assessment(statement_id, self.respondent)
        j = b.judgements.get(statement_id)
        school, reviewer = (sa.rating if sa else None), (j.rating if j else None)
        diff, steps = difference(b.framework, school, reviewer)
        return {
            "school": school, "comment": sa.comment if sa else "",
            "evidence_note": sa.evidence_note if sa else "",
            "reviewer": reviewer, "strengths": j.strengths if j else "",
            "consider": j.consider if j else "", "diff": diff, "steps": steps,
            "evidence": len(b.evidence_for_statement(statement_id)),
            "actions": self._action_counts.get(statement_id, 0)}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.bundle is None:
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        palette = QApplication.palette()
        if row.statement is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self.tr("Area %1: %2").replace("%1", row.area.id).replace("%2", row.area.title)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont(QApplication.font())
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return palette.color(QPalette.ColorRole.AlternateBase)
            if role == Qt.ItemDataRole.ForegroundRole:
                return palette.color(QPalette.ColorRole.Text)
            return None
        st = row.statement
        v = self.values(st.id)
        scale = self.bundle.framework.scale
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "no":
                return st.id
            if column == "statement":
                return st.text
            if column == "reviewer" and v["diff"].startswith("≠"):
                # The shaded cells also say it in text: colour is never the only sign.
                return "≠ " + (scale.label(v[column]) or "—")
            if column in ("school", "reviewer"):
                return scale.label(v[column]) or "—"
            if column in ("comment", "strengths", "consider"):
                return " ".join(v[column].split())
            if column == "diff":
                return v["diff"]
            if column == "evidence":
                return plural(v["evidence"], self.tr("%n item"), self.tr("%n items")) if v["evidence"] else "—"
            if column == "actions":
                return str(v["actions"]) if v["actions"] else "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "statement":
                return st.text
            if column in ("comment", "strengths", "consider"):
                return v[column] or None
            if column == "evidence":
                return self.tr("Click to list the evidence linked to this statement")
            if column == "diff" and v["steps"]:
                return plural(abs(v["steps"]), self.tr("The reviewer's rating is %n step %2 the school's"),
                              self.tr("The reviewer's rating is %n steps %2 the school's"))\
                    .replace("%2", self.tr("above") if v["steps"] > 0 else self.tr("below"))
        if role == Qt.ItemDataRole.BackgroundRole and column in ("diff", "school", "reviewer") \
                and v["diff"].startswith("≠"):
            return attention(palette)
        if role == Qt.ItemDataRole.ForegroundRole and column in ("school", "reviewer") \
                and not v[column]:
            return muted(palette)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column in ("school", "reviewer"):
                return scale.label(v[column]) or self.tr("not rated")
        return None


class GridView(QTableView):
    """The table with the grid's own keys."""

    rate = Signal(str)          # a scale key, or "" to clear
    open_editor = Signal()
    evidence_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.keys: list[str] = []
        self.allow_na = False
        self.clicked.connect(self._clicked)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier:
            if text.isdigit() and text != "0" and int(text) <= len(self.keys) and len(self.keys) <= 9:
                self.rate.emit(self.keys[int(text) - 1])
                return
            if text == "0" or event.key() == Qt.Key.Key_Delete:
                self.rate.emit("")
                return
            if text.lower() == "n" and self.allow_na:
                self.rate.emit(NA_KEY)
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.open_editor.emit()
                return
        super().keyPressEvent(event)

    def _clicked(self, index: QModelIndex) -> None:
        model = self.model()
        if isinstance(model, StatementModel) and model.columns[index.column()] == "evidence":
            self.evidence_clicked.emit()


class StatementGrid(QWidget):
    """The grid and its editor pane, for one review, in one mode."""

    def __init__(self, ctx: ReviewContext, mode: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.mode = mode
        self.current: str | None = None
        self.saver = ctx.saver(self)
        self.model = StatementModel(mode, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        top.addWidget(self.hint, 1)
        self.respondent = QComboBox(self)
        self.respondent.setAccessibleName(self.tr("Whose answers"))
        self.respondent_label = QLabel(self.tr("&Answers of:"), self)
        self.respondent_label.setBuddy(self.respondent)
        top.addWidget(self.respondent_label)
        top.addWidget(self.respondent)
        layout.addLayout(top)

        # The editor pane sits below the grid, so the grid keeps the full width for its
        # columns and the long text gets wide boxes side by side.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.view = no_tab_trap(GridView(self.splitter))
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Statements") if mode == SCHOOL else self.tr("Judgements"))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.model.columns.index("statement"), QHeaderView.ResizeMode.Stretch)
        self.view.rate.connect(self._rate_from_grid)
        self.view.open_editor.connect(self.focus_editor)
        self.view.evidence_clicked.connect(self.focus_evidence)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.pane = QScrollArea(self.splitter)
        self.pane.setWidgetResizable(True)
        self.pane.setMinimumHeight(150)
        self.pane.setAccessibleName(self.tr("Statement editor"))
        body = QWidget()
        self.pane.setWidget(body)
        columns = QHBoxLayout(body)
        form = QVBoxLayout()
        middle = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(middle, 5)
        columns.addLayout(right, 3)
        self.title = QLabel(body)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scaled(self.title, 1.1, bold=True)
        form.addWidget(self.title)
        self.prompts = QLabel(body)
        self.prompts.setWordWrap(True)
        self.prompts.setAccessibleDescription(self.tr("Prompts for the conversation"))
        form.addWidget(self.prompts)
        self.school_view = QLabel(body)
        self.school_view.setWordWrap(True)
        self.school_view.setAccessibleDescription(self.tr("What the school said"))
        self.school_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addWidget(self.school_view)

        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.rating = QComboBox(body)
        self.rating.setAccessibleName(self.tr("School's rating") if mode == SCHOOL else self.tr("Reviewer's rating"))
        rating_label = QLabel(self.tr("The school's &rating:") if mode == SCHOOL
                              else self.tr("Your &rating:"), body)
        rating_label.setBuddy(self.rating)
        fields.addRow(rating_label, self.rating)
        self.descriptors = DescriptorLabel(body)
        fields.addRow(self.descriptors)
        self.rating.activated.connect(self._rate_from_combo)
        self.text_a = self._editor(body)
        self.text_b = self._editor(body)
        text_fields = QGridLayout()
        middle.addLayout(text_fields)
        if mode == SCHOOL:
            self._labelled(text_fields, self.tr("The school's &comment:"), self.text_a, self.tr("School's comment"))
            self._labelled(text_fields, self.tr("Where the e&vidence is:"), self.text_b, self.tr("Where the evidence is"))
            self.saver.watch(self.text_a, lambda t: self._save_school(comment=t))
            self.saver.watch(self.text_b, lambda t: self._save_school(evidence_note=t))
        else:
            self._labelled(text_fields, self.tr("&Strengths:"), self.text_a, self.tr("Strengths"))
            self._labelled(text_fields, self.tr("Areas for &consideration:"), self.text_b, self.tr("Areas for consideration"))
            self.saver.watch(self.text_a, lambda t: self._save_judgement(strengths=t))
            self.saver.watch(self.text_b, lambda t: self._save_judgement(consider=t))
        form.addLayout(fields)
        form.addStretch(1)
        self.evidence_label = QLabel(body)
        self.evidence = QListWidget(body)
        self.evidence.setAccessibleName(self.tr("Evidence linked to this statement"))
        self.evidence.setWordWrap(True)
        self.evidence.setMinimumHeight(60)
        self.evidence_label.setBuddy(self.evidence)
        right.addWidget(self.evidence_label)
        right.addWidget(self.evidence)
        self.actions_label = QLabel(self.tr("Actions from this statement"), body)
        self.actions = QListWidget(body)
        self.actions.setAccessibleName(self.tr("Actions from this statement"))
        self.actions.setWordWrap(True)
        self.actions.setMinimumHeight(40)
        right.addWidget(self.actions_label)
        right.addWidget(self.actions)
        add_row = QHBoxLayout()
        self.new_action = QLineEdit(body)
        self.new_action.setAccessibleName(self.tr("New action for this statement"))
        self.new_action.setPlaceholderText(self.tr("Add an action, then press Enter"))
        self.new_action.returnPressed.connect(self._add_action)
        self.add_action_button = QPushButton(self.tr("Add &action"), body)
        self.add_action_button.setAccessibleName(self.tr("Add action"))
        self.add_action_button.clicked.connect(self._add_action)
        add_row.addWidget(self.new_action, 1)
        add_row.addWidget(self.add_action_button)
        right.addLayout(add_row)
        right.addStretch(1)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 280])
        layout.addWidget(self.splitter, 1)
        for w in (self.rating, self.text_a, self.text_b, self.new_action):
            w.installEventFilter(self)
        self.respondent.currentIndexChanged.connect(self._respondent_changed)
        self.setTabOrder(self.view, self.rating)
        self.setTabOrder(self.rating, self.text_a)
        self.setTabOrder(self.text_a, self.text_b)
        self.setTabOrder(self.text_b, self.evidence)
        self.setTabOrder(self.evidence, self.actions)
        self.setTabOrder(self.actions, self.new_action)
        self.setTabOrder(self.new_action, self.add_action_button)
        self._loaded_framework: str | None = None

    def _editor(self, parent: QWidget) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(80)
        return edit

    def _labelled(self, grid: QGridLayout, text: str, widget: QWidget, name: str) -> None:
        """Label above its box; the two long-text boxes stand side by side."""
        label = QLabel(text, widget.parentWidget())
        label.setBuddy(widget)
        widget.setAccessibleName(name)
        column = grid.columnCount() if grid.count() else 0
        grid.addWidget(label, 0, column)
        grid.addWidget(widget, 1, column)

    # --- loading ---------------------------------------------------------------

    def load(self) -> None:
        self.saver.flush()
        bundle = self.ctx.bundle()
        fw = bundle.framework
        if self._loaded_framework != bundle.review.framework_hash + str(bundle.review.scope):
            self._loaded_framework = bundle.review.framework_hash + str(bundle.review.scope)
            self._setup_framework(bundle)
            self.model.load(bundle)
            self._size_columns()
            first = next((i for i, r in enumerate(self.model.rows) if r.statement), -1)
            if first >= 0:
                self.view.setCurrentIndex(self.model.index(first, 0))
        else:
            self.model.refresh(bundle)
            if self.current:
                self._show(self.current)
        self.hint.setText(self._hint(fw))

    def _hint(self, fw: Framework) -> str:
        keys = self.tr("Keys: arrows move; 1-%1 set the rating; 0 clears it; Enter opens the "
                       "editor; Escape comes back.").replace("%1", str(len(fw.scale.levels)))
        if not fw.scale.rated:
            keys = self.tr("This framework has no ratings: write a reflection for each statement. "
                           "Enter opens the editor; Escape comes back.")
        if self.mode == SCHOOL:
            return self.tr("The school's own view of each statement. ") + keys
        return self.tr("Your judgement of each statement, beside the school's own rating. "
                       "Differences are marked ≠ with the number of steps. ") + keys

    def _setup_framework(self, bundle: ReviewBundle) -> None:
        fw = bundle.framework
        self.view.keys = [lv.key for lv in fw.scale.levels]
        self.view.allow_na = fw.scale.allow_na
        self.rating.clear()
        self.rating.addItem(self.tr("Not rated yet"), "")
        for i, lv in enumerate(fw.scale.levels, 1):
            self.rating.addItem(f"{i}  {lv.label}", lv.key)
            self.rating.setItemData(self.rating.count() - 1, lv.description, Qt.ItemDataRole.ToolTipRole)
        if fw.scale.allow_na:
            self.rating.addItem(fw.scale.na_label, NA_KEY)
        self.rating.setEnabled(fw.scale.rated)
        self.respondent.blockSignals(True)
        self.respondent.clear()
        for r in fw.respondents:
            self.respondent.addItem(r.label, r.id)
        self.respondent.blockSignals(False)
        many = len(fw.respondents) > 1
        self.respondent.setVisible(many)
        self.respondent_label.setVisible(many)
        self.model.respondent = fw.respondents[0].id
        is_school = self.mode == SCHOOL
        self.school_view.setVisible(not is_school)
        for w in (self.actions_label, self.actions, self.new_action, self.add_action_button):
            w.setVisible(not is_school)

    def _size_columns(self) -> None:
        widths = {"no": 48, "school": 110, "reviewer": 120, "diff": 110, "comment": 240,
                  "strengths": 130, "consider": 130, "evidence": 80, "actions": 60}
        for i, col in enumerate(self.model.columns):
            if col in widths:
                self.view.setColumnWidth(i, widths[col])
        self.view.clearSpans()
        for i, row in enumerate(self.model.rows):
            if row.statement is None:
                self.view.setSpan(i, 0, 1, len(self.model.columns))

    def _respondent_changed(self) -> None:
        self.saver.flush()
        self.model.respondent = self.respondent.currentData() or "school"
        self.model.refresh(self.ctx.bundle())
        if self.current:
            self._show(self.current)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.rows[current.row()] if current.isValid() else None
        if row is None or row.statement is None:
            return
        self.saver.flush()
        self.current = row.statement.id
        self._show(self.current)

    def _show(self, sid: str) -> None:
        b = self.model.bundle
        assert b is not None
        st = b.framework.statement(sid)
        v = self.model.values(sid)
        self.title.setText(f"{st.id}  {st.text}")
        tips = "".join(f"<li>{p}</li>" for p in st.prompts)
        self.prompts.setText(f"<i>{self.tr('Prompts')}:</i><ul>{tips}</ul>" if tips else "")
        key = v["school"] if self.mode == SCHOOL else v["reviewer"]
        self.rating.setCurrentIndex(max(0, self.rating.findData(key or "")))
        self.descriptors.show_for(b.framework, st, key)
        for widget, text in ((self.text_a, v["comment"] if self.mode == SCHOOL else v["strengths"]),
                             (self.text_b, v["evidence_note"] if self.mode == SCHOOL else v["consider"])):
            if widget.toPlainText() != text:
                widget.blockSignals(True)
                widget.setPlainText(text)
                widget.blockSignals(False)
        self.saver.reset(self.text_a, self.text_b)
        if self.mode == REVIEWER:
            school = b.framework.scale.label(v["school"]) or self.tr("not rated")
            comment = v["comment"].strip() or self.tr("(no comment)")
            diff = f" <b>{v['diff']}</b>" if v["diff"].startswith("≠") else ""
            self.school_view.setText(self.tr("<b>The school said:</b> %1.%3 %2")
                                     .replace("%1", school).replace("%2", comment).replace("%3", diff))
        refs = b.evidence_refs()
        items = b.evidence_for_statement(sid)
        self.evidence_label.setText(self.tr("&Evidence linked to %1 (%2)").replace("%1", sid)
                                    .replace("%2", str(len(items))))
        self.evidence.clear()
        for e in sorted(items, key=lambda e: refs.get(e.id, "")):
            summary = e.title or " ".join(x for x in (e.room, e.year_group, e.subject) if x)
            detail = (e.strengths or e.text or e.consider or "").strip().split("\n")[0][:120]
            item = QListWidgetItem(f"{refs.get(e.id, '')}  {summary}" + (f" — {detail}" if detail else ""))
            self.evidence.addItem(item)
        if not items:
            self.evidence.addItem(self.tr("No evidence linked yet."))
        self.actions.clear()
        linked = {link.source_id for link in b.links if link.source_kind == "action"
                  and link.target_kind == LinkTarget.STATEMENT and link.target_id == sid}
        for a in b.actions:
            if a.id in linked:
                self.actions.addItem(f"• {a.title}" + (f" ({a.owner})" if a.owner else ""))

    # --- editing ------------------------------------------------------------------

    def _save_school(self, **values: str) -> None:
        if self.current:
            self.ctx.ws.self_evaluate(self.ctx.review_id, self.current,
                                      respondent=self.model.respondent, **values)
            self._after_save()

    def _save_judgement(self, **values: str) -> None:
        if self.current:
            self.ctx.ws.judge(self.ctx.review_id, self.current, **values)
            self._after_save()

    def _after_save(self) -> None:
        self.model.refresh(self.ctx.bundle())

    def set_rating(self, key: str) -> None:
        if not self.current:
            return
        clear = key == ""
        if self.mode == SCHOOL:
            action = lambda: self.ctx.ws.self_evaluate(  # noqa: E731
                self.ctx.review_id, self.current, rating=key or None, clear_rating=clear,
                respondent=self.model.respondent)
        else:
            action = lambda: self.ctx.ws.judge(self.ctx.review_id, self.current,  # noqa: E731
                                               rating=key or None, clear_rating=clear)
        if self.saver.instant(action):
            self.model.refresh(self.ctx.bundle())
            self._show(self.current)

    def _rate_from_grid(self, key: str) -> None:
        if self.model.bundle and self.model.bundle.framework.scale.rated:
            self.set_rating(key)

    def _rate_from_combo(self, _index: int) -> None:
        self.set_rating(self.rating.currentData() or "")

    def _add_action(self) -> None:
        title = self.new_action.text().strip()
        if not title or not self.current:
            return
        sid = self.current
        if self.saver.instant(lambda: self.ctx.ws.add_action(self.ctx.review_id, title, statements=[sid])):
            self.new_action.clear()
            self.model.refresh(self.ctx.bundle())
            self._show(sid)

    # --- focus ----------------------------------------------------------------------

    def select(self, statement_id: str) -> None:
        row = self.model.row_of(statement_id)
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def leave(self) -> None:
        self.saver.flush()

    def focus_editor(self) -> None:
        (self.rating if self.rating.isEnabled() else self.text_a).setFocus()

    def focus_evidence(self) -> None:
        self.pane.ensureWidgetVisible(self.evidence)
        self.evidence.setFocus()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.saver.flush()
            self.view.setFocus()
            return True
        if event.type() == QEvent.Type.KeyPress and obj is self.rating:
            return self._rating_key(event)
        return False

    def _rating_key(self, event: Any) -> bool:
        """In the rating box a digit rates (as in the grid) and Enter moves on to the
        first text box, rather than opening the drop-down."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.text_a.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        text = event.text()
        keys = self.view.keys
        if text.isdigit() and text != "0" and int(text) <= len(keys) <= 9:
            self.set_rating(keys[int(text) - 1])
            return True
        if text == "0":
            self.set_rating("")
            return True
        return False
