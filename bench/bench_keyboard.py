"""Keystrokes for a typical learning-walk observation, by real key presses (issue 13).

    python bench/bench_keyboard.py

Runs the keyboard-only visit of tests/gui/test_keyboard_real_input.py once (xdotool
into the real app under Xvfb, 1024x600) and counts, per observation (room, year group,
subject, two look-fors, one focus area, one sentence), the keys pressed besides the
text itself (target: 8 or fewer). Beside it, the floor measured in the same run: the
characters of text typed, which no shortcut can save. Merged into bench/results.json
under "keyboard".
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "gui"))
sys.path.insert(0, str(ROOT))

from results import record  # noqa: E402
from test_keyboard_real_input import new_data, observe  # noqa: E402
from xsession import MISSING, XSession  # noqa: E402

SAMPLE = [("Kestrels", "Y4", "Maths"), ("Owls", "Y6", "English"), ("Robins", "Y1", "Phonics")]
SENTENCE = "Pupils used word mats without prompting."


def main() -> int:
    if MISSING:
        print(f"needs {', '.join(MISSING)}: run scripts/setup.sh --test", file=sys.stderr)
        return 1
    from wss_desktop.core.workspace import Workspace
    with tempfile.TemporaryDirectory() as tmp:
        data = new_data(Path(tmp))
        with Workspace.open(data) as ws:
            ws.new_review("Fernhill Community Primary School", "send-review")
        with XSession(data, (1024, 600)) as s:
            s.key("Return")               # open the review from the list
            s.key("ctrl+4")
            keys, chars = [], []
            for i, (room, year, subject) in enumerate(SAMPLE):
                typed = s.typed_chars
                keys.append(observe(s, room, year, subject, SENTENCE))
                chars.append(s.typed_chars - typed)
                s.wait_rows("SELECT id FROM evidence WHERE kind = 'learning-walk' AND deleted = 0",
                            i + 1, f"observation {i + 1}")
            stored = s.query("SELECT look_fors FROM evidence WHERE kind = 'learning-walk'")
            s.quit_app()
    assert all(row[0] and row[0].count('"') >= 4 for row in stored), stored
    figures = {"keys_besides_text_per_observation": statistics.median(keys),
               "floor_text_chars_per_observation": statistics.median(chars),
               "keys_total_per_observation": statistics.median(k + c for k, c in zip(keys, chars)),
               "target_keys_besides_text": 8, "observations": len(keys),
               "sequence": "Ctrl+N, room, Tab, year, Tab, subject, Tab, 3, Alt+1, Alt+2, Alt+W, sentence"}
    for name, value in figures.items():
        print(f"{name}: {value}")
    record("keyboard", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
