"""The factual-accuracy round: the draft report goes to the school before it is checked.

`export_for_school` writes the draft PDF and a comments spreadsheet with one row per
statement in scope and per summary part ("Ref", "Part of the report", "What the draft
says", "Your correction or comment"). `import_from_school` reads the filled-in sheet
back as report comments by "The school (factual accuracy)", pointing at the statement
each is about. Like a moderator's comment, each must be resolved before the report can
be marked checked and issued (Workspace.mark_report_checked already insists).

Reading the sheet is all or nothing, with one sentence for a file that is not this
review's sheet, has formulas, or has lost its columns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import workbooks
from .errors import UserError
from .files import check_target, save_files
from .model import ReportComment, ReportKind

if TYPE_CHECKING:
    from .workspace import Workspace

AUTHOR = "The school (factual accuracy)"
SECTION = "factual-accuracy"
HEADER = ["Ref", "Part of the report", "What the draft says", "Your correction or comment"]
SUMMARY_PARTS = (("summary", "Summary of strengths and areas for development"),
                 ("context", "The school and its data"),
                 ("actions", "Recommendations and action plan"))


class AccuracyFileError(UserError):
    """A returned comments sheet that cannot be read; nothing was imported."""


@dataclass(frozen=True)
class Exported:
    pdf: Path
    sheet: Path
    rows: int


def _rows(ws: "Workspace", review_id: str) -> list[list[str]]:
    from .reports import content as c
    b = ws.bundle(review_id)
    rows = []
    for s in c.statements_in_scope(b):
        j = b.judgements.get(s.id)
        said = " ".join(x for x in ((j.strengths if j else ""), (j.consider if j else "")) if x.strip())
        rows.append([s.id, f"Statement {s.id}: {s.text}", said[:2000], ""])
    for ref, title in SUMMARY_PARTS:
        rows.append([ref, title, "", ""])
    return rows


def export_for_school(ws: "Workspace", review_id: str, folder: Path) -> Exported:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from . import reports
    folder = Path(folder)
    b = ws.bundle(review_id)
    stem = "".join(ch if ch.isalnum() else "-" for ch in b.review.school_name).strip("-").lower()
    pdf = folder / f"{stem}-draft-for-factual-accuracy.pdf"
    check_target(pdf, pdf.name, "the draft for the school")
    options = reports.options_for(ws, review_id, ReportKind.FULL.value)
    options.checked = False
    draft, _pages, _warnings = reports.render_bytes(b, options)
    rows = _rows(ws, review_id)
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Comments"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for col, width in zip("ABCD", (8, 50, 60, 60)):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    about = wb.create_sheet("About")
    for key, value in (("Review", review_id), ("School", b.review.school_name),
                       ("How to use it", "Please check the draft report for factual accuracy "
                        "and write any correction beside the part it is about. Leave the other "
                        "columns as they are.")):
        about.append([key, value])
    sheet_path = folder / f"{stem}-factual-accuracy-comments.xlsx"
    sheet_bytes = io.BytesIO()
    wb.save(sheet_bytes)
    # The two go to the school together: both are saved, or neither.
    save_files({pdf: draft, sheet_path: sheet_bytes.getvalue()}, "the draft and its comments sheet",
               advice="If one of them is open, close it, or choose another folder.")
    return Exported(pdf, sheet_path, len(rows))


def read_comments(ws: "Workspace", review_id: str, path: Path) -> list[tuple[str, str, str]]:
    """(ref, part, comment) for every row with a comment; one sentence if it cannot be read."""
    from openpyxl import load_workbook
    path = Path(path)
    if not path.is_file():
        raise AccuracyFileError(f"There is no file at {path}; check the name and try again.")
    try:
        wb = load_workbook(path, read_only=True)
        try:
            return _comments(wb, review_id, path.name)
        finally:
            wb.close()
    except workbooks.unreadable():
        # (a name other than .xlsx, such as a sheet saved as CSV; or the file damaged)
        raise AccuracyFileError(f"{path.name} cannot be read as an Excel workbook; save it again "
                                f"as .xlsx and try again.") from None


def _comments(wb: Any, review_id: str, name: str) -> list[tuple[str, str, str]]:
    if "Comments" not in wb.sheetnames or "About" not in wb.sheetnames:
        raise AccuracyFileError(f"{name} is not a factual-accuracy comments sheet made by "
                                f"this app; use the sheet exported with the draft.")
    about = {str(r[0]): str(r[1]) for r in wb["About"].iter_rows(values_only=True) if r and r[0]}
    if about.get("Review") != review_id:
        raise AccuracyFileError(f"{name} is the comments sheet of another review "
                                f"({about.get('School', 'unknown school')}); import it into that one.")
    rows = []
    for n, row in enumerate(wb["Comments"].iter_rows(), 1):
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                raise AccuracyFileError(f"{name} has a formula in cell {cell.coordinate}; "
                                        f"type the comment as text and import it again.")
        values = ["" if cell.value is None else str(cell.value).strip() for cell in row]
        if n == 1:
            if values[:4] != HEADER:
                raise AccuracyFileError(f"{name} has lost its column headings ({', '.join(HEADER)}); "
                                        f"put them back or export the sheet again.")
            continue
        values += [""] * (4 - len(values))
        if values[3]:
            rows.append((values[0], values[1], values[3]))
    return rows


def import_from_school(ws: "Workspace", review_id: str, path: Path) -> list[str]:
    """The school's comments as report comments to resolve (ids of those added; a
    comment already imported is not added twice)."""
    b = ws.bundle(review_id)
    statements = {s.id for s in b.framework.statements()}
    comments = read_comments(ws, review_id, path)
    have = {(c.target_id or c.section, c.text) for c in ws.report_comments(review_id, ReportKind.FULL.value)
            if c.author == AUTHOR}
    added = []
    with ws.store.transaction():
        for ref, part, text in comments:
            is_statement = ref in statements
            stored = text if is_statement else f"{part}: {text}"
            if (ref if is_statement else SECTION, stored) in have:
                continue
            added.append(ws.add_report_comment(
                review_id, ReportKind.FULL.value, stored, AUTHOR, section=SECTION,
                target_kind="statement" if is_statement else None,
                target_id=ref if is_statement else None))
    return added


def open_comments(ws: "Workspace", review_id: str) -> list[ReportComment]:
    return [c for c in ws.report_comments(review_id, ReportKind.FULL.value)
            if c.author == AUTHOR and not c.resolved]
