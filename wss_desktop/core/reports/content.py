"""What a report says, worked out from the review before any layout happens.

Kept apart from the PDF code so that the reporting screen can show the same drafted
paragraphs in its editing boxes that the PDF would print.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..frameworks import NA_KEY, Area, Statement
from ..model import Action, ActionStatus, Evidence, EvidenceKind, ReportKind, ReviewBundle
from .options import ReportPhoto
from .tone import tone
from .text import join_words, plural, uk_date


def statements_in_scope(b: ReviewBundle) -> list[Statement]:
    scope = set(b.scope_area_ids())
    return [s for a in b.framework.areas if a.id in scope for s in a.statements]


def areas_in_scope(b: ReviewBundle) -> list[Area]:
    scope = set(b.scope_area_ids())
    return [a for a in b.framework.areas if a.id in scope]


def position(b: ReviewBundle, key: str | None) -> int | None:
    return b.framework.scale.position(key)


def school_rating(b: ReviewBundle, statement_id: str) -> str | None:
    sa = b.self_assessment(statement_id)
    if sa is None and b.framework.respondents:
        sa = b.self_assessment(statement_id, b.framework.respondents[0].id)
    return sa.rating if sa else None


def reviewer_rating(b: ReviewBundle, statement_id: str) -> str | None:
    j = b.judgements.get(statement_id)
    return j.rating if j else None


def typical(b: ReviewBundle, keys: list[str | None]) -> str | None:
    """The middle rating of a set (the lower middle when there are two), or None."""
    steps = sorted(p for p in (position(b, k) for k in keys) if p is not None)
    if not steps:
        return None
    return b.framework.scale.levels[statistics.median_low(steps)].key


def rating_text(b: ReviewBundle, key: str | None, none: str = "Not yet rated") -> str:
    if key is None:
        return none
    return b.framework.scale.label(key)


def numbered_actions(b: ReviewBundle) -> list[tuple[str, Action]]:
    """Actions numbered A1, A2 ... in the order they were agreed (the store keeps
    insertion order, which breaks ties between actions created in the same instant)."""
    ordered = sorted(b.actions, key=lambda a: a.created or "")
    return [(f"A{i}", a) for i, a in enumerate(ordered, 1)]


_PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}


def summary_actions(b: ReviewBundle) -> list[tuple[str, Action]]:
    """The actions a short report lists first: highest priority, then soonest due (an
    action with no priority or no date after those with one), each keeping its number
    from the action plan. Dropped actions are left out."""
    numbered = [(i, ref, a) for i, (ref, a) in enumerate(numbered_actions(b))
                if a.status != ActionStatus.DROPPED]
    numbered.sort(key=lambda t: (_PRIORITY_RANK.get(t[2].priority or "", 3),
                                 t[2].due or "9999-99-99", t[0]))
    return [(ref, a) for _, ref, a in numbered]


def further_actions(n: int) -> str:
    """The sentence under a shortened list of actions."""
    if n == 1:
        return "One further action is in the full report\u2019s action plan."
    return f"{n} further actions are in the full report\u2019s action plan."


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]*[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """The sentences of a text, each with its closing mark (a full stop after an
    abbreviation such as "e.g." followed by a small letter does not end one)."""
    s = " ".join(text.split())
    if not s:
        return []
    out, start = [], 0
    for m in _SENTENCE_END.finditer(s):
        out.append(s[start:m.start()].strip())
        start = m.end()
    out.append(s[start:].strip())
    return [x for x in out if x]


def whole_sentences(text: str, limit: int) -> str:
    """As many whole sentences from the start as fit in `limit` characters, and always
    the first one, so a point is never cut off mid-sentence."""
    kept: list[str] = []
    length = 0
    for sentence in sentences(text):
        extra = len(sentence) + (1 if kept else 0)
        if kept and length + extra > limit:
            break
        kept.append(sentence)
        length += extra
    return " ".join(kept)


def actions_by_statement(b: ReviewBundle,
                         numbered: list[tuple[str, Action]]) -> dict[str, list[tuple[str, Action]]]:
    found: dict[str, list[tuple[str, Action]]] = {}
    for ref, a in numbered:
        for sid in b.statements_of(a.id):
            found.setdefault(sid, []).append((ref, a))
    return found


def evidence_in_order(b: ReviewBundle) -> list[tuple[str, Evidence]]:
    refs = b.evidence_refs()
    order = {prefix: i for i, prefix in enumerate(k.prefix for k in EvidenceKind)}

    def key(e: Evidence) -> tuple[Any, ...]:
        ref = refs[e.id]
        prefix = ref.rstrip("0123456789")
        return (order.get(prefix, 99), prefix, int(ref[len(prefix):]))

    return [(refs[e.id], e) for e in sorted(b.evidence, key=key)]


def evidence_label(kind: str) -> str:
    try:
        return EvidenceKind(kind).label
    except ValueError:
        return kind.replace("-", " ").capitalize()


def is_open_status(status: str | None) -> bool:
    return status in (None, ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


def is_open(a: Action) -> bool:
    return is_open_status(a.status)


def status_text(status: str | None) -> str:
    status = status or ActionStatus.NOT_STARTED.value
    return {"not-started": "Not started", "in-progress": "In progress", "done": "Done",
            "dropped": "Dropped"}.get(status, status.replace("-", " ").capitalize())


# --- learning walk ------------------------------------------------------------------

@dataclass
class WalkSummary:
    visits: list[tuple[str, Evidence]]
    per_area: list[tuple[Area, int]]
    look_fors: list[tuple[str, int]]
    pupil_words: list[tuple[str, str]]   # (ref, quote)


def learning_walk(b: ReviewBundle) -> WalkSummary:
    refs = b.evidence_refs()
    visits = [(refs[e.id], e) for e in b.evidence if e.kind == EvidenceKind.LEARNING_WALK]
    visits.sort(key=lambda v: (v[1].date or "", v[1].start or "", v[0]))
    area_of = {s.id: s.area_id for s in b.framework.statements()}
    per_area_count: Counter[str] = Counter()
    for _, e in visits:
        touched = set(b.areas_of(e.id)) | {area_of[s] for s in b.statements_of(e.id) if s in area_of}
        per_area_count.update(touched)
    per_area = [(a, per_area_count[a.id]) for a in areas_in_scope(b)]
    seen: Counter[str] = Counter()
    for _, e in visits:
        seen.update({lf.strip() for lf in e.look_fors if lf.strip()})
    return WalkSummary(
        visits=visits, per_area=per_area,
        look_fors=sorted(seen.items(), key=lambda kv: (-kv[1], kv[0].casefold())),
        pupil_words=[(ref, e.pupil_voice.strip()) for ref, e in visits if e.pupil_voice.strip()])


# --- drafted paragraphs -------------------------------------------------------------

def _ranked(b: ReviewBundle, field: str, best_first: bool) -> list[tuple[Statement, str]]:
    """Statements with text in `field`, strongest (or weakest) reviewer rating first."""
    rows = []
    for s in statements_in_scope(b):
        j = b.judgements.get(s.id)
        if not j or not getattr(j, field).strip() or j.rating == NA_KEY:
            continue
        if field == "strengths":
            said = tone(j.strengths)
            if said.weakness >= 1 and said.weakness > said.praise:
                continue   # weakness typed as a strength is not "what is working well"
        pos = position(b, j.rating)
        rank = -1 if pos is None else pos
        rows.append((-rank if best_first else rank, s, getattr(j, field)))
    rows.sort(key=lambda r: (r[0], _order(b, r[1].id)))
    return [(s, text) for _, s, text in rows]


def _order(b: ReviewBundle, statement_id: str) -> int:
    order = _ORDER.get(id(b.framework))
    if order is None or order[0] is not b.framework:
        order = (b.framework, {s.id: i for i, s in enumerate(b.framework.statements())})
        _ORDER[id(b.framework)] = order
    return order[1].get(statement_id, len(order[1]))


# Statement positions per framework object (frameworks are frozen, and few).
_ORDER: dict[int, tuple[object, dict[str, int]]] = {}


def _bullets_by_area(b: ReviewBundle, items: list[tuple[Statement, str]], limit: int) -> list[str]:
    """At most one point per area, so a summary covers the school rather than one corner."""
    used: set[str] = set()
    chosen = []
    for s, text in items:
        if s.area_id in used:
            continue
        used.add(s.area_id)
        chosen.append((s, text))
        if len(chosen) == limit:
            break
    chosen.sort(key=lambda st: _order(b, st[0].id))
    return [f"- {' '.join(text.split())} ({s.id})" for s, text in chosen]


def default_paragraphs(b: ReviewBundle, limit: int = 6) -> dict[str, str]:
    """The summary paragraphs drafted from the judgements, before the reviewer edits them."""
    r = b.review
    fw = b.framework
    judged = [s for s in statements_in_scope(b) if s.id in b.judgements]
    who = join_words([p.name for p in b.reviewers]) or "the reviewer"
    visit = f" on {uk_date(r.date_visit)}" if r.date_visit else ""
    overview = [f"This report sets out what {who} found when looking at provision for pupils "
                f"with SEND at {r.school_name}{visit}. The review used {framework_name(b)} and "
                f"covered {scope_words(b)}. It is a reflection, not an inspection: its purpose is to "
                f"recognise what is working and to agree the next steps together."]
    if fw.scale.rated and judged:
        counts = Counter(b.judgements[s.id].rating for s in judged
                         if b.judgements[s.id].rating not in (None, NA_KEY))
        parts = [f"{plural(counts[lv.key], 'statement')} {lv.label.lower()}"
                 for lv in fw.scale.levels if counts[lv.key]]
        if parts:
            overview.append(f"Of the {plural(len(judged), 'statement')} the reviewers "
                            f"judged, they rated {join_words(parts)}.")
    if not judged:
        overview.append("No judgements have been recorded yet, so the findings below are "
                        "still to be written.")
    strengths = _bullets_by_area(b, _ranked(b, "strengths", best_first=True), limit)
    development = _bullets_by_area(b, _ranked(b, "consider", best_first=False), limit)
    next_steps = []
    if b.actions:
        next_steps.append(f"The school and the reviewers have agreed "
                          f"{plural(len(b.actions), 'action')}, set out in the action plan "
                          f"with an owner, a date and how success will be seen.")
    else:
        next_steps.append("The actions that follow from these findings are still to be agreed "
                          "with the school.")
    if r.date_next_review:
        next_steps.append(f"The next review is planned for {uk_date(r.date_next_review)}.")
    return {
        "overview": " ".join(overview),
        "strengths": "\n".join(strengths) if strengths else
        "Strengths will be summarised here once judgements are written.",
        "development": "\n".join(development) if development else
        "Areas for development will be summarised here once judgements are written.",
        "next_steps": " ".join(next_steps),
    }


def paragraphs(b: ReviewBundle, edited: dict[str, str]) -> dict[str, str]:
    """The drafted paragraphs with the reviewer's edits laid over them."""
    drafted = default_paragraphs(b)
    return {key: (edited.get(key) or "").strip() or drafted[key] for key in drafted}


