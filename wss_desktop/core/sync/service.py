"""Syncing reviews through a shared folder (OneDrive, SharePoint, Dropbox, Syncthing,
a network drive or a USB stick passed around).

One sync: check the folder is ours (reachable, holding our marker; two markers left
by a cloud client are reconciled to the older one), repair our own files that have
gone or that a colleague could not read, write this computer's new changes as the
next numbered files in its own device folder, then read every device's files not
read before (our own included), in number order, check each change like a local
edit and merge the valid ones (store.apply_changes) in a transaction with the note
that the file has been read; finally publish what we have read.

Why it is safe whatever the folder does (sync format 2):
- Merging only adds: a deletion is itself a change (a tombstone). A vanished,
  emptied or replaced folder therefore deletes nothing here; an emptied folder is
  refused until the user says to set it up again.
- Applying a file twice changes nothing and order does not matter, so a file that
  arrives twice, late, out of order or as a cloud client's conflict copy is simply
  merged; a file that cannot be read yet (half-written, empty, a placeholder) is
  skipped with a reason and retried when it changes.
- Nothing is stranded. A device's id is random and kept in the database and in its
  own settings file (store.Store._claim_device), so a new computer name or a moved
  folder keeps it; a copied or restored data folder becomes a new device, and hands
  over (relays) every change of its earlier ids that it has not written to this
  folder itself. A device reads its own folder too, so a data folder put back from
  an older snapshot gets back the edits it wrote after the snapshot; finding files
  under its id that it did not write, it takes a new id so the copies' edits can
  never hide each other.
- Anti-entropy: every device keeps `have.wsh` in its folder (rewritten when it
  changes), saying which files of each device it has read and which it could not
  use. A writer writes again any file of its own that has gone from the folder, and
  checks (and if need be rewrites) a file a colleague could not use or is missing
  below one it has read; it keeps, per file, which changes it held. If the writer
  is silent (its own progress file has not changed since our last sync), any
  device that read the file passes on the changes it came from when a colleague
  lacks it and it has gone or no longer opens, saying which gap it covers, so the
  reader's gap closes. Colleagues who are merely behind cost nothing.
- Files are bound to their place: the folder's id, the writer's device id, the file
  number and the format are authenticated with the contents (crypto.bind), so a
  renamed, replayed or transplanted file is refused with a clear line, not merged.
  Format 1 files (unbound) are still read from a device until it writes format 2;
  a device moving to format 2 writes all its changes again, so ignoring its old
  files afterwards loses nothing.
- Every incoming change is checked like a local edit (validate.py): kind, field,
  type, size, the review it belongs to, the rating keys of that review's framework.
  Refused changes are reported and never stored, so never passed on; changes
  stamped more than a day ahead of this computer's clock are held back (kept in the
  sync state, retried at each sync), so a bad stamp cannot move the clock.
- Hard limits: file sizes and JSON depth are bounded; links, pipes and devices are
  skipped with a reason and reads never follow a link out of the folder.
- The folder's identity (disk and folder number, and its marker) is checked before
  every write, so a share unmounted mid-sync stops the sync instead of filling the
  bare mount point; what arrived is kept and the rest follows next time.
- Nothing is written here before the shared folder has taken our files, so a full
  or read-only shared folder leaves this computer as it was.
- Changes that reached this computer by a partner's file, or from a device whose
  folder has since disappeared, are passed on ("relayed") in our own files so
  colleagues still get them.
- Compaction. Each device writes, now and then, an encrypted snapshot of every
  review as it has it: the versions each field shows or keeps beside (a conflict's
  siblings), changes waiting for their record and changes held back, with the files
  of each device that state covers (what it had read). Merging those versions gives
  the same database as merging every change they supersede (merge.py), so a device
  that applies a snapshot may count its covered files as read. A device applies one
  when it covers files it has not read that have gone from the folder, or many such
  files (a new laptop joining); it reads its own files itself, so a copy of its data
  folder is still found. A writer deletes ("retires") a change file of its own only
  once its own snapshot in the folder covers it and every device with a folder here
  has read it (their have.wsh says so); a device away during that still has its
  folder here, so nothing it has not read is retired, and its own unsent edits are
  in its database and sent as usual when it comes back. One whose folder was removed
  meanwhile catches up from the snapshot. A snapshot's parts are named in its
  manifest with their SHA-256 and bound to their place, so a part replaced, damaged
  or from an older snapshot makes the snapshot unused (the files are read instead,
  or the writer writes a new snapshot when a colleague still lacks a retired file).
  The log keeps only versions not superseded (store.compact_log). Parts hold their
  rows in columns, as the log keeps them (wire.encode_columns); a laptop joining
  takes a whole snapshot in at once (Store.staged): the records new to it go in
  with a statement per table after validate.check_staged has made the usual checks
  on them, and every other row is checked and merged change by change, all in one
  transaction with the note of the files it covers. Parts in rows (older apps)
  are still merged part by part. A part holds a range of review ids; a new
  snapshot writes again only the parts of reviews changed since the last (the
  store marks them: schema step 8) and names the others as they are.
- Forgetting a quiet device (forget_device; a lost or replaced laptop). A device with
  a folder here holds back retiring until it has read each file, so one that never
  syncs again would hold it back for ever. Once forgotten, nobody waits for it: the
  decision travels in every device's have.wsh, and this device's next snapshot covers
  what it has read of the forgotten one. Its own files stay in its folder (it never
  retires them while away), and if its folder is tidied away its changes are passed
  on (relayed) and covered by snapshots, so nothing it published is lost. If it syncs
  again it is told, finds the files retired meanwhile gone and catches up from a
  snapshot like any device whose folder was removed, sends what it wrote while away
  as usual, and says in its have.wsh that it is back, so the others wait for it again.
  Each have.wsh also says when it was written (at least daily), which is how long a
  device has been quiet (sync --status, the sync panel).
Progress is kept in the store's device-local settings, never in the shared folder.
"""

from __future__ import annotations

import bisect
import copy
import functools
import hashlib
import json
import marshal
import os
import re
import shutil
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar, cast

from .. import model
from ..attachments import AttachmentStore
from ..errors import DiskFull, InputError, UserError
from ..gcpause import gc_paused
from ..paths import Paths
from ..store import Change, GaveWay, Staged, Store, StoreBusy, StoreError
from . import crypto, team, wire
from .folder import (DEVICES, FILES, HAVE, MARKER, PHOTO_SUFFIX, SNAPSHOT, SNAPSHOT_PART, AfreshOffered, DeviceFolder, check_apart, FileInfo, FolderError,
                     FolderUnavailable, Marker, SyncLock, device_dir, find_blob, folder_identity,
                     is_empty, list_devices, marker_copies, match_devices, new_marker, numbered, reachable, read_marker,
                     read_plain_file, remove_stale_temporaries, replace_file, scan_device,
                     write_blob, write_failure, write_marker, write_numbered)
from .hlc import decode as decode_stamp, encode as encode_stamp
from .validate import Checked, Validator, check_staged, refused_lines
from .keys import FolderNotSetUp, PassphraseNeeded, TeamKeys
from .summary import ChangeSummary, apply_with_summary

CHUNK = 20_000  # changes per file: a few MB at most, well under the reader's limits
SNAPSHOT_AFTER = 100    # files newly read or written before this device writes a new snapshot
SNAPSHOT_GROWTH = 4     # ... and the log grown by a quarter of the last snapshot (a snapshot
                        # holds every review, so it is not rewritten for a few edits)
SNAPSHOT_JOIN = 20      # unread files a snapshot must cover to be used instead of reading them
FORMAT = 2      # the sync format (see the safety argument above and wire.FORMAT)
VANISHED = ("The shared folder disappeared during the sync; nothing was lost, it will resume "
            "when the folder is back.")
# The database could not take a change, for want of room on this computer's disk or
# because another program held it too long: no fault of the file being read, which is
# read again at the next sync.
DISK_FULL = ("This computer's disk is full, so the sync stopped before it had taken in "
             "everything. Nothing was lost: free some space and sync again, and it carries on "
             "where it stopped.")
BUSY = ("The database was busy in another window or program for too long, so the sync "
        "stopped before it had taken in everything. Nothing was lost: it carries on at the "
        "next sync.")
_NOT_THE_FILES = (DiskFull, StoreBusy)
# More room than a sync stopped by a full disk had, before one is started unasked.
ROOM_STEP = 1 << 20


def room_since(report: "SyncReport", paths: Paths) -> bool:
    """Whether a sync is worth starting without being asked after `report`: after one
    that this computer's full disk stopped, only once the disk has more room than it had
    then (by ROOM_STEP), so a laptop short of space does not take in the same changes
    again and again (a large team's, for most of a minute each time) only to run out at
    the same place. After any other sync: yes. A sync the user asks for always runs."""
    if report.problem != DISK_FULL or report.free_bytes is None:
        return True
    free = _free_bytes(paths.root)
    return free is None or free > report.free_bytes + ROOM_STEP


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None

FOLDER = "sync.folder"
FOLDER_ID = "sync.folder_id"
TEAM_KEY = "sync.team_key_id"
TEAM_EPOCH = "sync.team_epoch"
LAST_SYNC = "sync.last_sync"
OFFLINE_SINCE = "sync.offline_since"
PEER_CHANGES = "sync.relay_from"      # {device: earliest stamp brought in by a partner's file}
MISSING_PHOTOS = "sync.missing_photos"


CLONE_WARNING = ("Another computer seems to be using a copy of this data folder (the shared "
                 "folder holds files under this computer's name that it did not write). Their "
                 "changes were merged, but edits to the same text may hide each other. Use only "
                 "one copy of a data folder; on the other computer, start with an empty data "
                 "folder and sync.")


_DEVICE_ID = re.compile(r"^[0-9a-f]{8,64}$")

# Colleagues' progress files as last opened in this process, by their file's identity
# (size, times, inode): {(folder id, key id, device): (identity, contents)}.
_HAVES: dict[tuple[str, str, str], tuple[tuple[Any, ...], dict[str, Any]]] = {}


# Data folders whose photos were looked over in this process (_fetch_photos): the first
# sync of each run of the app or a command looks for every photo whose file is not here.
_LOOKED_OVER: set[str] = set()

# Colleagues' snapshots found to cover nothing this device had not read, in this
# process: {(folder id, this device, its device): (the manifest's stamp, digest of what
# this device had read)}.
_SNAPSHOT_CLEAR: dict[tuple[str, str, str], tuple[Any, bytes]] = {}


# The sync state as last saved or read by this process, never changed in place (only
# compared with): {setting key: (its text, its value)}. A second copy of the value need
# not be parsed at every sync.
_SAVED: dict[str, tuple[str, Any, bytes | None]] = {}


