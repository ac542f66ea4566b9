"""Photos and other files kept with reviews, stored by the hash of their bytes.

A file is written once under a temporary name, flushed to disk and renamed, so a
crash never leaves half a photo behind a saved record; the same bytes stored twice
make one file. Only JPEG and PNG are accepted (the GUI downscales before storing).

Like the database, photos are encrypted at rest with the data folder's key
(core/atrest.py), sealed as the shared folder's photos are (sync/crypto.py: AES-256-GCM,
header authenticated). Photos written unencrypted by older versions are still read,
and `encrypt_existing` seals them in place.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

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

    def path(self, sha256: str, media_type: str) -> Path:
        return self.folder / sha256[:2] / (sha256 + _EXTENSIONS.get(media_type, ""))

    def put(self, data: bytes, media_type: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest, media_type)
        if target.exists() and target.stat().st_size > 0:
            return digest
        self._write(target, self._seal(data))
        return digest

    def _write(self, target: Path, sealed: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(sealed)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def read(self, sha256: str, media_type: str) -> bytes:
        """The photo's bytes (decrypted); FileNotFoundError when it is not here."""
        return self._open(self.path(sha256, media_type).read_bytes())

    def encrypt_existing(self) -> int:
        """Seal every photo an older version left unencrypted; how many were."""
        from .sync import crypto
        done = 0
        if not self.folder.is_dir():
            return 0
        for path in sorted(self.folder.rglob("*")):
            if not path.is_file() or path.name.startswith(".part"):
                continue
            data = path.read_bytes()
            if data.startswith(crypto.MAGIC):
                continue
            self._write(path, self._seal(data))
            done += 1
        return done
