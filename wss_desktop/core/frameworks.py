"""Review frameworks as data: reading, validating and listing framework files.

The file format is described in docs/framework-format.md. A framework is plain
data (areas, numbered statements, prompts, look-fors and a rating scale) so that
schools, trusts and local authorities can adapt it without touching code.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import UserError
from .files import save_bytes

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .model import ReviewBundle

FORMAT_VERSION = 1
NA_KEY = "na"
SUBJECT_SCHOOL = "school"
# What a review can look at, and how reports name it ("the school", "the trust").
SUBJECTS = {"school": "the school", "trust": "the trust", "local-area": "the local area"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")


class FrameworkError(UserError):
    """A framework file that cannot be used, with where and why."""

    def __init__(self, source: str, place: str, problem: str):
        self.source = source
        self.place = place
        self.problem = problem
        where = f"{source}, {place}" if place else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    levels: tuple[Level, ...]
    allow_na: bool = False
    na_label: str = "Not applicable"

    @property
    def rated(self) -> bool:
        return bool(self.levels)

    def keys(self) -> list[str]:
        return [lv.key for lv in self.levels] + ([NA_KEY] if self.allow_na else [])

    def label(self, key: str | None) -> str:
        if key is None:
            return ""
        if key == NA_KEY and self.allow_na:
            return self.na_label
        for lv in self.levels:
            if lv.key == key:
                return lv.label
        return key

    def position(self, key: str | None) -> int | None:
        """0-based step on the scale; None for unrated, N/A or unknown keys."""
        for i, lv in enumerate(self.levels):
            if lv.key == key:
                return i
        return None

    def resolve(self, given: str) -> str:
        """Turn what a user typed (key, label or 1-based step) into a key."""
        wanted = given.strip().casefold()
        if self.allow_na and wanted in {NA_KEY, "n/a", self.na_label.casefold()}:
            return NA_KEY
        for lv in self.levels:
            if wanted in {lv.key.casefold(), lv.label.casefold()}:
                return lv.key
        if wanted.isdigit() and 1 <= int(wanted) <= len(self.levels):
            return self.levels[int(wanted) - 1].key
        if not self.levels:
            raise ValueError(f"The {self.name} scale has no ratings; add a comment instead.")
        choices = ", ".join(self.keys())
        raise ValueError(f"'{given}' is not a rating this framework uses; choose one of: {choices}.")


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    area_id: str
    prompts: tuple[str, ...] = ()
    look_fors: tuple[str, ...] = ()
    # Rubric level descriptors: (level key, what that level looks like here), in the
    # scale's order. Most frameworks have none.
    descriptors: tuple[tuple[str, str], ...] = ()

    def descriptor(self, key: str | None) -> str:
        for k, text in self.descriptors:
            if k == key:
                return text
        return ""


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    summary: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Respondent:
    id: str
    label: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    version: str
    audience: str
    description: str
    scale: Scale
    areas: tuple[Area, ...]
    short_name: str = ""
    publisher: str = ""
    respondents: tuple[Respondent, ...] = (Respondent("school", "The school"),)
    # What a review with this framework looks at: one school (the usual case), a
    # trust, or a local area (see SUBJECTS).
    subject: str = "school"
    source: str = ""  # where it was read from; not part of the content

    def statements(self) -> list[Statement]:
        return [s for a in self.areas for s in a.statements]

    def statement(self, statement_id: str) -> Statement:
        for s in self.statements():
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)

    def area(self, area_id: str) -> Area:
        for a in self.areas:
            if a.id == area_id:
                return a
        raise KeyError(area_id)

    def content(self) -> dict[str, Any]:
        """The framework as plain data (what a review freezes).

        Optional parts a framework does not use are left out, so a framework that
        has no descriptors and reviews one school keeps the content hash it had
        before those parts existed (its reviews' frozen copies still match)."""
        data = asdict(self)
        data.pop("source")
        if data.get("subject") == SUBJECT_SCHOOL:
            data.pop("subject")
        for area in data["areas"]:
            for st in area["statements"]:
                pairs = st.pop("descriptors")
                if pairs:
                    st["descriptors"] = {k: v for k, v in pairs}
        return data

    def content_hash(self) -> str:
        blob = json.dumps(self.content(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    @classmethod
    def from_content(cls, data: dict[str, Any], source: str = "") -> "Framework":
        scale = data["scale"]
        return cls(
            id=data["id"], name=data["name"], version=data["version"],
            audience=data["audience"], description=data["description"],
            short_name=data.get("short_name", ""), publisher=data.get("publisher", ""),
            scale=Scale(id=scale["id"], name=scale["name"], allow_na=scale["allow_na"],
                        na_label=scale["na_label"],
                        levels=tuple(Level(**lv) for lv in scale["levels"])),
            areas=tuple(Area(id=a["id"], title=a["title"], summary=a["summary"],
                             statements=tuple(Statement(
                                 id=s["id"], text=s["text"], area_id=s["area_id"],
                                 prompts=tuple(s["prompts"]),
                                 look_fors=tuple(s["look_fors"]),
                                 descriptors=_in_scale_order(s.get("descriptors"), scale))
                                 for s in a["statements"]))
                        for a in data["areas"]),
            respondents=tuple(Respondent(**r) for r in data["respondents"]),
            subject=data.get("subject", SUBJECT_SCHOOL),
            source=source,
        )


def _in_scale_order(descriptors: dict[str, str] | None, scale: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Descriptors lowest level first, whatever order the stored copy kept its keys in
    (the database may sort them)."""
    if not descriptors:
        return ()
    order = [lv["key"] for lv in scale["levels"]]
    return tuple((k, descriptors[k]) for k in sorted(descriptors, key=lambda k: (
        order.index(k) if k in order else len(order), k)))


class _Checker:
    """Walks the parsed file, naming the place of the first problem it meets."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.text = text

    def fail(self, place: str, problem: str, near: str | None = None) -> NoReturn:
        line = self._line_of(near) if near else None
        if line:
            place = f"line {line} ({place})" if place else f"line {line}"
        raise FrameworkError(self.source, place, problem)

    def _line_of(self, needle: str) -> int | None:
        pattern = re.compile(r'^\s*id\s*=\s*["\']' + re.escape(needle) + r'["\']', re.M)
        m = pattern.search(self.text)
        return self.text.count("\n", 0, m.start()) + 1 if m else None

    def string(self, table: dict[str, Any], key: str, place: str, *, required: bool = True,
               near: str | None = None, limit: int = 2000) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(place, f"'{key}' is missing", near)
            return ""
        if not isinstance(value, str):
            self.fail(place, f"'{key}' must be text in quotes", near)
        value = value.strip()
        if required and not value:
            self.fail(place, f"'{key}' is empty", near)
        if len(value) > limit:
            self.fail(place, f"'{key}' is longer than {limit} characters", near)
        return value

    def strings(self, table: dict[str, Any], key: str, place: str, near: str | None = None) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(place, f"'{key}' must be a list of non-empty texts", near)
        return tuple(v.strip() for v in value)


def parse(text: str, source: str) -> Framework:
    """Validate the text of a framework file and build the Framework."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"^(.*) \(at (line \d+, column \d+|end of document)\)$", str(exc))
        detail, place = (m.group(1), m.group(2)) if m else (str(exc), "")
        raise FrameworkError(source, place, f"this is not valid TOML ({detail}); check the "
                                            f"quotes and brackets there") from None
    c = _Checker(source, text)

    fmt = data.get("format")
    if fmt != FORMAT_VERSION:
        c.fail("top of file", f"'format' must be {FORMAT_VERSION} (found {fmt!r})")
    fid = c.string(data, "id", "top of file")
    if not _ID_RE.match(fid):
        c.fail("top of file", f"id '{fid}' may only use lower-case letters, digits and hyphens")
    # Checked in the order they appear in a file, so fixes go from the top down.
    head = {"name": c.string(data, "name", "top of file", limit=200),
            "short_name": c.string(data, "short_name", "top of file", required=False, limit=60),
            "version": c.string(data, "version", "top of file", limit=40),
            "audience": c.string(data, "audience", "top of file"),
            "description": c.string(data, "description", "top of file"),
            "publisher": c.string(data, "publisher", "top of file", required=False, limit=200)}
    subject = c.string(data, "subject", "top of file", required=False, limit=40) or SUBJECT_SCHOOL
    if subject not in SUBJECTS:
        c.fail("top of file", f"'subject' must be one of {', '.join(SUBJECTS)} (found '{subject}')")
    head["subject"] = subject

    respondents: tuple[Respondent, ...] = (Respondent("school", "The school"),)
    if "respondents" in data:
        raw = data["respondents"]
        if not isinstance(raw, list) or not raw:
            c.fail("respondents", "must be a list of { id = ..., label = ... } entries")
        items = []
        for i, r in enumerate(raw, 1):
            if not isinstance(r, dict):
                c.fail(f"respondent {i}", "must be { id = ..., label = ... }")
            rid = c.string(r, "id", f"respondent {i}")
            if not _ID_RE.match(rid):
                c.fail(f"respondent {i}", f"id '{rid}' may only use lower-case letters, digits and hyphens")
            items.append(Respondent(rid, c.string(r, "label", f"respondent {i}")))
        if len({r.id for r in items}) != len(items):
            c.fail("respondents", "two respondents share an id")
        respondents = tuple(items)

    raw_scale = data.get("scale")
    if not isinstance(raw_scale, dict):
        c.fail("[scale]", "the rating scale table is missing")
    allow_na = raw_scale.get("allow_na", False)
    if not isinstance(allow_na, bool):
        c.fail("[scale]", "'allow_na' must be true or false")
    raw_levels = raw_scale.get("levels")
    if not isinstance(raw_levels, list):
        c.fail("[scale]", "'levels' must be a list (an empty list means comments only, no ratings)")
    levels = []
    for i, lv in enumerate(raw_levels, 1):
        place = f"[scale] level {i}"
        if not isinstance(lv, dict):
            c.fail(place, "must be { key = ..., label = ... }")
        key = c.string(lv, "key", place, limit=40)
        if key == NA_KEY:
            c.fail(place, f"'{NA_KEY}' is reserved for 'not applicable'; use allow_na = true instead")
        levels.append(Level(key, c.string(lv, "label", place, limit=120),
                            c.string(lv, "description", place, required=False)))
    if len({lv.key for lv in levels}) != len(levels):
        c.fail("[scale]", "two levels share a key")
    scale = Scale(id=c.string(raw_scale, "id", "[scale]"), name=c.string(raw_scale, "name", "[scale]"),
                  levels=tuple(levels), allow_na=allow_na,
                  na_label=c.string(raw_scale, "na_label", "[scale]", required=False) or "Not applicable")

    raw_areas = data.get("areas")
    if not isinstance(raw_areas, list) or not raw_areas:
        c.fail("areas", "there must be at least one [[areas]] table")
    areas, seen_areas, seen_statements = [], set(), set()
    for ai, ra in enumerate(raw_areas, 1):
        place = f"area {ai}"
        aid = c.string(ra, "id", place)
        if not _REF_RE.match(aid):
            c.fail(place, f"area id '{aid}' should be short, like \"1\" or \"4a\"", aid)
        if aid in seen_areas:
            c.fail(place, f"area id '{aid}' is used twice", aid)
        seen_areas.add(aid)
        title = c.string(ra, "title", f"area {aid}", near=aid, limit=200)
        raw_statements = ra.get("statements")
        if not isinstance(raw_statements, list) or not raw_statements:
            c.fail(f"area {aid} ('{title}')", "it has no statements ([[areas.statements]])", aid)
        statements = []
        for si, rs in enumerate(raw_statements, 1):
            splace = f"area {aid}, statement {si}"
            sid = c.string(rs, "id", splace, near=aid)
            if not _REF_RE.match(sid):
                c.fail(splace, f"statement id '{sid}' should be short, like \"{aid}.{si}\"", sid)
            if sid in seen_statements:
                c.fail(f"statement {sid}", "this statement id is used twice", sid)
            seen_statements.add(sid)
            statements.append(Statement(
                id=sid, area_id=aid,
                text=c.string(rs, "text", f"statement {sid}", near=sid),
                prompts=c.strings(rs, "prompts", f"statement {sid}", sid),
                look_fors=c.strings(rs, "look_fors", f"statement {sid}", sid),
                descriptors=_descriptors(c, rs, sid, scale)))
        areas.append(Area(aid, title, c.string(ra, "summary", f"area {aid}", required=False), tuple(statements)))

    return Framework(id=fid, **head, scale=scale, areas=tuple(areas), respondents=respondents,
                     source=source)


def _descriptors(c: _Checker, rs: dict[str, Any], sid: str, scale: Scale) -> tuple[tuple[str, str], ...]:
    """A statement's optional rubric: what each level of the scale looks like."""
    raw = rs.get("descriptors")
    if raw is None:
        return ()
    place = f"statement {sid}"
    if not isinstance(raw, dict):
        c.fail(place, "'descriptors' must be a table like { emerging = \"...\" }", sid)
    if raw and not scale.levels:
        c.fail(place, "'descriptors' describe rating levels, but the scale has none", sid)
    known = [lv.key for lv in scale.levels]
    for key in raw:
        if key not in known:
            c.fail(place, f"descriptor '{key}' is not a level of the scale; use one of: "
                          f"{', '.join(known)}", sid)
    for key, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            c.fail(place, f"descriptor '{key}' must be non-empty text in quotes", sid)
        if len(text.strip()) > 2000:
            c.fail(place, f"descriptor '{key}' is longer than 2000 characters", sid)
    return tuple((k, raw[k].strip()) for k in known if k in raw)


MAX_FILE_BYTES = 2_000_000


def load_file(path: Path) -> Framework:
    path = Path(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FrameworkError(name, "", "the file is too large to be a framework (over 2 MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise FrameworkError(name, "", f"the file cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError(name, f"byte {exc.start}", "the file is not UTF-8 text") from None
    return parse(text, name)


def builtin_dir() -> Traversable:
    return resources.files("wss_desktop.resources").joinpath("frameworks")


@dataclass
class Library:
    """The frameworks a user can start a review with: shipped ones, then theirs."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)   # id -> "built-in" | "user"
    problems: list[FrameworkError] = field(default_factory=list)

    @classmethod
    def load(cls, user_dir: Path | None = None) -> "Library":
        lib = cls()
        for entry in sorted(builtin_dir().iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                fw = parse(entry.read_text(encoding="utf-8"), entry.name)
                lib.frameworks[fw.id] = fw
                lib.origins[fw.id] = "built-in"
        if user_dir and Path(user_dir).is_dir():
            for path in sorted(Path(user_dir).glob("*.toml")):
                try:
                    fw = load_file(path)
                except FrameworkError as exc:
                    lib.problems.append(exc)
                    continue
                # A user file with a shipped id is that framework, white-labelled.
                lib.frameworks[fw.id] = fw
                lib.origins[fw.id] = "user"
        return lib

    def get(self, framework_id: str) -> Framework:
        try:
            return self.frameworks[framework_id]
        except KeyError:
            known = ", ".join(sorted(self.frameworks))
            raise UserError(f"There is no framework '{framework_id}'. Known frameworks: {known}.") from None


# --- writing framework files --------------------------------------------------------

def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are all valid TOML; DEL is not allowed raw)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _q(key)


def _list(items: list[str]) -> str:
    if not items:
        return "[]"
    return "[\n" + "".join(f"  {_q(x)},\n" for x in items) + "]"


def to_toml(data: dict[str, Any]) -> str:
    """Write framework content (as `Framework.content()` gives it, or as the editor
    holds it) as the text of a framework file. `parse(to_toml(fw.content()))` gives
    back the same framework; the editor validates by doing exactly that, so its
    messages are the ones `wss-desktop frameworks check` gives for the saved file."""
    out = [f"format = {FORMAT_VERSION}", f"id = {_q(data.get('id', ''))}"]
    for key in ("name", "short_name", "version", "audience", "description", "publisher",
                "subject"):
        value = data.get(key)
        if value or key in ("name", "version", "audience", "description"):
            if key == "subject" and value == SUBJECT_SCHOOL:
                continue
            out.append(f"{key} = {_q(value or '')}")
    respondents = data.get("respondents") or []
    if respondents and [(r.get("id"), r.get("label")) for r in respondents] != [("school", "The school")]:
        out.append("respondents = [")
        out += [f"  {{ id = {_q(r.get('id', ''))}, label = {_q(r.get('label', ''))} }},"
                for r in respondents]
        out.append("]")
    scale = data.get("scale") or {}
    out += ["", "[scale]", f"id = {_q(scale.get('id', ''))}", f"name = {_q(scale.get('name', ''))}",
            f"allow_na = {'true' if scale.get('allow_na') else 'false'}"]
    if scale.get("na_label"):
        out.append(f"na_label = {_q(scale['na_label'])}")
    out.append("levels = [")
    for lv in scale.get("levels") or []:
        desc = f", description = {_q(lv['description'])}" if lv.get("description") else ""
        out.append(f"  {{ key = {_q(lv.get('key', ''))}, label = {_q(lv.get('label', ''))}{desc} }},")
    out.append("]")
    for area in data.get("areas") or []:
        out += ["", "[[areas]]", f"id = {_q(area.get('id', ''))}", f"title = {_q(area.get('title', ''))}"]
        if area.get("summary"):
            out.append(f"summary = {_q(area['summary'])}")
        for st in area.get("statements") or []:
            out += ["", "[[areas.statements]]", f"id = {_q(st.get('id', ''))}",
                    f"text = {_q(st.get('text', ''))}"]
            for key in ("prompts", "look_fors"):
                if st.get(key):
                    out.append(f"{key} = {_list(list(st[key]))}")
            desc = st.get("descriptors")
            if desc:
                pairs = desc.items() if isinstance(desc, dict) else desc
                out.append("descriptors = { " + ", ".join(f"{_key(k)} = {_q(v)}" for k, v in pairs) + " }")
    return "\n".join(out) + "\n"


def editable(fw: Framework) -> dict[str, Any]:
    """The framework's content as plain lists and dicts, for the editor and importers
    to change in place (`to_toml` writes it back)."""
    copied: dict[str, Any] = json.loads(json.dumps(fw.content(), ensure_ascii=False))
    return copied


def copy_framework(fw: Framework, new_id: str, name: str, *, publisher: str = "",
                   version: str = "1.0") -> dict[str, Any]:
    """The content of a white-label copy: a new id, name, publisher and version, the
    same areas, statements and scale. The caller saves it (`to_toml`)."""
    if not _ID_RE.match(new_id):
        raise FrameworkError("your copy", "id", f"id '{new_id}' may only use lower-case letters, "
                                                "digits and hyphens (for example acme-send)")
    data = editable(fw)
    data.update(id=new_id, name=name.strip() or fw.name, version=version,
                publisher=publisher.strip() or data.get("publisher", ""))
    data["short_name"] = "" if name.strip() else data.get("short_name", "")
    return data


def renumber(data: dict[str, Any]) -> dict[str, Any]:
    """Number areas 1, 2, ... and statements area.1, area.2, ... in their present
    order (ids are what reviews and reports cite, so the editor asks first)."""
    for ai, area in enumerate(data.get("areas") or [], 1):
        area["id"] = str(ai)
        for si, st in enumerate(area.get("statements") or [], 1):
            st["id"] = f"{ai}.{si}"
            st["area_id"] = str(ai)
    return data


def save_user_framework(data: dict[str, Any], folder: Path) -> Path:
    """Validate and write a framework into the user's frameworks folder (atomically:
    a bad framework leaves the folder as it was). Returns the file written."""
    folder = Path(folder)
    text = to_toml(data)
    fw = parse(text, f"{data.get('id') or 'framework'}.toml")
    folder.mkdir(parents=True, exist_ok=True)
    return save_bytes(folder / f"{fw.id}.toml", text.encode("utf-8"), "the framework")


def export_toml(data: dict[str, Any], path: str | Path) -> Path:
    """Write a framework as a TOML file where the user chose, checked first (a framework
    that would not load is not written)."""
    target = Path(path)
    text = to_toml(data)
    parse(text, str(path))
    return save_bytes(target, text.encode("utf-8"), "the framework file")


def blank_bundle(fw: Framework, school_name: str = "Your school") -> ReviewBundle:
    """A review with nothing filled in, for previewing a framework as the printed
    self-evaluation form and as the grid before any review uses it."""
    from .model import Review, ReviewBundle
    review = Review(id="preview", school_name=school_name, framework_id=fw.id,
                    framework_version=fw.version, framework_hash=fw.content_hash(),
                    review_type="self", subject=None if fw.subject == SUBJECT_SCHOOL else fw.subject)
    return ReviewBundle(review=review, framework=fw, reviewers=[], stages={}, self_assessments=[],
                        judgements={}, evidence=[], links=[], actions=[], action_notes=[],
                        documents=[], snapshot=None)
