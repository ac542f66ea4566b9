"""What the screenshot scripts share: their options, running under Xvfb, and letting Qt settle.

A script calls `prepare(__doc__, __file__)` first: it reads `--out` and `--offscreen`,
re-starts the script inside `xvfb-run` when Xvfb is installed and there is no screen
(returning that run's exit code), and otherwise sets up Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (1280, 720)
_CHILD = "WSS_SCREENSHOTS_CHILD"


def prepare(doc: str | None, script: str) -> argparse.Namespace | int:
    """The script's options, or the exit code of its re-run under Xvfb."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0] if doc else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--offscreen", action="store_true", help="do not use Xvfb")
    args = parser.parse_args()
    if not (args.offscreen or os.environ.get(_CHILD) or os.environ.get("DISPLAY")):
        xvfb = shutil.which("xvfb-run")
        if xvfb:
            return subprocess.call([xvfb, "-a", "-s", "-screen 0 1280x800x24", sys.executable,
                                    str(Path(script).resolve()), "--out", str(args.out)],
                                   env={**os.environ, _CHILD: "1"})
    if args.offscreen or not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["WSS_NO_OPEN"] = "1"   # PDFs made on the way are not opened in a viewer
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def styled_app():
    """The QApplication, with the app's icon and style."""
    from PySide6.QtWidgets import QApplication

    from wss_desktop.gui.app import app_icon
    from wss_desktop.gui.style import apply_style
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    apply_style(app)
    return app


def settle() -> None:
    """Let Qt finish laying out and painting before a grab.

    Scripts run inside one event-loop callback, where widgets replaced with
    deleteLater() would linger on screen, so those are deleted here too."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    for _ in range(5):
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
