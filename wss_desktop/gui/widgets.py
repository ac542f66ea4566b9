"""Small widgets shared by several screens."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QEvent, QPoint, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QDesktopServices, QScreen, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCalendarWidget, QDateEdit, QLabel, QLayout,
                               QLayoutItem, QLineEdit, QScrollArea, QStyle, QWidget)

from ..core.parsing import parse_date

# Set (tests and the screenshot script set it) to leave files unopened.
NO_OPEN_ENV = "WSS_NO_OPEN"

NOT_SET = QDate(2000, 1, 1)


class DateField(QLineEdit):
    """A date typed the UK way (15/12/2026, 15 Dec 2026, today, +7d) or picked from a
    calendar (Alt+Down or F4; it opens at the field's date, else today). Empty means
    not set: there is no "Not set" text to type into, and Tab always moves on. What
    cannot be read stays in the field, marked, and `problem` says why in a sentence."""

    dateChanged = Signal(str)   # the new date as YYYY-MM-DD, or "" when cleared
    problem = Signal(str)
    fixed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._iso: str | None = None
        self._bad = False
        self.setPlaceholderText(self.tr("Not set: type 15/12/2026, today or +7d"))
        self.setToolTip(self.tr("Type a date such as 15/12/2026, 15 Dec 2026, today or +7d; "
                                "Alt+Down opens a calendar"))
        pick = self.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                              QLineEdit.ActionPosition.TrailingPosition)
        pick.setToolTip(self.tr("Choose from a calendar (Alt+Down)"))
        pick.triggered.connect(self.open_calendar)
        self.editingFinished.connect(self.commit)

    def iso(self) -> str | None:
        return self._iso

    def set_iso(self, iso: str | None) -> None:
        """Show what the database holds (no signal: nothing was typed)."""
        self._iso = iso or None
        self.setText(nice_date(iso))
        self._mark(None)

    def commit(self) -> None:
        try:
            day = parse_date(self.text().removeprefix("⚠").strip())
        except ValueError as exc:
            self._mark(self.tr(str(exc)))
            return
        iso = day.isoformat() if day else None
        self.setText(nice_date(iso))
        was_bad = self._bad
        self._mark(None)
        if iso != self._iso:
            self._iso = iso
            self.dateChanged.emit(iso or "")
        elif was_bad:
            self.fixed.emit()

    def _mark(self, message: str | None) -> None:
        bad = message is not None
        if bad:
            self.problem.emit(message)
            self.setAccessibleDescription(message)
        elif self._bad:
            self.setAccessibleDescription("")
        if bad != self._bad:
            self._bad = bad
            self.setProperty("problem", bad)
            self.style().unpolish(self)
            self.style().polish(self)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAccessibleName(self.accessibleName() or self.tr("Calendar"))
        current = QDate.fromString(self._iso, Qt.DateFormat.ISODate) if self._iso else QDate()
        popup.setSelectedDate(current if current.isValid() else QDate.currentDate())

        def chosen(day: QDate) -> None:
            popup.close()
            self.setText(day.toString("d MMM yyyy"))
            self.commit()
            self.setFocus()
        popup.activated.connect(chosen)
        popup.clicked.connect(chosen)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        popup.setFocus()


def watch_date(field: "DateField", saver, save: Callable[[str | None], None]) -> None:
    """Save a date field through an AutoSaver: a typed date at once, a problem shown
    on the field and in the status bar until it is put right."""
    def changed(iso: str) -> None:
        if saver.instant(lambda: save(iso or None)):
            saver.clear_problem(field)
    field.dateChanged.connect(changed)
    field.problem.connect(lambda message: saver.problem(field, message))
    field.fixed.connect(lambda: saver.clear_problem(field))


def setup_date(edit: QDateEdit) -> None:
    """A date field that can also say "Not set" (its earliest date)."""
    if isinstance(edit, DateField):
        return
    edit.setMinimumDate(NOT_SET)
    edit.setSpecialValueText(edit.tr("Not set"))
    edit.setDisplayFormat("d MMM yyyy")
    edit.setCalendarPopup(True)


def set_date(edit: QDateEdit, iso: str | None) -> None:
    if isinstance(edit, DateField):
        edit.set_iso(iso)
        return
    edit.blockSignals(True)
    edit.setDate(QDate.fromString(iso, Qt.DateFormat.ISODate) if iso else NOT_SET)
    edit.blockSignals(False)


def date_of(edit: QDateEdit) -> str | None:
    if isinstance(edit, DateField):
        return edit.iso()
    d = edit.date()
    return None if d == NOT_SET else d.toString(Qt.DateFormat.ISODate)


def nice_date(iso: str | None) -> str:
    if not iso:
        return ""
    d = QDate.fromString(iso, Qt.DateFormat.ISODate)
    return d.toString("d MMM yyyy") if d.isValid() else iso


def plural(n: int, one: str, many: str) -> str:
    """"1 photo", "3 photos": `one` or `many` (each already through tr(), "%n" standing for
    the count). Qt's own plural forms need a translation file to say anything but
    "photo(s)", which a screen reader reads out letter by letter."""
    return (one if n == 1 else many).replace("%n", str(n))


def capitalised(text: str) -> str:
    """The text with its first letter a capital ("action" -> "Action"), the rest as it is."""
    return text[:1].upper() + text[1:]


def local_time(millis: int) -> str:
    """A moment (milliseconds since 1970, UTC) as this computer's date and time, as every
    list of versions and removals shows it: "3 Mar 2026, 14:05"."""
    return QDateTime.fromMSecsSinceEpoch(millis).toString("d MMM yyyy, HH:mm")


def fit_to_screen(widget: QWidget, screen: QScreen | None = None, *, move: bool = False) -> None:
    """Never larger than the screen it opens on (`screen`, else its own): a 1024x600
    netbook, or text at 200%. `move`: to the screen's corner when it had to shrink."""
    screen = screen or widget.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    if widget.width() > area.width() or widget.height() > area.height():
        widget.resize(min(widget.width(), area.width()), min(widget.height(), area.height()))
        if move:
            widget.move(area.topLeft())


def _footer_part(item: QLayoutItem) -> tuple[bool, bool]:
    """Whether a layout's item may stay below a scrolling dialog (a row of buttons, or a
    line of words beside or under them), and whether it holds a button."""
    from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox
    kinds = (QAbstractButton, QDialogButtonBox, QLabel)
    if item.widget() is not None:
        return isinstance(item.widget(), kinds), isinstance(item.widget(), (QAbstractButton, QDialogButtonBox))
    row = item.layout()
    if row is None or not row.count():
        return False, False
    parts = [row.itemAt(i) for i in range(row.count())]
    return (all(part.spacerItem() is not None or isinstance(part.widget(), kinds) for part in parts),
            any(isinstance(part.widget(), (QAbstractButton, QDialogButtonBox)) for part in parts))


def scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    """A frameless scroll area in `parent` holding `content`, sized to it where there is
    room. It never takes the keyboard focus itself (a stop with no name): Tab goes to
    what it holds, which it scrolls into view."""
    from PySide6.QtWidgets import QFrame
    scroller = QScrollArea(parent)
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroller.setWidget(content)
    return scroller


def _scroll_contents(holder: QWidget) -> None:
    """Move what `holder` shows into a scroll area inside it, keeping its dialog buttons
    (the last items of its layout, from the first that holds a button) below, in view."""
    from PySide6.QtWidgets import QVBoxLayout
    old = holder.layout()
    if old is None:
        return
    first = old.count()
    while first > 0 and _footer_part(old.itemAt(first - 1))[0]:
        first -= 1
    while first < old.count() and not _footer_part(old.itemAt(first))[1]:
        first += 1
    footer: list[QWidget | QLayout] = []
    while old.count() > first:
        item = old.itemAt(first)
        widget, row = item.widget(), item.layout()
        if row is not None:
            old.removeItem(item)
            row.setParent(None)
            footer.append(row)
        else:
            old.removeWidget(widget)
            footer.append(widget)
    # The layout's widgets move with it into the scroll area; a widget given a new parent
    # is hidden, so those not hidden on purpose are shown again.
    shown = [w for w in holder.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
             if not w.isWindow() and w not in footer
             and not (w.isHidden() and w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide))]
    inner = QWidget()
    margins = old.contentsMargins()
    inner.setLayout(old)
    scroller = scrolling(inner, holder)
    scroller.setMinimumHeight(2 * scroller.fontMetrics().lineSpacing())
    for widget in shown:
        if widget.parentWidget() is inner:
            widget.show()
    frame = QVBoxLayout(holder)
    frame.setContentsMargins(margins)
    old.setContentsMargins(0, 0, 0, 0)
    frame.addWidget(scroller, 1)
    scroller.show()                # (the dialog is being shown: a new child waits otherwise)
    for part in footer:
        if isinstance(part, QLayout):
            frame.addLayout(part)
        else:
            frame.addWidget(part)


