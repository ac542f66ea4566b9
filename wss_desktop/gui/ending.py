"""The system ending the app: the desktop logging out or the computer shutting down
(SIGTERM, what systemd and desktops send every program before they stop it), the
terminal it was started from closing (SIGHUP), or Ctrl+C there (SIGINT).

Python's own answer to SIGTERM and SIGHUP is to die on the spot, so the words typed in
a field's short pause before it saves (autosave.DEBOUNCE_MS) were lost. Here the signal
only wakes Qt's event loop (a byte written to a socket Qt watches; Python's handler
itself does nothing, since it may run between any two steps of a save), and `asked`
is emitted from the event loop, where the window saves everything and closes.

The signal and the last keys pressed reach the app by different roads (a socket, the
window system), so keys could still be on their way, or waiting while the app was busy,
when the signal was read; they were lost. Now the app takes them in first: `asked` is
emitted once no input has come in between two looks QUIET_MS apart (the event loop runs
between them, so keys waiting in it are counted), and MOST_MS after the signal at most,
whatever is typed. A second signal (Ctrl+C twice) ends the app at once. Once the window
begins to end, no more keys are taken in (InputRefused): what the fields show then is
what is saved or kept."""

from __future__ import annotations

import logging
import signal
import socket
import time
from types import FrameType

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))

QUIET_MS = 50       # between two looks for input that came in, once the system has asked
MOST_MS = 1500      # how long the app takes keys in at most, once the system has asked
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
                    QEvent.Type.InputMethod, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease})


class InputRefused(QObject):
    """Made once the window (its parent) has begun to end: from then on keys and clicks
    are not taken in by it, or by the windows it owns (the framework editor, a message).
    What every field shows is then saved, or kept for the next start; a key still
    waiting in the event loop, handled after that, would change a field nobody keeps,
    and its word would be lost without a word said. It goes with its window."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in _INPUT or not isinstance(watched, QWidget):
            return False
        owner: QWidget | None = watched.window()
        while owner is not None:
            if owner is self._window:
                return True
            owner = owner.parentWidget()
        return False


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
        self._asking: str | None = None          # the signal being answered, keys taken in first
        self._since = 0.0
        self._input = 0                          # input events since the last look
        self._quiet = 0                          # looks in a row with none
        self._look = QTimer(self)
        self._look.setInterval(QUIET_MS)
        self._look.timeout.connect(self._looked)

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
            if self._asking is None:
                self._take_keys_in(name)
            else:                                # asked again: at once
                self._ask()

    def _take_keys_in(self, name: str) -> None:
        app = QCoreApplication.instance()
        self._asking, self._since, self._input, self._quiet = name, time.monotonic(), 0, 0
        if app is None:
            self._ask()
            return
        app.installEventFilter(self)             # (only for these moments: every event passes)
        self._look.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self._input += 1
        return False

    def _looked(self) -> None:
        self._quiet = 0 if self._input else self._quiet + 1
        self._input = 0
        if self._quiet >= 2 or (time.monotonic() - self._since) * 1000 >= MOST_MS:
            self._ask()

    def _ask(self) -> None:
        name, self._asking = self._asking, ""    # ("": answered; never asked again)
        self._stop_looking()
        if name:
            self.asked.emit(name)

    def _stop_looking(self) -> None:
        self._look.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def close(self) -> None:
        self._stop_looking()
        self._notifier.setEnabled(False)
        for sig, before in self._before.items():
            signal.signal(sig, before)
        signal.set_wakeup_fd(self._before_fd)
        self._read.close()
        self._write.close()
