"""Year on year: how a school's ratings moved since its earlier review, and what
became of the earlier actions.

The earlier review is the one the review links to (Review.previous_review_id);
failing that, the latest earlier review of the same framework with the same URN;
failing that, with the same school name (ignoring case and spacing). "Earlier"
means an earlier visit date, or creation date when there is no visit date.
Anonymised copies are only compared with other anonymised copies.

Area figures use the overview's rule (the median step of the rated statements,
N/A left out; see core/overview.py).

Whose view sits beside the reviewer's depends on the kind of review: where one
group answers the framework it is the school's (the trust's, the local area's)
self-evaluation; where several do, as teachers and teaching assistants in the TA
Deployment Review, each group has its own column under its own name, from its
members' answers (a statement's group rating is its median answer, halves rounded
down, as in core/gaps.py), or its one agreed rating where no one answered singly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import gaps, subject
from .errors import UserError
from .model import ActionStatus, Review, ReviewBundle
from .overview import ANONYMISED, review_date, school_rating_of, typical_step
from .workspace import Workspace

LINKED, SAME_URN, SAME_NAME = "linked", "same URN", "same school name"


@dataclass(frozen=True)
class Movement:
    """One area's typical rating then and now (steps 1-based; None when not rated)."""

    before_step: int | None
    before_label: str
    after_step: int | None
    after_label: str

    @property
    def change(self) -> int | None:
        if self.before_step is None or self.after_step is None:
            return None
        return self.after_step - self.before_step

    @property
    def direction(self) -> str:
        """"up", "down", "same", or "" when either side is not rated."""
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else "down" if change < 0 else "same"

    def text(self) -> str:
        """In words, e.g. "Developing to Established (up 1 step)"."""
        if self.before_step is None and self.after_step is None:
            return "Not rated"
        if self.before_step is None:
            return f"{self.after_label} (not rated last time)"
        if self.after_step is None:
            return f"Not rated yet (was {self.before_label})"
        change = self.change or 0
        if change == 0:
            return f"{self.after_label} (no change)"
        steps = f"{abs(change)} step{'s' if abs(change) != 1 else ''}"
        return f"{self.before_label} to {self.after_label} ({'up' if change > 0 else 'down'} {steps})"


@dataclass(frozen=True)
class AreaChange:
    area_id: str
    area_title: str
    reviewer: Movement
    school: Movement                     # the first of `groups`
    groups: tuple[Movement, ...] = ()    # one per YearOnYear.views


@dataclass(frozen=True)
class EarlierAction:
    title: str
    owner: str | None
    due: str | None
    status: str

    @property
    def done(self) -> bool:
        return self.status == ActionStatus.DONE.value


@dataclass(frozen=True)
class YearOnYear:
    review_id: str
    previous_review_id: str
    previous_date: str             # the earlier review's visit (or creation) date
    matched_by: str                # LINKED, SAME_URN or SAME_NAME
    same_framework: bool
    areas: tuple[AreaChange, ...]
    actions: tuple[EarlierAction, ...]
    # The heading of each column beside the reviewer's: ("School's view",) or, for a
    # review answered by several groups, ("Teachers' view", "Teaching assistants' view")
    views: tuple[str, ...] = ("School's view",)

    @property
    def done(self) -> list[EarlierAction]:
        return [a for a in self.actions if a.done]

    @property
    def not_done(self) -> list[EarlierAction]:
        return [a for a in self.actions if not a.done]

    def moved(self, who: str = "reviewer") -> dict[str, int]:
        """How many areas went up, down or stayed the same."""
        counts = {"up": 0, "down": 0, "same": 0}
        for area in self.areas:
            direction = getattr(area, who).direction
            if direction:
                counts[direction] += 1
        return counts


def _earlier(candidate: Review, review: Review) -> bool:
    return (review_date(candidate), candidate.created or "") < (review_date(review), review.created or "")


def find_previous(ws: Workspace, review_id: str) -> tuple[Review, str] | None:
    """The earlier review of the same school to compare with, and how it was found."""
    review = ws.review(review_id)
    if review.previous_review_id:
        linked = ws.store.get(Review, review.previous_review_id)
        if linked is not None:
            return linked, LINKED
    anonymised = review.origin == ANONYMISED
    candidates = [r for r in ws.store.records(Review)
                  if r.id != review.id and r.framework_id == review.framework_id
                  and (r.origin == ANONYMISED) == anonymised and _earlier(r, review)]
    def latest(rs: list[Review]) -> Review | None:
        return max(rs, key=lambda r: (review_date(r), r.created or "")) if rs else None

    urn = (review.urn or "").strip()
    if urn:
        found = latest([r for r in candidates if (r.urn or "").strip() == urn])
        if found is not None:
            return found, SAME_URN
    name = " ".join(review.school_name.split()).casefold()
    found = latest([r for r in candidates if " ".join(r.school_name.split()).casefold() == name])
    return (found, SAME_NAME) if found is not None else None


