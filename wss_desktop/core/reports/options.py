"""What a report is made from, besides the review itself: plain values, no storage.

The renderer takes a ReviewBundle plus a ReportOptions. Where these values are kept
(a saved draft per review and report kind, branding profiles, quality-assurance
state, issued copies) is the store's business: they are records in core/model.py
kept through Workspace methods, and `options_from_draft` turns them into options.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError
from ..model import BrandingProfile as BrandingProfile  # re-exported for the report modules
from ..model import ReportDraft as ReportDraft
from ..model import ReportKind as ReportKind


# The sections each kind can hold, in the order they print: (id, heading). A draft
# chooses a subset by id; the cover and the page furniture are always there.
SECTIONS: dict[ReportKind, tuple[tuple[str, str], ...]] = {
    ReportKind.FULL: (
        ("about", "About this review"),
        ("context", "The school and its data"),
        ("data", "The school's data in depth"),
        ("summary", "Summary of strengths and areas for development"),
        ("findings", "Findings by area"),
        ("learning-walk", "Learning-walk summary"),
        ("verbal-feedback", "Feedback at the end of the visit"),
        ("groups", "How each group answered"),
        ("surveys", "What the surveys said"),
        ("actions", "Recommendations and action plan"),
        ("photos", "Photographs"),
        ("evidence", "Appendix: the evidence"),
    ),
    ReportKind.SUMMARY: (
        ("overview", "Overview"),
        ("at-a-glance", "The areas at a glance"),
        ("strengths", "What is working well"),
        ("development", "What to develop next"),
        ("actions", "Agreed actions"),
    ),
    ReportKind.SELF_EVALUATION: (
        ("about", "About this self-evaluation"),
        ("overview", "Ratings at a glance"),
        ("statements", "Statement by statement"),
        ("next-steps", "Next steps"),
    ),
    ReportKind.FOLLOW_UP: (
        ("overview", "Progress at a glance"),
        ("actions", "Progress on each action"),
        ("visits", "Follow-up notes"),
        ("since-last", "Since the last review"),
        ("next-steps", "Looking ahead"),
    ),
}

# Summary paragraphs a reviewer can rewrite. Each is plain text: a blank line starts
# a new paragraph and a line starting with "- " is a bullet. Keys are the same for
# every kind; a kind prints the ones it has room for.
PARAGRAPHS: dict[str, str] = {
    "overview": "Overview",
    "strengths": "Strengths",
    "development": "Areas for development",
    "next_steps": "Next steps",
}

DEFAULT_ACCENT = "#1d4f73"
_HEX_RE = re.compile(r"^#?([0-9a-fA-F]{6})$")


def section_ids(kind: ReportKind) -> list[str]:
    return [sid for sid, _ in SECTIONS[kind]]


@dataclass(frozen=True)
class Branding:
    """White-label look of a report. Everything optional; an empty one is our own."""

    organisation: str = ""
    logo_path: str | None = None   # PNG or JPEG; SVG when svglib is installed
    accent: str = DEFAULT_ACCENT   # "#RRGGBB", used for headings and rules
    footer: str = ""               # e.g. "Northvale Inclusion Services, registered charity 123"
    # Reads the logo's bytes (logos are encrypted at rest); None: read `logo_path` as it is,
    # which then names the logo only in messages (and by its suffix, its type).
    logo_load: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)

    def checked(self) -> "Branding":
        """The same branding with the accent colour normalised, or InputError."""
        m = _HEX_RE.match((self.accent or "").strip())
        if not m:
            raise InputError(f"The accent colour must be written as #RRGGBB, for example "
                             f"{DEFAULT_ACCENT} (not '{self.accent}').")
        return Branding(self.organisation, self.logo_path or None, "#" + m.group(1).lower(),
                        self.footer, self.logo_load if self.logo_path else None)


@dataclass(frozen=True)
class ReportPhoto:
    path: str
    caption: str = ""
    # Reads the photo's bytes (photos are encrypted at rest); None: read `path` as it is.
    load: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)


@dataclass
class ReportOptions:
    """Everything about one rendering of one report, apart from the review itself."""

    kind: ReportKind = ReportKind.FULL
    sections: tuple[str, ...] | None = None      # None: every section of the kind
    paragraphs: dict[str, str] = field(default_factory=dict)  # edited summary text by key
    branding: Branding = field(default_factory=Branding)
    checked: bool = False          # False prints the DRAFT watermark on every page
    checked_by: str = ""           # printed on the cover of a checked report
    checked_on: str | None = None  # YYYY-MM-DD
    large_print: bool = False      # 16 pt body text instead of 11 pt
    photos: tuple[ReportPhoto, ...] = ()
    today: dt.date | None = None   # "as at" date (follow-up overdue marks); default today
    # The school's earlier review compared with this one (yearonyear.YearOnYear), for the
    # follow-up report's "Since the last review"; None leaves that section out.
    since_last: Any = None

    def includes(self, section: str) -> bool:
        return self.sections is None or section in self.sections

    def checked_kind(self) -> ReportKind:
        try:
            return ReportKind(self.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in ReportKind)
            raise InputError(f"'{self.kind}' is not a kind of report; choose one of: "
                             f"{kinds}.") from None


@dataclass
class ReportResult:
    path: Path
    kind: ReportKind
    pages: int
    warnings: list[str] = field(default_factory=list)


# Called as progress(done, total, message); `cancelled()` returning True stops the work.
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def options_from_draft(draft: ReportDraft, profile: BrandingProfile | None = None, *,
                       branding_dir: Path | None = None,
                       logo_bytes: Callable[[str], bytes] | None = None,
                       photos: tuple[ReportPhoto, ...] = ()) -> ReportOptions:
    """Turn a saved draft (and its branding profile) into rendering options."""
    branding = Branding()
    if profile is not None:
        logo, load = None, None
        if profile.logo_file:
            logo = str((branding_dir or Path(".")) / profile.logo_file)
            if logo_bytes is not None:
                # `logo_bytes(logo_file)` gives the logo decrypted (Workspace.logo_bytes).
                load = functools.partial(logo_bytes, profile.logo_file)
        branding = Branding(profile.organisation or "", logo, profile.accent or DEFAULT_ACCENT,
                            profile.footer, load)
    paragraphs = {key: getattr(draft, key) for key in PARAGRAPHS if getattr(draft, key).strip()}
    return ReportOptions(
        kind=ReportKind(draft.kind), sections=None if draft.sections is None else tuple(draft.sections),
        paragraphs=paragraphs, branding=branding, checked=bool(draft.checked_by),
        checked_by=draft.checked_by or "", checked_on=draft.checked_on,
        large_print=draft.large_print, photos=photos)
