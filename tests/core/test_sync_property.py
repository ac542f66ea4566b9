"""Several devices edit offline and swap change FILES through replicas of a shared folder,
in random order, with delays, duplicates and conflict copies; once everyone has
everything, every database holds the same review and no edit has vanished."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import keyring
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sync_support import FAST, PASSPHRASE, MemoryKeyring, assert_nothing_vanished, make_edit, state

from wss_desktop.core.sync import crypto
from wss_desktop.core.sync.folder import MARKER
from wss_desktop.core.sync.keys import TeamKeys
from wss_desktop.core.sync.service import sync_folder
from wss_desktop.core.workspace import Workspace

TEXTS = ["Calm start", "Visual timetable", "Word mats", "Pre-teaching", "Zoë's group", "Sensory break"]
DEVICES = 3


class Replica:
    """One device with its own copy of the shared folder (as a cloud client keeps one)."""

    def __init__(self, root: Path, i: int, keys: TeamKeys):
        self.ws = Workspace.open(root / f"d{i}")
        self.folder = root / f"view{i}"
        self.keys = keys

    def sync(self) -> None:
        sync_folder(self.ws.store, self.ws.paths, self.folder, self.keys, passphrase=PASSPHRASE)


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MARKER)


def deliver(src: Replica, dst: Replica, rng: random.Random, share: float) -> None:
    """The cloud copies some of src's view to dst's view: late, out of order, sometimes as a
    conflict copy or twice."""
    chosen = [p for p in files(src.folder) if rng.random() < share]
    rng.shuffle(chosen)
    for p in chosen:
        target = dst.folder / p.relative_to(src.folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy(p, target)
        elif p.suffix == ".wsc" and rng.random() < 0.2 and target.read_bytes() != p.read_bytes():
            shutil.copy(p, target.with_name(f"{target.stem}.sync-conflict-20260101-000000-X.wsc"))


step = st.one_of(
    st.tuples(st.just("rate"), st.integers(0, DEVICES - 1), st.sampled_from(["1.1", "1.2", "2.1"]),
              st.sampled_from(["emerging", "developing", "established", "enhanced"])),
    st.tuples(st.just("text"), st.integers(0, DEVICES - 1), st.sampled_from(["1.1", "1.2"]),
              st.sampled_from(TEXTS)),
    st.tuples(st.just("observe"), st.integers(0, DEVICES - 1), st.sampled_from(["Y1", "Y5"]),
              st.sampled_from(TEXTS)),
    st.tuples(st.just("edit-obs"), st.integers(0, DEVICES - 1), st.integers(0, 5), st.sampled_from(TEXTS)),
    st.tuples(st.just("delete-obs"), st.integers(0, DEVICES - 1), st.integers(0, 5), st.just("")),
    st.tuples(st.just("sync"), st.integers(0, DEVICES - 1), st.just(0), st.just("")),
    st.tuples(st.just("deliver"), st.integers(0, DEVICES - 1), st.integers(0, DEVICES - 1),
              st.integers(0, 10**6)),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=25))
# Always tried: two devices rewrite the same text before either has seen the other's.
@example([("text", 0, "1.1", TEXTS[0]), ("text", 1, "1.1", TEXTS[1]), ("sync", 1, 0, "")])
def test_devices_swapping_files_converge_and_no_edit_vanishes(steps):
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    strong, crypto.STRONG = crypto.STRONG, FAST
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), steps)
    finally:
        crypto.STRONG = strong
        keyring.set_keyring(before)


def run(root: Path, steps: list) -> None:
    keys = TeamKeys(use_keyring=False)
    devices = [Replica(root, i, keys) for i in range(DEVICES)]
    first = devices[0]
    first.folder.mkdir()
    rid = first.ws.new_review("Elm Row Primary", "send-review")
    first.sync()
    for other in devices[1:]:
        other.folder.mkdir()
        shutil.copy(first.folder / MARKER, other.folder / MARKER)
        deliver(first, other, random.Random(0), 1.0)
        other.sync()
    for kind, who, x, y in steps:
        device = devices[who]
        if make_edit(device.ws, rid, kind, who, x, y):
            continue
        if kind == "sync":
            device.sync()
        elif kind == "deliver" and x != who:
            deliver(device, devices[x], random.Random(y), 0.6)
    # Everyone sends, the cloud delivers everything everywhere, everyone reads.
    for d in devices:
        d.sync()
    for i, dst in enumerate(devices):
        for j, src in enumerate(devices):
            if i != j:
                deliver(src, dst, random.Random(i * 7 + j), 1.0)
    for d in devices:
        d.sync()
    states = [state(d.ws) for d in devices]
    assert states[0] == states[1] == states[2]

    assert_nothing_vanished(first.ws)
    # Every device's every edit reached every database, unless its author's later edit of
    # the same text replaced it (issue 10: a typing burst keeps only its final text).
    everyone = {(c.device, c.hlc, c.tbl, c.rec, c.field) for d in devices for c in d.ws.store.changes()}
    for d in devices:
        have = {(c.device, c.hlc, c.tbl, c.rec, c.field) for c in d.ws.store.changes()}
        latest: dict = {}
        for device, hlc, tbl, rec, name in have:
            latest[(device, tbl, rec, name)] = max(latest.get((device, tbl, rec, name), ""), hlc)
        for device, hlc, tbl, rec, name in everyone - have:
            assert latest.get((device, tbl, rec, name), "") > hlc, (device, hlc, tbl, rec, name)
        assert d.ws.store.integrity_problems() == []
        d.ws.close()
