"""The property tests (hypothesis) draw the same examples on every run, so a run of the
suite passes or fails for the code, never for the luck of the draw (the brief's rule:
random seeds fixed wherever order matters). WSS_HYPOTHESIS_EXPLORE=1 draws fresh
examples, to search for failures not yet found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import settings

TESTS = Path(__file__).resolve().parents[1]

# A module of its own, run twice: the examples a property test is given are recorded.
_PROBE = '''
import os
from hypothesis import given, settings, strategies as st

@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(), max_size=8))
def test_draw(xs):
    with open(os.environ["DRAWS"], "a") as out:
        out.write(repr(xs) + "\\n")
'''


def _draws(tmp_path: Path, run: int, explore: bool) -> list[str]:
    probe = tmp_path / "probe" / "test_probe_draws.py"
    probe.parent.mkdir(exist_ok=True)
    probe.write_text(_PROBE)
    record = tmp_path / f"draws-{run}.txt"
    env = {k: v for k, v in os.environ.items() if k != "WSS_HYPOTHESIS_EXPLORE"}
    env["DRAWS"] = str(record)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(TESTS.parent)])
    if explore:
        env["WSS_HYPOTHESIS_EXPLORE"] = "1"
    # The suite's own conftest.py (its profile) with the probe beside the suite's tests.
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--rootdir", str(TESTS.parent), "--confcutdir", str(TESTS.parent),
                           "-c", str(TESTS.parent / "pyproject.toml"),
                           str(probe)], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return record.read_text().splitlines()


def test_the_suite_draws_the_same_examples_on_every_run():
    assert settings.default.derandomize is True
    assert settings.default.database is None      # no example remembered from a run before


def test_two_runs_of_a_property_test_are_given_the_same_examples(tmp_path, monkeypatch):
    conftest = (TESTS / "conftest.py").read_text()
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "conftest.py").write_text(conftest)
    first, second = _draws(tmp_path, 1, False), _draws(tmp_path, 2, False)
    assert len(first) >= 15
    assert first == second


def test_exploring_draws_fresh_examples(tmp_path):
    conftest = (TESTS / "conftest.py").read_text()
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "conftest.py").write_text(conftest)
    assert _draws(tmp_path, 1, True) != _draws(tmp_path, 2, True)

