"""The system ending the app: the desktop logging out or the computer shutting down
(SIGTERM, what systemd and desktops send every program before they stop it), the
terminal it was started from closing (SIGHUP), or Ctrl+C there (SIGINT).

Python's own answer to SIGTERM and SIGHUP is to die on the spot, so the words typed in
a field's short pause before it saves (autosave.DEBOUNCE_MS) were lost. Here the signal
only wakes Qt's event loop (a byte written to a socket Qt watches; Python's handler
itself does nothing, since it may run between any two steps of a save), and `asked`
is emitted from the event loop, where the window saves everything and closes."""

from __future__ import annotations

import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


class SystemEnding(QObject):
    """Emits `asked` (the signal's name) in the event loop when the system asks the app
    to end. One per process, while the app runs; `close` puts Python's handlers back."""

    asked = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._before_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._before = {sig: signal.signal(sig, self._noted) for sig in SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    @staticmethod
    def _noted(signum: int, frame: FrameType | None) -> None:
        """Python's handler: nothing. The wakeup socket has the signal's number already."""

    def _woken(self) -> None:
        try:
            data = self._read.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            try:
                name = signal.Signals(number).name
            except ValueError:
                continue
            log.info("The system asked the app to end (%s): saving everything and closing.", name)
            self.asked.emit(name)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for sig, before in self._before.items():
            signal.signal(sig, before)
        signal.set_wakeup_fd(self._before_fd)
        self._read.close()
        self._write.close()
