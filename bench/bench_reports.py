"""Report benchmark (issues 4 and 14): the full report of a large review, tagged for
accessibility (PDF/UA), against plain reportlab of the same text.

    python bench/bench_reports.py [--runs 3]

The review is generated through Workspace calls in a temporary data folder: a framework
of 8 areas and 64 statements with long text, every statement self-evaluated and judged
at length, 150 learning-walk observations, 40 actions with progress notes, and 30
photos of 12 megapixels (JPEG, made with Pillow). The same run builds a plain reportlab
document of the same text and photos as the floor to compare against: every paragraph
the report prints, in a SimpleDocTemplate with the same embedded font, but no cover,
charts, tables, bookmarks, page furniture, photo downscaling or tagging.
The report is always tagged (structure tree, artifacts, links, XMP: see
core/reports/tagging.py); the time of the tagging post-pass (appending the structure
tree to reportlab's file as an incremental update) is given apart.
Targets: the text-only full report within 1.5x of the plain document and <= 2 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402

from wss_desktop.core import reports  # noqa: E402
from wss_desktop.core.reports import fonts, tagging  # noqa: E402
from wss_desktop.core.workspace import Workspace  # noqa: E402

AREAS, PER_AREA, OBSERVATIONS, ACTIONS, PHOTOS = 8, 8, 150, 40, 30
PHOTO_SIZE = (4000, 3000)  # 12 megapixels
WORDS = ("pupils adults teaching assistant visual timetable phonics sensory break scaffold "
         "modelling vocabulary pre-teaching seating plan word mat writing frame reading ruler "
         "independence prompt questioning feedback tracker provision map intervention speech "
         "language communication autism dyslexia coordination anxiety attendance parents "
         "governors SENCO timetable calm corner transition resilience numeracy literacy "
         "Zoë Łukasz Siobhán").split()


def sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def text(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def framework_toml(rng: random.Random) -> str:
    lines = ['format = 1', 'id = "bench-large"', 'name = "Large benchmark framework"',
             'version = "1.0"', 'audience = "Benchmarks."', 'description = "Generated."',
             '[scale]', 'id = "four-step"', 'name = "Four-step scale"', 'allow_na = true',
             'na_label = "Not applicable"', 'levels = [']
    for key in ("emerging", "developing", "established", "enhanced"):
        lines.append(f'  {{ key = "{key}", label = "{key.capitalize()}", description = "{sentence(rng)}" }},')
    lines.append(']')
    for a in range(1, AREAS + 1):
        lines += ['[[areas]]', f'id = "{a}"', f'title = "Area {a}: {sentence(rng, 5)[:-1]}"',
                  f'summary = "{sentence(rng, 25)}"']
        for s in range(1, PER_AREA + 1):
            lines += ['[[areas.statements]]', f'id = "{a}.{s}"', f'text = "{text(rng, 3)}"',
                      f'look_fors = ["{sentence(rng, 5)}", "{sentence(rng, 6)}"]']
    return "\n".join(lines) + "\n"


def make_photos(folder: Path, rng: random.Random) -> list[Path]:
    from PIL import Image, ImageDraw, ImageFilter
    base = Image.effect_noise(PHOTO_SIZE, 60).convert("RGB").filter(ImageFilter.GaussianBlur(2))
    paths = []
    for i in range(PHOTOS):
        im = base.copy()
        draw = ImageDraw.Draw(im)
        for _ in range(12):
            x, y = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
            draw.rectangle((x, y, x + 900, y + 600), fill=tuple(rng.randrange(256) for _ in range(3)))
        path = folder / f"photo-{i:02d}.jpg"
        im.save(path, quality=88)
        paths.append(path)
    return paths


def make_review(ws: Workspace, rng: random.Random) -> str:
    fw = ws.library.get("bench-large")
    statements = [s.id for s in fw.statements()]
    levels = [lv.key for lv in fw.scale.levels]
    with ws.store.transaction():
        rid = ws.new_review("Large Benchmark Academy", fw.id, date_visit="2026-10-08",
                            purpose=text(rng, 6), date_next_review="2027-10-01")
        ws.add_reviewer(rid, "Siobhán Ó Dálaigh", "Lead reviewer", "Northvale")
        ws.set_snapshot(rid, on_roll=900, sen_support=120, ehcp=30, attendance_pct=93.1)
        for sid in statements:
            ws.self_evaluate(rid, sid, rating=rng.choice(levels), comment=text(rng, 4),
                             evidence_note=sentence(rng, 8))
            ws.judge(rid, sid, rating=rng.choice(levels), strengths=text(rng, 5),
                     consider=text(rng, 5))
        for i in range(OBSERVATIONS):
            ws.add_observation(rid, room=f"Room {i % 30}", title=sentence(rng, 4), text=text(rng, 4),
                               year_group=f"Year {1 + i % 6}", subject="Maths", start="09:00",
                               end="09:15", teacher_present=True, tas=i % 3,
                               look_fors=[sentence(rng, 5) for _ in range(3)],
                               pupil_voice=sentence(rng, 8) if i % 4 == 0 else "",
                               statements=rng.sample(statements, 3), date="2026-10-08")
        for i in range(ACTIONS):
            aid = ws.add_action(rid, sentence(rng, 12), owner=f"Owner {i}", due="2027-03-31",
                                success_criteria=text(rng, 2), statements=rng.sample(statements, 2))
            ws.add_action_note(aid, text(rng, 2), "2026-11-12")
    return rid


def report_paragraphs(bundle) -> list[str]:
    """Every paragraph of text the full report prints (as markup), in order: its story's
    paragraphs, including those inside tables and kept-together groups."""
    import dataclasses

    from reportlab.platypus import KeepTogether, Paragraph, Table

    from wss_desktop.core.reports import engine, full

    options = reports.ReportOptions()
    ctx = engine._context(bundle, dataclasses.replace(options, kind=reports.ReportKind.FULL),
                          [], lambda message: None)
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, Paragraph):
            found.append(item.text)
        elif isinstance(item, KeepTogether) or isinstance(getattr(item, "_content", None), list):
            for f in item._content:  # kept-together groups, and a paragraph with its tail
                walk(f)
        elif isinstance(item, Table):
            for row in item._cellvalues:
                for cell in row:
                    walk(cell)
        elif isinstance(item, (list, tuple)):
            for f in item:
                walk(f)

    walk(full.story(ctx))
    return found


def plain_document(paragraphs: list[str], photos: list[Path], path: Path) -> None:
    """The floor: the report's paragraphs, one after another in a SimpleDocTemplate with
    the same font, and the photos embedded as they are."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate
    body = ParagraphStyle("b", fontName=fonts.REGULAR, fontSize=11, leading=15)
    story = [Paragraph(text, body) for text in paragraphs]
    story += [Image(str(p), width=240, height=180) for p in photos]
    SimpleDocTemplate(str(path)).build(story)


