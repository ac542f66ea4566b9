"""Every change that arrives from elsewhere is checked like a local edit before it is merged.

A change file or a partner's file is authentic when it opens with the key, but the
app that wrote it may be faulty, older, newer or in a careless colleague's hands.
So each change must name a known record kind and field, carry a value of that
field's type and size, keep a record inside the review it belongs to, and a rating
must be a key of the review's own (frozen) framework scale. A partner's file may
only touch the review(s) it says it carries. Clock stamps more than a day ahead of
this computer's clock are held back, so one bad stamp can never drag the clock into
the future. Refused changes are reported and never stored, so they are never passed on.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import model
from ..frameworks import Framework
from ..store import Change, Staged, Store
from .hlc import AHEAD_MS
from .hlc import decode as decode_stamp
from .merge import dumps as vector_text

MAX_TEXT = 500_000          # characters in one free-text field
MAX_SHORT = 4_000           # characters in a short field
MAX_JSON_DEPTH = 24
MAX_JSON_ITEMS = 200_000
AHEAD = AHEAD_MS            # a stamp further ahead of our clock than this is held back
RATING_FIELDS = {("judgements", "rating"), ("self_assessments", "rating")}


@dataclass
class Refused:
    change: Change
    reason: str


@dataclass
class Checked:
    ok: list[Change] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    held: list[Change] = field(default_factory=list)   # stamped too far in the future


def _json_ok(value: Any) -> bool:
    count, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if depth > MAX_JSON_DEPTH or count > MAX_JSON_ITEMS:
            return False
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            if len(item) > MAX_TEXT:
                return False
        elif isinstance(item, float):
            if not math.isfinite(item):
                return False
        elif item is not None and not isinstance(item, (int, bool)):
            return False
    return True


def value_problem(kind: str, value: Any) -> str | None:
    """Why `value` cannot be stored in a field of this kind (None when it can)."""
    if value is None:
        return None
    if kind in ("text", "str"):
        if not isinstance(value, str):
            return "a text field was given something that is not text"
        if len(value) > (MAX_TEXT if kind == "text" else MAX_SHORT):
            return "the text is far longer than any field holds"
        return None
    if kind == "date":
        if not isinstance(value, str) or len(value) > 40:
            return "a date field was given something that is not a date"
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            return "a date field was given something that is not a date"
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else "a yes/no field was given something else"
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2 ** 53
        return None if ok else "a whole-number field was given something else"
    if kind == "float":
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and math.isfinite(value) and abs(value) < 1e15)
        return None if ok else "a number field was given something else"
    if kind == "json":
        return None if _json_ok(value) else "a list or table is too large or too deeply nested"
    return "the field is of an unknown kind"


class Validator:
    """Checks changes against the store as it is plus the batch they arrive in."""

    def __init__(self, store: Store, now_millis: int, reviews: Iterable[str] | None = None):
        self.store = store
        self.now_millis = now_millis
        self.allowed = set(reviews) if reviews is not None else None
        self._scales: dict[str, list[str] | None] = {}
        self._records: dict[tuple[str, str], Any] = {}
        # Worked out once per check, not once per change (a new laptop checks ~800,000).
        self._kinds: dict[str, dict[str, str] | None] = {}
        self._stamps: dict[str, int | None] = {}   # stamp -> its milliseconds (None: not valid)

    def _field_kinds(self, tbl: str) -> dict[str, str] | None:
        try:
            return self._kinds[tbl]
        except KeyError:
            kind = model.KINDS.get(tbl)
            kinds = self._kinds[tbl] = kind.field_kinds() if kind is not None else None
            return kinds

    def _millis(self, stamp: str) -> int | None:
        try:
            return self._stamps[stamp]
        except KeyError:
            pass
        try:
            millis: int | None = decode_stamp(stamp)[0]
        except ValueError:
            millis = None
        if len(self._stamps) < 1_000_000:
            self._stamps[stamp] = millis
        return millis

    def _record(self, tbl: str, rec: str) -> Any:
        """The stored record (deleted or not), read once per check."""
        key = (tbl, rec)
        if key not in self._records:
            self._records[key] = self.store.get(model.KINDS[tbl], rec, include_deleted=True)
        return self._records[key]

    def _framework_keys(self, digest: str, batch: dict[tuple[str, str, str], Any]) -> list[str] | None:
        if digest in self._scales:
            return self._scales[digest]
        content = batch.get(("frameworks", digest, "content"))
        if content is None:
            frozen = self.store.get(model.FrozenFramework, digest, include_deleted=True)
            content = frozen.content if frozen is not None else None
        keys = None
        if isinstance(content, dict):
            try:
                keys = Framework.from_content(content).scale.keys()
            except (KeyError, TypeError, ValueError):
                keys = None
        self._scales[digest] = keys
        return keys

    def _current(self, tbl: str, rec: str, name: str, batch: dict[tuple[str, str, str], Any]) -> Any:
        if (tbl, rec, name) in batch:
            return batch[(tbl, rec, name)]
        record = self._record(tbl, rec)
        return getattr(record, name, None) if record is not None else None

    def _owner(self, c: Change, batch: dict[tuple[str, str, str], Any]) -> str | None:
        if c.tbl == "reviews":
            return c.rec
        if "review_id" not in (self._field_kinds(c.tbl) or ()):
            return None
        existing = self._record(c.tbl, c.rec)
        if existing is not None:
            owner: str | None = existing.review_id
            return owner
        return batch.get((c.tbl, c.rec, "review_id"), c.review_id)

    def check(self, changes: list[Change]) -> Checked:
        out = Checked()
        batch = {(c.tbl, c.rec, c.field): c.value for c in changes}
        # Records not here yet are known to be absent in one query per kind, not one each.
        for key in self.store.absent({(c.tbl, c.rec) for c in changes if c.tbl in model.KINDS}):
            self._records.setdefault(key, None)
        for c in changes:
            reason = self._problem(c, batch)
            if reason == "held":
                out.held.append(c)
            elif reason:
                out.refused.append(Refused(c, reason))
            else:
                out.ok.append(c)
        return out

    def _problem(self, c: Change, batch: dict[tuple[str, str, str], Any]) -> str | None:
        kinds = self._field_kinds(c.tbl)
        if kinds is None or c.field not in kinds or c.field == "id":
            return "it names a kind of record or a field this version does not know"
        millis = self._millis(c.hlc)
        if millis is None:
            return "its time stamp is not valid"
        if millis > self.now_millis + AHEAD:
            return "held"
        field_kind, value = kinds[c.field], c.value
        # Text, the commonest by far, is checked here; value_problem does the rest.
        if field_kind == "text" and type(value) is str:
            if len(value) > MAX_TEXT:
                return "the text is far longer than any field holds"
        else:
            problem = value_problem(field_kind, value)
            if problem:
                return problem
        if c.field == "deleted" and c.value is None:
            return "a record's deleted flag was empty"
        if c.tbl == "frameworks":
            existing = self._record(c.tbl, c.rec)
            if existing is not None and getattr(existing, c.field) != c.value:
                return "it would change a review's fixed copy of its framework"
            return None
        if c.field == "review_id":
            existing = self._record(c.tbl, c.rec)
            if existing is not None and existing.review_id and existing.review_id != c.value:
                return "it would move a record from one review to another"
        owner = self._owner(c, batch)
        if self.allowed is not None and owner not in self.allowed:
            return "it touches a review the file does not say it carries"
        if (c.tbl, c.field) in RATING_FIELDS and c.value is not None:
            review = owner and self._current("reviews", owner, "framework_hash", batch)
            keys = self._framework_keys(review, batch) if review else None
            if keys is not None and c.value not in keys:
                return f"'{str(c.value)[:40]}' is not a rating of the review's framework"
        return None


class DamagedSnapshot(ValueError):
    """A snapshot's rows are not in the form a change is (its files are read instead)."""


