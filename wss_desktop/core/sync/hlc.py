"""Hybrid logical clock: timestamps that order edits across devices.

A timestamp is wall-clock milliseconds plus a counter, written as fixed-width text
so that comparing the strings compares the times. It never goes backwards on one
device, and after seeing another device's timestamp it moves past it, so an edit
made after receiving a change always sorts after that change, however far apart
the two machines' clocks are.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

_MAX_COUNTER = 99_999
# A stamp further ahead of this computer's clock than this is never followed: one bad
# stamp must not drag the clock out of its fixed width (sync holds such changes back).
AHEAD_MS = 24 * 3600 * 1000


def encode(millis: int, counter: int) -> str:
    return f"{millis:015d}.{counter:05d}"


def decode(stamp: str) -> tuple[int, int]:
    millis, _, counter = stamp.partition(".")
    if not (len(millis) == 15 and millis.isdigit() and len(counter) == 5 and counter.isdigit()):
        raise ValueError(f"not a clock timestamp: {stamp!r}")
    return int(millis), int(counter)


class HybridClock:
    def __init__(self, last: str | None = None,
                 wall: Callable[[], float] = time.time):
        self._wall = wall
        self._lock = threading.Lock()
        self._millis, self._counter = decode(last) if last else (0, 0)
        if self._millis > self._now() + AHEAD_MS:
            # Dragged far ahead by a bad stamp before that was refused: start from now.
            self._millis, self._counter = 0, 0

    def _now(self) -> int:
        return int(self._wall() * 1000)

    def _advance(self, seen_millis: int, seen_counter: int) -> str:
        now = int(self._wall() * 1000)
        top = max(now, self._millis, seen_millis)
        if top == self._millis == seen_millis:
            counter = max(self._counter, seen_counter) + 1
        elif top == self._millis:
            counter = self._counter + 1
        elif top == seen_millis:
            counter = seen_counter + 1
        else:
            counter = 0
        if counter > _MAX_COUNTER:
            top, counter = top + 1, 0
        self._millis, self._counter = top, counter
        return encode(top, counter)

    def tick(self) -> str:
        """A new timestamp for a local edit."""
        with self._lock:
            return self._advance(0, 0)

    def observe(self, remote: str) -> str:
        """Move past a timestamp received from another device (not past one more than a
        day ahead of this computer's clock)."""
        millis, counter = decode(remote)
        with self._lock:
            if millis > self._now() + AHEAD_MS:
                return self._advance(0, 0)
            return self._advance(millis, counter)

    def wall(self) -> float:
        """This computer's wall-clock time as the clock reads it (seconds)."""
        return self._wall()

    def last(self) -> str:
        return encode(self._millis, self._counter)
