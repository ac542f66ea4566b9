"""The app says so when its data folder is somewhere a cloud client or a network drive
shares (see tests/core/test_data_folder_placement.py): before, nothing did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from wss_desktop.core.workspace import Workspace


def test_a_data_folder_in_onedrive_is_named_when_the_app_opens(qtbot, tmp_path):
    from wss_desktop.gui.main_window import MainWindow
    ws = Workspace.open(tmp_path / "OneDrive - Elm Row Trust" / "Documents" / "WSS data")
    try:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        box = window.warn_if_shared(mounts="")
        assert box is not None
        qtbot.waitUntil(box.isVisible)
        assert not box.isModal() or box.windowModality() != Qt.WindowModality.ApplicationModal
        assert box.icon() == QMessageBox.Icon.Warning
        assert box.accessibleName() == "Your data folder is somewhere shared"
        assert "is on OneDrive, where notes can be lost" in box.text()
        assert "File ▸ Restore…" in box.informativeText()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not box.isVisible())
    finally:
        window.close()
        ws.close()


def test_an_ordinary_data_folder_gets_no_warning(qtbot, window):
    assert window.warn_if_shared(mounts="") is None
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]


def test_a_data_folder_in_the_teams_shared_folder_is_said_to_be_in_it(qtbot, tmp_path):
    from wss_desktop.gui.main_window import MainWindow
    team = tmp_path / "Team reviews"
    team.mkdir()
    (team / "wss-review-desktop.json").write_text("{}")
    ws = Workspace.open(team / "WSS data")
    try:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        box = window.warn_if_shared(mounts="")
        assert box is not None and "is in the team's shared folder, where" in box.text()
        box.close()
    finally:
        window.close()
        ws.close()
