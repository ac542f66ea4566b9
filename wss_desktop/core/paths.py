"""Every place on disk the app reads or writes.

One data folder holds the database, its backups and the user's own framework
files. It is the platform's user data folder unless `--data-dir`, the
`WSS_DATA_DIR` environment variable or a folder chosen in the app (after a
restore) names another, so tests and scripts never touch a user's real data.
"""

from __future__ import annotations

import os
import re
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


# --- where the data folder is --------------------------------------------------------
# The database is written many times a minute while the app is open. A cloud client
# copies such a file while it is written, keeps conflicted copies of it and may put an
# older copy back, and SQLite's locks do not hold on a network drive: the data folder
# belongs on this computer's own disk (the team shares reviews through a shared folder,
# core/sync). Found by the folders' names and the marks the clients leave.

# File systems reached over a network (Linux, /proc/self/mountinfo).
TEAM_FOLDER = "the team's shared folder"     # a folder holding a team's marker (core/sync)

NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs", "9p",
    "fuse.sshfs", "fuse.rclone", "davfs", "fuse.davfs2", "fuse.s3fs", "fuse.gcsfuse"})


def _service_of(folder: Path) -> str | None:
    """The cloud client that shares this folder (and all inside it), by its name or mark."""
    from .sync.folder import MARKER
    name = folder.name
    if name == "OneDrive" or name.startswith("OneDrive - "):
        return "OneDrive"
    if name in ("Google Drive", "GoogleDrive", "My Drive"):
        return "Google Drive"
    if name in ("iCloud Drive", "Mobile Documents", "com~apple~CloudDocs"):
        return "iCloud Drive"
    # (Dropbox marks its folder with a .dropbox file; ~/.dropbox, a folder, is its settings.)
    if name == "Dropbox" or name.startswith("Dropbox (") or (folder / ".dropbox").is_file():
        return "Dropbox"
    if (folder / ".stfolder").is_dir():
        return "Syncthing"
    if (folder / MARKER).is_file():
        return TEAM_FOLDER
    return None


def _mounts() -> str:
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _file_system(path: Path, mounts: str) -> str | None:
    """The type of the file system `path` is on, from mountinfo text (None: not known)."""
    best, kind = "", None
    target = str(path)
    for line in mounts.splitlines():
        fields, _, rest = line.partition(" - ")
        parts = fields.split()
        if len(parts) < 5 or not rest:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, rest.split()[0]
    return kind


def shared_by(folder: str | os.PathLike[str], *, mounts: str | None = None) -> str | None:
    """What shares the folder with other computers: a cloud client ("OneDrive", "Dropbox",
    "Google Drive", "iCloud Drive", "Syncthing"), "the team's shared folder" or "a network
    drive"; None for this computer's own disk. `mounts` is mountinfo text (tests)."""
    path = Path(os.path.realpath(folder))
    for place in (path, *path.parents):
        try:
            service = _service_of(place)
        except OSError:
            service = None
        if service:
            return service
    system = _file_system(path, _mounts() if mounts is None else mounts)
    if system in NETWORK_FILE_SYSTEMS:
        return "a network drive"
    return None


def shared_place(service: str) -> str:
    """Where a folder shared by `service` (as shared_by names it) is: "on OneDrive", "in the
    team's shared folder"."""
    return f"{'in' if service == TEAM_FOLDER else 'on'} {service}"


def placement_risk(folder: str | os.PathLike[str], *, mounts: str | None = None,
                   service: str | None = None) -> str | None:
    """Sentences saying a (would-be) data folder is somewhere shared and why that can lose
    notes; None when it is on this computer's own disk. `service`: what shared_by found
    already (the folders are then not looked at again)."""
    service = service or shared_by(folder, mounts=mounts)
    if service is None:
        return None
    how = ("a network drive's locks do not hold for it" if service == "a network drive" else
           f"{service} copies it while it is written, keeps conflicted copies and can put an older "
           f"copy back")
    return (f"The folder {folder} is {shared_place(service)}. The app writes its database there "
            f"many times a minute, and {how}, so notes can be lost.")


def placement_problem(folder: str | os.PathLike[str], *, mounts: str | None = None,
                      service: str | None = None) -> str | None:
    """The data folder is somewhere shared: why that can lose notes, and what to do; or None
    (`service` as for placement_risk)."""
    risk = placement_risk(folder, mounts=mounts, service=service)
    if risk is None:
        return None
    return (f"{risk} Move the data folder to this computer's own disk: File ▸ Back up…, then "
            f"File ▸ Restore… into a new folder there. To share reviews with your team, use "
            f"Sync ▸ Shared folder settings… instead.")
