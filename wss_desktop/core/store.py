"""The only code that talks to SQLite.

One database file per data folder, in WAL mode with foreign keys on. Tables and
columns come from the record dataclasses in model.py. The schema version lives in
`PRAGMA user_version`; opening an older database copies it to backups/ and then
runs the ordered migrations below; a newer one is refused without being touched.

Every local change goes through `_write`, which in one transaction updates the
row, appends one change-log row per field (record, field, new value, hybrid-
logical-clock stamp, device, and a version vector saying which versions of the
field the edit was made over) and keeps the full-text index current. Changes from
other devices come in through `apply_changes`, which merges them field by field
(sync/merge.py). Sync replicates reviews from that log, so nothing may write a
record any other way.
"""

from __future__ import annotations

import builtins
import json
import operator
import os
import re
import shutil
import socket
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field as dc_field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as sqlcipher

from . import model, schema
from .changes import LOCAL, SYNC, ChangeCollector, Changes
from .errors import DiskFull, UserError
from .model import KINDS, Record
from .sync import merge
from .sync.hlc import HybridClock

R = TypeVar("R", bound=Record)

if TYPE_CHECKING:  # sqlite-utils is imported only when tables are created or migrated
    import sqlite_utils

# Connections are SQLCipher's (its errors are not the standard library's classes).
SQL_ERRORS = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)


# json.dumps(value, ensure_ascii=False), with its encoder made once (json.dumps with
# options makes a new one at every call: a new laptop logs about a million values).
_json = json.JSONEncoder(ensure_ascii=False).encode


def log_texts(value: Any, vv: dict[str, int]) -> tuple[str, str]:
    """A change's value and version vector as the change log keeps them."""
    return _json(value), merge.dumps(vv)

# The text an editor started from, while it saves (see `edited_from`).
_EDITED_FROM: ContextVar[str | None] = ContextVar("edited_from", default=None)


@contextmanager
def edited_from(text: str) -> Iterator[None]:
    """Say which text the edit being saved was typed over.

    An editor that opened a field, then saves while a sync has brought someone else's
    version of it, must not silently replace that version: within this context a
    free-text field whose stored text is no longer `text` is saved as an edit made
    over `text`, concurrent with the newer version, so both are kept and the field
    is flagged for the user to compare.
    """
    token = _EDITED_FROM.set(text)
    try:
        yield
    finally:
        _EDITED_FROM.reset(token)


# How long a write waits for another connection's write to end before giving up, in
# milliseconds: the store's own (connect's timeout), and the wait asked for by
# `waiting_briefly` (None: the store's own).
BUSY_WAIT_MS = 10_000
_BRIEF_WAIT_MS: ContextVar[int | None] = ContextVar("brief_wait_ms", default=None)


@contextmanager
def waiting_briefly(seconds: float) -> Iterator[None]:
    """Writes begun within this context wait at most `seconds` for another connection's
    write (a sync taking in a colleague's snapshot, the command line) to end, then
    raise StoreBusy; by default a write waits BUSY_WAIT_MS. A window saving as the user
    types waits briefly and tries again later, rather than freezing meanwhile."""
    token = _BRIEF_WAIT_MS.set(max(0, round(seconds * 1000)))
    try:
        yield
    finally:
        _BRIEF_WAIT_MS.reset(token)


# Writes of this process waiting to begin (Store.transaction), so a long write of
# another of its connections can let them go first (a sync taking in a snapshot). A
# write that waited briefly and gave up (`waiting_briefly`) is tried again shortly: it
# counts as waiting for TURNED_AWAY_S after, or until a write begins.
_WAITING_LOCK = threading.Lock()
_waiting_writers = 0
_turned_away_at = float("-inf")
TURNED_AWAY_S = 1.0


def writers_waiting() -> int:
    """How many of this process's connections are waiting to begin a write (one more
    for a write turned away just now, which will be tried again)."""
    return _waiting_writers + (time.monotonic() - _turned_away_at < TURNED_AWAY_S)


def _writer_waits(delta: int) -> None:
    global _waiting_writers
    with _WAITING_LOCK:
        _waiting_writers += delta


def _writer_began(began: bool) -> None:
    global _turned_away_at
    _turned_away_at = float("-inf") if began else time.monotonic()


# Writes of another process waiting to begin (the command line while the app joins a
# colleague's snapshot, or the app while a sync run from the command line does): a
# write turned away by another connection's write marks WAITING_FILE beside the
# database with its process id (the file's time says when), again every TURN_MS while
# it waits, so a long write of another process can give way to it too
# (Store.writers_waiting). A mark counts for TURNED_AWAY_S; the write clears its own
# mark once it begins.
WAITING_FILE = "wss-write-waiting"
TURN_MS = 250
LOOK_S = 0.02       # a long write looks at the mark at most this often


def _mark_waiting(path: Path) -> None:
    try:
        path.write_text(str(os.getpid()), encoding="ascii")
    except OSError:
        pass        # (a read-only folder: nothing could be written there anyway)


def _clear_waiting(path: Path) -> None:
    try:
        if path.read_text(encoding="ascii") == str(os.getpid()):
            os.utime(path, (0, 0))
    except (OSError, ValueError):
        pass


def _other_process_waiting(path: Path) -> bool:
    """Whether another process marked a write waiting in the last TURNED_AWAY_S."""
    try:
        age = time.time() - path.stat().st_mtime
        return 0 <= age < TURNED_AWAY_S and path.read_text(encoding="ascii") != str(os.getpid())
    except (OSError, ValueError):
        return False


class StoreError(UserError):
    """A problem with the database a user can act on; the message says how."""


class GaveWay(Exception):
    """A long write broke off for a write waiting to begin (Staged.load)."""


class StoreBusy(StoreError):
    """Another connection was writing for longer than this write would wait; nothing
    was changed, and the same write can be tried again."""


class StoreFull(StoreError, DiskFull):
    """The disk is full (or could not be written): SQLite rolled the write back, nothing
    was changed, and the same write can be tried again once there is space."""


class NotFound(StoreError):
    pass


class DeletedElsewhere(NotFound):
    """The record was deleted on another computer (its delete came by sync or a
    partner's file) or by another device's edit, not here: an edit made over it (as
    while typing in it when the delete arrived) can bring it back (Workspace.restore)."""

    def __init__(self, message: str, kind: type[Record], rec_id: str):
        super().__init__(message)
        self.kind = kind
        self.rec_id = rec_id


class NewerDatabase(StoreError):
    """The database was written by a newer version of the app."""


@dataclass(frozen=True)
class Change:
    """One field of one record set to a value, by one device at one moment."""

    hlc: str
    device: str
    tbl: str
    rec: str
    field: str
    value: Any
    vv: dict[str, int]
    review_id: str | None


@dataclass
class ApplyResult:
    applied: int = 0        # new to this database (shown, kept as a sibling, or outvoted)
    duplicates: int = 0     # already here
    waiting: int = 0        # held until the record they belong to arrives
    conflicts: int = 0      # text fields now holding concurrent versions
    # Records new to this database written at once (Store._load_new): whether each
    # arrived deleted, and its review.
    loaded: dict[tuple[str, str], tuple[bool, str | None]] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class FieldConflict:
    tbl: str
    rec: str
    field: str
    review_id: str | None
    versions: list[Any]  # merge.Version, the shown one first


@dataclass(frozen=True)
class SearchHit:
    review_id: str
    school_name: str
    kind: str
    record_id: str
    field: str
    snippet: str


# --- schema -------------------------------------------------------------------


def _searchable(record_type: type[Record]) -> tuple[str, ...]:
    return tuple(f for f, meta in record_type.field_meta().items() if meta.get("search"))


_SEARCHABLE = {t.table: frozenset(_searchable(t)) for t in model.RECORD_TYPES}
_DEFAULTS = {t.table: {n: v for n, v in t().to_dict().items()
                       if n not in ("id", "deleted") and v not in (None, "")}
             for t in model.RECORD_TYPES}


def _run(db: "sqlite_utils.Database", statements: Iterable[str]) -> None:
    # One statement at a time: executescript would commit the step's transaction.
    for statement in statements:
        db.execute(statement)


def _migrate_1(db: "sqlite_utils.Database") -> None:
    """The settings, the change log and one table per record kind."""
    _run(db, schema.STEP_1)
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('device_id', ?)",
               [uuid.uuid4().hex[:16]])


def _migrate_2(db: "sqlite_utils.Database") -> None:
    """Full-text search over every free-text field, filled from existing rows."""
    _run(db, schema.STEP_2)
    for table, name, review_col in schema.STEP_2_SEARCHED:
        db.execute(f"INSERT OR REPLACE INTO texts (tbl, rec, field, review_id, body) "
                   f"SELECT ?, id, ?, {review_col}, [{name}] FROM [{table}] "
                   f"WHERE deleted = 0 AND [{name}] IS NOT NULL AND [{name}] != ''", [table, name])


def _migrate_voices(db: "sqlite_utils.Database") -> None:
    """Individual answers per respondent (respondent_answers), surveys handed out and
    collected back (surveys), the school's data in depth (school_figures), national
    figures kept once per data folder (national_figures) and the feedback given at the
    end of the visit (verbal_feedback)."""
    for sql in (
        'CREATE TABLE IF NOT EXISTS "respondent_answers" ("id" TEXT PRIMARY KEY NOT NULL, '
        '"deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), '
        '"respondent" TEXT, "label" TEXT, "answers" TEXT, "survey_id" TEXT, "created" TEXT)',
        'CREATE INDEX IF NOT EXISTS "idx_respondent_answers_review_id" '
        'ON "respondent_answers" ("review_id")',
        'CREATE TABLE IF NOT EXISTS "surveys" ("id" TEXT PRIMARY KEY NOT NULL, '
        '"deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), '
        '"group_id" TEXT, "template" TEXT, "title" TEXT, "evidence_id" TEXT, "source" TEXT, '
        '"file_name" TEXT, "fingerprint" TEXT, "questions" TEXT, "responses" TEXT, '
        '"names_removed" INTEGER, "created" TEXT)',
        'CREATE INDEX IF NOT EXISTS "idx_surveys_review_id" ON "surveys" ("review_id")',
        'CREATE TABLE IF NOT EXISTS "school_figures" ("id" TEXT PRIMARY KEY NOT NULL, '
        '"deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), '
        '"measure" TEXT, "breakdown" TEXT, "send" FLOAT, "all_pupils" FLOAT, "pupils" INTEGER)',
        'CREATE INDEX IF NOT EXISTS "idx_school_figures_review_id" ON "school_figures" ("review_id")',
        'CREATE TABLE IF NOT EXISTS "national_figures" ("id" TEXT PRIMARY KEY NOT NULL, '
        '"deleted" INTEGER DEFAULT 0, "measure" TEXT, "cohort" TEXT, "value" FLOAT, '
        '"source" TEXT, "as_of" TEXT, "illustrative" INTEGER)',
        'CREATE TABLE IF NOT EXISTS "verbal_feedback" ("id" TEXT PRIMARY KEY NOT NULL, '
        '"deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "date" TEXT, '
        '"given_by" TEXT, "present" TEXT, "said" TEXT, "agreed" TEXT)',
        'CREATE INDEX IF NOT EXISTS "idx_verbal_feedback_review_id" ON "verbal_feedback" ("review_id")',
    ):
        db.execute(sql)


def _migrate_trust_reviews(db: "sqlite_utils.Database") -> None:
    """Trust-wide and local-area reviews (issue 16): what a review looks at, and the
    member schools of a trust or area."""
    db.execute("ALTER TABLE reviews ADD COLUMN subject TEXT")
    db.execute("ALTER TABLE reviews ADD COLUMN member_schools TEXT")


def _migrate_sync_conflict_index(db: "sqlite_utils.Database") -> None:
    """Issue 10: find fields in conflict through a small partial index, not by scanning
    every field's clock (opening a review asks, on the GUI thread)."""
    db.execute("CREATE INDEX IF NOT EXISTS field_clocks_conflicted ON field_clocks (tbl, rec, field) "
               "WHERE conflicted = 1")


def _migrate_overview_figures(db: "sqlite_utils.Database") -> None:
    """Issue 11: each review's overview figures kept, with triggers that count every
    change to what they are worked out from (core/schema.py, step 6)."""
    _run(db, schema.STEP_6_OVERVIEW_FIGURES)


def _migrate_search_later(db: "sqlite_utils.Database") -> None:
    """Issue 11: text edits mark their field for the search index, which is brought up
    to date before a search rather than inside every edit (core/schema.py, step 7)."""
    _run(db, schema.STEP_7_SEARCH_LATER)


def _migrate_snapshot_marks(db: "sqlite_utils.Database") -> None:
    """Issue 10: reviews changed since this device's last snapshot are marked, so it
    rewrites only their parts (core/schema.py, step 8)."""
    _run(db, schema.STEP_8_SNAPSHOT_MARKS)


# Ordered; each step takes the database from version i to i+1 in one transaction.
# Steps are fixed SQL (core/schema.py) and never change once released: a new field in
# model.py needs a new step at the end (tests/core/test_migrations.py checks this).
MIGRATIONS: list[Callable[["sqlite_utils.Database"], None]] = [_migrate_1, _migrate_2, _migrate_voices,
                                                              _migrate_trust_reviews,
                                                              _migrate_sync_conflict_index,
                                                              _migrate_overview_figures,
                                                              _migrate_search_later,
                                                              _migrate_snapshot_marks]
LATEST = len(MIGRATIONS)


