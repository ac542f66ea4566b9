"""Syncing reviews through a shared folder (OneDrive, SharePoint, Dropbox, Syncthing,
a network drive or a USB stick passed around).

One sync: check the folder is ours (reachable and holding our marker), write this
computer's new changes as the next numbered files in its own device folder, then
read every other device's files not read before, in number order, and merge each
one (store.apply_changes) in a transaction with the note that it has been read.

Why it is safe whatever the folder does:
- Merging only adds: a deletion is itself a change (a tombstone). A vanished,
  emptied or replaced folder therefore deletes nothing here; an emptied folder is
  refused until the user says to set it up again, and files of ours that vanished
  are written again.
- Applying a file twice changes nothing and order does not matter, so a file that
  arrives twice, late, out of order or as a cloud client's conflict copy is simply
  merged; a file that cannot be read yet (half-written, empty, a placeholder) is
  skipped with a reason and retried when it changes.
- Nothing is written here before the shared folder has taken our files, so a full
  or read-only shared folder leaves this computer as it was.
- Changes that reached this computer by a partner's file, or from a device whose
  folder has since disappeared, are passed on ("relayed") in our own files so
  colleagues still get them.
Progress is kept in the store's device-local settings, never in the shared folder.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from .. import model
from ..attachments import AttachmentStore
from ..errors import UserError
from ..paths import Paths
from ..store import Change, Store
from . import crypto, wire
from .folder import (DEVICES, FILES, PHOTO_SUFFIX, AfreshOffered, FileInfo, FolderError, FolderUnavailable, Marker, SyncLock,
                     device_dir, find_blob, is_empty, list_devices, new_marker, reachable,
                     read_marker, remove_stale_temporaries, scan_device, write_blob,
                     write_failure, write_marker, write_numbered)
from .keys import FolderNotSetUp, PassphraseNeeded, TeamKeys
from .summary import ChangeSummary, apply_with_summary

CHUNK = 20_000  # changes per file: a few MB at most, well under the reader's limits

FOLDER = "sync.folder"
FOLDER_ID = "sync.folder_id"
TEAM_KEY = "sync.team_key_id"
LAST_SYNC = "sync.last_sync"
OFFLINE_SINCE = "sync.offline_since"
PEER_CHANGES = "sync.relay_from"      # {device: earliest stamp brought in by a partner's file}
MISSING_PHOTOS = "sync.missing_photos"


CLONE_WARNING = ("Another computer seems to be using a copy of this data folder (the shared "
                 "folder holds files under this computer's name that it did not write). Their "
                 "changes were merged, but edits to the same text may hide each other. Use only "
                 "one copy of a data folder; on the other computer, start with an empty data "
                 "folder and sync.")


def _state_key(folder_id: str) -> str:
    return f"sync.state.{folder_id}"


class SyncBusy(UserError):
    pass


@dataclass
class SkippedFile:
    name: str       # relative to the shared folder
    reason: str


@dataclass
class SyncReport:
    folder: Path
    sent_files: int = 0
    sent_changes: int = 0
    sent_photos: int = 0
    received_files: int = 0
    received_photos: int = 0
    summary: ChangeSummary = field(default_factory=ChangeSummary)
    skipped: list[SkippedFile] = field(default_factory=list)
    set_up: bool = False        # this sync set the folder up for the team
    joined: bool = False        # this sync unlocked the team key with the passphrase
    notes: list[str] = field(default_factory=list)
    problem: str | None = None  # the sync stopped early; what arrived was kept
    cancelled: bool = False
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = []
        if self.set_up:
            out.append(f"Set up {self.folder} as your team's shared folder. Colleagues join by "
                       f"syncing with the same folder and the team passphrase.")
        if self.joined:
            out.append("Unlocked the team key with the passphrase.")
        out += self.notes
        out.append(f"Sent {self.sent_changes} change{'s' if self.sent_changes != 1 else ''} in "
                   f"{self.sent_files} file{'s' if self.sent_files != 1 else ''}"
                   + (f" and {self.sent_photos} photo{'s' if self.sent_photos != 1 else ''}"
                      if self.sent_photos else "") + "; "
                   f"read {self.received_files} file{'s' if self.received_files != 1 else ''}"
                   + (f" and {self.received_photos} photo{'s' if self.received_photos != 1 else ''}"
                      if self.received_photos else "") + ".")
        if self.received_files:
            out += self.summary.lines()
        for s in self.skipped:
            out.append(f"Skipped {s.name} for now: {s.reason}")
        if self.cancelled:
            out.append("Stopped when asked; what had arrived was kept and the rest will follow "
                       "at the next sync.")
        if self.problem:
            out.append(self.problem)
        return out

    def as_dict(self) -> dict:
        return {"folder": str(self.folder), "sent_files": self.sent_files,
                "sent_changes": self.sent_changes, "sent_photos": self.sent_photos,
                "received_files": self.received_files, "received_photos": self.received_photos,
                "summary": self.summary.as_dict(),
                "skipped": [{"file": s.name, "reason": s.reason} for s in self.skipped],
                "set_up": self.set_up, "joined": self.joined, "notes": self.notes,
                "problem": self.problem, "cancelled": self.cancelled,
                "seconds": round(self.seconds, 3)}


@dataclass
class SyncStatus:
    """What the status bar shows."""

    folder: Path | None
    connected: bool
    offline_since: datetime | None
    changes_waiting: int
    last_sync: datetime | None
    conflicts: int
    needs_passphrase: bool = False
    problem: str | None = None

    def line(self) -> str:
        if self.folder is None:
            return "Not syncing: no shared folder chosen."
        waiting = (f"{self.changes_waiting} change{'s' if self.changes_waiting != 1 else ''} "
                   f"waiting to send")
        if self.connected:
            head = "Connected" + (", passphrase needed" if self.needs_passphrase else "")
        elif self.offline_since:
            head = f"Offline since {self.offline_since.astimezone():%d %b %H:%M}"
        else:
            head = "Offline"
        parts = [head, waiting]
        if self.last_sync:
            parts.append(f"last sync {self.last_sync.astimezone():%d %b %H:%M}")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict{'s' if self.conflicts != 1 else ''} to resolve")
        return "; ".join(parts) + "."


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def load_json(store: Store, key: str, default: Any) -> Any:
    text = store.setting(key)
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def save_json(store: Store, key: str, value: Any) -> None:
    store.set_setting(key, json.dumps(value, separators=(",", ":"), sort_keys=True))


def _new_state() -> dict:
    return {"next": 1, "written": {}, "read": {}, "copies": {}, "skipped": {},
            "seen_folders": [], "relayed_by_others": [], "started": False}


def _chunks(changes: list[Change], size: int) -> list[list[Change]]:
    """Split into files without separating the fields of one edit (same device and stamp)."""
    out, current = [], []
    for c in changes:
        if len(current) >= size and (c.device, c.hlc) != (current[-1].device, current[-1].hlc):
            out.append(current)
            current = []
        current.append(c)
    if current:
        out.append(current)
    return out


def mark_offline(store: Store) -> None:
    if store.setting(FOLDER) and not store.setting(OFFLINE_SINCE):
        store.set_setting(OFFLINE_SINCE, _now().isoformat(timespec="seconds"))


def note_peer_changes(store: Store, changes: list[Change]) -> None:
    """Remember to pass on changes that came from a partner's file (see _relay)."""
    pending = load_json(store, PEER_CHANGES, {})
    for c in changes:
        if c.device != store.device_id and (c.device not in pending or c.hlc < pending[c.device]):
            pending[c.device] = c.hlc
    save_json(store, PEER_CHANGES, pending)


