"""Layouts that reflow to the width there is (issue 13): at 200% text on a small screen
the panes that sit side by side are stacked one above the other instead, so the main
area only ever scrolls up and down, never sideways.

`Reflow` watches the main scroll area. Every splitter in it that was built side by side
is laid out side by side only while the viewport is at least its `reflowBelow` property
wide (a breakpoint in pixels, like a CSS media query) and what it then needs still
fits; otherwise it is stacked. Outer splitters are decided first, and inner ones are
stacked first when the area is still too wide. A stack (a stage screen or a tab page)
asks only for the room its current page needs, so a wide hidden page never widens the
window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QAbstractScrollArea, QBoxLayout, QFormLayout, QGridLayout, QLayout, QScrollArea, QSizePolicy, QSplitter,
                               QStackedWidget, QWidget)

from .widgets import layout_entries

BREAKPOINT = "reflowBelow"       # a splitter property: the narrowest viewport for side by side
ORIGINAL = "reflowOriginal"      # remembered on first sight: only side-by-side splitters reflow
FITTED = "reflowFitted"          # a splitter stacked because the area was too narrow for it
KEPT_HEIGHT = "reflowKeptHeight"  # a stacked pane's own minimum height, given back side by side
PANE_SHARE = 0.6                 # a stacked pane may ask for up to this share of the area's height
MAX_WIDTH = 16777215


def _prop(obj: QObject, name: str) -> object:
    """A dynamic property, or None when it was never set. (Reading a property that was
    never set hands back None without counting the reference in PySide6, which after
    many reads crashes Python: so it is looked up by name first.)"""
    if name.encode() not in [bytes(n.data()) for n in obj.dynamicPropertyNames()]:
        return None
    return obj.property(name)


def set_breakpoint(item: QSplitter | QLayout, width: int) -> None:
    """Side by side only while the main area is at least `width` wide. A splitter (every
    side-by-side one reflows; this sets where), a row layout (it becomes a column) or
    a grid (its widgets go into one column, in reading order)."""
    item.setProperty(BREAKPOINT, width)
    if isinstance(item, QGridLayout):
        places = []
        for i, (widget, _child) in enumerate(layout_entries(item)):
            if widget is not None:
                places.append((widget, *item.getItemPosition(i)))
        item.setProperty("reflowPlaces", places)


def current_page_sizes(stack: QStackedWidget) -> None:
    """The stack asks for the room its current page needs, not its widest page."""
    if _prop(stack, "reflowCurrentOnly"):
        return
    stack.setProperty("reflowCurrentOnly", True)

    def follow(_index: int = 0) -> None:
        current = stack.currentWidget()
        for i in range(stack.count()):
            page = stack.widget(i)
            policy = page.sizePolicy()
            if page is current:
                kept = _prop(page, "reflowPolicy")
                if kept is not None:
                    h, v = kept
                    policy.setHorizontalPolicy(QSizePolicy.Policy(h))
                    policy.setVerticalPolicy(QSizePolicy.Policy(v))
            else:
                if _prop(page, "reflowPolicy") is None:
                    page.setProperty("reflowPolicy", (policy.horizontalPolicy().value,
                                                      policy.verticalPolicy().value))
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
                policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
            page.setSizePolicy(policy)
        # Every layout up the chain measures again (they keep what they measured).
        w: QWidget | None = stack
        while w is not None and not w.isWindow():
            w.updateGeometry()
            w = w.parentWidget()

    stack.currentChanged.connect(follow)
    stack.widgetAdded.connect(follow)
    follow()


def _remeasure_up(widget: QWidget | None, top: QWidget | None) -> None:
    """Every layout from `widget` up to `top` measures again, now. A widget's size hint
    reaches the layouts above it only when they are told (Qt caches both); a QSplitter,
    which has no layout, tells the layout it sits in only when its own posted
    LayoutRequest is handled, after the reflow has measured. So a splitter turned, or a
    row made a column, is measured here right away, all the way up."""
    w = widget
    while w is not None:
        for lay in w.findChildren(QLayout, options=Qt.FindChildOption.FindDirectChildrenOnly):
            for sub in [lay, *lay.findChildren(QLayout)]:
                sub.invalidate()
        w.updateGeometry()
        if w is top or w.isWindow():
            return
        w = w.parentWidget()


def _depth(widget: QWidget) -> int:
    n = 0
    while widget.parentWidget() is not None:
        widget = widget.parentWidget()
        n += 1
    return n


class Reflow(QObject):
    """Keeps the scroll area's content within its width (see the module's text)."""

    def __init__(self, area: QScrollArea, *, inner: bool = False):
        super().__init__(area)
        self.area = area
        self.inner = inner            # a scroll area inside the main one: no breakpoints
        self._busy = False
        self._last_avail = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit)
        # Once more a moment later: a page filled after it is shown can need more room
        # without telling the area (a few tries, then it waits for the next change).
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(150)
        self._again.timeout.connect(self.refit)
        self._tries = 0
        area.setProperty("reflowing", True)

        area.viewport().installEventFilter(self)
        if area.widget() is not None:
            area.widget().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            if not self._busy:
                if obj is self.area.viewport() and event.type() == QEvent.Type.Resize:
                    self._tries = 0
                self._timer.start()
        return False

    def busy(self) -> bool:
        """Whether a refit is still due (a page may yet be measured again)."""
        return self._timer.isActive() or self._again.isActive()

    def _page_changed(self, _index: int) -> None:
        self._tries = 0
        self._timer.start()

    def _measure_again(self) -> None:
        """Layouts keep what they measured; one that was not told of a change in a
        page below it would keep the area too wide, so every container measures again."""
        content = self.area.widget()
        if content is None:
            return
        for lay in content.findChildren(QLayout):
            lay.invalidate()
        for w in [*content.findChildren(QWidget), content]:
            if w.isVisible():
                w.updateGeometry()

    def _content_min(self) -> int:
        content = self.area.widget()
        return content.minimumSizeHint().width() if content is not None else 0

    def _avail(self) -> int:
        """The viewport's width, counting a vertical scroll bar as always there (it comes
        and goes as panes stack, which must not make the layout flip back and forth)."""
        width = self.area.width() - 2 * self.area.frameWidth()
        bar = self.area.verticalScrollBar()
        return width - bar.sizeHint().width()

    def _mine(self, widget: QWidget | None) -> bool:
        """Shown in this area, not in a scroll area inside it (that one fits itself)."""
        content = self.area.widget()
        if widget is None or content is None or not widget.isVisibleTo(content):
            return False
        w: QWidget | None = widget
        while w is not None and w is not content:
            parent = w.parentWidget()
            if isinstance(parent, QWidget) and isinstance(parent.parentWidget(), QAbstractScrollArea) \
                    and parent is parent.parentWidget().viewport() and parent.parentWidget() is not self.area:
                return False
            w = parent
        return w is content

    def _adopt_inner_areas(self) -> None:
        content = self.area.widget()
        if content is None:
            return
        for area in content.findChildren(QScrollArea):
            if (not _prop(area, "reflowing") and area.widgetResizable() and area.widget() is not None
                    and area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff):
                Reflow(area, inner=True)._timer.start()

    def splitters(self) -> list[QSplitter]:
        content = self.area.widget()
        if content is None:
            return []
        for stack in content.findChildren(QStackedWidget):
            current_page_sizes(stack)
            if not _prop(stack, "reflowWatched"):
                stack.setProperty("reflowWatched", True)
                stack.currentChanged.connect(self._page_changed)
        found = []
        for s in content.findChildren(QSplitter):
            if _prop(s, ORIGINAL) is None:
                s.setProperty(ORIGINAL, int(s.orientation().value))
            if _prop(s, ORIGINAL) == Qt.Orientation.Horizontal.value and self._mine(s):
                found.append(s)
        return sorted(found, key=_depth)

    def layouts(self) -> list[QLayout]:
        content = self.area.widget()
        if content is None:
            return []
        return [lay for lay in content.findChildren(QLayout)
                if _prop(lay, BREAKPOINT) is not None and self._mine(lay.parentWidget())]

    def rows(self) -> list[QLayout]:
        """Rows of two or more things shown side by side (and forms with labels beside
        their fields), widest first: the last resort."""
        content = self.area.widget()
        if content is None:
            return []
        found: list[QLayout] = []
        for form in content.findChildren(QFormLayout):
            if form.rowWrapPolicy() != QFormLayout.RowWrapPolicy.WrapAllRows and self._mine(form.parentWidget()):
                found.append(form)
        for lay in content.findChildren(QBoxLayout):
            if lay.direction() != QBoxLayout.Direction.LeftToRight or _prop(lay, BREAKPOINT) is not None:
                continue
            shown = sum(1 for widget, child in layout_entries(lay)
                        if (widget is not None and not widget.isHidden()) or child is not None)
            if shown >= 2 and self._mine(lay.parentWidget()):
                found.append(lay)
        return sorted(found, key=lambda lay: -lay.minimumSize().width())

    def refit(self) -> None:
        if self._busy or self.area.widget() is None:
            return
        self._busy = True
        content = self.area.widget()
        try:
            if not self.inner:
                self._adopt_inner_areas()
            avail = self._avail()
            if self._tries in (1, 2, 4, 8, 16) and self._content_min() > avail:
                self._measure_again()
            # More room: what was stacked to fit may sit side by side again. Only then:
            # set side by side on every pass and stacked again, a splitter flips to and
            # fro, and where that stops depends on timing.
            grew = avail > self._last_avail
            if grew:
                for lay in content.findChildren(QLayout):
                    if _prop(lay, "reflowAuto"):
                        _stack(lay, False)
                        _remeasure_up(lay.parentWidget(), content)
            self._last_avail = avail
            for lay in self.layouts():
                wide = avail >= int(_prop(lay, BREAKPOINT))  # type: ignore[call-overload]
                if isinstance(lay, QGridLayout):
                    _grid(lay, wide)
                elif isinstance(lay, QBoxLayout):
                    lay.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                     else QBoxLayout.Direction.TopToBottom)
                _remeasure_up(lay.parentWidget(), content)
            splitters = self.splitters()
            if not self.inner:
                for s in splitters:      # outer first: side by side where the breakpoint allows
                    if avail < int(_prop(s, BREAKPOINT) or 0):  # type: ignore[call-overload]
                        self._orient(s, Qt.Orientation.Vertical)
                    elif grew or not _prop(s, FITTED):
                        self._orient(s, Qt.Orientation.Horizontal)
            for s in reversed(splitters):   # inner first: stack until it fits
                if self._content_min() <= avail:
                    break
                if s.orientation() == Qt.Orientation.Horizontal:
                    self._orient(s, Qt.Orientation.Vertical)
                    s.setProperty(FITTED, True)
            for s in splitters:             # stacked panes keep a useful height
                if s.orientation() == Qt.Orientation.Vertical and _prop(s, "stacked"):
                    self._pane_heights(s)
            for _ in range(40):             # then the widest rows, one by one
                if self._content_min() <= avail:
                    break
                rows = self.rows()
                if not rows:
                    break
                _stack(rows[0], True)
                _remeasure_up(rows[0].parentWidget(), content)
        finally:
            self._busy = False
        # The area sizes its content again (it is not told when the content needs less).
        content = self.area.widget()
        need = max(self.area.viewport().width(), self._content_min())
        if content is not None and content.width() > need:
            content.resize(need, content.height())
        QCoreApplication.postEvent(self.area, QEvent(QEvent.Type.LayoutRequest))
        self._tries += 1
        too_wide = self._content_min() > self._avail() or (
            content is not None and content.width() > self.area.viewport().width())
        if self._tries < 4 or (self._tries < 40 and too_wide):
            self._again.start()

    def _orient(self, s: QSplitter, orientation: Qt.Orientation) -> None:
        if s.orientation() == orientation:
            return
        stacked = orientation == Qt.Orientation.Vertical
        # Stacked, each pane gets at least the height it needs (the area scrolls down);
        # a fixed height here would squeeze a pane that stacks its own panes later.
        for i in range(s.count()):
            pane = s.widget(i)
            if stacked:
                pane.setProperty("reflowKept", pane.maximumWidth())
                pane.setMaximumWidth(MAX_WIDTH)
            else:
                if _prop(pane, "reflowKept") is not None:
                    pane.setMaximumWidth(int(_prop(pane, "reflowKept")))  # type: ignore[call-overload]
                if _prop(pane, KEPT_HEIGHT) is not None:
                    pane.setMinimumHeight(int(_prop(pane, KEPT_HEIGHT)))  # type: ignore[call-overload]
                    pane.setProperty(KEPT_HEIGHT, None)
        s.setOrientation(orientation)
        s.setProperty("stacked", stacked)
        s.setProperty(FITTED, False)
        if stacked:
            self._pane_heights(s)
        _remeasure_up(s, self.area.widget())

    def _pane_heights(self, s: QSplitter) -> None:
        """Stacked panes are not squeezed into the height there is (a table showing one
        row, a text box of two lines, buttons cut to a sliver): each keeps what it asks
        for, up to a share of the area's height, and all that its wrapped text needs at
        its width; the area scrolls down instead."""
        tall = int(self.area.viewport().height() * PANE_SHARE)
        for i in range(s.count()):
            pane = s.widget(i)
            if pane.isHidden():
                continue
            if _prop(pane, KEPT_HEIGHT) is None:
                pane.setProperty(KEPT_HEIGHT, pane.minimumHeight())
            kept = int(_prop(pane, KEPT_HEIGHT))  # type: ignore[call-overload]
            # A minimum height set on a widget stands instead of the one its layout
            # asks for, so it is set only above that (each pass sets it again).
            want = min(pane.sizeHint().height(), tall)
            if pane.hasHeightForWidth():
                # Wrapped text needs more height at this width than the pane's minimum
                # says, and a splitter does not ask: without it the controls below the
                # text are squeezed (the branding form's fields a few pixels high).
                want = max(want, pane.heightForWidth(pane.width()))
            height = want if want > max(kept, pane.minimumSizeHint().height()) else kept
            if pane.minimumHeight() != height:
                pane.setMinimumHeight(height)


def _stack(lay: QLayout, stacked: bool) -> None:
    if isinstance(lay, QFormLayout):
        if stacked:
            lay.setProperty("reflowWrap", lay.rowWrapPolicy().value)
            lay.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        else:
            lay.setRowWrapPolicy(QFormLayout.RowWrapPolicy(int(_prop(lay, "reflowWrap") or 0)))  # type: ignore[call-overload]
    elif isinstance(lay, QBoxLayout):
        lay.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
    lay.setProperty("reflowAuto", stacked)


def _grid(grid: QGridLayout, wide: bool) -> None:
    if bool(_prop(grid, "reflowWide") if _prop(grid, "reflowWide") is not None else True) == wide:
        return
    places = _prop(grid, "reflowPlaces") or []
    for widget, *_ in places:
        grid.removeWidget(widget)
    if wide:
        for widget, row, col, rows, cols in places:
            grid.addWidget(widget, row, col, rows, cols)
    else:
        for n, (widget, *_) in enumerate(sorted(places, key=lambda p: (p[1], p[2]))):
            grid.addWidget(widget, n, 0)
    grid.setProperty("reflowWide", wide)