def fit_dialog(dialog: QWidget) -> None:
    """A dialog too large for the screen it opens on (text at 200% on a 1024x600 screen)
    scrolls instead, once, and is made to fit: its words are never squashed or cut off,
    and its OK, Cancel or Close stays in view. A wizard's pages scroll, below its title."""
    from PySide6.QtWidgets import QWizard
    screen = dialog.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    if not dialog.property("wssFitted"):
        dialog.setProperty("wssFitted", True)
        need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())   # (a wizard's hint is empty)
        if need.width() > area.width() or need.height() > area.height():
            focused = dialog.focusWidget()        # (moving a widget takes its focus away)
            holders = ([dialog.page(page_id) for page_id in dialog.pageIds()]
                       if isinstance(dialog, QWizard) else [dialog])
            for holder in holders:
                _scroll_contents(holder)
            for holder in (*holders, dialog) if isinstance(dialog, QWizard) else holders:
                layout = holder.layout()
                if layout is not None:    # its smaller minimum size holds before resizing
                    layout.invalidate()
                    layout.activate()
            if isinstance(dialog, QWizard):
                # A wizard works out its own minimum size (from the page shown) only as
                # its layout is redone, which setting its title format does.
                dialog.setTitleFormat(dialog.titleFormat())
            if focused is not None:
                focused.setFocus()
    fit_to_screen(dialog, screen, move=True)


