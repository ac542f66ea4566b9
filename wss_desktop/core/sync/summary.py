"""What merging some changes did, in words a person can read ("3 observations added")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import model
from ..store import Change, Store

# How each kind of record is named to a user: (one, several).
LABELS: dict[str, tuple[str, str]] = {
    "frameworks": ("framework copy", "framework copies"),
    "reviews": ("review", "reviews"),
    "reviewers": ("reviewer", "reviewers"),
    "stages": ("stage", "stages"),
    "self_assessments": ("self-evaluation answer", "self-evaluation answers"),
    "judgements": ("reviewer judgement", "reviewer judgements"),
    "evidence": ("piece of evidence", "pieces of evidence"),
    "links": ("link", "links"),
    "actions": ("action", "actions"),
    "action_notes": ("action note", "action notes"),
    "documents": ("document", "documents"),
    "snapshots": ("school data snapshot", "school data snapshots"),
    "photos": ("photo", "photos"),
    "visit_slots": ("visit timetable slot", "visit timetable slots"),
    "questions": ("question to explore", "questions to explore"),
    "previsit_answers": ("pre-visit answer", "pre-visit answers"),
    "branding_profiles": ("branding profile", "branding profiles"),
    "report_drafts": ("report draft", "report drafts"),
    "report_comments": ("report comment", "report comments"),
    "issued_reports": ("issued report", "issued reports"),
}

# Links are bookkeeping behind "this note is about statement 3.1"; they are not worth a line.
_QUIET = {"links"}


def _count(n: int, table: str) -> str:
    one, many = LABELS.get(table, (table, table))
    return f"{n} {one if n == 1 else many}"


@dataclass
class ChangeSummary:
    """Records added, updated and deleted per table, and new conflicts."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    conflicts: int = 0      # text fields that now hold two people's versions
    waiting: int = 0        # changes held back until the record they belong to arrives
    duplicates: int = 0     # changes this computer already had
    applied: int = 0        # changes new to this computer
    reviews: set[Any] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.added or self.updated or self.deleted or self.conflicts or self.applied)

    def add(self, other: "ChangeSummary") -> None:
        self.added.update(other.added)
        self.updated.update(other.updated)
        self.deleted.update(other.deleted)
        self.conflicts += other.conflicts
        self.waiting = other.waiting
        self.duplicates += other.duplicates
        self.applied += other.applied
        self.reviews |= other.reviews

    def lines(self) -> list[str]:
        """One sentence per kind of change, for a dialog, a status line or the terminal."""
        out = []
        for verb, counter in (("added", self.added), ("updated", self.updated),
                              ("deleted", self.deleted)):
            parts = [_count(n, t) for t, n in sorted(counter.items()) if n and t not in _QUIET]
            if parts:
                out.append(f"{verb.capitalize()}: {', '.join(parts)}.")
        if self.conflicts:
            out.append(f"{self.conflicts} text field{'s now hold' if self.conflicts != 1 else ' now holds'} "
                       f"two people's versions; both are kept for you to choose from.")
        if self.waiting:
            out.append(f"{self.waiting} change{'s wait' if self.waiting != 1 else ' waits'} for the "
                       f"record they belong to; they will be added when it arrives.")
        if not out:
            out.append("Nothing new: everything in it was already here.")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"added": dict(self.added), "updated": dict(self.updated),
                "deleted": dict(self.deleted), "conflicts": self.conflicts,
                "waiting": self.waiting, "duplicates": self.duplicates, "applied": self.applied,
                "reviews": sorted(self.reviews)}


def _state(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], model.Record | None]:
    return {(tbl, rec): store.get(model.KINDS[tbl], rec, include_deleted=True) for tbl, rec in keys}


def apply_with_summary(store: Store, changes: list[Change]) -> ChangeSummary:
    """Merge `changes` (Store.apply_changes) and describe what it did to each record.

    Call it inside the caller's transaction when the merge must go together with
    other bookkeeping. Records that were not here before are summed up from their
    deleted flag alone, read in bulk (a new laptop takes in ~150,000 records).
    """
    keys = sorted({(c.tbl, c.rec) for c in changes if c.tbl in model.KINDS})
    with store.transaction():
        absent = store.absent(set(keys))
        existing = [key for key in keys if key not in absent]
        before = _state(store, existing)
        result = store.apply_changes(changes)
        after = _state(store, existing) if result.applied else before
        arrived = dict(result.loaded)
        if result.applied and absent - arrived.keys():
            arrived.update(store.live_flags(absent - arrived.keys()))
    summary = ChangeSummary(conflicts=result.conflicts, waiting=result.waiting,
                            duplicates=result.duplicates, applied=result.applied)
    for key in keys:
        tbl = key[0]
        if key in absent:
            flags = arrived.get(key)
            if flags is None:
                continue            # still waiting for the record it belongs to
            deleted, review_id = flags
            if not deleted:
                summary.added[tbl] += 1
            summary.reviews.add(key[1] if tbl == "reviews" else review_id)
            continue
        old, new = before[key], after[key]
        if new is None or old == new:
            continue
        if old is None or old.deleted and not new.deleted:
            if not new.deleted:
                summary.added[tbl] += 1
        elif new.deleted and not old.deleted:
            summary.deleted[tbl] += 1
        else:
            summary.updated[tbl] += 1
        summary.reviews.add(key[1] if tbl == "reviews" else getattr(new, "review_id", None))
    summary.reviews.discard(None)
    return summary
