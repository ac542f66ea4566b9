"""The user's profile on this computer: name, role and organisation.

Kept in the store's device-local settings (never replicated), so colleagues sharing
a folder each keep their own. The first-run set-up writes it and Settings changes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .store import Store

NAME = "profile.name"
ROLE = "profile.role"
ORGANISATION = "profile.organisation"
SET_UP = "profile.set_up"   # "done" or "skipped": the first-run set-up has been seen

# (value, label) in the order offered.
ROLES: tuple[tuple[str, str], ...] = (
    ("reviewer", "Reviewer"),
    ("senco", "SENCO"),
    ("trust-lead", "Trust lead"),
    ("la-lead", "Local-authority lead"),
)
LIMIT = 200


@dataclass
class Profile:
    name: str = ""
    role: str = ""
    organisation: str = ""

    def role_label(self) -> str:
        return dict(ROLES).get(self.role, "")


def load(store: Store) -> Profile:
    return Profile(store.setting(NAME) or "", store.setting(ROLE) or "",
                   store.setting(ORGANISATION) or "")


def save(store: Store, profile: Profile) -> None:
    """Save the profile in one transaction; empty values are removed."""
    if profile.role and profile.role not in dict(ROLES):
        from .errors import InputError
        raise InputError(f"The role must be one of: {', '.join(dict(ROLES))} (not '{profile.role}').")
    with store.transaction():
        for key, value in ((NAME, profile.name), (ROLE, profile.role),
                           (ORGANISATION, profile.organisation)):
            store.set_setting(key, value.strip()[:LIMIT] or None)


def needs_set_up(store: Store) -> bool:
    """True until the first-run set-up has been finished or skipped on this computer."""
    return store.setting(SET_UP) is None


def mark_set_up(store: Store, how: str = "done") -> None:
    store.set_setting(SET_UP, how)


__all__ = ["Profile", "ROLES", "load", "save", "needs_set_up", "mark_set_up"]
