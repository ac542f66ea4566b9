"""Bundle benchmarks (issue 7): the one-folder bundle's size and the frozen app's start-to-window time.

    python bench/bench_bundle.py [--build] [--runs 10]

Needs dist/wss-desktop/ (scripts/build_bundle.sh makes it; --build runs that first).
Start-to-window is measured from launching the frozen program to the moment its main
window is on screen (offscreen), as printed by `--selftest=window`. The first start
(which creates the database) is reported apart; the median is over later starts on
the same data folder. Other work on the machine skews it, so the load average is kept.
Targets: under 200 MB; start to window under 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "wss-desktop"
APP = BUNDLE / ("wss-desktop.exe" if sys.platform == "win32" else "wss-desktop")


def size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1_048_576, 1)


def start_to_window(data: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen([str(APP), "--selftest=window", "--data-dir", str(data)],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    shown = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "the main window is on screen" and shown is None:
            shown = time.perf_counter() - started
    if proc.wait(timeout=60) != 0 or shown is None:
        raise SystemExit("The frozen selftest failed; run dist/wss-desktop/wss-desktop --selftest.")
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if args.build or not APP.exists():
        subprocess.run([str(ROOT / "scripts" / "build_bundle.sh"), "--no-setup"], check=True, cwd=ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        # The first start creates the database; every later start opens it.
        first = start_to_window(Path(tmp) / "data")
        again = [start_to_window(Path(tmp) / "data") for _ in range(args.runs)]
    figures = {
        "size_mb": size_mb(BUNDLE),
        "files": sum(1 for p in BUNDLE.rglob("*") if p.is_file()),
        "start_to_window": {"first_start_ms": round(first * 1000, 1),
                            "median_ms": round(statistics.median(again) * 1000, 1),
                            "max_ms": round(max(again) * 1000, 1), "n": len(again),
                            "load_average": round(os.getloadavg()[0], 2)},
        "target": "one-folder bundle < 200 MB; start to window < 1.5 s",
        "how": "dist/wss-desktop/wss-desktop --selftest=window, offscreen; launch to window shown",
    }
    record("bundle", figures)
    print(f"bundle: {figures['size_mb']} MB in {figures['files']} files (target < 200 MB)")
    sw = figures["start_to_window"]
    print(f"start to window: first start {sw['first_start_ms']} ms; then median {sw['median_ms']} ms, "
          f"max {sw['max_ms']} ms over {sw['n']} runs (target < 1500 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