class FitsTheScreen:
    """Mixed into a dialog (before QDialog or QWizard): as it is shown, it fits its
    screen (fit_dialog)."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        fit_dialog(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Say a result or an error to a screen reader (Qt's accessibility announcement),
    as well as showing it: a status line is not read out just by changing."""
    plain = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    if not plain or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, plain)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def bring_into_view(widget: QWidget) -> None:
    """Scroll each scroll area holding `widget` to show it, once the layout has made room
    for its new text. A dialog too large for its screen scrolls (fit_dialog), and a
    message set at its foot was out of sight: the button seemed to do nothing."""
    def scroll() -> None:
        if not shiboken6.isValid(widget):
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)   # room made for the text first
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget, 0, 0)
            parent = parent.parentWidget()
    QTimer.singleShot(0, scroll)


def tell(label: QLabel, text: str, *, problem: bool = False) -> None:
    """The one way a window answers what was pressed: `text` shown on `label` (which is
    hidden while there is nothing to say), brought into sight if the window scrolls, and
    said to a screen reader, a problem at once, anything else once the reader is free. A
    changed label is not read out by itself, so an answer only shown was never heard."""
    label.setText(text)
    label.setVisible(bool(text))
    if text:
        bring_into_view(label)
        announce(label, text, urgent=problem)


class SavedIndicator(QLabel):
    """The status bar's "All changes saved" line; words and a symbol, not colour."""

    SYMBOLS = {"saved": "✓", "saving": "…", "problem": "⚠"}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleDescription(self.tr("Save status"))
        # A long problem (at 200% text, wider than the screen) wraps onto more lines
        # rather than widening the window past the screen's edge.
        self.setWordWrap(True)
        self.state = "saved"
        self.show_state("saved", self.tr("Everything is saved"))

    def show_state(self, state: str, text: str) -> None:
        # A problem, and its being put right, are said aloud; routine saves are not.
        if state == "problem" and text != self.toolTip():
            announce(self, text, urgent=True)
        elif state != "problem" and self.state == "problem":
            announce(self, text)
        self.state = state
        self.setText(f"{self.SYMBOLS.get(state, '')} {text}")
        self.setToolTip(text)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """As wide as its text on one line, up to half the window: a word-wrapped label
        otherwise asks for a narrow width and wraps even beside an empty status bar."""
        hint = super().sizeHint()
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 4
        window = self.window()
        room = window.width() // 2 if window is not None and window is not self else one_line
        width = max(hint.width(), min(one_line, room))
        return QSize(width, self.heightForWidth(width))


class WrappingLabel(QLabel):
    """A word-wrapped label whose minimum height follows the lines its text needs at its
    width. Splitters and some layouts give a label only the height of its first guess,
    which cut off wrapped text top and bottom at 200% text (issue 13)."""

    def __init__(self, parent: QWidget | None = None, *, text: str = ""):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        super().resizeEvent(event)


def forget_layout_item_wrappers(*, keep_python_made: bool = False) -> int:
    """Let go of every Python wrapper of a layout item (not of layouts), before widgets
    are deleted. PySide6 keeps such wrappers alive but is not told when Qt deletes the
    item with its widget; the freed address was then taken by a new object and PySide6
    handed back the stale wrapper (a table's header came back as a QWidgetItem), or
    the process died of heap corruption (issue 13, seen in CI). Nothing in the app keeps
    a layout item beyond the call that asked for it, so a new wrapper is made the next
    time one is needed. Returns how many were let go.

    The app reads layouts only through `layout_entries`, `layout_widgets` and
    `clear_layout`, which let go of each wrapper at once. PySide6 itself wraps every
    item of a layout passed to `addLayout` (and keeps those wrappers): a stage screen
    lets go of them once it is built, with `keep_python_made` (spacers a form made in
    Python and keeps as attributes stay usable); closing a review or the window lets
    go of all."""
    stale = [w for w in shiboken6.getAllValidWrappers()
             if isinstance(w, QLayoutItem) and not isinstance(w, QLayout)
             and not (keep_python_made and shiboken6.createdByPython(w))]
    for w in stale:
        shiboken6.invalidate(w)
    return len(stale)


