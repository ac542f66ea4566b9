"""Render the app icon (resources/icons/wss-desktop.svg) to PNG and ICO.

    python scripts/make_icons.py

The SVG is the source; the PNG (window icon, Linux desktop file) and the ICO
(Windows installer) are generated from it and checked in. A macOS .icns can be
made on a Mac with `iconutil` from the PNGs; build_installer.spec uses it when present.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "wss-desktop.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (image plug-ins need an application)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} could not be read as SVG.")
    if not render(renderer, 256).save(str(ICONS / "wss-desktop.png")):
        raise SystemExit("Could not write the PNG icon.")
    # Qt's ICO writer stores one size per file; 256 px is what Windows scales from.
    if not render(renderer, 256).save(str(ICONS / "wss-desktop.ico"), "ICO"):
        raise SystemExit("Could not write the ICO icon (Qt's ico image plug-in is missing).")
    print(f"Wrote {ICONS / 'wss-desktop.png'} and {ICONS / 'wss-desktop.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
