"""Change-log rows as they travel inside encrypted files (JSON, checked on the way in)."""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..store import Change
from .crypto import Damaged
from .hlc import decode as decode_stamp

# 2: change files are bound to their place (crypto.bind) and may say which gaps in
# another device's files they cover. Format 1 files still read (see service.py).
FORMAT = 2
READABLE = (1, 2)


def change_row(c: Change) -> list[Any]:
    return [c.hlc, c.device, c.tbl, c.rec, c.field, c.value, c.vv, c.review_id]


def encode(meta: dict[str, Any], changes: Iterable[Change]) -> bytes:
    payload = {"format": FORMAT, **meta, "changes": [change_row(c) for c in changes]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _bad() -> Damaged:
    return Damaged("The file opened but its contents are not in the expected form, so nothing "
                   "from it was used.")


def _check_row(row: Any, stamps: set[str] | None = None,
               vectors: dict[tuple[Any, ...], dict[str, int]] | None = None) -> Change:
    """One row as a Change, or Damaged. `stamps` holds stamps already found valid (the
    fields of one edit share one), so each is decoded once per file; `vectors` holds one
    copy of each version vector (a few hundred kinds among ~800,000 rows, which are
    then turned into text once each when stored: see Store._load_new)."""
    # Rows come from json.loads, whose strings, numbers and objects are exactly str,
    # int and dict (never a subclass), so the types are compared directly.
    if type(row) is not list or len(row) != 8:
        raise _bad()
    hlc, device, tbl, rec, field, value, vv, review_id = row
    if not (type(hlc) is str and hlc and type(device) is str and device and type(tbl) is str and tbl
            and type(rec) is str and rec and type(field) is str and field):
        raise _bad()
    if review_id is not None and type(review_id) is not str:
        raise _bad()
    if type(vv) is not dict:
        raise _bad()
    for k, n in vv.items():
        if type(k) is not str or type(n) is not int:
            raise _bad()
    if stamps is None or hlc not in stamps:
        try:
            decode_stamp(hlc)
        except ValueError:
            raise _bad() from None
        if stamps is not None:
            stamps.add(hlc)
    if vectors is not None:
        vv = vectors.setdefault(tuple(vv.items()), vv)
    return Change(hlc, device, tbl, rec, field, value, vv, review_id)


def _payload(data: bytes, key: str, readable: tuple[int, ...] = READABLE) -> dict[str, Any]:
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: a deeply nested file (a hostile one) must not stop the sync.
        raise _bad() from None
    if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
        raise _bad()
    if payload.get("format") not in readable:
        raise Damaged("This file was made by a newer version of WSS Review Desktop. Update the "
                      "app, then try again; nothing was changed.")
    return payload


def decode(data: bytes) -> tuple[dict[str, Any], list[Change]]:
    payload = _payload(data, "changes")
    stamps: set[str] = set()
    vectors: dict[tuple[Any, ...], dict[str, int]] = {}
    changes = [_check_row(row, stamps, vectors) for row in payload.pop("changes")]
    return payload, changes


# --- snapshot parts in columns -------------------------------------------------------
#
# A snapshot part can hold its rows column by column, each value and version vector
# already as the text the change log keeps (Store.surviving_rows): a new laptop
# joining 5,000 reviews takes in ~800,000 rows, and in this form it turns no row
# into a Python object on the way (Store.bulk_join), which is what makes a join
# of that size take seconds rather than a minute. Older apps find no "changes" in
# such a part, call it damaged and read the change files instead.

COLUMNS = ("hlc", "device", "tbl", "rec", "field", "value", "vv", "review_id")
# The format number of parts in columns: apps that read only parts in rows say such
# a part was made by a newer version (and read the change files instead).
COLUMNS_FORMAT = 3


def encode_columns(meta: dict[str, Any], columns: list[list[Any]]) -> bytes:
    # An empty list of changes in rows, so apps that read only those get as far as the
    # format number and say the part is from a newer version.
    payload = {"format": COLUMNS_FORMAT, **meta, "changes": [], "columns": columns}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def is_columns(data: bytes) -> bool:
    """Whether a part holds columns (looked up without parsing the whole part)."""
    return b'"columns":[' in data[:4096]


def decode_columns(data: bytes) -> tuple[dict[str, Any], list[list[Any]]]:
    """The part's meta and its eight columns, checked for shape and types: every
    stamp, device, kind, record and field a non-empty text, every value and version
    vector a text (their JSON is checked as the rows are taken in), every review id
    a text or empty. Raises Damaged otherwise."""
    payload = _payload(data, "columns", (COLUMNS_FORMAT,))
    columns = payload.pop("columns")
    payload.pop("changes", None)
    if len(columns) != len(COLUMNS) or not all(type(col) is list for col in columns):
        raise _bad()
    n = len(columns[0])
    if any(len(col) != n for col in columns):
        raise _bad()
    if n and (any(set(map(type, col)) != {str} for col in columns[:7])
              or any("" in col for col in columns[:5])
              or not set(map(type, columns[7])) <= {str, type(None)}):
        raise _bad()
    return payload, columns


def rows_of_columns(columns: list[list[Any]]) -> list[Change]:
    """The changes a part in columns holds, each checked as decode checks a row."""
    try:
        rows = [[hlc, device, tbl, rec, field, json.loads(value), json.loads(vv), review_id]
                for hlc, device, tbl, rec, field, value, vv, review_id in zip(*columns)]
    except (ValueError, RecursionError):
        raise _bad() from None
    stamps: set[str] = set()
    vectors: dict[tuple[Any, ...], dict[str, int]] = {}
    return [_check_row(row, stamps, vectors) for row in rows]


def log_row(c: Change) -> tuple[Any, ...]:
    """A change as a row of a part in columns (value and vector as the log keeps them)."""
    from ..store import log_texts
    return (c.hlc, c.device, c.tbl, c.rec, c.field, *log_texts(c.value, c.vv), c.review_id)


def columns(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    """Rows (in the order of COLUMNS) as a part's columns."""
    return [list(col) for col in zip(*rows)] if rows else [[] for _ in COLUMNS]


def columns_of(changes: Iterable[Change]) -> list[list[Any]]:
    """Changes as a part's columns."""
    return columns([log_row(c) for c in changes])
