"""Screenshots of syncing in the desktop app, into docs/screenshots/8?-sync-*.png (and
8f-removed-from-this-review.png).

    python scripts/screenshots_sync.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed (re-starting itself inside `xvfb-run`), otherwise
on Qt's offscreen platform. Two throwaway data folders (two "computers") and a
throwaway shared folder, the fictional demo review, and keys kept in memory only:
no real data and no real keyring are touched.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from shots import ROOT, SIZE, prepare, settle, styled_app

PASSPHRASE = "a long team passphrase"


def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args

    from wss_desktop.core.demo import add_demo
    from wss_desktop.core.model import Stage
    from wss_desktop.core.sync.keys import TeamKeys
    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui import sync_ui
    from wss_desktop.gui.main_window import MainWindow

    app = styled_app()
    out: Path = args.out


    def wait(controller) -> None:
        deadline = time.monotonic() + 120
        while not controller.idle and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        settle()

    def shot(widget, name: str) -> None:
        widget.show()
        settle()
        path = out / name
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    with tempfile.TemporaryDirectory(prefix="wss-sync-shots-") as tmp:
        shared = Path(tmp) / "OneDrive - Northvale" / "SEND reviews"
        shared.mkdir(parents=True)
        windows = []
        for name in ("laptop", "office"):
            ws = Workspace.open(Path(tmp) / name)
            win = MainWindow(ws)
            win.resize(*SIZE)
            win.move(0, 0)
            win.show()
            sync_ui.install(win, keys=TeamKeys(use_keyring=False), auto=False)
            windows.append(win)
        a, b = windows
        rid, _ = add_demo(a.ws)
        a.review_list.refresh()
        wait(a.sync)
        a.sync.sync_now(PASSPHRASE, folder=shared)
        wait(a.sync)
        # The office computer joins: the panel asks for the team passphrase, and says why.
        b.sync.sync_now(folder=shared)
        wait(b.sync)
        panel = b.sync.show_panel()
        panel.move(60, 40)
        shot(panel, "8a-sync-passphrase.png")
        panel.passphrase.setText(PASSPHRASE)
        panel.unlock.click()
        wait(b.sync)
        panel.close()

        # Both edit the same strengths on the visit day, offline from each other.
        a.ws.judge(rid, "3.2", strengths="Visual timetables are used in every classroom we visited, "
                                         "and pupils refer to them without prompting.")
        b.ws.judge(rid, "3.2", strengths="Visual timetables are in place in most classes; Year 5 "
                                         "had taken theirs down for a display.")
        b.ws.add_observation(rid, room="Y5 Kestrels", text="Now and next board by the door.")
        a.sync.sync_now()
        wait(a.sync)
        b.sync.sync_now()
        wait(b.sync)
        view = a.open_review(rid)
        view.show_stage(Stage.SCHOOL_VISIT)
        a.sync.sync_now()
        wait(a.sync)
        a.ws.add_observation(rid, room="Y3 Otters", text="Calm corner in use.")
        a.sync.check_status()
        wait(a.sync)
        view.screens[Stage.SCHOOL_VISIT].setCurrentIndex(2)
        view.screens[Stage.SCHOOL_VISIT].judgements.select("3.2")
        shot(a, "8b-sync-status-bar-and-banner.png")

        panel = a.sync.show_panel()
        panel.move(60, 40)
        shot(panel, "8c-sync-panel.png")
        panel.close()

        conflicts = a.sync.show_conflicts(rid)
        conflicts.move(40, 40)
        shot(conflicts, "8d-sync-compare-versions.png")
        conflicts.close()

        partner = a.sync.send_to_partner()
        partner.move(60, 40)
        partner.path.setText(str(Path(tmp) / "Hollinbrook for Sam.wssreview"))
        partner.one_off.setChecked(True)
        partner.new_pass.setText("blue whale at noon")
        partner.new_pass_again.setText("blue whale at noon")
        partner.run()
        wait(a.sync)
        shot(partner, "8e-sync-send-to-partner.png")
        partner.close()

        # The office computer takes an action out of the plan; the laptop, which was still
        # editing it, finds it among the removed things and can bring it back.
        action = a.ws.bundle(rid).actions[0]
        b.ws.delete_action(action.id)
        b.ws.delete_evidence(next(e.id for e in b.ws.bundle(rid).evidence if e.room == "Y5 Kestrels"))
        b.sync.sync_now()
        wait(b.sync)
        a.sync.sync_now()
        wait(a.sync)
        removed = a.show_removed(rid)
        removed.move(60, 40)
        shot(removed, "8f-removed-from-this-review.png")
        removed.close()

        for win in windows:
            win.close()
            win.ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
