"""Shared pieces of the sync tests: an in-memory keyring, cheap key stretching, devices.

Tests never touch a real keyring: `memory_keyring` installs a fresh in-memory
backend for each test and puts the previous one back afterwards.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from wss_desktop.core.sync import crypto
from wss_desktop.core.sync.keys import TeamKeys
from wss_desktop.core.sync.service import SyncReport, sync_folder
from wss_desktop.core.workspace import Workspace

PASSPHRASE = "correct horse battery staple"
# Cheap enough for tests; production files use crypto.STRONG (2**17, r=8).
FAST = crypto.ScryptCost(12, 8, 1)


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=False)
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def fast_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "STRONG", FAST)


class Device:
    """One computer: a data folder, its own key memory (no shared keyring between devices)."""

    def __init__(self, root: Path, name: str):
        self.root = root / name
        self.ws = Workspace.open(self.root)
        self.keys = TeamKeys(use_keyring=False)

    def sync(self, folder: Path, passphrase: str | None = PASSPHRASE, **kw) -> SyncReport:
        return sync_folder(self.ws.store, self.ws.paths, folder, self.keys, passphrase=passphrase, **kw)

    def close(self) -> None:
        self.ws.close()


def state(ws: Workspace) -> dict:
    """Everything a user could see, for comparing databases."""
    from wss_desktop.core import model
    out = {}
    for kind in model.RECORD_TYPES:
        out[kind.table] = sorted((r.to_dict() for r in ws.store.list(kind, include_deleted=True)),
                                 key=lambda d: d["id"])
    out["conflicts"] = sorted((c.tbl, c.rec, c.field, tuple(sorted((v.hlc, v.device, str(v.value))
                                                                     for v in c.versions)))
                              for c in ws.store.conflicts())
    return out


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())
