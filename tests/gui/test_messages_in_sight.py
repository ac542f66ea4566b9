"""A message shown at the foot of a window that scrolls (text at 200% on a 1024x600
screen) is brought into sight, by real keys under Xvfb, placed through the real AT-SPI
tree, and said aloud through AT-SPI. Before, the sync panel's message ("Type the team
passphrase first.") was set below what the panel showed, and not said: pressing the
button seemed to do nothing. The partner panel's message is checked the same way in
test_saved_by_keys_on_a_full_disk.py."""

from __future__ import annotations

import pytest
from atspi_support import REASON as ATSPI_REASON, a11y_bus, dump, in_sight, said_aloud  # noqa: F401

from test_keyboard_real_input import new_data
from xsession import XSession

pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(ATSPI_REASON), reason=ATSPI_REASON)]

PANEL = "Shared folder and sync"


def test_the_sync_panels_message_is_brought_into_sight_by_keys_at_200_percent_text(tmp_path, a11y_bus):
    data = new_data(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    with XSession(data, (1024, 600), env={**a11y_bus, "QT_FONT_DPI": "192"}) as s:
        s.key("ctrl+shift+y")
        panel = s.wait_window(PANEL, timeout=60)
        s.focus(panel)
        s.key("alt+c")                                     # Choose folder...
        chooser = s.wait_window("Choose the team's shared folder", timeout=60)
        s.focus(chooser)
        s.key("ctrl+a")
        s.type(str(shared) + "/")
        s.key("Return")
        s.wait_window_gone("Choose the team's shared folder")
        s.focus(panel)
        # A new folder: the panel asks for a team passphrase to set it up.
        s.wait_until(lambda: any(n["name"] == "Team passphrase" and "showing" in n["states"] for n in dump(s)),
                     "the team passphrase to be asked for", 60)
        s.screenshot(tmp_path / "asked.png")
        with said_aloud(s, tmp_path / "said.jsonl") as heard:
            s.key("alt+u")                                 # Set up and sync, with nothing typed
            said = next(iter(s.wait_until(lambda: [n["name"] for n in dump(s) if "passphrase first" in n["name"]],
                                          "the message", 30)))
            assert said == "Type the team passphrase first.", said
            # ... said aloud as it is shown, as AT-SPI hands it to a screen reader
            s.wait_until(lambda: said in heard(), f"{said!r} to be said aloud", 30)
        s.wait_until(lambda: in_sight(s, PANEL, "passphrase first"), "the message to be in sight", 30)
        s.screenshot(tmp_path / "told.png")
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()
