"""Every compiled form in wss_desktop/gui/forms/ is what pyside6-uic makes of its ui/*.ui
today: a .ui edited without `python scripts/build_forms.py`, or a generated file edited
by hand, fails here."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))
sys.path.insert(0, str(ROOT / "scripts"))
from build_forms import uic_command  # noqa: E402


def body(text: str) -> list[str]:
    # The header names the uic version that made the file; the rest must match exactly.
    return [line for line in text.splitlines() if "Qt User Interface Compiler" not in line]


@pytest.mark.parametrize("ui", UI_FILES, ids=lambda p: p.name)
def test_the_compiled_form_matches_its_ui_file(ui, tmp_path):
    made = tmp_path / f"ui_{ui.stem}.py"
    subprocess.run([*uic_command(), str(ui), "-o", str(made)], check=True)
    committed = ROOT / "wss_desktop" / "gui" / "forms" / f"ui_{ui.stem}.py"
    assert committed.exists(), f"{ui.name} has no compiled form: run python scripts/build_forms.py"
    assert body(committed.read_text(encoding="utf-8")) == body(made.read_text(encoding="utf-8")), (
        f"{committed.name} is not what {ui.name} compiles to: run python scripts/build_forms.py")


def test_every_compiled_form_has_its_ui_file():
    forms = {p.stem.removeprefix("ui_") for p in (ROOT / "wss_desktop" / "gui" / "forms").glob("ui_*.py")}
    assert forms == {p.stem for p in UI_FILES}
