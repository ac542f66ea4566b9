"""What a user can do with their reviews, checked and saved through the store.

The desktop app and the command line are two faces over this class: each method
validates its input (raising InputError with a sentence the user can act on, and
changing nothing) and then makes exactly one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import model
from .errors import InputError, UserError
from .frameworks import Framework, Library
from .model import (Action, ActionNote, ActionStatus, DataSnapshot, Document, DocumentStatus,
                    Evidence, EvidenceKind, FrozenFramework, Judgement, Link, LinkTarget, Phase,
                    Priority, Review, ReviewBundle, Reviewer, ReviewType, SelfAssessment, Setting,
                    Stage, StageRecord, StageStatus)
from .paths import Paths
from .stages import missing
from .store import SearchHit, Store

MAX_TEXT = 100_000


def check_date(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InputError(f"{what} must be a date written as YYYY-MM-DD (for example "
                         f"2026-10-08), not '{value}'.") from None


def check_choice(value: str | None, choices: type, what: str, *, allow_none: bool = True) -> str | None:
    if value in (None, "") and allow_none:
        return None
    options = [c.value for c in choices]
    if value not in options:
        raise InputError(f"{what} must be one of: {', '.join(options)} (not '{value}').")
    return value


def check_text(value: str | None, what: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = "" if value is None else str(value)
    if required and not value.strip():
        raise InputError(f"{what} cannot be empty.")
    if len(value) > limit:
        raise InputError(f"{what} is too long ({len(value):,} characters; the limit is {limit:,}).")
    if "\x00" in value:
        raise InputError(f"{what} contains a null character, which cannot be stored.")
    return value


def check_count(value: Any, what: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number, not '{value}'.") from None
    if number < 0:
        raise InputError(f"{what} cannot be negative.")
    return number


def check_percent(value: Any, what: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a percentage such as 94.5, not '{value}'.") from None
    if not 0 <= number <= 100:
        raise InputError(f"{what} must be between 0 and 100.")
    return number


@dataclass
class Workspace:
    paths: Paths
    store: Store
    library: Library
    _frozen: dict[str, Framework] = field(default_factory=dict)

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> "Workspace":
        paths = Paths.resolve(data_dir).ensure()
        store = Store.open(paths.database, paths.backups)
        return cls(paths, store, Library.load(paths.user_frameworks))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reviews ----------------------------------------------------------------

    def new_review(self, school_name: str, framework_id: str, *,
                   review_type: str = ReviewType.EXTERNAL.value, **details: Any) -> str:
        """Start a review with a frozen copy of the framework and six stages."""
        school_name = check_text(school_name, "The school's name", required=True, limit=200).strip()
        check_choice(review_type, ReviewType, "The review type", allow_none=False)
        fw = self.library.get(framework_id)
        values = self._review_values(details, fw)
        digest = fw.content_hash()
        with self.store.transaction():
            if self.store.get(FrozenFramework, digest, include_deleted=True) is None:
                self.store.create(FrozenFramework, {
                    "framework_id": fw.id, "version": fw.version, "name": fw.name,
                    "content": fw.content()}, id=digest)
            review_id = self.store.create(Review, {
                "school_name": school_name, "review_type": review_type,
                "framework_id": fw.id, "framework_version": fw.version,
                "framework_hash": digest, **values}, id=details.get("id"))
            for stage in Stage:
                self.store.create(StageRecord, {"review_id": review_id, "stage": stage.value,
                                                "status": StageStatus.NOT_STARTED.value},
                                  id=model.stage_id(review_id, stage))
        return review_id

    def _review_values(self, details: dict[str, Any], fw: Framework) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key == "id":
                continue
            if key in ("school_name", "urn", "trust_or_la", "requested_by", "origin"):
                values[key] = check_text(value, key.replace("_", " ").capitalize(), limit=300).strip() or None
                if key == "school_name" and not values[key]:
                    raise InputError("The school's name cannot be empty.")
            elif key == "purpose":
                values[key] = check_text(value, "The purpose")
            elif key == "phase":
                values[key] = check_choice(value, Phase, "The phase")
            elif key == "setting":
                values[key] = check_choice(value, Setting, "The setting")
            elif key == "review_type":
                values[key] = check_choice(value, ReviewType, "The review type", allow_none=False)
            elif key.startswith("date_"):
                values[key] = check_date(value, "The " + key[5:].replace("_", " ") + " date")
            elif key == "scope":
                values[key] = self._check_scope(value, fw)
            else:
                raise InputError(f"'{key}' is not something a review records.")
        return values

    @staticmethod
    def _check_scope(scope: Any, fw: Framework) -> list[str] | None:
        if scope in (None, "all", []):
            return None
        known = [a.id for a in fw.areas]
        unknown = [a for a in scope if a not in known]
        if unknown:
            raise InputError(f"Area {', '.join(unknown)} is not in {fw.name}; its areas are "
                             f"{', '.join(known)}.")
        return [a for a in known if a in scope]

    def update_review(self, review_id: str, **details: Any) -> None:
        review = self.review(review_id)
        values = self._review_values(details, self.framework_of(review))
        if values:
            self.store.update(Review, review_id, values)

    def review(self, review_id: str) -> Review:
        review = self.store.get(Review, review_id)
        if review is None:
            raise UserError(f"There is no review with id '{review_id}'. "
                            f"'wss-desktop review list' shows the reviews there are.")
        return review

    def framework_of(self, review: Review) -> Framework:
        fw = self._frozen.get(review.framework_hash)
        if fw is None:
            frozen = self.store.get(FrozenFramework, review.framework_hash, include_deleted=True)
            if frozen is None:
                raise UserError(f"The framework copy of review '{review.id}' is missing; "
                                f"run 'wss-desktop check'.")
            fw = self._frozen[review.framework_hash] = Framework.from_content(frozen.content)
        return fw

    def delete_review(self, review_id: str) -> None:
        self.review(review_id)
        self.store.delete(Review, review_id)

    def reviews(self) -> list[dict[str, Any]]:
        return self.store.review_rows()

    def bundle(self, review_id: str) -> ReviewBundle:
        review = self.review(review_id)
        s = self.store
        stages = {Stage(r.stage): r for r in s.list(StageRecord, review_id=review_id)}
        snapshots = s.list(DataSnapshot, review_id=review_id)
        return ReviewBundle(
            review=review, framework=self.framework_of(review),
            reviewers=s.list(Reviewer, review_id=review_id), stages=stages,
            self_assessments=s.list(SelfAssessment, review_id=review_id),
            judgements={j.statement_id: j for j in s.list(Judgement, review_id=review_id)},
            evidence=s.list(Evidence, review_id=review_id),
            links=s.list(Link, review_id=review_id),
            actions=s.list(Action, review_id=review_id),
            action_notes=s.list(ActionNote, review_id=review_id),
            documents=s.list(Document, review_id=review_id),
            snapshot=snapshots[0] if snapshots else None)

    def add_reviewer(self, review_id: str, name: str, role: str | None = None,
                     organisation: str | None = None) -> str:
        self.review(review_id)
        return self.store.create(Reviewer, {
            "review_id": review_id, "name": check_text(name, "The reviewer's name", required=True, limit=200),
            "role": check_text(role, "The role", limit=200) or None,
            "organisation": check_text(organisation, "The organisation", limit=200) or None})

    # --- stages -------------------------------------------------------------------

    def set_stage(self, review_id: str, stage: str, status: str | None = None, *,
                  notes: str | None = None, started: str | None = None,
                  completed: str | None = None, today: dt.date | None = None) -> list[str]:
        """Record a stage's progress; returns what is still missing (as reminders)."""
        stage_enum = Stage(check_choice(stage, Stage, "The stage", allow_none=False))
        check_choice(status, StageStatus, "The status")
        self.review(review_id)
        rec_id = model.stage_id(review_id, stage_enum)
        current = self.store.get(StageRecord, rec_id)
        today_s = (today or dt.date.today()).isoformat()
        values: dict[str, Any] = {}
        if status:
            values["status"] = status
            if status != StageStatus.NOT_STARTED and not (current and current.started) and not started:
                values["started"] = today_s
            if status == StageStatus.COMPLETE and not completed:
                values["completed"] = today_s
            if status != StageStatus.COMPLETE and current and current.completed:
                values["completed"] = None
        if notes is not None:
            values["notes"] = check_text(notes, "The stage notes")
        if started is not None:
            values["started"] = check_date(started, "The start date")
        if completed is not None:
            values["completed"] = check_date(completed, "The completion date")
        if values:
            self.store.put(StageRecord, rec_id, {"review_id": review_id, "stage": stage_enum.value, **values})
        return missing(self.bundle(review_id), stage_enum)

    # --- judgements -----------------------------------------------------------------

    def _statement(self, review_id: str, statement_id: str) -> tuple[Review, Framework]:
        review = self.review(review_id)
        fw = self.framework_of(review)
        try:
            fw.statement(statement_id)
        except KeyError:
            sample = ", ".join(s.id for s in fw.statements()[:4])
            raise InputError(f"'{statement_id}' is not a statement of {fw.name} (statements "
                             f"are numbered like {sample}; 'wss-desktop frameworks show "
                             f"{fw.id}' lists them).") from None
        return review, fw

    def _rating(self, fw: Framework, rating: str | None) -> str | None:
        if rating in (None, ""):
            return None
        try:
            return fw.scale.resolve(rating)
        except ValueError as exc:
            raise InputError(str(exc)) from None

    def self_evaluate(self, review_id: str, statement_id: str, *, rating: str | None = None,
                      comment: str | None = None, evidence_note: str | None = None,
                      respondent: str = model.SCHOOL_RESPONDENT, clear_rating: bool = False) -> None:
        _, fw = self._statement(review_id, statement_id)
        known = [r.id for r in fw.respondents]
        if respondent == model.SCHOOL_RESPONDENT and model.SCHOOL_RESPONDENT not in known:
            respondent = known[0]
        if respondent not in known:
            raise InputError(f"In {fw.name} the self-evaluation is answered by: "
                             f"{', '.join(known)} (not '{respondent}').")
        values: dict[str, Any] = {"review_id": review_id, "statement_id": statement_id,
                                  "respondent": respondent}
        if rating is not None or clear_rating:
            values["rating"] = None if clear_rating else self._rating(fw, rating)
        if comment is not None:
            values["comment"] = check_text(comment, "The comment")
        if evidence_note is not None:
            values["evidence_note"] = check_text(evidence_note, "Where the evidence is")
        self.store.put(SelfAssessment, model.self_assessment_id(review_id, statement_id, respondent), values)

    def judge(self, review_id: str, statement_id: str, *, rating: str | None = None,
              strengths: str | None = None, consider: str | None = None,
              clear_rating: bool = False) -> None:
        _, fw = self._statement(review_id, statement_id)
        values: dict[str, Any] = {"review_id": review_id, "statement_id": statement_id}
        if rating is not None or clear_rating:
            values["rating"] = None if clear_rating else self._rating(fw, rating)
        if strengths is not None:
            values["strengths"] = check_text(strengths, "The strengths")
        if consider is not None:
            values["consider"] = check_text(consider, "The areas for consideration")
        self.store.put(Judgement, model.judgement_id(review_id, statement_id), values)

    # --- evidence ------------------------------------------------------------------

    _EVIDENCE_FIELDS = {"title", "text", "meeting_type", "room", "year_group", "subject", "start",
                        "end", "teacher_present", "tas", "support", "look_fors", "pupil_voice",
                        "strengths", "consider", "date", "kind"}

    def _evidence_values(self, fw: Framework, details: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key not in self._EVIDENCE_FIELDS:
                raise InputError(f"'{key}' is not something evidence records.")
            if key == "kind":
                values[key] = check_choice(value, EvidenceKind, "The kind of evidence", allow_none=False)
            elif key == "date":
                values[key] = check_date(value, "The date")
            elif key == "tas":
                values[key] = check_count(value, "The number of teaching assistants")
            elif key == "teacher_present":
                values[key] = None if value is None else bool(value)
            elif key == "look_fors":
                values[key] = [check_text(v, "A look-for", required=True, limit=500) for v in (value or [])]
            elif key in ("start", "end"):
                values[key] = self._check_time(value, key)
            elif key in ("room", "year_group", "subject", "meeting_type"):
                values[key] = check_text(value, key.replace("_", " ").capitalize(), limit=200).strip() or None
            else:
                values[key] = check_text(value, key.replace("_", " ").capitalize())
        return values

    @staticmethod
    def _check_time(value: str | None, key: str) -> str | None:
        if value in (None, ""):
            return None
        try:
            return dt.time.fromisoformat(str(value).strip()).strftime("%H:%M")
        except ValueError:
            raise InputError(f"The {key} time must be written as HH:MM (for example 09:20), "
                             f"not '{value}'.") from None

    def _check_targets(self, fw: Framework, statements: Iterable[str], areas: Iterable[str]) -> None:
        for sid in statements:
            try:
                fw.statement(sid)
            except KeyError:
                raise InputError(f"'{sid}' is not a statement of {fw.name}.") from None
        for aid in areas:
            try:
                fw.area(aid)
            except KeyError:
                raise InputError(f"'{aid}' is not an area of {fw.name}.") from None

    def add_evidence(self, review_id: str, kind: str, *, statements: Iterable[str] = (),
                     areas: Iterable[str] = (), **details: Any) -> str:
        review = self.review(review_id)
        fw = self.framework_of(review)
        statements, areas = list(statements), list(areas)
        self._check_targets(fw, statements, areas)
        values = self._evidence_values(fw, {"kind": kind, **details})
        values.setdefault("date", dt.date.today().isoformat())
        with self.store.transaction():
            ev_id = self.store.create(Evidence, {"review_id": review_id, **values})
            for sid in statements:
                self._link(review_id, "evidence", ev_id, LinkTarget.STATEMENT, sid)
            for aid in areas:
                self._link(review_id, "evidence", ev_id, LinkTarget.AREA, aid)
        return ev_id

    def add_observation(self, review_id: str, *, room: str, **details: Any) -> str:
        """One learning-walk observation (one room visit)."""
        room = check_text(room, "The room or class", required=True, limit=200)
        return self.add_evidence(review_id, EvidenceKind.LEARNING_WALK.value, room=room, **details)

    def update_evidence(self, evidence_id: str, **details: Any) -> None:
        ev = self._evidence(evidence_id)
        fw = self.framework_of(self.review(ev.review_id))
        values = self._evidence_values(fw, details)
        if values:
            self.store.update(Evidence, evidence_id, values)

    def _evidence(self, evidence_id: str) -> Evidence:
        ev = self.store.get(Evidence, evidence_id)
        if ev is None:
            raise UserError(f"There is no evidence item with id '{evidence_id}'.")
        return ev

    def delete_evidence(self, evidence_id: str) -> None:
        self._evidence(evidence_id)
        self.store.delete(Evidence, evidence_id)

    def set_links(self, source_kind: str, source_id: str, target_kind: str,
                  targets: Iterable[str]) -> None:
        """Make a piece of evidence or an action point at exactly these targets."""
        kind = {"evidence": Evidence, "action": Action}[source_kind]
        source = self.store.get(kind, source_id)
        if source is None:
            raise UserError(f"There is no {source_kind} with id '{source_id}'.")
        fw = self.framework_of(self.review(source.review_id))
        wanted = list(dict.fromkeys(targets))
        if target_kind == LinkTarget.STATEMENT:
            self._check_targets(fw, wanted, [])
        else:
            self._check_targets(fw, [], wanted)
        current = {link.target_id: link for link in self.store.list(
            Link, review_id=source.review_id, source_id=source_id, target_kind=target_kind)}
        with self.store.transaction():
            for tid in wanted:
                if tid not in current:
                    self._link(source.review_id, source_kind, source_id, target_kind, tid)
            for tid, link in current.items():
                if tid not in wanted:
                    self.store.delete(Link, link.id)

    def _link(self, review_id: str, source_kind: str, source_id: str, target_kind: str,
              target_id: str) -> None:
        self.store.put(Link, model.link_id(source_id, target_kind, target_id), {
            "review_id": review_id, "source_kind": source_kind, "source_id": source_id,
            "target_kind": str(target_kind), "target_id": target_id, "deleted": False})

    # --- actions -------------------------------------------------------------------

    def _action_values(self, details: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key == "title":
                values[key] = check_text(value, "The action's title", required=True, limit=500).strip()
            elif key == "owner":
                values[key] = check_text(value, "The owner", limit=200).strip() or None
            elif key == "due":
                values[key] = check_date(value, "The due date")
            elif key == "priority":
                values[key] = check_choice(value, Priority, "The priority", allow_none=False)
            elif key == "status":
                values[key] = check_choice(value, ActionStatus, "The status", allow_none=False)
            elif key in ("success_criteria", "impact"):
                values[key] = check_text(value, key.replace("_", " ").capitalize())
            else:
                raise InputError(f"'{key}' is not something an action records.")
        return values

    def add_action(self, review_id: str, title: str, *, statements: Iterable[str] = (),
                   **details: Any) -> str:
        fw = self.framework_of(self.review(review_id))
        statements = list(statements)
        self._check_targets(fw, statements, [])
        values = self._action_values({"title": title, **details})
        with self.store.transaction():
            action_id = self.store.create(Action, {"review_id": review_id, **values})
            for sid in statements:
                self._link(review_id, "action", action_id, LinkTarget.STATEMENT, sid)
        return action_id

    def update_action(self, action_id: str, **details: Any) -> None:
        self._action(action_id)
        values = self._action_values(details)
        if values:
            self.store.update(Action, action_id, values)

    def _action(self, action_id: str) -> Action:
        action = self.store.get(Action, action_id)
        if action is None:
            raise UserError(f"There is no action with id '{action_id}'.")
        return action

    def add_action_note(self, action_id: str, text: str, date: str | None = None) -> str:
        action = self._action(action_id)
        return self.store.create(ActionNote, {
            "review_id": action.review_id, "action_id": action_id,
            "date": check_date(date, "The note's date") or dt.date.today().isoformat(),
            "text": check_text(text, "The progress note", required=True)})

    # --- preparation ------------------------------------------------------------

    def add_document(self, review_id: str, title: str, status: str = DocumentStatus.REQUESTED.value,
                     notes: str = "") -> str:
        self.review(review_id)
        return self.store.create(Document, {
            "review_id": review_id, "title": check_text(title, "The document's name", required=True, limit=300),
            "status": check_choice(status, DocumentStatus, "The document status", allow_none=False),
            "notes": check_text(notes, "The notes")})

    def update_document(self, document_id: str, **details: Any) -> None:
        if self.store.get(Document, document_id) is None:
            raise UserError(f"There is no document with id '{document_id}'.")
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key == "title":
                values[key] = check_text(value, "The document's name", required=True, limit=300)
            elif key == "status":
                values[key] = check_choice(value, DocumentStatus, "The document status", allow_none=False)
            elif key == "notes":
                values[key] = check_text(value, "The notes")
            else:
                raise InputError(f"'{key}' is not something the document checklist records.")
        self.store.update(Document, document_id, values)

    _COUNTS = {"on_roll": "The number on roll", "sen_support": "The SEN Support count",
               "ehcp": "The EHCP count", "suspensions": "Suspensions",
               "permanent_exclusions": "Permanent exclusions"}
    _PERCENTS = {"attendance_pct": "Attendance", "persistent_absence_pct": "Persistent absence"}

    def set_snapshot(self, review_id: str, **details: Any) -> None:
        self.review(review_id)
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key in self._COUNTS:
                values[key] = check_count(value, self._COUNTS[key])
            elif key in self._PERCENTS:
                values[key] = check_percent(value, self._PERCENTS[key])
            elif key == "notes":
                values[key] = check_text(value, "The notes")
            else:
                raise InputError(f"'{key}' is not part of the school data snapshot.")
        current = self.store.get(DataSnapshot, review_id)
        merged = {**(current.to_dict() if current else {}), **values}
        roll = merged.get("on_roll")
        for key in ("sen_support", "ehcp"):
            if roll is not None and merged.get(key) is not None and merged[key] > roll:
                raise InputError(f"{self._COUNTS[key]} ({merged[key]}) cannot be more than the "
                                 f"number on roll ({roll}).")
        self.store.put(DataSnapshot, review_id, {"review_id": review_id, **values})

    # --- search ---------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        return self.store.search(text, limit)
