"""Smaller behaviours a user would notice, one screen at a time."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from wss_desktop.core.demo import DEMO_ID
from wss_desktop.core.model import EvidenceKind, Stage
from wss_desktop.gui import app as gui_app
from wss_desktop.gui.autosave import DEBOUNCE_MS


def test_first_run_offers_demo_and_new_review(qtbot, window):
    page = window.review_list
    assert page.ui.states.currentWidget() is page.ui.welcomePage
    qtbot.mouseClick(page.ui.demoButton, Qt.MouseButton.LeftButton)
    assert window.review_view is not None
    assert window.review_view.ui.schoolTitle.text() == "Hollinbrook Meadow Primary School"
    window.show_list()
    assert page.ui.states.currentWidget() is page.ui.listPage
    assert page.model.rowCount() == 1


def test_review_list_search_and_filters(qtbot, window, ws):
    ws.new_review("Fernhill Community Primary School", "send-review", trust_or_la="Ashgrove Trust")
    ws.new_review("Mossbank Academy", "send-governance")
    window.show_list()
    page = window.review_list
    assert page.proxy.rowCount() == 2
    qtbot.keyClicks(page.ui.searchEdit, "ashgrove")
    assert page.proxy.rowCount() == 1
    assert "Fernhill" in page.proxy.index(0, 0).data()
    assert "Showing 1 of 2" in page.ui.countLabel.text()
    page.ui.searchEdit.clear()
    page.ui.frameworkFilter.setCurrentIndex(page.ui.frameworkFilter.findData("send-governance"))
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Mossbank Academy"


def test_navigator_lists_what_is_missing_and_stage_shortcuts(qtbot, window, ws):
    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    view = window.open_review(rid)
    assert view.current == Stage.IDENTIFICATION
    assert "Who asked for the review" in view.ui.missingList.text()
    view.screens[Stage.IDENTIFICATION].ui.requestedBy.setFocus()
    qtbot.keyClicks(view.screens[Stage.IDENTIFICATION].ui.requestedBy, "The SENCO")
    qtbot.wait(DEBOUNCE_MS + 400)
    assert "Who asked for the review" not in view.ui.missingList.text()
    assert ws.review(rid).requested_by == "The SENCO"
    assert window.indicator.state == "saved"
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert view.current == Stage.PREPARATION
    assert "document checklist" in view.ui.missingList.text()
    assert "○ Not started" in view.ui.stageList.item(2).text()


def test_grid_marks_differences_with_words_not_colour_alone(qtbot, window, ws):
    window.open_demo()
    view = window.review_view
    view.show_stage(Stage.SCHOOL_VISIT)
    grid = view.screens[Stage.SCHOOL_VISIT].judgements
    view.screens[Stage.SCHOOL_VISIT].setCurrentIndex(2)
    b = ws.bundle(DEMO_ID)
    diff_col = grid.model.columns.index("diff")
    for i, row in enumerate(grid.model.rows):
        if row.statement is None:
            continue
        sa, j = b.self_assessment(row.statement.id), b.judgements.get(row.statement.id)
        text = grid.model.index(i, diff_col).data()
        if sa and j and sa.rating and j.rating and sa.rating != j.rating:
            assert text.startswith("≠")
    grid.select("3.2")
    qtbot.mouseClick(grid.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=grid.view.visualRect(grid.model.index(grid.model.row_of("3.2"),
                                              grid.model.columns.index("evidence"))).center())
    assert grid.evidence.hasFocus()
    assert grid.evidence.count() == len(b.evidence_for_statement("3.2"))


def test_an_empty_observation_is_not_kept(qtbot, window, ws):
    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.next_room()
    walk.next_room()
    view.show_stage(Stage.REPORTING)
    assert not [e for e in ws.bundle(rid).evidence if e.kind == EvidenceKind.LEARNING_WALK]


def test_help_overlay_toggles_with_f1(qtbot, window):
    assert not window.help.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.help.isVisible()
    assert "Next room" in window.help.card.text()
    qtbot.keyClick(window.help, Qt.Key.Key_Escape)
    assert not window.help.isVisible()


def test_window_layout_is_remembered_in_the_data_folder(qtbot, window, ws):
    window.resize(1100, 650)
    window.close()
    settings = QSettings(str(ws.paths.root / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("geometry") is not None


def test_exception_hook_logs_and_names_the_log_file(qtbot, window, tmp_path, monkeypatch):
    log_file = gui_app.setup_logging(window.ws.paths)
    hook = gui_app.ExceptionHook(log_file)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)
    try:
        raise RuntimeError("a fictional fault")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert "a fictional fault" in log_file.read_text(encoding="utf-8")
    assert str(log_file) in shown[0]


def test_logging_follows_the_data_folder_opened_last(tmp_path):
    """Opening a second data folder in the same process (as the test run and the
    first-run wizard do) must log into that folder, not the first one."""
    import logging

    first = gui_app.setup_logging(gui_app.Paths.resolve(str(tmp_path / "first")))
    second = gui_app.setup_logging(gui_app.Paths.resolve(str(tmp_path / "second")))
    logging.getLogger("wss_desktop.gui").error("a fictional note for the second folder")
    assert second != first
    assert "a fictional note for the second folder" in second.read_text(encoding="utf-8")
    assert "a fictional note for the second folder" not in first.read_text(encoding="utf-8")
