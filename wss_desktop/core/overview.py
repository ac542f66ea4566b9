"""The view across many reviews, for trust and local-authority SEND leads.

Every review in the database counts, including those gathered from other devices
through the shared folder (they are ordinary reviews once merged). Anonymised
copies are left out: they repeat a real review under another name.

How statement ratings become one figure per area
-------------------------------------------------
A framework's scale is a ladder of steps (Emerging, Developing, Established,
Enhanced is steps 1 to 4). For one review and one area, the *typical rating* is
the median step of the statements rated in that area, taking the lower of the two
middle steps when there is an even number (the same rule as the reports).
"Not applicable" and unrated statements are left out. The school's figure uses its
own self-evaluation (the "school" respondent, or the framework's first respondent
where several answer); the reviewer's uses the reviewer's judgements.

Only frameworks with a rated scale take part, and reviews are grouped per
framework, because steps of different scales are not comparable.

Per school, the overview shows the school's latest review of each framework
among the reviews the filters keep (latest by visit date, else by the date the
review was created); the same review supplies the self-evaluation gap and the
areas for development. Overdue actions and the school's feedback come from every
review the filters keep.

Everything here is plain data (dataclasses), so the desktop app can show it as
tables and charts and the command line can print or export it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .errors import UserError
from .files import IF_IN_A_SPREADSHEET, check_target, save_bytes, save_files
from .gcpause import gc_paused
from .frameworks import Framework
from .model import (SCHOOL_RESPONDENT, ActionStatus, Phase, Review,
                    days_overdue)
from .workspace import Workspace

ANONYMISED = "anonymised"
FEEDBACK_MEASURES = (("usefulness", "Usefulness"), ("tone", "Tone (supportive, not an inspection)"),
                     ("clarity", "Clarity"))


# --- small rules shared with year-on-year --------------------------------------

def typical_step(steps: Iterable[int | None]) -> int | None:
    """The median step of the rated statements (the lower middle for an even count)."""
    return _middle([s for s in steps if s is not None])


def _middle(steps: list[int]) -> int | None:
    steps.sort()
    return steps[(len(steps) - 1) // 2] if steps else None


def lower_half(step: int, levels: int) -> bool:
    """Whether a step sits in the lower half of a scale (steps 1-2 of 4, 1 of 3, 1-5 of 10)."""
    return step < levels / 2


def review_date(review: Review) -> str:
    """The date a review belongs to: its visit, else the day it was created."""
    return review.date_visit or (review.created or "")[:10]


def review_year(review: Review) -> int | None:
    when = review_date(review)
    return int(when[:4]) if when[:4].isdigit() else None


def school_key(review: Review) -> str:
    """Reviews of one school share this: the URN when known, else the name."""
    if review.urn and review.urn.strip():
        return "urn:" + review.urn.strip()
    return "name:" + " ".join(review.school_name.split()).casefold()


def school_rating_of(framework: Framework, ratings: dict[str, str | None]) -> str | None:
    """Which respondent speaks for the school: 'school', else the framework's first."""
    if SCHOOL_RESPONDENT in ratings:
        return ratings[SCHOOL_RESPONDENT]
    for respondent in framework.respondents:
        if respondent.id in ratings:
            return ratings[respondent.id]
    return None


# --- the figures ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class OverviewFilter:
    """Which reviews count. Text matches ignore case; None means any."""

    trust: str | None = None   # the trust or local authority, as written on the review
    phase: str | None = None   # a Phase value, e.g. "primary"
    year: int | None = None    # calendar year of the visit (or of creation when no visit date)

    def describe(self) -> str:
        parts = []
        if self.trust:
            parts.append(f"trust or local authority {self.trust}")
        if self.phase:
            parts.append(f"phase {self.phase}")
        if self.year:
            parts.append(f"year {self.year}")
        return "; ".join(parts) if parts else "all reviews"


@dataclass(frozen=True, slots=True)
class FrameworkInfo:
    framework_id: str
    name: str
    levels: tuple[str, ...]              # scale labels, step 1 first
    areas: tuple[tuple[str, str], ...]   # (area id, title) in framework order
    reviews: int                         # schools (latest reviews) counted for it


@dataclass(frozen=True, slots=True)
class AreaRating:
    """One school's typical rating of one area, by the school and by the reviewer.

    Steps are 1-based (1 = the lowest level of the scale); None when nothing is rated.
    """

    framework_id: str
    school: str
    urn: str | None
    trust_or_la: str | None
    phase: str | None
    year: int | None
    review_id: str
    review_date: str
    area_id: str
    area_title: str
    levels: int
    school_step: int | None
    school_label: str
    school_rated: int
    reviewer_step: int | None
    reviewer_label: str
    reviewer_rated: int

    @property
    def gap(self) -> int | None:
        """School minus reviewer, in steps (positive: the school rated itself higher)."""
        if self.school_step is None or self.reviewer_step is None:
            return None
        return self.school_step - self.reviewer_step


