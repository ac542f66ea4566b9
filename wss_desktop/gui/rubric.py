"""Rubric level descriptors on screen: what each rating looks like for a statement.

One label the statement grid and the learning walk both use, so the words sit beside
the rating wherever a statement is judged. The chosen level is said in words
("your rating"), never shown by colour alone.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from ..core.frameworks import Framework, Statement


def descriptor_html(fw: Framework, st: Statement, chosen: str | None = None,
                    chosen_words: str = "") -> str:
    if not st.descriptors:
        return ""
    items = []
    for key, text in st.descriptors:
        mark = f" <i>({escape(chosen_words)})</i>" if key == chosen and chosen_words else ""
        label = escape(fw.scale.label(key))
        items.append(f"<li><b>{label}</b>{mark}: {escape(text)}</li>")
    return "<i>What each level looks like:</i><ul style='margin-top:0'>" + "".join(items) + "</ul>"


class DescriptorLabel(QLabel):
    """Hidden when the statement has no descriptors."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("What each level looks like"))
        self.hide()

    def show_for(self, fw: Framework, st: Statement, chosen: str | None = None) -> None:
        html = descriptor_html(fw, st, chosen, self.tr("the rating chosen"))
        self.setText(html)
        self.setAccessibleDescription(" ".join(f"{fw.scale.label(k)}: {t}" for k, t in st.descriptors))
        self.setVisible(bool(html))


def add_to_layout(layout: QBoxLayout, fw: Framework, st: Statement, parent: QWidget) -> None:
    """Put a statement's descriptors in a list of statements (the learning walk)."""
    if st.descriptors:
        label = DescriptorLabel(parent)
        label.setContentsMargins(24, 0, 0, 0)
        label.show_for(fw, st)
        layout.addWidget(label)
