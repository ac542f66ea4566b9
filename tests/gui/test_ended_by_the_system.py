"""The real app, with real key presses, ended by the system rather than by the user: the
desktop logging out or the computer shutting down (SIGTERM, what systemd and the
desktop send every program first), the terminal it was started from closing (SIGHUP),
or Ctrl+C in that terminal (SIGINT).

A field saves after a short pause in typing (autosave.DEBOUNCE_MS). The app used to die
on the spot, and the words typed in that pause were lost; now it saves everything and
closes normally (exit code 0). The signal is sent the moment the last key has gone in.
"""

from __future__ import annotations

import signal

import pytest

from wss_desktop.core.model import EvidenceKind
from wss_desktop.core.workspace import Workspace

from test_keyboard_real_input import new_data, start_review_by_keyboard
from xsession import MISSING, XSession

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (scripts/setup.sh --test)")]

WALK = "SELECT room, text FROM evidence WHERE kind = 'learning-walk' AND deleted = 0"


def _observe(s: XSession, room: str, text: str) -> None:
    """Start Fernhill's review and its first observation by keys, and type into it."""
    start_review_by_keyboard(s)
    s.key("ctrl+4", "ctrl+n")
    s.wait_rows(WALK, 1, "the new observation")
    s.type(room)
    s.key("alt+w")
    s.type(text)


def _observation(data) -> tuple[str, str]:
    with Workspace.open(data) as ws:
        (review,) = ws.reviews()
        [e] = [e for e in ws.bundle(review["id"]).evidence if e.kind == EvidenceKind.LEARNING_WALK]
        return e.room, e.text


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_what_was_typed_just_before_the_system_ends_the_app_is_saved(tmp_path, sig):
    data = new_data(tmp_path)
    with XSession(data, (1024, 600)) as s:
        _observe(s, "Kestrels", "Pupils used word mats.")
        s.app.send_signal(getattr(signal, sig))
        code = s.app.wait(60)
        log = s.log.read_text()
    assert code == 0, log
    assert "Traceback" not in log
    assert _observation(data) == ("Kestrels", "Pupils used word mats.")


def test_the_app_ends_and_saves_with_a_dialog_open(tmp_path):
    """A modal dialog (here the new-review wizard) runs its own event loop: the signal
    is answered there too, and the window's fields are saved before the app closes."""
    data = new_data(tmp_path)
    with XSession(data, (1024, 600)) as s:
        _observe(s, "Owls", "Adults used pupils' names.")
        s.key("ctrl+shift+n")
        s.focus(s.wait_window("Start a new review"))
        s.app.send_signal(signal.SIGTERM)
        code = s.app.wait(60)
        log = s.log.read_text()
    assert code == 0, log
    assert "Traceback" not in log
    assert _observation(data) == ("Owls", "Adults used pupils' names.")
