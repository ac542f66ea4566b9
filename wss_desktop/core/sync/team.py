"""Who is in the team, and changing the team key (removing someone, starting afresh).

The team key has an epoch: 0 for a folder's first key (every folder made before keys
could change is at epoch 0 and needs nothing new), one more at every change. "Remove
someone from the team" and "start afresh" always make a new random key; from then on
everything this app writes to the folder is sealed with the new key only. Older files
stay readable for history with the older keys, which every member keeps.

How the remaining members get the new key (`wss-team-key.json` beside the marker):

- By the new team passphrase: the marker's `team_key`, as before (scrypt at the
  marker's cost, never lower than this version's, then AES-256-GCM).
- By their own device key, so they need not retype: every computer with an OS keyring
  has an X25519 key pair; the private half lives only in its keyring, the public half
  is published in the computer's `devices/<id>/member.wsm`, sealed with the team key
  (so only members see names and public keys) and bound to the folder and device. At
  a change, the new key is wrapped for each remaining member's public key: an
  ephemeral X25519 exchange, HKDF-SHA256, AES-256-GCM with the team, epoch, device
  and key id as associated data. A removed member's device gets no wrap; it keeps
  the old keys it already had, and nothing written afterwards opens with them.
- The older keys are sealed with the new key ("history"), so a member who gets only
  the new key (a passphrase, no keyring) still reads older files.
- The whole file is authenticated by an HMAC with the new key, and by one with the
  previous key ("chain"): a computer that holds the previous key accepts a device
  wrap only when the chain proves the change was made by someone who held it. Names
  of members are sealed with the new key, so the file reveals only device ids.
- Files a removed device writes after its removal are not used: the file records
  the highest file number of its folder at the moment it was removed.

Limits (a shared folder cannot take write access away): a removed member can still
write into the folder; their later files are ignored and anything they forge fails
to open with the new key, but at the moment of removal they could race a change of
their own. The members list shows who made each change.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import InputError
from ..paths import Paths
from ..store import Store
from . import crypto
from .folder import (MARKER, FolderError, Marker, SyncLock, list_devices, match_devices, numbered,
                     reachable, read_marker, read_plain_file, replace_file, write_failure)
from .keys import PassphraseNeeded, TeamKeys

KEY_FILE = "wss-team-key.json"
MEMBER_FILE = "member.wsm"
DEVICE_NAME = "sync.device_name"      # the name colleagues see (device-local setting)
FORMAT = 1


def device_name(store: Store) -> str:
    return store.setting(DEVICE_NAME) or socket.gethostname() or "Unnamed computer"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _ctx(*parts: object) -> bytes:
    return crypto.bind("team-key", *parts)


# --- the key file -------------------------------------------------------------------------

def _canonical(record: dict[str, Any]) -> bytes:
    body = {k: v for k, v in record.items() if k not in ("mac", "chain")}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _mac(record: dict[str, Any], key: bytes, what: str) -> str:
    return hmac.new(key, what.encode() + b"|" + _canonical(record), hashlib.sha256).hexdigest()


def read_record(folder: Path) -> dict[str, Any] | None:
    """The key file as written, unchecked (None when absent or unreadable)."""
    try:
        data = json.loads(read_plain_file(folder / KEY_FILE, 1 << 20).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def verified_record(folder: Path, marker: Marker, key: bytes) -> dict[str, Any] | None:
    """The key file that belongs to the marker's key, checked with that key."""
    record = read_record(folder)
    if (record is None or record.get("key_id") != marker.key_id
            or record.get("folder_id") != marker.folder_id or not isinstance(record.get("mac"), str)
            or not hmac.compare_digest(_mac(record, key, "mac"), record["mac"])):
        return None
    return record


def _history(record: dict[str, Any] | None, key: bytes) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if record is None:
        return out
    for item in record.get("history") or []:
        if not isinstance(item, dict):
            continue
        kid = str(item.get("key_id"))
        old = crypto.open_small(item, key, _ctx("history", record.get("folder_id"), kid))
        if old is not None and crypto.key_id(old) == kid:
            out[kid] = old
    return out


