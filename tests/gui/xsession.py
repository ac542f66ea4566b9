"""The real app under Xvfb, driven by real key presses (xdotool's XTEST input, as a
keyboard would send them), for the keyboard-only tests of issue 13.

A session starts its own Xvfb on a free display, the app as its own process on a
data folder, and stops both; waits are on conditions (a window appearing, the
database holding something), never on fixed sleeps."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
app.primaryScreen().grabWindow(0).save(sys.argv[1])
"""

MISSING = [p for p in ("Xvfb", "xdotool") if shutil.which(p) is None]


class XSession:
    def __init__(self, data: Path, size: tuple[int, int], *, env: dict[str, str] | None = None,
                 log: Path | None = None):
        self.data = data
        self.size = size
        self.extra_env = env or {}
        self.log = log or data.parent / "app-log.txt"
        self.keystrokes = 0          # chords and named keys sent (not typed text)
        self.typed_chars = 0
        self.xvfb: subprocess.Popen | None = None
        self.app: subprocess.Popen | None = None
        self.display = ""

    # --- starting and stopping --------------------------------------------------------

    def _start_xvfb(self) -> bool:
        """Start Xvfb on a free display; whether it answers there. (CI once saw the app
        find no server on the display Xvfb had just named: an Xvfb that ends at once, as
        when another server is still letting go of that display, is started again.)"""
        read, write = os.pipe()
        w, h = self.size
        with self.xvfb_log.open("a") as err:
            self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{w}x{h}x24",
                                          "-nolisten", "tcp"], pass_fds=(write,),
                                         stdout=subprocess.DEVNULL, stderr=err)
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            return False
        self.display = f":{number}"
        probe = {**os.environ, "DISPLAY": self.display}
        end = time.monotonic() + 30
        while self.xvfb.poll() is None and time.monotonic() < end:
            if subprocess.run(["xdotool", "getdisplaygeometry"], env=probe, capture_output=True,
                              timeout=30).returncode == 0:
                return True
            time.sleep(0.1)      # (polling a condition: the server is not answering yet)
        if self.xvfb.poll() is None:
            self.xvfb.kill()
            self.xvfb.wait(5)
        return False

    def __enter__(self) -> "XSession":
        self.xvfb_log = self.log.with_name("xvfb-log.txt")
        for _attempt in range(3):
            if self._start_xvfb():
                break
        else:
            raise RuntimeError("Xvfb did not start: " + self.xvfb_log.read_text())
        # The app's own system temporary folder, where it makes PDFs for the viewer.
        self.temp = self.data.parent / "app-temp"
        self.temp.mkdir(exist_ok=True)
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb",
               "WSS_NO_OPEN": "1", "WSS_CONFIG_DIR": str(self.data.parent / "config"),
               "TMPDIR": str(self.temp),
               "PYTHONPATH": str(ROOT), **self.extra_env}
        env.pop("WAYLAND_DISPLAY", None)
        self.env = env
        with self.log.open("w") as out:
            self.app = subprocess.Popen([sys.executable, "-m", "wss_desktop", "--data-dir", str(self.data)],
                                        env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            self.main = self.wait_window("WSS Review Desktop", timeout=60)
            self.focus(self.main)
        except BaseException:
            self.__exit__(None)      # no Xvfb or app is left running when the start fails
            raise
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is not None and self.app is not None and self.app.poll() is None:
            try:   # what the screen showed when a step failed, to see why
                self.screenshot(self.data.parent / "failure.png")
            except (OSError, subprocess.SubprocessError):
                pass
        for proc in (self.app, self.xvfb):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)

    def quit_app(self) -> int:
        """Quit the way a user does (Ctrl+Q), and wait for the app to close."""
        self.key("ctrl+q")
        assert self.app is not None
        return self.app.wait(60)

    # --- input ------------------------------------------------------------------------

    def xdo(self, *args: str) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60)
        return out.stdout.strip()

    def key(self, *keys: str) -> None:
        """Press keys or chords (xdotool names: ctrl+4, Tab, Return, alt+w)."""
        self.keystrokes += len(keys)
        self.xdo("key", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        self.typed_chars += len(text)
        self.xdo("type", "--delay", "25", text)

    # --- waiting ----------------------------------------------------------------------

    def wait_until(self, condition: Callable[[], object], what: str, timeout: float = 30) -> object:
        end = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if self.app is not None and self.app.poll() is not None:
                xvfb = self.xvfb is not None and self.xvfb.poll() is not None
                raise AssertionError(f"the app stopped while waiting for {what}: " + self.log.read_text()
                                     + (f"\n(Xvfb had ended: {self.xvfb_log.read_text()})" if xvfb else ""))
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.05)

    def wait_window(self, name: str, timeout: float = 30) -> str:
        def find() -> str:
            ids = self.xdo("search", "--onlyvisible", "--name", name).split()
            return ids[-1] if ids else ""
        return str(self.wait_until(find, f"a window called {name!r}", timeout))

    def wait_window_gone(self, name: str, timeout: float = 30) -> None:
        self.wait_until(lambda: not self.xdo("search", "--onlyvisible", "--name", name),
                        f"the window {name!r} to close", timeout)

    def focus(self, window: str) -> None:
        """With no window manager, give a newly shown window the keyboard, as a desktop would."""
        self.xdo("windowfocus", "--sync", window)

    def query(self, sql: str, *args: object) -> list[tuple]:
        """Read the app's database while it runs (a reader never blocks SQLite's writer)."""
        from wss_desktop.core.store import SQL_ERRORS, connect
        try:
            con = connect(self.data / "wss.sqlite3")   # encrypted at rest: unlocked as the app does
        except SQL_ERRORS:
            return []
        try:
            return con.execute(sql, args).fetchall()
        except SQL_ERRORS:
            return []
        finally:
            con.close()

    def wait_rows(self, sql: str, n: int, what: str, timeout: float = 30, *args: object) -> list[tuple]:
        return self.wait_until(lambda: (rows := self.query(sql, *args)) and len(rows) >= n and rows,
                               what, timeout)  # type: ignore[return-value]

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        env = {**self.env, "QT_FONT_DPI": ""}
        env.pop("QT_FONT_DPI")
        subprocess.run([sys.executable, "-c", GRAB, str(path)], env=env, check=True, timeout=60)
        return path
