"""Pages that look finished: measured from the PDF, page by page.

- no page is under a third full, except the last page of a section (or of the report);
- no page holds a lone line (fewer than three lines that do not start a section);
- no page ends with a heading whose text is overleaf;
- the action plan is compact: many actions to a page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pikepdf
import pytest
from pypdf import PdfReader
from report_pdfs import Rendered, demo_reports, edition_id, large_reports, poppler

from wss_desktop.core.reports import ReportKind
from wss_desktop.core.reports.blocks import MARGIN_BOTTOM, MARGIN_TOP, PAGE_H
from wss_desktop.core.workspace import Workspace

FRAME_TOP, FRAME_BOTTOM = MARGIN_TOP, PAGE_H - MARGIN_BOTTOM  # from the top of the page
EDITIONS = [(k, large) for k in (ReportKind.FULL, ReportKind.SELF_EVALUATION,
                                  ReportKind.FOLLOW_UP) for large in (False, True)]


@dataclass
class Page:
    number: int
    lines: list[tuple[float, str]]  # (bottom, text) of each line of the body, top down
    last_role: str                   # the structure role of the last thing on the page

    @property
    def fill(self) -> float:
        if not self.lines:
            return 0.0
        return (max(b for b, _ in self.lines) - FRAME_TOP) / (FRAME_BOTTOM - FRAME_TOP)


def measure(path) -> list[Page]:
    xml = poppler("pdftotext", "-bbox-layout", str(path), "-")
    xml = re.sub(r'\sxmlns="[^"]+"', "", xml, count=1)
    roles = last_roles(path)
    pages = []
    for n, page in enumerate(ET.fromstring(xml).iter("page")):
        lines = []
        for line in page.iter("line"):
            top, bottom = float(line.get("yMin")), float(line.get("yMax"))
            text = " ".join(w.text or "" for w in line.iter("word"))
            if re.fullmatch(r"[DRAFT ]+", text):
                continue  # letters of a watermark drawn as text, which is not content
            if top >= FRAME_TOP - 2 and bottom <= FRAME_BOTTOM + 2:
                lines.append((bottom, text))
        pages.append(Page(n + 1, sorted(lines), roles[n]))
    return pages


def last_roles(path) -> list[str]:
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            tags = [str(operands[0]) for operands, op in pikepdf.parse_content_stream(page)
                    if str(op) == "BDC" and str(operands[0]) != "/Artifact"]
            out.append(tags[-1] if tags else "")
    return out


def section_starts(path) -> set[int]:
    """Pages on which a section (a top-level bookmark) begins."""
    reader = PdfReader(path)
    return {reader.get_destination_page_number(item) + 1 for item in reader.outline
            if not isinstance(item, list)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("data"))
    yield demo_reports(ws, tmp_path_factory.mktemp("pdf"))
    ws.close()


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    ws, rendered = large_reports(tmp_path_factory.mktemp("large"), tmp_path_factory.mktemp("pdf"))
    yield rendered
    ws.close()


def check_pages(rendered: Rendered, kind: ReportKind, large_print: bool) -> list[str]:
    path = rendered.pdf(kind, large_print)
    pages = measure(path)
    starts = section_starts(path)
    problems = []
    for page in pages[1:]:  # not the cover
        last_of_section = page.number + 1 in starts or page.number == len(pages)
        if page.fill < 1 / 3 and not last_of_section:
            problems.append(f"page {page.number} is {page.fill:.0%} full")
        if len(page.lines) < 3 and page.number not in starts:
            problems.append(f"page {page.number} holds only {page.lines}")
        if re.fullmatch(r"/H\d", page.last_role) and page.number != len(pages):
            problems.append(f"page {page.number} ends with a heading ({page.lines[-1][1]})")
    return problems


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_demo_pages_are_filled_without_lone_lines_or_headings(demo, edition):
    assert check_pages(demo, *edition) == []


@pytest.mark.parametrize("edition", [(ReportKind.FULL, False), (ReportKind.SELF_EVALUATION, False),
                                     (ReportKind.FOLLOW_UP, False)], ids=edition_id)
def test_large_review_pages_are_filled_without_lone_lines_or_headings(large, edition):
    assert check_pages(large, *edition) == []


def test_action_plan_is_compact(large):
    path = large.pdf(ReportKind.FULL)
    reader = PdfReader(path)
    titles = [item for item in reader.outline if not isinstance(item, list)]
    plan = next(i for i, item in enumerate(titles) if "action plan" in item.title.lower())
    first = reader.get_destination_page_number(titles[plan]) + 1
    last = reader.get_destination_page_number(titles[plan + 1])
    actions = len(large.bundle.actions)
    # every action twice (at a glance and in the plan), at least five actions a page
    assert actions >= 40 and (last - first + 1) <= 2 * actions / 5
