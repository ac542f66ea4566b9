"""What was taken out of a review, said in a line, so it can be found and brought back.

Records are removed by a tombstone (their deleted flag), never erased, so nothing
removed is gone: Workspace.removed lists a review's removed records of the kinds below
(newest first) and Workspace.bring_back puts one back. This module says what each is
and how it reads in the list; it holds no database code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .model import (Action, Document, Evidence, EvidenceKind, FollowUpVisit, Photo, Question,
                    Record, RespondentAnswers, ReviewChild, Reviewer, SchoolFigure, Survey, VisitSlot)

# The kinds that can be taken out of a review and brought back, with what each is
# called. The table name is how a removed record is named to Workspace.bring_back.
KINDS: dict[str, type[ReviewChild]] = {kind.table: kind for kind in (
    Evidence, Action, Reviewer, FollowUpVisit, Survey, Question, VisitSlot, Document, Photo,
    RespondentAnswers, SchoolFigure)}
NOUNS: dict[str, str] = {
    "evidence": "evidence", "actions": "action", "reviewers": "reviewer",
    "followup_visits": "follow-up visit", "surveys": "survey", "questions": "question",
    "visit_slots": "timetable slot", "documents": "document", "photos": "photo",
    "respondent_answers": "answer sheet", "school_figures": "school figure"}
LABEL_LIMIT = 120


@dataclass(frozen=True)
class RemovedItem:
    """One removed record of a review, as the list of removed things shows it."""

    table: str                   # its kind (the name Workspace.bring_back takes)
    rec_id: str
    what: str                    # what it is, in a word or two: "action", "observation"
    label: str                   # its title, name or first words
    removed_at: datetime | None  # when it was removed (UTC); None if never logged
    elsewhere: bool              # removed on another computer


def noun(rec: Record) -> str:
    if isinstance(rec, Evidence) and rec.kind == EvidenceKind.LEARNING_WALK.value:
        return "observation"
    return NOUNS[rec.table]


def _line(*parts: Any, sep: str = ", ") -> str:
    return sep.join(str(p).strip() for p in parts if p is not None and str(p).strip())


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LIMIT else text[:LABEL_LIMIT - 1].rstrip() + "…"


def label(rec: Record) -> str:
    """The record in a line: its title, name or first words."""
    if isinstance(rec, Evidence):
        where = _line(rec.room, rec.year_group, rec.subject)
        words = _line(rec.title, sep="") or _line(rec.text, rec.strengths, rec.consider, rec.support,
                                                   rec.pupil_voice, sep=" ")
        return _short(_line(where, words, sep=": "))
    if isinstance(rec, Reviewer):
        return _short(_line(rec.name, rec.role, rec.organisation))
    if isinstance(rec, FollowUpVisit):
        return _short(_line(_line(rec.visitor, rec.date), rec.notes, sep=": "))
    if isinstance(rec, VisitSlot):
        return _short(_line(rec.start, _line(rec.title, rec.place), sep=" "))
    if isinstance(rec, (Action, Document, Survey)):
        return _short(rec.title)
    if isinstance(rec, Question):
        return _short(rec.text)
    if isinstance(rec, Photo):
        return _short(rec.caption) or (f"{rec.width} × {rec.height} pixels" if rec.width else "")
    if isinstance(rec, RespondentAnswers):
        return _short(_line(rec.label, rec.respondent))
    if isinstance(rec, SchoolFigure):
        return _short(_line(rec.measure, rec.breakdown))
    return ""


def holds_anything(rec: Record) -> bool:
    """Whether anything was noted in it: an observation the learning walk dropped because
    nothing was typed in it is not worth listing."""
    if isinstance(rec, Evidence):
        return bool(label(rec) or rec.look_fors or rec.tas or rec.teacher_present)
    return True
