"""The survey and groups-compared tabs of the preparation stage, driven with real widgets
and keys, read back through the core."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from voices_support import fill_ms_forms, ta_sheets
from wss_desktop.core import gaps, surveys
from wss_desktop.core.model import Stage


def open_tab(qtbot, window, rid, title: str):
    view = window.open_review(rid)
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    screen = view.screens[Stage.PREPARATION]
    tabs = screen.ui.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title)
    tabs.setCurrentIndex(index)
    page = tabs.widget(index)
    assert isinstance(page, QScrollArea)
    return screen, page.widget()


def choose_group(panel, group: str, easy: bool = False) -> None:
    panel.group.setCurrentIndex(panel.group.findData(f"{group}:easy-read" if easy else group))


def test_import_previews_counts_and_names_then_saves_what_is_ticked(qtbot, window, ws, tmp_path):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    choose_group(panel, "parents")
    panel.format.setCurrentIndex(panel.format.findData("microsoft"))
    made = panel.make_to(str(tmp_path / "parents.csv"))
    assert made is not None and made.exists()
    assert "Saved the questionnaire" in panel.message.text()
    answers = fill_ms_forms(made, ws.survey_questionnaire(rid, "parents"), 60, 1)

    assert panel.preview_file(str(made))
    assert not panel.preview.isHidden()
    assert "60 responses" in panel.preview_text.text()
    assert "evidence from parents and carers, linked to statements 4.5" in panel.preview_text.text()
    q = ws.survey_questionnaire(rid, "parents")
    happy = [i for i, x in enumerate(q.questions) if x.id == "happy"][0]
    agree = sum(1 for a in answers if a[happy] == "Agree")
    col = [panel.counts.horizontalHeaderItem(c).text() for c in range(panel.counts.columnCount())].index("Agree")
    row = [panel.counts.item(r, 0).text() for r in range(panel.counts.rowCount())].index(q.questions[happy].text)
    assert panel.counts.item(row, col).text() == str(agree)
    names = [panel.names.item(i).text() for i in range(panel.names.count())]
    assert "Mrs Patel" in names and "Kacper" in names
    # Keep one that the person decides is not a name to remove.
    panel.names.item(names.index("Kacper")).setCheckState(Qt.CheckState.Unchecked)
    assert ws.bundle(rid).surveys == []          # nothing stored before saving
    qtbot.keyClick(panel.save_button, Qt.Key.Key_Space)
    b = ws.bundle(rid)
    assert len(b.surveys) == 1
    _, responses = surveys.stored(b.surveys[0])
    text = " ".join(v for r in responses for v in r if v)
    assert "Patel" not in text and "Kacper" in text
    assert "Saved 60 responses as evidence FV1" in panel.message.text()
    assert panel.list.item(0).text().startswith("FV1")


def test_a_bad_file_is_one_sentence_and_nothing_changes(qtbot, window, ws, tmp_path):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    bad = tmp_path / "returns.csv"
    bad.write_text("Name,Score\nAnn,3\n")
    assert not panel.preview_file(str(bad))
    assert panel.message.text().startswith("⚠ Nothing was imported.")
    assert "does not look like a survey export" in panel.message.text()
    assert panel.preview.isHidden() and ws.bundle(rid).surveys == []


PAPER_ROWS = (["1", "2", "3", "h", "1", "2", "Ellie helps me."], ["3", "3", "3", "3", "3", "3", ""])


def type_paper(qtbot, grid, rows) -> None:
    """Type questionnaires' answers into the paper grid, a row each, Tab between cells."""
    for row, keys in enumerate(rows):
        grid.setCurrentCell(row, 0)
        for text in keys:
            if text:
                # The first key opens the cell's editor, which takes the rest.
                qtbot.keyClicks(grid, text[0])
                editor = QApplication.focusWidget()
                qtbot.keyClicks(editor, text[1:])
                qtbot.keyClick(editor, Qt.Key.Key_Return)
            qtbot.keyClick(grid, Qt.Key.Key_Tab)


