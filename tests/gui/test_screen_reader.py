"""What a screen reader (Orca) reads, from the real AT-SPI tree (issue 13): the app runs
under Xvfb with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 on a private D-Bus session with its
own AT-SPI bus, and the system Python's AT-SPI bindings read the tree on every stage
screen. Every control that can take the focus has a name and a real role, and no
label's name hides its text."""

from __future__ import annotations

import os
import shutil

import pytest

from wss_desktop.core.demo import add_demo
from wss_desktop.core.model import Stage
from wss_desktop.core.workspace import Workspace

from atspi_support import REASON, dump, said_aloud, wait_typed
from xsession import XSession

pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(REASON), reason=f"{REASON} (scripts/setup.sh --test)")]


ROLELESS = {"unknown", "invalid"}
CONTAINERS = {"filler", "panel"}   # a tab widget or scroll area: fine if named
SELF_NAMED = {"table cell", "list item", "menu item", "page tab", "scroll bar", "tree item",
              "table column header", "column header", "row header", "page tab list"}


def problems(nodes: list[dict]) -> list[str]:
    found = []
    for n in nodes:
        states = set(n["states"])
        if "showing" not in states:
            continue
        if "focusable" in states and n["role"] not in SELF_NAMED:
            if not n["name"].strip():
                found.append(f"unnamed {n['role']}")
            if n["role"] in ROLELESS or (n["role"] in CONTAINERS and not n["name"].strip()):
                found.append(f"no role ({n['role']}): {n['name']!r}")
        # A plain label (not a focusable text box, which is named and read as a document)
        if n["role"] == "label" and "focusable" not in states and n["text"].strip() and n["name"].strip():
            if n["text"].strip()[:30] not in n["name"] and len(n["text"]) > len(n["name"]):
                found.append(f"label {n['name']!r} hides {n['text'][:30]!r}")
    return found


def test_every_stage_screen_reads_well_to_a_screen_reader(tmp_path, a11y_bus):
    from test_keyboard_real_input import new_data
    data = new_data(tmp_path)
    with Workspace.open(data) as ws:
        add_demo(ws)
    found: dict[str, str] = {}
    with XSession(data, (1280, 800), env=a11y_bus) as s:
        s.key("Return")    # open the review chosen in the list
        for i, stage in enumerate(Stage, 1):
            s.key(f"ctrl+{i}")
            title = f"Still to do for {stage.label.lower()}"
            nodes = s.wait_until(lambda title=title: (d := dump(s)) and any(n["name"].startswith(title) for n in d) and d,
                                 f"the {stage.label} screen in the AT-SPI tree", 60)
            assert len(nodes) > 30
            for p in problems(nodes):
                found.setdefault(p, stage.value)
        s.quit_app()
    assert found == {}, "\n".join(f"{w}: {p}" for p, w in found.items())


# Each dialog: how it is opened by keys from the review list, its window title, and how
# it is closed again.
DIALOGS = [("ctrl+comma", "Settings", "Escape"),
           ("ctrl+shift+n", "Start a new review", "Escape"),
           ("alt+h", "About WSS Review Desktop", "Escape"),
           ("ctrl+shift+f", "Frameworks", "Escape")]


def is_window(title: str):
    return lambda n: (n["name"].split(" — ")[0] == title and n["role"] in ("dialog", "alert", "frame", "window", "file chooser")
                      and "showing" in n["states"])


def read_window(s: XSession, title: str, what: str, timeout: float = 30) -> list[dict]:
    """What a screen reader finds in the window called `title` (waiting for it to be in
    the AT-SPI tree): the window's own node and every node inside it."""
    nodes = s.wait_until(lambda: (d := dump(s)) and any(map(is_window(title), d)) and d, what, timeout)
    start = next(i for i, n in enumerate(nodes) if is_window(title)(n))
    inside = [nodes[start]]
    for n in nodes[start + 1:]:
        if n["depth"] <= nodes[start]["depth"]:
            break
        inside.append(n)
    return inside


