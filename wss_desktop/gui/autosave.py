"""Saving as the user types: every watched field is written through the core on a
short pause in typing, at least every MAX_WAIT_MS while typing goes on without a
pause, and again when focus leaves it, so there is no Save button to forget and a
closed lid (or a killed process) loses at most the last second."""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTime, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ..core.errors import UserError
from ..core.store import edited_from

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
# A reviewer typing steadily never pauses for DEBOUNCE_MS; without this ceiling a whole
# burst would wait unsaved until they stop.
MAX_WAIT_MS = 800


def text_of(widget: QWidget) -> str:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else str(widget.currentData() or "")
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(f"cannot read text from {type(widget).__name__}")


class _Field(QObject):
    def __init__(self, saver: "AutoSaver", widget: QWidget, save: Callable[[str], None]):
        super().__init__(widget)
        self.saver = saver
        self.widget = widget
        self.save = save
        self.saved_text = text_of(widget)
        self.waiting = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.flush)
        # Started by the first unsaved change and never restarted by later ones.
        self.ceiling = QTimer(self)
        self.ceiling.setSingleShot(True)
        self.ceiling.setInterval(MAX_WAIT_MS)
        self.ceiling.timeout.connect(self.flush)
        widget.installEventFilter(self)
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.editTextChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.flush)
        else:
            widget.textEdited.connect(self.changed)
            widget.editingFinished.connect(self.flush)

    def changed(self, *_: object) -> None:
        if text_of(self.widget) != self.saved_text:
            self._wait(True)
            self.timer.start()
            if not self.ceiling.isActive():
                self.ceiling.start()

    def _wait(self, waiting: bool) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            self.saver.pending_changed(+1 if waiting else -1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def reset(self) -> None:
        """The screen loaded new values: they are what the database already holds."""
        self.timer.stop()
        self.ceiling.stop()
        self._wait(False)
        self.saved_text = text_of(self.widget)
        self.saver.clear_problem(self.widget)

    def flush(self) -> None:
        self.timer.stop()
        self.ceiling.stop()
        self._wait(False)
        text = text_of(self.widget)
        if text == self.saved_text:
            return
        try:
            # If a sync replaced the text this editor started from, the core keeps
            # both versions side by side instead of silently overwriting the other.
            with edited_from(self.saved_text):
                self.save(text)
        except UserError as exc:
            self.saver.problem(self.widget, str(exc))
            return
        self.saved_text = text
        self.saver.clear_problem(self.widget)
        self.saver.saved.emit()


class AutoSaver(QObject):
    """Watches fields of one screen; tells the saved indicator what happened."""

    saved = Signal()
    pending = Signal(int)   # +1 when a field starts waiting to save, -1 when it stops
    failed = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.fields: dict[QWidget, _Field] = {}
        self.problems: dict[QWidget, str] = {}

    def watch(self, widget: QWidget, save: Callable[[str], None]) -> None:
        if widget in self.fields:
            self.fields[widget].save = save
            return
        self.fields[widget] = _Field(self, widget, save)

    def forget(self, *widgets: QWidget) -> None:
        """Save what is waiting in these fields and stop watching them (they are about
        to be replaced, as when a list of rows is built afresh)."""
        for w in widgets:
            field = self.fields.pop(w, None)
            if field is not None:
                field.flush()
                field._wait(False)
                self.clear_problem(w)

    def reset(self, *widgets: QWidget) -> None:
        for w in widgets or tuple(self.fields):
            if w in self.fields:
                self.fields[w].reset()

    def flush(self) -> None:
        for f in list(self.fields.values()):
            f.flush()

    def pending_changed(self, delta: int) -> None:
        if delta:
            self.pending.emit(delta)

    def problem(self, widget: QWidget, message: str) -> None:
        self.problems[widget] = message
        widget.setProperty("problem", True)
        widget.setToolTip(message)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        self.failed.emit(message)

    def clear_problem(self, widget: QWidget) -> None:
        if self.problems.pop(widget, None) is not None:
            widget.setProperty("problem", False)
            widget.setToolTip("")
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            if not self.problems:
                self.cleared.emit()

    def instant(self, action: Callable[[], object]) -> bool:
        """Save a single click (a tick box, a rating) straight away."""
        try:
            action()
        except UserError as exc:
            self.failed.emit(str(exc))
            return False
        self.saved.emit()
        return True


def now_hhmm() -> str:
    return QTime.currentTime().toString("HH:mm")

