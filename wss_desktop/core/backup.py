"""Backing up the whole local data folder to one file, and restoring it into a new folder.

A backup holds a consistent copy of the database (SQLite's backup API, through
store.copy_database) and then the files the records point at: photos, branding
logos, the user's own framework files and issued reports. The database is copied
first, and files are only ever added under their hash, so every photo the copied
records mention is already on disk when the files are read.

The file is a zip with a manifest (size and SHA-256 of every member), always
encrypted with AES-256-GCM, in 1 MiB chunks whose order and count are authenticated,
so no byte can be changed, dropped or reordered unnoticed:

    "WSSB" | format 1 | key id (8) | header length (4) | header JSON | chunks

On a team computer the key is derived from the team key, and the header JSON carries
the team key wrapped by the team passphrase (as in the shared folder's marker) when it
was available, so a backup opens on a new computer with the team passphrase alone.
Elsewhere the backup has a random key of its own, carried wrapped by a backup
passphrase the user chooses (the same rule and key stretching as the team's).

No unencrypted byte is written beside the backup: the zip is encrypted as it is
written, into a hidden temporary file next to the target that is renamed into place
when complete. The database is copied into a private (0700) folder of the system's
temporary area, never the destination, and removed afterwards. Backups made
unencrypted by older versions still restore.

Restoring never touches a folder that holds anything: it unpacks into a temporary
folder beside the target, checks every file and the database, and only then renames
it into place, so a failure part-way leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Callable, Iterator, TYPE_CHECKING

from .attachments import AttachmentStore, LogoStore
from .errors import DiskFull, UserError, no_room
from .kept_text import FOLDER as KEPT_TEXT
from .paths import Paths
from . import atrest
from .files import check_target as check_file_target
from .store import DATABASE_ERRORS, NewerDatabase, Store, StoreError, copy_database
from .sync.keys import PassphraseNeeded

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12
    from .sync.keys import TeamKeys
    from .workspace import Workspace

FORMAT = 1
MAGIC = b"WSSB"
SUFFIX = ".wssbackup"
MANIFEST = "manifest.json"
DATABASE = "wss.sqlite3"
# Folders of the data folder that belong in a backup. Left out on purpose: backups/
# (copies made before upgrades), logs/, sync/ (this computer's lock) and the window
# layout, which belong to one computer.
FOLDERS = ("attachments", "branding", "frameworks", "reports", KEPT_TEXT)
CHUNK = 1 << 20
_HEAD = struct.Struct(">4sB8sI")     # magic, format, key id, header length
_CHUNK_LEN = struct.Struct(">I")
MAX_HEADER = 64 * 1024
TEAM_KEY_SETTING = "sync.team_key_id"   # core/sync/service.py TEAM_KEY
FOLDER_SETTING = "sync.folder"          # core/sync/service.py FOLDER

Progress = Callable[[int, int, str], None]


class BackupError(UserError):
    """A backup could not be made or read; the message says why and what to do."""


class BackupFull(BackupError, DiskFull):
    """A disk the backup or restore was writing to is full; nothing was kept of it."""


def _is_full(exc: BaseException, folder: Path | None = None, need: int = 0) -> bool:
    """Whether `exc` is a disk (or the user's share of it) having no room: the kernel's
    ENOSPC or EDQUOT, or SQLite's "database or disk is full". SQLite may report a write
    that found no room as "disk I/O error" instead (it does on tmpfs): that counts when
    the disk at `folder` now has less than `need` bytes free."""
    if isinstance(exc, DiskFull):
        return True
    if isinstance(exc, OSError):
        return no_room(exc)
    if not isinstance(exc, DATABASE_ERRORS):
        return False
    text = str(exc)
    return "disk is full" in text or (folder is not None and "disk I/O error" in text
                                      and shutil.disk_usage(folder).free < need)


def _megabytes(size: int) -> str:
    return f"{max(size, 1) / 1_000_000:.1f} MB"


@dataclass
class BackupResult:
    path: Path
    files: int
    size: int
    encrypted: bool
    reviews: int

    locked_with: str = "team key"
    # Partial files of earlier backups that were stopped part-way, removed from the folder.
    cleared: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        locked = ("locked with your team key" if self.locked_with == "team key"
                  else "locked with the backup passphrase: keep that safe, apart from the backup")
        out = [f"Backed up {self.reviews} review{'s' if self.reviews != 1 else ''} and "
               f"{self.files} file{'s' if self.files != 1 else ''} to {self.path} "
               f"({self.size / 1_048_576:.1f} MB, {locked})."]
        if self.cleared:
            out.append(f"An earlier backup to this folder was stopped before it finished; its "
                       f"unfinished backup file ({', '.join(self.cleared)}, encrypted and of no "
                       f"use) has been removed.")
        return out


@dataclass
class RestoreResult:
    data_dir: Path
    files: int
    reviews: int
    created: str
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"Restored {self.reviews} review{'s' if self.reviews != 1 else ''} and "
                f"{self.files} file{'s' if self.files != 1 else ''} (backed up {self.created}) "
                f"into {self.data_dir}.", *self.notes]


# --- keys ---------------------------------------------------------------------------------

def _backup_key(team_key: bytes) -> bytes:
    # A key of its own for backups, so a backup and a sync file never share a key.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"wss-desktop backup v1").derive(team_key)


def _team_key(store: Store, keys: "TeamKeys | None", passphrase: str | None
              ) -> tuple[bytes | None, dict[str, Any] | None]:
    """This computer's team key (and the passphrase-wrapped copy for the header), or
    (None, None) when it is not part of a team."""
    key_id = store.setting(TEAM_KEY_SETTING)
    if not key_id:
        return None, None
    from .sync.folder import read_marker, reachable
    from .sync.keys import TeamKeys
    from .sync import crypto
    keys = keys or TeamKeys()
    wrapped = None
    folder = store.setting(FOLDER_SETTING)
    if folder and reachable(Path(folder)):
        try:
            marker = read_marker(Path(folder))
        except crypto.CryptoError:
            marker = None
        if marker is not None and marker.key_id == key_id:
            wrapped = marker.wrapped_key
    key = keys.get(key_id)
    if key is None and passphrase and wrapped is not None:
        key = keys.unlock(wrapped, passphrase)
    if key is None:
        raise PassphraseNeeded(keys.why_passphrase("lock the backup with your team's key"))
    return key, wrapped


# --- making a backup ------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _data_files(paths: Paths) -> Iterator[tuple[str, Path]]:
    for name in FOLDERS:
        folder = paths.root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            # Half-written files (".part-...") are not yet part of the data.
            if path.is_file() and not path.name.startswith(".part"):
                yield path.relative_to(paths.root).as_posix(), path


class BackupPassphraseNeeded(PassphraseNeeded):
    """This computer is not in a team, so a backup needs a passphrase of its own."""


BACKUP_PASSPHRASE = ("Backups are always encrypted. This computer is not part of a sync team, so "
                     "choose a passphrase for this backup (at least 10 characters, or a phrase of "
                     "four or more words); you will need it to restore the backup, so keep it "
                     "somewhere safe, apart from the backup.")


def team_key_for(ws: "Workspace", *, keys: "TeamKeys | None" = None,
                 passphrase: str | None = None) -> tuple[bytes, dict[str, Any] | None]:
    """The key a backup of `ws` is locked with, and the passphrase-wrapped copy to carry
    in it. On a team computer that is the team key (PassphraseNeeded when it is neither
    in the keyring nor unlocked by `passphrase`); otherwise a new key of the backup's own,
    wrapped by `passphrase` as the backup passphrase (BackupPassphraseNeeded without
    one; WeakPassphrase when it does not meet the rule). (The GUI calls this on its own
    thread, then backs up `ws.paths` in a worker.)"""
    key, wrapped = _team_key(ws.store, keys, passphrase)
    if key is not None:
        return key, wrapped
    return passphrase_key(passphrase)


def passphrase_key(passphrase: str | None) -> tuple[bytes, dict[str, Any]]:
    """A new key for one backup, wrapped by a backup passphrase that meets the rule."""
    from .passphrase import check_new
    from .sync import crypto
    if not passphrase:
        raise BackupPassphraseNeeded(BACKUP_PASSPHRASE)
    check_new(passphrase)
    key = crypto.new_team_key()
    return key, crypto.wrap_team_key(key, passphrase)


def _sealed_files(root: Path, key: bytes | None) -> dict[str, AttachmentStore]:
    """The folders whose files are kept encrypted with the data folder's key."""
    from .kept_text import KeptTextStore
    from .sync import crypto
    return {"attachments": AttachmentStore(root / "attachments", key),
            "branding": LogoStore(root / "branding", key),
            "reports": AttachmentStore(root / "reports", key, crypto.KIND_EXCHANGE),
            KEPT_TEXT: KeptTextStore(root / KEPT_TEXT, key)}


# Folders whose file names are keyed hashes: a restored folder has a key of its own, so
# their files are renamed by their content as they are unpacked.
_RENAMED = ("attachments", "branding")


def _write_archive(paths: Paths, out: _Sealer, say: Progress) -> tuple[int, int]:
    """Write the zip of the data folder to the stream `out`: (files, reviews).

    The database is copied (SQLite's backup API) into a private folder of the system's
    temporary area, never beside the backup, and removed when done; the zip itself is
    written straight into `out`, which encrypts as it goes."""
    with tempfile.TemporaryDirectory(prefix="wss-backup-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o700)
        say(0, 0, "Copying the database")
        db_copy = work / DATABASE
        # The copy is encrypted with a key of its own (in the manifest, inside the
        # encrypted archive), so even this temporary copy is never plaintext, and the
        # restoring computer re-encrypts it with its own key.
        transport = os.urandom(32)
        try:
            copy_database(paths.database, db_copy, target_key=transport)
            with Store.open(db_copy, key=transport) as copied:
                reviews = len(copied.review_rows())
                schema = copied.schema_version()
        except (OSError, StoreError, *DATABASE_ERRORS) as exc:
            if not _is_full(exc):
                raise
            raise BackupFull(f"This computer's disk is full (where it keeps temporary files, "
                             f"{work.parent}), so the backup was not made: it copies the database "
                             f"there first. Free some space and try again; nothing was "
                             f"changed.") from None
        for leftover in ("-wal", "-shm"):
            Path(str(db_copy) + leftover).unlink(missing_ok=True)
        members = [(DATABASE, db_copy), *_data_files(paths)]
        listed: dict[str, dict[str, int | str]] = {}
        manifest = {"app": "WSS Review Desktop", "format": FORMAT, "schema_version": schema,
                    "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "reviews": reviews, "database_key": transport.hex(), "files": listed}
        sealed = _sealed_files(paths.root, None)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for done, (name, path) in enumerate(members):
                say(done, len(members), f"Adding {name}")
                # Photos and PDFs are already compressed; squeezing them again only costs time.
                kind = (zipfile.ZIP_STORED if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".pdf")
                        else zipfile.ZIP_DEFLATED)
                files = sealed.get(name.split("/", 1)[0])
                if files is not None:
                    # Encrypted with this computer's key: the archive carries the photo or
                    # PDF itself (it is encrypted as a whole), read into memory one at a time.
                    data = files._open(path.read_bytes())
                    listed[name] = {"size": len(data),
                                               "sha256": hashlib.sha256(data).hexdigest()}
                    zf.writestr(name, data, compress_type=kind)
                    continue
                listed[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
                zf.write(path, name, compress_type=kind)
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
    return len(members) - 1, reviews


def backup(source: "Workspace | Paths", target_file: str | os.PathLike[str], *,
           key: bytes | None = None, wrapped: dict[str, Any] | None = None, keys: "TeamKeys | None" = None,
           passphrase: str | None = None, progress: Progress | None = None) -> BackupResult:
    """Write the whole data folder, encrypted, to one file at `target_file`.

    Every backup is locked: with `key` (32 bytes, `wrapped` being its passphrase-wrapped
    copy to carry along), else with the team key when this computer is part of a team
    (from the keyring through `keys`, or unlocked by the team passphrase), else with a
    new key wrapped by `passphrase` as the backup passphrase. Nothing unencrypted is
    ever written beside the target: the encrypted bytes go to a hidden temporary file
    there, renamed into place only once complete.
    """
    say = progress or (lambda done, total, what: None)
    paths = source if isinstance(source, Paths) else source.paths
    target = Path(target_file).expanduser().absolute()
    check_file_target(target, "wss-backup" + SUFFIX, "the backup", error=BackupError)
    if target.resolve().is_relative_to(paths.root.resolve()):
        raise BackupError("Save the backup outside the data folder it backs up (for example on "
                          "a USB stick or in your documents), so it survives if that folder is lost.")
    if not paths.database.exists():
        raise BackupError(f"There is no database in {paths.root} to back up.")
    if key is None:
        key, wrapped = (passphrase_key(passphrase) if isinstance(source, Paths)
                        else team_key_for(source, keys=keys, passphrase=passphrase))
    if len(key) != 32:
        raise BackupError("The key to lock the backup must be 32 bytes (AES-256).")

    cleared = _clear_noted(paths) + clear_unfinished(target.parent)
    part = target.parent / f".{target.name}.part-{os.getpid()}-{os.urandom(4).hex()}"
    _note_unfinished(paths, part)
    try:
        with open(part, "xb") as raw:
            sealer = _Sealer(raw, key, wrapped)
            files, reviews = _write_archive(paths, sealer, say)
            say(1, 1, "Locking the backup")
            sealer.finish()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(part, target)
    except BaseException as exc:
        part.unlink(missing_ok=True)
        _note_unfinished(paths, None)
        if isinstance(exc, BackupFull) or not _is_full(exc):
            raise
        raise BackupFull(f"The disk is full at {target.parent}, so the backup was not made (a "
                         f"backup of these reviews can take up to "
                         f"{_megabytes(_backup_room(paths))}). Free some space there, or choose "
                         f"a place with more room, and try again; nothing was changed.") from None
    _note_unfinished(paths, None)
    say(1, 1, "Done")
    from .sync import crypto
    team = not isinstance(source, Paths) and source.store.setting(TEAM_KEY_SETTING)
    locked_with = "team key" if team and crypto.key_id(key) == team else "passphrase"
    return BackupResult(target, files, target.stat().st_size, True, reviews, locked_with,
                        cleared)


def _backup_room(paths: Paths) -> int:
    """About the most a backup of this data folder takes (it is compressed as it is
    written): the database, with what its write-ahead log holds, and the files."""
    wal = Path(str(paths.database) + "-wal")
    database = paths.database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    return database + sum(p.stat().st_size for _, p in _data_files(paths))


# A backup is written to ".<name>.part-<process id>-<random>" beside its target, renamed
# into place when complete (versions before 0.4: ".<name>.part-<random>").
_PART_RE = re.compile(r"^\..+\.part-(?:(\d+)-)?[0-9a-f]{8}$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return False     # a file still being written there cannot be removed anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _note(paths: Paths) -> Path:
    # Where the partial file of a backup being written is noted, so that if the backup is
    # killed the next one (to any folder) can remove it. Not part of any backup.
    return paths.root / "unfinished-backup.txt"


def _note_unfinished(paths: Paths, part: Path | None) -> None:
    note = _note(paths)
    try:
        if part is None:
            note.unlink(missing_ok=True)
        else:
            note.write_text(str(part) + "\n", encoding="utf-8")
    except OSError:
        pass        # only a convenience: the next backup to that folder clears it too


def _clear_noted(paths: Paths) -> list[str]:
    """Remove the partial file of the last backup if it was stopped before it finished
    (the app killed, the computer switched off), wherever it was going."""
    try:
        noted = Path(_note(paths).read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return []
    if not noted.parent.is_dir():
        return []       # the stick is not plugged in: try again next time
    removed = [str(noted.parent / name) for name in clear_unfinished(noted.parent, only=noted.name)]
    _note_unfinished(paths, None)
    return removed


def clear_unfinished(folder: str | os.PathLike[str], *, only: str | None = None) -> list[str]:
    """Remove what backups stopped part-way (the app killed, the computer switched off)
    left in `folder`: hidden, encrypted partial files of no use to anyone. Files of a
    backup still being written by a running app are left alone. The names removed."""
    removed: list[str] = []
    try:
        entries = sorted(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        m = _PART_RE.match(path.name)
        if not m or (only and path.name != only) or not path.is_file() or path.is_symlink():
            continue
        if m.group(1) and _alive(int(m.group(1))):
            continue
        try:
            with open(path, "rb") as fh:
                head = fh.read(len(MAGIC))
            if head and not MAGIC.startswith(head):
                continue                  # not one of ours
            path.unlink()
        except OSError:
            continue
        removed.append(path.name)
    return removed


# --- encryption -------------------------------------------------------------------------------

def _nonce(base: bytes, index: int) -> bytes:
    return base + struct.pack(">I", index)


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">I?", index, final)


class _Sealer(io.RawIOBase):
    """A write-only stream that encrypts what is written to it, chunk by chunk, into `dst`.

    Only whole chunks leave memory before `finish`, which seals the last one (marked
    final, so a file cut short is told from a complete one)."""

    def __init__(self, dst: BinaryIO, team_key: bytes, wrapped: dict[str, Any] | None):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from .sync import crypto
        super().__init__()
        self._dst = dst
        self._base = os.urandom(8)
        meta = json.dumps({"nonce": self._base.hex(), "team_key": wrapped}).encode("utf-8")
        self._header = _HEAD.pack(MAGIC, FORMAT, bytes.fromhex(crypto.key_id(team_key)),
                                  len(meta)) + meta
        dst.write(self._header)
        self._aead = AESGCM(_backup_key(team_key))
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def _seal(self, block: bytes, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._base, self._index), block,
                                    _aad(self._header, self._index, final))
        self._dst.write(_CHUNK_LEN.pack(len(sealed)) + sealed)
        self._index += 1

    def write(self, data: Buffer) -> int:
        self._buffer += data
        # Keep at least one byte back: only `finish` knows which chunk is the last.
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), False)
            del self._buffer[:CHUNK]
        return memoryview(data).nbytes  # bytes taken (== len(data) for the bytes zipfile writes)

    def finish(self) -> None:
        self._seal(bytes(self._buffer), True)
        self._buffer.clear()


@dataclass
class _Locked:
    key_id: str
    base: bytes
    wrapped: dict[str, Any] | None
    header: bytes


def _read_locked_header(fh: BinaryIO) -> _Locked:
    fixed = fh.read(_HEAD.size)
    if len(fixed) < _HEAD.size:
        raise BackupError("The backup file is incomplete (it was cut short while copying). "
                          "Copy it again from where it was saved.")
    magic, version, kid, length = _HEAD.unpack(fixed)
    if version != FORMAT:
        raise BackupError("This backup was made by a newer version of WSS Review Desktop. "
                          "Update the app to restore it.")
    if length > MAX_HEADER:
        raise BackupError("The backup file is damaged (its header is far too large).")
    meta = fh.read(length)
    try:
        data = json.loads(meta)
        base = bytes.fromhex(data["nonce"])
        wrapped = data.get("team_key")
        if len(base) != 8 or not (wrapped is None or isinstance(wrapped, dict)):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise BackupError("The backup file is damaged (its header cannot be read), so it "
                          "was not restored.") from None
    return _Locked(kid.hex(), base, wrapped, fixed + meta)


def _decrypt(fh: io.BufferedReader, dst: BinaryIO, locked: _Locked, team_key: bytes) -> None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    aead = AESGCM(_backup_key(team_key))
    damaged = ("The backup file has been changed or damaged since it was made, so it cannot "
               "be trusted and was not restored. Try another copy of the backup.")
    index = 0
    while True:
        raw = fh.read(_CHUNK_LEN.size)
        if len(raw) < _CHUNK_LEN.size:
            raise BackupError(damaged if raw else "The backup file is incomplete (it was cut "
                              "short). Copy it again from where it was saved.")
        (length,) = _CHUNK_LEN.unpack(raw)
        if length > CHUNK + 16:
            raise BackupError(damaged)
        sealed = fh.read(length)
        if len(sealed) < length:
            raise BackupError("The backup file is incomplete (it was cut short). Copy it again "
                              "from where it was saved.")
        final = fh.peek(1)[:1] == b""
        try:
            plain = aead.decrypt(_nonce(locked.base, index), sealed, _aad(locked.header, index, final))
        except InvalidTag:
            raise BackupError(damaged) from None
        dst.write(plain)
        if final:
            return
        index += 1


def _unlock(locked: _Locked, key: bytes | None, keys: "TeamKeys | None",
            passphrase: str | None) -> bytes:
    from .sync import crypto
    from .sync.keys import TeamKeys
    if key is not None:
        if crypto.key_id(key) != locked.key_id:
            raise BackupError("This backup was locked with a different team key from the one "
                              "given, so it was not restored. Nothing was changed.")
        return key
    keys = keys or TeamKeys()
    found = keys.get(locked.key_id)
    if found is not None:
        return found
    if passphrase:
        if locked.wrapped is None:
            raise BackupError("This backup is locked with a team key that this computer does not "
                              "hold, and it does not carry a copy the team passphrase can open. "
                              "Restore it on a computer that syncs with the team's shared folder.")
        try:
            return keys.unlock(locked.wrapped, passphrase)
        except crypto.WrongPassphrase:
            raise BackupError("The passphrase does not open this backup. Check it (the team "
                              "passphrase, or the passphrase chosen for this backup) and try "
                              "again; nothing was changed.") from None
        except crypto.CryptoError as exc:
            raise BackupError(str(exc)) from None
    raise PassphraseNeeded("This backup is encrypted. Give the passphrase it was locked with "
                           "(your team passphrase, or the passphrase chosen for this backup) "
                           "to restore it.")


# --- restoring -------------------------------------------------------------------------------------

def is_locked(archive: str | os.PathLike[str]) -> bool:
    """Whether a backup file is encrypted (and so may need the team passphrase)."""
    try:
        with open(archive, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError as exc:
        raise BackupError(f"The backup file {archive} cannot be read ({exc.strerror or exc}).") from None


def unlock_key(archive: str | os.PathLike[str], *, key: bytes | None = None,
               keys: "TeamKeys | None" = None, passphrase: str | None = None) -> bytes | None:
    """The key that opens a locked backup (None for one that is not locked), found the
    way `restore` finds it; PassphraseNeeded or BackupError when it cannot be."""
    if not is_locked(archive):
        return None
    with open(archive, "rb") as fh:
        return _unlock(_read_locked_header(fh), key, keys, passphrase)


def check_target(target: Path) -> None:
    if target.exists():
        if not target.is_dir():
            raise BackupError(f"{target} is a file, not a folder. Choose a new, empty folder to "
                              f"restore into.")
        if any(target.iterdir()):
            raise BackupError(f"The folder {target} is not empty, so nothing was restored into it "
                              f"(restoring never overwrites anything). Choose a new, empty folder.")
    elif not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist; create it first or choose "
                          f"another place to restore into.")


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or ":" in name:
        return False
    return name in (DATABASE, MANIFEST) or (len(pure.parts) > 1 and pure.parts[0] in FOLDERS)


def _unpack(zip_path: Path, into: Path, say: Progress, sealed: dict[str, AttachmentStore],
            restoring_into: Path) -> tuple[dict[str, Any], int]:
    damaged = ("The backup file is damaged ({0}), so it was not restored. Try another copy of "
               "the backup; nothing was changed.")
    try:
        zf = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile:
        raise BackupError("This is not a WSS Review Desktop backup file (or it is badly "
                          "damaged), so nothing was restored.") from None
    with zf:
        try:
            manifest = json.loads(zf.read(MANIFEST))
            files = manifest["files"]
            if manifest.get("app") != "WSS Review Desktop" or not isinstance(files, dict):
                raise ValueError
        except KeyError:
            raise BackupError("This is not a WSS Review Desktop backup file (it has no "
                              "manifest), so nothing was restored.") from None
        except (ValueError, TypeError, zipfile.BadZipFile):
            raise BackupError(damaged.format("its list of contents cannot be read")) from None
        if manifest.get("format", 0) > FORMAT:
            raise BackupError("This backup was made by a newer version of WSS Review Desktop. "
                              "Update the app to restore it.")
        names = set(zf.namelist()) - {MANIFEST}
        if names != set(files) or DATABASE not in names:
            raise BackupError(damaged.format("files are missing or were added"))
        try:
            # Every file, and the database once more as it is re-encrypted.
            _check_room(restoring_into, sum(int(files[name]["size"]) for name in names)
                        + int(files[DATABASE]["size"]))
        except (KeyError, TypeError, ValueError):
            raise BackupError(damaged.format("its list of contents cannot be read")) from None
        for done, name in enumerate(sorted(names)):
            if not _safe_name(name):
                raise BackupError(damaged.format(f"it holds an unexpected file, {name}"))
            say(done, len(names), f"Checking {name}")
            out = into.joinpath(*PurePosixPath(name).parts)
            digest, size = hashlib.sha256(), 0
            seal = sealed.get(name.split("/", 1)[0])
            if seal is None:
                out.parent.mkdir(parents=True, exist_ok=True)
            photo = seal is not None
            held = bytearray()
            try:
                with zf.open(name) as src, (open(out, "wb") if not photo else io.BytesIO()) as dst:
                    for block in iter(lambda: src.read(CHUNK), b""):
                        digest.update(block)
                        size += len(block)
                        if size > files[name]["size"]:
                            break
                        (held.extend if photo else dst.write)(block)
            except (zipfile.BadZipFile, zlib.error, EOFError):
                raise BackupError(damaged.format(f"{name} cannot be read")) from None
            if size != files[name]["size"] or digest.hexdigest() != files[name]["sha256"]:
                raise BackupError(damaged.format(f"{name} does not match its checksum"))
            if seal is not None:
                # Photos, logos and issued reports are kept encrypted with the restored
                # folder's key (and photos and logos named by it).
                if name.split("/", 1)[0] in _RENAMED:
                    out = seal.place_for(out, bytes(held))
                seal._write(out, seal._seal(bytes(held)))
    return manifest, len(names) - 1


_RESTORE_FULL = ("The disk is full at {0}, so nothing was restored. Free some space there, or "
                 "restore into a folder on another disk, then try again; nothing was changed.")


def _check_room(folder: Path, need: int) -> None:
    """BackupFull unless the disk at `folder` has `need` bytes free, and a little more."""
    need += 1_000_000
    free = shutil.disk_usage(folder).free
    if free < need:
        raise BackupFull(f"The disk at {folder} has too little room to restore this backup: it "
                         f"needs about {_megabytes(need)} free and has {_megabytes(free)}. Free "
                         f"some space there, or restore into a folder on another disk, then try "
                         f"again; nothing was changed.")


def restore(archive: str | os.PathLike[str], data_dir: str | os.PathLike[str], *, key: bytes | None = None,
            keys: "TeamKeys | None" = None, passphrase: str | None = None,
            unlock_passphrase: str | None = None, ephemeral: bool = False,
            progress: Progress | None = None) -> RestoreResult:
    """Restore a backup into `data_dir`, which must be new or empty.

    Everything is unpacked and checked in a temporary folder beside `data_dir` and
    renamed into place only when complete, so a failure leaves `data_dir` as it was.
    A locked backup opens with `key`, the team key in this computer's keyring, or
    the passphrase it was locked with. The restored folder is encrypted with a new key
    of its own, kept in the keyring or unlocked by `unlock_passphrase` (or
    WSS_UNLOCK_PASSPHRASE; atrest.UnlockNeeded when neither is there), or, with
    `ephemeral` (the self-test), held in memory only.
    """
    say = progress or (lambda done, total, what: None)
    source = Path(archive).expanduser()
    target = Path(data_dir).expanduser().absolute()
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    check_target(target)
    # Too little room is said before anything is written: the decrypted archive and the
    # unpacked folder each take about the backup's size at least (_unpack checks again
    # once it knows the sizes inside).
    _check_room(target.parent, source.stat().st_size * (2 if is_locked(source) else 1))
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-restoring-", dir=target.parent) as tmp:
        try:
            work = Path(tmp)
            with open(source, "rb") as fh:
                locked = fh.read(len(MAGIC)) == MAGIC
                fh.seek(0)
                zip_path = work / "backup.zip"
                if locked:
                    header = _read_locked_header(fh)
                    team_key = _unlock(header, key, keys, passphrase)
                    say(0, 0, "Unlocking the backup")
                    with open(zip_path, "wb") as dst:
                        _decrypt(fh, dst, header, team_key)
                else:
                    zip_path = source
            staged = work / "data"
            staged.mkdir()
            # The restored folder gets a key of its own on this computer (keyring, or the
            # unlock passphrase): photos are sealed with it as they are unpacked, and the
            # database is re-encrypted with it before it is checked.
            local = (atrest.ephemeral_key(staged) if ephemeral
                     else atrest.database_key(staged, passphrase=unlock_passphrase))
            manifest, files = _unpack(zip_path, staged, say, _sealed_files(staged, local),
                                      target.parent)
            say(1, 1, "Checking the database")
            database = staged / DATABASE
            try:
                carried = manifest.get("database_key")
                transport = bytes.fromhex(carried) if carried else None
            except (TypeError, ValueError):
                raise BackupError("The backup file is damaged (its database key cannot be read), so "
                                  "it was not restored.") from None
            try:
                copy_database(database, staged / "reencrypted.sqlite3", key=transport, target_key=local)
            except DATABASE_ERRORS as exc:
                if _is_full(exc, staged, database.stat().st_size):
                    raise BackupFull(_RESTORE_FULL.format(target.parent)) from None
                raise BackupError("The database in the backup is damaged, so it was not restored. "
                                  "Try another copy of the backup; nothing was changed.") from None
            os.replace(staged / "reencrypted.sqlite3", database)
            synced = False
            try:
                with Store.open(database, staged / "backups", key=local) as store:
                    problems = store.integrity_problems()
                    reviews = len(store.review_rows())
                    synced = bool(store.setting(FOLDER_SETTING))
            except NewerDatabase:
                raise BackupError("This backup was made by a newer version of WSS Review Desktop. "
                                  "Update the app to restore it.") from None
            except StoreError as exc:
                if _is_full(exc):
                    raise
                problems = ["the database cannot be opened"]
            if problems:
                raise BackupError("The database in the backup failed its check (" + "; ".join(problems[:3])
                                  + "), so it was not restored. Try another copy of the backup.")
            for leftover in ("-wal", "-shm"):
                Path(str(database) + leftover).unlink(missing_ok=True)
            check_target(target)
            if target.exists():
                target.rmdir()
            os.replace(staged, target)
        except (OSError, StoreError, *DATABASE_ERRORS) as exc:
            if not _is_full(exc):
                raise
            raise BackupFull(_RESTORE_FULL.format(target.parent)) from None
    notes = []
    if synced:
        notes.append("The reviews are set to sync with the same shared folder as before; "
                     "sync once to bring in what colleagues changed since the backup.")
    return RestoreResult(target, files, reviews, str(manifest.get("created", "unknown date")), notes)


def default_name(today: dt.date | None = None) -> str:
    """A file name for a new backup, such as wss-backup-2026-11-22.wssbackup."""
    return f"wss-backup-{(today or dt.date.today()).isoformat()}{SUFFIX}"


__all__ = ["BackupError", "BackupResult", "RestoreResult", "backup", "restore", "is_locked",
           "unlock_key", "team_key_for", "default_name", "SUFFIX"]
