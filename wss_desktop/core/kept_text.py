"""Text the database could not take before the app had to end, kept for the user.

When the system ends the app (logging out or shutting down: SIGTERM) the app saves
every field, waiting as long as closing does. If another program still holds the
database, or the disk is full, what was typed since the last save could not go in,
and it was lost as the app ended. It is now written here instead: a small file in the
data folder's `kept-text` folder, sealed with the data folder's own key (as photos are),
named by the moment it was kept. The next start shows it, with where it was typed, until
the user removes it (gui/kept_text_dialog.py). Nothing here is ever sent to colleagues;
a backup carries it, and a restore seals it again with the restored folder's key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .attachments import AttachmentStore
from .sync import crypto

FOLDER = "kept-text"
SUFFIX = ".wsk"
FORMAT = 1
_BOUND = b"wss-desktop kept text"


@dataclass(frozen=True)
class KeptText:
    """One field's text: `field` its label as the screen shows it, `review` the school of
    the review it belongs to ('' for a field of no review)."""

    field: str
    text: str
    review: str = ""
    review_id: str = ""


@dataclass(frozen=True)
class KeptFile:
    path: Path
    kept_at: dt.datetime
    texts: tuple[KeptText, ...]


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


def keep(root: Path, key: bytes, texts: Iterable[KeptText], *, now: dt.datetime | None = None) -> Path | None:
    """Write `texts` to a new sealed file (flushed to the disk before it is named);
    returns it, or None when there is nothing to keep. Raises OSError when the disk
    cannot take it (the caller then still has the text)."""
    texts = [t for t in texts if t.text.strip()]
    if not texts:
        return None
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    body = {"format": FORMAT, "kept_at": now.isoformat(timespec="seconds"),
            "texts": [{"field": t.field, "text": t.text, "review": t.review, "review_id": t.review_id}
                      for t in texts]}
    store = KeptTextStore(folder(root), key)
    # Named by the moment (so they sort in order), never over an earlier one.
    target = folder(root) / f"{now:%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
    store._write(target, store._seal(json.dumps(body, ensure_ascii=False).encode("utf-8")))
    return target


def kept(root: Path, key: bytes) -> tuple[list[KeptFile], list[Path]]:
    """The kept files, oldest first, and those that cannot be opened (damaged, or sealed
    with another key), which are left as they are."""
    where = folder(root)
    if not where.is_dir():
        return [], []
    store = KeptTextStore(where, key)
    found: list[KeptFile] = []
    unreadable: list[Path] = []
    for path in sorted(where.glob(f"*{SUFFIX}")):
        if not path.is_file() or path.is_symlink():
            continue
        try:
            body = json.loads(store._open(path.read_bytes()))
            texts = tuple(KeptText(str(t["field"]), str(t["text"]), str(t.get("review", "")),
                                   str(t.get("review_id", ""))) for t in body["texts"])
            found.append(KeptFile(path, dt.datetime.fromisoformat(body["kept_at"]), texts))
        except (OSError, ValueError, KeyError, TypeError, crypto.CryptoError):
            unreadable.append(path)
    return found, unreadable


def remove(files: Iterable[KeptFile]) -> None:
    """Remove kept files the user has dealt with."""
    for f in files:
        f.path.unlink(missing_ok=True)
