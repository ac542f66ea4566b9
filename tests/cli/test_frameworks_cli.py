"""frameworks copy / template / import, with files made by the commands themselves."""

from __future__ import annotations

import docx
import pytest
from openpyxl import load_workbook

from wss_desktop.core.frameworks import load_file

LEVELS = ["Emerging", "Developing", "Established", "Enhanced"]

ROWS = [  # area, area title, number, statement, prompts, look-fors (then area summary, descriptors)
    ("1", "Leadership", "1.1", "Leaders know their pupils with SEND well.", "How do leaders know?\nWho else knows?", ""),
    ("", "", "1.2", "Governors ask about SEND outcomes.", "", "Minutes show questions about SEND"),
    ("2", "Teaching", "2.1", "Teachers adapt lessons for pupils with SEND.", "", ""),
    ("", "", "2.2", "Teaching assistants are well prepared.", "", ""),
]


def fill_details(sheet_rows, set_value):
    for i, row in enumerate(sheet_rows, 1):
        field = row[0]
        value = {"Id": "shire-send", "Name": "Shire SEND self review", "Audience": "Shire schools",
                 "Description": "The county's own review.", "Publisher": "Shire County Council"}.get(field)
        if value:
            set_value(i, value)


def descriptors(number: str) -> list[str]:
    return [f"{level} practice for {number}." for level in LEVELS]


def test_copy_writes_a_new_framework_into_the_users_folder(cli, data_dir):
    code, out, err = cli("frameworks", "copy", "send-review", "--id", "acme-send", "--name",
                         "Acme SEND review", "--publisher", "Acme Learning Trust")
    assert code == 0, err
    path = out.strip()
    fw = load_file(path)
    assert (fw.id, fw.name, fw.publisher) == ("acme-send", "Acme SEND review", "Acme Learning Trust")
    code, out, _ = cli("frameworks", "list")
    assert "acme-send" in out and "user" in out
    code, _, err = cli("frameworks", "copy", "send-review", "--id", "acme-send", "--name", "Again")
    assert code == 1 and "already a framework with the id 'acme-send'" in err
    code, _, err = cli("frameworks", "copy", "send-review", "--id", "Acme!", "--name", "x")
    assert code == 1 and "lower-case" in err


def test_a_filled_template_with_one_broken_row_gets_one_message_naming_the_row(cli, tmp_path):
    book = tmp_path / "shire.xlsx"
    code, _, err = cli("frameworks", "template", "-o", str(book))
    assert code == 0, err
    wb = load_workbook(book)
    details = wb["Framework"]
    fill_details([[c.value for c in r] for r in details.iter_rows()],
                 lambda i, v: details.cell(row=i, column=2, value=v))
    statements = wb["Statements"]
    assert [c.value for c in statements[1]][7:11] == LEVELS
    for i, row in enumerate(ROWS, 2):
        for j, value in enumerate(list(row) + [""] + descriptors(row[2]), 1):
            statements.cell(row=i, column=j).value = value or None
    statements.cell(row=4, column=4).value = None   # row 4 (statement 2.1) loses its text
    wb.save(book)

    out_file = tmp_path / "shire.toml"
    code, out, err = cli("frameworks", "import", str(book), "-o", str(out_file))
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith("- ")]
    assert problems == ["- Statements sheet, row 4: statement 2.1 has no text in the Statement column"]
    assert "nothing was written" in err
    assert not out_file.exists()

    wb = load_workbook(book)
    wb["Statements"].cell(row=4, column=4, value=ROWS[2][3])
    wb.save(book)
    code, out, err = cli("frameworks", "import", str(book), "-o", str(out_file))
    assert code == 0, err
    assert "2 areas, 4 statements, 4 with level descriptors" in out
    code, out, err = cli("frameworks", "check", str(out_file))
    assert code == 0 and "OK" in out
    fw = load_file(out_file)
    assert fw.statement("1.1").prompts == ("How do leaders know?", "Who else knows?")
    assert fw.statement("1.2").look_fors == ("Minutes show questions about SEND",)
    assert fw.statement("2.2").descriptor("enhanced") == "Enhanced practice for 2.2."
    assert fw.area("2").title == "Teaching"
    assert fw.scale.allow_na and [lv.label for lv in fw.scale.levels] == LEVELS


def test_a_word_table_in_the_same_shape_imports_too(cli, tmp_path):
    doc_path = tmp_path / "shire.docx"
    code, _, err = cli("frameworks", "template", "-o", str(doc_path))
    assert code == 0, err
    document = docx.Document(str(doc_path))
    details, _scale, statements = document.tables
    fill_details([[c.text for c in r.cells] for r in details.rows],
                 lambda i, v: setattr(details.rows[i - 1].cells[1], "text", v))
    for row in ROWS:
        cells = statements.add_row().cells
        for cell, value in zip(cells, list(row) + [""] + descriptors(row[2])):
            cell.text = value
    cells[3].text = "  "                  # the last row (table row 5) loses its text
    statements.rows[0].cells[10].text = "Excellent"   # and a heading that is not a level
    document.save(str(doc_path))
    out_file = tmp_path / "shire.toml"
    code, _, err = cli("frameworks", "import", str(doc_path), "-o", str(out_file))
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith("- ")]
    assert problems == [
        "- statements table (table 3), column K ('Excellent'): this heading is neither a statement "
        "column nor a level of the scale (levels: Emerging, Developing, Established, Enhanced)",
        "- statements table (table 3), row 5: statement 2.2 has no text in the Statement column"]
    document = docx.Document(str(doc_path))
    statements = document.tables[2]
    statements.rows[0].cells[10].text = "Enhanced"
    statements.rows[4].cells[3].text = ROWS[3][3]
    document.save(str(doc_path))
    code, out, err = cli("frameworks", "import", str(doc_path), "-o", str(out_file))
    assert code == 0, err
    assert load_file(out_file).statement("2.2").descriptor("developing") == "Developing practice for 2.2."


def test_a_template_from_a_framework_imports_back_to_the_same_framework(cli, tmp_path):
    book = tmp_path / "send.xlsx"
    assert cli("frameworks", "template", "--from", "send-review", "-o", str(book))[0] == 0
    out_file = tmp_path / "send.toml"
    code, _, err = cli("frameworks", "import", str(book), "-o", str(out_file))
    assert code == 0, err
    from wss_desktop.core.frameworks import Library
    assert load_file(out_file).content() == Library.load().get("send-review").content()


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", b"hello", "only .xlsx spreadsheets and .docx Word documents"),
    ("broken.xlsx", b"not a zip", "cannot be opened as a XLSX file"),
])
def test_files_that_are_not_spreadsheets_are_explained(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = cli("frameworks", "import", str(path), "-o", str(tmp_path / "x.toml"))
    assert code == 1 and message in err


def test_review_new_can_start_a_trust_wide_review(cli):
    import json
    code, out, err = cli("review", "new", "--school", "Greystone Learning Trust", "--framework", "mat-send",
                         "--member-school", "Brook Lane Primary", "--member-school", "Castle Hill Academy",
                         "--json")
    assert code == 0, err
    rid = json.loads(out)["id"]
    code, out, _ = cli("review", "show", rid, "--json")
    shown = json.loads(out)
    assert shown["subject"] == "trust"
    assert shown["member_schools"] == ["Brook Lane Primary", "Castle Hill Academy"]
    with pytest.raises(SystemExit) as exit_:
        cli("review", "new", "--school", "X", "--framework", "send-review", "--subject", "county")
    assert exit_.value.code == 2
