"""What a user can do with their reviews, checked and saved through the store.

The desktop app and the command line are two faces over this class: each method
validates its input (raising InputError with a sentence the user can act on, and
changing nothing) and then makes exactly one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from . import model, validation
from .errors import InputError, UserError
from .attachments import AttachmentStore, LogoStore, inspect_image
from .files import check_target
from .frameworks import Framework, Library
from .guides import previsit_questions
from .model import (Action, ActionCheck, ActionNote, ActionStatus, BrandingProfile,
                    FollowUpVisit, ReviewFeedback, DataSnapshot, Document,
                    DocumentStatus, Evidence, EvidenceKind, FrozenFramework, IssuedReport,
                    Judgement, Link, LinkTarget, Photo, PrevisitAnswer, Question,
                    ReportComment, ReportDraft, ReportKind, Review, ReviewBundle, Reviewer,
                    ReviewType, SelfAssessment, Stage, StageRecord, StageStatus,
                    VisitSlot)
from . import removed as removed_things
from .paths import Paths
from .removed import RemovedItem
from .stages import missing
from .store import DeletedElsewhere, NotFound, R, SearchHit, Store
from .sync.hlc import decode as decode_stamp
from .gcpause import gc_paused
from .validation import (MAX_TEXT, check_choice, check_count, check_date,  # noqa: F401
                         check_percent, check_text, check_time, clean)

# Files of the data folder kept private at rest: "2" once photos and logos are sealed
# and named by keyed hashes, issued reports sealed, and draft PDFs moved out.
FILES_SETTING = "at_rest_files"
FILES_TIDY = "2"


def tidy_files(paths: Paths, key: bytes | None) -> None:
    """Bring the files an older version (or a folder restored with another key) left in
    the data folder into the private form: photos and logos sealed and renamed by keyed
    hashes, issued reports sealed, and draft PDFs (made again when next wanted) removed."""
    from .store import _scrub
    from .sync import crypto
    AttachmentStore(paths.attachments, key).tidy_names()
    LogoStore(paths.branding, key).tidy_names()
    AttachmentStore(paths.issued_reports, key, crypto.KIND_EXCHANGE).encrypt_existing()
    drafts = paths.report_drafts
    if drafts.is_dir():
        for path in sorted(drafts.rglob("*"), reverse=True):
            if path.is_file() or path.is_symlink():
                _scrub(path) if path.is_file() and not path.is_symlink() else path.unlink()
            elif path.is_dir():
                path.rmdir()
        drafts.rmdir()


@dataclass
class Workspace:
    paths: Paths
    store: Store
    _library: Library | None = None
    _frozen: dict[str, Framework] = field(default_factory=dict)
    _digests: dict[str, tuple[tuple[int, int], str]] = field(default_factory=dict)

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *,
             wall: Callable[[], float] | None = None) -> "Workspace":
        """Open the data folder; `wall` replaces the system clock (tests that depend on
        which of two edits is later pass one, so the order never rests on timing)."""
        paths = Paths.resolve(data_dir).ensure()
        store = Store.open(paths.database, paths.backups, wall=wall)
        if store.setting(FILES_SETTING) != FILES_TIDY:
            tidy_files(paths, store.key)
            store.set_setting(FILES_SETTING, FILES_TIDY)
        # Decrypted copies for the PDF viewer left by an app that did not close properly.
        from . import viewer
        try:
            viewer.discard_stale()
        except OSError:
            pass
        return cls(paths, store)

    @property
    def library(self) -> Library:
        """The frameworks to start reviews with, read on first use (existing reviews
        carry their own frozen copy, so opening the app does not need them)."""
        if self._library is None:
            self._library = Library.load(self.paths.user_frameworks)
        return self._library

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _existing(self, kind: type[R], rec_id: str, what: str) -> R:
        """The live record, or NotFound saying plainly which one is missing
        (DeletedElsewhere when a colleague's delete came by sync: see `restore`)."""
        rec = self.store.get(kind, rec_id)
        if rec is None:
            if self.store.deleted_elsewhere(kind, rec_id):
                raise DeletedElsewhere(f"This {what} was deleted on another computer, so the change "
                                       f"was not saved.", kind, rec_id)
            raise NotFound(f"There is no {what} with id '{rec_id}'.")
        return rec

    def restore(self, gone: DeletedElsewhere) -> None:
        """Bring back a record a colleague deleted while this computer's user was
        editing it, so the edit is not lost. Like any edit, the later version of its
        deleted flag wins on every computer at the next sync."""
        self.store.update(gone.kind, gone.rec_id, {"deleted": False})

    # --- things taken out of a review (issue 10: never lose a note) ------------------

    def removed(self, review_id: str) -> list[RemovedItem]:
        """What was taken out of a review (core/removed.py), newest first: every removed
        record of the kinds that can be brought back, except an observation nothing was
        noted in, and the evidence and answer sheets of a removed survey (they come back
        with it)."""
        self.review(review_id)
        found: list[tuple[str, RemovedItem]] = []
        found_of = {table: self.store.removed(kind, review_id)
                    for table, kind in removed_things.KINDS.items()}
        gone_surveys = {rec.id: rec for rec, _, _ in found_of.get(model.Survey.table, [])
                        if isinstance(rec, model.Survey)}
        with_survey = {s.evidence_id for s in gone_surveys.values() if s.evidence_id}
        for table, records in found_of.items():
            for rec, stamp, device in records:
                if not removed_things.holds_anything(rec) or rec.id in with_survey:
                    continue
                if isinstance(rec, model.RespondentAnswers) and rec.survey_id in gone_surveys:
                    continue
                when = None
                if stamp is not None:
                    when = dt.datetime.fromtimestamp(decode_stamp(stamp)[0] / 1000, dt.timezone.utc)
                found.append((stamp or "", RemovedItem(
                    table, rec.id, removed_things.noun(rec), removed_things.label(rec), when,
                    device is not None and device != self.store.device_id)))
        found.sort(key=lambda pair: pair[0], reverse=True)
        return [item for _, item in found]

    def bring_back(self, table: str, rec_id: str) -> None:
        """Put a removed record back in its review, as a later version of its deleted flag
        (so it comes back on every computer at the next sync, with every edit made to
        it meanwhile). A survey comes back with its evidence and answer sheets; a photo
        only once its observation is back."""
        kind = removed_things.KINDS.get(table)
        if kind is None:
            raise UserError("Only things taken out of a review (such as an action, an observation "
                            "or a survey) can be brought back this way.")
        rec = self.store.get(kind, rec_id, include_deleted=True)
        if rec is None:
            raise NotFound("There is nothing taken out of a review with that id; it may have "
                           "been brought back already on another computer.")
        what = removed_things.noun(rec)
        if not rec.deleted:
            raise UserError(f"This {what} is in the review already.")
        self.review(rec.review_id)
        if isinstance(rec, Photo) and self.store.get(Evidence, rec.evidence_id) is None:
            raise UserError("This photo belongs to an observation that was taken out too: "
                            "bring back the observation first.")
        with self.store.transaction():
            self.store.update(kind, rec_id, {"deleted": False})
            if isinstance(rec, model.Survey):
                if rec.evidence_id and self.store.get(Evidence, rec.evidence_id, include_deleted=True):
                    self.store.update(Evidence, rec.evidence_id, {"deleted": False})
                for sheet in self.store.records(model.RespondentAnswers, review_id=rec.review_id,
                                                include_deleted=True, survey_id=rec_id):
                    if sheet.deleted:
                        self.store.update(model.RespondentAnswers, sheet.id, {"deleted": False})

    # --- reviews ----------------------------------------------------------------

    def new_review(self, school_name: str, framework_id: str, *,
                   review_type: str = ReviewType.EXTERNAL.value, framework_hash: str | None = None,
                   edition: str | None = None, **details: Any) -> str:
        """Start a review with a frozen copy of the framework and six stages.

        `framework_hash` starts it from a framework copy already in the database (an
        anonymised copy uses exactly its original's framework) instead of the library's."""
        school_name = check_text(school_name, "The school's name", required=True, limit=200).strip()
        check_choice(review_type, ReviewType, "The review type", allow_none=False)
        if framework_hash:
            frozen = self.store.get(FrozenFramework, framework_hash, include_deleted=True)
            if frozen is None or frozen.framework_id != framework_id:
                raise InputError(f"There is no copy of framework '{framework_id}' with that "
                                 f"fingerprint in this database.")
            fw = Framework.from_content(frozen.content)
        else:
            from .editions import choose
            # The edition that fits the setting (the specialist SEND Review Guide for a
            # special school), unless one is asked for; switch_edition changes it later.
            framework_id = choose(framework_id, details.get("setting"), details.get("phase"), edition)
            fw = self.library.get(framework_id)
        values = self._review_values(details, fw)
        if fw.subject != "school" and "subject" not in values:
            values["subject"] = fw.subject   # the MAT framework reviews a trust
        digest = framework_hash or fw.content_hash()
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
        details = {k: v for k, v in details.items() if k != "id"}
        return validation.clean(Review, details, special={
            "scope": lambda scope: self._check_scope(scope, fw),
            "review": self._check_review_link})

    def _check_review_link(self, value: Any) -> str | None:
        if value and self.store.get(Review, value) is None:
            raise InputError(f"There is no review with id '{value}' to link to.")
        return value or None

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
            raise NotFound(f"There is no review with id '{review_id}'. "
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
        with self.store.transaction():
            self.store.delete(Review, review_id)
            for key in self.store.settings_starting(self._draft_key(review_id, "")):
                self.store.set_setting(key, None)

    def reviews(self) -> list[dict[str, Any]]:
        return self.store.review_rows()

    def bundle(self, review_id: str) -> ReviewBundle:
        review = self.review(review_id)
        s = self.store
        stages = {Stage(r.stage): r for r in s.records(StageRecord, review_id=review_id)}
        snapshots = s.records(DataSnapshot, review_id=review_id)
        slots = s.records(VisitSlot, review_id=review_id)
        return ReviewBundle(
            review=review, framework=self.framework_of(review),
            reviewers=s.records(Reviewer, review_id=review_id), stages=stages,
            self_assessments=s.records(SelfAssessment, review_id=review_id),
            judgements={j.statement_id: j for j in s.records(Judgement, review_id=review_id)},
            evidence=s.records(Evidence, review_id=review_id),
            links=s.records(Link, review_id=review_id),
            actions=s.records(Action, review_id=review_id),
            action_notes=s.records(ActionNote, review_id=review_id),
            documents=s.records(Document, review_id=review_id),
            snapshot=snapshots[0] if snapshots else None,
            photos=s.records(Photo, review_id=review_id),
            visit_slots=sorted(slots, key=lambda v: (v.start or "99:99", v.created or "")),
            questions=s.records(Question, review_id=review_id),
            previsit={a.question_id: a.text for a in s.records(PrevisitAnswer, review_id=review_id)},
            followup_visits=sorted(s.records(FollowUpVisit, review_id=review_id),
                                   key=lambda v: (v.date or "", v.created or "")),
            action_checks=s.records(ActionCheck, review_id=review_id),
            feedback=s.get(ReviewFeedback, model.feedback_id(review_id)),
            respondent_answers=s.records(model.RespondentAnswers, review_id=review_id),
            surveys=s.records(model.Survey, review_id=review_id),
            school_figures=s.records(model.SchoolFigure, review_id=review_id),
            comparators=self.comparators(),
            verbal_feedback=s.get(model.VerbalFeedback, model.verbal_feedback_id(review_id)))

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
        check_choice(stage, Stage, "The stage", allow_none=False)
        stage_enum = Stage(stage)
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

    def _statement(self, review_id: str, statement_id: str) -> Framework:
        digest = self.store.value(Review, review_id, "framework_hash")
        if digest is None:
            self.review(review_id)  # raises the usual message
        fw = self._frozen.get(digest) or self.framework_of(self.review(review_id))
        try:
            fw.statement(statement_id)
        except KeyError:
            sample = ", ".join(s.id for s in fw.statements()[:4])
            raise InputError(f"'{statement_id}' is not a statement of {fw.name} (statements "
                             f"are numbered like {sample}; 'wss-desktop frameworks show "
                             f"{fw.id}' lists them).") from None
        return fw

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
        fw = self._statement(review_id, statement_id)
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
        fw = self._statement(review_id, statement_id)
        values: dict[str, Any] = {"review_id": review_id, "statement_id": statement_id}
        if rating is not None or clear_rating:
            values["rating"] = None if clear_rating else self._rating(fw, rating)
        if strengths is not None:
            values["strengths"] = check_text(strengths, "The strengths")
        if consider is not None:
            values["consider"] = check_text(consider, "The areas for consideration")
        self.store.put(Judgement, model.judgement_id(review_id, statement_id), values)

    # --- evidence ------------------------------------------------------------------

    def _evidence_values(self, fw: Framework, details: dict[str, Any]) -> dict[str, Any]:
        return validation.clean(Evidence, details)

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
        ev = self._existing(Evidence, evidence_id, "evidence item")
        return ev

    def delete_evidence(self, evidence_id: str) -> None:
        self._evidence(evidence_id)
        self.store.delete(Evidence, evidence_id)

    def set_links(self, source_kind: str, source_id: str, target_kind: str,
                  targets: Iterable[str]) -> None:
        """Make a piece of evidence or an action point at exactly these targets."""
        kinds: dict[str, type[Evidence] | type[Action] | type[Question]] = {
            "evidence": Evidence, "action": Action, "question": Question}
        if source_kind not in kinds:
            raise InputError(f"Only evidence, actions and questions can be linked, not '{source_kind}'.")
        kind = kinds[source_kind]
        source = self._existing(kind, source_id, source_kind)
        fw = self.framework_of(self.review(source.review_id))
        wanted = list(dict.fromkeys(targets))
        if target_kind == LinkTarget.STATEMENT:
            self._check_targets(fw, wanted, [])
        else:
            self._check_targets(fw, [], wanted)
        current = {link.target_id: link for link in self.store.records(
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
        return validation.clean(Action, details)

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
        action = self._existing(Action, action_id, "action")
        return action

    def add_action_note(self, action_id: str, text: str, date: str | None = None) -> str:
        action = self._action(action_id)
        return self.store.create(ActionNote, {
            "review_id": action.review_id, "action_id": action_id,
            "date": check_date(date, "The note's date") or dt.date.today().isoformat(),
            "text": check_text(text, "The progress note", required=True)})

    def update_action_note(self, note_id: str, *, text: str | None = None,
                           date: str | None = None) -> None:
        self._existing(ActionNote, note_id, "progress note")
        values: dict[str, Any] = {}
        if text is not None:
            values["text"] = check_text(text, "The progress note", required=True)
        if date is not None:
            values["date"] = check_date(date, "The note's date")
        self.store.update(ActionNote, note_id, values)

    # --- preparation ------------------------------------------------------------

    def add_document(self, review_id: str, title: str, status: str = DocumentStatus.REQUESTED.value,
                     notes: str = "") -> str:
        self.review(review_id)
        return self.store.create(Document, {
            "review_id": review_id, "title": check_text(title, "The document's name", required=True, limit=300),
            "status": check_choice(status, DocumentStatus, "The document status", allow_none=False),
            "notes": check_text(notes, "The notes")})

    def update_document(self, document_id: str, **details: Any) -> None:
        self._existing(Document, document_id, "document")
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
            elif key in self._PERCENTS_NATIONAL:
                values[key] = check_percent(value, self._PERCENTS_NATIONAL[key])
            elif key in ("notes", "national_note"):
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

    _PERCENTS_NATIONAL = {"national_sen_support_pct": "The national SEN Support figure",
                          "national_ehcp_pct": "The national EHCP figure",
                          "national_attendance_pct": "The national attendance figure",
                          "national_persistent_absence_pct": "The national persistent absence figure"}

    # --- people and checklist edits ------------------------------------------------

    def update_reviewer(self, reviewer_id: str, **details: Any) -> None:
        self._existing(Reviewer, reviewer_id, "reviewer")
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key == "name":
                values[key] = check_text(value, "The reviewer's name", required=True, limit=200).strip()
            elif key in ("role", "organisation"):
                values[key] = check_text(value, f"The {key}", limit=200).strip() or None
            else:
                raise InputError(f"'{key}' is not something recorded about a reviewer.")
        self.store.update(Reviewer, reviewer_id, values)

    def delete_reviewer(self, reviewer_id: str) -> None:
        self._delete(Reviewer, reviewer_id, "reviewer")

    def delete_document(self, document_id: str) -> None:
        self._delete(Document, document_id, "document")

    def delete_action(self, action_id: str) -> None:
        self._delete(Action, action_id, "action")

    def _delete(self, kind: type, rec_id: str, what: str) -> None:
        self._existing(kind, rec_id, what)
        self.store.delete(kind, rec_id)

    # --- photos ------------------------------------------------------------------------

    @property
    def attachments(self) -> AttachmentStore:
        return AttachmentStore(self.paths.attachments, self.store.key)

    def add_photo(self, evidence_id: str, data: bytes, *, caption: str = "") -> str:
        """Keep a photo with a piece of evidence; the file is written before the record."""
        ev = self._evidence(evidence_id)
        info = inspect_image(data)
        caption = check_text(caption, "The caption", limit=1000)
        digest = self.attachments.put(data, info.media_type)
        return self.store.create(Photo, {
            "review_id": ev.review_id, "evidence_id": evidence_id, "sha256": digest,
            "media_type": info.media_type, "caption": caption, "width": info.width,
            "height": info.height, "size": len(data)})

    def photos(self, evidence_id: str) -> list[Photo]:
        return self.store.records(Photo, evidence_id=evidence_id)

    def photo_path(self, photo_id: str) -> Path:
        """Where the photo's file is (encrypted at rest: read it with `photo_bytes`)."""
        photo = self._photo(photo_id)
        return self.attachments.path(photo.sha256, photo.media_type)

    def photo_bytes(self, photo_id: str) -> bytes:
        """The photo itself, decrypted; FileNotFoundError when its file is not here (yet)."""
        photo = self._photo(photo_id)
        return self.attachments.read(photo.sha256, photo.media_type)

    def _photo(self, photo_id: str) -> Photo:
        photo = self._existing(Photo, photo_id, "photo")
        return photo

    def update_photo(self, photo_id: str, *, caption: str) -> None:
        self._photo(photo_id)
        self.store.update(Photo, photo_id, {"caption": check_text(caption, "The caption", limit=1000)})

    def delete_photo(self, photo_id: str) -> None:
        self._delete(Photo, photo_id, "photo")

    # --- visit timetable and questions -------------------------------------------------

    def _slot_values(self, details: dict[str, Any]) -> dict[str, Any]:
        values = validation.clean(VisitSlot, details)
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            raise InputError("A timetable slot cannot end before it starts.")
        return values

    def add_visit_slot(self, review_id: str, **details: Any) -> str:
        self.review(review_id)
        values = self._slot_values(details)
        return self.store.create(VisitSlot, {"review_id": review_id, **values})

    def update_visit_slot(self, slot_id: str, **details: Any) -> None:
        current = self._existing(VisitSlot, slot_id, "timetable slot")
        values = self._slot_values({"start": current.start, "end": current.end, **details})
        self.store.update(VisitSlot, slot_id, {k: v for k, v in values.items() if k in details})

    def delete_visit_slot(self, slot_id: str) -> None:
        self._delete(VisitSlot, slot_id, "timetable slot")

    def add_question(self, review_id: str, text: str, *, statements: Iterable[str] = (),
                     areas: Iterable[str] = ()) -> str:
        fw = self.framework_of(self.review(review_id))
        statements, areas = list(statements), list(areas)
        self._check_targets(fw, statements, areas)
        with self.store.transaction():
            qid = self.store.create(Question, {
                "review_id": review_id, "text": check_text(text, "The question", required=True)})
            for sid in statements:
                self._link(review_id, "question", qid, LinkTarget.STATEMENT, sid)
            for aid in areas:
                self._link(review_id, "question", qid, LinkTarget.AREA, aid)
        return qid

    def update_question(self, question_id: str, *, text: str | None = None,
                        answer: str | None = None, done: bool | None = None) -> None:
        self._existing(Question, question_id, "question")
        values: dict[str, Any] = {}
        if text is not None:
            values["text"] = check_text(text, "The question", required=True)
        if answer is not None:
            values["answer"] = check_text(answer, "The answer")
        if done is not None:
            values["done"] = bool(done)
        self.store.update(Question, question_id, values)

    def delete_question(self, question_id: str) -> None:
        self._delete(Question, question_id, "question")

    def answer_previsit(self, review_id: str, question_id: str, text: str) -> None:
        fw = self.framework_of(self.review(review_id))
        known = [q.id for q in previsit_questions(fw)]
        if question_id not in known:
            raise InputError(f"'{question_id}' is not a question of the pre-visit form.")
        self.store.put(PrevisitAnswer, model.previsit_id(review_id, question_id), {
            "review_id": review_id, "question_id": question_id,
            "text": check_text(text, "The answer")})

    # --- report drafts, quality assurance and branding -----------------------------------

    def report_draft(self, review_id: str, kind: str) -> ReportDraft:
        """The stored draft, or a blank one (not saved until something is chosen)."""
        self.review(review_id)
        check_choice(kind, ReportKind, "The report kind", allow_none=False)
        draft = self.store.get(ReportDraft, model.report_draft_id(review_id, kind))
        if draft is None:
            return ReportDraft(id=model.report_draft_id(review_id, kind), review_id=review_id, kind=kind)
        if draft.checked_by and draft.checked_digest != self.content_digest(review_id):
            # Checked, but what it reports on has changed since: a draft again.
            draft.checked_by = draft.checked_on = None
        return draft

    def content_digest(self, review_id: str) -> str:
        """A fingerprint of what reports are made from (not stage statuses or the report
        records themselves), so a check can tell whether anything has changed since."""
        revision = self.store.revision()
        cached = self._digests.get(review_id)
        if cached and cached[0] == revision:
            return cached[1]
        b = self.bundle(review_id)
        parts = [b.review, *b.reviewers, *b.self_assessments, *b.judgements.values(), *b.evidence,
                 *b.links, *b.actions, *b.action_notes, *b.documents, b.snapshot, *b.photos,
                 *b.visit_slots, *b.followup_visits, *b.action_checks,
                 *b.respondent_answers, *b.surveys, *b.school_figures, b.verbal_feedback]
        lines = sorted(json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False)
                       for p in parts if p is not None)
        digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        self._digests[review_id] = (revision, digest)
        return digest

    _DRAFT_TEXT = ("overview", "strengths", "development", "next_steps")

    def save_report_draft(self, review_id: str, kind: str, **details: Any) -> None:
        """Save the reviewer's choices; a checked report that changes needs checking again."""
        draft = self.report_draft(review_id, kind)
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key in self._DRAFT_TEXT:
                values[key] = check_text(value, "The paragraph")
            elif key == "sections":
                values[key] = None if value is None else self._check_sections(kind, value)
            elif key == "branding_profile_id":
                if value and self.store.get(BrandingProfile, value) is None:
                    raise InputError("That branding profile no longer exists; choose another.")
                values[key] = value or None
            elif key == "large_print":
                values[key] = bool(value)
            else:
                raise InputError(f"'{key}' is not something a report draft records.")
        if draft.checked_by and any(getattr(draft, k) != v for k, v in values.items()):
            values.update(checked_by=None, checked_on=None)
        if values:
            self.store.put(ReportDraft, draft.id, {"review_id": review_id, "kind": kind, **values})

    @staticmethod
    def _check_sections(kind: str, sections: Iterable[str]) -> list[str]:
        from .reports import options as report_options
        known = report_options.section_ids(ReportKind(kind))
        chosen = list(dict.fromkeys(sections))
        unknown = [sec for sec in chosen if sec not in known]
        if unknown:
            raise InputError(f"'{unknown[0]}' is not a section of this report; its sections "
                             f"are {', '.join(known)}.")
        return chosen

    def mark_report_checked(self, review_id: str, kind: str, checked_by: str,
                            on: str | None = None) -> None:
        draft = self.report_draft(review_id, kind)
        checked_by = check_text(checked_by, "The name of the person who checked it",
                                required=True, limit=200).strip()
        still_open = [c for c in self.report_comments(review_id, kind) if not c.resolved]
        if still_open:
            n = len(still_open)
            raise InputError(f"{n} moderator comment{'s are' if n != 1 else ' is'} still open; "
                             f"resolve {'them' if n != 1 else 'it'} before marking the report checked.")
        when = check_date(on, "The date checked") or dt.date.today().isoformat()
        self.store.put(ReportDraft, draft.id, {
            "review_id": review_id, "kind": kind, "checked_by": checked_by, "checked_on": when,
            "checked_digest": self.content_digest(review_id), "last_checked_by": checked_by,
            "last_checked_on": when})

    def clear_report_check(self, review_id: str, kind: str) -> None:
        draft = self.report_draft(review_id, kind)
        if draft.checked_by:
            self.store.update(ReportDraft, draft.id, {"checked_by": None, "checked_on": None})

    def add_report_comment(self, review_id: str, kind: str, text: str, author: str, *,
                           section: str | None = None, target_kind: str | None = None,
                           target_id: str | None = None) -> str:
        self.report_draft(review_id, kind)
        if target_kind not in (None, "statement", "action", "area"):
            raise InputError("A comment can point at a statement, an action or an area.")
        return self.store.create(ReportComment, {
            "review_id": review_id, "kind": kind, "section": section, "target_kind": target_kind,
            "target_id": target_id, "text": check_text(text, "The comment", required=True),
            "author": check_text(author, "The moderator's name", required=True, limit=200).strip()})

    def resolve_report_comment(self, comment_id: str, resolved_by: str, resolved: bool = True) -> None:
        self._existing(ReportComment, comment_id, "comment")
        self.store.update(ReportComment, comment_id, {
            "resolved": resolved,
            "resolved_by": check_text(resolved_by, "Who resolved it", required=resolved, limit=200).strip() or None,
            "resolved_on": dt.date.today().isoformat() if resolved else None})

    def update_report_comment(self, comment_id: str, *, text: str) -> None:
        self._existing(ReportComment, comment_id, "comment")
        self.store.update(ReportComment, comment_id, {"text": check_text(text, "The comment", required=True)})

    def report_comments(self, review_id: str, kind: str | None = None,
                        open_only: bool = False) -> list[ReportComment]:
        comments = self.store.records(ReportComment, review_id=review_id)
        return [c for c in comments if (kind is None or c.kind == kind)
                and not (open_only and c.resolved)]

    def issue_report(self, review_id: str, kind: str, pdf_path: Path, pages: int | None = None) -> IssuedReport:
        """Keep a copy of a checked report as issued today."""
        draft = self.report_draft(review_id, kind)
        if not draft.checked_by:
            raise InputError("This report is still a draft. Ask a colleague to check it and mark "
                             "it checked before issuing it.")
        data = Path(pdf_path).read_bytes()
        if not data.startswith(b"%PDF"):
            raise InputError(f"{pdf_path} is not a PDF file.")
        today = dt.date.today().isoformat()
        folder = self.paths.issued_reports / review_id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{today}-{kind}.pdf"
        n = 2
        while target.exists():
            target = folder / f"{today}-{kind}-{n}.pdf"
            n += 1
        # Kept encrypted, like everything else in the data folder (`issued_pdf` reads it).
        self._issued_files(review_id)._write(target, self._issued_files(review_id)._seal(data))
        rid = self.store.create(IssuedReport, {
            "review_id": review_id, "kind": kind, "issued_on": today, "file_name": target.name,
            "sha256": hashlib.sha256(data).hexdigest(), "pages": pages,
            "checked_by": draft.checked_by, "large_print": draft.large_print})
        issued = self.store.get(IssuedReport, rid)
        assert issued is not None  # created just above
        return issued

    def _issued_files(self, review_id: str) -> AttachmentStore:
        from .sync import crypto
        return AttachmentStore(self.paths.issued_reports / review_id, self.store.key,
                               crypto.KIND_EXCHANGE)

    def issued_pdf(self, report: IssuedReport) -> bytes:
        """The issued PDF itself, decrypted; FileNotFoundError when its copy is gone."""
        path = self.paths.issued_reports / report.review_id / report.file_name
        return self._issued_files(report.review_id)._open(path.read_bytes())

    def issued_pdf_to_view(self, report: IssuedReport) -> Path:
        """A decrypted copy of an issued PDF for a PDF viewer, in this app's private
        (0700) folder of the system's temporary area (core/viewer.py), never the data
        folder; removed when the app closes, or at the next start if it was killed."""
        from . import viewer
        data = self.issued_pdf(report)
        target = viewer.copy_path(f"{report.review_id[:8]}-{report.file_name}")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return target

    def draft_pdf_path(self, review_id: str, kind: str, large_print: bool) -> Path:
        """Where the latest PDF of a report is made for the viewer: this app's private
        folder of the system's temporary area, not the data folder (a PDF cannot be
        encrypted and still open in a viewer); issued copies are kept, encrypted, in the
        data folder."""
        from . import viewer
        name = f"{kind}-large-print.pdf" if large_print else f"{kind}.pdf"
        folder = viewer.folder() / re.sub(r"[^A-Za-z0-9_-]", "_", review_id)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder / name

    def issued_reports(self, review_id: str) -> list[IssuedReport]:
        rows = self.store.records(IssuedReport, review_id=review_id)
        return sorted(rows, key=lambda r: (r.issued_on or "", r.created or ""), reverse=True)

    def _branding_values(self, details: dict[str, Any]) -> dict[str, Any]:
        chosen = "logo" in details   # a chosen image file, copied in as the profile's logo
        if chosen:
            details = {("logo_file" if k == "logo" else k): v for k, v in details.items()}
        return validation.clean(BrandingProfile, details, special={
            "logo": lambda logo: (self._copy_logo(logo) if chosen else self._kept_logo(logo))
            if logo else None})

    def _kept_logo(self, name: str) -> str:
        """A logo already copied in, named as it is kept."""
        if Path(name).name != name or not self.logos.path_of(name).is_file():
            raise InputError(f"There is no logo called '{name}' kept here; choose the image "
                             f"file again.")
        return name

    def _copy_logo(self, logo: str | Path) -> str:
        path = Path(logo)
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".svg"):
            raise InputError("A logo must be a PNG, JPEG or SVG file.")
        try:
            data = path.read_bytes()
        except OSError:
            raise InputError(f"The logo file {path} cannot be read; check it is still there.") from None
        if len(data) > 5 * 1024 * 1024:
            raise InputError("The logo file is over 5 MB; please use a smaller image.")
        return self.logos.add(data, path.suffix.lower())

    @property
    def logos(self) -> LogoStore:
        return LogoStore(self.paths.branding, self.store.key)

    def logo_bytes(self, logo_file: str) -> bytes:
        """A branding logo itself, decrypted; FileNotFoundError when it is not here."""
        return self.logos.logo(logo_file)

    def add_branding_profile(self, name: str, **details: Any) -> str:
        values = self._branding_values({"name": name, **details})
        return self.store.create(BrandingProfile, values)

    def update_branding_profile(self, profile_id: str, **details: Any) -> None:
        self._existing(BrandingProfile, profile_id, "branding profile")
        self.store.update(BrandingProfile, profile_id, self._branding_values(details))

    def delete_branding_profile(self, profile_id: str) -> None:
        self._delete(BrandingProfile, profile_id, "branding profile")

    def set_default_branding(self, profile_id: str | None) -> None:
        if profile_id and self.store.get(BrandingProfile, profile_id) is None:
            raise UserError(f"There is no branding profile with id '{profile_id}'.")
        with self.store.transaction():
            for profile in self.branding_profiles():
                want = profile.id == profile_id
                if profile.is_default != want:
                    self.store.update(BrandingProfile, profile.id, {"is_default": want})

    def branding_profiles(self) -> list[BrandingProfile]:
        return self.store.records(BrandingProfile)

    # --- follow-up ------------------------------------------------------------------

    def _visit_values(self, details: dict[str, Any]) -> dict[str, Any]:
        return validation.clean(FollowUpVisit, details)

    def add_followup_visit(self, review_id: str, **details: Any) -> str:
        self.review(review_id)
        values = self._visit_values(details)
        values.setdefault("date", dt.date.today().isoformat())
        return self.store.create(FollowUpVisit, {"review_id": review_id, **values})

    def update_followup_visit(self, visit_id: str, **details: Any) -> None:
        self._existing(FollowUpVisit, visit_id, "follow-up visit")
        self.store.update(FollowUpVisit, visit_id, self._visit_values(details))

    def delete_followup_visit(self, visit_id: str) -> None:
        self._delete(FollowUpVisit, visit_id, "follow-up visit")

    def check_action(self, visit_id: str, action_id: str, *, status: str | None = None,
                     comment: str | None = None) -> None:
        """Record how an action stood at a follow-up visit (and move the action on)."""
        visit = self._existing(FollowUpVisit, visit_id, "follow-up visit")
        action = self._action(action_id)
        if action.review_id != visit.review_id:
            raise InputError("That action belongs to another review.")
        values: dict[str, Any] = {"review_id": visit.review_id, "visit_id": visit_id,
                                  "action_id": action_id}
        if status is not None:
            values["status"] = check_choice(status, ActionStatus, "The status", allow_none=False)
        if comment is not None:
            values["comment"] = check_text(comment, "The comment")
        with self.store.transaction():
            self.store.put(ActionCheck, model.action_check_id(visit_id, action_id), values)
            if status is not None and status != action.status:
                self.store.update(Action, action_id, {"status": status})

    def set_feedback(self, review_id: str, **details: Any) -> None:
        """The school's feedback on the review (scores 1 to 5 and comments)."""
        self.review(review_id)
        values: dict[str, Any] = {}
        for key, value in details.items():
            if key in ("usefulness", "tone", "clarity"):
                number = check_count(value, f"The {key} score")
                if number is not None and not 1 <= number <= 5:
                    raise InputError(f"The {key} score must be from 1 to 5.")
                values[key] = number
            elif key == "date":
                values[key] = check_date(value, "The date")
            elif key == "given_by":
                values[key] = check_text(value, "Who gave the feedback", limit=200).strip() or None
            elif key in ("went_well", "could_be_better"):
                values[key] = check_text(value, "The comment")
            else:
                raise InputError(f"'{key}' is not part of the school's feedback.")
        self.store.put(ReviewFeedback, model.feedback_id(review_id), {"review_id": review_id, **values})

    # --- search ---------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        return self.store.search(text, limit)

    # --- the framework editor (issue 16) ---------------------------------------------

    def reload_frameworks(self) -> Library:
        """Read the framework files again, after the editor saved or imported one."""
        self._library = None
        return self.library

    def framework_users(self, framework_id: str) -> dict[str, list[str]]:
        """Version -> the names of the reviews that froze that version of a framework."""
        out: dict[str, list[str]] = {}
        for r in self.store.records(Review, framework_id=framework_id):
            out.setdefault(r.framework_version, []).append(r.school_name)
        return out

    # --- many voices: individual answers per respondent group --------------------------

    def add_respondent_answers(self, review_id: str, respondent: str, answers: dict[str, str], *,
                               label: str | None = None, survey_id: str | None = None) -> str:
        """One person's answers (statement id -> rating) in one respondent group."""
        return self.add_respondent_sheets(review_id, respondent, [answers], labels=[label],
                                          survey_id=survey_id)[0]

    def add_respondent_sheets(self, review_id: str, respondent: str,
                              sheets: list[dict[str, str]], *, labels: list[str | None] | None = None,
                              survey_id: str | None = None) -> list[str]:
        """Many people's answers in one transaction: all of them are saved, or none."""
        from .gaps import check_sheet, group_ids
        fw = self.framework_of(self.review(review_id))
        known = group_ids(fw)
        if respondent not in known:
            raise InputError(f"In {fw.name} the statements are answered by: {', '.join(known)} "
                             f"(not '{respondent}').")
        checked = [check_sheet(fw, sheet, n) for n, sheet in enumerate(sheets, 1)]
        have = sum(1 for a in self.store.records(model.RespondentAnswers, review_id=review_id,
                                              respondent=respondent))
        ids = []
        with self.store.transaction():
            for n, answers in enumerate(checked):
                given = (labels or [None] * len(checked))[n]
                label = check_text(given, "The respondent's code", limit=60).strip() or \
                    f"{respondent}-{have + n + 1}"
                ids.append(self.store.create(model.RespondentAnswers, {
                    "review_id": review_id, "respondent": respondent, "label": label,
                    "answers": answers, "survey_id": survey_id}))
        return ids

    def update_respondent_answers(self, answers_id: str, answers: dict[str, str]) -> None:
        from .gaps import check_sheet
        rec = self._existing(model.RespondentAnswers, answers_id, "answer sheet")
        fw = self.framework_of(self.review(rec.review_id))
        self.store.update(model.RespondentAnswers, answers_id, {"answers": check_sheet(fw, answers, 1)})

    def delete_respondent_answers(self, answers_id: str) -> None:
        self._delete(model.RespondentAnswers, answers_id, "answer sheet")

    # --- many voices: surveys ----------------------------------------------------------

    def survey_questionnaire(self, review_id: str, group: str, *, template: str | None = None,
                             easy_read: bool = False) -> "Any":
        from . import surveys
        review = self.review(review_id)
        return surveys.questionnaire(self.framework_of(review), group, template=template,
                                     easy_read=easy_read, scope=review.scope)

    def make_survey(self, review_id: str, group: str, path: str | Path, *,
                    template: str | None = None, easy_read: bool = False,
                    service: str = "microsoft", large_print: bool = False) -> Path:
        """Write the questionnaire to hand out: .pdf (printable), .xlsx (one row per
        respondent) or .csv (the header a Microsoft Forms or Google Forms export has)."""
        from . import surveys
        target = Path(path)
        suffix = target.suffix.casefold()
        if suffix not in (".pdf", ".xlsx", ".csv"):
            raise InputError(f"Say which kind of file to make by its ending: .pdf, .xlsx or "
                             f".csv (not '{target.name}').")
        check_target(target, "survey-form" + suffix, "the survey form", error=InputError)
        q = self.survey_questionnaire(review_id, group, template=template, easy_read=easy_read)
        review = self.review(review_id)
        if suffix == ".csv":
            surveys.write_csv(q, target, service)
        elif suffix == ".xlsx":
            surveys.write_xlsx(q, target, review_id=review_id)
        else:
            from .reports.survey_form import write_pdf
            write_pdf(q, target, school=review.school_name, large_print=large_print)
        return target

    def read_survey_returns(self, review_id: str, path: str | Path, group: str) -> "Any":
        """Read and check a returns file without storing anything (see store_survey)."""
        from . import surveys
        review = self.review(review_id)
        already = [s.fingerprint for s in self.store.records(model.Survey, review_id=review_id)
                   if s.fingerprint]
        return surveys.parse_returns(Path(path), self.framework_of(review), group,
                                     scope=review.scope, already=already)

    def survey_from_rows(self, review_id: str, group: str, rows: list[list[str]], *,
                         template: str | None = None, easy_read: bool = False) -> "Any":
        """Returns typed in from paper: one list of answers per respondent, in the
        questionnaire's question order."""
        from . import surveys
        review = self.review(review_id)
        q = self.survey_questionnaire(review_id, group, template=template, easy_read=easy_read)
        header = [x.text for x in q.questions]
        return surveys.parse_rows([header, *[list(r) for r in rows]], self.framework_of(review),
                                  group, file_name="the typed-in answers", kind="paper",
                                  scope=review.scope, questionnaire_=q)

    # Drafts: what is typed but not yet made a record (a comment not yet added, answers
    # typed in from paper not yet saved as a survey) is kept as it is typed, so leaving
    # the review or the app stopping never loses it. Drafts stay on this computer (a
    # device-local setting in the encrypted database, never sent to colleagues), one per
    # review and name, as typed (names not yet removed), and go with the review.
    _DRAFT = "draft."

    def _draft_key(self, review_id: str, name: str) -> str:
        return f"{self._DRAFT}{review_id}.{name}"

    def keep_draft(self, review_id: str, name: str, text: str) -> None:
        """Keep a draft (empty or blank text lets go of it)."""
        self.review(review_id)
        self.store.set_setting(self._draft_key(review_id, name), text if text.strip() else None)

    def draft(self, review_id: str, name: str) -> str:
        return self.store.setting(self._draft_key(review_id, name)) or ""

    def drafts(self, review_id: str) -> dict[str, str]:
        """A review's drafts, by name."""
        prefix = self._draft_key(review_id, "")
        return {key[len(prefix):]: text for key, text in self.store.settings_starting(prefix).items()}

    # The framework editor's unsaved changes (a trust's own framework as being edited),
    # kept the same way, one at a time: the editor keeps them as they are made and lets
    # go of them once saved or left, so the app ending (a signal, a crash) loses nothing.
    _FRAMEWORK_DRAFT = "framework_draft"

    def keep_framework_draft(self, data: dict[str, Any] | None, origin: str = "") -> None:
        """Keep the framework being edited (`data` as the editor holds it; None lets go)."""
        if data is not None and not isinstance(data, dict):
            raise InputError("A framework draft must be a framework's fields.")
        if data is None and self.store.setting(self._FRAMEWORK_DRAFT) is None:
            return      # nothing kept: no commit (each framework chosen in the editor asks)
        self.store.set_setting(self._FRAMEWORK_DRAFT, None if data is None else json.dumps(
            {"data": data, "origin": origin}, ensure_ascii=False))

    def framework_draft(self) -> tuple[dict[str, Any], str] | None:
        """The framework kept by keep_framework_draft and its origin, or None (also for a
        draft that cannot be read, which is let go of)."""
        text = self.store.setting(self._FRAMEWORK_DRAFT)
        if not text:
            return None
        try:
            kept = json.loads(text)
            data, origin = kept["data"], kept["origin"]
        except (ValueError, TypeError, KeyError):
            data, origin = None, None
        if not isinstance(data, dict) or not isinstance(origin, str):
            self.store.set_setting(self._FRAMEWORK_DRAFT, None)
            return None
        return data, origin

    @staticmethod
    def _paper_name(group: str, easy_read: bool) -> str:
        return f"paper:{group}{':easy-read' if easy_read else ''}"

    def keep_paper_draft(self, review_id: str, group: str, easy_read: bool, rows: list[list[str]]) -> None:
        """Keep the paper grid's cells as typed (rows with nothing typed are dropped)."""
        typed = [[str(c) for c in r] for r in rows if any(str(c).strip() for c in r)]
        self.keep_draft(review_id, self._paper_name(group, easy_read),
                        json.dumps(typed, ensure_ascii=False) if typed else "")

    def paper_draft(self, review_id: str, group: str, easy_read: bool) -> list[list[str]] | None:
        text = self.draft(review_id, self._paper_name(group, easy_read))
        return json.loads(text) if text else None

    def paper_drafts(self, review_id: str) -> list[tuple[str, bool, int]]:
        """(group, easy read, how many questionnaires) of each kept paper grid of a review."""
        out = []
        for name, text in self.drafts(review_id).items():
            if name.startswith("paper:"):
                group = name[len("paper:"):]
                out.append((group.removesuffix(":easy-read"), group.endswith(":easy-read"),
                            len(json.loads(text))))
        return out

    def drop_paper_draft(self, review_id: str, group: str, easy_read: bool) -> None:
        self.keep_draft(review_id, self._paper_name(group, easy_read), "")

    def store_survey(self, review_id: str, returns: "Any", *, names_removed: int = 0,
                     date: str | None = None, typed_in: tuple[str, bool] | None = None) -> str:
        """Keep checked returns: a survey record, the evidence it becomes (linked to the
        statements its questions bear on), and for a framework questionnaire answered by
        one of the framework's groups, one answer sheet per respondent. One transaction,
        which also lets go of the answers kept as typed in from paper (`typed_in`: their
        group and whether easy read), so they are never saved twice."""
        with gc_paused():
            return self._store_survey(review_id, returns, names_removed, date, typed_in)

    def _store_survey(self, review_id: str, returns: "Any", names_removed: int,
                      date: str | None, typed_in: tuple[str, bool] | None) -> str:
        from . import gaps, surveys
        review = self.review(review_id)
        fw = self.framework_of(review)
        q = returns.questionnaire
        label = surveys.group_label(q.group, fw)
        title = f"{q.title} ({returns.count} response{'s' if returns.count != 1 else ''})"
        text = surveys.summary_text(q.title, label, list(q.questions), returns.responses)
        statements = [s for s in q.statements() if s in {x.id for x in fw.statements()}]
        sheets = []
        if q.template == "framework" and q.group in gaps.group_ids(fw):
            for r in returns.responses:
                sheets.append({x.statements[0]: q.keys[v] for x, v in zip(q.questions, r)
                               if x.kind == "choice" and v})
        with self.store.transaction():
            ev_id = self.add_evidence(review_id, q.evidence_kind, statements=statements,
                                      title=title, text=text,
                                      date=date or dt.date.today().isoformat())
            survey_id = self.store.create(model.Survey, {
                "review_id": review_id, "group_id": q.group, "template": q.template,
                "title": q.title, "evidence_id": ev_id, "source": returns.source,
                "file_name": returns.file_name, "fingerprint": returns.fingerprint,
                "questions": [x.to_json() for x in q.questions],
                "responses": surveys.encode_responses(list(q.questions), returns.responses),
                "names_removed": names_removed})
            if sheets:
                self.add_respondent_sheets(review_id, q.group, sheets, survey_id=survey_id,
                                           labels=[f"{q.group}-survey-{n}" for n in range(1, len(sheets) + 1)])
            if typed_in is not None:
                self.drop_paper_draft(review_id, *typed_in)
        return survey_id

    def surveys(self, review_id: str) -> list[model.Survey]:
        self.review(review_id)
        return self.store.records(model.Survey, review_id=review_id)

    def delete_survey(self, survey_id: str) -> None:
        """Take a survey out of the review, with the evidence and answer sheets it made."""
        survey = self._existing(model.Survey, survey_id, "survey")
        with self.store.transaction():
            if survey.evidence_id and self.store.get(Evidence, survey.evidence_id):
                self.store.delete(Evidence, survey.evidence_id)
            for sheet in self.store.records(model.RespondentAnswers, review_id=survey.review_id,
                                         survey_id=survey_id):
                self.store.delete(model.RespondentAnswers, sheet.id)
            self.store.delete(model.Survey, survey_id)

    # --- the school's data in depth --------------------------------------------------------

    def set_school_figure(self, review_id: str, measure: str, breakdown: str = "all", *,
                          send: Any = ..., all_pupils: Any = ..., pupils: Any = ...) -> None:
        """Pupils with SEND beside all pupils for one measure and breakdown; a value left
        as ... is not changed, None clears it."""
        from . import school_data as sd
        self.review(review_id)
        measure = sd.check_measure(measure)
        breakdown = sd.check_breakdown(breakdown)
        label = sd.MEASURES[measure][0]
        values: dict[str, Any] = {"review_id": review_id, "measure": measure, "breakdown": breakdown}
        if send is not ...:
            values["send"] = sd.check_value(measure, send, f"{label} for pupils with SEND")
        if all_pupils is not ...:
            values["all_pupils"] = sd.check_value(measure, all_pupils, f"{label} for all pupils")
        if pupils is not ...:
            values["pupils"] = check_count(pupils, "The number of pupils with SEND")
        self.store.put(model.SchoolFigure, sd.figure_id(review_id, measure, breakdown), values)

    def delete_school_figure(self, figure_id: str) -> None:
        self._delete(model.SchoolFigure, figure_id, "figure")

    def comparators(self) -> dict[tuple[str, str], Any]:
        """National figures: the shipped (illustrative) ones, each replaced by any entered."""
        from . import school_data as sd
        out = sd.shipped_comparators()
        for f in self.store.records(model.NationalFigure):
            out[(f.measure, f.cohort)] = sd.Comparator(f.measure, f.cohort, f.value, f.source,
                                                       f.as_of or "", bool(f.illustrative))
        return out

    def set_comparator(self, measure: str, cohort: str, value: Any, *, source: str,
                       as_of: str) -> None:
        """Enter a national figure once for every review: dated and attributed."""
        from . import school_data as sd
        measure = sd.check_measure(measure)
        if cohort not in sd.COHORTS:
            raise InputError(f"The group must be one of: {', '.join(sd.COHORTS)} (not '{cohort}').")
        source = check_text(source, "Where the figure comes from", required=True, limit=300).strip()
        as_of = check_text(as_of, "The year or date of the figure", required=True, limit=40).strip()
        number = sd.check_value(measure, value, f"The national {sd.MEASURES[measure][0].lower()}")
        self.store.put(model.NationalFigure, sd.comparator_id(measure, cohort), {
            "measure": measure, "cohort": cohort, "value": number, "source": source,
            "as_of": as_of, "illustrative": False})

    # --- the end of the visit ----------------------------------------------------------

    def set_verbal_feedback(self, review_id: str, **details: Any) -> None:
        """What was said and agreed when feedback was given at the end of the visit, and
        who was there. Only the fields given change."""
        self.review(review_id)
        values: dict[str, Any] = {"review_id": review_id}
        for key, value in details.items():
            if key == "date":
                values[key] = check_date(value, "The date of the feedback")
            elif key == "given_by":
                values[key] = check_text(value, "Who gave the feedback", limit=200).strip() or None
            elif key in ("present", "said", "agreed"):
                values[key] = check_text(value, {"present": "Who was there",
                                                 "said": "What was said",
                                                 "agreed": "What was agreed"}[key])
            else:
                raise InputError(f"'{key}' is not something the end-of-visit feedback records.")
        self.store.put(model.VerbalFeedback, model.verbal_feedback_id(review_id), values)

    # --- editions of a framework ----------------------------------------------------------

    def switch_edition(self, review_id: str, edition: str) -> str:
        """Move a review to another edition of its framework (mainstream or specialist),
        keeping every rating, comment and link: the editions share statement numbers."""
        from .editions import choose, family_of
        review = self.review(review_id)
        family = family_of(review.framework_id)
        if family is None:
            raise InputError(f"{review.framework_id} has no other editions to switch to.")
        target = self.library.get(choose(family, None, None, edition))
        if target.id == review.framework_id:
            return target.id
        have = {s.id for s in target.statements()}
        b = self.bundle(review_id)
        used = ({sa.statement_id for sa in b.self_assessments} | set(b.judgements)
                | {lk.target_id for lk in b.links if lk.target_kind == LinkTarget.STATEMENT})
        if used - have:
            raise InputError(f"{target.name} has no statement {sorted(used - have)[0]}, which this "
                             f"review uses; it cannot switch without losing work.")
        digest = target.content_hash()
        with self.store.transaction():
            if self.store.get(FrozenFramework, digest, include_deleted=True) is None:
                self.store.create(FrozenFramework, {
                    "framework_id": target.id, "version": target.version, "name": target.name,
                    "content": target.content()}, id=digest)
            self.store.update(Review, review_id, {"framework_id": target.id,
                                                  "framework_version": target.version,
                                                  "framework_hash": digest})
        return target.id
