"""Team key rotation benchmark (issue 12): what removing a member costs, and what a
remaining member's next sync pays to pick up the new key.

    python bench/bench_rotation.py [--runs 3]

1. `team.rotate` removing one of three members, at the app's key-stretching cost
   (crypto.STRONG), beside its floor: one scrypt derivation at that cost (the new
   passphrase must be stretched once whatever else is done).
2. Opening the new key at a remaining member's next sync: by its device key
   (X25519, no passphrase), beside by the new passphrase (one scrypt derivation).

Each computer has its own in-memory keyring (standing in for GNOME Keyring, which
the tests use for real). Figures are printed and merged into bench/results.json
under "rotation".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from results import record  # noqa: E402

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from wss_desktop.core import secrets  # noqa: E402
from wss_desktop.core.demo import add_demo  # noqa: E402
from wss_desktop.core.sync import crypto, team  # noqa: E402
from wss_desktop.core.sync.folder import read_marker  # noqa: E402
from wss_desktop.core.sync.keys import TeamKeys  # noqa: E402
from wss_desktop.core.sync.service import sync_folder  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

PASSPHRASE = "bench team passphrase for fictional data"


class Ring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.p: dict = {}

    def get_password(self, service, username):
        return self.p.get((service, username))

    def set_password(self, service, username, password):
        self.p[(service, username)] = password

    def delete_password(self, service, username):
        self.p.pop((service, username), None)


secrets.ENCRYPTED_BACKENDS.add(f"{Ring.__module__}.Ring")


def one_run(root: Path) -> dict:
    shared = root / "shared"
    shared.mkdir()
    rings = {n: Ring() for n in "abc"}
    spaces = {}
    for n in "abc":
        keyring.set_keyring(rings[n])
        ws = Workspace.open(root / n)
        ws.store.set_setting(team.DEVICE_NAME, f"Computer {n.upper()}")
        spaces[n] = ws
    add_demo(spaces["a"])
    for n in "abc":
        keyring.set_keyring(rings[n])
        ws = spaces[n]
        sync_folder(ws.store, ws.paths, shared, TeamKeys(), passphrase=PASSPHRASE)
    a, b = spaces["a"], spaces["b"]
    keyring.set_keyring(rings["a"])
    keys = TeamKeys()
    keys.get(read_marker(shared).key_id)      # held, as after a sync in the same session
    started = time.perf_counter()
    team.rotate(a.store, a.paths, shared, keys, new_passphrase=PASSPHRASE + " new",
                remove=["Computer C"])
    rotate_s = time.perf_counter() - started
    marker = read_marker(shared)
    salt = os.urandom(16)
    started = time.perf_counter()
    crypto.derive(PASSPHRASE, salt, crypto.cost_of(marker.wrapped_key))
    floor_s = time.perf_counter() - started
    keyring.set_keyring(rings["b"])
    started = time.perf_counter()
    got = team.key_by_device(shared, marker, b.store.device_id, TeamKeys())
    device_s = time.perf_counter() - started
    assert got is not None
    started = time.perf_counter()
    TeamKeys(use_keyring=False).unlock(marker.wrapped_key, PASSPHRASE + " new")
    passphrase_s = time.perf_counter() - started
    for ws in spaces.values():
        ws.close()
    return {"rotate_s": rotate_s, "floor_scrypt_s": floor_s, "by_device_ms": device_s * 1000,
            "by_passphrase_s": passphrase_s}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(one_run(Path(tmp)))
    med = {k: round(statistics.median(r[k] for r in runs), 4) for k in runs[0]}
    print(f"Remove one of three members: {med['rotate_s']:.2f} s "
          f"(floor: one scrypt at the marker's cost {med['floor_scrypt_s']:.2f} s)")
    print(f"A remaining member opens the new key: by device key {med['by_device_ms']:.2f} ms, "
          f"by passphrase {med['by_passphrase_s']:.2f} s")
    record("rotation", {"runs": args.runs, "cost": vars(crypto.STRONG), **med})


if __name__ == "__main__":
    main()
