"""The overview across reviews and the anonymised example, driven through their windows."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from wss_desktop.core.demo import demo_data
from wss_desktop.gui import anonymise_panel, overview_window

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def three_reviews(ws):
    """Three schools in two trusts. By hand, as school / reviewer steps (median, lower middle):
    Alder area 1: school [2, 3] -> 2, reviewer [1, 2] -> 1; Birch area 1: 3 / 3;
    Cedar area 2: school 2, reviewer 4."""
    alder = ws.new_review("Alder Primary", "send-review", trust_or_la="Trust North", phase="primary",
                          date_visit="2025-03-10")
    for sid, reviewer, school in (("1.1", "emerging", "developing"), ("1.2", "developing", "established")):
        ws.judge(alder, sid, rating=reviewer)
        ws.self_evaluate(alder, sid, rating=school)
    ws.add_action(alder, "Rewrite the provision map", owner="SENCO", due="2026-05-01")
    birch = ws.new_review("Birch Academy", "send-review", trust_or_la="Trust South", phase="secondary",
                          date_visit="2026-01-20")
    ws.judge(birch, "1.1", rating="established")
    ws.self_evaluate(birch, "1.1", rating="established")
    ws.set_feedback(birch, usefulness=4, went_well="Kind and clear.", given_by="Headteacher")
    cedar = ws.new_review("Cedar Primary", "send-review", trust_or_la="Trust North", phase="primary",
                          date_visit="2026-02-11")
    ws.judge(cedar, "2.1", rating="enhanced")
    ws.self_evaluate(cedar, "2.1", rating="developing")
    return alder, birch, cedar


def opened(qtbot, window):
    win = window.show_overview()
    win.today = TODAY
    qtbot.waitUntil(lambda: not win.is_busy() and win.overview is not None, timeout=10_000)
    win.recompute()
    return win


def table_rows(t):
    """The rows of an overview table as shown: {heading: cell text}, through its model."""
    m = t.model()
    heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    return [dict(zip(heads, (m.index(r, c).data() for c in range(m.columnCount()))))
            for r in range(m.rowCount())]


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def test_the_overview_table_matches_the_hand_worked_figures(qtbot, window, three_reviews):
    alder, birch, cedar = three_reviews
    win = opened(qtbot, window)
    assert win.summary.text().startswith("3 reviews of 3 schools")
    rows = {r["School"]: r for r in table_rows(win.ratings)}
    assert list(rows) == ["Alder Primary", "Birch Academy", "Cedar Primary"]
    assert rows["Alder Primary"]["1"] == "2 / 1 ▲1"
    assert rows["Birch Academy"]["1"] == "3 / 3 ="
    assert rows["Cedar Primary"]["2"] == "2 / 4 ▼2"
    assert rows["Cedar Primary"]["1"] == "—"
    # The chart shows the typical school: area 1 school [2, 3] -> 2, reviewer [1, 3] -> 1.
    assert (win.chart.school[0], win.chart.reviewer[0]) == (2, 1)
    gaps = table_rows(win.gaps)
    assert [(g["School"], g["Mean gap (steps)"]) for g in gaps] == [
        ("Cedar Primary", "2.00"), ("Alder Primary", "1.00"), ("Birch Academy", "0.00")]
    assert gaps[0]["Mean gap (steps)"] == "2.00" and gaps[0]["Which way"] == "School lower ▼"
    overdue = table_rows(win.overdue)
    assert [(o["How late"], o["School"], o["Action"]) for o in overdue] == [
        ("⚠ 31 days overdue", "Alder Primary", "Rewrite the provision map")]
    scores = {r["Question"]: r for r in table_rows(win.feedback_scores)}
    assert scores["Usefulness"]["Mean (1 to 5)"] == "4.0" and scores["Usefulness"]["4"] == "1"
    assert table_rows(win.feedback_comments)[0]["What went well"] == "Kind and clear."

    # Filters change it.
    choose(win.trust, "Trust North")
    assert [r["School"] for r in table_rows(win.ratings)] == ["Alder Primary", "Cedar Primary"]
    assert win.summary.text().startswith("2 reviews of 2 schools")
    choose(win.year, 2025)
    assert [r["School"] for r in table_rows(win.ratings)] == ["Alder Primary"]
    choose(win.trust, None)
    choose(win.year, None)
    choose(win.phase, "secondary")
    assert [r["School"] for r in table_rows(win.ratings)] == ["Birch Academy"]
    assert win.overdue.model().rowCount() == 0

    # Opening a row (Enter on it) opens that review in the main window.
    win.tabs.setCurrentIndex(0)
    win.ratings.setFocus()
    win.ratings.setCurrentIndex(win.ratings.model().index(0, 0))
    qtbot.keyClick(win.ratings, Qt.Key.Key_Return)
    assert window.review_view is not None and window.review_view.ctx.review_id == birch


def test_export_to_csv_and_xlsx(qtbot, window, three_reviews, tmp_path, monkeypatch):
    win = opened(qtbot, window)
    choose(win.trust, "Trust North")
    target = tmp_path / "north.csv"
    monkeypatch.setattr(overview_window, "ask_export_path", lambda parent, kind, suggested: str(target))
    qtbot.mouseClick(win.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10_000)
    assert win.message.text().startswith("✓ Saved")
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["School"] for r in rows} == {"Alder Primary", "Cedar Primary"}
    alder_1 = next(r for r in rows if r["School"] == "Alder Primary" and r["Area"] == "1")
    assert (alder_1["School's step"], alder_1["Reviewer's step"]) == ("2", "1")
    assert (tmp_path / "north-overdue.csv").exists()

    book = tmp_path / "north.xlsx"
    win.export("xlsx", str(book))
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10_000)
    sheet = load_workbook(book)["Ratings by area"]
    values = list(sheet.iter_rows(values_only=True))
    heads = values[0]
    schools = {row[heads.index("School")] for row in values[1:]}
    assert schools == {"Alder Primary", "Cedar Primary"}


def test_export_to_a_missing_folder_says_what_to_do(qtbot, window, three_reviews, tmp_path):
    win = opened(qtbot, window)
    win.export("csv", str(tmp_path / "nowhere" / "x.csv"))
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10_000)
    assert win.message.text().startswith("⚠ The folder")
    assert win.csv_button.isEnabled()


def test_what_saving_the_overview_did_is_said_once_and_aloud(qtbot, window, three_reviews, tmp_path, told):
    """Before: '⚠ Not saved: The folder ... does not exist; choose another place to save
    the overview.' (the core's sentence already says so), and neither a problem nor
    '✓ Saved ...' was said to a screen reader. Now the core's words are shown once,
    and each result is said: a problem at once, the rest politely."""
    said = told            # (text, said at once) as each was said to a screen reader
    win = opened(qtbot, window)
    win.export("csv", str(tmp_path / "nowhere" / "x.csv"))
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10_000)
    text = win.message.text()
    assert text == f"⚠ The folder {tmp_path / 'nowhere'} does not exist; choose another place to save the overview."
    assert said == [(text, True)]
    win.export("csv", str(tmp_path / "x.csv"))
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10_000)
    assert win.message.text().startswith("✓ Saved")
    assert said[-1] == (win.message.text(), False)


def test_the_overview_is_in_the_go_menu_with_its_shortcut(window):
    from wss_desktop.gui import help_overlay
    listed = {keys for _, group in help_overlay.SHORTCUTS for keys, _ in group}
    assert window.actionOverview.shortcut().toString() == "Ctrl+Shift+V" in listed
    assert window.actionAnonymise.shortcut().toString() == "Ctrl+Shift+X" in listed
    assert window.actionOverview in window.ui.menuGo.actions()
    assert window.actionAnonymise in window.ui.menuFile.actions()


def demo_names() -> list[str]:
    data = demo_data()
    school, review = data["school"], data["review"]
    names = {school["name"], school["trust_or_la"], school["urn"]}
    for person in review["reviewers"]:
        names |= {person["name"], person["organisation"]}
    names |= {"Siobhán Ó Dálaigh", "Rahul Desai-Whitcombe", "Martin Okonjo-Reeve",
              "Priya Lindqvist", "Tomasz Wróblewski", "Zoë Łukasiewicz-Hart", "Adaeze Fairbrother"}
    return sorted(n for n in names if n)


def test_anonymised_example_preview_copy_and_json(qtbot, window, ws, tmp_path, monkeypatch):
    qtbot.mouseClick(window.review_list.ui.demoButton, Qt.MouseButton.LeftButton)
    demo = window.review_view.ctx.review_id
    panel = window.show_anonymise()
    befores = [panel.changes.item(r, 1).text() for r in range(panel.changes.rowCount())]
    afters = [panel.changes.item(r, 2).text() for r in range(panel.changes.rowCount())]
    school = ws.review(demo).school_name
    assert afters[befores.index(school)] == "School A"
    assert panel.left_out.count() >= 1
    target = tmp_path / "example.json"
    monkeypatch.setattr(anonymise_panel, "ask_json_path", lambda parent, suggested: str(target))
    reviews_before = len(ws.store.records(type(ws.review(demo))))
    qtbot.mouseClick(panel.make_button, Qt.MouseButton.LeftButton)
    assert panel.copy_id and panel.message.text().startswith("✓ Saved")
    assert len(ws.store.records(type(ws.review(demo)))) == reviews_before + 1
    window.show_list()
    listed = [window.review_list.model.index(r, 0).data() for r in range(window.review_list.model.rowCount())]
    assert "School A (Trust A)" in listed
    text = target.read_text(encoding="utf-8")
    found = [n for n in demo_names() if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE)]
    assert found == []
    assert json.loads(text)["school_name"] == "School A"


def test_saving_an_anonymised_example_says_once_what_happened_and_aloud(qtbot, window, ws, tmp_path, monkeypatch, told):
    """Before: '⚠ Not saved: ... is a folder; give a file name for the anonymised
    example ...' (the core's sentence says so already), and neither a problem nor
    '✓ Saved ...' was said to a screen reader. Now the core's words are shown once, and
    each result is said: a problem at once, the rest politely."""
    said = told            # (text, said at once) as each was said to a screen reader
    qtbot.mouseClick(window.review_list.ui.demoButton, Qt.MouseButton.LeftButton)
    panel = window.show_anonymise()
    monkeypatch.setattr(anonymise_panel, "ask_json_path", lambda parent, suggested: str(tmp_path))
    qtbot.mouseClick(panel.make_button, Qt.MouseButton.LeftButton)
    text = panel.message.text()
    assert text.startswith(f"⚠ {tmp_path} is a folder; give a file name for the anonymised example"), text
    assert said[-1] == (text, True)
    assert panel.save_json(str(tmp_path / "example.json")) == tmp_path / "example.json"
    assert panel.message.text().startswith("✓ Saved")
    assert said[-1] == (panel.message.text(), False)


def test_a_trust_sized_overview_makes_no_item_per_cell_and_words_only_the_rows_it_shows(
        qtbot, ws, monkeypatch):
    """Issue 11: at a trust's scale the overview made an item per cell (~55,000 at 5,000
    reviews) and measured every row for its column widths. Now the tables are views over
    a model: a cell is worded only when the view shows or measures it (the first rows)."""
    from dataclasses import replace

    from PySide6.QtWidgets import QTableView, QTableWidget

    from wss_desktop.core.overview import OverviewData, _AreaFigure, _ReviewFigures

    first = ws.new_review("Fictional School 0000", "send-review", trust_or_la="Trust North",
                          phase="primary", date_visit="2026-03-01")
    real = ws.review(first)
    fw = ws.framework_of(real)
    schools = 4000
    reviews, figures = [], {}
    for i in range(schools):   # made in memory: writing 4,000 reviews would take minutes
        r = replace(real, id=f"r{i:05d}", school_name=f"Fictional School {i:04d}", urn=f"8{i:05d}")
        reviews.append(r)
        figures[r.id] = _ReviewFigures(
            {a.id: _AreaFigure(i % 4, 3, (i + n) % 4, 3) for n, a in enumerate(fw.areas)}, (3, i % 5, 1, 2))
    data = OverviewData(reviews=reviews, frameworks={real.framework_hash: fw}, figures=figures,
                        unrated={}, actions=[], feedback=[])
    worded = []
    real_words = overview_window.gap_words
    monkeypatch.setattr(overview_window, "gap_words", lambda s, r: worded.append((s, r)) or real_words(s, r))

    win = overview_window.OverviewWindow(ws, today=TODAY)
    qtbot.addWidget(win)
    # No item per cell: every table of the window is a view over a model.
    assert win.findChildren(QTableWidget) == []
    assert len(win.findChildren(QTableView)) == 6
    win.resize(1200, 720)
    win.show()
    qtbot.waitExposed(win)
    win._loaded(data)
    win.grab()   # painted, as a user would see it
    areas = len(fw.areas)
    assert win.ratings.model().rowCount() == schools and win.gaps.model().rowCount() == schools
    # Worded: the rows measured for widths (200) and those painted, not all 4,000.
    assert 0 < len(worded) <= 3 * 250 * areas < schools * areas
    # Any row still reads right when reached.
    last = table_rows(win.ratings)[-1]
    assert last["School"] == "Fictional School 3999"
    assert last["1"] == real_words(3999 % 4 + 1, 3999 % 4 + 1)
    win.ratings.scrollToBottom()
    win.grab()
    assert not win.ratings.tabKeyNavigation()


def test_a_table_on_a_tab_not_shown_is_measured_when_its_tab_is_shown(qtbot, window, three_reviews):
    """Issue 11: opening measures the columns of the ratings table only; each other
    table's columns are measured (from its heading and first rows) when its tab shows."""
    win = opened(qtbot, window)
    qtbot.waitExposed(win)
    assert win.tabs.currentIndex() == 0
    hidden = [win.gaps, win.development, win.overdue, win.feedback_scores, win.feedback_comments]
    assert win.ratings not in win._unfitted and all(t in win._unfitted for t in hidden)
    win.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: win.gaps not in win._unfitted, timeout=5_000)
    # Measured: from the heading and the rows, never wider than 360.
    assert all(0 < win.gaps.columnWidth(c) <= 360 for c in range(win.gaps.model().columnCount() - 1))
    win.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: win.feedback_comments not in win._unfitted, timeout=5_000)
    assert table_rows(win.feedback_comments)[0]["What went well"] == "Kind and clear."


