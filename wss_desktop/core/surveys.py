"""Surveys handed out and collected back: questionnaires, returns and their figures.

A questionnaire comes from a short voice template (resources/surveys/: pupils, an
easy-read pupil version with picture answers, parents and carers, teachers, teaching
assistants, outside professionals) or from a review's framework (each statement asked
on the framework's scale). It is handed out as a printable PDF, a spreadsheet with one
row per respondent, or the CSV header that Microsoft Forms or Google Forms exports, so
that the returns can come back in any of those shapes.

Reading returns is all or nothing: a file that is empty, foreign (wrong columns, a
different survey), holds the same submission twice or carries spreadsheet formulas
gets one sentence saying what is wrong and what to do, and nothing is kept. Returns
are anonymous: names, e-mail addresses and submission times are never read into what
is stored; only the optional role, year group or class. Personal names in comments
are found and offered for removal before anything is stored (`Returns.names`).

No storage here: Workspace.store_survey keeps a checked `Returns`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tomllib
from itertools import compress, groupby
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter, itemgetter
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, cast

from .errors import InputError, UserError
from .files import IF_IN_A_SPREADSHEET, save_bytes
from .gcpause import gc_paused
from .frameworks import NA_KEY, Framework
from . import workbooks

# --- groups ------------------------------------------------------------------------

GROUP_LABELS = {
    "pupils": "Pupils", "parents": "Parents and carers", "teacher": "Teachers",
    "ta": "Teaching assistants", "professionals": "Outside professionals",
    "governors": "Governors", "staff": "Staff", "leaders": "Senior leaders",
    "school": "The school",
}
_ALIASES = {"pupil": "pupils", "children": "pupils", "parent": "parents", "carers": "parents",
            "parents-carers": "parents", "teachers": "teacher", "tas": "ta",
            "teaching-assistants": "ta", "professional": "professionals",
            "outside-professionals": "professionals", "governor": "governors"}

DETAILS = {"role": "Role", "year_group": "Year group", "class": "Class"}


def group_id(given: str) -> str:
    key = given.strip().casefold().replace(" ", "-").replace("_", "-")
    return _ALIASES.get(key, key)


def group_label(group: str, fw: Framework | None = None) -> str:
    for r in (fw.respondents if fw else ()):
        if r.id == group:
            return r.label
    return GROUP_LABELS.get(group, group.replace("-", " ").capitalize())


class SurveyFileError(UserError):
    """A returns file that cannot be imported; nothing was kept. One sentence says why."""


# --- questionnaires -------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str = "choice"                 # choice, text (a comment) or detail (role, year, class)
    choices: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "kind": self.kind, "choices": list(self.choices),
                "statements": list(self.statements), "detail": self.detail}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Question":
        return cls(data["id"], data["text"], data.get("kind", "choice"),
                   tuple(data.get("choices") or ()), tuple(data.get("statements") or ()),
                   data.get("detail"))


@dataclass(frozen=True)
class Questionnaire:
    template: str
    group: str
    title: str
    intro: str
    evidence_kind: str
    questions: tuple[Question, ...]
    easy_read: bool = False
    keys: dict[str, str] = field(default_factory=dict)   # framework surveys: choice -> scale key

    def choice_questions(self) -> list[Question]:
        return [q for q in self.questions if q.kind == "choice"]

    def text_questions(self) -> list[Question]:
        return [q for q in self.questions if q.kind == "text"]

    def statements(self) -> list[str]:
        return list(dict.fromkeys(s for q in self.questions for s in q.statements))


_EVIDENCE_KIND = {"pupils": "pupil-voice", "parents": "parent-voice"}


@lru_cache(maxsize=None)
def _read_template(name: str) -> dict[str, Any]:
    text = resources.files("wss_desktop.resources").joinpath("surveys", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=None)
def template_names() -> tuple[str, ...]:
    folder = resources.files("wss_desktop.resources").joinpath("surveys")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def voice_template(name: str, fw: Framework) -> Questionnaire:
    """A shipped voice template, its questions linked to this framework's statements."""
    return _voice_template(name, fw.id, frozenset(s.id for s in fw.statements()))


