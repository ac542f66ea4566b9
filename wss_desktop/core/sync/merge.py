"""How edits of one field from several devices combine, order-free.

Every version of a field carries a version vector: for each device, how many of
its edits to this field the writer had seen (its own included). One version
supersedes another when its vector is at least as large everywhere, meaning the
writer saw the other before writing. Versions where neither supersedes the other
were written concurrently.

- Free text keeps every concurrent version ("siblings"): the one with the latest
  clock is shown, the others are kept and the field is flagged as a conflict until
  someone edits it (an edit supersedes every sibling it was made over).
- Every other field (ratings, statuses, dates, flags) shows the version with the
  latest clock; the others are dropped, by design.

Deleting a record is an edit of its `deleted` flag (a tombstone, latest clock wins):
edits to a record someone has deleted are kept in the database but no longer shown.

Both rules give the same result whatever order versions arrive in, and applying
a version twice changes nothing, which is what lets devices swap change files in
any order through any folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

VersionVector = dict[str, int]


# One encoder, made once: json.dumps with options builds a new one at every call.
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


def dumps(vv: VersionVector) -> str:
    return _ENCODE(vv)


def loads(text: str | None) -> VersionVector:
    return json.loads(text) if text else {}


def supersedes(a: VersionVector, b: VersionVector) -> bool:
    """True when `a` was written after seeing everything `b` had seen (or a equals b)."""
    return all(a.get(device, 0) >= count for device, count in b.items())


def combine(vectors: Iterable[VersionVector]) -> VersionVector:
    out: VersionVector = {}
    for vv in vectors:
        for device, count in vv.items():
            if count > out.get(device, 0):
                out[device] = count
    return out


def next_version(seen: Iterable[VersionVector], device: str) -> VersionVector:
    """The vector of a new local edit made over all the versions in `seen`."""
    vv = combine(seen)
    vv[device] = vv.get(device, 0) + 1
    return vv


@dataclass(frozen=True)
class Version:
    hlc: str
    device: str
    vv: VersionVector
    value: Any

    @property
    def order(self) -> tuple[str, str]:
        return (self.hlc, self.device)


def merge_text(current: list[Version], incoming: Version) -> list[Version] | None:
    """The siblings after `incoming` arrives, shown one first; None if it changes nothing."""
    if any(supersedes(v.vv, incoming.vv) for v in current):
        return None
    kept = [v for v in current if not supersedes(incoming.vv, v.vv)]
    return sorted([*kept, incoming], key=lambda v: v.order, reverse=True)


def merge_latest(current: Version | None, incoming: Version) -> bool:
    """Whether `incoming` replaces `current` under latest-clock-wins."""
    return current is None or incoming.order > current.order


def is_conflict(siblings: list[Version]) -> bool:
    return len({json.dumps(v.value, sort_keys=True) for v in siblings}) > 1
