"""Screenshots of the framework editor (Tools ▸ Frameworks) and rubric descriptors, into docs/screenshots/.

    python scripts/screenshots_frameworks.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed, otherwise on Qt's offscreen platform, with a
throwaway data folder: a white-label copy of the SEND Review Guide with level
descriptors, one review on each of two versions, and a trust-wide review.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from shots import SIZE, prepare, settle, styled_app

LEVELS = {
    "emerging": "Leaders hold some information about pupils with SEND, but it is not yet used to plan.",
    "developing": "Leaders look at progress each term and talk it through with the SENCO.",
    "established": "Leaders use progress information to change provision, and can show the difference it makes.",
    "enhanced": "Leaders' use of information is sharp and shared with other schools in the trust.",
}


def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args
    app = styled_app()
    from wss_desktop.core.model import Stage
    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.main_window import MainWindow
    from wss_desktop.gui.wizard import NewReviewWizard

    out: Path = args.out
    data = tempfile.mkdtemp(prefix="wss-fw-shots-")
    try:
        ws = Workspace.open(data)
        window = MainWindow(ws)
        window.resize(*SIZE)
        window.show()
        ed = window.show_frameworks()
        ed.resize(*SIZE)
        for i in range(ed.list.count()):
            if ed.list.item(i).data(256) == "send-review":
                ed.list.setCurrentRow(i)
        settle()
        ed.grab().save(str(out / "a0-frameworks-shipped-read-only.png"))
        ed.make_own_version("shire-send", "Shire SEND self review", "Shire County Council", "1.0")
        ed.save()
        ws.new_review("Old Mill Primary School", "shire-send")
        ed.tabs.setCurrentIndex(3)
        ed.select_statement("1.1")
        for key, text in LEVELS.items():
            ed._descriptor_edits[key].setPlainText(text)
        ed.f_version.setText("1.1")
        ed._set_top("version", "1.1")
        ed.save()
        ws.new_review("Brook Lane Primary School", "shire-send")
        ed.refresh_list(select="shire-send")
        ed._chosen(ed.list.currentItem())
        ed.tabs.setCurrentIndex(3)
        ed.select_statement("1.1")
        settle()
        ed.grab().save(str(out / "a1-frameworks-statements-and-descriptors.png"))
        ed.tabs.setCurrentIndex(1)
        settle()
        ed.grab().save(str(out / "a2-frameworks-rating-scale.png"))
        ed.tabs.setCurrentIndex(3)
        ed.select_statement("1.2")
        ed.e_id.setText("1.1")
        ed._set_item("id", "1.1")
        settle()
        ed.grab().save(str(out / "a3-frameworks-live-check.png"))
        ed.e_id.setText("1.2")
        ed._set_item("id", "1.2")
        ed.tabs.setCurrentIndex(4)
        ed.preview.setCurrentIndex(ed.preview_model.index(1, 1))
        settle()
        ed.grab().save(str(out / "a4-frameworks-preview-grid.png"))
        ed.changed = False
        ed.close()

        rid = ws.new_review("Brook Lane Primary School", "shire-send")
        ws.self_evaluate(rid, "1.1", rating="developing", comment="Termly progress meetings started in September.")
        view = window.open_review(rid)
        view.show_stage(Stage.SELF_EVALUATION)
        grid = view.screens[Stage.SELF_EVALUATION].grid
        grid.select("1.1")
        window.resize(SIZE[0], 1000)   # tall enough to show the descriptors under the rating
        settle()
        window.grab().save(str(out / "a5-self-evaluation-grid-descriptors.png"))
        window.resize(*SIZE)

        wiz = NewReviewWizard(ws, window)
        wiz.ui.subject.setCurrentIndex(wiz.ui.subject.findData("trust"))
        wiz.ui.schoolName.setText("Greystone Learning Trust")
        wiz.ui.memberSchools.setPlainText("Brook Lane Primary School\nCastle Hill Academy\nOakfield Secondary School")
        wiz.resize(900, 600)
        wiz.show()
        settle()
        wiz.grab().save(str(out / "a6-new-review-trust-wide.png"))
        wiz.close()
        window.close()
        ws.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)
    del app
    print(f"Screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
