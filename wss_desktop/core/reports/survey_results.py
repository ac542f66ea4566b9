"""What the surveys said, for the full report (filled in with the surveys)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .blocks import Context


def surveys_section(ctx: Context) -> list[Flowable]:
    return []
