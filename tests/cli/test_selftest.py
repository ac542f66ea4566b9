"""`--selftest` from source (the frozen bundle's run is tests/bundle/test_bundle.py)."""

import os
import subprocess
import sys

from wss_desktop.selftest import CHECKS


def run(*argv):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "wss_desktop", *argv], capture_output=True,
                          text=True, env=env, timeout=120)


def test_selftest_passes_every_check_from_source():
    done = run("--selftest")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in CHECKS:
        assert any(line.startswith(f"ok   {name}:") for line in lines), name
    assert "1 page" in done.stdout and "with rl_accel" in done.stdout
    assert lines[-1].startswith(f"all {len(CHECKS)} checks passed")


def test_a_failing_check_is_named_and_exits_1():
    done = run("--selftest=frameworks,nonsense")
    assert done.returncode == 1
    assert "FAIL selftest: unknown check nonsense" in done.stdout
