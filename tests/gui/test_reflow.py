"""At 200% text on a 1024x600 screen (QT_FONT_DPI=192 under a real Xvfb, which Qt 6 on
X11 turns into a 512x300 screen of twice-sized pixels) every stage screen and each of
its tabs fits the width: the main area needs no sideways scroll bar and every visible
control lies within the viewport of the scroll area it is shown in (issue 13). The
panes stack instead (gui/reflow.py). Pictures of each screen go to docs/screenshots/
when WSS_UPDATE_SCREENSHOTS is set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xsession import MISSING, ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (scripts/setup.sh --test)")]


def probe(tmp_path: Path, size: tuple[int, int], dpi: str) -> dict:
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size[0]}x{size[1]}x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as f:
            display = f.readline().strip()
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb", "QT_FONT_DPI": dpi,
               "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
        env.pop("WAYLAND_DISPLAY", None)
        for attempt in (1, 2):
            shots = tmp_path / f"shots{attempt}"
            shots.mkdir()
            out = subprocess.run([sys.executable, str(Path(__file__).parent / "reflow_probe.py"),
                                  str(tmp_path / f"data{attempt}"), str(shots)],
                                 env=env, capture_output=True, text=True, timeout=240)
            # The probe process died by a signal about once in seven runs at 1280x800
            # (issue 13, cause not yet found; PySide6 6.12's None bug is ruled out by the
            # pin). One such death is shown, with faulthandler's trace, and the probe is
            # run once more; a second one, or any other failure, fails the test.
            if out.returncode >= 0 or attempt == 2:
                break
            print(f"reflow probe died by signal {-out.returncode}; trace:\n{out.stderr[-3000:]}",
                  file=sys.stderr)
        assert out.returncode == 0, out.stderr[-3000:]
        found = json.loads(out.stdout.strip().splitlines()[-1])
        found["shots"] = shots
        return found
    finally:
        xvfb.terminate()
        xvfb.wait(15)


def test_every_stage_screen_fits_1024_wide_at_200_percent_text(tmp_path):
    found = probe(tmp_path, (1024, 600), "192")
    assert found["screen"] == [512, 300], found["screen"]    # 200%: half as many pixels across
    report = found["report"]
    assert len(report) >= 20, sorted(report)                  # every stage and tab was shown
    assert "school-visit/Learning walk" in report
    # Reporting's findings tab and the follow-up action plan were too wide in some runs
    # (553 and 535 px in 498) until the reflow measured its own changes at once
    # (test_reflow_measure.py): asserted like every other page.
    problems = {page: p for page, p in report.items() if p}
    assert problems == {}, json.dumps(problems, indent=1)
    if os.environ.get("WSS_UPDATE_SCREENSHOTS"):
        for png in found["shots"].glob("*.png"):
            shutil.copy(png, ROOT / "docs" / "screenshots" / f"99-200pct-text-1024x600-{png.name}")


def test_every_stage_screen_fits_a_1024x600_netbook_at_normal_text(tmp_path):
    """The netbook a reviewer carries round the school, at the usual text size: the
    learning walk's fields needed 326 px in a pane of 298, so the pane scrolled sideways
    as the reviewer typed and cut off the first letters of its labels and the left edge of
    every box ("ow support was deployed"). Every page now fits."""
    found = probe(tmp_path, (1024, 600), "96")
    assert found["screen"] == [1024, 600], found["screen"]
    report = found["report"]
    assert len(report) >= 20 and "school-visit/Learning walk" in report, sorted(report)
    problems = {page: p for page, p in report.items() if p}
    assert problems == {}, json.dumps(problems, indent=1)


def test_stacked_panes_scroll_rather_than_squash_at_200_percent_text_on_1280x800(tmp_path):
    """On a 1280x800 screen at 200% text the navigator and the stage stack; each keeps a
    useful height and the main area scrolls, rather than every pane (and the buttons in
    it) being squeezed into the 400 px there are (issue 13)."""
    found = probe(tmp_path, (1280, 800), "192")
    assert found["screen"] == [640, 400], found["screen"]
    wide = {page: p for page, p in found["report"].items() if p}
    assert wide == {}, json.dumps(wide, indent=1)
    cramped = {page: p for page, p in found["short"].items() if p}
    assert cramped == {}, json.dumps(cramped, indent=1)
    if os.environ.get("WSS_UPDATE_SCREENSHOTS"):
        for png in found["shots"].glob("*.png"):
            shutil.copy(png, ROOT / "docs" / "screenshots" / f"99-200pct-text-1280x800-{png.name}")
