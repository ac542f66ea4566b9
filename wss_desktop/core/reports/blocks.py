"""Building blocks shared by every report kind: styles, page furniture, headings with
bookmarks, tables, the ratings chart, logos and photos, and the PDF build itself.

A report module only decides *what* goes in (a list of flowables built with the
helpers on `Context`); everything about how a page looks lives here, so the four
kinds share one look and one set of accessibility rules:
- body text is 11 pt (16 pt in the large-print edition), near-black on white;
- the accent colour is darkened when it would be too pale for text on white;
- every section heading is a PDF bookmark; every page says "Page n of N";
- the document carries its title and language (en-GB) and opens with the outline.
"""

from __future__ import annotations

import functools

import datetime as dt
import io
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.flowables import HRFlowable, Image

from ..errors import UserError
from ..model import ReviewBundle, ReviewType
from . import fonts
from .content import header_lines
from .options import ReportKind, ReportOptions, ReportPhoto
from .tagging import Tagger, TaggedFrame, header_rows, set_alt, table_callback
from .text import Cleaner, plural, uk_date

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

TEXT = colors.HexColor("#1a1a1a")        # 17:1 on white
MUTED = colors.HexColor("#4d4d4d")       # 8.5:1 on white, for captions and page furniture
RULE = colors.HexColor("#b3b3b3")
ZEBRA = colors.HexColor("#f2f4f6")
# Drawn beneath the text, so a solid pale grey looks as a translucent one would (and
# needs no transparency, which a form drawn at the end could not carry).
WATERMARK = colors.HexColor("#ebebeb")
SCHOOL_COLOUR = colors.HexColor("#b35900")    # orange and dark blue: apart in lightness
REVIEWER_COLOUR = colors.HexColor("#1b3a57")  # and hue, so they read in greyscale too

SCHOOL_SERIES = (SCHOOL_COLOUR, "School's self-evaluation")
REVIEWER_SERIES = (REVIEWER_COLOUR, "Reviewer's judgement")

WATERMARK_TEXT = "DRAFT"
# A table sets its cells' font even when they hold paragraphs; without this it is
# Helvetica, which is not embedded.
CELL_FONT = ("FONT", (0, 0), (-1, -1), fonts.REGULAR)
PHOTO_MAX_PX = 1000  # ~300 dpi at half the page width; lets JPEG decode at 1/4 scale


class ReportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("The report was cancelled; no file was written.")


# --- colour -------------------------------------------------------------------------