def _decode_rows(kind: type[R], rows: Iterable[tuple[Any, ...]], names: builtins.list[str]) -> builtins.list[R]:
    """`Store._decode` of many rows at once, with the same result for each (issue 11:
    the overview reads ~25,000 records at a trust's scale). What each column needs is
    worked out once per query instead of once per cell."""
    kinds = kind.field_kinds()
    picked = [(i, name) for i, name in enumerate(names) if name in kinds]
    if not picked:
        return [kind.from_row({}) for _ in rows]
    fields = [name for _, name in picked]
    get = operator.itemgetter(*(i for i, _ in picked))
    texts = [name for name in fields if kinds[name] == "text"]
    jsons = [name for name in fields if kinds[name] == "json"]
    bools = [name for name in fields if kinds[name] == "bool"]
    single = len(picked) == 1
    # Record.from_row keeps only the fields, which these already are.
    plain = kind.__dict__.get("from_row") is None and all(
        "from_row" not in base.__dict__ for base in kind.__mro__[1:] if base is not model.Record)
    make: Callable[..., R] = kind if plain else (lambda **values: kind.from_row(values))
    out = []
    for row in rows:
        values = dict(zip(fields, (get(row),) if single else get(row)))
        for name in texts:
            if values[name] is None:
                values[name] = ""
        for name in jsons:
            if values[name] is not None:
                values[name] = json.loads(values[name])
        for name in bools:
            if values[name] is not None:
                values[name] = bool(values[name])
        out.append(make(**values))
    return out


def read_schema_version(path: Path) -> int | None:
    """The schema version (user_version) of a database file, read through SQLite.

    Returns None when the file is not a SQLite database. Never read the file with a
    plain open()/close(): closing any descriptor of a database file releases every
    POSIX lock this process holds on it (SQLite's "How To Corrupt", section 2.2), so
    another process could then delete the WAL under the app's open connection and
    every later save would be lost. SQLite's own connections share their locks.
    The connection only reads; it is not read-only so that, if it is the last one,
    closing it tidies away the -wal and -shm files as the app's own close does. It is
    SQLCipher's, like the store's: a second copy of SQLite in the process (the standard
    library's) would not know the store's locks and could release them the same way.
    Works on plaintext databases only (None for an encrypted one).
    """
    conn = _unkeyed(path)
    if conn is None:
        return None
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except DATABASE_ERRORS:
        return None
    finally:
        conn.close()


def _unkeyed(path: Path) -> "sqlcipher.Connection | None":
    """A connection with no key: it reads a plaintext database, and fails on an
    encrypted one at the first statement."""
    try:
        return sqlcipher.connect(f"{Path(path).absolute().as_uri()}?mode=rw", uri=True)
    except SQL_ERRORS:
        return None


# --- encryption at rest (SQLCipher) -------------------------------------------------
#
# Every database the app keeps is encrypted with SQLCipher 4 (AES-256, a page HMAC,
# the WAL encrypted too) under a raw 256-bit key from core/atrest.py. A raw key skips
# SQLCipher's own PBKDF2, so opening costs nothing extra. A file without a key
# (`key=None`) is an ordinary SQLite file: only plaintext databases of older versions,
# which `Store.open` encrypts in place, and unencrypted backups of older versions.

def _key_literal(key: bytes | None) -> str:
    return "" if key is None else f"x'{key.hex()}'"


def _connect(path: Path | str, key: bytes | None, *, uri: bool = False) -> "sqlcipher.Connection":
    conn = sqlcipher.connect(str(path), isolation_level=None, timeout=BUSY_WAIT_MS / 1000, uri=uri)
    if key is not None:
        if len(key) != 32:
            conn.close()
            raise StoreError("The database key must be 32 bytes.")
        conn.execute(f"PRAGMA key = \"{_key_literal(key)}\"")
    return conn


def connect(path: Path, key: bytes | None = None) -> "sqlcipher.Connection":
    """A raw connection to an app database, unlocked with `key` (by default its data
    folder's key): for tools and tests that must reach below the store."""
    path = Path(path)
    if key is None and not _is_plaintext(path):
        from . import atrest
        key = atrest.database_key(path.parent)
    return _connect(path, key)


def _is_plaintext(path: Path) -> bool:
    """Whether the file is an unencrypted SQLite database, asked through SQLCipher's
    own SQLite (see read_schema_version: never a plain open() of the database file)."""
    conn = _unkeyed(path)
    if conn is None:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except DATABASE_ERRORS:
        return False
    finally:
        conn.close()


def _export(src: "sqlcipher.Connection", target: Path, target_key: bytes | None) -> None:
    """Write the whole of `src` (one consistent snapshot) to a new file `target`,
    encrypted with `target_key` (None: plaintext), keeping the schema version."""
    version = src.execute("PRAGMA user_version").fetchone()[0]
    src.execute("ATTACH DATABASE ? AS copy KEY ?", [str(target), _key_literal(target_key)])
    try:
        src.execute("BEGIN")
        try:
            src.execute("SELECT sqlcipher_export('copy')")
            src.execute(f"PRAGMA copy.user_version = {int(version)}")
        finally:
            src.execute("COMMIT")
    finally:
        src.execute("DETACH DATABASE copy")


def _backup_copy(path: Path, backups: Path, version: int, key: bytes | None,
                 label: str = "before-upgrade") -> Path:
    """An encrypted copy of the database in backups/ (made before it is changed)."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"{path.stem}-v{version}-{label}-{stamp}.sqlite3"
    src = _connect(f"file:{path}?mode=ro", None if _is_plaintext(path) else key, uri=True)
    try:
        _export(src, target, key)
    finally:
        src.close()
    return target


def _scrub(path: Path) -> None:
    """Overwrite a file with zeros, then delete it. (On SSDs and copy-on-write file
    systems the old blocks may survive elsewhere; full-disk encryption covers that.)"""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            block = b"\0" * (1 << 20)
            for start in range(0, size, len(block)):
                fh.write(block[:size - start])     # the file's own length, no more
            fh.flush()
            os.fsync(fh.fileno())
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)


def _encrypt_in_place(path: Path, key: bytes, backups: Path) -> Path:
    """Turn a plaintext database of an older version into an encrypted one.

    An encrypted backup of it goes to backups/ first; the encrypted database is built
    beside it and checked (integrity, and every table's row count against the
    original) before it replaces the plaintext file, whose bytes are then overwritten
    and removed, with its WAL and shared-memory files."""
    plain = _connect(path, None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in plain.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        counts = {t: plain.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
        saved = _backup_copy(path, backups, version, key, "plaintext-before-encryption")
        staged = path.with_name(path.name + ".encrypting")
        for leftover in (staged, Path(str(staged) + "-journal")):
            leftover.unlink(missing_ok=True)
        _export(plain, staged, key)
    finally:
        plain.close()
    check = _connect(staged, key)
    try:
        problems = [r[0] for r in check.execute("PRAGMA integrity_check") if r[0] != "ok"]
        copied = {t: check.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
        if problems or copied != counts or check.execute("PRAGMA user_version").fetchone()[0] != version:
            raise StoreError(f"{path} could not be encrypted (the encrypted copy did not match "
                             f"it). It has not been changed; a copy is in {saved}.")
    finally:
        check.close()
    old = open(path, "r+b")  # keeps the plaintext's bytes reachable to overwrite them
    try:
        os.replace(staged, path)
        size = os.fstat(old.fileno()).st_size
        block = b"\0" * (1 << 20)
        for _ in range(0, size, len(block)):
            old.write(block)
        old.flush()
        os.fsync(old.fileno())
    finally:
        old.close()
    for leftover_suffix in ("-wal", "-shm"):
        _scrub(Path(str(path) + leftover_suffix))
    return saved


def _friendly(exc: Exception) -> StoreError:
    text = str(exc)
    if "disk is full" in text or "disk I/O" in text:
        return StoreFull("The disk is full or cannot be written, so the last change was not "
                         "saved. Free some space and try again; nothing else was changed.")
    if "locked" in text or "busy" in text:
        return StoreBusy("The database is busy in another window or program. Try again in a "
                         "moment; nothing was changed.")
    if "readonly" in text or "read-only" in text:
        return StoreError("The data folder is read-only, so changes cannot be saved. Choose a "
                          "folder you can write to.")
    return StoreError(f"The database reported a problem and nothing was changed: {text}")


def _logged(kind: str, column_value: Any) -> Any:
    """A column value as it travels in the change log (JSON fields as data, flags as bools)."""
    if column_value is None:
        return None
    if kind == "json":
        return json.loads(column_value)
    if kind == "bool":
        return bool(column_value)
    return column_value


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query (all words, last one as a prefix)."""
    words = _TOKEN_RE.findall(text)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


# This device's own settings, outside the database (see Store._claim_device).
DEVICE_FILE = "wss-device.json"


def _file_identity(path: Path) -> str:
    """The file's identity on its disk: a copy, a restore or another disk gives another."""
    st = Path(path).stat()
    return f"{st.st_dev}:{st.st_ino}"


