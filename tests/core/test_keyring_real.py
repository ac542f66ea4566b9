"""The app against a real Secret Service keyring (GNOME Keyring on a private session bus).

The keyring is started by tests/keyring_support.py with a test password, headless;
these run beside the tests that use the in-memory keyring.
"""

from __future__ import annotations

import base64
import subprocess

import pytest
from keyring_support import gnome_keyring  # noqa: F401
from sync_support import Device, fast_kdf  # noqa: F401

from wss_desktop.core import secrets
from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync.keys import TeamKeys

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.slow]


def test_the_secret_service_counts_as_a_safe_keyring(gnome_keyring):
    assert secrets.probe().state is secrets.KeyringState.READY


def test_the_team_key_is_kept_in_gnome_keyring_and_the_passphrase_is_asked_once(tmp_path, gnome_keyring):
    shared = tmp_path / "shared"
    shared.mkdir()
    a = Device(tmp_path, "a")
    a.keys = TeamKeys()
    add_demo(a.ws)
    assert a.sync(shared).problem is None
    (team_key,) = a.keys._memory.values()
    assert base64.b64encode(team_key).decode() in gnome_keyring.stored().values()
    # Another process (a new session) reads it from the keyring: no passphrase.
    a.keys = TeamKeys()
    assert a.sync(shared, passphrase=None).problem is None
    # secret-tool, the desktop's own tool, sees the same secret.
    found = subprocess.run(["secret-tool", "search", "--all", "service", secrets.SERVICE],
                           env=gnome_keyring.env, capture_output=True, text=True, timeout=30)
    assert "team-key-" in found.stdout + found.stderr
    a.close()


def test_a_locked_gnome_keyring_is_reported_as_locked(gnome_keyring):
    assert secrets.save_team_key("abcd", bytes(range(32)))
    gnome_keyring.lock()
    status = secrets.probe()
    assert status.state is secrets.KeyringState.LOCKED
    assert "Unlock it" in status.message
    with pytest.raises(secrets.KeyringIsLocked):
        secrets.load_team_key("abcd")


def test_the_app_in_its_own_process_keeps_the_database_key_in_gnome_keyring(tmp_path, gnome_keyring):
    """No test seams: a separate process picks the Secret Service by itself, makes the
    database key at first run, keeps it there, and a later process opens the encrypted
    database with it and no passphrase."""
    import os
    import sys

    from wss_desktop.core import atrest
    env = {k: v for k, v in gnome_keyring.env.items() if k != atrest.ENV_PASSPHRASE}
    env["WSS_CONFIG_DIR"] = str(tmp_path / "config")
    data = tmp_path / "data"

    def cli(*argv):
        return subprocess.run([sys.executable, "-m", "wss_desktop.cli", "--data-dir", str(data), *argv],
                              env=env, capture_output=True, text=True, timeout=120)

    made = cli("demo")
    assert made.returncode == 0, made.stderr
    kf = atrest.read_key_file(data)
    assert kf.in_keyring and kf.wrapped is None       # no passphrase anywhere: the keyring alone
    assert any(f"database-key-{kf.key_id}" in label for label in gnome_keyring.stored())
    listed = cli("review", "list")
    assert listed.returncode == 0 and "Hollinbrook" in listed.stdout, listed.stderr
    assert b"Hollinbrook" not in (data / "wss.sqlite3").read_bytes()
    assert os.environ.get(atrest.ENV_PASSPHRASE)      # the test process's own is untouched
