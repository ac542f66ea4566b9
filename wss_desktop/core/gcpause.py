"""Pausing Python's cycle collector around work that makes very many objects at once."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; it resumes afterwards, as it was.

    Building a long report or reading thousands of survey rows makes hundreds of
    thousands of objects that live until the work is done, and each full collection
    walks all of them again. Reference counting still frees everything else meanwhile.
    This is process-wide, so keep the block to the work itself."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
