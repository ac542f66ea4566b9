"""Anonymised copies of finished reviews, to share as worked examples.

`preview` shows every text before and after, so the user can check it; `anonymise`
makes the copy as an ordinary review (origin "anonymised", source_review_id set),
through the same Workspace calls as typing, so it can be reported, exported or
synced like any other; `export_json` writes a copy as JSON.

What changes:
- the school becomes "School A", and its trust or local authority "Trust A" or
  "Local authority A". Letters are handed out per distinct school (and trust) among
  the anonymised copies in the database and kept: a second copy of the same school's
  review (or of its review next year) is "School A" again, another school "School B";
- the URN is removed; reviewers become "Reviewer 1", "Reviewer 2" (in the order
  they were added) and their organisations "Trust A" or "Organisation A";
- people are replaced wherever they appear: every name held in a field (reviewers,
  who asked for the review, action owners, follow-up visitors, who gave feedback,
  the visit timetable's people, who checked a report), and names found in the text
  beside a role ("the SENCO, Jo Bloggs", "Jo Bloggs (headteacher)") or a title
  ("Mrs Patel"). A person whose role is known becomes their role ("the SENCO");
  others become "Person A", "Person B". First names and surnames on their own are
  replaced too, so "Zoë said" reads "The SENCO said";
- pupils' initials ("J.T.", "(R.M.)") and codes ("Pupil A", "child 3") become
  "a pupil"; e-mail addresses and telephone numbers are removed;
- surveys come too, each still the evidence it became, with the same answers; their
  comments are anonymised like every other text, the returns file's name and
  fingerprint are dropped, and individual answer sheets get plain codes
  ("teacher-1"). The school's data in depth is copied figure for figure, and the
  end-of-visit feedback with its people by role;
- photos, moderators' comments, issued PDFs and the branding choice are not copied.

Dates are kept as they are: a worked example reads more naturally with its real
timeline, and with the school, trust and people gone a date alone does not point
at a school.

No automatic check can promise that nothing identifying is left (a name written
with no role beside it and never entered in a field cannot be told from an
ordinary word), which is why the preview comes first.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import surveys
from .errors import InputError
from .files import check_target, save_bytes
from .export import bundle_json
from .model import (ActionStatus, Review, report_draft_id, RespondentAnswers, ReviewBundle, ReportDraft,
                    ReportKind, Stage, StageStatus, Survey)
from .overview import ANONYMISED, school_key
from .subject import member_labels
from .workspace import Workspace

# --- what names look like -----------------------------------------------------------

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper())
_TOKEN = rf"[{_UPPER}][^\W\d_]*(?:['’-][^\W\d_]+)*"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|del|la|le|bin|ibn|al|ap)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,3}}"
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame")
_TITLE = rf"(?:{'|'.join(_TITLES)})\.?"

_ROLES = sorted([
    "headteacher", "head teacher", "executive headteacher", "head of school", "principal",
    "deputy headteacher", "deputy head", "assistant headteacher", "assistant head",
    "senco", "sendco", "inclusion lead", "inclusion manager", "send lead", "send governor",
    "chair of governors", "governor", "class teacher", "teacher", "teaching assistant", "ta",
    "hlta", "learning mentor", "family support worker", "phase leader", "subject leader",
    "key stage leader", "pastoral lead", "attendance officer", "educational psychologist",
    "speech and language therapist", "therapist", "parent", "mum", "dad", "mother", "father",
    "carer", "grandparent", "ceo", "business manager", "office manager", "dsl", "clerk",
    "lead reviewer", "reviewer", "moderator", "trust lead",
], key=len, reverse=True)
_ROLE = "(?i:" + "|".join(re.escape(r) for r in _ROLES) + ")"

# Capitalised words that are not names, even beside a role or in a name-like field.
_NOT_NAMES = {w.casefold() for w in """
The This That These Those Our We I He She They It In On At For From With And But Or A An All
Each Every Some Most Key Stage Year Years Reception Nursery Term Autumn Spring Summer January
February March April May June July August September October November December Monday Tuesday
Wednesday Thursday Friday Saturday Sunday SEN SEND SENCO SENDCO EHC EHCP TA TAs HLTA INSET CPD
School Schools Trust Council Academy English Maths Mathematics Science History Geography Art
Music PE RE PSHE Computing French Spanish Phonics Reading Writing Support Plan Plans Network
Team Nest Head Headteacher Deputy Assistant Governor Governors Parent Parents Carer Carers
Teacher Teachers Pupil Pupils Class Lead Leader Leaders Not No Yes Also Then When After Before
During Today Please Thank Thanks Report Review Reviewer Reviewers Action Actions UK England
Local Authority Ofsted Speech Language Therapist Therapy Learning Mentor Family Worker Phase
Subject Inclusion Chair Office Business Manager Clerk Moderator Principal Executive Staff
Everyone Leadership SLT Board Committee Person Organisation Owner Tbc TBC None Unknown Visit
Meeting Walk Voice Group Lead Senior Middle Early Upper Lower KS1 KS2 KS3 KS4 DSL CEO
""".split()}
_ROLE_WORDS = {w.casefold() for r in _ROLES for w in r.split()}

_SCHOOL_WORDS = {w.casefold() for w in """
Primary School Academy Infant Infants Junior Juniors Nursery Secondary High College Church of
England CE C E RC Catholic Community Free Special Learning Trust Multi Federation Council County
Borough City Metropolitan District Local Authority Services Service Inclusion Education
Partnership St Saint The and Village Sixth Form Centre Unit Schools Academies Foundation
Diocese Diocesan MAT LA
""".split()}

_ACRONYMS = {"TA", "TAS", "SEN", "SEND", "EHC", "EHCP", "SLT", "PE", "RE", "DT", "IT", "ICT",
             "KS1", "KS2", "KS3", "KS4", "LA", "MAT", "EP", "SALT", "OT", "ASD", "ADHD", "SEMH",
             "SLCN", "MLD", "SLD", "PMLD", "HI", "VI", "PD", "ASC", "DSL", "PSHE", "EYFS", "CPD",
             "UK", "NHS", "SENCO", "GCSE", "BSL", "AAC", "PECS", "CAMHS", "HLTA", "LSA", "SATS",
             "PP", "FSM", "EAL", "CIN", "CLA", "LAC", "PEP", "IEP", "ILP", "SSP"}

_INITIALS_RE = re.compile(
    r"(?:(?i:\b(?:the\s+)?(?:pupil|child|student)\s+))?"
    r"(?<![\w.])[A-Z]\.\s?[A-Z]\.?(?:\s?[A-Z]\.)?(?![\w])")
_BARE_INITIALS_RE = re.compile(r"\(([A-Z]{2,3})\)")
_CODE_RE = re.compile(r"(?:(?i:\bthe\s+))?\b(?i:pupil|child|student)\s+(?:[A-Z]{1,2}|\d{1,3})\b(?![.'’-]\w)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"(?<![\w])(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w])")

_ROLE_BEFORE_RE = re.compile(rf"\b{_ROLE}\b(?:,|:)?\s+(?:{_TITLE}\s+)?(?P<name>{_NAME})")
_NAME_ROLE_RE = re.compile(rf"(?P<name>{_NAME}),\s+(?:(?i:the|our)\s+)?(?P<role>{_ROLE})\b")
_NAME_PAREN_RE = re.compile(rf"(?P<name>{_NAME})\s+\((?:(?i:the)\s+)?(?P<role>{_ROLE})\)")
_TITLED_RE = re.compile(rf"\b(?P<title>{_TITLE})\s+(?P<name>{_NAME})")


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as spreadsheet columns)."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _name_part(text: str) -> str | None:
    """The text as a person's name (title dropped), or None if it does not look like one."""
    words = text.split()
    if words and words[0].rstrip(".") in _TITLES:
        words = words[1:]
    if not words:
        return None
    tokens = [w for w in words if not re.fullmatch(_PARTICLE, w)]
    if not tokens or not all(re.fullmatch(_TOKEN, t) for t in tokens):
        return None
    if any(t.casefold() in _NOT_NAMES or t.casefold() in _ROLE_WORDS for t in tokens):
        return None
    return " ".join(words)


