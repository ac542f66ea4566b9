"""The consistency check a reviewer runs before issuing a report.

Each Finding names the statement, action or area it is about, so the reporting
screen can list them and jump to the place to fix. Findings are prompts to look
again, never errors: a report can be issued with some of them still there.
"""

from __future__ import annotations

from typing import Any
import re
from dataclasses import dataclass
from enum import StrEnum

from ..frameworks import NA_KEY, Scale
from ..model import ReviewBundle
from . import content as c
from . import tone as t
from .text import shorten, uk_date


class FindingKind(StrEnum):
    AREA_UNJUDGED = "area-unjudged"
    RATING_TEXT = "rating-text"
    SCHOOL_RATING_TEXT = "school-rating-text"
    NA_WITH_TEXT = "na-with-text"
    NO_EVIDENCE = "no-evidence"
    TENSION = "tension"
    RATING_GAP = "rating-gap"
    ACTION_BEFORE_VISIT = "action-before-visit"
    GROUP_GAP = "group-gap"
    ACTION_INCOMPLETE = "action-incomplete"

    @property
    def label(self) -> str:
        return {"area-unjudged": "Area with no judgement",
                "rating-text": "Rating and findings pull different ways",
                "school-rating-text": "School\u2019s rating and its own comment disagree",
                "na-with-text": "Findings under \u201cNot applicable\u201d",
                "no-evidence": "Finding with no evidence",
                "tension": "Strengths and areas for consideration may disagree",
                "rating-gap": "Large gap between ratings",
                "action-before-visit": "Action due before the visit",
                "group-gap": "Groups see a statement differently",
                "action-incomplete": "Action without an owner or date"}[self.value]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    message: str
    statement_id: str | None = None
    action_id: str | None = None
    area_id: str | None = None

    @property
    def ref(self) -> str:
        """A short label for a list: the statement number, action title or area."""
        if self.statement_id:
            return self.statement_id
        if self.area_id:
            return f"Area {self.area_id}"
        return "Action"


GAP_STEPS = 2

# Words that say too little on their own to show two texts are about the same thing.
_STOP = frozenset("""
a about above after again all also although always am an and any are as at be because been
before being below between both but by can could did do does doing done each either even ever
every few for from further had has have having he her here hers him his how i if in into is it
its itself just least less let like made make makes making many may me might more most much
must my near need needs new next no nor not now of off often on once one only or other our out
over own per quite rather really same see seen she should so some still such than that the
their them then there these they this those though through to too under until up upon us very
was we were what when where whether which while who whom why will with within without would
yet you your well good clear clearly sure lot lots way ways time times day days part use used
uses using work works worked working able across already around further yet
pupil pupils child children send sen school schools staff setting support supported supports
""".split())

_SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+|\n+")


def _content(sentence: str) -> list[tuple[str, str]]:
    """(stem, word as written) for each content word of a sentence."""
    return [(_stem(w), w) for w in t.words(sentence)
            if w not in _STOP and len(w) > 2]


