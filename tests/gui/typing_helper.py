"""Run as its own process by test_never_lose_work.py: opens the app on a data folder,
goes to the learning walk and types into it with real key events, reporting each
piece on stdout as it is typed (with the moment, on the system's monotonic clock), until
the test kills the process. Each report also shows the app's event loop was running then,
so a test can tell what the app had time to save however loaded the machine is.

    python typing_helper.py DATA_DIR REVIEW_ID [burst|paper]

With "burst" it types without a break into one field (a word every 60 ms, never a
pause of 0.1 s), so only a save that does not wait for a pause can keep it. With
"paper" it fills in pupils' easy-read questionnaires from paper, a cell at a time. With
"framework" it makes a trust's own copy of a framework in the framework editor and
types its description, never saving it.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from wss_desktop.core.model import Stage  # noqa: E402
from wss_desktop.gui.app import run  # noqa: E402

WORDS = ("Pupils used word mats and a visual timetable without being reminded; "
         "the TA checked in with two pupils and then stepped back. ").split(" ")


def drive(window) -> None:
    review_id = sys.argv[2]
    view = window.open_review(review_id)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.next_room()
    fields = [("room", walk.ui.room), ("strengths", walk.ui.strengths),
              ("consider", walk.ui.consider), ("pupil_voice", walk.ui.pupilVoice)]
    typed = {name: "" for name, _ in fields}
    state = {"step": 0}

    def type_next() -> None:
        step = state["step"]
        state["step"] += 1
        name, widget = fields[(step // 6) % len(fields)]
        if name == "room" and typed["room"]:
            name, widget = "strengths", walk.ui.strengths
        chunk = ("Kestrels" if name == "room" else WORDS[step % len(WORDS)] + " ")
        widget.setFocus()
        QTest.keyClicks(widget, chunk)
        typed[name] = widget.text() if name == "room" else widget.toPlainText()
        print("TYPED\t" + json.dumps({"field": name, "value": typed[name],
                                      "t": time.monotonic()}), flush=True)

    def type_burst() -> None:
        step = state["step"]
        state["step"] += 1
        if not walk.ui.strengths.hasFocus():
            walk.ui.strengths.setFocus()
        QTest.keyClicks(walk.ui.strengths, WORDS[step % len(WORDS)] + " ")
        value = walk.ui.strengths.toPlainText()
        print("TYPED\t" + json.dumps({"field": "strengths", "value": value,
                                      "t": time.monotonic()}), flush=True)

    mode = sys.argv[3] if len(sys.argv) > 3 else ""
    if mode == "paper":
        drive_paper(window)
        return
    if mode == "framework":
        drive_framework(window)
        return
    burst = mode == "burst"
    timer = QTimer(window)
    timer.setInterval(60 if burst else 120)
    timer.timeout.connect(type_burst if burst else type_next)
    timer.start()
    print("READY", flush=True)


def drive_paper(window) -> None:
    from PySide6.QtWidgets import QTableWidgetItem
    view = window.open_review(sys.argv[2])
    view.show_stage(Stage.PREPARATION)
    tabs = view.screens[Stage.PREPARATION].ui.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == "Surveys")
    tabs.setCurrentIndex(index)
    panel = tabs.widget(index).widget()
    panel.group.setCurrentIndex(panel.group.findData("pupils:easy-read"))
    panel.start_paper()
    grid = panel.grid
    state = {"step": 0}

    def type_cell() -> None:
        step = state["step"]
        state["step"] += 1
        row, col = divmod(step, grid.columnCount())
        last = col == grid.columnCount() - 1
        text = f"Pupil {row + 1} likes the quiet room." if last else str(step % 3 + 1)
        grid.setCurrentCell(row, col)
        # What the cell's editor hands the grid when Return or Tab ends it (an offscreen
        # window is never active, so it has no focus for key presses to reach an editor).
        if grid.item(row, col) is None:
            grid.setItem(row, col, QTableWidgetItem(""))
        grid.item(row, col).setText(text)
        print("TYPED\t" + json.dumps({"row": row, "col": col, "value": text, "t": time.monotonic()}),
              flush=True)

    timer = QTimer(window)
    timer.setInterval(80)
    timer.timeout.connect(type_cell)
    timer.start()
    print("READY", flush=True)


def drive_framework(window) -> None:
    editor = window.show_frameworks()
    assert editor.make_own_version("shire-send", "Shire SEND rubric", "Shire County Council", "1.0")
    field = editor.f_description
    field.clear()                            # a description of the trust's own
    state = {"step": 0}

    def type_word() -> None:
        step = state["step"]
        state["step"] += 1
        field.setFocus()
        QTest.keyClicks(field, WORDS[step % len(WORDS)] + " ")
        print("TYPED\t" + json.dumps({"value": field.toPlainText(), "t": time.monotonic()}), flush=True)

    timer = QTimer(window)
    timer.setInterval(100)
    timer.timeout.connect(type_word)
    timer.start()
    print("READY", flush=True)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], [sys.argv[0]], on_shown=drive))