def _trim_name(found: str) -> str | None:
    """A name found in running text, cut at the first word that is not a name."""
    kept = []
    for word in found.split():
        if word.casefold() in _NOT_NAMES or word.casefold() in _ROLE_WORDS:
            break
        kept.append(word)
    while kept and re.fullmatch(_PARTICLE, kept[-1]):
        kept.pop()
    return " ".join(kept) or None


def split_person(value: str) -> tuple[str, list[str]]:
    """("Deputy headteacher, Priya Lindqvist") -> ("Deputy headteacher", ["Priya Lindqvist"])."""
    roles, names = [], []
    for part in re.split(r"\s*[,;/()]\s*|\s+[-–]\s+", value):
        part = part.strip()
        if not part:
            continue
        pieces = re.split(r"\s+(?:and|&)\s+", part)
        as_names = [_name_part(p) for p in pieces]
        if all(as_names):
            names += [n for n in as_names if n]
        else:
            roles.append(part)
    return ", ".join(roles), names


def _role_phrase(role: str) -> str:
    """How a role reads in a sentence: "Deputy headteacher" -> "the deputy headteacher"."""
    words = role.split()
    if words and not words[0].isupper() and words[0].casefold() in _ROLE_WORDS:
        words[0] = words[0].lower()
    return "the " + " ".join(words)