def linked_statements(b: ReviewBundle, source_id: str) -> list[str]:
    ids = b.statements_of(source_id)
    return sorted(ids, key=lambda sid: _order(b, sid))


def report_photos(b: ReviewBundle, path_of: Callable[[str], Path],
                  bytes_of: Callable[[str], bytes] | None = None) -> tuple[ReportPhoto, ...]:
    """The review's stored photos as report photos, captioned with their evidence reference.

    `path_of(photo_id)` gives the file (Workspace.photo_path) and `bytes_of(photo_id)` its
    decrypted bytes (Workspace.photo_bytes), so this module needs no knowledge of where
    attachments live or how they are kept.
    """
    refs = b.evidence_refs()
    out = []
    for photo in sorted(b.photos, key=lambda p: (refs.get(p.evidence_id, ""), p.created or "",
                                                 p.id)):
        ref = refs.get(photo.evidence_id)
        caption = " \u00b7 ".join(x for x in (ref, photo.caption.strip()) if x)
        load = (lambda pid=photo.id: bytes_of(pid)) if bytes_of is not None else None
        out.append(ReportPhoto(str(path_of(photo.id)), caption, load))
    return tuple(out)


# --- wording that reads as a person would write it ----------------------------------

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_words(n: int) -> str:
    """Small numbers in words, as a report written by hand would have them."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def counted(n: int, one: str, many: str | None = None) -> str:
    return f"{number_words(n)} {one if n == 1 else (many or one + 's')}"


def framework_name(b: ReviewBundle) -> str:
    """The framework as a sentence names it: "the SEND Review Guide"."""
    name = b.framework.name.strip()
    return name if name.casefold().startswith("the ") else f"the {name}"


def scope_words(b: ReviewBundle) -> str:
    """"all eight of its areas" or "three of its eight areas"."""
    scope, total = len(areas_in_scope(b)), len(b.framework.areas)
    if scope == total:
        return "its one area" if total == 1 else f"all {number_words(total)} of its areas"
    return f"{number_words(scope)} of its {counted(total, 'area')}"


_EVIDENCE_NOUNS = {
    EvidenceKind.LEARNING_WALK: ("learning-walk visit", "learning-walk visits"),
    EvidenceKind.MEETING: ("meeting", "meetings"),
    EvidenceKind.DOCUMENT: ("document", "documents"),
    EvidenceKind.DATA: ("set of school data", "sets of school data"),
    EvidenceKind.PUPIL_VOICE: ("pupil voice session", "pupil voice sessions"),
    EvidenceKind.PARENT_VOICE: ("conversation with parents", "conversations with parents"),
    EvidenceKind.STAFF_VOICE: ("staff voice session", "staff voice sessions"),
    EvidenceKind.BOOK_LOOK: ("book look", "book looks"),
}


def evidence_counts(b: ReviewBundle) -> str:
    """"eight learning-walk visits, two meetings and one set of school data"."""
    counts = Counter(e.kind for e in b.evidence)
    return join_words([counted(counts[k.value], *_EVIDENCE_NOUNS[k])
                       for k in EvidenceKind if counts.get(k.value)])


def unlinked_statements(b: ReviewBundle) -> list[str]:
    """Judged statements (not marked not applicable) that cite no evidence."""
    out = []
    for s in statements_in_scope(b):
        j = b.judgements.get(s.id)
        if j is None or j.rating == NA_KEY:
            continue
        if (j.rating or j.strengths.strip() or j.consider.strip()) and \
                not b.evidence_for_statement(s.id):
            out.append(s.id)
    return out


def unlinked_note(b: ReviewBundle) -> str:
    """One sentence for the findings section instead of a line under each statement."""
    ids = unlinked_statements(b)
    if not ids:
        return ""
    if len(ids) == 1:
        return (f"Statement {ids[0]} has no evidence linked yet; the others cite theirs "
                f"beneath each finding.")
    return (f"{len(ids)} statements have no evidence linked yet ({', '.join(ids)}); the "
            f"others cite theirs beneath each finding.")


def walk_adults(e: Evidence) -> str:
    """Who was in the room, from what was recorded (an unticked box is not a "no")."""
    parts = []
    if e.teacher_present:
        parts.append("Teacher")
    if e.tas:
        parts.append(plural(e.tas, "TA"))
    elif e.tas == 0 and e.teacher_present:
        parts.append("no TA")
    if e.teacher_present is False:
        parts.append("no teacher")
    if not parts:
        return "No adults recorded" if e.tas == 0 and e.teacher_present is False else "Not recorded"
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def walk_adults_sentence(w: WalkSummary) -> str:
    """How many visits had a teacher, and how many a TA, each counted over the visits
    where it was noted (an unticked box is not a "no")."""
    total = len(w.visits)

    def over(recorded: int) -> str:
        if recorded == 1:
            return "the one visit where this was noted" if total > 1 else "the visit"
        return (f"{number_words(recorded)} visits" if recorded == total else
                f"{number_words(recorded)} visits where this was noted")

    def part(values: list[bool], who: str) -> str:
        if not values:
            return ""
        n = sum(values)
        if len(values) == 1:
            return f"{who} was {'' if n else 'not '}present in {over(1)}"
        if n == 0:
            return f"{who} was not present in any of the {over(len(values))}"
        if n == len(values):
            return f"{who} was present in all {over(len(values))}"
        return f"{who} was present in {number_words(n)} of the {over(len(values))}"

    teacher = part([bool(e.teacher_present) for _, e in w.visits if e.teacher_present is not None],
                   "a teacher")
    ta = part([bool(e.tas) for _, e in w.visits if e.tas is not None],
              "a teaching assistant or other adult")
    said = "; ".join(x for x in (teacher, ta) if x)
    if not said:
        return "Who was in the room was not recorded."
    return said[0].upper() + said[1:] + "."


# Short names for the running header of each kind, so the school's name has room.
SHORT_KIND = {
    ReportKind.FULL: "Review report",
    ReportKind.SUMMARY: "Summary",
    ReportKind.SELF_EVALUATION: "Self-evaluation",
    ReportKind.FOLLOW_UP: "Follow-up",
}


def running_header(school: str, kind: ReportKind, fits: Callable[[str], bool]) -> str:
    """"School · Review report", with the school's name shortened at a word (never the
    kind of report) when the whole line would not fit."""
    tail = " \u00b7 " + SHORT_KIND[ReportKind(kind)]
    name = " ".join(school.split())
    if fits(name + tail):
        return name + tail
    words_ = name.split(" ")
    while len(words_) > 1:
        words_.pop()
        candidate = " ".join(words_).rstrip(",;:-") + "\u2026" + tail
        if fits(candidate):
            return candidate
    return SHORT_KIND[ReportKind(kind)]


def header_lines(school: str, kind: ReportKind, statuses: tuple[str, ...], width: float,
                 measure: Callable[[str], float], max_lines: int = 2) -> list[tuple[str, str]]:
    """The running header as lines of (left, right) text, each at most `width` wide.

    "School · Summary" at the left and the status at the right, on one line where they
    fit. Otherwise the school's whole name is wrapped at words with the kind after it,
    and the status sits at the right of the last line, of the first, or on a line of
    its own, whichever needs fewest lines. `statuses` are ways of saying the status,
    longest first: a shorter one is used where the name would not fit whole beside a
    longer one. Only a name too long for `max_lines` lines even then is shortened at a
    word (with "…"); the kind is never shortened."""
    kind_text = SHORT_KIND[ReportKind(kind)]

    def wrap(words_: list[str], first: float) -> list[str] | None:
        lines: list[str] = []
        for word in words_:
            if lines and measure(lines[-1] + " " + word) <= (first if len(lines) == 1 else width):
                lines[-1] += " " + word
            else:  # the kind starts a line without its dot
                lines.append(word.removeprefix("\u00b7 "))
        if any(measure(line) > (first if i == 0 else width) for i, line in enumerate(lines)):
            return None
        return lines

    def layout(words_: list[str], cut: bool, status: str) -> list[tuple[str, str]] | None:
        beside = width - measure("\u2003\u2003") - measure(status)  # room left of the status
        tail = ["\u00b7 " + kind_text]
        if cut:
            words_ = words_[:-1] + [words_[-1].rstrip(",;:-") + "\u2026"]
        options = []
        last = wrap(words_ + tail, width)  # the status after the last line
        if last is not None:
            if measure(last[-1]) <= beside:
                options.append([(line, "") for line in last[:-1]] + [(last[-1], status)])
            else:
                options.append([(line, "") for line in last] + [("", status)])
        first = wrap(words_ + tail, beside)  # the status beside the first line
        if first is not None:
            options.append([(first[0], status)] + [(line, "") for line in first[1:]])
        options = [o for o in options if len(o) <= max_lines]
        return min(options, key=len) if options else None

    words_ = " ".join(school.split()).split(" ") if school.strip() else []
    for status in statuses:
        found = layout(words_, False, status)
        if found is not None:
            return found
    status = statuses[-1]
    while len(words_) > 1:
        words_ = words_[:-1]
        found = layout(words_, True, status)
        if found is not None:
            return found
    return [(kind_text, status)]
