"""Backup and restore of the whole data folder, compared through the core."""

import os
import zipfile
from pathlib import Path

import pytest
from sync_support import fast_kdf  # noqa: F401

from wss_desktop.core import backup as bk
from wss_desktop.core.model import RECORD_TYPES, Photo
from wss_desktop.core.sync import crypto
from wss_desktop.core.sync.keys import PassphraseNeeded, TeamKeys
from wss_desktop.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("fast_kdf")
BACKUP_PASSPHRASE = "otter lantern quill meadow"

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
                    "53de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082")


def everything(ws: Workspace) -> dict:
    """Every record of every kind, deleted ones included, plus the settings that travel."""
    return {kind.table: sorted((r.id, repr(r)) for r in ws.store.records(kind, include_deleted=True))
            for kind in RECORD_TYPES}


def plain_backup(paths, archive: Path) -> None:
    """An unencrypted backup, as versions before backups were always encrypted made them."""
    with open(archive, "wb") as fh:
        bk._write_archive(paths, fh, lambda *a: None)


def photo_files(ws: Workspace) -> dict[str, bytes]:
    return {p.id: ws.attachments.read(p.sha256, p.media_type)
            for p in ws.store.records(Photo, include_deleted=True)}


@pytest.fixture
def full(ws, demo, tmp_path):
    """The demo review plus photos, a deleted record, a logo and a user framework."""
    ev = ws.add_observation(demo, room="Y4 Otters", text="Visual timetable used well.")
    ws.add_photo(ev, PNG, caption="Display")
    gone = ws.add_action(demo, "To be removed")
    ws.delete_action(gone)
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    pid = ws.add_branding_profile("Northvale", organisation="Northvale Trust", logo=str(logo))
    ws.set_default_branding(pid)
    ws.store.set_setting("profile.name", "Sam Reviewer")
    (ws.paths.user_frameworks / "mine.toml").write_text("# not a framework, but the user's file\n")
    return ws


def test_backup_then_restore_gives_an_identical_database_and_photos(full, tmp_path):
    ws = full
    archive = tmp_path / "out" / "all.wssbackup"
    archive.parent.mkdir()
    result = bk.backup(ws, archive, passphrase=BACKUP_PASSPHRASE)
    assert archive.is_file() and result.encrypted and result.reviews == 1
    assert not zipfile.is_zipfile(archive)

    restored = bk.restore(archive, tmp_path / "fresh", passphrase=BACKUP_PASSPHRASE)
    assert restored.reviews == 1 and restored.files == result.files
    with Workspace.open(tmp_path / "fresh") as again:
        assert everything(again) == everything(ws)
        assert photo_files(again) == photo_files(ws) and photo_files(ws)
        assert again.store.setting("profile.name") == "Sam Reviewer"
        assert again.store.integrity_problems() == []
        logo = again.branding_profiles()[0].logo_file
        assert again.logo_bytes(logo) == PNG                  # kept encrypted, read through the app
        assert (again.paths.user_frameworks / "mine.toml").is_file()


def test_text_kept_when_the_app_had_to_end_travels_in_the_backup(full, tmp_path):
    """Kept text (core/kept_text.py) waits in the data folder for the user to copy it
    back; a backup taken meanwhile carries it, and the restored folder reads it with its
    own key."""
    from wss_desktop.core import kept_text
    kept = kept_text.KeptText("What you saw", "Pupils used word mats.", "Hollinbrook", "r1")
    kept_text.keep(full.paths.root, full.store.key, [kept])
    archive = tmp_path / "all.wssbackup"
    bk.backup(full, archive, passphrase=BACKUP_PASSPHRASE)
    bk.restore(archive, tmp_path / "fresh", passphrase=BACKUP_PASSPHRASE)
    with Workspace.open(tmp_path / "fresh") as again:
        files, unreadable = kept_text.kept(again.paths.root, again.store.key)
        assert unreadable == [] and [f.texts for f in files] == [(kept,)]
        (path,) = (again.paths.root / kept_text.FOLDER).iterdir()
        assert b"word mats" not in path.read_bytes()


def test_a_locked_backup_restores_with_the_key_and_only_with_it(full, tmp_path):
    key = crypto.new_team_key()
    archive = tmp_path / "locked.wssbackup"
    assert bk.backup(full.paths, archive, key=key).encrypted
    data = archive.read_bytes()
    assert data.startswith(bk.MAGIC) and b"Hollinbrook" not in data

    with pytest.raises(bk.BackupError, match="different team key"):
        bk.restore(archive, tmp_path / "a", key=crypto.new_team_key())
    with pytest.raises(PassphraseNeeded):
        bk.restore(archive, tmp_path / "b", keys=TeamKeys(use_keyring=False))
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()

    bk.restore(archive, tmp_path / "c", key=key)
    with Workspace.open(tmp_path / "c") as again:
        assert everything(again) == everything(full)


def test_a_team_computer_locks_its_backup_and_a_new_computer_opens_it_with_the_passphrase(
        full, tmp_path):
    from wss_desktop.core.sync.service import sync_folder
    shared = tmp_path / "shared"
    shared.mkdir()
    keys = TeamKeys(use_keyring=False)
    sync_folder(full.store, full.paths, shared, keys, passphrase="correct horse battery")
    archive = tmp_path / "team.wssbackup"
    assert bk.backup(full, archive, keys=keys).encrypted

    stranger = TeamKeys(use_keyring=False)
    with pytest.raises(bk.BackupError, match="passphrase does not open"):
        bk.restore(archive, tmp_path / "x", keys=stranger, passphrase="wrong passphrase")
    assert not (tmp_path / "x").exists()
    bk.restore(archive, tmp_path / "y", keys=stranger, passphrase="correct horse battery")
    with Workspace.open(tmp_path / "y") as again:
        assert everything(again) == everything(full)


