"""Text the database could not take before the app had to end, kept for the user.

When the system ends the app (logging out or shutting down: SIGTERM) the app saves
every field, waiting as long as closing does. If another program still holds the
database, or the disk is full, what was typed since the last save could not go in,
and it was lost as the app ended. It is now written here instead: a small file in the
data folder's `kept-text` folder, sealed with the data folder's own key (as photos are),
named by the moment it was kept. The next start shows it, with where it was typed, until
the user removes it (gui/kept_text_dialog.py). Nothing here is ever sent to colleagues;
a backup carries it, and a restore seals it again with the restored folder's key.

The framework editor's unsaved changes, which it keeps in the database as they are made
(Workspace.keep_framework_draft), are kept here the same way when the database would not
take them; the next start puts them back as the editor's draft (`restore_frameworks`).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import secrets
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from .attachments import AttachmentStore, write_durably
from .sync import crypto

FOLDER = "kept-text"
SUFFIX = ".wsk"
FORMAT = 1
_BOUND = b"wss-desktop kept text"
# What reading a kept file that is damaged, or sealed with another folder's key, raises.
_UNREADABLE = (OSError, ValueError, KeyError, TypeError, crypto.CryptoError)


@dataclass(frozen=True)
class KeptText:
    """One field's text: `field` its label as the screen shows it, `review` the school of
    the review it belongs to ('' for a field of no review)."""

    field: str
    text: str
    review: str = ""
    review_id: str = ""


# A framework as the editor holds it, and where it came from ("new", or the id it copies).
Framework = tuple[dict[str, Any], str]


@dataclass(frozen=True)
class KeptFile:
    path: Path
    kept_at: dt.datetime
    texts: tuple[KeptText, ...]
    framework: Framework | None = None


class KeptTextStore(AttachmentStore):
    """The folder's files, sealed with the data folder's key and bound to their purpose
    (backup.py carries them in a backup and seals them again with the restored folder's key)."""

    def _seal(self, data: bytes) -> bytes:
        return crypto.seal(data, crypto.KIND_EXCHANGE, team_key=self.key, bound=_BOUND)

    def _open(self, stored: bytes) -> bytes:
        return crypto.unseal(stored, crypto.KIND_EXCHANGE, bound=_BOUND,
                             team_keys=lambda kid: self.key if kid == crypto.key_id(self.key) else None)


def folder(root: Path) -> Path:
    return Path(root) / FOLDER


# A disk that is full takes no new file, so the kept text would be lost just when it is
# most needed. The app sets aside a little space of its own at start (`make_reserve`): a
# file of zeros whose bytes are really on the disk. Kept text that no new file can take
# is written over it, which needs no new space; the next start, with space again, moves
# it into a file of its own (`settle`) and sets the space aside again. The reserve sits
# at the top of the data folder, so a backup never carries it (a file of zeros, this
# computer's own).
RESERVE = "kept-text-reserve"
RESERVE_SIZE = 256 * 1024
_IN_USE = struct.Struct(">4sI")        # b"WSKR" and the length of the sealed text after it
_MAGIC = b"WSKR"


def _reserve(root: Path) -> Path:
    return Path(root) / RESERVE


def make_reserve(root: Path) -> bool:
    """Set the space aside if it is not (the file is written whole, then named); whether
    it is set aside. Never raises: without it, kept text still goes into files of its own."""
    path = _reserve(root)
    try:
        if path.is_file() and not path.is_symlink() and path.stat().st_size == RESERVE_SIZE:
            return True
        path.unlink(missing_ok=True)
        write_durably(path, bytes(RESERVE_SIZE), before=_written_in_place)
        return True
    except OSError:
        return False


# Linux's per-file flag (chattr +C) asking a copy-on-write file system (btrfs) to write
# the file's own blocks in place. Writing over the space set aside must need no new
# space, which on btrfs holds only for a file given the flag while still empty.
_FS_IOC_GETFLAGS, _FS_IOC_SETFLAGS, _FS_NOCOW_FL = 0x80086601, 0x40086602, 0x00800000


def _written_in_place(fd: int) -> None:
    """Ask for the (still empty) file to be written in place, where the system can say so
    (btrfs); elsewhere it is written in place already (ext4, NTFS, tmpfs), or cannot be
    (APFS, ZFS)."""
    if not sys.platform.startswith("linux"):
        return
    import array
    import fcntl
    flags = array.array("i", [0])
    try:
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        if not flags[0] & _FS_NOCOW_FL:
            flags[0] |= _FS_NOCOW_FL
            fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags, True)
    except OSError:     # (a file system with no such flags: nothing to ask)
        return


def _into_reserve(root: Path, sealed: bytes) -> Path:
    """Write sealed kept text over the reserve (its bytes first, then the mark saying it is
    in use, each flushed to the disk). Raises OSError when there is no free reserve."""
    path = _reserve(root)
    if path.is_symlink() or not path.is_file() or path.stat().st_size != RESERVE_SIZE:
        raise OSError(errno.ENOSPC, "no space was set aside")
    if len(sealed) + _IN_USE.size > RESERVE_SIZE:
        raise OSError(errno.ENOSPC, "the text is larger than the space set aside")
    with open(path, "r+b") as fh:
        mark, length = _IN_USE.unpack(fh.read(_IN_USE.size))
        if mark == _MAGIC and length:
            raise OSError(errno.ENOSPC, "the space set aside holds kept text already")
        fh.seek(_IN_USE.size)
        fh.write(sealed)
        fh.flush()
        os.fsync(fh.fileno())
        fh.seek(0)
        fh.write(_IN_USE.pack(_MAGIC, len(sealed)))
        fh.flush()
        os.fsync(fh.fileno())
    return path


