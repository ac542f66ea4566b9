"""Shared by the many-voices tests: fictional answer sheets and reading a PDF back."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from openpyxl import load_workbook

from pypdf import PdfReader

_PAGE_LINE = re.compile(r"^Page \d+ of\s*$")


def ta_sheets(fw, seed: int = 15) -> tuple[list[dict], list[dict]]:
    """12 teachers' and 15 TAs' answers: teachers rate every statement higher than TAs,
    by an amount that differs per statement (statement 2.3 is made the widest)."""
    rnd = random.Random(seed)
    ids = [s.id for s in fw.statements()]
    lean = {sid: 1 + (i % 4) for i, sid in enumerate(ids)}
    lean["2.3"] = 6
    teachers = [{sid: str(min(10, max(1, 4 + lean[sid] + rnd.randint(-1, 1)))) for sid in ids}
                for _ in range(12)]
    tas = [{sid: str(min(10, max(1, 4 + rnd.randint(-1, 1)))) for sid in ids} for _ in range(15)]
    teachers[0]["1.1"] = "na"
    return teachers, tas


def norm(text: str) -> str:
    """Whitespace collapsed, and a line break after a hyphen undone."""
    return re.sub(r"-\s+(?=\w)", "-", " ".join(text.split()))


def body_text(path: Path) -> str:
    """Every page's text without the page furniture (see tests/core/test_reports.py)."""
    parts = []
    for page in PdfReader(path).pages:
        lines = page.extract_text().splitlines()
        cut = next((i for i, line in enumerate(lines) if _PAGE_LINE.match(line)), -1)
        parts.append("\n".join(lines[cut + 2:] if cut >= 0 else lines))
    return norm("\n".join(parts))


# --- survey returns filled in as the forms services and the spreadsheet give them ---

PARENT_COMMENTS = ["Mrs Patel has been wonderful with Kacper this year.",
                   "Communication could be more regular.",
                   "My son Jonah loves the nurture group.",
                   "Amira Khan in Year 4 needs more help with reading."]


def fill_answers(q, rnd: random.Random) -> list[str]:
    row = []
    for x in q.questions:
        if x.kind == "choice":
            row.append(rnd.choice(list(x.choices) + [""]))
        elif x.kind == "detail":
            row.append(rnd.choice(["", "Year 3", "Year 5"]))
        else:
            row.append(rnd.choice(["", *PARENT_COMMENTS]))
    return row


def fill_ms_forms(path: Path, q, n: int, seed: int) -> list[list[str]]:
    """Rows under the header the app wrote, as Microsoft Forms exports them."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:5] == ["ID", "Start time", "Completion time", "Email", "Name"]
    rnd = random.Random(seed)
    answers = [fill_answers(q, rnd) for _ in range(n)]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i, a in enumerate(answers, 1):
            w.writerow([i, f"10/1/26 9:{i % 60:02d}:00", f"10/1/26 9:{i % 60:02d}:40",
                        "anonymous", "", *a])
    return answers


def fill_google(path: Path, q, n: int, seed: int) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "Timestamp"
    rnd = random.Random(seed)
    answers = [fill_answers(q, rnd) for _ in range(n)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i, a in enumerate(answers):
            w.writerow([f"2026/10/01 {9 + i // 60}:{i % 60:02d}:00 pm GMT+1", *a])
    return answers


def fill_xlsx(path: Path, q, n: int, seed: int) -> list[list[str]]:
    rnd = random.Random(seed)
    answers = [fill_answers(q, rnd) for _ in range(n)]
    wb = load_workbook(path)
    sheet = wb["Responses"]
    assert sheet.cell(1, 1).value == "Respondent"
    for i, a in enumerate(answers, 1):
        for j, value in enumerate([i, *a], 1):
            sheet.cell(i + 1, j, value if value != "" else None)
    wb.save(path)
    return answers


