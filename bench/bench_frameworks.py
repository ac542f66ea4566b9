"""Framework editor benchmarks (issue 16): opening the editor on the largest shipped
framework, and checking it after each edit (the editor checks on every keystroke).

    python bench/bench_frameworks.py [--edits 200]

Each check writes the framework as a file in memory and reads it back with the same
parser `wss-desktop frameworks check` uses. The floor beside it is tomllib alone
parsing the same file: the part of a check no validation can avoid. Target: under
100 ms per check.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tomllib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["WSS_NO_OPEN"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record, summary_ms  # noqa: E402

from wss_desktop.core.frameworks import Library, builtin_dir, to_toml  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()

    lib = Library.load()
    largest = max(lib.frameworks.values(), key=lambda fw: len(to_toml(fw.content())))
    text = builtin_dir().joinpath(f"{largest.id}.toml").read_text(encoding="utf-8")

    floor = []
    for _ in range(args.edits):
        start = time.perf_counter()
        tomllib.loads(text)
        floor.append(time.perf_counter() - start)

    from PySide6.QtWidgets import QApplication

    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui.framework_editor import FrameworkEditor
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(tmp) as ws:
        start = time.perf_counter()
        editor = FrameworkEditor(ws)
        for i in range(editor.list.count()):
            if editor.list.item(i).data(256) == largest.id:
                editor.list.setCurrentRow(i)
        editor.make_own_version(f"my-{largest.id}", "Benchmark copy")
        editor.show()
        app.processEvents()
        opened = time.perf_counter() - start
        editor.tabs.setCurrentIndex(3)
        last = largest.statements()[-1].id
        editor.select_statement(last)
        checks = []
        for n in range(args.edits):
            text_now = f"Statement text after edit {n}."
            start = time.perf_counter()
            editor.e_text.setPlainText(text_now)   # one keystroke's worth: edit, then check
            checks.append(time.perf_counter() - start)
            assert editor.problem == ""
        keystroke_ok = max(checks) < 0.1
        editor.changed = False
        editor.close()
        # Gone before the workspace and the application are, as in the app.
        editor.deleteLater()
        app.processEvents()
        del editor

    figures = {
        "framework": largest.id,
        "statements": len(largest.statements()),
        "file_bytes": len(text.encode("utf-8")),
        "open_editor_ms": round(opened * 1000, 2),
        "check_after_edit": summary_ms(checks),
        "floor_tomllib_parse": summary_ms(floor),
        "target_ms": 100,
        "every_check_under_target": keystroke_ok,
    }
    record("frameworks", figures)
    c, f = figures["check_after_edit"], figures["floor_tomllib_parse"]
    print(f"Largest shipped framework: {largest.id} ({figures['statements']} statements, "
          f"{figures['file_bytes']:,} bytes)")
    print(f"Opening the editor on it:        {figures['open_editor_ms']:8.1f} ms")
    print(f"Check after an edit (median):    {c['median_ms']:8.2f} ms   (p99 {c['p99_ms']:.2f} ms; target < 100 ms)")
    print(f"Floor, tomllib parse (median):   {f['median_ms']:8.2f} ms   (p99 {f['p99_ms']:.2f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
