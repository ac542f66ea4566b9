"""Year on year: how a school's ratings moved since its earlier review, and what
became of the earlier actions.

The earlier review is the one the review links to (Review.previous_review_id);
failing that, the latest earlier review of the same framework with the same URN;
failing that, with the same school name (ignoring case and spacing). "Earlier"
means an earlier visit date, or creation date when there is no visit date.
Anonymised copies are only compared with other anonymised copies.

Area figures use the overview's rule (the median step of the rated statements,
N/A left out; see core/overview.py).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    school: Movement


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


def _area_steps(b: ReviewBundle) -> tuple[dict[str, tuple[int | None, str]], dict[str, tuple[int | None, str]]]:
    """Area id -> (1-based step, label), for the reviewer and for the school."""
    fw = b.framework
    by_statement: dict[str, dict[str, str | None]] = {}
    for sa in b.self_assessments:
        by_statement.setdefault(sa.statement_id, {})[sa.respondent] = sa.rating
    reviewer: dict[str, tuple[int | None, str]] = {}
    school: dict[str, tuple[int | None, str]] = {}
    for area in fw.areas:
        ids = [s.id for s in area.statements]
        r = typical_step(fw.scale.position(b.judgements[i].rating) for i in ids if i in b.judgements)
        s = typical_step(fw.scale.position(school_rating_of(fw, by_statement[i]))
                         for i in ids if i in by_statement)
        reviewer[area.id] = (None, "") if r is None else (r + 1, fw.scale.levels[r].label)
        school[area.id] = (None, "") if s is None else (s + 1, fw.scale.levels[s].label)
    return reviewer, school


def compare(current: ReviewBundle, previous: ReviewBundle, matched_by: str) -> YearOnYear:
    """The comparison itself, from two bundles (no database reads)."""
    same_framework = current.framework.id == previous.framework.id
    areas: list[AreaChange] = []
    if same_framework and current.framework.scale.rated:
        now_r, now_s = _area_steps(current)
        then_r, then_s = _area_steps(previous)
        earlier_ids = {a.id for a in previous.framework.areas}
        for area in current.framework.areas:
            if area.id not in current.scope_area_ids() or area.id not in earlier_ids:
                continue
            areas.append(AreaChange(
                area.id, area.title,
                reviewer=Movement(*then_r[area.id], *now_r[area.id]),
                school=Movement(*then_s[area.id], *now_s[area.id])))
    ordered = sorted(previous.actions, key=lambda a: a.created or "")
    actions = tuple(EarlierAction(a.title, a.owner, a.due, a.status or ActionStatus.NOT_STARTED.value)
                    for a in ordered)
    return YearOnYear(review_id=current.review.id, previous_review_id=previous.review.id,
                      previous_date=review_date(previous.review), matched_by=matched_by,
                      same_framework=same_framework, areas=tuple(areas), actions=actions)


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
           "YearOnYear", "compare", "find_previous", "year_on_year"]