class _Sync:
    def __init__(self, store: Store, paths: Paths, folder: Path, keys: TeamKeys,
                 passphrase: str | None, cancel: Callable[[], bool] | None,
                 progress: Callable[[int, int, str], None] | None):
        self.store, self.paths, self.folder, self.keys = store, paths, folder, keys
        self.passphrase = passphrase
        self.cancel = cancel or (lambda: False)
        self.progress = progress or (lambda done, total, what: None)
        self.report = SyncReport(folder)
        self.marker: Marker
        self.key: bytes
        self.state: dict = {}

    # --- the folder and the key -----------------------------------------------------

    def open(self, start_afresh: bool) -> None:
        folder = self.folder
        if not reachable(folder):
            mark_offline(self.store)
            raise FolderUnavailable(
                f"The shared folder {folder} cannot be reached (is the drive connected and the "
                f"network up?). Your work is safe on this computer and will be sent when the "
                f"folder is back.")
        marker = read_marker(folder)
        if marker is None:
            marker = self._set_up(start_afresh)
        key = self.keys.get(marker.key_id)
        if key is None:
            if not self.passphrase:
                raise PassphraseNeeded(self.keys.why_passphrase("sync with this shared folder"))
            key = self.keys.unlock(marker.wrapped_key, self.passphrase)
            self.report.joined = True
        self.marker, self.key = marker, key
        self.state = {**_new_state(), **load_json(self.store, _state_key(marker.folder_id), {})}

    def _set_up(self, start_afresh: bool) -> Marker:
        """Put our marker in a folder that has none (new, emptied, or lost its marker)."""
        folder = self.folder
        ours_before = (self.store.setting(FOLDER) == str(folder)
                       and self.store.setting(FOLDER_ID) is not None)
        if not start_afresh:
            if (folder / DEVICES).exists():
                raise AfreshOffered(
                    f"The shared folder {folder} holds review files but its marker file is "
                    f"missing; it may still be arriving from the cloud, so try again in a few "
                    f"minutes. Nothing was changed. If it was deleted, sync again choosing "
                    f"'start afresh' to set the folder up again.")
            if not is_empty(folder):
                raise FolderError(
                    f"{folder} already holds other files and is not a WSS Review Desktop shared "
                    f"folder. Choose an empty folder to set one up, or your team's shared folder.")
            if ours_before:
                raise AfreshOffered(
                    f"The shared folder {folder} is now empty, although this computer synced with "
                    f"it before. Nothing has been deleted here. If your team moved the folder, "
                    f"choose the new one; to set this folder up again with the reviews on this "
                    f"computer, sync again choosing 'start afresh'.")
        if not self.passphrase:
            raise FolderNotSetUp(
                "This shared folder is not set up yet. Choose a team passphrase to set it up: "
                "colleagues will need it once to join, so share it in person or by phone, "
                "never in the same email as the folder's location.")
        from ..passphrase import check_new
        check_new(self.passphrase)   # the one rule for a new passphrase (core/passphrase.py)
        # Setting a folder up again keeps the team key this computer already has, so
        # colleagues' keyrings stay valid and files already in the folder stay readable.
        current = self.store.setting(TEAM_KEY)
        key = (self.keys.get(current) if current else None) or crypto.new_team_key()
        wrapped = crypto.wrap_team_key(key, self.passphrase)
        self.keys.add(key)
        try:
            stands = write_marker(folder, new_marker(wrapped))
        except OSError as exc:
            raise write_failure(exc, folder) from None
        self.report.set_up = stands.key_id == crypto.key_id(key)
        return stands

    def _save_state(self) -> None:
        save_json(self.store, _state_key(self.marker.folder_id), self.state)

    # --- sending ----------------------------------------------------------------------

    def send(self) -> None:
        store, state, own = self.store, self.state, self.store.device_id
        own_dir = device_dir(self.folder, own)
        present = list_devices(self.folder)
        if own in present:
            remove_stale_temporaries(own_dir)
        mine = scan_device(own, own_dir) if own in present else None
        if mine and (mine.copies or any(n >= state["next"] for n in mine.numbered)):
            # Files under our name that we did not write: a copy of this data folder is
            # in use on another computer. Both are merged, but see SYNC_NEEDS.md.
            self.report.notes.append(CLONE_WARNING)
        if state["next"] > 1:
            if mine is None or not mine.numbered or max(mine.numbered) < state["next"] - 1:
                # Our files have gone from the shared folder: write everything again so
                # colleagues who had not read them yet still get every change.
                state["written"] = {}
                self.report.notes.append("Your earlier files had gone from the shared folder, so "
                                         "all your changes were written to it again.")
        outgoing = store.changes(device=own, after=state["written"].get(own))
        relayed = self._relay(present)
        for changes in relayed.values():
            outgoing += changes
        if not outgoing:
            self._forget_relayed(relayed, present)
            return
        try:
            self._send_photos(outgoing, own_dir)
            meta = {"device": own, "folder_id": self.marker.folder_id}
            for chunk in _chunks(outgoing, CHUNK):
                data = crypto.seal(wire.encode(meta, chunk), crypto.KIND_CHANGES, team_key=self.key)
                number = write_numbered(own_dir, data, state["next"])
                state["next"] = number + 1
                written = state["written"]
                for c in chunk:
                    if c.hlc > written.get(c.device, ""):
                        written[c.device] = c.hlc
                self._save_state()
                self.report.sent_files += 1
                self.report.sent_changes += len(chunk)
        except OSError as exc:
            raise write_failure(exc, self.folder) from None
        self._forget_relayed(relayed, present)

    def _relay(self, present: dict[str, Path]) -> dict[str, list[Change]]:
        """Changes of devices that do not write to this folder themselves, to pass on."""
        store, state, own = self.store, self.state, self.store.device_id
        peers = load_json(store, PEER_CHANGES, {})
        candidates = set(peers) | set(state["seen_folders"])
        if not state["started"]:
            candidates |= set(store.devices())
        candidates -= {own, *present, *state["relayed_by_others"]}
        out = {}
        for device in sorted(candidates):
            if device in peers:
                # A partner's file may bring older changes than those passed on before.
                frontier = state["written"].get(device, "")
                changes = [c for c in store.changes(device=device)
                           if c.hlc >= peers[device] or c.hlc > frontier]
            else:
                changes = store.changes(device=device, after=state["written"].get(device))
            if changes:
                out[device] = changes
        return out

    def _forget_relayed(self, relayed: dict[str, list[Change]], present: dict[str, Path]) -> None:
        peers = load_json(self.store, PEER_CHANGES, {})
        done = {d for d in peers if d in relayed or d in present or d == self.store.device_id}
        if done:
            save_json(self.store, PEER_CHANGES, {d: s for d, s in peers.items() if d not in done})
        state = self.state
        seen = sorted(set(state["seen_folders"]) | set(present))
        if seen != state["seen_folders"] or not state["started"]:
            state["seen_folders"], state["started"] = seen, True
            self._save_state()

    def _send_photos(self, outgoing: list[Change], own_dir: Path) -> None:
        files = AttachmentStore(self.paths.attachments)
        for c in outgoing:
            if c.tbl != "photos" or c.field != "sha256" or not isinstance(c.value, str):
                continue
            photo = self.store.get(model.Photo, c.rec, include_deleted=True)
            if photo is None or photo.deleted:
                continue
            name = crypto.blob_name(self.key, photo.sha256)
            if (own_dir / FILES / f"{name}{PHOTO_SUFFIX}").exists():
                continue
            try:
                data = files.read(photo.sha256, photo.media_type)
            except FileNotFoundError:
                continue  # this computer never had the file; whoever added it sends it
            if write_blob(own_dir, name, crypto.seal(data, crypto.KIND_PHOTO, team_key=self.key)):
                self.report.sent_photos += 1

    # --- receiving --------------------------------------------------------------------

    def receive(self) -> None:
        own = self.store.device_id
        work: list[tuple[str, FileInfo, int | None]] = []
        listed: set[str] = set()
        for device, path in sorted(list_devices(self.folder).items()):
            listing = scan_device(device, path)
            listed.update(f"{device}/{i.name}" for i in [*listing.numbered.values(), *listing.copies])
            upto, extra = self.state["read"].get(device, [0, []])
            if device != own:
                for n in sorted(listing.numbered):
                    if n > upto and n not in extra:
                        work.append((device, listing.numbered[n], n))
            for info in sorted(listing.copies, key=lambda i: i.name):
                if self.state["copies"].get(f"{device}/{info.name}") != info.stamp:
                    work.append((device, info, None))
        photo_records: set[str] = set()
        for done, (device, info, number) in enumerate(work):
            if self.cancel():
                self.report.cancelled = True
                break
            self.progress(done, len(work), f"Reading {device}/{info.name}")
            self._receive_file(device, info, number, photo_records)
        self.progress(len(work), len(work), "Files read")
        self._fetch_photos(photo_records)
        if not self.report.cancelled:
            self._forget_gone(listed)

    def _forget_gone(self, listed: set[str]) -> None:
        """Drop notes about conflict copies and unreadable files no longer in the folder."""
        changed = False
        for name in ("copies", "skipped"):
            kept = {k: v for k, v in self.state[name].items() if k in listed}
            if len(kept) != len(self.state[name]):
                self.state[name], changed = kept, True
        if changed:
            self._save_state()

    def _skip(self, device: str, info: FileInfo, reason: str, remember: bool = True) -> None:
        self.report.skipped.append(SkippedFile(f"{DEVICES}/{device}/{info.name}", reason))
        if remember:
            self.state["skipped"][f"{device}/{info.name}"] = [*info.stamp, reason]
            self._save_state()

    def _receive_file(self, device: str, info: FileInfo, number: int | None,
                      photo_records: set[str]) -> None:
        skey = f"{device}/{info.name}"
        known = self.state["skipped"].get(skey)
        if known and known[:2] == info.stamp:
            self.report.skipped.append(SkippedFile(f"{DEVICES}/{device}/{info.name}", known[2]))
            return
        if info.size == 0:
            return self._skip(device, info, "the file is empty; it is probably still being copied.")
        limit = crypto.LIMITS[crypto.KIND_CHANGES][0]
        if info.size > limit:
            return self._skip(device, info, f"the file is larger than any change file should be "
                                            f"({info.size / 1_048_576:.1f} MB), so it was not opened.")
        try:
            data = (device_dir(self.folder, device) / info.name).read_bytes()
        except FileNotFoundError:
            if not reachable(self.folder):
                raise
            return  # gone since the listing (a conflict copy tidied away): nothing to do
        except OSError as exc:
            if not reachable(self.folder):
                raise
            return self._skip(device, info, f"the file could not be read ({exc.strerror or exc}); it "
                                            f"may not be downloaded to this computer yet.", remember=False)
        try:
            plain = crypto.unseal(data, crypto.KIND_CHANGES, team_keys=self._team_key)
            _, changes = wire.decode(plain)
        except crypto.CryptoError as exc:
            return self._skip(device, info, str(exc))
        unknown = [c for c in changes if c.tbl not in model.KINDS
                   or c.field not in model.KINDS[c.tbl].field_kinds()]
        if unknown:
            return self._skip(device, info, "it was written by a newer version of WSS Review "
                                            "Desktop; update the app to read it.")
        try:
            summary = self._apply(device, info, number, changes)
        except (TypeError, ValueError):
            # Authentic but malformed (a faulty or future app): nothing of it was kept.
            return self._skip(device, info, "its contents are not in the form this version "
                                            "expects, so nothing from it was used.")
        self.report.received_files += 1
        self.report.summary.add(summary)
        photo_records.update(c.rec for c in changes if c.tbl == "photos")

    def _apply(self, device: str, info: FileInfo, number: int | None,
               changes: list[Change]) -> ChangeSummary:
        """Merge one file and note it as read, in one transaction."""
        # The note is made on a copy, kept only once the transaction has committed.
        state, skey = copy.deepcopy(self.state), f"{device}/{info.name}"
        with self.store.transaction():
            summary = apply_with_summary(self.store, changes)
            state["skipped"].pop(skey, None)
            if number is None:
                state["copies"][skey] = info.stamp
            else:
                upto, extra = state["read"].get(device, [0, []])
                extra = sorted({*extra, number})
                while extra and extra[0] == upto + 1:
                    upto = extra.pop(0)
                state["read"][device] = [upto, extra]
            others = {c.device for c in changes} - {device}
            if others - set(state["relayed_by_others"]):
                state["relayed_by_others"] = sorted(set(state["relayed_by_others"]) | others)
            save_json(self.store, _state_key(self.marker.folder_id), state)
        self.state = state
        return summary

    def _team_key(self, kid: str) -> bytes | None:
        return self.key if kid == self.marker.key_id else self.keys.get(kid)

    def _fetch_photos(self, records: set[str]) -> None:
        store = self.store
        wanted = set(load_json(store, MISSING_PHOTOS, [])) | records
        if not wanted:
            return
        files = AttachmentStore(self.paths.attachments)
        missing = []
        for rec in sorted(wanted):
            photo = store.get(model.Photo, rec, include_deleted=True)
            if photo is None:
                missing.append(rec)   # its record is still waiting for its evidence
                continue
            if photo.deleted or not photo.sha256 or files.path(photo.sha256, photo.media_type).exists():
                continue
            if not self._fetch_photo(photo, files):
                missing.append(rec)
        if missing or load_json(store, MISSING_PHOTOS, []):
            save_json(store, MISSING_PHOTOS, missing)

    def _fetch_photo(self, photo: model.Photo, files: AttachmentStore) -> bool:
        for path in find_blob(self.folder, crypto.blob_name(self.key, photo.sha256)):
            try:
                data = crypto.unseal(path.read_bytes(), crypto.KIND_PHOTO, team_keys=self._team_key)
            except (OSError, crypto.CryptoError):
                continue
            if hashlib.sha256(data).hexdigest() != photo.sha256:
                continue
            files.put(data, photo.media_type)
            self.report.received_photos += 1
            return True
        return False

    # --- the whole sync ---------------------------------------------------------------

    def finish(self) -> None:
        store = self.store
        with store.transaction():
            store.set_setting(FOLDER, str(self.folder))
            store.set_setting(FOLDER_ID, self.marker.folder_id)
            store.set_setting(TEAM_KEY, self.marker.key_id)
            store.set_setting(LAST_SYNC, _now().isoformat(timespec="seconds"))
            store.set_setting(OFFLINE_SINCE, None)


