"""Work that must not freeze the window runs on the thread pool and reports back.

Only pure work (decoding and shrinking images, building files) runs off the GUI
thread; the database is always written from the GUI thread, one call per edit."""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

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


def shrink_photo(path: str, long_edge: int = PHOTO_LONG_EDGE) -> tuple[bytes, int, int]:
    """Read a picture file and return it as a JPEG no longer than `long_edge` pixels.

    Re-encoding drops the camera's metadata (including any location)."""
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
