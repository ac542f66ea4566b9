"""Shared by the many-voices tests: fictional answer sheets and reading a PDF back."""

from __future__ import annotations

import random
import re
from pathlib import Path

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
