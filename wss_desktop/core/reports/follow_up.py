"""The follow-up report: the actions agreed at the review and the progress since."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable

from ..model import ActionStatus, Stage
from . import content as c
from .blocks import Context, cover, review_details
from .common import REFLECTION_NOTE, labelled
from .options import SECTIONS, ReportKind
from .text import plural, uk_date

TITLE = "Follow-up report"


def _overdue(ctx: Context, due: str | None, status: str) -> bool:
    if not due:
        return False
    return c.is_open_status(status) and due < ctx.today.isoformat()


def story(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    details = review_details(ctx)
    details.insert(1, ("Progress as at", uk_date(ctx.today)))
    if b.review.date_next_review:
        details.append(("Next review", uk_date(b.review.date_next_review)))
    out = cover(ctx, TITLE, [d for d in details if d[0] != "Report date"], REFLECTION_NOTE)
    builders = {"overview": _overview, "actions": _actions, "visits": _visits,
                "since-last": _since_last, "next-steps": _next_steps}
    for sid, heading in SECTIONS[ReportKind.FOLLOW_UP]:
        if sid == "since-last" and ctx.options.since_last is None:
            continue  # no earlier review of this school to compare with
        if ctx.options.includes(sid):
            ctx.progress(f"Writing \u201c{heading}\u201d")
            out += ctx.section(heading)
            out += builders[sid](ctx)
    return out


def _overview(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    numbered = c.numbered_actions(b)
    if not numbered:
        return [ctx.p("No actions were agreed at the review, so there is no progress to "
                      "report yet.")]
    counts = Counter(a.status or ActionStatus.NOT_STARTED.value for _, a in numbered)
    done = counts.get(ActionStatus.DONE.value, 0)
    late = [(ref, a) for ref, a in numbered if _overdue(ctx, a.due, a.status)]
    tail = (f" and {plural(len(late), 'is', 'are')} past "
            f"{'its' if len(late) == 1 else 'their'} date." if late
            else "; none is past its date.")
    out: list[Flowable] = [ctx.p(
        f"{plural(len(numbered), 'action was', 'actions were')} agreed at the review. As at "
        f"{uk_date(ctx.today)}, {done} {'is' if done == 1 else 'are'} done{tail}")]
    rows = [[c.status_text(s.value), str(counts.get(s.value, 0))] for s in ActionStatus]
    out.append(ctx.table(["Status", "Actions"], rows, [4, 1]))
    out.append(ctx.gap(0.5))
    rows = []
    for ref, a in numbered:
        status = c.status_text(a.status) + (" (past its date)" if _overdue(ctx, a.due, a.status) else "")
        rows.append([ctx.m(ctx.ref("act", ref), "cell"), a.title, a.owner or "To be agreed",
                     uk_date(a.due, "To be agreed"), status])
    out.append(ctx.table(["Ref", "Action", "Owner", "By when", "Status"], rows,
                         [0.6, 2.8, 2.1, 1.6, 1.4]))
    return out


def _actions(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    numbered = c.numbered_actions(b)
    if not numbered:
        return [ctx.p("No actions have been agreed yet.")]
    out: list[Flowable] = []
    for ref, a in numbered:
        head = ctx.heading(f"{ref}\u2002{a.title}", 1, reserve_lines=6,
                           markup=f"{ctx.anchor('act', ref)}{ctx.esc(ref)}\u2002{ctx.esc(a.title)}")
        late = " \u2014 past its date" if _overdue(ctx, a.due, a.status) else ""
        meta = (f"<b>Owner:</b> {ctx.esc(a.owner or 'to be agreed')}\u2003"
                f"<b>By:</b> {ctx.esc(uk_date(a.due, 'to be agreed'))}{ctx.esc(late)}\u2003"
                f"<b>Status:</b> {ctx.esc(c.status_text(a.status))}"
                + (f"\u2003<b>Priority:</b> {ctx.esc(a.priority)}" if a.priority else ""))
        body: list[Flowable] = [ctx.m(meta)]
        linked = c.linked_statements(b, a.id)
        if linked:
            body.append(ctx.p(f"From the findings on statements {', '.join(linked)}.", "small"))
        body += labelled(ctx, "Success criteria:", a.success_criteria, "body")
        notes = b.notes_of(a.id)
        if notes:
            body.append(ctx.m("<b>Progress</b>", "label"))
            body += ctx.bullets([f"<b>{ctx.esc(uk_date(n.date, 'Undated'))}:</b> {ctx.esc(n.text)}"
                                 for n in notes])
        else:
            body.append(ctx.p("No progress has been recorded yet."))
        body += labelled(ctx, "Impact:", a.impact, "body")
        out += [head] + ctx.keep_tail(body)
    return out


def _visits(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    stage = b.stages.get(Stage.FOLLOW_UP)
    out: list[Flowable] = []
    if stage and (stage.started or stage.completed):
        when = f"Follow-up began on {uk_date(stage.started)}" if stage.started else ""
        if stage.completed:
            when += f" and was completed on {uk_date(stage.completed)}"
        if when:
            out.append(ctx.p(when + "."))
    if stage and stage.notes.strip():
        out += ctx.rich(stage.notes)
    if not out:
        out.append(ctx.p("No follow-up visits or calls have been recorded yet."))
    return out


def _since_last(ctx: Context) -> list[Flowable]:
    yoy = ctx.options.since_last
    out: list[Flowable] = [ctx.p(
        f"The school's previous review was on {uk_date(yoy.previous_date)}. This section "
        f"compares the two and shows what became of the actions agreed then.")]
    if yoy.areas:
        moved = yoy.moved("reviewer")
        rated = sum(moved.values())
        if rated:
            out.append(ctx.p(
                f"Across the {plural(rated, 'area')} rated both times, the reviewer's typical "
                f"rating went up in {moved['up']}, stayed the same in {moved['same']} and went "
                f"down in {moved['down']}. The typical rating of an area is the middle rating of "
                f"its statements; statements marked not applicable are left out."))
        # beside the reviewer's: the school's view, or each respondent group's by name
        rows = [[f"{a.area_id}\u2002{a.area_title}", a.reviewer.text(),
                 *(m.text() for m in (a.groups or (a.school,)))] for a in yoy.areas]
        n = len(yoy.views)
        widths = [3.2, 2.4, 2.4] if n == 1 else [2.4] + [5.6 / (n + 1)] * (n + 1)
        out.append(ctx.table(["Area", "Reviewer's view", *yoy.views], rows, widths))
        out.append(ctx.gap(0.5))
    elif not yoy.same_framework:
        out.append(ctx.p("The previous review used a different framework, so its ratings are "
                         "not compared here."))
    if yoy.actions:
        done = yoy.done
        out.append(ctx.p(
            f"{plural(len(yoy.actions), 'action was', 'actions were')} agreed at the previous "
            f"review; {len(done)} {'was' if len(done) == 1 else 'were'} completed."))
        rows = [[a.title, a.owner or "Not recorded", c.status_text(a.status)] for a in yoy.actions]
        out.append(ctx.table(["Earlier action", "Owner", "Where it ended"], rows, [4.4, 2.0, 1.6]))
    else:
        out.append(ctx.p("No actions were recorded at the previous review."))
    return out


def _next_steps(ctx: Context) -> list[Flowable]:
    b = ctx.bundle
    edited = (ctx.options.paragraphs.get("next_steps") or "").strip()
    if edited:
        return ctx.rich(edited)
    open_actions = [(ref, a) for ref, a in c.numbered_actions(b) if c.is_open(a)]
    out: list[Flowable] = []
    if open_actions:
        out.append(ctx.p(f"{plural(len(open_actions), 'action remains', 'actions remain')} "
                         f"open: {', '.join(ref for ref, _ in open_actions)}. Keeping their "
                         f"owners and dates up to date makes the next conversation easier."))
    else:
        out.append(ctx.p("Every agreed action is complete or closed. The school may wish to "
                         "look again at its self-evaluation before the next review."))
    if b.review.date_next_review:
        out.append(ctx.p(f"The next review is planned for {uk_date(b.review.date_next_review)}."))
    return out
