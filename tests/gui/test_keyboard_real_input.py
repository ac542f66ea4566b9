"""A reviewer's visit by keyboard alone, with real key presses (xdotool's XTEST input
under Xvfb) into the real app process, on a 1024x600 netbook screen and with text at
200% on a 1280x800 screen; then everything is read back through the core.

200% text is the desktop's own text-size setting, as GNOME's "Large text" or
text-scaling-factor 2 gives (Xft.dpi 192): Qt reads it as QT_FONT_DPI=192. Text doubles
while the screen keeps its pixels, which is the WCAG "resize text" case. (QT_SCALE_FACTOR=2
would zoom every pixel and leave a 640x400 screen, which is not what a user sets.)"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from wss_desktop.core import profile
from wss_desktop.core.model import EvidenceKind
from wss_desktop.core.workspace import Workspace

from xsession import MISSING, ROOT, XSession

ROOMS = [("Kestrels", "Y4", "Maths"), ("Owls", "Y6", "English"), ("Robins", "Y1", "Phonics"),
         ("Hawks", "Y5", "Science"), ("Wrens", "Y2", "Maths"), ("Falcons", "Y3", "History"),
         ("Swifts", "Y6", "Maths"), ("Larks", "Y4", "Art"), ("Herons", "Y5", "English"),
         ("Finches", "Y1", "Maths")]
JUDGEMENTS = [("3", "Clear targets in every plan."), ("2", "TAs know the pupils well."),
              ("4", "Pupils say adults listen.")]
SCREENSHOTS = ROOT / "docs" / "screenshots"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (scripts/setup.sh --test)")]


def observe(s: XSession, room: str, year: str, subject: str, note: str) -> int:
    """One typical observation, as a reviewer types it; returns the keys pressed besides text."""
    before = s.keystrokes
    s.key("ctrl+n")
    s.type(room)
    s.key("Tab")
    s.type(year)
    s.key("Tab")
    s.type(subject)
    s.key("Tab", "3", "alt+1", "alt+2", "alt+w")   # focus area 3; two look-fors; What you saw
    s.type(note)
    return s.keystrokes - before


def new_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        profile.save(ws.store, profile.Profile("Sam Okafor", "", "Ashgrove Trust"))
        profile.mark_set_up(ws.store)
    return data


def start_review_by_keyboard(s: XSession) -> None:
    """Fernhill Community Primary School's review, started with the wizard by keys alone."""
    s.key("ctrl+shift+n")
    wizard = s.wait_window("Start a new review")
    s.focus(wizard)
    s.type("Fernhill Community Primary School")
    s.key("Return", "Return", "Return", "Return")   # review, framework, people (pre-filled), start
    s.wait_window_gone("Start a new review")
    s.focus(s.main)
    s.wait_rows("SELECT id FROM reviews", 1, "the new review")


def quit_and_keep_open(s: XSession, room: str, note: str, shot: Path) -> None:
    """Type an observation's room and note, press Ctrl+Q while what was typed cannot be
    saved, and answer the "Not saved yet" question with Escape (keep the window open)."""
    s.type(room)
    s.key("alt+w")
    s.type(note)
    s.key("ctrl+q")
    s.focus(s.wait_window("Not saved yet"))
    s.screenshot(shot)
    s.key("Escape")
    s.wait_window_gone("Not saved yet")
    s.focus(s.main)                             # back to the window, as a desktop does


def visit_by_keyboard(s: XSession, shot: Path) -> dict:
    start_review_by_keyboard(s)

    s.key("ctrl+4")
    keys = []
    for i, (room, year, subject) in enumerate(ROOMS):
        keys.append(observe(s, room, year, subject, f"Observation {i + 1}: pupils used word mats."))
        s.wait_rows("SELECT id FROM evidence WHERE kind = 'learning-walk' AND deleted = 0",
                    i + 1, f"observation {i + 1}")
    s.key("ctrl+e")   # leave the last room
    s.wait_rows("SELECT id FROM evidence WHERE text LIKE 'Observation 10:%' AND \"end\" IS NOT NULL", 1,
                "the last observation, closed")
    s.screenshot(shot.with_name(shot.stem + "-walk.png"))

    s.key("alt+j")
    for rating, words in JUDGEMENTS:
        s.key(rating, "Return", "Return")      # rate in the grid; the rating box; Strengths
        s.type(words)
        s.key("Escape", "Down")                 # back to the grid, next statement
    s.wait_rows("SELECT id FROM judgements WHERE strengths != '' AND rating IS NOT NULL", 3,
                "three judgements")
    s.screenshot(shot.with_name(shot.stem + "-judgements.png"))

    s.key("ctrl+5", "alt+t")
    s.type("Share pupil passports with every class teacher")
    s.key("Return")
    s.wait_rows("SELECT id FROM actions WHERE deleted = 0", 1, "the action")
    s.key("alt+p", "Right", "Right", "Right", "F2", "ctrl+a")
    s.type("15/12/2026")
    s.key("Return")
    s.wait_rows("SELECT due FROM actions WHERE due = '2026-12-15'", 1, "the typed due date")
    s.key("ctrl+g")
    # The PDF is made for the viewer in the app's private temporary folder, never in
    # the data folder (issue 12); it is kept here before the app closes and removes it.
    pdf = s.wait_until(lambda: next((p for p in s.temp.rglob("*.pdf") if not p.name.startswith(".") and p.stat().st_size > 1000),
                                    None), "the PDF", 120)
    s.wait_until(lambda: pdf.read_bytes().rstrip().endswith(b"%%EOF"), "the whole PDF", 60)
    shutil.copy(pdf, shot.with_name("report.pdf"))
    s.screenshot(shot)
    return {"keys_per_observation": keys}