def test_every_dialog_reads_well_to_a_screen_reader(tmp_path, a11y_bus):
    """Settings, the new-review wizard, About and the framework editor, opened by keys
    alone: every control that takes the focus is named, with a real role."""
    from test_keyboard_real_input import new_data
    data = new_data(tmp_path)
    found: dict[str, str] = {}
    with XSession(data, (1280, 800), env=a11y_bus) as s:
        for keys, title, close in DIALOGS:
            s.focus(s.main)
            if keys == "alt+h":     # Help menu, then its About item
                s.key("alt+h")
                s.key("a")
            else:
                s.key(keys)
            window = s.wait_window(title, timeout=60)
            s.focus(window)
            try:
                inside = read_window(s, title, f"the {title} dialog in the AT-SPI tree", 20)
            except AssertionError:
                print(title, [(n["role"], n["name"], n["depth"]) for n in dump(s) if n["depth"] <= 2])
                raise
            assert sum("focusable" in n["states"] for n in inside) >= 2, title
            for p in problems(inside):
                found.setdefault(p, title)
            s.focus(window)
            s.key(close)
            s.wait_window_gone(title)
        s.focus(s.main)
        s.quit_app()
    assert found == {}, "\n".join(f"{w}: {p}" for p, w in found.items())


def test_the_unlock_dialog_reads_well_to_a_screen_reader(tmp_path, a11y_bus):
    """Where no keyring holds the key (and no passphrase is given to the program), the
    app asks for the passphrase first: that dialog too is named throughout, a wrong
    passphrase is said aloud as soon as Enter is pressed (before, only a label changed,
    so a blind user heard nothing and could not tell the dialog had answered), and
    typing the passphrase and Enter opens the data folder."""
    from test_keyboard_real_input import new_data
    from wss_desktop.core import atrest
    data = new_data(tmp_path)
    env = {**a11y_bus}
    saved = os.environ.pop(atrest.ENV_PASSPHRASE)
    try:
        session = XSession(data, (1280, 800), env=env)
        with session as s:      # the first window is the unlock dialog
            title = "Unlock WSS Review Desktop"
            inside = read_window(s, title, "the unlock dialog in the AT-SPI tree", 60)
            assert any(n["role"] == "password text" and n["name"] for n in inside), inside
            assert problems(inside) == []
            s.focus(s.main)
            with said_aloud(s, tmp_path / "said.jsonl") as heard:
                s.type(saved + "x")
                s.key("Return")
                s.wait_until(lambda: any("does not unlock" in line for line in heard()),
                             "the wrong passphrase to be said aloud", 30)
            s.key("ctrl+a")
            s.type(saved)
            s.key("Return")
            s.wait_window_gone(title)
            s.main = s.wait_window("WSS Review Desktop")
            s.focus(s.main)
            s.quit_app()
    finally:
        os.environ[atrest.ENV_PASSPHRASE] = saved


def test_the_not_saved_yet_question_reads_well_to_a_screen_reader(tmp_path, a11y_bus):
    """Closing while another program holds the database asks whether to try again: a
    screen reader reads the question as an alert, with its reason, and each answer."""
    from test_keyboard_real_input import new_data, start_review_by_keyboard

    from wss_desktop.core.store import connect
    data = new_data(tmp_path)
    title = "Not saved yet"
    with XSession(data, (1280, 800), env=a11y_bus) as s:
        start_review_by_keyboard(s)
        s.key("ctrl+4", "ctrl+n")
        s.wait_rows("SELECT id FROM evidence WHERE room IS NULL AND kind = 'learning-walk'", 1, "the observation")
        other = connect(data / "wss.sqlite3")
        other.execute("BEGIN IMMEDIATE")                # another program writes
        try:
            s.type("Kestrels")
            s.key("ctrl+q")
            s.focus(s.wait_window(title))
            inside = read_window(s, title, "the question in the AT-SPI tree")
            assert inside[0]["role"] in ("alert", "dialog"), inside[0]
            words = " ".join(f"{n['name']} {n['text']}" for n in inside)
            assert "What you typed is not saved yet" in words and "busy" in words, words
            buttons = {n["name"] for n in inside if n["role"] == "push button"}
            assert {"Try again", "Keep the window open", "Close without saving"} <= buttons, buttons
            assert problems(inside) == []
        finally:
            other.execute("COMMIT")
            other.close()
        s.key("Return")                                 # try again: saved, and the app closes
        assert s.app.wait(60) == 0
    with Workspace.open(data) as ws:
        assert any(e.room == "Kestrels" for r in ws.reviews() for e in ws.bundle(r["id"]).evidence)


