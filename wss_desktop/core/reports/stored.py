"""Report options from what is kept with a review: its draft, branding and photos, and
for a follow-up report the comparison with the school's earlier review."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..yearonyear import year_on_year
from .content import report_photos
from .options import ReportKind, ReportOptions, options_from_draft

if TYPE_CHECKING:
    from ..workspace import Workspace


def options_for(ws: "Workspace", review_id: str, kind: str, *,
                large_print: bool | None = None) -> ReportOptions:
    """The options the reviewer has chosen for this report (the defaults if none yet).

    Branding is the draft's own profile, else the default profile, else our plain look.
    """
    draft = ws.report_draft(review_id, kind)
    profiles = ws.branding_profiles()
    profile = (next((p for p in profiles if p.id == draft.branding_profile_id), None)
               or next((p for p in profiles if p.is_default), None))
    photos = report_photos(ws.bundle(review_id), ws.photo_path, ws.photo_bytes)
    options = options_from_draft(draft, profile, branding_dir=ws.paths.branding,
                                 logo_bytes=ws.logo_bytes, photos=photos)
    if large_print is not None:
        options.large_print = large_print
    if kind == ReportKind.FOLLOW_UP.value:
        options.since_last = year_on_year(ws, review_id)
    options.today = issued_date(ws, review_id, kind, draft.checked_by, draft.checked_on)
    return options


def issued_date(ws: "Workspace", review_id: str, kind: str, checked_by: str | None,
                checked_on: str | None) -> dt.date | None:
    """The date a report was issued, while it is still the report that was issued (it is
    checked, and was issued on or after that check); None for a draft, which is dated
    the day it is made."""
    if not checked_by:
        return None
    for record in ws.issued_reports(review_id):   # newest first
        if record.kind == kind and record.issued_on and record.issued_on >= (checked_on or ""):
            return dt.date.fromisoformat(record.issued_on)
    return None
