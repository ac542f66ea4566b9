"""PySide6 takes a reference from None each time a Qt call returns a missing object as
None (wss_desktop/gui/__init__.py). The reflow asks every widget for its layout on its
later passes, so a session at 200% text could stop with "deallocating None" (it did, in
the reflow probe and in test_reflow_measure.py). Importing the GUI makes that harmless."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

import wss_desktop.gui  # noqa: F401 (keeps None alive)


def test_qt_calls_that_return_nothing_never_stop_python(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    start = sys.getrefcount(None)
    for _ in range(100_000):      # ten times what a session starts with
        widget.layout()
        widget.parentWidget()
    assert sys.getrefcount(None) > 0
    assert start - sys.getrefcount(None) <= 200_000
