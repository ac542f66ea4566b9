"""The review list builds only the rows it shows: thousands of reviews cost no more
to open than a screenful (a trust with 5,000 reviews once waited for 35,000 cells)."""

from PySide6.QtWidgets import QTableView

from wss_desktop.gui.review_list import ReviewsModel


def test_a_long_list_works_out_only_the_rows_on_screen(qtbot):
    rows = [{"id": f"r{i}", "school_name": f"Generated School {i:04d}", "trust_or_la": "Moor Trust",
             "framework_id": "send-review", "review_type": "external", "stage_reached": "school-visit",
             "date_visit": "2026-10-08", "date_report_due": None, "next_due": None}
            for i in range(5000)]
    model = ReviewsModel()
    model.load(rows, {"send-review": "SEND Review Guide"})
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1024, 600)
    view.show()
    qtbot.waitExposed(view)
    view.grab()   # paint it, as the screen would
    on_screen = view.rowAt(view.viewport().height() - 1) + 1 or model.rowCount()
    assert 0 < len(model._cells) <= on_screen + 5
    assert model.data(model.index(4999, 0)) == "Generated School 4999 (Moor Trust)"
    assert len(model._cells) <= on_screen + 6
