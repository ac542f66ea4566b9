"""The report's many voices: respondent groups side by side, what surveys said, and
the school's data in depth.

The full report calls in here for sections of its own ("groups", "surveys", "data",
each left out when the review has nothing for it) and for how it names the school's
side of each rating: "School's self-evaluation" only where the school alone answers
the framework; each group by its own name otherwise (Teachers, Teaching assistants).
"""

from __future__ import annotations

from typing import Any, Callable

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .. import gaps, subject
from ..model import ReviewBundle
from .blocks import Context
from .text import join_words, plural

# One colour per respondent group after the first (which keeps the school's colour);
# they differ in lightness as well as hue so that the bars read in greyscale too.
GROUP_COLOURS = (colors.HexColor("#b35900"), colors.HexColor("#2e7d4f"),
                 colors.HexColor("#7a3b8f"), colors.HexColor("#8a6d00"))


_last: list[Any] = []   # (bundle, comparison) of the report being written


def _comparison(b: ReviewBundle) -> gaps.Comparison:
    """Worked out once per report, although every statement asks."""
    if not _last or _last[0] is not b:
        _last[:] = [b, gaps.compare(b)]
    comparison: gaps.Comparison = _last[1]
    return comparison


def _groups(b: ReviewBundle) -> list[tuple[str, str]]:
    return [(g, label) for g, label, _ in _comparison(b).groups]


def rater_words(b: ReviewBundle) -> str:
    """Who rated the statements besides the reviewers, for "Both ... and the reviewers"."""
    if gaps.speaks_for_school(b.framework):
        return subject.noun(b.review)
    return join_words([gaps.in_sentence(label) for _, label in _groups(b)])


