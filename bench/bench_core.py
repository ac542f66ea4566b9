"""Core benchmarks (issue 2): edit-to-commit latency, full-text search, opening a big database.

    python bench/bench_core.py [--reviews 1000] [--notes-per-review 150]

The 1,000-review database is generated once into bench/data/ (ignored by git) and reused.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record, summary_ms  # noqa: E402

from wss_desktop.core.workspace import Workspace  # noqa: E402

DATA = Path(__file__).with_name("data")
GENERATOR_VERSION = 4

WORDS = ("pupils adults teaching assistant visual timetable phonics sensory break scaffold "
         "modelling vocabulary pre-teaching seating plan word mat writing frame reading ruler "
         "independence prompt questioning feedback tracker provision map intervention speech "
         "language communication autism dyslexia coordination anxiety attendance parents "
         "governors SENCO timetable calm corner transition resilience numeracy literacy").split()
ROOMS = ["Y1 Robins", "Y2 Wrens", "Y3 Kestrels", "Y4 Otters", "Y5 Hawks", "Y6 Falcons", "Nurture room"]


def sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def edit_latency(n: int = 2000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        with Workspace.open(tmp) as ws:
            rid = ws.new_review("Benchmark Primary", "send-review")
            statements = [s.id for s in ws.bundle(rid).framework.statements()]
            ratings = ["emerging", "developing", "established", "enhanced"]
            times = []
            for i in range(n):
                sid = statements[i % len(statements)]
                start = time.perf_counter()
                # Each pass over the statements moves every rating on one step, so every
                # call is a real change (writing an unchanged value logs nothing).
                ws.judge(rid, sid, rating=ratings[(i // len(statements) + 1) % 4])
                times.append(time.perf_counter() - start)
        floor = []
        conn = sqlite3.connect(Path(tmp) / "floor.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, statement TEXT, rating TEXT)")
        for _ in range(n):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t (statement, rating) VALUES (?, ?)", ["1.1", "developing"])
            conn.execute("COMMIT")
            floor.append(time.perf_counter() - start)
        conn.close()
    ours, bare = summary_ms(times), summary_ms(floor)
    return {"edit": ours, "bare_sqlite3_insert": bare,
            "p99_ratio_to_floor": round(ours["p99_ms"] / bare["p99_ms"], 2),
            "median_ratio_to_floor": round(ours["median_ms"] / bare["median_ms"], 2),
            "target": "p99 < 2 ms and within 10x of the bare sqlite3 floor"}


def build_big(reviews: int, notes: int) -> Path:
    folder = DATA / f"core-{reviews}x{notes}-v{GENERATOR_VERSION}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(2026)
    started = time.perf_counter()
    with Workspace.open(folder) as ws:
        statements = [s.id for s in ws.library.get("send-review").statements()]
        for r in range(reviews):
            with ws.store.transaction():
                rid = ws.new_review(f"Generated School {r:04d}", "send-review",
                                    trust_or_la=f"Trust {r % 17}", date_visit="2026-10-08")
                for _ in range(notes):
                    ws.add_observation(rid, room=rng.choice(ROOMS), text=sentence(rng),
                                       statements=[rng.choice(statements)], date="2026-10-08")
            if r % 100 == 99:
                print(f"  generated {r + 1} reviews ({time.perf_counter() - started:.0f} s)", flush=True)
    (folder / "ready").write_text("ok")
    return folder


def search_and_open(folder: Path) -> dict:
    queries = ["visual timetable", "phonics", "sensory break", "pre-teaching vocabulary",
               "reading ruler", "calm corner", "writing frame", "speech language", "autism",
               "governors attendance", "transition", "numeracy intervention"]
    start = time.perf_counter()
    ws = Workspace.open(folder)
    opened = time.perf_counter() - start
    rows = ws.reviews()
    listed = time.perf_counter() - start
    times, hits = [], 0
    for _ in range(5):
        for q in queries:
            t0 = time.perf_counter()
            hits += len(ws.search(q))
            times.append(time.perf_counter() - t0)
    evidence = ws.store.conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    ws.close()
    return {"reviews": len(rows), "evidence_notes": evidence,
            "search": {**summary_ms(times), "target": "median < 50 ms"},
            "open_ms": round(opened * 1000, 1), "open_and_list_ms": round(listed * 1000, 1),
            "mean_hits_per_query": round(hits / len(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--notes-per-review", type=int, default=150)
    parser.add_argument("--edits", type=int, default=2000)
    args = parser.parse_args()

    edits = edit_latency(args.edits)
    print(f"edit to commit: median {edits['edit']['median_ms']} ms, p99 {edits['edit']['p99_ms']} ms; "
          f"bare sqlite3 insert: median {edits['bare_sqlite3_insert']['median_ms']} ms, "
          f"p99 {edits['bare_sqlite3_insert']['p99_ms']} ms; p99 ratio {edits['p99_ratio_to_floor']}x")
    print(f"building or reusing {args.reviews} reviews x {args.notes_per_review} notes ...", flush=True)
    folder = build_big(args.reviews, args.notes_per_review)
    big = search_and_open(folder)
    print(f"search over {big['evidence_notes']} notes in {big['reviews']} reviews: "
          f"median {big['search']['median_ms']} ms, p99 {big['search']['p99_ms']} ms")
    print(f"open the database: {big['open_ms']} ms; open and list reviews: {big['open_and_list_ms']} ms")
    record("core", {"edits": edits, "large_database": big})
    print(f"recorded in {Path(__file__).with_name('results.json')}")


if __name__ == "__main__":
    main()
