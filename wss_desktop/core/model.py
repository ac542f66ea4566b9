"""The domain of a SEND review, as plain dataclasses.

Each record class below is also the schema of one table: the store derives its
columns from these fields, and the `kind` metadata says how a field is stored and
merged ("text" is free text: searchable, and kept side by side when two people edit
it at once; "json" holds a list or mapping; the rest are short values where the
latest edit wins). Nothing here knows about SQLite or Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from .frameworks import Framework


def _f(kind: str, default: Any = None, search: bool = False, **rules: Any) -> Any:
    """A stored field. `rules` say how a user's input for it is checked (see
    `core/validation.py`): a field with a `label` is one users edit, named by the label
    in every message; `required`, `limit` (characters), `choices` (an enum), `strip`
    (free text trimmed), `check` (a named special rule) and `items` (the label of each
    entry of a list) refine it. Fields without a label are kept by the app itself."""
    meta = {"kind": kind, "search": search, **rules}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


def free_text(**rules: Any) -> Any:
    return _f("text", "", search=True, **rules)


def short(default: str | None = None, search: bool = False, **rules: Any) -> Any:
    return _f("str", default, search, **rules)


def integer(**rules: Any) -> Any:
    return _f("int", None, **rules)


def number(**rules: Any) -> Any:
    return _f("float", None, **rules)


def flag(default: bool | None = None, **rules: Any) -> Any:
    return _f("bool", default, **rules)


def day(**rules: Any) -> Any:
    return _f("date", None, **rules)


def jsonvalue(default: Any = None, **rules: Any) -> Any:
    return _f("json", default, **rules)


class Stage(StrEnum):
    IDENTIFICATION = "identification"
    SELF_EVALUATION = "self-evaluation"
    PREPARATION = "preparation"
    SCHOOL_VISIT = "school-visit"
    REPORTING = "reporting"
    FOLLOW_UP = "follow-up"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    Stage.IDENTIFICATION: "Identification",
    Stage.SELF_EVALUATION: "Self-evaluation",
    Stage.PREPARATION: "Preparation",
    Stage.SCHOOL_VISIT: "School visit",
    Stage.REPORTING: "Reporting",
    Stage.FOLLOW_UP: "Follow-up",
}


class StageStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"


class ReviewType(StrEnum):
    EXTERNAL = "external"
    PEER = "peer"
    SELF = "self"

    @property
    def label(self) -> str:
        return {"external": "External review", "peer": "Peer review",
                "self": "Self-evaluation only"}[self.value]


class Phase(StrEnum):
    NURSERY = "nursery"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    ALL_THROUGH = "all-through"
    SPECIAL = "special"
    ALTERNATIVE_PROVISION = "alternative-provision"
    POST_16 = "post-16"


class Setting(StrEnum):
    MAINSTREAM = "mainstream"
    SPECIALIST = "specialist"


class EvidenceKind(StrEnum):
    LEARNING_WALK = "learning-walk"
    MEETING = "meeting"
    DOCUMENT = "document"
    DATA = "data"
    PUPIL_VOICE = "pupil-voice"
    PARENT_VOICE = "parent-voice"
    STAFF_VOICE = "staff-voice"
    BOOK_LOOK = "book-look"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()

    @property
    def prefix(self) -> str:
        """Short code used to cite evidence in reports (LW3, M1, ...)."""
        return _EVIDENCE_PREFIX[self]


_EVIDENCE_PREFIX = {
    EvidenceKind.LEARNING_WALK: "LW",
    EvidenceKind.MEETING: "M",
    EvidenceKind.DOCUMENT: "D",
    EvidenceKind.DATA: "DA",
    EvidenceKind.PUPIL_VOICE: "PV",
    EvidenceKind.PARENT_VOICE: "FV",
    EvidenceKind.STAFF_VOICE: "SV",
    EvidenceKind.BOOK_LOOK: "BL",
}


class ActionStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED.value, ActionStatus.IN_PROGRESS.value)


def days_overdue(due: str | None, status: str | None, today: _dt.date | None = None) -> int:
    """How many days an open action is past its due date (0 when it is not overdue)."""
    if not due or (status or ActionStatus.NOT_STARTED.value) not in OPEN_ACTION_STATUSES:
        return 0
    try:
        when = _dt.date.fromisoformat(due)
    except ValueError:
        return 0
    return max(0, ((today or _dt.date.today()) - when).days)


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class DocumentStatus(StrEnum):
    REQUESTED = "requested"
    RECEIVED = "received"
    NOT_AVAILABLE = "not-available"


class VisitActivity(StrEnum):
    MEETING = "meeting"
    LEARNING_WALK = "learning-walk"
    BOOK_LOOK = "book-look"
    PUPIL_VOICE = "pupil-voice"
    FEEDBACK = "feedback"
    OTHER = "other"


class ReportKind(StrEnum):
    FULL = "full"
    SUMMARY = "summary"
    SELF_EVALUATION = "self-evaluation"
    FOLLOW_UP = "follow-up"

    @property
    def label(self) -> str:
        return {"full": "Full review report", "summary": "Summary for governors and leaders",
                "self-evaluation": "Self-evaluation summary",
                "follow-up": "Follow-up report"}[self.value]


class LinkTarget(StrEnum):
    AREA = "area"
    STATEMENT = "statement"


SCHOOL_RESPONDENT = "school"


@dataclass
class Record:
    """Fields every stored record has."""

    table: ClassVar[str]
    # How messages name one record of this kind ("'x' is not something an action records").
    noun: ClassVar[str] = "this record"
    _kinds_cache: ClassVar[dict[str, str] | None] = None
    id: str = short()
    deleted: bool = flag(False)

    @classmethod
    def field_kinds(cls) -> dict[str, str]:
        """Field name -> storage kind (cached: this is on every write's path)."""
        cached = cls.__dict__.get("_kinds_cache")
        if cached is None:
            cached = {f.name: f.metadata["kind"] for f in dataclasses.fields(cls)}
            cls._kinds_cache = cached
        return cached

    @classmethod
    def field_meta(cls) -> dict[str, dict[str, Any]]:
        return {f.name: dict(f.metadata) for f in dataclasses.fields(cls)}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        names = cls.field_kinds()
        return cls(**{k: v for k, v in row.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class FrozenFramework(Record):
    """An exact copy of the framework a review started with, keyed by its hash."""

    table: ClassVar[str] = "frameworks"
    framework_id: str = short()
    version: str = short()
    name: str = short()
    content: dict[str, Any] = jsonvalue()


@dataclass
class Review(Record):
    table: ClassVar[str] = "reviews"
    noun: ClassVar[str] = "a review"
    school_name: str = short(search=True, label="The school's name", required=True, limit=300)
    urn: str | None = short(label="The URN", limit=300)
    phase: str | None = short(label="The phase", choices=Phase)
    setting: str | None = short(label="The setting", choices=Setting)
    trust_or_la: str | None = short(search=True, label="The trust or local authority", limit=300)
    review_type: str = short(ReviewType.EXTERNAL.value, label="The review type",
                             choices=ReviewType, required=True)
    requested_by: str | None = short(label="Who asked for the review", limit=300)
    purpose: str = free_text(label="The purpose")
    # None means every area of the framework; otherwise a list of area ids (checked
    # against the review's framework by the workspace).
    scope: list[str] | None = jsonvalue(label="The scope", check="scope")
    framework_id: str = short()
    framework_version: str = short()
    framework_hash: str = short()
    date_requested: str | None = day(label="The requested date")
    date_visit: str | None = day(label="The visit date")
    date_report_due: str | None = day(label="The report due date")
    date_next_review: str | None = day(label="The next review date")
    origin: str | None = short(label="Where the review came from", limit=300)
    # The same school's earlier review, for year-on-year comparison (optional: reviews
    # of the same URN or school name are matched when it is not set).
    previous_review_id: str | None = short(label="The earlier review", check="review")
    # For an anonymised copy: the review it was made from (kept on this device only
    # in meaning; the copy holds no names).
    source_review_id: str | None = short(label="The review it was made from", check="review")
    created: str | None = short()
    # What the review looks at (issue 16): None or "school" for one school, "trust" or
    # "local-area" for a whole trust or area, whose name is then in school_name and
    # whose schools are listed in member_schools.
    subject: str | None = short(label="What the review looks at", check="subject")
    member_schools: list[str] | None = jsonvalue(label="The member schools", check="member_schools")


@dataclass
class ReviewChild(Record):
    review_id: str = short()


@dataclass
class Reviewer(ReviewChild):
    table: ClassVar[str] = "reviewers"
    name: str = short(search=True)
    role: str | None = short()
    organisation: str | None = short(search=True)
    created: str | None = short()


@dataclass
class StageRecord(ReviewChild):
    table: ClassVar[str] = "stages"
    stage: str = short()
    status: str = short(StageStatus.NOT_STARTED.value)
    started: str | None = day()
    completed: str | None = day()
    notes: str = free_text()


@dataclass
class SelfAssessment(ReviewChild):
    """The school's own view of one statement (one row per respondent group)."""

    table: ClassVar[str] = "self_assessments"
    statement_id: str = short()
    respondent: str = short(SCHOOL_RESPONDENT)
    rating: str | None = short()
    comment: str = free_text()
    evidence_note: str = free_text()


@dataclass
class Judgement(ReviewChild):
    """The reviewer's view of one statement, kept apart from the school's."""

    table: ClassVar[str] = "judgements"
    statement_id: str = short()
    rating: str | None = short()
    strengths: str = free_text()
    consider: str = free_text()


@dataclass
class Evidence(ReviewChild):
    table: ClassVar[str] = "evidence"
    noun: ClassVar[str] = "evidence"
    kind: str = short(EvidenceKind.LEARNING_WALK.value, label="The kind of evidence",
                      choices=EvidenceKind, required=True)
    date: str | None = day(label="The date")
    title: str = free_text(label="The title")
    text: str = free_text(label="The notes")
    meeting_type: str | None = short(label="The meeting type", limit=200)
    room: str | None = short(search=True, label="The room or class", limit=200)
    year_group: str | None = short(search=True, label="The year group", limit=200)
    subject: str | None = short(search=True, label="The subject", limit=200)
    start: str | None = short(label="The start time", check="time")
    end: str | None = short(label="The end time", check="time")
    teacher_present: bool | None = flag(label="Whether the teacher was present")
    tas: int | None = integer(label="The number of teaching assistants")
    support: str = free_text(label="The support seen")
    look_fors: list[str] = jsonvalue([], label="The look-fors", items="A look-for", limit=500)
    pupil_voice: str = free_text(label="What pupils said")
    strengths: str = free_text(label="The strengths")
    consider: str = free_text(label="The points to consider")
    created: str | None = short()


@dataclass
class Link(ReviewChild):
    """Ties a piece of evidence or an action to an area or statement.

    Links are records of their own (not a list inside the evidence) so that two
    people linking the same observation to different statements both keep theirs.
    """

    table: ClassVar[str] = "links"
    source_kind: str = short()
    source_id: str = short()
    target_kind: str = short()
    target_id: str = short()


@dataclass
class Action(ReviewChild):
    table: ClassVar[str] = "actions"
    noun: ClassVar[str] = "an action"
    title: str = free_text(label="The action's title", required=True, limit=500, strip=True)
    owner: str | None = short(search=True, label="The owner", limit=200)
    due: str | None = day(label="The due date")
    success_criteria: str = free_text(label="The success criteria")
    priority: str = short(Priority.MEDIUM.value, label="The priority", choices=Priority,
                          required=True)
    status: str = short(ActionStatus.NOT_STARTED.value, label="The status", choices=ActionStatus,
                        required=True)
    impact: str = free_text(label="The impact")
    created: str | None = short()


@dataclass
class ActionNote(ReviewChild):
    table: ClassVar[str] = "action_notes"
    action_id: str = short()
    date: str | None = day()
    text: str = free_text()
    created: str | None = short()


@dataclass
class Document(ReviewChild):
    """One line of the pre-visit document checklist."""

    table: ClassVar[str] = "documents"
    title: str = short(search=True)
    status: str = short(DocumentStatus.REQUESTED.value)
    notes: str = free_text()
    created: str | None = short()


@dataclass
class DataSnapshot(ReviewChild):
    """The school's data as gathered in preparation (one per review)."""

    table: ClassVar[str] = "snapshots"
    on_roll: int | None = integer()
    sen_support: int | None = integer()
    ehcp: int | None = integer()
    attendance_pct: float | None = number()
    persistent_absence_pct: float | None = number()
    suspensions: int | None = integer()
    permanent_exclusions: int | None = integer()
    notes: str = free_text()
    # Figures to compare with, editable because they change every year.
    national_sen_support_pct: float | None = number()
    national_ehcp_pct: float | None = number()
    national_attendance_pct: float | None = number()
    national_persistent_absence_pct: float | None = number()
    national_note: str = free_text()


@dataclass
class FollowUpVisit(ReviewChild):
    """A visit or call after the review to see how the actions are going."""

    table: ClassVar[str] = "followup_visits"
    noun: ClassVar[str] = "a follow-up visit"
    date: str | None = day(label="The visit date")
    visitor: str | None = short(search=True, label="Who visited", limit=200)
    notes: str = free_text(label="The notes")
    next_steps: str = free_text(label="The next steps")
    created: str | None = short()


@dataclass
class ActionCheck(ReviewChild):
    """How one action stood at one follow-up visit."""

    table: ClassVar[str] = "action_checks"
    visit_id: str = short()
    action_id: str = short()
    status: str | None = short()
    comment: str = free_text()


@dataclass
class ReviewFeedback(ReviewChild):
    """The school's view of the review itself (one per review), collated across reviews."""

    table: ClassVar[str] = "feedback"
    given_by: str | None = short()
    date: str | None = day()
    usefulness: int | None = integer()   # 1 (not useful) to 5 (very useful)
    tone: int | None = integer()         # 1 (felt like an inspection) to 5 (supportive)
    clarity: int | None = integer()      # 1 (unclear) to 5 (very clear)
    went_well: str = free_text()
    could_be_better: str = free_text()


@dataclass
class Photo(ReviewChild):
    """A photo attached to a piece of evidence; the file is stored by its hash."""

    table: ClassVar[str] = "photos"
    evidence_id: str = short()
    sha256: str = short()
    media_type: str = short("image/jpeg")
    caption: str = free_text()
    width: int | None = integer()
    height: int | None = integer()
    size: int | None = integer()
    created: str | None = short()


@dataclass
class VisitSlot(ReviewChild):
    """One line of the visit timetable."""

    table: ClassVar[str] = "visit_slots"
    noun: ClassVar[str] = "the visit timetable"
    start: str | None = short(label="The start time", check="time")
    end: str | None = short(label="The end time", check="time")
    activity: str = short(VisitActivity.MEETING.value, label="The activity", choices=VisitActivity,
                          required=True)
    meeting_type: str | None = short(label="The meeting type", check="meeting_type")
    title: str = short(search=True, label="The title", limit=300)
    people: str | None = short(search=True, label="The people", limit=300)
    place: str | None = short(search=True, label="The place", limit=300)
    notes: str = free_text(label="The notes")
    created: str | None = short()


@dataclass
class Question(ReviewChild):
    """A question to explore on the day, with what was found."""

    table: ClassVar[str] = "questions"
    text: str = free_text()
    answer: str = free_text()
    done: bool = flag(False)
    created: str | None = short()


@dataclass
class PrevisitAnswer(ReviewChild):
    """An answer to the shorter pre-visit form, for schools not yet rating themselves."""

    table: ClassVar[str] = "previsit_answers"
    question_id: str = short()
    text: str = free_text()


@dataclass
class BrandingProfile(Record):
    """How reports look for one organisation (white label)."""

    table: ClassVar[str] = "branding_profiles"
    noun: ClassVar[str] = "a branding profile"
    name: str = short(label="The profile's name", required=True, limit=200)
    organisation: str | None = short(label="The organisation", limit=200)
    # Set from a chosen image file by the workspace (its "logo"), which copies it in.
    logo_file: str | None = short(label="The logo", check="logo")
    accent: str | None = short(label="The accent colour", check="accent")
    footer: str = free_text(label="The footer", limit=300)
    is_default: bool = flag(False)
    created: str | None = short()


@dataclass
class ReportDraft(ReviewChild):
    """The reviewer's choices and edited paragraphs for one kind of report."""

    table: ClassVar[str] = "report_drafts"
    kind: str = short(ReportKind.FULL.value)
    sections: list[str] | None = jsonvalue()
    overview: str = free_text()
    strengths: str = free_text()
    development: str = free_text()
    next_steps: str = free_text()
    branding_profile_id: str | None = short()
    large_print: bool = flag(False)
    checked_by: str | None = short()
    checked_on: str | None = day()
    # What the review said when it was checked: a later change to the findings,
    # evidence or actions makes the report a draft again (see Workspace.report_draft).
    checked_digest: str | None = short()
    last_checked_by: str | None = short()
    last_checked_on: str | None = day()
    created: str | None = short()


@dataclass
class ReportComment(ReviewChild):
    """A moderator's comment on a draft report (quality assurance)."""

    table: ClassVar[str] = "report_comments"
    kind: str = short(ReportKind.FULL.value)
    section: str | None = short()
    target_kind: str | None = short()
    target_id: str | None = short()
    author: str = short()
    text: str = free_text()
    resolved: bool = flag(False)
    resolved_by: str | None = short()
    resolved_on: str | None = day()
    created: str | None = short()


@dataclass
class IssuedReport(ReviewChild):
    """A PDF handed to the school, kept with its date."""

    table: ClassVar[str] = "issued_reports"
    kind: str = short(ReportKind.FULL.value)
    issued_on: str | None = day()
    file_name: str = short()
    sha256: str = short()
    pages: int | None = integer()
    checked_by: str | None = short()
    large_print: bool = flag(False)
    created: str | None = short()


@dataclass
class RespondentAnswers(ReviewChild):
    """One person's answers to the framework's statements, within one respondent group
    (one teacher's sheet in the TA Deployment Review). Never a name: `label` is a
    code such as "Teacher 3". One record per person, so a sheet typed on one laptop
    and another typed on a second both arrive whole."""

    table: ClassVar[str] = "respondent_answers"
    respondent: str = short()
    label: str | None = short()
    answers: dict[str, str] = jsonvalue({})       # statement id -> rating key
    survey_id: str | None = short()     # the survey it was imported from, if any
    created: str | None = short()


@dataclass
class Survey(ReviewChild):
    """A questionnaire handed out and the returns collected back (anonymous).

    `questions` is the questionnaire as made (id, text, kind, choices, statements);
    `responses` holds one mapping per respondent (question id -> answer, plus the
    optional role, year group or class), with names already taken out of comments.
    The survey shows in the report through the evidence record it became."""

    table: ClassVar[str] = "surveys"
    group_id: str = short()
    template: str = short()
    title: str = short(search=True)
    evidence_id: str | None = short()
    source: str | None = short()        # microsoft-forms, google-forms, xlsx, paper
    file_name: str | None = short()
    fingerprint: str | None = short()
    questions: list[dict[str, Any]] = jsonvalue([])
    responses: Any = jsonvalue([])      # see surveys.encode_responses
    names_removed: int | None = integer()
    created: str | None = short()


@dataclass
class SchoolFigure(ReviewChild):
    """One measure of the school's data for one breakdown (whole school, an SEN2 primary
    need or a year group): pupils with SEND beside all pupils (see core/school_data.py)."""

    table: ClassVar[str] = "school_figures"
    measure: str = short()
    breakdown: str = short("all")
    send: float | None = number()
    all_pupils: float | None = number()
    pupils: int | None = integer()      # how many pupils with SEND the figure is about


@dataclass
class NationalFigure(Record):
    """A national figure to compare with, kept once for every review in the data folder;
    dated and attributed. Replaces the shipped illustrative figure of the same id."""

    table: ClassVar[str] = "national_figures"
    measure: str = short()
    cohort: str = short()
    value: float | None = number()
    source: str = short()
    as_of: str | None = short()
    illustrative: bool = flag(False)


@dataclass
class VerbalFeedback(ReviewChild):
    """The feedback given in person at the end of the visit (one per review)."""

    table: ClassVar[str] = "verbal_feedback"
    date: str | None = day()
    given_by: str | None = short(search=True)
    present: str = free_text()      # who was there (roles or names, as the school prefers)
    said: str = free_text()         # what was said
    agreed: str = free_text()       # what was agreed


RECORD_TYPES: tuple[type[Record], ...] = (
    FrozenFramework, Review, Reviewer, StageRecord, SelfAssessment, Judgement,
    Evidence, Link, Action, ActionNote, Document, DataSnapshot, Photo, VisitSlot,
    Question, PrevisitAnswer, BrandingProfile, ReportDraft, ReportComment, IssuedReport,
    FollowUpVisit, ActionCheck, ReviewFeedback,
    RespondentAnswers, Survey, SchoolFigure, NationalFigure, VerbalFeedback,
)
KINDS: dict[str, type[Record]] = {t.table: t for t in RECORD_TYPES}


def judgement_id(review_id: str, statement_id: str) -> str:
    return f"{review_id}/{statement_id}"


def self_assessment_id(review_id: str, statement_id: str, respondent: str) -> str:
    return f"{review_id}/{statement_id}/{respondent}"


def stage_id(review_id: str, stage: Stage) -> str:
    return f"{review_id}/{stage.value}"


def previsit_id(review_id: str, question_id: str) -> str:
    return f"{review_id}/previsit/{question_id}"


def feedback_id(review_id: str) -> str:
    return f"{review_id}/feedback"


def verbal_feedback_id(review_id: str) -> str:
    return f"{review_id}/verbal-feedback"


def action_check_id(visit_id: str, action_id: str) -> str:
    return f"{visit_id}/{action_id}"


def report_draft_id(review_id: str, kind: str) -> str:
    return f"{review_id}/report/{kind}"


def link_id(source_id: str, target_kind: str, target_id: str) -> str:
    return f"{source_id}>{target_kind}:{target_id}"


@dataclass
class ReviewBundle:
    """Everything about one review, read in one go."""

    review: Review
    framework: Framework  # the frozen copy the review uses
    reviewers: list[Reviewer]
    stages: dict[Stage, StageRecord]
    self_assessments: list[SelfAssessment]
    judgements: dict[str, Judgement]
    evidence: list[Evidence]
    links: list[Link]
    actions: list[Action]
    action_notes: list[ActionNote]
    documents: list[Document]
    snapshot: DataSnapshot | None
    photos: list[Photo] = field(default_factory=list)
    visit_slots: list[VisitSlot] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    previsit: dict[str, str] = field(default_factory=dict)
    followup_visits: list[FollowUpVisit] = field(default_factory=list)
    action_checks: list[ActionCheck] = field(default_factory=list)
    feedback: ReviewFeedback | None = None
    respondent_answers: list[RespondentAnswers] = field(default_factory=list)
    surveys: list[Survey] = field(default_factory=list)
    school_figures: list[SchoolFigure] = field(default_factory=list)
    comparators: dict[tuple[str, str], Any] = field(default_factory=dict)   # (measure, cohort) -> school_data.Comparator
    verbal_feedback: VerbalFeedback | None = None

    def checks_of_visit(self, visit_id: str) -> list[ActionCheck]:
        return [c for c in self.action_checks if c.visit_id == visit_id]

    def photos_of(self, evidence_id: str) -> list[Photo]:
        return [p for p in self.photos if p.evidence_id == evidence_id]

    def links_from(self, source_id: str) -> list[Link]:
        return [link for link in self.links if link.source_id == source_id]

    def statements_of(self, source_id: str) -> list[str]:
        return [link.target_id for link in self.links_from(source_id)
                if link.target_kind == LinkTarget.STATEMENT]

    def areas_of(self, source_id: str) -> list[str]:
        return [link.target_id for link in self.links_from(source_id)
                if link.target_kind == LinkTarget.AREA]

    def evidence_for_statement(self, statement_id: str) -> list[Evidence]:
        ids = {link.source_id for link in self.links
               if link.target_kind == LinkTarget.STATEMENT and link.target_id == statement_id}
        return [e for e in self.evidence if e.id in ids]

    def notes_of(self, action_id: str) -> list[ActionNote]:
        return sorted((n for n in self.action_notes if n.action_id == action_id),
                      key=lambda n: (n.date or "", n.created or ""))

    def self_assessment(self, statement_id: str,
                        respondent: str = SCHOOL_RESPONDENT) -> SelfAssessment | None:
        for sa in self.self_assessments:
            if sa.statement_id == statement_id and sa.respondent == respondent:
                return sa
        return None

    def scope_area_ids(self) -> list[str]:
        all_ids = [a.id for a in self.framework.areas]
        if not self.review.scope:
            return all_ids
        return [a for a in all_ids if a in self.review.scope]

    def evidence_refs(self) -> dict[str, str]:
        """Citation codes (LW1, M2, ...) numbered per kind in date order.

        Derived rather than stored, so that devices adding evidence at the same
        time never hand out the same code twice.
        """
        counters: dict[str, int] = {}
        refs: dict[str, str] = {}
        for e in sorted(self.evidence, key=lambda e: (e.date or "", e.start or "",
                                                      e.created or "", e.id)):
            try:
                prefix = EvidenceKind(e.kind).prefix
            except ValueError:
                prefix = "E"
            counters[prefix] = counters.get(prefix, 0) + 1
            refs[e.id] = f"{prefix}{counters[prefix]}"
        return refs

    def stage_reached(self) -> Stage:
        reached = Stage.IDENTIFICATION
        for stage in Stage:
            rec = self.stages.get(stage)
            if rec and rec.status != StageStatus.NOT_STARTED:
                reached = stage
        return reached