def sync_folder(store: Store, paths: Paths, folder: str | Path, keys: TeamKeys, *,
                passphrase: str | None = None, start_afresh: bool = False,
                cancel: Callable[[], bool] | None = None,
                progress: Callable[[int, int, str], None] | None = None) -> SyncReport:
    """Send this computer's new changes to the shared folder and merge everyone else's.

    Raises UserError (FolderUnavailable, FolderError, PassphraseNeeded, SyncBusy,
    crypto.WrongPassphrase, ...) with a sentence to show when nothing could be done;
    returns a report, possibly with `problem` set, when the sync stopped part-way.
    """
    started = time.perf_counter()
    folder = Path(folder).expanduser().absolute()
    lock = SyncLock(paths.sync_state / "sync.lock")
    if not lock.acquire():
        raise SyncBusy("Another window of WSS Review Desktop (or the command line) is syncing "
                       "this data folder right now. Try again in a moment.")
    try:
        job = _Sync(store, paths, folder, keys, passphrase, cancel, progress)
        job.open(start_afresh)
        job.send()
        try:
            job.receive()
        except OSError as exc:
            if reachable(folder):
                raise
            mark_offline(store)
            job.report.problem = str(write_failure(exc, folder))
            job.report.seconds = time.perf_counter() - started
            return job.report
        job.finish()
    finally:
        lock.release()
    job.report.seconds = time.perf_counter() - started
    return job.report


