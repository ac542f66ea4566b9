"""The large-print editions: the same content as the normal ones at 16 pt or more
everywhere, reflowed rather than cut, with no word broken across lines."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from report_pdfs import EDITIONS, demo_reports, edition_id, header_says, poppler

from wss_desktop.core.reports import ReportKind
from wss_desktop.core.reports import content as c
from wss_desktop.core.reports.text import uk_date
from wss_desktop.core.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("data"))
    yield demo_reports(ws, tmp_path_factory.mktemp("pdf"))
    ws.close()


def words(path) -> set[str]:
    text = poppler("pdftotext", str(path), "-")
    return {w.strip(".,;:()\u2019'\u201c\u201d\u2026") for w in text.split()}


def flat(path) -> str:
    """The text in drawing order (each table cell whole), whitespace collapsed."""
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    return re.sub(r"-\s+(?=\w)", "-", " ".join(text.split()))


def bullets(text: str) -> list[str]:
    return [" ".join(line.strip()[2:].split()) for line in text.splitlines()
            if line.strip()[:2] in ("- ", "* ")]


def test_large_print_summary_keeps_every_strength_area_and_action(demo):
    b = demo.bundle
    normal = flat(demo.pdf(ReportKind.SUMMARY))
    large = flat(demo.pdf(ReportKind.SUMMARY, large=True))
    paras = c.paragraphs(b, {})
    strengths, development = bullets(paras["strengths"]), bullets(paras["development"])
    assert len(strengths) >= 6 and len(development) >= 6
    for point in strengths + development:
        assert point in large, point
    found = words(demo.pdf(ReportKind.SUMMARY, large=True))
    for area in c.areas_in_scope(b):
        assert {w.strip(",") for w in area.title.split()} <= found, area.title
    for _, action in c.numbered_actions(b):
        assert " ".join(action.title.split()) in large, action.title
    overview = " ".join(paras["overview"].split())
    assert overview in large  # whole, not cut mid-sentence
    # everything the normal summary shows is there too: its text, word by word
    assert words(demo.pdf(ReportKind.SUMMARY)) - words(demo.pdf(ReportKind.SUMMARY, large=True)) \
        <= {"A", "further", "actions", "are", "in", "the", "full", "report's", "action", "plan",
            "\u2026"} | {w for w in normal.split() if w.endswith("\u2026")}


@pytest.mark.parametrize("edition", [e for e in EDITIONS if e[1]], ids=edition_id)
def test_no_word_is_broken_and_nothing_is_under_16_pt(demo, edition):
    b = demo.bundle
    path = demo.pdf(*edition)
    found = words(path)
    expected: set[str] = set()
    for _ref, a in c.numbered_actions(b):
        expected |= set(f"{a.title} {a.owner} {uk_date(a.due, '')}".split())
    if edition[0] == ReportKind.FULL:  # the ratings given, as the findings print them
        for j in b.judgements.values():
            expected |= set(b.framework.scale.label(j.rating).split())
    if edition[0] != ReportKind.FOLLOW_UP:
        for area in c.areas_in_scope(b):
            expected |= set(area.title.split())
    if edition[0] in (ReportKind.FOLLOW_UP, ReportKind.SUMMARY, ReportKind.FULL):
        broken = {w.strip(".,;:()\u2019'") for w in expected} - found
        assert not broken, broken
    sizes: set[float] = set()
    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size:
                          sizes.add(round(size * (cm[3] if cm[3] else 1), 1)) if text.strip() else None)
    assert sizes and min(sizes) >= 16.0, sorted(sizes)


@pytest.mark.parametrize("kind", [k for k in ReportKind if k != ReportKind.SUMMARY])
def test_large_print_cover_fits_its_page(demo, kind):
    path = demo.pdf(kind, large=True)
    second = poppler("pdftotext", "-f", "2", "-l", "2", str(path), "-")
    first = poppler("pdftotext", "-f", "1", "-l", "1", str(path), "-")
    assert "initials or codes only" in " ".join(first.split()) or "not a judgement" in \
        " ".join(first.split())
    assert "Contents" in second or kind == ReportKind.FOLLOW_UP and "Progress" in second


# Too long for one line of 16 pt beside the report's kind and status, not for two.
LONG_NAME = "Saint Bartholomew-of-the-Marshes Church of England Primary School and Nursery"


def header_runs(path) -> list[list[tuple[str, float, float, float]]]:
    """Per page after the first, the running header's text runs as pypdf extracts them:
    (text, x, baseline, size), for text above the body frame."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from wss_desktop.core.reports import fonts
    from wss_desktop.core.reports.blocks import MARGIN_TOP, PAGE_H, PAGE_W
    out = []
    for page in PdfReader(path).pages[1:]:
        assert float(page.mediabox.width) == pytest.approx(PAGE_W)
        runs: list[tuple[str, float, float, float]] = []

        def seen(text, cm, tm, font, size, runs=runs):
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            if text.strip() and y > PAGE_H - MARGIN_TOP:
                width = stringWidth(text, fonts.REGULAR, size)
                assert 0 <= x and x + width <= PAGE_W + 0.5 and y + size <= PAGE_H, text
                runs.append((text.strip(), x, y, size))
        page.extract_text(visitor_text=seen)
        out.append(runs)
    return out


@pytest.mark.parametrize("kind, school", [(ReportKind.SUMMARY, "demo"), (ReportKind.FULL, "demo"),
                                          (ReportKind.SUMMARY, LONG_NAME)])
def test_large_print_running_header_is_whole_and_on_the_page(demo, tmp_path, kind, school):
    import dataclasses

    from wss_desktop.core import reports
    b = demo.bundle
    if school == "demo":
        path = demo.pdf(kind, large=True)
        school = b.review.school_name
    else:
        b = dataclasses.replace(b, review=dataclasses.replace(b.review, school_name=school))
        path = tmp_path / "long.pdf"
        reports.render(b, demo.options(kind, True), path)
    headers = header_runs(path)
    assert headers
    for runs in headers:
        said = " ".join(" ".join(text for text, *_ in runs).split())
        assert header_says(said) == (f"{school} {c.SHORT_KIND[kind]}", "Draft"), said
        assert min(size for *_, size in runs) >= 16.0
