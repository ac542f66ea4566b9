"""Consistency-check benchmark (issue 14): how well "a rating that pulls against its own
text" is caught, on the hand-labelled statement texts in tests/data.

    python bench/bench_consistency.py

Prints precision and recall of the check beside a floor measured in the same run: a
bare keyword rule (a high rating with any word of weakness, a low one with no word of
weakness and one of praise) with no negation, advice or scope handling. Also counts
the flags the whole check raises on the demo review (every one a false positive before
this work) and times it there.
Targets: recall >= 0.9 and precision >= 0.8 on the labelled set.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record, summary_ms  # noqa: E402

from wss_desktop.core.demo import add_demo  # noqa: E402
from wss_desktop.core.frameworks import Library  # noqa: E402
from wss_desktop.core.reports import FindingKind, consistency_check  # noqa: E402
from wss_desktop.core.reports.consistency import measure_on_labels  # noqa: E402
from wss_desktop.core.reports import tone  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "consistency_labelled.json"


def keyword_floor(items: list[dict], scale) -> dict:
    tp = fp = fn = 0
    for item in items:
        pos = scale.position(item["rating"])
        share = pos / (len(scale.levels) - 1)
        said = set(tone.words(item["text"] + " " + item.get("consider", "")))
        if share >= 0.6:
            found = bool(said & tone.NEGATIVE)
        elif share <= 0.25:
            found = not (said & tone.NEGATIVE) and bool(said & tone.POSITIVE)
        else:
            found = False
        tp += found and item["contradiction"]
        fp += found and not item["contradiction"]
        fn += (not found) and item["contradiction"]
    return {"precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0}


def main() -> None:
    items = json.loads(LABELLED.read_text(encoding="utf-8"))
    scale = Library.load().get("send-review").scale
    ours = measure_on_labels(items, scale)
    floor = keyword_floor(items, scale)
    with tempfile.TemporaryDirectory() as tmp:
        with Workspace.open(Path(tmp) / "data") as ws:
            rid, _ = add_demo(ws)
            bundle = ws.bundle(rid)
            times = []
            for _ in range(20):
                t0 = time.perf_counter()
                findings = consistency_check(bundle)
                times.append(time.perf_counter() - t0)
    text_kinds = (FindingKind.TENSION, FindingKind.RATING_TEXT, FindingKind.SCHOOL_RATING_TEXT)
    demo_flags = sum(1 for f in findings if f.kind in text_kinds)
    print(f"labelled set: {ours['items']} texts, {ours['contradictions']} contradictions")
    print(f"rating against text: precision {ours['precision']:.3f} recall {ours['recall']:.3f}"
          f"   (floor, bare keywords: precision {floor['precision']:.3f} "
          f"recall {floor['recall']:.3f})")
    print(f"wrong: {', '.join(ours['wrong']) or 'none'}")
    print(f"demo: {demo_flags} text flags (tension or rating against text; 6 before, all false)")
    timing = summary_ms(times)
    print(f"whole check on the demo: median {timing['median_ms']:.1f} ms")
    record("consistency", {
        "labelled_items": ours["items"], "labelled_contradictions": ours["contradictions"],
        "precision": ours["precision"], "recall": ours["recall"], "wrong": ours["wrong"],
        "floor_keywords": floor, "targets": {"precision": 0.8, "recall": 0.9},
        "demo_text_flags": demo_flags, "demo_text_flags_before": 6, "check_demo": timing})


if __name__ == "__main__":
    main()
