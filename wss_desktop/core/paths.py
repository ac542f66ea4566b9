"""Every place on disk the app reads or writes.

One data folder holds the database, its backups and the user's own framework
files. It is the platform's user data folder unless `--data-dir` or the
`WSS_DATA_DIR` environment variable names another, so tests and scripts never
touch a user's real data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "WSS Review Desktop"
APP_SLUG = "wss-desktop"
ENV_DATA_DIR = "WSS_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    root: Path
    custom: bool = False

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike | None = None) -> "Paths":
        chosen = data_dir or os.environ.get(ENV_DATA_DIR)
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
