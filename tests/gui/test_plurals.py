"""Counts say "1 look-for" and "3 look-fors", never "look-for(s)": Qt's own plural forms
need a translation file, so the screens showed "(s)" everywhere, which reads badly and
which a screen reader reads out letter by letter."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wss_desktop.core.model import Stage


def _shown_text(root: QWidget) -> str:
    from PySide6.QtWidgets import QLabel, QListWidget
    texts = [w.text() for w in root.findChildren(QLabel) if w.isVisible()]
    for lst in root.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    return "\n".join(texts)


def test_the_learning_walk_and_the_review_list_count_in_plain_english(qtbot, window, ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    one = ws.add_observation(rid, room="Kestrels", text="Word mats on every table")
    ws.update_evidence(one, look_fors=["Key vocabulary pre-taught or displayed"])
    two = ws.add_observation(rid, room="Owls", text="Visual timetable by the door")
    ws.update_evidence(two, look_fors=["Learning broken into small, clear steps",
                                       "Key vocabulary pre-taught or displayed"])
    window.show_list()
    window.review_list.refresh()
    assert window.review_list.ui.countLabel.text().startswith("1 review ·")
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.load()
    shown = _shown_text(walk)
    assert "(s)" not in shown, shown
    assert "1 look-for" in shown and "2 look-fors" in shown
    assert walk.ui.countsTitle.text() == "2 observations; per focus area:"


def test_the_statement_grid_counts_evidence_in_plain_english(qtbot, window, ws):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    ws.add_observation(rid, room="Kestrels", text="Word mats on every table", statements=["1.1"])
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    visit = view.screens[Stage.SCHOOL_VISIT]
    visit.setCurrentIndex(2)                      # the Judgements tab
    grid = visit.judgements
    model = grid.model
    cells = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert "1 item" in cells
    assert not any(isinstance(c, str) and "(s)" in c for c in cells)
