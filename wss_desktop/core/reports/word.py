"""A Word copy of each report (python-docx), for reviewers who finish a report in Word.

It says what the PDF says (the same drafted paragraphs, findings, actions and evidence,
from content.py) in a document built to be edited: real heading styles (so Word's
navigation pane and contents work), tables whose header row repeats on each page,
alt text on every chart and photo, the branding (logo, accent colour on headings,
organisation and footer), UK English as the document language. There is no DRAFT
watermark in an editable file; the status is written on the first page and in the
header instead.

Charts are drawn with Pillow, as pictures whose alt text gives every rating, so a
reader who cannot see them loses nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .. import subject
from ..errors import UserError
from ..files import IF_IN_A_WORD_PROCESSOR, check_target, save_bytes
from ..frameworks import NA_KEY
from ..model import Action, ActionStatus, ReviewBundle, ReviewType, Stage
from . import content as c
from . import survey_sections as voices
from .options import SECTIONS, Cancelled, Progress, ReportKind, ReportOptions, ReportResult
from .text import join_words, plural, uk_date

TITLES = {ReportKind.FULL: "SEND review report",
          ReportKind.SUMMARY: "Summary for governors and leaders",
          ReportKind.SELF_EVALUATION: "Self-evaluation summary",
          ReportKind.FOLLOW_UP: "Follow-up report"}
REFLECTION_NOTE = (
    "A SEND review is a reflection, not an inspection. It gives the school an outside view "
    "of how well it provides for pupils with special educational needs and disabilities, "
    "so that leaders can build on what works and agree clear next steps. Pupils are "
    "referred to by initials or codes only.")
SCHOOL_COLOUR = (0xB3, 0x59, 0x00)
REVIEWER_COLOUR = (0x1B, 0x3A, 0x57)
SUMMARY_ACTIONS = 8


class _Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__("The report was cancelled; no file was written.")


def render_docx(bundle: ReviewBundle, options: ReportOptions, path: str | os.PathLike[str], *,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> ReportResult:
    """Write one report as a Word document at `path` (see engine.render for the rules:
    the file appears only when complete; problems a user can fix raise UserError)."""
    from .blocks import ReportCancelled

    kind = options.checked_kind()
    options = dataclasses.replace(options, kind=kind, branding=options.branding.checked())
    target = Path(path)
    check_target(target, "report.docx", "the Word copy")
    say = progress or (lambda done, total, message: None)
    stop = cancelled or (lambda: False)
    w = _Writer(bundle, options, kind, say, stop)
    try:
        w.build()
    except _Cancelled:
        raise ReportCancelled() from None
    out = io.BytesIO()
    w.doc.save(out)
    save_bytes(target, out.getvalue(), "the Word copy", advice=IF_IN_A_WORD_PROCESSOR)
    say(1, 1, "Done")
    return ReportResult(path=target, kind=kind, pages=0, warnings=list(dict.fromkeys(w.warnings)))


class _Writer:
    def __init__(self, b: ReviewBundle, options: ReportOptions, kind: ReportKind,
                 say: Progress, stop: Cancelled):
        self.b = b
        self.options = options
        self.kind = kind
        self.say = say
        self.stop = stop
        self.warnings: list[str] = []
        self.today = options.today or dt.date.today()
        self.accent = RGBColor.from_string(options.branding.accent.lstrip("#").upper())
        self.doc = Document()
        self._style_ids: dict[str, str] = {}
        self._setup()

    # --- document set-up ------------------------------------------------------------

    def _setup(self) -> None:
        doc = self.doc
        b = self.b
        props = doc.core_properties
        props.title = f"{TITLES[self.kind]}: {b.review.school_name}"
        props.subject = f"{self.kind.label} for {b.review.school_name}"
        props.author = (", ".join(p.name for p in b.reviewers)
                        or self.options.branding.organisation or "WSS Review Desktop")
        props.keywords = f"SEND review; {self.kind.value}"
        props.language = "en-GB"
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(20))
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        normal = doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(16 if self.options.large_print else 11)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-GB")
        rpr.append(lang)
        for level in range(1, 4):
            style = doc.styles[f"Heading {level}"]
            style.font.color.rgb = self.accent
            style.font.name = "Arial"
            if self.options.large_print:
                style.font.size = Pt((24, 20, 18)[level - 1])
        doc.styles["Title"].font.color.rgb = self.accent
        head = section.header.paragraphs[0]
        head.text = c.running_header(b.review.school_name, self.kind, lambda t: True) + \
            ("" if self.options.checked else " \u00b7 Draft for checking")
        foot = section.footer.paragraphs[0]
        foot.text = (self.options.branding.footer or self.options.branding.organisation
                     or "Made with WSS Review Desktop")

    def note(self, message: str) -> None:
        if self.stop():
            raise _Cancelled()
        self.say(0, 0, message)

    # --- small builders ---------------------------------------------------------------

    def styled(self, text: str, style: str | None) -> None:
        """A paragraph in a named style. The style's id is looked up once per document:
        python-docx searches the style list on every call otherwise, which was half
        the time of a full report."""
        p = self.doc.add_paragraph(text)
        if style:
            style_id = self._style_ids.get(style)
            if style_id is None:
                style_id = self._style_ids[style] = self.doc.styles[style].style_id
            p._p.get_or_add_pPr().style = style_id

    def heading(self, text: str, level: int) -> None:
        self.styled(" ".join(str(text).split()), "Title" if level == 0 else f"Heading {level}")

    def para(self, text: str, style: str | None = None) -> None:
        if text and text.strip():
            self.styled(text.strip(), style)

    def rich(self, text: str) -> None:
        """Plain text as typed in the reporting screen: blank lines part paragraphs and
        lines starting "- " are bullets."""
        para: list[str] = []

        def flush() -> None:
            if para:
                self.doc.add_paragraph(" ".join(para))
                para.clear()

        for line in (text or "").splitlines():
            stripped = line.strip()
            if not stripped:
                flush()
            elif stripped[:2] in ("- ", "* ") or stripped.startswith("\u2022"):
                flush()
                self.styled(stripped.lstrip("-*\u2022 ").strip(), "List Bullet")
            else:
                para.append(stripped)
        flush()

    def labelled(self, label: str, text: str) -> None:
        if not (text or "").strip():
            return
        p = self.doc.add_paragraph()
        p.add_run(label + " ").bold = True
        p.add_run(" ".join(text.split()))

    def table(self, header: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        head = t.rows[0]
        tr_pr = head._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")   # the header row repeats on each page
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, text in zip(head.cells, header):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = str(value or "")
        if widths:
            total = sum(widths)
            for row in t.rows:
                for cell, share in zip(row.cells, widths):
                    cell.width = Mm(170 * share / total)
        self.doc.add_paragraph()

    def picture(self, data: bytes, width_mm: float, alt: str) -> None:
        shape = self.doc.add_picture(io.BytesIO(data), width=Mm(width_mm))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt[:120])

    # --- the parts every kind shares ----------------------------------------------------

    def cover(self, title: str, details: list[tuple[str, str]], note: str) -> None:
        branding = self.options.branding
        if branding.logo_path:
            data = self._image(branding.logo_path, 800, "PNG", "logo", branding.logo_load)
            if data is not None:
                self.picture(data[0], 50, f"Logo of {branding.organisation or 'the organisation'}")
        if branding.organisation:
            self.para(branding.organisation, "Subtitle")
        self.styled(f"{title}: {self.b.review.school_name}", "Title")
        if self.b.review.trust_or_la:
            self.para(self.b.review.trust_or_la)
        rows = [[k, v] for k, v in details if v]
        if rows:
            self.table(["About this report", ""], rows, [1, 2.4])
        if self.options.checked:
            who = f" by {self.options.checked_by}" if self.options.checked_by else ""
            when = f" on {uk_date(self.options.checked_on)}" if self.options.checked_on else ""
            self.doc.add_paragraph().add_run(f"Checked{who}{when}.").bold = True
        else:
            p = self.doc.add_paragraph()
            p.add_run("Draft for checking. ").bold = True
            p.add_run("This report has not yet been checked, so it may still change. Please "
                      "do not circulate it beyond the school's leaders.")
        self.para(note)

    def review_details(self) -> list[tuple[str, str]]:
        b = self.b
        r = b.review
        people = "; ".join(", ".join(x for x in (p.name, p.role, p.organisation) if x)
                           for p in b.reviewers)
        try:
            rtype = ReviewType(r.review_type).label
        except ValueError:
            rtype = r.review_type
        return [("Date of visit", uk_date(r.date_visit, "") if r.date_visit else ""),
                ("Reviewers", people), ("Type of review", rtype),
                ("Framework", f"{b.framework.name} (version {b.framework.version})"),
                ("Requested by", r.requested_by or ""), ("Report date", uk_date(self.today))]

    def scale_table(self) -> None:
        scale = self.b.framework.scale
        rows = [[lv.label, lv.description] for lv in scale.levels]
        if scale.allow_na:
            rows.append([scale.na_label, "The statement does not apply to this school."])
        self.table(["Rating", "What it means"], rows, [1, 3])

    def school_and_data(self) -> None:
        r = self.b.review
        rows = [["School", r.school_name], ["URN", r.urn or ""],
                ["Phase", (r.phase or "").replace("-", " ").capitalize()],
                ["Setting", (r.setting or "").replace("-", " ").capitalize()],
                ["Trust or local authority", r.trust_or_la or ""]]
        self.table(["About the school", ""], [row for row in rows if row[1]], [1, 2])
        s = self.b.snapshot
        if s is None:
            self.para("The school's data has not been recorded for this review.")
            return

        def share(n: int | None) -> str:
            if n is None:
                return ""
            return f"{n} ({n / s.on_roll:.1%} of pupils)" if s.on_roll else str(n)

        def pct(v: float | None) -> str:
            return "" if v is None else f"{v:g}%"

        rows = [["Pupils on roll", "" if s.on_roll is None else str(s.on_roll)],
                ["Pupils on SEN Support", share(s.sen_support)],
                ["Pupils with an EHC plan", share(s.ehcp)],
                ["Attendance of pupils with SEND", pct(s.attendance_pct)],
                ["Persistent absence of pupils with SEND", pct(s.persistent_absence_pct)],
                ["Suspensions", "" if s.suspensions is None else str(s.suspensions)],
                ["Permanent exclusions",
                 "" if s.permanent_exclusions is None else str(s.permanent_exclusions)]]
        self.table(["The school's data", "Figure"], [row for row in rows if row[1]], [2, 1])
        self.rich(s.notes)

    def chart(self, rows: list[tuple[str, list[str | None]]],
              series: list[tuple[tuple[int, int, int], str]], what: str) -> None:
        """Bars of ratings as a picture, with alt text giving every rating."""
        scale = self.b.framework.scale
        if not scale.levels or not rows:
            return
        alt_parts = []
        for label, keys in rows:
            said = "; ".join(f"{name}: {c.rating_text(self.b, k)}"
                             for (_, name), k in zip(series, keys))
            alt_parts.append(f"{label}: {said}")
        alt = f"Bar chart of {what}. " + ". ".join(alt_parts) + "."
        self.picture(_bar_chart(rows, series, [lv.label for lv in scale.levels],
                                scale.position), 160, alt)

    def _image(self, path_s: str, max_px: int, fmt: str, what: str,
               load: Callable[[], bytes] | None = None) -> tuple[bytes, int, int] | None:
        from .blocks import _downscaled
        path = Path(path_s)
        try:
            return _downscaled(io.BytesIO(load()) if load is not None else path, max_px, fmt)
        except FileNotFoundError:
            self.warnings.append(f"The {what} file {path.name} could not be found and was left out.")
        except Exception:  # Pillow raises many kinds for a damaged or foreign file
            self.warnings.append(f"The {what} file {path.name} could not be read as an image "
                                 f"and was left out.")
        return None

    # --- the kinds ------------------------------------------------------------------------

    def build(self) -> None:
        self.note("Gathering the review")
        getattr(self, f"_{self.kind.value.replace('-', '_')}")()

    def _sections(self, builders: dict[str, Any]) -> None:
        for sid, heading in SECTIONS[self.kind]:
            if sid in builders and self.options.includes(sid):
                self.note(f"Writing \u201c{heading}\u201d")
                self.heading(heading, 1)
                builders[sid]()

    def _full(self) -> None:
        self.cover(TITLES[ReportKind.FULL], self.review_details(), REFLECTION_NOTE)
        builders = {"about": self._about, "context": self.school_and_data,
                    "summary": self._summary_section, "findings": self._findings,
                    "learning-walk": self._learning_walk, "actions": self._actions,
                    "evidence": self._evidence}
        if self.options.photos:
            builders["photos"] = self._photos
        self._sections(builders)

    def _about(self) -> None:
        b = self.b
        self.heading("Why the review was asked for", 2)
        self.rich(b.review.purpose) if b.review.purpose.strip() else \
            self.para("The purpose of the review has not been recorded.")
        self.heading("What the review covered", 2)
        self.para(f"The review used {c.framework_name(b)} and looked at {c.scope_words(b)}:")
        for a in c.areas_in_scope(b):
            self.para(_area_heading(a.id, a.title), "List Bullet")
        if b.evidence:
            self.para(f"The findings draw on {c.evidence_counts(b)}. Each finding cites the "
                      f"evidence behind it by reference (for example LW1 for the first "
                      f"learning-walk visit); the appendix lists every item.")
        received = [d for d in b.documents if d.status == "received"]
        if received:
            self.para("Before the visit the school shared: "
                      + join_words([d.title for d in received]) + ".")
        if b.framework.scale.rated:
            self.heading("How to read the ratings", 2)
            self.para(f"Both {voices.rater_words(b)} and the reviewers rated each statement on the "
                      f"{b.framework.scale.name.lower()}. The ratings describe how established "
                      f"practice is; they are not grades.")
            self.scale_table()

    def _summary_section(self) -> None:
        paras = c.paragraphs(self.b, self.options.paragraphs)
        self.rich(paras["overview"])
        self.heading("Strengths", 2)
        self.rich(paras["strengths"])
        self.heading("Areas for development", 2)
        self.rich(paras["development"])

    def _findings(self) -> None:
        b = self.b
        scale = b.framework.scale
        refs = b.evidence_refs()
        by_statement = c.actions_by_statement(b, c.numbered_actions(b))
        intro = voices.findings_intro(b) or (
            "For each area, the chart compares the school's own rating of each statement "
            "with the reviewer's. Beneath it, each statement has the reviewer's findings "
            "and the evidence they rest on.")
        self.para(intro + " " + c.unlinked_note(b))
        for area in c.areas_in_scope(b):
            self.note(f"Writing the findings for area {area.id}")
            self.heading(_area_heading(area.id, area.title), 2)
            self.para(area.summary)
            rows = [(s.id, [*voices.school_keys(b, s.id, c.school_rating(b, s.id)),
                            c.reviewer_rating(b, s.id)]) for s in area.statements]
            if scale.rated and any(scale.position(k) is not None for _, ks in rows for k in ks):
                series = voices.chart_series(b, (SCHOOL_COLOUR, "School's self-evaluation"))
                what = (f"{subject.noun(b.review)}'s and the reviewer's ratings" if len(series) == 1
                        else "each group's middle answer and the reviewer's rating")
                self.chart(rows, [*series, (REVIEWER_COLOUR, "Reviewer's judgement")],
                           f"{what} in area {area.id}")
            for s in area.statements:
                j = b.judgements.get(s.id)
                self.heading(f"{s.id} {s.text}", 3)
                if scale.rated:
                    p = self.doc.add_paragraph()
                    for who, said in voices.school_parts(
                            b, s.id, c.rating_text(b, c.school_rating(b, s.id))):
                        p.add_run(f"{who}: ").bold = True
                        p.add_run(said + "   ")
                    p.add_run("Reviewer\u2019s judgement: ").bold = True
                    p.add_run(c.rating_text(b, j.rating if j else None))
                if (j is None or not (j.strengths.strip() or j.consider.strip())) and \
                        not (j and j.rating == NA_KEY):
                    self.para("The reviewer has not yet written findings for this statement.")
                if j is not None:
                    self.labelled("Strengths.", j.strengths)
                    self.labelled("Areas for consideration.", j.consider)
                cited = sorted((refs[e.id] for e in b.evidence_for_statement(s.id)), key=_ref_key)
                if cited:
                    self.labelled("Evidence:", ", ".join(cited))
                acts = by_statement.get(s.id, [])
                if acts:
                    self.labelled("Actions:", "; ".join(f"{ref} {a.title}" for ref, a in acts))

    def _learning_walk(self) -> None:
        w = c.learning_walk(self.b)
        if not w.visits:
            self.para("No learning-walk observations have been recorded for this review.")
            return
        dates = sorted({e.date for _, e in w.visits if e.date})
        when = f" on {join_words([uk_date(d) for d in dates])}" if dates else ""
        self.para(f"The reviewers made {c.counted(len(w.visits), 'learning-walk visit')}{when}, "
                  f"looking at how pupils with SEND take part in lessons and the support around "
                  f"them. " + c.walk_adults_sentence(w))
        self.heading("Rooms visited", 2)
        rows = [[ref, e.room or e.title,
                 " \u00b7 ".join(x for x in (e.year_group, e.subject) if x),
                 (e.start or "") + (f"\u2013{e.end}" if e.end else ""), c.walk_adults(e)]
                for ref, e in w.visits]
        self.table(["Ref", "Room", "Year group and subject", "Time", "Adults"], rows,
                   [0.8, 1.6, 2.6, 1.5, 1.5])
        self.heading("Visits by focus area", 2)
        self.table(["Area", "Visits"], [[_area_heading(a.id, a.title), str(n)]
                                        for a, n in w.per_area], [5, 1])
        self.heading("Look-fors seen", 2)
        if w.look_fors:
            self.table(["What the reviewers looked for and saw", "Rooms"],
                       [[lf, str(n)] for lf, n in w.look_fors], [5, 1])
        else:
            self.para("No look-fors were ticked during the visits.")
        if w.pupil_words:
            self.heading("In pupils\u2019 words", 2)
            for ref, quote in w.pupil_words:
                self.para(f"{quote} ({ref})", "Quote")

    def _actions(self) -> None:
        b = self.b
        self.rich(c.paragraphs(b, self.options.paragraphs)["next_steps"])
        self.heading("Action plan", 2)
        numbered = c.numbered_actions(b)
        if not numbered:
            self.para("No actions have been agreed yet.")
            return
        rows = []
        for ref, a in numbered:
            linked = c.linked_statements(b, a.id)
            detail = " \u00b7 ".join(x for x in (f"Priority: {a.priority}" if a.priority else "",
                                                 f"statements {', '.join(linked)}" if linked else "")
                                     if x)
            rows.append([ref, a.title + (f"\n{detail}" if detail else ""),
                         a.owner or "To be agreed", uk_date(a.due, "To be agreed"),
                         a.success_criteria or "To be agreed"])
        self.table(["Ref", "Action", "Owner", "By when", "Success criteria"], rows,
                   [0.62, 2.5, 2.0, 1.6, 2.5])

    def _photos(self) -> None:
        shown = 0
        for ph in self.options.photos:
            data = self._image(ph.path, 1000, "JPEG", "photo")
            if data is None:
                continue
            caption = ph.caption or Path(ph.path).stem
            self.picture(data[0], 120, f"Photograph: {caption}")
            self.para(caption, "Caption")
            shown += 1
        self.para(f"{plural(shown, 'photograph')} taken during the visit. No pupil should be "
                  f"identifiable in them." if shown else "No photographs could be included.")

    def _evidence(self) -> None:
        b = self.b
        items = c.evidence_in_order(b)
        if not items:
            self.para("No evidence has been recorded for this review yet.")
            return
        self.para("Every piece of evidence the findings draw on, with the reference used to cite "
                  "it. Learning walks are LW, meetings M, documents D, data DA, pupil voice PV, "
                  "parent voice FV, staff voice SV and book looks BL.")
        current = None
        for ref, e in items:
            label = c.evidence_label(e.kind)
            if label != current:
                current = label
                self.heading(label, 2)
            self.heading(f"{ref} {e.title or label}", 3)
            meta = [label, uk_date(e.date, ""), e.room or "", e.year_group or "", e.subject or "",
                    e.meeting_type or ""]
            self.para(" \u00b7 ".join(x for x in meta if x))
            self.rich(e.text)
            self.labelled("Support seen:", e.support)
            self.labelled("Strengths:", e.strengths)
            self.labelled("To consider:", e.consider)
            self.labelled("Pupils' words:", e.pupil_voice)
            if e.look_fors:
                self.labelled("Look-fors seen:", "; ".join(e.look_fors))
            linked = c.linked_statements(b, e.id)
            if linked:
                self.labelled("Linked to statements", ", ".join(linked))

    def _summary(self) -> None:
        b = self.b
        paras = c.paragraphs(b, self.options.paragraphs)
        titles = dict(SECTIONS[ReportKind.SUMMARY])
        branding = self.options.branding
        if branding.logo_path:
            data = self._image(branding.logo_path, 800, "PNG", "logo", branding.logo_load)
            if data is not None:
                self.picture(data[0], 45, f"Logo of {branding.organisation or 'the organisation'}")
        if branding.organisation:
            self.para(branding.organisation, "Subtitle")
        self.heading(f"{TITLES[ReportKind.SUMMARY]}: {b.review.school_name}", 0)
        who = ", ".join(p.name for p in b.reviewers)
        meta = [f"Review visit {uk_date(b.review.date_visit)}" if b.review.date_visit else "",
                f"Reviewers: {who}" if who else "",
                "Checked" if self.options.checked else "Draft for checking"]
        self.para(" \u00b7 ".join(m for m in meta if m))
        sections = {
            "overview": lambda: self.rich(paras["overview"]),
            "at-a-glance": self._at_a_glance,
            "strengths": lambda: self.rich(paras["strengths"]),
            "development": lambda: self.rich(paras["development"]),
            "actions": self._summary_actions,
        }
        for sid, _ in SECTIONS[ReportKind.SUMMARY]:
            if not self.options.includes(sid) or (sid == "at-a-glance"
                                                  and not b.framework.scale.rated):
                continue
            if sid != "overview":
                self.heading(titles[sid], 1)
            sections[sid]()
        self.para(REFLECTION_NOTE)

    def _at_a_glance(self) -> None:
        b = self.b
        rows = []
        views = voices.area_views(b)
        for area in c.areas_in_scope(b):
            ids = [s.id for s in area.statements]
            rows.append([_area_heading(area.id, area.title), *(view(ids) for _, view in views),
                         c.rating_text(b, c.typical(b, [c.reviewer_rating(b, i) for i in ids]))])
        if len(views) == 1:  # the school's own view says whose it is (the trust's, ...)
            views = [(f"{subject.title(b.review)}\u2019s view", views[0][1])]
        self.table(["Area", *(head for head, _ in views), "Reviewer\u2019s view"], rows,
                   [4.2] + [2.8 / (len(views) + 1)] * (len(views) + 1))
        self.para("Each view is the middle rating of the area\u2019s statements.")

    def _summary_actions(self) -> None:
        ranked = c.summary_actions(self.b)
        if not ranked:
            self.para("No actions have been agreed yet.")
            return
        self.table(["Ref", "Action", "Owner", "By when"],
                   [[ref, a.title, a.owner or "To be agreed", uk_date(a.due, "To be agreed")]
                    for ref, a in ranked[:SUMMARY_ACTIONS]], [0.5, 3.4, 1.8, 1.5])
        if len(ranked) > SUMMARY_ACTIONS:
            self.para(c.further_actions(len(ranked) - SUMMARY_ACTIONS))

    def _self_evaluation(self) -> None:
        b = self.b
        fw = b.framework
        stage = b.stages.get(Stage.SELF_EVALUATION)
        note = ("This summary records the school's own view of its provision for pupils with "
                "SEND, statement by statement, with where the evidence can be found. It is a "
                "starting point for reflection and for conversations with leaders, governors "
                "and any reviewer, not a judgement.")
        details = [("Completed by", join_words([r.label for r in fw.respondents])),
                   ("Framework", f"{fw.name} (version {fw.version})"),
                   ("Started", uk_date(stage.started, "") if stage and stage.started else ""),
                   ("Completed", uk_date(stage.completed, "") if stage and stage.completed else ""),
                   ("Report date", uk_date(self.today))]
        self.cover(TITLES[ReportKind.SELF_EVALUATION], details, note)

        def about() -> None:
            if stage and stage.notes.strip():
                self.heading("How it was done", 2)
                self.rich(stage.notes)
            self.heading("The school", 2)
            self.school_and_data()
            if fw.scale.rated:
                self.heading("The rating scale", 2)
                self.scale_table()

        def overview() -> None:
            if not fw.scale.rated:
                self.para(f"{fw.name} has no rating scale; the statements below carry the "
                          f"school's comments instead.")
                return
            rows = [(a.id, [c.typical(b, [c.school_rating(b, s.id) for s in a.statements])])
                    for a in c.areas_in_scope(b)]
            label = voices.typical_label(b)
            self.table(["Area", label.removesuffix(" for the area")],
                       [[_area_heading(a.id, a.title), c.rating_text(b, keys[0])]
                        for a, (_, keys) in zip(c.areas_in_scope(b), rows)], [4, 2])
            self.chart(rows, [(SCHOOL_COLOUR, label)],
                       label.lower().replace("typical rating for the area",
                                             "typical rating in each area"))

        def statements() -> None:
            for area in c.areas_in_scope(b):
                self.heading(_area_heading(area.id, area.title), 2)
                for s in area.statements:
                    self.heading(f"{s.id} {s.text}", 3)
                    answered = False
                    for resp in fw.respondents:
                        sa = b.self_assessment(s.id, resp.id)
                        if sa is None:
                            continue
                        answered = True
                        who = "" if len(fw.respondents) == 1 else f" ({resp.label})"
                        if fw.scale.rated:
                            self.labelled(f"Rating{who}:", c.rating_text(b, sa.rating))
                        self.labelled(f"Comment{who}:", sa.comment)
                        self.labelled("Where the evidence is:", sa.evidence_note)
                    if not answered:
                        self.para("Not yet self-evaluated.")

        def next_steps() -> None:
            edited = (self.options.paragraphs.get("next_steps") or "").strip()
            if edited:
                self.rich(edited)
                return
            todo = [s.id for s in c.statements_in_scope(b) if c.school_rating(b, s.id) is None
                    and not ((sa := b.self_assessment(s.id)) and sa.comment.strip())]
            if todo:
                self.para(f"{plural(len(todo), 'statement is', 'statements are')} still to be "
                          f"self-evaluated: {', '.join(todo)}.")
            self.para("Talk the ratings through with a colleague or reviewer: agreeing what the "
                      "evidence shows matters more than the rating itself.")

        self._sections({"about": about, "overview": overview, "statements": statements,
                        "next-steps": next_steps})

    def _follow_up(self) -> None:
        b = self.b
        details = self.review_details()
        details.insert(1, ("Progress as at", uk_date(self.today)))
        if b.review.date_next_review:
            details.append(("Next review", uk_date(b.review.date_next_review)))
        self.cover(TITLES[ReportKind.FOLLOW_UP], [d for d in details if d[0] != "Report date"],
                   REFLECTION_NOTE)
        numbered = c.numbered_actions(b)

        def late(a: Action) -> bool:
            return bool(a.due) and c.is_open(a) and (a.due or "") < self.today.isoformat()

        def overview() -> None:
            if not numbered:
                self.para("No actions were agreed at the review, so there is no progress to "
                          "report yet.")
                return
            done = sum(1 for _, a in numbered if a.status == ActionStatus.DONE.value)
            overdue = sum(1 for _, a in numbered if late(a))
            self.para(f"{plural(len(numbered), 'action was', 'actions were')} agreed at the "
                      f"review. As at {uk_date(self.today)}, {done} "
                      f"{'is' if done == 1 else 'are'} done"
                      + (f" and {plural(overdue, 'is', 'are')} past "
                         f"{'its' if overdue == 1 else 'their'} date." if overdue
                         else "; none is past its date."))
            self.table(["Ref", "Action", "Owner", "By when", "Status"],
                       [[ref, a.title, a.owner or "To be agreed", uk_date(a.due, "To be agreed"),
                         c.status_text(a.status) + (" (past its date)" if late(a) else "")]
                        for ref, a in numbered], [0.6, 2.8, 2.1, 1.6, 1.4])

        def actions() -> None:
            if not numbered:
                self.para("No actions have been agreed yet.")
            for ref, a in numbered:
                self.heading(f"{ref} {a.title}", 2)
                self.labelled("Owner:", a.owner or "to be agreed")
                self.labelled("By:", uk_date(a.due, "to be agreed")
                              + (" \u2014 past its date" if late(a) else ""))
                self.labelled("Status:", c.status_text(a.status))
                self.labelled("Success criteria:", a.success_criteria)
                notes = b.notes_of(a.id)
                if notes:
                    self.para("Progress")
                    for n in notes:
                        self.para(f"{uk_date(n.date, 'Undated')}: {n.text}", "List Bullet")
                else:
                    self.para("No progress has been recorded yet.")
                self.labelled("Impact:", a.impact)

        def visits() -> None:
            stage = b.stages.get(Stage.FOLLOW_UP)
            if stage and stage.notes.strip():
                self.rich(stage.notes)
            else:
                self.para("No follow-up visits or calls have been recorded yet.")

        def next_steps() -> None:
            edited = (self.options.paragraphs.get("next_steps") or "").strip()
            if edited:
                self.rich(edited)
                return
            still = [ref for ref, a in numbered if c.is_open(a)]
            self.para(f"{plural(len(still), 'action remains', 'actions remain')} open: "
                      f"{', '.join(still)}." if still else
                      "Every agreed action is complete or closed.")
            if b.review.date_next_review:
                self.para(f"The next review is planned for {uk_date(b.review.date_next_review)}.")

        self._sections({"overview": overview, "actions": actions, "visits": visits,
                        "next-steps": next_steps})


def _area_heading(area_id: str, title: str) -> str:
    return f"Area {area_id}: {title}" if len(area_id) <= 4 else title


def _ref_key(ref: str) -> tuple[str, int]:
    prefix = ref.rstrip("0123456789")
    return prefix, int(ref[len(prefix):] or 0)


def _bar_chart(rows: list[tuple[str, list[str | None]]],
               series: list[tuple[tuple[int, int, int], str]], level_labels: list[str],
               position: Callable[[str | None], int | None]) -> bytes:
    """Horizontal bars of ratings, drawn at print resolution with the report's font."""
    from PIL import Image, ImageDraw, ImageFont

    font_file = resources.files("wss_desktop.resources").joinpath("fonts/DejaVuSans.ttf")
    with resources.as_file(font_file) as font_path:
        font = ImageFont.truetype(str(font_path), 20)
    bar, gap, label_w, top, axis = 20, 16, 80, 46, 40
    width = 1200
    plot_w = width - label_w - 40
    height = top + len(rows) * (len(series) * bar + gap) + axis
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    steps = len(level_labels)
    x: float = label_w
    for colour, name in series:   # legend
        draw.rectangle([x, 10, x + 20, 30], fill=colour)
        draw.text((x + 28, 9), name, fill=(26, 26, 26), font=font)
        x += 28 + draw.textlength(name, font=font) + 40
    for i in range(steps + 1):   # grid
        gx = label_w + plot_w * i / steps
        draw.line([gx, top, gx, height - axis], fill=(217, 217, 217), width=2)
        if i:
            text = level_labels[i - 1]
            draw.text((gx - draw.textlength(text, font=font), height - axis + 10), text,
                      fill=(26, 26, 26), font=font)
    y = top
    for label, keys in rows:
        draw.text((10, y + 4), label, fill=(26, 26, 26), font=font)
        for (colour, _), key in zip(series, keys):
            p = position(key)
            if p is not None:
                draw.rectangle([label_w, y, label_w + plot_w * (p + 1) / steps, y + bar - 3],
                               fill=colour)
            y += bar
        y += gap
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=3)
    return out.getvalue()