def test_the_other_tabs_tables_are_filled_only_when_their_tab_is_shown(qtbot, window, three_reviews):
    """Issue 11: opening the overview fills the ratings table only. Each other tab's
    table (and the overview's own working for it) waits until its tab is shown, then
    shows the rows of the filters chosen at that moment; the overdue tab still says
    how many at once, and the tables never trap Tab."""
    from PySide6.QtWidgets import QTableView

    def rows_now(t):   # as the view has it, without filling it first (t.model() would)
        return QTableView.model(t).rowCount()

    win = opened(qtbot, window)
    qtbot.waitExposed(win)
    others = [win.gaps, win.development, win.overdue, win.feedback_scores, win.feedback_comments]
    assert rows_now(win.ratings) == 3
    assert [rows_now(t) for t in others] == [0] * 5
    assert [name for name in ("gaps", "development", "overdue", "feedback")
            if name in vars(win.overview)] == []
    assert win.tabs.tabText(3) == "&Overdue actions (1)"

    win.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: rows_now(win.gaps) == 3, timeout=5_000)
    assert [g["School"] for g in table_rows(win.gaps)] == ["Cedar Primary", "Alder Primary", "Birch Academy"]
    assert [rows_now(t) for t in others[1:]] == [0] * 4

    # A filter chosen on another tab: the gaps wait for their tab again, then show the new rows.
    win.tabs.setCurrentIndex(0)
    choose(win.trust, "Trust South")
    assert rows_now(win.gaps) == 3          # not worked out again while hidden
    assert win.tabs.tabText(3) == "&Overdue actions (0)"
    win.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: rows_now(win.gaps) == 1, timeout=5_000)
    assert table_rows(win.gaps)[0]["School"] == "Birch Academy"

    win.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: rows_now(win.feedback_comments) == 1, timeout=5_000)
    assert table_rows(win.feedback_comments)[0]["What went well"] == "Kind and clear."
    scores = {r["Question"]: r for r in table_rows(win.feedback_scores)}
    assert scores["Usefulness"]["Mean (1 to 5)"] == "4.0"
    # Asked for from code, a table not shown yet is filled first (the filters now: Trust South).
    assert rows_now(win.overdue) == 0 and table_rows(win.overdue) == []
    choose(win.trust, None)
    assert [o["Action"] for o in table_rows(win.overdue)] == ["Rewrite the provision map"]
    assert all(not t.tabKeyNavigation() for t in others)
    assert all(t.accessibleName() for t in others)


