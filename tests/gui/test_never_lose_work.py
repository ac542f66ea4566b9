"""Typing into the learning walk, then the process is killed outright (SIGKILL, as
when a battery dies): everything typed more than a second before is still there."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from wss_desktop.core.model import EvidenceKind
from wss_desktop.core.workspace import Workspace

HELPER = Path(__file__).with_name("typing_helper.py")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_text_typed_a_second_before_a_kill_survives(tmp_path):
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        review_id = ws.new_review("Fernhill Community Primary School", "send-review")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path.cwd())}
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as err:
        proc = subprocess.Popen([sys.executable, str(HELPER), str(data), review_id],
                                stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    typed: list[tuple[float, dict]] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if line.startswith("READY"):
                ready.set()
            elif line.startswith("TYPED\t"):
                typed.append((time.monotonic(), json.loads(line.split("\t", 1)[1])))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(60), "the app did not start: " + errors.read_text()
        time.sleep(4.0)
        kill_time = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    settled = [entry for t, entry in typed if t < kill_time - 1.0]
    assert len(settled) > 10, "too little was typed to make the test meaningful"
    expected: dict[str, str] = {}
    for entry in settled:
        expected[entry["field"]] = entry["value"]
    with Workspace.open(data) as ws:
        walk = [e for e in ws.bundle(review_id).evidence if e.kind == EvidenceKind.LEARNING_WALK]
        assert len(walk) == 1
        stored = walk[0]
        for field, value in expected.items():
            # What was typed later may also have been saved; what came first must be.
            assert (getattr(stored, field) or "").startswith(value), field


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("seed", [13, 2026])
def test_a_burst_of_typing_with_no_pause_survives_a_kill(tmp_path, seed):
    """Typing on and on with no pause over 0.1 s (a debounce that waits for a pause
    would never save); the kill comes at a seeded random moment within 6 s of typing,
    and everything typed more than 1.5 s before it must be in the database."""
    import random

    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        review_id = ws.new_review("Fernhill Community Primary School", "send-review")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path.cwd())}
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as err:
        proc = subprocess.Popen([sys.executable, str(HELPER), str(data), review_id, "burst"],
                                stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    typed: list[tuple[float, str]] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if line.startswith("READY"):
                ready.set()
            elif line.startswith("TYPED\t"):
                typed.append((time.monotonic(), json.loads(line.split("\t", 1)[1])["value"]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    kill_after = random.Random(seed).uniform(3.0, 6.0)
    try:
        assert ready.wait(60), "the app did not start: " + errors.read_text()
        started = time.monotonic()
        while time.monotonic() - started < kill_after:
            time.sleep(0.05)
        kill_time = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    gaps = [b - a for (a, _), (b, _) in zip(typed, typed[1:])]
    settled = [value for t, value in typed if t < kill_time - 1.5]
    assert len(settled) > 10, "too little was typed to make the test meaningful"
    with Workspace.open(data) as ws:
        walk = [e for e in ws.bundle(review_id).evidence if e.kind == EvidenceKind.LEARNING_WALK]
        assert len(walk) == 1
        stored = walk[0].strengths or ""
    assert stored.startswith(settled[-1]), (
        f"kill after {kill_after:.2f}s; {len(stored)} of {len(settled[-1])} characters kept; "
        f"longest gap between words {max(gaps):.2f}s")