@lru_cache(maxsize=64)
def _voice_template(name: str, framework_id: str, have: frozenset[str]) -> Questionnaire:
    if name not in template_names():
        raise InputError(f"There is no survey template called '{name}'; the templates are: "
                         f"{', '.join(template_names())}.")
    data = _read_template(name)
    questions = []
    for q in data["questions"]:
        linked = (q.get("statements") or {}).get(framework_id, [])
        questions.append(Question(
            q["id"], q["text"], q.get("kind", "choice"),
            tuple(q.get("choices") or (data.get("choices", []) if q.get("kind", "choice") == "choice" else ())),
            tuple(s for s in linked if s in have), q.get("detail")))
    return Questionnaire(data["id"], data["group"], data["title"], data["intro"],
                         data.get("evidence_kind", "staff-voice"), tuple(questions),
                         bool(data.get("easy_read")))


def framework_questionnaire(fw: Framework, group: str, scope: Iterable[str] | None = None) -> Questionnaire:
    """Every statement in scope asked on the framework's own scale."""
    if not fw.scale.rated:
        raise InputError(f"{fw.name} has no rating scale, so it cannot be made into a "
                         f"questionnaire; use a voice template instead.")
    areas = set(scope) if scope else {a.id for a in fw.areas}
    choices = [lv.label for lv in fw.scale.levels] + ([fw.scale.na_label] if fw.scale.allow_na else [])
    keys = {lv.label: lv.key for lv in fw.scale.levels}
    if fw.scale.allow_na:
        keys[fw.scale.na_label] = NA_KEY
    label = group_label(group, fw)
    questions = [Question("role", "Your role or phase (optional)", "detail", detail="role")]
    questions += [Question(f"s{s.id}", f"{s.id} {s.text}", "choice", tuple(choices), (s.id,))
                  for a in fw.areas if a.id in areas for s in a.statements]
    questions.append(Question("comment", "Anything you would like to add?", "text"))
    return Questionnaire(
        "framework", group, f"{fw.name}: {label.lower() if label[1:2].islower() else label}",
        f"Please rate each statement on the scale: {fw.scale.name}. Your answers are "
        f"anonymous; please do not add your name.",
        _EVIDENCE_KIND.get(group, "staff-voice"), tuple(questions), keys=keys)


def default_template(group: str, easy_read: bool = False) -> str | None:
    for name in template_names():
        data = _read_template(name)
        if data["group"] == group and bool(data.get("easy_read")) == easy_read:
            return name
    return None


def questionnaire(fw: Framework, group: str, *, template: str | None = None,
                  easy_read: bool = False, scope: Iterable[str] | None = None) -> Questionnaire:
    """The questionnaire to make for a group: the named template, the group's voice
    template, or (for a group with none, such as the framework's own respondents) the
    framework itself."""
    group = group_id(group)
    own = len(fw.respondents) > 1 and group in {r.id for r in fw.respondents}
    if template == "framework" or (template is None and own and not easy_read):
        # The framework's own groups (teachers and TAs in the TA review) answer its
        # statements, so that their answers can be compared.
        return framework_questionnaire(fw, group, scope)
    name = template or default_template(group, easy_read)
    if name is None:
        if easy_read:
            raise InputError("The easy-read version is for pupils; choose --group pupils.")
        return framework_questionnaire(fw, group, scope)
    return voice_template(name, fw)


def candidates(fw: Framework, group: str, scope: Iterable[str] | None = None) -> list[Questionnaire]:
    """Every questionnaire whose returns may come back for a group (to recognise a file)."""
    group = group_id(group)
    out = [voice_template(n, fw) for n in template_names() if _read_template(n)["group"] == group]
    if fw.scale.rated:
        out.append(framework_questionnaire(fw, group, scope))
    return out


def other_questionnaires(fw: Framework, group: str, scope: Iterable[str] | None = None) -> list[Questionnaire]:
    group = group_id(group)
    return [voice_template(n, fw) for n in template_names() if _read_template(n)["group"] != group]


# --- what the forms services export -------------------------------------------------------

MS_FORMS_COLUMNS = ("ID", "Start time", "Completion time", "Email", "Name")
MS_FORMS_EXTRA = ("Last modified time", "Total points", "Quiz feedback")
GOOGLE_COLUMNS = ("Timestamp",)
GOOGLE_EXTRA = ("Email address", "Score")
XLSX_COLUMNS = ("Respondent",)
_KNOWN_EXTRA = {c.casefold() for c in MS_FORMS_EXTRA + GOOGLE_EXTRA}


