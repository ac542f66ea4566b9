"""The summary for governors and leaders: the review on two pages at most.

It has no cover page. If the first layout runs over two pages, it is laid out again
with fewer and shorter points (the full report keeps everything), and the result
says what was shortened.
"""

from __future__ import annotations

from typing import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from . import content as c
from .blocks import CELL_FONT, FRAME_W, Context
from .common import REFLECTION_NOTE
from .full import area_heading
from .options import SECTIONS, ReportKind
from .tagging import table_callback
from .text import uk_date
from . import survey_sections as voices

TITLE = "Summary for governors and leaders"
COVER = False
MAX_PAGES = 2

# (points per list, characters per point, actions listed, characters of overview)
_LEVELS = ((6, 320, 8, 1400), (5, 220, 6, 900), (4, 160, 5, 600), (3, 120, 4, 420),
           (2, 90, 3, 300), (1, 80, 2, 200))


# Nothing left out: the large-print edition keeps every point, whatever its length.
_EVERYTHING = (10 ** 6, 10 ** 9, 10 ** 6, 10 ** 9)


def build(ctx: Context, build_story: Callable[[list[Flowable]], tuple[bytes, int]]) -> tuple[bytes, int]:
    if ctx.large:
        return build_story(story(ctx, *_EVERYTHING))
    data, pages = b"", 0
    for level, limits in enumerate(_LEVELS):
        data, pages = build_story(story(ctx, *limits))
        if pages <= MAX_PAGES:
            if level:
                ctx.warnings.append("Some points were shortened or left out so that the "
                                    "summary fits on two pages; the full report has them all.")
            return data, pages
    ctx.warnings.append(f"The summary runs to {pages} pages even when shortened (large print "
                        f"needs more room); the other pages are kept rather than cut.")
    return data, pages


def _blocks(text: str) -> list[str]:
    """A text's paragraphs and bullets (a bullet keeps its mark), each on one line."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _is_bullet(stripped):
            if current:
                blocks.append(" ".join(current))
                current = []
        if _is_bullet(stripped):
            blocks.append(stripped)
        elif stripped:
            current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    return blocks


def _is_bullet(block: str) -> bool:
    return block[:2] in ("- ", "* ") or block.startswith("\u2022")


def _split_mark(block: str) -> tuple[str, str]:
    if block.startswith("\u2022"):
        return "\u2022 ", block[1:].strip()
    if _is_bullet(block):
        return block[:2], block[2:]
    return "", block


def _trim(text: str, items: int, chars: int) -> str:
    """The first `items` paragraphs or bullets of a text, each cut to whole sentences
    (at least its first) of at most `chars` characters."""
    kept = []
    for block in _blocks(text)[:items]:
        mark, body = _split_mark(block)
        kept.append(mark + c.whole_sentences(body, chars))
    return "\n\n".join(kept)


def _whole(text: str, limit: int) -> str:
    """As much of a text as fits in about `limit` characters, in whole sentences and in
    its own paragraphs and bullets: always its first sentence, never a sentence cut."""
    kept: list[str] = []
    length = 0
    for block in _blocks(text):
        mark, body = _split_mark(block)
        said: list[str] = []
        for sentence in c.sentences(body):
            if (kept or said) and length + len(sentence) + 1 > limit:
                break
            said.append(sentence)
            length += len(sentence) + 1
        if said:
            kept.append(mark + " ".join(said))
        if len(said) < len(c.sentences(body)):
            break
    return "\n\n".join(kept)


def story(ctx: Context, points: int, chars: int, actions: int, overview: int) -> list[Flowable]:
    b = ctx.bundle
    st = ctx.styles
    paras = c.paragraphs(b, ctx.options.paragraphs)
    out: list[Flowable] = []
    logo = ctx.logo(45 * mm, 18 * mm)
    org = ctx.options.branding.organisation
    if logo is not None or org:
        cells = [logo or "", ctx.p(org, "small") if org else ""]
        t = Table([cells], colWidths=[FRAME_W * 0.45, FRAME_W * 0.55], hAlign="LEFT",
                  renderCB=table_callback)
        t.layout = True  # places the logo beside the organisation's name
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), CELL_FONT,
                               ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(t)
    out.append(ctx.heading(f"{TITLE}: {b.review.school_name}", 0))
    who = ", ".join(p.name for p in b.reviewers)
    meta = [f"Review visit {uk_date(b.review.date_visit)}" if b.review.date_visit else "",
            f"Reviewers: {who}" if who else "",
            "Checked" if ctx.options.checked else "Draft for checking"]
    out += [ctx.p(" \u00b7 ".join(m for m in meta if m), "small"), Spacer(1, st.size * 0.4)]
    titles = dict(SECTIONS[ReportKind.SUMMARY])
    if ctx.options.includes("overview"):
        out += ctx.rich(_whole(paras["overview"], overview))
    if ctx.options.includes("at-a-glance") and b.framework.scale.rated:
        out.append(ctx.heading(titles["at-a-glance"], 1))
        rows = []
        views = voices.area_views(b)
        for area in c.areas_in_scope(b):
            ids = [s.id for s in area.statements]
            rows.append([area_heading(area.id, area.title), *[text(ids) for _, text in views],
                         c.rating_text(b, c.typical(b, [c.reviewer_rating(b, i) for i in ids]))])
        out.append(ctx.table(["Area", *[head for head, _ in views], "Reviewer\u2019s view"], rows,
                             [4.2, *[1.4] * len(views), 1.4]))
        out.append(ctx.p("Each view is the middle rating of the area\u2019s statements.",
                         "small"))
    if ctx.options.includes("strengths"):
        out.append(ctx.heading(titles["strengths"], 1))
        out += ctx.rich(_trim(paras["strengths"], points, chars))
    if ctx.options.includes("development"):
        out.append(ctx.heading(titles["development"], 1))
        out += ctx.rich(_trim(paras["development"], points, chars))
    if ctx.options.includes("actions"):
        out.append(ctx.heading(titles["actions"], 1))
        numbered = c.summary_actions(b)
        if numbered:
            rows = [[ref, c.whole_sentences(a.title, chars), a.owner or "To be agreed",
                     uk_date(a.due, "To be agreed")] for ref, a in numbered[:actions]]
            out.append(ctx.table(["Ref", "Action", "Owner", "By when"], rows, [0.5, 3.4, 1.8, 1.5]))
            if len(numbered) > actions:
                out.append(ctx.p(c.further_actions(len(numbered) - actions), "small"))
        else:
            out.append(ctx.p("No actions have been agreed yet."))
    out += [Spacer(1, st.size * 0.6), ctx.p(REFLECTION_NOTE, "small")]
    return out
