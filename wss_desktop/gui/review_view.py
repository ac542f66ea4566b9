"""One open review: the six-stage navigator (always visible, with each stage's status
and what is still missing) beside the screen of the chosen stage."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QSizePolicy, QWidget

from ..core.changes import Changes
from ..core.errors import UserError
from ..core.model import ReviewType, Stage, StageStatus
from ..core.stages import missing
from .context import ReviewContext
from .forms.ui_review_view import Ui_ReviewView
from .screens.followup import FollowUpScreen
from .screens.identification import IdentificationScreen
from .screens.preparation import PreparationScreen
from .screens.reporting import ReportingScreen
from .screens.self_evaluation import SelfEvaluationScreen
from .screens.visit import VisitScreen
from .reflow import set_breakpoint
from .style import scaled
from .widgets import first_focusable, forget_layout_item_wrappers, nice_date

STAGES = list(Stage)
STATUS_SYMBOL = {StageStatus.NOT_STARTED: "○", StageStatus.IN_PROGRESS: "◐", StageStatus.COMPLETE: "✓"}
STATUS_WORDS = {StageStatus.NOT_STARTED: "Not started", StageStatus.IN_PROGRESS: "In progress",
                StageStatus.COMPLETE: "Complete"}
SCREENS: dict[Stage, Callable[[ReviewContext, QWidget], QWidget]] = {
    Stage.IDENTIFICATION: IdentificationScreen,
    Stage.SELF_EVALUATION: SelfEvaluationScreen,
    Stage.PREPARATION: PreparationScreen,
    Stage.SCHOOL_VISIT: VisitScreen,
    Stage.REPORTING: ReportingScreen,
    Stage.FOLLOW_UP: FollowUpScreen,
}


class ReviewView(QWidget):
    gone = Signal()   # the review was deleted (on another computer): nothing left to show

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_ReviewView()
        self.ui.setupUi(self)
        ui = self.ui
        scaled(ui.schoolTitle, 1.4, bold=True)
        # Long names must not make the window wider than the screen: they are cut short
        # (the full text is in the tooltip) rather than pushing the layout.
        for label in (ui.schoolTitle, ui.reviewSummary):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        ui.header.setStretch(0, 3)
        ui.header.setStretch(1, 4)
        scaled(ui.missingTitle, 1.0, bold=True)
        self.screens: dict[Stage, QWidget] = {}
        self.saver = ctx.saver(self)
        for status in StageStatus:
            ui.stageStatus.addItem(f"{STATUS_SYMBOL[status]} {self.tr(STATUS_WORDS[status])}", status.value)
        for i, stage in enumerate(STAGES, 1):
            item = QListWidgetItem(ui.stageList)
            item.setData(Qt.ItemDataRole.UserRole, stage.value)
            # Window-wide, so they work with focus anywhere (the status bar, a dialog's
            # parent); the review view is shown only while a review is open.
            sc = QShortcut(QKeySequence(f"Ctrl+{i}"), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda stage=stage: self.go_to_stage(stage))
        ui.splitter.setSizes([230, 1040])
        set_breakpoint(ui.splitter, 700)   # narrower: the navigator sits above the screen
        ui.splitter.setStretchFactor(1, 1)
        ui.stageList.currentRowChanged.connect(lambda row: self.show_stage(STAGES[row]) if row >= 0 else None)
        ui.stageStatus.activated.connect(self._status_chosen)
        # The navigator's statuses and "still to do" follow every change to the review,
        # gathered over a moment of typing rather than re-read at each keystroke's save.
        self._navigator_timer = QTimer(self)
        self._navigator_timer.setSingleShot(True)
        self._navigator_timer.setInterval(250)
        self._navigator_timer.timeout.connect(self.refresh_navigator)
        ctx.edited.connect(self._mark_started)
        self.current: Stage | None = None

    def apply(self, changes: Changes) -> None:
        """Something changed: a screen's own edits need nothing more than the navigator;
        changes from elsewhere (a sync, a partner's file) are shown on the open screen."""
        if not changes.about(self.ctx.review_id):
            return
        if changes.from_elsewhere:
            try:
                self.ctx.bundle()
            except UserError:   # deleted on another computer
                self.gone.emit()
                return
            if self.current is not None:
                self.screens[self.current].apply(changes)  # type: ignore[attr-defined]
            self.refresh_navigator()
        else:
            self._navigator_timer.start()

    def screen(self, stage: Stage) -> QWidget:
        """The stage's screen, built the first time it is shown (so opening is quick)."""
        if stage not in self.screens:
            screen = SCREENS[stage](self.ctx, self.ui.stagePages)
            self.ui.stagePages.addWidget(screen)
            self.screens[stage] = screen
            # PySide6 wrapped the items of every layout the screen added to another
            # and is not told if Qt deletes one (issue 13): let go of them now.
            forget_layout_item_wrappers(keep_python_made=True)
            navigate = getattr(screen, "navigate", None)
            if navigate is not None:
                navigate.connect(self.go_to)
        return self.screens[stage]

    def start(self) -> None:
        b = self.ctx.bundle()
        stage = b.stage_reached()
        rec = b.stages.get(stage)
        # Open where the work is: the first stage reached that is not yet complete.
        if rec and rec.status == StageStatus.COMPLETE and stage != Stage.FOLLOW_UP:
            stage = STAGES[STAGES.index(stage) + 1]
        self.show_stage(stage)

    def show_stage(self, stage: Stage) -> None:
        if stage == self.current:
            return
        if self.current is not None:
            self.screens[self.current].leave()  # type: ignore[attr-defined]
        self.current = stage
        screen = self.screen(stage)
        self.ui.stagePages.setCurrentWidget(screen)
        screen.load()  # type: ignore[attr-defined]
        row = STAGES.index(stage)
        if self.ui.stageList.currentRow() != row:
            self.ui.stageList.blockSignals(True)
            self.ui.stageList.setCurrentRow(row)
            self.ui.stageList.blockSignals(False)
        self.refresh_navigator()

    def go_to_stage(self, stage: Stage) -> None:
        """Show a stage chosen by a key and put the cursor in it, so what is typed next
        lands on the screen (the learning walk starts an observation at once)."""
        self.show_stage(stage)
        screen = self.screens[stage]
        focus = getattr(screen, "focus_first", None)
        target = focus() if focus is not None else first_focusable(screen)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def go_to(self, kind: str, target_id: str) -> None:
        """Show what a check finding or a comment is about: a statement (or an area's
        first statement) in the judgements grid of the school visit."""
        sid = target_id
        if kind == "school-statement":   # the school's own rating: its self-evaluation row
            self.show_stage(Stage.SELF_EVALUATION)
            screen = self.screens[Stage.SELF_EVALUATION]
            screen.setCurrentWidget(screen.grid)  # type: ignore[attr-defined]
            screen.grid.select(sid)  # type: ignore[attr-defined]
            screen.grid.view.setFocus()  # type: ignore[attr-defined]
            return
        if kind == "area":
            try:
                area = self.ctx.bundle().framework.area(target_id)
            except KeyError:
                return
            if not area.statements:
                return
            sid = area.statements[0].id
        self.show_stage(Stage.SCHOOL_VISIT)
        self.screens[Stage.SCHOOL_VISIT].show_judgement(sid)  # type: ignore[attr-defined]

    def step(self, delta: int) -> None:
        index = STAGES.index(self.current or Stage.IDENTIFICATION) + delta
        if 0 <= index < len(STAGES):
            self.go_to_stage(STAGES[index])

    def refresh_navigator(self) -> None:
        b = self.ctx.bundle()
        r = b.review
        ui = self.ui
        ui.schoolTitle.setText(r.school_name)
        bits = [b.framework.name]
        try:
            bits.append(ReviewType(r.review_type).label)
        except ValueError:
            pass
        if r.date_visit:
            bits.append(self.tr("visit %1").replace("%1", nice_date(r.date_visit)))
        ui.reviewSummary.setText(" · ".join(bits))
        ui.schoolTitle.setToolTip(r.school_name)
        ui.reviewSummary.setToolTip(" · ".join(bits))
        for i, stage in enumerate(STAGES):
            rec = b.stages.get(stage)
            status = StageStatus(rec.status) if rec else StageStatus.NOT_STARTED
            todo = missing(b, stage)
            note = self.tr(STATUS_WORDS[status])
            if todo and status != StageStatus.COMPLETE:
                note += " · " + self.tr("%n to do", "", len(todo))
            item = ui.stageList.item(i)
            item.setText(f"{i + 1}  {stage.label}\n    {STATUS_SYMBOL[status]} {note}")
            item.setToolTip("\n".join(todo) or self.tr("Nothing missing"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{i + 1} {stage.label}: {note}")
        if self.current is not None:
            rec = b.stages.get(self.current)
            status = rec.status if rec else StageStatus.NOT_STARTED.value
            ui.stageStatus.setCurrentIndex(max(0, ui.stageStatus.findData(status)))
            todo = missing(b, self.current)
            ui.missingTitle.setText(self.tr("Still to do for %1").replace("%1", self.current.label.lower()))
            ui.missingList.setText("<br>".join(f"• {t}" for t in todo) if todo
                                   else self.tr("✓ Nothing missing. Well done."))

    def _mark_started(self) -> None:
        """Something was saved on this stage's screen: the stage has begun, so the
        navigator and the review list say so without the user having to."""
        if self.current is None:
            return
        rec = self.ctx.bundle().stages.get(self.current)
        if rec is None or rec.status == StageStatus.NOT_STARTED:
            stage = self.current.value
            self.saver.instant(lambda: self.ctx.ws.set_stage(
                self.ctx.review_id, stage, StageStatus.IN_PROGRESS.value))

    def _status_chosen(self, _index: int) -> None:
        if self.current is None:
            return
        status = self.ui.stageStatus.currentData()
        stage = self.current.value
        self.saver.instant(lambda: self.ctx.ws.set_stage(self.ctx.review_id, stage, status))
        self.refresh_navigator()

    def leave(self) -> None:
        if self.current is not None:
            self.screens[self.current].leave()  # type: ignore[attr-defined]
        self.ctx.flush()
        # Nothing may refresh from the database once the review is closed (the window,
        # and then the workspace, may close before deleteLater has run).
        self._navigator_timer.stop()
        self.ctx.stop()
