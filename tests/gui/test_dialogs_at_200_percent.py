"""Text at 200% on a 1024x600 netbook (QT_FONT_DPI=192 under a real Xvfb: 512x300 of
Qt's pixels), each dialog opened by real key presses.

Settings, the framework editor, Send to partner and the sync panel opened larger than
the screen (1440x1040, 1914x848, 1280x880 and 1028x600 of its 1024x600), their words and
their Close, Save or Send off its edge; the new-review wizard too (1800x1200). Now a
dialog too large for its screen scrolls, its buttons kept in view below it
(widgets.fit_dialog), and each fits. The wizard's pages scroll: it is finished here by
keys alone. It kept 8 pixels of its lower margin off the screen (1024x608: the minimum
size QWizard works out for itself was not redone after its pages began to scroll); now
it fits as well.

Qt's file chooser (the one a Linux desktop without a portal shows) opened at 1272x824
there, its file name box and its Open or Save button off the bottom of the screen. It
is now fitted to the screen too (gui/choosers.py). The passphrase asked for a backup
(of a laptop in no team) was one line of 3202 pixels, its OK and Cancel far off the
screen; its words now wrap and it fits. The overview across reviews and the anonymised
example, windows of their own, opened at 2400x1440 and 1960x1280; they fit too."""

from __future__ import annotations

import pytest

from test_keyboard_real_input import new_data, start_review_by_keyboard
from xsession import MISSING, XSession

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (scripts/setup.sh --test)")]

DIALOGS = [("ctrl+comma", "Settings"), ("ctrl+shift+f", "Frameworks"),
           ("ctrl+shift+y", "Shared folder and sync"), ("ctrl+shift+e", "Send"),
           ("ctrl+shift+n", "Start a new review"), ("ctrl+shift+v", "Overview across reviews"),
           # file choosers (Qt's own here, as on a Linux desktop with no portal)
           ("ctrl+shift+o", "Open your partner's file"), ("ctrl+shift+b", "Back up all reviews")]


def size(s: XSession, window: str) -> tuple[int, int]:
    shell = dict(line.split("=") for line in s.xdo("getwindowgeometry", "--shell", window).split())
    return int(shell["WIDTH"]), int(shell["HEIGHT"])


def measure_and_close(s: XSession, title: str, too_big: dict, tmp_path) -> None:
    """Wait for the window called `title`; note its size if it is larger than the screen,
    keep a screenshot of it, and close it by Escape."""
    window = s.wait_window(title, timeout=60)
    width, height = size(s, window)
    if width > 1024 or height > 600:
        too_big[title] = (width, height)
    s.screenshot(tmp_path / f"200pct-{title.replace(' ', '-')}.png")
    s.focus(window)
    s.key("Escape")
    s.wait_window_gone(title)


def test_every_dialog_fits_a_netbook_at_200_percent_text(tmp_path):
    data = new_data(tmp_path)
    too_big = {}
    with XSession(data, (1024, 600), env={"QT_FONT_DPI": "192"}) as s:
        for keys, title in DIALOGS:
            s.focus(s.main)
            s.key(keys)
            measure_and_close(s, title, too_big, tmp_path)
        # A backup of a laptop in no team asks for a passphrase of its own.
        s.focus(s.main)
        s.key("ctrl+shift+b")
        chooser = s.wait_window("Back up all reviews", timeout=60)
        s.focus(chooser)
        s.key("ctrl+a")
        s.type(str(tmp_path / "reviews.wssbackup"))
        s.key("Return")
        measure_and_close(s, "Passphrase", too_big, tmp_path)
        assert not (tmp_path / "reviews.wssbackup").exists()
        s.focus(s.main)
        start_review_by_keyboard(s)          # the wizard, page by page, by keys alone
        s.key("ctrl+shift+x")                # with a review open
        measure_and_close(s, "Anonymised example", too_big, tmp_path)
        s.focus(s.main)
        assert s.quit_app() == 0
        assert "Traceback" not in s.log.read_text()
    assert too_big == {}, too_big
