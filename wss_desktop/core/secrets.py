"""The only code that talks to the operating system's keyring.

Keys (the team key for the shared folder, the key that encrypts the database on
this computer) are kept here and nowhere else on disk in usable form.

Only keyrings that keep secrets encrypted count: the freedesktop Secret Service
(GNOME Keyring, KWallet's Secret Service), macOS Keychain, Windows Credential
Locker and KWallet itself. The plaintext and "encrypted file" fallbacks of
`keyrings.alt` (a base64 file, or a file whose password sits beside it) are refused
with a sentence saying why, exactly as if there were no keyring: the app then asks
for the passphrase each time and keeps keys in memory only. A keyring that exists
but is locked is reported as locked, with how to unlock it.
"""

from __future__ import annotations

import base64
import enum
from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError, KeyringLocked, NoKeyringError, PasswordDeleteError

from .errors import UserError

SERVICE = "WSS Review Desktop"
NO_KEYRING = ("This computer has no keyring (password store) that WSS Review Desktop can use, "
              "so the key cannot be remembered between runs and your passphrase is needed "
              "every time.")
REFUSED = ("This computer's keyring ({name}) keeps passwords in a file that is not properly "
           "encrypted, so WSS Review Desktop does not use it: anyone who copied that file could "
           "read your keys. Your passphrase is needed each time instead. To have it remembered "
           "safely, use your desktop's keyring (GNOME Keyring or KWallet on Linux, Keychain on "
           "a Mac, Credential Manager on Windows).")
LOCKED = ("Your keyring (password store) is locked, so WSS Review Desktop cannot read the key "
          "kept in it. Unlock it by logging in to your desktop again or by opening your "
          "keyring app (such as 'Passwords and Keys', and unlocking the 'Login' keyring), then "
          "try again; or give your passphrase now.")

# Backends that keep what they store encrypted by the operating system, by their
# module and class. Tests add their in-memory keyring here (tests/conftest.py).
ENCRYPTED_BACKENDS: set[str] = {
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
}


class KeyringState(enum.Enum):
    READY = "ready"
    NONE = "none"           # no keyring at all
    REFUSED = "refused"     # a keyring that keeps secrets in plaintext or a weak file
    LOCKED = "locked"


@dataclass(frozen=True)
class KeyringStatus:
    state: KeyringState
    backend: str
    message: str

    @property
    def usable(self) -> bool:
        return self.state is KeyringState.READY


class KeyringUnavailable(UserError):
    """No keyring may be used; `status` says why (none, refused or locked)."""

    def __init__(self, message: str, status: KeyringStatus | None = None):
        super().__init__(message)
        self.status = status


class KeyringIsLocked(KeyringUnavailable):
    pass


def _name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _accepted(backend: object) -> bool:
    return _name(backend) in ENCRYPTED_BACKENDS


def _safe(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend to keep keys in: `backend` itself when it is an accepted one; for
    keyring's chain of every available backend (what it picks when there are several,
    such as the Secret Service beside keyrings.alt's files), the highest-ranked accepted
    one alone, so a key is never written to, or read from, the others."""
    if _accepted(backend):
        return backend
    if _name(backend) == "keyring.backends.chainer.ChainerBackend":
        for child in getattr(backend, "backends", []):
            if _accepted(child):
                chosen: KeyringBackend = child
                return chosen
    return None


def _friendly_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__name__} from {cls.__module__.split('.')[0]}"


def _current() -> tuple[KeyringBackend | None, KeyringStatus]:
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring plug-in must not stop the app
        return None, KeyringStatus(KeyringState.NONE, "", NO_KEYRING)
    name = _name(backend)
    chosen = _safe(backend)
    if chosen is not None:
        return chosen, KeyringStatus(KeyringState.READY, _name(chosen), "")
    if name.startswith("keyring.backends.fail.") or name.startswith("keyring.backends.null.") or (
            name == "keyring.backends.chainer.ChainerBackend" and not getattr(backend, "backends", [])):
        return None, KeyringStatus(KeyringState.NONE, name, NO_KEYRING)
    shown = backend
    if name == "keyring.backends.chainer.ChainerBackend" and isinstance(backend, ChainerBackend):
        shown = backend.backends[0]
    return None, KeyringStatus(KeyringState.REFUSED, name, REFUSED.format(name=_friendly_name(shown)))


def status() -> KeyringStatus:
    """Whether keys can be kept in this computer's keyring, and if not, a sentence why."""
    return _current()[1]


def keyring_available() -> bool:
    return status().usable


def _check() -> KeyringBackend:
    backend, current = _current()
    if backend is None:
        raise KeyringUnavailable(current.message, current)
    return backend


def _locked_status() -> KeyringStatus:
    backend = keyring.get_keyring()
    return KeyringStatus(KeyringState.LOCKED, _name(backend), LOCKED)


def _locked() -> KeyringIsLocked:
    return KeyringIsLocked(LOCKED, _locked_status())


def probe() -> KeyringStatus:
    """Like `status`, but also asks the keyring whether it is unlocked (which may show the
    desktop's unlock prompt)."""
    backend, current = _current()
    if backend is None:
        return current
    try:
        backend.get_password(SERVICE, "probe")
    except KeyringLocked:
        return _locked_status()
    except (NoKeyringError, KeyringError):
        return KeyringStatus(KeyringState.NONE, current.backend, NO_KEYRING)
    except Exception:
        return KeyringStatus(KeyringState.NONE, current.backend, NO_KEYRING)
    return current


def load_secret(user: str) -> bytes | None:
    """A 32-byte key kept under `user`, or None if this computer has not stored it.

    KeyringUnavailable (or KeyringIsLocked) when the keyring cannot or may not be used."""
    backend = _check()
    try:
        text = backend.get_password(SERVICE, user)
    except KeyringLocked:
        raise _locked() from None
    except NoKeyringError:
        raise KeyringUnavailable(NO_KEYRING) from None
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring could not be read ({exc}). Unlock it, or give "
                                 f"your passphrase.") from None
    if not text:
        return None
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def save_secret(user: str, key: bytes) -> bool:
    """Remember a key; False when there is no acceptable, unlocked keyring to keep it in."""
    backend = _current()[0]
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, user, base64.b64encode(key).decode("ascii"))
    except KeyringError:
        return False
    return True


def forget_secret(user: str) -> None:
    backend = _current()[0]
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, user)
    except (PasswordDeleteError, KeyringError):
        pass


def _team_user(key_id: str) -> str:
    return f"team-key-{key_id}"


def load_team_key(key_id: str) -> bytes | None:
    """The team key with this id, or None if this computer has not stored it."""
    return load_secret(_team_user(key_id))


def save_team_key(key_id: str, key: bytes) -> bool:
    return save_secret(_team_user(key_id), key)


def forget_team_key(key_id: str) -> None:
    forget_secret(_team_user(key_id))


__all__ = ["KeyringUnavailable", "KeyringIsLocked", "KeyringState", "KeyringStatus", "NO_KEYRING",
           "SERVICE", "ENCRYPTED_BACKENDS", "status", "probe", "keyring_available", "load_secret",
           "save_secret", "forget_secret", "load_team_key", "save_team_key", "forget_team_key"]