def csv_header(q: Questionnaire, service: str = "microsoft") -> list[str]:
    """The first row of a CSV export of this questionnaire from the forms service."""
    texts = [x.text for x in q.questions]
    if service in ("microsoft", "ms-forms", "microsoft-forms"):
        return [*MS_FORMS_COLUMNS, *texts]
    if service in ("google", "google-forms"):
        return [*GOOGLE_COLUMNS, *texts]
    raise InputError(f"'{service}' is not a forms service this app knows; choose microsoft or google.")


def write_csv(q: Questionnaire, path: Path, service: str = "microsoft") -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(csv_header(q, service))
    save_bytes(path, out.getvalue().encode("utf-8-sig"), "the survey file", advice=IF_IN_A_SPREADSHEET)


def write_xlsx(q: Questionnaire, path: Path, *, review_id: str, rows: int = 200) -> None:
    """A spreadsheet with one row per respondent, drop-down lists for the choices, and a
    sheet saying which survey it is (so returns can be matched to it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws.append([*XLSX_COLUMNS, *[x.text for x in q.questions]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 12
    for i, x in enumerate(q.questions, 2):
        col = get_column_letter(i)
        ws.column_dimensions[col].width = 40 if x.kind == "text" else 22
        if x.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(c.replace('"', "'") for c in x.choices) + '"',
                                allow_blank=True)
            dv.error = "Choose one of the answers in the list, or leave it blank."
            ws.add_data_validation(dv)
            dv.add(f"{col}2:{col}{rows + 1}")
    about = wb.create_sheet("About this survey")
    for key, value in (("Survey", q.title), ("Template", q.template), ("Group", q.group),
                       ("Review", review_id), ("Questions", questions_digest(q)),
                       ("How to fill it in", "One row per person. Choose each answer from "
                        "its list, or leave it blank. Please do not type names.")):
        about.append([key, value])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 80
    out = io.BytesIO()
    wb.save(out)
    save_bytes(path, out.getvalue(), "the survey spreadsheet", advice=IF_IN_A_SPREADSHEET)



def questions_digest(q: Questionnaire) -> str:
    return hashlib.sha256(json.dumps([x.to_json() for x in q.questions], sort_keys=True)
                          .encode()).hexdigest()[:16]


# --- personal names -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    text = resources.files("wss_desktop.resources").joinpath("surveys", "first_names.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


_CAP = r"[A-Z][a-z'\u2019-]+(?:[A-Z][a-z]+)?"
_TITLE_RE = re.compile(rf"\b(?:Mrs|Mr|Miss|Ms|Mx|Dr|Sir)\.? (?:{_CAP})(?: {_CAP})?")
_CALLED_RE = re.compile(rf"\b(?:called|named|son|daughter|child|grandson|granddaughter|"
                        rf"brother|sister|boy|girl) ({_CAP})(?: ({_CAP}))?")
_WORD_RE = re.compile(rf"\b({_CAP})(?: ({_CAP}))?")


def find_names(text: str) -> list[str]:
    """Personal names in a comment, each as written ("Mrs Patel", "Kacper", "Amira Khan")."""
    if not text or not any(ch.isupper() for ch in text):
        return []
    found: list[str] = []
    for m in _TITLE_RE.finditer(text):
        found.append(m.group(0))
    names = _first_names()
    for m in _CALLED_RE.finditer(text):
        found.append(" ".join(g for g in m.groups() if g))
    for m in _WORD_RE.finditer(text):
        if m.group(1) in names:
            found.append(m.group(0) if m.group(2) else m.group(1))
    out: list[str] = []
    for name in sorted(set(found), key=len, reverse=True):
        if not any(name in longer for longer in out):
            out.append(name)
    return sorted(out, key=text.find)


NAME_REMOVED = "[name removed]"


def remove_names(text: str, names: Iterable[str]) -> str:
    for name in sorted(set(names), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_REMOVED, text)
    return text


# --- reading returns ----------------------------------------------------------------------

@dataclass(frozen=True)
class NameFound:
    response: int        # 0-based index of the response
    question: int        # 0-based index of the question
    name: str


@dataclass
class Returns:
    """Returns read and checked, not yet stored: what the import would keep."""

    questionnaire: Questionnaire
    source: str                              # microsoft-forms, google-forms, xlsx, paper
    file_name: str
    # One row per respondent, one cell per question in questionnaire order (None when
    # not answered): compact, and quick to store for thousands of returns.
    responses: list[list[str | None]]
    fingerprint: str
    names: list[NameFound] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.responses)

    def without_names(self, names: Iterable[str] | None = None) -> "Returns":
        """The returns with these names (all found, by default) taken out of comments."""
        chosen = {n.name for n in self.names} if names is None else set(names)
        if not chosen:
            return self
        responses = list(self.responses)
        done: dict[tuple[Any, ...], str] = {}   # the same comment often comes back many times
        # names come in response and question order: one group per comment
        for (i, qi), group in groupby(self.names, key=attrgetter("response", "question")):
            found = [n.name for n in group if n.name in chosen]
            if not found:
                continue
            row = responses[i]
            if row is self.responses[i]:
                row = responses[i] = list(row)
            key = (row[qi], tuple(found))
            if key not in done:
                done[key] = remove_names(row[qi] or "", found)
            row[qi] = done[key]
        return replace(self, responses=responses,
                       names=[n for n in self.names if n.name not in chosen])

    def removed_count(self, original: "Returns") -> int:
        return len(original.names) - len(self.names)


def _norm(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").split()).casefold().rstrip(" ?.:")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def read_table(path: Path) -> tuple[str, list[list[str]], dict[str, str]]:
    """(source kind, rows including the header, the 'About this survey' sheet of our own
    XLSX). One sentence for a file that cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise SurveyFileError(f"There is no file at {path}; check the name and try again.")
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        raw = path.read_bytes()
        if not raw.strip(b"\xef\xbb\xbf \r\n\t,;"):
            raise SurveyFileError(f"{path.name} is empty: there are no responses to import.")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        rows = list(csv.reader(io.StringIO(text, newline="")))
        return "csv", rows, {}
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        try:
            wb = load_workbook(path, read_only=True, data_only=False)
            try:
                sheet = wb["Responses"] if "Responses" in wb.sheetnames else wb.worksheets[0]
                rows = []
                for row in sheet.iter_rows():
                    values = []
                    for cell in row:
                        if getattr(cell, "data_type", None) == "f" or (
                                isinstance(cell.value, str) and cell.value.startswith("=")):
                            raise SurveyFileError(
                                f"{path.name} has a formula in cell {cell.coordinate}; save a copy "
                                f"with values only (or type the answers in) and import that.")
                        values.append(_cell(cell.value))
                    rows.append(values)
                about = {}
                if "About this survey" in wb.sheetnames:
                    for row in wb["About this survey"].iter_rows(values_only=True):
                        if row and row[0]:
                            about[str(row[0])] = _cell(row[1] if len(row) > 1 else "")
            finally:
                wb.close()
        except workbooks.unreadable():
            raise SurveyFileError(f"{path.name} cannot be read as an Excel workbook; save it "
                                  f"again from Excel as .xlsx and try again.") from None
        return "xlsx", rows, about
    raise SurveyFileError(f"{path.name} is not a file this app can read returns from; use the "
                          f"XLSX it made or a CSV exported from Microsoft Forms or Google Forms.")


