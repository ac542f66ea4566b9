"""PDF reports, read back with pypdf as a reader of the PDF would see them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from wss_desktop.core import reports
from wss_desktop.core.demo import add_demo
from wss_desktop.core.errors import InputError, UserError
from wss_desktop.core.reports import Branding, ReportKind, ReportOptions
from wss_desktop.core.workspace import Workspace

_PAGE_LINE = re.compile(r"^Page \d+ of\s*$")


def norm(text: str) -> str:
    """Whitespace collapsed, and a line break after a hyphen undone."""
    return re.sub(r"-\s+(?=\w)", "-", " ".join(text.split()))


def body_text(path: Path) -> str:
    """The text of every page without the page furniture (watermark, header, footer),
    so that a paragraph running over a page break reads as one."""
    parts = []
    for page in PdfReader(path).pages:
        lines = page.extract_text().splitlines()
        cut = next((i for i, line in enumerate(lines) if _PAGE_LINE.match(line)), -1)
        parts.append("\n".join(lines[cut + 2:] if cut >= 0 else lines))
    return norm("\n".join(parts))


def all_text(path: Path) -> str:
    return norm("\n".join(p.extract_text() for p in PdfReader(path).pages))


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("data"))
    rid, _ = add_demo(ws)
    yield ws, rid
    ws.close()


@pytest.fixture(scope="module")
def demo_bundle(demo):
    ws, rid = demo
    return ws.bundle(rid)


@pytest.fixture(scope="module")
def full_pdf(demo_bundle, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "full.pdf"
    result = reports.render(demo_bundle, ReportOptions(kind=ReportKind.FULL), path)
    assert result.warnings == []
    assert result.pages == pages(path)
    return path


@pytest.fixture(scope="module")
def full_text(full_pdf):
    return body_text(full_pdf)


def test_full_report_holds_every_judgement(demo_bundle, full_text):
    b = demo_bundle
    assert b.judgements, "the demo review should have judgements"
    for sid, j in b.judgements.items():
        statement = b.framework.statement(sid)
        assert norm(f"{sid} {statement.text}") in full_text
        assert norm(j.strengths) in full_text, sid
        assert norm(j.consider) in full_text, sid
        assert b.framework.scale.label(j.rating) in full_text


def test_full_report_holds_every_action(demo_bundle, full_text):
    assert demo_bundle.actions
    for action in demo_bundle.actions:
        assert norm(action.title) in full_text
        assert norm(action.owner) in full_text
        assert norm(action.success_criteria) in full_text


def test_full_report_cites_every_linked_evidence_reference(demo_bundle, full_text):
    refs = demo_bundle.evidence_refs()
    # statements with no evidence are named once, before the findings
    note = re.search(r"(\d+) statements have no evidence linked yet \(([\d., ]+)\)", full_text)
    unlinked = set(note.group(2).split(", "))
    assert len(unlinked) == int(note.group(1))
    for sid in demo_bundle.judgements:
        cited = {refs[e.id] for e in demo_bundle.evidence_for_statement(sid)}
        if not cited:
            assert sid in unlinked
            continue
        assert sid not in unlinked
        start = full_text.index(norm(f"{sid} {demo_bundle.framework.statement(sid).text}"))
        line = re.compile(r"Evidence: ([A-Z]+\d+(?:, [A-Z]+\d+)*)").search(full_text, start)
        assert line, sid
        assert set(line.group(1).split(", ")) == cited, sid
    for ref in refs.values():  # the appendix lists each item under its reference
        assert f"{ref} " in full_text


def test_non_ascii_names_survive_text_extraction(full_text):
    for name in ("Siobhán Ó Dálaigh", "Zoë Łukasiewicz-Hart", "Tomasz Wróblewski"):
        assert name in full_text


def test_full_report_has_its_sections_learning_walk_and_chart_text(full_text):
    for heading in ("About this review", "The school and its data",
                    "Summary of strengths and areas for development", "Findings by area",
                    "Learning-walk summary", "Rooms visited", "Visits by focus area",
                    "Look-fors seen", "Action plan", "Appendix: the evidence"):
        assert heading in full_text
    assert "School's self-evaluation" in full_text  # chart legend
    assert "Wrens" in full_text and "Now-and-next boards in use" in full_text


def test_metadata_language_and_bookmarks(full_pdf, demo_bundle):
    reader = PdfReader(full_pdf)
    assert reader.metadata.title == "SEND review report: Hollinbrook Meadow Primary School"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    found = list(titles(reader.outline))
    for expected in ("About this review", "Findings by area", "Action plan",
                     "Appendix: the evidence", "Area 1: Outcomes for pupils with SEND"):
        assert expected in found
    assert any(t.startswith("3.2") for t in found)


def test_page_numbers(full_pdf):
    reader = PdfReader(full_pdf)
    n = len(reader.pages)
    assert f"Page 1 of {n}" in norm(reader.pages[0].extract_text())
    assert f"Page {n} of {n}" in norm(reader.pages[-1].extract_text())


def test_draft_has_watermark_and_checked_does_not(demo_bundle, full_pdf, tmp_path):
    def watermarked(path: Path) -> bool:  # the watermark is letter shapes, never text
        import pikepdf
        with pikepdf.open(path) as pdf:
            return b"/Watermark" in pdf.pages[0].Contents.read_bytes()

    draft = all_text(full_pdf)
    assert watermarked(full_pdf) and "DRAFT" not in draft.split()
    assert "Draft for checking" in draft
    checked = tmp_path / "checked.pdf"
    reports.render(demo_bundle, ReportOptions(checked=True, checked_by="Łukasz Nowak",
                                              checked_on="2026-10-19"), checked)
    text = all_text(checked)
    assert not watermarked(checked)
    assert "Draft for checking" not in text
    assert "Checked by Łukasz Nowak on 19 October 2026" in text


def test_summary_fits_two_pages(demo_bundle, tmp_path):
    path = tmp_path / "summary.pdf"
    result = reports.render(demo_bundle, ReportOptions(kind=ReportKind.SUMMARY), path)
    assert result.pages == pages(path) <= 2
    text = body_text(path)
    assert "The areas at a glance" in text and "Agreed actions" in text
    assert "Siobhán Ó Dálaigh" in text


def test_summary_shortens_long_edited_text_to_fit(demo_bundle, tmp_path):
    long = "\n".join(f"- Point {i}: " + "a long sentence about provision " * 20 for i in range(15))
    options = ReportOptions(kind=ReportKind.SUMMARY, paragraphs={
        "overview": "An overview that goes on. " * 300, "strengths": long, "development": long})
    path = tmp_path / "summary.pdf"
    result = reports.render(demo_bundle, options, path)
    assert pages(path) <= 2
    assert any("two pages" in w for w in result.warnings)


def test_summary_shortens_the_overview_to_whole_sentences_only(demo_bundle, tmp_path):
    said = [f"Sentence {i} says something whole about how pupils with SEND are supported."
            for i in range(80)]
    overview = " ".join(said[:40]) + "\n\n" + " ".join(said[40:])
    path = tmp_path / "summary.pdf"
    reports.render(demo_bundle, ReportOptions(kind=ReportKind.SUMMARY,
                                              paragraphs={"overview": overview}), path)
    text = body_text(path)
    kept = text[text.index("Sentence 0 "):text.index("The areas at a glance")].strip()
    assert "\u2026" not in kept and kept.endswith(".")
    pieces = re.split(r"(?<=\.)\s+", kept)
    assert pieces == said[:len(pieces)]  # whole sentences, from the start, none cut
    assert 3 <= len(pieces) < len(said)  # shortened to fit the two pages, not emptied


def test_edited_paragraphs_replace_the_drafted_ones(demo_bundle, tmp_path):
    path = tmp_path / "full.pdf"
    reports.render(demo_bundle, ReportOptions(
        sections=("summary",), paragraphs={"overview": "Our own overview, Zoë.\n\n- first point"}),
        path)
    text = body_text(path)
    assert "Our own overview, Zoë." in text and "first point" in text
    assert "Findings by area" not in text  # only the chosen section


@pytest.mark.parametrize("kind", list(ReportKind))
def test_each_kind_renders_the_demo(demo_bundle, tmp_path, kind):
    path = tmp_path / f"{kind.value}.pdf"
    result = reports.render(demo_bundle, ReportOptions(kind=kind), path)
    assert path.is_file() and result.pages == pages(path) >= 1
    assert "Hollinbrook Meadow Primary School" in all_text(path)


def test_follow_up_report_shows_progress_notes(demo_bundle, tmp_path):
    path = tmp_path / "follow.pdf"
    reports.render(demo_bundle, ReportOptions(kind=ReportKind.FOLLOW_UP), path)
    text = body_text(path)
    for action in demo_bundle.actions:
        for note in demo_bundle.notes_of(action.id):
            assert norm(note.text) in text


def test_self_evaluation_shows_the_school_view_only(demo_bundle, tmp_path):
    path = tmp_path / "se.pdf"
    reports.render(demo_bundle, ReportOptions(kind=ReportKind.SELF_EVALUATION), path)
    text = body_text(path)
    for sa in demo_bundle.self_assessments:
        assert norm(sa.comment) in text
    some_judgement = next(iter(demo_bundle.judgements.values()))
    assert norm(some_judgement.strengths) not in text


def test_large_print_uses_bigger_text(demo_bundle, tmp_path):
    normal, large = tmp_path / "n.pdf", tmp_path / "l.pdf"
    opts = dict(kind=ReportKind.SUMMARY)
    reports.render(demo_bundle, ReportOptions(**opts), normal)
    reports.render(demo_bundle, ReportOptions(large_print=True, **opts), large)

    def sizes(path: Path) -> set[float]:
        found: set[float] = set()
        page = PdfReader(path).pages[0]
        page.extract_text(visitor_text=lambda text, cm, tm, font, size:
                          found.add(round(size, 1)) if "This report sets out" in text else None)
        return found

    assert sizes(normal) == {11.0}
    assert sizes(large) == {16.0}


# --- awkward inputs ------------------------------------------------------------------

ODD = ("Zoë 😀🧑🏽‍🏫 said <b>not bold</b> <script>x</script> &amp; & < > \x07\x1b\u202e "
       "مرحبا بكم שלום " + "Supercalifragilistic" * 30 + " \U0010fffd end")


@pytest.fixture
def odd_review(tmp_path):
    ws = Workspace.open(tmp_path / "data")
    rid = ws.new_review("St <Odd> & Sons 😀 School", "send-review", scope=["1", "2"])
    ws.add_reviewer(rid, "Łukasz \u202eNowak", "Reviewer")
    ws.self_evaluate(rid, "1.1", rating="emerging", comment=ODD)
    ws.judge(rid, "1.1", rating="enhanced", strengths=ODD, consider=ODD * 3)
    ws.add_evidence(rid, "meeting", title=ODD, text=ODD, statements=["1.1"])
    ws.add_observation(rid, room="R<1>", look_fors=[ODD[:500]], pupil_voice=ODD,
                       statements=["1.1"])
    ws.add_action(rid, ODD[:400], success_criteria=ODD, statements=["1.1"])
    yield ws, rid
    ws.close()


@pytest.mark.parametrize("kind", list(ReportKind))
def test_odd_characters_give_a_clear_pdf(odd_review, tmp_path, kind):
    ws, rid = odd_review
    path = tmp_path / "odd.pdf"
    result = reports.render(ws.bundle(rid), ReportOptions(kind=kind), path)
    text = all_text(path)
    assert "St <Odd> & Sons" in text
    if kind is not ReportKind.FOLLOW_UP:
        assert "<b>not bold</b>" in text and "&amp; &" in text
    assert "\x07" not in text
    assert any("right-to-left" in w for w in result.warnings)


def test_odd_characters_large_print(odd_review, tmp_path):
    ws, rid = odd_review
    path = tmp_path / "odd.pdf"
    reports.render(ws.bundle(rid), ReportOptions(large_print=True), path)
    assert pages(path) > 1


def test_review_with_no_judgements_gives_a_clear_pdf(tmp_path):
    ws = Workspace.open(tmp_path / "data")
    rid = ws.new_review("Empty Lane Infants", "send-review")
    for kind in ReportKind:
        path = tmp_path / f"{kind.value}.pdf"
        reports.render(ws.bundle(rid), ReportOptions(kind=kind), path)
        assert pages(path) >= 1
    text = body_text(tmp_path / "full.pdf")
    assert "The reviewer has not yet written findings for this statement." in text
    assert "No actions have been agreed yet." in text
    ws.close()


@pytest.mark.parametrize("framework_id", ["send-reflection", "ta-deployment", "send-governance"])
def test_other_frameworks_render(tmp_path, framework_id):
    """No scale (reflection), two respondent groups (TA deployment), RAG (governance)."""
    ws = Workspace.open(tmp_path / "data")
    fw = ws.library.get(framework_id)
    rid = ws.new_review("Plain School", fw.id)
    first = fw.statements()[0].id
    for resp in fw.respondents:
        ws.self_evaluate(rid, first, respondent=resp.id, comment=f"View of {resp.label}.",
                         rating=fw.scale.levels[0].key if fw.scale.rated else None)
    ws.judge(rid, first, strengths="Clear routines.", consider="More pupil voice.",
             rating=fw.scale.levels[-1].key if fw.scale.rated else None)
    for kind in ReportKind:
        path = tmp_path / f"{kind.value}.pdf"
        reports.render(ws.bundle(rid), ReportOptions(kind=kind), path)
    assert "Clear routines." in body_text(tmp_path / "full.pdf")
    se = body_text(tmp_path / "self-evaluation.pdf")
    for resp in fw.respondents:
        assert f"View of {resp.label}." in se
    ws.close()


def test_missing_logo_still_gives_a_report(demo_bundle, tmp_path):
    path = tmp_path / "r.pdf"
    result = reports.render(demo_bundle, ReportOptions(
        kind=ReportKind.SUMMARY, branding=Branding(organisation="Northvale Inclusion Services",
                                                   logo_path=str(tmp_path / "gone.png"))), path)
    assert path.is_file()
    assert any("logo file" in w and "could not be found" in w for w in result.warnings)
    assert "Northvale Inclusion Services" in all_text(path)


def test_unreadable_logo_still_gives_a_report(demo_bundle, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_text("not a picture")
    result = reports.render(demo_bundle, ReportOptions(
        kind=ReportKind.SUMMARY, branding=Branding(logo_path=str(bad))), tmp_path / "r.pdf")
    assert any("could not be read" in w for w in result.warnings)


def test_png_and_svg_logos(demo_bundle, tmp_path):
    from PIL import Image
    png = tmp_path / "logo.png"
    Image.new("RGBA", (300, 120), (20, 80, 120, 255)).save(png)
    result = reports.render(demo_bundle, ReportOptions(
        kind=ReportKind.SUMMARY, branding=Branding(logo_path=str(png), accent="#7a2e8c",
                                                   footer="Brackenmoor Learning Trust")),
        tmp_path / "png.pdf")
    # The logo's row may push the summary's whole-sentence points into its shorter layout;
    # that note is expected, a note about the logo is not.
    assert [w for w in result.warnings if "summary fits on two pages" not in w] == []
    assert "Brackenmoor Learning Trust" in all_text(tmp_path / "png.pdf")
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80">'
                   '<rect width="200" height="80" fill="#1d4f73"/></svg>')
    result = reports.render(demo_bundle, ReportOptions(
        kind=ReportKind.SUMMARY, branding=Branding(logo_path=str(svg))), tmp_path / "svg.pdf")
    assert (tmp_path / "svg.pdf").is_file()
    assert all("svglib" in w or "summary fits on two pages" in w
               for w in result.warnings)  # none, or "install svglib"


def test_pale_accent_is_darkened_with_a_note(demo_bundle, tmp_path):
    result = reports.render(demo_bundle, ReportOptions(
        kind=ReportKind.SUMMARY, branding=Branding(accent="#ffee88")), tmp_path / "r.pdf")
    assert any("too pale" in w for w in result.warnings)


@pytest.mark.parametrize("options, words", [
    (ReportOptions(branding=Branding(accent="blue")), "accent colour"),
    (ReportOptions(kind="poster"), "not a kind of report"),
])
def test_bad_options_give_a_sentence(demo_bundle, tmp_path, options, words):
    with pytest.raises(InputError, match=words):
        reports.render(demo_bundle, options, tmp_path / "r.pdf")


def test_bad_destination_gives_a_sentence(demo_bundle, tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        reports.render(demo_bundle, ReportOptions(), tmp_path / "no" / "such" / "r.pdf")
    with pytest.raises(UserError, match="is a folder"):
        reports.render(demo_bundle, ReportOptions(), tmp_path)


def test_progress_and_cancel(demo_bundle, tmp_path):
    seen = []
    path = tmp_path / "r.pdf"
    reports.render(demo_bundle, ReportOptions(kind=ReportKind.FOLLOW_UP), path,
                   progress=lambda done, total, message: seen.append((done, total, message)))
    assert seen[-1][:2] == (1, 1)
    laid = [d for d, t, _ in seen if t > 1]
    assert laid == sorted(laid) and laid

    path.write_bytes(b"earlier report")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(reports.ReportCancelled):
        reports.render(demo_bundle, ReportOptions(), path, cancelled=cancelled)
    assert path.read_bytes() == b"earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_photos_are_downscaled_into_the_report(demo_bundle, tmp_path):
    from PIL import Image
    photo = tmp_path / "room.jpg"
    Image.new("RGB", (4000, 3000), (200, 180, 150)).save(photo, quality=90)
    path = tmp_path / "r.pdf"
    result = reports.render(demo_bundle, ReportOptions(
        sections=("photos",), photos=(reports.ReportPhoto(str(photo), "The Nest, set up for lunch club"),
                                      reports.ReportPhoto(str(tmp_path / "lost.jpg")))), path)
    assert "The Nest, set up for lunch club" in body_text(path)
    assert any("lost.jpg" in w for w in result.warnings)
    assert path.stat().st_size < 600_000


def test_default_paragraphs_cite_statements(demo_bundle):
    paras = reports.default_paragraphs(demo_bundle)
    assert set(paras) == set(reports.PARAGRAPHS)
    assert "Hollinbrook Meadow Primary School" in paras["overview"]
    assert re.search(r"\(\d\.\d\)", paras["strengths"])


def test_options_from_draft(tmp_path):
    draft = reports.ReportDraft(review_id="r", kind="summary", sections=["overview"],
                                overview="Mine", checked_by="Ann", checked_on="2026-10-20")
    profile = reports.BrandingProfile(id="p", name="Trust", organisation="Trust",
                                      logo_file="abc.png", accent="#123456")
    opts = reports.options_from_draft(draft, profile, branding_dir=tmp_path)
    assert opts.kind is ReportKind.SUMMARY and opts.checked and opts.sections == ("overview",)
    assert opts.paragraphs == {"overview": "Mine"}
    assert opts.branding.logo_path == str(tmp_path / "abc.png")
