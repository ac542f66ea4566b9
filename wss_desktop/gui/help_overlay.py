"""The keyboard shortcuts, shown over the window (F1 or Ctrl+/); Escape or F1 hides it.
Not a dialog: it never blocks typing underneath once closed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from .style import scaled

SHORTCUTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("F1 or Ctrl+/", "Show or hide this list"),
        ("Ctrl+Shift+N", "Start a new review"),
        ("Ctrl+Shift+L", "Back to all reviews"),
        ("Ctrl+F", "Find a review"),
        ("Ctrl+1 … Ctrl+6", "Go to stage 1 … 6 of the open review"),
        ("Ctrl+PgUp / Ctrl+PgDown", "Previous / next stage"),
        ("Ctrl+Z / Ctrl+Y", "Undo / redo typing"),
        ("Ctrl+Shift+R", "See what was removed from the review, and bring it back"),
        ("Alt + underlined letter", "Jump to that field"),
    ]),
    ("Learning walk", [
        ("Ctrl+N or Ctrl+Enter", "Next room: close this observation, start the next"),
        ("Ctrl+E", "Leave room: stop the clock"),
        ("Alt+1 … Alt+9", "Tick the numbered look-for"),
        ("1 … 9 (in the focus-area bar)", "Tick that focus area"),
    ]),
    ("Statement grid", [
        ("Arrow keys", "Move between statements"),
        ("1 … 9", "Set the rating (0 or Delete clears, N = not applicable)"),
        ("Enter", "Edit the statement in the roomy pane"),
        ("Escape", "Back to the grid"),
    ]),
    ("Meetings", [("Ctrl+M", "Start notes for a new meeting")]),
    ("Sync and partner files", [
        ("Ctrl+Shift+S", "Sync with the shared folder now"),
        ("Ctrl+Shift+Y", "Shared folder settings and the last sync"),
        ("Ctrl+Shift+E", "Send the review to your partner"),
        ("Ctrl+Shift+O", "Open your partner's file"),
        ("Ctrl+Shift+K", "Compare two versions of a field"),
    ]),
    ("Across reviews", [
        ("Ctrl+Shift+V", "Overview across reviews (F5 reads it again)"),
        ("Ctrl+Shift+X", "Export an anonymised example of a review"),
    ]),
    ("Reporting", [
        ("Ctrl+G", "Make the PDF of the chosen report"),
        ("Ctrl+Shift+G", "Make a Word copy of it (asks where to save)"),
        ("Ctrl+Shift+A", "Save it as a PDF or Word file where you choose"),
        ("Enter (on a check finding)", "Go to the statement or action it is about"),
    ]),
]


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        # The card scrolls inside the overlay rather than being cut off (a small window,
        # large text); its text is what a screen reader reads (no name hides it).
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.scroll)
        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setAutoFillBackground(True)
        self.card.setMargin(24)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scaled(self.card, 1.05)
        def group_html(groups: list[tuple[str, list[tuple[str, str]]]]) -> str:
            rows = []
            for group, keys in groups:
                rows.append(f"<tr><td colspan='2'><br><b>{self.tr(group)}</b></td></tr>")
                rows.extend(f"<tr><td><tt>{k}</tt>&nbsp;&nbsp;</td><td>{self.tr(d)}</td></tr>"
                            for k, d in keys)
            return "<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"

        # Two columns, so the whole list fits a 1280x720 window without scrolling.
        left = [g for g in SHORTCUTS if g[0] in ("Everywhere", "Meetings", "Sync and partner files")]
        right = [g for g in SHORTCUTS if g not in left]
        html = [f"<h2>{self.tr('Keyboard shortcuts')}</h2>",
                "<table width='100%'><tr><td valign='top'>", group_html(left),
                "</td><td width='24'></td><td valign='top'>", group_html(right),
                f"</td></tr></table><p>{self.tr('Press Escape or F1 to close.')}</p>"]
        self.card.setText("".join(html))
        self.scroll.setWidget(self.card)
        layout.addWidget(self.scroll)
        self.scroll.installEventFilter(self)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.previous_focus = QApplication.focusWidget()
        self.show()
        self.raise_()
        self.scroll.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        if obj is self.scroll and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
                self.hide()
                return True
        return False

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802
        # While the overlay is up, Tab stays on it: nothing behind it takes the focus.
        return True

    def hideEvent(self, event) -> None:  # noqa: N802
        # Back to where the user was before pressing F1.
        previous = getattr(self, "previous_focus", None)
        if self.scroll.hasFocus() and previous is not None:
            try:
                previous.setFocus()
            except RuntimeError:   # that control has gone meanwhile
                pass
        super().hideEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 110))
