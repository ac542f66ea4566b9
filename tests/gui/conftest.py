"""GUI tests run on Qt's offscreen platform with real widgets, each in its own data
folder, and read results back through the core."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Made PDFs are never opened in a viewer during tests.
os.environ["WSS_NO_OPEN"] = "1"

import pytest  # noqa: E402
from PySide6.QtGui import QImage, QColor  # noqa: E402

from wss_desktop.core.workspace import Workspace  # noqa: E402

from atspi_support import a11y_bus  # noqa: E402,F401  (the screen-reader tests' private bus)


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "data")
    yield workspace
    workspace.close()


@pytest.fixture
def window(qtbot, ws):
    from wss_desktop.gui.main_window import MainWindow
    from wss_desktop.gui.style import apply_style

    apply_style(qtbot_app())
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Closed before the workspace is, so nothing is saved into a closed database.
    win.close()


def qtbot_app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance()


@pytest.fixture
def picture(tmp_path):
    """A large fictional photo (a plain gradient), to check it is shrunk before storing."""
    def make(name: str = "photo.png", size: tuple[int, int] = (3000, 2000)) -> str:
        image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
        image.fill(QColor(120, 160, 200))
        path = tmp_path / name
        image.save(str(path))
        return str(path)
    return make


@pytest.fixture
def told(monkeypatch):
    """What the app says to a screen reader (widgets.announce), as (text, urgent) pairs,
    wherever a window calls it from."""
    import importlib
    import pkgutil
    import sys

    import wss_desktop.gui
    from wss_desktop.gui import widgets
    for found in pkgutil.walk_packages(wss_desktop.gui.__path__, "wss_desktop.gui."):
        importlib.import_module(found.name)      # each window's own name for it, too
    heard: list[tuple[str, bool]] = []

    def record(widget, text, *, urgent=False):
        heard.append((text, urgent))

    monkeypatch.setattr(widgets, "announce", record)
    for name, module in list(sys.modules.items()):
        if name.startswith("wss_desktop.gui") and callable(getattr(module, "announce", None)):
            monkeypatch.setattr(module, "announce", record)
    return heard
