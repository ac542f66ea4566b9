import pytest
from pypdf import PdfReader

from wss_desktop.cli import main
from wss_desktop.core.demo import DEMO_ID


def test_report_command_makes_each_kind(cli, tmp_path):
    cli("demo")
    for kind in ("full", "summary", "self-evaluation", "follow-up"):
        target = tmp_path / f"{kind}.pdf"
        code, out, _ = cli("report", DEMO_ID, "-o", str(target), "--kind", kind)
        assert code == 0 and "DRAFT watermark" in out
        text = "".join(page.extract_text() for page in PdfReader(target).pages)
        assert "Hollinbrook Meadow Primary School" in text
    assert len(PdfReader(tmp_path / "summary.pdf").pages) <= 2


def test_report_check_and_bad_usage(cli, tmp_path):
    cli("demo")
    code, out, err = cli("report", DEMO_ID, "--check")
    assert code == 0 and out.strip() and "to look at" in err
    code, _, err = cli("report", DEMO_ID)
    assert code == 1 and "-o FILE.pdf" in err
    code, _, err = cli("report", DEMO_ID, "-o", str(tmp_path / "missing-folder" / "r.pdf"))
    assert code == 1 and err.startswith("wss-desktop: ") and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exit_:
        main(["report", DEMO_ID, "--kind", "novel"])
    assert exit_.value.code == 2


def test_report_command_makes_a_word_copy_by_extension(cli, tmp_path):
    from docx import Document
    cli("demo")
    target = tmp_path / "full.docx"
    code, out, _ = cli("report", DEMO_ID, "-o", str(target))
    assert code == 0 and "Word copy" in out, out
    doc = Document(str(target))
    assert any(p.style.name == "Heading 1" and p.text == "Findings by area" for p in doc.paragraphs)
    code, out, _ = cli("report", DEMO_ID, "-o", str(tmp_path / "summary.DOCX"), "--kind", "summary")
    assert code == 0 and (tmp_path / "summary.DOCX").read_bytes()[:2] == b"PK"
    code, _, err = cli("report", DEMO_ID, "-o", str(tmp_path / "report.txt"))
    assert code == 1 and ".pdf or .docx" in err
