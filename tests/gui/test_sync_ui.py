"""Sync in the desktop app: the status line, the sync panel, partner files and the
conflicts panel, driven through real widgets with real data and shared folders.

Each window is one computer: its own data folder and its own key memory (no keyring
shared between them), so joining needs the passphrase as it would on a colleague's
laptop. Key stretching is cheap here (sync_support.FAST)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from sync_support import PASSPHRASE, fast_kdf, memory_keyring, snapshot_at_once  # noqa: F401

from wss_desktop.core.demo import add_demo
from wss_desktop.core.sync.keys import TeamKeys
from wss_desktop.core.workspace import Workspace
from wss_desktop.gui import help_overlay, sync_ui

pytestmark = pytest.mark.usefixtures("memory_keyring", "fast_kdf")

WAIT = 20_000


@pytest.fixture
def computers(qtbot, tmp_path):
    """make(name) -> a shown MainWindow on its own data folder, with sync installed."""
    from wss_desktop.gui.main_window import MainWindow

    made = []

    def make(name: str, **kw):
        ws = Workspace.open(tmp_path / name)
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.resize(1280, 720)
        win.show()
        qtbot.waitExposed(win)
        kw.setdefault("auto", False)
        controller = sync_ui.install(win, keys=TeamKeys(use_keyring=False), **kw)
        assert sync_ui.install(win) is controller  # installing twice changes nothing
        made.append((win, ws))
        return win

    yield make
    for win, ws in made:
        win.close()
        ws.close()


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settle(qtbot, c) -> None:
    qtbot.waitUntil(lambda: c.idle, timeout=WAIT)


def join_through_the_panel(qtbot, monkeypatch, win, folder, passphrase: str, *, set_up: bool) -> sync_ui.SyncPanel:
    c = win.sync
    panel = c.show_panel()
    monkeypatch.setattr(sync_ui, "ask_folder", lambda parent, start: str(folder))
    click(qtbot, panel.choose)
    settle(qtbot, c)
    # The core asked for the passphrase and the panel says why, in the core's words.
    assert not panel.passphrase_box.isHidden()
    assert ("not set up yet" if set_up else "team passphrase") in panel.why.text()
    assert panel.confirm.isHidden() is (not set_up)
    qtbot.keyClicks(panel.passphrase, passphrase)
    if set_up:
        qtbot.keyClicks(panel.confirm, passphrase)
    click(qtbot, panel.unlock)
    settle(qtbot, c)
    return panel


def test_two_computers_sync_through_the_panel_and_a_wrong_passphrase_changes_nothing(
        qtbot, monkeypatch, computers, shared):
    a = computers("a")
    rid, _ = add_demo(a.ws)
    a.review_list.refresh()
    settle(qtbot, a.sync)
    assert a.sync.status_button.text() == "Shared folder: not set up"
    assert a.sync.status_button.accessibleName() == "Shared folder status"

    panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    assert panel.passphrase_box.isHidden() and panel.passphrase.text() == ""
    assert "Set up" in panel.report.toPlainText()
    text = a.sync.status_button.text()
    assert text.startswith("Shared folder: connected") and "last sync" in text

    b = computers("b")
    c = b.sync
    settle(qtbot, c)
    assert "not set up" in c.status_button.text()
    panel = c.show_panel()
    monkeypatch.setattr(sync_ui, "ask_folder", lambda parent, start: str(shared))
    click(qtbot, panel.choose)
    settle(qtbot, c)
    assert not panel.passphrase_box.isHidden() and "team passphrase" in panel.why.text()
    qtbot.keyClicks(panel.passphrase, "wrong horse battery staple")
    click(qtbot, panel.unlock)
    settle(qtbot, c)
    # The core's sentence is shown, the prompt stays, and nothing changed here.
    assert "not the team passphrase" in panel.message.text()
    assert not panel.message.isHidden() and not panel.passphrase_box.isHidden()
    assert b.ws.reviews() == [] and b.ws.store.setting("sync.folder") is None
    assert "not set up" in c.status_button.text()

    panel.passphrase.clear()
    qtbot.keyClicks(panel.passphrase, PASSPHRASE)
    click(qtbot, panel.unlock)
    settle(qtbot, c)
    assert panel.passphrase_box.isHidden() and panel.message.isHidden()
    assert [r["id"] for r in b.ws.reviews()] == [rid]
    assert b.review_list.model.rowCount() == 1       # the list shows what arrived
    assert "Unlocked the team key" in panel.report.toPlainText()
    assert c.status_button.text().startswith("Shared folder: connected")

    # An edit on B reaches A through "Sync now" (the menu action), into A's open review.
    view = a.open_review(rid)
    b.ws.judge(rid, "1.1", strengths="Pupils use word mats in every class")
    c.actions["sync"].trigger()
    settle(qtbot, c)
    a.sync.actions["sync"].trigger()
    settle(qtbot, a.sync)
    assert a.ws.bundle(rid).judgements["1.1"].strengths == "Pupils use word mats in every class"
    assert a.review_view is view and "Synced" in a.statusBar().currentMessage()


def test_a_conflict_is_compared_joined_and_settled_on_both_computers(qtbot, monkeypatch, computers, shared):
    a, b = computers("a"), computers("b")
    rid, _ = add_demo(a.ws)
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    join_through_the_panel(qtbot, monkeypatch, b, shared, PASSPHRASE, set_up=False)
    view_a, view_b = a.open_review(rid), b.open_review(rid)
    assert view_a.sync_banner.isHidden()

    # Both edit the same strengths without seeing each other's edit.
    a.ws.judge(rid, "1.1", strengths="Visual timetables in every classroom")
    b.ws.judge(rid, "1.1", strengths="Pupils know where to find help")
    for win in (a, b, a):
        win.sync.sync_now()
        settle(qtbot, win.sync)
    assert len(a.ws.store.conflicts()) == 1 and len(b.ws.store.conflicts()) == 1
    assert "1 field to compare" in a.sync.status_button.text()
    banner = view_a.sync_banner
    assert not banner.isHidden() and "1 field has two versions" in banner.label.text()

    click(qtbot, banner.button)
    panel = a.sync._conflicts
    assert panel.isVisible() and panel.list.count() == 1
    assert "Statement 1.1" in panel.list.item(0).text() and "Strengths" in panel.list.item(0).text()
    boxes = panel.version_boxes()
    assert len(boxes) == 2
    assert sorted(b_.title().split(" · ")[0] for b_ in boxes) == ["Another computer", "This computer"]
    assert {b_.text for b_ in boxes} == {"Visual timetables in every classroom",
                                         "Pupils know where to find help"}

    click(qtbot, panel.keep_both)
    joined = panel.merged.toPlainText()
    assert "Visual timetables" in joined and "where to find help" in joined
    panel.merged.moveCursor(panel.merged.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.merged, " Both agreed.")
    final = joined + " Both agreed."
    click(qtbot, panel.use)
    assert a.ws.store.conflicts() == [] and panel.list.count() == 0
    assert a.ws.bundle(rid).judgements["1.1"].strengths == final
    qtbot.waitUntil(lambda: view_a.sync_banner.isHidden(), timeout=WAIT)

    for win in (a, b):
        win.sync.sync_now()
        settle(qtbot, win.sync)
    assert b.ws.store.conflicts() == []
    assert b.ws.bundle(rid).judgements["1.1"].strengths == final
    assert view_b.sync_banner.isHidden()
    assert "to compare" not in b.sync.status_button.text()


def test_keep_this_one_settles_with_the_shown_version(qtbot, monkeypatch, computers, shared, told):
    a, b = computers("a"), computers("b")
    rid, _ = add_demo(a.ws)
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    join_through_the_panel(qtbot, monkeypatch, b, shared, PASSPHRASE, set_up=False)
    a.ws.judge(rid, "2.1", consider="A")
    b.ws.judge(rid, "2.1", consider="B")
    for win in (a, b, a):
        win.sync.sync_now()
        settle(qtbot, win.sync)
    panel = a.sync.show_conflicts()
    shown = panel.version_boxes()[0]
    assert "(shown now)" in shown.title()
    click(qtbot, shown.button)
    assert a.ws.store.conflicts() == []
    assert a.ws.bundle(rid).judgements["2.1"].consider == shown.text
    # ... and a screen reader is told so (before, only the panel's line changed).
    assert ("Done: that field now has one version.", False) in told


def test_send_to_partner_and_open_partners_file(qtbot, monkeypatch, computers, tmp_path):
    a, b = computers("a"), computers("b")
    rid, _ = add_demo(a.ws)
    a.open_review(rid)
    panel = a.sync.send_to_partner()
    assert panel.isVisible() and panel.windowTitle() == "Send to partner"
    target = tmp_path / "for partner"
    panel.path.setText(str(target))
    # Not in a sync team: the team key cannot be used; the core says so and the
    # one-off passphrase is offered.
    click(qtbot, panel.go)
    settle(qtbot, a.sync)
    assert "not in a sync team" in panel.summary.text() and panel.one_off.isChecked()
    qtbot.keyClicks(panel.new_pass, "blue whale at noon")
    qtbot.keyClicks(panel.new_pass_again, "blue whale at noon!")
    click(qtbot, panel.go)
    assert "different" in panel.summary.text()
    panel.new_pass_again.clear()
    qtbot.keyClicks(panel.new_pass_again, "blue whale at noon")
    click(qtbot, panel.go)
    settle(qtbot, a.sync)
    sent = target.with_suffix(".wssreview")
    assert sent.exists() and "Wrote" in panel.summary.text() and "passphrase" in panel.summary.text()

    monkeypatch.setattr(sync_ui, "ask_open_path", lambda parent: str(sent))
    b.sync.actions["open"].trigger()
    settle(qtbot, b.sync)
    opened = b.sync._partner
    assert not opened.open_box.isHidden() and "locked with a passphrase" in opened.why.text()
    assert b.ws.reviews() == []
    qtbot.keyClicks(opened.passphrase, "wrong whale")
    click(qtbot, opened.go)
    settle(qtbot, b.sync)
    assert b.ws.reviews() == [] and not opened.open_box.isHidden()
    opened.passphrase.clear()
    qtbot.keyClicks(opened.passphrase, "blue whale at noon")
    click(qtbot, opened.go)
    settle(qtbot, b.sync)
    summary = opened.summary.text()
    assert "1 review added" in summary and "pieces of evidence added" in summary
    assert [r["id"] for r in b.ws.reviews()] == [rid]
    assert b.review_list.model.rowCount() == 1
    # Opening it again changes nothing, and says so.
    b.sync.open_partners_file(str(sent))
    settle(qtbot, b.sync)
    qtbot.keyClicks(opened.passphrase, "blue whale at noon")
    click(qtbot, opened.go)
    settle(qtbot, b.sync)
    assert "Nothing new" in opened.summary.text()


def test_start_afresh_is_offered_only_when_the_core_says_the_folder_was_emptied(
        qtbot, monkeypatch, computers, shared):
    a = computers("a")
    add_demo(a.ws)
    panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    # The folder vanishes (a network drive unplugged): offline, nothing to start afresh.
    shutil.move(shared, shared.with_name("away"))
    click(qtbot, panel.sync)
    settle(qtbot, a.sync)
    assert "cannot be reached" in panel.message.text() and panel.afresh_box.isHidden()
    assert "offline since" in a.sync.status_button.text()
    # Back, but emptied: the core offers to set it up again; the panel offers the button.
    shutil.move(shared.with_name("away"), shared)
    for child in shared.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    click(qtbot, panel.sync)
    settle(qtbot, a.sync)
    assert "now empty" in panel.message.text() and not panel.afresh_box.isHidden()
    click(qtbot, panel.afresh)
    settle(qtbot, a.sync)
    # Setting it up again asks for the team passphrase (twice).
    assert not panel.passphrase_box.isHidden() and not panel.confirm.isHidden()
    qtbot.keyClicks(panel.passphrase, PASSPHRASE)
    qtbot.keyClicks(panel.confirm, PASSPHRASE)
    click(qtbot, panel.unlock)
    settle(qtbot, a.sync)
    assert panel.afresh_box.isHidden() and panel.message.isHidden()
    assert a.sync.status_button.text().startswith("Shared folder: connected")


@pytest.mark.slow
def test_the_timer_syncs_in_the_background_and_refreshes_the_open_review(
        qtbot, monkeypatch, computers, shared):
    a = computers("a", auto=True, check_ms=150, sync_ms=300)
    b = computers("b")
    rid, _ = add_demo(b.ws)
    join_through_the_panel(qtbot, monkeypatch, b, shared, PASSPHRASE, set_up=True)
    a.sync.show_panel().close()
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=False)
    a.sync.show_panel().close()
    view = a.open_review(rid)
    b.ws.update_review(rid, school_name="Renamed Primary School")
    b.sync.sync_now()
    settle(qtbot, b.sync)
    qtbot.waitUntil(lambda: view.ui.schoolTitle.text() == "Renamed Primary School", timeout=WAIT)
    assert a.review_view is view


def test_what_a_sync_brings_is_shown_on_the_open_stage_screen_and_in_the_list(
        qtbot, monkeypatch, computers, shared):
    """The screen being looked at shows what arrived, not only the navigator: the
    window's session tells the open screen, and the list, what changed."""
    from wss_desktop.core.model import Stage
    a = computers("a")
    b = computers("b")
    rid, _ = add_demo(b.ws)
    join_through_the_panel(qtbot, monkeypatch, b, shared, PASSPHRASE, set_up=True)
    b.sync.show_panel().close()
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=False)
    a.sync.show_panel().close()
    view = a.open_review(rid)
    view.show_stage(Stage.IDENTIFICATION)
    screen = view.screens[Stage.IDENTIFICATION]
    b.ws.update_review(rid, school_name="Renamed Primary School", urn="999001")
    b.sync.sync_now()
    settle(qtbot, b.sync)
    a.sync.sync_now()
    settle(qtbot, a.sync)
    assert screen.ui.schoolName.text() == "Renamed Primary School"
    assert screen.ui.urn.text() == "999001"
    a.show_list()
    b.ws.update_review(rid, school_name="Renamed Again Primary")
    b.sync.sync_now()
    settle(qtbot, b.sync)
    a.sync.sync_now()
    settle(qtbot, a.sync)
    names = [a.review_list.model.data(a.review_list.model.index(r, 0))
             for r in range(a.review_list.model.rowCount())]
    assert any("Renamed Again Primary" in (n or "") for n in names)