def _saved_copy(store: Store, key: str) -> Any:
    """The saved sync state, as a value only to compare with."""
    text = store.setting(key)
    if not text:
        _SAVED.pop(key, None)
        return None
    known = _SAVED.get(key)
    if known is not None and known[0] == text:
        return known[1]
    try:
        value = json.loads(text)
    except ValueError:
        _SAVED.pop(key, None)
        return None
    if len(_SAVED) > 100:
        _SAVED.clear()
    _SAVED[key] = (text, value, None)
    return value


def _fresh_copy(key: str, saved: Any) -> Any:
    """A copy of the saved state to work on (marshal copies plain data faster than
    parsing its text again)."""
    if saved is None:
        return None
    text, value, blob = _SAVED[key]
    if blob is None:
        blob = marshal.dumps(value)
        _SAVED[key] = (text, value, blob)
    return marshal.loads(blob)


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
    free_bytes: int | None = None   # stopped by a full disk: the room left on it then

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
        if self.received_files or not self.summary.empty:   # a new laptop may read no file
            out += self.summary.lines()
        for s in self.skipped:
            out.append(f"Skipped {s.name} for now: {s.reason}")
        if self.cancelled:
            out.append("Stopped when asked; what had arrived was kept and the rest will follow "
                       "at the next sync.")
        if self.problem:
            out.append(self.problem)
        return out

    def as_dict(self) -> dict[str, Any]:
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
    details: list[str] = field(default_factory=list)   # gaps, damaged, held back, refused
    devices: list["DeviceQuiet"] = field(default_factory=list)   # each device, when last heard from

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


def _new_state() -> dict[str, Any]:
    return {"format": FORMAT, "next": 1, "written": {}, "read": {}, "copies": {}, "skipped": {},
            "seen_folders": [], "relayed_by_others": [], "started": False,
            "files": {}, "legacy_next": 0, "origins": {}, "peer_have": {}, "republished": [],
            "bound_writers": [], "held": [], "refused": [], "gaps": {}, "snapshot": {},
            "snap_seen": {}, "names": {}, "forgotten": {}, "back": [], "came_back": {},
            "last_seen": {}}


def _chunks(changes: list[Change], size: int) -> list[list[Change]]:
    """Split into files without separating the fields of one edit (same device and stamp)."""
    out: list[list[Change]] = []
    current: list[Change] = []
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


_F = TypeVar("_F", bound=Callable[..., Any])


def _collector_paused(method: _F) -> _F:
    """Run `method` with Python's cycle collector paused (core/gcpause.py): reading a
    snapshot or a change file makes a few objects per change, 800,000 changes for a
    new laptop joining 5,000 reviews, and every full collection would walk them all."""
    @functools.wraps(method)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with gc_paused():
            return method(*args, **kwargs)
    return cast(_F, paused)


def _with_large_cache(method: _F) -> _F:
    """Run a method of _Sync with the store's larger page cache (Store.large_cache)."""
    @functools.wraps(method)
    def large(self: "_Sync", *args: Any, **kwargs: Any) -> Any:
        with self.store.large_cache():
            return method(self, *args, **kwargs)
    return cast(_F, large)


class _Stopped(Exception):
    """Asked to stop part-way through a join from a snapshot (the transaction under way
    is rolled back)."""