@dataclass(frozen=True, slots=True)
class SchoolGap:
    """How far a school's self-evaluation sits from the reviewer's view."""

    framework_id: str
    school: str
    trust_or_la: str | None
    phase: str | None
    year: int | None
    review_id: str
    compared: int          # statements rated by both (N/A left out)
    mean_abs_gap: float    # mean of |school step - reviewer step|
    mean_gap: float        # mean of (school - reviewer): positive = school rated itself higher
    differ: int            # statements where the two differ


@dataclass(frozen=True, slots=True)
class DevelopmentArea:
    """An area reviewers often placed in the lower half of the scale."""

    framework_id: str
    area_id: str
    area_title: str
    lower_half: int        # schools whose reviewer figure for the area is in the lower half
    rated: int             # schools with a reviewer figure for the area
    schools: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.lower_half / self.rated if self.rated else 0.0


@dataclass(frozen=True, slots=True)
class OverdueAction:
    school: str
    trust_or_la: str | None
    review_id: str
    action_id: str
    title: str
    owner: str | None
    due: str
    days_overdue: int
    status: str
    priority: str | None


@dataclass(frozen=True, slots=True)
class FeedbackMeasure:
    key: str
    label: str
    responses: int
    mean: float | None
    counts: tuple[int, int, int, int, int]   # how many gave 1, 2, 3, 4, 5


@dataclass(frozen=True, slots=True)
class FeedbackComment:
    school: str
    review_id: str
    date: str | None
    given_by: str | None
    went_well: str
    could_be_better: str


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    responses: int
    measures: tuple[FeedbackMeasure, ...]
    comments: tuple[FeedbackComment, ...]


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """The values the filters can take, for drop-down lists."""

    trusts: tuple[str, ...]
    phases: tuple[str, ...]
    years: tuple[int, ...]