@pytest.mark.parametrize("damage", ["flip", "truncate", "append"])
def test_a_damaged_locked_backup_is_refused_and_nothing_is_left_behind(full, tmp_path, damage):
    key = crypto.new_team_key()
    archive = tmp_path / "locked.wssbackup"
    bk.backup(full.paths, archive, key=key)
    data = bytearray(archive.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncate":
        del data[-100:]
    else:
        data += b"extra"
    archive.write_bytes(bytes(data))
    with pytest.raises(bk.BackupError, match="damaged|incomplete|changed"):
        bk.restore(archive, tmp_path / "target", key=key)
    assert not (tmp_path / "target").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "locked.wssbackup", "logo.png"]


def test_an_old_unencrypted_backup_still_restores(full, tmp_path):
    archive = tmp_path / "plain.wssbackup"
    plain_backup(full.paths, archive)
    assert zipfile.is_zipfile(archive)
    bk.restore(archive, tmp_path / "fresh")
    with Workspace.open(tmp_path / "fresh") as again:
        assert everything(again) == everything(full)


def test_a_tampered_plain_backup_is_refused(full, tmp_path):
    archive = tmp_path / "plain.wssbackup"
    plain_backup(full.paths, archive)
    tampered = tmp_path / "tampered.wssbackup"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("attachments/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(item, data)
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(bk.BackupError, match="does not match its checksum"):
        bk.restore(tampered, target)
    assert list(target.iterdir()) == []


def test_restore_never_writes_into_a_folder_that_holds_anything(full, tmp_path):
    archive = tmp_path / "plain.wssbackup"
    plain_backup(full.paths, archive)
    with pytest.raises(bk.BackupError, match="not empty"):
        bk.restore(archive, full.paths.root)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(bk.BackupError, match="not empty"):
        bk.restore(archive, busy)
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]


def test_other_files_are_not_taken_for_backups(tmp_path):
    junk = tmp_path / "junk.wssbackup"
    junk.write_bytes(b"hello")
    with pytest.raises(bk.BackupError, match="not a WSS Review Desktop backup"):
        bk.restore(junk, tmp_path / "t")
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "hi")
    with pytest.raises(bk.BackupError, match="no manifest"):
        bk.restore(other_zip, tmp_path / "t")
    assert not (tmp_path / "t").exists()


def test_a_backup_is_not_written_inside_the_folder_it_backs_up(ws):
    with pytest.raises(bk.BackupError, match="outside the data folder"):
        bk.backup(ws, ws.paths.root / "inside.wssbackup")
    assert not (ws.paths.root / "inside.wssbackup").exists()


def test_a_hostile_member_name_is_refused(full, tmp_path):
    archive = tmp_path / "plain.wssbackup"
    plain_backup(full.paths, archive)
    evil = tmp_path / "evil.wssbackup"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(evil, "w") as dst:
        import json
        manifest = json.loads(src.read(bk.MANIFEST))
        manifest["files"]["../escape.txt"] = {"size": 1, "sha256": "0" * 64}
        for item in src.infolist():
            if item.filename != bk.MANIFEST:
                dst.writestr(item, src.read(item))
        dst.writestr("../escape.txt", "x")
        dst.writestr(bk.MANIFEST, json.dumps(manifest))
    with pytest.raises(bk.BackupError, match="unexpected file"):
        bk.restore(evil, tmp_path / "t")
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path / "t").exists()


def test_backup_and_restore_from_the_command_line(full, tmp_path, capsys, monkeypatch):
    from wss_desktop.cli import main
    archive = tmp_path / "cli.wssbackup"
    assert main(["--data-dir", str(full.paths.root), "backup", str(archive)]) == 1
    assert "always encrypted" in capsys.readouterr().err and not archive.exists()
    monkeypatch.setenv("BACKUP_PASS", BACKUP_PASSPHRASE)
    assert main(["--data-dir", str(full.paths.root), "backup", str(archive),
                 "--passphrase-env", "BACKUP_PASS"]) == 0
    assert "Backed up 1 review" in capsys.readouterr().out
    target = tmp_path / "cli-restored"
    assert main(["restore", str(archive), "--data-dir", str(target)]) == 1
    assert "passphrase" in capsys.readouterr().err and not target.exists()
    assert main(["restore", str(archive), "--data-dir", str(target), "--passphrase-env", "BACKUP_PASS"]) == 0
    assert "Restored 1 review" in capsys.readouterr().out
    assert main(["restore", str(archive), "--data-dir", str(target), "--passphrase-env", "BACKUP_PASS"]) == 1
    assert "not empty" in capsys.readouterr().err
    with Workspace.open(target) as again:
        assert everything(again) == everything(full)
    assert "OneDrive" not in capsys.readouterr().err
    # Restored onto OneDrive: done as asked, and the risk is said (the app asks first).
    cloud = tmp_path / "OneDrive - Elm Row Trust"
    cloud.mkdir()
    assert main(["restore", str(archive), "--data-dir", str(cloud / "WSS"), "--passphrase-env", "BACKUP_PASS"]) == 0
    err = capsys.readouterr().err
    assert "is on OneDrive" in err and "own disk" in err


def test_default_name_is_dated():
    import datetime as dt
    assert bk.default_name(dt.date(2026, 11, 22)) == "wss-backup-2026-11-22.wssbackup"
    assert os.path.splitext(bk.default_name())[1] == bk.SUFFIX
    assert Path(bk.default_name()).suffix == ".wssbackup"
