"""The domain must stay free of Qt so the command line and tests never need a display."""

import ast
import subprocess
import sys
from pathlib import Path

import wss_desktop.core

CORE = Path(wss_desktop.core.__file__).parent
QT_NAMES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def test_no_module_under_core_imports_qt():
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in QT_NAMES:
                    offenders.append(f"{path.relative_to(CORE)}:{node.lineno} imports {name}")
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = sorted("wss_desktop.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
                     for p in CORE.rglob("*.py") if p.name != "__init__.py")
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "import wss_desktop.cli\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in "
            f"{QT_NAMES!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