def _reserved(root: Path) -> bytes | None:
    """The sealed kept text the reserve holds, if any."""
    path = _reserve(root)
    if path.is_symlink() or not path.is_file():
        return None
    with open(path, "rb") as fh:
        head = fh.read(_IN_USE.size)
        if len(head) < _IN_USE.size:
            return None
        mark, length = _IN_USE.unpack(head)
        if mark != _MAGIC or not length or length > RESERVE_SIZE - _IN_USE.size:
            return None
        return fh.read(length)


def _free_reserve(path: Path) -> None:
    """Empty the space set aside: zeros over all of it (what it held is gone for good)."""
    with open(path, "r+b") as fh:
        fh.write(bytes(RESERVE_SIZE))
        fh.flush()
        os.fsync(fh.fileno())


def keep(root: Path, key: bytes, texts: Iterable[KeptText], *, framework: Framework | None = None,
         now: dt.datetime | None = None) -> Path | None:
    """Write `texts` (and the framework editor's unsaved `framework`) to a new sealed file
    (flushed to the disk before it is named), or, when the disk takes no new file, over
    the space set aside; returns where, or None when there is nothing to keep. Raises
    OSError when neither can take it (the caller then still has the text)."""
    texts = [t for t in texts if t.text.strip()]
    if not texts and framework is None:
        return None
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    body: dict[str, Any] = {
        "format": FORMAT, "kept_at": now.isoformat(timespec="seconds"),
        "texts": [{"field": t.field, "text": t.text, "review": t.review, "review_id": t.review_id}
                  for t in texts]}
    if framework is not None:
        body["framework"] = {"data": framework[0], "origin": framework[1]}
    store = KeptTextStore(folder(root), key)
    sealed = store._seal(json.dumps(body, ensure_ascii=False).encode("utf-8"))
    try:
        return _write_new(store, now, sealed)
    except OSError as exc:
        try:
            return _into_reserve(root, sealed)
        except OSError:
            raise exc from None


def _write_new(store: KeptTextStore, when: dt.datetime, sealed: bytes) -> Path:
    # Named by the moment (so they sort in order), never over an earlier one.
    target = store.folder / f"{when:%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
    store._write(target, sealed)
    return target


def _read(store: KeptTextStore, path: Path, stored: bytes) -> KeptFile:
    body = json.loads(store._open(stored))
    texts = tuple(KeptText(str(t["field"]), str(t["text"]), str(t.get("review", "")),
                           str(t.get("review_id", ""))) for t in body["texts"])
    framework: Framework | None = None
    kept_framework = body.get("framework")
    if kept_framework is not None:
        data, origin = kept_framework["data"], kept_framework["origin"]
        if not isinstance(data, dict) or not isinstance(origin, str):
            raise ValueError("a kept framework that is not a framework")
        framework = (data, origin)
    return KeptFile(path, dt.datetime.fromisoformat(body["kept_at"]), texts, framework)


def settle(root: Path, key: bytes) -> None:
    """Move kept text out of the space set aside into a file of its own, now that the
    disk may take one (left there, and still shown, while it does not)."""
    try:
        sealed = _reserved(root)
        if sealed is None:
            return
        store = KeptTextStore(folder(root), key)
        kept_file = _read(store, _reserve(root), sealed)
        _write_new(store, kept_file.kept_at, sealed)
        _free_reserve(_reserve(root))
    except _UNREADABLE:
        return


def kept(root: Path, key: bytes) -> tuple[list[KeptFile], list[Path]]:
    """The kept files, oldest first, and those that cannot be opened (damaged, or sealed
    with another key), which are left as they are."""
    where = folder(root)
    store = KeptTextStore(where, key)
    found: list[KeptFile] = []
    unreadable: list[Path] = []
    paths = sorted(where.glob(f"*{SUFFIX}")) if where.is_dir() else []
    for path in paths:
        if not path.is_file() or path.is_symlink():
            continue
        try:
            found.append(_read(store, path, path.read_bytes()))
        except _UNREADABLE:
            unreadable.append(path)
    try:
        reserved = _reserved(root)
        if reserved is not None:
            found.append(_read(store, _reserve(root), reserved))
    except _UNREADABLE:
        unreadable.append(_reserve(root))
    return found, unreadable


def restore_frameworks(root: Path, key: bytes, keep_draft: Callable[[dict[str, Any], str], None],
                       files: Iterable[KeptFile] | None = None) -> list[str]:
    """Put each kept framework back as the framework editor's draft (`keep_draft`, which
    raises while the database will not take it: the framework then stays kept), oldest
    first, so the latest is the draft; the texts kept with it stay kept, to be shown.
    `files` is what `kept` lists (listed here when not given). Returns the names of the
    frameworks put back."""
    if files is None:
        files, _ = kept(root, key)
    names = []
    for f in files:
        if f.framework is None:
            continue
        data, origin = f.framework
        try:            # the texts alone, kept as they were, in a file of their own first
            alone = keep(root, key, f.texts, now=f.kept_at)
        except OSError:
            continue    # (no room for it yet: all of it stays kept, for the next start)
        try:
            keep_draft(data, origin)
        except BaseException:
            if alone is not None:
                alone.unlink(missing_ok=True)
            raise
        remove([f])
        names.append(str(data.get("name") or data.get("id") or ""))
    return names


def remove(files: Iterable[KeptFile]) -> None:
    """Remove kept files the user has dealt with (the space set aside is kept, emptied)."""
    for f in files:
        if f.path.name == RESERVE:
            _free_reserve(f.path)
        else:
            f.path.unlink(missing_ok=True)
