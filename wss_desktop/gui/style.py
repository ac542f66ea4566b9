"""Looks shared by every screen. Sizes are relative to the system font, and colours
come from the palette (so high-contrast themes carry through); the few fixed
colours are always paired with a symbol or words, never the only signal."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

STYLE = """
QListWidget#stageList::item { padding: 5px 4px; }
QWidget[problem="true"] { border: 2px solid #b3261e; }
QPushButton[big="true"] { padding: 6px 14px; font-weight: bold; }
QToolButton[areaToggle="true"] { padding: 4px 8px; min-height: 32px; }
QToolButton[areaToggle="true"]:checked { font-weight: bold; }
QCheckBox[lookFor="true"] { min-height: 30px; }
QCheckBox[lookFor="true"]::indicator { width: 22px; height: 22px; }
QAbstractItemView::item:focus { border: 2px solid palette(text); }
QAbstractItemView::item:focus:selected { border: 2px dashed palette(highlighted-text); }
"""


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(STYLE)


def scaled(widget: QWidget, factor: float = 1.0, *, bold: bool = False) -> None:
    """Make a widget's font a multiple of the system font (so 200% text still scales)."""
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    widget.setFont(font)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def attention(palette: QPalette) -> QColor:
    """A soft background for cells that need a second look (always with words too)."""
    return QColor(120, 90, 0, 90) if is_dark(palette) else QColor(255, 214, 102, 130)


def muted(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