@dataclass
class Overview:
    """The overview for one choice of filters.

    The counts and the frameworks are worked out at once; each table (ratings, gaps,
    areas for development, overdue actions, feedback) only when first asked for, so
    a screen that shows one table at a time never works out the others it does not
    show (issue 11: at 5,000 reviews they took most of the time to open)."""

    today: dt.date
    filters: OverviewFilter
    reviews: int                       # reviews the filters keep (all frameworks)
    schools: int                       # distinct schools among them
    frameworks: list[FrameworkInfo]
    choices: FilterChoices
    unrated_frameworks: list[str] = field(default_factory=list)  # kept out: no rating scale
    # What the tables are worked out from: each school's latest review (sorted by
    # framework, then school), its framework and figures; the reviews kept by id.
    _latest: list[tuple[Review, Framework, _ReviewFigures]] = field(
        default_factory=list, repr=False, compare=False)
    _kept: dict[str, Review] = field(default_factory=dict, repr=False, compare=False)
    _actions: list[OpenAction] = field(default_factory=list, repr=False, compare=False)
    _feedback_rows: list[FeedbackRow] = field(default_factory=list, repr=False, compare=False)

    @cached_property
    def ratings(self) -> list[AreaRating]:
        out = []
        for r, fw, figures in self._latest:
            when, year = review_date(r), review_year(r)
            levels = fw.scale.levels
            for area in fw.areas:
                fig = figures.areas.get(area.id)
                if fig is None:
                    continue
                out.append(AreaRating(
                    framework_id=fw.id, school=r.school_name, urn=r.urn, trust_or_la=r.trust_or_la,
                    phase=r.phase, year=year, review_id=r.id, review_date=when,
                    area_id=area.id, area_title=area.title, levels=len(levels),
                    school_step=None if fig.school is None else fig.school + 1,
                    school_label="" if fig.school is None else levels[fig.school].label,
                    school_rated=fig.school_rated,
                    reviewer_step=None if fig.reviewer is None else fig.reviewer + 1,
                    reviewer_label="" if fig.reviewer is None else levels[fig.reviewer].label,
                    reviewer_rated=fig.reviewer_rated))
        return out

    @cached_property
    def gaps(self) -> list[SchoolGap]:
        out = []
        for r, fw, figures in self._latest:
            if figures.gap:
                compared, total_abs, total, differ = figures.gap
                out.append(SchoolGap(
                    framework_id=fw.id, school=r.school_name, trust_or_la=r.trust_or_la,
                    phase=r.phase, year=review_year(r), review_id=r.id, compared=compared,
                    mean_abs_gap=round(total_abs / compared, 3), mean_gap=round(total / compared, 3),
                    differ=differ))
        out.sort(key=lambda g: (-g.mean_abs_gap, -g.compared, g.school.casefold()))
        return out

    @cached_property
    def development(self) -> list[DevelopmentArea]:
        lower: dict[tuple[str, str], list[str]] = defaultdict(list)
        rated_count: Counter[tuple[str, str]] = Counter()
        for r, fw, figures in self._latest:
            levels = len(fw.scale.levels)
            for area in fw.areas:
                fig = figures.areas.get(area.id)
                if fig is None or fig.reviewer is None:
                    continue
                rated_count[(fw.id, area.id)] += 1
                if lower_half(fig.reviewer, levels):
                    lower[(fw.id, area.id)].append(r.school_name)
        titles = {(f.framework_id, aid): title for f in self.frameworks for aid, title in f.areas}
        out = [DevelopmentArea(fid, aid, titles.get((fid, aid), aid), len(lower[(fid, aid)]),
                               rated_count[(fid, aid)], tuple(lower[(fid, aid)]))
               for (fid, aid) in rated_count if lower[(fid, aid)]]
        out.sort(key=lambda d: (-d.lower_half, -d.share, d.framework_id, _area_order(d.area_id)))
        return out

    @cached_property
    def overdue(self) -> list[OverdueAction]:
        return _overdue(self._actions, self._kept, self.today)

    @property
    def overdue_count(self) -> int:
        """len(overdue), without making the list when it is not made yet."""
        if "overdue" in self.__dict__:
            return len(self.overdue)
        return sum(1 for a in self._actions if a.review_id in self._kept and a.due
                   and days_overdue(a.due, a.status, self.today))

    @cached_property
    def feedback(self) -> FeedbackSummary:
        return _feedback(self._feedback_rows, self._kept)

    def ratings_of(self, framework_id: str) -> list[AreaRating]:
        return [r for r in self.ratings if r.framework_id == framework_id]

    def matrix(self, framework_id: str, who: str = "reviewer"
               ) -> tuple[list[tuple[str, str]], list[tuple[str, str, list[int | None]]]]:
        """Schools by areas for one framework: (areas, [(school, review id, steps)]).

        `who` is "reviewer" or "school". Suits a table or a heat map.
        """
        areas, rows = self.matrix_both(framework_id)
        if who == "reviewer":
            return areas, [(school, rid, steps) for school, rid, _, steps in rows]
        return areas, [(school, rid, steps) for school, rid, steps, _ in rows]

    def matrix_both(self, framework_id: str) -> tuple[
            list[tuple[str, str]], list[tuple[str, str, list[int | None], list[int | None]]]]:
        """`matrix` for the school and the reviewer at once, from the figures (no
        AreaRating is made): (areas, [(school, review id, school's steps, reviewer's
        steps)]), sorted by school, a row for each school with an area in scope."""
        info = next((f for f in self.frameworks if f.framework_id == framework_id), None)
        if info is None:
            return [], []
        areas = list(info.areas)
        index = {aid: i for i, (aid, _) in enumerate(areas)}
        rows = []
        for r, fw, figures in self._latest:
            if fw.id != framework_id:
                continue
            school: list[int | None] = [None] * len(areas)
            reviewer: list[int | None] = [None] * len(areas)
            found = False
            for area in fw.areas:
                fig = figures.areas.get(area.id)
                if fig is None:
                    continue
                found = True
                i = index[area.id]
                school[i] = None if fig.school is None else fig.school + 1
                reviewer[i] = None if fig.reviewer is None else fig.reviewer + 1
            if found:
                rows.append((r.school_name, r.id, school, reviewer))
        rows.sort(key=lambda row: row[0].casefold())
        return areas, rows


# --- gathering ----------------------------------------------------------------------

class _AreaFigure(NamedTuple):
    school: int | None     # 0-based typical step
    school_rated: int
    reviewer: int | None
    reviewer_rated: int


@dataclass(frozen=True, slots=True)
class _ReviewFigures:
    """What one review contributes, worked out once when the data is read."""

    areas: dict[str, _AreaFigure]
    gap: tuple[int, int, int, int] | None   # compared, sum of |gaps|, sum of gaps, differing


def _figures(fw: Framework, review: Review, judged: dict[str, str],
             selfs: dict[str, dict[str, str]]) -> _ReviewFigures:
    steps = {lv.key: i for i, lv in enumerate(fw.scale.levels)}  # N/A is not a step
    reviewer = {sid: steps[k] for sid, k in judged.items() if k in steps}
    school = {}
    for sid, by in selfs.items():
        step = steps.get(school_rating_of(fw, by))  # type: ignore[arg-type]
        if step is not None:
            school[sid] = step
    scope = set(review.scope) if review.scope else None
    areas = {}
    for area in fw.areas:
        if scope is not None and area.id not in scope:
            continue
        s_steps = [school[s.id] for s in area.statements if s.id in school]
        r_steps = [reviewer[s.id] for s in area.statements if s.id in reviewer]
        areas[area.id] = _AreaFigure(_middle(s_steps), len(s_steps), _middle(r_steps), len(r_steps))
    both = [school[sid] - reviewer[sid] for sid in school if sid in reviewer]
    gap = (len(both), sum(map(abs, both)), sum(both), sum(1 for g in both if g)) if both else None
    return _ReviewFigures(areas, gap)


