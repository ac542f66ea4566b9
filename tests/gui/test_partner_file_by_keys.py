"""Send to partner by keys alone, as a fast typist uses it: real key presses under Xvfb,
read through the real AT-SPI tree.

Before, Alt+O ("A one-off passphrase") chose the option a moment later (Qt clicks a
button chosen by its Alt key after about 100 ms), and until then the passphrase boxes
were disabled. A Tab pressed at once skipped them and landed on "Include the photos";
the passphrase typed there ticked and unticked that box at each space, and Send said
no passphrase had been chosen. Now the boxes are always open, and typing in one
chooses a one-off passphrase."""

from __future__ import annotations

import pytest
from atspi_support import REASON as ATSPI_REASON, a11y_bus, dump  # noqa: F401

from test_keyboard_real_input import new_data, start_review_by_keyboard
from xsession import XSession

pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(ATSPI_REASON), reason=ATSPI_REASON)]

PASSPHRASE = "quiet orchard lantern meadow"


def test_a_one_off_passphrase_typed_straight_after_alt_o_locks_the_file(tmp_path, a11y_bus):
    data = new_data(tmp_path)
    target = tmp_path / "Fernhill for Priya.wssreview"
    with XSession(data, (1024, 600), env=a11y_bus) as s:
        start_review_by_keyboard(s)
        s.focus(s.main)
        s.key("ctrl+shift+e")
        panel = s.wait_window("Send to partner", timeout=60)
        s.focus(panel)
        s.key("alt+f", "ctrl+a")
        s.type(str(target))
        s.key("alt+o", "Tab")                      # no pause: as fast as xdotool types
        s.type(PASSPHRASE)
        s.key("Tab")
        s.type(PASSPHRASE)
        s.key("Return")                            # Send
        said = s.wait_until(lambda: next((n["name"] for n in dump(s) if n["name"].startswith(("Wrote", "Choose a"))),
                                         None), "what Send did", 60)
        assert str(said).startswith(f"Wrote {target}") and "locked with the passphrase" in str(said), said
        photos = next(n for n in dump(s) if n["name"] == "Include the photos")
        assert "checked" in photos["states"], "the passphrase was typed into the photos box"
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()