def test_removed_things_are_found_and_brought_back_by_keys_and_read_aloud(tmp_path, a11y_bus):
    """An action taken out of the plan (here, by a colleague on another computer whose
    delete arrived by sync) is found with Ctrl+Shift+R, read by a screen reader, and
    brought back with Enter, by real key presses at 1024x600."""
    from test_keyboard_real_input import SCREENSHOTS, new_data
    from wss_desktop.core.model import Action
    data = new_data(tmp_path)
    with Workspace.open(data) as ws:
        rid = ws.new_review("Holm Oak Primary School", "send-review")      # (fictional)
        act = ws.add_action(rid, "Train TAs in pre-teaching vocabulary")
        ws.update_action(act, owner="SENCO", success_criteria="Every TA plans pre-teaching by March")
        with Workspace.open(tmp_path / "colleague") as other:
            other.store.apply_changes(ws.store.changes())
            other.delete_action(act)
            ws.store.apply_changes(other.store.changes())       # the colleague's delete arrives
        assert ws.store.get(Action, act) is None
    title = "Removed from Holm Oak Primary School"
    with XSession(data, (1024, 600), env=a11y_bus) as s:
        s.key("Return")                                         # open the review chosen in the list
        s.wait_until(lambda: any(n["name"].startswith("Still to do") for n in dump(s)), "the review", 60)
        s.key("ctrl+shift+r")
        s.focus(s.wait_window(title))
        inside = read_window(s, title, "the removed things in the AT-SPI tree")
        assert problems(inside) == []
        items = [n["name"] for n in inside if n["role"] == "list item"]
        assert len(items) == 1 and items[0].startswith("Action: Train TAs in pre-teaching vocabulary. Removed ")
        assert items[0].endswith("on another computer."), items
        assert any(n["role"] == "list" and n["name"] == "Removed things, newest first" for n in inside)
        assert any(n["role"] == "push button" and n["name"] == "Bring back" for n in inside)
        shot = s.screenshot(tmp_path / "99-removed-from-this-review-1024x600.png")
        if os.environ.get("WSS_UPDATE_SCREENSHOTS"):           # refresh the committed picture
            shutil.copy(shot, SCREENSHOTS / shot.name)
        s.key("Return")                                         # bring back the chosen one
        s.wait_rows("SELECT id FROM actions WHERE deleted = 0 AND owner = 'SENCO'", 1, "the action, back")
        s.wait_until(lambda: [n for n in dump(s) if n["role"] == "label"
                              and n["name"].startswith("The action is back in the review.")], "the result, read", 30)
        s.key("Escape")
        s.wait_window_gone(title)
        s.focus(s.main)
        assert s.quit_app() == 0
    with Workspace.open(data) as ws:
        back = ws.store.get(Action, act)
        assert back is not None and back.success_criteria == "Every TA plans pre-teaching by March"


