"""Recording benchmark figures in bench/results.json (one key per benchmark suite)."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")

# Benchmark data folders are encrypted at rest like any other; on a machine without a
# safe keyring (CI, a server) they unlock with this passphrase (fictional data only).
os.environ.setdefault("WSS_UNLOCK_PASSPHRASE", "benchmark data folders, fictional only")


def machine() -> dict:
    return {"python": sys.version.split()[0], "platform": platform.platform(),
            "cpus": os.cpu_count()}


def record(suite: str, figures: dict) -> None:
    """Replace one suite's figures, keeping the others'."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[suite] = {"measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   "machine": machine(), **figures}
    RESULTS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 4), "p99_ms": round(percentile(ms, 99), 4),
            "n": len(ms)}
