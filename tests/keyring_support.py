"""A real Secret Service keyring for tests: GNOME Keyring on a private D-Bus session bus.

`secret_service` starts `dbus-daemon --session` and `gnome-keyring-daemon --unlock`
(unlocked with a known test password read from its standard input) in a folder of
the test's own, points this process (and any child it starts) at that bus, installs
keyring's SecretService backend, and stops both daemons afterwards. It needs no
display: nothing here ever prompts. scripts/setup.sh --test installs the programs.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import keyring
import pytest

TEST_PASSWORD = "wss-test-keyring-password"
PROGRAMS = ("dbus-daemon", "gnome-keyring-daemon")


@dataclass
class SecretService:
    env: dict[str, str]          # the environment a child process needs to reach the keyring
    backend: object

    @contextmanager
    def collection(self):
        import secretstorage
        conn = secretstorage.dbus_init()
        try:
            yield secretstorage.get_default_collection(conn)
        finally:
            conn.close()

    def lock(self) -> None:
        with self.collection() as collection:
            collection.lock()

    def stored(self) -> dict[str, str]:
        """Every secret the app keeps in this keyring, by its label."""
        with self.collection() as collection:
            return {item.get_label(): item.get_secret().decode() for item in collection.get_all_items()}


def missing_programs() -> list[str]:
    return [p for p in PROGRAMS if shutil.which(p) is None]


def _wait_for_secrets(env: dict[str, str], daemon: subprocess.Popen, timeout: float = 15.0) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    deadline = time.monotonic() + timeout
    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                      interface="org.freedesktop.DBus")
    with open_dbus_connection(env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        while time.monotonic() < deadline:
            if daemon.poll() is not None:
                raise RuntimeError(f"gnome-keyring-daemon stopped (exit {daemon.returncode})")
            reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s",
                                                            ("org.freedesktop.secrets",)))
            if reply.body[0]:
                return
            time.sleep(0.05)
    raise RuntimeError("gnome-keyring-daemon did not offer the Secret Service in time")


@contextmanager
def secret_service(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    missing = missing_programs()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (scripts/setup.sh --test installs them)")
    home = folder / "home"
    runtime = folder / "run"
    home.mkdir(parents=True)
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    daemon = None
    try:
        address = bus.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(["gnome-keyring-daemon", "--unlock", "--foreground",
                                   "--components=secrets"], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        daemon.stdin.write(TEST_PASSWORD.encode())
        daemon.stdin.close()
        _wait_for_secrets(env, daemon)
        for name in ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                     "DBUS_SESSION_BUS_ADDRESS"):
            monkeypatch.setenv(name, env[name])
        monkeypatch.delenv("DISPLAY", raising=False)
        from keyring.backends import SecretService as backend_module
        backend = backend_module.Keyring()
        before = keyring.get_keyring()
        keyring.set_keyring(backend)
        try:
            yield SecretService(env, backend)
        finally:
            keyring.set_keyring(before)
            # keyring's SecretService backend opens a D-Bus connection per call and leaves
            # it to the garbage collector (the library's habit): close them here, quietly.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                gc.collect()
    finally:
        for process in (daemon, bus):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if bus.stdout:
            bus.stdout.close()


@pytest.fixture
def gnome_keyring(tmp_path, monkeypatch):
    with secret_service(tmp_path / "keyring", monkeypatch) as service:
        yield service