def _capitalise_at_start(text: str, start: int, replacement: str) -> str:
    before = text[:start].rstrip(" \t")
    if before.endswith("("):
        return replacement
    before = before.rstrip("\"'“‘ ")
    if not before or before.endswith((".", "!", "?", "\n", ":")):
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _is_trust(name: str) -> bool:
    """Whether a trust-or-LA name is a local authority rather than a trust."""
    return not re.search(r"(?i)\b(council|county|borough|local authority|city of|metropolitan)\b", name) \
        or bool(re.search(r"(?i)\btrust\b", name))


def _org_variants(name: str) -> list[str]:
    """The ways an organisation's name may be written: in full, without its generic
    words ("Hollinbrook Meadow"), and by its first distinctive word ("Hollinbrook")."""
    name = " ".join(name.split())
    out = [name]
    words = name.split()
    while words and words[-1].casefold().strip(".,") in _SCHOOL_WORDS:
        words.pop()
    while words and words[0].casefold() in ("the",):
        words.pop(0)
    if words and " ".join(words) != name:
        out.append(" ".join(words))
    if words and len(words[0]) >= 4 and words[0].casefold() not in _SCHOOL_WORDS:
        out.append(words[0])
    return out


# --- the plan ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TextChange:
    """One text of the review as it is and as the copy will have it."""

    where: str
    before: str
    after: str


@dataclass(frozen=True)
class AnonymisePreview:
    review_id: str
    school_label: str
    trust_label: str | None
    changes: tuple[TextChange, ...]
    left_out: tuple[str, ...]   # what the copy will not carry, in words


@dataclass
class _Person:
    name: str
    role: str = ""        # e.g. "Deputy headteacher"; empty when not known
    label: str = ""       # a fixed label ("Reviewer 1"), or "Person A" handed out at the end

    @property
    def in_text(self) -> str:
        """How a mention reads in a sentence: "the deputy headteacher", "Reviewer 1"."""
        return self.label or _role_phrase(self.role)

    @property
    def in_field(self) -> str:
        """What an owner or visitor field becomes: "Deputy headteacher", "Reviewer 1"."""
        return self.label or self.role[:1].upper() + self.role[1:]