def test_menu_entries_and_help_overlay_list_the_shortcuts(computers):
    win = computers("a")
    menu = win.sync.menu
    texts = [act.text() for act in menu.actions() if not act.isSeparator()]
    assert texts == ["&Sync now", "Shared &folder settings…", "Send to &partner…",
                     "&Open partner's file…", "&Compare versions (conflicts)…"]
    listed = {keys for _, group in help_overlay.SHORTCUTS for keys, _ in group}
    for name, act in win.sync.actions.items():
        assert act.shortcut().toString() == sync_ui.SHORTCUTS[name]
        assert sync_ui.SHORTCUTS[name] in listed
        assert act.toolTip()


def test_status_words():
    from datetime import datetime, timedelta, timezone
    from pathlib import Path

    from wss_desktop.core.sync.service import SyncStatus

    now = datetime.now(timezone.utc)
    status = SyncStatus(Path("/x"), True, None, 3, now, 2)
    text = sync_ui.status_text(status)
    assert text.startswith("Shared folder: connected · 3 changes waiting · last sync ")
    assert text.endswith(" · 2 fields to compare")
    offline = SyncStatus(Path("/x"), False, now - timedelta(hours=1), 0, None, 0)
    assert sync_ui.status_text(offline).startswith("Shared folder: offline since ")
    locked = SyncStatus(Path("/x"), True, None, 0, None, 0, needs_passphrase=True)
    assert sync_ui.status_text(locked) == "Shared folder: needs the team passphrase"
    assert sync_ui.status_text(SyncStatus(None, False, None, 0, None, 0)) == "Shared folder: not set up"


