"""The user guide shipped with the app (resources/guide/guide.html), shown in a window of
its own so it can stay open beside the review. Offline: links inside the guide move
within it, and nothing opens a web browser."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

GUIDE = ("guide", "guide.html")


def guide_html() -> str:
    source = resources.files("wss_desktop.resources").joinpath(*GUIDE)
    try:
        return source.read_text(encoding="utf-8")
    except OSError:
        return ("<h1>The guide is missing</h1><p>The user guide was not found in this "
                "installation; reinstalling WSS Review Desktop brings it back.</p>")


class GuideWindow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("User guide – WSS Review Desktop"))
        self.setAccessibleName(self.tr("User guide"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setHtml(guide_html())
        layout.addWidget(self.browser)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence("Escape"), self, self.close)
        self.resize(760, 720)

    def _follow(self, url) -> None:
        # Only links within the guide are followed; the guide never leaves the app.
        if url.hasFragment() and not url.path():
            self.browser.scrollToAnchor(url.fragment())

    def show_guide(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()
