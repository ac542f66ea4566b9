"""Does a finding's text praise or describe weakness? A small lexicon of our own.

The consistency check asks this of each judgement so that a rating which pulls against
its own words ("Enhanced", over "routines are weak and inconsistent") can be shown to
the reviewer. It is deliberately simple, so a reviewer can predict it and it runs
offline with no model to download:

- the text is split into sentences, and each sentence into clauses at commas,
  semicolons and "but";
- a sentence that starts with an instruction ("Share ...", "Make sure ...", "Consider
  ...") is advice for next time, not a description, and counts neither way;
- words of praise ("strong", "consistent", "used well") and of weakness ("weak",
  "patchy", "removed from lessons") are counted per clause;
- "not", "never", "no", "without", "less", "lack of" ... turn the next cue word within
  a few words the other way ("not consistent" is weakness, "no pupils were excluded"
  is praise); a negative with no cue word after it ("we have not started") is weakness;
- where something unwanted moves ("exclusions have fallen", "rising absence"), the
  direction decides: down is good news, up is bad;
- a clause that limits itself to part of the school ("in Year 6", "some pupils", "a
  few plans") counts half: a development point of that kind sits happily beside a high
  rating.

Words are read with Unicode letters kept whole, so names such as "Dvořák" or "Zoë"
are one word each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSE_RE = re.compile(r"[,;:\u2013\u2014]|\bbut\b|\bwhile\b|\balthough\b|\bthough\b|\bhowever\b|\byet\b(?!\s)")

POSITIVE = frozenset("""
strong strongly strength strengths effective effectively excellent exceptional exceptionally
outstanding exemplary consistent consistently clear clearly confident confidently thorough
thoroughly embedded secure securely good calm orderly warm warmly valued value values skilled
knowledgeable precise precision timely robust rigorous rigorously improved improving risen
rising enjoy enjoys enjoyed happy thrive thrives thriving impressive successful successfully
accurate accurately careful carefully settled welcoming praised inclusive purposeful engaged
enthusiastic proud promptly quick quickly organised sharp focused caring committed regarded
fully well-led well-organised well-planned high-quality excellently positive positively
""".split())

NEGATIVE = frozenset("""
weak weaker weakest weakness weaknesses inconsistent inconsistently poor poorly lacking lacks
absent missing ineffective unclear unsure rarely seldom patchy limited insufficient
inadequate disorganised chaotic removed removal removals excluded exclusion exclusions
suspended suspension suspensions declined declining decline fell fallen falling worse
worsening struggle struggles struggled struggling fail fails failed failing confused
confusion unaware hard difficult disrupted disruption disruptive unsafe outdated overdue late
behind slow slower concern concerns concerning worried worry worries unmet unhappy vague
superficial tokenistic problem problems cancelled gave neglected nothing nobody none missed
""".split())

# Negatives that are weaker cues (one mention is not a description of weakness).
_SOFT = frozenset({"hard", "difficult", "behind", "slow", "slower", "concern", "concerns",
                   "gave", "late", "limited", "none", "nothing", "nobody"})

NEGATORS = frozenset("""
not no never without hardly nor less fewer lack cannot don't doesn't isn't aren't wasn't
weren't can't couldn't won't hasn't haven't hadn't didn't shouldn't
""".replace("'", "\u2019").split()) | frozenset("""
don't doesn't isn't aren't wasn't weren't can't couldn't won't hasn't haven't hadn't didn't
shouldn't""".split())

# Phrases that mean weakness whatever words surround them.
_NEG_PHRASES = (
    (re.compile(r"\b(?:have|has|had)?\s*not\s+(?:yet\s+)?(?:started|begun)\b"), 2.0),
    (re.compile(r"\bnot\s+(?:yet\s+)?in\s+place\b"), 2.0),
    (re.compile(r"\bnothing\s+(?:is\s+)?in\s+place\b"), 2.0),
    (re.compile(r"\bout\s+of\s+date\b"), 1.0),
    (re.compile(r"\bfar\s+too\b|\btoo\s+(?:hard|difficult|few|little|late|slow)\b"), 1.0),
    (re.compile(r"\bleft\s+out\b|\bgave\s+up\b"), 1.0),
    (re.compile(r"\bno\s+(?:evidence|way|information|record|records|plan|plans)\b"), 1.0),
)
_POS_PHRASES = (
    (re.compile(r"\bup\s+to\s+date\b"), 1.0),
    (re.compile(r"\b(?:used|led|planned|organised|attended|matched|received|known|placed)\s+"
                r"(?:very\s+)?well\b"), 1.0),
    (re.compile(r"\bat\s+the\s+heart\b"), 1.0),
)

# Words that start a sentence of advice rather than description.
ADVICE = frozenset("""
share add check extend use plan involve record keep look ask run agree review think choose
start give name support move capture adopt continue develop ensure introduce build embed make
consider create set provide explore link train invite offer find bring update monitor
establish encourage seek reduce increase spread revisit focus put write publish map audit
clarify prioritise strengthen refine sharpen complete try let compare talk
""".split())