def _figures_of_rows(fw: Framework, review: Review, judged_rows: list[tuple[str, str]],
                     self_rows: list[tuple[str, str, str]]) -> _ReviewFigures:
    judged = {sid: rating for sid, rating in judged_rows}
    selfs: dict[str, dict[str, str]] = defaultdict(dict)
    for sid, respondent, rating in self_rows:
        selfs[sid][respondent] = rating
    return _figures(fw, review, judged, selfs)


class OpenAction(NamedTuple):
    """What the overview shows of an open action with a due date (issue 11: a tuple,
    not a record, as a trust has ~15,000)."""

    id: str
    review_id: str
    title: str
    owner: str | None
    due: str
    status: str
    priority: str | None


class FeedbackRow(NamedTuple):
    """What the overview collates of a school's feedback (issue 11: a tuple, not a
    record, read with only these fields)."""

    review_id: str
    given_by: str | None
    date: str | None
    usefulness: int | None
    tone: int | None
    clarity: int | None
    went_well: str
    could_be_better: str


# Kept figures (issue 11): each review's _ReviewFigures is kept in the database
# (overview_figures, schema step 6) as this text, so opening the overview reads one
# short row per review instead of every rating. Raise the version whenever _figures
# changes what it works out: every kept figure is then worked out again.
KEPT_FIGURES_VERSION = "1"


def _kept_text(fig: _ReviewFigures) -> str:
    return json.dumps([KEPT_FIGURES_VERSION, [[aid, *a] for aid, a in fig.areas.items()], fig.gap],
                      separators=(",", ":"))


def _from_kept(text: str | None, shared: dict[Any, Any] | None = None) -> _ReviewFigures | None:
    """The kept figures, or None when there are none of this version. With `shared`
    (one dict for a whole load), equal area figures and gaps are one object each: at a
    trust's scale most reviews repeat the same few (issue 11: a third of the memory)."""
    if not text:
        return None
    seen: dict[Any, Any] = {} if shared is None else shared
    try:
        version, areas, gap = json.loads(text)
        if version != KEPT_FIGURES_VERSION:
            return None
        figures = {}
        for a in areas:
            key = tuple(a)   # (area id, school, rated, reviewer, rated)
            one = seen.get(key)
            if one is None:
                one = seen[key] = (key[0], _AreaFigure(key[1], key[2], key[3], key[4]))
            figures[one[0]] = one[1]
        if gap is not None:
            gap = (gap[0], gap[1], gap[2], gap[3])
            gap = seen.setdefault(gap, gap)
        return _ReviewFigures(figures, gap)
    except (ValueError, TypeError, IndexError):
        return None


# Above this share of reviews to work out afresh, every rating is streamed at once
# (one pass over the tables) rather than read a review at a time through the indexes.
_STREAM_SHARE = 0.2


