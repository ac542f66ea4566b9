"""Screenshots of the first-run set-up, Settings, About and the user guide, into docs/screenshots/.

    python scripts/screenshots_first_run.py [--out docs/screenshots] [--offscreen]

Runs under Xvfb when it is installed (re-starting itself inside `xvfb-run`), otherwise
on Qt's offscreen platform, in a throwaway data folder with fictional names only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from shots import ROOT, prepare, styled_app



def main() -> int:
    args = prepare(__doc__, __file__)
    if isinstance(args, int):
        return args

    from PySide6.QtWidgets import QWizard

    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.about import AboutDialog
    from wss_desktop.gui.first_run import FirstRunWizard
    from wss_desktop.gui.guide import GuideWindow
    from wss_desktop.gui.settings_dialog import SettingsDialog

    app = styled_app()

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
