"""A questionnaire printed to hand out: a PDF with a tick box for each answer.

Plain and roomy: one question at a time with its answers beside boxes, and ruled
space for comments. The easy-read pupil version prints each answer as a face (happy,
in-between, sad) with its word under it. A large-print option sets everything bigger.

The PDF is tagged like the reports (PDF/UA-1 as the target), by the reports' own
machinery in tagging.py: the title is a level-1 heading, each question a level-2
heading, and its answers a list (each answer one list item; an easy-read face is a
figure inside its item, saying "Happy face"). Tick boxes and writing lines are
drawn as artifacts, so a screen reader reads the questions and answers only.
"""

from __future__ import annotations

from typing import Any
import io
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, KeepTogether, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

from ..files import IF_IN_A_PDF_VIEWER, save_bytes
from ..surveys import Questionnaire
from . import fonts, tagging
from .tagging import Node, TaggedFrame, Tagger, table_callback

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1d4f73")
FACE = colors.HexColor("#fff3c4")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.__dict__["initialFontName"] = fonts.REGULAR  # not Helvetica, which is not embedded
    return d


def face(mood: int, size: float) -> Drawing:
    """A face: mood 1 smiles, 0 is straight, -1 is sad (drawn, so it prints anywhere)."""
    d = _drawing(size, size)
    r = size / 2 - 1
    c = size / 2
    d.add(Circle(c, c, r, fillColor=FACE, strokeColor=INK, strokeWidth=1.4))
    eye = size * 0.06
    d.add(Circle(c - r * 0.38, c + r * 0.25, eye, fillColor=INK, strokeColor=None))
    d.add(Circle(c + r * 0.38, c + r * 0.25, eye, fillColor=INK, strokeColor=None))
    w = r * 0.55
    y = c - r * 0.35
    bend = r * 0.28 * mood
    points = []
    for i in range(11):
        t = i / 10
        x = c - w + 2 * w * t
        points += [x, y - bend * (1 - (2 * t - 1) ** 2)]
    d.add(PolyLine(points, strokeColor=INK, strokeWidth=1.6))
    return d


FACE_WORDS = {1: "Happy face", 0: "In-between face", -1: "Sad face"}


def _box(size: float) -> Drawing:
    d = _drawing(size, size)
    d.add(Rect(0.5, 0.5, size - 1, size - 1, fillColor=colors.white, strokeColor=INK, strokeWidth=1))
    return d


def _lines(width: float, n: int, gap: float) -> Drawing:
    d = _drawing(width, n * gap)
    for i in range(n):
        d.add(Line(0, i * gap + 1, width, i * gap + 1, strokeColor=colors.HexColor("#8a8a8a"),
                   strokeWidth=0.6))
    d.__dict__["tag_role"] = "Artifact"  # space to write in, not content (a Drawing refuses setattr)
    return d


class Answer(Flowable):
    """One answer to tick: a tick box beside its words, or (easy read) a face above them.

    Tagged as one list item: the face a figure saying what it shows, the box an
    artifact, the words the item's body."""

    tag_role = None  # tags itself

    def __init__(self, words: Paragraph, mark: Drawing, *, face: str | None = None,
                 gap: float = 6.0) -> None:
        super().__init__()
        self.words, self.mark, self.face, self.gap = words, mark, face, gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        mw, mh = self.mark.width, self.mark.height
        if self.face:
            self._ww, self._wh = self.words.wrap(max(availWidth, mw), availHeight)
            self.width, self.height = max(mw, self._ww), mh + self.gap / 2 + self._wh
        else:
            self._ww, self._wh = self.words.wrap(max(availWidth - mw - self.gap, 1), availHeight)
            self.width, self.height = availWidth, max(mh, self._wh)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        tagger: Tagger | None = getattr(canv, "tagger", None)
        mw, mh = self.mark.width, self.mark.height
        if self.face:
            mark_at, words_at = ((self.width - mw) / 2, self.height - mh), (0.0, 0.0)
        else:
            mark_at = (0.0, (self.height - mh) / 2)
            words_at = (mw + self.gap, (self.height - self._wh) / 2)
        if tagger is None:
            self.mark.drawOn(canv, *mark_at)
            self.words.drawOn(canv, *words_at)
            return
        body = tagger.node_for(self, "LI")
        if self.face:
            figure = tagger.add(Node("Figure", alt=self.face), body)
            with tagger.marked(canv, figure, tagging._box(canv, *mark_at, mw, mh)):
                self.mark.drawOn(canv, *mark_at)
        else:
            with tagger.artifact(canv, kind="Layout"):
                self.mark.drawOn(canv, *mark_at)
        with tagger.marked(canv, body, tagging._box(canv, *words_at, self._ww, self._wh)):
            self.words.drawOn(canv, *words_at)


