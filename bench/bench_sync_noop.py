"""A sync with nothing new (issue 10): 50 devices that each wrote a year's worth of
small syncs. Target <= 50 ms. Floor, measured in the same run: listing the shared
folder's device folders and their files (os.scandir), which any sync must at least do
to find what is new.

The code before (a git commit, extracted to a temporary folder) and the code of this
checkout run alternately on copies of the same data, each in its own process, so a
busy machine slows both alike. The machine's load average (as `uptime` shows it) is
recorded beside every run.

    python bench/bench_sync_noop.py [--before COMMIT] [--rounds 3] [--runs 15] [--record]

Each worker copies the data, syncs once (the warm-up a running app has had), waits
until the folder's last change is a few seconds old (as between the app's syncs, every
two minutes), then times `--runs` syncs that find nothing new.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def worker(runs: int) -> dict:
    import bench_sync_scale as scale

    from wss_desktop.core.sync.folder import DEVICES
    from wss_desktop.core.sync.keys import TeamKeys
    from wss_desktop.core.sync.service import sync_folder
    from wss_desktop.core.workspace import Workspace
    keys = TeamKeys(use_keyring=False)
    data = scale.build_many(50, 12, keys)
    scale.unlock(data / "shared", keys)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(data / "shared", Path(tmp) / "shared")
        shutil.copytree(data / "reader", Path(tmp) / "reader")
        shared = Path(tmp) / "shared"
        with Workspace.open(Path(tmp) / "reader") as ws:
            sync_folder(ws.store, ws.paths, shared, keys)
            time.sleep(3.5)     # the folder's last change is then older than a coarse clock's tick
            times, cpu, floors = [], [], []
            load_before = os.getloadavg()
            for _ in range(runs):
                t0, c0 = time.perf_counter(), time.process_time()
                report = sync_folder(ws.store, ws.paths, shared, keys)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                assert report.sent_files == 0 and report.received_files == 0, report.lines()
                t0 = time.perf_counter()
                for entry in os.scandir(shared / DEVICES):
                    list(os.scandir(entry.path))
                floors.append(time.perf_counter() - t0)
            load_after = os.getloadavg()
        files = sum(1 for _ in shared.rglob("*.wsc"))
    return {"median_ms": round(statistics.median(times) * 1000, 2),
            "min_ms": round(min(times) * 1000, 2),
            "cpu_median_ms": round(statistics.median(cpu) * 1000, 2),
            "floor_listing_median_ms": round(statistics.median(floors) * 1000, 2),
            "change_files": files, "devices": 50,
            "load_average_1_5_15": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after]}


def extract(commit: str, into: Path) -> None:
    archive = into / "code.tar"
    with open(archive, "wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit, "wss_desktop"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")


def run_worker(pythonpath: Path, runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", "--runs", str(runs)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", default="ecf7982", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--record", action="store_true", help="record in bench/results.json")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return
    from results import machine, record
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        before_tree = Path(tmp)
        extract(args.before, before_tree)
        for k in range(args.rounds):
            before = run_worker(before_tree, args.runs)
            after = run_worker(ROOT, args.runs)
            rounds.append({"before": before, "after": after})
            print(f"round {k + 1}: before {before['median_ms']} ms (CPU {before['cpu_median_ms']} ms), "
                  f"after {after['median_ms']} ms (CPU {after['cpu_median_ms']} ms); floor "
                  f"(listing only) {after['floor_listing_median_ms']} ms; load average "
                  f"{after['load_average_1_5_15']}", flush=True)
    after_ms = [r["after"]["median_ms"] for r in rounds]
    figures = {
        "what": (f"no-op sync, 50 devices x 12 syncs ({rounds[0]['after']['change_files']} change files), "
                 f"median of {args.runs} syncs per run; the code before ({args.before}) and after run "
                 f"alternately, each in its own process, on copies of the same data"),
        "target": "<= 50 ms",
        "after_median_ms": statistics.median(after_ms),
        "after_over_before": [round(r["after"]["median_ms"] / r["before"]["median_ms"], 2) for r in rounds],
        "after_over_before_cpu": [round(r["after"]["cpu_median_ms"] / r["before"]["cpu_median_ms"], 2)
                                  for r in rounds],
        "after_cpu_median_ms": statistics.median(r["after"]["cpu_median_ms"] for r in rounds),
        "before_cpu_median_ms": statistics.median(r["before"]["cpu_median_ms"] for r in rounds),
        "floor_listing_median_ms": statistics.median(r["after"]["floor_listing_median_ms"] for r in rounds),
        "runs": rounds,
    }
    print(f"after: median of medians {figures['after_median_ms']} ms (target <= 50 ms); "
          f"after/before {figures['after_over_before']} (CPU time: {figures['after_over_before_cpu']})")
    if args.record:
        record("sync_noop_before_after", figures)
        print(f"recorded in {HERE / 'results.json'} ({machine()['cpus']} cpus)")


if __name__ == "__main__":
    main()
