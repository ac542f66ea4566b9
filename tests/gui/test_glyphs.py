"""Every symbol the screens show (✓, ◐, ≠, the walk's clock...) is drawn by a font the
project installs (scripts/setup.sh: fonts-dejavu-core), not left as an empty box: each
symbol in the GUI's text is in the application font (issue 13)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

GUI = Path(__file__).resolve().parents[2] / "wss_desktop" / "gui"
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


def shown_symbols() -> dict[str, str]:
    """Symbols (Unicode "So"/"Sm") in the GUI's string literals, with a file each is in."""
    found: dict[str, str] = {}
    for path in GUI.rglob("*.py"):
        for literal in STRING.findall(path.read_text(encoding="utf-8")):
            for ch in literal:
                if ord(ch) > 0x7F and unicodedata.category(ch) in ("So", "Sm"):
                    found.setdefault(ch, path.name)
    return found


def test_every_symbol_on_screen_is_in_the_application_font(qtbot):
    app = QApplication.instance()
    metrics = QFontMetrics(app.font())
    symbols = shown_symbols()
    assert "✓" in symbols and len(symbols) > 5
    missing = {f"{ch} U+{ord(ch):04X} ({where})" for ch, where in symbols.items()
               if not metrics.inFontUcs4(ord(ch))}
    assert missing == set(), f"no glyph in {app.font().family()!r}: {sorted(missing)}"


def test_the_walk_clock_symbol_is_drawn(qtbot):
    from wss_desktop.gui.learning_walk import CLOCK
    assert QFontMetrics(QApplication.instance().font()).inFontUcs4(ord(CLOCK))
