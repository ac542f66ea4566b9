"""Survey benchmark (issue 15): importing 5,000 survey responses into a review.

    python bench/bench_surveys.py [--runs 5] [--responses 5000]

A parents' questionnaire made by the app is filled with 5,000 Microsoft Forms-style
rows (a third with a comment, some naming someone). Each run times, on the same file:
the floor, reading it with the csv module alone; reading and checking the returns
(columns, answers, duplicates, names in comments); and the whole import (that, taking
the names out, and storing the survey and its evidence in one transaction in a fresh
review). Targets: the whole import within 5x the floor, and under 2 s.

Wall-clock times are the target's measure; the processor time of each (time.process_time)
is recorded beside them, as it moves less when other jobs share the machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402

from wss_desktop.core import surveys  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

COMMENTS = ["Communication could be more regular.", "Mrs Patel has been wonderful this year.",
            "My son Jonah loves the nurture group.", "The new reading scheme is helping a lot.",
            "We would like more notice of review meetings."]


def make_file(ws: Workspace, rid: str, path: Path, n: int) -> None:
    ws.make_survey(rid, "parents", path)
    q = ws.survey_questionnaire(rid, "parents")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    rnd = random.Random(15)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i in range(1, n + 1):
            row = []
            for x in q.questions:
                if x.kind == "choice":
                    row.append(rnd.choice(x.choices))
                elif x.kind == "detail":
                    row.append(f"Year {rnd.randint(1, 6)}")
                else:
                    row.append(rnd.choice(COMMENTS) if rnd.random() < 0.33 else "")
            w.writerow([i, "10/1/26 9:00:00", "10/1/26 9:04:00", "anonymous", "", *row])


def floor(path: Path) -> tuple[float, float]:
    """(wall, processor) seconds to read the file with the csv module."""
    started, cpu = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 1
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--responses", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        try:
            rid = ws.new_review("Benchmark Primary (fictional)", "send-review")
            path = Path(tmp) / "returns.csv"
            make_file(ws, rid, path, args.responses)
            floors, reads, imports, cpu_floors, cpu_imports = [], [], [], [], []
            for run in range(args.runs):
                wall, cpu = floor(path)
                floors.append(wall)
                cpu_floors.append(cpu)
                target = ws.new_review(f"Benchmark Primary {run} (fictional)", "send-review")
                started, cpu = time.perf_counter(), time.process_time()
                returns = ws.read_survey_returns(target, path, "parents")
                reads.append(time.perf_counter() - started)
                clean = returns.without_names()
                ws.store_survey(target, clean, names_removed=clean.removed_count(returns))
                imports.append(time.perf_counter() - started)
                cpu_imports.append(time.process_time() - cpu)
                assert returns.count == args.responses
                stored = ws.surveys(target)[0]
                assert len(surveys.stored(stored)[1]) == args.responses
                stored_size = len(json.dumps(stored.responses, ensure_ascii=False))
        finally:
            ws.close()
    f, r, i = (statistics.median(x) for x in (floors, reads, imports))
    cf, ci = statistics.median(cpu_floors), statistics.median(cpu_imports)
    ratio = i / f
    print(f"{args.responses:,} responses, median of {args.runs} runs:")
    print(f"  floor: csv module reads the file     {f * 1000:8.1f} ms")
    print(f"  read and check the returns           {r * 1000:8.1f} ms  ({r / f:.1f}x the floor)")
    print(f"  whole import (names out, stored)     {i * 1000:8.1f} ms  ({ratio:.1f}x the floor)")
    print(f"  processor time: floor {cf * 1000:.1f} ms, import {ci * 1000:.1f} ms ({ci / cf:.1f}x)")
    print(f"  the stored responses take {stored_size} characters of JSON")
    ok = ratio <= 5 and i < 2
    print(f"  target within 5x and under 2 s: {'met' if ok else 'NOT met'}")
    record("surveys", {
        "responses": args.responses, "runs": args.runs,
        "csv_floor_s": round(f, 4), "read_and_check_s": round(r, 4), "import_s": round(i, 4),
        "import_over_floor": round(ratio, 2), "read_over_floor": round(r / f, 2),
        "cpu_floor_s": round(cf, 4), "cpu_import_s": round(ci, 4),
        "cpu_import_over_floor": round(ci / cf, 2), "stored_json_chars": stored_size,
        "load_average_1min": round(os.getloadavg()[0], 1),
        "target": "importing 5,000 responses within 5x reading the file with csv, and under 2 s",
        "met": ok})
    return 0


if __name__ == "__main__":
    sys.exit(main())
