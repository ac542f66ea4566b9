"""The framework editor and rubric descriptors on screen, driven through real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from wss_desktop.core.model import Stage

RUBRIC = (Path(__file__).parents[1] / "core" / "test_frameworks_descriptors.py").read_text(
    encoding="utf-8").split('RUBRIC = """', 1)[1].split('"""', 1)[0]


def _with_rubric(ws) -> str:
    folder = ws.paths.user_frameworks
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shire.toml").write_text(RUBRIC, encoding="utf-8")
    return ws.new_review("Brook Lane Primary", "shire-rubric")


def test_the_grid_shows_the_descriptors_beside_the_rating_and_says_which_is_chosen(qtbot, window, ws):
    rid = _with_rubric(ws)
    view = window.open_review(rid)
    view.show_stage(Stage.SELF_EVALUATION)
    grid = view.screens[Stage.SELF_EVALUATION].grid
    grid.select("1.1")
    label = grid.descriptors
    assert label.isVisible()
    assert "Leaders use data termly." in label.text()
    assert "rating chosen" not in label.text()
    grid.set_rating("developing")
    qtbot.waitUntil(lambda: "rating chosen" in label.text())
    assert "<b>Developing</b> <i>(the rating chosen)</i>" in label.text()
    grid.select("1.2")
    assert not label.isVisible()


def test_the_learning_walk_lists_the_descriptors_under_the_statement(qtbot, window, ws):
    from wss_desktop.gui.rubric import DescriptorLabel
    rid = _with_rubric(ws)
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    walk.next_room()
    labels = [w for w in walk.ui.lookForBody.findChildren(DescriptorLabel) if not w.isHidden()]
    assert len(labels) == 1
    assert "Leaders share their approach." in labels[0].text()
    assert labels[0].accessibleName() == "What each level looks like"
