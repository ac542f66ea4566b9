"""Every place on disk the app reads or writes.

One data folder holds the database, its backups and the user's own framework
files. It is the platform's user data folder unless `--data-dir`, the
`WSS_DATA_DIR` environment variable or a folder chosen in the app (after a
restore) names another, so tests and scripts never touch a user's real data.
"""

from __future__ import annotations

import ntpath
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

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

TEAM_FOLDER = "the team's shared folder"     # a folder holding a team's marker (core/sync)

# File systems reached over a network (Linux, /proc/self/mountinfo).
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs", "9p",
    "fuse.sshfs", "fuse.rclone", "davfs", "fuse.davfs2", "fuse.s3fs", "fuse.gcsfuse"})
# ... on macOS (as `mount` names them), and Windows' GetDriveTypeW for a network drive.
MAC_NETWORK_FILE_SYSTEMS = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp", "macfuse", "osxfuse"})
DRIVE_REMOTE = 4


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


def _on_network(path: str, system: str, mounts: str | None,
                drive_type: Callable[[str], int] | None) -> bool:
    """Whether `path` (a real path) is on a file system reached over a network."""
    if system == "win32":
        return _windows_remote(path, drive_type or _drive_type)
    if system == "darwin":
        table = _mac_mounts() if mounts is None else mounts
        return _mounted_on(path, _mac_entries(table)) in MAC_NETWORK_FILE_SYSTEMS
    table = _mounts() if mounts is None else mounts
    return _mounted_on(path, _linux_entries(table)) in NETWORK_FILE_SYSTEMS


def _windows_remote(path: str, drive_type: Callable[[str], int]) -> bool:
    r"""A UNC path (\\server\share, \\?\UNC\server\share: a school's redirected Documents
    often is one) or a drive letter Windows calls remote (a mapped network drive)."""
    if path.startswith("\\\\?\\"):              # an extended-length path
        path = path[4:]
        if path[:4].upper() == "UNC\\":
            return True
    elif path[:2] in ("\\\\", "//"):
        return True
    drive = ntpath.splitdrive(path)[0]
    return bool(drive) and drive_type(drive + "\\") == DRIVE_REMOTE


def _drive_type(root: str) -> int:
    r"""Windows' own answer (GetDriveTypeW) for a drive's root, "H:\"; 0 when unknown."""
    try:
        import ctypes
        return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
    except (AttributeError, OSError, ImportError):
        return 0


def _mounts() -> str:
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _mac_mounts() -> str:
    try:
        return subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _linux_entries(mounts: str) -> Iterator[tuple[str, str]]:
    """(mount point, file system type) of each line of mountinfo text."""
    for line in mounts.splitlines():
        fields, _, rest = line.partition(" - ")
        parts = fields.split()
        if len(parts) < 5 or not rest:
            continue
        yield re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[4]), rest.split()[0]


_MAC_MOUNT = re.compile(r"^.+? on (.+) \(([^,()]+)[^()]*\)$")


def _mac_entries(mounts: str) -> Iterator[tuple[str, str]]:
    """(mount point, file system type) of each line `mount` prints on macOS:
    "//sam@files.example/staff on /Volumes/staff (smbfs, nodev, nosuid, mounted by sam)"."""
    for line in mounts.splitlines():
        found = _MAC_MOUNT.match(line.strip())
        if found:
            yield found.group(1), found.group(2).strip()


def _mounted_on(target: str, entries: Iterable[tuple[str, str]]) -> str | None:
    """The type of the file system `target` is on: the longest mount point holding it."""
    best, kind = "", None
    for point, system in entries:
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, system
    return kind


def shared_by(folder: str | os.PathLike[str], *, mounts: str | None = None, system: str | None = None,
              drive_type: Callable[[str], int] | None = None) -> str | None:
    """What shares the folder with other computers: a cloud client ("OneDrive", "Dropbox",
    "Google Drive", "iCloud Drive", "Syncthing"), "the team's shared folder" or "a network
    drive"; None for this computer's own disk. For tests: `mounts` is the mount table as
    text (Linux: mountinfo; macOS: what `mount` prints), `system` a sys.platform other than
    this one's (its folders are then not looked at, only its network drives), and
    `drive_type` Windows' GetDriveTypeW."""
    system = system or sys.platform
    native = system == sys.platform
    path = os.path.realpath(folder) if native else os.fspath(folder)
    if native:
        here = Path(path)
        for place in (here, *here.parents):
            try:
                service = _service_of(place)
            except OSError:
                service = None
            if service:
                return service
    if _on_network(path, system, mounts, drive_type):
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
