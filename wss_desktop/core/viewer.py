"""Decrypted copies of reports for the PDF viewer, kept where only this user can read
them and for no longer than the app runs.

Everything the app keeps in its data folder is encrypted, but a PDF viewer (another
program) needs a plain file. Draft reports and decrypted copies of issued reports are
therefore written into one private folder per running app,

    <system temp>/wss-desktop-<user>/view-<process id>/

both folders made 0700 (and checked to be ours, not a link someone else planted). The
app's folder is removed when it exits (`discard`, also registered with atexit), and the
folders of apps that are no longer running (killed, or the computer lost power) are
removed the next time a data folder is opened (`discard_stale`). A copy cannot be
removed while the app runs, because nothing tells us when the viewer has finished.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

_PREFIX = "view-"
_registered: set[int] = set()


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return re.sub(r"[^A-Za-z0-9_.-]", "_", os.environ.get("USERNAME", "user"))


def _private(folder: Path) -> Path:
    """`folder`, made if need be, mode 0700, a real folder owned by this user; OSError
    when someone else's is in the way."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise OSError(f"{folder} is not a folder, so no private copy was made there.")
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            raise OSError(f"{folder} belongs to another user, so no private copy was made there.")
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(folder, 0o700)
    return folder


def base() -> Path:
    """The folder that holds every running app's viewer folder, for this user."""
    return _private(Path(tempfile.gettempdir()) / f"wss-desktop-{_user()}")


def folder() -> Path:
    """This app's private folder for viewer copies (made on first use; removed at exit)."""
    pid = os.getpid()
    own = _private(base() / f"{_PREFIX}{pid}")
    if pid not in _registered:
        _registered.add(pid)
        atexit.register(discard)
    return own


def copy_path(name: str) -> Path:
    """A path in this app's private folder for a viewer copy called `name`."""
    safe = Path(name).name or "report.pdf"
    return folder() / safe


def discard() -> None:
    """Remove this app's viewer copies (when the app closes)."""
    root = Path(tempfile.gettempdir()) / f"wss-desktop-{_user()}"
    shutil.rmtree(root / f"{_PREFIX}{os.getpid()}", ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        # os.kill(pid, 0) ends a process on Windows. A copy still open in a viewer there
        # cannot be removed anyway, so an old folder is simply tried.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard_stale() -> int:
    """Remove the viewer folders of apps that are no longer running; how many."""
    root = Path(tempfile.gettempdir()) / f"wss-desktop-{_user()}"
    if not root.is_dir():
        return 0
    gone = 0
    for entry in root.iterdir():
        if not entry.name.startswith(_PREFIX) or not entry.name[len(_PREFIX):].isdigit():
            continue
        if _running(int(entry.name[len(_PREFIX):])):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        gone += not entry.exists()
    return gone


__all__ = ["folder", "copy_path", "discard", "discard_stale"]
