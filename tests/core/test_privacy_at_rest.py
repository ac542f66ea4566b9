"""The data on this computer is encrypted at rest (SQLCipher), its key in the keyring or
unlocked by a passphrase; old plaintext databases are encrypted in place, after a backup."""

from __future__ import annotations

import hashlib
import os
import signal
import struct
import subprocess
import sys
import tempfile
import textwrap
import zlib
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from wss_desktop.cli import main
from wss_desktop.core import atrest, reports, store as store_mod, viewer
from wss_desktop.core.demo import add_demo
from wss_desktop.core.model import RECORD_TYPES, Photo
from wss_desktop.core.passphrase import WeakPassphrase
from wss_desktop.core.workspace import Workspace

KNOWN = ["Hollinbrook Meadow Primary School", "Phonics outcomes for pupils on SEN Support",
         "Pupil code KX-4471", "Quiet room timetable agreed with Ms Ferrow",
         "everyone belongs", "LOGO-MARKER Brackenmoor 7Q3"]
LOGO = "LOGO-MARKER Brackenmoor 7Q3"


def png_with(text: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + bytes([90, 140, 60] * 4) for _ in range(3))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + text) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def capture_a_visit(ws: Workspace) -> str:
    rid, _ = add_demo(ws)
    ev = ws.add_observation(rid, room="Y3 Kestrels", text="Pupil code KX-4471 settled quickly. "
                            "Quiet room timetable agreed with Ms Ferrow.")
    # A photo whose own bytes hold review text (as a photo of a display board might).
    ws.add_photo(ev, png_with(b"everyone belongs: Pupil code KX-4471"), caption="Display board")
    ws.judge(rid, "3.2", rating="established", strengths="Quiet room timetable agreed with Ms Ferrow")
    # An issued report, as a PDF whose bytes hold review text.
    ws.mark_report_checked(rid, "full", "Moderator Ode")
    pdf = ws.paths.root.parent / "issued-elsewhere.pdf"
    pdf.write_bytes(b"%PDF-1.4 Hollinbrook Meadow Primary School: Pupil code KX-4471")
    ws.issue_report(rid, "full", pdf)
    pdf.unlink()
    # A branding logo whose bytes hold a known marker.
    logo = ws.paths.root.parent / "trust-logo.png"
    logo.write_bytes(png_with(LOGO.encode()))
    ws.set_default_branding(ws.add_branding_profile("Trust look", logo=str(logo)))
    logo.unlink()
    return rid


@pytest.fixture
def system_temp():
    """The system's temporary folder (tests/conftest.py gives each test its own)."""
    return Path(tempfile.gettempdir())


def draft_and_view(ws: Workspace, rid: str) -> list[Path]:
    """What the reporting screen does: the draft PDF made for the viewer, and a decrypted
    copy of the issued report for the viewer."""
    draft = ws.draft_pdf_path(rid, "summary", False)
    made = reports.render(ws.bundle(rid), reports.options_for(ws, rid, "summary"), draft)
    assert not [w for w in made.warnings if "logo" in w]     # the encrypted logo is read
    (issued,) = ws.issued_reports(rid)
    return [draft, ws.issued_pdf_to_view(issued)]


def hash_named(root: Path, blobs: list[bytes]) -> list[str]:
    """Files or folders whose name shows the SHA-256 of one of `blobs` (or its start)."""
    digests = [hashlib.sha256(b).hexdigest() for b in blobs]
    return [str(p.relative_to(root)) for p in root.rglob("*")
            if any(d[:16] in p.name for d in digests)]


def pdfs(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob("*")
            if p.is_file() and p.read_bytes()[:1024].lstrip().startswith(b"%PDF")]


def everything(ws: Workspace) -> dict:
    return {kind.table: sorted((r.id, repr(r)) for r in ws.store.records(kind, include_deleted=True))
            for kind in RECORD_TYPES}


