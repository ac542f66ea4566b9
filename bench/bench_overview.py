"""Overview benchmark (issue 6): opening the overview over many reviews.

    python bench/bench_overview.py [--reviews 1000] [--repeat 7]

The database is generated once into bench/data/ (ignored by git) and reused: each
review has a self-evaluation and a reviewer's judgement of every statement, six
actions (some overdue) and, for most, the school's feedback. Timed: reading the
database and working out every figure (what opening the overview screen does), and
working the figures out again from data already read (what changing a filter does).
Target: under 1 s for 1,000 reviews.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402

from wss_desktop.core import overview as ov  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

DATA = Path(__file__).with_name("data")
GENERATOR_VERSION = 1
TODAY = dt.date(2027, 6, 1)
TRUSTS = ["Brackenmoor Learning Trust", "Northvale Academies", "Saltmarsh Council",
          "Fenwick Diocese Trust", None]
PHASES = ["primary", "secondary", "special", "all-through"]
RATINGS = ["emerging", "developing", "established", "enhanced"]
STATUSES = ["not-started", "in-progress", "done", "dropped"]


def build(reviews: int) -> Path:
    folder = DATA / f"overview-{reviews}r-v{GENERATOR_VERSION}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(2027)
    started = time.perf_counter()
    with Workspace.open(folder) as ws:
        statements = None
        for i in range(reviews):
            school = f"Bench School {i % (reviews // 2 or 1):04d}"  # two reviews per school
            year = 2025 + i // max(1, reviews // 2)
            with ws.store.transaction():
                rid = ws.new_review(school, "send-review", urn=f"9{i % (reviews // 2 or 1):05d}",
                                    phase=rng.choice(PHASES), trust_or_la=rng.choice(TRUSTS),
                                    date_visit=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
                if statements is None:
                    statements = [s.id for s in ws.bundle(rid).framework.statements()]
                for sid in statements:
                    base = rng.randint(0, 3)
                    ws.self_evaluate(rid, sid, rating=RATINGS[min(3, base + rng.randint(0, 1))])
                    ws.judge(rid, sid, rating=RATINGS[base])
                for n in range(6):
                    due = TODAY + dt.timedelta(days=rng.randint(-200, 200))
                    ws.add_action(rid, f"Action {n + 1} for {school}", owner=f"Owner {n}",
                                  due=due.isoformat(), status=rng.choice(STATUSES))
                if rng.random() < 0.7:
                    ws.set_feedback(rid, usefulness=rng.randint(1, 5), tone=rng.randint(2, 5),
                                    clarity=rng.randint(1, 5), went_well="The visit felt supportive.",
                                    could_be_better="More notice of the documents needed.")
            if (i + 1) % 100 == 0:
                print(f"  generated {i + 1} reviews ({time.perf_counter() - started:.0f} s)", flush=True)
    (folder / "ready").write_text("ok")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = build(args.reviews)
    opens, loads, computes = [], [], []
    for _ in range(args.repeat):
        with Workspace.open(folder) as ws:
            start = time.perf_counter()
            data = ov.OverviewData.load(ws)
            loaded = time.perf_counter()
            result = ov.compute(data, today=TODAY)
            done = time.perf_counter()
        opens.append(done - start)
        loads.append(loaded - start)
        computes.append(done - loaded)
    filtered = []
    for trust in data.choices().trusts:
        start = time.perf_counter()
        ov.compute(data, ov.OverviewFilter(trust=trust), today=TODAY)
        filtered.append(time.perf_counter() - start)
    figures = {
        "reviews": args.reviews,
        "open_overview_s": {"median": round(statistics.median(opens), 3), "max": round(max(opens), 3),
                            "n": len(opens)},
        "read_database_s": round(statistics.median(loads), 3),
        "work_out_figures_s": round(statistics.median(computes), 3),
        "change_filter_s": round(statistics.median(filtered), 4),
        "rows": {"ratings": len(result.ratings), "gaps": len(result.gaps),
                 "overdue": len(result.overdue)},
        "target": "opening the overview over 1,000 reviews under 1 s",
    }
    print(f"Overview over {args.reviews} reviews: open {figures['open_overview_s']['median']:.3f} s "
          f"(read {figures['read_database_s']:.3f} s, figures {figures['work_out_figures_s']:.3f} s); "
          f"change a filter {figures['change_filter_s'] * 1000:.1f} ms")
    record("overview", figures)


if __name__ == "__main__":
    main()
