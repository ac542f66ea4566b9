"""Photos and other files kept with reviews, found by the hash of their bytes.

A file is written once under a temporary name, flushed to disk and renamed, so a
crash never leaves half a photo behind a saved record; the same bytes stored twice
make one file. Only JPEG and PNG are accepted (the GUI downscales before storing).

Like the database, photos are encrypted at rest with the data folder's key
(core/atrest.py), sealed as the shared folder's photos are (sync/crypto.py: AES-256-GCM,
header authenticated). Their file names tell nothing either: a photo's SHA-256 (kept
in the encrypted database) is turned into its file name by a keyed hash (HMAC with
the folder's key), so a lost laptop does not show which known picture is there.
Branding logos are kept the same way (`LogoStore`). Files written by older versions
(unencrypted, or named by their SHA-256) are still read, and `tidy_names` seals and
renames them in place.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import DiskFull, InputError, no_room

MAX_BYTES = 10 * 1024 * 1024
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True)
class ImageInfo:
    media_type: str
    width: int
    height: int


def _jpeg_size(data: bytes) -> tuple[int, int]:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        # Start-of-frame markers carry the size (C4, C8 and CC are other tables).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise InputError("This JPEG file seems damaged (its size could not be read); "
                     "try saving it again.")


def inspect_image(data: bytes) -> ImageInfo:
    """What kind of image the bytes are, and its size; InputError if not usable."""
    if not data:
        raise InputError("The photo is empty (0 bytes).")
    if len(data) > MAX_BYTES:
        raise InputError(f"The photo is too large ({len(data) / 1_048_576:.1f} MB; the limit "
                         f"is {MAX_BYTES // 1_048_576} MB). Let the app downscale it first.")
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return ImageInfo("image/png", width, height)
    if data.startswith(b"\xff\xd8\xff"):
        width, height = _jpeg_size(data)
        return ImageInfo("image/jpeg", width, height)
    raise InputError("Only JPEG and PNG photos can be kept with a review.")


def stops_part_way(path: Path) -> bool:
    """Whether a JPEG file stops before its end: a copy from a phone or camera that had
    not finished, or a download cut off. Qt reads such a file without an error and shows
    the missing part grey. Decoded at an eighth of its size, so it takes milliseconds."""
    from PIL import Image
    try:
        with Image.open(path) as image:
            if image.format != "JPEG":
                return False      # (a PNG cut short fails to read in Qt, and says so)
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except OSError as exc:        # "image file is truncated"
        return "truncated" in str(exc)
    except Exception:  # noqa: BLE001 - any other complaint of Pillow's (a file it cannot
        return False   # identify, a picture too large for it) is for Qt's reader to judge
    return False


class AttachmentStore:
    """Files of a data folder kept encrypted with its key: photos by default; issued
    reports with `kind=crypto.KIND_EXCHANGE` (whose size limit suits a PDF of photos)."""

    def __init__(self, folder: Path, key: bytes | None = None, kind: bytes | None = None):
        self.folder = Path(folder)
        self._key = key
        self._kind = kind

    @property
    def key(self) -> bytes:
        if self._key is None:
            from .atrest import database_key
            self._key = database_key(self.folder.parent)
        return self._key

    def _seal(self, data: bytes) -> bytes:
        from .sync import crypto
        return crypto.seal(data, self._kind or crypto.KIND_PHOTO, team_key=self.key)

    def _open(self, stored: bytes) -> bytes:
        from .sync import crypto
        if not stored.startswith(crypto.MAGIC):
            return stored        # written unencrypted by an older version
        return crypto.unseal(stored, self._kind or crypto.KIND_PHOTO,
                             team_keys=lambda kid: self.key if kid == crypto.key_id(self.key) else None)

    def _name(self, what: str) -> str:
        """A file name made from `what` by a keyed hash: the same for the same folder's
        key, and telling nothing of `what` to anyone without the key."""
        return hmac.new(self.key, b"wss-desktop file name:" + what.encode("utf-8"),
                        hashlib.sha256).hexdigest()[:40]

    def path(self, sha256: str, media_type: str = "") -> Path:
        """Where the photo whose bytes have this SHA-256 is kept (the name is a keyed
        hash of it; the media type is in the database, not the name)."""
        name = self._name("photo:" + sha256)
        return self.folder / name[:2] / name

    def legacy_path(self, sha256: str, media_type: str) -> Path:
        """Where versions before 0.4 kept it: named by the SHA-256 itself."""
        return self.folder / sha256[:2] / (sha256 + _EXTENSIONS.get(media_type, ""))

    def put(self, data: bytes, media_type: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest, media_type)
        if target.exists() and target.stat().st_size > 0:
            return digest
        try:
            self._write(target, self._seal(data))
        except OSError as exc:
            if not no_room(exc):
                raise
            raise DiskFull("This computer's disk is full, so the photo could not be kept. Free "
                           "some space and try again; nothing was changed.") from None
        return digest

    def place(self, data: bytes) -> Path:
        """Where these bytes belong in this store (a restored or renamed file)."""
        return self.path(hashlib.sha256(data).hexdigest())

    def _write(self, target: Path, sealed: bytes) -> None:
        write_durably(target, sealed)

    def read(self, sha256: str, media_type: str) -> bytes:
        """The photo's bytes (decrypted); FileNotFoundError when it is not here."""
        try:
            return self._open(self.path(sha256, media_type).read_bytes())
        except FileNotFoundError:
            # Not yet renamed (tidy_names runs when the folder is opened).
            return self._open(self.legacy_path(sha256, media_type).read_bytes())

    def _kept_files(self) -> list[Path]:
        """Every file kept in the folder, in name order (not a write still under way)."""
        if not self.folder.is_dir():
            return []
        return [p for p in sorted(self.folder.rglob("*"))
                if p.is_file() and not p.name.startswith(".part")]

    def tidy_names(self) -> int:
        """Seal every file an older version left unencrypted, and rename every file
        whose name is not the keyed one (older versions named them by their SHA-256;
        a restored folder has a new key); how many were changed. Files this key cannot
        open are left as they are."""
        from .sync import crypto
        done = 0
        for path in self._kept_files():
            stored = path.read_bytes()
            try:
                data = self._open(stored)
            except crypto.CryptoError:
                continue
            target = self.place_for(path, data)
            plain = not stored.startswith(crypto.MAGIC)
            if target == path and not plain:
                continue
            there = target.exists() and target.stat().st_size > 0
            if plain:
                if not there or target == path:
                    self._write(target, self._seal(data))
                if target != path:
                    from .store import _scrub
                    _scrub(path)
            elif there:
                path.unlink()
            else:
                # Already sealed: only the name changes.
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
            if target != path:
                _remove_empty(path.parent, self.folder)
            done += 1
        return done

    def place_for(self, path: Path, data: bytes) -> Path:
        return self.place(data)

    def encrypt_existing(self) -> int:
        """Seal, in place, every file an older version left unencrypted; how many were."""
        from .sync import crypto
        done = 0
        for path in self._kept_files():
            data = path.read_bytes()
            if data.startswith(crypto.MAGIC):
                continue
            self._write(path, self._seal(data))
            done += 1
        return done


