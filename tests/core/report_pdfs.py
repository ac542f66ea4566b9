"""Reports rendered once per test session for the PDF tests: every kind and its
large-print edition of the demo review, and of a large generated review.

The large review is made by the report benchmark's generator (bench/bench_reports.py)
with fewer, smaller photos: 64 statements judged at length, 150 learning-walk
observations and 40 actions.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from wss_desktop.core import reports
from wss_desktop.core.demo import add_demo
from wss_desktop.core.model import ReviewBundle
from wss_desktop.core.reports import ReportKind, ReportOptions
from wss_desktop.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
AS_AT = dt.date(2026, 10, 20)
EDITIONS = [(kind, large) for kind in ReportKind for large in (False, True)]


def edition_id(edition: tuple[ReportKind, bool]) -> str:
    kind, large = edition
    return kind.value + ("-large" if large else "")


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_reports", ROOT / "bench" / "bench_reports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def poppler(*args: str) -> str:
    """Output of a poppler tool (installed by scripts/setup.sh --test)."""
    assert shutil.which(args[0]), f"{args[0]} is missing: run scripts/setup.sh --test"
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@dataclass
class Rendered:
    bundle: ReviewBundle
    folder: Path
    photos: tuple[reports.ReportPhoto, ...] = ()

    def options(self, kind: ReportKind, large: bool, **kw) -> ReportOptions:
        return ReportOptions(kind=kind, large_print=large, today=AS_AT, photos=self.photos, **kw)

    def pdf(self, kind: ReportKind, large: bool = False) -> Path:
        path = self.folder / f"{edition_id((kind, large))}.pdf"
        if not path.exists():
            result = reports.render(self.bundle, self.options(kind, large), path)
            self.results[path.name] = result
        return path

    @cached_property
    def results(self) -> dict[str, reports.ReportResult]:
        return {}


def demo_reports(ws: Workspace, folder: Path) -> Rendered:
    rid, _ = add_demo(ws)
    return Rendered(ws.bundle(rid), folder)


def large_reports(tmp: Path, folder: Path) -> tuple[Workspace, Rendered]:
    bench = bench_module()
    rng = random.Random(4)
    data = tmp / "data"
    (data / "frameworks").mkdir(parents=True)
    (data / "frameworks" / "bench-large.toml").write_text(bench.framework_toml(rng),
                                                          encoding="utf-8")
    ws = Workspace.open(data)
    rid = bench.make_review(ws, rng)
    photos = _photos(tmp, rng)
    return ws, Rendered(ws.bundle(rid), folder,
                        tuple(reports.ReportPhoto(str(p), f"Photo {i + 1} of the visit")
                              for i, p in enumerate(photos)))


def _photos(folder: Path, rng: random.Random) -> list[Path]:
    from PIL import Image

    paths = []
    for i in range(3):
        path = folder / f"photo-{i}.jpg"
        Image.new("RGB", (320, 240), tuple(rng.randrange(256) for _ in range(3))).save(path)
        paths.append(path)
    return paths


def header_says(text: str) -> tuple[str, str]:
    """A running header's words without its dots and its status, and the status
    ("Draft" however long its wording, or "Checked")."""
    s = " ".join(text.replace("\u00b7", " ").split())
    for status in ("Draft for checking", "Draft", "Checked"):
        if status in s:
            return " ".join(s.replace(status, " ", 1).split()), status.split()[0]
    return s, ""
