"""The new-review wizard: school, review, framework and scope, people and dates."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QTableWidgetItem, QWidget, QWizard

from ..core.errors import UserError
from ..core.frameworks import Framework
from ..core.profile import load as load_profile
from ..core.model import Phase, ReviewType, Setting
from ..core.workspace import Workspace
from .forms.ui_new_review_wizard import Ui_NewReviewWizard
from .widgets import FitsTheScreen

DEFAULT_FRAMEWORK = "send-review"


def phase_label(value: str) -> str:
    return value.replace("-", " ").capitalize().replace("Post 16", "Post-16")


def framework_preview(fw: Framework) -> str:
    parts = [f"<h3>{escape(fw.name)}</h3>", f"<p>{escape(fw.description)}</p>",
             f"<p><b>Who it is for:</b> {escape(fw.audience)}</p>"]
    if fw.scale.rated:
        levels = ", ".join(escape(lv.label) for lv in fw.scale.levels)
        parts.append(f"<p><b>Rating scale:</b> {escape(fw.scale.name)} ({levels})</p>")
    else:
        parts.append("<p><b>Rating scale:</b> none; each statement gets a written reflection.</p>")
    parts.append(f"<p><b>{len(fw.areas)} areas, {len(fw.statements())} statements:</b></p><ol>")
    parts.extend(f"<li>{escape(a.title)} ({len(a.statements)})</li>" for a in fw.areas)
    parts.append("</ol>")
    return "".join(parts)


class NewReviewWizard(FitsTheScreen, QWizard):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.review_id: str | None = None
        self.ui = Ui_NewReviewWizard()
        self.ui.setupUi(self)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Start the review"))
        ui = self.ui
        ui.schoolPage.registerField("schoolName*", ui.schoolName)
        ui.phase.addItem(self.tr("Not chosen"), None)
        for phase in Phase:
            ui.phase.addItem(phase_label(phase.value), phase.value)
        ui.setting.addItem(self.tr("Not chosen"), None)
        for setting in Setting:
            ui.setting.addItem(setting.value.capitalize(), setting.value)
        for rtype in ReviewType:
            ui.reviewType.addItem(rtype.label, rtype.value)
        self._setup_subject()
        for fw in sorted(ws.library.frameworks.values(), key=lambda f: f.name):
            item = QListWidgetItem(fw.name, ui.frameworkList)
            item.setData(Qt.ItemDataRole.UserRole, fw.id)
            if fw.id == DEFAULT_FRAMEWORK:
                ui.frameworkList.setCurrentItem(item)
        ui.frameworkList.currentItemChanged.connect(self._framework_chosen)
        if ui.frameworkList.currentItem() is None and ui.frameworkList.count():
            ui.frameworkList.setCurrentRow(0)
        self._framework_chosen()
        today = QDate.currentDate()
        ui.visitDate.setDate(today.addDays(21))
        ui.reportDate.setDate(today.addDays(35))
        ui.reviewers.setColumnWidth(0, 220)
        ui.reviewers.setColumnWidth(1, 220)
        me = load_profile(ws.store)
        if me.name:
            # The person starting a review is usually its reviewer: one less thing to type.
            self.set_reviewer(0, me.name, me.role_label(), me.organisation)

    # --- trust-wide and local-area reviews (issue 16) ---------------------------------

    SUBJECT_CHOICES = (("school", "One school"), ("trust", "A whole trust (several schools)"),
                       ("local-area", "A local area (several schools)"))

    def _setup_subject(self) -> None:
        ui = self.ui
        for key, label in self.SUBJECT_CHOICES:
            ui.subject.addItem(self.tr(label), key)
        ui.subject.currentIndexChanged.connect(self._subject_changed)
        self._subject_changed()

    def _subject_changed(self, *_: object) -> None:
        """Name the trust or area instead of a school, and ask for its schools."""
        ui = self.ui
        key = ui.subject.currentData() or "school"
        group = key != "school"
        # Alt+N is Next; the first field is where the cursor starts, so it needs no letter
        # beyond the .ui file's Alt+S.
        ui.schoolNameLabel.setText({"school": self.tr("&School name:"), "trust": self.tr("Trust name:"),
                                    "local-area": self.tr("Local area name:")}[key])
        ui.schoolName.setAccessibleName({"school": self.tr("School name"), "trust": self.tr("Trust name"),
                                         "local-area": self.tr("Local area name")}[key])
        ui.schoolPage.setTitle(self.tr("The school") if not group else
                               self.tr("The trust") if key == "trust" else self.tr("The local area"))
        if not hasattr(self, "_school_subtitle"):
            self._school_subtitle = ui.schoolPage.subTitle()
        ui.schoolPage.setSubTitle(self._school_subtitle if not group else self.tr(
            "Which %1 is this review for? Name it, and list the schools it covers; you can add "
            "the rest later.").replace("%1", self.tr("trust") if key == "trust" else self.tr("local area")))
        for w in (ui.membersLabel, ui.memberSchools, ui.urnLabel, ui.urn):
            w.setVisible(group if w in (ui.membersLabel, ui.memberSchools) else not group)

    def set_subject(self, key: str) -> None:
        self.ui.subject.setCurrentIndex(max(0, self.ui.subject.findData(key)))

    def _subject_for(self, fw: Framework) -> str:
        """What the user chose (choosing a framework made for trusts chooses "trust" for
        them, which they may change back on the first page)."""
        return self.ui.subject.currentData() or "school"

    def framework(self) -> Framework | None:
        item = self.ui.frameworkList.currentItem()
        return self.ws.library.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _framework_chosen(self, *_: object) -> None:
        fw = self.framework()
        self.ui.areaList.clear()
        if fw is None:
            self.ui.preview.clear()
            return
        self.ui.preview.setHtml(framework_preview(fw))
        if fw.subject != "school" and (self.ui.subject.currentData() or "school") == "school":
            self.set_subject(fw.subject)
        for area in fw.areas:
            item = QListWidgetItem(f"{area.id}. {area.title}", self.ui.areaList)
            item.setData(Qt.ItemDataRole.UserRole, area.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def scope(self) -> list[str] | None:
        if self.ui.scopeAll.isChecked():
            return None
        items = (self.ui.areaList.item(i) for i in range(self.ui.areaList.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items
                if it.checkState() == Qt.CheckState.Checked]

    def reviewers(self) -> list[tuple[str, str, str]]:
        people = []
        table = self.ui.reviewers
        for row in range(table.rowCount()):
            cells = [table.item(row, c) for c in range(3)]
            name, role, org = ((c.text().strip() if c else "") for c in cells)
            if name:
                people.append((name, role, org))
        return people

    def set_reviewer(self, row: int, name: str, role: str = "", organisation: str = "") -> None:
        for column, text in enumerate((name, role, organisation)):
            self.ui.reviewers.setItem(row, column, QTableWidgetItem(text))

    def accept(self) -> None:
        ui = self.ui
        fw = self.framework()
        if fw is None:
            return
        scope = self.scope()
        if scope == []:
            QMessageBox.information(self, self.tr("Choose the areas"), self.tr(
                "Please tick at least one area, or choose the whole framework."))
            return
        iso = lambda edit: edit.date().toString(Qt.DateFormat.ISODate)  # noqa: E731
        try:
            review_id = self.ws.new_review(
                ui.schoolName.text(), fw.id, review_type=ui.reviewType.currentData(),
                urn=ui.urn.text(), phase=ui.phase.currentData(), setting=ui.setting.currentData(),
                trust_or_la=ui.trust.text(), requested_by=ui.requestedBy.text(),
                purpose=ui.purpose.toPlainText(), scope=scope, subject=self._subject_for(fw),
                member_schools=ui.memberSchools.toPlainText() if self._subject_for(fw) != "school" else None,
                date_requested=QDate.currentDate().toString(Qt.DateFormat.ISODate),
                date_visit=iso(ui.visitDate) if ui.visitSet.isChecked() else None,
                date_report_due=iso(ui.reportDate) if ui.reportSet.isChecked() else None)
        except UserError as exc:
            QMessageBox.information(self, self.tr("Please check"), str(exc))
            return
        self.review_id = review_id
        try:
            for name, role, org in self.reviewers():
                self.ws.add_reviewer(review_id, name, role or None, org or None)
            self.ws.set_stage(review_id, "identification", "in-progress")
        except UserError as exc:
            # The review exists now; say what was not added rather than start a second one.
            QMessageBox.information(self, self.tr("Please check"), self.tr(
                "The review has been started, but not everything could be added: {0} "
                "You can put it right on the Identification screen.").format(str(exc)))
        super().accept()
