"""Screenshots of the follow-up stage, the overview across reviews and the anonymised
example, into docs/screenshots/6?-*.png and 9?-overview-*.png.

    python scripts/screenshots_followup.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed (re-starting itself inside `xvfb-run`), otherwise
on Qt's offscreen platform. A throwaway data folder holds the fictional demo review
and a dozen made-up reviews across two made-up trusts, so no real data is pictured.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from shots import ROOT, SIZE, prepare, settle, styled_app


# Made-up schools: (name, URN, trust or local authority, phase).
SCHOOLS = [
    ("Alderbrook Primary School", "990101", "Ashgrove Learning Trust", "primary"),
    ("Beechcroft Academy", "990102", "Ashgrove Learning Trust", "secondary"),
    ("Cobblestone Infant School", "990103", "Ashgrove Learning Trust", "primary"),
    ("Dunmere Church of England Primary", "990104", "Ashgrove Learning Trust", "primary"),
    ("Elmstead High School", "990105", "Ashgrove Learning Trust", "secondary"),
    ("Foxley Green Primary", "990201", "Northvale Local Authority", "primary"),
    ("Greywater Community College", "990202", "Northvale Local Authority", "secondary"),
    ("Harrowfield Junior School", "990203", "Northvale Local Authority", "primary"),
    ("Ivybridge Lane Primary", "990204", "Northvale Local Authority", "primary"),
    ("Juniper Fields School", "990205", "Northvale Local Authority", "special"),
]
ACTIONS = ["Train TAs in pre-teaching vocabulary", "Review the provision map each term",
           "Hold SEN Support reviews with parents", "Publish the SEN information report",
           "Introduce visual timetables in every class"]
OWNERS = ["SENCO", "Headteacher", "Deputy headteacher", "SEND governor"]


def add_fictional_reviews(ws, rng: random.Random, today: dt.date) -> None:
    for i, (name, urn, trust, phase) in enumerate(SCHOOLS):
        visit = today - dt.timedelta(days=45 + 53 * i)   # all in the past, over about 18 months
        rid = ws.new_review(name, "send-review", urn=urn, trust_or_la=trust, phase=phase,
                            date_visit=visit.isoformat())
        fw = ws.bundle(rid).framework
        keys = [lv.key for lv in fw.scale.levels]
        lean = rng.choice([0, 1, 1, 2])   # some schools are further on than others
        for area in fw.areas:
            area_lean = lean + rng.choice([-1, 0, 0, 1])
            for st in area.statements:
                reviewer = max(0, min(len(keys) - 1, area_lean + rng.choice([0, 0, 1, -1])))
                school = max(0, min(len(keys) - 1, reviewer + rng.choice([0, 0, 1, 1, 2, -1])))
                ws.judge(rid, st.id, rating=keys[reviewer])
                ws.self_evaluate(rid, st.id, rating=keys[school])
        for title in rng.sample(ACTIONS, 3):
            due = today + dt.timedelta(days=rng.choice([-60, -21, -9, 14, 45, 90]))
            ws.add_action(rid, title, owner=rng.choice(OWNERS), due=due.isoformat(),
                          status=rng.choice(["not-started", "in-progress", "in-progress", "done"]))
        if i % 3 != 2:
            ws.set_feedback(rid, usefulness=rng.choice([4, 5, 5, 3]), tone=rng.choice([4, 5, 5]),
                            clarity=rng.choice([3, 4, 5]), given_by="Headteacher",
                            date=(visit + dt.timedelta(days=20)).isoformat(),
                            went_well=rng.choice(["The pupil voice session was handled with care.",
                                                  "Clear, practical next steps.",
                                                  "It felt like a conversation, not an inspection."]),
                            could_be_better=rng.choice(["", "Send the timetable a week earlier.",
                                                        "More time with the teaching assistants."]))


def add_follow_up(ws, rid: str, today: dt.date) -> None:
    """An earlier review of the demo school, an overdue action, a visit with checks, feedback."""
    b = ws.bundle(rid)
    r = b.review
    earlier = ws.new_review(r.school_name, r.framework_id, urn=r.urn, trust_or_la=r.trust_or_la,
                            phase=r.phase, date_visit="2025-10-09")
    fw = b.framework
    keys = [lv.key for lv in fw.scale.levels]
    for n, area in enumerate(fw.areas):
        for st in area.statements:
            now = b.judgements.get(st.id)
            step = keys.index(now.rating) if now and now.rating in keys else 1
            ws.judge(earlier, st.id, rating=keys[max(0, step - (n % 3 == 0))])
            ws.self_evaluate(earlier, st.id, rating=keys[min(len(keys) - 1, step + (n % 2))])
    for title, owner, status in (("Map SEN Support across Key Stage 2", "SENCO", "done"),
                                 ("Train TAs in prompting, not doing", "Deputy headteacher", "done"),
                                 ("Termly SEND report to governors", "Headteacher", "in-progress"),
                                 ("Parent coffee mornings each half term", "SENCO", "dropped")):
        ws.add_action(earlier, title, owner=owner, status=status)
    late = ws.add_action(rid, "Update the SEN information report on the website", owner="SENCO",
                         due=(today - dt.timedelta(days=12)).isoformat(), status="in-progress",
                         impact="Two parents said they found the new local offer page easier to follow.")
    ws.add_action_note(late, "Draft shared with governors for comment.", (today - dt.timedelta(days=30)).isoformat())
    ws.add_action_note(late, "Waiting for the web designer; chased by email.", (today - dt.timedelta(days=5)).isoformat())
    visit = ws.add_followup_visit(rid, date=(today - dt.timedelta(days=3)).isoformat(),
                                  visitor="Lead reviewer",
                                  notes="Met the SENCO and two class teachers. Visual timetables now in "
                                        "every Key Stage 2 room we saw.",
                                  next_steps="Look at the first entry and exit measures in February.")
    comments = {"Make visual": ("done", "Seen in all six KS2 classes."),
                "Introduce a daily": ("in-progress", "Started in Years 3 and 4."),
                "Increase SENCO": ("done", "Two days a week since September."),
                "Update the SEN": ("in-progress", "Still waiting for the website update.")}
    for a in ws.bundle(rid).actions:
        for start, (status, comment) in comments.items():
            if a.title.startswith(start):
                ws.check_action(visit, a.id, status=status, comment=comment)
    ws.set_feedback(rid, usefulness=5, tone=4, clarity=4, given_by="Headteacher and SENCO",
                    date=(today - dt.timedelta(days=20)).isoformat(),
                    went_well="The learning walk felt supportive, and the feedback at the end of "
                              "the day was specific.",
                    could_be_better="We would have liked the timetable a few days earlier.")


def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args

    from wss_desktop.core.demo import add_demo
    from wss_desktop.core.model import Stage
    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.main_window import MainWindow

    app = styled_app()
    out: Path = args.out
    today = dt.date.today()


    def shot(widget, name: str) -> None:
        widget.show()
        settle()
        path = out / name
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    with tempfile.TemporaryDirectory(prefix="wss-followup-shots-") as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        rid, _ = add_demo(ws)
        add_follow_up(ws, rid, today)
        add_fictional_reviews(ws, random.Random(6), today)
        win = MainWindow(ws)
        win.resize(*SIZE)
        win.move(0, 0)
        win.show()
        view = win.open_review(rid)
        view.show_stage(Stage.FOLLOW_UP)
        screen = view.screens[Stage.FOLLOW_UP]
        table = screen.actions.table
        late = next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith("Update the SEN"))
        table.selectRow(late)
        shot(win, "61-follow-up-action-plan.png")
        screen.tabs.setCurrentWidget(screen.visits)
        shot(win, "62-follow-up-visit-checks.png")
        screen.tabs.setCurrentWidget(screen.feedback)
        shot(win, "63-follow-up-feedback.png")
        screen.tabs.setCurrentWidget(screen.year_on_year)
        shot(win, "64-follow-up-year-on-year.png")
        panel = win.show_anonymise(rid)
        panel.move(60, 40)
        shot(panel, "65-anonymised-example-preview.png")
        panel.close()

        overview = win.show_overview()
        overview.resize(*SIZE)
        overview.move(0, 0)
        deadline = time.monotonic() + 60
        while overview.is_busy() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        shot(overview, "91-overview-ratings.png")
        for index, name in ((1, "92-overview-gaps.png"), (2, "93-overview-development.png"),
                            (3, "94-overview-overdue.png"), (4, "95-overview-feedback.png")):
            overview.tabs.setCurrentIndex(index)
            shot(overview, name)
        overview.tabs.setCurrentIndex(0)
        overview.trust.setCurrentIndex(overview.trust.findData("Northvale Local Authority"))
        overview.recompute()
        shot(overview, "96-overview-filtered-by-trust.png")
        overview.close()
        win.close()
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