class _Anonymiser:
    def __init__(self, b: ReviewBundle, school_label: str, trust_label: str | None):
        self.changes: list[TextChange] = []
        r = b.review
        self.urn = (r.urn or "").strip()
        self.orgs: dict[str, str] = {}
        for variant in _org_variants(r.school_name):
            self.orgs.setdefault(variant.casefold(), school_label)
        if r.trust_or_la and trust_label:
            for variant in _org_variants(r.trust_or_la):
                self.orgs.setdefault(variant.casefold(), trust_label)
        for name, label in zip(r.member_schools or [], member_labels(r.member_schools) or []):
            for variant in _org_variants(name):
                self.orgs.setdefault(variant.casefold(), label)
        others = 0
        for person in b.reviewers:
            org = (person.organisation or "").strip()
            if org and all(v.casefold() not in self.orgs for v in _org_variants(org)[:1]):
                for variant in _org_variants(org):
                    self.orgs.setdefault(variant.casefold(), f"Organisation {_letters(others)}")
                others += 1
        self.people: list[_Person] = []
        for i, person in enumerate(b.reviewers, 1):
            self._add(person.name, label=f"Reviewer {i}")
        for value in _person_fields(b):
            role, names = split_person(value)
            for name in names:
                self._add(name, role)
        for text in _texts(b):
            self._collect(text)
        self._compile()

    # people
    def _known(self, name: str) -> _Person | None:
        """The person this name is, or part of ("Mensah" of "Kwame Mensah")."""
        words = set(name.casefold().split())
        return next((p for p in self.people if words <= set(p.name.casefold().split())), None)

    def _add(self, name: str, role: str = "", label: str = "") -> None:
        name = " ".join(name.split())
        if not name:
            return
        known = self._known(name)
        if known is None:
            self.people.append(_Person(name, role, label))
        elif role and not known.role and not known.label:
            known.role = role  # first seen in a field with no role, later beside one

    def _collect(self, text: str) -> None:
        for pattern in (_ROLE_BEFORE_RE, _NAME_ROLE_RE, _NAME_PAREN_RE):
            for m in pattern.finditer(text):
                name = _trim_name(m.group("name"))
                if name:
                    role = m.groupdict().get("role")
                    if not role:
                        at = re.match(_ROLE, m.group(0))
                        assert at is not None  # only _ROLE_BEFORE_RE lacks the group; its match starts with _ROLE
                        role = at.group(0)
                    self._add(name, role)
        for m in _TITLED_RE.finditer(text):
            name = _trim_name(m.group("name"))
            if name:
                self._add(name)

    def _compile(self) -> None:
        others = 0
        for person in self.people:
            if not person.label and not person.role:
                person.label = f"Person {_letters(others)}"
                others += 1
        variants: dict[str, _Person] = {}
        for person in self.people:
            words = [w for w in person.name.split()
                     if w.rstrip(".") not in _TITLES and not re.fullmatch(_PARTICLE, w)]
            forms = [person.name, " ".join(words)]
            if len(words) > 2:
                forms.append(" ".join(words[1:]))
            for w in words:
                forms.append(w)
                forms += [part for part in re.split(r"['’-]", w) if len(part) >= 3]
            for form in forms:
                if len(form) >= 2 and form.casefold() not in _NOT_NAMES:
                    variants.setdefault(form, person)
        self._people_by_form = variants
        self._people_re = _alternation(variants, rf"(?:{_TITLE}\s+)?") if variants else None
        self._orgs_re = _alternation(self.orgs, "", ignore_case=True) if self.orgs else None

    # texts
    def plain(self, value: str | None) -> str:
        if not value:
            return value or ""
        text = value
        if self._orgs_re is not None:
            text = self._orgs_re.sub(lambda m: self.orgs[m.group("v").casefold()], text)
        if self.urn:
            text = re.sub(rf"(?<!\d){re.escape(self.urn)}(?!\d)", "[URN removed]", text)
        if self._people_re is not None:
            text = self._people_re.sub(self._person_sub, text)
        text = _EMAIL_RE.sub("[e-mail removed]", text)
        text = _PHONE_RE.sub("[telephone removed]", text)
        text = _INITIALS_RE.sub(self._pupil_sub, text)
        text = _CODE_RE.sub(self._pupil_sub, text)
        text = _BARE_INITIALS_RE.sub(
            lambda m: m.group(0) if m.group(1) in _ACRONYMS else "(a pupil)", text)
        return self._tidy(text)

    def _person_sub(self, m: re.Match[str]) -> str:
        person = self._people_by_form[m.group("v")]
        return _capitalise_at_start(m.string, m.start(), person.in_text)

    @staticmethod
    def _pupil_sub(m: re.Match[str]) -> str:
        return _capitalise_at_start(m.string, m.start(), "a pupil")

    def _tidy(self, text: str) -> str:
        """Undo doubled roles: "the SENCO, Zoë Hart, said" became "the SENCO, the SENCO, said"."""
        for phrase in {p.in_text for p in self.people if p.in_text.startswith("the ")}:
            role = re.escape(phrase[4:])
            text = re.sub(rf"(?i)\b({role}),?\s+the {role}\b(,(?=\s))?", r"\1", text)
            text = re.sub(rf"(?i)\b(the {role})\s+\((?:the\s+)?{role}\)", r"\1", text)
        return text

    def text(self, value: str | None, where: str) -> str:
        after = self.plain(value)
        if after != (value or ""):
            self.changes.append(TextChange(where, value or "", after))
        return after

    def person(self, value: str | None, where: str) -> str | None:
        """An owner-like field: the person's role, or their label when no role is given."""
        if not value or not value.strip():
            return value
        role, names = split_person(value)
        if not names:
            return self.text(value, where)
        if role:
            after = self.plain(role)
            after = after[:1].upper() + after[1:]
        else:
            known = [self._known(n) for n in names]
            after = ", ".join(p.in_field if p else "a person" for p in known)
        if after != value:
            self.changes.append(TextChange(where, value, after))
        return after


def _alternation(forms: Iterable[str], prefix: str, ignore_case: bool = False) -> re.Pattern[str]:
    ordered = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(f) for f in ordered)
    return re.compile(rf"(?<![\w]){prefix}(?P<v>{body})(?![\w])", re.IGNORECASE if ignore_case else 0)


def _person_fields(b: ReviewBundle) -> Iterator[str]:
    """Fields that hold a person (often "Role, Name")."""
    if b.review.requested_by:
        yield b.review.requested_by
    for a in b.actions:
        if a.owner:
            yield a.owner
    for v in b.followup_visits:
        if v.visitor:
            yield v.visitor
    if b.feedback and b.feedback.given_by:
        yield b.feedback.given_by
    for slot in b.visit_slots:
        if slot.people:
            yield from re.split(r"\s*;\s*|\s*\n\s*", slot.people)
    vf = b.verbal_feedback
    if vf is not None:
        if vf.given_by:
            yield vf.given_by
        yield from _present(vf.present)


def _present(value: str | None) -> list[str]:
    """Who was there, one person (or role) per part: "Jo Bloggs, SENCO; Headteacher"."""
    return [p for p in re.split(r"\s*;\s*|\s*\n\s*", value or "") if p.strip()]