@dataclass
class OverviewData:
    """Everything the overview is worked out from, read once. Each review's own figures
    are worked out as it is read, so a change of filter only selects and adds up."""

    reviews: list[Review]
    frameworks: dict[str, Framework]          # by framework hash (rated scales only)
    figures: dict[str, _ReviewFigures]        # by review id (reviews of rated frameworks)
    unrated: dict[str, str]                   # review id -> framework name, for unrated scales
    actions: list[OpenAction]                 # open, with a due date
    feedback: list[FeedbackRow]
    worked_out: int = 0                       # reviews whose figures were not kept, so worked out
    _choices: FilterChoices | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, ws: Workspace, *, kept: bool = True, action_ids: bool = True) -> "OverviewData":
        """Read the overview's data. With `kept`, each review's figures come from those
        kept in the database when nothing they depend on has changed since (the
        database's triggers count every change, local or by sync); the others are
        worked out from the ratings and kept for next time. Without, every figure is
        worked out from the ratings (the reference the kept ones are tested against).
        Without `action_ids`, an action's id is "" (the window neither shows nor exports
        it: ~1 MiB at a trust's scale)."""
        store = ws.store
        # The snapshot: the reviews, ratings and change counts of one moment. The cycle
        # collector waits: each full collection walked every object read so far.
        with store.snapshot(), gc_paused():
            reviews = [r for r in store.records(Review) if r.origin != ANONYMISED]
            _share_words(reviews)
            live = {r.id for r in reviews}
            frameworks: dict[str, Framework] = {}
            unrated: dict[str, str] = {}
            for r in reviews:
                if r.framework_hash not in frameworks:
                    try:
                        frameworks[r.framework_hash] = ws.framework_of(r)
                    except UserError:
                        continue  # a review whose framework copy has not arrived yet
            for r in reviews:
                fw = frameworks.get(r.framework_hash)
                if fw is not None and not fw.scale.rated:
                    unrated[r.id] = fw.name
            rated = [r for r in reviews if frameworks.get(r.framework_hash) is not None
                     and r.id not in unrated]
            stored = store.iter_kept_overview_figures() if kept else None
            trusted = stored is not None
            shared: dict[Any, Any] = {}
            figures: dict[str, _ReviewFigures] = {}
            changed: dict[str, int] = {}
            by_id = {r.id: r for r in rated}
            # A row at a time: the kept texts are never all held beside their figures.
            for rid, count, worked_out, fw_hash, text in stored or ():
                found = by_id.get(rid)
                if found is None:
                    continue
                changed[rid] = count
                fig = (_from_kept(text, shared) if worked_out == count and fw_hash == found.framework_hash
                       else None)
                if fig is not None:
                    figures[rid] = fig
            # Never changed since the table was made (no row: count 0), or changed since kept.
            todo: dict[str, Review] = {r.id: r for r in rated if r.id not in figures}
            for rid in todo:
                changed.setdefault(rid, 0)
            del by_id
            worked: dict[str, _ReviewFigures] = {}
            if todo:
                if len(todo) > _STREAM_SHARE * len(rated):
                    # Ratings stream in a review at a time (issue 11): each review's
                    # figures are worked out from its own rows, so the ~480,000 rows of
                    # a trust's database are never all held at once.
                    rows = store.ratings_by_review()
                else:
                    rows = store.ratings_of_reviews(todo)
                for rid, judged_rows, self_rows in rows:
                    found = todo.get(rid)
                    if found is not None:
                        worked[rid] = _figures_of_rows(frameworks[found.framework_hash], found,
                                                       judged_rows, self_rows)
                for rid, r in todo.items():   # rated frameworks, nothing rated yet: every area empty
                    if rid not in worked:
                        worked[rid] = _figures(frameworks[r.framework_hash], r, {}, {})
            del stored, shared
            figures.update(worked)
            figures = {r.id: figures[r.id] for r in rated}   # in review order
            # A review's id, an owner, a date or a status repeated over ~15,000 actions
            # is held once (issue 11).
            ids = {r.id: r.id for r in reviews}
            words: dict[str, str] = {}
            maybe: dict[str | None, str | None] = {}
            actions = [OpenAction(aid, ids[rid], title, maybe.setdefault(owner, owner),
                                  words.setdefault(due, due), words.setdefault(status, status),
                                  maybe.setdefault(priority, priority))
                       for aid, rid, title, owner, due, status, priority
                       in store.iter_open_actions_due(ids=action_ids)
                       if rid is not None and rid in live]
            del words, maybe
            feedback = [FeedbackRow(ids[rid], given_by, date, usefulness, tone, clarity, well, better)
                        for rid, given_by, date, usefulness, tone, clarity, well, better
                        in store.iter_feedback_rows() if rid is not None and rid in live]
        if trusted and worked:
            store.keep_overview_figures((rid, changed[rid], todo[rid].framework_hash, _kept_text(fig))
                                        for rid, fig in worked.items())
        return cls(reviews=reviews, frameworks=frameworks, figures=figures, unrated=unrated,
                   actions=actions, feedback=feedback, worked_out=len(worked))

    def choices(self) -> FilterChoices:
        """The filters' values (worked out once: the data does not change once read)."""
        if self._choices is None:
            trusts = {" ".join(r.trust_or_la.split()) for r in self.reviews if r.trust_or_la}
            phases = {r.phase for r in self.reviews}
            self._choices = FilterChoices(
                trusts=tuple(sorted(trusts, key=str.casefold)),
                phases=tuple(p.value for p in Phase if p.value in phases),
                years=tuple(sorted({y for y in map(review_year, self.reviews) if y is not None})))
        return self._choices


# Fields of a review whose values repeat across a trust's reviews.
_REPEATED = ("framework_id", "framework_version", "framework_hash", "phase", "setting",
             "trust_or_la", "review_type", "subject", "origin")


def _share_words(reviews: list[Review]) -> None:
    """Hold each repeated value once (issue 11: ~2 MiB at 5,000 reviews)."""
    seen: dict[str, str] = {}
    for r in reviews:
        values = vars(r)
        for name in _REPEATED:
            value = values.get(name)
            if value is not None:
                values[name] = seen.setdefault(value, value)


def _keep(review: Review, f: OverviewFilter) -> bool:
    if f.trust and " ".join((review.trust_or_la or "").split()).casefold() != \
            " ".join(f.trust.split()).casefold():
        return False
    if f.phase and (review.phase or "") != f.phase:
        return False
    if f.year and review_year(review) != f.year:
        return False
    return True