def _names(record: dict[str, Any] | None, key: bytes) -> dict[str, str]:
    if record is None or not isinstance(record.get("names"), dict):
        return {}
    plain = crypto.open_small(record["names"], key, _ctx("names", record.get("folder_id"),
                                                          record.get("key_id")))
    try:
        names = json.loads(plain) if plain else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def removed_devices(record: dict[str, Any] | None) -> dict[str, int]:
    """Removed device -> the last file number of theirs that is still used."""
    out = {}
    for device, entry in ((record or {}).get("removed") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("upto"), int):
            out[str(device)] = entry["upto"]
    return out


def learn(folder: Path, marker: Marker, key: bytes, keys: TeamKeys) -> dict[str, Any] | None:
    """Keep the older team keys the key file holds (for reading history); the record."""
    record = verified_record(folder, marker, key)
    for old in _history(record, key).values():
        keys.add(old)
    return record


def key_by_device(folder: Path, marker: Marker, device: str, keys: TeamKeys) -> bytes | None:
    """The marker's key, opened with this computer's own device key (no passphrase)."""
    if marker.epoch == 0:
        return None
    record = read_record(folder)
    if record is None or record.get("key_id") != marker.key_id:
        return None
    listed = record.get("members")
    entry = listed.get(device) if isinstance(listed, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("wrap"), dict):
        return None
    private = keys.device_key(device)
    if private is None:
        return None
    key = crypto.unwrap_for_device(entry["wrap"], private,
                                   _ctx("device", marker.folder_id, marker.epoch, device, marker.key_id))
    if key is None or crypto.key_id(key) != marker.key_id:
        return None
    if verified_record(folder, marker, key) is None:
        return None
    previous = record.get("previous_key_id")
    old = keys.get(str(previous)) if previous else None
    if old is not None and not hmac.compare_digest(_mac(record, old, "chain"), str(record.get("chain"))):
        return None   # not made by someone holding the key this computer had
    return key


def unlock(marker: Marker, passphrase: str, keys: TeamKeys) -> bytes:
    try:
        return keys.unlock(marker.wrapped_key, passphrase)
    except crypto.WrongPassphrase:
        if not marker.epoch:
            raise
        when = _when(marker.key_changed)
        raise crypto.WrongPassphrase(
            "That passphrase does not open the team key. The team key was changed"
            + (f" on {when:%d %B %Y}" if when else "") + ", with a new passphrase; ask a colleague "
            "in the team for it. Nothing was changed.") from None


def changed_sentence(marker: Marker, keys: TeamKeys) -> str:
    """Why a member who synced before needs a passphrase now: the key changed."""
    when = _when(marker.key_changed)
    head = ("The team key was changed" + (f" on {when:%d %B %Y}" if when else "")
            + " (someone was removed from the team, or the folder was set up afresh).")
    if keys.keyring_missing or not keys.uses_keyring:
        return head + " Give the new team passphrase (ask a colleague in the team for it) to carry on."
    return head + (" This computer did not receive the new key by itself, so give the new team "
                   "passphrase once (ask a colleague in the team for it) to carry on.")


# --- members ------------------------------------------------------------------------------

@dataclass
class Member:
    device: str
    name: str
    last_seen: datetime | None
    device_key: bool        # receives a new key without typing the passphrase
    me: bool = False


@dataclass
class Removed:
    device: str
    name: str
    when: datetime | None


@dataclass
class TeamInfo:
    folder: Path
    epoch: int
    key_changed: datetime | None
    changed_by: str | None
    members: list[Member] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    locked: bool = False    # this computer has no key yet: names are not shown

    def as_dict(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "epoch": self.epoch,
                "key_changed": self.key_changed.isoformat() if self.key_changed else None,
                "changed_by": self.changed_by, "locked": self.locked,
                "members": [{"device": m.device, "name": m.name, "me": m.me,
                             "last_seen": m.last_seen.isoformat() if m.last_seen else None,
                             "device_key": m.device_key} for m in self.members],
                "removed": [{"device": r.device, "name": r.name,
                             "when": r.when.isoformat() if r.when else None} for r in self.removed]}


def _last_seen(path: Path) -> datetime | None:
    newest = 0
    try:
        with os.scandir(path) as it:
            for e in it:
                try:
                    if e.is_file(follow_symlinks=False):
                        newest = max(newest, e.stat(follow_symlinks=False).st_mtime_ns)
                except OSError:
                    continue
    except OSError:
        return None
    return datetime.fromtimestamp(newest / 1e9, timezone.utc) if newest else None