def _stem(word: str) -> str:
    word = word.replace("\u2019", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _described(text: str, critical: bool) -> list[str]:
    """Sentences of a text that describe practice across the school (not advice, not
    limited to some classes or pupils); with `critical`, only those naming weakness."""
    out = []
    for sentence in _SENTENCE_RE.split(text):
        if not sentence.strip() or t.is_advice(sentence) or t.SCOPE_RE.search(sentence.casefold()):
            continue
        if critical:
            praise, weakness = t.clause_tone(sentence)
            if weakness < 1 or weakness <= praise:
                continue
        out.append(sentence)
    return out


def _phrases(sentences: list[str]) -> dict[str, str]:
    """Pairs of neighbouring content words in each sentence ("visual timetables"),
    keyed by their stems."""
    found: dict[str, str] = {}
    for sentence in sentences:
        words = _content(sentence)
        for (sa, wa), (sb, wb) in zip(words, words[1:]):
            if sa != sb:
                found.setdefault(f"{sa} {sb}", f"{wa} {wb}")
    return found


def tension(strengths: str, consider: str) -> str | None:
    """A key phrase both praised and criticised in one judgement, or None.

    The heuristic, kept simple so that a reviewer can predict it: take the sentences of
    the strengths and the sentences of the areas for consideration that describe
    weakness, leaving out advice ("Share ...") and any sentence that says where it
    applies ("in Year 6", "some pupils", "a few plans"): a contrast like "used well in
    Year 3 but not in Year 5" is a fair finding, not a contradiction. Then look for
    (1) a pair of neighbouring content words in both ("visual timetables"), or (2) a
    longer content word (6+ letters) of the strengths in a criticising sentence.
    """
    if not strengths.strip() or not consider.strip():
        return None
    praised = _described(strengths, critical=False)
    criticised = _described(consider, critical=True)
    if not praised or not criticised:
        return None
    praised_phrases = _phrases(praised)
    shared = sorted(praised_phrases.keys() & _phrases(criticised).keys())
    if shared:
        return praised_phrases[shared[0]]
    long_praised = {stem: word for sentence in praised for stem, word in _content(sentence)
                    if len(word) >= 6}
    long_criticised = {stem for sentence in criticised for stem, word in _content(sentence)
                       if len(word) >= 6}
    both = sorted(long_praised.keys() & long_criticised)
    return long_praised[both[0]] if both else None


# Where on the scale a rating counts as high or low (a share of the way up it).
HIGH_FROM = 0.6
LOW_UP_TO = 0.25


@dataclass(frozen=True)
class Pull:
    """A rating that pulls against its own text: "high" over weakness, "low" over praise."""

    direction: str
    quote: str


def rating_against_text(scale: Scale, rating: str | None, text: str,
                        consider: str = "") -> Pull | None:
    """Whether a rating and the text written with it point different ways.

    A high rating (in the top part of the scale) is questioned when the text describes
    more weakness than praise (at least one clear description of weakness, beyond
    points about some classes or advice for next time). A low rating (the bottom step
    of a four-step scale) is questioned when the text praises and names no weakness at
    all. Ratings in the middle sit with mixed text, so they are never questioned.
    """
    pos = scale.position(rating)
    steps = len(scale.levels)
    if pos is None or steps < 3:
        return None
    share = pos / (steps - 1)
    if not (share >= HIGH_FROM or share <= LOW_UP_TO):
        return None
    own = t.tone(text)
    total = own + t.tone(consider)
    if share >= HIGH_FROM:
        if total.weakness >= 1.5 and total.weakness > total.praise + 0.5:
            return Pull("high", total.weakness_quote)
        if own.weakness >= 1 and own.weakness > own.praise:
            return Pull("high", own.weakness_quote)
        return None
    if total.praise >= 2 and total.weakness == 0:
        return Pull("low", total.praise_quote)
    return None


def _quote(text: str) -> str:
    """The words quoted without their closing full stop (the sentence around them has one)."""
    return f"\u201c{shorten(text, 110).rstrip('.')}\u201d"


def _pull_message(subject: str, pull: Pull, *, reviewer: bool) -> str:
    said = "its findings say" if reviewer else "its own comment says"
    if pull.direction == "high":
        if reviewer:
            advice = ("Check which is right: lower the rating, or say what makes practice "
                      "strong. Until then this statement is kept out of \u201cWhat is working "
                      "well\u201d.")
        else:
            advice = "Talk this through with the school before the report is issued."
        return f"{subject}, but {said} {_quote(pull.quote)}. {advice}"
    advice = ("If practice is as strong as the text says, a higher rating may fit; if not, "
              "say what is still to develop.")
    return f"{subject}, but {said} only good things: {_quote(pull.quote)}. {advice}"


def _school_view(b: ReviewBundle, statement_id: str, area_id: str) -> list[Finding]:
    scale = b.framework.scale
    found = []
    for sa in b.self_assessments:
        if sa.statement_id != statement_id or not sa.comment.strip():
            continue
        pull = rating_against_text(scale, sa.rating, sa.comment)
        if pull:
            found.append(Finding(FindingKind.SCHOOL_RATING_TEXT, _pull_message(
                f"The school rated statement {statement_id} {scale.label(sa.rating)}", pull,
                reviewer=False), statement_id=statement_id, area_id=area_id))
    return found


def consistency_check(bundle: ReviewBundle) -> list[Finding]:
    """Everything worth a second look before the report is issued.

    Grouped by kind (missing judgements first), in framework order within each kind.
    """
    b = bundle
    fw = b.framework
    scale = fw.scale
    findings: list[Finding] = []
    judged_areas = set()
    for s in c.statements_in_scope(b):
        j = b.judgements.get(s.id)
        if j is None:
            continue
        if j.rating or j.strengths.strip() or j.consider.strip():
            judged_areas.add(s.area_id)
    for area in c.areas_in_scope(b):
        if area.id not in judged_areas:
            findings.append(Finding(
                FindingKind.AREA_UNJUDGED,
                f"Area {area.id} ({area.title}) is in the scope of the review but none of its "
                f"statements has a judgement yet. Judge at least its key statements, or take "
                f"the area out of scope.", area_id=area.id))
    for s in c.statements_in_scope(b):
        findings += _school_view(b, s.id, s.area_id)
        j = b.judgements.get(s.id)
        if j is None:
            continue
        if j.rating == NA_KEY:
            if j.strengths.strip() or j.consider.strip():
                findings.append(Finding(
                    FindingKind.NA_WITH_TEXT,
                    f"Statement {s.id} is marked {scale.na_label}, but findings are written "
                    f"under it. If it does apply to this school, give it a rating; if it does "
                    f"not, move the text to the statement it belongs to.",
                    statement_id=s.id, area_id=s.area_id))
            continue
        pull = rating_against_text(scale, j.rating, j.strengths, j.consider)
        if pull:
            findings.append(Finding(FindingKind.RATING_TEXT, _pull_message(
                f"Statement {s.id} is rated {scale.label(j.rating)}", pull, reviewer=True),
                statement_id=s.id, area_id=s.area_id))
        has_finding = bool(j.rating or j.strengths.strip() or j.consider.strip())
        if has_finding and not b.evidence_for_statement(s.id):
            findings.append(Finding(
                FindingKind.NO_EVIDENCE,
                f"Statement {s.id} has a judgement but no linked evidence. Link the "
                f"observations, meetings or documents it rests on, so the school can see "
                f"where it comes from.", statement_id=s.id, area_id=s.area_id))
        phrase = tension(j.strengths, j.consider)
        if phrase:
            findings.append(Finding(
                FindingKind.TENSION,
                f"In statement {s.id} the strengths and the areas for consideration both "
                f"speak about \u201c{phrase}\u201d. Read them together and make clear where "
                f"this is seen and where it is not, so they do not seem to contradict each "
                f"other.", statement_id=s.id, area_id=s.area_id))
        school_pos = scale.position(c.school_rating(b, s.id))
        reviewer_pos = scale.position(j.rating)
        if school_pos is not None and reviewer_pos is not None and \
                abs(school_pos - reviewer_pos) >= GAP_STEPS:
            findings.append(Finding(
                FindingKind.RATING_GAP,
                f"For statement {s.id} the school's rating ({scale.label(c.school_rating(b, s.id))}) "
                f"and the reviewer's ({scale.label(j.rating)}) are "
                f"{abs(school_pos - reviewer_pos)} steps apart. Explain in the findings what "
                f"led to the different view; gaps like this are worth talking through with the "
                f"school.", statement_id=s.id, area_id=s.area_id))
    visit = b.review.date_visit
    for ref, a in c.numbered_actions(b):
        if a.status == "dropped":
            continue
        if visit and a.due and a.due < visit:
            findings.append(Finding(
                FindingKind.ACTION_BEFORE_VISIT,
                f"Action {ref} (\u201c{shorten(a.title, 80)}\u201d) is due on "
                f"{uk_date(a.due)}, before the review visit on {uk_date(visit)}. Check the "
                f"date: an action agreed at the review is usually due after it.",
                action_id=a.id))
        missing = [what for what, value in (("an owner", a.owner), ("a due date", a.due))
                   if not value]
        if missing:
            findings.append(Finding(
                FindingKind.ACTION_INCOMPLETE,
                f"Action {ref} (\u201c{shorten(a.title, 80)}\u201d) has no "
                f"{' or '.join(m.split(' ', 1)[1] for m in missing)}. Agree "
                f"{' and '.join(missing)} with the school so progress can be followed up.",
                action_id=a.id))
    findings += _group_gaps(b)
    order = list(FindingKind)
    return sorted(findings, key=lambda f: order.index(f.kind))


def measure_on_labels(items: list[dict[str, Any]], scale: Scale) -> dict[str, Any]:
    """Precision and recall of `rating_against_text` on hand-labelled statement texts.

    Each item has "rating", "text", "consider" and "contradiction" (the label); the
    answer also lists the ids the check got wrong, so the set can be read against them.
    """
    tp = fp = fn = tn = 0
    wrong = []
    for item in items:
        found = rating_against_text(scale, item["rating"], item["text"], item.get("consider", ""))
        if found and item["contradiction"]:
            tp += 1
        elif found:
            fp += 1
            wrong.append(item["id"])
        elif item["contradiction"]:
            fn += 1
            wrong.append(item["id"])
        else:
            tn += 1
    return {"items": len(items), "contradictions": tp + fn, "true_positives": tp,
            "false_positives": fp, "false_negatives": fn, "true_negatives": tn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0, "wrong": wrong}
def _group_gaps(b: ReviewBundle) -> list[Finding]:
    """Statements where respondent groups (teachers and TAs) are far apart, widest first."""
    from .. import gaps
    limit = gaps.notable_gap(b.framework.scale)
    out = []
    for n, g in enumerate(x for x in gaps.compare(b).statements if x.gap and x.gap >= limit):
        out.append(Finding(
            FindingKind.GROUP_GAP,
            f"{gaps.describe(b, g, widest=n == 0)} Say in the findings what lies behind the "
            f"difference: a gap like this is a good starting point for the conversation with "
            f"both groups.", statement_id=g.statement_id, area_id=g.area_id))
    return out
