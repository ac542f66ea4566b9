"""The report font: DejaVu Sans, embedded (subset) in every PDF.

It is open-licence (resources/fonts/LICENSE-DejaVu.txt) and covers Latin, Greek and
Cyrillic in full, so names such as Łukasz, Zoë and Siobhán print and copy out of the
PDF intact. Read through importlib.resources so a frozen build finds it too.
"""

from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import UserError

REGULAR = "WSS-Sans"
BOLD = "WSS-Sans-Bold"
ITALIC = "WSS-Sans-Italic"
BOLD_ITALIC = "WSS-Sans-BoldItalic"

_FILES: dict[str, str] = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

# Shown in place of a character the font has no shape for, so nothing vanishes silently.
MISSING_MARK = "\u25a1"


def _load(name: str, file_name: str) -> TTFont:
    source = resources.files("wss_desktop.resources").joinpath("fonts", file_name)
    try:
        data = source.read_bytes()
    except OSError:
        raise UserError(f"The report font {file_name} is missing from the installation; "
                        f"reinstall WSS Review Desktop.") from None
    return TTFont(name, io.BytesIO(data))


@lru_cache(maxsize=1)
def register() -> frozenset[str]:
    """Register the family once per process; returns the characters the font covers."""
    fonts = {name: _load(name, file_name) for name, file_name in _FILES.items()}
    for font in fonts.values():
        pdfmetrics.registerFont(font)
    # No bold-italic file is shipped; bold is the closer match for <b><i> runs.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD)
    addMapping(REGULAR, 1, 1, BOLD)
    return frozenset(map(chr, fonts[REGULAR].face.charToGlyph)) | {"\n", "\t"}


def outline(text: str, path: Any, size: float, name: str = BOLD) -> float:
    """Add the letter shapes of `text` in the bold face to a reportlab path; returns
    the width. For marks such as the DRAFT watermark, which must look like text but
    not be text a reader extracts or reads out."""
    shapes, width = _outline(text, name)
    k = size / 1000.0
    for op, pts in shapes:
        scaled = [v * k for xy in pts for v in xy]
        if op == "M":
            path.moveTo(*scaled)
        elif op == "L":
            path.lineTo(*scaled)
        elif op == "C":
            path.curveTo(*scaled)
        else:
            path.close()
    return width * k


@lru_cache(maxsize=8)
def _outline(text: str, name: str) -> tuple[list[tuple[str, list[tuple[float, float]]]], float]:
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont as ToolsFont

    source = resources.files("wss_desktop.resources").joinpath("fonts", _FILES[name])
    font = ToolsFont(io.BytesIO(source.read_bytes()), lazy=True)
    scale = 1000.0 / font["head"].unitsPerEm
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    shapes: list[tuple[str, list[tuple[float, float]]]] = []
    x = 0.0

    class Pen(BasePen):
        def _moveTo(self, p: tuple[float, float]) -> None:
            shapes.append(("M", [self._at(p)]))

        def _lineTo(self, p: tuple[float, float]) -> None:
            shapes.append(("L", [self._at(p)]))

        def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]) -> None:
            shapes.append(("C", [self._at(p1), self._at(p2), self._at(p3)]))

        def _closePath(self) -> None:
            shapes.append(("Z", []))

        def _at(self, p: tuple[float, float]) -> tuple[float, float]:
            return (x + p[0] * scale, p[1] * scale)

    pen = Pen(glyphs)
    for ch in text:
        glyph = glyphs[cmap[ord(ch)]]
        glyph.draw(pen)
        x += glyph.width * scale
    return shapes, x
