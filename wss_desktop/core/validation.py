"""Checking what a user types, from the rules each field declares in `core/model.py`.

A field a user edits carries a `label` (how messages name it) and its rules beside its
storage kind; `clean(Record, details)` checks a dict of new values against them and
returns the values to store, or raises InputError with one sentence the user can act
on (changing nothing). Rules that need more than the value itself (a review's scope
against its framework, a link to another review, copying a logo in) are named by the
field's `check` and handed to the caller's `special` functions.

The small `check_*` functions are the building blocks, also used directly where a
method takes a single value (a rating, a note's date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from enum import Enum
from typing import Any, Callable, Mapping

from .errors import InputError
from .guides import meeting_templates
from .model import Record
from .subject import check_member_schools, check_subject

MAX_TEXT = 100_000
SHORT_LIMIT = 300

_ACCENT_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def check_date(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InputError(f"{what} must be a date written as YYYY-MM-DD (for example "
                         f"2026-10-08), not '{value}'.") from None


def check_choice(value: str | None, choices: type[Enum], what: str, *,
                 allow_none: bool = True) -> str | None:
    if value in (None, "") and allow_none:
        return None
    options = [c.value for c in choices]
    if value not in options:
        raise InputError(f"{what} must be one of: {', '.join(options)} (not '{value}').")
    return value


def check_text(value: str | None, what: str, *, required: bool = False,
               limit: int = MAX_TEXT) -> str:
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


def check_time(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.time.fromisoformat(str(value).strip()).strftime("%H:%M")
    except ValueError:
        raise InputError(f"{what} must be written as HH:MM (for example 09:20), "
                         f"not '{value}'.") from None


def _check_accent(value: Any, what: str) -> str | None:
    if value and not _ACCENT_RE.match(str(value)):
        raise InputError(f"{what} must be written like #1d4f73, not '{value}'.")
    return value or None


def _check_meeting_type(value: Any, what: str) -> str | None:
    known = [t.id for t in meeting_templates()]
    if value not in (None, "") and value not in known:
        raise InputError(f"{what} must be one of: {', '.join(known)}.")
    return value or None


# Named rules that need only the value; others ("scope", "review", "logo") need the
# caller's context and come in through `special`.
CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "time": check_time,
    "accent": _check_accent,
    "meeting_type": _check_meeting_type,
    "subject": lambda value, what: check_subject(value),
    "member_schools": lambda value, what: check_member_schools(value),
}

Special = Callable[[Any], Any]


_EDITABLE: dict[type[Record], dict[str, Mapping[str, Any]]] = {}
_OPTIONAL: dict[type[Record], frozenset[str]] = {}


def editable(cls: type[Record]) -> dict[str, Mapping[str, Any]]:
    """The fields of `cls` users edit (those with a label), with their rules."""
    if cls not in _EDITABLE:
        _EDITABLE[cls] = {f.name: f.metadata for f in dataclasses.fields(cls)
                          if "label" in f.metadata}
    return _EDITABLE[cls]


def _optional(cls: type[Record]) -> frozenset[str]:
    if cls not in _OPTIONAL:
        _OPTIONAL[cls] = frozenset(f.name for f in dataclasses.fields(cls)
                                   if "None" in str(f.type))
    return _OPTIONAL[cls]


def clean(cls: type[Record], details: Mapping[str, Any], *,
          special: Mapping[str, Special] | None = None) -> dict[str, Any]:
    """The values to store for `details`, checked by each field's declared rules."""
    rules = editable(cls)
    optional = _optional(cls)
    values: dict[str, Any] = {}
    for key, value in details.items():
        meta = rules.get(key)
        if meta is None:
            raise InputError(f"'{key}' is not something {cls.noun} records.")
        values[key] = _clean_value(key, value, meta, key in optional, special or {})
    return values


def _clean_value(key: str, value: Any, meta: Mapping[str, Any], optional: bool,
                 special: Mapping[str, Special]) -> Any:
    what: str = meta["label"]
    required = bool(meta.get("required"))
    check = meta.get("check")
    if check is not None:
        if check in special:
            return special[check](value)
        if check not in CHECKS:
            raise LookupError(f"No rule '{check}' for field '{key}': the caller must pass it.")
        result = CHECKS[check](value, what)
        if required and result in (None, ""):
            raise InputError(f"{what} cannot be empty.")
        return result
    kind = meta["kind"]
    if meta.get("choices") is not None:
        return check_choice(value, meta["choices"], what, allow_none=not required)
    if kind == "date":
        return check_date(value, what)
    if kind == "int":
        return check_count(value, what)
    if kind == "float":
        return check_percent(value, what)
    if kind == "bool":
        return None if value is None else bool(value)
    if kind == "json" and "items" in meta:
        return [check_text(v, meta["items"], required=True, limit=meta.get("limit", MAX_TEXT))
                for v in (value or [])]
    if kind == "text":
        text = check_text(value, what, required=required, limit=meta.get("limit", MAX_TEXT))
        return text.strip() if meta.get("strip") else text
    if kind == "str":
        text = check_text(value, what, required=required,
                          limit=meta.get("limit", SHORT_LIMIT)).strip()
        return text or (None if optional else "")
    raise LookupError(f"Field '{key}' of kind '{kind}' needs a `check` rule to be edited.")