def _latest_per_school(reviews: list[Review]) -> list[Review]:
    latest: dict[tuple[str, str], Review] = {}
    for r in reviews:
        key = (r.framework_id, school_key(r))
        have = latest.get(key)
        if have is None or (review_date(r), r.created or "") > (review_date(have), have.created or ""):
            latest[key] = r
    return list(latest.values())


def compute(data: OverviewData, filters: OverviewFilter | None = None,
            today: dt.date | None = None) -> Overview:
    """Work out the overview from loaded data (no database reads). The tables are
    worked out when first asked for (see Overview)."""
    filters = filters or OverviewFilter()
    today = today or dt.date.today()
    kept = [r for r in data.reviews if _keep(r, filters)]
    counted: Counter[str] = Counter()
    newest_fw: dict[str, tuple[str, Framework]] = {}
    unrated = {data.unrated[r.id] for r in kept if r.id in data.unrated}
    latest = []
    for r in sorted(_latest_per_school(kept), key=lambda r: (r.framework_id, r.school_name.casefold())):
        figures = data.figures.get(r.id)
        if figures is None:
            continue
        fw = data.frameworks[r.framework_hash]
        counted[fw.id] += 1
        when = review_date(r)
        if fw.id not in newest_fw or when > newest_fw[fw.id][0]:
            newest_fw[fw.id] = (when, fw)
        latest.append((r, fw, figures))
    frameworks = [FrameworkInfo(fid, fw.name, tuple(lv.label for lv in fw.scale.levels),
                                tuple((a.id, a.title) for a in fw.areas), counted[fid])
                  for fid, (_, fw) in sorted(newest_fw.items())]
    return Overview(
        today=today, filters=filters, reviews=len(kept),
        schools=len({school_key(r) for r in kept}), frameworks=frameworks,
        choices=data.choices(), unrated_frameworks=sorted(unrated), _latest=latest,
        _kept={r.id: r for r in kept}, _actions=data.actions, _feedback_rows=data.feedback)


def _area_order(area_id: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in area_id.split("."))


def _overdue(actions: list[OpenAction], reviews: dict[str, Review], today: dt.date) -> list[OverdueAction]:
    out = []
    for a in actions:
        review = reviews.get(a.review_id)
        late = days_overdue(a.due, a.status, today)
        if review is None or not late or not a.due:  # late > 0 only when a.due is set
            continue
        out.append(OverdueAction(
            school=review.school_name, trust_or_la=review.trust_or_la, review_id=review.id,
            action_id=a.id, title=a.title, owner=a.owner, due=a.due, days_overdue=late,
            status=a.status or ActionStatus.NOT_STARTED.value, priority=a.priority))
    out.sort(key=lambda o: (-o.days_overdue, o.school.casefold(), o.title))
    return out


def _feedback(rows: list[FeedbackRow], reviews: dict[str, Review]) -> FeedbackSummary:
    kept = [f for f in rows if f.review_id in reviews]
    measures = []
    for key, label in FEEDBACK_MEASURES:
        scores = [getattr(f, key) for f in kept if getattr(f, key) is not None]
        counts = Counter(scores)
        measures.append(FeedbackMeasure(
            key=key, label=label, responses=len(scores),
            mean=round(sum(scores) / len(scores), 2) if scores else None,
            counts=tuple(counts.get(i, 0) for i in range(1, 6))))  # type: ignore[arg-type]
    comments = [FeedbackComment(reviews[f.review_id].school_name, f.review_id, f.date, f.given_by,
                                f.went_well.strip(), f.could_be_better.strip())
                for f in kept if f.went_well.strip() or f.could_be_better.strip()]
    comments.sort(key=lambda c: (c.date or "", c.school.casefold()), reverse=True)
    answered = sum(1 for f in kept if any(getattr(f, k) is not None for k, _ in FEEDBACK_MEASURES)
                   or f.went_well.strip() or f.could_be_better.strip())
    return FeedbackSummary(responses=answered, measures=tuple(measures), comments=tuple(comments))


def overview(ws: Workspace, filters: OverviewFilter | None = None,
             today: dt.date | None = None) -> Overview:
    """Read the database and work out the overview in one call."""
    return compute(OverviewData.load(ws), filters, today)


# --- export -------------------------------------------------------------------------