def sync_status(store: Store, keys: TeamKeys, folder: str | Path | None = None) -> SyncStatus:
    """Connected, offline since, changes waiting, last sync, conflicts (cheap to call)."""
    chosen = folder or store.setting(FOLDER)
    last = _when(store.setting(LAST_SYNC))
    conflicts = len(store.conflicts())
    if not chosen:
        return SyncStatus(None, False, None, 0, last, conflicts)
    path = Path(chosen)
    marker, problem = None, None
    if reachable(path):
        try:
            marker = read_marker(path)
        except crypto.CryptoError as exc:
            problem = str(exc)
    connected = marker is not None
    if connected and store.setting(OFFLINE_SINCE):
        store.set_setting(OFFLINE_SINCE, None)
    elif not connected:
        mark_offline(store)
    folder_id = marker.folder_id if marker else store.setting(FOLDER_ID)
    state = load_json(store, _state_key(folder_id), {}) if folder_id else {}
    # Counted as edits (one new observation is one, however many fields it set).
    waiting = len({(c.tbl, c.rec, c.hlc) for c in store.changes(
        device=store.device_id, after=state.get("written", {}).get(store.device_id))})
    needs = connected and keys.get(marker.key_id) is None
    return SyncStatus(path, connected, _when(store.setting(OFFLINE_SINCE)), waiting, last,
                      conflicts, needs, problem)


__all__ = ["SyncBusy", "SkippedFile", "SyncReport", "SyncStatus", "sync_folder", "sync_status",
           "note_peer_changes", "PassphraseNeeded", "FolderError", "FolderUnavailable"]
