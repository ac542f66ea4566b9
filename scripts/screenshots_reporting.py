"""Screenshots of the reporting stage's check, evidence linking, Save as and Word copy.

    python scripts/screenshots_reporting.py [--out DIR] [--offscreen]

The demo review with three contradictions of the kind the check now catches (a high
rating over text describing weakness, a school rating over "We have not started",
an action due before the visit), so every new kind of finding is on screen.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import SIZE, prepare, settle  # noqa: E402


def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from wss_desktop.core.demo import add_demo
    from wss_desktop.core.model import Stage
    from wss_desktop.gui.app import run

    out: Path = args.out
    data = tempfile.mkdtemp(prefix="wss-shots-")
    saved = Path(tempfile.mkdtemp(prefix="wss-saved-"))
    taken: list[str] = []

    def drive(window) -> None:
        app = QApplication.instance()
        window.resize(*SIZE)
        window.move(0, 0)

        def shot(name: str, widget=None) -> None:
            settle()
            (widget or window).grab().save(str(out / f"{name}.png"))
            taken.append(name)

        def wait(condition) -> None:
            while not condition():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                time.sleep(0.02)

        ws = window.ws
        rid, _ = add_demo(ws)
        ws.judge(rid, "3.5", rating="enhanced", strengths="Behaviour routines are weak and "
                 "inconsistent, and two pupils with SEND were removed from lessons.", consider="")
        ws.self_evaluate(rid, "4.4", rating="enhanced", comment="We have not started this yet.")
        ws.add_action(rid, "Refresh the SEND noticeboard", owner="SENCO", due="2026-09-01")
        view = window.open_review(rid)
        view.show_stage(Stage.REPORTING)
        screen = view.screens[Stage.REPORTING]
        ui = screen.ui
        ui.tabs.setCurrentWidget(ui.checkTab)
        shot("57-reporting-check-contradictions")
        tree = ui.findingsList
        for g in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(g)
            if group.text(0).startswith("Finding with no evidence"):
                tree.setCurrentItem(group.child(0))
                tree.scrollToItem(group.child(0))
        shot("58-reporting-check-no-evidence-chosen")
        dialog = screen.link_evidence(tree.currentItem().data(0, 0x0100)[1])
        settle()
        shot("59-reporting-link-evidence", dialog)
        dialog.reject()
        ui.tabs.setCurrentWidget(ui.draftTab)
        dialog = screen.ask_where(word=True)
        dialog.resize(900, 560)
        shot("5a-reporting-word-copy-save-dialog", dialog)
        dialog.selectFile(str(saved / "Hollinbrook review.docx"))
        dialog.accept()
        wait(lambda: not screen.is_busy())
        shot("5b-reporting-word-copy-made")
        QTimer.singleShot(0, app.quit)

    code = run(data, [sys.argv[0]], on_shown=drive)
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(saved, ignore_errors=True)
    for name in taken:
        print(out / f"{name}.png")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
