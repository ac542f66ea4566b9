"""A photo that stops part-way (copied from a phone or camera that had not finished, or
a download cut off) is refused with a sentence, and nothing is kept.

Before, Qt read such a JPEG without an error and showed its missing part grey: the
learning walk kept a photo whose lower half was a flat grey, and said nothing."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt

from wss_desktop.core.model import Stage


def noisy_jpeg(path, size=(800, 600)) -> bytes:
    """A fictional photo (random noise, so every part of it holds data) saved as JPEG."""
    rng = random.Random(7)
    Image.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3))).save(
        path, quality=90)
    return path.read_bytes()


def test_a_jpeg_cut_short_is_refused_with_a_sentence_and_a_whole_one_is_kept(qtbot, window, ws, tmp_path):
    rid = ws.new_review("Holm Oak Primary School (fictional)", "send-review")
    view = window.open_review(rid)
    view.show_stage(Stage.SCHOOL_VISIT)
    walk = view.screens[Stage.SCHOOL_VISIT].walk
    qtbot.keyClicks(walk.ui.room, "Year 4 classroom")
    qtbot.keyClick(walk.ui.room, Qt.Key.Key_Tab)
    whole = noisy_jpeg(tmp_path / "whole.jpg")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    problems: list[str] = []
    walk.saver.failed.connect(problems.append)

    walk.add_photo_files([str(cut)])
    qtbot.waitUntil(lambda: walk.photo_jobs == 0, timeout=10_000)
    assert problems and "stops part-way" in problems[-1], problems
    assert [p for ev in ws.bundle(rid).evidence for p in ws.photos(ev.id)] == []

    walk.add_photo_files([str(tmp_path / "whole.jpg")])
    qtbot.waitUntil(lambda: walk.photo_jobs == 0, timeout=10_000)
    qtbot.waitUntil(lambda: walk.ui.photos.count() == 1, timeout=5_000)


def test_only_a_jpeg_cut_short_is_called_so():
    """What Pillow cannot judge is left to Qt's reader, which says what is wrong."""
    from wss_desktop.core.attachments import stops_part_way
    assert not stops_part_way(Path("/nowhere/photo.jpg"))


def test_a_whole_and_a_cut_jpeg_are_told_apart(tmp_path):
    from wss_desktop.core.attachments import stops_part_way
    whole = noisy_jpeg(tmp_path / "whole.jpg", (64, 48))
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) * 2 // 3])
    (tmp_path / "note.jpg").write_bytes(b"not a picture at all")
    assert not stops_part_way(tmp_path / "whole.jpg")
    assert stops_part_way(tmp_path / "cut.jpg")
    assert not stops_part_way(tmp_path / "note.jpg")