def test_what_is_offered_follows_the_errors_type_not_its_words():
    from wss_desktop.core.sync.folder import AfreshOffered, FolderError
    from wss_desktop.core.sync.keys import FolderNotSetUp, PassphraseNeeded

    def raising(exc):
        def call():
            raise exc
        return call

    assert sync_ui.attempt(raising(AfreshOffered("Any wording at all"))).afresh
    assert not sync_ui.attempt(raising(FolderError("Sync again choosing 'start afresh'."))).afresh
    set_up = sync_ui.attempt(raising(FolderNotSetUp("Worded differently")))
    assert set_up.passphrase and set_up.set_up
    joining = sync_ui.attempt(raising(PassphraseNeeded("This shared folder is not set up yet.")))
    assert joining.passphrase and not joining.set_up


def test_the_panel_names_gaps_and_damaged_files_in_plain_words(qtbot, monkeypatch, computers, shared):
    """Issue 10: the sync panel shows what the sync is waiting for, and what repairs it,
    naming the computer by its name (sent in its progress file), not by its id."""
    from sync_support import Device
    from wss_desktop.core.sync import service
    from wss_desktop.core.sync.folder import DEVICES
    monkeypatch.setattr(service, "_computer_name", lambda: "Sam's laptop")
    other = Device(shared.parent, "writer")
    rid, _ = add_demo(other.ws)
    other.sync(shared)
    a = computers("a")
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=False)
    for statement in ("1.1", "1.2", "1.3"):
        other.ws.judge(rid, statement, rating="enhanced")
        other.sync(shared, passphrase=None)
    files = sorted((shared / DEVICES / other.ws.store.device_id).glob("0*.wsc"))
    files[1].unlink()
    # Its last byte changed (setting it to a fixed value left the file as it was
    # whenever the byte already had that value: 1 run in 256).
    data = files[2].read_bytes()
    files[2].write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    panel = a.sync.show_panel()
    click(qtbot, panel.sync)
    settle(qtbot, a.sync)
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=WAIT)
    text = panel.details.text()
    assert "Missing 1 file of Sam's laptop (device " in text
    assert f"Could not use {files[2].name} of Sam's laptop (device " in text
    assert other.ws.store.device_id not in text
    other.sync(shared, passphrase=None)       # the writer rewrites what a lacks
    click(qtbot, panel.sync)
    settle(qtbot, a.sync)
    qtbot.waitUntil(lambda: not panel.details.isVisible(), timeout=WAIT)
    other.close()


