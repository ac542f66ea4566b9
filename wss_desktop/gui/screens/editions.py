"""Choosing a framework's edition (the SEND Review Guide for mainstream or specialist
settings) on the identification screen; switching keeps every rating and note."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from ...core import editions
from ...core.errors import UserError
from ..context import ReviewContext

LABELS = {"mainstream": "Mainstream schools", "specialist": "Specialist settings and alternative provision"}


class EditionChooser(QComboBox):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self.tr("Framework ed&ition:"), parent)
        self.label.setBuddy(self)
        self.setAccessibleName(self.tr("Framework edition"))
        self.setToolTip(self.tr("The editions share their statements' numbers, so switching "
                                "keeps every rating, comment and link."))
        self.activated.connect(self._chosen)

    def load(self) -> None:
        framework_id = self.ctx.bundle().review.framework_id
        family = editions.family_of(framework_id)
        shown = family is not None
        self.setVisible(shown)
        self.label.setVisible(shown)
        if not shown:
            return
        self.blockSignals(True)
        self.clear()
        for name in editions.EDITIONS[family]:
            self.addItem(self.tr(LABELS.get(name, name)), name)
        self.setCurrentIndex(max(0, self.findData(editions.edition_name(framework_id))))
        self.blockSignals(False)

    def _chosen(self, _index: int) -> None:
        try:
            self.ctx.ws.switch_edition(self.ctx.review_id, self.currentData())
        except UserError as exc:
            self.setToolTip(str(exc))
            self.load()
            return
        self.ctx.edited.emit()


def add_edition_row(ctx: ReviewContext, form: QFormLayout, parent: QWidget) -> EditionChooser:
    chooser = EditionChooser(ctx, parent)
    form.addRow(chooser.label, chooser)
    return chooser