CPU: dict[str, list[float]] = {}


def timed(fn, runs: int, name: str = "") -> list[float]:
    """Wall-clock times; the process's CPU times go in CPU[name], which a machine
    shared with other work disturbs less. Each run ends with a garbage collection, so
    the cyclic garbage a case leaves (the report pauses collection while it is built)
    is paid for by that case, not by the next one."""
    times = []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        gc.collect()
        times.append(time.perf_counter() - t)
        CPU.setdefault(name, []).append(time.process_time() - c)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data" / "frameworks").mkdir(parents=True)
        (root / "data" / "frameworks" / "bench-large.toml").write_text(framework_toml(rng), encoding="utf-8")
        t = time.perf_counter()
        photos = make_photos(root, rng)
        print(f"made {len(photos)} photos of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} in "
              f"{time.perf_counter() - t:.1f} s")
        with Workspace.open(root / "data") as ws:
            t = time.perf_counter()
            rid = make_review(ws, rng)
            print(f"generated the review in {time.perf_counter() - t:.1f} s")
            bundle = ws.bundle(rid)
        fonts.register()  # once per process, as in the app; not part of a report's cost
        options = reports.ReportOptions(photos=tuple(reports.ReportPhoto(str(p), p.stem) for p in photos))
        result = {}

        def ours() -> None:
            result["r"] = reports.render(bundle, options, root / "full.pdf")

        def ours_text() -> None:
            reports.render(bundle, reports.ReportOptions(), root / "full-text.pdf")

        post_pass: list[float] = []
        post_pass_cpu: list[float] = []
        finish = tagging.finish

        def timed_finish(*a, **kw):  # the tagging post-pass, timed on its own
            t, c = time.perf_counter(), time.process_time()
            out = finish(*a, **kw)
            post_pass.append(time.perf_counter() - t)
            post_pass_cpu.append(time.process_time() - c)
            return out

        tagging.finish = timed_finish
        paragraphs = report_paragraphs(bundle)
        cases = {
            "full": ours, "text_only": ours_text,
            "plain": lambda: plain_document(paragraphs, photos, root / "plain.pdf"),
            "plain_text": lambda: plain_document(paragraphs, [], root / "plain-text.pdf"),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so each case sees the same machine load
            for name, fn in cases.items():
                times[name] += timed(fn, 1, name)
        full, text_only = times["full"], times["text_only"]
        plain, plain_text = times["plain"], times["plain_text"]
        tagging.finish = finish
        pages = result["r"].pages
        size_mb = (root / "full.pdf").stat().st_size / 1e6
        import pikepdf
        with pikepdf.open(root / "full-text.pdf") as pdf:
            tagged = "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        plain_mb = (root / "plain.pdf").stat().st_size / 1e6

    med = statistics.median
    figures = {
        "review": {"areas": AREAS, "statements": AREAS * PER_AREA, "observations": OBSERVATIONS,
                   "actions": ACTIONS, "photos": PHOTOS, "photo_pixels": "x".join(map(str, PHOTO_SIZE))},
        "runs": args.runs,
        "full_report_s": round(med(full), 3),
        "full_report_pages": pages,
        "full_report_mb": round(size_mb, 2),
        "plain_reportlab_s": round(med(plain), 3),
        "plain_reportlab_mb": round(plain_mb, 2),
        "ratio_to_plain": round(med(full) / med(plain), 2),
        "text_only_full_report_s": round(med(text_only), 3),
        "text_only_plain_reportlab_s": round(med(plain_text), 3),
        "text_only_ratio_to_plain": round(med(text_only) / med(plain_text), 2),
        "fastest_full_report_s": round(min(full), 3),
        "fastest_ratio_to_plain": round(min(full) / min(plain), 2),
        "fastest_text_only_ratio_to_plain": round(min(text_only) / min(plain_text), 2),
        "text_only_full_report_cpu_s": round(med(CPU["text_only"]), 3),
        "text_only_plain_reportlab_cpu_s": round(med(CPU["plain_text"]), 3),
        "text_only_cpu_ratio_to_plain": round(med(CPU["text_only"]) / med(CPU["plain_text"]), 2),
        "tagged": tagged,
        "tagging_post_pass_s": round(med(post_pass), 3),
        "tagging_post_pass_cpu_s": round(med(post_pass_cpu), 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "target": "tagged full report (text only) <= 2 s and within 1.5x of plain reportlab "
                  "of the same text",
    }
    for key, value in figures.items():
        print(f"{key:32} {value}")
    record("reports", figures)


if __name__ == "__main__":
    main()
