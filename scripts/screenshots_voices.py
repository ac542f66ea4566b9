"""Screenshots of the many-voices tabs of the preparation stage (surveys, the import
preview with names to take out, the paper grid, groups compared, data in depth) and of
the end-of-day feedback and the factual-accuracy round, into
docs/screenshots/3[4-8]-*.png, 45-*.png and 57-*.png.

    python scripts/screenshots_voices.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed, otherwise on Qt's offscreen platform. A
throwaway data folder holds two fictional reviews: a SEND review with one parents'
survey already in, and a TA Deployment Review with teachers' and TAs' answer sheets.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from shots import ROOT, SIZE, prepare, settle, styled_app

sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args

    from PySide6.QtWidgets import QTableWidgetItem
    from voices_support import fill_ms_forms, ta_sheets
    from wss_desktop.core.model import Stage
    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.main_window import MainWindow

    app = styled_app()
    out: Path = args.out

    def shot(widget, name: str) -> None:
        widget.show()
        settle()
        path = out / name
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def tab(view, title: str):
        view.show_stage(Stage.PREPARATION)
        tabs = view.screens[Stage.PREPARATION].ui.tabs
        index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title)
        tabs.setCurrentIndex(index)
        return tabs.widget(index).widget()

    with tempfile.TemporaryDirectory(prefix="wss-voices-shots-") as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        rid = ws.new_review("Elm Park Primary School (fictional)", "send-review",
                            date_visit="2026-10-08")
        returns_file = Path(tmp) / "parents.csv"
        ws.make_survey(rid, "parents", returns_file)
        fill_ms_forms(returns_file, ws.survey_questionnaire(rid, "parents"), 60, 1)
        ta = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
        teachers, tas = ta_sheets(ws.bundle(ta).framework)
        ws.add_respondent_sheets(ta, "teacher", teachers)
        ws.add_respondent_sheets(ta, "ta", tas)

        win = MainWindow(ws)
        win.resize(*SIZE)
        win.move(0, 0)
        win.show()
        view = win.open_review(rid)
        panel = tab(view, "Surveys")
        shot(win, "34-preparation-surveys.png")
        panel.group.setCurrentIndex(panel.group.findData("parents"))
        panel.preview_file(str(returns_file))
        panel.parent().parent().ensureWidgetVisible(panel.preview)
        shot(win, "35-preparation-survey-import-preview.png")
        panel.save_pending()
        panel.group.setCurrentIndex(panel.group.findData("pupils:easy-read"))
        panel.start_paper()
        for r, row in enumerate((["1", "1", "2", "1", "1", "2", "I like the calm room"],
                                 ["2", "3", "2", "2", "1", "1", ""])):
            for c, text in enumerate(row):
                panel.grid.setItem(r, c, QTableWidgetItem(text))
        panel.grid.setCurrentCell(2, 0)
        panel.parent().parent().ensureWidgetVisible(panel.paper)
        shot(win, "36-preparation-survey-paper-grid.png")
        for m, send, every in (("attendance_pct", 89.5, 94.1), ("persistent_absence_pct", 31, 17.5),
                               ("expected_standard_pct", 18, 63), ("suspension_rate", 4.2, 1.3)):
            ws.set_school_figure(rid, m, send=send, all_pupils=every)
        ws.set_school_figure(rid, "attendance_pct", "need:SEMH", send=84, pupils=9)
        ws.set_school_figure(rid, "attendance_pct", "year:5", send=88, all_pupils=95, pupils=7)
        tab(view, "Data in depth")
        shot(win, "38-preparation-data-in-depth.png")
        ws.set_verbal_feedback(rid, date="2026-10-08", given_by="Sam Reviewer (fictional)",
                               present="Headteacher, SENCO, SEND governor",
                               said="Pupils with SEND are known well by the adults who work with "
                                    "them. Parents' survey answers were warm about the nurture "
                                    "group and less sure about how they hear of progress.",
                               agreed="The SENCO will share the provision map by half term.\n"
                                      "A termly coffee morning for parents of pupils on SEN Support.")
        view.show_stage(Stage.SCHOOL_VISIT)
        visit = view.screens[Stage.SCHOOL_VISIT]
        visit.setCurrentWidget(visit.close_of_day)
        shot(win, "45-visit-end-of-day-feedback.png")
        from openpyxl import load_workbook
        view.show_stage(Stage.REPORTING)
        reporting = view.screens[Stage.REPORTING]
        reporting.ui.tabs.setCurrentWidget(reporting.accuracy)
        exported = reporting.accuracy.export_to(tmp)
        wb = load_workbook(exported.sheet)
        wb["Comments"]["D6"] = "We hold review meetings termly, not twice a year."
        wb["Comments"]["D51"] = "The roll is 212, not 221."
        wb.save(exported.sheet)
        reporting.accuracy.import_from(str(exported.sheet))
        reporting.accuracy.list.setCurrentRow(0)
        shot(win, "57-reporting-factual-accuracy.png")
        view = win.open_review(ta)
        tab(view, "Groups compared")
        shot(win, "37-preparation-groups-compared.png")
        win.close()
        ws.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
