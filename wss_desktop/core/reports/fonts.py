"""The report font: DejaVu Sans, embedded (subset) in every PDF.

It is open-licence (resources/fonts/LICENSE-DejaVu.txt) and covers Latin, Greek and
Cyrillic in full, so names such as Łukasz, Zoë and Siobhán print and copy out of the
PDF intact. Read through importlib.resources so a frozen build finds it too.
"""

from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import UserError

REGULAR = "WSS-Sans"
BOLD = "WSS-Sans-Bold"
ITALIC = "WSS-Sans-Italic"
BOLD_ITALIC = "WSS-Sans-BoldItalic"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

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
