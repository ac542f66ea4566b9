"""Sync benchmarks (issue 5): a sync with nothing new over a shared folder holding 1,000
reviews from 20 devices (target under 200 ms, and at most twice the time for 100
reviews), and a sync carrying one new edit (target under 100 ms).

    python bench/bench_sync.py [--reviews 1000] [--devices 20] [--runs 30]

The shared folders and the reading computer's data folder are generated once into
bench/data/ (ignored by git) and copied to a temporary folder for each run. Each
device syncs after every ten reviews it adds, so the folder holds many files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record, summary_ms  # noqa: E402

from wss_desktop.core.sync.folder import DEVICES, MARKER, read_marker  # noqa: E402
from wss_desktop.core.sync.keys import TeamKeys  # noqa: E402
from wss_desktop.core.sync.service import sync_folder  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

DATA = Path(__file__).with_name("data")
GENERATOR_VERSION = 2
PASSPHRASE = "benchmark passphrase"
RATINGS = ["emerging", "developing", "established", "enhanced"]
ROOMS = ["Y1 Robins", "Y2 Wrens", "Y3 Kestrels", "Y4 Otters", "Y5 Hawks", "Y6 Falcons"]


def build(reviews: int, devices: int, keys: TeamKeys) -> Path:
    folder = DATA / f"sync-{reviews}r-{devices}d-v{GENERATOR_VERSION}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    shared = folder / "shared"
    shared.mkdir(parents=True)
    rng = random.Random(2026)
    started = time.perf_counter()
    per_device = reviews // devices
    for d in range(devices):
        # Each device writes into its own copy of the folder (as if offline), so building
        # does not make every device read all the others; its files are then gathered.
        view = folder / "views" / f"d{d:02d}"
        view.mkdir(parents=True)
        if d:
            shutil.copy(shared / MARKER, view / MARKER)
        with Workspace.open(folder / "devices" / f"d{d:02d}") as ws:
            statements = [s.id for s in ws.library.get("send-review").statements()]
            for r in range(per_device):
                with ws.store.transaction():
                    rid = ws.new_review(f"Generated School {d:02d}-{r:03d}", "send-review",
                                        date_visit="2026-10-08")
                    for sid in rng.sample(statements, 12):
                        ws.judge(rid, sid, rating=rng.choice(RATINGS),
                                 strengths="Clear routines and well briefed adults.")
                    for n in range(5):
                        ws.add_observation(rid, room=rng.choice(ROOMS),
                                           text=f"Observation {n}: visual timetable and word mats in use.")
                if r % 10 == 9 or r == per_device - 1:
                    sync_folder(ws.store, ws.paths, view, keys, passphrase=PASSPHRASE)
        if not d:
            shutil.copy(view / MARKER, shared / MARKER)
        shutil.copytree(view / DEVICES, shared / DEVICES, dirs_exist_ok=True)
        shutil.rmtree(view)
        print(f"  device {d + 1}/{devices} done ({time.perf_counter() - started:.0f} s)", flush=True)
    reader = folder / "reader"
    with Workspace.open(reader) as ws:
        t0 = time.perf_counter()
        report = sync_folder(ws.store, ws.paths, shared, keys, passphrase=PASSPHRASE)
        first = time.perf_counter() - t0
        assert len(ws.reviews()) == per_device * devices, "the reader did not receive every review"
    (folder / "first_sync.txt").write_text(f"{first:.3f} {report.received_files}\n")
    (folder / "ready").write_text("ok")
    return folder


def measure(folder: Path, keys: TeamKeys, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(folder / "shared", work / "shared")
        shutil.copytree(folder / "reader", work / "reader")
        shutil.copytree(folder / "devices" / "d00", work / "writer")
        shared = work / "shared"
        first_seconds, files = (folder / "first_sync.txt").read_text().split()
        with Workspace.open(work / "reader") as reader, Workspace.open(work / "writer") as writer:
            files_in_folder = sum(1 for _ in shared.rglob("*.wsc"))
            nothing = []
            for _ in range(runs):
                t0 = time.perf_counter()
                report = sync_folder(reader.store, reader.paths, shared, keys)
                nothing.append(time.perf_counter() - t0)
                assert report.received_files == 0 and report.sent_files == 0
            # The writer built its files offline; its first sync here reads everyone else's.
            sync_folder(writer.store, writer.paths, shared, keys)
            rid = writer.reviews()[0]["id"]
            send, receive = [], []
            for i in range(runs):
                writer.judge(rid, "1.1", strengths=f"Benchmark edit {i}")
                t0 = time.perf_counter()
                sent = sync_folder(writer.store, writer.paths, shared, keys)
                send.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                got = sync_folder(reader.store, reader.paths, shared, keys)
                receive.append(time.perf_counter() - t0)
                assert sent.sent_changes >= 1 and got.received_files == 1
            reviews = len(reader.reviews())
            changes = reader.store.change_count()
    return {"reviews": reviews, "changes_in_reader": changes, "change_files": files_in_folder,
            "first_full_sync_s": float(first_seconds), "nothing_new": summary_ms(nothing),
            "send_one_edit": summary_ms(send), "receive_one_edit": summary_ms(receive)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    keys = TeamKeys(use_keyring=False)   # a running app holds the unlocked key in memory
    figures = {}
    for reviews in (args.reviews // 10, args.reviews):
        print(f"building or reusing a folder of {reviews} reviews from {args.devices} devices ...", flush=True)
        folder = build(reviews, args.devices, keys)
        if keys.get(read_marker(folder / "shared").key_id) is None:
            keys.unlock(read_marker(folder / "shared").wrapped_key, PASSPHRASE)
        figures[f"{reviews}_reviews"] = result = measure(folder, keys, args.runs)
        print(f"{reviews} reviews ({result['change_files']} change files, {result['changes_in_reader']} "
              f"changes): nothing new median {result['nothing_new']['median_ms']:.1f} ms "
              f"(p99 {result['nothing_new']['p99_ms']:.1f}); one edit: send "
              f"{result['send_one_edit']['median_ms']:.1f} ms, receive "
              f"{result['receive_one_edit']['median_ms']:.1f} ms; first full sync "
              f"{result['first_full_sync_s']:.1f} s")
    small, big = figures[f"{args.reviews // 10}_reviews"], figures[f"{args.reviews}_reviews"]
    figures["nothing_new_ratio_big_to_small"] = round(
        big["nothing_new"]["median_ms"] / small["nothing_new"]["median_ms"], 2)
    figures["targets"] = ("nothing new over 1,000 reviews from 20 devices < 200 ms and <= 2x the "
                          "100-review time; one new edit < 100 ms")
    print(f"ratio 1,000 to 100 reviews (nothing new): {figures['nothing_new_ratio_big_to_small']}x")
    record("sync", figures)
    print(f"recorded in {Path(__file__).with_name('results.json')}")


if __name__ == "__main__":
    main()