def test_the_members_list_and_removing_a_colleague_through_the_panel(
        qtbot, monkeypatch, computers, shared, tmp_path, told):
    from wss_desktop.core.sync import team
    from wss_desktop.core.sync.folder import read_marker
    from wss_desktop.core.sync.service import sync_folder
    a = computers("a")
    a.ws.store.set_setting(team.DEVICE_NAME, "Alice laptop")
    add_demo(a.ws)
    panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    # Two colleagues join from their own computers (no windows needed for them).
    others = {}
    for name, person in (("b", "Bob laptop"), ("c", "Carol laptop")):
        ws = Workspace.open(tmp_path / name)
        ws.store.set_setting(team.DEVICE_NAME, person)
        keys = TeamKeys(use_keyring=False)
        sync_folder(ws.store, ws.paths, shared, keys, passphrase=PASSPHRASE)
        others[person] = (ws, keys)
    try:
        click(qtbot, panel.reload_members)
        qtbot.waitUntil(lambda: panel.members.count() == 3, timeout=WAIT)
        settle(qtbot, a.sync)
        lines = [panel.members.item(i).text() for i in range(panel.members.count())]
        assert lines[0].startswith("Alice laptop (this computer), last seen")
        assert any(line.startswith("Carol laptop, last seen") for line in lines)
        assert "Team key number 0" in panel.key_changed.text()
        assert panel.device_name.text() == "Alice laptop"
        # Renaming this computer: a blank name is refused, a real one is kept.
        panel.device_name.setText("   ")
        click(qtbot, panel.save_name)
        assert "Give this computer a name" in panel.message.text()
        assert a.ws.store.setting(team.DEVICE_NAME) == "Alice laptop"
        panel.device_name.setText("Alice  office laptop")
        click(qtbot, panel.save_name)
        assert a.ws.store.setting(team.DEVICE_NAME) == "Alice office laptop"
        assert "after your next sync" in panel.message.text()
        # This computer cannot be removed from here; a colleague can, after confirming.
        panel.members.setCurrentRow(0)
        assert not panel.remove_member.isEnabled()
        carol = next(i for i in range(3) if panel.members.item(i).text().startswith("Carol"))
        panel.members.setCurrentRow(carol)
        click(qtbot, panel.remove_member)
        dialog = panel.removal
        qtbot.waitExposed(dialog)
        assert "Remove Carol laptop from the team?" in dialog.question.text()
        before = {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()}
        # A weak or mismatched passphrase is refused in the dialog; nothing changes.
        qtbot.keyClicks(dialog.passphrase, "short")
        qtbot.keyClicks(dialog.confirm, "short")
        click(qtbot, dialog.remove)
        assert "at least 10 characters" in dialog.message.text() and dialog.isVisible()
        dialog.passphrase.setText("a brand new team passphrase")
        dialog.confirm.setText("a brand new team passphrase, typo")
        click(qtbot, dialog.remove)
        assert "different" in dialog.message.text()
        # Each refusal is said to a screen reader at once (before, nothing was said).
        assert [urgent for text, urgent in told if "at least 10 characters" in text or "different" in text] \
            == [True, True]
        # ... and the dialog grows to show it with its question whole (before, both were cut short).
        qtbot.waitUntil(lambda: squashed(dialog) == [], timeout=WAIT)
        assert {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()} == before
        # Cancelling changes nothing either.
        click(qtbot, dialog.cancel)
        assert not dialog.isVisible()
        assert {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()} == before
        click(qtbot, panel.remove_member)
        dialog = panel.removal
        dialog.passphrase.setText("a brand new team passphrase")
        dialog.confirm.setText("a brand new team passphrase")
        click(qtbot, dialog.remove)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        qtbot.waitUntil(lambda: panel.members.count() == 2, timeout=WAIT)
        settle(qtbot, a.sync)
        assert "Removed from the team: Carol laptop" in panel.message.text()
        assert "Team key number 1" in panel.key_changed.text() and "Carol laptop" in panel.key_changed.text()
        assert read_marker(shared).epoch == 1
        # Carol's old passphrase no longer opens the folder; Bob's new one does.
        ws, keys = others["Carol laptop"]
        with pytest.raises(Exception, match="changed"):
            sync_folder(ws.store, ws.paths, shared, TeamKeys(use_keyring=False), passphrase=PASSPHRASE)
        ws, keys = others["Bob laptop"]
        sync_folder(ws.store, ws.paths, shared, TeamKeys(use_keyring=False),
                    passphrase="a brand new team passphrase")
    finally:
        for ws, _ in others.values():
            ws.close()


