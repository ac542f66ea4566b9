"""Where a file is to be saved, as a user can get it wrong: a name that is a folder, a
folder that does not exist, a "folder" that is a file. Each save says what is wrong in
words naming the file it was making, changes nothing there, and creates nothing (one
check, files.check_target, used by every save)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from sync_support import fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.core import anonymise as an
from wss_desktop.core import overview as ov
from wss_desktop.core.errors import UserError
from wss_desktop.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("fast_kdf", "memory_keyring")

Save = Callable[[Workspace, str, Path], object]


def report(ws: Workspace, rid: str, target: Path) -> object:
    from wss_desktop.core import reports
    from wss_desktop.core.reports import ReportKind, ReportOptions
    return reports.render(ws.bundle(rid), ReportOptions(kind=ReportKind.SUMMARY), target)


def word_copy(ws: Workspace, rid: str, target: Path) -> object:
    from wss_desktop.core.reports import ReportKind, ReportOptions
    from wss_desktop.core.reports.word import render_docx
    return render_docx(ws.bundle(rid), ReportOptions(kind=ReportKind.SUMMARY), target)


def backup(ws: Workspace, rid: str, target: Path) -> object:
    from wss_desktop.core import backup as bk
    return bk.backup(ws, target, passphrase="otter lantern quill meadow")


def for_partner(ws: Workspace, rid: str, target: Path) -> object:
    from wss_desktop.core.sync.exchange import export_review
    from wss_desktop.core.sync.keys import TeamKeys
    return export_review(ws.store, ws.paths, rid, target, TeamKeys(use_keyring=False),
                         passphrase="pair words for sam")


def survey_form(ws: Workspace, rid: str, target: Path) -> object:
    return ws.make_survey(rid, "parents", target)


def overview_xlsx(ws: Workspace, rid: str, target: Path) -> object:
    return ov.export_xlsx(ov.overview(ws), target)


def anonymised(ws: Workspace, rid: str, target: Path) -> object:
    return an.export_json(ws, an.anonymise(ws, rid), target)


# What each save is called in its messages, and a file name it is given.
SAVES: dict[str, tuple[Save, str, str]] = {
    "report": (report, "the report", "report.pdf"),
    "Word copy": (word_copy, "the Word copy", "report.docx"),
    "backup": (backup, "the backup", "reviews.wssbackup"),
    "file for a partner": (for_partner, "the file for your partner", "for-sam.wssreview"),
    "survey form": (survey_form, "the survey form", "parents.pdf"),
    "overview": (overview_xlsx, "the overview", "overview.xlsx"),
    "anonymised example": (anonymised, "the anonymised example", "example.json"),
}


def everything(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("what", list(SAVES))
def test_a_name_that_is_a_folder_is_refused_naming_the_file(ws, demo, tmp_path, what):
    save, called, name = SAVES[what]
    place = tmp_path / "place"
    (place / name).mkdir(parents=True)
    (place / name / "kept.txt").write_text("kept")
    before = everything(place)
    with pytest.raises(UserError) as raised:
        save(ws, demo, place / name)
    said = str(raised.value)
    assert f"{place / name} is a folder; give a file name for {called}, such as " in said, said
    assert everything(place) == before


@pytest.mark.parametrize("what", list(SAVES))
def test_a_folder_that_does_not_exist_is_named_and_not_created(ws, demo, tmp_path, what):
    save, called, name = SAVES[what]
    missing = tmp_path / "no such folder"
    with pytest.raises(UserError) as raised:
        save(ws, demo, missing / name)
    said = str(raised.value)
    assert said == (f"The folder {missing} does not exist; choose another place to save "
                    f"{called}."), said
    assert not missing.exists()


@pytest.mark.parametrize("what", list(SAVES))
def test_a_folder_that_is_a_file_is_said_to_be_a_file_and_left_as_it_was(ws, demo, tmp_path, what):
    """Before, a "folder" that is a file was said not to exist (a report, the Word copy,
    a backup), or the system's words were shown."""
    save, called, name = SAVES[what]
    (tmp_path / "place").mkdir()
    notes = tmp_path / "place" / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(UserError) as raised:
        save(ws, demo, notes / name)
    said = str(raised.value)
    assert said == f"{notes} is a file, not a folder; choose another place to save {called}.", said
    assert notes.read_text() == "my notes" and sorted(notes.parent.iterdir()) == [notes]


def test_the_draft_for_the_school_says_which_folder_is_wrong(ws, demo, tmp_path):
    from wss_desktop.core.accuracy import export_for_school
    missing = tmp_path / "no such folder"
    with pytest.raises(UserError) as raised:
        export_for_school(ws, demo, missing)
    assert str(raised.value) == (f"The folder {missing} does not exist; choose another place to "
                                 f"save the draft for the school."), str(raised.value)
    (tmp_path / "place").mkdir()
    notes = tmp_path / "place" / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(UserError) as raised:
        export_for_school(ws, demo, notes)
    assert str(raised.value) == (f"{notes} is a file, not a folder; choose another place to save "
                                 f"the draft for the school."), str(raised.value)
    assert notes.read_text() == "my notes" and sorted(notes.parent.iterdir()) == [notes]
