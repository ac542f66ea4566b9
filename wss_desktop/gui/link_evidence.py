"""Choosing the evidence a statement's finding rests on, from the reporting stage.

Evidence is usually linked while it is recorded (a learning-walk visit or meeting
names its statements); this dialog does the same from the other side, so a finding
the consistency check shows with no evidence can be put right where it is seen.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from ..core.model import ReviewBundle
from ..core.reports import content
from ..core.reports.text import uk_date
from .forms.ui_link_evidence import Ui_LinkEvidence
from .widgets import FitsTheScreen


class LinkEvidenceDialog(FitsTheScreen, QDialog):
    def __init__(self, bundle: ReviewBundle, statement_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_LinkEvidence()
        self.ui.setupUi(self)
        self.statement_id = statement_id
        statement = bundle.framework.statement(statement_id)
        self.setWindowTitle(self.tr("Link evidence to statement %1").replace("%1", statement_id))
        self.ui.intro.setText(
            self.tr("<b>%1</b> %2<br>Tick the observations, meetings and documents this "
                    "finding rests on. The report cites them by reference.")
            .replace("%1", escape(statement_id)).replace("%2", escape(statement.text)))
        linked = {e.id for e in bundle.evidence_for_statement(statement_id)}
        lst = self.ui.evidenceList
        for ref, e in content.evidence_in_order(bundle):
            what = " · ".join(x for x in (content.evidence_label(e.kind), e.title or e.room or "",
                                         uk_date(e.date, "")) if x)
            item = QListWidgetItem(f"{ref}  {what}", lst)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if e.id in linked else Qt.CheckState.Unchecked)
        if lst.count():
            lst.setCurrentRow(0)
            self.ui.hint.setText(self.tr("Space ticks or unticks the evidence in focus."))
        else:
            self.ui.hint.setText(self.tr("This review has no evidence recorded yet. Record the "
                                         "learning walk, meetings or documents at the school "
                                         "visit stage first, then link them here."))
        self.ui.filter.textChanged.connect(self._filter)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.evidenceList.setFocus()

    def _filter(self, text: str) -> None:
        wanted = text.casefold().split()
        lst = self.ui.evidenceList
        for row in range(lst.count()):
            item = lst.item(row)
            shown = all(w in item.text().casefold() for w in wanted)
            item.setHidden(not shown)

    def chosen(self) -> list[str]:
        lst = self.ui.evidenceList
        return [lst.item(r).data(Qt.ItemDataRole.UserRole) for r in range(lst.count())
                if lst.item(r).checkState() == Qt.CheckState.Checked]
