"""The only code that talks to the operating system's keyring.

The team key that encrypts the shared folder and exchanged files is kept here and
nowhere else on disk. Where there is no usable keyring (a Linux desktop without a
secret service, a locked-down machine), `KeyringUnavailable` says so and the sync
code asks for the team passphrase on every run instead of remembering the key.
"""

from __future__ import annotations

import base64

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from .errors import UserError

SERVICE = "WSS Review Desktop"
NO_KEYRING = ("This computer has no keyring (password store) that WSS Review Desktop can use, "
              "so the team key cannot be remembered between runs and the team passphrase is "
              "needed every time you sync or open a file.")


class KeyringUnavailable(UserError):
    pass


def _user(key_id: str) -> str:
    return f"team-key-{key_id}"


def _backend_usable() -> bool:
    backend = keyring.get_keyring()
    # The "fail" backend (and anything ranked below zero) stores nothing.
    return getattr(backend, "priority", 1) > 0 and type(backend).__module__ != "keyring.backends.fail"


def keyring_available() -> bool:
    try:
        return _backend_usable()
    except Exception:  # a broken keyring plug-in must not stop the app
        return False


def load_team_key(key_id: str) -> bytes | None:
    """The team key with this id, or None if this computer has not stored it."""
    if not keyring_available():
        raise KeyringUnavailable(NO_KEYRING)
    try:
        text = keyring.get_password(SERVICE, _user(key_id))
    except NoKeyringError:
        raise KeyringUnavailable(NO_KEYRING) from None
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring could not be read ({exc}). Unlock it, or give the "
                                 f"team passphrase.") from None
    if not text:
        return None
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def save_team_key(key_id: str, key: bytes) -> bool:
    """Remember the team key; False when there is no keyring to keep it in."""
    if not keyring_available():
        return False
    try:
        keyring.set_password(SERVICE, _user(key_id), base64.b64encode(key).decode("ascii"))
    except KeyringError:
        return False
    return True


def forget_team_key(key_id: str) -> None:
    try:
        keyring.delete_password(SERVICE, _user(key_id))
    except (PasswordDeleteError, KeyringError):
        pass


__all__ = ["KeyringUnavailable", "NO_KEYRING", "SERVICE", "keyring_available", "load_team_key",
           "save_team_key", "forget_team_key"]
