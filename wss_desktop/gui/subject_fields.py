"""What a review looks at (one school, a trust or a local area) and its member schools,
as two fields added to a form that already names the school (issue 16).

The Identification screen adds them with one line, so a trust-wide review's schools can
be changed after the wizard, and the form's labels say "Trust name" rather than
"School name" when the review is of a trust.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from ..core import subject

CHOICES = (("school", "One school"), ("trust", "A whole trust (several schools)"),
           ("local-area", "A local area (several schools)"))
NAME_LABELS = {"school": "School &name:", "trust": "Trust &name:", "local-area": "Local area &name:"}


class SubjectFields:
    def __init__(self, form: QFormLayout, parent: QWidget, name_label: QLabel, saver: Any,
                 save: Callable[..., None], after: QWidget | None = None):
        self.name_label = name_label
        self.save = save
        self.kind = QComboBox(parent)
        self.kind.setAccessibleName(parent.tr("What the review looks at"))
        for key, label in CHOICES:
            self.kind.addItem(parent.tr(label), key)
        self.kind_label = QLabel(parent.tr("Wh&o or what is reviewed:"), parent)
        self.kind_label.setBuddy(self.kind)
        self.members = QPlainTextEdit(parent)
        self.members.setTabChangesFocus(True)
        self.members.setAccessibleName(parent.tr("Member schools, one a line"))
        self.members.setFixedHeight(self.members.fontMetrics().lineSpacing() * 4 + 14)
        self.members_label = QLabel(parent.tr("&Member schools (one a line):"), parent)
        self.members_label.setBuddy(self.members)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.members_label, self.members)
        if after is not None:
            QWidget.setTabOrder(after, self.kind)
            QWidget.setTabOrder(self.kind, self.members)
        self.kind.activated.connect(lambda _i: self._kind_chosen())
        saver.watch(self.members, lambda text: self.save(member_schools=text or None))
        self._tr = parent.tr

    def _kind_chosen(self) -> None:
        key = self.kind.currentData() or "school"
        self.save(subject=key)
        self._relabel(key)

    def _relabel(self, key: str) -> None:
        self.name_label.setText(self._tr(NAME_LABELS[key]))
        group = key != "school"
        self.members.setVisible(group)
        self.members_label.setVisible(group)

    def load(self, review: Any) -> None:
        key = subject.kind(review)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(key)))
        self.kind.blockSignals(False)
        text = "\n".join(subject.members(review))
        if self.members.toPlainText().strip() != text:
            self.members.setPlainText(text)
        self._relabel(key)
