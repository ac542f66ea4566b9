"""Reading the real AT-SPI tree, as a screen reader (Orca) does: a private D-Bus session
with its own AT-SPI bus, and the system Python's AT-SPI bindings (atspi_dump.py) to read
what the app under Xvfb shows. Shared by the tests that listen as a screen reader."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from xsession import MISSING, XSession

HERE = Path(__file__).parent
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHER = next((p for p in ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
                 if Path(p).exists()), None)


def atspi_ready() -> str:
    if MISSING:
        return f"needs {', '.join(MISSING)}"
    if not (shutil.which("dbus-daemon") and LAUNCHER):
        return "needs dbus and at-spi2-core"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0'); "
                            "from gi.repository import Atspi"], capture_output=True)
    return "" if probe.returncode == 0 else "needs python3-gi and gir1.2-atspi-2.0"


REASON = atspi_ready() if sys.platform.startswith("linux") else "AT-SPI is Linux only"


@pytest.fixture
def a11y_bus() -> Iterator[dict[str, str]]:
    """A private session bus with its own AT-SPI bus, stopped afterwards."""
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = bus.stdout.readline().strip()
    bus.stdout.close()
    env = {"DBUS_SESSION_BUS_ADDRESS": address, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    launcher = subprocess.Popen([LAUNCHER, "--launch-immediately"], env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield env
    finally:
        for proc in (launcher, bus):
            stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End a helper process: asked first, then killed if it will not go."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def dump(s: XSession) -> list[dict]:
    out = subprocess.run([SYSTEM_PYTHON, str(HERE / "atspi_dump.py"), "WSS Review Desktop"],
                         env=s.env, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout or "{}").get("nodes", [])


def wait_typed(s: XSession, *texts: str, timeout: float = 60) -> None:
    """Wait until the app's fields hold each of `texts`, as a screen reader reads them.
    xdotool returns once the X server has the keys; the app may still be taking them in,
    so a test that ends the app "just after typing" waits for this first."""
    s.wait_until(lambda: {n["text"] for n in dump(s)} >= set(texts),
                 f"the app to have taken in {texts!r}", timeout)


def in_sight(s: XSession, window: str, *parts: str) -> bool:
    """Whether the label holding `parts`, in the window called `window`, is shown whole
    where it can be seen: between the window's top and its row of buttons at the foot
    (Close among them; the part between scrolls when the window is too small), or its
    bottom, as AT-SPI places them. `window` is the start of the window's title."""
    nodes = dump(s)
    # (A window made from a plain QWidget, such as the overview, is a "filler" to AT-SPI.)
    start = next(i for i, n in enumerate(nodes) if n["name"].startswith(window) and n["depth"] == 1
                 and n["role"] in ("dialog", "frame", "window", "filler"))
    inside = []
    for n in nodes[start + 1:]:
        if n["depth"] <= nodes[start]["depth"]:
            break
        inside.append(n)
    label = next(n for n in inside if n["role"] == "label" and all(p in n["name"] + n["text"] for p in parts))
    close = next((n for n in inside if n["role"] == "push button" and n["name"] == "Close"), None)
    _x, y, _w, h = nodes[start]["box"]
    foot = close["box"][1] if close else y + h
    top, bottom = label["box"][1], label["box"][1] + label["box"][3]
    return bool(y <= top and bottom <= foot)


@contextmanager
def said_aloud(s: XSession, out: Path) -> Iterator[Callable[[], list[str]]]:
    """While inside, what the app announces through AT-SPI (what a screen reader says
    aloud as it comes, atspi_listen.py) is recorded in `out`; yields a function that
    returns it so far."""
    listener = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "atspi_listen.py"), str(out)], env=s.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def lines() -> list[dict]:
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []

    try:
        s.wait_until(lambda: any(line.get("listening") for line in lines()), "the listener to start", 30)
        yield lambda: [line["said"] for line in lines() if "said" in line]
    finally:
        stop(listener)