def colleague_joins(data, shared, name: str) -> str:
    """A colleague's computer, called `name`, joins the team from its own data folder (no
    window needed for it); returns its device id."""
    from wss_desktop.core.sync import team
    from wss_desktop.core.sync.service import sync_folder
    ws = Workspace.open(data)
    try:
        ws.store.set_setting(team.DEVICE_NAME, name)
        sync_folder(ws.store, ws.paths, shared, TeamKeys(use_keyring=False), passphrase=PASSPHRASE)
        return ws.store.device_id
    finally:
        ws.close()


def test_forgetting_a_quiet_colleague_through_the_panel(qtbot, monkeypatch, computers, shared, tmp_path, told):
    """Issue 10: the members list says how long each colleague has been quiet, and
    "Forget this device…" asks first; cancelling, and bad input, change nothing."""
    from wss_desktop.core.sync import service as sync_service
    from wss_desktop.core.sync import team
    a = computers("a")
    a.ws.store.set_setting(team.DEVICE_NAME, "Alice laptop")
    add_demo(a.ws)
    panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    carol_id = colleague_joins(tmp_path / "c", shared, "Carol laptop")
    click(qtbot, panel.sync)
    settle(qtbot, a.sync)
    click(qtbot, panel.reload_members)
    qtbot.waitUntil(lambda: panel.members.count() == 2, timeout=WAIT)
    settle(qtbot, a.sync)
    lines = [panel.members.item(i).text() for i in range(2)]
    assert lines[0].startswith("Alice laptop (this computer), last seen") and "quiet" not in lines[0]
    assert lines[1].startswith("Carol laptop, last seen") and ", quiet for less than an hour" in lines[1]
    panel.members.setCurrentRow(0)
    assert not panel.forget_member.isEnabled()        # this computer cannot forget itself
    panel.members.setCurrentRow(1)
    key = f"sync.state.{a.ws.store.setting('sync.folder_id')}"
    before = a.ws.store.setting(key)
    click(qtbot, panel.forget_member)
    dialog = panel.forgetting
    qtbot.waitExposed(dialog)
    assert "Forget Carol laptop?" in dialog.question.text() and "Nothing it already sent is lost" in dialog.question.text()
    click(qtbot, dialog.cancel)
    assert not dialog.isVisible() and a.ws.store.setting(key) == before
    click(qtbot, panel.forget_member)
    dialog = panel.forgetting
    click(qtbot, dialog.forget)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    settle(qtbot, a.sync)
    assert "Forgot Carol laptop" in panel.message.text()
    qtbot.waitUntil(lambda: panel.members.count() == 2
                    and "(forgotten: nobody waits for it)" in panel.members.item(1).text(), timeout=WAIT)
    [q] = [q for q in sync_service.sync_status(a.ws.store, a.sync.service.keys).devices if q.device == carol_id]
    assert q.forgotten
    # Forgetting it again is refused in the dialog, with the core's reason; nothing changes.
    after = a.ws.store.setting(key)
    panel.members.setCurrentRow(1)
    click(qtbot, panel.forget_member)
    dialog = panel.forgetting
    click(qtbot, dialog.forget)
    qtbot.waitUntil(lambda: "already forgotten" in dialog.message.text(), timeout=WAIT)
    assert dialog.isVisible() and a.ws.store.setting(key) == after
    assert [urgent for text, urgent in told if "already forgotten" in text] == [True]   # said at once too
    qtbot.waitUntil(lambda: squashed(dialog) == [], timeout=WAIT)     # shown whole (it was cut short)
    click(qtbot, dialog.cancel)