def _columns(header: list[str], q: Questionnaire) -> dict[str, int] | None:
    """Which column holds each question, or None when one is missing."""
    at = {_norm(h): i for i, h in enumerate(header)}
    found = {}
    for x in q.questions:
        i = at.get(_norm(x.text))
        if i is None:
            return None
        found[x.id] = i
    return found


def parse_returns(path: Path, fw: Framework, group: str, *,
                  scope: Iterable[str] | None = None,
                  already: Iterable[str] = ()) -> Returns:
    """Read a returns file for a group of this review, or say in one sentence why not."""
    with gc_paused():
        return _parse_returns(Path(path), fw, group, scope=scope, already=already)


def _parse_returns(path: Path, fw: Framework, group: str, *,
                   scope: Iterable[str] | None, already: Iterable[str]) -> Returns:
    kind, rows, about = read_table(path)
    # Blank rows above the header are dropped; blank rows below it are skipped as read.
    start = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), len(rows))
    rows = rows[start:]
    if not rows:
        raise SurveyFileError(f"{path.name} is empty: there are no responses to import.")
    return parse_rows(rows, fw, group, file_name=path.name, kind=kind, about=about,
                      scope=scope, already=already)


def parse_rows(rows: list[list[str]], fw: Framework, group: str, *, file_name: str,
               kind: str = "paper", about: dict[str, str] | None = None,
               scope: Iterable[str] | None = None, already: Iterable[str] = (),
               questionnaire_: Questionnaire | None = None) -> Returns:
    group = group_id(group)
    header, body = rows[0], rows[1:]
    label = group_label(group, fw)
    first = _norm(header[0]) if header else ""
    if kind == "paper":
        source = "paper"
    elif kind == "xlsx":
        source = "xlsx"
    elif first == "id" and len(header) >= 3 and _norm(header[1]) == "start time":
        source = "microsoft-forms"
    elif first == "timestamp":
        source = "google-forms"
    else:
        raise SurveyFileError(
            f"{file_name} does not look like a survey export: its first column is "
            f"'{header[0] if header else ''}', where a Microsoft Forms export starts with "
            f"'ID' and a Google Forms one with 'Timestamp'.")
    if about and about.get("Group") and group_id(about["Group"]) != group:
        raise SurveyFileError(
            f"{file_name} is the {group_label(group_id(about['Group']), fw).lower()} survey, "
            f"not the {label.lower()} one; import it for that group instead.")
    matches = [questionnaire_] if questionnaire_ else candidates(fw, group, scope)
    if about and about.get("Template") and not questionnaire_:
        matches = [q for q in matches if q.template == about["Template"]] or matches
    q, columns = next(((m, c) for m in matches if (c := _columns(header, m)) is not None), (None, None))
    if q is None or columns is None:
        for other in other_questionnaires(fw, group, scope):
            if _columns(header, other) is not None:
                raise SurveyFileError(
                    f"{file_name} holds the answers to the {group_label(other.group, fw).lower()} "
                    f"survey, not the {label.lower()} one; import it for that group instead.")
        best = max(matches, key=lambda m: sum(1 for x in m.questions if _norm(x.text) in
                                              {_norm(h) for h in header}))
        missing = [x.text for x in best.questions if _norm(x.text) not in {_norm(h) for h in header}]
        raise SurveyFileError(
            f"{file_name} does not match the {label.lower()} survey: "
            f"{len(missing)} of its questions have no column (the first is \u201c{missing[0]}\u201d); "
            f"check that you chose the right file and group.")
    meta = {_norm(c) for c in MS_FORMS_COLUMNS + GOOGLE_COLUMNS + XLSX_COLUMNS}
    extra = [h for i, h in enumerate(header) if i not in columns.values() and h.strip()
             and _norm(h) not in meta and _norm(h) not in _KNOWN_EXTRA]
    if extra:
        raise SurveyFileError(f"{file_name} has a column that is not in the {label.lower()} "
                              f"survey (\u201c{extra[0]}\u201d); import the export of this "
                              f"survey only, without added columns.")
    if not body:
        raise SurveyFileError(f"{file_name} has the survey's columns but no responses yet.")
    # A submission's number: Microsoft Forms' ID, or the Respondent column of our XLSX.
    use_id = source == "microsoft-forms" or (source == "xlsx" and _norm(header[0]) == "respondent")
    plan = [(columns[x.id], x.kind, {c: c for c in x.choices}, {_norm(c): c for c in x.choices}, x)
            for x in q.questions]
    width = len(header)
    if min(map(len, body)) < width:
        body = [r if len(r) >= width else r + [""] * (width - len(r)) for r in body]
    # Column by column: each question's answers are checked in one pass over its column.
    raw = list(zip(*body))
    columns_out: list[list[str | None]] = []
    for col, kind, exact, normed, x in plan:
        values = raw[col]
        if kind == "choice":
            cells = list(map(exact.get, values))
            # Only when some answers are not written exactly as a choice (or are blank).
            odd = [] if cells.count(None) == values.count("") else \
                [i for i, c in enumerate(cells) if c is None and values[i]]
            for i in odd:
                v = values[i].strip()
                if not v:
                    continue
                chosen = normed.get(_norm(v))
                if chosen is None:
                    raise SurveyFileError(
                        f"Row {i + 2} of {file_name} answers \u201c{v}\u201d to \u201c{x.text}\u201d, "
                        f"which is not one of its answers ({', '.join(x.choices)}); correct it and "
                        f"import the file again.")
                cells[i] = chosen
        else:
            limit = 60 if kind == "detail" else 4000
            stripped = list(map(str.strip, values))
            if stripped and max(map(len, stripped)) > limit:
                stripped = [v[:limit] for v in stripped]
            cells = list(map({"": None}.get, stripped, stripped))  # "" becomes None
        columns_out.append(cells)
    # Rows with no answer at all are skipped. Each pass below runs in C over whole
    # rows; a slower pass that can name the row runs only when a check fails.
    responses: list[list[str | None]] = list(map(list, zip(*columns_out)))
    numbers: Iterable[int] = range(2, len(body) + 2)   # each kept row's number in the file
    kept_rows, kept_columns = body, columns_out
    if not all(map(any, responses)):   # (an answer is never "": blanks were made None)
        keep = list(map(any, responses))
        kept_rows = list(compress(body, keep))
        responses = list(compress(responses, keep))
        kept_columns = [list(compress(c, keep)) for c in columns_out]
        numbers = list(compress(numbers, keep))
    if use_id:
        keys = list(filter(None, map(str.strip, map(itemgetter(0), kept_rows))))
        if len(set(keys)) != len(keys):
            seen_ids: dict[str, int] = {}
            for n, row in zip(numbers, kept_rows):
                key = row[0].strip()
                if key and key in seen_ids:
                    raise SurveyFileError(
                        f"{file_name} has the same submission twice (rows {seen_ids[key]} and "
                        f"{n} are both number {key}); remove the repeat and import it again.")
                seen_ids[key] = n
    if source == "google-forms":
        wholes = list(map(tuple, kept_rows))
        if len(set(wholes)) != len(wholes):
            seen_rows: dict[tuple[Any, ...], int] = {}
            for n, whole in zip(numbers, wholes):
                if whole in seen_rows:
                    raise SurveyFileError(
                        f"{file_name} has the same submission twice (rows {seen_rows[whole]} "
                        f"and {n} are identical, time included); remove the repeat and import "
                        f"it again.")
                seen_rows[whole] = n
    names: list[NameFound] = []
    found_in: dict[str, list[str]] = {}
    for qi in (i for i, x in enumerate(q.questions) if x.kind == "text"):
        column = kept_columns[qi]
        # each different comment is looked at once (the same one often comes back)
        for text in set(filter(None, column)) - found_in.keys():
            found_in[text] = find_names(text)
        hits = {text: found for text, found in found_in.items() if found}
        if hits:
            names += [NameFound(ri, qi, name) for ri, said in enumerate(cast(list[str], column))
                      if said in hits for name in hits[said]]
    names.sort(key=lambda f: (f.response, f.question))
    if not responses:
        raise SurveyFileError(f"{file_name} has the survey's columns but no responses yet.")
    # each response's answers joined by \x1f and ended by \x1e (None as "None")
    as_text = {None: "None"}.get
    texts: list[list[str]] = [list(map(as_text, column, column))  # type: ignore[arg-type]
                              for column in kept_columns]
    joined = "\x1e".join(map("\x1f".join, zip(*texts))) + "\x1e"
    fingerprint = hashlib.sha256(joined.encode()).hexdigest()[:24]
    if fingerprint in set(already):
        raise SurveyFileError(f"These returns ({file_name}) have been imported already; "
                              f"nothing was added.")
    return Returns(q, source, file_name, responses, fingerprint, names)