def _survey_texts(s: Survey) -> Iterator[str]:
    questions, rows = surveys.stored(s)
    for row in rows:
        for x, value in zip(questions, row):
            if x.kind != "choice" and value:
                yield value


def _texts(b: ReviewBundle) -> Iterator[str]:
    """Every free text of the review, to look for names beside roles and titles."""
    r = b.review
    yield r.purpose
    for st in b.stages.values():
        yield st.notes
    for sa in b.self_assessments:
        yield sa.comment
        yield sa.evidence_note
    for j in b.judgements.values():
        yield j.strengths
        yield j.consider
    for e in b.evidence:
        yield from (e.title, e.text, e.support, e.pupil_voice, e.strengths, e.consider, e.room or "")
    for a in b.actions:
        yield from (a.title, a.success_criteria, a.impact)
    for n in b.action_notes:
        yield n.text
    for d in b.documents:
        yield from (d.title, d.notes)
    if b.snapshot:
        yield from (b.snapshot.notes, b.snapshot.national_note)
    for v in b.visit_slots:
        yield from (v.title, v.notes, v.people or "", v.place or "")
    for q in b.questions:
        yield from (q.text, q.answer)
    yield from b.previsit.values()
    for fv in b.followup_visits:
        yield from (fv.notes, fv.next_steps)
    for c in b.action_checks:
        yield c.comment
    if b.feedback:
        yield from (b.feedback.went_well, b.feedback.could_be_better)
    for survey in b.surveys:
        yield survey.title
        yield from _survey_texts(survey)
    if b.verbal_feedback:
        yield from (b.verbal_feedback.said, b.verbal_feedback.agreed)


# --- labels that stay the same across copies ------------------------------------------------

def _trust_key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def _labels(ws: Workspace, review: Review) -> tuple[str, str | None]:
    """The school's and the trust's labels: the ones an earlier copy gave them, or the next free."""
    copies = ws.store.records(Review, origin=ANONYMISED, include_deleted=True)
    school, trust = None, None
    used_schools: set[str] = set()
    used_trusts: dict[str, set[str]] = {"Trust": set(), "Local authority": set()}
    key, tkey = school_key(review), _trust_key(review.trust_or_la)
    for copy in copies:
        m = re.fullmatch(r"School ([A-Z]+)", copy.school_name or "")
        if m:
            used_schools.add(m.group(1))
        t = re.fullmatch(r"(Trust|Local authority) ([A-Z]+)", copy.trust_or_la or "")
        if t:
            used_trusts[t.group(1)].add(t.group(2))
        source = ws.store.get(Review, copy.source_review_id or "", include_deleted=True)
        if source is None:
            continue
        if school is None and m and school_key(source) == key:
            school = copy.school_name
        if trust is None and t and tkey and _trust_key(source.trust_or_la) == tkey:
            trust = copy.trust_or_la
    if school is None:
        school = "School " + _next_letter(used_schools)
    if trust is None and tkey:
        kind = "Trust" if _is_trust(review.trust_or_la or "") else "Local authority"
        trust = f"{kind} {_next_letter(used_trusts[kind])}"
    return school, trust


def _next_letter(used: set[str]) -> str:
    n = 0
    while _letters(n) in used:
        n += 1
    return _letters(n)


# --- the copy ----------------------------------------------------------------------------

