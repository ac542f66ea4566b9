"""What a review looks at: one school, a whole trust, or a local area (issue 16).

A trust-wide review keeps the trust's name where a school review keeps the school's
(`Review.school_name`), says what it is in `Review.subject`, and lists the schools it
covers in `Review.member_schools`. Screens and reports ask here how to name it, so
they say "the trust" rather than "the school" wherever the review is not of one school.
"""

from __future__ import annotations

from typing import Any

from .errors import InputError
from .frameworks import SUBJECTS

TITLES = {"school": "School", "trust": "Trust", "local-area": "Local area"}
MAX_MEMBERS = 300


def kind(review: Any) -> str:
    value = getattr(review, "subject", None) or "school"
    return value if value in SUBJECTS else "school"


def is_group(review: Any) -> bool:
    """True for a trust or local area (several schools), False for one school."""
    return kind(review) != "school"


def noun(review: Any, capital: bool = False) -> str:
    """'the school', 'the trust' or 'the local area'."""
    text = SUBJECTS[kind(review)]
    return text[:1].upper() + text[1:] if capital else text


def title(review: Any) -> str:
    """'School', 'Trust' or 'Local area' (a table's row label)."""
    return TITLES[kind(review)]


def members(review: Any) -> list[str]:
    return [m for m in (getattr(review, "member_schools", None) or []) if m]


def check_subject(value: Any) -> str | None:
    if value in (None, "", "school"):
        return None if value in (None, "") else "school"
    if value not in SUBJECTS:
        raise InputError(f"A review looks at one of: {', '.join(SUBJECTS)} (not '{value}').")
    return str(value)


def check_member_schools(value: Any) -> list[str] | None:
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InputError("The member schools must be a list of school names.")
    names = [" ".join(v.split()) for v in value if v.strip()]
    if len(names) > MAX_MEMBERS:
        raise InputError(f"A review can list up to {MAX_MEMBERS} member schools.")
    for name in names:
        if len(name) > 200:
            raise InputError(f"The school name '{name[:40]}…' is longer than 200 characters.")
    if len({n.casefold() for n in names}) != len(names):
        raise InputError("A member school is listed twice.")
    return names or None


def member_labels(names: list[str] | None) -> list[str] | None:
    """What an anonymised copy lists instead of the member schools' names."""
    if not names:
        return None
    return [f"Member school {i}" for i in range(1, len(names) + 1)]
