"""How much one learning-walk autosave costs (issue 11): SQL statements per save.

    QT_QPA_PLATFORM=offscreen python bench/bench_autosave.py

Opens the demo review on the learning walk in the real window (offscreen), starts
an observation, then saves typed text into "What you saw" 50 times, counting the
statements the window's database connection runs for each save and which tables
they touch. The floor is the store's own write of the same field (what no screen
can avoid: read the row, update it, log the change, index the text). Target: a
save touches only its own row and the change log, not the whole review.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from wss_desktop.core.demo import add_demo  # noqa: E402
from wss_desktop.core.model import Evidence, Stage  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE|JOIN)\s+\[?(\w+)", re.I)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from wss_desktop.gui.main_window import MainWindow
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        rid, _ = add_demo(ws)
        win = MainWindow(ws)
        win.resize(1280, 800)
        win.show()
        view = win.open_review(rid)
        view.show_stage(Stage.SCHOOL_VISIT)
        walk = view.screens[Stage.SCHOOL_VISIT].walk
        walk.next_room()
        app.processEvents()
        statements: list[str] = []
        ws.store.conn.set_trace_callback(statements.append)
        per_save, tables = [], Counter()
        for i in range(50):
            statements.clear()
            walk.ui.notes.setPlainText(f"Pupils used word mats and sentence starters ({i})")
            walk.saver.flush()
            per_save.append(len(statements))
            for sql in statements:
                tables.update(set(TABLE.findall(sql)) - {"SET"})
        ws.store.conn.set_trace_callback(None)
        evidence_id = walk.current
        floor = []
        ws.store.conn.set_trace_callback(statements.append)
        for i in range(50):
            statements.clear()
            ws.store.update(Evidence, evidence_id, {"text": f"Floor write {i}"})
            floor.append(len(statements))
        ws.store.conn.set_trace_callback(None)
        win.close()
        ws.close()
    median = sorted(per_save)[len(per_save) // 2]
    floor_median = sorted(floor)[len(floor) // 2]
    print(f"learning-walk autosave: {median} SQL statements per save (floor, the store's own "
          f"write of the field: {floor_median}); tables touched: {dict(tables)}")
    record("autosave", {"statements_per_save_median": median, "floor_store_write_median": floor_median,
                        "tables_touched_per_50_saves": dict(tables),
                        "target": "a learning-walk autosave touches only its own row and the change log"})


if __name__ == "__main__":
    main()
