"""Starting the desktop app: logging, the exception hook, the workspace, the window."""

from __future__ import annotations

import functools
import os

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import UserError
from ..core.paths import APP_NAME, Paths
from ..core.workspace import Workspace

log = logging.getLogger("wss_desktop.gui")


class _LogFile(logging.handlers.RotatingFileHandler):
    """The app's log file. A log line the disk will not take (it is full) is let go with
    one plain line on stderr, not a traceback for every line: the app goes on, and what
    the user typed is kept (kept_text_dialog.py) whether or not the log is written."""

    said = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's own name)
        kind, exc = sys.exc_info()[:2]
        if kind is None or not issubclass(kind, OSError):
            super().handleError(record)
            return
        if not _LogFile.said:
            _LogFile.said = True
            print(f"wss-desktop: the log could not be written ({getattr(exc, 'strerror', None) or exc}); "
                  f"the app goes on without it.", file=sys.stderr)


def setup_logging(paths: Paths) -> Path:
    """Log into the data folder opened last; a handler left from a folder opened
    earlier in this process is closed, so no error is written to the wrong place."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    log_file = paths.logs / "wss-desktop.log"
    root = logging.getLogger("wss_desktop")
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if old.baseFilename == os.path.abspath(log_file):
            return log_file
        root.removeHandler(old)
        old.close()
    handler = _LogFile(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


class ExceptionHook:
    """Logs any uncaught error and says calmly what happened and where the log is.

    Errors the user can act on (UserError) are shown as they are; anything else is a
    fault in the app, and the sentence says their work is safe (every edit is saved
    as it is made)."""

    def __init__(self, log_file: Path):
        self.log_file = log_file
        self.showing = False

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log.error("Uncaught error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        app = QApplication.instance()
        if app is None or self.showing:
            return
        self.showing = True
        try:
            self.show(kind, exc)
        finally:
            self.showing = False

    def show(self, kind: type[BaseException], exc: BaseException) -> None:
        tr = lambda text: QCoreApplication.translate("ExceptionHook", text)  # noqa: E731
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(tr("Something went wrong"))
        if issubclass(kind, UserError):
            box.setText(str(exc))
        else:
            box.setText(tr("Sorry, something went wrong inside the app. Everything you typed "
                           "before this moment has been saved."))
            box.setInformativeText(tr("The details are in this log file, which you can send "
                                      "to whoever supports you:\n{0}").format(self.log_file))
        box.setAccessibleName(tr("Error message"))
        box.exec()


def install_exception_hook(log_file: Path) -> ExceptionHook:
    hook = ExceptionHook(log_file)
    sys.excepthook = hook
    return hook


def app_icon() -> QIcon:
    from importlib import resources
    icons = resources.files("wss_desktop.resources").joinpath("icons")
    icon = QIcon()
    for name in ("wss-desktop.svg", "wss-desktop.png"):
        pixmap = QPixmap()
        if pixmap.loadFromData(icons.joinpath(name).read_bytes()):
            icon.addPixmap(pixmap)
    return icon


def open_unlocked(folder: str | None, paths: Paths) -> Workspace | None:
    """Open the data folder, first asking for the passphrase that unlocks it where no
    safe keyring holds its key; None when the user chooses not to."""
    from ..core import atrest
    from .unlock_dialog import unlock
    while True:
        try:
            return Workspace.open(folder)
        except atrest.UnlockNeeded as exc:
            if not unlock(paths.root, exc):
                return None


# MainWindow asks for this exit code to reopen the app on another data folder (after
# restoring a backup) without the user having to start it again.
SWITCH_FOLDER = 0x5753


ADD_DEMO = "WSS_ADD_DEMO"   # set to 1 to add the demo review as the app opens


def run(data_dir: str | None = None, argv: list[str] | None = None, *,
        on_shown: Callable[[Any], None] | None = None, first_run: bool = True) -> int:
    """Open the desktop app on a data folder; returns the process exit code.

    `on_shown(window)` runs once the window is on screen (scripts that take
    screenshots or type into the app from inside its own process use it). On a
    computer that has not been set up, the first-run set-up opens over the window."""
    from ..core.profile import needs_set_up
    from .ending import SystemEnding
    from .main_window import MainWindow
    from .style import apply_style

    argv = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("WSS Review Desktop")
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    folder = data_dir
    while True:
        paths = Paths.resolve(folder)
        log_file = setup_logging(paths)
        hook = install_exception_hook(log_file)
        try:
            ws = open_unlocked(folder, paths)
            if ws is None:
                return 0
        except UserError as exc:
            log.error("Could not open the data folder: %s", exc)
            hook.show(UserError, exc)
            return 2
        if os.environ.get(ADD_DEMO) == "1" and folder == data_dir:
            # scripts/run-app.sh: the demo is added here, once the folder is unlocked
            # (on a computer with no safe keyring only the app can ask for the passphrase).
            from ..core.demo import add_demo
            add_demo(ws)
        apply_style(app)
        window = MainWindow(ws)
        window.show()
        QTimer.singleShot(0, window.warn_if_shared)    # a data folder in OneDrive, on a network drive
        QTimer.singleShot(0, window.show_kept_text)    # text the app could not save when it last ended
        if first_run and needs_set_up(ws.store):
            from .first_run import maybe_show
            QTimer.singleShot(0, functools.partial(maybe_show, ws, window))
        if on_shown is not None:
            # A partial binds this pass's window (a lambda would see a later pass's).
            QTimer.singleShot(0, functools.partial(on_shown, window))
        # Logging out, shutting down or a closed terminal end the app as closing does,
        # without a question nobody may be there to answer (ending.py).
        ending = SystemEnding()
        ending.asked.connect(window.end_for_system)
        try:
            code = app.exec()
        finally:
            ending.close()
            window.shutdown()
            ws.close()
        if code != SWITCH_FOLDER or window.switch_to is None:
            return code
        folder = str(window.switch_to)
        window.deleteLater()
        on_shown = None