def test_columns_are_as_wide_as_qt_measures_their_words(qtbot, window, three_reviews):
    """Issue 11: the window measures its columns' words itself (not through the item
    delegate for every cell); each column is still at least as wide as Qt's own
    measure of its heading and rows (so no text is cut short), up to the 360 cap."""
    win = opened(qtbot, window)
    qtbot.waitExposed(win)
    for index, tables in ((0, [win.ratings]), (1, [win.gaps]), (3, [win.overdue]),
                          (4, [win.feedback_scores, win.feedback_comments])):
        win.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda shown=tables: not any(t in win._unfitted for t in shown), timeout=5_000)
        for t in tables:
            header = t.horizontalHeader()
            for c in range(header.count()):
                if header.sectionResizeMode(c) == header.ResizeMode.Stretch:
                    continue
                wanted = max(t.sizeHintForColumn(c), header.sectionSizeHint(c))
                assert t.columnWidth(c) >= min(wanted, 360 if c else 180), (t.accessibleName(), c)


def test_the_filters_go_onto_more_rows_at_200_percent_text_so_nothing_scrolls_sideways(
        qtbot, three_reviews, window):
    """At 200% text on a 1024x600 screen the row of filters (four choices and Read again)
    was wider than the screen, so the whole window scrolled sideways and its introduction
    could not be read without scrolling. Now the filters go onto as many rows as they
    need and the window's contents fit its width."""
    from PySide6.QtWidgets import QApplication, QScrollArea
    from test_sync_ui import text_twice_as_large

    def filter_rows() -> int:
        return len({w.mapTo(win, w.rect().topLeft()).y() for w in (win.trust, win.phase, win.year, win.framework)})

    with text_twice_as_large():
        win = opened(qtbot, window)
        win.resize(1024, 600)
        QApplication.processEvents()
        scrollers = [a for a in win.findChildren(QScrollArea) if a.parentWidget() is win]
        body = scrollers[0].widget() if scrollers else win
        assert body.minimumSizeHint().width() <= win.width(), (body.minimumSizeHint(), win.width())
        assert filter_rows() > 1, "the filters are still in one row"
    # Wide, at the usual text size, they go back into one row.
    win.resize(1600, 900)
    qtbot.waitUntil(lambda: filter_rows() == 1)