class LogoStore(AttachmentStore):
    """Branding logos, encrypted at rest like photos. A profile records its logo by the
    logo's SHA-256 and file type ("<sha256>.png"); the file's name is a keyed hash of
    that, keeping the type (the report needs to know an SVG)."""

    def path_of(self, logo_file: str) -> Path:
        name = Path(logo_file)
        return self.folder / (self._name("logo:" + name.stem) + name.suffix.lower())

    def add(self, data: bytes, suffix: str) -> str:
        """Keep a logo; the name to record in its profile."""
        logo_file = hashlib.sha256(data).hexdigest() + suffix.lower()
        target = self.path_of(logo_file)
        if not (target.exists() and target.stat().st_size > 0):
            self._write(target, self._seal(data))
        return logo_file

    def logo(self, logo_file: str) -> bytes:
        """The logo's bytes, decrypted; FileNotFoundError when it is not here."""
        try:
            return self._open(self.path_of(logo_file).read_bytes())
        except FileNotFoundError:
            if Path(logo_file).name != logo_file:
                raise
            return self._open((self.folder / logo_file).read_bytes())   # an older version's

    def place_for(self, path: Path, data: bytes) -> Path:
        return self.path_of(hashlib.sha256(data).hexdigest() + path.suffix)


def write_durably(target: Path, data: bytes, *, before: Callable[[int], None] | None = None) -> None:
    """Write `data` to a hidden file beside `target`, flush it to the disk, then name it
    `target`: a crash leaves the old file or the new one, never half of one. `before` is
    given the new file's descriptor while it is still empty."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        if before is not None:
            before(fd)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_empty(folder: Path, top: Path) -> None:
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
