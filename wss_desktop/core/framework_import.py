"""Frameworks from what people already have: a spreadsheet or a Word table.

Many schools, trusts and local authorities keep their review tool as a table with one
row per statement. This module reads that shape from an XLSX workbook (openpyxl) or a
Word document (python-docx), and writes a template workbook or document to fill in.

The shape, in three tables (sheets in a workbook, tables in a Word document), each
recognised by the headings in its first row:

- *Framework*: `Field | Value` rows: id, name, short name, version, audience,
  description, publisher, subject, scale name, allow N/A, N/A label, respondents.
- *Scale*: `Key | Label | Description`, one level a row, lowest first (none: comments only).
- *Statements*: `Area | Area title | Number | Statement | Prompts | Look-fors`, then one
  column per level (headed by the level's label or key) holding that level's
  descriptor. Prompts and look-fors are one a line. A blank Area or Area title repeats
  the row above, as people do with merged cells.

Everything that cannot be understood is listed with its table and row, and nothing is
returned to write until every row is understood; the result is then checked with the
same rules as `wss-desktop frameworks check`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import UserError
from .files import IF_IN_A_SPREADSHEET, save_bytes
from .frameworks import (_ID_RE, _REF_RE, NA_KEY, SUBJECTS, Framework, FrameworkError, parse,
                         to_toml)

STATEMENT_HEADINGS = ["Area", "Area title", "Number", "Statement", "Prompts", "Look-fors",
                      "Area summary"]
SCALE_HEADINGS = ["Key", "Label", "Description"]
DETAIL_FIELDS = [
    ("id", "Id", "lower-case letters, digits and hyphens, e.g. acme-send"),
    ("name", "Name", "the framework's full name"),
    ("short_name", "Short name", "optional, for narrow places"),
    ("version", "Version", "raise it whenever statements change, e.g. 1.0"),
    ("audience", "Audience", "who the framework is for, in one sentence"),
    ("description", "Description", "what it helps people do"),
    ("publisher", "Publisher", "optional; shown on reports"),
    ("subject", "Subject", "school, trust or local-area"),
    ("scale_name", "Scale name", "e.g. Four-step scale"),
    ("scale_id", "Scale id", "optional: a short id for the scale, e.g. four-step"),
    ("allow_na", "Allow N/A", "yes or no: may a statement be marked not applicable?"),
    ("na_label", "N/A label", "optional, e.g. Not applicable"),
    ("respondents", "Respondents", "optional: one group a line, as id: Label (e.g. ta: Teaching assistants)"),
]
FOUR_STEP = [("emerging", "Emerging"), ("developing", "Developing"),
             ("established", "Established"), ("enhanced", "Enhanced")]

_ALIASES = {  # heading as people write it -> our column
    "area": "area", "area id": "area", "area number": "area",
    "area title": "area_title", "area name": "area_title", "title": "area_title",
    "number": "number", "statement number": "number", "no": "number", "no.": "number", "ref": "number",
    "statement": "statement", "statement text": "statement",
    "prompts": "prompts", "prompt": "prompts", "questions": "prompts",
    "look-fors": "look_fors", "look fors": "look_fors", "lookfors": "look_fors", "look-for": "look_fors",
    "area summary": "area_summary",
}


class ImportFailed(UserError):
    """The file was read, but some of it cannot be understood (each problem listed)."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        n = len(problems)
        super().__init__(f"{source}: {n} problem{'s' if n != 1 else ''} to fix before it can be "
                         f"imported (nothing was written):\n" + "\n".join(f"- {p}" for p in problems))


@dataclass
class Table:
    """One table of cells as read, with the names the user knows it by."""

    name: str          # "Statements sheet" or "statements table"
    rows: list[list[str]]  # rows[0] is the heading row; row i is the user's row i+1

    def heading(self) -> list[str]:
        return [_norm(h) for h in self.rows[0]] if self.rows else []


@dataclass
class _Reading:
    source: str
    problems: list[str] = field(default_factory=list)

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")


def _norm(value: str) -> str:
    return " ".join(str(value).replace("\u2011", "-").split()).strip().casefold().rstrip(":")


