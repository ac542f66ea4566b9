"""About: the version, where the data is, and the licences of what the app ships with."""

from __future__ import annotations

from html import escape
from importlib import metadata, resources

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser,
                               QVBoxLayout, QWidget)

import wss_desktop
from ..core.workspace import Workspace
from .widgets import FitsTheScreen

# (distribution, shown name, licence, what it does here)
LIBRARIES: tuple[tuple[str, str, str, str], ...] = (
    ("PySide6_Essentials", "Qt for Python (PySide6) and Qt", "LGPL-3.0",
     "the windows and widgets; Qt is used unmodified, through its shared libraries"),
    ("reportlab", "ReportLab", "BSD", "the PDF reports"),
    ("svglib", "svglib", "LGPL-3.0", "SVG logos in reports"),
    ("lxml", "lxml", "BSD-3-Clause", "reading SVG files"),
    ("pillow", "Pillow", "MIT-CMU (HPND)", "images in reports"),
    ("sqlite-utils", "sqlite-utils", "Apache-2.0", "database upgrades"),
    ("keyring", "keyring", "MIT", "keeping the team key in the system's password store"),
    ("cryptography", "cryptography", "Apache-2.0 or BSD-3-Clause",
     "encrypting shared files and backups (AES-256-GCM)"),
    ("platformdirs", "platformdirs", "MIT", "finding the usual data folder"),
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def font_licence() -> str:
    source = resources.files("wss_desktop.resources").joinpath("fonts", "LICENSE-DejaVu.txt")
    try:
        return source.read_text(encoding="utf-8")
    except OSError:
        return "The DejaVu font licence file is missing from this installation."


def licences_html() -> str:
    rows = []
    for dist, name, licence, use in LIBRARIES:
        version = _version(dist)
        if dist == "PySide6_Essentials":
            version = f"{pyside_version}, Qt {qVersion()}"
        rows.append(f"<li><b>{escape(name)}</b> {escape(version)}: {escape(licence)}. "
                    f"Used for {escape(use)}.</li>")
    return (
        "<h3>Libraries</h3><p>WSS Review Desktop is built with these open-source libraries, "
        "each under its own licence:</p><ul>" + "".join(rows) + "</ul>"
        "<p>The LGPL libraries (Qt, PySide6 and svglib) are included as separate, replaceable "
        "files; their source is available from qt.io and pypi.org. Python itself is under the "
        "Python Software Foundation licence.</p>"
        "<h3>Font</h3><p>Reports use DejaVu Sans, embedded in each PDF. Its licence:</p>"
        f"<p style=\"white-space: pre-wrap; font-family: monospace\">{escape(font_licence())}</p>")


class AboutDialog(FitsTheScreen, QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About WSS Review Desktop"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon_file = resources.files("wss_desktop.resources").joinpath("icons", "wss-desktop.png")
        pixmap = QPixmap()
        pixmap.loadFromData(icon_file.read_bytes())
        icon.setPixmap(pixmap.scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation))
        icon.setAccessibleName(self.tr("App icon"))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel(self.tr(
            "<h2>WSS Review Desktop</h2><p>Version %1</p><p>Offline SEND reviews of schools in "
            "England, from identification to follow-up.</p><p>Your data is kept in:<br><tt>%2</tt></p>")
            .replace("%1", escape(wss_desktop.__version__))
            .replace("%2", escape(str(ws.paths.root))))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self.licences = QTextBrowser()
        self.licences.setObjectName("licences")
        self.licences.setAccessibleName(self.tr("Licences"))
        self.licences.setOpenExternalLinks(False)
        self.licences.setHtml(licences_html())
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowIcon(QIcon(pixmap))
        self.resize(640, 560)
