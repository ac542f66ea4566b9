"""The status bar's save indicator says "✓ All changes saved at 10:42:07" on one line
when there is room: it wrapped onto two lines even beside an empty status bar (a word-
wrapped label asks for a narrow width), taking a second line of a 600 px screen. A long
problem still wraps rather than pushing the window past the screen's edge."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def _lines(label) -> int:
    return round(label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing())


def test_the_save_status_takes_one_line_at_1024_wide(qtbot, window):
    window.resize(1024, 600)
    window.indicator.show_state("saved", "All changes saved at 10:42:07")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: _lines(window.indicator) == 1, timeout=3000)
    assert window.indicator.width() < window.width() // 2


def test_a_long_problem_still_wraps_within_the_window(qtbot, window):
    window.resize(1024, 600)
    long = "Not saved: " + "the database is busy with another program " * 6
    window.indicator.show_state("problem", long)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: _lines(window.indicator) >= 2, timeout=3000)
    assert window.indicator.width() <= window.width() // 2
    assert window.width() == 1024
