"""Sync at scale (issue 10, case 9): figures beside their targets and a floor measured in
the same run.

- join: a new laptop's first sync with a folder of realistic reviews (every text typed
  as a burst of autosaves), written by several devices. Target: 5,000 reviews <= 10 s.
  Floor: reading and decrypting every change file without merging.
- log size: bytes of change-log values against bytes of the data they describe, after
  burst coalescing. Target: <= 2x.
- no-op sync with 50 devices that each wrote a year's worth of small syncs. Target
  <= 50 ms. Floor: listing the folder's device folders and files. (bench_sync_noop.py
  measures it alone, against the code before, with the load average beside.)
- opening a review: its bundle and its conflicts. Target <= 60 ms at 5,000 reviews.
  Floor: the same conflict query forced to scan the whole table (how it was).

    python bench/bench_sync_scale.py [--reviews 500] [--devices 50] [--runs 20]
    python bench/bench_sync_scale.py --reviews 60 --writers 3 --synthetic 5000   (reduced option)

- join from a snapshot: a second new laptop joining from the first one's snapshot.

Generated data goes to bench/data/ (ignored by git). Timings are figures, never tests.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record, summary_ms  # noqa: E402

from wss_desktop.core.sync import crypto  # noqa: E402
from wss_desktop.core.sync import service  # noqa: E402
from wss_desktop.core.sync.folder import DEVICES, read_marker  # noqa: E402
from wss_desktop.core.sync.keys import TeamKeys  # noqa: E402
from wss_desktop.core.sync.service import sync_folder  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

DATA = Path(__file__).with_name("data")
VERSION = 1
PASSPHRASE = "benchmark passphrase"
RATINGS = ["emerging", "developing", "established", "enhanced"]
SENTENCE = ("Pupils with SEND were well supported by adults who knew their plans; visual "
            "timetables and word mats were in use and pre-teaching helped them join in.")


class Wall:
    """Time moves on a few seconds per autosave and minutes between fields."""

    def __init__(self) -> None:
        self.t = 1_790_000_000.0

    def __call__(self) -> float:
        self.t += 0.001
        return self.t


def type_burst(ws: Workspace, wall: Wall, save, text: str, saves: int) -> None:
    for i in range(1, saves + 1):
        save(text[: max(1, len(text) * i // saves)])
        wall.t += 4
    wall.t += 300


def build_team(reviews: int, writers: int, keys: TeamKeys) -> Path:
    folder = DATA / f"scale-{reviews}r-{writers}w-v{VERSION}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    shared = folder / "shared"
    shared.mkdir(parents=True)
    rng = random.Random(10)
    started = time.perf_counter()
    for w in range(writers):
        wall = Wall()
        with Workspace.open(folder / "writers" / f"w{w}", wall=wall) as ws:
            statements = [s.id for s in ws.library.get("send-review").statements()][:24]
            for r in range(reviews // writers):
                rid = ws.new_review(f"Scale School {w}-{r:04d}", "send-review", date_visit="2026-10-08")
                for sid in statements:
                    ws.judge(rid, sid, rating=rng.choice(RATINGS))
                    type_burst(ws, wall, lambda t, sid=sid, rid=rid: ws.judge(rid, sid, strengths=t), SENTENCE, 6)
                for n in range(6):
                    eid = ws.add_observation(rid, room=f"Y{n + 1}", text="")
                    type_burst(ws, wall, lambda t, eid=eid: ws.update_evidence(eid, text=t), SENTENCE, 8)
                if r % 25 == 24:
                    sync_folder(ws.store, ws.paths, shared, keys, passphrase=PASSPHRASE)
            sync_folder(ws.store, ws.paths, shared, keys, passphrase=PASSPHRASE)
        print(f"  writer {w + 1}/{writers} done ({time.perf_counter() - started:.0f} s)", flush=True)
    (folder / "ready").write_text("ok")
    return folder


def build_synthetic(reviews: int, writers: int, keys: TeamKeys, template: Path) -> Path:
    """The reduced option: `reviews` copies of the really typed reviews in `template`
    (their change rows with new record ids), written straight into change files by
    `writers` devices. Building 5,000 reviews by typing them takes hours on a loaded
    machine; what a joining laptop reads is the same kind and amount of change rows."""
    import hashlib
    import json

    from wss_desktop.core.store import Change
    from wss_desktop.core.sync import wire
    from wss_desktop.core.sync.folder import MARKER, write_numbered
    from wss_desktop.core.sync.service import CHUNK
    folder = DATA / f"synthetic-{reviews}r-{writers}w-v{VERSION}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    shared = folder / "shared"
    (shared / DEVICES).mkdir(parents=True)
    shutil.copy(template / "shared" / MARKER, shared / MARKER)
    marker = read_marker(shared)
    unlock(shared, keys)
    key = keys.get(marker.key_id)
    rows: list[Change] = []
    for f in sorted((template / "shared" / DEVICES).rglob("0*.wsc")):
        plain = crypto.unseal(f.read_bytes(), crypto.KIND_BOUND_CHANGES, team_keys=lambda kid: key,
                              bound=crypto.bind("changes", 2, marker.folder_id, f.parent.name, int(f.stem)))
        rows += wire.decode(plain)[1]
    shared_rows = [c for c in rows if c.review_id is None]
    by_review: dict[str, list[Change]] = {}
    for c in rows:
        if c.review_id is not None:
            by_review.setdefault(c.review_id, []).append(c)
    templates = [by_review[r] for r in sorted(by_review)]
    ids = [sorted({c.rec for c in t}) for t in templates]
    old_devices = sorted({c.device for c in rows})
    new_devices = [hashlib.sha256(f"synthetic writer {w}".encode()).hexdigest()[:16] for w in range(writers)]
    out: list[list[list]] = [[] for _ in range(writers)]
    out[0] += [wire.change_row(c) for c in shared_rows]
    for k in range(reviews):
        t = k % len(templates)
        text = json.dumps([wire.change_row(c) for c in templates[t]])
        for old in ids[t]:
            text = text.replace(old, hashlib.md5(f"{k}:{old}".encode()).hexdigest())
        for old in old_devices:
            text = text.replace(old, new_devices[k % writers])
        out[k % writers] += json.loads(text)
    for w, device in enumerate(new_devices):
        chunk_rows = [Change(*r) for r in out[w]]
        for n, start in enumerate(range(0, len(chunk_rows), CHUNK), start=1):
            plain = wire.encode({"device": device, "folder_id": marker.folder_id},
                                chunk_rows[start:start + CHUNK])
            data = crypto.seal(plain, crypto.KIND_BOUND_CHANGES, team_key=key,
                               bound=crypto.bind("changes", 2, marker.folder_id, device, n))
            write_numbered(shared / DEVICES / device, data, n, exact=True)
    (folder / "ready").write_text("ok")
    return folder


def build_many(devices: int, syncs: int, keys: TeamKeys) -> Path:
    folder = DATA / f"many-{devices}d-{syncs}s-v{VERSION}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    shared = folder / "shared"
    shared.mkdir(parents=True)
    started = time.perf_counter()
    for d in range(devices):
        with Workspace.open(folder / "devices" / f"d{d:02d}") as ws:
            rid = ws.new_review(f"Many School {d:02d}", "send-review")
            for s in range(syncs):
                ws.judge(rid, "1.1", rating=RATINGS[s % 4], strengths=f"Visit {s}")
                sync_folder(ws.store, ws.paths, shared, keys, passphrase=PASSPHRASE)
        if d % 10 == 9:
            print(f"  device {d + 1}/{devices} ({time.perf_counter() - started:.0f} s)", flush=True)
    with Workspace.open(folder / "reader") as ws:
        sync_folder(ws.store, ws.paths, shared, keys, passphrase=PASSPHRASE)
    (folder / "ready").write_text("ok")
    return folder


def unlock(shared: Path, keys: TeamKeys) -> None:
    marker = read_marker(shared)
    if keys.get(marker.key_id) is None:
        keys.unlock(marker.wrapped_key, PASSPHRASE)


class _Skip(Exception):
    pass


def _copy_floor(ws: Workspace, target: Path) -> float:
    """A floor for the join from a snapshot: SQLite's own bulk copy of the database the
    join made (sqlcipher_export: every table and index written in key order, encrypted
    with a new key, into a new file), i.e. writing the finished database and nothing
    else. Done through the store's own connection (never a plain open of its file)."""
    conn = ws.store.conn
    conn.execute("ATTACH DATABASE ? AS floor_copy KEY ?", [str(target), f"x'{os.urandom(32).hex()}'"])
    try:
        t0 = time.perf_counter()
        conn.execute("SELECT sqlcipher_export('floor_copy')").fetchall()
        return time.perf_counter() - t0
    finally:
        conn.execute("DETACH DATABASE floor_copy")


