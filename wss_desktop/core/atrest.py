"""The key that encrypts this computer's data at rest (the database, with SQLCipher).

Each data folder has a random 256-bit key, made when the folder is first opened. Its
public name and, where a passphrase was chosen, a copy wrapped by that passphrase
(scrypt, the same costs as the team's, kept per file so they can be raised later) sit
in `wss.key.json` beside the database; the key itself is kept only in the OS keyring
(core/secrets.py, encrypted keyrings only) and in this process's memory.

Where there is no acceptable keyring the user chooses a passphrase at first run and
gives it each time the app starts (the desktop app's unlock dialog; scripts put it in
the WSS_UNLOCK_PASSPHRASE environment variable, never on the command line, where
other users of the computer could read it). Where a passphrase is given even though
a keyring exists (scripts, tests), the wrapped copy is kept too, so either unlocks.

Nothing here ever talks to a server: the passphrase unlocks a file on this computer.
"""

from __future__ import annotations

from typing import Any
import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import secrets
from .errors import UserError

KEY_FILE = "wss.key.json"
ENV_PASSPHRASE = "WSS_UNLOCK_PASSPHRASE"
FORMAT = 1

# Keys unlocked in this process, by key id: the app asks for the passphrase once per run.
_unlocked: dict[str, bytes] = {}


class UnlockNeeded(UserError):
    """The data folder is locked and no passphrase was given; `new` when the user must
    choose one (first run on a computer without an acceptable keyring)."""

    def __init__(self, message: str, *, new: bool = False, reason: str = ""):
        super().__init__(message)
        self.new = new
        self.reason = reason


class WrongUnlockPassphrase(UserError):
    pass


class KeyNotHere(UserError):
    """The folder's key was only ever in a keyring, and this keyring does not have it."""


class KeyFileDamaged(UserError):
    pass


@dataclass(frozen=True)
class KeyFile:
    key_id: str
    wrapped: dict[str, Any] | None
    in_keyring: bool


def key_file(root: Path) -> Path:
    return Path(root) / KEY_FILE


def read_key_file(root: Path) -> KeyFile | None:
    path = key_file(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        kid = str(data["key_id"])
        wrapped = data.get("wrapped")
        if not (wrapped is None or isinstance(wrapped, dict)) or len(kid) != 16:
            raise ValueError
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise KeyFileDamaged(f"{path} is damaged, so the data in this folder cannot be unlocked. "
                             f"Restore the folder from a backup.") from None
    return KeyFile(kid, wrapped, bool(data.get("keyring")))


def _write_key_file(root: Path, kf: KeyFile) -> None:
    path = key_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"format": FORMAT, "key_id": kf.key_id, "keyring": kf.in_keyring,
                   "wrapped": kf.wrapped}, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _user(key_id: str) -> str:
    return f"database-key-{key_id}"


def _given(passphrase: str | None) -> str | None:
    return passphrase or os.environ.get(ENV_PASSPHRASE) or None


def _why_no_keyring() -> str:
    status = secrets.status()
    return status.message or secrets.NO_KEYRING


def database_key(root: str | os.PathLike[str], *, passphrase: str | None = None,
                 use_keyring: bool = True) -> bytes:
    """The key of the data folder `root`, made at first use.

    Looks in this process's memory, then the OS keyring, then unwraps with `passphrase`
    (or WSS_UNLOCK_PASSPHRASE). UnlockNeeded when none of these has it (with `new` set
    when a passphrase must be chosen); WrongUnlockPassphrase for a wrong one."""
    from .sync import crypto
    root = Path(root)
    kf = read_key_file(root)
    if kf is None:
        return _create(root, _given(passphrase), use_keyring)
    key = _unlocked.get(kf.key_id)
    if key is not None:
        return key
    reason = ""
    if use_keyring:
        try:
            key = secrets.load_secret(_user(kf.key_id))
        except secrets.KeyringUnavailable as exc:
            reason = str(exc)
        if key is not None and crypto.key_id(key) == kf.key_id:
            _unlocked[kf.key_id] = key
            return key
    else:
        reason = "This folder is opened without the keyring."
    given = _given(passphrase)
    if kf.wrapped is None:
        raise KeyNotHere(
            "The key that unlocks this data folder is kept in this computer's keyring, and the "
            "keyring does not have it (it may be another computer's folder, or the keyring was "
            "reset). " + (reason + " " if reason else "") +
            "Restore the folder from a backup, or open it on the computer it came from.")
    if not given:
        raise UnlockNeeded(
            (reason + " " if reason else "") + "Give the passphrase that unlocks WSS Review "
            f"Desktop on this computer (command line: set {ENV_PASSPHRASE}).", reason=reason)
    try:
        key = crypto.unwrap_team_key(kf.wrapped, given)
    except crypto.WrongPassphrase:
        raise WrongUnlockPassphrase("That passphrase does not unlock WSS Review Desktop on this "
                                    "computer. Check it and try again; nothing was changed.") from None
    except crypto.CryptoError as exc:
        raise KeyFileDamaged(str(exc)) from None
    _unlocked[kf.key_id] = key
    if use_keyring and not kf.in_keyring and secrets.save_secret(_user(kf.key_id), key):
        # A keyring that has appeared since (or been unlocked): no more typing.
        _write_key_file(root, KeyFile(kf.key_id, kf.wrapped, True))
    return key


def _create(root: Path, passphrase: str | None, use_keyring: bool) -> bytes:
    from .passphrase import check_new
    from .sync import crypto
    key = crypto.new_team_key()
    kid = crypto.key_id(key)
    stored = use_keyring and secrets.save_secret(_user(kid), key)
    if not stored and not passphrase:
        raise UnlockNeeded(
            (_why_no_keyring() + " " if use_keyring else "") +
            "Choose a passphrase to unlock WSS Review Desktop each time it starts: your reviews "
            "are kept encrypted on this computer, and only that passphrase opens them (command "
            f"line: set {ENV_PASSPHRASE}).", new=True, reason=_why_no_keyring())
    wrapped = None
    if passphrase:
        check_new(passphrase)
        wrapped = crypto.wrap_team_key(key, passphrase)
    _write_key_file(root, KeyFile(kid, wrapped, bool(stored)))
    _unlocked[kid] = key
    return key


def ephemeral_key(root: str | os.PathLike[str]) -> bytes:
    """A key for a throwaway folder (the self-test's), kept only in this process's memory:
    never in the keyring, never wrapped, so the folder cannot be opened again later."""
    from .sync import crypto
    root = Path(root)
    if read_key_file(root) is not None:
        return database_key(root)
    key = crypto.new_team_key()
    _write_key_file(root, KeyFile(crypto.key_id(key), None, False))
    _unlocked[crypto.key_id(key)] = key
    return key


def is_locked(root: str | os.PathLike[str]) -> bool:
    """Whether opening `root` would need a passphrase now (nothing is asked or made)."""
    kf = read_key_file(Path(root))
    if kf is None:
        return not secrets.keyring_available() and not os.environ.get(ENV_PASSPHRASE)
    if kf.key_id in _unlocked:
        return False
    try:
        if secrets.load_secret(_user(kf.key_id)) is not None:
            return False
    except secrets.KeyringUnavailable:
        pass
    return not os.environ.get(ENV_PASSPHRASE)


def lock_all() -> None:
    """Forget every key unlocked in this process."""
    _unlocked.clear()


__all__ = ["KEY_FILE", "ENV_PASSPHRASE", "UnlockNeeded", "WrongUnlockPassphrase", "KeyFileDamaged",
           "KeyNotHere",
           "database_key", "ephemeral_key", "read_key_file", "is_locked", "lock_all"]