Steps = dict[str, tuple[int | None, str]]   # area id -> (1-based step, label)


def _possessive(label: str) -> str:
    return f"{label}' view" if label.endswith("s") else f"{label}'s view"


def views(b: ReviewBundle) -> list[tuple[str, str]]:
    """(group id, column heading) of each view beside the reviewer's ("" for the
    school's own self-evaluation)."""
    if gaps.speaks_for_school(b.framework):
        return [("", _possessive(subject.title(b.review)))]
    return [(r.id, _possessive(r.label)) for r in b.framework.respondents]


def _by_area(b: ReviewBundle, position: Callable[[str], int | None]) -> Steps:
    fw = b.framework
    out: Steps = {}
    for area in fw.areas:
        step = typical_step(position(s.id) for s in area.statements)
        out[area.id] = (None, "") if step is None else (step + 1, fw.scale.levels[step].label)
    return out


def _area_steps(b: ReviewBundle) -> tuple[Steps, list[Steps]]:
    """Area steps for the reviewer, and for each of `views(b)`."""
    fw = b.framework
    reviewer = _by_area(b, lambda i: fw.scale.position(b.judgements[i].rating)
                        if i in b.judgements else None)
    groups = views(b)
    if groups[0][0] == "":
        by_statement: dict[str, dict[str, str | None]] = {}
        for sa in b.self_assessments:
            by_statement.setdefault(sa.statement_id, {})[sa.respondent] = sa.rating
        school = _by_area(b, lambda i: fw.scale.position(school_rating_of(fw, by_statement[i]))
                          if i in by_statement else None)
        return reviewer, [school]
    medians: dict[tuple[str, str], float] = {}
    for g in gaps.compare(b).statements:
        for f in g.groups:
            if f.median is not None:
                medians[(f.group, g.statement_id)] = f.median
    out = []
    for group, _ in groups:
        def position(sid: str, group: str = group) -> int | None:
            median = medians.get((group, sid))
            return None if median is None else int(median) - 1
        out.append(_by_area(b, position))
    return reviewer, out


def compare(current: ReviewBundle, previous: ReviewBundle, matched_by: str) -> YearOnYear:
    """The comparison itself, from two bundles (no database reads)."""
    same_framework = current.framework.id == previous.framework.id
    areas: list[AreaChange] = []
    headings = tuple(label for _, label in views(current))
    if same_framework and current.framework.scale.rated:
        now_r, now_g = _area_steps(current)
        then_r, then_g = _area_steps(previous)
        earlier_ids = {a.id for a in previous.framework.areas}
        for area in current.framework.areas:
            if area.id not in current.scope_area_ids() or area.id not in earlier_ids:
                continue
            moved = tuple(Movement(*then[area.id], *now[area.id])
                          for then, now in zip(then_g, now_g))
            areas.append(AreaChange(
                area.id, area.title,
                reviewer=Movement(*then_r[area.id], *now_r[area.id]),
                school=moved[0], groups=moved))
    ordered = sorted(previous.actions, key=lambda a: a.created or "")
    actions = tuple(EarlierAction(a.title, a.owner, a.due, a.status or ActionStatus.NOT_STARTED.value)
                    for a in ordered)
    return YearOnYear(review_id=current.review.id, previous_review_id=previous.review.id,
                      previous_date=review_date(previous.review), matched_by=matched_by,
                      same_framework=same_framework, areas=tuple(areas), actions=actions,
                      views=headings)


def year_on_year(ws: Workspace, review_id: str) -> YearOnYear | None:
    """The comparison with the school's earlier review, or None when there is none."""
    found = find_previous(ws, review_id)
    if found is None:
        return None
    previous, how = found
    try:
        earlier = ws.bundle(previous.id)
    except UserError:
        return None  # its framework copy has not arrived from the other device yet
    return compare(ws.bundle(review_id), earlier, how)


__all__ = ["AreaChange", "EarlierAction", "LINKED", "Movement", "SAME_NAME", "SAME_URN",
           "YearOnYear", "compare", "find_previous", "views", "year_on_year"]