def _member_bind(folder_id: str, device: str) -> bytes:
    return crypto.bind("member", FORMAT, folder_id, device)


def read_member(path: Path, folder_id: str, device: str,
                key_for: Callable[[str], bytes | None]) -> tuple[dict[str, Any], str] | None:
    """A device's member file and the id of the key it was sealed with, or None."""
    try:
        data = read_plain_file(path / MEMBER_FILE, crypto.LIMITS[crypto.KIND_MEMBER][0])
        kid = crypto.read_header(data).key_id
        plain = crypto.unseal(data, crypto.KIND_MEMBER, team_keys=key_for,
                              bound=_member_bind(folder_id, device))
        entry = json.loads(plain)
    except (OSError, ValueError, RecursionError, crypto.CryptoError):
        return None
    if not isinstance(entry, dict) or entry.get("device") != device or kid is None:
        return None
    return entry, kid


def member_file(store: Store, keys: TeamKeys, folder_id: str, key: bytes) -> bytes:
    own = store.device_id
    private = keys.device_key(own, create=True)
    entry = {"device": own, "name": device_name(store)[:80],
             "public": base64.b64encode(crypto.device_public(private)).decode() if private else None}
    return crypto.seal(json.dumps(entry, sort_keys=True).encode(), crypto.KIND_MEMBER, team_key=key,
                       bound=_member_bind(folder_id, own))


def member_digest(store: Store, keys: TeamKeys, key_id: str) -> str:
    private = keys.device_key(store.device_id, create=True)
    public = crypto.device_public(private).hex() if private else ""
    return hashlib.sha256(f"{key_id}|{device_name(store)}|{public}".encode()).hexdigest()[:16]


