"""The shared folder and the data folder must be apart (issue 10: never lose a note).

A cloud client (OneDrive, Dropbox, Syncthing) copies whatever is in the shared folder
to and from every computer of the team. With this computer's data folder inside it,
the database would be copied while the app writes it, and a colleague whose data
folder sits at the same place would have their database copied over this one (or
this one over theirs). With the shared folder inside the data folder, the team's files
would go with every backup and copy of the data folder. Before, the sync used such
a folder without a word; now it is refused, with what to do, and nothing is written
in either folder."""

from __future__ import annotations

import pytest
from sync_support import Device

from wss_desktop.core.sync.folder import FolderError
from wss_desktop.core.sync.service import FOLDER


def _files(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


@pytest.mark.parametrize("where", ["the data folder", "above it", "inside it", "a link to it"])
def test_a_shared_folder_that_holds_or_is_held_by_the_data_folder_is_refused(tmp_path, where):
    laptop = Device(tmp_path / "team" / "OneDrive - Elm Row Trust", "WSS data")
    try:
        laptop.ws.new_review("Elm Row Primary (fictional)", "send-review")
        data = laptop.ws.paths.root
        shared = {"the data folder": data, "above it": data.parent, "inside it": data / "shared"}.get(where)
        if where == "a link to it":
            shared = tmp_path / "link"
            shared.symlink_to(data, target_is_directory=True)
        shared.mkdir(parents=True, exist_ok=True)
        before = _files(data.parent)
        with pytest.raises(FolderError) as refused:
            laptop.sync(shared)
        said = str(refused.value)
        assert "data folder" in said and "shared folder" in said and "outside" in said, said
        assert _files(data.parent) == before             # nothing written in either
        assert laptop.ws.store.setting(FOLDER) is None
    finally:
        laptop.close()


def test_folders_side_by_side_are_fine(tmp_path):
    """A shared folder beside the data folder, even with a name that starts the same."""
    laptop = Device(tmp_path, "WSS data")
    try:
        shared = tmp_path / "WSS data shared"
        shared.mkdir()
        report = laptop.sync(shared)
        assert report.problem is None
    finally:
        laptop.close()
