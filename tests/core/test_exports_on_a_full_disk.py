"""Every file the app writes where the user chose (survey forms, overview tables, an
anonymised example, framework files and templates, a file for a review partner) saved
onto a real disk that is full (a small tmpfs): the user is told the disk is full in
plain words, the copy saved there before is left exactly as it was, nothing
half-written is left beside it, and the same save works once there is room."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from disk_support import fill, small_disk
from sync_support import fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.core import anonymise as an
from wss_desktop.core import overview as ov
from wss_desktop.core.errors import DiskFull
from wss_desktop.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("fast_kdf", "memory_keyring")

Save = Callable[[Workspace, str, Path], object]


def survey(suffix: str) -> Save:
    return lambda ws, rid, folder: ws.make_survey(rid, "parents", folder / f"parents{suffix}")


def overview_csv(ws: Workspace, rid: str, folder: Path) -> object:
    return ov.export_csv(ov.overview(ws, today=date(2026, 11, 29)), folder / "overview.csv")


def overview_xlsx(ws: Workspace, rid: str, folder: Path) -> object:
    return ov.export_xlsx(ov.overview(ws, today=date(2026, 11, 29)), folder / "overview.xlsx")


def anonymised(ws: Workspace, copy: str, folder: Path) -> object:
    return an.export_json(ws, copy, folder / "example.json")


def template(suffix: str) -> Save:
    def save(ws: Workspace, rid: str, folder: Path) -> object:
        from wss_desktop.core.framework_import import write_template
        return write_template(folder / f"framework{suffix}", ws.framework_of(ws.review(rid)))
    return save


def framework_saved(ws: Workspace, rid: str, folder: Path) -> object:
    from wss_desktop.core.frameworks import copy_framework, save_user_framework
    data = copy_framework(ws.framework_of(ws.review(rid)), "acme-send", "Acme SEND review")
    return save_user_framework(data, folder / "frameworks")


def for_partner(ws: Workspace, rid: str, folder: Path) -> object:
    from wss_desktop.core.sync.exchange import export_review
    from wss_desktop.core.sync.keys import TeamKeys
    return export_review(ws.store, ws.paths, rid, folder / "for-sam.wssreview",
                         TeamKeys(use_keyring=False), passphrase="pair words for sam")


def for_the_school(ws: Workspace, rid: str, folder: Path) -> object:
    from wss_desktop.core.accuracy import export_for_school
    return export_for_school(ws, rid, folder)


SAVES = {"survey form (PDF)": survey(".pdf"), "survey form (spreadsheet)": survey(".xlsx"),
         "survey form (CSV header)": survey(".csv"), "overview (CSV files)": overview_csv,
         "overview (spreadsheet)": overview_xlsx, "anonymised example": anonymised,
         "framework template (spreadsheet)": template(".xlsx"),
         "framework template (Word)": template(".docx"), "framework saved": framework_saved,
         "file for a review partner": for_partner,
         "draft and comments sheet for the school": for_the_school}


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "filler.bin"}


@pytest.mark.parametrize("what", list(SAVES))
def test_a_file_saved_onto_a_full_disk_says_so_and_keeps_the_earlier_copy(ws, demo, tmp_path, what):
    """Before: survey forms were written straight over the earlier copy (a full disk
    left it cut short or empty), and every save here showed the system's words ("No
    space left on device", or "[Errno 28] ..." from a framework template or a saved
    framework, which also left a .tmp file behind), some with advice about closing
    the file in a spreadsheet."""
    save = SAVES[what]
    if what == "anonymised example":
        demo = an.anonymise(ws, demo)
    with small_disk(tmp_path / "stick", "8M") as stick:
        save(ws, demo, stick)
        assert files(stick), "the first save wrote nothing"
        # An earlier copy of each file, smaller than the new one (overwriting a file in
        # place frees its room first, so only a larger one shows a write cut short).
        for name in files(stick):
            (stick / name).write_bytes(f"earlier copy of {name}\n".encode())
        before = files(stick)
        filler = fill(stick)
        with pytest.raises(DiskFull) as raised:
            save(ws, demo, stick)
        said = str(raised.value)
        assert "disk is full at" in said and str(stick) in said, said
        assert "Errno" not in said and "No space left" not in said and "close it" not in said, said
        assert "nothing there was changed" in said, said
        assert files(stick) == before, "the earlier copy changed, or something was left beside it"
        filler.unlink()
        save(ws, demo, stick)
        after = files(stick)
        assert set(after) == set(before) and all(after[n] != before[n] for n in after)


def test_the_command_line_copy_of_a_framework_onto_a_full_disk_keeps_the_earlier_file(
        cli_main, tmp_path):
    """`frameworks copy --output` wrote straight over the earlier file: on a full disk
    it was left empty, and the message was the system's."""
    with small_disk(tmp_path / "stick", "4M") as stick:
        out = stick / "acme.toml"
        argv = ["frameworks", "copy", "send-review", "--id", "acme-send", "--name", "Acme",
                "--output", str(out)]
        code, _, err = cli_main(*argv)
        assert code == 0, err
        earlier = b"# an earlier copy\n"
        out.write_bytes(earlier)
        filler = fill(stick)
        code, _, err = cli_main(*argv)
        assert code == 1 and "disk is full at" in err and "No space left" not in err, err
        assert out.read_bytes() == earlier and sorted(p.name for p in stick.iterdir()) == [
            "acme.toml", "filler.bin"]
        filler.unlink()


@pytest.fixture
def cli_main(data_dir, capsys):
    from wss_desktop.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_a_new_file_is_private_and_one_saved_over_keeps_its_permissions(tmp_path):
    """A saved file may name children: a new one is readable by its owner only. One the
    user had made readable by others stays so when it is saved again."""
    from wss_desktop.core.files import save_bytes
    new = save_bytes(tmp_path / "new.csv", b"a,b\n", "the overview")
    assert new.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.csv"
    shared.write_bytes(b"old\n")
    shared.chmod(0o644)
    save_bytes(shared, b"new\n", "the overview")
    assert shared.read_bytes() == b"new\n" and shared.stat().st_mode & 0o777 == 0o644


def test_the_draft_and_its_comments_sheet_for_the_school_are_saved_together_or_not_at_all(
        ws, demo, tmp_path):
    """With room for the draft but not for its comments sheet, the draft replaced the
    earlier one, and the sheet was cut short, with the system's words."""
    from wss_desktop.core.accuracy import export_for_school
    page = 4096
    with small_disk(tmp_path / "stick", "8M") as stick:
        made = export_for_school(ws, demo, stick)
        draft_pages = -(-made.pdf.stat().st_size // page)
        assert made.sheet.stat().st_size > 3 * page      # (so one page to spare is too few for it)
        for name in files(stick):
            (stick / name).write_bytes(f"earlier copy of {name}\n".encode())
        before = files(stick)
        filler = fill(stick)
        os.truncate(filler, filler.stat().st_size - (draft_pages + 1) * page)
        with pytest.raises(DiskFull) as raised:
            export_for_school(ws, demo, stick)
        said = str(raised.value)
        assert "disk is full at" in said and "Errno" not in said, said
        assert files(stick) == before
        filler.unlink()
        export_for_school(ws, demo, stick)
        assert all(files(stick)[n] != before[n] for n in before)
