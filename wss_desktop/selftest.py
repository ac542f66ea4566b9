"""`wss-desktop --selftest`: checks that an installation (above all a frozen bundle) works.

It runs offscreen in a temporary data folder, so it never touches a user's data and
needs no screen: the database opens, every shipped framework loads, the keyring's
back-ends are found, encryption works, a one-page PDF renders with the bundled font
and an SVG logo, a backup restores, and the main window opens and closes. One line
per check; exit code 0 when all pass, 1 naming the first that failed.

`--selftest=window` runs only the window check, printing a line as soon as the
window is on screen (with `--data-dir DIR`, on that folder rather than a new one):
bench/bench_bundle.py times start-to-window with it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any, Callable, TextIO

FLAG = "--selftest"
SHOWN = "     the main window is on screen"


def _out() -> TextIO | None:
    # A windowed build on Windows has no console, and so no stdout to print to.
    return sys.stdout if sys.stdout is not None else None


def say(line: str) -> None:
    out = _out()
    if out is not None:
        print(line, file=out, flush=True)


class Checks:
    def __init__(self, data: Path):
        self.data = data
        self.ws = None
        self.review_id: str | None = None
        self.window_dir: Path | None = None

    def database(self) -> str:
        from .core import atrest
        from .core.workspace import Workspace
        # Encrypted like a user's folder, but its key is held in memory only: the
        # self-test never reads or writes the user's keyring.
        atrest.ephemeral_key(self.data / "data")
        self.ws = Workspace.open(self.data / "data")
        problems = self.ws.store.integrity_problems()
        if problems:
            raise AssertionError("; ".join(problems))
        self.review_id = self.ws.new_review("Selftest Primary School", "send-review")
        return f"schema version {self.ws.store.schema_version()}"

    def frameworks(self) -> str:
        from .core.frameworks import Library, builtin_dir
        shipped = sorted(e.name for e in builtin_dir().iterdir() if e.name.endswith(".toml"))
        library = Library.load(None)
        if not shipped or len(library.frameworks) != len(shipped) or library.problems:
            raise AssertionError(f"{len(library.frameworks)} of {len(shipped)} frameworks loaded")
        return f"{len(shipped)} loaded: {', '.join(sorted(library.frameworks))}"

    def keyring(self) -> str:
        # keyring finds its back-ends through entry points; a frozen app without the
        # packages' metadata silently ends up with none and cannot remember team keys.
        from importlib.metadata import entry_points
        found = []
        for ep in entry_points(group="keyring.backends"):
            ep.load()
            found.append(ep.name)
        if not found:
            raise AssertionError("no keyring back-ends registered (package metadata missing)")
        import keyring
        backend = keyring.get_keyring()
        return f"back-ends {', '.join(sorted(found))}; in use here: {type(backend).__name__}"

    def encryption(self) -> str:
        from .core.sync import crypto
        key = crypto.new_team_key()
        sealed = crypto.seal(b"selftest", crypto.KIND_CHANGES, team_key=key)
        if crypto.unseal(sealed, crypto.KIND_CHANGES, team_keys=lambda kid: key) != b"selftest":
            raise AssertionError("AES-256-GCM round trip gave different bytes")
        import cryptography
        return f"AES-256-GCM round trip (cryptography {cryptography.__version__})"

    def pdf(self) -> str:
        from .core import reports
        import reportlab
        accel = "with" if _has_rl_accel() else "WITHOUT"
        if accel == "WITHOUT" and getattr(sys, "frozen", False):
            raise AssertionError("the bundle lacks rl_accel (reportlab's C speed-ups)")
        logo = resources.files("wss_desktop.resources").joinpath("icons", "wss-desktop.svg")
        logo_path = self.data / "logo.svg"
        logo_path.write_bytes(logo.read_bytes())
        options = reports.ReportOptions(
            kind=reports.ReportKind.SUMMARY, sections=("overview",),
            branding=reports.Branding(organisation="Selftest Trust", logo_path=str(logo_path)))
        result = reports.render(self.ws.bundle(self.review_id), options, self.data / "selftest.pdf")
        if result.pages != 1:
            raise AssertionError(f"expected one page, got {result.pages}")
        if result.warnings:
            raise AssertionError("; ".join(result.warnings))
        size = result.path.stat().st_size
        if not result.path.read_bytes().startswith(b"%PDF"):
            raise AssertionError("the file is not a PDF")
        return f"1 page, {size / 1024:.0f} KB, SVG logo, {accel} rl_accel (reportlab {reportlab.Version})"

    def backup(self) -> str:
        from .core import backup
        from .core.model import Review
        archive = self.data / "selftest.wssbackup"
        # A key of its own: the selftest never reads or writes the user's keyring.
        key = os.urandom(32)
        backup.backup(self.ws.paths, archive, key=key)
        restored = backup.restore(archive, self.data / "restored", key=key, ephemeral=True)
        from .core.workspace import Workspace
        with Workspace.open(restored.data_dir) as again:
            if again.store.get(Review, self.review_id) is None:
                raise AssertionError("the review is missing after restoring")
        return "encrypted backup restored into a new folder"

    def window(self) -> str:
        # Printed the moment the window is on screen (bench/bench_bundle.py times it).
        # A folder given on the command line (a benchmark's) is only opened, never added to.
        return run_window(self.window_dir or self.data / "window", lambda seconds: say(SHOWN),
                          stages=self.window_dir is None)

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()


def _has_rl_accel() -> bool:
    try:
        import _rl_accel  # noqa: F401  (reportlab imports it by name, inside exec)
    except ImportError:
        return False
    return True


def run_window(data: Path, on_shown: Callable[[float], None] | None = None, *,
               stages: bool = True) -> str:
    """Open the real main window through gui.app.run (as a user's start does), then close it."""
    from .core.workspace import Workspace
    from .core import profile
    from .core import atrest
    from .gui.app import run

    atrest.ephemeral_key(data)   # never the user's keyring (see Checks.database)
    with Workspace.open(data) as ws:
        profile.mark_set_up(ws.store)
    shown: dict[str, Any] = {}
    started = time.perf_counter()

    def when_shown(window: Any) -> None:
        shown["seconds"] = time.perf_counter() - started
        shown["title"] = window.windowTitle()
        if on_shown is not None:
            on_shown(shown["seconds"])
        try:
            shown["stages"] = open_every_stage(window) if stages else "no review opened"
        except Exception as exc:  # reported as the check's failure, after the window closes
            shown["error"] = f"{type(exc).__name__}: {exc}"
        window.close()

    code = run(str(data), [sys.argv[0]], on_shown=when_shown)
    if code != 0 or "seconds" not in shown:
        raise AssertionError(f"the window did not open (exit code {code})")
    if "error" in shown:
        raise AssertionError(f"the window opened, but a review's stage did not: {shown['error']}")
    return (f"'{shown['title']}' shown after {shown['seconds'] * 1000:.0f} ms; "
            f"{shown['stages']} and closed")


def open_every_stage(window: Any) -> str:
    """Add the demo review, open it and show each stage's screen, so an installation
    missing any screen's module fails here rather than in a user's hands."""
    from .core.demo import add_demo
    from .core.model import Stage

    ws = window.ws
    review_id = add_demo(ws)[0]
    view = window.open_review(review_id)
    for stage in Stage:
        view.show_stage(stage)
    window.show_list()
    return f"a review opened at all {len(Stage)} stages"


CHECKS = ("database", "frameworks", "keyring", "encryption", "pdf", "backup", "window")


def main(argv: list[str]) -> int:
    """Run the checks named after `--selftest=` (all of them by default)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["WSS_NO_OPEN"] = "1"
    wanted = list(CHECKS)
    for arg in argv:
        if arg.startswith(FLAG + "="):
            wanted = [name.strip() for name in arg.split("=", 1)[1].split(",") if name.strip()]
    unknown = [name for name in wanted if name not in CHECKS]
    if unknown:
        say(f"FAIL selftest: unknown check {', '.join(unknown)} (known: {', '.join(CHECKS)})")
        return 1
    from . import __version__
    say(f"WSS Review Desktop {__version__} selftest ({'frozen' if getattr(sys, 'frozen', False) else 'from source'})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wss-selftest-") as tmp:
        checks = Checks(Path(tmp))
        if "--data-dir" in argv[:-1]:
            # The window check may open a given folder instead, so a benchmark can time
            # starts on a database that already exists (as every start after the first).
            checks.window_dir = Path(argv[argv.index("--data-dir") + 1])
        try:
            for name in wanted:
                if name in ("pdf", "backup") and checks.ws is None:
                    checks.database()
                try:
                    detail = getattr(checks, name)()
                except Exception as exc:  # any failure is reported by the check's name
                    say(f"FAIL {name}: {type(exc).__name__}: {exc}")
                    return 1
                say(f"ok   {name}: {detail}")
        finally:
            checks.close()
    say(f"all {len(wanted)} checks passed in {time.perf_counter() - started:.2f} s")
    return 0


def requested(argv: list[str]) -> bool:
    return any(arg == FLAG or arg.startswith(FLAG + "=") for arg in argv)
