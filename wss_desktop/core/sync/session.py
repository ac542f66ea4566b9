"""`SyncService`: everything the desktop app needs for syncing, without Qt.

Each call opens its own connection to the data folder's database, so the app can
run a sync, an export or an import on a worker thread while the window keeps its
own connection. Team keys unlocked with a passphrase are kept in memory for the
life of the service (and in the OS keyring where there is one), so the app asks
for the passphrase at most once per session.

    service = SyncService(paths)               # paths: core.paths.Paths
    service.status()                           # SyncStatus for the status bar
    report = service.sync(passphrase=None, cancel=..., progress=...)
    service.send_to_partner(review_id, path, passphrase=None)   # ExportSummary
    service.open_partners_file(path, passphrase=None)           # ImportSummary
    service.members()                                           # team.TeamInfo
    service.remove_member(device, new_passphrase)               # team.Rotation
    service.forget_device(device)                               # service.Forgotten
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import UserError
from ..paths import Paths
from ..store import Store
from . import exchange, service, team
from .keys import PassphraseNeeded, TeamKeys
from .service import SyncReport, SyncStatus


class SyncService:
    def __init__(self, paths: Paths, *, keys: TeamKeys | None = None):
        self.paths = paths
        self.keys = keys or TeamKeys()

    @contextmanager
    def _store(self) -> Iterator[Store]:
        store = Store.open(self.paths.database, self.paths.backups)
        try:
            yield store
        finally:
            store.close()

    @property
    def folder(self) -> Path | None:
        with self._store() as store:
            chosen = store.setting(service.FOLDER)
        return Path(chosen) if chosen else None

    def set_folder(self, folder: str | Path | None) -> None:
        """Choose the shared folder (None stops syncing); the next sync uses it."""
        with self._store() as store:
            store.set_setting(service.FOLDER, str(Path(folder).expanduser().absolute()) if folder else None)
            store.set_setting(service.OFFLINE_SINCE, None)

    def status(self) -> SyncStatus:
        with self._store() as store:
            return service.sync_status(store, self.keys)

    def needs_passphrase(self) -> bool:
        return self.status().needs_passphrase

    def sync(self, *, passphrase: str | None = None, folder: str | Path | None = None,
             start_afresh: bool = False, cancel: Callable[[], bool] | None = None,
             progress: Callable[[int, int, str], None] | None = None) -> SyncReport:
        """Send and receive now. Raises UserError subclasses with a sentence to show:
        PassphraseNeeded (ask for the passphrase and call again), FolderUnavailable
        (offline), FolderError, SyncBusy, crypto.WrongPassphrase."""
        with self._store() as store:
            chosen = folder or store.setting(service.FOLDER)
            if not chosen:
                raise UserError("Choose a shared folder to sync with first.")
            return service.sync_folder(store, self.paths, chosen, self.keys, passphrase=passphrase,
                                       start_afresh=start_afresh, cancel=cancel, progress=progress)

    def members(self) -> "team.TeamInfo":
        """Who is in the team and when the key last changed (team.py)."""
        with self._store() as store:
            chosen = store.setting(service.FOLDER)
            if not chosen:
                raise UserError("Choose a shared folder to sync with first.")
            return team.members(store, chosen, self.keys)

    def remove_member(self, device: str, new_passphrase: str, *,
                      passphrase: str | None = None) -> "team.Rotation":
        """Remove a computer from the team: a new team key it never receives."""
        with self._store() as store:
            chosen = store.setting(service.FOLDER)
            if not chosen:
                raise UserError("Choose a shared folder to sync with first.")
            return team.rotate(store, self.paths, chosen, self.keys, new_passphrase=new_passphrase,
                               passphrase=passphrase, remove=[device])

    def forget_device(self, device: str) -> service.Forgotten:
        """Stop waiting for a device that has gone quiet (service.forget_device); the
        next sync tells colleagues."""
        with self._store() as store:
            return service.forget_device(store, self.paths, self.keys, device)

    def send_to_partner(self, review_id: str, target: str | Path, *,
                        passphrase: str | None = None, photos: bool = True) -> exchange.ExportSummary:
        with self._store() as store:
            return exchange.export_review(store, self.paths, review_id, target, self.keys,
                                          passphrase=passphrase, photos=photos)

    def open_partners_file(self, source: str | Path, *,
                           passphrase: str | None = None) -> exchange.ImportSummary:
        with self._store() as store:
            return exchange.import_file(store, self.paths, source, self.keys, passphrase=passphrase)


__all__ = ["SyncService", "PassphraseNeeded"]
