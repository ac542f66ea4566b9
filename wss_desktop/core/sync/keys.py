"""Where a team key comes from: this session's memory, the OS keyring, or the passphrase.

A key unwrapped with the passphrase is kept in the OS keyring (core/secrets.py) so
the passphrase is needed once per computer; where there is no keyring it is kept
only in memory for the session, and the messages say why the passphrase is needed
again next time. Keys are never written to a file in plain form.
"""

from __future__ import annotations

from typing import Any
from .. import secrets
from ..errors import UserError
from . import crypto


class PassphraseNeeded(UserError):
    """The operation needs the team (or pair) passphrase and none was given."""


class FolderNotSetUp(PassphraseNeeded):
    """The shared folder has no team yet: a new team passphrase (typed twice) sets it up."""


class TeamKeys:
    def __init__(self, *, use_keyring: bool = True):
        self._memory: dict[str, bytes] = {}
        self._devices: dict[str, bytes] = {}
        self._use_keyring = use_keyring
        self.keyring_missing = False
        # Why the keyring was not used (no keyring, a refused plaintext one, or locked).
        self.keyring_reason = secrets.NO_KEYRING

    def get(self, key_id: str) -> bytes | None:
        key = self._memory.get(key_id)
        if key is not None or not self._use_keyring:
            return key
        try:
            key = secrets.load_team_key(key_id)
        except secrets.KeyringUnavailable as exc:
            self.keyring_missing = True
            self.keyring_reason = str(exc)
            return None
        if key is not None and crypto.key_id(key) == key_id:
            self._memory[key_id] = key
            return key
        return None

    def add(self, key: bytes) -> str:
        """Keep a key for this session and, where possible, in the OS keyring."""
        kid = crypto.key_id(key)
        self._memory[kid] = key
        if self._use_keyring and not secrets.save_team_key(kid, key):
            self.keyring_missing = True
            self.keyring_reason = secrets.status().message or secrets.NO_KEYRING
        return kid

    @property
    def uses_keyring(self) -> bool:
        return self._use_keyring

    def device_key(self, device: str, *, create: bool = False) -> bytes | None:
        """This computer's own private device key (team.py), kept only in the OS keyring:
        None where there is no usable keyring (then the passphrase is typed instead)."""
        user = f"device-key-{device}"
        if user in self._devices:
            return self._devices[user]
        if not self._use_keyring:
            return None
        try:
            key = secrets.load_secret(user)
        except secrets.KeyringUnavailable as exc:
            self.keyring_missing, self.keyring_reason = True, str(exc)
            return None
        if key is None and create:
            candidate = crypto.new_device_key()
            if secrets.save_secret(user, candidate):
                key = candidate
        if key is not None:
            self._devices[user] = key
        return key

    def unlock(self, wrapped: dict[str, Any], passphrase: str) -> bytes:
        key = crypto.unwrap_team_key(wrapped, passphrase)
        self.add(key)
        return key

    def why_passphrase(self, action: str) -> str:
        """A sentence for PassphraseNeeded, saying why this computer has no key."""
        if self.keyring_missing:
            return f"{self.keyring_reason} Give the team passphrase to {action}."
        return (f"This computer does not hold your team's key yet. Give the team passphrase "
                f"once to {action}; after that it is kept in this computer's keyring.")