def _anonymised(ws: Workspace, review_id: str) -> tuple[ReviewBundle, _Anonymiser, list[str]]:
    """The review with every text anonymised, in memory; and what is left out."""
    b = ws.bundle(review_id)
    if b.review.origin == ANONYMISED:
        raise InputError("This review is already an anonymised copy; anonymise the original "
                         "review instead.")
    school_label, trust_label = _labels(ws, b.review)
    an = _Anonymiser(b, school_label, trust_label)
    r = b.review
    refs = b.evidence_refs()
    action_refs = {a.id: f"A{i}" for i, a in enumerate(sorted(b.actions, key=lambda a: a.created or ""), 1)}
    rep = dataclasses.replace
    review = rep(r, school_name=school_label, urn=None, trust_or_la=trust_label,
                 member_schools=member_labels(r.member_schools),
                 requested_by=an.person(r.requested_by, "Requested by"),
                 purpose=an.text(r.purpose, "Purpose of the review"))
    an.changes[:0] = [TextChange(where, before, after or "(removed)") for before, after, where in (
        (r.school_name, school_label, "School"), (r.trust_or_la, trust_label, "Trust or local authority"),
        (r.urn, None, "URN")) if before]
    reviewers = []
    for i, p in enumerate(b.reviewers, 1):
        org = an.plain(p.organisation) if p.organisation else None
        an.changes.append(TextChange(f"Reviewer {i}", ", ".join(filter(None, [p.name, p.role, p.organisation])),
                                     ", ".join(filter(None, [f"Reviewer {i}", p.role, org]))))
        reviewers.append(rep(p, name=f"Reviewer {i}", organisation=org))
    stages = {st: rep(rec, notes=an.text(rec.notes, f"{st.label} notes")) for st, rec in b.stages.items()}
    selfs = [rep(sa, comment=an.text(sa.comment, f"Self-evaluation {sa.statement_id}"),
                 evidence_note=an.text(sa.evidence_note, f"Self-evaluation {sa.statement_id}, evidence"))
             for sa in b.self_assessments]
    judgements = {sid: rep(j, strengths=an.text(j.strengths, f"Judgement {sid}, strengths"),
                           consider=an.text(j.consider, f"Judgement {sid}, to consider"))
                  for sid, j in b.judgements.items()}
    evidence = []
    for e in b.evidence:
        where = f"Evidence {refs[e.id]}"
        evidence.append(rep(
            e, title=an.text(e.title, f"{where} title"), text=an.text(e.text, where),
            support=an.text(e.support, f"{where}, support"),
            pupil_voice=an.text(e.pupil_voice, f"{where}, pupil voice"),
            strengths=an.text(e.strengths, f"{where}, strengths"),
            consider=an.text(e.consider, f"{where}, to consider"),
            room=an.text(e.room, f"{where}, room") or None,
            look_fors=[an.text(t, f"{where}, look-for") for t in e.look_fors]))
    actions = [rep(a, title=an.text(a.title, f"Action {action_refs[a.id]}"),
                   owner=an.person(a.owner, f"Action {action_refs[a.id]}, owner"),
                   success_criteria=an.text(a.success_criteria, f"Action {action_refs[a.id]}, success criteria"),
                   impact=an.text(a.impact, f"Action {action_refs[a.id]}, impact"))
               for a in b.actions]
    notes = [rep(n, text=an.text(n.text, f"Action {action_refs.get(n.action_id, '')} progress note"))
             for n in b.action_notes]
    documents = [rep(d, title=an.text(d.title, "Document"), notes=an.text(d.notes, f"Document '{d.title}'"))
                 for d in b.documents]
    snapshot = (rep(b.snapshot, notes=an.text(b.snapshot.notes, "School data notes"),
                    national_note=an.text(b.snapshot.national_note, "National figures note"))
                if b.snapshot else None)
    slots = [rep(v, title=an.text(v.title, "Timetable"), notes=an.text(v.notes, "Timetable notes"),
                 people=an.text(v.people, "Timetable, people") if v.people else v.people,
                 place=an.text(v.place, "Timetable, place") if v.place else v.place)
             for v in b.visit_slots]
    questions = [rep(q, text=an.text(q.text, "Question"), answer=an.text(q.answer, "Answer"))
                 for q in b.questions]
    previsit = {qid: an.text(t, f"Pre-visit answer {qid}") for qid, t in b.previsit.items()}
    visits = [rep(v, visitor=an.person(v.visitor, f"Follow-up visit {v.date}, visitor"),
                  notes=an.text(v.notes, f"Follow-up visit {v.date}"),
                  next_steps=an.text(v.next_steps, f"Follow-up visit {v.date}, next steps"))
              for v in b.followup_visits]
    checks = [rep(c, comment=an.text(c.comment, f"Follow-up check of {action_refs.get(c.action_id, '')}"))
              for c in b.action_checks]
    feedback = (rep(b.feedback, given_by=an.person(b.feedback.given_by, "Feedback, given by"),
                    went_well=an.text(b.feedback.went_well, "Feedback, what went well"),
                    could_be_better=an.text(b.feedback.could_be_better, "Feedback, what could be better"))
                if b.feedback else None)
    copied = []
    for sv in b.surveys:
        asked, rows = surveys.stored(sv)
        where = f"Survey \u201c{sv.title}\u201d"
        rows = [[an.text(v, f"{where}, response {n}") if x.kind != "choice" and v else v
                 for x, v in zip(asked, row)] for n, row in enumerate(rows, 1)]
        copied.append(rep(sv, title=an.text(sv.title, where), file_name=None, fingerprint=None,
                          responses=surveys.encode_responses(asked, rows)))
    sheets: list[RespondentAnswers] = []
    counted: dict[str, int] = {}
    for sheet in sorted(b.respondent_answers, key=lambda a: (a.created or "", a.id)):
        counted[sheet.respondent] = n = counted.get(sheet.respondent, 0) + 1
        sheets.append(rep(sheet, label=f"{sheet.respondent}-{n}"))
    verbal = None
    if b.verbal_feedback:
        vf = b.verbal_feedback
        verbal = rep(vf, given_by=an.person(vf.given_by, "End-of-visit feedback, given by"),
                     present="; ".join(an.person(p, "End-of-visit feedback, who was there") or ""
                                       for p in _present(vf.present)),
                     said=an.text(vf.said, "End-of-visit feedback, what was said"),
                     agreed=an.text(vf.agreed, "End-of-visit feedback, what was agreed"))
    left_out = []
    if b.photos:
        left_out.append(f"{len(b.photos)} photo{'s' if len(b.photos) != 1 else ''}")
    comments = ws.report_comments(review_id)
    if comments:
        left_out.append(f"{len(comments)} moderator comment{'s' if len(comments) != 1 else ''}")
    issued = ws.issued_reports(review_id)
    if issued:
        left_out.append(f"{len(issued)} issued PDF{'s' if len(issued) != 1 else ''}")
    copy = ReviewBundle(
        review=review, framework=b.framework, reviewers=reviewers, stages=stages,
        self_assessments=selfs, judgements=judgements, evidence=evidence, links=b.links,
        actions=actions, action_notes=notes, documents=documents, snapshot=snapshot,
        photos=[], visit_slots=slots, questions=questions, previsit=previsit,
        followup_visits=visits, action_checks=checks, feedback=feedback,
        respondent_answers=sheets, surveys=copied, school_figures=list(b.school_figures),
        comparators=b.comparators, verbal_feedback=verbal)
    return copy, an, left_out