def readable(root, strings=KNOWN) -> list[str]:
    """Every (file, string) where a known review string can be read in the raw bytes,
    as UTF-8 or UTF-16 (SQLite's two text encodings)."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for text in strings:
            if any(text.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be")):
                found.append(f"{path.relative_to(root)}: {text}")
    return found


def test_no_review_text_can_be_read_in_any_file_of_the_data_folder(ws, system_temp):
    rid = capture_a_visit(ws)
    made = draft_and_view(ws, rid)
    root = ws.paths.root
    for path in made:
        # Outside the data folder, in a folder only this user can open.
        assert path.is_file() and not path.is_relative_to(root)
        assert path.is_relative_to(system_temp)
        assert path.parent.stat().st_mode & 0o777 == 0o700
    db = ws.paths.database
    wal = db.with_name(db.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0   # still open: the WAL holds the latest pages
    assert not db.read_bytes().startswith(b"SQLite format 3")
    assert readable(root) == []
    assert pdfs(root) == []                           # no report, draft or issued, unencrypted
    (photo,) = ws.store.records(Photo)
    (profile,) = ws.branding_profiles()
    blobs = [ws.photo_bytes(photo.id), ws.logo_bytes(profile.logo_file)]
    assert hash_named(root, blobs) == []              # names tell nothing of the content
    ws.close()
    viewer.discard()                                  # as the app does when it closes
    assert readable(root) == [] and pdfs(root) == []
    assert [p for p in system_temp.rglob("*") if p.is_file()] == []
    # The same data, through the app.
    with Workspace.open(ws.paths.root) as again:
        assert again.reviews()[0]["school_name"] == KNOWN[0]
        (photo,) = again.store.records(Photo)
        assert b"Pupil code KX-4471" in again.photo_bytes(photo.id)
        (issued,) = again.issued_reports(again.reviews()[0]["id"])
        assert b"Pupil code KX-4471" in again.issued_pdf(issued)
        assert any("KX-4471" in (e.text or "") for e in again.bundle(again.reviews()[0]["id"]).evidence)
        (profile,) = again.branding_profiles()
        assert LOGO.encode() in again.logo_bytes(profile.logo_file)


VIEW_AND_DIE = textwrap.dedent("""
    import os, signal, sys
    from wss_desktop.core.workspace import Workspace
    ws = Workspace.open(sys.argv[1])
    (issued,) = ws.issued_reports(ws.reviews()[0]["id"])
    print(ws.issued_pdf_to_view(issued), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_viewer_copies_left_by_an_app_that_was_killed_go_at_the_next_start(ws, system_temp):
    capture_a_visit(ws)
    root = ws.paths.root
    ws.close()
    env = dict(os.environ, TMPDIR=str(system_temp))
    done = subprocess.run([sys.executable, "-c", VIEW_AND_DIE, str(root)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = Path(done.stdout.strip())
    assert left.is_file() and left.is_relative_to(system_temp)
    with Workspace.open(root) as again:                 # the next start
        assert not left.exists()
        (issued,) = again.issued_reports(again.reviews()[0]["id"])
        mine = again.issued_pdf_to_view(issued)
    with Workspace.open(root):                          # a copy this app still shows stays
        assert mine.is_file()
    viewer.discard()
    assert [p for p in system_temp.rglob("*") if p.is_file()] == []


def test_the_search_index_still_works_encrypted(ws):
    capture_a_visit(ws)
    hits = ws.search("Ferrow")
    assert hits and {h.review_id for h in hits} == {ws.reviews()[0]["id"]}


def make_plaintext_folder(tmp_path):
    """A data folder as versions before encryption at rest left it: a plaintext database
    and no key."""
    source = tmp_path / "source"
    with Workspace.open(source) as ws:
        capture_a_visit(ws)
        before = everything(ws)
        conn = store_mod.connect(ws.paths.database)
        old = tmp_path / "old"
        old.mkdir()
        store_mod._export(conn, old / "wss.sqlite3", None)
        conn.close()
        plain = store_mod.connect(old / "wss.sqlite3")   # older versions knew no such setting
        plain.execute("DELETE FROM settings WHERE key IN ('attachments_encrypted', 'at_rest_files')")
        plain.close()
        # Photos as older versions kept them: the image itself, unencrypted, named by its
        # SHA-256; the same for logos; and the latest draft PDF of a report.
        for photo in ws.store.records(Photo):
            target = old / "attachments" / photo.sha256[:2] / (photo.sha256 + ".png")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(ws.photo_bytes(photo.id))
        for profile in ws.branding_profiles():
            (old / "branding").mkdir(exist_ok=True)
            (old / "branding" / profile.logo_file).write_bytes(ws.logo_bytes(profile.logo_file))
        rid = ws.reviews()[0]["id"]
        (old / "report-drafts" / rid).mkdir(parents=True)
        (old / "report-drafts" / rid / "full.pdf").write_bytes(
            b"%PDF-1.4 Hollinbrook Meadow Primary School draft")
        for review in ws.reviews():
            for issued in ws.issued_reports(review["id"]):
                target = old / "reports" / review["id"] / issued.file_name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(ws.issued_pdf(issued))
    assert (old / "wss.sqlite3").read_bytes().startswith(b"SQLite format 3")
    return old, before


def test_an_old_plaintext_database_is_encrypted_in_place_after_a_backup(tmp_path):
    old, before = make_plaintext_folder(tmp_path)
    atrest.lock_all()
    assert readable(old) != []
    with Workspace.open(old) as ws:
        assert everything(ws) == before
        saved = ws.store.last_backup
        key = ws.store.key
        # The app works the same: edit, search, read back, photos too.
        (photo,) = ws.store.records(Photo)
        assert ws.photo_bytes(photo.id).startswith(b"\x89PNG")
        (issued,) = ws.issued_reports(ws.reviews()[0]["id"])
        assert ws.issued_pdf(issued).startswith(b"%PDF")
        rid = ws.reviews()[0]["id"]
        ws.judge(rid, "3.2", strengths="Edited after encryption")
        assert ws.search("Edited after encryption")
    assert saved is not None and saved.parent == old / "backups"
    assert not saved.read_bytes().startswith(b"SQLite format 3")
    assert not (old / "wss.sqlite3").read_bytes().startswith(b"SQLite format 3")
    assert readable(old) == []                       # the plaintext copy is gone
    assert pdfs(old) == []
    assert not (old / "report-drafts").exists()       # made again when next wanted
    with Workspace.open(old) as again:
        (photo,) = again.store.records(Photo)
        (profile,) = again.branding_profiles()
        blobs = [again.photo_bytes(photo.id), again.logo_bytes(profile.logo_file)]
        assert LOGO.encode() in blobs[1]
    assert hash_named(old, blobs) == []
    assert not list(old.glob("*.encrypting*"))
    conn = store_mod.connect(saved, key)          # the backup opens with the same key
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == len(before["reviews"])
    conn.close()
    with Workspace.open(old) as again:
        assert again.bundle(rid).judgements["3.2"].strengths == "Edited after encryption"


def test_a_folder_of_the_last_version_loses_its_telling_names_and_plaintext_logos(ws):
    """The last version encrypted photos but named them by their SHA-256, kept logos
    unencrypted (also named by their hash) and kept draft PDFs in the data folder."""
    rid = capture_a_visit(ws)
    root = ws.paths.root
    (photo,) = ws.store.records(Photo)
    (profile,) = ws.branding_profiles()
    picture, logo = ws.photo_bytes(photo.id), ws.logo_bytes(profile.logo_file)
    sealed = ws.attachments._seal(picture)
    for path in [p for p in (root / "attachments").rglob("*") if p.is_file()]:
        path.unlink()
    for path in [p for p in (root / "branding").rglob("*") if p.is_file()]:
        path.unlink()
    (root / "attachments" / photo.sha256[:2]).mkdir(parents=True, exist_ok=True)
    (root / "attachments" / photo.sha256[:2] / (photo.sha256 + ".png")).write_bytes(sealed)
    (root / "branding" / profile.logo_file).write_bytes(logo)
    (root / "report-drafts" / rid).mkdir(parents=True)
    (root / "report-drafts" / rid / "summary.pdf").write_bytes(b"%PDF-1.4 Hollinbrook draft")
    ws.store.set_setting("at_rest_files", None)
    before = everything(ws)
    ws.close()
    assert hash_named(root, [picture, logo]) != [] and readable(root) != []
    with Workspace.open(root) as again:
        assert everything(again) == before
        assert again.photo_bytes(photo.id) == picture
        assert again.logo_bytes(profile.logo_file) == logo
    assert hash_named(root, [picture, logo]) == []
    assert readable(root) == [] and pdfs(root) == []
    assert not (root / "report-drafts").exists()


def test_without_a_keyring_a_passphrase_is_chosen_then_needed_at_every_start(tmp_path, monkeypatch):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.delenv(atrest.ENV_PASSPHRASE)
    folder = tmp_path / "data"
    with pytest.raises(atrest.UnlockNeeded) as asked:
        Workspace.open(folder)
    assert asked.value.new and "Choose a passphrase" in str(asked.value)
    with pytest.raises(WeakPassphrase):
        atrest.database_key(folder, passphrase="short")
    atrest.database_key(folder, passphrase="otter lantern quill meadow")
    with Workspace.open(folder) as ws:
        capture_a_visit(ws)
    atrest.lock_all()                               # the app starts again
    with pytest.raises(atrest.UnlockNeeded) as asked:
        Workspace.open(folder)
    assert not asked.value.new and atrest.ENV_PASSPHRASE in str(asked.value)
    with pytest.raises(atrest.WrongUnlockPassphrase, match="does not unlock"):
        atrest.database_key(folder, passphrase="otter lantern quill meadows")
    atrest.database_key(folder, passphrase="otter lantern quill meadow")
    with Workspace.open(folder) as ws:
        assert ws.reviews()[0]["school_name"] == KNOWN[0]
    assert readable(folder) == []


def test_the_command_line_unlocks_with_the_environment_variable_only(tmp_path, monkeypatch, capsys):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setenv(atrest.ENV_PASSPHRASE, "otter lantern quill meadow")
    folder = str(tmp_path / "data")
    assert main(["--data-dir", folder, "demo"]) == 0
    atrest.lock_all()
    monkeypatch.delenv(atrest.ENV_PASSPHRASE)
    assert main(["--data-dir", folder, "review", "list"]) == 1
    err = capsys.readouterr().err
    assert atrest.ENV_PASSPHRASE in err
    monkeypatch.setenv(atrest.ENV_PASSPHRASE, "not the right passphrase")
    assert main(["--data-dir", folder, "review", "list"]) == 1
    assert "does not unlock" in capsys.readouterr().err
    monkeypatch.setenv(atrest.ENV_PASSPHRASE, "otter lantern quill meadow")
    assert main(["--data-dir", folder, "review", "list"]) == 0
    assert "Hollinbrook" in capsys.readouterr().out
    # There is no command-line option for it: other users could read it in the process list.
    with pytest.raises(SystemExit):
        main(["--data-dir", folder, "--unlock-passphrase", "x", "review", "list"])


def test_a_restored_folder_names_its_files_by_its_own_key_and_holds_no_plaintext(ws, tmp_path):
    from wss_desktop.core import backup as bk
    rid = capture_a_visit(ws)
    (photo,) = ws.store.records(Photo)
    (profile,) = ws.branding_profiles()
    blobs = [ws.photo_bytes(photo.id), ws.logo_bytes(profile.logo_file)]
    archive = tmp_path / "b.wssbackup"
    bk.backup(ws, archive, passphrase="otter lantern quill meadow")
    restored = bk.restore(archive, tmp_path / "restored", passphrase="otter lantern quill meadow")
    root = restored.data_dir
    assert readable(root) == [] and pdfs(root) == [] and hash_named(root, blobs) == []
    with Workspace.open(root) as again:
        assert again.store.key != ws.store.key
        assert [again.photo_bytes(photo.id), again.logo_bytes(profile.logo_file)] == blobs
        (issued,) = again.issued_reports(rid)
        assert again.issued_pdf(issued).startswith(b"%PDF")
