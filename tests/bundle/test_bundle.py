"""CI builds the desktop bundle with PyInstaller and runs the frozen app's selftest.

Slow (about a minute to build on two cores): it runs scripts/build_bundle.sh, which
installs PyInstaller into .venv first when it is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dist" / "wss-desktop" / ("wss-desktop.exe" if sys.platform == "win32" else "wss-desktop")


def have_pyinstaller() -> bool:
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", "import PyInstaller"],
                          capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
def test_the_bundle_builds_and_its_selftest_passes():
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.fail("Run scripts/setup.sh first: the bundle is built from .venv.")
    args = [str(ROOT / "scripts" / "build_bundle.sh")]
    if have_pyinstaller():
        args.append("--no-setup")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    built = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    assert APP.is_file()
    assert "(frozen)" in built.stdout
    for check in ("database", "frameworks", "keyring", "encryption", "pdf", "backup", "window"):
        assert f"ok   {check}:" in built.stdout, built.stdout

    # Run again on its own, as a user's double-click would start it (no venv on the path).
    clean = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    again = subprocess.run([str(APP), "--selftest"], capture_output=True, text=True, env=clean,
                           timeout=120, cwd=APP.parent.parent)
    assert again.returncode == 0, again.stdout + again.stderr

    # The command line works frozen too (version from the bundled package metadata).
    version = subprocess.run([str(APP), "--version"], capture_output=True, text=True, env=clean,
                             timeout=60)
    assert version.returncode == 0 and "0.0.0+source" not in version.stdout