def preview(ws: Workspace, review_id: str) -> AnonymisePreview:
    """What the anonymised copy would say, text by text, without making it."""
    copy, an, left_out = _anonymised(ws, review_id)
    return AnonymisePreview(review_id, copy.review.school_name, copy.review.trust_or_la,
                            tuple(an.changes), tuple(left_out))


def _drafts(ws: Workspace, review_id: str) -> list[ReportDraft]:
    return [d for d in (ws.store.get(ReportDraft, report_draft_id(review_id, k.value)) for k in ReportKind)
            if d is not None]


_EVIDENCE_KEYS = ("title", "text", "meeting_type", "room", "year_group", "subject", "start", "end",
                  "teacher_present", "tas", "support", "look_fors", "pupil_voice", "strengths",
                  "consider", "date")


def anonymise(ws: Workspace, review_id: str) -> str:
    """Make the anonymised copy in the database and return its id."""
    b, an, _ = _anonymised(ws, review_id)
    r = b.review
    ids: dict[str, str] = {}
    with ws.store.transaction():
        new = ws.new_review(
            r.school_name, r.framework_id, framework_hash=r.framework_hash,
            review_type=r.review_type, phase=r.phase,
            setting=r.setting, trust_or_la=r.trust_or_la, requested_by=r.requested_by,
            purpose=r.purpose, scope=r.scope, origin=ANONYMISED, source_review_id=review_id,
            subject=r.subject, member_schools=r.member_schools,
            date_requested=r.date_requested, date_visit=r.date_visit,
            date_report_due=r.date_report_due, date_next_review=r.date_next_review)
        for p in b.reviewers:
            ws.add_reviewer(new, p.name, p.role, p.organisation)
        for st in Stage:
            rec = b.stages.get(st)
            if rec is None or (rec.status == StageStatus.NOT_STARTED and not rec.notes):
                continue
            ws.set_stage(new, st.value, rec.status, notes=rec.notes, started=rec.started or "",
                         completed=rec.completed or "")
        for sa in b.self_assessments:
            ws.self_evaluate(new, sa.statement_id, rating=sa.rating, comment=sa.comment,
                             evidence_note=sa.evidence_note, respondent=sa.respondent)
        for j in b.judgements.values():
            ws.judge(new, j.statement_id, rating=j.rating, strengths=j.strengths, consider=j.consider)
        if b.snapshot:
            values = {k: v for k, v in dataclasses.asdict(b.snapshot).items()
                      if k not in ("id", "review_id", "deleted") and v not in (None, "")}
            if values:
                ws.set_snapshot(new, **values)
        for d in b.documents:
            ws.add_document(new, d.title, d.status, d.notes)
        for e in sorted(b.evidence, key=lambda e: (e.date or "", e.start or "", e.created or "")):
            details = {k: getattr(e, k) for k in _EVIDENCE_KEYS}
            ids[e.id] = ws.add_evidence(new, e.kind, statements=b.statements_of(e.id),
                                        areas=b.areas_of(e.id), **details)
        for a in sorted(b.actions, key=lambda a: a.created or ""):
            ids[a.id] = ws.add_action(
                new, a.title, statements=b.statements_of(a.id), owner=a.owner, due=a.due,
                success_criteria=a.success_criteria, priority=a.priority or "medium",
                status=a.status or ActionStatus.NOT_STARTED.value, impact=a.impact)
            for note in b.notes_of(a.id):
                ws.add_action_note(ids[a.id], note.text, note.date)
        for v in b.visit_slots:
            ws.add_visit_slot(new, **{k: getattr(v, k) for k in
                                      ("start", "end", "activity", "meeting_type", "title", "people",
                                       "place", "notes") if getattr(v, k) not in (None, "")})
        for q in b.questions:
            qid = ws.add_question(new, q.text, statements=b.statements_of(q.id), areas=b.areas_of(q.id))
            if q.answer or q.done:
                ws.update_question(qid, answer=q.answer, done=q.done)
        for qid, text in b.previsit.items():
            ws.answer_previsit(new, qid, text)
        for fv in b.followup_visits:
            vid = ws.add_followup_visit(new, date=fv.date, visitor=fv.visitor, notes=fv.notes,
                                        next_steps=fv.next_steps)
            for c in b.checks_of_visit(fv.id):
                if c.action_id in ids:
                    ws.check_action(vid, ids[c.action_id], status=c.status, comment=c.comment)
        for a in b.actions:  # a check moves its action on; the action's own status wins
            ws.update_action(ids[a.id], status=a.status or ActionStatus.NOT_STARTED.value)
        if b.feedback:
            f = b.feedback
            ws.set_feedback(new, given_by=f.given_by, date=f.date, usefulness=f.usefulness,
                            tone=f.tone, clarity=f.clarity, went_well=f.went_well,
                            could_be_better=f.could_be_better)
        _copy_voices(ws, new, b, ids)
        for draft in _drafts(ws, review_id):
            _copy_draft(ws, new, draft, an)
    return new


