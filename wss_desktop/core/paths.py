"""Every place on disk the app reads or writes.

One data folder holds the database, its backups and the user's own framework
files. It is the platform's user data folder unless `--data-dir`, the
`WSS_DATA_DIR` environment variable or a folder chosen in the app (after a
restore) names another, so tests and scripts never touch a user's real data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "WSS Review Desktop"
APP_SLUG = "wss-desktop"
ENV_DATA_DIR = "WSS_DATA_DIR"
ENV_CONFIG_DIR = "WSS_CONFIG_DIR"   # tests point this at a temporary folder


def _pointer_file() -> Path:
    base = os.environ.get(ENV_CONFIG_DIR) or platformdirs.user_config_dir(APP_SLUG, appauthor=False)
    return Path(base) / "data-folder.txt"


def remembered_data_dir() -> Path | None:
    """The data folder chosen in the app (after a restore), if any and still there.

    Kept in a one-line file in the user's configuration folder, not in the data
    folder it points at."""
    try:
        text = _pointer_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    path = Path(text) if text else None
    return path if path is not None and path.is_dir() else None


def remember_data_dir(folder: str | os.PathLike[str]) -> None:
    target = _pointer_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_text(str(Path(folder).absolute()) + "\n", encoding="utf-8")
    os.replace(tmp, target)


@dataclass(frozen=True)
class Paths:
    root: Path
    custom: bool = False

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> "Paths":
        # The folder given, else WSS_DATA_DIR, else the one chosen in the app, else the
        # platform's usual data folder.
        chosen = data_dir or os.environ.get(ENV_DATA_DIR) or remembered_data_dir()
        if chosen:
            return cls(Path(chosen).expanduser().resolve(), custom=True)
        return cls(Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False)))

    @property
    def database(self) -> Path:
        return self.root / "wss.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def user_frameworks(self) -> Path:
        return self.root / "frameworks"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def branding(self) -> Path:
        """Copies of logos used in report branding."""
        return self.root / "branding"

    @property
    def issued_reports(self) -> Path:
        return self.root / "reports"

    @property
    def report_drafts(self) -> Path:
        """Where versions before 0.4 kept the latest PDF of each report, unencrypted; it is
        removed when the folder is opened (drafts are now made in the private folder of
        core/viewer.py, outside the data folder)."""
        return self.root / "report-drafts"

    @property
    def sync_state(self) -> Path:
        """This computer's side of syncing (the lock that keeps two syncs apart)."""
        return self.root / "sync"

    @property
    def logs(self) -> Path:
        if self.custom:
            return self.root / "logs"
        return Path(platformdirs.user_log_dir(APP_SLUG, appauthor=False))

    def ensure(self) -> "Paths":
        for folder in (self.root, self.backups, self.user_frameworks):
            folder.mkdir(parents=True, exist_ok=True)
        return self
