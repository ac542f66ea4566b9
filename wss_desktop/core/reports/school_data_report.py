"""The full report's "school's data in depth": pupils with SEND beside all pupils, by
SEN2 primary need and by year group, against dated and attributed national figures,
with a chart of the percentages (its figures are in the table beside it)."""

from __future__ import annotations

from typing import Any
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import school_data as sd
from ..model import SchoolFigure
from . import fonts
from .blocks import FRAME_W, Context

# School (dark) against national (light), SEND in blue and all pupils in orange: apart
# in lightness as well as hue.
SERIES = (("The school: pupils with SEND", colors.HexColor("#1b3a57")),
          ("The school: all pupils", colors.HexColor("#b35900")),
          ("National: pupils with SEND", colors.HexColor("#8fb3d9")),
          ("National: all pupils", colors.HexColor("#f2c28c")))
CHART_TITLE = "Percentages: the school against national figures"


def _by(b_figures: list[SchoolFigure], breakdown: str) -> dict[str, SchoolFigure]:
    return {f.measure: f for f in b_figures if f.breakdown == breakdown}


def comparison_chart(ctx: Context, whole: dict[str, SchoolFigure], national: dict[tuple[str, str], Any]) -> Drawing | None:
    measures = [m for m, (_, unit, _) in sd.MEASURES.items() if unit == "%" and m in whole]
    if not measures:
        return None
    fs = 14.0 if ctx.large else 9.0
    bar = fs * 0.9
    plot_h = len(measures) * (4 * bar + fs)
    legend_h = fs * 3.8
    axis_h = fs * 3.0
    height = plot_h + legend_h + axis_h
    d = Drawing(FRAME_W, height)
    label_w = max(stringWidth(sd.MEASURES[m][0], fonts.REGULAR, fs) for m in measures) + fs
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, axis_h
    chart.width = FRAME_W - label_w - fs * 2
    chart.height = plot_h

    def value(m: str, i: int) -> float:
        f = whole[m]
        got = [f.send, f.all_pupils, getattr(national.get((m, "send")), "value", None),
               getattr(national.get((m, "all")), "value", None)][i]
        return got or 0

    order = list(reversed(range(4)))
    chart.data = [[value(m, i) for m in measures] for i in order]
    chart.categoryAxis.categoryNames = [sd.MEASURES[m][0] for m in measures]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = fs
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 10
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = fs
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d9d9d9")
    chart.barWidth = bar
    chart.groupSpacing = fs
    chart.bars.strokeColor = None
    for n, i in enumerate(order):
        chart.bars[n].fillColor = SERIES[i][1]
    d.add(chart)
    d.add(String(chart.x + chart.width / 2, fs * 0.4, "Per cent", fontName=fonts.REGULAR,
                 fontSize=fs, textAnchor="middle"))
    for i, (text, colour) in enumerate(SERIES):
        x = label_w + (i % 2) * (chart.width / 2)
        y = height - fs * 1.3 - (i // 2) * fs * 1.6
        d.add(Rect(x, y, fs, fs * 0.8, fillColor=colour, strokeColor=None))
        d.add(String(x + fs * 1.4, y + fs * 0.05, text, fontName=fonts.REGULAR, fontSize=fs))
    return d


def data_section(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    national = b.comparators
    figures = b.school_figures
    whole = _by(figures, sd.WHOLE_SCHOOL)
    out: list[Flowable] = [ctx.p(
        "The school's figures for pupils with SEND beside those for all its pupils, and "
        "national figures for both. Each national figure is dated and says where it comes "
        "from (listed at the end of this section).")]
    if whole:
        chart = comparison_chart(ctx, whole, national)
        if chart is not None:
            out += [ctx.heading(CHART_TITLE, 1), chart]
        rows = []
        for m, (label, _unit, meaning) in sd.MEASURES.items():
            f = whole.get(m)
            if f is None:
                continue
            nat = [national.get((m, c)) for c in sd.COHORTS]
            rows.append([f"{label} ({meaning})", sd.value_text(m, f.send),
                         sd.value_text(m, f.all_pupils),
                         *[sd.value_text(m, n.value) if n else "" for n in nat]])
        out += [ctx.heading("The whole school", 1),
                ctx.table(["Measure", "Pupils with SEND", "All pupils", "National: SEND",
                           "National: all"], rows, [3.2, 1.2, 1.2, 1.2, 1.2])]
    for kind, title in (("need", "By primary need (SEN2 categories)"), ("year", "By year group")):
        parts = sorted({f.breakdown for f in figures if f.breakdown.startswith(kind + ":")},
                       key=sd.breakdown_order)
        if not parts:
            continue
        rows = []
        for part in parts:
            for m, f in sorted(_by(figures, part).items(), key=lambda x: list(sd.MEASURES).index(x[0])):
                rows.append([sd.breakdown_label(part), sd.MEASURES[m][0],
                             "" if f.pupils is None else str(f.pupils),
                             sd.value_text(m, f.send), sd.value_text(m, f.all_pupils)])
        out += [ctx.heading(title, 1),
                ctx.table(["Group", "Measure", "How many pupils with SEND", "Pupils with SEND",
                           "All pupils"], rows, [2.6, 1.6, 1.2, 1.2, 1.2])]
    used = sorted({(m, c) for f in figures for m in [f.measure] for c in sd.COHORTS
                   if (m, c) in national})
    if used:
        out.append(ctx.heading("Where the national figures come from", 1))
        out += ctx.bullets([ctx.esc(f"{sd.MEASURES[m][0]}, {sd.COHORTS[c].lower()}: "
                                    f"{sd.value_text(m, national[(m, c)].value)}. "
                                    f"{national[(m, c)].citation()}")
                            for m, c in used])
    return out
