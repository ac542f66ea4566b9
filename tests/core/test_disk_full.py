"""The disk holding the data folder fills up (a laptop's small SSD, a photo library
syncing in): an edit that cannot be written says so in plain words and changes
nothing; once space is freed the same edit goes in, and nothing written before is lost.

The disk is real (a tiny tmpfs, filled to its last byte), so SQLite meets ENOSPC where a
user's would: as it writes the transaction to the write-ahead log, at COMMIT. SQLite
then rolls the transaction back itself; the store rolled back again, which SQLite
refused ("cannot rollback - no transaction is active"), and that raw error, not the
disk-full message, reached the user as an unexplained fault."""

from __future__ import annotations

import pytest
from disk_support import fill, small_disk

from wss_desktop.core.model import EvidenceKind
from wss_desktop.core.store import StoreError
from wss_desktop.core.workspace import Workspace


def _text(ws: Workspace, review_id: str) -> str:
    [e] = [e for e in ws.bundle(review_id).evidence if e.kind == EvidenceKind.LEARNING_WALK]
    return e.text


def test_an_edit_on_a_full_disk_says_so_changes_nothing_and_goes_in_once_space_is_freed(tmp_path):
    with small_disk(tmp_path / "small", "8m") as disk:
        with Workspace.open(disk / "data") as ws:
            rid = ws.new_review("Fernhill Community Primary School", "send-review")
            obs = ws.add_observation(rid, room="Kestrels", text="Pupils used word mats.")
            filler = fill(disk)
            saved = "Pupils used word mats."
            with pytest.raises(StoreError, match="The disk is full") as raised:
                for i in range(500):      # until the log needs a page the disk has no room for
                    text = f"Note {i}: " + "Two pupils used a visual timetable. " * 100
                    ws.update_evidence(obs, text=text)
                    saved = text
            assert "rollback" not in str(raised.value)
            assert _text(ws, rid) == saved                 # the last edit that went in, whole
            filler.unlink()                                # the user frees some space
            ws.update_evidence(obs, text=text)             # the same edit, again
            assert _text(ws, rid) == text
            assert ws.store.integrity_problems() == []
        with Workspace.open(disk / "data") as ws:          # and it is on the disk
            assert _text(ws, rid) == text