# A sync run from the command line (another process) joining from the snapshot.
_JOIN_ELSEWHERE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import bench_sync_scale as b
b.service.SNAPSHOT_JOIN, b.service.SNAPSHOT_GROWTH = 1, 0
keys = b.TeamKeys(use_keyring=False)
b.unlock(Path(sys.argv[2]), keys)
with b.Workspace.open(Path(sys.argv[1])) as laptop:
    report = b.sync_folder(laptop.store, laptop.paths, Path(sys.argv[2]), keys)
    assert any("snapshot" in n for n in report.notes), report.lines()
"""


def _typing_during_join(data: Path, shared: Path, keys: TeamKeys, other_process: bool = False) -> dict:
    """A new laptop joins from the snapshot on a thread of its own (as the app's sync
    does; `other_process`: in a sync run from the command line) while its window saves
    what is typed, as gui/autosave.py does: every 0.4 s a save that waits TYPING_WAIT_S
    at most for the sync's write, tried again every RETRY_MS while the database is busy.
    Figures: the longest a save attempt held the window (it froze for 10 s, then failed,
    before), and how long typed text waited to be saved. Floor: the same save with no
    sync running."""
    import subprocess
    import threading
    from wss_desktop.core.store import StoreBusy, waiting_briefly
    from wss_desktop.gui import autosave   # its waits only: no Qt object is made
    with Workspace.open(data) as app:
        rid = app.new_review("Elm Tree Primary School", "send-review")

        def attempt(n: int) -> tuple[bool, float]:
            t0 = time.perf_counter()
            try:
                with waiting_briefly(autosave.TYPING_WAIT_S):
                    app.update_review(rid, purpose=f"Typed during the join, {n}")
            except StoreBusy:
                return False, time.perf_counter() - t0
            return True, time.perf_counter() - t0

        alone = [attempt(n)[1] for n in range(20)]
        done = threading.Event()
        failed: list[BaseException] = []

        def join() -> None:
            try:
                if other_process:
                    run = subprocess.run([sys.executable, "-c", _JOIN_ELSEWHERE, str(data), str(shared),
                                          str(Path(__file__).resolve().parent)],
                                         capture_output=True, text=True)
                    assert run.returncode == 0, run.stderr
                    return
                with Workspace.open(data) as laptop:
                    report = sync_folder(laptop.store, laptop.paths, shared, keys)
                    assert any("snapshot" in n for n in report.notes), report.lines()
            except BaseException as exc:     # noqa: BLE001 - raised below
                failed.append(exc)
            finally:
                done.set()
        # The write-ahead log's largest size while the join runs (the disk it takes).
        wal, peak = data / "wss.sqlite3-wal", [0]

        def watch_log() -> None:
            while not done.wait(0.05):
                try:
                    peak[0] = max(peak[0], wal.stat().st_size)
                except OSError:
                    pass
        watcher = threading.Thread(target=watch_log)
        watcher.start()
        worker = threading.Thread(target=join)
        t_start = time.perf_counter()
        worker.start()
        holds, waits, n = [], [], 0
        while not done.wait(0.4):
            n += 1
            typed = time.perf_counter()
            while True:
                ok, held = attempt(n)
                holds.append(held)
                if ok:
                    break
                time.sleep(autosave.RETRY_MS / 1000)
            waits.append(time.perf_counter() - typed)
        worker.join()
        watcher.join()
        seconds = time.perf_counter() - t_start
        if failed:
            raise failed[0]
        pages = [int(app.store.conn.execute(f"PRAGMA {p}").fetchone()[0]) for p in ("page_count", "page_size")]
    figures = {"join_from_snapshot_while_typing_s": round(seconds, 3), "typed_saves_during_join": len(waits),
               "save_attempts_during_join": len(holds),
               "save_attempt_holding_the_window_during_join": summary_ms(holds) if holds else None,
               "longest_save_attempt_during_join_ms": round(max(holds, default=0) * 1000, 1),
               "typed_text_waiting_to_be_saved_during_join": summary_ms(waits) if waits else None,
               "typed_text_longest_wait_to_be_saved_s": round(max(waits, default=0), 3),
               "save_floor_no_sync": summary_ms(alone),
               "log_peak_mb_during_join": round(peak[0] / 1e6, 1),
               "floor_database_mb_after_join": round(pages[0] * pages[1] / 1e6, 1)}
    if other_process:
        return {f"command_line_{k}" if k not in ("save_floor_no_sync", "floor_database_mb_after_join") else k: v
                for k, v in figures.items()}
    return figures


def measure_join(folder: Path, keys: TeamKeys, skip_snapshot: bool = False) -> dict:
    shared = folder / "shared"
    unlock(shared, keys)
    key = keys.get(read_marker(shared).key_id)
    t0, c0 = time.perf_counter(), time.process_time()
    files = list((shared / DEVICES).rglob("0*.wsc"))
    for f in files:
        crypto.unseal(f.read_bytes(), crypto.KIND_BOUND_CHANGES, team_keys=lambda kid: key,
                      bound=crypto.bind("changes", 2, read_marker(shared).folder_id, f.parent.name,
                                        int(f.stem)))
    floor, floor_cpu = time.perf_counter() - t0, time.process_time() - c0
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(shared, Path(tmp) / "shared")
        shared = Path(tmp) / "shared"
        with Workspace.open(Path(tmp) / "new-laptop") as ws:
            # CPU time beside the wall clock: on a machine shared with other jobs the
            # wall clock also counts the time this process waited for a core.
            t0, c0 = time.perf_counter(), time.process_time()
            report = sync_folder(ws.store, ws.paths, shared, keys)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            assert report.problem is None
            # This laptop writes a snapshot (and retires nothing: others have not read
            # its files); a second new laptop then joins from it.
            policy = service.SNAPSHOT_AFTER, service.SNAPSHOT_JOIN, service.SNAPSHOT_GROWTH
            service.SNAPSHOT_AFTER, service.SNAPSHOT_JOIN, service.SNAPSHOT_GROWTH = 1, 1, 0
            from_snapshot: float | None = None
            from_snapshot_cpu: float | None = None
            copy_floor: float | None = None
            snapshot_write: float | None = None
            snapshot_rewrite: float | None = None
            saving: dict = {}
            rewritten: int | None = None
            state_key = f"sync.state.{read_marker(shared).folder_id}"
            try:
                if skip_snapshot:
                    raise _Skip
                t0 = time.perf_counter()
                sync_folder(ws.store, ws.paths, shared, keys)
                snapshot_write = time.perf_counter() - t0
                # One review changes; the next snapshot writes again only its part.
                before_gen = service.load_json(ws.store, state_key, {})["snapshot"]["gen"]
                some = ws.reviews()[len(ws.reviews()) // 2]["id"]
                ws.judge(some, next(iter(ws.bundle(some).judgements), "1.1"), strengths="Changed after the snapshot")
                t0 = time.perf_counter()
                sync_folder(ws.store, ws.paths, shared, keys)
                snapshot_rewrite = time.perf_counter() - t0
                after = service.load_json(ws.store, state_key, {})["snapshot"]
                assert after["gen"] == before_gen + 1
                rewritten = sum(1 for p in after["parts"] if p["name"].startswith(f"s{after['gen']:08d}-"))
                # The second laptop uses the snapshot but writes none of its own.
                service.SNAPSHOT_AFTER = policy[0]
                with Workspace.open(Path(tmp) / "second-laptop") as second:
                    t0, c0 = time.perf_counter(), time.process_time()
                    report = sync_folder(second.store, second.paths, shared, keys)
                    from_snapshot, from_snapshot_cpu = time.perf_counter() - t0, time.process_time() - c0
                    assert any("snapshot" in n for n in report.notes), report.lines()
                    assert len(second.reviews()) == len(ws.reviews())
                    copy_floor = _copy_floor(second, Path(tmp) / "floor-copy.sqlite3")
                saving = _typing_during_join(Path(tmp) / "third-laptop", shared, keys)
                saving.update(_typing_during_join(Path(tmp) / "fourth-laptop", shared, keys, other_process=True))
            except _Skip:
                pass
            finally:
                service.SNAPSHOT_AFTER, service.SNAPSHOT_JOIN, service.SNAPSHOT_GROWTH = policy
            compacted = ws.store.compact_log()
            reviews = len(ws.reviews())
            log_bytes = sum(len(repr(c.value)) for c in ws.store.changes())
            data_bytes = 0
            from wss_desktop.core import model
            for kind in model.RECORD_TYPES:
                for rec in ws.store.records(kind, include_deleted=True):
                    data_bytes += sum(len(repr(v)) for k, v in rec.to_dict().items() if k != "id")
            changes = ws.store.change_count()
            rid = ws.reviews()[0]["id"]
            opens, scans = [], []
            for _ in range(20):
                t0 = time.perf_counter()
                ws.bundle(rid)
                ws.store.conflicts(rid)
                opens.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                ws.store.conn.execute("SELECT tbl, rec, field FROM field_clocks NOT INDEXED "
                                      "WHERE conflicted = 1").fetchall()
                scans.append(time.perf_counter() - t0)
    return {"reviews": reviews, "change_files": len(files), "changes": changes,
            "join_s": round(seconds, 3), "join_floor_decrypt_only_s": round(floor, 3),
            "join_cpu_s": round(cpu, 3), "join_floor_decrypt_only_cpu_s": round(floor_cpu, 3),
            "join_from_snapshot_cpu_s": from_snapshot_cpu and round(from_snapshot_cpu, 3),
            "join_s_per_1000_reviews": round(seconds / reviews * 1000, 3),
            "join_from_snapshot_s": from_snapshot and round(from_snapshot, 3),
            "join_from_snapshot_floor_copy_finished_database_s": copy_floor and round(copy_floor, 3),
            **saving,
            "snapshot_write_s": snapshot_write and round(snapshot_write, 3),
            "snapshot_rewrite_after_one_review_changed_s": snapshot_rewrite and round(snapshot_rewrite, 3),
            "snapshot_parts_rewritten_after_one_review_changed": rewritten,
            "log_rows_retired_by_compaction": compacted,
            "log_bytes": log_bytes, "data_bytes": data_bytes,
            "log_to_data_ratio": round(log_bytes / data_bytes, 2),
            "open_review": summary_ms(opens), "open_review_floor_old_full_scan": summary_ms(scans)}


def measure_noop(folder: Path, keys: TeamKeys, runs: int) -> dict:
    unlock(folder / "shared", keys)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(folder / "shared", Path(tmp) / "shared")
        shutil.copytree(folder / "reader", Path(tmp) / "reader")
        shared = Path(tmp) / "shared"
        with Workspace.open(Path(tmp) / "reader") as ws:
            sync_folder(ws.store, ws.paths, shared, keys)
            times, floors = [], []
            for _ in range(runs):
                t0 = time.perf_counter()
                report = sync_folder(ws.store, ws.paths, shared, keys)
                times.append(time.perf_counter() - t0)
                assert report.sent_files == 0 and report.received_files == 0
                t0 = time.perf_counter()
                for entry in os.scandir(shared / DEVICES):
                    list(os.scandir(entry.path))
                floors.append(time.perf_counter() - t0)
        files = sum(1 for _ in shared.rglob("*.wsc"))
    return {"change_files": files, "noop_sync": summary_ms(times), "floor_listing_only": summary_ms(floors),
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--syncs", type=int, default=20)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--synthetic", type=int, default=0, metavar="REVIEWS",
                        help="reduced option: join REVIEWS copies of the --reviews typed ones")
    parser.add_argument("--skip-snapshot", action="store_true",
                        help="measure the join from change files only (a snapshot join doubles the time)")
    parser.add_argument("--skip-noop", action="store_true")
    args = parser.parse_args()
    keys = TeamKeys(use_keyring=False)
    print(f"building or reusing {args.reviews} realistic reviews from {args.writers} writers ...", flush=True)
    team = build_team(args.reviews, args.writers, keys)
    if args.synthetic:
        print(f"building or reusing {args.synthetic} copies of them ...", flush=True)
        team = build_synthetic(args.synthetic, args.writers, keys, team)
    load_before = os.getloadavg()
    join = measure_join(team, keys, args.skip_snapshot)
    load_after = os.getloadavg()
    print(f"join: {join['reviews']} reviews, {join['changes']} changes in {join['change_files']} files: "
          f"{join['join_s']:.2f} s (floor, decrypt only: {join['join_floor_decrypt_only_s']:.2f} s); "
          f"{join['join_s_per_1000_reviews']:.2f} s per 1,000 reviews (target: 5,000 in <= 10 s)")
    print(f"CPU time: join {join['join_cpu_s']} s, from a snapshot {join['join_from_snapshot_cpu_s']} s, "
          f"floor {join['join_floor_decrypt_only_cpu_s']} s")
    if join.get("typed_saves_during_join"):
        print(f"typing while a new laptop joins from the snapshot ({join['join_from_snapshot_while_typing_s']} s): "
              f"{join['typed_saves_during_join']} saves in {join['save_attempts_during_join']} attempts; the "
              f"longest attempt held the window {join['longest_save_attempt_during_join_ms']} ms (it froze 10 s "
              f"and failed before); typed text waited at most {join['typed_text_longest_wait_to_be_saved_s']} s "
              f"to be saved "
              f"(floor, a save with no sync: {join['save_floor_no_sync']['median_ms']:.1f} ms)")
    if join.get("command_line_typed_saves_during_join"):
        print(f"typing while a sync run from the command line joins "
              f"({join['command_line_join_from_snapshot_while_typing_s']} s): "
              f"{join['command_line_typed_saves_during_join']} saves in "
              f"{join['command_line_save_attempts_during_join']} attempts; the longest attempt held the window "
              f"{join['command_line_longest_save_attempt_during_join_ms']} ms; typed text waited at most "
              f"{join['command_line_typed_text_longest_wait_to_be_saved_s']} s to be saved (floor as above)")
    print(f"join from a snapshot: {join['join_from_snapshot_s']} s (floor, SQLite's own copy of the "
          f"database it made: {join['join_from_snapshot_floor_copy_finished_database_s']} s; writing the snapshot: "
          f"{join['snapshot_write_s']} s; the next, after one review changed: "
          f"{join['snapshot_rewrite_after_one_review_changed_s']} s, "
          f"{join['snapshot_parts_rewritten_after_one_review_changed']} part(s) written again); "
          f"log rows retired by compaction: {join['log_rows_retired_by_compaction']}")
    print(f"log size: {join['log_bytes']} bytes for {join['data_bytes']} bytes of data = "
          f"{join['log_to_data_ratio']}x (target <= 2x)")
    print(f"open a review: median {join['open_review']['median_ms']:.2f} ms (target <= 60 ms at 5,000); "
          f"floor, the old full scan of field clocks alone: "
          f"{join['open_review_floor_old_full_scan']['median_ms']:.2f} ms")
    noop = {}
    if not args.skip_noop:
        print(f"building or reusing {args.devices} devices x {args.syncs} syncs ...", flush=True)
        noop = measure_noop(build_many(args.devices, args.syncs, keys), keys, args.runs)
        print(f"no-op sync, {args.devices} devices, {noop['change_files']} files: median "
              f"{noop['noop_sync']['median_ms']:.1f} ms, p99 {noop['noop_sync']['p99_ms']:.1f} ms "
              f"(target <= 50 ms); floor, listing only: {noop['floor_listing_only']['median_ms']:.1f} ms; "
              f"load average {noop['load_average_1_5_15']}")
    suite = f"sync_scale_{args.synthetic}r_reduced" if args.synthetic else "sync_scale"
    print(f"load average (1, 5, 15 min) before the join: {load_before}, after: {load_after} "
          f"on {os.cpu_count()} cores shared with other jobs")
    record(suite, {"join": join, "noop_50_devices": noop,
                   "load_average_before_after_join": [[round(x, 2) for x in load_before],
                                                      [round(x, 2) for x in load_after]],
                          "targets": "join 5,000 reviews <= 10 s; no-op sync 50 devices <= 50 ms; "
                                     "open a review at 5,000 <= 60 ms; log <= 2x data",
                          "args": vars(args)})
    print(f"recorded in {Path(__file__).with_name('results.json')}")


if __name__ == "__main__":
    main()
