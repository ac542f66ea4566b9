"""Render the demo review's full and summary reports, normal and large print, and page
images of them for docs/.

    python scripts/render_report_pages.py [--dpi 60] [--out docs/reports]

Needs pdftoppm (poppler-utils). The demo is built in a temporary data folder, so no
user data is touched. Writes full.pdf, summary.pdf, full-large.pdf and
summary-large.pdf, and page images of each (full-NN.png, summary-N.png,
summary-large-N.png, and the first pages of the large-print full report,
full-large-NN.png, enough to show its cover, contents and findings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import os
import tempfile
from pathlib import Path

from wss_desktop.core import reports
from wss_desktop.core.demo import add_demo
from wss_desktop.core.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
# A fixed "as at" date keeps the images the same from run to run.
AS_AT = dt.date(2026, 10, 20)
LARGE_FULL_PAGES = 14


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reports")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed (apt-get install poppler-utils).", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    # A throwaway data folder: where this computer has no safe keyring it is unlocked
    # with a passphrase of its own, so the script runs anywhere (CI, a server).
    os.environ.setdefault("WSS_UNLOCK_PASSPHRASE", "throwaway folder for report page images")
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "data") as ws:
        rid, _ = add_demo(ws)
        bundle = ws.bundle(rid)
        for kind, large, name, last in (
                (reports.ReportKind.FULL, False, "full", None),
                (reports.ReportKind.SUMMARY, False, "summary", None),
                (reports.ReportKind.FULL, True, "full-large", LARGE_FULL_PAGES),
                (reports.ReportKind.SUMMARY, True, "summary-large", None)):
            pdf = args.out / f"{name}.pdf"
            result = reports.render(bundle, reports.ReportOptions(kind=kind, today=AS_AT,
                                                                  large_print=large), pdf)
            pages = ["-l", str(last)] if last else []
            subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", *pages, str(pdf),
                            str(args.out / name)], check=True)
            print(f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: "
                  f"{result.pages} pages" + "".join(f"\n  note: {w}" for w in result.warnings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