def _luminance(c: colors.Color) -> float:
    def chan(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * chan(c.red) + 0.7152 * chan(c.green) + 0.0722 * chan(c.blue)


def contrast_on_white(c: colors.Color) -> float:
    return 1.05 / (_luminance(c) + 0.05)


def readable_accent(hex_colour: str, warnings: list[str]) -> colors.Color:
    """The accent colour, darkened until white text on it and it on white reach 4.5:1."""
    c = colors.HexColor(hex_colour)
    if contrast_on_white(c) >= 4.5:
        return c
    r, g, b = c.red, c.green, c.blue
    while contrast_on_white(colors.Color(r, g, b)) < 4.5:
        r, g, b = r * 0.9, g * 0.9, b * 0.9
    warnings.append(f"The accent colour {hex_colour} is too pale to read on white, so a "
                    f"darker shade of it was used for headings.")
    return colors.Color(r, g, b)


# --- styles -------------------------------------------------------------------------

@dataclass
class Styles:
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    label_cell: ParagraphStyle
    label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    statement_body: ParagraphStyle
    quote: ParagraphStyle
    toc_item: ParagraphStyle
    size: float


def make_styles(accent: colors.Color, large: bool) -> Styles:
    size = 16.0 if large else 11.0
    lead = size * 1.38
    small = size if large else size * 0.86  # large print: nothing under 16 pt

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base = dict(fontName=fonts.REGULAR, fontSize=size, leading=lead, textColor=TEXT,
                    alignment=TA_LEFT, splitLongWords=1, bulletFontName=fonts.REGULAR,
                    bulletFontSize=size,
                    allowWidows=0, allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        body=style("body", spaceAfter=size * 0.55),
        bullet=style("bullet", leftIndent=size * 1.3, bulletIndent=size * 0.3,
                     spaceAfter=size * 0.3),
        small=style("small", fontSize=small, leading=small * 1.35, textColor=MUTED,
                    spaceAfter=size * 0.4),
        cell=style("cell", leading=size * 1.25),
        cell_head=style("cell_head", fontName=fonts.BOLD, leading=size * 1.25,
                        textColor=colors.white),
        label_cell=style("label_cell", fontName=fonts.BOLD, leading=size * 1.25),
        label=style("label", fontName=fonts.BOLD, spaceBefore=size * 0.3, spaceAfter=size * 0.1,
                    keepWithNext=1),
        h1=style("h1", fontName=fonts.BOLD, fontSize=size * 1.65, leading=size * 2.1,
                 textColor=accent, spaceBefore=size * 0.4, spaceAfter=size * 0.7),
        h2=style("h2", fontName=fonts.BOLD, fontSize=size * 1.3, leading=size * 1.7,
                 textColor=accent, spaceBefore=size * 1.1, spaceAfter=size * 0.45),
        h3=style("h3", fontName=fonts.BOLD, fontSize=size, leading=lead, spaceBefore=size * 0.9,
                 spaceAfter=size * 0.25, leftIndent=size * 2.6,
                 firstLineIndent=-size * 2.6),
        title=style("title", fontName=fonts.BOLD, fontSize=size * (1.8 if large else 2.4),
                    leading=size * (2.2 if large else 2.9), spaceAfter=size * 0.5),
        subtitle=style("subtitle", fontSize=size * 1.35, leading=size * 1.8, textColor=accent,
                       spaceAfter=size * 0.3),
        statement_body=style("statement_body", leftIndent=size * 2.6, spaceAfter=size * 0.25),
        quote=style("quote", fontName=fonts.ITALIC, leftIndent=size * 1.3,
                    spaceAfter=size * 0.3),
        toc_item=style("toc_item", leftIndent=size * 1.3, spaceAfter=size * 0.15),
        size=size,
    )


# --- headings and bookmarks ------------------------------------------------------------

class Para(Paragraph):
    """A paragraph that remembers its last layout. A table lays out all its remaining
    cells again each time it splits over a page, so in a long table most cells
    would be broken into lines many times over; the lines depend only on the width."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self.__dict__.get("_wrapped_at") and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size



class Bullet(Para):
    """A list item in the flow of the page (never in a table cell). A long item split
    over two pages carries at least MIN_LINES lines over, so a page never begins with
    a line or two cut from the end of an item (a list's last item before a new section
    once left two lines alone on a page)."""

    MIN_LINES = 3

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = len(getattr(getattr(self, "blPara", None), "lines", ()) or ())
        leading = self.style.leading
        if lines >= 2 * self.MIN_LINES and leading:
            fit = int(availHeight / leading)
            if self.MIN_LINES <= fit < lines and lines - fit < self.MIN_LINES:
                # Carry enough lines over that the new page does not start with one or two
                # (should that not split in two, it splits as usual).
                parts = super().split(availWidth, (lines - self.MIN_LINES) * leading + 0.01)
                if len(parts) == 2:
                    return parts
        return super().split(availWidth, availHeight)


class Heading(Para):
    """A heading that becomes an entry in the PDF outline (bookmarks pane).

    It moves to the next page unless a few lines of room remain below it, so a
    heading never ends a page. (reportlab's keepWithNext would instead carry the
    whole of a long table over with it, leaving a page nearly empty.)
    """

    def __init__(self, markup: str, style: ParagraphStyle, outline: tuple[str, int],
                 reserve_lines: float = 5):
        super().__init__(markup, style)
        self.outline = outline
        self.reserve = style.leading * reserve_lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = super().wrap(availWidth, availHeight)
        self._height = h
        if h + self.reserve > availHeight:
            return w, h + self.reserve  # too close to the bottom: ask to be split
        return w, h

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if getattr(self, "_height", 0) + self.reserve > availHeight:
            return []  # nothing fits here: the frame moves the heading on
        return super().split(availWidth, availHeight)


class _Anchor(Flowable):
    """Marks the top of the page for the cover's outline entry without drawing anything."""

    tag_role = None

    def __init__(self, outline: tuple[str, int]):
        super().__init__()
        self.outline = outline

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def _plain_words(value: Any) -> list[tuple[str, str, float]]:
    """(word, font, size) of a cell's text, to measure its longest word."""
    if isinstance(value, (list, tuple)):
        return [w for v in value for w in _plain_words(v)]
    if isinstance(value, Paragraph):
        font = value.style.fontName
        size = value.style.fontSize
        bold = "<b>" in value.text
        return [(w, fonts.BOLD if bold else font, size) for w in value.getPlainText().split()]
    return []


def _longest(value: Any) -> float:
    return max((_word_width(w, f, s) for w, f, s in set(_plain_words(value))), default=0.0)


@functools.lru_cache(maxsize=1 << 15)
def _word_width(word: str, font: str, size: float) -> float:
    """A word's width, remembered: a long table's cells repeat most of their words."""
    return stringWidth(word, font, size)


def _is_empty(value: Any) -> bool:
    return not any(w for w, _, _ in _plain_words(value)) and not (
        isinstance(value, Flowable) and not isinstance(value, Paragraph))


def _cramped(data: list[list[Any]], cols: list[float], size: float) -> bool:
    """Whether a column of long text is left under about 28 characters a line (as
    in large print), which would make each row a tall narrow strip."""
    if len(cols) <= 2:
        return False
    for j, width in enumerate(cols):
        lengths = [sum(len(w) + 1 for w, _, _ in _plain_words(row[j])) for row in data[1:]]
        if lengths and sum(lengths) / len(lengths) > 80 and width / (size * 0.55) < 28:
            return True
    return False


def _fitted_widths(data: list[list[Any]], weights: list[float], pad: float) -> list[float] | None:
    """Column widths in proportion to `weights`, widened where a column would have to
    break a word; None if the page is not wide enough for that."""
    need = [max(_longest(row[j]) for row in data) * 1.02 + pad for j in range(len(weights))]
    if sum(need) > FRAME_W:
        return None
    fixed: dict[int, float] = {}
    while True:
        free = FRAME_W - sum(fixed.values())
        weight = sum(w for j, w in enumerate(weights) if j not in fixed)
        cols = [fixed.get(j, w * free / weight if weight else 0) for j, w in enumerate(weights)]
        short = [j for j, c in enumerate(cols) if j not in fixed and c < need[j]]
        if not short:
            return cols
        for j in short:
            fixed[j] = need[j]
        if len(fixed) == len(weights):
            return None


class _Table(Table):
    """A table that will not leave a lone row or two at the foot or head of a page."""

    MIN_ROWS = 2

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or availHeight >= FRAME_H - 1:
            return parts
        head = self.repeatRows
        first, second = (len(p._cellvalues) - head for p in parts)
        if second < self.MIN_ROWS <= first - (self.MIN_ROWS - second):
            # carry a row or two over so the next page does not start with a lone row
            keep = first - (self.MIN_ROWS - second)
            parts = super().split(availWidth, sum(self._rowHeights[:head + keep]) + 0.5)
            if len(parts) != 2:
                return []
            first = len(parts[0]._cellvalues) - head
        if first < self.MIN_ROWS and self._rowHeights[head] < FRAME_H / 4:
            return []  # start the table on the next page instead (unless rows are huge)
        return parts


class _Group(Flowable):
    """Flowables placed as one when they fit together, and otherwise split by a rule
    of the subclass. Placing them as one lays each out once (asking the frame to
    split would lay them out twice); it tags them, and reports headings to the
    document for their bookmarks, as the frame would."""

    tag_role = None
    _content: list[Flowable]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [f.wrap(availWidth, availHeight) for f in self._content]
        total = sum(h for _, h in self._sizes)
        for before, after in zip(self._content, self._content[1:]):
            total += before.getSpaceAfter() + after.getSpaceBefore()
        self._total = total
        return availWidth, total if total <= availHeight else 0xFFFFFF

    def getSpaceBefore(self) -> float:
        return self._content[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self._content[-1].getSpaceAfter()

    def draw(self) -> None:
        canv = self.canv
        tagger = getattr(canv, "tagger", None)
        doc = getattr(canv, "_doctemplate", None)
        y = self._total
        for n, (f, (_, h)) in enumerate(zip(self._content, self._sizes)):
            if n:
                y -= self._content[n - 1].getSpaceAfter() + f.getSpaceBefore()
            y -= h
            if tagger is not None:
                tagger.watch(f)
            f.drawOn(canv, 0, y)
            if doc is not None and getattr(f, "outline", None) is not None:
                doc.afterFlowable(f)


class KeepWithLast(_Group):
    """A paragraph and the short lines closing it, which never start a page on their
    own: "Evidence: LW3, LW49" takes at least the last two lines of the paragraph
    before it over with it, rather than standing alone at the top of a page.
    """

    def __init__(self, prev: Flowable, tail: list[Flowable]):
        super().__init__()
        self.prev = prev
        self.tail = tail
        self._content = [prev] + tail

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        def height(f: Flowable) -> float:
            return f.wrap(availWidth, 0xFFFFFF)[1] + f.getSpaceBefore() + f.getSpaceAfter()

        prev_h = height(self.prev)
        if prev_h + sum(height(f) for f in self.tail) <= availHeight:
            return [self.prev] + self.tail
        room = min(availHeight, prev_h - self.prev.getSpaceAfter() - 1) - self.prev.getSpaceBefore()
        parts = self.prev.split(availWidth, room) if room > 0 else []
        if len(parts) != 2:
            return []  # nothing of the paragraph fits here: all go to the next page
        return [parts[0], KeepTogether([parts[1]] + self.tail)]


class HeadingWithTable(_Group):
    """A heading and the table under it, kept so that the heading never ends a page
    with its table overleaf: the pair moves on unless the table's header and first
    rows fit under the heading."""

    def __init__(self, heading: Flowable, table: Table):
        super().__init__()
        self.heading = heading
        self.table = table
        self._content = [heading, table]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head_h = (self.heading.wrap(availWidth, availHeight)[1] + self.heading.getSpaceBefore()
                  + self.heading.getSpaceAfter())
        room = availHeight - head_h - self.table.getSpaceBefore()
        if availHeight >= FRAME_H - 1:  # a whole page: nowhere better to go
            return [self.heading, self.table]
        if room <= 0:
            return []
        if self.table.wrap(availWidth, room)[1] <= room:
            return [self.heading, self.table]
        # the rows the table itself will insist on starting with (see _Table.split)
        heights = self.table._rowHeights
        head = header_rows(self.table)
        first = heights[:head + _Table.MIN_ROWS]
        if len(first) > head + 1 and first[head] >= FRAME_H / 4:
            first = first[:head + 1]
        return [self.heading, self.table] if sum(first) <= room else []


def bind_headings(story: list[Flowable]) -> list[Flowable]:
    """The story with each heading that introduces a table bound to it."""
    out: list[Flowable] = []
    for f in story:
        if isinstance(f, Table) and out and isinstance(out[-1], Heading):
            out[-1].reserve = 0
            out[-1] = HeadingWithTable(out[-1], f)
        else:
            out.append(f)
    return out


class MoveOnUnless(Flowable):
    """Starts a new page unless at least `fraction` of a page remains: used between
    areas, so a short area does not leave most of a page empty."""

    tag_role = None

    def __init__(self, height: float):
        super().__init__()
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availHeight < self.height:
            return availWidth, availHeight + 1  # does not fit: the frame moves on
        return availWidth, 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass


# --- the context a report module builds with -----------------------------------------

@dataclass
class Context:
    bundle: ReviewBundle
    options: ReportOptions
    kind: ReportKind
    cleaner: Cleaner
    accent: colors.Color
    styles: Styles
    today: dt.date
    warnings: list[str] = field(default_factory=list)
    progress: Callable[[str], None] = lambda message: None

    @property
    def large(self) -> bool:
        return self.options.large_print

    def esc(self, text: object) -> str:
        return self.cleaner.esc(text)

    # --- links between references and their entries ---------------------------------

    TARGETS = {"ev": "evidence", "act": "actions"}

    def anchor(self, kind: str, ref: str) -> str:
        """Markup that makes this spot the target of links to `ref` (an LW3 or A1)."""
        return f'<a name="{kind}-{self.esc(ref)}"/>'

    def ref(self, kind: str, ref: str) -> str:
        """`ref` as a link to its entry, when the report holds that entry."""
        text = self.esc(ref)
        if not self.options.includes(self.TARGETS[kind]):
            return text
        return f'<a href="#{kind}-{text}" color="#{self.accent.hexval()[2:]}"><u>{text}</u></a>'

    def p(self, text: object, style: str = "body") -> Paragraph:
        return Para(self.esc(text), getattr(self.styles, style))

    def m(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph from markup already built with `esc`."""
        return Para(markup, getattr(self.styles, style))

    def rich(self, text: object, style: str = "body") -> list[Flowable]:
        """Multi-paragraph text with "- " bullets (see Cleaner.blocks)."""
        out: list[Flowable] = []
        for kind, markup in self.cleaner.blocks(text):
            if kind == "bullet":
                out.append(Bullet(markup, self.styles.bullet, bulletText="\u2022"))
            else:
                out.append(Para(markup, getattr(self.styles, style)))
        return out

    def bullets(self, items: list[str]) -> list[Flowable]:
        """Bullets from markup already escaped."""
        return [Bullet(item, self.styles.bullet, bulletText="\u2022") for item in items]

    def heading(self, text: str, level: int, *, markup: str | None = None,
                reserve_lines: float = 5) -> Heading:
        """A heading and bookmark; level 0 sections, 1 areas, 2 statements and items.

        `reserve_lines` is how much room must remain below it on the page (it is
        cheaper than a KeepTogether, which lays its contents out twice).
        """
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[min(level, 2)]
        return Heading(markup or self.esc(text), style, (self.cleaner.plain(text), level),
                       reserve_lines)

    def section(self, title: str, *, new_page: bool = True) -> list[Flowable]:
        head: list[Flowable] = [PageBreak()] if new_page else []
        return head + [self.heading(title, 0)]

    def table(self, header: list[str], rows: list[list[Any]], widths: list[float],
              *, header_markup: bool = False) -> Table:
        """A table of paragraphs; rows may split across pages so long text never breaks it.

        Cells given as str are escaped text; Flowables go in as they are.
        """
        st = self.styles

        def cell(value: Any, head: bool) -> Any:
            if isinstance(value, Flowable) or isinstance(value, list):
                return value
            markup = value if (head and header_markup) else self.esc(value)
            return Para(markup, st.cell_head if head else st.cell)

        pad = st.size * 0.35
        data = [[cell(h, True) for h in header]] + [[cell(v, False) for v in r] for r in rows]
        cols = _fitted_widths(data, widths, pad * 2.4)
        if cols is None or _cramped(data, cols, st.size):  # a record per block instead
            return self._stacked(data, pad)
        t = _Table(data, colWidths=cols, repeatRows=1, splitInRow=1, hAlign="LEFT",
                   renderCB=table_callback)
        commands = [
            CELL_FONT,
            ("BACKGROUND", (0, 0), (-1, 0), self.accent),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.2),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad * 1.2),
        ]
        commands += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(data), 2)]
        t.setStyle(TableStyle(commands))
        return t

    def _stacked(self, data: list[list[Any]], pad: float) -> Table:
        """The table as one block per row, each value beside its column's name, for
        when its columns are too narrow to hold their words (large print)."""
        head, records = data[0], data[1:]
        labels = [Para(h.text, self.styles.label_cell) if isinstance(h, Paragraph) else h
                  for h in head]
        label_w = min(FRAME_W * 0.4, max(_longest(lab) for lab in labels) + pad * 2.4 + 2)
        label_w = max(label_w, FRAME_W * 0.25)
        rows: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [
            CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.2),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad * 1.2)]
        for n, record in enumerate(records):
            start = len(rows)
            for lab, value in zip(labels, record):
                if _is_empty(value):
                    continue
                rows.append([lab, value])
            if len(rows) == start:
                continue
            commands.append(("LINEABOVE", (0, start), (-1, start), 1.5, self.accent))
            if n % 2:
                commands.append(("BACKGROUND", (0, start), (-1, len(rows) - 1), ZEBRA))
        if not rows:
            rows = [labels[:1] + [""]]
        t = _Table(rows, colWidths=[label_w, FRAME_W - label_w], splitInRow=1, hAlign="LEFT",
                   renderCB=table_callback)
        t.row_headers = True
        t.setStyle(TableStyle(commands + [("LINEBELOW", (0, -1), (-1, -1), 1.5, self.accent)]))
        return t

    def rule(self) -> HRFlowable:
        return HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=self.styles.size * 0.5,
                          spaceAfter=self.styles.size * 0.2)

    def gap(self, lines: float = 1.0) -> Spacer:
        return Spacer(1, self.styles.size * lines)

    def keep_tail(self, flowables: list[Flowable], lines: int = 1) -> list[Flowable]:
        """The last `lines` flowables kept with (the end of) the one before them."""
        prev = flowables[-lines - 1] if len(flowables) > lines else None
        if not isinstance(prev, Paragraph) or isinstance(prev, Heading):
            return flowables
        return flowables[:-lines - 1] + [KeepWithLast(flowables[-lines - 1], flowables[-lines:])]

    def area_break(self) -> Flowable:
        """Between areas: a new page only if less than 40% of this one remains."""
        return MoveOnUnless(FRAME_H * 0.4)

    def keep(self, flowables: list[Flowable]) -> KeepTogether:
        for f in flowables:
            if isinstance(f, Heading):
                f.reserve = 0  # the group itself keeps the heading with what follows
        return KeepTogether(flowables)

    # --- chart ------------------------------------------------------------------

    def ratings_chart(self, rows: list[tuple[str, list[str | None]]],
                      series: list[tuple[colors.Color, str]]) -> Drawing | None:
        """Horizontal bars, one group per row and one bar per series (rating keys).

        Used for "school's rating against reviewer's" per statement. Unrated bars are
        simply absent; the text beside the chart says which, so nothing relies on
        the picture alone.
        """
        scale = self.bundle.framework.scale
        levels = scale.levels
        if not levels or not rows:
            return None
        fs = 16.0 if self.large else 9.5
        bar = fs * 0.95
        gap = fs * 0.8
        plot_h = len(rows) * (len(series) * bar + gap)
        label_w = fs * 4.2
        legend_h = fs * 2.2
        width = FRAME_W
        names = [self.cleaner.plain(lv.label) for lv in levels]
        widest = max(stringWidth(n, fonts.REGULAR, fs) for n in names)
        plot_w = width - label_w - widest / 2 - fs * 0.5
        # the rating names alternate between two rows when one row cannot hold them
        staggered = widest > plot_w / len(levels) * 0.92
        axis_h = fs * (3.3 if staggered else 2.0)
        height = plot_h + legend_h + axis_h + fs * 0.5
        d = Drawing(width, height)
        chart = HorizontalBarChart()
        chart.x, chart.y = label_w, axis_h
        chart.width = plot_w
        chart.height = plot_h

        def value(key: str | None) -> float:
            p = scale.position(key)
            return 0 if p is None else p + 1

        # A group's first series is drawn lowest, so series go in reversed to read top-down.
        order = list(reversed(range(len(series))))
        chart.data = [[value(keys[i]) for _, keys in rows] for i in order]
        chart.categoryAxis.categoryNames = [self.cleaner.plain(label) for label, _ in rows]
        set_alt(d, self._chart_alt(rows, series))
        d.__dict__["initialFontName"] = fonts.REGULAR  # not Helvetica, which is not embedded
        chart.categoryAxis.reverseDirection = 1
        chart.categoryAxis.labels.fontName = fonts.REGULAR
        chart.categoryAxis.labels.fontSize = fs
        chart.categoryAxis.labels.fillColor = TEXT
        chart.categoryAxis.labels.dx = -fs * 0.3
        chart.categoryAxis.strokeColor = MUTED
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = len(levels)
        chart.valueAxis.valueStep = 1
        chart.valueAxis.labels.fontName = fonts.REGULAR
        chart.valueAxis.labels.fontSize = fs
        chart.valueAxis.labels.fillColor = TEXT
        chart.valueAxis.labelTextFormat = lambda v: (
            self.cleaner.plain(levels[int(v) - 1].label) if 1 <= int(v) <= len(levels) else "")
        if staggered:
            for i in range(2, len(levels) + 1, 2):
                chart.valueAxis.labels[i].dy = -fs * 1.2
        chart.valueAxis.visibleGrid = 1
        chart.valueAxis.gridStrokeColor = colors.HexColor("#d9d9d9")
        chart.valueAxis.strokeColor = MUTED
        chart.barWidth = bar
        chart.groupSpacing = gap
        chart.barSpacing = 0
        chart.bars.strokeColor = None
        for n, i in enumerate(order):
            chart.bars[n].fillColor = series[i][0]
        d.add(chart)
        x = label_w
        y = height - fs * 1.3
        for colour, text in series:
            d.add(Rect(x, y, fs, fs * 0.8, fillColor=colour, strokeColor=None))
            d.add(String(x + fs * 1.4, y + fs * 0.05, text, fontName=fonts.REGULAR, fontSize=fs,
                         fillColor=TEXT))
            x += fs * 1.4 + stringWidth(text, fonts.REGULAR, fs) + fs * 2
        return d

    def _chart_alt(self, rows: list[tuple[str, list[str | None]]],
                   series: list[tuple[colors.Color, str]]) -> str:
        """What the chart shows, in words: a screen reader reads this instead of it."""
        from . import content as c
        names = [self.cleaner.plain(name) for _, name in series]
        parts = []
        for label, keys in rows:
            said = [f"{name}: {c.rating_text(self.bundle, key).lower()}"
                    for name, key in zip(names, keys)]
            parts.append(f"{self.cleaner.plain(label)}, " + ", ".join(said))
        return (f"Bar chart of ratings ({' and '.join(names)}). " + "; ".join(parts) + ".")

    # --- images ---------------------------------------------------------------------

    def logo(self, max_w: float, max_h: float) -> Flowable | None:
        path_s = self.options.branding.logo_path
        if not path_s:
            return None
        path = Path(path_s)
        load = self.options.branding.logo_load
        source: Path | io.BytesIO = path
        try:
            if load is not None:
                source = io.BytesIO(load())     # kept encrypted: read through the workspace
            elif not path.is_file():
                raise FileNotFoundError(path)
        except OSError:
            self.warnings.append(f"The logo file {path} could not be found, so the report was "
                                 f"made without a logo. Choose the logo again in the branding "
                                 f"settings.")
            return None
        if path.suffix.lower() == ".svg":
            return self._svg_logo(source, path.name, max_w, max_h)
        try:
            data, w, h = _downscaled(source, 800, "PNG")
        except Exception:  # Pillow raises many kinds for a damaged or foreign file
            self.warnings.append(f"The logo file {path.name} could not be read as a PNG, JPEG "
                                 f"or SVG image, so the report was made without a logo.")
            return None
        scale = min(max_w / w, max_h / h)
        img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
        img.hAlign = "LEFT"
        img.alt_text = self._logo_alt()
        return img

    def _logo_alt(self) -> str:
        org = self.cleaner.plain(self.options.branding.organisation)
        return f"Logo of {org}" if org else "Logo"

    def _svg_logo(self, source: "Path | io.BytesIO", name: str, max_w: float,
                  max_h: float) -> Flowable | None:
        try:
            from svglib.svglib import svg2rlg  # optional: see REPORTS_NEEDS.md
        except ImportError:
            self.warnings.append("SVG logos need the optional svglib package, which is not "
                                 "installed, so the report was made without a logo. Save the "
                                 "logo as a PNG instead.")
            return None
        try:
            drawing = svg2rlg(str(source) if isinstance(source, Path) else source)
        except Exception:  # svglib raises lxml, value and key errors on bad files
            drawing = None
        if drawing is None or not drawing.width or not drawing.height:
            self.warnings.append(f"The logo file {name} could not be read as an SVG "
                                 f"image, so the report was made without a logo.")
            return None
        scale = min(max_w / drawing.width, max_h / drawing.height)
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        drawing.hAlign = "LEFT"
        set_alt(drawing, self._logo_alt())
        drawing.__dict__["initialFontName"] = fonts.REGULAR
        return drawing

    def photo_data(self, photo: "str | ReportPhoto") -> tuple[bytes, int, int] | None:
        """A photo downscaled for print, or None (with a warning) if it cannot be read.

        Safe to call from worker threads: Pillow releases the GIL while decoding.
        """
        load = getattr(photo, "load", None)
        path = Path(photo if isinstance(photo, str) else photo.path)
        try:
            source = io.BytesIO(load()) if load is not None else path
            return _downscaled(source, PHOTO_MAX_PX, "JPEG")
        except FileNotFoundError:
            self.warnings.append(f"The photo {path.name} could not be found and was left out.")
        except Exception:  # Pillow raises many kinds for a damaged or foreign file
            self.warnings.append(f"The photo {path.name} could not be read as an image and "
                                 f"was left out.")
        return None


def _downscaled(path: "Path | io.BytesIO", max_px: int, fmt: str) -> tuple[bytes, int, int]:
    """Image bytes no larger than max_px on the long side, and their size in pixels.

    JPEG `draft` mode lets the decoder skip most of a 12-megapixel photo's pixels,
    which is what keeps thirty of them affordable.
    """
    from PIL import Image as PILImage, ImageOps

    with PILImage.open(path) as opened:
        w, h = opened.size
        ratio = max_px / max(w, h, 1)
        if ratio < 1:  # ask for the final size so the decoder can scale down as far as it may
            opened.draft("RGB", (max(1, int(w * ratio)), max(1, int(h * ratio))))
        im = ImageOps.exif_transpose(opened)
        if fmt == "JPEG" and im.mode != "RGB":
            im = im.convert("RGB")
        elif fmt == "PNG" and im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA")
        im.thumbnail((max_px, max_px))
        out = io.BytesIO()
        im.save(out, fmt, quality=82) if fmt == "JPEG" else im.save(out, fmt)
        return out.getvalue(), im.width, im.height


# --- page furniture and the build ------------------------------------------------------

class PageCanvas(Canvas):
    """Writes "of N" once, as a form every page refers to, so one pass is enough; the
    DRAFT watermark likewise, drawn once as letter outlines (shapes, not text, so it
    is never read out or copied with the text)."""

    total_pages = 0
    total_font: tuple[str, float] = (fonts.REGULAR, 9)
    watermark = False
    tagger: Tagger | None = None
    contents_keys: list[str] = []
    heading_pages: dict[str, int] = {}
    contents_font: tuple[str, float] = (fonts.REGULAR, 11)

    def bookmarkPage(self, key: str, fit: str = "Fit", left: Any = None, top: Any = None,
                     bottom: Any = None, right: Any = None, zoom: Any = None) -> Any:
        if self.tagger is not None:  # so each link can say where it goes
            self.tagger.destination(self.getPageNumber() - 1, top, key)
        return super().bookmarkPage(key, fit=fit, left=left, top=top, bottom=bottom,
                                    right=right, zoom=zoom)

    def save(self) -> None:
        self.beginForm("pageTotal")
        self.setFont(*self.total_font)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.total_pages))
        self.endForm()
        for key in self.contents_keys:  # right-aligned at the form's origin
            self.beginForm(f"toc-{key}", lowerx=-200, lowery=-50, upperx=10, uppery=50)
            self.setFont(*self.contents_font)
            self.setFillColor(TEXT)
            self.drawRightString(0, 0, str(self.heading_pages.get(key, "")))
            self.endForm()
        if self.watermark:
            self.beginForm("watermark")
            self.setFillColor(WATERMARK)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(52)
            path = self.beginPath()
            width = fonts.outline(WATERMARK_TEXT, path, 130)
            self.translate(-width / 2, -45)
            self.drawPath(path, stroke=0, fill=1)
            self.endForm()
        super().save()


class ReportDoc(BaseDocTemplate):
    def __init__(self, out: Any, ctx: Context, title: str, total: int,
                 step: Callable[[int], None], *, with_cover: bool = True):
        b = ctx.bundle
        super().__init__(
            out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=title, lang="en-GB",
            author=ctx.cleaner.plain(", ".join(p.name for p in b.reviewers)
                                     or ctx.options.branding.organisation or "WSS Review Desktop"),
            subject=ctx.cleaner.plain(f"{ctx.kind.label} for {b.review.school_name}"),
            creator="WSS Review Desktop", keywords=["SEND review", ctx.kind.value],
            initialFontName=fonts.REGULAR)  # never a reference to a font not embedded
        self.tagger = Tagger()
        self.contents_keys: list[str] = []
        self.ctx = ctx
        self._total = total
        self._step = step
        self._done = 0
        self._keys: set[str] = set()
        self._last_level = -1
        self._header_lines: list[tuple[str, str]] | None = None
        frame = TaggedFrame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        cover_frame = TaggedFrame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - 40 * mm - MARGIN_BOTTOM,
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                            id="cover")
        body = PageTemplate("body", [frame], onPage=self._body_page)
        self.addPageTemplates([PageTemplate("cover", [cover_frame], onPage=self._cover_page), body]
                              if with_cover else [body])

    def build(self, flowables: list[Flowable], *args: Any, **kw: Any) -> None:
        super().build(bind_headings(flowables), *args, **kw)

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.showOutline()
        self.canv.tagger = self.tagger
        self.canv.heading_pages = {}
        self.canv.contents_keys = self.contents_keys
        self.canv.contents_font = (fonts.REGULAR, self.ctx.styles.size)
        self.canv.setViewerPreference("DisplayDocTitle", "true")
        size = self.ctx.styles.size
        self.canv.total_font = (fonts.REGULAR, 16.0 if size > 12 else 9.0)

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            title, level = outline
            key = heading_key(flowable)
            if key not in self._keys:
                self._keys.add(key)
                level = min(level, self._last_level + 1)
                self._last_level = level
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title or "Section", key, level=level, closed=level > 0)
                self.canv.heading_pages[key] = self.page
        self._done = min(self._done + 1, self._total)
        self._step(self._done)

    # The furniture is drawn before the page's text, so the watermark sits underneath;
    # it is all marked as artifacts, so it is not in the structure a screen reader reads.
    def _furniture(self, canv: Canvas, doc: "ReportDoc", cover: bool) -> None:
        ctx = self.ctx
        canv.total_pages = doc.page
        tagger = self.tagger
        if not ctx.options.checked:
            canv.watermark = True
            with tagger.artifact(canv, "Watermark"):
                canv.doForm("watermark")
        small = 16.0 if ctx.large else 9.0
        canv.saveState()
        canv.setFont(fonts.REGULAR, small)
        canv.setFillColor(MUTED)
        if not cover:
            with tagger.artifact(canv, "Header"):
                self._header(canv, small)
        with tagger.artifact(canv, "Footer"):
            self._footer(canv, doc, small)
        canv.restoreState()

    def _header(self, canv: Canvas, small: float) -> None:
        """The running header: whole, on two lines where one is too narrow (large print),
        with the accent rule under it, all above the body frame."""
        ctx = self.ctx
        if self._header_lines is None:
            # "Draft" alone (the watermark says so too) where a long name needs the room
            status = ("Checked",) if ctx.options.checked else ("Draft for checking", "Draft")
            self._header_lines = header_lines(
                ctx.cleaner.plain(ctx.bundle.review.school_name), ctx.kind, status, FRAME_W,
                lambda t: stringWidth(t, fonts.REGULAR, small), max_lines=2)
        lines = self._header_lines
        y = PAGE_H - 13 * mm + (len(lines) - 1) * 2.5 * mm
        for i, (left, right) in enumerate(lines):
            if i:
                y -= small * 1.2
            if left:
                canv.drawString(MARGIN_X, y, left)
            if right:
                canv.drawRightString(PAGE_W - MARGIN_X, y, right)
        canv.setStrokeColor(ctx.accent)
        canv.setLineWidth(1.2)
        canv.line(MARGIN_X, y - 2.5 * mm, PAGE_W - MARGIN_X, y - 2.5 * mm)

    def _footer(self, canv: Canvas, doc: "ReportDoc", small: float) -> None:
        ctx = self.ctx
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, 15 * mm, PAGE_W - MARGIN_X, 15 * mm)
        footer = ctx.cleaner.plain(ctx.options.branding.footer or ctx.options.branding.organisation
                                   or "Made with WSS Review Desktop")
        label = f"Page {doc.page} of "
        total_w = canv.stringWidth("0000", fonts.REGULAR, small)
        label_w = canv.stringWidth(label, fonts.REGULAR, small)
        x = PAGE_W - MARGIN_X - label_w - total_w
        canv.drawString(MARGIN_X, 10 * mm, _fit(footer, x - MARGIN_X - 6 * mm, small))
        canv.drawString(x, 10 * mm, label)
        canv.translate(x + label_w, 10 * mm)
        canv.doForm("pageTotal")

    def _cover_page(self, canv: Canvas, doc: "ReportDoc") -> None:
        canv.saveState()
        with self.tagger.artifact(canv, kind="Layout"):
            canv.setFillColor(self.ctx.accent)
            canv.rect(0, PAGE_H - 14 * mm, PAGE_W, 14 * mm, stroke=0, fill=1)
        canv.restoreState()
        self._furniture(canv, doc, cover=True)

    def _body_page(self, canv: Canvas, doc: "ReportDoc") -> None:
        self._furniture(canv, doc, cover=False)


def heading_key(flowable: Flowable) -> str:
    """The name of a heading's destination (its bookmark, and the contents' links)."""
    return f"s{id(flowable)}"


CONTENTS_TITLE = "Contents"
CONTENTS_MIN_PAGES = 9  # a report of more than 8 pages opens with a contents page


class ContentsEntry(Flowable):
    """One line of the contents: the heading as a link, and its page number at the
    right. The number is a form filled in when the document is saved, so the
    contents needs no second layout pass."""

    tag_role = "TOCI"

    def __init__(self, para: Paragraph, key: str, size: float):
        super().__init__()
        self.para = para
        self.key = key
        self.number_w = size * 3

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        _, self.height = self.para.wrap(availWidth - self.number_w, availHeight)
        return availWidth, self.height

    def getSpaceAfter(self) -> float:
        return self.para.getSpaceAfter()

    def getSpaceBefore(self) -> float:
        return self.para.getSpaceBefore()

    def draw(self) -> None:
        self.para.drawOn(self.canv, 0, 0)
        baseline = self.height - self.para.style.leading + (self.para.style.leading -
                                                             self.para.style.fontSize) / 2
        self.canv.saveState()
        self.canv.translate(self.width, baseline + self.para.style.fontSize * 0.2)
        self.canv.doForm(f"toc-{self.key}")
        self.canv.restoreState()


def contents(ctx: Context, story: list[Flowable]) -> tuple[list[Flowable], list[str]]:
    """A contents page listing the story's sections and areas, and their keys."""
    st = ctx.styles
    entries: list[Flowable] = []
    keys = []
    for f in story:
        outline = getattr(f, "outline", None)
        if not isinstance(f, Heading) or outline is None or outline[1] > 1:
            continue
        title, level = outline
        key = heading_key(f)
        keys.append(key)
        style = st.body if level == 0 else st.toc_item
        link = f'<a href="#{key}">{ctx.esc(title)}</a>'
        entries.append(ContentsEntry(Paragraph(f"<b>{link}</b>" if level == 0 else link, style),
                                     key, st.size))
    return ctx.section(CONTENTS_TITLE) + [ctx.p("Page numbers are on the right; each "
                                                "entry is a link.", "small")] + entries, keys


def _fit(text: str, width: float, size: float) -> str:
    if stringWidth(text, fonts.REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", fonts.REGULAR, size) > width:
        text = text[:-1]
    return text + "\u2026"


def cover(ctx: Context, title: str, details: list[tuple[str, str]], note: str) -> list[Flowable]:
    """The first page: branding, what the report is, for whom, by whom, and its status."""
    b = ctx.bundle
    st = ctx.styles
    out: list[Flowable] = [_Anchor((ctx.cleaner.plain(title), 0))]
    logo = ctx.logo(60 * mm, 28 * mm)
    if logo is not None:
        out += [logo, Spacer(1, st.size)]
    if ctx.options.branding.organisation:
        out.append(ctx.p(ctx.options.branding.organisation, "subtitle"))
    room = 0.4 if ctx.large else 1.0  # large print needs its space for the words
    out += [Spacer(1, st.size * (2 if logo is None else 1) * room),
            ctx.p(title, "subtitle"), ctx.p(b.review.school_name, "title")]
    if b.review.trust_or_la:
        out.append(ctx.p(b.review.trust_or_la, "body"))
    out.append(Spacer(1, st.size * 1.2 * room))
    rows = [[ctx.m(f"<b>{ctx.esc(k)}</b>", "cell"), ctx.p(v, "cell")] for k, v in details if v]
    if rows:
        t = Table(rows, colWidths=[FRAME_W * 0.3, FRAME_W * 0.7], hAlign="LEFT",
                  renderCB=table_callback)
        t.row_headers = True
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), CELL_FONT,
                               ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), st.size * 0.35),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), st.size * 0.35)]))
        out.append(t)
    out.append(Spacer(1, st.size * 1.2 * room))
    if ctx.options.checked:
        who = f" by {ctx.options.checked_by}" if ctx.options.checked_by else ""
        when = f" on {uk_date(ctx.options.checked_on)}" if ctx.options.checked_on else ""
        status = f"<b>{ctx.esc('Checked' + who + when)}.</b>"
    else:
        status = ("<b>Draft for checking.</b> This report has not yet been checked, so it may "
                  "still change. Please do not circulate it beyond the school's leaders.")
    out.append(ctx.m(status))
    out += [Spacer(1, st.size * room), ctx.p(note, "small")]
    out.append(NextPageTemplate("body"))
    return out


