"""The write-ahead log while a new laptop joins a trust's reviews from a colleague's
snapshot and its user types (issue 10): a save every 0.4 s, in this process (the app's
own sync) and from another (a sync run from the command line).

Each commit the join makes for the saves writes pages all over the database; the log
was 1.77 GB beside a 440 MB database when such a join ended, so a laptop with less free
disk than that could not finish joining while its user typed. Figure: the log's largest size during
the join. Floor, measured in the same run: the size of the database the join builds.

    python bench/bench_join_log.py [--reviews 60 --writers 3 --synthetic 5000]

It reuses bench_sync_scale.py's data in bench/data/ (built on first use, which takes a
few minutes). Timings and sizes are figures, never tests.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_sync_scale as scale  # noqa: E402
from results import record  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=60)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=5000)
    args = parser.parse_args()
    keys = scale.TeamKeys(use_keyring=False)
    team = scale.build_team(args.reviews, args.writers, keys)
    if args.synthetic:
        team = scale.build_synthetic(args.synthetic, args.writers, keys, team)
    policy = scale.service.SNAPSHOT_AFTER, scale.service.SNAPSHOT_JOIN, scale.service.SNAPSHOT_GROWTH
    with tempfile.TemporaryDirectory() as tmp:
        shared = Path(tmp) / "shared"
        shutil.copytree(team / "shared", shared)
        scale.unlock(shared, keys)
        t0 = time.perf_counter()
        with scale.Workspace.open(Path(tmp) / "first-laptop") as first:
            scale.sync_folder(first.store, first.paths, shared, keys)
            scale.service.SNAPSHOT_AFTER, scale.service.SNAPSHOT_JOIN, scale.service.SNAPSHOT_GROWTH = 1, 1, 0
            try:
                scale.sync_folder(first.store, first.paths, shared, keys)     # writes its snapshot
                reviews = len(first.reviews())
            finally:
                scale.service.SNAPSHOT_AFTER = policy[0]
        print(f"snapshot of {reviews} reviews ready ({time.perf_counter() - t0:.0f} s)", flush=True)
        try:
            here = scale._typing_during_join(Path(tmp) / "typing-laptop", shared, keys)
            there = scale._typing_during_join(Path(tmp) / "typing-laptop-2", shared, keys, other_process=True)
        finally:
            scale.service.SNAPSHOT_AFTER, scale.service.SNAPSHOT_JOIN, scale.service.SNAPSHOT_GROWTH = policy
    figures = {
        "reviews": reviews,
        "target": "the log stays smaller than the database the join builds",
        "log_peak_mb_while_typing": here["log_peak_mb_during_join"],
        "command_line_log_peak_mb_while_typing": there["command_line_log_peak_mb_during_join"],
        "floor_database_mb": here["floor_database_mb_after_join"],
        "join_while_typing_s": here["join_from_snapshot_while_typing_s"],
        "command_line_join_while_typing_s": there["command_line_join_from_snapshot_while_typing_s"],
        "typed_text_longest_wait_to_be_saved_s": here["typed_text_longest_wait_to_be_saved_s"],
        "longest_save_attempt_ms": here["longest_save_attempt_during_join_ms"],
        "before": {"log_mb_when_the_join_ended_while_typing": 1769.6,
                   "log_peak_mb_giving_way_at_every_part": 2181.0,
                   "note": "the code before 1323a77, measured by hand on 29 Nov 2026 with the same data"},
    }
    record("join_log", figures)
    print(f"the log's largest size while a laptop joined {reviews} reviews and its user typed: "
          f"{figures['log_peak_mb_while_typing']} MB (the app's own sync), "
          f"{figures['command_line_log_peak_mb_while_typing']} MB (a sync from the command line); "
          f"floor, the database it built: {figures['floor_database_mb']} MB (before: 1770 MB when the join ended)")
    print(f"the join took {figures['join_while_typing_s']} s and {figures['command_line_join_while_typing_s']} s; "
          f"typed text waited at most {figures['typed_text_longest_wait_to_be_saved_s']} s to be saved")


if __name__ == "__main__":
    main()
