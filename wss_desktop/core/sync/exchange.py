"""Files for a partner ("Send to partner" / "Open partner's file").

One encrypted file holds everything the partner needs to rebuild or update one
review: every logged change of the review (from every device, so edits a third
person made travel too), the changes that made the frozen framework copy it uses,
and its photos. Opening it merges with the same engine as the shared folder, so a
file opened twice, or an older file opened after a newer one, changes nothing.
The file is locked with the team key or with a one-off passphrase for the pair.
"""

from __future__ import annotations

from typing import Any
import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import model
from ..attachments import AttachmentStore, inspect_image
from ..errors import DiskFull, InputError, UserError
from ..files import check_target, save_bytes
from ..paths import Paths
from ..store import Store
from . import crypto, wire
from .keys import PassphraseNeeded, TeamKeys
from .service import TEAM_KEY, note_peer_changes
from .summary import ChangeSummary, apply_with_summary
from .validate import Refused, Validator, refused_lines

SUFFIX = ".wssreview"


@dataclass
class ExportSummary:
    path: Path
    review_id: str
    school_name: str
    changes: int
    photos: int
    size: int
    locked_with: str   # "team key" or "passphrase"

    def lines(self) -> list[str]:
        return [f"Wrote {self.path} ({self.size / 1024:.0f} KB): the review of {self.school_name} "
                f"with {self.changes} changes and {self.photos} photo{'s' if self.photos != 1 else ''}, "
                f"locked with the {self.locked_with}."]


@dataclass
class ImportSummary:
    path: Path
    summary: ChangeSummary
    photos: int = 0
    reviews: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)    # sentences for changes not applied

    def lines(self) -> list[str]:
        return [f"Opened {self.path}.", *self.summary.lines()] + (
            [f"Added {self.photos} photo{'s' if self.photos != 1 else ''}."] if self.photos else []) + self.refused


def export_review(store: Store, paths: Paths, review_id: str, target: str | Path, keys: TeamKeys,
                  *, passphrase: str | None = None, photos: bool = True) -> ExportSummary:
    review = store.get(model.Review, review_id)
    if review is None:
        raise UserError(f"There is no review with id '{review_id}'. 'wss-desktop review list' "
                        f"shows the reviews there are.")
    team_key = None
    if passphrase:
        from ..passphrase import check_new
        check_new(passphrase)
    if not passphrase:
        kid = store.setting(TEAM_KEY)
        team_key = keys.get(kid) if kid else None
        if team_key is None:
            reason = (keys.why_passphrase("lock the file") if kid else
                      "This computer is not in a sync team yet, so there is no team key to lock the "
                      "file with.")
            raise PassphraseNeeded(f"{reason} Choose a passphrase for this file and tell your partner "
                                   f"in person or by phone, not in the same email.")
    changes = store.changes(review_id=review_id)
    changes += store.changes(tbl=model.FrozenFramework.table, rec=review.framework_hash)
    blobs = {}
    if photos:
        files = AttachmentStore(paths.attachments)
        for photo in store.records(model.Photo, review_id=review_id):
            try:
                data = files.read(photo.sha256, photo.media_type)
            except FileNotFoundError:
                continue
            blobs[photo.sha256] = {"media_type": photo.media_type,
                                   "data": base64.b64encode(data).decode("ascii")}
    meta = {"kind": "review", "review_id": review_id, "device": store.device_id,
            "made": datetime.now(timezone.utc).isoformat(timespec="seconds"), "photos": blobs}
    sealed = crypto.seal(wire.encode(meta, changes), crypto.KIND_EXCHANGE, team_key=team_key,
                         passphrase=passphrase)
    target = Path(target).expanduser()
    check_target(target, "review" + SUFFIX, "the file for your partner", error=InputError)
    save_bytes(target, sealed, "the file for your partner",
               advice="Check the folder exists and can be written to, or choose another place.")
    return ExportSummary(target, review_id, review.school_name, len(changes), len(blobs), len(sealed),
                         "team key" if team_key else "passphrase")