def read_back(data: Path) -> None:
    with Workspace.open(data) as ws:
        (review,) = ws.reviews()
        b = ws.bundle(review["id"])
        assert b.review.school_name == "Fernhill Community Primary School"
        assert [r.name for r in b.reviewers] == ["Sam Okafor"]
        walk = sorted((e for e in b.evidence if e.kind == EvidenceKind.LEARNING_WALK),
                      key=lambda e: e.text)
        walk.sort(key=lambda e: int(e.text.split(":")[0].split()[-1]))
        assert [(e.room, e.year_group, e.subject) for e in walk] == ROOMS
        for i, e in enumerate(walk):
            assert e.text == f"Observation {i + 1}: pupils used word mats."
            assert len(e.look_fors or []) == 2, e
            assert b.areas_of(e.id) == ["3"]
            assert e.start and e.end
        rated = {sid: j for sid, j in b.judgements.items() if j.rating}
        assert sorted(j.strengths for j in rated.values()) == sorted(w for _, w in JUDGEMENTS)
        (action,) = b.actions
        assert action.title == "Share pupil passports with every class teacher"
        assert action.due == dt.date(2026, 12, 15).isoformat()
    assert not list(data.rglob("*.pdf")), "a readable PDF was left in the data folder"


@pytest.mark.parametrize("screen, env, name", [
    ((1024, 600), {}, "97-keyboard-only-visit-1024x600"),
    ((1280, 800), {"QT_FONT_DPI": "192"}, "98-keyboard-only-visit-200pct-text-1280x800"),
], ids=["netbook-1024x600", "text-200pct-1280x800"])
def test_a_whole_visit_by_keyboard_alone(tmp_path, screen, env, name):
    data = new_data(tmp_path)
    shot = tmp_path / f"{name}.png"
    with XSession(data, screen, env=env) as s:
        figures = visit_by_keyboard(s, shot)
        assert s.quit_app() == 0
    read_back(data)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages).split())
    assert "Share pupil passports with every class teacher" in text
    assert not list(s.temp.rglob("*.pdf")), "the viewer's copy outlived the app"
    if os.environ.get("WSS_UPDATE_SCREENSHOTS"):   # refresh the committed pictures
        for png in tmp_path.glob(f"{name}*.png"):
            shutil.copy(png, SCREENSHOTS / png.name)
    (tmp_path / "figures.json").write_text(json.dumps(figures))
    assert max(figures["keys_per_observation"]) <= 8


def test_closing_by_keyboard_while_another_program_writes_keeps_what_was_typed(tmp_path):
    """Real key presses into the real app while this test, another process, holds the
    database as a sync run from the command line does. Ctrl+Q closed the window and
    dropped what had not been saved; now the window asks. Escape keeps it open, and the
    text is saved by itself once the other program lets go; asked again, Return tries
    again and the window closes with everything saved."""
    from wss_desktop.core.store import connect

    data = new_data(tmp_path)
    walk = "SELECT room, text FROM evidence WHERE kind = 'learning-walk' AND deleted = 0"
    with XSession(data, (1024, 600)) as s:
        start_review_by_keyboard(s)
        s.key("ctrl+4", "ctrl+n")
        s.wait_rows(walk, 1, "the new observation")
        other = connect(data / "wss.sqlite3")
        other.execute("BEGIN IMMEDIATE")                # another program writes
        try:
            quit_and_keep_open(s, "Kestrels", "Pupils used word mats.", tmp_path / "not-saved-yet.png")
            assert s.app.poll() is None
            [(room, text)] = s.query(walk)
            assert not room and not text                # nothing of it could be saved yet
        finally:
            other.execute("COMMIT")                     # the other program lets go
        s.wait_rows(walk + " AND room = 'Kestrels' AND text = 'Pupils used word mats.'", 1,
                    "what was typed, saved by itself")
        other.execute("BEGIN IMMEDIATE")                # and writes again
        try:
            s.type(" Two pupils used a visual timetable.")
            s.key("ctrl+q")
            s.focus(s.wait_window("Not saved yet"))
        finally:
            other.execute("COMMIT")
            other.close()
        s.key("Return")                                 # try again
        assert s.app.wait(60) == 0
    with Workspace.open(data) as ws:
        (review,) = ws.reviews()
        [e] = [e for e in ws.bundle(review["id"]).evidence if e.kind == EvidenceKind.LEARNING_WALK]
        assert (e.room, e.text) == ("Kestrels", "Pupils used word mats. Two pupils used a visual timetable.")
