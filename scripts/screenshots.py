"""Take a screenshot of every stage screen at 1280x720, into docs/screenshots/.

    python scripts/screenshots.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed (re-starting itself inside `xvfb-run`), otherwise
on Qt's offscreen platform. Uses a throwaway data folder holding the fictional demo
review, so no real data is ever pictured.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from shots import SIZE, prepare, settle



def add_visit_plan(ws, review_id: str) -> None:
    """A fictional timetable and questions, so those screens have something to show."""
    b = ws.bundle(review_id)
    if not b.visit_slots:
        for start, end, activity, title, people, place in (
                ("08:45", "09:15", "meeting", "Headteacher and senior leaders", "Headteacher, deputy", "Office"),
                ("09:15", "10:15", "learning-walk", "Learning walk, Key Stage 2", "SENCO", "Years 3-6"),
                ("10:30", "11:00", "book-look", "Book look: maths and English", "SENCO", "Library"),
                ("11:00", "11:30", "pupil-voice", "Pupil voice group", "6 pupils (codes only)", "Quiet room"),
                ("13:15", "13:45", "meeting", "Teaching assistants", "4 TAs", "Staff room"),
                ("15:30", "16:00", "feedback", "Verbal feedback", "Headteacher, SENCO", "Office")):
            ws.add_visit_slot(review_id, start=start, end=end, activity=activity, title=title,
                              people=people, place=place)
    if not b.questions:
        for text in ("How are TAs briefed before lessons where pupils with SEND are supported?",
                     "Why is persistent absence higher for pupils on SEN Support?",
                     "How do parents hear about the outcome of SEN Support reviews?"):
            ws.add_question(review_id, text)


def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from wss_desktop.core.demo import add_demo
    from wss_desktop.core.model import Stage
    from wss_desktop.gui.app import run
    from wss_desktop.gui.wizard import NewReviewWizard

    out: Path = args.out
    data = tempfile.mkdtemp(prefix="wss-shots-")
    taken: list[str] = []

    def drive(window) -> None:
        app = QApplication.instance()
        window.resize(*SIZE)
        window.move(0, 0)


        def shot(name: str, widget=None) -> None:
            settle()
            (widget or window).grab().save(str(out / f"{name}.png"))
            taken.append(name)

        ws = window.ws
        shot("00-welcome")
        review_id, _ = add_demo(ws)
        add_visit_plan(ws, review_id)
        window.show_list()
        shot("01-review-list")
        wizard = NewReviewWizard(ws, window)
        wizard.ui.schoolName.setText("Fernhill Community Primary School")
        wizard.resize(900, 600)
        wizard.show()
        wizard.next()
        wizard.next()
        shot("02-new-review-wizard", wizard)
        wizard.close()
        view = window.open_review(review_id)
        steps: list[tuple[str, Stage, Callable[[], None] | None]] = [
            ("10-identification", Stage.IDENTIFICATION, None),
            ("20-self-evaluation-grid", Stage.SELF_EVALUATION, None),
            ("21-self-evaluation-previsit", Stage.SELF_EVALUATION,
             lambda: view.screens[Stage.SELF_EVALUATION].setCurrentIndex(1)),
            ("30-preparation-documents", Stage.PREPARATION, None),
            ("31-preparation-data", Stage.PREPARATION,
             lambda: view.screens[Stage.PREPARATION].ui.tabs.setCurrentIndex(1)),
            ("32-preparation-timetable", Stage.PREPARATION,
             lambda: view.screens[Stage.PREPARATION].ui.tabs.setCurrentIndex(2)),
            ("33-preparation-questions", Stage.PREPARATION,
             lambda: view.screens[Stage.PREPARATION].ui.tabs.setCurrentIndex(3)),
            ("40-visit-learning-walk", Stage.SCHOOL_VISIT, lambda: open_first_observation(view)),
            ("41-visit-meetings", Stage.SCHOOL_VISIT, lambda: open_first_meeting(view)),
            ("42-visit-judgements", Stage.SCHOOL_VISIT, lambda: open_judgements(view)),
            ("50-reporting", Stage.REPORTING, lambda: reporting_draft(view)),
            ("51-reporting-making-the-pdf", Stage.REPORTING, lambda: reporting_making_pdf(view)),
            ("52-reporting-consistency-check", Stage.REPORTING, lambda: reporting_tab(view, "checkTab")),
            ("53-reporting-comment-open", Stage.REPORTING, lambda: reporting_comment_open(view)),
            ("54-reporting-checked-and-issued", Stage.REPORTING, lambda: reporting_issued(view)),
            ("55-reporting-findings-and-actions", Stage.REPORTING, lambda: reporting_tab(view, "findingsTab")),
            ("56-reporting-branding", Stage.REPORTING, lambda: reporting_branding(view)),
            ("60-follow-up", Stage.FOLLOW_UP, lambda: view.screens[Stage.FOLLOW_UP].actions.table.selectRow(0)),
        ]
        for name, stage, extra in steps:
            view.show_stage(stage)
            if extra:
                extra()
            shot(name)
        window.help.toggle()
        shot("70-keyboard-shortcuts")
        window.help.toggle()
        # The walking reviewer's screen again, with text at twice the system size.
        font = QFont(app.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        app.setFont(font)
        window.show_list()
        view = window.open_review(review_id)
        view.show_stage(Stage.SCHOOL_VISIT)
        open_first_observation(view)
        shot("43-visit-learning-walk-200pct-text")
        QTimer.singleShot(0, app.quit)

    def open_first_observation(view) -> None:
        walk = view.screens[Stage.SCHOOL_VISIT].walk
        view.screens[Stage.SCHOOL_VISIT].setCurrentIndex(0)
        observations = walk.observations()
        if observations:
            walk.open_observation(observations[1 if len(observations) > 1 else 0].id)

    def open_first_meeting(view) -> None:
        visit = view.screens[Stage.SCHOOL_VISIT]
        visit.setCurrentIndex(1)
        if visit.meetings.list.count():
            visit.meetings.list.setCurrentRow(0)

    def open_judgements(view) -> None:
        visit = view.screens[Stage.SCHOOL_VISIT]
        visit.setCurrentIndex(2)
        visit.judgements.select("3.2")

    def reporting_screen(view):
        return view.screens[Stage.REPORTING]

    def reporting_tab(view, name: str) -> None:
        screen = reporting_screen(view)
        screen.ui.tabs.setCurrentWidget(getattr(screen.ui, name))

    def wait_for_pdf(screen) -> None:
        app = QApplication.instance()
        deadline = time.monotonic() + 60
        while screen.is_busy() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)

    def reporting_draft(view) -> None:
        screen = reporting_screen(view)
        reporting_tab(view, "draftTab")
        screen.section_boxes["photos"].setChecked(False)
        edit = screen.paragraphs["next_steps"].edit
        edit.setPlainText(edit.toPlainText() + "\n\nWe will meet the SENCO again in the spring "
                          "term to look at the new provision map together.")
        screen.saver.flush()
        screen.load()
        screen.ui.paragraphsScroll.verticalScrollBar().setValue(0)

    def reporting_making_pdf(view) -> None:
        screen = reporting_screen(view)
        screen.generate()
        QApplication.instance().processEvents()

    def reporting_comment_open(view) -> None:
        screen = reporting_screen(view)
        wait_for_pdf(screen)
        ws, rid = screen.ws, screen.ctx.review_id
        first = ws.add_report_comment(rid, "full", "The overview names the visit date twice; "
                                      "one is enough.", "Priya Natarajan")
        ws.resolve_report_comment(first, "Siobhán Ó Dálaigh")
        ws.add_report_comment(rid, "full", "Say where visual timetables are not yet used, so "
                              "3.2 does not seem to contradict itself.", "Priya Natarajan",
                              target_kind="statement", target_id="3.2")
        screen.load()
        reporting_tab(view, "qaTab")
        screen.ui.personName.setText("Priya Natarajan")
        screen.mark_checked()

    def reporting_issued(view) -> None:
        screen = reporting_screen(view)
        ws, rid = screen.ws, screen.ctx.review_id
        for c in ws.report_comments(rid, "full", open_only=True):
            ws.resolve_report_comment(c.id, "Priya Natarajan")
        screen.load()
        screen.mark_checked()
        screen.issue()
        wait_for_pdf(screen)

    def reporting_branding(view) -> None:
        screen = reporting_screen(view)
        ws = screen.ws
        logo = Path(data) / "northvale-logo.png"
        make_logo(logo)
        if not ws.branding_profiles():
            pid = ws.add_branding_profile("Northvale", organisation="Northvale Inclusion Services",
                                          accent="#7a1f5c", logo=str(logo),
                                          footer="Northvale Inclusion Services, registered charity 123456")
            ws.set_default_branding(pid)
            ws.add_branding_profile("Ashgrove Learning Trust", organisation="Ashgrove Learning Trust",
                                    accent="#2e6b30")
        screen.branding_editor.current = next(p.id for p in ws.branding_profiles() if p.is_default)
        screen.load()
        reporting_tab(view, "brandingTab")

    def make_logo(path: Path) -> None:
        """A fictional organisation's logo, drawn here so no real mark is pictured."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor, QImage, QPainter

        image = QImage(480, 140, QImage.Format.Format_ARGB32)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#7a1f5c"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(10, 10, 120, 120))
        painter.setPen(QColor("#7a1f5c"))
        font = QFont(app_font())
        font.setPixelSize(56)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(150, 0, 330, 140), Qt.AlignmentFlag.AlignVCenter, "Northvale")
        painter.end()
        image.save(str(path))

    def app_font():
        return QApplication.instance().font()

    code = run(data, [sys.argv[0]], on_shown=drive)
    shutil.rmtree(data, ignore_errors=True)
    for name in taken:
        print(out / f"{name}.png")
    print(f"{len(taken)} screenshots in {out}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
