"""Sections that more than one kind of report prints in the same way."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import subject
from ..model import Evidence, EvidenceKind, Phase, Setting
from . import content as c
from .blocks import Context
from .text import plural, uk_date

REFLECTION_NOTE = (
    "A SEND review is a reflection, not an inspection. It gives the school an outside view "
    "of how well it provides for pupils with special educational needs and disabilities, "
    "so that leaders can build on what works and agree clear next steps. Pupils are "
    "referred to by initials or codes only.")


def labelled(ctx: Context, label: str, text: str, style: str = "statement_body") -> list[Flowable]:
    """A bold run-in label followed by the text; further paragraphs follow beneath."""
    blocks = ctx.cleaner.blocks(text)
    if not blocks:
        return []
    out: list[Flowable] = []
    first_kind, first = blocks[0]
    lead = f"<b>{ctx.esc(label)}</b> "
    if first_kind == "p":
        out.append(ctx.m(lead + first, style))
        rest = blocks[1:]
    else:
        out.append(ctx.m(lead, style))
        rest = blocks
    for kind, markup in rest:
        if kind == "bullet":
            out.append(ctx.m("\u2022 " + markup, style))
        else:
            out.append(ctx.m(markup, style))
    return out


def school_table(ctx: Context) -> list[Flowable]:
    r = ctx.bundle.review

    def label(value: str | None, enum: type) -> str:
        if not value:
            return ""
        try:
            return str(enum(value).value).replace("-", " ").capitalize()
        except ValueError:
            return value

    rows = [[subject.title(r), r.school_name], ["Member schools", ", ".join(subject.members(r))],
            ["URN", r.urn or ""],
            ["Phase", label(r.phase, Phase)], ["Setting", label(r.setting, Setting)],
            ["Trust or local authority", r.trust_or_la or ""]]
    return [ctx.table([f"About {subject.noun(r)}", ""], [row for row in rows if row[1]], [1, 2])]


def scale_table(ctx: Context) -> Flowable:
    scale = ctx.bundle.framework.scale
    rows = [[lv.label, lv.description] for lv in scale.levels]
    if scale.allow_na:
        rows.append([scale.na_label, "The statement does not apply to this school."])
    return ctx.table(["Rating", "What it means"], rows, [1, 3])


def snapshot_table(ctx: Context) -> list[Flowable]:
    s = ctx.bundle.snapshot
    if s is None:
        return [ctx.p("The school's data has not been recorded for this review.")]

    def share(n: int | None) -> str:
        if n is None:
            return ""
        if s.on_roll:
            return f"{n} ({n / s.on_roll:.1%} of pupils)"
        return str(n)

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
    out: list[Flowable] = [ctx.table(["The school's data", "Figure"],
                                     [row for row in rows if row[1]], [2, 1])]
    if s.notes.strip():
        out += [ctx.gap(0.5)] + ctx.rich(s.notes)
    return out


def evidence_meta(ctx: Context, e: Evidence) -> str:
    bits = [c.evidence_label(e.kind), uk_date(e.date, "")]
    if e.kind == EvidenceKind.LEARNING_WALK:
        bits += [e.room or "", e.year_group or "", e.subject or ""]
        if e.start:
            bits.append(e.start + (f"\u2013{e.end}" if e.end else ""))
        adults = []
        if e.teacher_present:
            adults.append("teacher present")
        if e.tas:
            adults.append(plural(e.tas, "TA"))
        bits.append(", ".join(adults))
    elif e.meeting_type:
        bits.append(e.meeting_type)
    return " \u00b7 ".join(x for x in bits if x)


def evidence_appendix(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    items = c.evidence_in_order(b)
    if not items:
        return [ctx.p("No evidence has been recorded for this review yet.")]
    out: list[Flowable] = [ctx.p(
        "Every piece of evidence the findings draw on, with the reference used to cite it. "
        "Learning walks are LW, meetings M, documents D, data DA, pupil voice PV, parent "
        "voice FV, staff voice SV and book looks BL.")]
    current = None
    for ref, e in items:
        label = c.evidence_label(e.kind)
        if label != current:
            current = label
            out.append(ctx.heading(label, 1))
        title = f"{ref}\u2003{e.title or label}"
        body: list[Flowable] = [
            ctx.heading(title, 2, reserve_lines=4,
                        markup=f"{ctx.anchor('ev', ref)}<b>{ctx.esc(ref)}</b>\u2003"
                               f"{ctx.esc(e.title or label)}"),
            ctx.m(f'<font color="#4d4d4d">{ctx.esc(evidence_meta(ctx, e))}</font>',
                  "statement_body")]
        body += ctx.rich(e.text, "statement_body") if e.text.strip() else []
        body += labelled(ctx, "Support seen:", e.support)
        body += labelled(ctx, "Strengths:", e.strengths)
        body += labelled(ctx, "To consider:", e.consider)
        body += labelled(ctx, "Pupils' words:", e.pupil_voice)
        if e.look_fors:
            body += labelled(ctx, "Look-fors seen:", "; ".join(e.look_fors))
        linked = c.linked_statements(b, e.id)
        if linked:
            body.append(ctx.m(f"<b>Linked to statements</b> {ctx.esc(', '.join(linked))}",
                              "statement_body"))
            body = ctx.keep_tail(body)
        out += body
    return out