def _cell(value: Any) -> str:
    """Cell text as the user sees it (a number typed as 1.2 or 3 reads back as typed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).replace("\r\n", "\n").strip()


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", "", line).strip()
        if line:
            out.append(line)
    return out


def _kind(table: Table) -> str | None:
    head = table.heading()
    if not head:
        return None
    if head[:2] == ["field", "value"]:
        return "details"
    if head[:2] == ["key", "label"]:
        return "scale"
    if "statement" in head or "statement text" in head:
        return "statements"
    return None


# --- reading files ----------------------------------------------------------------------

def read_tables(path: Path) -> list[Table]:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UserError(f"{path}: there is no such file.")
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_tables(path)
        if suffix == ".docx":
            return _docx_tables(path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file can fail in many ways inside the readers
        raise UserError(f"{path}: this file cannot be opened as a {suffix[1:].upper()} file "
                        f"({type(exc).__name__}); save it again from Excel or Word and try once more.") from None
    raise UserError(f"{path}: only .xlsx spreadsheets and .docx Word documents can be imported "
                    f"(save a .xls or .doc file in the newer format first).")


def _xlsx_tables(path: Path) -> list[Table]:
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        out = []
        for ws in wb.worksheets:
            rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
            out.append(Table(f"{ws.title} sheet", rows))
        return out
    finally:
        wb.close()


def _docx_tables(path: Path) -> list[Table]:
    import docx
    document = docx.Document(str(path))
    out = []
    for n, t in enumerate(document.tables, 1):
        rows = [[_cell(c.text) for c in r.cells] for r in t.rows]
        kind = _kind(Table("", rows)) or "unrecognised"
        out.append(Table(f"{kind} table (table {n})", rows))
    return out


# --- understanding the tables ----------------------------------------------------------

def import_file(path: Path) -> dict[str, Any]:
    """The framework content of a spreadsheet or Word file (ready for `to_toml`), or
    ImportFailed listing every problem with its table and row."""
    return import_tables(read_tables(path), str(path))


def import_tables(tables: Iterable[Table], source: str) -> dict[str, Any]:
    r = _Reading(source)
    found: dict[str, Table] = {}
    for t in tables:
        kind = _kind(t)
        if kind and kind not in found:
            found[kind] = t
    if "statements" not in found:
        raise ImportFailed(source, ["no table of statements was found: it needs a first row with "
                                    "the headings " + " | ".join(STATEMENT_HEADINGS)])
    details = _details(r, found.get("details"))
    levels = _levels(r, found.get("scale"))
    areas, rows_of = _statements(r, found["statements"], levels)
    if r.problems:
        raise ImportFailed(source, r.problems)
    data = {
        "id": details.get("id", ""), "name": details.get("name", ""),
        "short_name": details.get("short_name", ""), "version": details.get("version", "") or "1.0",
        "audience": details.get("audience", ""), "description": details.get("description", ""),
        "publisher": details.get("publisher", ""), "subject": details.get("subject") or "school",
        "respondents": details.get("respondents") or [{"id": "school", "label": "The school"}],
        "scale": {"id": details.get("scale_id") or re.sub(r"[^a-z0-9]+", "-", (details.get("scale_name") or "scale").casefold()).strip("-")
                  or "scale",
                  "name": details.get("scale_name") or ("Comments only" if not levels else "Rating scale"),
                  "allow_na": details.get("allow_na", False),
                  "na_label": details.get("na_label") or "Not applicable",
                  "levels": [{"key": k, "label": lab, "description": d} for k, lab, d in levels]},
        "areas": areas,
    }
    try:
        parse(to_toml(data), source)
    except FrameworkError as exc:
        m = re.search(r"statement ([^\s)]+)", exc.place)
        statement = m.group(1) if m else None
        where = rows_of.get(statement) if statement is not None else None
        text = f"{where} (statement {statement})" if where else \
            ("Framework details" if exc.place in ("", "top of file") else exc.place.split("(")[-1].rstrip(")"))
        raise ImportFailed(source, [f"{text}: {exc.problem}"]) from None
    return data


def _details(r: _Reading, table: Table | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if table is None:
        r.problem("Framework details", "no Framework table (Field | Value) was found; it names "
                                       "the framework (id, name, version, audience, description)")
        return out
    by_label = {_norm(label): key for key, label, _ in DETAIL_FIELDS} | {key: key for key, _, _ in DETAIL_FIELDS}
    for i, row in enumerate(table.rows[1:], 2):
        name, value = (row + ["", ""])[:2]
        if not name and not value:
            continue
        where = f"{table.name}, row {i}"
        key = by_label.get(_norm(name)) or by_label.get(_norm(name).replace(" ", "_"))
        if key is None:
            r.problem(where, f"'{name}' is not a field this import knows; use one of: "
                             + ", ".join(label for _, label, _ in DETAIL_FIELDS))
            continue
        if key == "allow_na":
            yes = _norm(value) in ("yes", "y", "true", "1")
            if not yes and _norm(value) not in ("no", "n", "false", "0", ""):
                r.problem(where, f"Allow N/A must be yes or no (found '{value}')")
            out[key] = yes
        elif key == "respondents":
            groups = []
            for line in _lines(value):
                rid, sep, label = line.partition(":")
                if not sep or not _ID_RE.match(rid.strip()) or not label.strip():
                    r.problem(where, f"each respondent line must be like 'ta: Teaching assistants' "
                                     f"(found '{line}')")
                    continue
                groups.append({"id": rid.strip(), "label": label.strip()})
            out[key] = groups
        elif key == "subject" and value and value not in SUBJECTS:
            r.problem(where, f"Subject must be one of {', '.join(SUBJECTS)} (found '{value}')")
        else:
            out[key] = value
    for key, label, hint in DETAIL_FIELDS[:6]:
        if key in ("short_name",):
            continue
        if key == "version":
            continue
        if not out.get(key):
            r.problem(table.name, f"{label} is missing ({hint})")
    if out.get("id") and not _ID_RE.match(out["id"]):
        r.problem(table.name, f"the id '{out['id']}' may only use lower-case letters, digits and hyphens")
    return out


def _levels(r: _Reading, table: Table | None) -> list[tuple[str, str, str]]:
    if table is None:
        return []
    out: list[tuple[str, str, str]] = []
    for i, row in enumerate(table.rows[1:], 2):
        key, label, desc = (row + ["", "", ""])[:3]
        if not (key or label or desc):
            continue
        where = f"{table.name}, row {i}"
        key = key.strip() or re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")
        if not label:
            r.problem(where, "the level has no label")
        elif key == NA_KEY:
            r.problem(where, "'na' is kept for 'not applicable'; say yes to Allow N/A instead")
        elif key in [k for k, _, _ in out]:
            r.problem(where, f"the key '{key}' is used by an earlier level")
        else:
            out.append((key, label, desc))
    return out


def _statements(r: _Reading, table: Table, levels: list[tuple[str, str, str]]
                ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    head = table.rows[0]
    columns: dict[str, int] = {}
    descriptor_cols: dict[int, str] = {}
    level_of = {}
    for key, label, _ in levels:
        level_of[_norm(key)] = key
        level_of[_norm(label)] = key
    for j, text in enumerate(head):
        name = _norm(text)
        if not name:
            continue
        bare = re.sub(r"^(descriptor|level)\s*[:\-]?\s*", "", name)
        if name in _ALIASES and _ALIASES[name] not in columns:
            columns[_ALIASES[name]] = j
        elif bare in level_of:
            descriptor_cols[j] = level_of[bare]
        else:
            col = _column_letter(j)
            known = ", ".join(lab for _, lab, _ in levels) or "none: the Scale table is empty"
            r.problem(f"{table.name}, column {col} ('{text}')",
                      f"this heading is neither a statement column nor a level of the scale "
                      f"(levels: {known})")
    for needed in ("statement",):
        if needed not in columns:
            r.problem(table.name, "there is no Statement column")
            return [], {}
    areas: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, str] = {}
    area_id = area_title = ""

    def get(row: list[str], col: str) -> str:
        j = columns.get(col)
        return row[j].strip() if j is not None and j < len(row) else ""

    for i, row in enumerate(table.rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        where = f"{table.name}, row {i}"
        given_area, given_title = get(row, "area"), get(row, "area_title")
        if given_area:
            area_id = given_area
            area_title = given_title or (by_id[area_id]["title"] if area_id in by_id else "")
        elif given_title:
            area_title = given_title
        number, text = get(row, "number"), get(row, "statement")
        if not area_id:
            r.problem(where, "the row has no Area (give the area's number, e.g. 1)")
            continue
        if not _REF_RE.match(area_id):
            r.problem(where, f"the Area '{area_id}' should be short, like 1 or 4a")
            continue
        area = by_id.get(area_id)
        if area is None:
            if not area_title:
                r.problem(where, f"area {area_id} has no Area title")
                continue
            area = {"id": area_id, "title": area_title, "summary": get(row, "area_summary"),
                    "statements": []}
            by_id[area_id] = area
            areas.append(area)
        elif given_title and given_title != area["title"]:
            r.problem(where, f"area {area_id} is called '{area['title']}' above but '{given_title}' here")
        if not number:
            number = f"{area_id}.{len(area['statements']) + 1}"
        if not text:
            r.problem(where, f"statement {number} has no text in the Statement column")
            continue
        if not _REF_RE.match(number):
            r.problem(where, f"the Number '{number}' should be short, like {area_id}.1")
            continue
        if number in rows_of:
            r.problem(where, f"the Number {number} is already used on {rows_of[number].split(', ')[-1]}")
            continue
        rows_of[number] = where
        descriptors = {}
        for j, key in descriptor_cols.items():
            value = row[j].strip() if j < len(row) else ""
            if value:
                descriptors[key] = value
        st: dict[str, str | list[str] | dict[str, str]] = {
            "id": number, "text": text, "area_id": area_id,
            "prompts": _lines(get(row, "prompts")), "look_fors": _lines(get(row, "look_fors"))}
        if descriptors:
            st["descriptors"] = {k: descriptors[k] for k, _, _ in levels if k in descriptors}
        area["statements"].append(st)
    if not areas and not r.problems:
        r.problem(table.name, "there are no statements below the heading row")
    return areas, rows_of


def _column_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        s = chr(65 + rem) + s
    return s


# --- templates --------------------------------------------------------------------------

Rows = list[list[str]]


def _template_rows(fw: Framework | None) -> tuple[Rows, Rows, Rows]:
    levels = [(lv.key, lv.label, lv.description) for lv in fw.scale.levels] if fw else \
        [(k, lab, "") for k, lab in FOUR_STEP]
    values = {key: "" for key, _, _ in DETAIL_FIELDS}
    if fw:
        values.update(id=fw.id, name=fw.name, short_name=fw.short_name, version=fw.version,
                      audience=fw.audience, description=fw.description, publisher=fw.publisher,
                      subject=fw.subject, scale_name=fw.scale.name, scale_id=fw.scale.id,
                      allow_na="yes" if fw.scale.allow_na else "no", na_label=fw.scale.na_label,
                      respondents="\n".join(f"{g.id}: {g.label}" for g in fw.respondents
                                            if (g.id, g.label) != ("school", "The school")))
    else:
        values.update(version="1.0", subject="school", scale_name="Four-step scale", allow_na="yes",
                      na_label="Not applicable")
    details = [["Field", "Value", "What to write"]] + [[label, values[key], hint]
                                                       for key, label, hint in DETAIL_FIELDS]
    scale = [SCALE_HEADINGS] + [[k, lab, d] for k, lab, d in levels]
    statements = [STATEMENT_HEADINGS + [lab for _, lab, _ in levels]]
    if fw:
        for area in fw.areas:
            for n, s in enumerate(area.statements):
                statements.append([area.id, area.title if n == 0 else "", s.id, s.text,
                                   "\n".join(s.prompts), "\n".join(s.look_fors),
                                   area.summary if n == 0 else ""]
                                  + [s.descriptor(k) for k, _, _ in levels])
    return details, scale, statements


def write_template(path: Path, fw: Framework | None = None) -> Path:
    """A workbook (.xlsx) or Word document (.docx) to fill in; with `fw`, filled with it."""
    path = Path(path)
    details, scale, statements = _template_rows(fw)
    if path.suffix.lower() == ".docx":
        _write_docx(path, fw, details, scale, statements)
    elif path.suffix.lower() == ".xlsx":
        _write_xlsx(path, details, scale, statements)
    else:
        raise UserError(f"{path}: a template can be a .xlsx spreadsheet or a .docx Word document.")
    return path


def _write_xlsx(path: Path, details: Rows, scale: Rows, statements: Rows) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    wb = Workbook()
    sheets = [("Framework", details, [16, 40, 60]), ("Scale", scale, [16, 20, 60]),
              ("Statements", statements, [8, 30, 10, 60, 50, 40, 30] + [40] * (len(statements[0]) - 7))]
    for n, (title, rows, widths) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for j, w in enumerate(widths):
            ws.column_dimensions[_column_letter(j)].width = w
        ws.freeze_panes = "A2"
        for row in ws.iter_rows(min_row=2, max_row=max(ws.max_row, 200), max_col=len(rows[0])):
            for cell in row:
                # Text, so "1.10" stays 1.10 and never becomes the number 1.1.
                cell.number_format = "@"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    save_bytes(path, out.getvalue(), "the template", advice=IF_IN_A_SPREADSHEET)


def _write_docx(path: Path, fw: Framework | None, details: Rows, scale: Rows,
                statements: Rows) -> None:
    import docx
    document = docx.Document()
    document.add_heading(fw.name if fw else "Framework", level=1)
    document.add_paragraph("Fill in the three tables, keeping the headings in their first rows. "
                           "Prompts and look-fors are one a line. Then import the document with "
                           "'wss-desktop frameworks import' or in the app (Tools, Frameworks).")
    for title, rows in (("Framework", details), ("Scale", scale), ("Statements", statements)):
        document.add_heading(title, level=2)
        table = document.add_table(rows=0, cols=len(rows[0]))
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    save_bytes(path, out.getvalue(), "the template",
               advice="If it is open in Word, close it, or choose another name.")