def tables(ov: Overview) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The overview as named tables of plain values: {name: (headings, rows)}.

    The same tables go to CSV files and XLSX sheets, and suit a printed table.
    """
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    out["ratings"] = (
        ["Framework", "School", "URN", "Trust or local authority", "Phase", "Year", "Review date",
         "Area", "Area title", "School's typical rating", "School's step", "Statements rated by school",
         "Reviewer's typical rating", "Reviewer's step", "Statements rated by reviewer",
         "Gap (school minus reviewer, steps)", "Steps on the scale", "Review id"],
        [[r.framework_id, r.school, r.urn or "", r.trust_or_la or "", r.phase or "", r.year or "",
          r.review_date, r.area_id, r.area_title, r.school_label, _blank(r.school_step),
          r.school_rated, r.reviewer_label, _blank(r.reviewer_step), r.reviewer_rated,
          _blank(r.gap), r.levels, r.review_id] for r in ov.ratings])
    out["gaps"] = (
        ["Framework", "School", "Trust or local authority", "Phase", "Year",
         "Statements rated by both", "Statements that differ", "Mean gap (steps, either way)",
         "Mean gap (school minus reviewer)", "Review id"],
        [[g.framework_id, g.school, g.trust_or_la or "", g.phase or "", g.year or "", g.compared,
          g.differ, g.mean_abs_gap, g.mean_gap, g.review_id] for g in ov.gaps])
    out["development"] = (
        ["Framework", "Area", "Area title", "Schools in the lower half", "Schools rated",
         "Share", "Schools"],
        [[d.framework_id, d.area_id, d.area_title, d.lower_half, d.rated, round(d.share, 3),
          "; ".join(d.schools)] for d in ov.development])
    out["overdue"] = (
        ["School", "Trust or local authority", "Action", "Owner", "Due", "Days overdue", "Status",
         "Priority", "Review id"],
        [[o.school, o.trust_or_la or "", o.title, o.owner or "", o.due, o.days_overdue, o.status,
          o.priority or "", o.review_id] for o in ov.overdue])
    rows: list[list[Any]] = [[m.label, m.responses, _blank(m.mean), *m.counts]
                             for m in ov.feedback.measures]
    out["feedback"] = (["Measure", "Responses", "Mean (1 to 5)", "Gave 1", "Gave 2", "Gave 3",
                        "Gave 4", "Gave 5"], rows)
    out["comments"] = (
        ["School", "Date", "Given by", "What went well", "What could be better", "Review id"],
        [[c.school, c.date or "", c.given_by or "", c.went_well, c.could_be_better, c.review_id]
         for c in ov.feedback.comments])
    return out


SHEET_TITLES = {"ratings": "Ratings by area", "gaps": "Self-evaluation gaps",
                "development": "Areas for development", "overdue": "Overdue actions",
                "feedback": "School feedback", "comments": "Feedback comments"}


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_paths(path: str | Path) -> dict[str, Path]:
    """Where `export_csv` writes each table: the ratings at `path`, the rest beside it."""
    path = Path(path)
    stem, suffix = path.stem, path.suffix or ".csv"
    return {name: path if name == "ratings" else path.with_name(f"{stem}-{name}{suffix}")
            for name in SHEET_TITLES}


def export_csv(ov: Overview, path: str | Path) -> list[Path]:
    """One CSV file per table (UTF-8 with a byte-order mark, so Excel reads accents);
    all of them are saved, or none."""
    targets = csv_paths(path)
    check_target(Path(path), "overview.csv", "the overview")
    contents = {}
    for name, (headings, rows) in tables(ov).items():
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(headings)
        writer.writerows([[_safe_cell(v) for v in row] for row in rows])
        contents[targets[name]] = out.getvalue().encode("utf-8-sig")
    return save_files(contents, "the overview", advice=IF_IN_A_SPREADSHEET)


def export_xlsx(ov: Overview, path: str | Path) -> Path:
    """One workbook, a sheet per table, with a first sheet saying what was counted."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    target = Path(path)
    check_target(target, "overview.xlsx", "the overview")
    wb = Workbook()
    about = wb.active
    about.title = "About"
    for row in _about_rows(ov):
        about.append(row)
    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 90
    for name, (headings, rows) in tables(ov).items():
        ws = wb.create_sheet(SHEET_TITLES[name])
        ws.append(headings)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_safe_cell(v) for v in row])
        ws.freeze_panes = "A2"
        for i, heading in enumerate(headings, 1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, max(12, len(heading) + 2))
    out = io.BytesIO()
    wb.save(out)
    return save_bytes(target, out.getvalue(), "the overview", advice=IF_IN_A_SPREADSHEET)


def _about_rows(ov: Overview) -> list[list[Any]]:
    return [
        ["Overview of SEND reviews", ""],
        ["Worked out on", ov.today.isoformat()],
        ["Reviews counted", ov.filters.describe()],
        ["Number of reviews", ov.reviews],
        ["Number of schools", ov.schools],
        ["Typical rating", "The median step of the statements rated in an area (the lower middle "
                           "for an even number); not applicable and unrated statements are left out."],
        ["Per school", "The school's latest review of each framework among those counted."],
        ["Gap", "Mean difference in steps between the school's and the reviewer's rating, over "
                "statements both rated."],
        ["Area for development", "An area whose reviewer figure is in the lower half of the scale."],
        ["Overdue", "Past its date and neither done nor dropped."],
    ]



