"""Photos and other files kept with reviews, stored by the hash of their bytes.

A file is written once under a temporary name, flushed to disk and renamed, so a
crash never leaves half a photo behind a saved record; the same bytes stored twice
make one file. Only JPEG and PNG are accepted (the GUI downscales before storing).
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
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, sha256: str, media_type: str) -> Path:
        return self.folder / sha256[:2] / (sha256 + _EXTENSIONS.get(media_type, ""))

    def put(self, data: bytes, media_type: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest, media_type)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def read(self, sha256: str, media_type: str) -> bytes:
        return self.path(sha256, media_type).read_bytes()
