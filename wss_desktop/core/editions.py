"""Editions of a framework for different settings: the SEND Review Guide has a
mainstream edition and one for specialist settings and alternative provision, with the
same areas, statement numbers and scale, so a review can switch between them and keep
every rating, comment and link.

A new review gets the edition that fits its setting (a specialist setting, a special
school or alternative provision gets the specialist edition) unless one is asked for.
"""

from __future__ import annotations

from .errors import InputError

EDITIONS: dict[str, dict[str, str]] = {
    "send-review": {"mainstream": "send-review", "specialist": "send-review-specialist"},
}
_FAMILY = {fid: family for family, eds in EDITIONS.items() for fid in eds.values()}
SPECIALIST_PHASES = {"special", "alternative-provision"}


def family_of(framework_id: str) -> str | None:
    return _FAMILY.get(framework_id)


def edition_name(framework_id: str) -> str | None:
    family = family_of(framework_id)
    if family is None:
        return None
    return next(name for name, fid in EDITIONS[family].items() if fid == framework_id)


def fitting(setting: str | None, phase: str | None) -> str:
    return "specialist" if setting == "specialist" or phase in SPECIALIST_PHASES else "mainstream"


def choose(framework_id: str, setting: str | None, phase: str | None,
           edition: str | None = None) -> str:
    """The framework a new review should use: the asked-for edition, or the one that
    fits the setting; frameworks without editions are left as they are."""
    family = family_of(framework_id)
    if family is None:
        if edition:
            raise InputError(f"'{framework_id}' has no editions to choose between.")
        return framework_id
    name = edition or fitting(setting, phase)
    if name not in EDITIONS[family]:
        raise InputError(f"The edition must be one of: {', '.join(EDITIONS[family])} (not '{name}').")
    return EDITIONS[family][name]