def test_the_warning_about_a_data_folder_on_onedrive_is_read_and_closed_by_keys(tmp_path, a11y_bus):
    """A data folder on OneDrive (core/paths.shared_by): the real app, started on it at
    1024x600, says so once its window is up; a screen reader reads the warning, and a
    real Escape closes it, leaving the app in use."""
    from test_keyboard_real_input import new_data
    data = new_data(tmp_path / "OneDrive - Elm Row Trust" / "Documents")
    title = "Your data folder is somewhere shared"
    with XSession(data, (1024, 600), env=a11y_bus) as s:
        s.focus(s.wait_window(title))
        inside = read_window(s, title, "the warning in the AT-SPI tree")
        assert problems(inside) == []
        said = " ".join(n["name"] for n in inside)
        assert "Your data folder is on OneDrive, where notes can be lost." in said, said
        assert "File ▸ Restore…" in said and "own disk" in said
        assert any(n["role"] == "push button" and n["name"] == "OK" for n in inside)
        s.key("Escape")
        s.wait_window_gone(title)
        s.focus(s.main)
        assert s.quit_app() == 0
    assert "Data folder somewhere shared" in (data / "logs" / "wss-desktop.log").read_text()


def test_text_the_database_would_not_take_when_logging_out_is_kept_and_read_out_next_time(tmp_path, a11y_bus):
    """Logging out (SIGTERM) while another program holds the database: the app waits as
    long as closing does, then had to end, and the words typed since were lost. Now they
    are kept, encrypted with the data folder's key, and the next start shows them, where
    a screen reader reads them whole, until the user removes them (by real keys)."""
    import signal

    from test_keyboard_real_input import new_data, start_review_by_keyboard

    from wss_desktop.core.store import connect
    data = new_data(tmp_path)
    walk = "SELECT room, text FROM evidence WHERE kind = 'learning-walk' AND deleted = 0"
    with XSession(data, (1024, 600), env=a11y_bus) as s:
        start_review_by_keyboard(s)
        s.key("ctrl+4", "ctrl+n")
        s.wait_rows(walk, 1, "the new observation")
        other = connect(data / "wss.sqlite3")
        other.execute("BEGIN IMMEDIATE")                # another program writes, and goes on
        try:
            s.type("Kestrels")
            s.key("alt+w")
            s.type("Pupils used word mats.")
            wait_typed(s, "Kestrels", "Pupils used word mats.")
            s.app.send_signal(signal.SIGTERM)
            assert s.app.wait(60) == 0, s.log.read_text()
        finally:
            other.execute("COMMIT")
            other.close()
    assert "Traceback" not in s.log.read_text()
    with Workspace.open(data) as ws:                     # the database never took them
        (review,) = ws.reviews()
        assert [(e.room, e.text or None) for e in ws.bundle(review["id"]).evidence] == [(None, None)]
    for path in data.rglob("*"):                         # kept, but nowhere readable
        assert not (path.is_file() and b"word mats" in path.read_bytes()), path

    title = "Text kept for you"
    for attempt in ("kept for later", "removed"):
        with XSession(data, (1024, 600), env=a11y_bus) as s:
            s.focus(s.wait_window(title))
            inside = read_window(s, title, "the kept text in the AT-SPI tree")
            assert problems(inside) == []
            said = " ".join(f"{n['name']} {n['text']}" for n in inside)
            for words in ("Fernhill Community Primary School", "What you saw", "Pupils used word mats.",
                          "Kestrels", "could not be saved"):
                assert words in said, (words, said)
            buttons = {n["name"] for n in inside if n["role"] == "push button"}
            assert {"Copy all", "Keep for later", "Remove"} <= buttons, buttons
            if attempt == "kept for later":
                s.key("Escape")
            else:
                s.key("alt+r")                             # Remove, then the question's Yes
                s.focus(s.wait_window("Remove the kept text"))
                s.key("alt+y")
            s.wait_window_gone(title)
            s.focus(s.main)
            assert s.quit_app() == 0
        kept = [p for p in (data / "kept-text").rglob("*") if p.is_file()]
        assert len(kept) == (1 if attempt == "kept for later" else 0), kept
    assert not [p for p in (data / "kept-text").rglob("*") if p.is_file()]   # removed: gone for good