# --- figures ----------------------------------------------------------------------------------

NO_ANSWER = "No answer"


@dataclass(frozen=True)
class Distribution:
    question: Question
    counts: tuple[tuple[str, int], ...]     # each choice in order, then "No answer"

    @property
    def answered(self) -> int:
        return sum(n for c, n in self.counts if c != NO_ANSWER)


def distributions(questions: Iterable[Question], responses: list[list[str | None]]) -> list[Distribution]:
    out = []
    for i, x in enumerate(questions):
        if x.kind != "choice":
            continue
        tally = Counter(map(itemgetter(i), responses))
        counts = [(c, tally.get(c, 0)) for c in x.choices]
        counts.append((NO_ANSWER, tally.get(None, 0)))
        out.append(Distribution(x, tuple(counts)))
    return out


def comments(questions: Iterable[Question], responses: list[list[str | None]]) -> list[tuple[Question, list[str]]]:
    return [(x, [said for said in map(itemgetter(i), responses) if said])
            for i, x in enumerate(questions) if x.kind == "text"]


def details(questions: Iterable[Question], response: list[str | None]) -> dict[str, str]:
    """A respondent's optional role, year group or class."""
    return {x.detail or x.id: v for x, v in zip(questions, response) if x.kind == "detail" and v}


def answers(questions: Iterable[Question], response: list[str | None]) -> dict[str, str]:
    """A respondent's answers by question id (comments included, details left out)."""
    return {x.id: v for x, v in zip(questions, response) if x.kind != "detail" and v}


