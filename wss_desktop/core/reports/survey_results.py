"""What the surveys said, for the full report: per survey, how many answered, a chart
of each question's answers (with the same counts in a table beside it, so nothing
rests on the picture alone), some of the comments, and the statements it informs."""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import surveys
from ..model import Survey
from . import fonts
from .blocks import FRAME_W, Context
from .text import plural, uk_date

# From strongest agreement to strongest disagreement, then grey for "don't know" and
# no answer; lightness steps so the order reads in greyscale too.
_PALETTE = ("#1b5e3b", "#4f9a6b", "#d9a441", "#a3412b", "#5c2a6e", "#8c8c8c", "#c8c8c8")
_SOURCES = {"microsoft-forms": "a Microsoft Forms export", "google-forms": "a Google Forms export",
            "xlsx": "the survey spreadsheet", "paper": "paper forms typed in"}

CHART_AXIS = "Number of answers"


def _colours(choices: list[str]) -> list[colors.Color]:
    out = []
    rated = [c for c in choices if c != surveys.NO_ANSWER and not c.casefold().startswith(("don", "i don", "not applicable"))]
    for c in choices:
        if c == surveys.NO_ANSWER:
            out.append(colors.HexColor(_PALETTE[-1]))
        elif c in rated:
            i = rated.index(c)
            step = 0 if len(rated) == 1 else round(i * 4 / (len(rated) - 1))
            out.append(colors.HexColor(_PALETTE[min(step, 4)]))
        else:
            out.append(colors.HexColor(_PALETTE[5]))
    return out


def answers_chart(ctx: Context, dists: list[surveys.Distribution]) -> Drawing | None:
    """One stacked bar per question: how many gave each answer."""
    if not dists:
        return None
    choices = [c for c, _ in dists[0].counts]
    if any([c for c, _ in d.counts] != choices for d in dists):
        return None
    fs = 14.0 if ctx.large else 9.0
    bar = fs * 1.5
    plot_h = len(dists) * bar * 1.6
    # Lay the legend out first, so that its height is known before the chart is placed.
    places, x, row = [], fs * 4, 0
    for c in choices:
        w = fs * 1.4 + stringWidth(c, fonts.REGULAR, fs) + fs * 1.5
        if x + w > FRAME_W:
            x, row = fs * 4, row + 1
        places.append((x, row))
        x += w
    legend_h = fs * 1.8 * (row + 1)
    axis_h = fs * 3.2
    height = plot_h + legend_h + axis_h
    d = Drawing(FRAME_W, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = fs * 4, axis_h
    chart.width = FRAME_W - fs * 6
    chart.height = plot_h
    chart.data = [[dict(x.counts)[c] for x in dists] for c in choices]
    chart.categoryAxis.categoryNames = [f"Q{i}" for i in range(1, len(dists) + 1)]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = fs
    chart.valueAxis.valueMin = 0
    total = max(sum(n for _, n in x.counts) for x in dists)
    chart.valueAxis.valueMax = total
    chart.valueAxis.valueStep = max(1, round(total / 6))
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = fs
    chart.barWidth = bar
    chart.bars.strokeColor = colors.white
    for i, colour in enumerate(_colours(choices)):
        chart.bars[i].fillColor = colour
    d.add(chart)
    d.add(String(chart.x + chart.width / 2, fs * 0.4, CHART_AXIS, fontName=fonts.REGULAR,
                 fontSize=fs, textAnchor="middle"))
    for c, colour, (x, row) in zip(choices, _colours(choices), places):
        y = height - fs * 1.3 - row * fs * 1.8
        d.add(Rect(x, y, fs, fs * 0.8, fillColor=colour, strokeColor=None))
        d.add(String(x + fs * 1.4, y + fs * 0.05, c, fontName=fonts.REGULAR, fontSize=fs))
    return d


def _survey(ctx: Context, s: Survey, ref: str) -> list[Flowable]:
    b = ctx.bundle
    questions, responses = surveys.stored(s)
    label = surveys.group_label(s.group_id, b.framework)
    n = len(responses)
    out: list[Flowable] = [ctx.heading(f"{label}: {s.title} ({ref})", 1)]
    when = next((e.date for e in b.evidence if e.id == s.evidence_id), None)
    linked = b.statements_of(s.evidence_id) if s.evidence_id else []
    intro = (f"{plural(n, 'response')}, from {_SOURCES.get(s.source or '', 'a returns file')}"
             f"{', imported on ' + uk_date(when) if when else ''}. No names were kept")
    intro += (f" ({plural(s.names_removed, 'name')} taken out of the comments)."
              if s.names_removed else ".")
    if linked:
        intro += f" It informs statement{'s' if len(linked) > 1 else ''} {', '.join(linked)}."
    out.append(ctx.p(intro))
    dists = surveys.distributions(questions, responses)
    if dists:
        chart = answers_chart(ctx, dists)
        if chart is not None:
            out.append(chart)
        choices = [c for c, _ in dists[0].counts]
        same = all([c for c, _ in d.counts] == choices for d in dists)
        if same:
            rows = [[f"Q{i} {d.question.text}", *[str(k) for _, k in d.counts]]
                    for i, d in enumerate(dists, 1)]
            out.append(ctx.table(["Question", *choices], rows, [1.6] + [1] * len(choices)))
        else:
            for i, d in enumerate(dists, 1):
                out.append(ctx.p(f"Q{i} {d.question.text}: " + ", ".join(
                    f"{c} {k}" for c, k in d.counts if k) + "."))
    for x, said in surveys.comments(questions, responses):
        if not said:
            continue
        out.append(ctx.heading(f"{x.text} ({plural(len(said), 'comment')})", 2, reserve_lines=3))
        distinct = Counter(said)
        for quote, times in distinct.most_common(6):
            again = f" ({times} people said this)" if times > 1 else ""
            out.append(ctx.m(ctx.esc(f"\u201c{quote}\u201d{again}"), "quote"))
        if len(distinct) > 6:
            out.append(ctx.p(f"And {plural(len(distinct) - 6, 'other comment')}, kept with the "
                             f"review.", "small"))
    return out


def surveys_section(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    refs = b.evidence_refs()
    out: list[Flowable] = [ctx.p(
        "The school handed out questionnaires before the visit. Each survey below is cited "
        "in the findings like any other evidence, by its reference; answers were anonymous.")]
    order = list(surveys.GROUP_LABELS)
    for s in sorted(b.surveys, key=lambda s: (order.index(s.group_id) if s.group_id in order
                                              else 99, refs.get(s.evidence_id or "", ""))):
        ref = refs.get(s.evidence_id or "", "")
        ctx.progress(f"Writing the survey {ref}")
        out += _survey(ctx, s, ref)
    return out
