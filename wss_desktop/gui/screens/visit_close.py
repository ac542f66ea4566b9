"""The end of the visit: a record of the verbal feedback given before leaving (who was
there, what was said, what was agreed), saved as it is typed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ..context import ReviewContext


class VisitClosePanel(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saver = ctx.saver(self)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A note of the feedback given in person at the end of the day, "
                               "so the written report can build on what was said and agreed."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.date = QLineEdit(self)
        self.date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.given_by = QLineEdit(self)
        self.present = QLineEdit(self)
        self.present.setPlaceholderText(self.tr("For example: headteacher, SENCO, SEND governor"))
        self.said = QPlainTextEdit(self)
        self.agreed = QPlainTextEdit(self)
        self.fields = {"date": self.date, "given_by": self.given_by, "present": self.present,
                       "said": self.said, "agreed": self.agreed}
        labels = {"date": self.tr("&Date:"), "given_by": self.tr("Given &by:"),
                  "present": self.tr("Who was &there:"), "said": self.tr("What was &said:"),
                  "agreed": self.tr("What was ag&reed:")}
        for key, widget in self.fields.items():
            form.addRow(labels[key], widget)
            form.labelForField(widget).setBuddy(widget)
            widget.setAccessibleName(labels[key].replace("&", "").rstrip(":"))
            self.saver.watch(widget, lambda text, key=key: self.ctx.ws.set_verbal_feedback(
                self.ctx.review_id, **{key: text}))
        layout.addLayout(form)

    def load(self) -> None:
        v = self.ctx.bundle().verbal_feedback
        for key, widget in self.fields.items():
            text = (getattr(v, key) or "") if v else ""
            if isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != text:
                    widget.setPlainText(text)
            elif widget.text() != text:
                widget.setText(text)
        self.saver.reset()

    def leave(self) -> None:
        self.saver.flush()