def review_details(ctx: Context) -> list[tuple[str, str]]:
    b = ctx.bundle
    r = b.review
    people = "; ".join(", ".join(x for x in (p.name, p.role, p.organisation) if x)
                       for p in b.reviewers)
    try:
        rtype = ReviewType(r.review_type).label
    except ValueError:
        rtype = r.review_type
    return [
        ("Date of visit", uk_date(r.date_visit, "") if r.date_visit else ""),
        ("Reviewers", people),
        ("Type of review", rtype),
        ("Framework", f"{b.framework.name} (version {b.framework.version})"),
        ("Requested by", r.requested_by or ""),
        ("Report date", uk_date(ctx.today)),
    ]


def photo_grid(ctx: Context) -> list[Flowable]:
    """Photos two to a row with captions; unreadable ones are left out with a note.

    Photos are decoded and downscaled on a few threads at once: with thirty
    12-megapixel photos this is most of a report's cost.
    """
    photos = list(ctx.options.photos)
    cols = 1 if ctx.large else 2
    cell_w = FRAME_W / cols - 4 * mm
    prepared: list[tuple[bytes, int, int] | None] = [None] * len(photos)
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        futures = {pool.submit(ctx.photo_data, ph): i for i, ph in enumerate(photos)}
        for done, future in enumerate(as_completed(futures), 1):
            ctx.progress(f"Preparing photo {done} of {len(photos)}")
            prepared[futures[future]] = future.result()
    cells: list[list[Flowable]] = []
    for ph, data in zip(photos, prepared):
        if data is None:
            continue
        raw, w, h = data
        scale = min(cell_w / w, cell_w * 0.75 / h)
        caption = ph.caption or Path(ph.path).stem
        img = Image(io.BytesIO(raw), width=w * scale, height=h * scale)
        img.alt_text = ctx.cleaner.plain(f"Photograph: {caption}")
        cells.append([img, ctx.p(caption, "small")])
    if not cells:
        return [ctx.p("No photographs could be included.")]
    rows = [cells[i:i + cols] for i in range(0, len(cells), cols)]
    if len(rows[-1]) < cols:
        rows[-1] = rows[-1] + [[]] * (cols - len(rows[-1]))
    t = Table(rows, colWidths=[FRAME_W / cols] * cols, hAlign="LEFT", renderCB=table_callback)
    t.layout = True  # a grid for placing photos, not a table of data
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), CELL_FONT,
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    return [ctx.p(f"{plural(len(cells), 'photograph')} taken during the visit. No pupil "
                  f"should be identifiable in them."), t]