def school_series(b: ReviewBundle, school: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    if gaps.speaks_for_school(b.framework):
        return [school]
    return [(GROUP_COLOURS[i % len(GROUP_COLOURS)], f"{label} (middle answer)")
            for i, (_, label) in enumerate(_groups(b))]


def school_keys(b: ReviewBundle, statement_id: str, school_key: str | None) -> list[str | None]:
    if gaps.speaks_for_school(b.framework):
        return [school_key]
    c = _comparison(b)
    found = c.of(statement_id)
    by_group = {f.group: f for f in (found.groups if found else ())}
    return [gaps.group_key(b.framework.scale, by_group[g].median) if g in by_group else None
            for g, _, _ in c.groups]


def school_parts(b: ReviewBundle, statement_id: str, school_text: str) -> list[tuple[str, str]]:
    """The school's side of one statement's ratings: (who, what they said) for the
    school's self-evaluation, or for each group ("Teachers", "7 (middle of 12 ...)")."""
    if gaps.speaks_for_school(b.framework):
        return [(f"{subject.title(b.review)}\u2019s self-evaluation", school_text)]
    found = _comparison(b).of(statement_id)
    by_group = {f.group: f for f in (found.groups if found else ())}
    return [(label, gaps.summary_text(b, by_group[g]) if g in by_group else "Not yet rated")
            for g, label in _groups(b)]


def school_markup(ctx: Context, statement_id: str, school_text: str) -> str:
    """The school's side of one statement's ratings, as markup."""
    return "\u2003\u00b7\u2003".join(
        f"<b>{ctx.esc(who)}:</b> {ctx.esc(said)}"
        for who, said in school_parts(ctx.bundle, statement_id, school_text))


def chart_series(b: ReviewBundle, school: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """school_series with each colour as (red, green, blue) from 0 to 255 (for Word)."""
    def rgb(colour: object) -> object:
        if isinstance(colour, colors.Color):
            return tuple(round(v * 255) for v in (colour.red, colour.green, colour.blue))
        return colour
    return [(rgb(colour), label) for colour, label in school_series(b, school)]


def typical_label(b: ReviewBundle) -> str:
    """Whose typical rating per area a self-evaluation shows: the school's (the trust's),
    or, where several groups answer, the first group's agreed ratings."""
    fw = b.framework
    if gaps.speaks_for_school(fw) or not fw.respondents:
        return f"{subject.title(b.review)}\u2019s typical rating for the area"
    label = fw.respondents[0].label
    return f"{label}\u2019 typical rating for the area" if label.endswith("s") else \
        f"{label}\u2019s typical rating for the area"


def area_views(b: ReviewBundle) -> list[tuple[str, Callable[[list[str]], str]]]:
    """(column heading, ratings of a list of statements -> text) for the school's side of
    an at-a-glance table: the school's view, or each group's middle answer."""
    from . import content as c
    if gaps.speaks_for_school(b.framework):
        return [("School\u2019s view",
                 lambda ids: c.rating_text(b, c.typical(b, [c.school_rating(b, i) for i in ids])))]
    comparison = _comparison(b)
    scale = b.framework.scale

    def of_group(group: str) -> Callable[[list[str]], str]:
        def text(ids: list[str]) -> str:
            keys = []
            for sid in ids:
                found = comparison.of(sid)
                f = next((f for f in (found.groups if found else ()) if f.group == group), None)
                keys.append(gaps.group_key(scale, f.median) if f else None)
            return c.rating_text(b, c.typical(b, keys))
        return text
    return [(f"{label}\u2019 view" if label.endswith("s") else f"{label}\u2019s view", of_group(g))
            for g, label, _ in comparison.groups]


def group_lines(ctx: Context, statement_id: str) -> list[Flowable]:
    """Each group's middle answer for one statement, for frameworks answered by several
    groups (nothing for a framework the school alone answers)."""
    b = ctx.bundle
    if gaps.speaks_for_school(b.framework):
        return []
    found = _comparison(b).of(statement_id)
    if found is None:
        return []
    return [ctx.m(f"<b>{ctx.esc(f.label)}:</b> {ctx.esc(gaps.summary_text(b, f))}", "statement_body")
            for f in found.groups if not f.agreed_only]


def findings_intro(b: ReviewBundle) -> str | None:
    if gaps.speaks_for_school(b.framework):
        return None
    return (f"For each area, the chart compares the middle answer of each group "
            f"({join_words([gaps.in_sentence(label) for _, label in _groups(b)])}) with the "
            f"reviewer's rating of each statement. Beneath it, each statement has every "
            f"group's answers, the reviewer's findings and the evidence they rest on.")


# --- sections ----------------------------------------------------------------------

def applies(ctx: Context, section: str) -> bool:
    """False for one of these sections when the review has nothing to put in it."""
    if section == "groups":
        return _comparison(ctx.bundle).compared
    if section == "surveys":
        return bool(ctx.bundle.surveys)
    if section == "data":
        return bool(ctx.bundle.school_figures)
    if section == "verbal-feedback":
        v = ctx.bundle.verbal_feedback
        return v is not None and any((v.said.strip(), v.agreed.strip(), v.present.strip()))
    return True


def _groups_section(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    c = _comparison(b)
    scale = b.framework.scale
    labels = [label for _, label, people in c.groups if people]
    out: list[Flowable] = [ctx.heading(f"{join_words([labels[0]] + [gaps.in_sentence(x) for x in labels[1:]])} side by side", 1)]
    people = join_words([f"{plural(n, 'answer sheet')} from {gaps.in_sentence(label)}"
                         for _, label, n in c.groups if n])
    out.append(ctx.p(
        f"Each group answered the same statements on the {scale.name.lower()} scale, each "
        f"person separately ({people}). For each statement the table gives each group's "
        f"middle answer, the lowest and highest answers, and the gap between the groups. The "
        f"statements where the groups are furthest apart come first: those gaps are the best "
        f"starting points for the conversation."))
    widest = next((g for g in c.statements if g.gap), None)
    if widest is not None:
        out.append(ctx.p(gaps.describe(b, widest, widest=True)))
    shown = [g for g in c.statements if g.groups]
    top = [g for g in shown if g.gap][:8]
    if top:
        chart_rows = [(g.statement_id, school_keys(b, g.statement_id, None)) for g in top]
        chart = ctx.ratings_chart(chart_rows, school_series(b, ("", "")))
        if chart is not None:
            out += [chart, ctx.p("The chart shows the statements with the widest gaps, each "
                                 "bar a group's middle answer (halves rounded down); the table "
                                 "below gives the exact figures.", "small")]
    header = ["Statement"] + [label for _, label, n in c.groups if n] + ["Gap"]
    groups_shown = [g for g, _, n in c.groups if n]
    rows = []
    for g in shown:
        by_group = {f.group: f for f in g.groups}
        rows.append([f"{g.statement_id} {g.text}"]
                    + [gaps.summary_text(b, by_group[x]) if x in by_group else "No answers"
                       for x in groups_shown]
                    + ["" if g.gap is None else f"{g.gap:g}"])
    out.append(ctx.table(header, rows, [3.4] + [1.7] * len(groups_shown) + [0.7]))
    return out


def _surveys_section(ctx: Context) -> list[Flowable]:
    from .survey_results import surveys_section
    return surveys_section(ctx)


def _data_section(ctx: Context) -> list[Flowable]:
    from .school_data_report import data_section
    return data_section(ctx)


def _verbal_feedback_section(ctx: Context) -> list[Flowable]:
    from .text import uk_date
    v = ctx.bundle.verbal_feedback
    assert v is not None
    who = " by " + v.given_by if v.given_by else ""
    when = " on " + uk_date(v.date) if v.date else ""
    out: list[Flowable] = [ctx.p(f"Feedback was given in person at the end of the visit{when}{who}. "
                                 f"This is the record of it; the findings above are the full account.")]
    for title, text in (("Who was there", v.present), ("What was said", v.said),
                        ("What was agreed", v.agreed)):
        if text.strip():
            out.append(ctx.heading(title, 1, reserve_lines=3))
            out += ctx.rich(text)
    return out


BUILDERS = {"groups": _groups_section, "surveys": _surveys_section, "data": _data_section,
            "verbal-feedback": _verbal_feedback_section}
