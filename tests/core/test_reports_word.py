"""The Word copy of each report, read back with python-docx as Word would see it."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from wss_desktop.core import reports
from wss_desktop.core.demo import add_demo
from wss_desktop.core.errors import UserError
from wss_desktop.core.reports import Branding, ReportKind, ReportOptions
from wss_desktop.core.workspace import Workspace


def norm(text: str) -> str:
    return " ".join(text.split())


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return norm("\n".join(parts))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("data"))
    rid, _ = add_demo(ws)
    yield ws, rid
    ws.close()


@pytest.fixture(scope="module")
def full_docx(demo, tmp_path_factory):
    ws, rid = demo
    path = tmp_path_factory.mktemp("docx") / "full.docx"
    result = reports.render_docx(ws.bundle(rid), reports.options_for(ws, rid, "full"), path)
    assert result.path == path and result.warnings == []
    return Document(str(path))


def test_word_copy_holds_every_judgement_action_and_evidence_reference(demo, full_docx):
    ws, rid = demo
    b = ws.bundle(rid)
    text = all_text(full_docx)
    headings = {norm(p.text): p.style.name for p in full_docx.paragraphs
                if p.style.name.startswith("Heading")}
    for sid, j in b.judgements.items():
        statement = b.framework.statement(sid)
        assert headings[norm(f"{sid} {statement.text}")] == "Heading 3", sid
        assert norm(j.strengths) in text and norm(j.consider) in text, sid
        assert b.framework.scale.label(j.rating) in text
    for a in b.actions:
        assert norm(a.title) in text
    refs = b.evidence_refs()
    for e in b.evidence:
        assert f"{refs[e.id]} {norm(e.title)}".strip() in headings
    for sid in b.judgements:
        cited = sorted(refs[e.id] for e in b.evidence_for_statement(sid))
        for ref in cited:
            assert ref in text
    assert headings["Findings by area"] == "Heading 1"
    assert headings["Area 1: Outcomes for pupils with SEND"] == "Heading 2"


def test_word_copy_is_accessible_and_editable(full_docx):
    doc = full_docx
    # every table's first row repeats as a header row on each page
    assert doc.tables
    for table in doc.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
    # every picture (the charts) has alt text that states its ratings
    pictures = doc.inline_shapes
    assert len(pictures) >= 8
    for shape in pictures:
        alt = shape._inline.docPr.get("descr")
        assert alt and "Reviewer's judgement:" in alt and "School's self-evaluation:" in alt
    assert "1.1: School's self-evaluation: Developing; Reviewer's judgement: Developing" in \
        pictures[0]._inline.docPr.get("descr")
    assert doc.core_properties.language == "en-GB"
    assert "Hollinbrook Meadow Primary School" in doc.core_properties.title
    assert "Draft for checking" in doc.sections[0].header.paragraphs[0].text


def test_word_copy_carries_the_branding(demo, tmp_path):
    from PIL import Image
    ws, rid = demo
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (20, 80, 120)).save(logo)
    options = ReportOptions(kind=ReportKind.SUMMARY, branding=Branding(
        organisation="Brackenmoor Learning Trust", logo_path=str(logo), accent="#7a2e8c",
        footer="Brackenmoor Learning Trust, registered charity 123"))
    path = tmp_path / "summary.docx"
    reports.render_docx(ws.bundle(rid), options, path)
    doc = Document(str(path))
    assert "Brackenmoor Learning Trust" in all_text(doc)
    assert str(doc.styles["Heading 1"].font.color.rgb) == "7A2E8C"
    assert "registered charity 123" in doc.sections[0].footer.paragraphs[0].text
    assert doc.inline_shapes[0]._inline.docPr.get("descr") == "Logo of Brackenmoor Learning Trust"
    # the summary lists actions by priority, as the PDF does
    first_action = doc.tables[-1].rows[1].cells[1].text
    ranked = reports.content.summary_actions(ws.bundle(rid))
    assert first_action == ranked[0][1].title


@pytest.mark.parametrize("kind", list(ReportKind))
def test_each_kind_has_a_word_copy(demo, tmp_path, kind):
    ws, rid = demo
    path = tmp_path / f"{kind.value}.docx"
    reports.render_docx(ws.bundle(rid), reports.options_for(ws, rid, kind.value), path)
    doc = Document(str(path))
    assert "Hollinbrook Meadow Primary School" in all_text(doc)
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)


def test_cancelled_word_copy_writes_nothing(demo, tmp_path):
    ws, rid = demo
    path = tmp_path / "stopped.docx"
    with pytest.raises(reports.ReportCancelled):
        reports.render_docx(ws.bundle(rid), ReportOptions(), path, cancelled=lambda: True)
    assert not path.exists()
    with pytest.raises(UserError, match="does not exist"):
        reports.render_docx(ws.bundle(rid), ReportOptions(), tmp_path / "nowhere" / "r.docx")


def test_photos_carry_their_captions_as_alt_text(demo, tmp_path):
    from PIL import Image
    ws, rid = demo
    photo = tmp_path / "display.jpg"
    Image.new("RGB", (4000, 3000), (200, 160, 90)).save(photo)
    options = ReportOptions(kind=ReportKind.FULL, large_print=True, sections=("photos",),
                            photos=(reports.ReportPhoto(str(photo), "LW3 · Word mat on every table"),))
    path = tmp_path / "photos.docx"
    reports.render_docx(ws.bundle(rid), options, path)
    doc = Document(str(path))
    (shape,) = doc.inline_shapes
    assert shape._inline.docPr.get("descr") == "Photograph: LW3 · Word mat on every table"
    assert doc.styles["Normal"].font.size.pt == 16   # large print in Word too
    assert path.stat().st_size < 1_500_000           # the photo was made smaller first