# Qt warns when the test hands key presses straight to a cell editor it found through
# the focus (qtbot's keyClicks); the grid itself keeps what was typed, as checked below.
@pytest.mark.qt_log_ignore("QAbstractItemView::commitData called with an editor that does not belong")
def test_paper_grid_is_typed_with_numbers_and_tab(qtbot, window, ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    choose_group(panel, "pupils", easy=True)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    q = ws.survey_questionnaire(rid, "pupils", easy_read=True)
    assert panel.grid.columnCount() == len(q.questions)
    grid = panel.grid
    type_paper(qtbot, grid, PAPER_ROWS)
    assert grid.rowCount() == 3          # a fresh row waits after the last typed one
    assert panel.paper_rows()[0][:4] == ["Happy", "OK", "Sad", "Happy"], panel.paper_rows()
    assert panel.paper_rows()[0][6] == "Ellie helps me.", panel.paper_rows()
    qtbot.mouseClick(panel.paper_preview, Qt.MouseButton.LeftButton)
    assert "2 responses" in panel.preview_text.text()
    assert [panel.names.item(i).text() for i in range(panel.names.count())] == ["Ellie"]
    panel.save_pending()
    b = ws.bundle(rid)
    s = b.surveys[0]
    assert (s.source, s.template, s.names_removed) == ("paper", "pupils-easy-read", 1)


@pytest.mark.qt_log_ignore("QAbstractItemView::commitData called with an editor that does not belong")
def test_answers_typed_in_from_paper_are_kept_until_saved(qtbot, window, ws):
    """A pile of paper questionnaires typed in was held only by the grid: leaving the
    review (or closing the window, or the app being stopped) lost every answer, without
    a word. Each answer is now kept on this computer as it is typed (in the encrypted
    database, never sent to colleagues) and is back when the grid is opened again for the
    same questionnaire, until the answers are saved as a survey."""
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    choose_group(panel, "pupils", easy=True)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    type_paper(qtbot, panel.grid, PAPER_ROWS)
    typed = panel.paper_rows()
    window.show_list()                                         # the review is closed

    _, panel = open_tab(qtbot, window, rid, "Surveys")
    assert "not saved yet" in panel.message.text()
    choose_group(panel, "parents")                             # another questionnaire: its own grid
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert panel.paper_rows() == []
    choose_group(panel, "pupils", easy=True)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert panel.paper_rows() == typed
    assert "2 questionnaires" in panel.message.text()
    assert panel.grid.rowCount() == 3                          # a fresh row after the last
    qtbot.mouseClick(panel.paper_preview, Qt.MouseButton.LeftButton)
    panel.save_pending()
    assert len(ws.bundle(rid).surveys) == 1

    window.show_list()
    _, panel = open_tab(qtbot, window, rid, "Surveys")         # saved: nothing is kept any more
    assert "not saved yet" not in panel.message.text()
    choose_group(panel, "pupils", easy=True)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert panel.paper_rows() == []


def test_groups_compared_lists_the_widest_gap_first(qtbot, window, ws):
    rid = ws.new_review("Brookside Juniors (fictional)", "ta-deployment")
    teachers, tas = ta_sheets(ws.bundle(rid).framework)
    ws.add_respondent_sheets(rid, "teacher", teachers)
    ws.add_respondent_sheets(rid, "ta", tas)
    _, panel = open_tab(qtbot, window, rid, "Groups compared")
    b = ws.bundle(rid)
    top = gaps.compare(b).statements[0]
    assert panel.headline.text() == gaps.describe(b, top, widest=True)
    t = panel.table
    heads = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert heads == ["Statement", "Text", "Teachers", "Teaching assistants", "Gap"]
    assert t.rowCount() == len(b.framework.statements())
    assert t.item(0, 0).text() == "2.3" and float(t.item(0, 4).text()) == top.gap
    assert t.accessibleName() == "Groups compared, widest gap first"


def test_every_control_has_an_accessible_name_or_label(qtbot, window, ws):
    from PySide6.QtWidgets import QComboBox, QListWidget, QPushButton, QTableWidget
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    for kind in (QComboBox, QListWidget, QTableWidget, QPushButton):
        for w in panel.findChildren(kind):
            assert w.accessibleName() or (kind is QPushButton and w.text().replace("&", "")), w


def test_data_in_depth_is_typed_into_cells_and_charted(qtbot, window, ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Data in depth")
    t = panel.whole
    row = [t.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(t.rowCount())].index("attendance_pct")
    t.setCurrentCell(row, 1)
    qtbot.keyClicks(t, "8")
    qtbot.keyClicks(QApplication.focusWidget(), "9.5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(f.send == 89.5 for f in ws.bundle(rid).school_figures))
    assert t.item(row, 3).toolTip().endswith("(illustrative: check the current figure)")
    qtbot.waitUntil(lambda: "Attendance" in panel.chart.accessibleDescription())
    assert "The school: pupils with SEND 89.5%" in panel.chart.accessibleDescription()
    # A figure by primary need
    panel.part.setCurrentIndex(panel.part.findData("need:SLCN"))
    panel.measure.setCurrentIndex(panel.measure.findData("attendance_pct"))
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.parts.rowCount() == 1)
    assert panel.parts.item(0, 0).text() == "Speech, language and communication needs (SLCN)"
    # A bad number is one sentence and changes nothing
    t.item(row, 2).setText("lots")
    assert "must be a number" in panel.message.text()
    assert all(f.all_pupils is None for f in ws.bundle(rid).school_figures)


def test_end_of_day_feedback_is_saved_as_typed(qtbot, window, ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    view = window.open_review(rid)
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    screen = view.screens[Stage.SCHOOL_VISIT]
    screen.setCurrentWidget(screen.close_of_day)
    panel = screen.close_of_day
    panel.agreed.setFocus()
    qtbot.keyClicks(panel.agreed, "Share the provision map by half term.")
    qtbot.waitUntil(lambda: ws.bundle(rid).verbal_feedback is not None
                    and ws.bundle(rid).verbal_feedback.agreed == "Share the provision map by half term.",
                    timeout=5000)
    assert panel.agreed.accessibleName() == "What was agreed"


def test_tab_leaves_the_paper_grid_at_its_ends(qtbot, window, ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    choose_group(panel, "pupils", easy=True)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    grid = panel.grid
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.hasFocus() and grid.currentColumn() == 1          # answer to answer
    grid.setCurrentCell(grid.rowCount() - 1, grid.columnCount() - 1)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert not grid.hasFocus()                                     # and out at the end
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Backtab)
    assert not grid.hasFocus()                                     # and out at the start


def test_the_survey_tab_is_walked_with_tab_in_visual_order(qtbot, window, ws):
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review")
    _, panel = open_tab(qtbot, window, rid, "Surveys")
    panel.group.setFocus()
    qtbot.waitUntil(lambda: panel.group.hasFocus())
    order = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:4] == [panel.format, panel.make_button, panel.import_button, panel.paper_button]
    # Space on the focused button opens the paper grid, ready for typing.
    qtbot.keyClick(panel.paper_button, Qt.Key.Key_Space)
    assert not panel.paper.isHidden() and panel.grid.hasFocus()


def test_factual_accuracy_round_in_the_reporting_stage(qtbot, window, ws, tmp_path):
    from openpyxl import load_workbook
    rid = ws.new_review("Elm Park Primary (fictional)", "send-review", scope=["4"])
    view = window.open_review(rid)
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    screen = view.screens[Stage.REPORTING]
    panel = screen.accuracy
    screen.ui.tabs.setCurrentWidget(panel)
    out = panel.export_to(str(tmp_path))
    assert out is not None and out.pdf.exists() and "Send both to the school" in panel.message.text()
    wb = load_workbook(out.sheet)
    wb["Comments"]["D3"] = "Parents attend most, not every, review."
    wb.save(out.sheet)
    assert len(panel.import_from(str(out.sheet))) == 1
    assert panel.list.count() == 1 and panel.list.item(0).text().startswith("Statement 4.2:")
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert "cannot be empty" in panel.message.text()         # who resolved it is asked for
    qtbot.keyClicks(panel.name, "Sam Reviewer (fictional)")
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert panel.list.item(0).text() == "No comments from the school are waiting."
    assert ws.report_comments(rid, "full")[0].resolved


def test_the_edition_is_shown_and_switched_on_the_identification_screen(qtbot, window, ws):
    rid = ws.new_review("Riverside School (fictional)", "send-review", phase="special")
    ws.judge(rid, "8.6", rating="developing")
    view = window.open_review(rid)
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    chooser = view.screens[Stage.IDENTIFICATION].edition
    assert chooser.isVisibleTo(view) and chooser.currentData() == "specialist"
    assert chooser.label.buddy() is chooser
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Up)        # a combo box changes with the arrow keys
    qtbot.waitUntil(lambda: ws.review(rid).framework_id == "send-review")
    assert ws.bundle(rid).judgements["8.6"].rating == "developing"
    other = ws.new_review("Oak Lane (fictional)", "ta-deployment")
    view = window.open_review(other)
    qtbot.keyClick(view.ui.stageList, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not view.screens[Stage.IDENTIFICATION].edition.isVisibleTo(view)
