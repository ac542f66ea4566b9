"""Regenerate wss_desktop/gui/forms/ui_*.py from the Qt Designer files in ui/.

Run after editing a .ui file:  python scripts/build_forms.py
The generated modules are never edited by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS = ROOT / "wss_desktop" / "gui" / "forms"


def uic_command() -> list[str]:
    beside = Path(sys.executable).with_name("pyside6-uic")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    raise SystemExit("pyside6-uic was not found; install PySide6 into this environment first.")


def main() -> int:
    uic = uic_command()
    built = 0
    for ui in sorted(UI_DIR.glob("*.ui")):
        target = FORMS / f"ui_{ui.stem}.py"
        subprocess.run([*uic, str(ui), "-o", str(target)], check=True)
        built += 1
        print(f"{ui.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    print(f"{built} forms built.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
