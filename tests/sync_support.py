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
# What the app uses, read before any test makes key stretching cheap.
PRODUCTION_COST = crypto.STRONG


def snapshot_at_once(m: pytest.MonkeyPatch, chunk: int | None = None) -> None:
    """Inside `m` (a monkeypatch context), a device writes its snapshot at its next sync
    whatever it has read, in parts of about `chunk` versions (by default the app's)."""
    from wss_desktop.core.sync import service
    m.setattr(service, "SNAPSHOT_AFTER", 1)
    m.setattr(service, "SNAPSHOT_GROWTH", 0)
    if chunk is not None:
        m.setattr(service, "CHUNK", chunk)


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
        out[kind.table] = sorted((r.to_dict() for r in ws.store.records(kind, include_deleted=True)),
                                 key=lambda d: d["id"])
    out["conflicts"] = sorted((c.tbl, c.rec, c.field, tuple(sorted((v.hlc, v.device, str(v.value))
                                                                     for v in c.versions)))
                              for c in ws.store.conflicts())
    return out


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def make_edit(ws: Workspace, review_id: str, kind: str, who: int, x, y) -> bool:
    """One random step of the property tests; False when `kind` is not an edit."""
    observations = [e.id for e in ws.bundle(review_id).evidence]
    if kind == "rate":
        ws.judge(review_id, x, rating=y)
    elif kind == "text":
        ws.judge(review_id, x, strengths=f"{y} ({who})")
    elif kind == "observe":
        ws.add_observation(review_id, room=x, text=y)
    elif kind == "edit-obs" and observations:
        ws.update_evidence(observations[x % len(observations)], text=f"{y} ({who})")
    elif kind == "delete-obs" and observations:
        ws.delete_evidence(observations[x % len(observations)])
    elif kind == "bring-back" and (removed := ws.removed(review_id)):
        item = removed[x % len(removed)]          # Tools ▸ Removed from this review
        ws.bring_back(item.table, item.rec_id)
    else:
        return False
    return True


def assert_nothing_vanished(ws: Workspace) -> None:
    """Every text edit is shown, kept as a conflicting version, or was knowingly
    overwritten by someone who had seen it; every rating is the latest one written.

    Edits to a record someone deleted are not checked: deletion wins, by design."""
    from wss_desktop.core import model
    from wss_desktop.core.sync import merge
    log = ws.store.changes()
    conflicts = {(c.tbl, c.rec, c.field): [v.value for v in c.versions] for c in ws.store.conflicts()}
    kinds = {t.table: t.field_kinds() for t in model.RECORD_TYPES}
    for ch in log:
        if kinds[ch.tbl][ch.field] != "text":
            continue
        same_field = [o for o in log if (o.tbl, o.rec, o.field) == (ch.tbl, ch.rec, ch.field)]
        overwritten = any(o is not ch and merge.supersedes(o.vv, ch.vv) and o.vv != ch.vv
                          for o in same_field)
        record = ws.store.get(model.KINDS[ch.tbl], ch.rec, include_deleted=True)
        if record.deleted:
            continue
        kept = ch.value == getattr(record, ch.field) or ch.value in conflicts.get((ch.tbl, ch.rec, ch.field), [])
        assert overwritten or kept, f"the edit {ch.value!r} of {ch.tbl}.{ch.field} vanished"
    for rec in {c.rec for c in log if c.field == "rating"}:
        latest = max((c for c in log if c.rec == rec and c.field == "rating"), key=lambda c: (c.hlc, c.device))
        assert ws.store.get(model.Judgement, rec).rating == latest.value


class SteppingWall:
    """A wall clock shared by several test devices that moves on 1 ms at every reading.

    Two edits made one after the other on different devices then always carry
    different, ordered times, so "the later edit wins" never rests on whether they
    happened to fall in the same millisecond (they did, about one run in four)."""

    def __init__(self, start: float = 1_790_000_000.0):
        self._millis = int(start * 1000)

    def __call__(self) -> float:
        self._millis += 1
        return self._millis / 1000


def remember_changes(ever: dict, ws: Workspace) -> None:
    """Note every change `ws` logs now, so a check after compaction still knows it."""
    for c in ws.store.changes():
        ever.setdefault((c.device, c.hlc, c.tbl, c.rec, c.field), c)


def assert_no_edit_lost(ws: Workspace, ever: dict) -> None:
    """Every change ever logged anywhere is in this database's log, or superseded here
    by a kept version: a text by one written by someone who had seen it, any other
    field by a later one; edits of a deleted record are not checked (deletion wins)."""
    from wss_desktop.core import model
    from wss_desktop.core.sync import merge
    have = {(c.device, c.hlc, c.tbl, c.rec, c.field) for c in ws.store.changes()}
    for key, c in ever.items():
        if key in have:
            continue
        kind = model.KINDS[c.tbl]
        record = ws.store.get(kind, c.rec, include_deleted=True)
        assert record is not None, f"the record of {key} vanished"
        if record.deleted:
            continue
        versions, known = ws.store._field_versions(c.tbl, c.rec, c.field, getattr(record, c.field))
        assert known, f"{key} vanished"
        if kind.field_kinds()[c.field] == "text":
            assert any(merge.supersedes(v.vv, c.vv) and v.vv != c.vv for v in versions), \
                f"the edit {c.value!r} of {c.tbl}.{c.field} vanished"
        else:
            assert versions[0].order > (c.hlc, c.device), f"{key} vanished"
