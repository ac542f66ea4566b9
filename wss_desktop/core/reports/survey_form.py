"""A questionnaire printed to hand out: a PDF with a tick box for each answer.

Plain and roomy: one question at a time with its answers beside boxes, and ruled
space for comments. The easy-read pupil version prints each answer as a face (happy,
in-between, sad) with its word under it. A large-print option sets everything bigger.
The document carries its title and language like the reports do.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from ..surveys import Questionnaire
from . import fonts

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1d4f73")
FACE = colors.HexColor("#fff3c4")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def face(mood: int, size: float) -> Drawing:
    """A face: mood 1 smiles, 0 is straight, -1 is sad (drawn, so it prints anywhere)."""
    d = Drawing(size, size)
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


def _box(size: float) -> Drawing:
    d = Drawing(size, size)
    d.add(Rect(0.5, 0.5, size - 1, size - 1, fillColor=colors.white, strokeColor=INK, strokeWidth=1))
    return d


def _lines(width: float, n: int, gap: float) -> Drawing:
    d = Drawing(width, n * gap)
    for i in range(n):
        d.add(Line(0, i * gap + 1, width, i * gap + 1, strokeColor=colors.HexColor("#8a8a8a"),
                   strokeWidth=0.6))
    return d


def write_pdf(q: Questionnaire, path: Path, *, school: str = "", large_print: bool = False) -> None:
    fonts.register()
    size = 16.0 if large_print or q.easy_read else 11.5
    if large_print and q.easy_read:
        size = 20.0
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.35,
                          textColor=INK)
    small = ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 1.15)
    title = ParagraphStyle("title", parent=body, fontName=fonts.BOLD, fontSize=size * 1.6,
                           leading=size * 2.0, textColor=ACCENT, spaceAfter=size * 0.4)
    qstyle = ParagraphStyle("q", parent=body, fontName=fonts.BOLD, spaceBefore=size * 0.9,
                            spaceAfter=size * 0.35)
    centred = ParagraphStyle("centred", parent=body, alignment=1)
    width = A4[0] - 40 * mm
    story: list = [Paragraph(_esc(q.title), title)]
    if school:
        story.append(Paragraph(_esc(school), small))
    story += [Spacer(1, size * 0.4), Paragraph(_esc(q.intro), body)]
    number = 0
    for x in q.questions:
        number += 1
        block: list = [Paragraph(f"{number}. {_esc(x.text)}", qstyle)]
        if x.kind == "choice" and q.easy_read:
            moods = {0: 1, 1: 0, 2: -1}
            pic = size * 3.2
            cells = [[face(moods.get(i, 0), pic) for i in range(len(x.choices))],
                     [Paragraph(_esc(c), centred) for c in x.choices]]
            t = Table(cells, colWidths=[pic + size * 2] * len(x.choices), hAlign="LEFT")
            t.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            block.append(t)
        elif x.kind == "choice":
            box = size * 0.95
            per_row = 1 if len(x.choices) > 6 else len(x.choices)
            if per_row > 1 and sum(len(c) for c in x.choices) * size * 0.55 > width:
                per_row = (len(x.choices) + 1) // 2
            rows, row = [], []
            for c in x.choices:
                row += [_box(box), Paragraph(_esc(c), body)]
                if len(row) == per_row * 2:
                    rows.append(row)
                    row = []
            if row:
                rows.append(row + [""] * (per_row * 2 - len(row)))
            cell = (width - per_row * (box + 6)) / per_row
            t = Table(rows, colWidths=[box + 6, cell] * per_row, hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.3)]))
            block.append(t)
        elif x.kind == "detail":
            block.append(_lines(width * 0.5, 1, size * 1.6))
        else:
            block.append(_lines(width, 4 if not q.easy_read else 3, size * 1.8))
        story.append(KeepTogether(block))
    story += [Spacer(1, size), Paragraph("Thank you for your answers.", body)]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=q.title,
                            author="WSS Review Desktop", lang="en-GB",
                            subject="Questionnaire for a SEND review")
    doc.build(story)
