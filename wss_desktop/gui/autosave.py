"""Saving as the user types: every watched field is written through the core on a
short pause in typing, at least every MAX_WAIT_MS while typing goes on without a
pause, and again when focus leaves it, so there is no Save button to forget and a
closed lid (or a killed process) loses at most the last second."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTime, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ..core.errors import UserError
from ..core.store import DeletedElsewhere, StoreBusy, StoreFull, edited_from, waiting_briefly

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
# A reviewer typing steadily never pauses for DEBOUNCE_MS; without this ceiling a whole
# burst would wait unsaved until they stop.
MAX_WAIT_MS = 800
# While another connection writes (the sync taking in a colleague's snapshot can hold
# the database for tens of seconds at a trust's scale), a save as the user types holds
# the window this long at most, keeps the text waiting and tries again every RETRY_MS
# until it is saved. A click saved at once waits CLICK_WAIT_S at most.
TYPING_WAIT_S = 0.2
RETRY_MS = 500
CLICK_WAIT_S = 3.0
# Before a review or the window closes, what is waiting to save waits this long for
# another program's write (a sync run from the command line), then the user is asked.
CLOSING_WAIT_S = 3.0


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
        self.gone = False               # forgotten: its widget is about to be removed
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.flush)
        # Started by the first unsaved change and never restarted by later ones.
        self.ceiling = QTimer(self)
        self.ceiling.setSingleShot(True)
        self.ceiling.setInterval(MAX_WAIT_MS)
        self.ceiling.timeout.connect(self.flush)
        # Tries a save again while the database is busy with another connection's write.
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.flush)
        widget.installEventFilter(self)
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.editTextChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda *_: self.flush())
        else:
            widget.textEdited.connect(self.changed)
            widget.editingFinished.connect(self.flush)

    def changed(self, *_: object) -> None:
        if self.gone:
            return
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
        if event.type() == QEvent.Type.FocusOut and not self.gone:
            self.flush()
        return False

    def reset(self) -> None:
        """The screen loaded new values: they are what the database already holds."""
        self.timer.stop()
        self.ceiling.stop()
        self.retry.stop()
        self.saver.clear_held(self.widget)
        self._wait(False)
        self.saved_text = text_of(self.widget)
        self.saver.clear_problem(self.widget)

    def unsaved(self) -> bool:
        """Whether the field shows text the database does not hold yet."""
        return not self.gone and text_of(self.widget) != self.saved_text

    def let_go(self) -> None:
        """Stop saving this field (its text is let go: see AutoSaver.discard)."""
        for timer in (self.timer, self.ceiling, self.retry):
            timer.stop()
        self.gone = True
        self._wait(False)
        self.saver.clear_held(self.widget)
        self.saver.clear_problem(self.widget)

    def flush(self, patient: bool = False, going: bool = False) -> None:
        """Save the text if it changed. While another connection writes, wait briefly
        and keep the text waiting, to try again shortly (`patient`: wait as long as the
        store does, as before a review or the window closes, then go on trying; `going`:
        the field is about to be removed, so a save that cannot go in at once is handed
        to the AutoSaver to keep trying)."""
        self.timer.stop()
        self.ceiling.stop()
        self.retry.stop()
        if self.gone:
            return
        text = text_of(self.widget)
        if text == self.saved_text:
            self._wait(False)
            self.saver.clear_held(self.widget)
            return
        pending = _PendingSave(self.save, text, self.saved_text, self.saver.restore)
        try:
            pending.flush(patient)
        except (StoreBusy, StoreFull) as exc:
            # Kept, and tried again until the database is free, or the disk has space.
            full = isinstance(exc, StoreFull)
            if going:
                self._wait(False)
                self.saver.clear_held(self.widget)
                self.saver.keep(pending, full)
                return
            self._wait(True)
            self.saver.held(self.widget, full)
            if full:
                if self.saver.problems.get(self.widget) != self.saver.FULL_PROBLEM:   # said once
                    self.saver.problem(self.widget, self.saver.FULL_PROBLEM)
            elif patient:
                self.saver.problem(self.widget, self.saver.BUSY_PROBLEM)
            self.retry.start()
            return
        except UserError as exc:
            self._wait(False)
            self.saver.clear_held(self.widget)
            self.saver.problem(self.widget, str(exc))
            return
        self._wait(False)
        self.saver.clear_held(self.widget)
        self.saved_text = text
        self.saver.clear_problem(self.widget)
        self.saver.saved.emit()
        if pending.brought_back:
            self.saver.brought_back.emit()


class _PendingSave:
    """A field's text to save, from the text it was edited from. Kept, and tried again,
    by the AutoSaver when its field was removed before the database let it be saved (a
    list of rows built afresh while another program wrote)."""

    def __init__(self, save: Callable[[str], None], text: str, saved_text: str,
                 restore: Callable[[DeletedElsewhere], None] | None = None):
        self.save, self.text, self.saved_text = save, text, saved_text
        self.restore = restore
        self.brought_back = False

    def flush(self, patient: bool) -> None:
        """Save it, waiting briefly for another connection's write (`patient`: as long as
        the store does); raises StoreBusy if the database is still busy. If a colleague
        deleted the record meanwhile (by sync), it is brought back (`restore`), so the
        text is saved, and `brought_back` says so."""
        # If a sync replaced the text this editor started from, the core keeps both
        # versions side by side instead of silently overwriting the other.
        with edited_from(self.saved_text), nullcontext() if patient else waiting_briefly(TYPING_WAIT_S):
            try:
                self.save(self.text)
            except DeletedElsewhere as gone:
                if self.restore is None:
                    raise
                self.restore(gone)
                self.brought_back = True
                self.save(self.text)


class AutoSaver(QObject):
    """Watches fields of one screen; tells the saved indicator what happened."""

    saved = Signal()
    pending = Signal(int)   # +1 when a field starts waiting to save, -1 when it stops
    failed = Signal(str)
    cleared = Signal()
    busy = Signal(bool)     # whether any field waits for the database to be free
    brought_back = Signal()  # a record deleted elsewhere came back with what was typed in it

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.fields: dict[QWidget, _Field] = {}
        self.problems: dict[QWidget, str] = {}
        self.waiting_for_database: set[object] = set()
        self.waiting_for_space: set[object] = set()     # (of those) the disk was full
        # Brings back a record a colleague deleted while its text was being typed
        # (Workspace.restore; set by the review's context): without it the text is refused.
        self.restore: Callable[[DeletedElsewhere], None] | None = None
        self.left: list[_PendingSave] = []
        self.left_retry = QTimer(self)
        self.left_retry.setSingleShot(True)
        self.left_retry.setInterval(RETRY_MS)
        self.left_retry.timeout.connect(self._flush_left)

    @property
    def BUSY_PROBLEM(self) -> str:  # noqa: N802 (a sentence, like a constant)
        return self.tr("The database is busy with a sync or another program. What you typed "
                       "is still here, and it will be saved as soon as the database is free.")

    @property
    def FULL_PROBLEM(self) -> str:  # noqa: N802
        return self.tr("The disk is full (or cannot be written), so what you typed is not saved yet. "
                       "It is still here, and it will be saved as soon as there is space: free "
                       "some space on the disk.")

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
                field.flush(going=True)
                # The widget may lose focus as it is deleted: nothing more to save.
                field.gone = True
                w.removeEventFilter(field)
                field._wait(False)
                self.clear_held(w)
                self.clear_problem(w)

    def reset(self, *widgets: QWidget) -> None:
        for w in widgets or tuple(self.fields):
            if w in self.fields:
                self.fields[w].reset()

    def flush(self, busy: bool = False) -> bool:
        """Save every field now (before an action, a review or the window closing). The
        first save waits as long as the store does (or as `waiting_briefly` says) for
        another connection's write; once the database was found busy (`busy`: by an
        earlier AutoSaver), the rest wait briefly. What is not saved is kept and tried
        again (see `unsaved`). Returns whether the database was found busy."""
        with _briefly_if(busy):
            self._flush_left(patient=True)
        busy = busy or bool(self.left)
        for f in list(self.fields.values()):
            with _briefly_if(busy):
                f.flush(patient=True)
            busy = busy or f.widget in self.waiting_for_database
        return busy

    def discard(self) -> None:
        """The user chose to close without saving what the database would not take yet:
        stop trying to save it."""
        self.left_retry.stop()
        for left in self.left:
            self.clear_held(left)
            self.pending_changed(-1)
        self.left.clear()
        for f in self.fields.values():
            f.let_go()

    def unsaved(self) -> int:
        """How many fields (and removed fields' texts) are not saved yet."""
        return len(self.left) + sum(f.unsaved() for f in self.fields.values())

    def unsaved_texts(self) -> list[tuple[QWidget | None, str]]:
        """Each text not saved yet, with its field (None: a field already removed)."""
        return [(None, left.text) for left in self.left] + [
            (f.widget, text_of(f.widget)) for f in self.fields.values() if f.unsaved()]

    def keep(self, left: _PendingSave, full: bool = False) -> None:
        """Keep trying to save the text of a removed field (see _PendingSave); `full`:
        the disk had no space for it."""
        self.left.append(left)
        self.held(left, full)
        if full:
            self.failed.emit(self.FULL_PROBLEM)
        self.pending_changed(+1)
        self.left_retry.start()

    def _flush_left(self, patient: bool = False) -> None:
        self.left_retry.stop()
        for left in list(self.left):
            try:
                left.flush(patient)
            except (StoreBusy, StoreFull) as exc:
                full = isinstance(exc, StoreFull)
                said = left in self.waiting_for_space
                self.held(left, full)
                if full and not said:
                    self.failed.emit(self.FULL_PROBLEM)
                self.left_retry.start()
                return
            except UserError as exc:        # (the row it belonged to was deleted meanwhile)
                self.failed.emit(str(exc))
            self.left.remove(left)
            self.clear_held(left)
            self.pending_changed(-1)
            self.saved.emit()
            if left.brought_back:
                self.brought_back.emit()

    def held(self, widget: object, full: bool = False) -> None:
        """A field (or a removed field's text) waits to be saved: the database is busy,
        or (`full`) the disk has no space."""
        if full:
            self.waiting_for_space.add(widget)
        else:
            self.waiting_for_space.discard(widget)
        first = not self.waiting_for_database
        self.waiting_for_database.add(widget)
        if first:
            self.busy.emit(True)

    def clear_held(self, widget: object) -> None:
        self.waiting_for_space.discard(widget)
        if widget in self.waiting_for_database:
            self.waiting_for_database.discard(widget)
            if not self.waiting_for_database:
                self.busy.emit(False)

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
        """Save a single click (a tick box, a rating) straight away. While another
        connection writes, it waits CLICK_WAIT_S at most and then says so."""
        try:
            with waiting_briefly(CLICK_WAIT_S):
                action()
        except UserError as exc:
            self.failed.emit(str(exc))
            return False
        self.saved.emit()
        return True


class DraftBox:
    """A box whose text becomes a record only when it is added (a new action, a progress
    note, a question to explore, a moderator's comment). What is typed is kept as a draft
    of this computer's (Workspace.keep_draft), saved as any field is, so leaving the
    review, closing the window or the app being stopped never loses it. `show` puts the
    draft back in the box (the screen then resets its saver, as after loading any field);
    `added` empties the box once its record is added and lets go of the draft at once."""

    def __init__(self, saver: AutoSaver, widget: QWidget, ws: Any, review_id: str,
                 name: Callable[[], str]):
        self.saver, self.widget, self.ws, self.review_id, self.name = saver, widget, ws, review_id, name
        saver.watch(widget, lambda text: ws.keep_draft(review_id, name(), text))

    def show(self) -> None:
        kept = self.ws.draft(self.review_id, self.name())
        if text_of(self.widget) != kept:
            self.widget.blockSignals(True)
            if isinstance(self.widget, (QPlainTextEdit, QTextEdit)):
                self.widget.setPlainText(kept)
            elif isinstance(self.widget, QLineEdit):
                self.widget.setText(kept)
            self.widget.blockSignals(False)

    def added(self) -> None:
        if isinstance(self.widget, (QPlainTextEdit, QTextEdit, QLineEdit)):
            self.widget.clear()
        self.saver.flush()      # the empty box is saved: the draft goes, never added twice


def _briefly_if(busy: bool) -> AbstractContextManager[None]:
    return waiting_briefly(TYPING_WAIT_S) if busy else nullcontext()


def save_all(savers: Iterable[AutoSaver], wait_s: float | None = None) -> int:
    """Save what every field of `savers` shows (a review or the window closing); how many
    are not saved yet (they go on trying by themselves). The first save the database
    turns away waits `wait_s` (None: as long as the store does); the rest then wait
    briefly, so closing does not wait once per field."""
    savers = list(savers)
    busy = False
    with nullcontext() if wait_s is None else waiting_briefly(wait_s):
        for saver in savers:
            busy = saver.flush(busy)
    return sum(saver.unsaved() for saver in savers)


def now_hhmm() -> str:
    return QTime.currentTime().toString("HH:mm")