def _roster(folder: Path, marker: Marker, key: bytes | None, keys: TeamKeys,
            record: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """device -> {"name", "public" (trusted public key or None), "path"} for every device
    folder of a computer that has not been removed."""
    removed = removed_devices(record)
    previous = {d: e.get("public") for d, e in ((record or {}).get("members") or {}).items()
                if isinstance(e, dict)}
    names = _names(record, key) if key else {}

    def key_for(kid: str) -> bytes | None:
        return key if key is not None and kid == marker.key_id else keys.get(kid)

    out = {}
    for device, path in sorted(list_devices(folder).items()):
        if device in removed:
            continue
        found = read_member(path, marker.folder_id, device, key_for)
        name, public = names.get(device), previous.get(device)
        if found is not None:
            entry, kid = found
            name = str(entry.get("name") or name or "")
            if kid == marker.key_id and not public:
                # Sealed with the current key, and no public key recorded at the last
                # change (which is kept: a key swapped in since by someone who held the
                # key does not replace it; a member whose device key really changed types
                # the passphrase once).
                public = entry.get("public")
        out[device] = {"name": name or f"Computer {device[:8]}", "public": public, "path": path}
    return out


def members(store: Store, folder: str | Path, keys: TeamKeys) -> TeamInfo:
    """Who is in the team (device names, last seen) and when the key last changed."""
    folder = Path(folder).expanduser().absolute()
    if not reachable(folder):
        raise FolderError(f"The shared folder {folder} cannot be reached (is the drive connected "
                          f"and the network up?).")
    marker = read_marker(folder)
    if marker is None:
        raise FolderError(f"{folder} is not set up as a team's shared folder yet, so it has no "
                          f"members. Sync with it first.")
    key = keys.get(marker.key_id) or key_by_device(folder, marker, store.device_id, keys)
    record = verified_record(folder, marker, key) if key else None
    roster = _roster(folder, marker, key, keys, record)
    names = _names(record, key) if key else {}
    info = TeamInfo(folder, marker.epoch, _when(marker.key_changed) or _when(marker.created),
                    names.get(str((record or {}).get("changed_by"))) if record else None,
                    locked=key is None)
    for device, entry in roster.items():
        info.members.append(Member(device, entry["name"], _last_seen(entry["path"]),
                                   bool(entry["public"]), device == store.device_id))
    for device, entry in sorted(((record or {}).get("removed") or {}).items()):
        info.removed.append(Removed(device, names.get(device, f"Computer {device[:8]}"),
                                    _when(entry.get("when") if isinstance(entry, dict) else None)))
    info.members.sort(key=lambda m: (not m.me, m.name.casefold(), m.device))
    return info


# --- changing the key ---------------------------------------------------------------------

@dataclass
class Rotation:
    epoch: int
    key_id: str
    removed: list[str]
    by_device: list[str]        # names of members whose device key received the new key
    by_passphrase: list[str]    # names of members who must type the new passphrase once
    removed_names: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = ["Made a new team key; everything written from now on is readable only with it."]
        if self.removed_names:
            out.append("Removed from the team: " + ", ".join(self.removed_names) + ". They cannot read "
                       "anything written from now on.")
        if self.by_device:
            out.append("These computers receive the new key by themselves at their next sync: "
                       + ", ".join(self.by_device) + ".")
        if self.by_passphrase:
            out.append("These computers have no keyring, so their users type the new passphrase at "
                       "their next sync: " + ", ".join(self.by_passphrase) + ".")
        return out


def _resolve(wanted: str, roster: dict[str, dict[str, Any]], own: str) -> str:
    text = wanted.strip()
    if not text:
        raise InputError("Say which computer to remove, by its name or device id "
                         "(wss-desktop team list shows them).")
    found = match_devices(text, roster, lambda d: (roster[d]["name"],))
    if not found:
        raise InputError(f"No computer in the team is called '{text}'. Use a name or device id "
                         f"from the list of members (wss-desktop team list); nothing was changed.")
    if len(found) > 1:
        raise InputError(f"More than one computer in the team is called '{text}'. Use its device "
                         f"id instead (wss-desktop team list shows it); nothing was changed.")
    if found[0] == own:
        raise InputError("You cannot remove this computer from the team yourself; a colleague "
                         "removes it from theirs. Nothing was changed.")
    return found[0]


def build_record(*, marker_folder_id: str, epoch: int, key: bytes, previous: bytes | None,
                 wrapped: dict[str, Any], roster: dict[str, dict[str, Any]], names: dict[str, str], removed: dict[str, Any],
                 history: dict[str, bytes], changed_by: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """The key file of a new epoch; with the names of members reached by device and not."""
    kid = crypto.key_id(key)
    entries: dict[str, dict[str, Any]] = {}
    by_device: list[str] = []
    by_passphrase: list[str] = []
    for device, entry in roster.items():
        public = entry.get("public")
        wrap = None
        if public:
            try:
                raw = base64.b64decode(public)
                wrap = crypto.wrap_for_device(key, raw, _ctx("device", marker_folder_id, epoch, device, kid))
            except ValueError:
                wrap = None
        entries[device] = {"public": public if wrap else None, "wrap": wrap}
        if device != changed_by:
            (by_device if wrap else by_passphrase).append(entry["name"])
    record = {"app": "WSS Review Desktop", "format": FORMAT, "folder_id": marker_folder_id,
              "epoch": epoch, "key_id": kid,
              "previous_key_id": crypto.key_id(previous) if previous else None,
              "changed": _now(), "changed_by": changed_by, "team_key": wrapped,
              "members": entries, "removed": removed,
              "history": [{"key_id": old_id, **crypto.seal_small(old, key, _ctx("history", marker_folder_id, old_id))}
                          for old_id, old in sorted(history.items()) if old_id != kid],
              "names": crypto.seal_small(json.dumps(names, sort_keys=True).encode(), key,
                                         _ctx("names", marker_folder_id, kid))}
    record["mac"] = _mac(record, key, "mac")
    record["chain"] = _mac(record, previous, "chain") if previous else None
    return record, by_device, by_passphrase


def rotate(store: Store, paths: Paths, folder: str | Path, keys: TeamKeys, *, new_passphrase: str,
           passphrase: str | None = None, remove: Iterable[str] = ()) -> Rotation:
    """Make a new team key (a new epoch), leaving out the computers in `remove`.

    Everything is checked before anything is written: a bad name, this computer, a weak
    passphrase, a missing key or an unreachable folder leaves the folder as it was."""
    from ..passphrase import check_new
    folder = Path(folder).expanduser().absolute()
    check_new(new_passphrase)
    lock = SyncLock(paths.sync_state / "sync.lock")
    if not lock.acquire():
        raise FolderError("This data folder is syncing right now. Try again in a moment; nothing "
                          "was changed.")
    try:
        if not reachable(folder):
            raise FolderError(f"The shared folder {folder} cannot be reached (is the drive "
                              f"connected?). Nothing was changed.")
        marker = read_marker(folder)
        if marker is None:
            raise FolderError(f"{folder} is not set up as a team's shared folder yet; sync with it "
                              f"first. Nothing was changed.")
        own = store.device_id
        key = keys.get(marker.key_id) or key_by_device(folder, marker, own, keys)
        if key is None:
            if not passphrase:
                raise PassphraseNeeded(keys.why_passphrase("change the team key"))
            key = unlock(marker, passphrase, keys)
        record = learn(folder, marker, key, keys)
        roster = _roster(folder, marker, key, keys, record)
        chosen = sorted({_resolve(w, roster, own) for w in remove})
        new_key = crypto.new_team_key()
        epoch = marker.epoch + 1
        names = {**_names(record, key), **{d: e["name"] for d, e in roster.items()}}
        names[own] = device_name(store)
        removed = dict((record or {}).get("removed") or {})
        for device in chosen:
            there = [n for n in (numbered(p.name) for p in roster[device]["path"].iterdir()) if n]
            removed[device] = {"epoch": epoch, "upto": max(there, default=0), "when": _now()}
        remaining = {d: e for d, e in roster.items() if d not in chosen}
        private = keys.device_key(own, create=True)
        remaining.setdefault(own, {"name": names[own], "public": None, "path": None})
        if private:
            remaining[own] = {**remaining[own], "public": base64.b64encode(crypto.device_public(private)).decode()}
        history = {**_history(record, key), crypto.key_id(key): key}
        wrapped = crypto.wrap_team_key(new_key, new_passphrase, crypto.cost_of(marker.wrapped_key))
        new_record, by_device, by_passphrase = build_record(
            marker_folder_id=marker.folder_id, epoch=epoch, key=new_key, previous=key,
            wrapped=wrapped, roster=remaining, names=names, removed=removed, history=history,
            changed_by=own)
        new_marker = Marker(marker.folder_id, wrapped["key_id"], wrapped, marker.created, epoch,
                            new_record["changed"])
        try:
            replace_file(folder, KEY_FILE, (json.dumps(new_record, indent=1) + "\n").encode())
            replace_file(folder, MARKER, new_marker.to_json().encode("utf-8"))
        except OSError as exc:
            raise write_failure(exc, folder) from None
        keys.add(new_key)
        return Rotation(epoch, new_marker.key_id, chosen, by_device, by_passphrase,
                        [roster[d]["name"] for d in chosen])
    finally:
        lock.release()


def afresh_record(folder: Path, *, old_folder_id: str | None, folder_id: str, epoch: int,
                  key: bytes, previous: bytes | None, wrapped: dict[str, Any], store: Store,
                  keys: TeamKeys) -> dict[str, Any]:
    """The key file for a folder set up again ("start afresh") with a new key: every
    device folder still there whose member file opens with the key this computer held
    gets the new key by its device key; the held key becomes history."""
    roster: dict[str, dict[str, Any]] = {}
    if previous is not None and old_folder_id:
        old_id = crypto.key_id(previous)
        for device, path in sorted(list_devices(folder).items()):
            found = read_member(path, old_folder_id, device, keys.get)
            if found is None:
                continue
            entry, kid = found
            roster[device] = {"name": str(entry.get("name") or f"Computer {device[:8]}"),
                              "public": entry.get("public") if kid == old_id else None, "path": path}
    own = store.device_id
    private = keys.device_key(own, create=True)
    roster[own] = {"name": device_name(store),
                   "public": base64.b64encode(crypto.device_public(private)).decode() if private else None,
                   "path": None}
    history = {crypto.key_id(previous): previous} if previous is not None else {}
    record, _, _ = build_record(marker_folder_id=folder_id, epoch=epoch, key=key, previous=previous,
                                wrapped=wrapped, roster=roster,
                                names={d: e["name"] for d, e in roster.items()}, removed={},
                                history=history, changed_by=own)
    return record


__all__ = ["KEY_FILE", "MEMBER_FILE", "DEVICE_NAME", "Member", "Removed", "TeamInfo", "Rotation",
           "members", "rotate", "device_name", "key_by_device", "unlock", "learn", "removed_devices"]