def read_exchange(path: str | Path, keys: TeamKeys, passphrase: str | None = None) -> tuple[dict[str, Any], list[Any]]:
    path = Path(path).expanduser()
    limit = crypto.LIMITS[crypto.KIND_EXCHANGE][0]
    try:
        size = path.stat().st_size
        if size > limit:
            raise crypto.TooLarge(f"{path} is larger than any review file should be "
                                  f"({size / 1_048_576:.0f} MB), so it was not opened; nothing was changed.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"There is no file {path}; check its name and folder.") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a review file.") from None
    except OSError as exc:
        raise UserError(f"{path} could not be read ({exc.strerror or exc}).") from None
    try:
        plain = crypto.unseal(data, crypto.KIND_EXCHANGE, team_keys=keys.get, passphrase=passphrase)
    except crypto.OtherTeam:
        raise crypto.OtherTeam(f"{path} was locked with a team key this computer does not have. Ask "
                               f"your partner to send it again locked with a passphrase, or join "
                               f"their team first; nothing was changed.") from None
    except crypto.NeedPassphrase:
        raise PassphraseNeeded(f"{path} is locked with a passphrase; give the passphrase your "
                               f"partner chose to open it.") from None
    except crypto.CryptoError as exc:
        tail = "" if "nothing was changed" in str(exc).lower() else " Nothing was changed."
        raise type(exc)(f"{path}: {exc}{tail}") from None
    meta, changes = wire.decode(plain)
    if meta.get("kind") != "review" or not isinstance(meta.get("photos", {}), dict):
        raise crypto.Damaged(f"{path} is not a review file; nothing was changed.")
    return meta, changes


def import_file(store: Store, paths: Paths, source: str | Path, keys: TeamKeys, *,
                passphrase: str | None = None) -> ImportSummary:
    """Merge a partner's file; everything or nothing, and photos before records."""
    meta, changes = read_exchange(source, keys, passphrase)
    unknown = [c for c in changes if c.tbl not in model.KINDS
               or c.field not in model.KINDS[c.tbl].field_kinds()]
    if unknown:
        raise UserError(f"{source} was made by a newer version of WSS Review Desktop. Update the "
                        f"app, then open it again; nothing was changed.")
    files = AttachmentStore(paths.attachments)
    added_photos = 0
    for digest, entry in meta.get("photos", {}).items():
        try:
            data = base64.b64decode(entry["data"], validate=True)
            media = str(entry["media_type"])
        except (KeyError, TypeError, ValueError):
            continue
        if hashlib.sha256(data).hexdigest() != digest:
            continue
        try:
            if inspect_image(data).media_type != media:
                continue
        except InputError:
            continue
        if not files.path(digest, media).exists():
            try:
                files.put(data, media)
            except DiskFull:
                raise DiskFull(f"This computer's disk is full, so {source} was not opened and nothing "
                               f"in your reviews was changed. Free some space and open it again.") from None
            added_photos += 1
    # A partner's file may only touch the review it says it carries, and every change
    # is checked like a local edit; refused ones are never stored, so never passed on.
    declared = meta.get("review_id")
    checked = Validator(store, int(store.clock.wall() * 1000),
                        reviews=[declared] if isinstance(declared, str) else []).check(changes)
    refused = checked.refused + [Refused(c, "it is stamped more than a day ahead of this computer's "
                                            "clock") for c in checked.held]
    changes = checked.ok
    try:
        with store.transaction():
            summary = apply_with_summary(store, changes)
            note_peer_changes(store, changes)
    except (TypeError, ValueError):
        raise UserError(f"{source} opened, but its contents are not in the form this version "
                        f"expects; nothing was changed.") from None
    return ImportSummary(Path(source), summary, added_photos, sorted(summary.reviews),
                         refused_lines(refused, str(source)))
