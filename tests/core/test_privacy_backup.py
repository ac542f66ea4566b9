"""Backups are always encrypted, and nothing unencrypted ever reaches the destination,
even when the backup is killed part-way (a real process, SIGKILL at seeded moments)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sync_support import FAST, fast_kdf  # noqa: F401

from wss_desktop.core import backup as bk
from wss_desktop.core.demo import add_demo
from wss_desktop.core.passphrase import WeakPassphrase
from wss_desktop.core.paths import Paths
from wss_desktop.core.workspace import Workspace

pytestmark = pytest.mark.usefixtures("fast_kdf")

BACKUP_PASSPHRASE = "otter lantern quill meadow"
KNOWN = [b"Pupil code KX-4471 uses the quiet room", b"Hollinbrook", b"Visual timetable used well",
         b"ISSUED-REPORT-BODY-TEXT"]
PLAIN_MAGIC = [b"SQLite format 3", b"PK\x03\x04", b"PK\x05\x06", b"manifest.json"]


def everything(ws: Workspace) -> dict:
    from wss_desktop.core.model import RECORD_TYPES
    return {kind.table: sorted((r.id, repr(r)) for r in ws.store.records(kind, include_deleted=True))
            for kind in RECORD_TYPES}


def data_files(root: Path) -> dict[str, bytes]:
    """Every file the backup carries, as the app reads it (photos and issued reports are
    encrypted with each folder's own key, so their stored bytes differ)."""
    sealed = bk._sealed_files(root, None)
    out = {}
    for name in bk.FOLDERS:
        for p in sorted((root / name).rglob("*")):
            if p.is_file():
                files = sealed.get(name)
                out[p.relative_to(root).as_posix()] = files._open(p.read_bytes()) if files else p.read_bytes()
    return out


@pytest.fixture
def sensitive(ws, tmp_path):
    rid, _ = add_demo(ws)
    ws.add_observation(rid, room="Y4 Otters", text="Visual timetable used well. "
                       "Pupil code KX-4471 uses the quiet room.")
    reports = ws.paths.root / "reports" / rid
    reports.mkdir(parents=True)
    rng = random.Random(7)
    # Issued reports large enough that a backup takes a moment (stored, not compressed).
    for n in range(6):
        body = b"ISSUED-REPORT-BODY-TEXT " + rng.randbytes(1_500_000) + b" ISSUED-REPORT-BODY-TEXT"
        (reports / f"report-{n}.pdf").write_bytes(body)
    return ws


def plaintext_in(folder: Path) -> list[str]:
    """What in `folder` is not encrypted: any known text or file signature outside sealed
    chunks, or any whole chunk that does not authenticate under the backup's key.

    Ciphertext is random, so a 4-byte signature such as b"PK\\x05\\x06" turns up by chance
    in about one 9 MB backup in 500; searching the whole file for it made this check flaky.
    Instead each file is read as the sealed format, and every whole chunk must decrypt."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from wss_desktop.core.sync.keys import TeamKeys
    found: list[str] = []
    keys = TeamKeys(use_keyring=False)
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        # Long strings cannot occur in ciphertext by chance (1 in 2**88 or less).
        found += [f"{path.name}: {s!r}" for s in KNOWN + PLAIN_MAGIC if len(s) >= 11 and s in data]
        if not data:
            continue
        if not bk.MAGIC.startswith(data[:4]):
            found.append(f"{path.name}: does not start with the backup header: {data[:8]!r}")
            continue
        partial = path.name.startswith(".")
        with path.open("rb") as fh:
            try:
                locked = bk._read_locked_header(fh)
            except bk.BackupError:
                if not (partial and len(data) < 4096):   # a header cut short by the kill
                    found.append(f"{path.name}: its header cannot be read")
                continue
            aead = AESGCM(bk._backup_key(keys.unlock(locked.wrapped, BACKUP_PASSPHRASE)))
            index, cut_short = 0, False
            while raw := fh.read(bk._CHUNK_LEN.size):
                (length,) = bk._CHUNK_LEN.unpack(raw) if len(raw) == bk._CHUNK_LEN.size else (-1,)
                sealed = fh.read(length) if length >= 0 else b""
                if length < 0 or len(sealed) < length:
                    cut_short = True
                    break
                nonce = bk._nonce(locked.base, index)
                for final in (False, True):
                    try:
                        aead.decrypt(nonce, sealed, bk._aad(locked.header, index, final))
                        break
                    except InvalidTag:
                        continue
                else:
                    found.append(f"{path.name}: chunk {index} is not sealed with the backup's key")
                index += 1
            if cut_short and not partial:
                found.append(f"{path.name}: a whole backup that ends part-way through a chunk")
    return found


def test_the_plaintext_check_finds_what_is_not_sealed_and_passes_a_whole_backup(sensitive, tmp_path):
    import zipfile
    dest = tmp_path / "stick"
    dest.mkdir()
    genuine = dest / "b.wssbackup"
    bk.backup(sensitive, genuine, passphrase=BACKUP_PASSPHRASE)
    assert plaintext_in(dest) == []
    data = genuine.read_bytes()
    # The same bytes cut short are fine only as a hidden partial file.
    (dest / ".b.wssbackup.part-1-x").write_bytes(data[: len(data) // 2])
    assert plaintext_in(dest) == []
    (dest / "cut.wssbackup").write_bytes(data[: len(data) // 2])
    assert plaintext_in(dest) == ["cut.wssbackup: a whole backup that ends part-way through a chunk"]
    (dest / "cut.wssbackup").unlink()
    # A chunk whose bytes were swapped for plaintext (a zip's end record, short and unsealed).
    head = bk._HEAD.size + bk._HEAD.unpack(data[:bk._HEAD.size])[3] + bk._CHUNK_LEN.size
    forged = bytearray(data)
    forged[head + 100: head + 104] = b"PK\x05\x06"
    (dest / "forged.wssbackup").write_bytes(bytes(forged))
    assert plaintext_in(dest) == ["forged.wssbackup: chunk 0 is not sealed with the backup's key"]
    (dest / "forged.wssbackup").unlink()
    with zipfile.ZipFile(dest / "plain.zip", "w") as zf:
        zf.writestr("note.txt", "nothing sensitive")
    (said,) = plaintext_in(dest)
    assert said.startswith("plain.zip: does not start with the backup header: b'PK\\x03\\x04")


def test_a_backup_off_a_team_needs_a_passphrase_of_its_own_and_is_encrypted(sensitive, tmp_path):
    dest = tmp_path / "stick"
    dest.mkdir()
    with pytest.raises(bk.BackupPassphraseNeeded, match="always encrypted"):
        bk.backup(sensitive, dest / "b.wssbackup")
    with pytest.raises(WeakPassphrase):
        bk.backup(sensitive, dest / "b.wssbackup", passphrase="short")
    assert list(dest.iterdir()) == []
    result = bk.backup(sensitive, dest / "b.wssbackup", passphrase=BACKUP_PASSPHRASE)
    assert result.encrypted and result.locked_with == "passphrase"
    assert "backup passphrase" in result.lines()[0]
    assert plaintext_in(dest) == []


def test_restore_asks_for_the_passphrase_and_says_clearly_when_it_is_wrong(sensitive, tmp_path):
    archive = tmp_path / "b.wssbackup"
    bk.backup(sensitive, archive, passphrase=BACKUP_PASSPHRASE)
    from wss_desktop.core.sync.keys import PassphraseNeeded, TeamKeys
    with pytest.raises(PassphraseNeeded, match="encrypted.*passphrase"):
        bk.restore(archive, tmp_path / "r", keys=TeamKeys(use_keyring=False))
    with pytest.raises(bk.BackupError, match="passphrase does not open this backup"):
        bk.restore(archive, tmp_path / "r", passphrase="otter lantern quill meadows")
    assert not (tmp_path / "r").exists()
    bk.restore(archive, tmp_path / "r", passphrase=BACKUP_PASSPHRASE)
    with Workspace.open(tmp_path / "r") as again:
        assert everything(again) == everything(sensitive)


SCRIPT = textwrap.dedent("""
    import sys
    from wss_desktop.core.sync import crypto
    crypto.STRONG = crypto.ScryptCost({log2n}, 8, 1)
    from wss_desktop.core.backup import backup
    from wss_desktop.core.workspace import Workspace
    with Workspace.open(sys.argv[1]) as ws:
        print("started", flush=True)
        backup(ws, sys.argv[2], passphrase="{passphrase}")
    print("done", flush=True)
""").format(log2n=FAST.log2n, passphrase=BACKUP_PASSPHRASE)


def run_backup(root: Path, target: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(root), str(target)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_killing_a_backup_at_random_moments_never_leaves_plaintext_at_the_destination(
        sensitive, tmp_path):
    root = sensitive.paths.root
    original, original_files = everything(sensitive), data_files(root)
    sensitive.close()
    dest = tmp_path / "usb-stick"
    dest.mkdir()
    private_tmp = tmp_path / "system-temp"
    private_tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(private_tmp))

    # How long a whole backup takes here, from the moment it starts working.
    proc = run_backup(root, dest / "timing.wssbackup", env)
    assert proc.stdout.readline().strip() == "started"
    began = time.monotonic()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    whole = time.monotonic() - began
    (dest / "timing.wssbackup").unlink()

    rng = random.Random(20261127)
    for attempt in range(8):
        target = dest / f"attempt-{attempt}.wssbackup"
        proc = run_backup(root, target, env)
        assert proc.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0, whole))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert plaintext_in(dest) == [], f"attempt {attempt}"
        # Whatever is left is either nothing, a hidden partial file, or a whole backup.
        for left in dest.iterdir():
            assert left.name.lstrip(".").startswith("attempt-")
            assert bk.MAGIC.startswith(left.read_bytes()[:4])   # empty, or our header

    final = dest / "final.wssbackup"
    proc = run_backup(root, final, env)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert plaintext_in(dest) == []
    # The partial files of the killed attempts are gone too.
    assert sorted(p.name for p in dest.iterdir() if p.name.startswith(".")) == []
    restored = bk.restore(final, tmp_path / "restored", passphrase=BACKUP_PASSPHRASE)
    with Workspace.open(restored.data_dir) as again:
        assert everything(again) == original
    assert data_files(restored.data_dir) == original_files


DIE_BEFORE_THE_END = textwrap.dedent("""
    import os, signal, sys
    from wss_desktop.core.sync import crypto
    crypto.STRONG = crypto.ScryptCost({log2n}, 8, 1)
    from wss_desktop.core import backup as bk
    from wss_desktop.core.workspace import Workspace
    bk._Sealer.finish = lambda self: os.kill(os.getpid(), signal.SIGKILL)   # killed at the end
    with Workspace.open(sys.argv[1]) as ws:
        bk.backup(ws, sys.argv[2], passphrase="{passphrase}")
""").format(log2n=FAST.log2n, passphrase=BACKUP_PASSPHRASE)


def test_what_a_killed_backup_left_is_removed_by_the_next_backup_which_says_so(sensitive, tmp_path):
    root = sensitive.paths.root
    sensitive.close()
    dest = tmp_path / "usb-stick"
    dest.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", DIE_BEFORE_THE_END, str(root),
                           str(dest / "wss-backup-2026-11-26.wssbackup")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (left,) = dest.iterdir()
    assert left.name.startswith(".") and left.read_bytes()[:4] == bk.MAGIC
    # The next day's backup, to another folder (as the GUI does it, from the folder's paths).
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    result = bk.backup(Paths.resolve(root), elsewhere / "wss-backup-2026-11-27.wssbackup",
                       passphrase=BACKUP_PASSPHRASE)
    assert list(dest.iterdir()) == []
    said = " ".join(result.lines())
    assert "stopped before it finished" in said and str(left) in said
    # And one to the stick itself clears what was left there.
    done = subprocess.run([sys.executable, "-c", DIE_BEFORE_THE_END, str(root),
                           str(dest / "wss-backup-2026-11-28.wssbackup")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (left,) = dest.iterdir()
    (root / "unfinished-backup.txt").unlink()          # as if the note were lost
    with Workspace.open(root) as ws:
        result = bk.backup(ws, dest / "wss-backup-2026-11-28.wssbackup", passphrase=BACKUP_PASSPHRASE)
    assert sorted(p.name for p in dest.iterdir()) == ["wss-backup-2026-11-28.wssbackup"]
    assert left.name in " ".join(result.lines())
    assert plaintext_in(dest) == [] and plaintext_in(elsewhere) == []
