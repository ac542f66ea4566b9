"""The school's self-evaluation summary, written for a SENCO working in-house.

It shows only the school's own view (never the reviewer's), so it can be shared with
leaders and governors, or sent to a reviewer before a visit.
"""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable

from .. import subject
from ..frameworks import NA_KEY
from ..model import ReviewBundle, Stage
from . import content as c
from .blocks import SCHOOL_SERIES, Context, cover
from . import survey_sections as voices
from .common import labelled, scale_table, school_table, snapshot_table
from .full import area_heading
from .options import SECTIONS, ReportKind
from .rubric import all_levels
from .text import join_words, plural, uk_date

TITLE = "Self-evaluation summary"

NOTE = ("This summary records the school's own view of its provision for pupils with SEND, "
        "statement by statement, with where the evidence can be found. It is a starting "
        "point for reflection and for conversations with leaders, governors and any "
        "reviewer, not a judgement.")


def story(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    stage = b.stages.get(Stage.SELF_EVALUATION)
    respondents = join_words([r.label for r in b.framework.respondents])
    details = [("Completed by", respondents),
               ("Framework", f"{b.framework.name} (version {b.framework.version})"),
               ("Started", uk_date(stage.started, "") if stage and stage.started else ""),
               ("Completed", uk_date(stage.completed, "") if stage and stage.completed else ""),
               ("Report date", uk_date(ctx.today))]
    out = cover(ctx, TITLE, details, _note(b))
    builders = {"about": _about, "overview": _overview, "statements": _statements,
                "next-steps": _next_steps}
    for sid, heading in SECTIONS[ReportKind.SELF_EVALUATION]:
        if ctx.options.includes(sid):
            ctx.progress(f"Writing \u201c{heading}\u201d")
            out += ctx.section(heading)
            out += builders[sid](ctx)
    return out


def _about(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    fw = b.framework
    out: list[Flowable] = [ctx.p(_note(b))]
    stage = b.stages.get(Stage.SELF_EVALUATION)
    if stage and stage.notes.strip():
        out.append(ctx.heading("How it was done", 1))
        out += ctx.rich(stage.notes)
    out.append(ctx.heading(subject.noun(b.review, capital=True), 1))
    out += school_table(ctx) + [ctx.gap(0.5)] + snapshot_table(ctx)
    if fw.scale.rated:
        out.append(ctx.keep([ctx.heading("The rating scale", 1), scale_table(ctx)]))
    return out


def _note(b: ReviewBundle) -> str:
    """NOTE, naming the trust or local area where the review is not of one school."""
    return NOTE.replace("the school's", f"{subject.noun(b.review)}\u2019s") if subject.is_group(b.review) else NOTE


def _overview(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    fw = b.framework
    scale = fw.scale
    if not scale.rated:
        return [ctx.p(f"{fw.name} has no rating scale; the statements below carry the "
                      f"school's comments instead.")]
    areas = c.areas_in_scope(b)
    counts = {a.id: Counter(c.school_rating(b, s.id) for s in a.statements) for a in areas}
    keys: list[tuple[str, str | None]] = [(lv.label, lv.key) for lv in scale.levels]
    if scale.allow_na:
        keys.append((scale.na_label, NA_KEY))
    keys.append(("Not yet rated", None))
    rows = [[label] + [str(counts[a.id].get(key, 0)) for a in areas] for label, key in keys]
    header = ["Rating"] + [f"Area {a.id}" if len(a.id) <= 4 else a.id for a in areas]
    out: list[Flowable] = [
        ctx.p(f"How many statements in each area {subject.noun(b.review)} gave each rating."),
        ctx.table(header, rows, [2.4] + [1.0] * len(areas)),
        ctx.p("Areas: " + "; ".join(f"{a.id} {a.title}" for a in areas) + ".", "small")]
    chart_rows = [(area.id, [c.typical(b, [c.school_rating(b, s.id) for s in area.statements])])
                  for area in c.areas_in_scope(b)]
    chart = ctx.ratings_chart(chart_rows, [(SCHOOL_SERIES[0], voices.typical_label(b))])
    if chart is not None:
        out += [ctx.gap(), chart,
                ctx.p("The chart shows the middle rating of each area's statements; a "
                      "missing bar means the area has no ratings yet.", "small")]
    return out


def _statements(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    fw = b.framework
    out: list[Flowable] = []
    for n, area in enumerate(c.areas_in_scope(b)):
        if n:
            out.append(ctx.area_break())
        out.append(ctx.heading(area_heading(area.id, area.title), 1))
        for s in area.statements:
            head = ctx.heading(f"{s.id}\u2002{s.text}", 2, reserve_lines=4)
            body: list[Flowable] = []
            answered = False
            for resp in fw.respondents:
                sa = b.self_assessment(s.id, resp.id)
                who = "" if len(fw.respondents) == 1 else f" ({resp.label})"
                if sa is None:
                    continue
                answered = True
                if fw.scale.rated:
                    body.append(ctx.m(f"<b>Rating{ctx.esc(who)}:</b> "
                                      f"{ctx.esc(c.rating_text(b, sa.rating))}", "statement_body"))
                body += labelled(ctx, f"Comment{who}:", sa.comment)
                where = labelled(ctx, "Where the evidence is:", sa.evidence_note)
                body = ctx.keep_tail(body + where, len(where)) if len(where) == 1 else body + where
            groups = voices.group_lines(ctx, s.id)
            body += groups
            if not answered and not groups:
                body.append(ctx.p("Not yet self-evaluated.", "statement_body"))
            body += all_levels(ctx, fw, s, _whose_rating(b, s.id))
            out += [head] + body
    return out


def _whose_rating(b: ReviewBundle, statement_id: str) -> dict[str, list[str]]:
    """Level key -> the groups who chose it ("the school's rating")."""
    out: dict[str, list[str]] = {}
    for resp in b.framework.respondents:
        sa = b.self_assessment(statement_id, resp.id)
        if sa is not None and sa.rating:
            who = subject.noun(b.review) if len(b.framework.respondents) == 1 else resp.label
            out.setdefault(sa.rating, []).append(f"{who}\u2019s rating")
    return out


def _next_steps(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    edited = (ctx.options.paragraphs.get("next_steps") or "").strip()
    if edited:
        return ctx.rich(edited)
    scale = b.framework.scale
    statements = c.statements_in_scope(b)
    todo = [s.id for s in statements if c.school_rating(b, s.id) is None
            and not ((sa := b.self_assessment(s.id)) and sa.comment.strip())]
    out: list[Flowable] = []
    if todo:
        out.append(ctx.p(f"{plural(len(todo), 'statement is', 'statements are')} still to be "
                         f"self-evaluated: {', '.join(todo)}."))
    if scale.rated:
        rated = [(p, s) for s in statements
                 if (p := scale.position(c.school_rating(b, s.id))) is not None]
        if rated:
            low = min(p for p, _ in rated)
            lowest = [s for p, s in rated if p == low]
            out.append(ctx.p(f"The statements {subject.noun(b.review)} rated lowest "
                             f"({scale.levels[low].label.lower()}) are natural places to start "
                             f"when choosing priorities:"))
            out += ctx.bullets([ctx.esc(f"{s.id} {s.text}") for s in lowest[:8]])
    out.append(ctx.p("Talk the ratings through with a colleague or reviewer: agreeing what "
                     "the evidence shows matters more than the rating itself."))
    return out