def as_dict(ov: Overview) -> dict[str, Any]:
    """The overview as JSON-ready data (what `wss-desktop overview --json` prints)."""
    return {
        "today": ov.today.isoformat(),
        "filters": asdict(ov.filters),
        "reviews": ov.reviews,
        "schools": ov.schools,
        "frameworks": [asdict(f) for f in ov.frameworks],
        "unrated_frameworks": ov.unrated_frameworks,
        "ratings": [{**asdict(r), "gap": r.gap} for r in ov.ratings],
        "gaps": [asdict(g) for g in ov.gaps],
        "development": [{**asdict(d), "share": round(d.share, 3)} for d in ov.development],
        "overdue": [asdict(o) for o in ov.overdue],
        "feedback": {"responses": ov.feedback.responses,
                     "measures": [asdict(m) for m in ov.feedback.measures],
                     "comments": [asdict(c) for c in ov.feedback.comments]},
        "choices": asdict(ov.choices),
    }


def text_lines(ov: Overview, width: int = 100) -> list[str]:
    """A readable plain-text overview for a terminal."""
    lines = [f"Overview of {ov.reviews} review{'s' if ov.reviews != 1 else ''} of {ov.schools} "
             f"school{'s' if ov.schools != 1 else ''} ({ov.filters.describe()}), as at "
             f"{ov.today.isoformat()}."]
    if ov.unrated_frameworks:
        lines.append("Not rated, so not in the tables: " + ", ".join(ov.unrated_frameworks) + ".")
    for info in ov.frameworks:
        areas, rows = ov.matrix(info.framework_id)
        _, school_rows = ov.matrix(info.framework_id, "school")
        school_by_review = {rid: steps for _, rid, steps in school_rows}
        lines += ["", f"{info.name}: typical rating per area, reviewer / school, as steps of "
                      f"{len(info.levels)} ({', '.join(f'{i}={lv}' for i, lv in enumerate(info.levels, 1))})"]
        name_w = min(34, max([len("School")] + [len(s) for s, _, _ in rows]))
        lines.append(f"{'School':<{name_w}}  " + " ".join(f"{aid:>5}" for aid, _ in areas))
        for school, rid, steps in rows:
            cells = [f"{_dash(r)}/{_dash(s)}" for r, s in zip(steps, school_by_review.get(rid, []))]
            lines.append(f"{school[:name_w]:<{name_w}}  " + " ".join(f"{c:>5}" for c in cells))
    lines += ["", "Self-evaluation furthest from the reviewer's view (mean gap in steps):"]
    lines += [f"  {g.mean_abs_gap:4.2f}  {g.school} ({g.framework_id}; {g.compared} statements; "
              f"school {'higher' if g.mean_gap > 0 else 'lower' if g.mean_gap < 0 else 'level'} on average)"
              for g in ov.gaps[:10]] or ["  None: no statement is rated by both the school and a reviewer."]
    lines += ["", "Common areas for development (reviewer's figure in the lower half of the scale):"]
    lines += [f"  {d.lower_half} of {d.rated}  {d.framework_id} area {d.area_id}: {d.area_title}"
              for d in ov.development[:10]] or ["  None."]
    lines += ["", f"Overdue actions ({len(ov.overdue)}):"]
    lines += [f"  {o.days_overdue:>4} days  {o.school}: {o.title[:width - 40]} "
              f"(owner: {o.owner or 'to be agreed'}; due {o.due})" for o in ov.overdue[:20]] or ["  None."]
    if len(ov.overdue) > 20:
        lines.append(f"  … and {len(ov.overdue) - 20} more (export to see them all).")
    fb = ov.feedback
    lines += ["", f"School feedback ({fb.responses} response{'s' if fb.responses != 1 else ''}):"]
    for m in fb.measures:
        mean = f"{m.mean:.1f}" if m.mean is not None else "-"
        lines.append(f"  {m.label}: mean {mean} from {m.responses}; "
                     + ", ".join(f"{i}: {n}" for i, n in enumerate(m.counts, 1)))
    for c in fb.comments[:10]:
        if c.went_well:
            lines.append(f"  {c.school}, went well: {c.went_well}")
        if c.could_be_better:
            lines.append(f"  {c.school}, could be better: {c.could_be_better}")
    return lines


def _dash(step: int | None) -> str:
    return "-" if step is None else str(step)


__all__ = [
    "AreaRating", "DevelopmentArea", "FeedbackComment", "FeedbackMeasure", "FeedbackRow", "FeedbackSummary",
    "FilterChoices", "FrameworkInfo", "OverdueAction", "Overview", "OverviewData",
    "OverviewFilter", "SchoolGap", "SHEET_TITLES", "as_dict", "compute", "csv_paths",
    "export_csv", "export_xlsx", "lower_half", "overview", "review_date", "review_year",
    "school_key", "school_rating_of", "tables", "text_lines", "typical_step",
]
