"""Stage 1: who asked for the review, why, its scope, the people and the dates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QTableWidgetItem, QWidget

from ...core.changes import Changes
from ...core.model import Phase, ReviewType, Setting
from ..context import ReviewContext
from ..forms.ui_identification import Ui_Identification
from ..subject_fields import SubjectFields
from ..reflow import set_breakpoint
from ..widgets import clear_layout, set_date, watch_date
from ..wizard import phase_label
from .editions import add_edition_row


class IdentificationScreen(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_Identification()
        self.ui.setupUi(self)
        self.saver = ctx.saver(self)
        ui = self.ui
        for phase in Phase:
            ui.phase.addItem(phase_label(phase.value), phase.value)
        ui.phase.insertItem(0, self.tr("Not chosen"), "")
        for setting in Setting:
            ui.setting.addItem(setting.value.capitalize(), setting.value)
        ui.setting.insertItem(0, self.tr("Not chosen"), "")
        for rtype in ReviewType:
            ui.reviewType.addItem(rtype.label, rtype.value)
        ui.purpose.setMinimumHeight(90)
        set_breakpoint(ui.grid, 760)   # narrower: the boxes go one under another
        for key, widget in (("school_name", ui.schoolName), ("urn", ui.urn),
                            ("trust_or_la", ui.trust), ("requested_by", ui.requestedBy),
                            ("purpose", ui.purpose), ("phase", ui.phase), ("setting", ui.setting),
                            ("review_type", ui.reviewType)):
            self.saver.watch(widget, lambda text, key=key: self._save(**{key: text or None}))
        self.dates = {"date_requested": ui.dateRequested, "date_visit": ui.dateVisit,
                      "date_report_due": ui.dateReport, "date_next_review": ui.dateNext}
        for key, edit in self.dates.items():
            watch_date(edit, self.saver, lambda iso, key=key: self._save(**{key: iso}))
        self.area_boxes: list[QCheckBox] = []
        self.subject = SubjectFields(ui.schoolForm, ui.schoolBox, ui.schoolNameLabel, self.saver, self._save, ui.trust)
        ui.addReviewer.clicked.connect(self._add_reviewer)
        ui.newReviewerName.returnPressed.connect(self._add_reviewer)
        ui.reviewers.itemChanged.connect(self._reviewer_edited)
        ui.reviewers.setEditTriggers(ui.reviewers.EditTrigger.DoubleClicked
                                     | ui.reviewers.EditTrigger.EditKeyPressed
                                     | ui.reviewers.EditTrigger.AnyKeyPressed)
        ui.reviewers.setColumnWidth(0, 240)
        ui.reviewers.setColumnWidth(1, 240)
        self.edition = add_edition_row(ctx, ui.schoolForm, ui.schoolBox)

    def _save(self, **values: Any) -> None:
        self.ctx.ws.update_review(self.ctx.review_id, **values)

    def load(self) -> None:
        self.saver.flush()
        b = self.ctx.bundle()
        r = b.review
        ui = self.ui
        for widget, value in ((ui.schoolName, r.school_name), (ui.urn, r.urn),
                              (ui.trust, r.trust_or_la), (ui.requestedBy, r.requested_by)):
            if widget.text() != (value or ""):
                widget.setText(value or "")
        if ui.purpose.toPlainText() != r.purpose:
            ui.purpose.setPlainText(r.purpose)
        for combo, value in ((ui.phase, r.phase), (ui.setting, r.setting), (ui.reviewType, r.review_type)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value or "")))
            combo.blockSignals(False)
        self.subject.load(r)
        self.saver.reset()
        for key, edit in self.dates.items():
            set_date(edit, getattr(r, key))
        self._build_scope(b)
        self._fill_reviewers(b)
        self.edition.load()

    def _build_scope(self, b: Any) -> None:
        layout = self.ui.scopeLayout
        clear_layout(layout, hide=True)
        self.area_boxes = []
        in_scope = set(b.scope_area_ids())
        for area in b.framework.areas:
            box = QCheckBox(f"{area.id}. {area.title}", self.ui.scopeBox)
            box.setProperty("areaId", area.id)
            box.setChecked(area.id in in_scope)
            box.toggled.connect(self._scope_changed)
            layout.addWidget(box)
            self.area_boxes.append(box)

    def _scope_changed(self) -> None:
        chosen = [b.property("areaId") for b in self.area_boxes if b.isChecked()]
        if not chosen:
            self.saver.failed.emit(self.tr("At least one area must stay in scope."))
            self.load()
            return
        everything = len(chosen) == len(self.area_boxes)
        self.saver.instant(lambda: self._save(scope=None if everything else chosen))

    def _fill_reviewers(self, b: Any) -> None:
        table = self.ui.reviewers
        table.blockSignals(True)
        table.setRowCount(len(b.reviewers))
        for row, person in enumerate(b.reviewers):
            for column, value in enumerate((person.name, person.role, person.organisation)):
                item = QTableWidgetItem(value or "")
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                table.setItem(row, column, item)
        table.blockSignals(False)

    def _reviewer_edited(self, item: QTableWidgetItem) -> None:
        key = ("name", "role", "organisation")[item.column()]
        reviewer_id = item.data(Qt.ItemDataRole.UserRole)
        if key == "name" and not item.text().strip():
            if self.saver.instant(lambda: self.ctx.ws.delete_reviewer(reviewer_id)):
                self._fill_reviewers(self.ctx.bundle())
                self.ctx.status.removed(self.tr("reviewer"))
            return
        if not self.saver.instant(lambda: self.ctx.ws.update_reviewer(
                reviewer_id, **{key: item.text()})):
            self._fill_reviewers(self.ctx.bundle())

    def _add_reviewer(self) -> None:
        ui = self.ui
        name = ui.newReviewerName.text().strip()
        if not name:
            ui.newReviewerName.setFocus()
            return
        if self.saver.instant(lambda: self.ctx.ws.add_reviewer(
                self.ctx.review_id, name, ui.newReviewerRole.text().strip() or None,
                ui.newReviewerOrg.text().strip() or None)):
            for w in (ui.newReviewerName, ui.newReviewerRole, ui.newReviewerOrg):
                w.clear()
            self._fill_reviewers(self.ctx.bundle())
            ui.newReviewerName.setFocus()

    def apply(self, changes: Changes) -> None:
        """Show changes made elsewhere (a sync, a partner's file); this screen's own
        edits are on it already."""
        if changes.from_elsewhere:
            self.load()

    def leave(self) -> None:
        self.saver.flush()
