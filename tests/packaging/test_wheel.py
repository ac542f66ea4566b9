"""The wheel a user or packager builds with `pip install .` works on its own.

An installed copy once lacked a sub-package (the stage screens), so opening any
review failed while `--selftest` still passed. This builds the wheel, installs it
into a new virtual environment away from the source tree, adds the demo review and
runs the selftest, which opens a review at every stage offscreen."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, timeout=900, **kw)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_the_installed_wheel_opens_a_review_at_every_stage(tmp_path):
    wheels = tmp_path / "wheels"
    build = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)])
    [wheel] = wheels.glob("wss_desktop-*.whl")
    assert "is absent from setuptools' `packages` configuration" not in build.stderr
    assert "deprecated" not in build.stderr.lower(), build.stderr[-3000:]

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)])

    away = tmp_path / "elsewhere"  # not the source tree, so only the installed copy can be imported
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    where = run([str(py), "-c", "import wss_desktop; print(wss_desktop.__file__)"], cwd=away, env=env)
    assert str(env_dir) in where.stdout

    app = env_dir / "bin" / "wss-desktop"
    data = tmp_path / "data"
    run([str(app), "--data-dir", str(data), "demo"], cwd=away, env=env)
    listed = run([str(app), "--data-dir", str(data), "review", "list"], cwd=away, env=env)
    assert "Hollinbrook Meadow" in listed.stdout
    selftest = run([str(app), "--selftest"], cwd=away, env=env)
    assert "a review opened at all 6 stages" in selftest.stdout, selftest.stdout
