"""Tagged, accessible PDFs (PDF/UA-1 as the target), read back as assistive technology
and the PDF/UA checker would: every report kind and its large-print edition, of the
demo review and of a large generated one.

The checker is the `pdfua` package, pinned to 0.1.3 (pyproject's test extra). Under
pikepdf 10 its empty-heading rule UA-14-001 raises on a structure element whose /K is
an array (and the checker then reports the rule as skipped, not failed). The reports
write an element's only child bare, so every heading's /K is a single MCID and the
rule runs; `test_pdfua_finds_no_errors` fails if any rule is skipped, so a report that
brought the crash back would not pass unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from report_pdfs import EDITIONS, Rendered, demo_reports, edition_id, large_reports, poppler

from wss_desktop.core.reports import ReportKind
from wss_desktop.core.workspace import Workspace


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


@pytest.fixture(scope="module", params=["demo", "large"])
def review(request) -> Rendered:
    return request.getfixturevalue(request.param)


def struct_text(path: Path) -> str:
    return poppler("pdfinfo", "-struct-text", str(path))


def struct_elements(path: Path) -> list[tuple[str, str]]:
    """(role, alt text) of every structure element, in tree order."""
    found = []

    def walk(elem):
        if elem.get("/Type") == "/StructElem":
            found.append((str(elem.S), str(elem.get("/Alt", ""))))
        kids = elem.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") in ("/StructElem", None):
                walk(kid)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return found


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_pdfua_finds_no_errors(review, edition):
    from pdfua import Severity, validate

    report = validate(str(review.pdf(*edition)))
    skipped = [(o.rule_id, o.skipped_reason) for o in report.outcomes if o.skipped_reason]
    assert skipped == []
    findings = [(f.rule_id, f.message) for f in report.findings
                if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert findings == []


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_tagged_with_only_embedded_fonts(review, edition):
    path = review.pdf(*edition)
    info = poppler("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Metadata Stream:\s+yes$", info, re.M)
    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    assert fonts, "the report should use its own font"
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "Helvetica" not in name


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_reading_order_has_the_content_and_no_page_furniture(review, edition):
    kind, large = edition
    path = review.pdf(*edition)
    text = struct_text(path)
    school = review.bundle.review.school_name
    # headings come in the order of the bookmarks, which follow the pages
    headings = [m.group(1) for m in re.finditer(r'^\s+H\d \(block\)\n\s+"(.*)"$', text, re.M)]
    outline = []

    def titles(items):
        for item in items:
            if isinstance(item, list):
                titles(item)
            else:
                outline.append(item.title)

    titles(PdfReader(path).outline)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 (poppler drops spaces at line ends)
    headings = [squash(h) for h in headings]
    positions = [headings.index(squash(t)) for t in outline if squash(t) in headings]
    assert len(positions) >= len(outline) - 1  # all but the cover's entry, which is no heading
    assert positions == sorted(positions)
    assert re.search(r"^\s+Table \(block\)$", text, re.M)
    assert re.search(r"^\s+TH:?$", text, re.M)
    if kind in (ReportKind.FULL, ReportKind.SELF_EVALUATION):
        assert re.search(r"^\s+Figure:?$", text, re.M)
    # nothing of the header, footer or watermark
    assert not re.search(r"Page \d+ of", text)
    assert f"{school} \u00b7" not in text
    assert "Made with WSS Review Desktop" not in text
    assert "DRAFT" not in text
    if kind != ReportKind.SUMMARY:
        assert "Draft for checking\"" not in text  # the header's status


def test_watermark_is_not_text(demo):
    path = demo.pdf(ReportKind.FULL)
    text = poppler("pdftotext", str(path), "-")
    assert not re.search(r"\bD\s*R\s*A\s*F\s*T\b", text)


@pytest.mark.parametrize("kind", [ReportKind.FULL, ReportKind.SELF_EVALUATION])
def test_every_chart_says_its_ratings_in_its_alt_text(demo, kind):
    b = demo.bundle
    scale = b.framework.scale
    figures = [alt for role, alt in struct_elements(demo.pdf(kind)) if role == "/Figure"]
    assert figures and all(figures)
    if kind == ReportKind.FULL:
        charts = [f for f in figures if f.startswith("Bar chart")]
        area = b.framework.areas[0]
        alt = next(f for f in charts if f"{area.statements[0].id}," in f)
        for s in area.statements:
            j = b.judgements.get(s.id)
            if j and scale.position(j.rating) is not None:
                said = re.search(rf"{re.escape(s.id)}, [^;]*", alt).group(0)
                assert f"reviewer's judgement: {scale.label(j.rating).lower()}" in said.lower()


def test_photos_are_figures_with_their_captions(large):
    alts = [alt for role, alt in struct_elements(large.pdf(ReportKind.FULL)) if role == "/Figure"]
    for photo in large.photos:
        assert f"Photograph: {photo.caption}" in alts


@pytest.mark.parametrize("edition", [(ReportKind.FULL, False), (ReportKind.FULL, True),
                                     (ReportKind.FOLLOW_UP, False)], ids=edition_id)
def test_every_reference_links_to_its_entry(demo, edition):
    b = demo.bundle
    path = demo.pdf(*edition)
    reader = PdfReader(path)
    page_of = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    links: dict[str, set[int]] = {}
    annots = 0
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                assert "/StructParent" in annot
                annots += 1
                said = str(annot.Contents)
                target = page_of[annot.Dest[0].objgen[0]]
                links.setdefault(said, set()).add(target)
    if edition[0] == ReportKind.FULL:
        refs = b.evidence_refs()
        cited = {refs[e.id] for sid in b.judgements for e in b.evidence_for_statement(sid)}
        assert cited
        for ref in cited:
            (target,) = links[f"Go to evidence {ref}"]
            assert re.search(rf"\b{ref}\b", reader.pages[target].extract_text())
    from wss_desktop.core.reports import content as c
    numbered = c.numbered_actions(b)
    linked_actions = {ref for ref, a in numbered if c.linked_statements(b, a.id)}
    expected = {ref for ref, _ in numbered} if edition[0] == ReportKind.FOLLOW_UP else linked_actions
    for ref in expected:
        (target,) = links[f"Go to action {ref}"]
        assert re.search(rf"\b{ref}\b", reader.pages[target].extract_text())
    # each link is tagged inside the paragraph or table cell it is drawn in
    parents = []
    with pikepdf.open(path) as pdf:
        def walk(elem):
            kids = elem.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    if kid.S == "/Link":
                        parents.append(str(elem.S))
                    walk(kid)
        walk(pdf.Root.StructTreeRoot)
    assert len(parents) == annots
    assert set(parents) <= {"/P", "/TD", "/TH", "/LBody", "/TOCI"}, set(parents)


@pytest.mark.parametrize("edition", EDITIONS, ids=edition_id)
def test_language_title_and_pdfua_identifier(demo, edition):
    path = demo.pdf(*edition)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert bool(pdf.Root.MarkInfo.Marked)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert demo.bundle.review.school_name in meta.get("dc:title")


@pytest.mark.parametrize("edition", [(ReportKind.FULL, False), (ReportKind.FULL, True),
                                     (ReportKind.SELF_EVALUATION, False)], ids=edition_id)
def test_long_reports_open_with_contents_giving_true_page_numbers(review, edition):
    path = review.pdf(*edition)
    reader = PdfReader(path)
    assert len(reader.pages) > 8
    sections = [(item.title, reader.get_destination_page_number(item) + 1)
                for item in reader.outline if not isinstance(item, list)]
    titles = [t for t, _ in sections]
    at = titles.index("Contents")
    first, last = sections[at][1], sections[at + 1][1] - 1
    contents = poppler("pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-")
    lines = [" ".join(line.split()) for line in contents.splitlines()]
    for title, page in sections[at + 1:]:
        assert any(line.endswith(f" {page}") and line.startswith(" ".join(title.split()[:3]))
                   for line in lines), (title, page)
    roles = [role for role, _ in struct_elements(path)]
    assert "/TOC" in roles and roles.count("/TOCI") >= len(sections) - 1


def test_short_reports_have_no_contents(demo):
    path = demo.pdf(ReportKind.FOLLOW_UP)
    reader = PdfReader(path)
    assert len(reader.pages) <= 8
    assert "Contents" not in [item.title for item in reader.outline if not isinstance(item, list)]


def test_tagging_appends_to_reportlabs_file_and_it_reads_cleanly(demo, monkeypatch, tmp_path):
    """The structure tree is added as an incremental update: reportlab's file is kept
    byte for byte (not parsed in full and written again), and the result has no
    syntax problems for qpdf, pypdf or poppler."""
    from wss_desktop.core import reports
    from wss_desktop.core.reports import tagging
    seen: dict[str, bytes] = {}
    finish = tagging.finish

    def kept(data: bytes, *args, **kw) -> bytes:
        seen["reportlab"] = data
        seen["tagged"] = finish(data, *args, **kw)
        return seen["tagged"]
    monkeypatch.setattr(tagging, "finish", kept)
    path = tmp_path / "summary.pdf"
    reports.render(demo.bundle, demo.options(ReportKind.SUMMARY, False), path)
    assert seen["tagged"].startswith(seen["reportlab"]) and path.read_bytes() == seen["tagged"]
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == [] and not pdf.get_warnings()
        assert pdf.Root.StructTreeRoot.ParentTreeNextKey >= len(pdf.pages)
    reader = PdfReader(path, strict=True)
    assert len(reader.pages) == 2
    assert re.search(r"Tagged:\s+yes", poppler("pdfinfo", str(path)))