@contextmanager
def text_twice_as_large():
    """The app's text at twice its size (as at 200% text), for the windows made inside."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    usual = QFont(app.font())
    big = QFont(usual)
    big.setPointSizeF(usual.pointSizeF() * 2)
    app.setFont(big)
    try:
        yield
    finally:
        app.setFont(usual)


def test_a_long_progress_line_wraps_so_the_panel_fits_a_small_screen_at_200_percent_text(computers, qtbot):
    """A join from a snapshot names its step ('Catching up from the snapshot of
    <computer> (device ...): reading part 12 of 42'); at 200% text the panel must still
    fit a 1024x600 screen and show the whole line, wrapping it rather than cutting it off
    or widening the dialog."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    with text_twice_as_large():
        win = computers("a")
        panel = win.sync.show_panel()
        qtbot.waitExposed(panel)
        line = ("Catching up from the snapshot of SENCO-LAPTOP-HOLLINBROOK (device 3767550e): "
                "reading part 12 of 42")
        # As while a sync runs (the line and the bar are shown only then).
        panel.bar.setVisible(True)
        panel.doing.setVisible(True)
        win.sync.progress.emit(12, 47, line)
        qtbot.waitUntil(lambda: panel.doing.text() == line)
        app.processEvents()
        size = panel.minimumSizeHint().expandedTo(panel.minimumSize())
        assert size.width() <= 1024, size
        # ... and the whole line is shown, not cut off at the dialog's edge.
        panel.resize(size.width(), panel.height())
        qtbot.waitUntil(lambda: panel.width() == size.width())
        doing = panel.doing
        if doing.wordWrap():
            qtbot.waitUntil(lambda: doing.height() >= doing.heightForWidth(doing.width()))
        else:
            assert doing.width() >= doing.sizeHint().width(), (doing.width(), doing.sizeHint())
        assert panel.bar.maximum() == 47 and panel.bar.value() == 12


def team_with_a_snapshot(qtbot, monkeypatch, computers, shared):
    """a's demo review and one more, read by b, who writes a snapshot of them in parts;
    a new laptop then joins from the snapshot. Returns a."""
    from pathlib import Path

    from wss_desktop.core.sync import service as sync_service
    from wss_desktop.core.sync.folder import DEVICES, SNAPSHOT

    a = computers("a")
    add_demo(a.ws)
    a.ws.new_review("Larchfield Academy", "send-review")
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    b = computers("b")
    with monkeypatch.context() as m:      # b reads a's files and writes a snapshot of them
        snapshot_at_once(m, 1)
        join_through_the_panel(qtbot, monkeypatch, b, shared, PASSPHRASE, set_up=False)
        b.sync.actions["sync"].trigger()
        settle(qtbot, b.sync)
    assert (Path(shared) / DEVICES / b.ws.store.device_id / SNAPSHOT).is_file()
    monkeypatch.setattr(sync_service, "SNAPSHOT_JOIN", 1)
    return a


def test_what_is_typed_while_a_new_laptop_joins_is_saved_while_the_join_goes_on(qtbot, monkeypatch, computers,
                                                                                shared):
    """A reviewer types in a review of their own while their laptop takes in the team's
    reviews. The join held the database for as long as it wrote (tens of seconds for a
    trust), so the save waited 10 s with the window frozen, then failed ("Not saved").
    Now the join gives way to the save (it goes on a part at a time), the text is saved,
    and the join still brings every review."""
    import threading
    import time

    from wss_desktop.core.model import Review, Stage
    from wss_desktop.core.store import Staged

    a = team_with_a_snapshot(qtbot, monkeypatch, computers, shared)
    # The join's first pass holds the database (inside its transaction) until it is
    # asked to give way or to stop, as a long join would still be writing.
    holding = threading.Event()
    load = Staged.load
    calls: list[int] = []

    def held(self, *args, **kw):
        calls.append(1)
        if len(calls) == 1:
            check = kw.get("check") or args[-1]
            holding.set()
            deadline = time.monotonic() + 2 * WAIT / 1000
            while time.monotonic() < deadline:
                check()
                time.sleep(0.02)
        return load(self, *args, **kw)

    monkeypatch.setattr(Staged, "load", held)
    c = computers("c")
    rid = c.ws.new_review("Elm Tree Primary School", "send-review", purpose="Our own review")
    view = c.open_review(rid)
    view.show_stage(Stage.IDENTIFICATION)
    editor = view.screens[Stage.IDENTIFICATION].ui.purpose
    panel = c.sync.show_panel()
    monkeypatch.setattr(sync_ui, "ask_folder", lambda parent, start: str(shared))
    click(qtbot, panel.choose)
    settle(qtbot, c.sync)
    qtbot.keyClicks(panel.passphrase, PASSPHRASE)
    click(qtbot, panel.unlock)
    qtbot.waitUntil(holding.is_set, timeout=WAIT)
    panel.close()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, ", typed while the team's reviews arrive")
    typed = "Our own review, typed while the team's reviews arrive"
    qtbot.waitUntil(lambda: c.ws.store.get(Review, rid).purpose == typed, timeout=WAIT)
    settle(qtbot, c.sync)
    assert "Not saved" not in c.indicator.text() and not editor.property("problem")
    assert sorted(r["id"] for r in c.ws.reviews()) == sorted([rid, *(r["id"] for r in a.ws.reviews())])
    assert len(calls) > 1          # the rest was written a part at a time
    qtbot.waitUntil(lambda: "All changes saved" in c.indicator.text(), timeout=WAIT)


def test_stop_in_the_panel_ends_a_join_from_a_snapshot_and_the_next_sync_finishes(qtbot, monkeypatch, computers,
                                                                                  shared):
    """A new laptop catching up from a colleague's snapshot shows the step it is at, and
    the panel's Stop, pressed by keyboard, ends the join there: nothing arrives, the report says it was
    stopped, and "Sync now" then brings everything."""
    import threading

    from wss_desktop.core.sync import service as sync_service

    a = team_with_a_snapshot(qtbot, monkeypatch, computers, shared)

    # The join waits after reading its first part until the test has pressed Stop.
    released = threading.Event()
    columns = sync_service._Sync._columns

    def held(self, device, sealed, step):
        for k, part in enumerate(columns(self, device, sealed, step)):
            if k == 0:
                released.wait(WAIT / 1000)
            yield part

    monkeypatch.setattr(sync_service._Sync, "_columns", held)
    c = computers("c")
    controller = c.sync
    panel = controller.show_panel()
    monkeypatch.setattr(sync_ui, "ask_folder", lambda parent, start: str(shared))
    try:
        click(qtbot, panel.choose)
        settle(qtbot, controller)
        qtbot.keyClicks(panel.passphrase, PASSPHRASE)
        click(qtbot, panel.unlock)
        qtbot.waitUntil(lambda: "reading part 1 of" in panel.doing.text(), timeout=WAIT)
        assert "Catching up from the snapshot of" in panel.doing.text()
        assert panel.stop.isEnabled() and not panel.doing.isHidden()
        # The folder and passphrase were given: the panel no longer says they are needed
        # (it said "Not syncing yet: finish setting up the folder below.").
        assert panel.state.text() == "Syncing…", panel.state.text()
        # The passphrase box made way for the progress, and the keyboard is on Stop.
        assert panel.passphrase_box.isHidden()
        qtbot.waitUntil(panel.stop.hasFocus, timeout=WAIT)
        qtbot.keyClick(panel.stop, Qt.Key.Key_Space)     # by keyboard: Space on the focused Stop
    finally:
        released.set()
    settle(qtbot, controller)
    assert "Stopped when asked" in panel.report.toPlainText()
    assert c.ws.reviews() == []
    # The status bar says so too (it said "Synced. Nothing new arrived.").
    status = c.statusBar().currentMessage()
    assert status.startswith("Sync stopped when asked") and "next sync" in status, status
    monkeypatch.setattr(sync_service._Sync, "_columns", columns)
    controller.actions["sync"].trigger()
    settle(qtbot, controller)
    assert "Caught up from a colleague's snapshot" in panel.report.toPlainText()
    # What a snapshot brought is named (no change file was read, and it said "Nothing
    # new arrived." after a new laptop had taken in every review).
    status = c.statusBar().currentMessage()
    assert status.startswith("Synced.") and "2 reviews added" in status, status
    assert sorted(r["id"] for r in c.ws.reviews()) == sorted(r["id"] for r in a.ws.reviews())
    for rid in (r["id"] for r in a.ws.reviews()):
        assert c.ws.bundle(rid).review.school_name == a.ws.bundle(rid).review.school_name


