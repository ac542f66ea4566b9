"""Keys on their way when the system asks the app to end (gui/ending.py).

The system's signal (logging out, shutting down) and the last keys pressed reach the app
by different roads: the signal through a socket, the keys through the window system.
The app ended as soon as the signal was read, and keys still on their way were lost: CI
once kept only "Pup" of "Pupils used word mats.", typed while the app was busy. Now the
app takes in the keys first: it ends once input has been quiet a moment (and within a
second and a half whatever happens). A second signal ends it at once."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from wss_desktop.gui import ending

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="needs POSIX signals")


def _type_later(field: QLineEdit, text: str, after_ms: int) -> None:
    """Key presses that reach the app `after_ms` after now, as keys still on their way do."""
    def post() -> None:
        for ch in text:
            QCoreApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
    QTimer.singleShot(after_ms, post)


@pytest.fixture
def field(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


def test_keys_on_their_way_are_taken_in_before_the_app_ends(qtbot, field):
    system = ending.SystemEnding()
    asked: list[tuple[str, str]] = []
    system.asked.connect(lambda name: asked.append((name, field.text())))
    try:
        _type_later(field, "Pupils used word mats.", 20)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    finally:
        system.close()
    assert asked == [("SIGTERM", "Pupils used word mats.")]


def test_typing_that_goes_on_does_not_stop_the_app_ending(qtbot, field):
    """Someone (or something) typing on and on: the app still ends, within MOST_MS."""
    system = ending.SystemEnding()
    asked: list[str] = []
    system.asked.connect(asked.append)
    typing = QTimer()
    typing.setInterval(10)
    typing.timeout.connect(lambda: QCoreApplication.postEvent(
        field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "a")))
    typing.start()
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(asked), timeout=ending.MOST_MS + 5000)
    finally:
        typing.stop()
        system.close()
    assert asked == ["SIGTERM"] and len(field.text()) > 5


def test_a_second_signal_ends_the_app_at_once(qtbot, field):
    system = ending.SystemEnding()
    asked: list[tuple[str, str]] = []
    system.asked.connect(lambda name: asked.append((name, field.text())))
    try:
        _type_later(field, "x" * 3, 10)
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: field.text() == "xxx", timeout=5000)    # still taking keys in
        assert asked == []
        os.kill(os.getpid(), signal.SIGINT)                             # Ctrl+C again: now
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        assert asked == [("SIGINT", "xxx")]
        qtbot.wait(3 * ending.QUIET_MS)
        assert asked == [("SIGINT", "xxx")]                             # once only
    finally:
        system.close()


def test_a_key_taken_in_that_opens_a_dialog_does_not_stop_the_app_ending(qtbot, field):
    """A key on its way opens a dialog with its own event loop (as Ctrl+Q may, asking about
    unsaved text): the looks go on in that loop, and the app is still asked to end there,
    where the window saves and ends the app as it does with any dialog open."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QApplication, QMessageBox

    opened: list[str] = []

    def ask_first() -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Not saved yet", "Close anyway?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, field)
        opened.append("opened")
        QTimer.singleShot(5000, box.close)           # (never left open, whatever happens)
        box.exec()                                   # its own event loop, until it is closed
        opened.append("closed")

    QShortcut(QKeySequence("Ctrl+Q"), field, ask_first)
    system = ending.SystemEnding()
    asked: list[tuple[str, list[str]]] = []

    def end(name: str) -> None:                      # what the window does: save, and end
        asked.append((name, list(opened)))
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()
    system.asked.connect(end)
    try:
        def press() -> None:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.postEvent(field, QKeyEvent(kind, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier))
        QTimer.singleShot(20, press)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: opened == ["opened", "closed"], timeout=5000)
    finally:
        system.close()
    assert asked == [("SIGTERM", ["opened"])]       # asked while the dialog was open