def _let_go(item: QLayoutItem) -> None:
    """Forget the wrapper of a layout item that is not itself a layout (a layout's
    wrapper is a QObject's, which PySide6 follows properly, and may still be in use)."""
    if not isinstance(item, QLayout):
        shiboken6.invalidate(item)


def layout_entries(layout: QLayout) -> list[tuple[QWidget | None, QLayout | None]]:
    """The widget and the child layout of each of a layout's items, in order (both
    None for a spacer), so index i is the layout's item i.

    Every item's wrapper is let go as soon as it is read (and, for a child layout, those
    of the items inside it, which PySide6 wraps too): PySide6 keeps a wrapper made
    by `itemAt` alive as long as the layout's, but is not told when Qt deletes the item
    (a grid's `removeWidget`, a widget deleted); a new object at the freed address was
    then handed the stale wrapper, or the heap was corrupted (issue 13)."""
    entries: list[tuple[QWidget | None, QLayout | None]] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            entries.append((None, None))
            continue
        widget, child = item.widget(), item.layout()
        if child is not None:
            _let_go_below(child)
        entries.append((widget, child))
        _let_go(item)
    return entries


def _let_go_below(layout: QLayout) -> None:
    """Forget the wrappers of every item inside a child layout. PySide6's `itemAt`
    wraps them all (and keeps them) when the item it returns is a layout; each
    `itemAt` here wraps only what lies below that item, so going deepest first and
    letting go on the way back up leaves none behind."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        child = item.layout()
        if child is not None:
            _let_go_below(child)
        _let_go(item)


def layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets of a layout's items, in order (see `layout_entries`)."""
    return [widget for widget, _child in layout_entries(layout) if widget is not None]


def clear_layout(layout: QLayout, *, hide: bool) -> None:
    """Take every item out of a layout; each item's widget is scheduled for deletion
    (hidden first when `hide`, so it is not drawn in the meantime). A taken item
    belongs to the caller: one that is not a layout is deleted (its widget is not), so
    no wrapper of it is left behind (see `layout_entries`); a child layout stays with
    its parent layout, as before."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            if hide:
                widget.hide()
            widget.deleteLater()
        if not isinstance(item, QLayout):
            shiboken6.delete(item)


class ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.clicked.emit()
        super().mouseReleaseEvent(event)


def open_file(path: str | os.PathLike) -> bool:
    """Open a file in the program the system uses for it (a PDF viewer, say)."""
    if os.environ.get(NO_OPEN_ENV):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))


def no_tab_trap(view: QAbstractItemView) -> QAbstractItemView:
    """Tab leaves a table for the next control (arrows move between its cells), as in
    every other list the keyboard reaches."""
    view.setTabKeyNavigation(False)
    return view


def first_focusable(root: QWidget) -> QWidget | None:
    """The first control inside `root` that Tab would reach, in tab order."""
    w = root.nextInFocusChain()
    seen = 0
    while w is not None and w is not root and seen < 2000:
        seen += 1
        if (root.isAncestorOf(w) and w.isVisibleTo(root) and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None):
            return w
        w = w.nextInFocusChain()
    return None


def scroll_to_focus(_old: QWidget | None, new: QWidget | None) -> None:
    """Whatever gets the keyboard focus (by Tab, a mnemonic or a shortcut) is scrolled
    into view in every scroll area around it, so the cursor is never out of sight."""
    _reveal(new)
    if new is not None:
        # Once more after pending layouts settle (rows shown a moment ago still grow).
        QTimer.singleShot(0, lambda: QApplication.focusWidget() is new and _reveal(new))


def _reveal(new: QWidget | None) -> None:
    w = new
    while w is not None:
        viewport = w.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea) and area.widget() is w and w is not new:
            # As much of the control as fits (a text box's first lines, not only its
            # cursor line at the very edge), its top first.
            top = new.mapTo(w, QPoint(0, 0))
            half = max(8, min(new.height(), area.viewport().height() - 32) // 2)
            area.ensureVisible(top.x() + min(new.width(), 40), top.y() + half, 16, half + 8)
        w = viewport


def follow_focus(app: QApplication) -> None:
    if not app.property("wssFollowsFocus"):
        app.setProperty("wssFollowsFocus", True)
        app.focusChanged.connect(scroll_to_focus)
