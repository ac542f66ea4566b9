"""The full review report: everything the review found, with the evidence behind it."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import subject
from ..frameworks import NA_KEY, Statement
from ..model import Action
from . import content as c
from .blocks import (REVIEWER_SERIES, SCHOOL_SERIES, Context, cover, photo_grid,
                     review_details)
from .common import (REFLECTION_NOTE, evidence_appendix, labelled,
                     scale_table, school_table, snapshot_table)
from .options import SECTIONS, ReportKind
from .rubric import chosen
from .text import join_words, uk_date
from . import survey_sections as voices

TITLE = "SEND review report"


def area_heading(area_id: str, title: str) -> str:
    return f"Area {area_id}: {title}" if len(area_id) <= 4 else title


def story(ctx: Context) -> list[Flowable]:
    out = cover(ctx, TITLE, review_details(ctx), REFLECTION_NOTE)
    builders = {"about": _about, "context": _context, "summary": _summary,
                "findings": _findings, "learning-walk": _learning_walk, "actions": _actions,
                "photos": _photos, "evidence": _evidence, **voices.BUILDERS}
    for sid, heading in SECTIONS[ReportKind.FULL]:
        if not ctx.options.includes(sid) or not voices.applies(ctx, sid):
            continue
        if sid == "photos" and not ctx.options.photos:
            continue
        ctx.progress(f"Writing \u201c{heading}\u201d")
        out += ctx.section(heading)
        out += builders[sid](ctx)
    return out


def _about(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    r = b.review
    fw = b.framework
    out: list[Flowable] = [ctx.heading("Why the review was asked for", 1)]
    out += ctx.rich(r.purpose) if r.purpose.strip() else \
        [ctx.p("The purpose of the review has not been recorded.")]
    scope = c.areas_in_scope(b)
    out.append(ctx.heading("What the review covered", 1))
    out.append(ctx.p(f"The review used {c.framework_name(b)} and looked at {c.scope_words(b)}:"))
    out += ctx.bullets([ctx.esc(area_heading(a.id, a.title)) for a in scope])
    if b.evidence:
        out.append(ctx.p(f"The findings draw on {c.evidence_counts(b)}. Each finding cites "
                         f"the evidence behind it by reference (for example LW1 for the first "
                         f"learning-walk visit); the appendix lists every item."))
    received = [d for d in b.documents if d.status == "received"]
    if received:
        out.append(ctx.p(f"Before the visit {subject.noun(b.review)} shared: "
                         + join_words([d.title for d in received]) + "."))
    if fw.scale.rated:
        out.append(ctx.keep([
            ctx.heading("How to read the ratings", 1),
            ctx.p(f"Both {voices.rater_words(b)} and the reviewers rated each statement on the "
                  f"{fw.scale.name.lower()}. The ratings describe how established "
                  f"practice is; they are not grades."),
            scale_table(ctx)]))
    return out


def _context(ctx: Context) -> list[Flowable]:
    return school_table(ctx) + [ctx.gap()] + snapshot_table(ctx)


def _summary(ctx: Context) -> list[Flowable]:
    paras = c.paragraphs(ctx.bundle, ctx.options.paragraphs)
    out: list[Flowable] = ctx.rich(paras["overview"])
    out.append(ctx.heading("Strengths", 1))
    out += ctx.rich(paras["strengths"])
    out.append(ctx.heading("Areas for development", 1))
    out += ctx.rich(paras["development"])
    return out


def _findings(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    scale = b.framework.scale
    refs = b.evidence_refs()
    numbered = c.actions_by_statement(b, c.numbered_actions(b))
    out: list[Flowable] = [ctx.p(voices.findings_intro(b) or (
        f"For each area, the chart compares {subject.noun(b.review)}\u2019s own rating of each statement with "
        "the reviewer's. Beneath it, each statement has the reviewer's findings and the "
        "evidence they rest on. " + c.unlinked_note(b)))]
    for n, area in enumerate(c.areas_in_scope(b)):
        ctx.progress(f"Writing the findings for area {area.id}")
        if n:
            out.append(ctx.area_break())
        out.append(ctx.heading(area_heading(area.id, area.title), 1, reserve_lines=14))
        if area.summary:
            out.append(ctx.p(area.summary, "small"))
        rows = [(s.id, [*voices.school_keys(b, s.id, c.school_rating(b, s.id)),
                        c.reviewer_rating(b, s.id)]) for s in area.statements]
        if scale.rated and any(scale.position(k) is not None for _, keys in rows for k in keys):
            chart = ctx.ratings_chart(rows, [*voices.school_series(b, SCHOOL_SERIES), REVIEWER_SERIES])
            if chart is not None:
                out.append(chart)
                unrated = [sid for sid, keys in rows
                           if any(scale.position(k) is None for k in keys)]
                note = "The same ratings are written out under each statement below."
                if unrated:
                    note = (f"A missing bar means that rating has not been given (or the "
                            f"statement does not apply): {', '.join(unrated)}. " + note)
                out.append(ctx.p(note, "small"))
        elif scale.rated:
            out.append(ctx.p("No ratings have been given in this area yet.", "small"))
        for s in area.statements:
            out += _statement(ctx, s, refs, numbered)
    return out


def _statement(ctx: Context, s: Statement, refs: dict[str, str],
               numbered: dict[str, list[tuple[str, Action]]]) -> list[Flowable]:
    b = ctx.bundle
    scale = b.framework.scale
    j = b.judgements.get(s.id)
    head = ctx.heading(f"{s.id}\u2002{s.text}", 2, reserve_lines=4)
    body: list[Flowable] = []
    if scale.rated:
        body.append(ctx.m(
            voices.school_markup(ctx, s.id, c.rating_text(b, c.school_rating(b, s.id)))
            + "\u2003\u00b7\u2003"
            f"<b>Reviewer\u2019s judgement:</b> "
            f"{ctx.esc(c.rating_text(b, j.rating if j else None))}", "statement_body"))
        who = subject.kind(b.review).replace("-", " ")
        body += chosen(ctx, b.framework, s, [(who, c.school_rating(b, s.id)),
                                             ("reviewer", j.rating if j else None)])
    if j is None or not (j.strengths.strip() or j.consider.strip()):
        if not (j and j.rating == NA_KEY):
            body.append(ctx.p("The reviewer has not yet written findings for this statement.",
                              "statement_body"))
    if j is not None:
        body += labelled(ctx, "Strengths.", j.strengths)
        body += labelled(ctx, "Areas for consideration.", j.consider)
    cited = sorted((refs[e.id] for e in b.evidence_for_statement(s.id)), key=_ref_key)
    if cited:   # statements with none are named once, at the start of the findings
        body.append(ctx.m("<b>Evidence:</b> " + ", ".join(ctx.ref("ev", r) for r in cited),
                          "statement_body"))
    acts = numbered.get(s.id, [])
    if acts:
        body.append(ctx.m("<b>Actions:</b> " + "; ".join(f"{ctx.ref('act', ref)} {ctx.esc(a.title)}"
                                                         for ref, a in acts),
                          "statement_body"))
    return [head] + ctx.keep_tail(body, 2 if acts else 1)


def _ref_key(ref: str) -> tuple[str, int]:
    prefix = ref.rstrip("0123456789")
    return prefix, int(ref[len(prefix):] or 0)


def _learning_walk(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    w = c.learning_walk(b)
    if not w.visits:
        return [ctx.p("No learning-walk observations have been recorded for this review.")]
    dates = sorted({e.date for _, e in w.visits if e.date})
    when = f" on {join_words([uk_date(d) for d in dates])}" if dates else ""
    out: list[Flowable] = [ctx.p(
        f"The reviewers made {c.counted(len(w.visits), 'learning-walk visit')}{when}, looking "
        f"at how pupils with SEND take part in lessons and the support around them. "
        + c.walk_adults_sentence(w))]
    out.append(ctx.heading("Rooms visited", 1))
    rows = []
    for ref, e in w.visits:
        time = (e.start or "") + (f"\u2013{e.end}" if e.end else "")
        rows.append([ctx.m(ctx.ref("ev", ref), "cell"), e.room or e.title,
                     " \u00b7 ".join(x for x in (e.year_group, e.subject) if x), time, c.walk_adults(e)])
    out.append(ctx.table(["Ref", "Room", "Year group and subject", "Time", "Adults"], rows,
                         [0.8, 1.6, 2.6, 1.5, 1.5]))
    out.append(ctx.heading("Visits by focus area", 1))
    out.append(ctx.p("How many visits gave evidence for each area (one visit can count for "
                     "several areas)."))
    out.append(ctx.table(["Area", "Visits"], [[area_heading(a.id, a.title), str(n)]
                                              for a, n in w.per_area], [5, 1]))
    out.append(ctx.heading("Look-fors seen", 1))
    if w.look_fors:
        out.append(ctx.table(["What the reviewers looked for and saw", "Rooms"],
                             [[lf, str(n)] for lf, n in w.look_fors], [5, 1]))
    else:
        out.append(ctx.p("No look-fors were ticked during the visits."))
    if w.pupil_words:
        out.append(ctx.heading("In pupils\u2019 words", 1))
        for ref, quote in w.pupil_words:
            out.append(ctx.m(f"{ctx.esc(quote)} ({ctx.ref('ev', ref)})", "quote"))
    return out


def _actions(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    paras = c.paragraphs(b, ctx.options.paragraphs)
    out: list[Flowable] = ctx.rich(paras["next_steps"])
    numbered = c.numbered_actions(b)
    if not numbered:
        out.append(ctx.heading("Action plan", 1))
        out.append(ctx.p("No actions have been agreed yet."))
        return out
    # first every action on a line, then the plan in full: both compact tables
    prioritised = any(a.priority for _, a in numbered)
    out.append(ctx.heading("Actions at a glance", 1, reserve_lines=8))
    glance = [[ctx.m(ctx.ref("act", ref), "cell"), a.title, a.owner or "To be agreed",
               uk_date(a.due, "To be agreed")] + ([a.priority or ""] if prioritised else [])
              for ref, a in numbered]
    out.append(ctx.table(["Ref", "Action", "Owner", "By when"]
                         + (["Priority"] if prioritised else []), glance,
                         [0.6, 4.0, 1.9, 1.5] + ([1.1] if prioritised else [])))
    out.append(ctx.heading("Action plan", 1, reserve_lines=8))
    rows = []
    for ref, a in numbered:
        linked = c.linked_statements(b, a.id)
        detail = " \u00b7 ".join(x for x in (f"Priority: {a.priority}" if a.priority else "",
                                             f"from statements {', '.join(linked)}" if linked
                                             else "") if x)
        what = [ctx.m(f"<b>{ctx.esc(a.title)}</b>", "cell"),
                ctx.m(f"<i>Success criteria:</i> {ctx.esc(a.success_criteria or 'to be agreed')}",
                      "cell")]
        if detail:
            what.append(ctx.p(detail, "small"))
        rows.append([ctx.m(ctx.anchor("act", ref) + ctx.esc(ref), "cell"), what,
                     a.owner or "To be agreed", uk_date(a.due, "To be agreed")])
    out.append(ctx.table(["Ref", "Action and what success looks like", "Owner", "By when"], rows,
                         [0.6, 4.6, 1.6, 1.3]))
    return out


def _photos(ctx: Context) -> list[Flowable]:
    return photo_grid(ctx)


def _evidence(ctx: Context) -> list[Flowable]:
    return evidence_appendix(ctx)
