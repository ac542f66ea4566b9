"""Command-line commands for the review's many voices: `gaps` and `survey`.

Kept beside cli.py (which adds them with one call) so that the main command file
stays a list of the app's everyday commands.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from .core.workspace import Workspace


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_gaps(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import gaps
    b = ws.bundle(args.review)
    comparison = gaps.compare(b)
    if args.json:
        _print_json(gaps.to_json(b, comparison))
        return
    if not comparison.compared:
        answered = [label for _, label, n in comparison.groups if n]
        print(f"There is nothing to compare yet: only {answered[0] if answered else 'no group'} "
              f"has answered. Add answer sheets for another group (for example with "
              f"'wss-desktop survey import').", file=sys.stderr)
        return
    scale = b.framework.scale
    labels = [label for _, label, n in comparison.groups if n]
    print(f"{' / '.join(labels)} (middle answer, number of answers) on the {scale.name} scale; "
          f"widest gap first:")
    for g in comparison.statements:
        by = {f.group: f for f in g.groups}
        cells = [f"{gaps.value_text(scale, by[x].median)} ({by[x].count})" if x in by else "-"
                 for x, _, n in comparison.groups if n]
        gap = "" if g.gap is None else f"gap {g.gap:g}"
        print(f"{g.statement_id:<6} {' / '.join(cells):<24} {gap}")
    widest = next((g for g in comparison.statements if g.gap), None)
    if widest is not None:
        print(gaps.describe(b, widest, widest=True), file=sys.stderr)


def add_commands(sub: argparse._SubParsersAction,
                 json_flag: Callable[[argparse.ArgumentParser], None]) -> None:
    sp = sub.add_parser("gaps", help="compare respondent groups (e.g. teachers and TAs) "
                                     "statement by statement, widest gap first")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_gaps)
