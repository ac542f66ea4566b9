"""Input is checked from the model's field metadata, not from hand-written rules per record.

Each editable field names itself (its label) and its rules beside its storage kind in
`core/model.py`; `core/validation.py` reads them. A field added to a record with a label
is therefore checked, and named in messages, without any other code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from wss_desktop.core import model, validation
from wss_desktop.core.errors import InputError
from wss_desktop.core.model import (Action, BrandingProfile, Evidence, FollowUpVisit, Priority,
                                    Review, VisitSlot)


@dataclass
class Visitor(model.ReviewChild):
    """A record invented for this test: no validator was written for it anywhere."""

    table: ClassVar[str] = "test_visitors"
    noun: ClassVar[str] = "a visitor"
    name: str = model.short(label="The visitor's name", required=True, limit=20)
    arrived: str | None = model.day(label="The arrival date")
    priority: str = model.short(Priority.MEDIUM.value, label="The priority", choices=Priority)
    guests: int | None = model.integer(label="The number of guests")
    notes: str = model.free_text(label="The notes", limit=50)
    badge: bool | None = model.flag(label="Whether a badge was given")
    kept_by_the_app: str | None = model.short()


def test_a_new_labelled_field_is_checked_with_no_other_code():
    clean = validation.clean(Visitor, {"name": "  Ms Fictional  ", "arrived": " 2026-11-27 ",
                                       "priority": "high", "guests": "3", "notes": "Came at 9",
                                       "badge": 1})
    assert clean == {"name": "Ms Fictional", "arrived": "2026-11-27", "priority": "high",
                     "guests": 3, "notes": "Came at 9", "badge": True}


@pytest.mark.parametrize("details, words", [
    ({"name": " "}, "The visitor's name cannot be empty."),
    ({"name": "x" * 21}, "The visitor's name is too long"),
    ({"arrived": "27/13/2026"}, "The arrival date must be a date written as YYYY-MM-DD"),
    ({"priority": "urgent"}, "The priority must be one of: high, medium, low"),
    ({"guests": "many"}, "The number of guests must be a whole number"),
    ({"guests": -1}, "The number of guests cannot be negative."),
    ({"notes": "y" * 51}, "The notes is too long"),
    ({"kept_by_the_app": "x"}, "'kept_by_the_app' is not something a visitor records."),
    ({"colour": "red"}, "'colour' is not something a visitor records."),
])
def test_messages_come_from_the_field_labels(details, words):
    with pytest.raises(InputError) as caught:
        validation.clean(Visitor, details)
    assert words in str(caught.value)


def test_empty_optional_short_values_are_stored_as_nothing():
    assert validation.clean(Visitor, {"arrived": "", "guests": "", "badge": None}) == {
        "arrived": None, "guests": None, "badge": None}


# What the workspace accepted before (hand-written rules), per record: each is now a
# labelled field, so nothing the app or the command line sends was lost in the change.
ACCEPTED = {
    Review: {"school_name", "urn", "trust_or_la", "requested_by", "origin", "purpose", "phase",
             "setting", "review_type", "date_requested", "date_visit", "date_report_due",
             "date_next_review", "scope", "subject", "member_schools", "previous_review_id",
             "source_review_id"},
    Evidence: {"title", "text", "meeting_type", "room", "year_group", "subject", "start", "end",
               "teacher_present", "tas", "support", "look_fors", "pupil_voice", "strengths",
               "consider", "date", "kind"},
    Action: {"title", "owner", "due", "priority", "status", "success_criteria", "impact"},
    VisitSlot: {"start", "end", "activity", "meeting_type", "title", "people", "place", "notes"},
    BrandingProfile: {"name", "organisation", "footer", "accent", "logo_file"},
    FollowUpVisit: {"date", "visitor", "notes", "next_steps"},
}


@pytest.mark.parametrize("cls", list(ACCEPTED), ids=lambda c: c.__name__)
def test_the_records_users_edit_declare_their_rules_in_the_model(cls):
    assert set(validation.editable(cls)) == ACCEPTED[cls]
    assert cls.noun


def test_the_workspace_checks_through_the_metadata(ws):
    review_id = ws.new_review("Fictional Fields Primary", "send-review")
    action = ws.add_action(review_id, "Fictional action")
    with pytest.raises(InputError, match="'colour' is not something an action records"):
        ws.update_action(action, colour="red")
    with pytest.raises(InputError, match="The due date must be a date"):
        ws.update_action(action, due="soon")
    slot = ws.add_visit_slot(review_id, start="09:00", end="09:30", title="  Tour  ")
    assert ws.store.get(VisitSlot, slot).title == "Tour"
    with pytest.raises(InputError, match="The start time must be written as HH:MM"):
        ws.update_visit_slot(slot, start="nine")
    with pytest.raises(InputError, match="cannot end before it starts"):
        ws.update_visit_slot(slot, end="08:00")
    with pytest.raises(InputError, match="accent colour must be written like #1d4f73"):
        ws.add_branding_profile("Fictional Trust", accent="blue")
    assert ws.store.get(VisitSlot, slot).end == "09:30"


def test_a_logo_is_copied_in_from_a_chosen_file_and_a_kept_name_must_exist(ws, tmp_path):
    image = tmp_path / "crest.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n fictional crest")
    profile = ws.add_branding_profile("Fictional Trust", logo=str(image))
    kept = ws.store.get(BrandingProfile, profile).logo_file
    assert kept and ws.logo_bytes(kept).endswith(b"fictional crest")
    ws.update_branding_profile(profile, logo_file=kept)          # the same kept logo is fine
    with pytest.raises(InputError, match="There is no logo called '../secret.png'"):
        ws.update_branding_profile(profile, logo_file="../secret.png")
    assert ws.store.get(BrandingProfile, profile).logo_file == kept
