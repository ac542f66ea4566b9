"""Screenshots of the first-run set-up, Settings, About and the user guide, into docs/screenshots/.

    python scripts/screenshots_first_run.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed (re-starting itself inside `xvfb-run`), otherwise
on Qt's offscreen platform, in a throwaway data folder with fictional names only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHILD = "WSS_SCREENSHOTS_CHILD"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--offscreen", action="store_true")
    args = parser.parse_args()
    if not (args.offscreen or os.environ.get(CHILD) or os.environ.get("DISPLAY")):
        xvfb = shutil.which("xvfb-run")
        if xvfb:
            return subprocess.call([xvfb, "-a", "-s", "-screen 0 1280x800x24", sys.executable,
                                    str(Path(__file__).resolve()), "--out", str(args.out)],
                                   env={**os.environ, CHILD: "1"})
    if args.offscreen or not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["WSS_NO_OPEN"] = "1"

    from PySide6.QtWidgets import QApplication, QWizard

    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.about import AboutDialog
    from wss_desktop.gui.app import app_icon
    from wss_desktop.gui.first_run import FirstRunWizard
    from wss_desktop.gui.guide import GuideWindow
    from wss_desktop.gui.settings_dialog import SettingsDialog
    from wss_desktop.gui.style import apply_style

    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    apply_style(app)
    args.out.mkdir(parents=True, exist_ok=True)

    def shot(widget, name: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        path = args.out / name
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    with tempfile.TemporaryDirectory() as tmp:
        with Workspace.open(Path(tmp) / "WSS Review Desktop") as ws:
            wizard = FirstRunWizard(ws)
            wizard.you.name.setText("Priya Shah")
            wizard.you.role.setCurrentIndex(wizard.you.role.findData("senco"))
            wizard.you.organisation.setText("Northvale Academy Trust")
            shot(wizard, "80-first-run-you.png")
            wizard.next()
            wizard.branding.footer.setText("Northvale Academy Trust, registered charity 1234567")
            shot(wizard, "81-first-run-branding.png")
            wizard.skip_step()
            wizard.sharing.create.click()
            wizard.sharing.folder.setText(str(Path.home() / "OneDrive - Northvale" / "SEND reviews"))
            wizard.sharing.passphrase.setText("a long team passphrase")
            wizard.sharing.confirm.setText("a long team passphrase")
            shot(wizard, "82-first-run-team.png")
            wizard.skip_step()
            shot(wizard, "83-first-run-your-data.png")
            wizard.button(QWizard.WizardButton.FinishButton).click()

            ws.add_branding_profile("Northvale Academy Trust", organisation="Northvale Academy Trust")
            settings = SettingsDialog(ws)
            shot(settings, "84-settings-you.png")
            settings.tabs.setCurrentIndex(1)
            shot(settings, "85-settings-reports.png")
            settings.tabs.setCurrentIndex(2)
            shot(settings, "86-settings-sharing.png")
            settings.tabs.setCurrentIndex(3)
            shot(settings, "87-settings-data.png")
            settings.close()

            about = AboutDialog(ws)
            shot(about, "88-about.png")
            about.close()
            guide = GuideWindow()
            shot(guide, "89-user-guide.png")
            guide.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
