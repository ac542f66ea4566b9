"""The six-stage workflow: what is still missing before a stage can sensibly close.

These are reminders, never locks: reviewers often work out of order (a visit note
before the data arrives, an action drafted on the day), so any stage may be
marked complete at any time; the app just says what would usually come first.
"""

from __future__ import annotations

from typing import Callable

from .frameworks import NA_KEY
from .model import (ActionStatus, DocumentStatus, EvidenceKind, ReviewBundle, ReviewType,
                    Stage)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _statements_in_scope(b: ReviewBundle) -> list[str]:
    scope = set(b.scope_area_ids())
    return [s.id for a in b.framework.areas if a.id in scope for s in a.statements]


def _identification(b: ReviewBundle) -> list[str]:
    r = b.review
    missing = []
    if not r.requested_by:
        missing.append("Who asked for the review")
    if not r.purpose.strip():
        missing.append("Why the review was asked for (its purpose)")
    if r.review_type != ReviewType.SELF and not b.reviewers:
        missing.append("At least one reviewer")
    if r.review_type != ReviewType.SELF and not r.date_visit:
        missing.append("The date of the school visit")
    return missing


def _self_evaluation(b: ReviewBundle) -> list[str]:
    respondents = [resp.id for resp in b.framework.respondents]
    rated = b.framework.scale.rated
    missing = []
    for resp in respondents:
        label = "" if len(respondents) == 1 else f" by {resp}"
        todo = [s for s in _statements_in_scope(b)
                if not (sa := b.self_assessment(s, resp))
                or (rated and not sa.rating) or (not rated and not sa.comment.strip())]
        if todo:
            missing.append(f"{_plural(len(todo), 'statement')} not yet self-evaluated{label}")
    return missing


def _preparation(b: ReviewBundle) -> list[str]:
    missing = []
    s = b.snapshot
    if s is None or s.on_roll is None:
        missing.append("The school data snapshot (at least the number on roll)")
    if not b.documents:
        missing.append("A document checklist for the school")
    waiting = [d for d in b.documents if d.status == DocumentStatus.REQUESTED]
    if waiting:
        missing.append(f"{_plural(len(waiting), 'requested document')} not yet received")
    return missing


def _school_visit(b: ReviewBundle) -> list[str]:
    missing: list[str] = []
    if b.review.review_type == ReviewType.SELF:
        return missing
    if not any(e.kind == EvidenceKind.LEARNING_WALK for e in b.evidence):
        missing.append("Learning-walk observations")
    unjudged = [s for s in _statements_in_scope(b)
                if not (j := b.judgements.get(s)) or
                (b.framework.scale.rated and not j.rating)]
    if unjudged:
        missing.append(f"{_plural(len(unjudged), 'statement')} without the reviewer's judgement")
    return missing


def _reporting(b: ReviewBundle) -> list[str]:
    missing = []
    judged_areas = {b.framework.statement(sid).area_id for sid in b.judgements
                    if _known(b, sid)}
    empty = [a for a in b.scope_area_ids() if a not in judged_areas]
    if empty:
        missing.append(f"{_plural(len(empty), 'area')} in scope with no judgement: "
                       + ", ".join(empty))
    thin = [sid for sid, j in b.judgements.items()
            if j.rating != NA_KEY and not (j.strengths.strip() or j.consider.strip())]
    if thin:
        missing.append(f"{_plural(len(thin), 'judgement')} with no strengths or areas for "
                       f"consideration written")
    if not b.actions:
        missing.append("Recommendations turned into actions")
    return missing


def _follow_up(b: ReviewBundle) -> list[str]:
    missing = []
    open_actions = [a for a in b.actions
                    if a.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)]
    if open_actions:
        missing.append(f"{_plural(len(open_actions), 'action')} still open")
    no_owner = [a for a in b.actions if not a.owner or not a.due]
    if no_owner:
        missing.append(f"{_plural(len(no_owner), 'action')} without an owner or a due date")
    if not b.review.date_next_review:
        missing.append("The date of the next review")
    return missing


def _known(b: ReviewBundle, statement_id: str) -> bool:
    try:
        b.framework.statement(statement_id)
    except KeyError:
        return False
    return True


RULES: dict[Stage, Callable[[ReviewBundle], list[str]]] = {
    Stage.IDENTIFICATION: _identification,
    Stage.SELF_EVALUATION: _self_evaluation,
    Stage.PREPARATION: _preparation,
    Stage.SCHOOL_VISIT: _school_visit,
    Stage.REPORTING: _reporting,
    Stage.FOLLOW_UP: _follow_up,
}


def missing(bundle: ReviewBundle, stage: Stage) -> list[str]:
    """Plain-English reminders of what a stage usually still needs."""
    return RULES[stage](bundle)
