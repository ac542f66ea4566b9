"""The consistency check a reviewer runs before issuing a report.

Each Finding names the statement, action or area it is about, so the reporting
screen can list them and jump to the place to fix. Findings are prompts to look
again, never errors: a report can be issued with some of them still there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..frameworks import NA_KEY
from ..model import ReviewBundle
from . import content as c
from .text import shorten


class FindingKind(StrEnum):
    AREA_UNJUDGED = "area-unjudged"
    NO_EVIDENCE = "no-evidence"
    TENSION = "tension"
    RATING_GAP = "rating-gap"
    GROUP_GAP = "group-gap"
    ACTION_INCOMPLETE = "action-incomplete"

    @property
    def label(self) -> str:
        return {"area-unjudged": "Area with no judgement", "no-evidence": "Finding with no evidence",
                "tension": "Strengths and areas for consideration may disagree",
                "rating-gap": "Large gap between ratings",
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

_NEGATIVE = frozenset("""not no never rarely seldom inconsistent inconsistently less fewer weak
weaker lack lacks lacking unsure unclear absent missing limited little hardly without only
sometimes yet""".split())

_WORD_RE = re.compile(r"[a-z][a-z'\u2019-]*[a-z]|[a-z]")
_SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+|\n+")


def _stem(word: str) -> str:
    word = word.replace("\u2019", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _content(sentence: str) -> list[tuple[str, str]]:
    """(stem, word as written) for each content word of a sentence."""
    return [(_stem(w), w) for w in _WORD_RE.findall(sentence.lower())
            if w not in _STOP and len(w) > 2]


def _phrases(text: str) -> dict[str, str]:
    """Pairs of neighbouring content words in each sentence ("visual timetables"),
    keyed by their stems."""
    found: dict[str, str] = {}
    for sentence in _SENTENCE_RE.split(text):
        words = _content(sentence)
        for (sa, wa), (sb, wb) in zip(words, words[1:]):
            if sa != sb:
                found.setdefault(f"{sa} {sb}", f"{wa} {wb}")
    return found


def _criticised_words(text: str) -> set[str]:
    """Stems of content words (6+ letters) in sentences that carry a negative cue."""
    found: set[str] = set()
    for sentence in _SENTENCE_RE.split(text):
        raw = set(_WORD_RE.findall(sentence.lower()))
        if raw & _NEGATIVE:
            found.update(stem for stem, word in _content(sentence) if len(word) >= 6)
    return found


def tension(strengths: str, consider: str) -> str | None:
    """A key phrase both praised and criticised in one judgement, or None.

    The heuristic, kept simple so that a reviewer can predict it: take the content
    words of each text (dropping common words and words such as "pupils" or "school"
    that every finding uses), reduce plurals and -ing/-ed endings, then look for
    (1) a pair of neighbouring content words found in both texts ("visual timetable"),
    or failing that (2) a longer content word of the strengths that appears in a
    sentence of the areas for consideration carrying a negative cue ("not", "rarely",
    "inconsistent", ...). Either may be a fair contrast ("timetables are used well in
    Year 3 but not in Year 5"); the point is to make the reviewer read both together
    and say plainly where the practice is and is not seen.
    """
    if not strengths.strip() or not consider.strip():
        return None
    praised_phrases = _phrases(strengths)
    shared = sorted(praised_phrases.keys() & _phrases(consider).keys())
    if shared:
        return praised_phrases[shared[0]]
    praised = {stem: word for stem, word in _content(strengths) if len(word) >= 6}
    both = sorted(praised.keys() & _criticised_words(consider))
    return praised[both[0]] if both else None


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
        j = b.judgements.get(s.id)
        if j is None or j.rating == NA_KEY:
            continue
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
    for ref, a in c.numbered_actions(b):
        if a.status == "dropped":
            continue
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
