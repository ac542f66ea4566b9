"""Case 10 of issue 10: the command line run beside the open app must not lose its saves.

A real "app" process holds the database open and saves, opening the store a second
time in the same process as the app's sync session does; real `wss-desktop` commands
run beside it; then the app is killed with SIGKILL. Every save it acknowledged must be
in the database afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wss_desktop.core import model
from wss_desktop.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("wss-desktop")

APP = textwrap.dedent("""
    import sys
    from wss_desktop.core.sync.session import SyncService
    from wss_desktop.core.workspace import Workspace

    ws = Workspace.open(sys.argv[1])
    review_id = sys.argv[2]
    for line in sys.stdin:
        word, _, arg = line.strip().partition(" ")
        if word == "save":
            ws.add_observation(review_id, room="Hall", text=f"note {arg}")
        elif word == "session":
            SyncService(ws.paths).status()   # the app's sync session opens the store again
        print("ok", arg, flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and SIGKILL")
def test_cli_beside_the_open_app_loses_no_acknowledged_save(tmp_path):
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        review_id = ws.new_review("Fictional Primary School", "send-review")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, "-c", APP, str(data), review_id], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    acknowledged = []

    def tell(command: str, arg: str) -> None:
        app.stdin.write(f"{command} {arg}\n")
        app.stdin.flush()
        assert app.stdout.readline().split() == ["ok", arg]
        if command == "save":
            acknowledged.append(f"note {arg}")

    try:
        tell("save", "1")
        tell("session", "s1")
        for n in range(2, 5):
            tell("save", str(n))
        for argv in (["review", "list"], ["sync", "--status"], ["review", "list"]):
            done = subprocess.run([str(CLI), "--data-dir", str(data), *argv], capture_output=True,
                                  text=True, env=env, timeout=120)
            assert "Traceback" not in done.stderr
            tell("session", "s2")
            for n in range(len(acknowledged) + 1, len(acknowledged) + 4):
                tell("save", str(n))
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
        app.stdin.close()
        app.stdout.close()
    with Workspace.open(data) as ws:
        kept = {e.text for e in ws.store.records(model.Evidence, review_id=review_id)}
    missing = [t for t in acknowledged if t not in kept]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged saves were lost: {missing}"