# A choice column is stored as one character per response: the choice's place in
# this alphabet, "." for no answer (a survey with many choices falls back to numbers).
_CODES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NONE = "."


def encode_responses(questions: list[Question], responses: list[list[str | None]]) -> dict[str, Any]:
    """Responses as stored, question by question: {"count": n, "columns": [...]}, where
    a choice question's column is a string with a character per response (its
    choice's place), and a comment's or detail's column a list of texts (None when not
    given). Thousands of responses make a few long strings, quick to write and sync.

    (Before, responses were stored as a list of rows, each choice as its number: those
    are still read, see decode_responses.)"""
    columns: list[Any] = []
    by_question = list(zip(*responses)) if responses else [() for _ in questions]
    for x, column in zip(questions, by_question):
        if x.kind == "choice" and len(x.choices) <= len(_CODES):
            code: dict[str | None, str] = dict(zip(x.choices, _CODES))
            code[None] = _NONE
            columns.append("".join(map(code.__getitem__, column)))
        elif x.kind == "choice":
            columns.append(list(map({c: n for n, c in enumerate(x.choices)}.get, column)))
        else:
            columns.append(list(column))
    return {"count": len(responses), "columns": columns}


def decode_responses(questions: list[Question], stored: Any) -> list[list[str | None]]:
    """The responses in words, one row per respondent, from either stored form."""
    if not stored:
        return []
    columns = []
    if isinstance(stored, dict):
        if not stored.get("count"):
            return []
        for x, column in zip(questions, stored["columns"]):
            if x.kind == "choice" and isinstance(column, str):
                column = list(map(dict(zip(_CODES, x.choices)).get, column))
            elif x.kind == "choice":
                column = list(map(dict(enumerate(x.choices)).get, column))
            columns.append(column)
    else:  # the earlier form: a list of rows, each choice as its number
        for i, x in enumerate(questions):
            column = list(map(itemgetter(i), stored))
            if x.kind == "choice":
                column = list(map(dict(enumerate(x.choices)).get, column))
            columns.append(column)
    return [list(row) for row in zip(*columns)]


def response_count(survey: Any) -> int:
    """How many responses a stored Survey holds (without decoding them)."""
    held = survey.responses
    if isinstance(held, dict):
        return int(held.get("count") or 0)
    return len(held or [])


def stored(survey: Any) -> tuple[list[Question], list[list[str | None]]]:
    """A stored Survey's questions and its responses in words."""
    questions = [Question.from_json(q) for q in survey.questions]
    return questions, decode_responses(questions, survey.responses or [])


def summary_text(title: str, label: str, questions: list[Question],
                 responses: list[list[str | None]], limit: int = 3) -> str:
    """The evidence record's text: counts, each question's answers, a few comments."""
    lines = [f"{len(responses)} {label.lower() if label[1:2].islower() else label} answered "
             f"\u201c{title}\u201d."]
    for d in distributions(questions, responses):
        parts = [f"{c} {n}" for c, n in d.counts if n]
        lines.append(f"- {d.question.text} {', '.join(parts)}.")
    for x, said in comments(questions, responses):
        if said:
            lines.append(f"{x.text} ({len(said)} comments), for example:")
            lines += [f"- \u201c{s}\u201d" for s in said[:limit]]
    return "\n".join(lines)
