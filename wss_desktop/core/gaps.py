"""Respondent groups compared: where teachers and teaching assistants (or the school
and its governors, staff and parents) see the same statement differently.

Each group has many individual answers (RespondentAnswers, one per person). Per
statement we take each group's median and spread, and the gap between the highest
and lowest group medians; the statements where groups are furthest apart come
first, because in the TA Deployment Review that gap is the finding. A group that
has only its agreed rating (one SelfAssessment row) counts as one answer.

Pure functions over a ReviewBundle: the command line, the desktop screen, the
consistency check and the reports all read the same figures from here.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .frameworks import NA_KEY, Framework, Scale
from .model import ReviewBundle

# Groups a review can hear from besides the framework's own respondents, so that a
# framework answered by "the school" can still compare, say, staff with governors.
EXTRA_GROUPS: dict[str, str] = {
    "school": "The school",
    "leaders": "Senior leaders",
    "governors": "Governors",
    "staff": "Staff",
    "teacher": "Teachers",
    "ta": "Teaching assistants",
    "parents": "Parents and carers",
    "pupils": "Pupils",
}


def group_ids(fw: Framework) -> list[str]:
    """Every group that may answer this framework's statements, its own first."""
    return list(dict.fromkeys([r.id for r in fw.respondents] + list(EXTRA_GROUPS)))


def group_label(fw: Framework, group: str) -> str:
    for r in fw.respondents:
        if r.id == group:
            return r.label
    return EXTRA_GROUPS.get(group, group)


def in_sentence(label: str) -> str:
    """A group's label inside a sentence ("teaching assistants", but "TAs" kept)."""
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def check_sheet(fw: Framework, sheet: dict[str, str], n: int) -> dict[str, str]:
    """One person's answers with each rating turned into a scale key; a sentence
    saying which answer is wrong otherwise."""
    out: dict[str, str] = {}
    for sid, given in sheet.items():
        try:
            fw.statement(sid)
        except KeyError:
            raise InputError(f"Answer sheet {n} answers '{sid}', which is not a statement of "
                             f"{fw.name}.") from None
        if given in (None, ""):
            continue
        try:
            out[sid] = fw.scale.resolve(str(given))
        except ValueError as exc:
            raise InputError(f"Answer sheet {n}, statement {sid}: {exc}") from None
    return out


# --- figures ---------------------------------------------------------------------------

def numeric(scale: Scale) -> bool:
    """True when the scale's labels are its step numbers (1 to 10), so a median can be
    said as a number ("7", "6.5") rather than as a label."""
    return bool(scale.levels) and all(lv.label.strip() == str(i)
                                      for i, lv in enumerate(scale.levels, 1))


def value_text(scale: Scale, step: float | None) -> str:
    """A median on the scale, in the scale's own words."""
    if step is None:
        return "no answers"
    if numeric(scale):
        return f"{step:g}"
    low = scale.levels[int(step) - 1].label
    if step == int(step):
        return low
    return f"between {low} and {scale.levels[int(step)].label}"


@dataclass(frozen=True)
class GroupFigures:
    group: str
    label: str
    count: int                  # rated answers (N/A left out)
    not_applicable: int
    median: float | None        # 1-based step on the scale
    lowest: int | None
    highest: int | None
    counts: tuple[int, ...]     # answers per step, in scale order
    agreed_only: bool = False   # only the group's one agreed rating was there

    def to_json(self, scale: Scale) -> dict[str, Any]:
        return {"group": self.group, "label": self.label, "count": self.count,
                "not_applicable": self.not_applicable, "median": self.median,
                "median_text": value_text(scale, self.median),
                "lowest": None if self.lowest is None else scale.levels[self.lowest - 1].label,
                "highest": None if self.highest is None else scale.levels[self.highest - 1].label,
                "counts": {lv.key: n for lv, n in zip(scale.levels, self.counts)},
                "agreed_rating_only": self.agreed_only}


@dataclass(frozen=True)
class StatementGap:
    statement_id: str
    area_id: str
    text: str
    groups: tuple[GroupFigures, ...]
    gap: float | None           # highest group median minus lowest; None with under two groups

    def widest_pair(self) -> tuple[GroupFigures, GroupFigures] | None:
        rated = [g for g in self.groups if g.median is not None]
        if len(rated) < 2:
            return None
        hi = max(rated, key=lambda g: g.median)  # type: ignore[arg-type, return-value]
        lo = min(rated, key=lambda g: g.median)  # type: ignore[arg-type, return-value]
        return hi, lo


@dataclass
class Comparison:
    groups: list[tuple[str, str, int]]          # (id, label, people) in display order
    statements: list[StatementGap] = field(default_factory=list)   # widest gap first

    @property
    def compared(self) -> bool:
        return sum(1 for _, _, people in self.groups if people) >= 2

    def of(self, statement_id: str) -> StatementGap | None:
        for g in self.statements:
            if g.statement_id == statement_id:
                return g
        return None


