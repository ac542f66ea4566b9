"""Work that must not freeze the window runs on the thread pool and reports back.

Only pure work (decoding and shrinking images, building files) runs off the GUI
thread; the database is always written from the GUI thread, one call per edit."""

from __future__ import annotations

import logging
import threading
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (QBuffer, QByteArray, QIODevice, QObject, QRunnable, Qt, QThreadPool,
                            QTimer, Signal)
from PySide6.QtGui import QImage, QImageReader

from ..core.attachments import stops_part_way

log = logging.getLogger(__name__)

PHOTO_LONG_EDGE = 1600
PHOTO_QUALITY = 82


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, work: Callable[[], Any]):
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the GUI thread, which decides what to say
            log.warning("Background job failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(result)


def noting_explained(work: Callable[[], Any]) -> tuple[Callable[[], Any], list[str]]:
    """`work`, noting the message of a problem the core explains in its own words (a
    UserError): that sentence already says what was not done ("..., so the backup was not
    made"), so it is shown whole, never after a line saying the same again ("The backup
    was not made: ..."). Other problems, in the system's words, still get that line."""
    from ..core.errors import UserError
    explained: list[str] = []

    def run() -> Any:
        try:
            return work()
        except UserError as exc:
            explained.append(str(exc))
            raise
    return run, explained


def start(work: Callable[[], Any], on_done: Callable[[Any], None],
          on_failed: Callable[[str], None], parent: QObject) -> Job:
    """Run `work` on the pool; `on_done(result)` or `on_failed(message)` then run on
    the GUI thread (through a relay object that lives there)."""
    job = Job(work)
    relay = _Signals(parent)
    relay.done.connect(on_done)
    relay.failed.connect(on_failed)
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    job.signals.done.connect(relay.done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(relay.failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)
    return job


Progress = Callable[[int, int, str], None]
POLL_MS = 50


class CancellableJob(QRunnable):
    """Work that reports its progress and stops when asked.

    `work(progress, cancelled)` calls `progress(done, total, message)` as it goes and
    checks `cancelled()` often; once cancel() has been called, whatever the work raises
    counts as having stopped, not as a failure. The worker only records what happened
    and the GUI thread reads it on a timer: emitting a signal per progress step from
    the worker thread corrupts reference counts in PySide6 6.12 (a crash at exit)."""

    def __init__(self, work: Callable[[Progress, Callable[[], bool]], Any]):
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._progress: tuple[int, int, str] | None = None
        self._outcome: tuple[str, Any] | None = None   # ("done", result) | ("failed", text) | ("cancelled", None)

    def cancel(self) -> None:
        self.stop.set()

    def _note(self, done: int, total: int, message: str) -> None:
        with self._lock:
            self._progress = (done, total, message)

    def take(self) -> tuple[tuple[int, int, str] | None, tuple[str, Any] | None]:
        """The latest progress not yet taken, and the outcome once the work has ended."""
        with self._lock:
            progress, self._progress = self._progress, None
            return progress, self._outcome

    def run(self) -> None:
        try:
            outcome: tuple[str, Any] = ("done", self.work(self._note, self.stop.is_set))
        except Exception as exc:
            if self.stop.is_set():
                outcome = ("cancelled", None)
            else:
                log.warning("Background job failed:\n%s", traceback.format_exc())
                outcome = ("failed", str(exc))
        with self._lock:
            self._outcome = outcome


def start_cancellable(work: Callable[[Progress, Callable[[], bool]], Any], *,
                      on_progress: Progress, on_done: Callable[[Any], None],
                      on_failed: Callable[[str], None], on_cancelled: Callable[[], None],
                      parent: QObject) -> CancellableJob:
    """Like `start`, with progress reports and a `cancel()` on the returned job. The
    callbacks run on the GUI thread; none runs if `parent` is destroyed first."""
    job = CancellableJob(work)
    job.setAutoDelete(False)   # the timer below still asks it for the outcome
    timer = QTimer(parent)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        progress, outcome = job.take()
        if progress is not None and outcome is None:
            on_progress(*progress)
        if outcome is None:
            return
        timer.stop()
        timer.deleteLater()
        kind, value = outcome
        if kind == "done":
            on_done(value)
        elif kind == "failed":
            on_failed(value)
        else:
            on_cancelled()

    timer.timeout.connect(poll)
    timer.start()
    QThreadPool.globalInstance().start(job)
    return job


def shrink_photo(path: str, long_edge: int = PHOTO_LONG_EDGE) -> tuple[bytes, int, int]:
    """Read a picture file and return it as a JPEG no longer than `long_edge` pixels.

    Re-encoding drops the camera's metadata (including any location)."""
    if stops_part_way(Path(path)):     # (Qt would show its missing part grey, with no error)
        raise ValueError(f"'{path}' stops part-way, so part of the picture is missing (it may not "
                         f"have finished copying from the phone or camera). Copy it again, then add it.")
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise ValueError(f"'{path}' could not be read as a picture ({reader.errorString()}).")
    if max(image.width(), image.height()) > long_edge:
        image = image.scaled(long_edge, long_edge, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", PHOTO_QUALITY):
        raise ValueError(f"'{path}' could not be turned into a JPEG.")
    buffer.close()
    return bytes(data.data()), image.width(), image.height()
