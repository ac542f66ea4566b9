"""The desktop GUI (PySide6)."""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """PySide6 (6.12, on CPython 3.11) hands back None for a missing object (a widget's
    layout when it has none, a top-level widget's parent, a spacer's widget) without
    counting the reference, so every such call takes one reference from None. A session
    starts with about 10,000; once they are used up Python stops ("deallocating None").
    CPython 3.12 and later never free None; here it is given a count no session can use
    up (the count is the object's first field)."""
    if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
        import ctypes
        count = ctypes.c_ssize_t.from_address(id(None))
        if count.value < 1 << 40:
            count.value += 1 << 40


_keep_none_alive()
