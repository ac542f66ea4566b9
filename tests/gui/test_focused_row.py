"""The row a keyboard user is on, in any list or table, can be read (issue 10's panel of
removed things showed it): with the app's style sheet, the focused selected row was
drawn in the selection's text colour (white) on the plain row's pale background, so its
words vanished, and a row of two lines was cut to its first. Now it is drawn in the
selection's colours with its focus ring, every line of it shown."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QTableWidget, QTableWidgetItem

from wss_desktop.gui.style import apply_style, contrast


def _colours_in(widget, rect) -> list[QColor]:
    image = widget.viewport().grab(rect).toImage()
    return [QColor(image.pixel(x, y)) for x in range(0, image.width(), 2) for y in range(image.height())]


def _readable(widget, rect) -> bool:
    """Some text in the row stands out from the row's background by 4.5:1 or more."""
    colours = _colours_in(widget, rect)
    background = max(set(c.rgb() for c in colours), key=lambda rgb: sum(c.rgb() == rgb for c in colours))
    return any(contrast(QColor(background), c) >= 4.5 for c in colours)


def test_the_focused_selected_row_of_a_list_shows_every_line_readably(qtbot):
    apply_style(QApplication.instance())
    box = QListWidget()
    qtbot.addWidget(box)
    box.addItems(["LW2 09:25–09:35\nRobins (Year 1)\n3 look-fors", "LW3 09:45–09:55\nOwls (Year 2)"])
    box.resize(320, 200)
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    box.setCurrentRow(0)
    qtbot.waitUntil(box.hasFocus)
    rect = box.visualItemRect(box.item(0))
    lines = box.fontMetrics().lineSpacing()
    assert rect.height() >= 3 * lines, (rect.height(), lines)
    assert _readable(box, rect)
    highlight = box.palette().color(QPalette.ColorRole.Highlight)
    assert highlight.rgb() in {c.rgb() for c in _colours_in(box, rect)}


def test_the_focused_selected_cell_of_a_table_is_readable(qtbot):
    apply_style(QApplication.instance())
    table = QTableWidget(2, 2)
    qtbot.addWidget(table)
    for r in range(2):
        for c in range(2):
            table.setItem(r, c, QTableWidgetItem(f"Statement 3.{r + 1}"))
    table.resize(400, 200)
    table.show()
    qtbot.waitExposed(table)
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.waitUntil(table.hasFocus)
    assert _readable(table, table.visualItemRect(table.item(1, 0)))