def _per_row(choices: tuple[str, ...], width: float, beside: float, size: float) -> int:
    """How many answers go side by side: as many as fit (up to six) with no word of
    any answer broken and no answer over two lines."""
    longest = max((stringWidth(w, fonts.REGULAR, size) for c in choices for w in c.split()),
                  default=0.0)
    for n in range(min(len(choices), 6), 1, -1):
        room = width / n - beside
        if longest <= room and all(stringWidth(c, fonts.REGULAR, size) <= 2 * room * 0.9
                                   for c in choices):
            return n
    return 1


class _FormDoc(BaseDocTemplate):
    """One frame per page that tags what it places (see tagging.py)."""

    def __init__(self, out: io.BytesIO, **kw: object) -> None:
        super().__init__(out, **kw)
        self.tagger = Tagger()
        frame = TaggedFrame(self.leftMargin, self.bottomMargin, self.width, self.height,
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                            id="body")
        self.addPageTemplates([PageTemplate("body", [frame])])

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        canv: Canvas = self.canv
        canv.tagger = self.tagger
        canv.setViewerPreference("DisplayDocTitle", "true")


def write_pdf(q: Questionnaire, path: Path, *, school: str = "", large_print: bool = False) -> None:
    """Write the questionnaire as a tagged PDF at `path`."""
    save_bytes(path, pdf_bytes(q, school=school, large_print=large_print), "the survey form",
               advice=IF_IN_A_PDF_VIEWER)


def pdf_bytes(q: Questionnaire, *, school: str = "", large_print: bool = False) -> bytes:
    fonts.register()
    size = 16.0 if large_print or q.easy_read else 11.5
    if large_print and q.easy_read:
        size = 20.0
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.35,
                          textColor=INK)
    small = ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 1.15)
    # the style names "title" and "h2" make the headings' tags (tagging.role_of)
    title = ParagraphStyle("title", parent=body, fontName=fonts.BOLD, fontSize=size * 1.6,
                           leading=size * 2.0, textColor=ACCENT, spaceAfter=size * 0.4)
    qstyle = ParagraphStyle("h2", parent=body, fontName=fonts.BOLD, spaceBefore=size * 0.9,
                            spaceAfter=size * 0.35)
    centred = ParagraphStyle("centred", parent=body, alignment=1)
    width = A4[0] - 40 * mm
    story: list[Any] = [Paragraph(_esc(q.title), title)]
    if school:
        story.append(Paragraph(_esc(school), small))
    story += [Spacer(1, size * 0.4), Paragraph(_esc(q.intro), body)]
    number = 0
    for x in q.questions:
        number += 1
        block: list[Any] = [Paragraph(f"{number}. {_esc(x.text)}", qstyle)]
        if x.kind == "choice" and q.easy_read:
            moods = {0: 1, 1: 0, 2: -1}
            pic = size * 3.2
            cells = [[Answer(Paragraph(_esc(c), centred), face(moods.get(i, 0), pic),
                             face=FACE_WORDS[moods.get(i, 0)], gap=size * 0.4)
                      for i, c in enumerate(x.choices)]]
            t = Table(cells, colWidths=[pic + size * 2] * len(x.choices), hAlign="LEFT",
                      renderCB=table_callback)
            t.layout = True
            t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                   ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            block.append(t)
        elif x.kind == "choice":
            box = size * 0.95
            per_row = _per_row(x.choices, width, box + 6 + 8 + 2, size)  # gap and padding
            rows: list[list[Answer | str]] = []
            row: list[Answer | str] = []
            for c in x.choices:
                row.append(Answer(Paragraph(_esc(c), body), _box(box), gap=6))
                if len(row) == per_row:
                    rows.append(row)
                    row = []
            if row:
                rows.append(row + [""] * (per_row - len(row)))
            t = Table(rows, colWidths=[width / per_row] * per_row, hAlign="LEFT",
                      renderCB=table_callback)
            t.layout = True
            t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.3)]))
            block.append(t)
        elif x.kind == "detail":
            block.append(_lines(width * 0.5, 1, size * 1.6))
        else:
            block.append(_lines(width, 4 if not q.easy_read else 3, size * 1.8))
        story.append(KeepTogether(block))
    story += [Spacer(1, size), Paragraph("Thank you for your answers.", body)]
    out = io.BytesIO()
    subject = "Questionnaire for a SEND review"
    doc = _FormDoc(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                   topMargin=18 * mm, bottomMargin=18 * mm, title=q.title,
                   author="WSS Review Desktop", lang="en-GB", subject=subject,
                   creator="WSS Review Desktop", initialFontName=fonts.REGULAR)
    doc.build(story)
    return tagging.finish(out.getvalue(), doc.tagger, title=q.title, lang="en-GB",
                          author="WSS Review Desktop", subject=subject)