def _copy_voices(ws: Workspace, new: str, b: ReviewBundle, ids: dict[str, str]) -> None:
    """Surveys (each tied to its copied evidence), answer sheets, the school's data in
    depth and the end-of-visit feedback, already anonymised in `b`."""
    survey_ids: dict[str, str] = {}
    for sv in b.surveys:
        values = {k: getattr(sv, k) for k in ("group_id", "template", "title", "source",
                                              "questions", "responses", "names_removed", "created")}
        values.update(review_id=new, evidence_id=ids.get(sv.evidence_id or ""), file_name=None,
                      fingerprint=None)
        survey_ids[sv.id] = ws.store.create(Survey, values)
    for sheet in b.respondent_answers:  # as they are: checked when they were first saved
        ws.store.create(RespondentAnswers, {
            "review_id": new, "respondent": sheet.respondent, "label": sheet.label,
            "answers": sheet.answers, "survey_id": survey_ids.get(sheet.survey_id or ""),
            "created": sheet.created})
    for f in b.school_figures:
        ws.set_school_figure(new, f.measure, f.breakdown, send=f.send, all_pupils=f.all_pupils,
                             pupils=f.pupils)
    vf = b.verbal_feedback
    if vf is not None:
        ws.set_verbal_feedback(new, **{k: getattr(vf, k) for k in
                                       ("date", "given_by", "present", "said", "agreed")
                                       if getattr(vf, k) not in (None, "")})


def _copy_draft(ws: Workspace, new: str, draft: ReportDraft, an: _Anonymiser) -> None:
    paragraphs = {k: an.plain(getattr(draft, k)) for k in ("overview", "strengths", "development",
                                                           "next_steps") if getattr(draft, k)}
    ws.save_report_draft(new, draft.kind, sections=draft.sections, large_print=draft.large_print,
                         **paragraphs)
    if draft.checked_by:
        checker = an.person(draft.checked_by, "Report checked by") or "A colleague"
        ws.mark_report_checked(new, draft.kind, checker, draft.checked_on)


# --- export -------------------------------------------------------------------------------

def anonymised_json(ws: Workspace, copy_id: str) -> dict[str, Any]:
    """An anonymised copy as plain data (the shape of `review show --json`)."""
    review = ws.review(copy_id)
    if review.origin != ANONYMISED:
        raise InputError("This review is not an anonymised copy. Make one first (wss-desktop "
                         "anonymise ID), check it, and export the copy.")
    data = bundle_json(ws.bundle(copy_id))
    data["school"]["urn"] = None
    return data


def export_json(ws: Workspace, copy_id: str, path: str | Path) -> Path:
    """Write an anonymised copy as a JSON file."""
    data = anonymised_json(ws, copy_id)
    target = Path(path)
    check_target(target, "example.json", "the anonymised example")
    save_bytes(target, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
               "the anonymised example")
    return target


__all__ = ["AnonymisePreview", "TextChange", "anonymise", "anonymised_json", "export_json",
           "preview", "split_person"]
