"""Migrations cannot drift from the model.

Each schema step is fixed SQL (core/schema.py, store.MIGRATIONS). These tests fail
when a record field in model.py has no column made by a step, when a released step
is edited, or when a real database kept from an earlier schema
(tests/data/schemas/) does not migrate to exactly the schema a new one gets."""

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from wss_desktop.core import model, schema
from wss_desktop.core.store import LATEST, Store, migrate
from wss_desktop.core.workspace import Workspace

KEPT = Path(__file__).resolve().parents[1] / "data" / "schemas"

# The released steps, as released. Editing one changes what an existing user's
# database goes through: add a new step instead.
RELEASED_STEPS_SHA256 = "481c160afc926741a809a847456a4faeb87756acb4450912be405f09588503e1"


def structure(conn: sqlite3.Connection) -> dict:
    """Every table's columns, keys and indexes, and every trigger: what the code relies on."""
    out = {}
    objects = conn.execute("SELECT type, name, tbl_name FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    for kind, name, table in objects:
        if kind == "table":
            out[f"table {name}"] = {
                "columns": [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_xinfo([{name}])")],
                "foreign keys": sorted(tuple(r[2:5]) for r in conn.execute(f"PRAGMA foreign_key_list([{name}])")),
            }
        elif kind == "index":
            out[f"index {name}"] = [table, [r[2] for r in conn.execute(f"PRAGMA index_info([{name}])")]]
        else:
            out[f"{kind} {name}"] = table
    return out


def fresh_structure(tmp_path: Path) -> dict:
    conn = sqlite3.connect(tmp_path / "fresh.sqlite3", isolation_level=None)
    migrate(conn)
    try:
        return structure(conn)
    finally:
        conn.close()


def test_every_model_field_has_a_column_made_by_a_migration_step(tmp_path):
    conn = sqlite3.connect(tmp_path / "fresh.sqlite3", isolation_level=None)
    migrate(conn)
    missing = []
    for record_type in model.RECORD_TYPES:
        have = {r[1] for r in conn.execute(f"PRAGMA table_info([{record_type.table}])")}
        if not have:
            missing.append(f"table {record_type.table} ({record_type.__name__})")
        missing += [f"{record_type.table}.{name}" for name in record_type.field_kinds() if name not in have]
    conn.close()
    assert not missing, ("No migration step makes these (add a step at the end of "
                         f"store.MIGRATIONS): {', '.join(missing)}")


def test_released_steps_are_never_edited():
    released = json.dumps([schema.STEP_1, schema.STEP_2, schema.STEP_2_SEARCHED])
    assert hashlib.sha256(released.encode()).hexdigest() == RELEASED_STEPS_SHA256


@pytest.mark.parametrize("kept", sorted(p.name for p in KEPT.glob("*.sqlite3")))
def test_a_kept_database_migrates_to_the_schema_of_a_new_one(kept, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(KEPT / kept, data / "wss.sqlite3")
    before = sqlite3.connect(data / "wss.sqlite3").execute("PRAGMA user_version").fetchone()[0]
    with Workspace.open(data) as ws:
        assert ws.store.schema_version() == LATEST
        assert ws.store.integrity_problems() == []
        reviews = ws.store.records(model.Review)
        assert reviews, "the kept database's reviews are still there"
        # What was written before the upgrade is found by search afterwards.
        hits = ws.search("visual timetables" if before == 1 else "Hollinbrook")
        assert hits
        # And the upgraded database takes new edits of every kind of field.
        rid = reviews[0].id
        ws.judge(rid, "1.1", strengths="Written after the upgrade", rating="established")
        assert ws.bundle(rid).judgements["1.1"].strengths == "Written after the upgrade"
        if before < LATEST:
            assert ws.store.last_backup is not None and ws.store.last_backup.exists()
        conn = ws.store.conn
        assert structure(conn) == fresh_structure(tmp_path)


def test_the_latest_released_schema_is_kept_as_a_real_database():
    versions = set()
    for path in KEPT.glob("*.sqlite3"):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        versions.add(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.close()
    # 0.1.0 released schema 2; keep a real file of every schema that reaches users.
    assert {2} <= versions


def test_the_store_opens_a_kept_database_without_touching_the_original(tmp_path):
    original = (KEPT / "v1-unreleased.sqlite3").read_bytes()
    shutil.copy(KEPT / "v1-unreleased.sqlite3", tmp_path / "wss.sqlite3")
    Store.open(tmp_path / "wss.sqlite3").close()
    assert (KEPT / "v1-unreleased.sqlite3").read_bytes() == original