def check_staged(staged: Staged, store: Store, now_millis: int) -> Checked:
    """The checks Validator makes, made on a snapshot's rows going in in bulk (Staged):
    the same rules, the same reasons, the same rows refused or held back, which are
    taken out of the bulk. Rows set aside for the usual merge are checked there by
    Validator itself. Raises DamagedSnapshot when a row is not in the form of a change
    at all (as wire.decode does for a change file)."""
    out = Checked()
    validator = Validator(store, now_millis)
    # Version vectors: the form of a change (a part that breaks it is damaged), kept
    # in the log's own spelling.
    for text in staged.vectors():
        try:
            vv = json.loads(text)
        except (ValueError, RecursionError):
            raise DamagedSnapshot("a version vector is not JSON") from None
        if type(vv) is not dict or not all(type(k) is str and type(n) is int for k, n in vv.items()):
            raise DamagedSnapshot("a version vector is not a table of counts")
        if vector_text(vv) != text:
            staged.canonical_vector(text, vector_text(vv))
    # Clock stamps: not valid (refused), or more than a day ahead (held back).
    bad, ahead = [], []
    for stamp in staged.stamps():
        millis = validator._millis(stamp)
        if millis is None:
            bad.append(stamp)
        elif millis > now_millis + AHEAD:
            ahead.append(stamp)
    if bad:
        raise DamagedSnapshot("a clock stamp is not valid")
    decided: dict[int, str] = {}
    for rowid in staged.rows_with_stamp(ahead):
        decided[rowid] = "held"
    # Values that do not fit their field.
    kinds = {tbl: {n: k for n, k in kind.field_kinds().items() if n != "id"} for tbl, kind in model.KINDS.items()}
    for rowid, _tbl, name, kind, text in staged.screen(kinds, {"text": MAX_TEXT, "str": MAX_SHORT}):
        if rowid in decided:
            continue
        try:
            value = json.loads(text)
        except RecursionError:
            decided[rowid] = "a list or table is too large or too deeply nested"
            continue
        problem = value_problem(kind, value)
        if problem is None and name == "deleted" and value is None:
            problem = "a record's deleted flag was empty"
        if problem:
            decided[rowid] = problem
    # Ratings must be keys of the scale of their review's framework.
    batch: dict[tuple[str, str, str], Any] = {}
    for tbl, name in (("reviews", "framework_hash"), ("frameworks", "content")):
        for _rowid, rec, _review, value in staged.values_of(tbl, name, everything=True):
            batch[(tbl, rec, name)] = value
    for tbl, name in sorted(RATING_FIELDS):
        owners = {rec: value for _rowid, rec, _review, value in staged.values_of(tbl, "review_id", everything=True)}
        for rowid, rec, review_id, value in staged.values_of(tbl, name):
            if rowid in decided or value is None:
                continue
            owner = owners.get(rec, review_id)
            digest = owner and validator._current("reviews", owner, "framework_hash", batch)
            keys = validator._framework_keys(digest, batch) if digest else None
            if keys is not None and value not in keys:
                decided[rowid] = f"'{str(value)[:40]}' is not a rating of the review's framework"
    if decided:
        changes = dict(zip(decided, staged.change_of(decided)))
        for rowid, reason in decided.items():
            if reason == "held":
                out.held.append(changes[rowid])
            else:
                out.refused.append(Refused(changes[rowid], reason))
        staged.drop(decided)
    return out


def refused_lines(refused: list[Refused], where: str, limit: int = 3) -> list[str]:
    """Plain sentences for refused changes, a few examples and a count."""
    if not refused:
        return []
    n = len(refused)
    out = [f"Refused {n} change{'s' if n != 1 else ''} in {where}, which {'were' if n != 1 else 'was'} "
           f"not applied and will not be passed on:"]
    for r in refused[:limit]:
        out.append(f"  {r.change.tbl.replace('_', ' ')}, {r.change.field.replace('_', ' ')}: {r.reason}.")
    return out
