"""Which keyrings may hold keys: only those that keep secrets encrypted.

keyrings.alt's plaintext file (base64 only) and its "encrypted" file (whose password
is kept beside it unless typed each time) are refused with a sentence saying why,
and the app then needs the passphrase each time; nothing that could rebuild a key
reaches any file. A locked keyring is reported as locked, with how to unlock it.
"""

from __future__ import annotations

import base64

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked
from keyrings.alt.file import PlaintextKeyring
from sync_support import PASSPHRASE, Device, fast_kdf  # noqa: F401

from wss_desktop.core import atrest, secrets
from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync.keys import PassphraseNeeded, TeamKeys

pytestmark = pytest.mark.usefixtures("fast_kdf")


def key_forms(key: bytes) -> list[bytes]:
    """The ways a key could be written down: raw, hex, base64 (and without padding)."""
    b64 = base64.b64encode(key)
    return [key, key.hex().encode(), key.hex().upper().encode(), b64, b64.rstrip(b"="),
            base64.urlsafe_b64encode(key).rstrip(b"=")]


def files_holding(root, secret_keys: list[bytes]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            for key in secret_keys:
                if any(form in data for form in key_forms(key)):
                    found.append(str(path.relative_to(root)))
    return found


@pytest.fixture
def plaintext_keyring(tmp_path, monkeypatch):
    """keyrings.alt's plaintext file keyring as the only one, its file under tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    ring = PlaintextKeyring()
    keyring.set_keyring(ring)
    return ring


def test_a_plaintext_keyring_is_refused_with_a_sentence_saying_why(plaintext_keyring):
    status = secrets.status()
    assert status.state is secrets.KeyringState.REFUSED
    assert "not properly encrypted" in status.message and "passphrase is needed" in status.message
    assert not secrets.save_team_key("abcd", bytes(32))
    with pytest.raises(secrets.KeyringUnavailable, match="not properly encrypted"):
        secrets.load_team_key("abcd")


def test_with_only_a_plaintext_keyring_no_key_material_reaches_any_file(tmp_path, plaintext_keyring):
    shared = tmp_path / "shared"
    shared.mkdir()
    a = Device(tmp_path, "a")
    a.keys = TeamKeys()               # would use the OS keyring if it were acceptable
    add_demo(a.ws)
    assert a.sync(shared).problem is None
    # The team key, and the key that encrypts this computer's database.
    team_keys = list(a.keys._memory.values()) + list(atrest._unlocked.values())
    assert len(team_keys) == 2
    # The next session needs the passphrase again, and is told why.
    a.keys = TeamKeys()
    with pytest.raises(PassphraseNeeded, match="not properly encrypted"):
        a.sync(shared, passphrase=None)
    assert a.sync(shared).problem is None
    a.close()
    assert files_holding(tmp_path, team_keys) == []
    assert not (tmp_path / "home" / ".local" / "share" / "python_keyring" / "keyring_pass.cfg").exists()


def test_an_accepted_keyring_does_keep_the_key(tmp_path):
    # The counterpart: the conftest's in-memory keyring counts as safe, and is used.
    shared = tmp_path / "shared"
    shared.mkdir()
    a = Device(tmp_path, "a")
    a.keys = TeamKeys()
    add_demo(a.ws)
    a.sync(shared)
    a.keys = TeamKeys()
    assert a.sync(shared, passphrase=None).problem is None
    a.close()


class LockedKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service, username, password):
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")


def test_a_locked_keyring_is_reported_as_locked_with_how_to_unlock_it(monkeypatch):
    monkeypatch.setattr(secrets, "ENCRYPTED_BACKENDS",
                        secrets.ENCRYPTED_BACKENDS | {f"{__name__}.LockedKeyring"})
    keyring.set_keyring(LockedKeyring())
    assert secrets.probe().state is secrets.KeyringState.LOCKED
    with pytest.raises(secrets.KeyringIsLocked, match="locked.*Unlock it"):
        secrets.load_team_key("abcd")
    keys = TeamKeys()
    assert keys.get("abcd") is None
    assert "locked" in keys.why_passphrase("sync") and "no keyring" not in keys.why_passphrase("sync")