def _figures(scale: Scale, group: str, label: str, keys: list[str], agreed: bool) -> GroupFigures:
    steps = sorted(p + 1 for p in (scale.position(k) for k in keys) if p is not None)
    counts = [0] * len(scale.levels)
    for s in steps:
        counts[s - 1] += 1
    median = statistics.median(steps) if steps else None
    return GroupFigures(group, label, len(steps), sum(1 for k in keys if k == NA_KEY),
                        None if median is None else float(median),
                        steps[0] if steps else None, steps[-1] if steps else None,
                        tuple(counts), agreed)


def compare(b: ReviewBundle) -> Comparison:
    """Per statement in scope, each group's figures and the gap, widest first."""
    fw = b.framework
    scale = fw.scale
    scope = set(b.scope_area_ids())
    statements = [s for a in fw.areas if a.id in scope for s in a.statements]
    answers: dict[str, list[dict[str, str]]] = {}
    for sheet in b.respondent_answers:
        answers.setdefault(sheet.respondent, []).append(sheet.answers or {})
    agreed: dict[str, dict[str, str]] = {}
    for sa in b.self_assessments:
        if sa.rating:
            agreed.setdefault(sa.respondent, {})[sa.statement_id] = sa.rating
    order = [g for g in group_ids(fw) if g in answers or g in agreed or
             g in {r.id for r in fw.respondents}]
    order += [g for g in list(answers) + list(agreed) if g not in order]
    groups = [(g, group_label(fw, g), len(answers.get(g, [])) or (1 if g in agreed else 0))
              for g in order]
    out = Comparison(groups)
    if not scale.rated:
        return out
    for s in statements:
        figs = []
        for g, label, _ in groups:
            keys = [a[s.id] for a in answers.get(g, []) if s.id in a]
            only_agreed = not keys and s.id in agreed.get(g, {})
            if only_agreed:
                keys = [agreed[g][s.id]]
            if keys:
                figs.append(_figures(scale, g, label, keys, only_agreed))
        medians = [f.median for f in figs if f.median is not None]
        gap = max(medians) - min(medians) if len(medians) >= 2 else None
        out.statements.append(StatementGap(s.id, s.area_id, s.text, tuple(figs), gap))
    position = {s.id: i for i, s in enumerate(statements)}
    out.statements.sort(key=lambda g: (g.gap is None, -(g.gap or 0), position[g.statement_id]))
    return out


def notable_gap(scale: Scale) -> float:
    """A gap worth a second look: three steps on a ten-step scale, two on a four-step one."""
    return max(2.0, round(len(scale.levels) * 0.3))


def describe(b: ReviewBundle, g: StatementGap, *, widest: bool = False) -> str | None:
    """One sentence in the scale's own terms: "Teachers put statement 1.2 at 7 out of 10,
    teaching assistants at 3: the widest gap in the review." """
    pair = g.widest_pair()
    if pair is None or not g.gap:
        return None
    scale = b.framework.scale
    hi, lo = pair
    if numeric(scale):
        top = len(scale.levels)
        first = f"{hi.label} put statement {g.statement_id} at {value_text(scale, hi.median)} out of {top}"
        second = f"{in_sentence(lo.label)} at {value_text(scale, lo.median)}"
    else:
        first = f"{hi.label} rate statement {g.statement_id} as {value_text(scale, hi.median)}"
        second = f"{in_sentence(lo.label)} as {value_text(scale, lo.median)}"
    tail = ": the widest gap in the review" if widest else ""
    return f"{first}, {second}{tail}."


def to_json(b: ReviewBundle, comparison: Comparison | None = None) -> dict[str, Any]:
    c = comparison or compare(b)
    scale = b.framework.scale
    widest = next((g for g in c.statements if g.gap), None)
    return {
        "review": b.review.id, "framework": b.framework.id, "scale": scale.name,
        "groups": [{"group": g, "label": label, "people": people} for g, label, people in c.groups],
        "headline": describe(b, widest, widest=True) if widest else None,
        "statements": [{"statement": g.statement_id, "area": g.area_id, "text": g.text,
                        "gap": g.gap, "groups": [f.to_json(scale) for f in g.groups]}
                       for g in c.statements],
    }


# --- how reports name the school's side ------------------------------------------------

def speaks_for_school(fw: Framework) -> bool:
    """True when one group (the school) answers the framework, so "the school's
    self-evaluation" is the right name for its ratings."""
    return len(fw.respondents) <= 1


def group_key(scale: Scale, median: float | None) -> str | None:
    """The scale key nearest a group median (halves round down), for bar charts."""
    if median is None:
        return None
    return scale.levels[int(median) - 1].key


def summary_text(b: ReviewBundle, f: GroupFigures) -> str:
    """"7 (middle of 12 answers, 5 to 9)" or the agreed rating's label."""
    scale = b.framework.scale
    text = value_text(scale, f.median)
    if f.agreed_only or f.count <= 1:
        return text
    spread = ""
    if f.lowest is not None and f.highest is not None and f.lowest != f.highest:
        spread = f", {scale.levels[f.lowest - 1].label} to {scale.levels[f.highest - 1].label}"
    return f"{text} (middle of {f.count} answers{spread})"
