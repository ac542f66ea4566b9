"""Privacy benchmarks (issue 12): what encryption at rest and key stretching cost.

    python bench/bench_privacy.py [--edits 2000] [--reviews 500] [--runs 5]

1. One passphrase guess: scrypt at the app's cost (crypto.STRONG) and at the older
   one-lane cost, beside one SHA-256 of the same passphrase (target: >= 0.5 s a guess).
2. Edit-to-commit latency (ws.judge) on the SQLCipher database, beside the same code
   on a plaintext database in the same run (target: p99 within 1.5x).
3. Process start to main window with 500 reviews, encrypted beside plaintext, started
   the same way in the same run (target: within 10%). The encrypted folder's key is
   unwrapped from WSS_UNLOCK_PASSPHRASE at a cheap cost, standing in for the keyring.

The plaintext runs patch the store so it opens the file without a key (the app itself
never does). Figures are printed and merged into bench/results.json under "privacy".
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from results import record, summary_ms  # noqa: E402

PASSPHRASE = "bench unlock passphrase for fictional data"
PLAINTEXT_PATCH = """
import wss_desktop.core.store as _s
_connect = _s._connect
_s._connect = lambda path, key, uri=False: _connect(path, None, uri=uri)
_s._is_plaintext = lambda path: False
"""
CHILD = """
import sys, time
{patch}
from PySide6.QtWidgets import QApplication
from wss_desktop.gui.app import run
def shown(window):
    print(time.time(), flush=True)
    QApplication.instance().quit()
sys.exit(run(sys.argv[1], [sys.argv[0]], on_shown=shown))
"""


def plaintext(on: bool) -> None:
    """Make this process's store open databases without a key (for the floor)."""
    import wss_desktop.core.store as s
    if on:
        if not hasattr(s, "_bench_connect"):
            s._bench_connect, s._bench_plain = s._connect, s._is_plaintext
        s._connect = lambda path, key, uri=False: s._bench_connect(path, None, uri=uri)
        s._is_plaintext = lambda path: False
    elif hasattr(s, "_bench_connect"):
        s._connect, s._is_plaintext = s._bench_connect, s._bench_plain


def kdf() -> dict:
    from wss_desktop.core.sync import crypto
    out = {}
    for name, cost in (("strong", crypto.STRONG), ("one_lane_before", crypto.ScryptCost(17, 8, 1))):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            crypto.derive(PASSPHRASE, os.urandom(16), cost)
            times.append(time.perf_counter() - start)
        out[name] = {"cost": f"2**{cost.log2n} r={cost.r} p={cost.p}",
                     "median_s": round(statistics.median(times), 3)}
    start = time.perf_counter()
    for _ in range(1000):
        hashlib.sha256(PASSPHRASE.encode()).digest()
    out["floor_sha256_s"] = (time.perf_counter() - start) / 1000
    out["target"] = "one guess >= 0.5 s at the app's cost"
    return out