def test_a_shared_folder_holding_the_data_folder_is_refused_in_plain_words(qtbot, monkeypatch, computers):
    """Choosing the folder that holds the data folder (say, the team's OneDrive folder
    the data folder was put in) used to set up syncing there: the database would be
    copied by the cloud client while written, and over a colleague's."""
    a = computers("a")
    settle(qtbot, a.sync)
    panel = a.sync.show_panel()
    monkeypatch.setattr(sync_ui, "ask_folder", lambda parent, start: str(a.ws.paths.root.parent))
    click(qtbot, panel.choose)
    settle(qtbot, a.sync)
    assert "is inside the shared folder you chose" in panel.message.text()
    assert not panel.message.isHidden() and panel.passphrase_box.isHidden()
    assert a.ws.store.setting("sync.folder") is None
    assert "not set up" in a.sync.status_button.text()
    assert not (a.ws.paths.root.parent / "wss-review-desktop.json").exists()


@pytest.mark.parametrize("quiet", [True, False], ids=["in-the-background", "asked-for"])
def test_a_sync_stopped_by_a_full_disk_says_so_and_never_says_synced(qtbot, monkeypatch, computers, shared,
                                                                     quiet):
    """Issue 10: a sync that stops part-way because this computer's disk is full (the
    core's report says so: tests/core/test_sync_local_disk_full.py) is not 'Synced': the
    status bar says why it stopped, and the status line warns until a sync goes through."""
    from wss_desktop.core.store import StoreFull
    from wss_desktop.core.sync import service
    a = computers("a")
    add_demo(a.ws)
    join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    a.sync.show_panel().close()

    def full(self) -> None:
        raise StoreFull("The disk is full or cannot be written.")

    with monkeypatch.context() as m:
        m.setattr(service._Sync, "receive", full)
        shown: list[str] = []
        a.statusBar().messageChanged.connect(shown.append)
        assert a.sync.sync_now(quiet=quiet)
        settle(qtbot, a.sync)
    assert a.sync.last is not None and a.sync.last.value.problem == service.DISK_FULL
    assert "the last sync stopped" in a.sync.status_button.text()
    if not quiet:
        assert "Sync stopped part-way; nothing was lost." in shown
    assert not any(line.startswith("Synced") for line in shown), shown
    assert a.sync.sync_now(quiet=quiet)          # room again: it goes through
    settle(qtbot, a.sync)
    assert "the last sync stopped" not in a.sync.status_button.text()


def squashed(panel) -> list[str]:
    """What the panel shows cut short: a wrapped label lower than its text, a button or a
    line lower than it needs, or the bottom row of buttons outside the panel."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
    found = []
    for w in panel.findChildren(QWidget):
        if not w.isVisibleTo(panel):
            continue
        if isinstance(w, QLabel) and w.wordWrap() and w.text():
            if w.height() < w.heightForWidth(w.width()) - 2:
                found.append(f"label {w.text()[:30]!r}: {w.height()} px of {w.heightForWidth(w.width())}")
        elif isinstance(w, (QAbstractButton, QLineEdit)) and w.height() < w.minimumSizeHint().height() - 2:
            found.append(f"{type(w).__name__} {w.accessibleName() or w.text()!r}: {w.height()} px high")
        if isinstance(w, QAbstractButton) and w.text() == "Close":
            bottom = w.mapTo(panel, w.rect().bottomLeft()).y()
            if bottom > panel.height():
                found.append(f"Close is below the panel ({bottom} > {panel.height()})")
    return found


def test_the_sync_panel_scrolls_rather_than_squashes_at_200_percent_text_on_a_netbook(
        qtbot, monkeypatch, computers, shared, tmp_path):
    """Text at 200% on a 1024x600 screen (QT_FONT_DPI=192 under Xvfb, seen on a
    screenshot): the panel's words were squashed into boxes too low for them and cut
    off. Now the panel scrolls and its bottom row (Close among it) stays in view.
    Here the panel's text is made twice as large and the panel given that screen."""
    from PySide6.QtWidgets import QApplication
    with text_twice_as_large():
        a = computers("a")
        add_demo(a.ws)
        panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
        assert a.sync.sync_now()
        settle(qtbot, a.sync)
        panel.refresh()
        panel.resize(1024, 600)
        QApplication.processEvents()
        assert not panel.team_box.isHidden(), "the team, its members and the device's name are shown"
        assert panel.height() <= 600
        panel.grab().save(str(tmp_path / "sync-panel-200pct-text-1024x600.png"))
        found = squashed(panel)
        assert found == [], "\n".join(found)


