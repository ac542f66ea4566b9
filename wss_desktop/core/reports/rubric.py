"""Rubric level descriptors in reports: what each rating looks like for a statement.

Kept in one place so the self-evaluation summary and the full report print them the
same way; a statement without descriptors prints nothing extra.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..frameworks import Framework, Statement
from .blocks import Context


def all_levels(ctx: Context, fw: Framework, s: Statement, marked: dict[str, list[str]]) -> list[Flowable]:
    """Every level's descriptor, lowest first; `marked` maps a level key to who chose
    it ("the school's rating"), said in words so the choice never rests on colour."""
    if not s.descriptors:
        return []
    out = [ctx.m("<b>What each level looks like:</b>", "statement_body")]
    for key, text in s.descriptors:
        who = marked.get(key)
        note = f" <i>({ctx.esc(', '.join(who))})</i>" if who else ""
        out.append(ctx.m(f"<b>{ctx.esc(fw.scale.label(key))}:</b> {ctx.esc(text)}{note}",
                         "statement_body"))
    return out


def chosen(ctx: Context, fw: Framework, s: Statement, ratings: list[tuple[str, str | None]]) -> list[Flowable]:
    """The descriptors of the levels actually chosen, e.g. the school's and the reviewer's."""
    out: list[Flowable] = []
    seen: dict[str, list[str]] = {}
    for who, key in ratings:
        if key and s.descriptor(key):
            seen.setdefault(key, []).append(who)
    for key, whose in seen.items():
        out.append(ctx.m(f"<b>{ctx.esc(fw.scale.label(key))} ({ctx.esc(' and '.join(whose))}) "
                         f"looks like:</b> {ctx.esc(s.descriptor(key))}", "statement_body"))
    return out

