"""What every screen of an open review shares: the workspace, the review's id, and
the save status shown in the window's status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTime, QTimer, Signal

from ..core.model import ReviewBundle
from ..core.workspace import Workspace
from .autosave import AutoSaver, save_all
from .widgets import capitalised


class SaveStatus(QObject):
    """Collects what every AutoSaver reports, for the saved indicator."""

    changed = Signal(str, str)   # state ("saved" | "saving" | "problem"), sentence
    notice = Signal(str)         # something the user should know, said once

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.waiting = 0
        self.problem_text = ""
        self.last_saved: QTime | None = None
        self.savers: list[AutoSaver] = []

    def attach(self, saver: AutoSaver) -> AutoSaver:
        self.savers.append(saver)
        saver.destroyed.connect(lambda *_: self.savers.remove(saver) if saver in self.savers else None)
        saver.pending.connect(self._pending)
        saver.saved.connect(self._saved)
        saver.failed.connect(self._failed)
        saver.cleared.connect(self._cleared)
        saver.busy.connect(lambda _busy: self._emit())
        saver.brought_back.connect(self._brought_back)
        return saver

    def _brought_back(self) -> None:
        # Short: the status bar gives a message one line (a screen reader hears it too).
        self.notice.emit(self.tr("Deleted on another computer as you typed: it is back, with your words."))

    def removed(self, what: str) -> None:
        """Say that something was taken out of the review, and how to bring it back
        (gui/removed_panel.py); short, so the status bar shows it whole at 1024 px."""
        from .removed_panel import SHORTCUT
        self.notice.emit(self.tr("%1 removed. To bring it back: %2.")
                         .replace("%1", capitalised(what)).replace("%2", SHORTCUT))

    def _pending(self, delta: int) -> None:
        self.waiting = max(0, self.waiting + delta)
        self._emit()

    def _saved(self) -> None:
        self.last_saved = QTime.currentTime()
        # Another field saving does not make a field that is still wrong right.
        if not any(s.problems for s in self.savers):
            self.problem_text = ""
        self._emit()

    def _failed(self, message: str) -> None:
        self.problem_text = message
        self._emit()

    def _cleared(self) -> None:
        self.problem_text = ""
        self._emit()

    def _emit(self) -> None:
        if self.problem_text:
            self.changed.emit("problem", self.tr("Not saved: %1").replace("%1", self.problem_text))
        elif any(s.waiting_for_database for s in self.savers):
            self.changed.emit("saving", self.tr("Waiting to save while the database is busy; "
                                                "what you typed is kept"))
        elif self.waiting:
            self.changed.emit("saving", self.tr("Saving…"))
        elif self.last_saved is not None:
            self.changed.emit("saved", self.tr("All changes saved at %1")
                              .replace("%1", self.last_saved.toString("HH:mm:ss")))
        else:
            self.changed.emit("saved", self.tr("Everything is saved"))


class ReviewContext(QObject):
    """One open review. `edited` fires (after a short pause) when anything is saved,
    so the navigator and counts refresh without each screen knowing about them."""

    edited = Signal()

    def __init__(self, ws: Workspace, review_id: str, status: SaveStatus,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.ws = ws
        self.review_id = review_id
        self.status = status
        self._savers: list[AutoSaver] = []
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(250)
        self._refresh.timeout.connect(self.edited)
        self._closed = False

    def bundle(self) -> ReviewBundle:
        return self.ws.bundle(self.review_id)

    def saver(self, parent: QObject) -> AutoSaver:
        saver = self.status.attach(AutoSaver(parent))
        saver.restore = self.ws.restore
        saver.saved.connect(self._saved)
        self._savers.append(saver)
        return saver

    def _saved(self) -> None:
        if not self._closed:
            self._refresh.start()

    def flush(self) -> int:
        """Save what every screen of the review shows; how many fields are not saved
        yet (see autosave.save_all)."""
        return save_all(self.savers())

    def savers(self) -> list[AutoSaver]:
        """The review's AutoSavers still in use (a screen's goes with it)."""
        return [s for s in self._savers if s in self.status.savers]

    def stop(self) -> None:
        """The review is being closed: no later "edited" signal (safe to call again)."""
        self._refresh.stop()
        self._closed = True