def edits(n: int, encrypted: bool) -> list[float]:
    from wss_desktop.core import atrest
    from wss_desktop.core.workspace import Workspace
    plaintext(not encrypted)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            atrest.ephemeral_key(tmp)
            with Workspace.open(tmp) as ws:
                head = ws.paths.database.read_bytes()[:15]
                assert (head == b"SQLite format 3") is (not encrypted)
                rid = ws.new_review("Benchmark Primary", "send-review")
                statements = [s.id for s in ws.bundle(rid).framework.statements()]
                ratings = ["emerging", "developing", "established", "enhanced"]
                times = []
                for i in range(n):
                    sid = statements[i % len(statements)]
                    start = time.perf_counter()
                    ws.judge(rid, sid, rating=ratings[(i // len(statements) + 1) % 4])
                    times.append(time.perf_counter() - start)
            return times
    finally:
        plaintext(False)


def make_folder(folder: Path, reviews: int, encrypted: bool) -> None:
    from wss_desktop.core import atrest, profile
    from wss_desktop.core.sync import crypto
    from wss_desktop.core.workspace import Workspace
    strong, crypto.STRONG = crypto.STRONG, crypto.ScryptCost(12, 8, 1)
    plaintext(not encrypted)
    try:
        atrest.database_key(folder, passphrase=PASSPHRASE, use_keyring=False)
        frameworks = ["send-review", "mat-send", "send-governance", "ta-deployment"]
        with Workspace.open(folder) as ws, ws.store.transaction():
            for i in range(reviews):
                rid = ws.new_review(f"Fictional School {i:03d}", frameworks[i % len(frameworks)],
                                    trust_or_la=f"Fictional Trust {i % 17}",
                                    date_visit=f"2026-{1 + i % 12:02d}-{1 + i % 27:02d}")
                ws.set_stage(rid, "identification", "complete")
            profile.mark_set_up(ws.store)
    finally:
        crypto.STRONG = strong
        plaintext(False)


def start_to_window(folder: Path, encrypted: bool, runs: int) -> list[float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "WSS_UNLOCK_PASSPHRASE": PASSPHRASE, "WSS_CONFIG_DIR": str(folder.parent / "config")}
    code = CHILD.format(patch="" if encrypted else PLAINTEXT_PATCH)
    seconds = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True,
                             text=True, env=env, check=True, timeout=120).stdout
        seconds.append(float(out.strip().splitlines()[-1]) - start)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    guess = kdf()
    print(f"one passphrase guess: {guess['strong']['median_s']} s at {guess['strong']['cost']} "
          f"(was {guess['one_lane_before']['median_s']} s at {guess['one_lane_before']['cost']}); "
          f"floor: one SHA-256 {guess['floor_sha256_s'] * 1e6:.1f} us (target >= 0.5 s)")

    # Alternate the two so neither gets the quieter moments of a shared machine.
    enc_times, plain_times = [], []
    for _ in range(2):
        plain_times += edits(args.edits // 2, encrypted=False)
        enc_times += edits(args.edits // 2, encrypted=True)
    enc, plain = summary_ms(enc_times), summary_ms(plain_times)
    edit = {"encrypted": enc, "plaintext": plain,
            "p99_ratio": round(enc["p99_ms"] / plain["p99_ms"], 2),
            "median_ratio": round(enc["median_ms"] / plain["median_ms"], 2),
            "target": "p99 within 1.5x of the plaintext store"}
    print(f"edit to commit: encrypted median {enc['median_ms']:.3f} ms, p99 {enc['p99_ms']:.3f} ms; "
          f"plaintext median {plain['median_ms']:.3f} ms, p99 {plain['p99_ms']:.3f} ms; "
          f"p99 ratio {edit['p99_ratio']} (target <= 1.5)")

    with tempfile.TemporaryDirectory(prefix="wss-bench-privacy-") as tmp:
        folders = {}
        for encrypted in (True, False):
            folder = Path(tmp) / ("encrypted" if encrypted else "plaintext")
            make_folder(folder, args.reviews, encrypted)
            folders[encrypted] = folder
        enc_start, plain_start = [], []
        for _ in range(args.runs):
            plain_start += start_to_window(folders[False], False, 1)
            enc_start += start_to_window(folders[True], True, 1)
    start = {"encrypted_median_ms": round(statistics.median(enc_start) * 1000, 1),
             "plaintext_median_ms": round(statistics.median(plain_start) * 1000, 1),
             "runs": args.runs, "reviews": args.reviews}
    start["ratio"] = round(start["encrypted_median_ms"] / start["plaintext_median_ms"], 3)
    start["target"] = "within 10% of the plaintext store (ratio <= 1.10)"
    print(f"start to main window with {args.reviews} reviews: encrypted {start['encrypted_median_ms']} ms, "
          f"plaintext {start['plaintext_median_ms']} ms (median of {args.runs}); ratio {start['ratio']} "
          f"(target <= 1.10)")
    record("privacy", {"kdf": guess, "edit_to_commit": edit, "start_to_window": start})
    return 0


if __name__ == "__main__":
    sys.exit(main())