def test_a_long_team_member_line_wraps_at_200_percent_text_on_a_netbook(
        qtbot, monkeypatch, computers, shared, tmp_path):
    """A member's line (its name, when it was last seen, how long it has been quiet and
    whether it has a keyring) ran past the list's edge at 200% text on a 1024x600
    screen: the end of it, "(no keyring: ...)" among it, was cut off behind a sideways
    scroll bar. Now each line wraps within the list, so all of it can be read (the list
    scrolls down, not sideways)."""
    from PySide6.QtWidgets import QApplication
    from wss_desktop.core.sync import team
    with text_twice_as_large():
        a = computers("a")
        a.ws.store.set_setting(team.DEVICE_NAME, "SENCO laptop at Hollinbrook Meadow Primary School")
        add_demo(a.ws)
        panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
        colleague_joins(tmp_path / "c", shared, "Carol's laptop in the trust's central team office")
        click(qtbot, panel.reload_members)
        qtbot.waitUntil(lambda: panel.members.count() == 2, timeout=WAIT)
        settle(qtbot, a.sync)
        panel.resize(1024, 600)
        QApplication.processEvents()
        members = panel.members
        line_height = members.fontMetrics().lineSpacing()
        assert members.horizontalScrollBar().maximum() == 0, "a line runs past the list's edge"
        for i in range(members.count()):
            item = members.item(i)
            shown = members.visualItemRect(item)
            need = members.fontMetrics().horizontalAdvance(item.text())
            assert shown.width() <= members.viewport().width()
            assert need <= shown.width() or shown.height() >= 2 * line_height, (
                item.text(), need, shown)
        # Both members are shown whole, without scrolling the list (it showed 68 px, one
        # member and a bit, of the 112 px they need), and the list overlaps nothing.
        rows = sum(members.visualItemRect(members.item(i)).height() for i in range(members.count()))
        assert members.viewport().height() >= rows, (members.viewport().height(), rows)
        assert members.verticalScrollBar().maximum() == 0
        below = panel.device_name.mapTo(panel.team_box, panel.device_name.rect().topLeft()).y()
        assert members.geometry().bottom() < below, (members.geometry(), below)
        assert squashed(panel) == []
        panel.grab().save(str(tmp_path / "sync-panel-members-200pct.png"))


def focus_chain(window) -> list:
    """Every widget Tab stops at in `window`, in order (Qt's own focus chain)."""
    from PySide6.QtCore import Qt as _Qt
    out, w = [], window.nextInFocusChain()
    while w is not window and w not in out:
        if (w.focusPolicy() & _Qt.FocusPolicy.TabFocus) and w.isVisibleTo(window) and w.isEnabled():
            out.append(w)
        w = w.nextInFocusChain()
    return out


def test_the_sync_panel_fits_a_netbook_at_the_usual_text_size_without_scrolling(
        qtbot, monkeypatch, computers, shared):
    """On a 1024x600 screen (the panel 560 px high below its title) nothing scrolls: what
    the last sync did takes the room left, at least four lines."""
    from PySide6.QtWidgets import QApplication, QScrollArea
    a = computers("a")
    add_demo(a.ws)
    panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    panel.say("This computer's disk is full, so the sync stopped before it had taken in "
              "everything. Nothing was lost: free some space and sync again.")
    panel.resize(720, 560)
    QApplication.processEvents()
    assert not panel.team_box.isHidden() and not panel.message.isHidden()
    assert not panel.findChild(QScrollArea).verticalScrollBar().isVisible()
    assert panel.report.height() >= 4 * panel.report.fontMetrics().lineSpacing()
    assert squashed(panel) == []
    # Tab never stops on the scroll area itself (a stop with no name, read as nothing).
    stops = [w for w in focus_chain(panel) if isinstance(w, QScrollArea)]
    assert stops == [], stops


def test_the_partner_panels_messages_are_said_to_a_screen_reader(computers, qtbot, tmp_path, told):
    """Before: the partner panel's message (passphrases that differ, a full disk, the
    file written) only changed a label at its foot, which a screen reader does not read
    out by itself, and which at 200% text on a small screen was out of sight (shown
    by real keys in test_saved_by_keys_on_a_full_disk.py). Now each is said: a problem
    at once, the rest politely."""
    said = told            # (text, said at once) as each was said to a screen reader
    a = computers("a")
    rid, _ = add_demo(a.ws)
    a.open_review(rid)
    panel = a.sync.send_to_partner()
    panel.path.setText(str(tmp_path / "for partner"))
    panel.one_off.setChecked(True)
    qtbot.keyClicks(panel.new_pass, "blue whale at noon")
    qtbot.keyClicks(panel.new_pass_again, "blue whale at dusk")
    click(qtbot, panel.go)
    assert "different" in panel.summary.text()
    assert said[-1] == (panel.summary.text(), True)
    panel.new_pass_again.clear()
    qtbot.keyClicks(panel.new_pass_again, "blue whale at noon")
    click(qtbot, panel.go)
    settle(qtbot, a.sync)
    qtbot.waitUntil(lambda: panel.summary.text().startswith("Wrote "), timeout=WAIT)
    assert said[-1] == (panel.summary.text(), False)


def test_the_sync_panels_message_is_said_to_a_screen_reader(qtbot, monkeypatch, computers, shared):
    """The sync panel's message, the answer to what was just pressed ("Give this computer
    a name ...", "Saved. ...", "Type the team passphrase first."), only changed a label
    below the team's members: a screen reader was not told, and at 200% text it was out
    of sight (test_messages_in_sight.py, by real keys). Now it is said, and scrolled to."""
    from wss_desktop.gui import widgets
    said: list[str] = []
    monkeypatch.setattr(widgets, "announce", lambda w, text, urgent=False: said.append(text))
    a = computers("a")
    add_demo(a.ws)
    panel = join_through_the_panel(qtbot, monkeypatch, a, shared, PASSPHRASE, set_up=True)
    settle(qtbot, a.sync)
    for name, words in (("", "Give this computer a name"), ("Priya's laptop", "Saved.")):
        panel.device_name.setText(name)
        click(qtbot, panel.save_name)
        assert panel.message.text().startswith(words), panel.message.text()
        assert said[-1] == panel.message.text()
