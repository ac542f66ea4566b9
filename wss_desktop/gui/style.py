"""Looks shared by every screen. Sizes are relative to the system font, and colours
come from the palette (so high-contrast themes carry through); the few fixed
colours are always paired with a symbol or words, never the only signal."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

STYLE = """
QListWidget#stageList::item { padding: 5px 4px; }
QLineEdit, QPlainTextEdit, QTextEdit { border: 1px solid palette(dark); padding: 2px; }
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus { border: 2px solid palette(highlight); padding: 1px; }
QWidget[problem="true"] { border: 2px solid #b3261e; }
QPushButton[big="true"] { padding: 6px 14px; font-weight: bold; }
QToolButton[areaToggle="true"] { padding: 4px 8px; min-height: 32px; }
QToolButton[areaToggle="true"]:checked { font-weight: bold; }
QCheckBox[lookFor="true"] { min-height: 30px; }
QCheckBox[lookFor="true"]::indicator { width: 22px; height: 22px; }
/* The focused row of a list or table is ringed (WCAG 2.4.7). Every row has the ring's
   room, and selected rows their colours, or the focused selected row lost its text (drawn
   in the selection's text colour on the plain row) and all but its first line. */
QAbstractItemView::item { border: 2px solid transparent; }
QAbstractItemView::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QAbstractItemView::item:focus { border: 2px solid palette(text); }
QAbstractItemView::item:focus:selected { border: 2px dashed palette(highlighted-text); }
"""


# The colour of field frames in the style sheet (palette(dark)).
FRAME_ROLE = QPalette.ColorRole.Dark

# Colours that fall short of WCAG 2.2 AA in Qt's own palettes (selected rows 3.7:1,
# placeholders 4.0:1, frames 2:1), put right for light and for dark palettes: 4.5:1 for
# text, 3:1 for frames and focus rings. Other roles are left as the system has them.
_FIXES = {
    False: {QPalette.ColorRole.Highlight: "#0a5bb5", QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.PlaceholderText: "#595959", QPalette.ColorRole.Dark: "#767676",
            QPalette.ColorRole.Link: "#0a5bb5"},
    True: {QPalette.ColorRole.Highlight: "#5aa0f0", QPalette.ColorRole.HighlightedText: "#000000",
           QPalette.ColorRole.PlaceholderText: "#b3b3b3", QPalette.ColorRole.Dark: "#8c8c8c",
           QPalette.ColorRole.Link: "#8ab8ff"},
}


# Each fixed role, what it must stand out from, and by how much (WCAG 2.2 AA).
_PAIRS = {QPalette.ColorRole.Highlight: (QPalette.ColorRole.HighlightedText, 4.5),
          QPalette.ColorRole.HighlightedText: (QPalette.ColorRole.Highlight, 4.5),
          QPalette.ColorRole.PlaceholderText: (QPalette.ColorRole.Base, 4.5),
          QPalette.ColorRole.Dark: (QPalette.ColorRole.Base, 3.0),
          QPalette.ColorRole.Link: (QPalette.ColorRole.Base, 4.5)}


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def accessible_palette(base: QPalette) -> QPalette:
    """The system's palette with the roles that fall short put right. A role that
    already stands out enough (a high-contrast theme's) is left as the user has it."""
    p = QPalette(base)
    fixes = _FIXES[is_dark(p)]
    short = [role for role, (other, needed) in _PAIRS.items()
             if contrast(p.color(role), p.color(other)) < needed
             or (role == QPalette.ColorRole.Highlight
                 and contrast(p.color(role), p.color(QPalette.ColorRole.Base)) < 3.0)]
    if QPalette.ColorRole.Highlight in short or QPalette.ColorRole.HighlightedText in short:
        short += [QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText]
    for role in set(short):
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            p.setColor(group, role, QColor(fixes[role]))
    return p


def app_palette(dark: bool) -> QPalette:
    """Qt's standard light palette, or a dark one built the usual way, made accessible
    (for the contrast check, and for screenshots of the dark look)."""
    p = QPalette(QColor("#efefef"))
    if dark:
        p = QPalette(QColor("#353535"), QColor("#353535"))
        C = QPalette.ColorRole
        for role, colour in ((C.WindowText, "#ffffff"), (C.Base, "#2a2a2a"), (C.AlternateBase, "#424242"),
                             (C.Text, "#ffffff"), (C.ButtonText, "#ffffff"), (C.ToolTipBase, "#202020"),
                             (C.ToolTipText, "#ffffff"), (C.BrightText, "#ff5555")):
            p.setColor(role, QColor(colour))
    return accessible_palette(p)


def apply_style(app: QApplication) -> None:
    app.setPalette(accessible_palette(app.palette()))
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
