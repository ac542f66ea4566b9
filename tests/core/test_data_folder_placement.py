"""Where the data folder is: a folder that a cloud client or a network drive shares
(issue 10: never lose a note).

The database is written many times a minute while the app is open. A cloud client
(OneDrive, Dropbox, Google Drive, iCloud Drive, Syncthing) copies such a file while it
is written, keeps "conflicted copies" of it and may put an older copy back; SQLite's
locking does not hold on a network drive. A data folder put there (say, restored from
a backup into Documents, which OneDrive often backs up) was used without a word. Now
the app and `wss-desktop check` say so, in plain words, with what to do."""

from __future__ import annotations

import pytest

from wss_desktop.cli import main
from wss_desktop.core.paths import placement_problem, shared_by

MOUNTS = """\
22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw
40 22 0:35 / /mnt/trust rw,relatime shared:20 - cifs //files.elmrow.example/staff rw,vers=3.1.1
41 22 0:36 / /srv/home rw,relatime shared:21 - nfs4 nas.example:/home rw
42 22 0:37 / /srv/home/local rw,relatime shared:22 - ext4 /dev/vdb rw
"""


@pytest.mark.parametrize("parts, marker, service", [
    (("OneDrive - Elm Row Trust", "Documents", "WSS data"), None, "OneDrive"),
    (("OneDrive", "WSS data"), None, "OneDrive"),
    (("Dropbox", "Reviews", "WSS data"), None, "Dropbox"),
    (("Team files", "Reviews", "WSS data"), "dropbox-file", "Dropbox"),
    (("Sync", "WSS data"), ".stfolder", "Syncthing"),
    (("Google Drive", "My Drive", "WSS data"), None, "Google Drive"),
    (("Library", "Mobile Documents", "com~apple~CloudDocs", "WSS data"), None, "iCloud Drive"),
    (("Team reviews", "WSS data"), "wss-review-desktop.json", "the team's shared folder"),
])
def test_a_data_folder_inside_a_synced_folder_is_named(tmp_path, parts, marker, service):
    folder = tmp_path.joinpath(*parts)
    folder.mkdir(parents=True)
    top = tmp_path / parts[0]
    if marker == "dropbox-file":
        (top / ".dropbox").write_text("{}")
    elif marker:
        (top / marker).mkdir() if marker.startswith(".") else (top / marker).write_text("{}")
    assert shared_by(folder, mounts="") == service
    said = placement_problem(folder, mounts="")
    assert said is not None and service in said and "own disk" in said and str(folder) in said


@pytest.mark.parametrize("path, expected", [
    ("/mnt/trust/WSS data", "a network drive"),
    ("/srv/home/sam/WSS data", "a network drive"),
    ("/srv/home/local/WSS data", None),          # a local disk mounted inside a network one
    ("/home/sam/.local/share/wss-desktop", None),
])
def test_a_data_folder_on_a_network_drive_is_named(path, expected):
    from pathlib import Path
    assert shared_by(Path(path), mounts=MOUNTS) == expected


# Windows: a UNC path (a school's redirected Documents, \\server\users\...) is a network
# share; a drive letter is one when Windows says it is remote (GetDriveTypeW: 4).
DRIVES = {"C:\\": 3, "H:\\": 4, "E:\\": 2}


@pytest.mark.parametrize("path, expected", [
    ("\\\\files.elmrow.example\\users\\sokafor\\Documents\\WSS data", "a network drive"),
    ("\\\\?\\UNC\\files.elmrow.example\\users\\WSS data", "a network drive"),
    ("H:\\Documents\\WSS data", "a network drive"),          # a mapped drive
    ("C:\\Users\\sokafor\\AppData\\Local\\WSS Review Desktop", None),
    ("\\\\?\\C:\\Users\\sokafor\\WSS data", None),
    ("E:\\WSS data", None),                                # a USB stick: removable, not shared
])
def test_windows_network_shares_and_mapped_drives_are_named(path, expected):
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return DRIVES[root]
    assert shared_by(path, system="win32", drive_type=drive_type) == expected
    assert all(root in DRIVES for root in asked)


# macOS: `mount` lists each file system with its type; shares are smbfs, nfs, afpfs, webdav.
MAC_MOUNTS = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//sokafor@files.elmrow.example/staff on /Volumes/staff (smbfs, nodev, nosuid, mounted by sokafor)
nas.example:/home on /Volumes/Team Home (nfs, nodev, nosuid, mounted by sokafor)
/dev/disk4s1 on /Volumes/staff/USB STICK (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize("path, expected", [
    ("/Volumes/staff/Reviews/WSS data", "a network drive"),
    ("/Volumes/Team Home/sokafor/WSS data", "a network drive"),
    ("/Volumes/staff/USB STICK/WSS data", None),
    ("/Users/sokafor/Library/Application Support/wss-desktop", None),
])
def test_mac_network_shares_are_named(path, expected):
    assert shared_by(path, system="darwin", mounts=MAC_MOUNTS) == expected


def test_an_ordinary_folder_is_not_named(tmp_path):
    folder = tmp_path / "My OneDrive notes" / "WSS data"      # a name, not OneDrive's folder
    folder.mkdir(parents=True)
    (tmp_path / ".dropbox").mkdir()          # Dropbox's settings in a home folder: not its folder
    assert shared_by(folder, mounts="") is None and placement_problem(folder, mounts="") is None


def test_check_says_so(tmp_path, capsys, monkeypatch):
    data = tmp_path / "OneDrive - Elm Row Trust" / "WSS data"
    assert main(["--data-dir", str(data), "check"]) == 0      # a warning, not a failure
    out = capsys.readouterr()
    assert "The database is healthy" in out.out
    assert "OneDrive" in out.err and "own disk" in out.err
    assert main(["--data-dir", str(tmp_path / "WSS data"), "check"]) == 0
    assert "OneDrive" not in capsys.readouterr().err