class _Sync:
    def __init__(self, store: Store, paths: Paths, folder: Path, keys: TeamKeys,
                 passphrase: str | None, cancel: Callable[[], bool] | None,
                 progress: Callable[[int, int, str], None] | None,
                 wall: Callable[[], float] | None = None):
        self.store, self.paths, self.folder, self.keys = store, paths, folder, keys
        self.passphrase = passphrase
        self.cancel = cancel or (lambda: False)
        self.progress = progress or (lambda done, total, what: None)
        self.wall = wall or time.time
        self.report = SyncReport(folder)
        self.marker: Marker
        self.key: bytes
        self.state: dict[str, Any] = {}
        self.identity: tuple[int, int] | None = None
        self.forked = False
        self.haves: dict[str, dict[str, Any]] = {}
        self._lacks: dict[str, set[int]] | None = None
        self._saved_state: dict[str, Any] | None = None
        self.listings: dict[str, DeviceFolder] = {}
        self.present: dict[str, Path] = {}
        self.previous = store.previous_device_ids()
        self.record: dict[str, Any] | None = None      # the key file of the marker's epoch (team.py)
        self.removed: dict[str, int] = {}    # removed device -> its last file still used
        self.forgotten: set[str] = set()     # quiet devices nobody waits for (forget_device)

    # --- the folder and the key -----------------------------------------------------

    def open(self, start_afresh: bool) -> None:
        folder = self.folder
        if not reachable(folder):
            mark_offline(self.store)
            raise FolderUnavailable(
                f"The shared folder {folder} cannot be reached (is the drive connected and the "
                f"network up?). Your work is safe on this computer and will be sent when the "
                f"folder is back.")
        self.identity = folder_identity(folder)
        marker = self._reconciled_marker()
        if marker is None:
            marker = self._set_up(start_afresh)
        known = self.store.setting(TEAM_EPOCH)
        if (known and known.isdigit() and marker.epoch < int(known)
                and marker.folder_id == self.store.setting(FOLDER_ID)):
            raise FolderError(
                f"The shared folder {folder} has an older team key (number {marker.epoch}) than "
                f"the one this computer already uses (number {known}): its marker may have been "
                f"put back from an old copy, or changed by someone no longer in the team. Nothing "
                f"was sent or read. Ask a colleague to check the folder; syncing carries on once "
                f"the newer marker is back.")
        key = self.keys.get(marker.key_id)
        fresh = key is None
        if key is None:
            key = team.key_by_device(folder, marker, self.store.device_id, self.keys)
            if key is not None:
                self.report.notes.append(
                    "The team key has changed; this computer received the new one by its own "
                    "device key, so no passphrase was needed.")
        if key is None:
            if not self.passphrase:
                held = self.store.setting(TEAM_KEY)
                if marker.epoch and held and held != marker.key_id:
                    raise PassphraseNeeded(team.changed_sentence(marker, self.keys))
                raise PassphraseNeeded(self.keys.why_passphrase("sync with this shared folder"))
            key = team.unlock(marker, self.passphrase, self.keys)
            self.report.joined = True
        self.marker, self.key = marker, key
        if marker.epoch:
            # Older keys (for history) are learnt whenever the current one was just obtained.
            self.record = (team.learn(folder, marker, key, self.keys) if fresh
                           else team.verified_record(folder, marker, key))
            self.removed = team.removed_devices(self.record)
        self._saved_state = _saved_copy(self.store, _state_key(marker.folder_id))
        saved = _fresh_copy(_state_key(marker.folder_id), self._saved_state)
        self.state = {**_new_state(), **(saved or {})}
        if saved is not None and saved.get("format") != FORMAT:
            # Moving a folder from format 1: our changes are written again, bound, so
            # colleagues may ignore our unbound files from now on.
            self.state.update(format=FORMAT, legacy_next=self.state["next"], written={})
            own = self.store.device_id
            if self.state["next"] > 1:
                self.state["read"][own] = [max(self.state["read"].get(own, [0, []])[0],
                                               self.state["next"] - 1), []]

    def _reconciled_marker(self) -> Marker | None:
        """The team marker; where a cloud client kept two (two colleagues set the folder
        up at once), the older one, put back in place so every device agrees."""
        marker = read_marker(self.folder)
        others = []
        for path in marker_copies(self.folder):
            try:
                other = read_marker(path.parent, path.name)
            except crypto.CryptoError:
                continue
            if other is not None:
                others.append(other)
        if marker is None or not others:
            return marker
        # The first set-up wins; within it, the latest key (a cloud client may keep the
        # marker from before a key change as a copy).
        winner = min([marker, *others], key=lambda m: (_created(m), m.folder_id, -m.epoch))
        if winner.folder_id != marker.folder_id:
            self._guard()
            try:
                replace_file(self.folder, MARKER, winner.to_json().encode("utf-8"))
            except OSError as exc:
                raise write_failure(exc, self.folder) from None
            self.report.notes.append(
                "Two colleagues had set up this shared folder at the same time; the folder "
                "now uses the first set-up, and every change made under the other is sent again.")
        return winner

    def _guard(self) -> None:
        """Before every write: is this still the folder we opened, holding our marker?"""
        if folder_identity(self.folder) != self.identity or not (self.folder / MARKER).is_file():
            raise FolderUnavailable(VANISHED)

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
        # Setting a folder up always makes a new team key (issue 12): a colleague removed
        # earlier, who may still hold the old key, reads nothing written from now on.
        # Starting afresh is a new epoch of the key this computer held: colleagues' devices
        # found in the folder receive the new key by their device key (team.py), and the
        # old key is kept, sealed with the new one, for history.
        current = self.store.setting(TEAM_KEY)
        previous = self.keys.get(current) if current and start_afresh else None
        key = crypto.new_team_key()
        wrapped = crypto.wrap_team_key(key, self.passphrase)
        epoch = int(self.store.setting(TEAM_EPOCH) or 0) + 1 if start_afresh else 0
        marker = new_marker(wrapped, epoch)
        record = None
        if epoch:
            record = team.afresh_record(folder, old_folder_id=self.store.setting(FOLDER_ID),
                                        folder_id=marker.folder_id, epoch=epoch, key=key,
                                        previous=previous, wrapped=wrapped, store=self.store,
                                        keys=self.keys)
        self.keys.add(key)
        if folder_identity(folder) != self.identity:
            raise FolderUnavailable(VANISHED)
        try:
            if record is not None:
                replace_file(folder, team.KEY_FILE, (json.dumps(record, indent=1) + "\n").encode())
            stands = write_marker(folder, marker)
        except OSError as exc:
            raise write_failure(exc, folder) from None
        self.report.set_up = stands.key_id == crypto.key_id(key)
        return stands

    def _save_state(self) -> None:
        if self.state != self._saved_state:     # compared as values, without writing it out
            text = json.dumps(self.state, separators=(",", ":"), sort_keys=True)
            self.store.set_setting(_state_key(self.marker.folder_id), text)
            self._saved_state = json.loads(text)
            _SAVED[_state_key(self.marker.folder_id)] = (text, self._saved_state, None)

    def _bind(self, device: str, number: int | str) -> bytes:
        return crypto.bind("changes", FORMAT, self.marker.folder_id, device, number)

    # --- what colleagues have read ------------------------------------------------

    def _read_haves(self, present: dict[str, Path]) -> None:
        own = self.store.device_id
        for device, path in present.items():
            if device == own:
                continue
            target = os.path.join(path, HAVE)
            try:
                st = os.lstat(target)
            except OSError:
                continue
            # A progress file that has not changed since it was last opened is not
            # opened again (a sync with nothing new reads fifty of them).
            ident = (self.marker.folder_id, self.marker.key_id, device)
            stamp = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
            cached = _HAVES.get(ident)
            if cached is not None and cached[0] == stamp:
                self.haves[device] = cached[1]
                self.state["last_seen"][device] = cached[1]["seen"]
                continue
            try:
                data = read_plain_file(Path(target), crypto.LIMITS[crypto.KIND_HAVE][0])
                plain = crypto.unseal(data, crypto.KIND_HAVE, team_keys=self._team_key,
                                      bound=crypto.bind("have", FORMAT, self.marker.folder_id, device))
                have = json.loads(plain)
                if not isinstance(have, dict) or not isinstance(have.get("read"), dict):
                    continue
            except (OSError, ValueError, RecursionError, crypto.CryptoError):
                continue
            have["stamp"] = [st.st_size, st.st_mtime_ns]
            try:
                have["read"] = {str(w): (int(r[0]), frozenset(int(n) for n in r[1]))
                                for w, r in have["read"].items()}
                have["unusable"] = {str(w): [int(n) for n in ns]
                                    for w, ns in (have.get("unusable") or {}).items()}
                # Gaps below a file it has read, worked out once per progress file.
                have["gaps"] = {w: frozenset(n for n in range(upto + 1, max(extra)) if n not in extra)
                                for w, (upto, extra) in have["read"].items() if extra}
                have["forgotten"] = _forget_entries(have.get("forgotten"))
                have["back"] = frozenset(str(b) for b in (have.get("back") or [])[:50])
                have["seen"] = _seen(have.get("seen"), st.st_mtime_ns)
            except (TypeError, ValueError, AttributeError, IndexError, KeyError):
                continue
            self.haves[device] = have
            self.state["last_seen"][device] = have["seen"]
            if isinstance(have.get("name"), str) and have["name"].strip():
                self.state["names"][device] = have["name"].strip()[:64]
            if len(_HAVES) > 10_000:
                _HAVES.clear()
            _HAVES[ident] = (stamp, have)
        seen = self.state["last_seen"]
        for device in [d for d in seen if d not in present]:
            del seen[device]
        self._learn_forgotten()

    def _learn_forgotten(self) -> None:
        """Which quiet devices the team has forgotten (forget_device), told through
        every device's progress file; a forgotten device that syncs again says it is
        back (in its own progress file), and is waited for again from then on."""
        own, known = self.store.device_id, self.state["forgotten"]
        for have in self.haves.values():
            for device, entry in have["forgotten"].items():
                if device not in known or entry["id"] > known[device]["id"]:
                    known[device] = entry
        mine = known.get(own)
        if mine is not None and mine["id"] not in self.state["back"]:
            self.state["back"] = [*self.state["back"], mine["id"]][-20:]
            by = device_label(self.state, mine["by"])
            self.report.notes.append(
                f"Colleagues had forgotten this computer on {_day(mine['when'])} ({by} did), as it "
                f"had not synced for a long time, so some files it had not read were tidied away. "
                f"It catches up from a colleague's snapshot and takes part again; nothing written "
                f"on it is lost.")
        back = self.state["came_back"]
        for device, entry in known.items():
            if entry["id"] in self.haves.get(device, {}).get("back", ()):
                back[device] = entry["id"]
        self.forgotten = {d for d in known if d != own and _forgotten_now(self.state, d)}

    def _lacking(self, writer: str) -> set[int]:
        """Numbers of `writer`'s files a colleague is missing: gaps below a file of
        theirs it has read, and files it could not use. (A colleague who is merely
        behind lacks nothing yet, so a long-absent laptop costs nothing here.)"""
        if self._lacks is None:
            # Worked out once for every writer (the progress files are read once per sync).
            lacks: dict[str, set[int]] = {}
            for reader, have in self.haves.items():
                if reader in self.forgotten:
                    continue     # it reads nothing any more: nothing is written again for it
                for writer_, numbers in have["unusable"].items():
                    if writer_ != reader:
                        lacks.setdefault(writer_, set()).update(numbers)
                for writer_, missing in have["gaps"].items():
                    if writer_ != reader:
                        lacks.setdefault(writer_, set()).update(missing)
            self._lacks = lacks
        return set(self._lacks.get(writer, ()))

    def _someone_lacks(self, writer: str, number: int) -> bool:
        for reader, have in self.haves.items():
            if reader != writer and reader not in self.forgotten:
                upto, extra = have["read"].get(writer, (0, frozenset()))
                if number > upto and number not in extra:
                    return True
        return False

    def _listing(self, device: str, path: Path) -> DeviceFolder:
        """Another device's folder, listed once per sync (ours changes as we write)."""
        if device == self.store.device_id:
            return scan_device(device, path)
        if device not in self.listings:
            self.listings[device] = scan_device(device, path)
        return self.listings[device]

    def _write_have(self, own_dir: Path) -> None:
        unusable: dict[str, list[int]] = {}
        for name, entry in self.state["skipped"].items():
            if len(entry) > 3:
                continue    # a stray: nothing its device could write again
            writer, _, file_name = name.partition("/")
            if (number := numbered(file_name)) is not None:
                unusable.setdefault(writer, []).append(number)
        have: dict[str, Any] = {"format": FORMAT, "read": self.state["read"], "next": self.state["next"],
                                "unusable": unusable, "name": _computer_name()}
        if self.state["forgotten"] or self.state["back"]:
            have.update(forgotten=self.state["forgotten"], back=self.state["back"])
        # Written again at least once a day, so colleagues see when this device was last
        # heard from ("quiet for ...") even when nothing else is new.
        now = datetime.fromtimestamp(self.wall(), timezone.utc)
        digest = hashlib.sha256(json.dumps({**have, "day": now.date().isoformat()},
                                           sort_keys=True).encode()).hexdigest()[:16]
        have["seen"] = now.isoformat(timespec="seconds")
        if digest == self.state.get("have_written") and (own_dir / HAVE).is_file():
            return   # nothing new to say: a sync with nothing new writes nothing
        self.state["have_written"] = digest
        data = crypto.seal(json.dumps(have, separators=(",", ":")).encode(), crypto.KIND_HAVE,
                           team_key=self.key,
                           bound=crypto.bind("have", FORMAT, self.marker.folder_id, self.store.device_id))
        self._guard()
        try:
            if (self.folder / DEVICES).is_dir():
                own_dir.mkdir(exist_ok=True)
                replace_file(own_dir, HAVE, data)
        except OSError as exc:
            raise write_failure(exc, self.folder) from None
        self._save_state()

    # --- compaction: snapshots and retired files (see the safety argument above) ------

    def _snapshot_bind(self, device: str, name: str) -> bytes:
        return crypto.bind("snapshot", FORMAT, self.marker.folder_id, device, name)

    def _read_manifest(self, device: str, path: Path) -> dict[str, Any] | None:
        try:
            data = read_plain_file(path / SNAPSHOT, crypto.LIMITS[crypto.KIND_HAVE][0])
            plain = crypto.unseal(data, crypto.KIND_HAVE, team_keys=self._team_key,
                                  bound=self._snapshot_bind(device, SNAPSHOT))
            manifest = json.loads(plain)
            covers = {str(w): _checked_range(r) for w, r in manifest["covers"].items()}
            parts = [(str(n), str(h)) for n, h in manifest["parts"]]
            gen = int(manifest["gen"])
        except (OSError, ValueError, RecursionError, crypto.CryptoError, KeyError, TypeError,
                AttributeError):
            return None
        # Parts of reviews unchanged since are kept from earlier snapshots (_write_snapshot).
        if not all(SNAPSHOT_PART.match(n) and int(n[1:9]) <= gen for n, _ in parts):
            return None
        return {"gen": gen, "covers": covers, "parts": parts}

    def _snapshot_covers(self, device: str, path: Path) -> dict[str, Any] | None:
        """What a colleague's snapshot covers; its manifest is opened only when it changed."""
        stamp = _stamp(os.path.join(path, SNAPSHOT))
        seen = self.state["snap_seen"]
        if stamp is None:
            seen.pop(device, None)
            return None
        if device in seen and seen[device][0] == stamp:
            known: dict[str, Any] | None = seen[device][1]
            return known
        manifest = self._read_manifest(device, path)
        covers = manifest["covers"] if manifest else None
        seen[device] = [stamp, covers]
        return covers

    def _unread_covered(self, covers: dict[str, Any], present: dict[str, Path]) -> tuple[int, int]:
        """How many files a snapshot covers that this device has not read, and how many
        of those have gone from the folder."""
        own, unread, gone = self.store.device_id, 0, 0
        for writer, (upto, extra) in covers.items():
            if writer == own:
                continue
            ours = self.state["read"].get(writer)
            if ours and upto <= ours[0] and all(n <= ours[0] or n in ours[1] for n in extra):
                continue     # all read here already (the usual case: told without building sets)
            have = _read_set(self.state, writer) if self.state["read"].get(writer) else set()
            there = set(self._listing(writer, present[writer]).numbered) if writer in present else set()
            for n in [*range(1, upto + 1), *extra]:
                if n not in have:
                    unread += 1
                    gone += n not in there
        return unread, gone

    def _use_snapshots(self, present: dict[str, Path]) -> set[str]:
        """Apply colleagues' snapshots covering files this device lacks for good, or
        many it has not read (a new laptop); returns the photos they bring."""
        photos: set[str] = set()
        tried: set[str] = set()
        while not self.cancel():
            best, best_gain = None, (0, 0)
            # A snapshot found to cover nothing unread is not looked through again
            # until it or what this device has read changes.
            read = hashlib.sha256(json.dumps(self.state["read"], sort_keys=True).encode()).digest()
            for device, path in sorted(present.items()):
                if device == self.store.device_id or device in tried or device in self.removed:
                    continue     # a removed computer's snapshot is never used (issue 12)
                covers = self._snapshot_covers(device, path)
                if not covers:
                    continue
                clear = (self.marker.folder_id, self.store.device_id, device)
                if _SNAPSHOT_CLEAR.get(clear) == (self.state["snap_seen"][device][0], read):
                    continue
                unread, gone = self._unread_covered(covers, present)
                if not unread:
                    if len(_SNAPSHOT_CLEAR) > 10_000:
                        _SNAPSHOT_CLEAR.clear()
                    _SNAPSHOT_CLEAR[clear] = (self.state["snap_seen"][device][0], read)
                if (gone or unread >= SNAPSHOT_JOIN) and (gone, unread) > best_gain:
                    best, best_gain = device, (gone, unread)
            if best is None:
                break
            tried.add(best)
            photos |= self._apply_snapshot(best, present[best])
        return photos

    @_collector_paused
    def _apply_snapshot(self, device: str, path: Path) -> set[str]:
        manifest = self._read_manifest(device, path)
        where = f"{DEVICES}/{device}/{SNAPSHOT}"
        if manifest is None:
            self.report.skipped.append(SkippedFile(where, "the snapshot could not be opened, so the "
                                                          "change files are read instead."))
            return set()
        parts: list[list[Change]] = []
        sealed: list[tuple[str, bytes]] = []    # parts in columns, opened again one by one
        for name, digest in manifest["parts"]:
            try:
                data = read_plain_file(path / name, crypto.LIMITS[crypto.KIND_BOUND_CHANGES][0])
                if hashlib.sha256(data).hexdigest() != digest:
                    raise ValueError("a part of the snapshot is not the one its list names")
                plain = crypto.unseal(data, crypto.KIND_BOUND_CHANGES, team_keys=self._team_key,
                                      bound=self._snapshot_bind(device, name))
                if wire.is_columns(plain):
                    sealed.append((name, data))
                    continue
                meta, part = wire.decode(plain)
                parts.append(part)
            except (OSError, ValueError, crypto.CryptoError):
                if not reachable(self.folder):
                    raise
                self.report.skipped.append(SkippedFile(
                    where, "a part of the snapshot is missing, damaged or still arriving, so the "
                           "change files are read instead."))
                return set()
            if meta.get("device") != device:
                return set()
        if sealed and parts:
            return set()      # never written so: not this app's snapshot
        if sealed:
            return self._join_staged(device, manifest, sealed)
        # Part by part, each checked and merged in a transaction of its own: a part holds
        # whole reviews (and the first the records of no review, frameworks among them),
        # so each is checked against the store holding the parts before it, as it would
        # be in one batch. The files the snapshot covers are noted as read with the last
        # part, and only when every part went in with nothing refused; until then the
        # parts merged are changes like any (merging them again changes nothing).
        own = self.store.device_id
        state = copy.deepcopy(self.state)
        checked = Checked()
        summary = ChangeSummary()
        versions = sum(len(part) for part in parts)
        parts = parts or [[]]         # an empty snapshot still says which files it covers
        for k, part in enumerate(parts):
            if self.cancel():
                self.report.cancelled = True
                break
            self.progress(k, len(parts), f"Catching up from the snapshot of {device_label(self.state, device)}")
            part_checked = Validator(self.store, int(self.wall() * 1000)).check(part)
            checked.ok += part_checked.ok
            checked.refused += part_checked.refused
            checked.held += part_checked.held
            try:
                with self.store.transaction():
                    summary.add(apply_with_summary(self.store, part_checked.ok))
                    if k == len(parts) - 1:
                        # A snapshot with refused changes lacks the versions they stand for:
                        # the files it names are then read instead.
                        if not checked.refused:
                            for writer, covered in manifest["covers"].items():
                                if writer != own:  # our own files are read by us (a copy is found so)
                                    _mark_covered(state, writer, covered)
                        _add_held(state, checked.held)
                        save_json(self.store, _state_key(self.marker.folder_id), state)
                        self.state = state
            except _NOT_THE_FILES:
                raise
            except (TypeError, ValueError, StoreError):
                self.report.skipped.append(SkippedFile(where, "its contents are not in the form this "
                                                              "version expects, so the change files "
                                                              "are read instead."))
                self.report.summary.add(summary)
                return {c.rec for c in checked.ok if c.tbl == "photos"}
        self.report.summary.add(summary)
        if self.state is state:       # every part went in (not stopped when asked)
            self._note_snapshot(checked, versions, manifest)
        self._note_refused(checked, where)
        return {c.rec for c in checked.ok if c.tbl == "photos"}

    def _note_snapshot(self, checked: Checked, versions: int, manifest: dict[str, Any]) -> None:
        if checked.refused:
            self.report.notes.append("A colleague's snapshot held changes that were refused, so "
                                     "the change files it stands for are read instead.")
        else:
            n = len(manifest["parts"])
            self.report.notes.append(f"Caught up from a colleague's snapshot ({versions} versions in "
                                     f"{n} file{'s' if n != 1 else ''}).")

    def _columns(self, device: str, sealed: list[tuple[str, bytes]],
                 step: Callable[[str], None]) -> Iterator[list[list[Any]]]:
        """Each part's columns in turn, so one part's rows at a time are Python objects
        (a whole snapshot of 5,000 reviews would take about a gigabyte as such)."""
        for k, (name, data) in enumerate(sealed, 1):
            step(f"reading part {k} of {len(sealed)}")
            plain = crypto.unseal(data, crypto.KIND_BOUND_CHANGES, team_keys=self._team_key,
                                  bound=self._snapshot_bind(device, name))
            meta, columns = wire.decode_columns(plain)
            del plain
            if meta.get("device") != device:
                raise ValueError("a part of the snapshot names another device")
            yield columns

    def _join_staged(self, device: str, manifest: dict[str, Any], sealed: list[tuple[str, bytes]]) -> set[str]:
        """Apply a snapshot in columns (wire.encode_columns) in bulk (Store.staged): the
        records new here go in with a statement per table, the rest is checked and
        merged change by change. The same database as merging it part by part, about
        four times faster (bench/bench_sync_scale.py).

        It takes a new laptop tens of seconds for a trust's reviews, so each step is
        shown (each part read, the checks, each part written, the saving), and the rows
        are checked before anything is written. All is written in one transaction, unless
        the app (a connection of this process) waits to save what the user typed: the
        reviews written so far, each whole, are then committed, the app saves, and the
        join goes on in a new transaction, so a save waits for one part at most, never
        for the whole join. A stop asked at any step is honoured there: the transaction
        under way is rolled back, the files the snapshot covers are not noted as read,
        and the next sync takes up the join (a version already here is not written
        again). The rest, and that note, go in with the last transaction."""
        where = f"{DEVICES}/{device}/{SNAPSHOT}"
        own = self.store.device_id
        state = copy.deepcopy(self.state)
        summary = ChangeSummary()
        label = f"Catching up from the snapshot of {device_label(self.state, device)}"
        parts = len(sealed)
        total, done = 2 * parts + 2, 0
        photos: set[str] = set()

        def stop() -> None:
            if self.cancel():
                raise _Stopped

        def step(what: str, at: int | None = None) -> None:
            # A stop asked during the step before is honoured before this one is shown.
            nonlocal done
            stop()
            done = done if at is None else at
            self.progress(done, total, f"{label}: {what}")
            done += 1

        def taken_in(staged: Staged) -> set[str]:
            # The photos of the records written so far (their files are fetched next).
            wanted = {("photos", rec) for rec in staged.records_of("photos")}
            return {rec for _, rec in wanted - self.store.absent(wanted)}

        try:
            with self.store.staged(self._columns(device, sealed, step)) as staged:
                versions = staged.rows
                step("checking what it holds")
                staged.set_aside()
                checked = check_staged(staged, self.store, int(self.wall() * 1000))
                staged.set_aside_orphans()
                rest = staged.set_aside_changes()
                batches = staged.batches()
                # All in one pass and one transaction (the fastest way), unless the app
                # waits to save what the user typed: the pass is then rolled back, the app
                # saves, and the join is written a part at a time, committing whenever
                # the app waits again.
                pending: list[tuple[str | None, str | None]] | None = None
                count = len(batches)
                rest_ok: list[Change] = []

                def app_waits() -> bool:
                    return bool(batches) and self.store.writers_waiting() > 0

                def check() -> None:        # between the statements of the one pass
                    stop()
                    if app_waits():
                        raise GaveWay

                try:
                    while True:
                        part = ChangeSummary()        # what this transaction writes
                        try:
                            with self.store.transaction():
                                yielded = False
                                if pending is None:
                                    step("writing the reviews", at=parts + 1)
                                    self._bulk(part, staged.load(check=check, give_way=app_waits))
                                while pending and not yielded:
                                    lo, hi = pending.pop(0)
                                    step(f"writing part {count - len(pending)} of {count}",
                                         at=parts + count - len(pending))
                                    self._bulk(part, staged.load(lo, hi, check=stop))
                                    # The reviews written so far are committed for the app.
                                    yielded = bool(pending) and app_waits()
                                if not yielded:
                                    step("saving", at=total - 1)
                                    stop()                  # asked as "saving" was shown: the last moment
                                    rest_checked = Validator(self.store, int(self.wall() * 1000)).check(rest)
                                    checked.ok += rest_checked.ok
                                    checked.refused += rest_checked.refused
                                    checked.held += rest_checked.held
                                    rest_ok = rest_checked.ok
                                    part.add(apply_with_summary(self.store, rest_checked.ok))
                                    if not checked.refused:
                                        for writer, covered in manifest["covers"].items():
                                            if writer != own:
                                                _mark_covered(state, writer, covered)
                                    _add_held(state, checked.held)
                                    save_json(self.store, _state_key(self.marker.folder_id), state)
                        except GaveWay:
                            pending = list(batches)       # rolled back: a part at a time from here
                            self._let_writers_go()
                            continue
                        summary.add(part)
                        if not yielded:
                            break
                        self._let_writers_go()
                        # Once they have saved, the log restarts (see Store.checkpoint).
                        self.store.checkpoint()
                finally:
                    photos = taken_in(staged) if summary.applied else set()
                    self.report.summary.add(summary)
                self.state = state
                photos |= {c.rec for c in rest_ok if c.tbl == "photos"}
        except _Stopped:
            self.report.cancelled = True
            return photos
        except _NOT_THE_FILES:
            raise
        except (TypeError, ValueError, StoreError, crypto.CryptoError):
            self.report.skipped.append(SkippedFile(where, "its contents are not in the form this "
                                                          "version expects, so the change files "
                                                          "are read instead."))
            return photos
        self.progress(total, total, label)
        self._note_snapshot(checked, versions, manifest)
        self._note_refused(checked, where)
        return photos

    @staticmethod
    def _bulk(summary: ChangeSummary, loaded: tuple[int, dict[str, int], set[str]]) -> None:
        versions, added, reviews = loaded
        summary.applied += versions
        for tbl, n in added.items():
            summary.added[tbl] += n
        summary.reviews |= reviews

    def _let_writers_go(self, seconds: float = 2.0) -> None:
        """After a commit made for them, give the app's waiting writes the database:
        wait until each has begun (SQLite's own wait then holds the next write of the
        join until they have finished), for `seconds` at most."""
        deadline = time.monotonic() + seconds
        while self.store.writers_waiting() and time.monotonic() < deadline and not self.cancel():
            time.sleep(0.005)

    @_with_large_cache
    def compact(self) -> None:
        """Write a new snapshot when enough is new, then retire our files it covers that
        every colleague has read, and the log rows a kept version supersedes."""
        own = self.store.device_id
        own_dir = device_dir(self.folder, own)
        if not own_dir.is_dir():
            return
        state = self.state
        snap = state["snapshot"]
        covered = snap.get("covers", {})
        fresh = sum(_count(r) - _count(covered.get(w, [0, []])) for w, r in state["read"].items())
        retired = _numbers(state.get("retired", [0, []]))
        lacking = sorted(self._lacking(own) & retired)
        moved = bool(snap) and _stamp(own_dir / SNAPSHOT) != snap.get("stamp")
        # (The log is counted only when enough is new: counting 800,000 rows takes a while.)
        grown = fresh >= SNAPSHOT_AFTER and (
            not SNAPSHOT_GROWTH or (self.store.change_count() - snap.get("log_rows", 0)
                                    >= snap.get("rows", 0) // SNAPSHOT_GROWTH))
        due = state.pop("snapshot_due", False)     # a device was forgotten: cover what it wrote
        if grown or moved or due or lacking != snap.get("lacking", []):
            self._write_snapshot(own_dir, lacking, full=moved)
            self.store.compact_log()
        self._retire(own_dir)

    def _write_snapshot(self, own_dir: Path, lacking: list[int], full: bool = False) -> None:
        """Write this device's snapshot: parts holding whole reviews (a range of review
        ids each, the records of no review first) and a manifest naming them with what
        the snapshot covers. Only the parts of reviews changed since the last snapshot
        are written again (the store marks them: schema step 8), the others are named
        as they are; `full` writes every part again."""
        state, own = self.state, self.store.device_id
        snap = state["snapshot"]
        gen = int(snap.get("gen", 0)) + 1
        # The marks are taken now and kept in the sync state until the manifest naming
        # the parts written from them is in the folder (an edit made meanwhile marks
        # its review again), so a write that fails leaves them for the next.
        with self.store.transaction():
            marks = self.store.take_snapshot_marks() | set(state.get("snapshot_marks", []))
            state["snapshot_marks"] = sorted(marks)
            save_json(self.store, _state_key(self.marker.folder_id), state)
        known: list[dict[str, Any]] = snap.get("parts") or []
        held = [wire.log_row(Change(*row[:8])) for row in state["held"]]
        held_digest = hashlib.sha256(json.dumps(held).encode()).hexdigest()
        ranged = [p for p in known if "lo" in p]
        los = [p["lo"] for p in ranged]
        dirty = sorted({bisect.bisect_right(los, key) - 1 for key in marks})
        full = (full or not ranged or any(not (own_dir / p["name"]).is_file() for p in known)
                or len(dirty) * 3 > len(ranged))
        # Rows as the log keeps them, in columns (wire.encode_columns): no Python object
        # per row on either side (Store.staged).
        rebuilt: list[tuple[int | None, list[tuple[Any, ...]]]]
        if full:
            rows = self.store.surviving_rows()
            rebuilt = [(None, rows)]
        else:
            bounds = [(ranged[i]["lo"], ranged[i + 1]["lo"] if i + 1 < len(ranged) else None) for i in dirty]
            rows = self.store.surviving_rows(bounds)
            by_part: dict[int, list[tuple[Any, ...]]] = {i: [] for i in dirty}
            for row in rows:
                by_part[bisect.bisect_right(los, row[7] or "") - 1].append(row)
            rebuilt = [(i, by_part[i]) for i in dirty]
        meta = {"device": own, "folder_id": self.marker.folder_id, "snapshot": gen}
        written: dict[int | None, list[dict[str, Any]]] = {}
        k = 0

        def write(chunk: list[tuple[Any, ...]], lo: str | None) -> dict[str, Any]:
            nonlocal k
            name = f"s{gen:08d}-{k:04d}.wss"
            k += 1
            data = crypto.seal(wire.encode_columns(meta, wire.columns(chunk)), crypto.KIND_BOUND_CHANGES,
                               team_key=self.key, bound=self._snapshot_bind(own, name))
            self._guard()
            try:
                replace_file(own_dir, name, data)
            except OSError as exc:
                raise write_failure(exc, self.folder) from None
            part: dict[str, Any] = {"name": name, "digest": hashlib.sha256(data).hexdigest(), "rows": len(chunk)}
            if lo is not None:
                part["lo"] = lo
            return part

        for index, part_rows in rebuilt:
            first = "" if index is None else ranged[index]["lo"]
            chunks = _review_chunks(part_rows, CHUNK) or [[]]
            written[index] = [write(chunk, first if n == 0 else chunk[0][7] or "")
                              for n, chunk in enumerate(chunks)]
        parts = written[None] if full else [p for i, old in enumerate(ranged) for p in written.get(i, [old])]
        held_part = next((p for p in known if "lo" not in p), None)
        if full or held_part is None or snap.get("held_digest") != held_digest:
            held_part = write(held, None)
        parts = [*parts, held_part]
        covers = copy.deepcopy(state["read"])
        manifest = {"format": FORMAT, "gen": gen, "covers": covers,
                    "parts": [[p["name"], p["digest"]] for p in parts]}
        data = crypto.seal(json.dumps(manifest, separators=(",", ":")).encode(), crypto.KIND_HAVE,
                           team_key=self.key, bound=self._snapshot_bind(own, SNAPSHOT))
        self._guard()
        try:
            replace_file(own_dir, SNAPSHOT, data)
        except OSError as exc:
            raise write_failure(exc, self.folder) from None
        named = {p["name"] for p in parts}
        for entry in os.scandir(own_dir):
            if SNAPSHOT_PART.match(entry.name) and entry.name not in named:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
        state["snapshot"] = {"gen": gen, "covers": covers, "stamp": _stamp(own_dir / SNAPSHOT),
                             "lacking": lacking, "rows": sum(p["rows"] for p in parts),
                             "log_rows": self.store.change_count(), "parts": parts,
                             "held_digest": held_digest}
        state.pop("snapshot_marks", None)
        self._save_state()

    def _retire(self, own_dir: Path) -> None:
        state, own = self.state, self.store.device_id
        covered = state["snapshot"].get("covers", {}).get(own)
        if not covered:
            return
        covered_set = _numbers(covered)
        # A computer removed from the team will never read again: it does not hold back
        # retiring files (what it lacks it may not have).
        # Nor does a quiet device the team has forgotten (forget_device).
        others = [d for d in list_devices(self.folder)
                  if d != own and d not in self.removed and d not in self.forgotten]
        if any(d not in self.haves for d in others):
            return     # a colleague's progress is unknown: retire nothing
        reads = [self.haves[d]["read"].get(own, (0, frozenset())) for d in others]
        retired = []
        for n in sorted(int(x) for x in state["files"]):
            if n in covered_set and all(n <= upto or n in extra for upto, extra in reads):
                self._guard()
                try:
                    (own_dir / f"{n:08d}.wsc").unlink(missing_ok=True)
                except OSError as exc:
                    raise write_failure(exc, self.folder) from None
                retired.append(n)
        if retired:
            for n in retired:
                del state["files"][str(n)]
            state["retired"] = _merge_ranges(state.get("retired", [0, []]), [0, retired])
            self._save_state()

    # --- sending ----------------------------------------------------------------------

    def send(self) -> None:
        store, state, own = self.store, self.state, self.store.device_id
        own_dir = device_dir(self.folder, own)
        present = self.present = list_devices(self.folder)
        self._read_haves(present)
        if own in present:
            remove_stale_temporaries(own_dir)
        mine = scan_device(own, own_dir) if own in present else None
        try:
            self._repair(mine, own_dir)
            outgoing = store.changes(device=own, after=state["written"].get(own))
            handed = self._hand_over()
            relayed = self._relay(present)
            for changes in [*handed.values(), *relayed.values()]:
                outgoing += changes
            covers, republish = self._republish(present)
            outgoing += republish
            if outgoing:
                self._send_photos(outgoing, own_dir)
                self._write_changes(outgoing, own_dir, covers=covers)
                if covers:
                    state["republished"] = sorted({*state["republished"], *(f"{w}/{n}" for w, n in covers)})
                    self._save_state()
        except OSError as exc:
            raise write_failure(exc, self.folder) from None
        self._forget_relayed(relayed, present)

    def _write_changes(self, outgoing: list[Change], own_dir: Path, *, number: int | None = None,
                       covers: list[Any] | None = None) -> None:
        state, own = self.state, self.store.device_id
        outgoing = sorted({(c.device, c.hlc, c.tbl, c.rec, c.field): c for c in outgoing}.values(),
                          key=lambda c: (c.hlc, c.device, c.tbl, c.rec, c.field))
        meta: dict[str, str | int | list[Any]] = {"device": own, "folder_id": self.marker.folder_id}
        if self.marker.epoch:
            meta["epoch"] = self.marker.epoch   # which team key (team.py); absent means 0
        if covers:
            meta["covers"] = covers
        # A file rewritten for repair may have nothing left in it (its changes were a
        # typing burst since coalesced): it is still written, so readers' gaps close.
        for chunk in _chunks(outgoing, CHUNK) or [[]]:
            first = number or state["next"]
            plain = wire.encode(meta, chunk)
            while True:
                # The number is chosen before sealing, since it is bound into the file.
                self._guard()
                data = crypto.seal(plain, crypto.KIND_BOUND_CHANGES, team_key=self.key,
                                   bound=self._bind(own, first))
                try:
                    written_as = write_numbered(own_dir, data, first, exact=True)
                    break
                except FileExistsError:
                    if number is not None:
                        raise
                    first += 1
            ranges: dict[str, list[str]] = {}
            for c in chunk:
                lo_hi = ranges.setdefault(c.device, [c.hlc, c.hlc])
                lo_hi[0], lo_hi[1] = min(lo_hi[0], c.hlc), max(lo_hi[1], c.hlc)
            state["files"][str(written_as)] = [[d, lo, hi] for d, (lo, hi) in sorted(ranges.items())]
            if number is None:
                state["next"] = max(state["next"], written_as + 1)
                written = state["written"]
                for c in chunk:
                    if c.hlc > written.get(c.device, ""):
                        written[c.device] = c.hlc
            _mark_read(state, own, written_as)
            self._save_state()
            self.report.sent_files += 1
            self.report.sent_changes += len(chunk)

    def _regenerate(self, number: int) -> list[Change]:
        out = []
        for device, lo, hi in self.state["files"].get(str(number), []):
            out += [c for c in self.store.changes(device=device, after=_before(lo)) if c.hlc <= hi]
        return out

    def _repair(self, mine: DeviceFolder | None, own_dir: Path) -> None:
        """Write again our files that have gone, or that a colleague lacks and that no
        longer open; each under its own number, so readers' gaps close."""
        ours = sorted(int(n) for n in self.state["files"])
        if not ours:
            return
        present = mine.numbered if mine else {}
        lacking = self._lacking(self.store.device_id)
        repaired = 0
        for n in ours:
            path = own_dir / f"{n:08d}.wsc"
            if n in present:
                if n not in lacking or self._opens(path, self.store.device_id, n):
                    continue
                self._guard()
                path.unlink(missing_ok=True)
            self._write_changes(self._regenerate(n), own_dir, number=n)
            repaired += 1
        if repaired:
            self.report.notes.append(
                f"{repaired} of your earlier file{'s' if repaired != 1 else ''} had gone from the "
                f"shared folder or been damaged, so {'they were' if repaired != 1 else 'it was'} "
                f"written to it again.")

    def _opens(self, path: Path, device: str, number: int) -> bool:
        try:
            data = read_plain_file(path, crypto.LIMITS[crypto.KIND_BOUND_CHANGES][0])
            if crypto.read_header(data).kind == crypto.KIND_CHANGES and device not in self.state["bound_writers"]:
                crypto.unseal(data, crypto.KIND_CHANGES, team_keys=self._team_key)
                return True
            crypto.unseal(data, crypto.KIND_BOUND_CHANGES, team_keys=self._team_key,
                          bound=self._bind(device, number))
        except (OSError, ValueError, crypto.CryptoError):
            return False
        return True

    def _hand_over(self) -> dict[str, list[Change]]:
        """Changes this database made under earlier device ids (before it was copied or
        restored) that it has not written to this folder itself."""
        out = {}
        upto = self.store.handover_upto()
        for old in self.store.previous_device_ids():
            changes = self.store.changes(device=old, after=self.state["written"].get(old))
            if old in upto:
                # Only what this database made under the old id; later changes under it
                # come from the other copy, which writes them itself.
                changes = [c for c in changes if c.hlc <= upto[old]]
            if changes:
                out[old] = changes
        return out

    def _republish(self, present: dict[str, Path]) -> tuple[list[Any], list[Change]]:
        """Pass on, for a silent colleague, files of theirs another colleague lacks and
        that have gone or been damaged; say which gaps the passed-on changes cover."""
        state, own = self.state, self.store.device_id
        covers, origins = [], set()
        for writer, (upto, extra) in sorted(state["read"].items()):
            if writer == own or writer in self.previous:
                continue
            stamp = self.haves.get(writer, {}).get("stamp")
            silent = stamp is not None and stamp == state["peer_have"].get(writer) or (
                stamp is None and writer in state["peer_have"])
            if not silent or not any(self._someone_lacks(writer, n) for n in (upto, *extra) if n):
                continue   # nobody lacks anything of theirs we hold (checked on our newest)
            listing = self._listing(writer, present[writer]) if writer in present else None
            there = set(listing.numbered) if listing else set()
            # Files its snapshot covers are not passed on: a reader uses the snapshot.
            snap = self.state["snap_seen"].get(writer)
            covered = _numbers(snap[1][writer]) if snap and snap[1] and writer in snap[1] else set()
            gone = [n for n in [*range(1, upto + 1), *extra] if n not in there and n not in covered]
            suspect = [n for n in self._lacking(writer) if (n <= upto or n in extra) and n in there]
            wanted = [n for n in gone if self._someone_lacks(writer, n)] + [
                n for n in suspect if not self._opens(device_dir(self.folder, writer) / f"{n:08d}.wsc",
                                                      writer, n)]
            for n in sorted(set(wanted)):
                if f"{writer}/{n}" in state["republished"]:
                    continue
                covers.append([writer, n])
                origins.update(state["origins"].get(writer, [writer]))
        changes = [c for o in sorted(origins) for c in self.store.changes(device=o)]
        return covers, changes

    def _relay(self, present: dict[str, Path]) -> dict[str, list[Change]]:
        """Changes of devices that do not write to this folder themselves, to pass on."""
        store, state, own = self.store, self.state, self.store.device_id
        peers = load_json(store, PEER_CHANGES, {})
        candidates = set(peers) | set(state["seen_folders"])
        if not state["started"]:
            candidates |= set(store.devices())
        candidates -= {own, *present, *state["relayed_by_others"], *self.previous}
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
            self._guard()
            if write_blob(own_dir, name, crypto.seal(data, crypto.KIND_PHOTO, team_key=self.key)):
                self.report.sent_photos += 1

    # --- receiving --------------------------------------------------------------------

    @_with_large_cache
    def receive(self) -> None:
        work: list[tuple[str, FileInfo, int | None]] = []
        listed: set[str] = set()
        # The device folders listed at the start of this sync (one found since is read
        # at the next), and our own, which this sync may just have made.
        present = dict(self.present)
        own = self.store.device_id
        if own not in present and device_dir(self.folder, own).is_dir():
            present[own] = device_dir(self.folder, own)
        photo_records = self._use_snapshots(present)
        listings = {}
        for device, path in sorted(present.items()):
            listing = listings[device] = self._listing(device, path)
            for name, why in listing.odd:
                self.report.skipped.append(SkippedFile(f"{DEVICES}/{device}/{name}", why))
            upto = self.removed.get(device)
            late = 0
            read_upto = self.state["read"].get(device, [0, []])[0]
            if upto is None and listing.numbered and max(listing.numbered) <= read_upto:
                numbers: list[int] = []      # all read already (the usual case)
            else:
                numbers = sorted(listing.numbered)
            done = _read_set(self.state, device) if numbers else set()
            for n in numbers:
                if upto is not None and n > upto:
                    late += 1    # written after it was removed from the team: never used
                elif n not in done:
                    work.append((device, listing.numbered[n], n))
            if late:
                self.report.notes.append(
                    f"{late} file{'s' if late != 1 else ''} written by device {device} after it "
                    f"was removed from the team {'were' if late != 1 else 'was'} not used.")
            if upto is not None:
                continue
            for info in sorted(listing.copies, key=lambda i: i.name):
                if self.state["copies"].get(f"{device}/{info.name}") != info.stamp:
                    work.append((device, info, None))
        for step, (device, info, number) in enumerate(work):
            if self.cancel():
                self.report.cancelled = True
                break
            self.progress(step, len(work), f"Reading {device}/{info.name}")
            self._receive_file(device, info, number, photo_records)
        self.progress(len(work), len(work), "Files read")
        self._retry_held()
        self._fetch_photos(photo_records)
        if self.state["copies"] or self.state["skipped"]:
            # Only needed to forget notes about files gone (usually there are none).
            listed = {f"{device}/{i.name}" for device, listing in listings.items()
                      for i in [*listing.numbered.values(), *listing.copies]}
        if not self.report.cancelled:
            self._forget_gone(listed)
        for writer, have in self.haves.items():
            self.state["peer_have"][writer] = have["stamp"]
        for writer in present:
            if writer not in self.haves and writer != self.store.device_id:
                self.state["peer_have"].setdefault(writer, None)
        self.state["gaps"] = self._gaps(listed)
        self._save_state()
        self._write_have(device_dir(self.folder, self.store.device_id))
        self._write_member(device_dir(self.folder, self.store.device_id))

    def _write_member(self, own_dir: Path) -> None:
        """Our name and public device key for colleagues (team.py), sealed with the
        current key; written again only when the key, the name or the device key change."""
        digest = team.member_digest(self.store, self.keys, self.marker.key_id)
        if digest == self.state.get("member_written"):
            # Written before: still exactly ours? (Someone who held the key could put
            # their own public key under our name before being removed; it is put right.)
            try:
                there = read_plain_file(own_dir / team.MEMBER_FILE, crypto.LIMITS[crypto.KIND_MEMBER][0])
            except (OSError, ValueError):
                there = b""
            if hashlib.sha256(there).hexdigest() == self.state.get("member_sha"):
                return
        data = team.member_file(self.store, self.keys, self.marker.folder_id, self.key)
        self._guard()
        try:
            if not (self.folder / DEVICES).is_dir():
                return
            own_dir.mkdir(exist_ok=True)
            replace_file(own_dir, team.MEMBER_FILE, data)
        except OSError as exc:
            raise write_failure(exc, self.folder) from None
        self.state["member_written"] = digest
        self.state["member_sha"] = hashlib.sha256(data).hexdigest()
        self._save_state()

    def _gaps(self, listed: set[str]) -> dict[str, list[int]]:
        """Files of each device this computer has not read, below ones it has."""
        out = {}
        for writer, (upto, extra) in self.state["read"].items():
            if extra:
                # Files there but unusable are named as such (see "skipped"), not as gaps.
                missing = [n for n in range(upto + 1, max(extra)) if n not in extra
                           and f"{writer}/{n:08d}.wsc" not in self.state["skipped"]]
                if missing:
                    out[writer] = missing[:50]
        return out

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
        number = numbered(info.name)
        stray = remember and number is not None and self._never_written(device, number)
        if stray:
            reason += (" Its device never wrote a file with that number, so it is not one of its "
                       "files: it is ignored from now on and may be deleted.")
        self.report.skipped.append(SkippedFile(f"{DEVICES}/{device}/{info.name}", reason))
        if remember:
            # A stray (planted) file is listed this once and then ignored until it changes.
            self.state["skipped"][f"{device}/{info.name}"] = [*info.stamp, reason, *([True] if stray else [])]
            self._save_state()

    def _never_written(self, device: str, number: int) -> bool:
        """True when `device` says (in its progress file) it has written fewer files."""
        written = self.haves.get(device, {}).get("next")
        return (isinstance(written, int) and not isinstance(written, bool) and number >= written
                and device != self.store.device_id)

    @_collector_paused
    def _receive_file(self, device: str, info: FileInfo, number: int | None,
                      photo_records: set[str]) -> None:
        skey = f"{device}/{info.name}"
        known = self.state["skipped"].get(skey)
        if known and known[:2] == info.stamp:
            if len(known) < 4:     # a stray file was listed once, when it was found
                self.report.skipped.append(SkippedFile(f"{DEVICES}/{device}/{info.name}", known[2]))
            return
        if info.size == 0:
            return self._skip(device, info, "the file is empty; it is probably still being copied.")
        limit = crypto.LIMITS[crypto.KIND_CHANGES][0]
        try:
            data = read_plain_file(device_dir(self.folder, device) / info.name, limit, "change file")
        except FileNotFoundError:
            if not reachable(self.folder):
                raise
            return  # gone since the listing (a conflict copy tidied away): nothing to do
        except ValueError as exc:
            return self._skip(device, info, str(exc))
        except OSError as exc:
            if not reachable(self.folder):
                raise
            return self._skip(device, info, f"the file could not be read ({exc.strerror or exc}); it "
                                            f"may not be downloaded to this computer yet.", remember=False)
        bound_number = number if number is not None else int(info.name[:8])
        try:
            kind = crypto.read_header(data).kind
            if kind == crypto.KIND_CHANGES and device in self.state["bound_writers"]:
                return self._skip(device, info, "it is in the older, unbound format, and this device "
                                                "now writes the newer one (which holds all its "
                                                "changes again), so it was not used.")
            if kind == crypto.KIND_CHANGES:
                plain = crypto.unseal(data, crypto.KIND_CHANGES, team_keys=self._team_key)
            else:
                plain = crypto.unseal(data, crypto.KIND_BOUND_CHANGES, team_keys=self._team_key,
                                      bound=self._bind(device, bound_number))
            meta, changes = wire.decode(plain)
        except crypto.CryptoError as exc:
            return self._skip(device, info, str(exc))
        if meta.get("device") != device:
            return self._skip(device, info, "it names another device than the folder it is in, "
                                            "so it was refused.")
        checked = Validator(self.store, int(self.wall() * 1000)).check(changes)
        own = self.store.device_id
        if device == own and not self.forked and self._brings_own_changes(checked.ok):
            # Authentic changes under our id that this database does not hold: another
            # copy of this data folder, or this one before it was put back from a
            # snapshot. They are merged like anyone's; afterwards this computer takes a
            # new device id, so the copies' later edits can never hide each other.
            self.forked = True
            self.report.notes.append(CLONE_WARNING)
        try:
            summary = self._apply(device, info, number, checked, meta, kind == crypto.KIND_BOUND_CHANGES)
        except _NOT_THE_FILES:
            raise
        except (TypeError, ValueError, StoreError):
            # Authentic but malformed (a faulty or future app): nothing of it was kept.
            return self._skip(device, info, "its contents are not in the form this version "
                                            "expects, so nothing from it was used.")
        self.report.received_files += 1
        self.report.summary.add(summary)
        self._note_refused(checked, f"{DEVICES}/{device}/{info.name}")
        photo_records.update(c.rec for c in checked.ok if c.tbl == "photos")

    def _brings_own_changes(self, changes: list[Change]) -> bool:
        own = self.store.device_id
        mine = [c for c in changes if c.device == own]
        if not mine:
            return False
        have = {(c.hlc, c.tbl, c.rec, c.field) for c in self.store.changes(
            device=own, after=_before(min(c.hlc for c in mine)))}
        return any((c.hlc, c.tbl, c.rec, c.field) not in have for c in mine)

    def _note_refused(self, checked: Checked, where: str) -> None:
        if checked.refused:
            lines = refused_lines(checked.refused, where)
            self.report.notes += lines
            self.state["refused"] = (self.state["refused"] + lines[:1])[-20:]
        if checked.held:
            n = len(checked.held)
            self.report.notes.append(
                f"Held back {n} change{'s' if n != 1 else ''} in {where} stamped more than a day "
                f"ahead of this computer's clock; {'they' if n != 1 else 'it'} will be applied when "
                f"that time comes, or when the clock is put right.")

    def _apply(self, device: str, info: FileInfo, number: int | None, checked: Checked,
               meta: dict[str, Any], bound: bool) -> ChangeSummary:
        """Merge one file's valid changes and note it as read, in one transaction."""
        # The note is made on a copy, kept only once the transaction has committed.
        state, skey = copy.deepcopy(self.state), f"{device}/{info.name}"
        changes = checked.ok
        with self.store.transaction():
            summary = apply_with_summary(self.store, changes)
            state["skipped"].pop(skey, None)
            if number is None:
                state["copies"][skey] = info.stamp
            else:
                _mark_read(state, device, number)
            for writer, n in _covers(meta):
                _mark_read(state, writer, n)
            if bound and device not in state["bound_writers"]:
                state["bound_writers"] = sorted({*state["bound_writers"], device})
            _add_held(state, checked.held)
            origins = {c.device for c in changes}
            if origins - set(state["origins"].get(device, [])):
                state["origins"][device] = sorted(origins | set(state["origins"].get(device, [])))
            others = origins - {device}
            if others - set(state["relayed_by_others"]):
                state["relayed_by_others"] = sorted(set(state["relayed_by_others"]) | others)
            save_json(self.store, _state_key(self.marker.folder_id), state)
        self.state = state
        return summary

    def _retry_held(self) -> None:
        if not self.state["held"]:
            return
        held = [Change(*row[:8]) for row in self.state["held"]]  # rows of wire.change_row
        checked = Validator(self.store, int(self.wall() * 1000)).check(held)
        if not checked.ok and not checked.refused:
            return
        state = copy.deepcopy(self.state)
        with self.store.transaction():
            summary = apply_with_summary(self.store, checked.ok)
            state["held"] = [wire.change_row(c) for c in checked.held]
            save_json(self.store, _state_key(self.marker.folder_id), state)
        self.state = state
        self.report.summary.add(summary)

    def _team_key(self, kid: str) -> bytes | None:
        return self.key if kid == self.marker.key_id else self.keys.get(kid)

    def _fetch_photos(self, records: set[str]) -> None:
        store = self.store
        wanted = set(load_json(store, MISSING_PHOTOS, [])) | records
        files = AttachmentStore(self.paths.attachments)
        if str(self.paths.root) not in _LOOKED_OVER:
            # A photo's record and the list of photos to fetch are written apart, so a
            # disk filling between them, or a join from a snapshot stopped part-way,
            # can leave a record whose photo is on no list: once per run, every photo
            # whose file is not here is looked for.
            _LOOKED_OVER.add(str(self.paths.root))
            wanted |= {p.id for p in store.records(model.Photo)
                       if p.sha256 and not files.path(p.sha256, p.media_type).exists()
                       and not files.legacy_path(p.sha256, p.media_type).exists()}
        if not wanted:
            return
        missing: list[str] = []
        order = sorted(wanted)
        for k, rec in enumerate(order):
            photo = store.get(model.Photo, rec, include_deleted=True)
            if photo is None:
                missing.append(rec)   # its record is still waiting for its evidence
                continue
            if photo.deleted or not photo.sha256 or files.path(photo.sha256, photo.media_type).exists():
                continue
            try:
                fetched = self._fetch_photo(photo, files)
            except DiskFull:
                # No room for it on this computer: it and the photos after it are
                # fetched at a later sync (the sync stops, saying the disk is full).
                save_json(store, MISSING_PHOTOS, missing + order[k:])
                raise
            if not fetched:
                missing.append(rec)
        if missing or load_json(store, MISSING_PHOTOS, []):
            save_json(store, MISSING_PHOTOS, missing)

    def _fetch_photo(self, photo: model.Photo, files: AttachmentStore) -> bool:
        # A photo sent before a key change is named by the key of its time.
        older = [k for item in (self.record or {}).get("history") or []
                 if isinstance(item, dict) and (k := self.keys.get(str(item.get("key_id"))))]
        names = dict.fromkeys(crypto.blob_name(k, photo.sha256) for k in [self.key, *older])
        for path in [p for name in names for p in find_blob(self.folder, name)]:
            try:
                data = crypto.unseal(read_plain_file(path, crypto.LIMITS[crypto.KIND_PHOTO][0]),
                                     crypto.KIND_PHOTO, team_keys=self._team_key)
            except (OSError, ValueError, crypto.CryptoError):
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
            for key, value in ((FOLDER, str(self.folder)), (FOLDER_ID, self.marker.folder_id),
                               (TEAM_KEY, self.marker.key_id),
                               (TEAM_EPOCH, str(self.marker.epoch)), (OFFLINE_SINCE, None)):
                if store.setting(key) != value:
                    store.set_setting(key, value)
        # Only the time of this sync is new after a sync that brought nothing: it is
        # committed without waiting for the disk (losing it to a power cut is harmless).
        store.set_setting(LAST_SYNC, _now().isoformat(timespec="seconds"), durable=False)
        if self.forked:
            store.new_device_identity(self.paths.database)


def _created(marker: Marker) -> datetime:
    try:
        when = datetime.fromisoformat(marker.created)
    except ValueError:
        return datetime.max.replace(tzinfo=timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _add_held(state: dict[str, Any], held: list[Change]) -> None:
    """Keep changes held back (stamped too far ahead), each once however often it arrives."""
    if not held:
        return
    rows = list(state["held"])
    known = {tuple(row[:5]) for row in rows}
    for c in held:
        row = wire.change_row(c)
        if tuple(row[:5]) not in known:
            known.add(tuple(row[:5]))
            rows.append(row)
    state["held"] = rows


def _read_set(state: dict[str, Any], device: str) -> set[int]:
    upto, extra = state["read"].get(device, [0, []])
    return set(range(1, upto + 1)) | set(extra)


def _mark_read(state: dict[str, Any], device: str, number: int) -> None:
    upto, extra = state["read"].get(device, [0, []])
    if number <= upto:
        return
    extra = sorted({*extra, number})
    while extra and extra[0] == upto + 1:
        upto = extra.pop(0)
    state["read"][device] = [upto, extra]


def _numbers(r: list[Any]) -> set[int]:
    return set(range(1, int(r[0]) + 1)) | set(r[1])


def _count(r: list[Any]) -> int:
    return int(r[0]) + len(r[1])


def _checked_range(r: Any) -> list[Any]:
    upto, extra = r
    return [int(upto), sorted(int(n) for n in extra)]


def _merge_ranges(a: list[Any], b: list[Any]) -> list[Any]:
    """The union of two sets of file numbers, each kept as [all up to, and these]."""
    upto = max(a[0], b[0])
    extra = sorted({n for n in [*a[1], *b[1]] if n > upto})
    while extra and extra[0] == upto + 1:
        upto = extra.pop(0)
    return [upto, extra]


def _mark_covered(state: dict[str, Any], device: str, covered: list[Any]) -> None:
    state["read"][device] = _merge_ranges(state["read"].get(device, [0, []]), covered)


def _stamp(path: Path | str) -> list[Any] | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


_R = TypeVar("_R", bound=tuple[Any, ...])


def _review_chunks(rows: list[_R], size: int) -> list[list[_R]]:
    """Split a snapshot's rows (in wire.COLUMNS order, ordered by review) into parts of
    about `size`, never splitting a review."""
    out: list[list[_R]] = []
    current: list[_R] = []
    for c in rows:
        if len(current) >= size and c[7] != current[-1][7]:
            out.append(current)
            current = []
        current.append(c)
    if current:
        out.append(current)
    return out


def _covers(meta: dict[str, Any]) -> list[tuple[str, int]]:
    out = []
    for item in meta.get("covers") or []:
        if (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                and isinstance(item[1], int) and not isinstance(item[1], bool) and 0 < item[1] < 10**8):
            out.append((item[0], item[1]))
    return out


def _before(stamp: str) -> str | None:
    """A stamp just before `stamp`, for 'after' queries that must include it."""
    millis, counter = decode_stamp(stamp)
    if counter:
        return encode_stamp(millis, counter - 1)
    return encode_stamp(millis - 1, 99_999) if millis else None


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
    check_apart(paths.root, folder)
    lock = SyncLock(paths.sync_state / "sync.lock")
    if not lock.acquire():
        raise SyncBusy("Another window of WSS Review Desktop (or the command line) is syncing "
                       "this data folder right now. Try again in a moment.")
    try:
        job = _Sync(store, paths, folder, keys, passphrase, cancel, progress, wall=store.clock.wall)
        job.open(start_afresh)
        try:
            job.send()
            job.receive()
            if not job.report.cancelled:
                job.compact()
        except _NOT_THE_FILES as exc:
            # What was taken in so far is kept; nothing is remembered against the files.
            job.report.problem = DISK_FULL if isinstance(exc, DiskFull) else BUSY
            if isinstance(exc, DiskFull):
                job.report.free_bytes = _free_bytes(paths.root)
            job.report.seconds = time.perf_counter() - started
            return job.report
        except FolderUnavailable as exc:
            if str(exc) != VANISHED:
                raise
            mark_offline(store)
            job.report.problem = VANISHED
            job.report.seconds = time.perf_counter() - started
            return job.report
        except OSError:
            if reachable(folder) and folder_identity(folder) == job.identity:
                raise
            mark_offline(store)
            job.report.problem = VANISHED
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
    written = state.get("written", {})
    # Counted as edits (one new observation is one, however many fields it set), of
    # this device and of the ids this database wrote under before it was copied.
    upto = store.handover_upto()
    waiting = len({(c.tbl, c.rec, c.hlc) for device in [store.device_id, *store.previous_device_ids()]
                   for c in store.changes(device=device, after=written.get(device))
                   if device not in upto or c.hlc <= upto[device]})
    # marker is not None: connected. A new key waiting for this computer's device key
    # (team.py) needs no passphrase: the next sync opens it.
    needs = (marker is not None and keys.get(marker.key_id) is None
             and team.key_by_device(path, marker, store.device_id, keys) is None)
    return SyncStatus(path, connected, _when(store.setting(OFFLINE_SINCE)), waiting, last,
                      conflicts, needs, problem, details=_state_details(state),
                      devices=device_quiet(store, state, last))


def device_quiet(store: Store, state: dict[str, Any], last: datetime | None) -> list[DeviceQuiet]:
    """Every device with a folder in the shared folder when this computer last synced
    (and this computer), with when each was last heard from; the quietest last."""
    own = store.device_id
    out = [DeviceQuiet(own, device_label(state, own) if own in state.get("names", {}) else "This computer",
                       last, me=True)]
    for device, seen in state.get("last_seen", {}).items():
        if device != own:
            out.append(DeviceQuiet(device, device_label(state, device), _when(seen),
                                   _forgotten_now(state, device)))
    far = datetime.min.replace(tzinfo=timezone.utc)
    out[1:] = sorted(out[1:], key=lambda q: (q.forgotten, -(q.last_seen or far).timestamp(), q.label))
    return out


@dataclass
class DeviceQuiet:
    """A device with a folder in the shared folder, and how long it has been quiet."""

    device: str
    label: str                      # "Sam's laptop (device 1a2b3c4d)"
    last_seen: datetime | None      # when it last wrote its progress file (or this computer synced)
    forgotten: bool = False         # the team no longer waits for it (forget_device)
    me: bool = False

    def quiet_for(self, now: datetime | None = None) -> str:
        if self.last_seen is None:
            return "not heard from yet"
        return quiet_words((now or _now()) - self.last_seen)

    def line(self, now: datetime | None = None) -> str:
        if self.me:
            when = f"last synced {self.last_seen.astimezone():%d %b %Y %H:%M}" if self.last_seen else "not synced yet"
            return f"{self.label} (this computer): {when}."
        head = (f"{self.label}: last heard from {self.last_seen.astimezone():%d %b %Y %H:%M}, "
                f"quiet for {self.quiet_for(now)}" if self.last_seen else f"{self.label}: not heard from yet")
        return head + ("; forgotten, so nobody waits for it before tidying the shared folder."
                       if self.forgotten else ".")

    def as_dict(self, now: datetime | None = None) -> dict[str, Any]:
        return {"device": self.device, "label": self.label, "me": self.me, "forgotten": self.forgotten,
                "last_seen": self.last_seen.isoformat() if self.last_seen else None,
                "quiet_seconds": (None if self.last_seen is None
                                  else max(0, int(((now or _now()) - self.last_seen).total_seconds())))}


def quiet_words(span: Any) -> str:
    """A time span in plain words: "less than an hour", "5 hours", "3 days", "11 weeks"."""
    hours = max(0, int(span.total_seconds() // 3600))
    if hours < 1:
        return "less than an hour"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    if days < 28:
        return f"{days} days"
    return f"{days // 7} weeks"


def _seen(text: Any, mtime_ns: int) -> str:
    """When a progress file says it was written; its file time for older versions."""
    if isinstance(text, str) and len(text) < 40:
        try:
            when = datetime.fromisoformat(text)
            return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).isoformat(timespec="seconds")
        except ValueError:
            pass
    return datetime.fromtimestamp(mtime_ns / 1e9, timezone.utc).isoformat(timespec="seconds")


def _day(text: str) -> str:
    try:
        return f"{datetime.fromisoformat(text).astimezone():%d %b %Y}"
    except ValueError:
        return "an earlier day"


def _forget_entries(raw: Any) -> dict[str, dict[str, str]]:
    """Forgotten devices as a progress file lists them, checked: {device: {id, when, by}}."""
    out: dict[str, dict[str, str]] = {}
    if not isinstance(raw, dict):
        return out
    for device, entry in list(raw.items())[:1000]:
        if (isinstance(device, str) and _DEVICE_ID.match(device) and isinstance(entry, dict)
                and all(isinstance(entry.get(k), str) and len(entry[k]) <= 100 for k in ("id", "when", "by"))):
            out[device] = {k: entry[k] for k in ("id", "when", "by")}
    return out


def _known_devices(store: Store, state: dict[str, Any], folder: Path | None) -> set[str]:
    # Devices with a folder here (the only ones anything waits for), now or when last synced.
    known = {*state.get("last_seen", {}), *state.get("names", {})}
    if folder is not None and reachable(folder):
        known |= set(list_devices(folder))
    return known


def _resolve_device(store: Store, state: dict[str, Any], known: set[str], wanted: str) -> str:
    text = " ".join(wanted.split())
    if not text:
        raise InputError("Say which device to forget, by its device id or its name (wss-desktop "
                         "sync --status lists them); nothing was changed.")
    lower = text.lower()
    names = state.get("names", {})
    found = match_devices(text, known, lambda d: (names.get(d, ""), device_label(state, d)))
    own = {store.device_id, *store.previous_device_ids()}
    if lower in own or any(d in own for d in found):
        raise InputError("That is this computer, which cannot forget itself; forget a device on "
                         "another computer of the team instead. Nothing was changed.")
    if not found:
        raise InputError(f"No device '{text}' has synced through this shared folder. Use a device id "
                         f"or name from 'wss-desktop sync --status'; nothing was changed.")
    if len(found) > 1:
        raise InputError(f"More than one device matches '{text}'. Use more of its device id "
                         f"(wss-desktop sync --status shows them); nothing was changed.")
    return found[0]


@dataclass
class Forgotten:
    device: str
    label: str
    last_seen: datetime | None

    def lines(self) -> list[str]:
        quiet = (f", quiet since {self.last_seen.astimezone():%d %b %Y}" if self.last_seen else "")
        return [f"Forgot {self.label}{quiet}. This computer no longer waits for it before tidying "
                f"the shared folder, and colleagues stop waiting once they have synced. Everything "
                f"it sent is kept. If it syncs again it catches up from a colleague's snapshot and "
                f"takes part as before, losing nothing.",
                "The other computers are told at your next sync."]


def forget_device(store: Store, paths: Paths, keys: TeamKeys, device: str,
                  folder: str | Path | None = None) -> Forgotten:
    """Forget a device that has gone quiet (a lost or replaced laptop): retiring files
    no longer waits for it. What it published stays (its files stay in its folder, and
    colleagues' snapshots cover what they read of it); if it ever syncs again it is told,
    catches up from a snapshot, and is waited for again. Checked before anything is
    saved: an unknown device, this computer or one already forgotten changes nothing.
    The decision is passed on to colleagues in this device's progress file at the next
    sync (see _Sync._learn_forgotten)."""
    folder_id = store.setting(FOLDER_ID)
    chosen = folder or store.setting(FOLDER)
    if not folder_id or not chosen:
        raise InputError("This computer has not synced with a shared folder yet, so it knows no "
                         "devices to forget; nothing was changed.")
    lock = SyncLock(paths.sync_state / "sync.lock")
    if not lock.acquire():
        raise SyncBusy("This data folder is syncing right now. Try again in a moment; nothing "
                       "was changed.")
    try:
        state = {**_new_state(), **load_json(store, _state_key(folder_id), {})}
        found = _resolve_device(store, state, _known_devices(store, state, Path(chosen)), device)
        label = device_label(state, found)
        entry = state["forgotten"].get(found)
        seen = _when(state["last_seen"].get(found))
        if entry is not None and _forgotten_now(state, found):
            raise InputError(f"{label} is already forgotten (since {_day(entry['when'])}); nothing "
                             f"was changed.")
        when = _now().isoformat(timespec="seconds")
        state["forgotten"][found] = {"id": f"{when}|{store.device_id}", "when": when,
                                     "by": store.device_id}
        state["snapshot_due"] = True
        save_json(store, _state_key(folder_id), state)
    finally:
        lock.release()
    return Forgotten(found, label, seen)


def _forgotten_now(state: dict[str, Any], device: str) -> bool:
    """Forgotten, and not heard from since (as last known here)."""
    entry = state.get("forgotten", {}).get(device)
    return entry is not None and entry["id"] != state.get("came_back", {}).get(device)


def _computer_name() -> str:
    """This computer's name, as colleagues see it in their sync panel."""
    return socket.gethostname().split(".")[0][:64] or "a computer"


def device_label(state: dict[str, Any], device: str) -> str:
    """A device as people know it: its computer's name (from its progress file) and
    the start of its id, which tells two computers of the same name apart."""
    name = state.get("names", {}).get(device)
    return f"{name} (device {device[:8]})" if name else f"device {device}"


def _state_details(state: dict[str, Any]) -> list[str]:
    """Plain sentences for gaps, damaged files, held-back and refused changes."""
    out = []
    for writer, missing in sorted(state.get("gaps", {}).items()):
        n = len(missing)
        out.append(f"Missing {n} file{'s' if n != 1 else ''} of {device_label(state, writer)} "
                   f"(number{'s' if n != 1 else ''} {', '.join(str(m) for m in missing[:5])}"
                   f"{'…' if n > 5 else ''}): that device writes {'them' if n != 1 else 'it'} again at "
                   f"its next sync, or a colleague passes the changes on.")
    for name, entry in sorted(state.get("skipped", {}).items()):
        if isinstance(entry, list) and len(entry) > 3:
            continue    # a stray file, listed once when it was found
        reason = entry[2] if isinstance(entry, list) and len(entry) > 2 else ""
        writer, _, file_name = name.partition("/")
        out.append(f"Could not use {file_name} of {device_label(state, writer)}: {reason} Its "
                   f"writer is told through the shared folder and writes it again.")
    held = len(state.get("held", []))
    if held:
        out.append(f"{held} change{'s' if held != 1 else ''} held back: stamped more than a day ahead "
                   f"of this computer's clock; applied when that time comes or the clock is put right.")
    for line in state.get("refused", [])[-5:]:
        out.append(line)
    return out


__all__ = ["SyncBusy", "SkippedFile", "SyncReport", "SyncStatus", "sync_folder", "sync_status",
           "note_peer_changes", "PassphraseNeeded", "FolderError", "FolderUnavailable"]