def _read_device_file(database: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((Path(database).parent / DEVICE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _device_file_agrees(database: Path, device_id: str, where: str) -> bool:
    known = _read_device_file(database)
    return known is not None and known.get("device_id") == device_id and known.get("database") == where


def _write_device_file(database: Path, device_id: str, where: str) -> None:
    target = Path(database).parent / DEVICE_FILE
    tmp = target.with_name(f".{DEVICE_FILE}.{uuid.uuid4().hex[:8]}")
    try:
        tmp.write_text(json.dumps({"device_id": device_id, "database": where}) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only folder: the database says the same


class Store:
    """An open database. Use `Store.open(path)`; close it when done."""

    def __init__(self, conn: sqlite3.Connection, wall: Callable[[], float] | None = None):
        self.conn = conn
        self._depth = 0
        self._commits = 0
        self._sql_cache: dict[tuple[Any, ...], str] = {}
        self._large = 0     # depth of large_cache blocks
        self.device_id = self._own_device_id()
        # The clock resumes past this device's own last stamp (a range of the change
        # log's key) and past the newest stamp it has received from others.
        own = conn.execute("SELECT max(hlc) FROM changes WHERE device = ?", [self.device_id]).fetchone()[0]
        self.clock = HybridClock(max(filter(None, [own, self._setting("clock_seen")]), default=None),
                                 **({"wall": wall} if wall else {}))
        self.last_backup: Path | None = None
        self._checkpointer: _Checkpointer | None = None
        self._touched = ChangeCollector()
        self._listeners: list[Callable[[Changes], None]] = []
        self.key: bytes | None = None
        self._waiting_file: Path | None = None      # see WAITING_FILE (set by `open`)
        self._looked_at = float("-inf")
        self._others_waiting = False

    # --- opening ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, backups: Path | None = None,
             wall: Callable[[], float] | None = None, *, key: bytes | None = None) -> "Store":
        """Open (or create) the encrypted database at `path`.

        `key` is its 256-bit key; by default the data folder's key from core/atrest.py
        (the keyring, or the unlock passphrase: atrest.UnlockNeeded when it is needed).
        A plaintext database of an older version is encrypted in place first, after an
        encrypted copy of it is kept in backups/."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        where = backups or path.parent / "backups"
        if key is None:
            from . import atrest
            key = atrest.database_key(path.parent)
        backup = None
        exists = path.exists() and path.stat().st_size > 0
        if exists and _is_plaintext(path):
            version = read_schema_version(path)
            if version is not None and version > LATEST:
                raise NewerDatabase(
                    f"{path} was written by a newer version of WSS Review Desktop (data "
                    f"format {version}; this version reads up to {LATEST}). Update the app "
                    f"to open it. The file has not been changed.")
            try:
                backup = _encrypt_in_place(path, key, where)
            except DATABASE_ERRORS as exc:
                raise StoreError(f"{path} cannot be used ({exc}). It has not been changed. "
                                 f"Restore a copy from {where} or from your own backup.") from None
        try:
            conn = _connect(path, key)
        except SQL_ERRORS as exc:
            raise StoreError(f"{path} cannot be opened: {exc}. Check that the folder exists "
                             f"and that you may write to it.") from None
        try:
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except DATABASE_ERRORS:
                raise StoreError(
                    f"{path} cannot be unlocked with this computer's key: it is not a WSS Review "
                    f"Desktop database, or it belongs to another data folder. It has not been "
                    f"changed; move it aside or choose another data folder.") from None
            if version > LATEST:
                raise NewerDatabase(
                    f"{path} was written by a newer version of WSS Review Desktop (data "
                    f"format {version}; this version reads up to {LATEST}). Update the app "
                    f"to open it. The file has not been changed.")
            if exists and 0 < version < LATEST:
                backup = _backup_copy(path, where, version, key)
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk before the edit is shown as saved, so a power cut
            # or a closed lid never rolls back an acknowledged edit (NORMAL could).
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            # Checkpoints run off the edit path (see _Checkpointer), never inside a commit.
            conn.execute("PRAGMA wal_autocheckpoint=0")
            # Once copied back, a log grown by a large write (a join) gives its room back.
            conn.execute(f"PRAGMA journal_size_limit = {int(cls.WAL_KEEP_BYTES)}")
            migrate(conn)
            store = cls(conn, wall)
        except StoreError:
            conn.close()
            raise
        except DATABASE_ERRORS as exc:
            conn.close()
            raise StoreError(f"{path} cannot be used ({exc}). It has not been changed. Restore a "
                             f"copy from {where} or from your own backup, or move the file aside "
                             f"to start afresh.") from None
        store.last_backup = backup
        store.key = key
        store._waiting_file = path.parent / WAITING_FILE
        store._checkpointer = _Checkpointer(lambda: _connect(path, key))
        store._claim_device(path)
        return store

    def _claim_device(self, path: Path) -> None:
        """Give a copied or restored database a device id of its own.

        The id is random, made once, and kept in two places: the database (setting
        `device_id`, with `device_database`, the identity of the database file on its
        disk) and this device's own settings file beside it (DEVICE_FILE, outside the
        database). A hostname change or a renamed folder changes neither, so the id
        stays. A copied data folder, a backup restored into any folder, or a database
        put back from a snapshot is a different file (or disagrees with the settings
        file) and becomes a new device: two copies writing under one id would carry the
        same version counters and their edits could hide each other. The new id's
        clock continues past the old id's stamps, and the old id is kept in
        `previous_device_ids` so the sync hands over everything the old id's log holds
        (see sync/service.py). Becoming a new device is always safe, so a doubt about
        the database file (a settings file naming another id or file, a moved disk)
        resolves that way; a missing settings file beside the same database file is
        simply written again.
        """
        where = _file_identity(path)
        if self._setting("device_database") == where and _device_file_agrees(path, self.device_id, where):
            return
        # Decided inside the write transaction, so two processes opening a copied folder
        # at once agree on one new id rather than making two.
        with self.transaction():
            self.device_id = self._own_device_id()
            inside = self._setting("device_database")
            outside = _read_device_file(path)
            legacy = self._setting("device_home")
            if inside is None and outside is None:
                # First open of a brand-new database, or of one made before this rule
                # (kept if it is still where the old rule put it).
                keep = legacy is None or legacy == f"{socket.gethostname()}|{path.resolve()}"
            else:
                # The same database file; a missing settings file is written again.
                keep = inside == where and (outside is None or (
                    outside.get("device_id") == self.device_id and outside.get("database") == where))
            if not keep:
                self._become_new_device()
            self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('device_database', ?)",
                              [where])
            self.conn.execute("DELETE FROM settings WHERE key = 'device_home'")
        _write_device_file(path, self.device_id, where)

    def _become_new_device(self) -> None:
        old = self.device_id
        last = self.conn.execute("SELECT max(hlc) FROM changes WHERE device = ?", [old]).fetchone()[0]
        if last:
            self.clock.observe(last)
        self.device_id = uuid.uuid4().hex[:16]
        previous = json.loads(self._setting("previous_device_ids") or "[]") + [old]
        # What this database wrote under the old id: the sync hands over only that (the
        # other copy may go on writing under the old id; its edits arrive on their own).
        upto = json.loads(self._setting("handover_upto") or "{}")
        upto[old] = max(last or "", upto.get(old, ""))
        for key, value in (("device_id", self.device_id), ("clock_seen", self.clock.last()),
                           ("previous_device_ids", json.dumps(previous)),
                           ("handover_upto", json.dumps(upto, sort_keys=True))):
            self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                              [key, value])

    def new_device_identity(self, database: Path) -> str:
        """Start a new device id now (the sync found another copy of this database
        writing under our id); returns the old id."""
        old = self.device_id
        with self.transaction():
            self._become_new_device()
        _write_device_file(Path(database), self.device_id, _file_identity(Path(database)))
        return old

    def handover_upto(self) -> dict[str, str]:
        """For each earlier id, the last stamp this database wrote under it."""
        try:
            return {str(k): str(v) for k, v in json.loads(self._setting("handover_upto") or "{}").items()}
        except (ValueError, AttributeError):
            return {}

    def previous_device_ids(self) -> list[str]:
        """Ids this database wrote under before it became the device it is now."""
        try:
            return [str(d) for d in json.loads(self._setting("previous_device_ids") or "[]")]
        except ValueError:
            return []

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _own_device_id(self) -> str:
        device_id = self._setting("device_id")
        assert device_id is not None  # written by the first migration; a Store opens only migrated databases
        return device_id

    def _setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def setting(self, key: str) -> str | None:
        """A value kept on this device only (never replicated), e.g. sync progress."""
        return self._setting(key)

    def settings_starting(self, prefix: str) -> dict[str, str]:
        """The device-local settings whose key starts with `prefix`, by key."""
        rows = self.conn.execute("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                                 [len(prefix), prefix]).fetchall()
        return {k: v for k, v in rows}

    def set_setting(self, key: str, value: str | None, *, durable: bool = True) -> None:
        """Keep a device-local setting. `durable=False`, outside a transaction, commits
        without waiting for the disk: for a note whose loss to a power cut is harmless
        (the time of the last sync), so a sync that brings nothing writes nothing durably."""
        if not durable and self._depth == 0:
            before = self.conn.execute("PRAGMA synchronous").fetchone()[0]
            self.conn.execute("PRAGMA synchronous = NORMAL")
            try:
                self.set_setting(key, value)
            finally:
                self.conn.execute(f"PRAGMA synchronous = {int(before)}")
            return
        with self.transaction():
            if value is None:
                self.conn.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])

    # --- transactions ---------------------------------------------------------

    def checkpoint(self) -> None:
        """Copy the write-ahead log back into the database once the writes under way have
        ended, so that the next write starts the log again from its beginning (and
        journal_size_limit gives the rest of the file back). A long write made as many
        transactions calls it between them: each commit of a join that gave way to the
        app's saves wrote pages all over the database, and the log, never restarting,
        grew to 2 GB beside a 440 MB database at a trust's scale."""
        try:
            with self.transaction():    # empty: begins once another connection's write has ended
                pass
        except StoreBusy:
            return                      # a long write elsewhere: the store's checkpointer does it later
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except SQL_ERRORS:
            pass

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several writes into one all-or-nothing transaction."""
        if self._depth == 0:
            brief = _BRIEF_WAIT_MS.get()
            _writer_waits(+1)
            try:
                self._begin(BUSY_WAIT_MS if brief is None else int(brief))
            except SQL_ERRORS as exc:
                error = _friendly(exc)
                if isinstance(error, StoreBusy):
                    _writer_began(False)
                raise error from None
            finally:
                _writer_waits(-1)
            _writer_began(True)
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._touched.clear()
                if self.conn.in_transaction:    # (SQLite may have rolled back a write broken off)
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, SQL_ERRORS):
                    raise _friendly(exc) from None
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                self.conn.execute("COMMIT")
            except SQL_ERRORS as exc:
                self._touched.clear()
                # SQLite rolls back itself when the commit fails for want of disk space
                # or an I/O error; a second ROLLBACK would fail and hide why.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _friendly(exc) from None
            self._commits += 1
            if self._checkpointer is not None:
                self._checkpointer.committed()
            changes = self._touched.take()
            if changes is not None:
                for listener in list(self._listeners):
                    listener(changes)

    def _begin(self, wait_ms: int) -> None:
        """BEGIN IMMEDIATE, waiting `wait_ms` at most for another connection's write.
        Turned away, the write marks itself waiting (WAITING_FILE) for another process
        to see, and looks again every TURN_MS."""
        waiting = self._waiting_file     # (None: a store with no data folder of its own)
        deadline = time.monotonic() + wait_ms / 1000
        marked = False
        try:
            while True:
                left = max(0, round((deadline - time.monotonic()) * 1000))
                self.conn.execute(f"PRAGMA busy_timeout = {min(left, TURN_MS)}")
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    break
                except SQL_ERRORS as exc:
                    if not isinstance(_friendly(exc), StoreBusy):
                        raise
                    if waiting is not None:
                        _mark_waiting(waiting)
                        marked = True
                    if left <= TURN_MS:
                        raise
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
        if marked and waiting is not None:
            _clear_waiting(waiting)

    def writers_waiting(self) -> int:
        """How many writes wait to begin: this process's (`writers_waiting`), and one
        for another process's write marked waiting just now (looked at every LOOK_S)."""
        own = writers_waiting()
        if self._waiting_file is None:
            return own
        now = time.monotonic()
        if now - self._looked_at >= LOOK_S:
            self._looked_at = now
            self._others_waiting = _other_process_waiting(self._waiting_file)
        return own + self._others_waiting

    # The write-ahead log's size kept on disk once it restarts after being copied back
    # (PRAGMA journal_size_limit). A join of a trust's reviews in one transaction grows
    # it to the size of the database it writes (440 MB for 5,000 reviews; see also
    # `checkpoint`); without a limit the file keeps that size until the app closes.
    # Everyday edits stay far below it.
    WAL_KEEP_BYTES = 32 * 1024 * 1024

    # SQLite's page cache while a sync takes in many changes (in KiB). A new laptop
    # joining a team's 5,000 reviews writes ~800,000 log rows and field clocks and
    # ~150,000 records keyed by random ids; with the default cache (8 MiB) each write
    # to a large B-tree reads and decrypts pages again, and the join slows as the
    # database grows. Pages are only held as they are used, and the cache shrinks back
    # afterwards.
    LARGE_CACHE_KIB = 128 * 1024

    @contextmanager
    def large_cache(self) -> Iterator[None]:
        """A larger page cache for the block (see LARGE_CACHE_KIB); nests."""
        if self._large:
            self._large += 1
            try:
                yield
            finally:
                self._large -= 1
            return
        before = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        self.conn.execute(f"PRAGMA cache_size = {-int(self.LARGE_CACHE_KIB)}")
        self._large = 1
        try:
            yield
        finally:
            self._large = 0
            self.conn.execute(f"PRAGMA cache_size = {before}")

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener` with what each committed transaction changed (in the thread
        that committed it). Returns a function that ends the subscription."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def revision(self) -> tuple[int, int]:
        """Changes whenever the database may have changed: a commit through this store,
        or one made by another connection (SQLite's data_version). Cheap to ask, so
        derived figures can be cached against it."""
        return self._commits, self.conn.execute("PRAGMA data_version").fetchone()[0]

    # --- writing ---------------------------------------------------------------

    def create(self, kind: type[Record], values: dict[str, Any], *, id: str | None = None) -> str:
        rec_id = id or uuid.uuid4().hex
        self._write(kind, rec_id, values, mode="create")
        return rec_id

    def update(self, kind: type[Record], rec_id: str, values: dict[str, Any]) -> None:
        self._write(kind, rec_id, values, mode="update")

    def put(self, kind: type[Record], rec_id: str, values: dict[str, Any]) -> None:
        """Create the record if it does not exist yet, else update it."""
        self._write(kind, rec_id, values, mode="put")

    def delete(self, kind: type[Record], rec_id: str) -> None:
        """Delete by tombstone, so the deletion can be replicated like any edit."""
        self._write(kind, rec_id, {"deleted": True}, mode="update")

    def _encode(self, kinds: dict[str, str], name: str, value: Any) -> Any:
        k = kinds.get(name)
        if k is None:
            raise StoreError(f"'{name}' is not a field of this record.")
        if value is None:
            return None
        if k == "json":
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        if k == "bool":
            return 1 if value else 0
        if k == "int":
            return int(value)
        if k == "float":
            return float(value)
        return str(value)

    def _write(self, kind: type[Record], rec_id: str, values: dict[str, Any], mode: str) -> None:
        table = kind.table
        kinds = kind.field_kinds()
        cols = {name: self._encode(kinds, name, v) for name, v in values.items() if name != "id"}
        conn = self.conn
        names = list(cols)
        owner = "id" if kind is model.Review else ("review_id" if "review_id" in kinds else "NULL")
        # One statement reads the record's owner, the fields' current values and the
        # version each field shows (what this edit is made over, for sync).
        read = self._sql(("cur", table, tuple(names)), lambda: "SELECT {} FROM [{}] WHERE id = ?".format(
            ", ".join([owner, *(f"[{n}]" for n in names),
                       *("(SELECT json_array(vv, conflicted, hlc, device) FROM field_clocks "
                         "WHERE tbl = ? AND rec = ? AND field = ?)" for _ in names)]), table))
        clock_args = [a for n in names for a in (table, rec_id, n)]
        with self.transaction():
            current = conn.execute(read, [*clock_args, rec_id]).fetchone()
            exists = current is not None
            bases: dict[str, tuple[Any, ...]] = {}
            olds: tuple[Any, ...] = ()
            if exists:
                olds = current[1:1 + len(names)]
                bases = {n: tuple(json.loads(b)) for n, b in zip(names, current[1 + len(names):]) if b}
                started = _EDITED_FROM.get()
                if started is not None:
                    for n, old in zip(names, olds):
                        if kinds[n] == "text" and n in bases and (old or "") != started:
                            bases[n] = (*bases[n], old, started)
                # Writing the value a field already shows is not an edit, unless it
                # settles a conflict.
                cols = {n: v for n, v, old in zip(names, cols.values(), olds)
                        if v != old or bases.get(n, ("", 0))[1]}
                if not cols:
                    return
            if mode == "update" and not exists:
                raise NotFound(f"There is no {table[:-1].replace('_', ' ')} with id '{rec_id}'.")
            if mode == "create" and exists:
                raise StoreError(f"A {table[:-1].replace('_', ' ')} with id '{rec_id}' already exists.")
            if not exists:
                if "created" in kinds and "created" not in cols:
                    cols["created"] = _now_iso()
                # A new record starts with its model defaults (a new action is "not
                # started"), logged like any value so other devices get them too.
                for name, default in _DEFAULTS[table].items():
                    if name not in cols:
                        cols[name] = self._encode(kinds, name, default)
                names = ["id", *cols]
                conn.execute(self._sql(("ins", table, tuple(names)),
                                       lambda: f"INSERT INTO [{table}] ({', '.join(f'[{n}]' for n in names)}) "
                                               f"VALUES ({', '.join('?' * len(names))})"),
                             [rec_id, *cols.values()])
            elif cols:
                names = list(cols)
                conn.execute(self._sql(("upd", table, tuple(names)),
                                       lambda: f"UPDATE [{table}] SET {', '.join(f'[{n}] = ?' for n in names)} "
                                               f"WHERE id = ?"),
                             [*cols.values(), rec_id])
            review_id = rec_id if kind is model.Review else (
                cols.get("review_id") or (current[0] if exists else None))
            self._log(table, rec_id, kinds, cols, review_id, bases)
            self._touched.add(LOCAL, table, rec_id, review_id, cols)

    def _sql(self, key: tuple[Any, ...], build: Callable[[], str]) -> str:
        sql = self._sql_cache.get(key)
        if sql is None:
            sql = self._sql_cache[key] = build()
        return sql

    def _log(self, table: str, rec_id: str, kinds: dict[str, str], cols: dict[str, Any],
             review_id: str | None, bases: dict[str, tuple[str, int]]) -> None:
        conn = self.conn
        stamp = self.clock.tick()
        device = self.device_id
        searchable = _SEARCHABLE[table]
        for name, value in cols.items():
            base = bases.get(name, (None, 0))
            if len(base) == 6:
                self._log_over_older(table, rec_id, name, value, review_id, stamp, base)
                continue
            seen_vv, conflicted = base[0], base[1]
            seen = [merge.loads(seen_vv)]
            if conflicted:
                # Editing a conflicted field settles it: the edit is made over every version.
                seen += [merge.loads(r[0]) for r in conn.execute(
                    "SELECT vv FROM field_conflicts WHERE tbl = ? AND rec = ? AND field = ?",
                    [table, rec_id, name])]
                conn.execute("DELETE FROM field_conflicts WHERE tbl = ? AND rec = ? AND field = ?",
                             [table, rec_id, name])
            vv = merge.dumps(merge.next_version(seen, device))
            if kinds[name] == "text" and not conflicted and len(base) == 4 and base[3] == device:
                self._coalesce(table, rec_id, name, base[2], stamp)
            # A JSON field's column text is already what the log carries (decoding it and
            # encoding it again gives the same text), so it is not done again: a survey
            # holds thousands of responses in one field.
            logged = value if kinds[name] == "json" and value is not None else \
                json.dumps(_logged(kinds[name], value), ensure_ascii=False)
            conn.execute("INSERT INTO changes (hlc, device, tbl, rec, field, value, vv, review_id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [stamp, device, table, rec_id, name, logged, vv, review_id])
            conn.execute("INSERT OR REPLACE INTO field_clocks (tbl, rec, field, hlc, device, vv, "
                         "conflicted) VALUES (?, ?, ?, ?, ?, ?, 0)",
                         [table, rec_id, name, stamp, device, vv])
            if name in searchable:
                self._index_text(table, rec_id, name, value, review_id)
        if cols.get("deleted"):
            conn.execute("DELETE FROM texts WHERE tbl = ? AND rec = ?", [table, rec_id])

    # Autosaves while someone types within this long of the last save are one burst.
    BURST_MS = 120_000

    def _coalesce(self, table: str, rec_id: str, name: str, previous: str, stamp: str) -> None:
        """Keep only the final text of a typing burst in the change log.

        The previous row of this field is dropped when this device wrote it, it is the
        version shown (nobody's edit came in between) and it is recent. Safe even if it
        was already sent: the new row's version vector counts one more edit of ours,
        so it supersedes the dropped one everywhere; only the intermediate text goes."""
        if int(stamp[:15]) - int(previous[:15]) > self.BURST_MS:
            return
        self.conn.execute("DELETE FROM changes WHERE device = ? AND hlc = ? AND tbl = ? AND rec = ? "
                          "AND field = ?", [self.device_id, previous, table, rec_id, name])

    def _log_over_older(self, table: str, rec_id: str, name: str, value: Any,
                        review_id: str | None, stamp: str, base: tuple[Any, ...]) -> None:
        """Log a text edit typed over an older version than the one now stored.

        The edit is made over the version holding the text the editor started from
        (found in the change log), so it is concurrent with whatever replaced that
        version: it is shown (it is the newest) and the other is kept beside it."""
        conn = self.conn
        current_vv, conflicted, hlc, device, shown, started = base
        row = conn.execute("SELECT vv FROM changes WHERE tbl = ? AND rec = ? AND field = ? AND value = ? "
                           "ORDER BY hlc DESC LIMIT 1",
                           [table, rec_id, name, json.dumps(started, ensure_ascii=False)]).fetchone()
        vv = merge.next_version([merge.loads(row[0])] if row else [], self.device_id)
        versions, _ = self._field_versions(table, rec_id, name, shown or "")
        merged = merge.merge_text(versions, merge.Version(stamp, self.device_id, vv, value))
        if merged is None:
            # This computer saved the field again after the editor started (another
            # window, or `started` was coalesced away): its own count cannot mark two of
            # its edits as concurrent, so this edit counts an event of its own instead
            # of one more edit of this device. Neither version supersedes the other,
            # so both are kept, here and on every device, until someone settles them.
            vv = {**merge.loads(row[0] if row else None), f"{self.device_id}+{stamp}": 1}
            merged = merge.merge_text(versions, merge.Version(stamp, self.device_id, vv, value))
            assert merged is not None   # no stored vector holds that new entry
        conn.execute("INSERT INTO changes (hlc, device, tbl, rec, field, value, vv, review_id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [stamp, self.device_id, table, rec_id, name, json.dumps(value, ensure_ascii=False),
                      merge.dumps(vv), review_id])
        top = merged[0]
        conn.execute("INSERT OR REPLACE INTO field_clocks (tbl, rec, field, hlc, device, vv, conflicted) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", [table, rec_id, name, top.hlc, top.device,
                                                      merge.dumps(top.vv), int(merge.is_conflict(merged))])
        conn.execute("DELETE FROM field_conflicts WHERE tbl = ? AND rec = ? AND field = ?",
                     [table, rec_id, name])
        for v in merged[1:]:
            conn.execute("INSERT INTO field_conflicts (tbl, rec, field, hlc, device, vv, value, review_id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [table, rec_id, name, v.hlc, v.device, merge.dumps(v.vv),
                          _json(v.value), review_id])
        if name in _SEARCHABLE[table]:
            self._index_text(table, rec_id, name, value, review_id)

    def _index_text(self, table: str, rec_id: str, name: str, value: Any,
                    review_id: str | None) -> None:
        """Mark a searchable field as changed. Writing the full-text index here cost
        about half the pages of every text edit on a large database; the index is
        brought up to date from the value the record shows when someone searches
        (`_index_marked`). A field marked already writes nothing."""
        self.conn.execute("INSERT OR IGNORE INTO texts_dirty (tbl, rec, field) VALUES (?, ?, ?)",
                          [table, rec_id, name])

    def _index_marked(self) -> None:
        """Bring the search index up to date with every field marked since the last
        search, from the value each record shows now (deleted records leave it)."""
        conn = self.conn
        if conn.execute("SELECT 1 FROM texts_dirty LIMIT 1").fetchone() is None:
            return
        with self.transaction():
            marked = conn.execute("SELECT tbl, rec, field FROM texts_dirty").fetchall()
            for tbl, rec, name in marked:
                kind = KINDS.get(tbl)
                if kind is None or name not in _SEARCHABLE[tbl]:
                    continue  # not a searchable field of a known record: nothing to index
                owner = "id" if kind is model.Review else "review_id"
                row = conn.execute(f"SELECT [{name}], {owner}, deleted FROM [{tbl}] WHERE id = ?",
                                   [rec]).fetchone()
                if row is not None and row[0] and not row[2]:
                    conn.execute(
                        "INSERT INTO texts (tbl, rec, field, review_id, body) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (tbl, rec, field) DO UPDATE SET body = excluded.body, "
                        "review_id = excluded.review_id", [tbl, rec, name, row[1], row[0]])
                else:
                    conn.execute("DELETE FROM texts WHERE tbl = ? AND rec = ? AND field = ?",
                                 [tbl, rec, name])
            conn.execute("DELETE FROM texts_dirty")

    # --- reading ---------------------------------------------------------------

    def _decode(self, kind: type[R], row: sqlite3.Row | tuple[Any, ...], names: builtins.list[str]) -> R:
        kinds = kind.field_kinds()
        values = {}
        for name, value in zip(names, row):
            k = kinds.get(name)
            if k is None:
                continue
            if value is not None:
                if k == "json":
                    value = json.loads(value)
                elif k == "bool":
                    value = bool(value)
            elif k == "text":
                value = ""
            values[name] = value
        return kind.from_row(values)

    def get(self, kind: type[R], rec_id: str, *, include_deleted: bool = False) -> R | None:
        cur = self.conn.execute(f"SELECT * FROM [{kind.table}] WHERE id = ?", [rec_id])
        row = cur.fetchone()
        if row is None:
            return None
        rec = self._decode(kind, row, [d[0] for d in cur.description])
        if rec.deleted and not include_deleted:
            return None
        return rec

    def deleted_elsewhere(self, kind: type[Record], rec_id: str) -> bool:
        """Whether the record is deleted, and the version of its deleted flag shown was
        written by another device (this device never wrote it)."""
        row = self.conn.execute(
            f"SELECT t.deleted, f.device FROM [{kind.table}] t LEFT JOIN field_clocks f ON f.tbl = ? "
            "AND f.rec = t.id AND f.field = 'deleted' WHERE t.id = ?", [kind.table, rec_id]).fetchone()
        return bool(row and row[0] and row[1] is not None and row[1] != self.device_id)

    def removed(self, kind: type[R], review_id: str) -> builtins.list[tuple[R, str | None, str | None]]:
        """The removed (deleted) records of one kind of a review, each with the clock stamp
        and the device of the version of its deleted flag shown (None if never logged)."""
        recs = self.records(kind, review_id=review_id, include_deleted=True, deleted=True)
        if not recs:
            return []
        clocks = {rec: (hlc, device) for rec, hlc, device in self.conn.execute(
            f"SELECT f.rec, f.hlc, f.device FROM [{kind.table}] t JOIN field_clocks f ON f.tbl = ? "
            "AND f.rec = t.id AND f.field = 'deleted' WHERE t.review_id = ? AND t.deleted = 1",
            [kind.table, review_id])}
        return [(rec, *clocks.get(rec.id, (None, None))) for rec in recs]

    def value(self, kind: type[Record], rec_id: str, name: str) -> Any:
        """One field of a live record (None if the record is missing or deleted)."""
        if name not in kind.field_kinds():
            raise StoreError(f"'{name}' is not a field of {kind.table}.")
        row = self.conn.execute(f"SELECT [{name}] FROM [{kind.table}] WHERE id = ? AND deleted = 0",
                                [rec_id]).fetchone()
        return row[0] if row else None

    def records(self, kind: type[R], *, review_id: str | None = None,
                include_deleted: bool = False, **equals: Any) -> builtins.list[R]:
        """The records of one kind, optionally of one review or with given field values."""
        clauses, params = [], []
        if review_id is not None:
            clauses.append("review_id = ?")
            params.append(review_id)
        if not include_deleted:
            clauses.append("deleted = 0")
        for name, value in equals.items():
            if name not in kind.field_kinds():
                raise StoreError(f"'{name}' is not a field of {kind.table}.")
            clauses.append(f"[{name}] = ?")
            params.append(self._encode(kind.field_kinds(), name, value))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        cur = self.conn.execute(f"SELECT * FROM [{kind.table}]{where} ORDER BY rowid", params)
        names = [d[0] for d in cur.description]
        return _decode_rows(kind, cur, names)   # row by row: the raw rows are never all held

    def review_rows(self) -> list[dict[str, Any]]:
        """One summary row per review for lists: stage reached and next action due."""
        sql = """
            SELECT r.id, r.school_name, r.framework_id,
                   (SELECT f.name FROM frameworks f WHERE f.id = r.framework_hash) AS framework_name,
                   (SELECT group_concat(p.name, ', ') FROM reviewers p WHERE p.review_id = r.id
                      AND p.deleted = 0) AS reviewers,
                   r.review_type, r.trust_or_la, r.phase,
                   r.date_requested, r.date_visit, r.date_report_due, r.date_next_review, r.origin,
                   (SELECT s.stage FROM stages s WHERE s.review_id = r.id AND s.deleted = 0
                      AND s.status != 'not-started'
                    ORDER BY CASE s.stage WHEN 'identification' THEN 1 WHEN 'self-evaluation' THEN 2
                      WHEN 'preparation' THEN 3 WHEN 'school-visit' THEN 4 WHEN 'reporting' THEN 5
                      ELSE 6 END DESC LIMIT 1) AS stage_reached,
                   (SELECT min(a.due) FROM actions a WHERE a.review_id = r.id AND a.deleted = 0
                      AND a.status IN ('not-started', 'in-progress') AND a.due IS NOT NULL) AS next_due
            FROM reviews r WHERE r.deleted = 0
            ORDER BY r.created DESC, r.rowid DESC
        """
        cur = self.conn.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def rating_rows(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
        """Every rating without its text, for views across many reviews:
        (review_id, statement_id, rating) of reviewers' judgements and
        (review_id, statement_id, respondent, rating) of self-evaluations, of live
        records of live reviews, rated statements only."""
        judged = self.conn.execute(
            "SELECT j.review_id, j.statement_id, j.rating FROM judgements j "
            "JOIN reviews r ON r.id = j.review_id "
            "WHERE j.deleted = 0 AND r.deleted = 0 AND j.rating IS NOT NULL").fetchall()
        selfs = self.conn.execute(
            "SELECT s.review_id, s.statement_id, s.respondent, s.rating FROM self_assessments s "
            "JOIN reviews r ON r.id = s.review_id "
            "WHERE s.deleted = 0 AND r.deleted = 0 AND s.rating IS NOT NULL").fetchall()
        return judged, selfs

    def ratings_by_review(self) -> Iterator[tuple[str, list[tuple[str, str]], list[tuple[str, str, str]]]]:
        """The rows of `rating_rows`, one review at a time, streamed rather than read at
        once (issue 11: 480,000 rows at 5,000 reviews): (review_id, [(statement_id,
        rating)] of judgements, [(statement_id, respondent, rating)] of self-evaluations),
        reviews in id order, rows of a review in the order they were written. A review
        with neither is left out."""
        # One row per review, its ratings joined by control characters (unit and record
        # separators, which no id or rating key holds) and split again here: a few
        # thousand rows cross from SQLite instead of half a million.
        judged = self.conn.execute(
            "SELECT j.review_id, group_concat(j.statement_id || char(31) || j.rating, char(30) "
            "ORDER BY j.rowid) FROM judgements j JOIN reviews r ON r.id = j.review_id "
            "WHERE j.deleted = 0 AND r.deleted = 0 AND j.rating IS NOT NULL "
            "GROUP BY j.review_id ORDER BY j.review_id")
        selfs = self.conn.execute(
            "SELECT s.review_id, group_concat(s.statement_id || char(31) || s.respondent || char(31) "
            "|| s.rating, char(30) ORDER BY s.rowid) FROM self_assessments s "
            "JOIN reviews r ON r.id = s.review_id "
            "WHERE s.deleted = 0 AND r.deleted = 0 AND s.rating IS NOT NULL "
            "GROUP BY s.review_id ORDER BY s.review_id")
        j = judged.fetchone()
        s_ = selfs.fetchone()
        while j is not None or s_ is not None:
            # Both are in review id order (SQLite's binary order, which is Python's for
            # str), so the two are merged a review at a time.
            rid = min(row[0] for row in (j, s_) if row is not None)
            mine_j: list[tuple[str, str]] = []
            mine_s: list[tuple[str, str, str]] = []
            if j is not None and j[0] == rid:
                mine_j = [tuple(part.split("\x1f", 1)) for part in j[1].split("\x1e")]
                j = judged.fetchone()
            if s_ is not None and s_[0] == rid:
                mine_s = [tuple(part.split("\x1f", 2)) for part in s_[1].split("\x1e")]
                s_ = selfs.fetchone()
            yield rid, mine_j, mine_s

    # --- the overview's kept figures (issue 11; schema step 6) ----------------------

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read several queries from one state of the database (a read transaction), so
        no commit lands between them. Inside a write transaction, that one is used."""
        if self._depth or self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def kept_overview_figures(self) -> dict[str, tuple[int, int | None, str | None, str | None]] | None:
        """Review id -> (changed, worked_out, framework_hash, figures) as kept in
        overview_figures (a review never changed since the table was made has no row:
        count it as changed 0). None when the table or any of the triggers that count
        changes is missing, so nothing kept can be trusted."""
        rows = self.iter_kept_overview_figures()
        return None if rows is None else {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}

    def iter_kept_overview_figures(self) -> Iterator[tuple[str, int, int | None, str | None, str | None]] | None:
        """`kept_overview_figures` a row at a time: (review id, changed, worked_out,
        framework_hash, figures), so the texts are never all held at once (issue 11)."""
        names = {row[0] for row in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            "('judgements', 'self_assessments', 'reviews')")}
        if not set(schema.OVERVIEW_TRIGGERS) <= names:
            return None
        return iter(self.conn.execute(
            "SELECT review_id, changed, worked_out, framework_hash, figures FROM overview_figures"))

    def keep_overview_figures(self, rows: Iterable[tuple[str, int, str, str]]) -> bool:
        """Keep worked-out figures: (review id, its `changed` count as read with the
        ratings they come from, framework hash, figures). A review changed since keeps
        a higher count, so these figures never count as current for it. False when
        they could not be written (a busy or read-only database): nothing is lost,
        the overview works them out again next time."""
        rows = list(rows)
        if not rows or self._depth or self.conn.in_transaction:
            return False
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany(
                    "INSERT INTO overview_figures (review_id, changed, worked_out, framework_hash, "
                    "figures) VALUES (?, ?, ?, ?, ?) ON CONFLICT (review_id) DO UPDATE SET "
                    "worked_out = excluded.worked_out, framework_hash = excluded.framework_hash, "
                    "figures = excluded.figures",
                    [(rid, changed, changed, fw_hash, figures) for rid, changed, fw_hash, figures in rows])
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except SQL_ERRORS:
            return False
        return True

    def open_actions_due(self) -> builtins.list[tuple[str, str | None, str, str | None, str, str, str | None]]:
        """The overview's actions, as the few fields it shows: (id, review id, title,
        owner, due, status, priority) of each live action that is open (in
        model.OPEN_ACTION_STATUSES order, then as written) and has a due date; the
        title as Store.records gives it ("" for none). Tuples, not records: a trust has
        ~15,000 of them."""
        return builtins.list(self.iter_open_actions_due())

    def iter_open_actions_due(self, *, ids: bool = True
                              ) -> Iterator[tuple[str, str | None, str, str | None, str, str, str | None]]:
        """`open_actions_due` a row at a time, from one pass over the actions (issue 11:
        the rows are never all held twice). Without `ids`, each action's id is ""."""
        order = " ".join(f"WHEN ? THEN {i}" for i, _ in enumerate(model.OPEN_ACTION_STATUSES))
        marks = ", ".join("?" for _ in model.OPEN_ACTION_STATUSES)
        first = "id" if ids else "''"
        yield from self.conn.execute(
            f"SELECT {first}, review_id, coalesce(title, ''), owner, due, status, priority FROM actions "
            f"WHERE deleted = 0 AND status IN ({marks}) AND due IS NOT NULL AND due != '' "
            f"ORDER BY CASE status {order} END, rowid",
            [*model.OPEN_ACTION_STATUSES, *model.OPEN_ACTION_STATUSES])

    def iter_feedback_rows(self) -> Iterator[tuple[str | None, str | None, str | None, int | None,
                                                   int | None, int | None, str, str]]:
        """The schools' feedback as the overview collates it, a row at a time: (review id,
        given by, date, usefulness, tone, clarity, went well, could be better) of each
        live feedback record, as Store.records gives those fields (texts "" for none)."""
        yield from self.conn.execute(
            "SELECT review_id, given_by, date, usefulness, tone, clarity, coalesce(went_well, ''), "
            "coalesce(could_be_better, '') FROM feedback WHERE deleted = 0 ORDER BY rowid")

    def ratings_of_reviews(self, review_ids: Iterable[str]
                           ) -> Iterator[tuple[str, list[tuple[str, str]], list[tuple[str, str, str]]]]:
        """`ratings_by_review` for the given reviews only (through the review_id
        indexes): (review id, judgements, self-evaluations) in the same form, rows of a
        review in the order they were written, every review asked for (deleted or not;
        rows the other leaves out, without a statement or respondent, are left out too)."""
        for rid in sorted(set(review_ids)):
            judged = [(sid, rating) for sid, rating in self.conn.execute(
                "SELECT statement_id, rating FROM judgements WHERE review_id = ? AND deleted = 0 "
                "AND rating IS NOT NULL AND statement_id IS NOT NULL ORDER BY rowid", [rid])]
            selfs = [(sid, who, rating) for sid, who, rating in self.conn.execute(
                "SELECT statement_id, respondent, rating FROM self_assessments WHERE review_id = ? "
                "AND deleted = 0 AND rating IS NOT NULL AND statement_id IS NOT NULL "
                "AND respondent IS NOT NULL ORDER BY rowid", [rid])]
            yield rid, judged, selfs

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Text matching every word typed (the last as a prefix), newest first.

        Newest first rather than by relevance: ranking has to score every match, which
        on a large database with a common word costs ten times as much, and people
        mostly search for something they wrote recently.
        """
        query = fts_query(text)
        if not query:
            return []
        try:
            self._index_marked()
        except (StoreError, *SQL_ERRORS):
            pass  # a read-only or busy database: search what is indexed already
        rows = self.conn.execute(
            "SELECT t.review_id, r.school_name, t.tbl, t.rec, t.field, "
            "snippet(texts_fts, 0, '[', ']', '…', 12) "
            "FROM texts_fts JOIN texts t ON t.id = texts_fts.rowid "
            "JOIN reviews r ON r.id = t.review_id "
            "WHERE texts_fts MATCH ? AND r.deleted = 0 ORDER BY texts_fts.rowid DESC LIMIT ?",
            [query, limit]).fetchall()
        return [SearchHit(*row) for row in rows]

    def changes(self, *, device: str | None = None, after: str | None = None,
                review_id: str | None = None, tbl: str | None = None,
                rec: str | None = None) -> list[Change]:
        """Logged changes in clock order: optionally one device's, after a stamp, one
        review's, or one record's."""
        clauses, params = [], []
        for column, value in (("tbl", tbl), ("rec", rec)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if device is not None:
            clauses.append("device = ?")
            params.append(device)
        if after is not None:
            clauses.append("hlc > ?")
            params.append(after)
        if review_id is not None:
            clauses.append("review_id = ?")
            params.append(review_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            "SELECT hlc, device, tbl, rec, field, value, vv, review_id FROM changes"
            f"{where} ORDER BY hlc, device, tbl, rec, field", params).fetchall()
        return [Change(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), merge.loads(r[6]), r[7])
                for r in rows]

    def take_snapshot_marks(self) -> set[str]:
        """The reviews marked as changed since this device's last snapshot ('' for
        records of no review), the marks taken away (schema step 8)."""
        with self.transaction():
            marks = {r[0] for r in self.conn.execute("SELECT review_id FROM snapshot_marks")}
            self.conn.execute("DELETE FROM snapshot_marks")
        return marks

    def surviving_rows(self, ranges: Iterable[tuple[str, str | None]] | None = None) -> list[tuple[Any, ...]]:
        """The versions every field shows or keeps beside (its conflicting siblings),
        and changes waiting for their record: all a snapshot needs, since every other
        logged change is superseded by one of these (sync/merge.py), so merging these
        alone gives the same database as merging the whole log. Ordered by review, as
        the log keeps them (value and vector as text), in the order of wire.COLUMNS."""
        where, params = "", []
        if ranges is not None:
            # Only the reviews whose ids (coalesce(review_id, ''): '' for records of no
            # review) fall in one of these ranges [lo, hi), hi None meaning no end.
            ranges = list(ranges)
            if not ranges:
                return []
            where = " AND (" + " OR ".join(
                "(coalesce(review_id, '') >= ?" + (")" if hi is None else " AND coalesce(review_id, '') < ?)")
                for _, hi in ranges) + ")"
            params = [bound for lo, hi in ranges for bound in ((lo,) if hi is None else (lo, hi))]
        # (review_id is the log's own in both halves of the UNION: the clock tables
        # are read only inside EXISTS, under their own aliases.)
        return self.conn.execute(
            "SELECT c.hlc, c.device, c.tbl, c.rec, c.field, c.value, c.vv, c.review_id FROM changes c "
            "WHERE 1" + where + " AND (EXISTS (SELECT 1 FROM field_clocks f "
            "WHERE f.tbl = c.tbl AND f.rec = c.rec AND f.field = c.field AND f.hlc = c.hlc AND f.device = c.device) "
            "OR EXISTS (SELECT 1 FROM field_conflicts x WHERE x.tbl = c.tbl AND x.rec = c.rec "
            "AND x.field = c.field AND x.hlc = c.hlc AND x.device = c.device))"
            " UNION ALL SELECT hlc, device, tbl, rec, field, value, vv, review_id FROM pending_changes WHERE 1"
            + where + " ORDER BY 8, 1, 2, 3, 4, 5", params + params).fetchall()

    def staged(self, parts: Iterable[builtins.list[builtins.list[Any]]]) -> "Staged":
        """A snapshot's rows (parts in wire.COLUMNS) taken in for a bulk join; see Staged."""
        return Staged(self, parts)

    def compact_log(self) -> int:
        """Retire logged changes that a kept version supersedes; returns how many.

        Safe to send, relay or export from the log afterwards: every retired change
        is superseded (sync/merge.py) by a version that stays in the log and travels
        wherever the retired one would have, so every database merges to the same
        state. A text edit is only ever superseded by one made by someone who had seen
        it, and a rating by a later one, so no edit is lost that was not knowingly
        replaced."""
        with self.transaction():
            cur = self.conn.execute(
                "DELETE FROM changes WHERE EXISTS (SELECT 1 FROM field_clocks f WHERE "
                "f.tbl = changes.tbl AND f.rec = changes.rec AND f.field = changes.field "
                "AND NOT (f.hlc = changes.hlc AND f.device = changes.device) "
                # only where the shown version is itself logged (it always is; a field
                # whose log lacks it keeps every row rather than none)
                "AND EXISTS (SELECT 1 FROM changes k WHERE k.device = f.device AND k.hlc = f.hlc "
                "AND k.tbl = f.tbl AND k.rec = f.rec AND k.field = f.field)) "
                "AND NOT EXISTS (SELECT 1 FROM field_conflicts x WHERE x.tbl = changes.tbl "
                "AND x.rec = changes.rec AND x.field = changes.field AND x.hlc = changes.hlc "
                "AND x.device = changes.device)")
            return cur.rowcount

    def devices(self) -> list[str]:
        """Every device id that appears in the change log."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT device FROM changes ORDER BY device")]

    def change_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM changes").fetchone()[0])

    # --- replication -------------------------------------------------------------

    _PARENTS = {"review_id": "reviews", "action_id": "actions", "evidence_id": "evidence",
                "framework_hash": "frameworks", "visit_id": "followup_visits"}

    def apply_changes(self, incoming: Iterable[Change]) -> ApplyResult:
        """Merge changes made on other devices (see sync/merge.py for the rules).

        All or nothing; applying the same changes again, or in another order, gives
        the same database. Changes whose record's parent has not arrived yet wait in
        pending_changes and are retried on every later call.
        """
        result = ApplyResult()
        with self.transaction():
            units: dict[tuple[Any, ...], dict[str, Change]] = {}
            batch = [*self._take_pending(), *incoming]
            known = {(tbl, name) for tbl, kind in KINDS.items() for name in kind.field_kinds()}
            for c in batch:
                if (c.tbl, c.field) not in known:
                    raise StoreError("These changes come from a newer version of WSS Review "
                                     "Desktop. Update the app, then sync again; nothing was changed.")
            new_records = self.absent({(c.tbl, c.rec) for c in batch})
            for c in batch:
                # A record not here has no logged change yet (its changes are logged as it
                # is written), so only changes of records here can be duplicates.
                if (c.tbl, c.rec) not in new_records and self.conn.execute(
                        "SELECT 1 FROM changes WHERE device = ? AND hlc = ? AND tbl = ? "
                        "AND rec = ? AND field = ?", [c.device, c.hlc, c.tbl, c.rec, c.field]).fetchone():
                    result.duplicates += 1
                    continue
                unit_key = (c.hlc, c.device, c.tbl, c.rec)
                fields_of = units.get(unit_key)
                if fields_of is None:
                    units[unit_key] = {c.field: c}
                else:
                    fields_of[c.field] = c
            remaining = self._load_new([list(u.values()) for _, u in sorted(units.items())],
                                       new_records, result)
            progress = True
            while remaining and progress:
                progress, waiting = False, []
                for unit in remaining:
                    if self._apply_unit(unit, result):
                        progress = True
                    else:
                        waiting.append(unit)
                remaining = waiting
            if result.applied:
                self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('clock_seen', ?)",
                                  [self.clock.last()])
            for unit in remaining:
                for c in unit:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO pending_changes (device, hlc, tbl, rec, field, value, "
                        "vv, review_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [c.device, c.hlc, c.tbl, c.rec, c.field, _json(c.value),
                         merge.dumps(c.vv), c.review_id])
                    result.waiting += 1
        return result

    def absent(self, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these records this database does not hold."""
        by_table: dict[str, list[str]] = {}
        for tbl, rec in keys:
            by_table.setdefault(tbl, []).append(rec)
        here: set[tuple[str, str]] = set()
        for tbl, recs in by_table.items():
            for i in range(0, len(recs), 500):
                part = recs[i:i + 500]
                here.update((tbl, r[0]) for r in self.conn.execute(
                    f"SELECT id FROM [{tbl}] WHERE id IN ({', '.join('?' * len(part))})", part))
        return keys - here

    def live_flags(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[bool, str | None]]:
        """For those of these records that are here: whether deleted, and their review
        (one query per table and 500 records, for summing up a large merge)."""
        by_table: dict[str, builtins.list[str]] = {}
        for tbl, rec in keys:
            by_table.setdefault(tbl, []).append(rec)
        out: dict[tuple[str, str], tuple[bool, str | None]] = {}
        for tbl, recs in by_table.items():
            kind = KINDS[tbl]
            owner = "id" if kind is model.Review else ("review_id" if "review_id" in kind.field_kinds() else "NULL")
            for i in range(0, len(recs), 500):
                part = recs[i:i + 500]
                for rec, deleted, review_id in self.conn.execute(
                        f"SELECT id, deleted, {owner} FROM [{tbl}] WHERE id IN ({', '.join('?' * len(part))})",
                        part):
                    out[(tbl, rec)] = (bool(deleted), review_id)
        return out

    def _load_new(self, units: builtins.list[builtins.list[Change]], new_records: set[tuple[str, str]],
                  result: ApplyResult) -> builtins.list[builtins.list[Change]]:
        """Merge, in memory, the changes of records this database does not hold yet and
        write each such record once (a new laptop joining: one write per record, not one
        per change); returns the units left for `_apply_unit`.

        The result is the database `_apply_unit` would give, unit after unit: merging is
        order-free (sync/merge.py), so each field ends with the same versions. A record
        whose parent is neither here nor loaded with it is left to `_apply_unit`, which
        keeps it waiting as before.

        Built for a new laptop taking in a whole team's reviews (issue 10): each table's
        rows go in with one executemany, the log and the field clocks in key order (so
        SQLite appends to its B-trees instead of touching pages all over them), and each
        version vector is turned into text once."""
        if len(new_records) < 2:
            return units
        grouped: dict[tuple[str, str], builtins.list[builtins.list[Change]]] = {}
        rest = []
        for unit in units:
            first = unit[0]
            key = (first.tbl, first.rec)
            if key in new_records:
                record_units = grouped.get(key)
                if record_units is None:
                    grouped[key] = [unit]
                else:
                    record_units.append(unit)
            else:
                rest.append(unit)
        kinds_of = {tbl: KINDS[tbl].field_kinds() for tbl in {key[0] for key in grouped}}
        # Each field's versions: a change stands for itself (it has the same hlc, device,
        # vv and value as a merge.Version) until a second version of the field arrives.
        merged: dict[tuple[str, str], dict[str, builtins.list[Any]]] = {}
        for key, record_units in grouped.items():
            kinds = kinds_of[key[0]]
            fields: dict[str, builtins.list[Any]] = {}
            for unit in record_units:
                for c in unit:
                    current = fields.get(c.field)
                    if current is None:
                        fields[c.field] = [c]
                    elif kinds[c.field] == "text":
                        known = [v if isinstance(v, merge.Version) else
                                 merge.Version(v.hlc, v.device, v.vv, v.value) for v in current]
                        fields[c.field] = merge.merge_text(
                            known, merge.Version(c.hlc, c.device, c.vv, c.value)) or known
                    elif (c.hlc, c.device) > (current[0].hlc, current[0].device):
                        fields[c.field] = [c]
            merged[key] = fields
        # Records whose parents are here or loaded with them; the others wait as before.
        refs: dict[tuple[str, str], builtins.list[tuple[str, Any]]] = {}
        for key, fields in merged.items():
            wanted = []
            for column, parent in self._PARENTS.items():
                versions = fields.get(column)
                value = versions[0].value if versions else None
                if value:
                    wanted.append((parent, value))
            if wanted:
                refs[key] = wanted
        loadable = set(merged)
        outside = {ref for wanted in refs.values() for ref in wanted if ref not in loadable}
        missing = self.absent(outside)      # one query per table, not one per parent
        changed = True
        while changed:
            changed = False
            for key, wanted in refs.items():
                if key in loadable and any(ref in missing or ref not in loadable and ref not in outside
                                           for ref in wanted):
                    loadable.discard(key)
                    changed = True
        # Rows go in in the order change-by-change merging would insert them (a record at
        # its first change), since lists without an order of their own follow it.
        runs: builtins.list[tuple[str, builtins.list[builtins.list[Any]]]] = []
        clocks, conflicts, logged, texts = [], [], [], []
        vv_texts: dict[int, str] = {}     # by the vector's identity: one dumps per vector
        inserts: dict[tuple[str, tuple[str, ...]], str] = {}
        dumps = merge.dumps
        encode = self._encode
        touched = self._touched
        newest = ""
        for key in sorted(loadable, key=lambda k: (grouped[k][0][0].hlc, grouped[k][0][0].device, k)):
            tbl, rec = key
            kind = KINDS[tbl]
            kinds = kinds_of[tbl]
            fields = merged[key]
            first = grouped[key][0][0]
            values = {name: encode(kinds, name, versions[0].value) for name, versions in fields.items()}
            review_id = rec if kind is model.Review else (values.get("review_id") or first.review_id)
            names = tuple(values)
            sql = inserts.get((tbl, names))
            if sql is None:
                sql = inserts[(tbl, names)] = (f"INSERT INTO [{tbl}] (id{''.join(f', [{n}]' for n in names)}) "
                                               f"VALUES ({', '.join('?' * (len(names) + 1))})")
            if runs and runs[-1][0] == sql:
                runs[-1][1].append([rec, *values.values()])
            else:
                runs.append((sql, [[rec, *values.values()]]))
            for name, versions in fields.items():
                top = versions[0]
                vv = vv_texts.get(id(top.vv))
                if vv is None:
                    vv = vv_texts[id(top.vv)] = dumps(top.vv)
                if len(versions) > 1:
                    conflicted = kinds[name] == "text" and merge.is_conflict(versions)
                    result.conflicts += conflicted
                    for v in versions[1:]:
                        conflicts.append((tbl, rec, name, v.hlc, v.device, dumps(v.vv), _json(v.value),
                                          review_id))
                else:
                    conflicted = False
                clocks.append((tbl, rec, name, top.hlc, top.device, vv, int(conflicted)))
            if not values.get("deleted"):
                texts += [[tbl, rec, name, review_id, values[name]] for name in _SEARCHABLE[tbl]
                          if values.get(name)]
            names_touched = set()
            for unit in grouped[key]:
                for c in unit:
                    vv = vv_texts.get(id(c.vv))
                    if vv is None:
                        vv = vv_texts[id(c.vv)] = dumps(c.vv)
                    logged.append((c.device, c.hlc, c.tbl, c.rec, c.field, _json(c.value), vv, c.review_id))
                    if c.hlc > newest:
                        newest = c.hlc
                    names_touched.add(c.field)
                result.applied += len(unit)
            touched.add(SYNC, tbl, rec, review_id, names_touched)
            result.loaded[key] = (bool(values.get("deleted")), values.get("review_id"))
        conn = self.conn
        # Records go in table by table, a child possibly before its parent: every parent
        # is here or in this load (checked above), which SQLite checks at the commit.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for sql, batch in runs:
            conn.executemany(sql, batch)
        by_key = operator.itemgetter(0, 1, 2)
        clocks.sort(key=by_key)
        conn.executemany("INSERT OR REPLACE INTO field_clocks (tbl, rec, field, hlc, device, vv, conflicted) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", clocks)
        conflicts.sort(key=operator.itemgetter(0, 1, 2, 3, 4))
        conn.executemany("INSERT INTO field_conflicts (tbl, rec, field, hlc, device, vv, value, review_id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", conflicts)
        logged.sort(key=operator.itemgetter(0, 1, 2, 3, 4))
        with self._log_in_bulk():
            conn.executemany("INSERT INTO changes (device, hlc, tbl, rec, field, value, vv, review_id) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", logged)
            conn.executemany("INSERT OR IGNORE INTO snapshot_marks (review_id) VALUES (?)",
                             [(r,) for r in {row[7] or "" for row in logged}])
        self._bulk_index(texts)
        if newest:
            self.clock.observe(newest)
        left = [unit for key, record_units in grouped.items() if key not in loadable for unit in record_units]
        return sorted(rest + left, key=lambda u: (u[0].hlc, u[0].device, u[0].tbl, u[0].rec))

    # Rows of the search index written at once above this many go into the full-text
    # index in one statement: its trigger, run once per row, costs four times as much.
    BULK_TEXTS = 2_000

    def _bulk_index(self, texts: builtins.list[builtins.list[Any]]) -> None:
        """Add rows to the search index (`texts` and its full-text index texts_fts), inside
        the caller's transaction, so all or nothing goes in with the records."""
        sql = ("INSERT INTO texts (tbl, rec, field, review_id, body) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (tbl, rec, field) DO UPDATE SET body = excluded.body")
        if len(texts) < self.BULK_TEXTS:
            self.conn.executemany(sql, texts)
            return
        with self._texts_in_bulk():
            self.conn.executemany(sql, texts)

    @contextmanager
    def _trigger_off(self, name: str) -> Iterator[bool]:
        """The block runs without the trigger `name` (put back after it, inside the
        caller's transaction); yields whether the trigger was there."""
        conn = self.conn
        trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                               [name]).fetchone()
        if trigger is not None:
            conn.execute(f"DROP TRIGGER {name}")
        yield trigger is not None
        if trigger is not None:
            conn.execute(trigger[0])

    @contextmanager
    def _log_in_bulk(self) -> Iterator[None]:
        """Rows added to the change log inside the block do not mark their reviews for
        the snapshot one by one (schema step 8's trigger would run once for each of a
        join's ~800,000 rows): the block marks them itself, with one statement."""
        with self._trigger_off("snapshot_marks_log_insert"):
            yield

    @contextmanager
    def _texts_in_bulk(self) -> Iterator[None]:
        """Rows added to `texts` inside the block go into the full-text index in one
        statement at its end, not through the trigger once per row."""
        conn = self.conn
        # New rows get ids above every earlier one (an INTEGER PRIMARY KEY grows from its
        # largest); a row updated in place is re-indexed by its own trigger (texts_au).
        last = conn.execute("SELECT coalesce(max(id), 0) FROM texts").fetchone()[0]
        with self._trigger_off("texts_ai") as was_there:
            yield
            if was_there:
                conn.execute("INSERT INTO texts_fts (rowid, body) SELECT id, body FROM texts WHERE id > ?", [last])

    def _take_pending(self) -> list[Change]:
        rows = self.conn.execute("SELECT hlc, device, tbl, rec, field, value, vv, review_id "
                                 "FROM pending_changes").fetchall()
        self.conn.execute("DELETE FROM pending_changes")
        return [Change(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), merge.loads(r[6]), r[7])
                for r in rows]

    def _field_versions(self, table: str, rec: str, name: str, shown_value: Any
                        ) -> tuple[list[merge.Version], bool]:
        row = self.conn.execute("SELECT hlc, device, vv, conflicted FROM field_clocks WHERE tbl = ? "
                                "AND rec = ? AND field = ?", [table, rec, name]).fetchone()
        if row is None:
            return [], False
        versions = [merge.Version(row[0], row[1], merge.loads(row[2]), shown_value)]
        if row[3]:
            versions += [merge.Version(h, d, merge.loads(v), json.loads(val)) for h, d, v, val in
                         self.conn.execute("SELECT hlc, device, vv, value FROM field_conflicts "
                                           "WHERE tbl = ? AND rec = ? AND field = ?", [table, rec, name])]
        return versions, True

    def _apply_unit(self, unit: list[Change], result: ApplyResult) -> bool:
        """Apply one remote write (fields of one record at one moment); False if it must wait."""
        first = unit[0]
        kind = KINDS[first.tbl]
        kinds = kind.field_kinds()
        conn = self.conn
        cur = conn.execute(f"SELECT * FROM [{first.tbl}] WHERE id = ?", [first.rec])
        row = cur.fetchone()
        current = dict(zip([d[0] for d in cur.description], row)) if row else {}
        new_values: dict[str, Any] = {}
        clocks: list[tuple[Any, ...]] = []
        conflict_rows: dict[str, list[merge.Version]] = {}
        for c in unit:
            incoming = merge.Version(c.hlc, c.device, c.vv, c.value)
            shown = _logged(kinds[c.field], current.get(c.field))
            versions, known = self._field_versions(c.tbl, c.rec, c.field, shown)
            if kinds[c.field] == "text":
                merged = merge.merge_text(versions, incoming)
                if merged is None:
                    continue
                conflict_rows[c.field] = merged[1:]
                top = merged[0]
                clocks.append((c.field, top, merge.is_conflict(merged)))
                if not known or top.order != versions[0].order:
                    new_values[c.field] = self._encode(kinds, c.field, top.value)
            elif merge.merge_latest(versions[0] if known else None, incoming):
                conflict_rows[c.field] = []
                clocks.append((c.field, incoming, False))
                new_values[c.field] = self._encode(kinds, c.field, c.value)
        for column, parent in self._PARENTS.items():
            value = new_values.get(column)
            if value and not conn.execute(f"SELECT 1 FROM [{parent}] WHERE id = ?", [value]).fetchone():
                return False
        review_id = first.rec if kind is model.Review else (
            new_values.get("review_id") or current.get("review_id") or first.review_id)
        if new_values:
            names = list(new_values)
            if row:
                conn.execute(f"UPDATE [{first.tbl}] SET {', '.join(f'[{n}] = ?' for n in names)} "
                             f"WHERE id = ?", [*new_values.values(), first.rec])
            else:
                conn.execute(f"INSERT INTO [{first.tbl}] (id, {', '.join(f'[{n}]' for n in names)}) "
                             f"VALUES ({', '.join('?' * (len(names) + 1))})", [first.rec, *new_values.values()])
        for name, top, conflicted in clocks:
            conn.execute("INSERT OR REPLACE INTO field_clocks (tbl, rec, field, hlc, device, vv, "
                         "conflicted) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [first.tbl, first.rec, name, top.hlc, top.device, merge.dumps(top.vv),
                          int(conflicted)])
            conn.execute("DELETE FROM field_conflicts WHERE tbl = ? AND rec = ? AND field = ?",
                         [first.tbl, first.rec, name])
            for v in conflict_rows[name]:
                conn.execute("INSERT INTO field_conflicts (tbl, rec, field, hlc, device, vv, value, "
                             "review_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [first.tbl, first.rec, name, v.hlc, v.device, merge.dumps(v.vv),
                              _json(v.value), review_id])
            if conflicted:
                result.conflicts += 1
        for c in unit:
            conn.execute("INSERT INTO changes (hlc, device, tbl, rec, field, value, vv, review_id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [c.hlc, c.device, c.tbl, c.rec, c.field, _json(c.value),
                          merge.dumps(c.vv), c.review_id])
            self.clock.observe(c.hlc)
            result.applied += 1
        self._reindex(kind, first.rec, new_values, review_id)
        if new_values or clocks:
            self._touched.add(SYNC, first.tbl, first.rec, review_id, [c.field for c in unit])
        return True

    def _reindex(self, kind: type[Record], rec_id: str, changed: dict[str, Any],
                 review_id: str | None) -> None:
        searchable = _SEARCHABLE[kind.table]
        row = self.conn.execute(f"SELECT * FROM [{kind.table}] WHERE id = ?", [rec_id])
        values = dict(zip([d[0] for d in row.description], row.fetchone()))
        if values.get("deleted"):
            self.conn.execute("DELETE FROM texts WHERE tbl = ? AND rec = ?", [kind.table, rec_id])
            return
        fields = searchable if "deleted" in changed else searchable & set(changed)
        for name in fields:
            self._index_text(kind.table, rec_id, name, values.get(name), review_id)

    def conflicts(self, review_id: str | None = None) -> list[FieldConflict]:
        """Text fields where people wrote at the same time; the shown version first."""
        sql = "SELECT tbl, rec, field FROM field_clocks WHERE conflicted = 1"  # a partial index
        out = []
        for tbl, rec, name in self.conn.execute(sql).fetchall():
            kind = KINDS[tbl]
            row = self.conn.execute(f"SELECT [{name}], {'id' if kind is model.Review else 'review_id'}, "
                                    f"deleted FROM [{tbl}] WHERE id = ?", [rec]).fetchone()
            if row is None or row[2] or (review_id is not None and row[1] != review_id):
                continue
            versions, _ = self._field_versions(tbl, rec, name, row[0])
            out.append(FieldConflict(tbl, rec, name, row[1], versions))
        return out

    def integrity_problems(self) -> list[str]:
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check").fetchall()
                    if row[0] != "ok"]
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} points at a missing {parent} record")
        try:
            self.conn.execute("INSERT INTO texts_fts(texts_fts, rank) VALUES ('integrity-check', 1)")
        except DATABASE_ERRORS as exc:
            problems.append(f"the search index is damaged ({exc}); it can be rebuilt")
        return problems

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])


def _json_read(conn: Any, sql: str, params: builtins.list[Any]) -> builtins.list[Any]:
    """Rows of a statement reading snapshot values as JSON; a value that is not JSON
    makes it a ValueError (the snapshot is not used)."""
    try:
        return conn.execute(sql, params).fetchall()  # type: ignore[no-any-return]
    except SQL_ERRORS as exc:
        raise ValueError(f"a snapshot's values are not all JSON ({exc})") from None


class Staged:
    """A colleague's snapshot taken in by a new laptop, in bulk (issue 10).

    Its rows (in wire.COLUMNS, values and vectors as the log keeps them) go into a
    temporary table kept in memory, never on disk. What merging them change by change
    would do is then done in SQL for the records this database does not hold whose
    every field has one version and whose parents are here or in the snapshot: the
    case of almost every record when a laptop joins. Their rows, field clocks, log
    rows and search index are written with one statement per table, in key order,
    with no Python object per row; that is what makes a join of 5,000 reviews (~800,000
    rows) about four times faster than merging them change by change. Every other row (a record held here already, a field with
    several versions, a record waiting for its parent, a kind or field this version
    does not know) is handed back as changes, for the usual check and merge.

    They are written in one pass (`load`), the fastest way, which can give way to a
    write of the app waiting to begin (`give_way`); the caller then writes them a part
    of the snapshot at a time (`batches`, `load` of each range), committing whenever the
    app waits again, so a save never waits for the whole join. Each row has a key, its
    review (a review's own rows: the review itself; '' for records of no review); a
    batch is a range of keys, so every record, and every review, goes in whole with one
    batch, after its parents. A row the database holds already as the version its field
    shows is dropped (merging it would change nothing), so a join taken up again after
    some parts were committed goes on where it stopped.

    The checks of sync/validate.py are made on the bulk rows by validate.check_staged,
    through `screen`, `stamps`, `vectors`, `values_of` and `drop` below; the result is the
    database merging them change by change gives (tests/core/test_sync_snapshot_join.py).
    Use it as a context manager: the table is dropped (and the store's temporary
    storage put back) on leaving it.
    """

    _CREATE = ("CREATE TEMP TABLE staged (hlc TEXT, device TEXT, tbl TEXT, rec TEXT, field TEXT, "
               "value TEXT, vv TEXT, review_id TEXT, key TEXT NOT NULL, enc, slow INTEGER NOT NULL DEFAULT 0)")

    def __init__(self, store: "Store", parts: Iterable[builtins.list[builtins.list[Any]]]):
        self.store = store
        conn = self.conn = store.conn
        self._temp_store = int(conn.execute("PRAGMA temp_store").fetchone()[0])
        # In memory: a temporary file would hold the team's notes unencrypted.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("DROP TABLE IF EXISTS temp.staged")
        conn.execute(self._CREATE)
        sql = ("INSERT INTO temp.staged (hlc, device, tbl, rec, field, value, vv, review_id, key) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CASE WHEN ?3 = 'reviews' THEN ?4 ELSE coalesce(?8, '') END)")
        self.rows = 0
        self._starts: builtins.list[str] = []     # each part's lowest key
        try:
            for columns in parts:
                conn.executemany(sql, zip(*columns))
                if columns[0]:
                    self._starts.append(conn.execute("SELECT min(key) FROM temp.staged WHERE rowid > ?",
                                                     [self.rows]).fetchone()[0])
                self.rows += len(columns[0])
                del columns
        except BaseException:
            self.close()
            raise
        # Values are read as JSON where they are used (screen, load, set_aside_changes),
        # each once; one that is not JSON stops the join there (a ValueError, or a
        # StoreError inside the transaction, which then writes nothing).
        conn.execute("CREATE INDEX temp.staged_record ON staged (tbl, rec, field)")

    def __enter__(self) -> "Staged":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        conn = self.conn
        for table in ("staged", "staged_slow", "staged_kinds", "staged_search", "staged_refs"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
        conn.execute(f"PRAGMA temp_store = {self._temp_store}")

    # --- which rows go in in bulk --------------------------------------------------

    def _mark_slow(self, keys: Iterable[tuple[str, str]]) -> None:
        conn = self.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS staged_slow (tbl TEXT, rec TEXT, PRIMARY KEY (tbl, rec)) "
                     "WITHOUT ROWID")
        conn.execute("DELETE FROM temp.staged_slow")
        conn.executemany("INSERT OR IGNORE INTO temp.staged_slow VALUES (?, ?)", keys)
        conn.execute("UPDATE temp.staged SET slow = 1 WHERE slow = 0 AND (tbl, rec) IN "
                     "(SELECT tbl, rec FROM temp.staged_slow)")

    def set_aside(self) -> None:
        """Leave to the usual merge every record that is here already, has a field with
        more than one version, or has a row of a kind or field this version does not know,
        or whose rows name different reviews. Rows of versions this database shows already
        (a join taken up again after a stop) are dropped first: merging them changes nothing."""
        conn = self.conn
        conn.execute("DELETE FROM temp.staged WHERE rowid IN (SELECT s.rowid FROM temp.staged s "
                     "JOIN main.field_clocks f ON f.tbl = s.tbl AND f.rec = s.rec AND f.field = s.field "
                     "AND f.hlc = s.hlc AND f.device = s.device)")
        known = {(tbl, name) for tbl, kind in KINDS.items() for name in kind.field_kinds() if name != "id"}
        odd = {(tbl, name) for tbl, name in conn.execute("SELECT DISTINCT tbl, field FROM temp.staged")
               if (tbl, name) not in known}
        slow: set[tuple[str, str]] = set()
        for tbl, name in odd:
            slow.update(conn.execute("SELECT DISTINCT tbl, rec FROM temp.staged WHERE tbl = ? AND field = ?",
                                     [tbl, name]))
        for tbl in [r[0] for r in conn.execute("SELECT DISTINCT tbl FROM temp.staged")]:
            if tbl in KINDS:
                slow.update(conn.execute(
                    f"SELECT DISTINCT s.tbl, s.rec FROM temp.staged s JOIN main.[{tbl}] t ON t.id = s.rec "
                    "WHERE s.tbl = ?", [tbl]))
        slow.update(conn.execute("SELECT tbl, rec FROM temp.staged GROUP BY tbl, rec "
                                 "HAVING count(*) > count(DISTINCT field) OR min(key) != max(key)"))
        self._mark_slow(slow)

    def set_aside_orphans(self) -> None:
        """Leave to the usual merge (which keeps them waiting) records whose parent is
        neither here nor among the records going in in bulk, and then their children;
        as Store._load_new does."""
        conn = self.conn
        columns = ", ".join(f"'{c}'" for c in Store._PARENTS)
        conn.execute("DROP TABLE IF EXISTS temp.staged_refs")
        conn.execute("CREATE TEMP TABLE staged_refs (tbl TEXT, rec TEXT, ptbl TEXT, prec TEXT, key TEXT)")
        _json_read(conn, "INSERT INTO temp.staged_refs SELECT tbl, rec, CASE field "
                   + " ".join(f"WHEN '{c}' THEN '{t}'" for c, t in Store._PARENTS.items())
                   + " END, json_extract(value, '$'), key FROM temp.staged WHERE slow = 0 AND field IN ("
                   + columns + ") AND json_type(value) = 'text' AND json_extract(value, '$') != ''", [])
        # Parents neither here nor among the records going in in bulk: one query per kind.
        missing: set[tuple[str, str]] = set()
        for (ptbl,) in conn.execute("SELECT DISTINCT ptbl FROM temp.staged_refs").fetchall():
            missing.update(conn.execute(
                f"SELECT DISTINCT r.ptbl, r.prec FROM temp.staged_refs r WHERE r.ptbl = ? "
                f"AND NOT EXISTS (SELECT 1 FROM main.[{ptbl}] p WHERE p.id = r.prec) "
                f"AND NOT EXISTS (SELECT 1 FROM temp.staged s WHERE s.tbl = r.ptbl AND s.rec = r.prec "
                f"AND s.slow = 0)", [ptbl]))
        slow = {(t, r) for t, r, pt, pr, _ in conn.execute("SELECT * FROM temp.staged_refs")
                if (pt, pr) in missing} if missing else set()
        # Records whose parent would go in with a later batch (it is of another review).
        slow.update(conn.execute(
            "SELECT DISTINCT r.tbl, r.rec FROM temp.staged_refs r WHERE EXISTS (SELECT 1 FROM temp.staged p "
            "WHERE p.tbl = r.ptbl AND p.rec = r.prec AND p.slow = 0 AND p.key > r.key)"))
        # ... and the records whose parent is left to the usual merge, and theirs.
        while slow:
            self._mark_slow(slow)
            slow = set(conn.execute(
                "SELECT tbl, rec FROM temp.staged_refs r WHERE (ptbl, prec) IN "
                "(SELECT tbl, rec FROM temp.staged WHERE slow = 1) AND EXISTS (SELECT 1 FROM temp.staged s "
                "WHERE s.tbl = r.tbl AND s.rec = r.rec AND s.slow = 0)"))
        conn.execute("DROP TABLE temp.staged_refs")

    def set_aside_changes(self) -> builtins.list[Change]:
        """The rows left to the usual merge, as changes."""
        return [Change(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), merge.loads(r[6]), r[7])
                for r in self.conn.execute("SELECT hlc, device, tbl, rec, field, value, vv, review_id "
                                           "FROM temp.staged WHERE slow = 1 ORDER BY rowid")]

    # --- what validate.check_staged reads and decides ----------------------------------

    def screen(self, kinds: dict[str, dict[str, str]], limits: dict[str, int]
               ) -> builtins.list[tuple[int, str, str, str, str]]:
        """Rows going in in bulk whose value SQL cannot pass as fitting its field: (rowid,
        table, field, kind, the value as JSON text). Text and short text must be JSON text within
        `limits[kind]` characters, yes/no fields true or false, whole numbers JSON
        integers below 2**53, a deleted flag never empty; every other kind (dates,
        numbers, lists) is returned to be checked in Python (validate.value_problem)."""
        conn = self.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS staged_kinds (tbl TEXT, field TEXT, kind TEXT, "
                     "PRIMARY KEY (tbl, field)) WITHOUT ROWID")
        conn.execute("DELETE FROM temp.staged_kinds")
        conn.executemany("INSERT INTO temp.staged_kinds VALUES (?, ?, ?)",
                         [(tbl, name, k) for tbl, of in kinds.items() for name, k in of.items()])
        # A JSON text no longer than the limit (plus its quotes) is one whatever it escapes:
        # passed without parsing (it is parsed as it is written, in load).
        rows = _json_read(conn,
            "SELECT s.rowid, s.tbl, s.field, k.kind, s.value, json_type(s.value) AS jt FROM temp.staged s "
            "JOIN temp.staged_kinds k ON k.tbl = s.tbl AND k.field = s.field WHERE s.slow = 0 AND NOT ("
            "  k.kind IN ('text', 'str') AND s.value GLOB '\"*\"' AND "
            "     length(s.value) <= CASE k.kind WHEN 'text' THEN ? ELSE ? END + 2"
            ") AND NOT ("
            "(s.field != 'deleted' OR jt != 'null') AND ("
            "  (k.kind IN ('text', 'str') AND (jt = 'null' OR jt = 'text' AND "
            "     length(json_extract(s.value, '$')) <= CASE k.kind WHEN 'text' THEN ? ELSE ? END))"
            "  OR (k.kind = 'bool' AND jt IN ('null', 'true', 'false'))"
            "  OR (k.kind = 'int' AND (jt = 'null' OR jt = 'integer' AND "
            "      abs(json_extract(s.value, '$')) < 9007199254740992))))",
            [limits["text"], limits["str"], limits["text"], limits["str"]])
        return [row[:5] for row in rows]

    def stamps(self) -> builtins.list[str]:
        """The distinct clock stamps of the rows going in in bulk."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT hlc FROM temp.staged WHERE slow = 0")]

    def vectors(self) -> builtins.list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT vv FROM temp.staged WHERE slow = 0")]

    def rows_with_stamp(self, stamps: Iterable[str]) -> builtins.list[int]:
        out: builtins.list[int] = []
        for stamp in stamps:
            out += [r[0] for r in self.conn.execute(
                "SELECT rowid FROM temp.staged WHERE slow = 0 AND hlc = ?", [stamp])]
        return out

    def values_of(self, tbl: str, name: str, *, everything: bool = False
                  ) -> builtins.list[tuple[int, str, str | None, Any]]:
        """(rowid, record, the row's review, the value) of one field of the rows going in
        in bulk (`everything`: of all the snapshot's rows)."""
        rows = _json_read(self.conn, "SELECT rowid, rec, review_id, CASE WHEN json_type(value) IN ('object', 'array') "
                          "THEN NULL ELSE json_extract(value, '$') END, CASE WHEN json_type(value) IN ('object', "
                          "'array') THEN value END FROM temp.staged WHERE tbl = ? AND field = ?"
                          + ("" if everything else " AND slow = 0"), [tbl, name])
        return [(r[0], r[1], r[2], r[3] if r[4] is None else json.loads(r[4])) for r in rows]

    def change_of(self, rowids: Iterable[int]) -> builtins.list[Change]:
        out = []
        for rowid in rowids:
            r = self.conn.execute("SELECT hlc, device, tbl, rec, field, value, vv, review_id FROM temp.staged "
                                  "WHERE rowid = ?", [rowid]).fetchone()
            out.append(Change(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), merge.loads(r[6]), r[7]))
        return out

    def records_of(self, tbl: str) -> builtins.list[str]:
        """The records of one kind among the snapshot's rows going in in bulk."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT rec FROM temp.staged WHERE slow = 0 AND tbl = ?",
                                                [tbl])]

    def canonical_vector(self, text: str, canonical: str) -> None:
        self.conn.execute("UPDATE temp.staged SET vv = ? WHERE vv = ?", [canonical, text])

    def drop(self, rowids: Iterable[int]) -> None:
        """Take rows out (refused, or held back for later)."""
        self.conn.executemany("DELETE FROM temp.staged WHERE rowid = ?", [(r,) for r in rowids])

    # --- the bulk write ---------------------------------------------------------------

    # SQLite's steps between two calls of `give_way` during a statement of `load`.
    GIVE_WAY_STEPS = 20_000

    def batches(self) -> builtins.list[tuple[str | None, str | None]]:
        """The ranges of keys [lo, hi) written a transaction each (None: no bound), one
        per part of the snapshot (a part holds whole reviews, in key order) holding rows
        going in in bulk. Raises ValueError, before anything is written, if a value
        going in in bulk is not JSON."""
        conn = self.conn
        if conn.execute("SELECT 1 FROM temp.staged WHERE slow = 0 AND NOT json_valid(value) LIMIT 1").fetchone():
            raise ValueError("a value of the snapshot is not JSON")
        if not conn.execute("SELECT 1 FROM temp.staged WHERE slow = 0 LIMIT 1").fetchone():
            return []
        starts = sorted(set(self._starts))[1:]
        return list(zip([None, *starts], [*starts, None]))

    def load(self, lo: str | None = None, hi: str | None = None, check: Callable[[], None] = lambda: None,
             give_way: Callable[[], bool] | None = None) -> tuple[int, dict[str, int], set[str]]:
        """Write the rows going in in bulk whose key is in [lo, hi) (None: no bound),
        inside the caller's transaction: the records, their search index, field clocks
        and log rows. `check` is called between the statements (it may raise to stop;
        the caller's transaction then writes nothing). Returns how many versions went
        in, the records added (not deleted) per kind, and the reviews touched.

        With `give_way`, a statement is broken off as soon as it returns true (SQLite
        asks it every few thousand steps), raising GaveWay: the caller's transaction
        then writes nothing."""
        if give_way is None:
            return self._load(lo, hi, check)
        asked: builtins.list[bool] = []

        def handler() -> int:
            if give_way():
                asked.append(True)
                return 1
            return 0

        self.conn.set_progress_handler(handler, self.GIVE_WAY_STEPS)
        try:
            return self._load(lo, hi, check)
        except SQL_ERRORS:
            if asked:
                raise GaveWay from None
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    @staticmethod
    def _in_bulk(lo: str | None, hi: str | None, alias: str = "") -> tuple[str, builtins.list[str]]:
        """The condition (on the table or its `alias`) and parameters for the rows going
        in in bulk whose key is in [lo, hi)."""
        where = f"{alias}slow = 0" + (f" AND {alias}key >= ?" if lo is not None else "") \
            + (f" AND {alias}key < ?" if hi is not None else "")
        return where, [bound for bound in (lo, hi) if bound is not None]

    def _load(self, lo: str | None, hi: str | None,
              check: Callable[[], None]) -> tuple[int, dict[str, int], set[str]]:
        store, conn = self.store, self.conn
        where, bounds = self._in_bulk(lo, hi)
        # Read through the index of keys: the planner would otherwise go through every
        # row of a kind (its index orders the field clocks) for each batch.
        indexed = " INDEXED BY staged_key" if bounds else ""
        staged = "temp.staged" + indexed
        if bounds:    # made when first written a part at a time (it costs ~0.7 s at 5,000 reviews)
            conn.execute("CREATE INDEX IF NOT EXISTS temp.staged_key ON staged (key, tbl)")
        tables = [r[0] for r in conn.execute(f"SELECT DISTINCT tbl FROM {staged} WHERE {where}", bounds)]
        if not tables:
            return 0, {}, set()
        conn.execute("PRAGMA defer_foreign_keys = ON")
        added: dict[str, int] = {}
        for tbl in tables:
            check()
            kind = KINDS[tbl]
            kinds = {n: k for n, k in kind.field_kinds().items() if n != "id"}
            jsons = [n for n, k in kinds.items() if k == "json"]
            if jsons:
                marks = ", ".join("?" * len(jsons))
                rows = conn.execute(f"SELECT rowid, field, value FROM {staged} WHERE {where} AND tbl = ? "
                                    f"AND field IN ({marks})", [*bounds, tbl, *jsons]).fetchall()
                conn.executemany("UPDATE temp.staged SET enc = ? WHERE rowid = ?",
                                 [(store._encode(kinds, name, json.loads(value)), rowid)
                                  for rowid, name, value in rows])
            exprs = []
            for name, k in kinds.items():
                picked = "enc" if k == "json" else "json_extract(value, '$')"
                expr = f"max(CASE WHEN field = '{name}' THEN {picked} END)"
                exprs.append(f"coalesce({expr}, 0)" if name == "deleted" else expr)
            names = "".join(f", [{n}]" for n in kinds)
            # Records in the order merging change by change would insert them (at each
            # one's first change), since lists with no order of their own follow it.
            inserted = conn.execute(f"INSERT INTO main.[{tbl}] (id{names}) SELECT rec, {', '.join(exprs)} "
                                    f"FROM {staged} WHERE {where} AND tbl = ? GROUP BY rec "
                                    f"ORDER BY min(hlc || ' ' || device), rec", [*bounds, tbl]).rowcount
            count = inserted - conn.execute(
                f"SELECT count(*) FROM {staged} WHERE {where} AND tbl = ? AND field = 'deleted' "
                f"AND json_type(value) = 'true'", [*bounds, tbl]).fetchone()[0]
            if count:
                added[tbl] = count
        # The search index, from the rows themselves: one pass, not one per field.
        check()
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS staged_search (tbl TEXT, field TEXT, "
                     "PRIMARY KEY (tbl, field)) WITHOUT ROWID")
        conn.execute("DELETE FROM temp.staged_search")
        conn.executemany("INSERT INTO temp.staged_search VALUES (?, ?)",
                         [(tbl, name) for tbl in tables for name in _SEARCHABLE[tbl]])
        s_where, _ = self._in_bulk(lo, hi, "s.")
        with store._texts_in_bulk():
            conn.execute(
                "INSERT INTO texts (tbl, rec, field, review_id, body) SELECT s.tbl, s.rec, s.field, "
                "CASE WHEN s.tbl = 'reviews' THEN s.rec ELSE (SELECT json_extract(r.value, '$') FROM temp.staged r "
                "WHERE r.tbl = s.tbl AND r.rec = s.rec AND r.field = 'review_id') END, json_extract(s.value, '$') "
                f"FROM temp.staged s{indexed} WHERE {s_where} AND (s.tbl, s.field) IN (SELECT tbl, field FROM temp.staged_search) "
                "AND s.value GLOB '\"*' AND s.value != '\"\"' AND NOT EXISTS (SELECT 1 FROM temp.staged d WHERE d.tbl = s.tbl "
                "AND d.rec = s.rec AND d.field = 'deleted' AND json_type(d.value) = 'true')", bounds)
        for tbl in tables:      # a kind at a time, in key order
            check()
            conn.execute("INSERT OR REPLACE INTO field_clocks (tbl, rec, field, hlc, device, vv, conflicted) "
                         f"SELECT tbl, rec, field, hlc, device, vv, 0 FROM {staged} WHERE {where} AND tbl = ? "
                         "ORDER BY tbl, rec, field", [*bounds, tbl])
        check()
        with store._log_in_bulk():
            conn.execute("INSERT INTO changes (device, hlc, tbl, rec, field, value, vv, review_id) "
                         f"SELECT device, hlc, tbl, rec, field, value, vv, review_id FROM {staged} "
                         f"WHERE {where} ORDER BY device, hlc, tbl, rec, field", bounds)
            conn.execute("INSERT OR IGNORE INTO snapshot_marks (review_id) SELECT DISTINCT "
                         f"coalesce(review_id, '') FROM {staged} WHERE {where}", bounds)
        # The reviews touched: each record's own (its review_id field, else its rows').
        reviews = {r[0] for r in conn.execute(
            "SELECT DISTINCT CASE WHEN tbl = 'reviews' THEN rec ELSE coalesce(CASE WHEN field = 'review_id' "
            f"THEN json_extract(value, '$') END, review_id) END FROM {staged} WHERE {where}", bounds)} - {None}
        store._touched.add_reviews(SYNC, tables, reviews)
        versions, newest = conn.execute(f"SELECT count(*), max(hlc) FROM {staged} WHERE {where}",
                                        bounds).fetchone()
        if newest:
            store.clock.observe(newest)
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('clock_seen', ?)",
                         [store.clock.last()])
        return int(versions), added, reviews


class _Checkpointer:
    """Copies the write-ahead log back into the database from a thread of its own.

    SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages,
    so one edit in a few hundred waited for megabytes to be copied (p99 8.7 ms on a
    250 MB database). Here a second connection runs a PASSIVE checkpoint, which
    never blocks the editing connection, once enough has been committed or after a
    quiet moment; the editing connection has wal_autocheckpoint off. Closing the
    store stops the thread; SQLite checkpoints the rest when the last connection
    closes.
    """

    EVERY_COMMITS = 200
    QUIET_SECONDS = 2.0

    def __init__(self, connect: Callable[[], Any]):
        import threading
        self._connect = connect   # a new connection to the same database, unlocked
        self._pending = 0
        self.checkpoints = 0  # how many have run (tests wait on it)
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="wss-checkpoint", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        self._pending += 1
        if self._pending >= self.EVERY_COMMITS:
            self._wake.set()

    def _run(self) -> None:
        conn: Any = None
        try:
            while not self._stopping:
                self._wake.wait(self.QUIET_SECONDS)
                self._wake.clear()
                if self._stopping:
                    break
                if self._pending == 0:
                    continue
                self._pending = 0
                try:
                    if conn is None:
                        conn = self._connect()
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.checkpoints += 1
                except SQL_ERRORS:
                    pass  # busy or going away: the next round, or the final close, does it
        finally:
            if conn is not None:
                conn.close()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=5)


def migrate(conn: sqlite3.Connection, upto: int = LATEST) -> None:
    """Run each migration step not yet applied, each in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current >= upto:
        return
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for number in range(current + 1, upto + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](db)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def copy_database(source: Path, target: Path, *, key: bytes | None = None,
                  target_key: bytes | None = None) -> None:
    """A consistent copy of a live database (used for backups): `source` opened with `key`
    (by default its data folder's key), the copy encrypted with `target_key` (by default
    the same key)."""
    plain = _is_plaintext(Path(source))
    if key is None and not plain:
        from . import atrest
        key = atrest.database_key(Path(source).parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    tmp.unlink(missing_ok=True)
    src = _connect(f"file:{source}?mode=ro", None if plain else key, uri=True)
    try:
        _export(src, tmp, target_key or key)
    finally:
        src.close()
    shutil.move(tmp, target)


__all__ = ["Store", "StoreError", "StoreBusy", "waiting_briefly", "writers_waiting", "NotFound", "NewerDatabase", "SQL_ERRORS", "DATABASE_ERRORS", "Change", "SearchHit", "LATEST", "MIGRATIONS",
           "migrate", "read_schema_version", "copy_database", "fts_query", "connect"]
