"""The window's session: one place that says what changed, for every screen.

The store describes each committed write (core/changes.py). The session hands those
descriptions on as a Qt signal, together with what the sync controller reports a
sync brought (a sync writes through a connection of its own, in another thread).
Screens subscribe and refresh only what concerns them: `load()` when shown,
`leave()` when left, `apply(changes)` when something changed while they are shown.
No screen reaches into another, and the sync controller never reloads a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.changes import Changes
from ..core.workspace import Workspace


class Session(QObject):
    changed = Signal(object)   # Changes

    def __init__(self, ws: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.ws = ws
        self._unsubscribe = ws.store.subscribe(self.publish)

    def publish(self, changes: Changes) -> None:
        """Tell every subscriber; called by the store at each commit of the window's
        workspace, and by the sync controller with what a sync brought."""
        if changes:
            self.changed.emit(changes)

    def close(self) -> None:
        self._unsubscribe()
