"""Rendering one report to a PDF file: the one entry point every face (GUI, CLI) calls."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path
from typing import Callable

from reportlab.platypus import Flowable, NextPageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ..gcpause import gc_paused
from ..errors import UserError
from ..files import IF_IN_A_PDF_VIEWER, check_target, save_bytes
from ..model import ReviewBundle
from . import fonts, follow_up, full, self_evaluation, summary, tagging
from .blocks import (CONTENTS_MIN_PAGES, Context, PageCanvas, ReportCancelled, ReportDoc,
                     contents, make_styles, readable_accent)
from .fonts import MISSING_MARK
from .options import Cancelled, Progress, ReportKind, ReportOptions, ReportResult
from .text import Cleaner

_MODULES = {
    ReportKind.FULL: full,
    ReportKind.SUMMARY: summary,
    ReportKind.SELF_EVALUATION: self_evaluation,
    ReportKind.FOLLOW_UP: follow_up,
}


def render(bundle: ReviewBundle, options: ReportOptions, path: str | os.PathLike[str], *,
           progress: Progress | None = None, cancelled: Cancelled | None = None,
           what: str = "the report") -> ReportResult:
    """Write one report as a PDF at `path` and say how it went. `what` names it in a
    message about where it is saved ("the form" for a blank self-evaluation form).

    `progress(done, total, message)` is called often (from the calling thread, so a GUI
    runs this in a worker and forwards the calls); `total` is 0 while the size of the
    work is not yet known. When `cancelled()` returns True the work stops with
    ReportCancelled. The file appears only when complete: a cancelled or failed run
    leaves any earlier file at `path` untouched. Problems a user can fix raise UserError
    with a sentence saying what to do; problems that still allow a report (a missing
    logo, characters the font lacks) come back in `ReportResult.warnings`.
    """
    kind = options.checked_kind()
    options = dataclasses.replace(options, kind=kind, branding=options.branding.checked())
    target = Path(path)
    check_target(target, "report.pdf", what)
    data, pages, warnings = render_bytes(bundle, options, progress=progress, cancelled=cancelled)
    save_bytes(target, data, what, advice=IF_IN_A_PDF_VIEWER)
    return ReportResult(path=target, kind=kind, pages=pages, warnings=warnings)


def render_bytes(bundle: ReviewBundle, options: ReportOptions, *,
                 progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> tuple[bytes, int, list[str]]:
    """The PDF as bytes, its page count and warnings (see `render`)."""
    kind = options.checked_kind()
    options = dataclasses.replace(options, kind=kind, branding=options.branding.checked())
    report = _MODULES[kind]
    say = progress or (lambda done, total, message: None)
    stop = cancelled or (lambda: False)

    def note(message: str) -> None:
        if stop():
            raise ReportCancelled()
        say(0, 0, message)

    warnings: list[str] = []
    ctx = _context(bundle, options, warnings, note)
    note("Gathering the review")
    with gc_paused():
        try:
            with_cover = getattr(report, "COVER", True)
            if hasattr(report, "build"):
                data, pages = report.build(
                    ctx, lambda story: _build(ctx, story, report.TITLE, with_cover, say, stop))
            else:
                data, pages = _build(ctx, report.story(ctx), report.TITLE, with_cover, say, stop)
        except LayoutError:
            raise UserError("Part of the report is too large to fit on a page, even split up. "
                            "Shorten the longest texts (or turn off large print) and try "
                            "again.") from None
    warnings += _text_warnings(ctx)
    say(1, 1, "Done")
    return data, pages, list(dict.fromkeys(warnings))


def _context(bundle: ReviewBundle, options: ReportOptions, warnings: list[str],
             note: Callable[[str], None]) -> Context:
    covered = fonts.register()
    accent = readable_accent(options.branding.accent, warnings)
    return Context(bundle=bundle, options=options, kind=ReportKind(options.kind),
                   cleaner=Cleaner(covered), accent=accent,
                   styles=make_styles(accent, options.large_print),
                   today=options.today or dt.date.today(), warnings=warnings, progress=note)


def _build(ctx: Context, story: list[Flowable], title: str, with_cover: bool, say: Progress,
           stop: Cancelled) -> tuple[bytes, int]:
    total = len(story)
    shown = [0]

    def step(done: int) -> None:
        if stop():
            raise ReportCancelled()
        if done > shown[0]:  # a second layout pass does not move the bar back
            shown[0] = done
            say(done, total, "Laying out the pages")

    # A report with a cover gets a contents page when it runs over 8 pages. It is laid
    # out with one, and again without only if it turns out short (which is quick).
    for with_contents in (True, False) if with_cover else (False,):
        out = io.BytesIO()
        doc = ReportDoc(out, ctx, ctx.cleaner.plain(f"{title}: {ctx.bundle.review.school_name}"),
                        total, step, with_cover=with_cover)
        pages = list(story)
        _forget_postponed(pages)
        if with_contents:
            at = next(i for i, f in enumerate(pages) if isinstance(f, NextPageTemplate)) + 1
            entries, doc.contents_keys = contents(ctx, pages)
            pages[at:at] = entries
        try:
            doc.build(pages, canvasmaker=PageCanvas)
        finally:
            doc.tagger.release()
        if not with_contents or doc.page >= CONTENTS_MIN_PAGES:
            break
    data = tagging.finish(out.getvalue(), doc.tagger, title=doc.title, lang="en-GB",
                          author=doc.author, subject=doc.subject)
    pages_made = doc.page
    _let_go(doc)
    return data, pages_made


def _let_go(doc: ReportDoc) -> None:
    """Break the document's and canvas's references to each other once the file is
    made, so the whole layout goes at once without waiting for the cyclic garbage
    collector (which would walk every object of it)."""
    canv = doc.__dict__.pop("canv", None)
    if canv is not None:
        canv.__dict__.clear()
    doc.__dict__.clear()


def _forget_postponed(story: list[Flowable]) -> None:
    """Let a story be laid out again: reportlab marks a flowable it moved on to the next
    page as postponed, and refuses to move it a second time."""
    for f in story:
        f.__dict__.pop("_postponed", None)
        inner = getattr(f, "_content", None)
        if isinstance(inner, list):
            _forget_postponed(inner)


def _text_warnings(ctx: Context) -> list[str]:
    out = []
    if ctx.cleaner.missing:
        sample = "".join(sorted(ctx.cleaner.missing)[:8])
        out.append(f"Some characters ({sample}) are not in the report's font and are shown "
                   f"as {MISSING_MARK}.")
    if ctx.cleaner.rtl:
        out.append("Some text is in a right-to-left script (such as Arabic or Hebrew). The "
                   "report prints it letter by letter from left to right, so please check "
                   "it reads correctly.")
    return out

