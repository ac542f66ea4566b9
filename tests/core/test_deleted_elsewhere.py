"""An edit to a record a colleague deleted meanwhile (their delete arrived by sync while
this computer's user was typing in it).

The edit was refused as "There is no evidence item with id '…'", and the screen, shown
again without the record, dropped what had been typed: the words were gone while the
status said everything was saved. Now the refusal says the record was deleted
elsewhere (DeletedElsewhere), the record can be brought back (Workspace.restore) and
the edit then goes in; the colleague's computer gets it back with the edit at its next
sync (the later version of the deleted flag wins, as for any field). A record deleted
on this computer is still refused as before: bringing it back is for deletes made elsewhere."""

from __future__ import annotations

import pytest

from wss_desktop.core.model import Evidence
from wss_desktop.core.store import DeletedElsewhere, NotFound
from wss_desktop.core.workspace import Workspace


def test_an_edit_to_a_record_deleted_elsewhere_brings_it_back_everywhere(ws, tmp_path):
    rid = ws.new_review("Holm Oak Primary School", "send-review")
    obs = ws.add_observation(rid, room="Kestrels", text="Pupils used word mats.")
    with Workspace.open(tmp_path / "colleague") as other:
        other.store.apply_changes(ws.store.changes())
        other.delete_evidence(obs)
        ws.store.apply_changes(other.store.changes())            # the colleague's delete arrives
        assert ws.store.get(Evidence, obs) is None
        with pytest.raises(DeletedElsewhere) as gone:
            ws.update_evidence(obs, text="Pupils used word mats. Two used a visual timetable.")
        assert isinstance(gone.value, NotFound)
        assert "deleted on another computer" in str(gone.value) and obs not in str(gone.value)
        ws.restore(gone.value)
        ws.update_evidence(obs, text="Pupils used word mats. Two used a visual timetable.")
        assert ws.store.get(Evidence, obs).text == "Pupils used word mats. Two used a visual timetable."
        other.store.apply_changes(ws.store.changes())             # and back on the colleague's
        back = other.store.get(Evidence, obs)
        assert back is not None and back.text == "Pupils used word mats. Two used a visual timetable."


def test_a_record_deleted_on_this_computer_is_not_brought_back(ws):
    rid = ws.new_review("Holm Oak Primary School", "send-review")
    obs = ws.add_observation(rid, room="Kestrels", text="Pupils used word mats.")
    ws.delete_evidence(obs)
    with pytest.raises(NotFound) as refused:
        ws.update_evidence(obs, text="Typed after it was deleted here")
    assert not isinstance(refused.value, DeletedElsewhere)
    assert ws.store.get(Evidence, obs) is None
