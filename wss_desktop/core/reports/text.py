"""Turning stored text into safe Paragraph markup, and small wording helpers.

Everything a user typed passes through `esc` (or `rich`) before it reaches a
reportlab Paragraph: markup characters are escaped, control characters dropped and
characters the font cannot draw replaced by a visible mark (and counted, so the
report can say so once instead of printing empty boxes without a word).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from .fonts import MISSING_MARK

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RTL_RE = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_BULLET_RE = re.compile(r"^\s*(?:[-*\u2022\u2013])\s+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass
class Cleaner:
    """Cleans text for one report, remembering what it had to change."""

    covered: frozenset[str]  # characters the font can draw, plus line breaks and tabs
    missing: set[str] = field(default_factory=set)
    rtl: bool = False

    def clean(self, text: object) -> str:
        s = "" if text is None else str(text)
        # Lone surrogates (from a damaged import) cannot be encoded in the PDF.
        s = s.encode("utf-8", "replace").decode("utf-8")
        s = s.replace("\r\n", "\n").replace("\r", "\n")
        s = _CONTROL_RE.sub("", s)
        if not self.rtl and _RTL_RE.search(s):
            self.rtl = True
        if not s.isascii() and not set(s) <= self.covered:
            out = []
            for ch in s:
                if ch in self.covered:
                    out.append(ch)
                elif ch not in ("\ufe0f", "\u200d"):  # emoji presentation and joiner
                    self.missing.add(ch)
                    out.append(MISSING_MARK)
            s = "".join(out)
        return s

    def plain(self, text: object) -> str:
        """One line of plain text (for outlines, metadata and chart labels)."""
        return _SPACES_RE.sub(" ", self.clean(text).replace("\n", " ").replace("\t", " ")).strip()

    def esc(self, text: object) -> str:
        """Paragraph markup for one block of text; line breaks kept."""
        s = _SPACES_RE.sub(" ", self.clean(text).replace("\t", " ")).strip()
        return "<br/>".join(escape(line.strip()) for line in s.split("\n"))

    def blocks(self, text: object) -> list[tuple[str, str]]:
        """Split text into ("p" | "bullet", markup) blocks.

        A blank line starts a new paragraph; a line starting with "- ", "* " or "•"
        is a bullet. This is all the formatting a summary paragraph needs, and it
        survives being typed into a plain text box.
        """
        result: list[tuple[str, str]] = []
        para: list[str] = []

        def flush() -> None:
            if para:
                result.append(("p", self.esc(" ".join(para))))
                para.clear()

        for line in self.clean(text).split("\n"):
            if not line.strip():
                flush()
            elif _BULLET_RE.match(line):
                flush()
                result.append(("bullet", self.esc(_BULLET_RE.sub("", line, count=1))))
            else:
                para.append(line.strip())
        flush()
        return result


def uk_date(value: str | dt.date | None, missing: str = "not set") -> str:
    if value in (None, ""):
        return missing
    try:
        d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def first_sentence(text: str, limit: int = 220) -> str:
    """The first sentence of a text, cut at a word boundary if it is very long."""
    s = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s", s)
    if m:
        s = s[:m.start()]
    if len(s) > limit:
        s = s[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    return s


def shorten(text: str, limit: int) -> str:
    s = " ".join(text.split())
    if len(s) <= limit:
        return s
    return s[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def join_words(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