# Words that say a clause is about part of the school, not all of it.
SCOPE_RE = re.compile(
    r"\b(?:years?\s+\d|key\s+stage|ks\d|reception|nursery|eyfs|early\s+years|upper|lower|older|"
    r"younger|some|several|a\s+few|one|two|three|a\s+small|in\s+places|at\s+times|sometimes|"
    r"not\s+always|in\s+the\s+best|most|mostly|largely)\b")

_WINDOW = 4
_UNWANTED = frozenset("""exclusion exclusions suspension suspensions absence absences incidents
removals complaints lateness""".split())
_DOWN = frozenset("""fallen fell falling declined declining decreased decreasing reduced reducing
dropped dropping lower fewer""".split())
_UP = frozenset("""risen rising rose increased increasing higher grown growing""".split())
_NEED_RE = re.compile(r"\b(?:pupils|children|learners|students|families|parents|those|ones|anyone)"
                      r"\s+who\b[^,;]*")
_NONE_RE = re.compile(r"\s*(?:not\s+(?:a\s+single|one)|no\s+one|none\s+of|nobody|no\s+\w+\s+(?:has|have|was|were))\b")


@dataclass(frozen=True)
class Tone:
    """How much a text praises and how much it describes weakness, with the clause that
    says each most plainly (to quote back to the reviewer)."""

    praise: float = 0.0
    weakness: float = 0.0
    praise_quote: str = ""
    weakness_quote: str = ""

    def __add__(self, other: "Tone") -> "Tone":
        return Tone(self.praise + other.praise, self.weakness + other.weakness,
                    self.praise_quote or other.praise_quote,
                    self.weakness_quote or other.weakness_quote)


def words(text: str) -> list[str]:
    """The words of a text in lower case, with letters of every language kept whole."""
    return [w.casefold().replace("\u2019", "'") for w in WORD_RE.findall(text)]


def is_advice(sentence: str) -> bool:
    first = words(sentence[:40])
    if not first:
        return False
    if first[0] in ADVICE:
        return True
    lowered = sentence.casefold()
    # "With numbers rising, check ..." and "In Year 6, give families ...": advice after a lead-in
    lead, _, rest = lowered.partition(",")
    rest_words = words(rest)
    return bool(rest_words) and rest_words[0] in ADVICE and len(words(lead)) <= 8


def clause_tone(clause: str) -> tuple[float, float]:
    # "pupils who are falling behind" names a need the school meets, not a weakness of it
    lowered = _NEED_RE.sub(" ", clause.casefold().replace("\u2019", "'"))
    pos = sum(weight for rx, weight in _POS_PHRASES if rx.search(lowered))
    neg = sum(weight for rx, weight in _NEG_PHRASES if rx.search(lowered))
    tokens = words(lowered)
    # "exclusions have fallen" is good news and "rising exclusions" bad: where a clause
    # says which way something unwanted moved, the pair counts once, that way
    used: set[int] = set()
    for n, w in enumerate(tokens):
        if w not in _UNWANTED:
            continue
        near = [k for k in (n - 1, *range(n + 1, n + 7)) if 0 <= k < len(tokens)]
        down = next((k for k in near if tokens[k] in _DOWN), None)
        up = next((k for k in near if tokens[k] in _UP), None)
        if down is not None:
            pos += 1.0
            used.update((n, down))
        elif up is not None:
            neg += 1.0
            used.update((n, up))
    i = 0
    while i < len(tokens):
        w = tokens[i]
        if i in used:
            i += 1
            continue
        if w in NEGATORS:
            # "not a single pupil was excluded": the negator turns the next cue around
            for j in range(i + 1, min(len(tokens), i + 1 + _WINDOW + (w == "no") * 2)):
                if tokens[j] in POSITIVE:
                    neg += 1.0
                    break
                if tokens[j] in NEGATIVE:
                    pos += 1.0
                    break
                if tokens[j] in NEGATORS or tokens[j] in ("and", "or"):
                    j = -1
                    break
            else:
                j = -1
            if j < 0:
                if w not in ("no", "less", "fewer", "nor", "without"):
                    neg += 1.0   # "we have not asked pupils", "teachers do not lead reviews"
                i += 1
                continue
            i = j + 1
            continue
        if w in POSITIVE and not (w == "value" and i and tokens[i - 1] in ("for", "of")):
            pos += 1.0
        elif w in NEGATIVE:
            neg += 0.5 if w in _SOFT else 1.0
        elif w == "well" and i and tokens[i - 1] not in ("as",) and (
                i + 1 >= len(tokens) or tokens[i + 1] != "as"):
            pos += 1.0
        i += 1
    if _NONE_RE.match(lowered):
        # "Not a single family felt left out": the opening turns the whole clause around
        pos, neg = pos + neg, 0.0
    if neg and SCOPE_RE.search(lowered):
        neg *= 0.5
    return pos, neg


def tone(text: str) -> Tone:
    """The praise and weakness a text describes (advice sentences left out)."""
    total = Tone()
    for sentence in _SENTENCE_RE.split(text.strip()):
        if not sentence.strip() or is_advice(sentence):
            continue
        for clause in _CLAUSE_RE.split(sentence):
            if not clause or not clause.strip():
                continue
            pos, neg = clause_tone(clause)
            quote = " ".join(sentence.split())
            total = total + Tone(pos, neg, quote if pos > neg else "",
                                 quote if neg > pos and neg >= 1 else "")
    return total
