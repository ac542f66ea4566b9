from pathlib import Path

import pytest

from wss_desktop.core.frameworks import FrameworkError, Library, load_file, parse
from wss_desktop.core.model import Judgement
from wss_desktop.core.workspace import Workspace

SHIPPED = {"send-review", "send-reflection", "ta-deployment", "pfa-earliest-years",
           "send-governance", "mat-send", "send-review-specialist"}

GOOD = """
format = 1
id = "acme-send"
name = "Acme Trust SEND Review"
version = "2.0"
audience = "Acme Trust schools"
description = "Our own version of the review."
publisher = "Acme Learning Trust"

[scale]
id = "rag"
name = "Red, amber, green"
allow_na = false
levels = [
  { key = "red", label = "Red" },
  { key = "amber", label = "Amber" },
  { key = "green", label = "Green" },
]

[[areas]]
id = "1"
title = "Leadership"

[[areas.statements]]
id = "1.1"
text = "Leaders know their pupils with SEND well."
prompts = ["How do leaders know?"]
look_fors = ["Seating plans that show needs"]

[[areas.statements]]
id = "1.2"
text = "Governors ask about SEND outcomes."
"""


def test_all_six_shipped_frameworks_load_and_follow_the_rules():
    lib = Library.load()
    assert set(lib.frameworks) == SHIPPED
    assert lib.problems == []
    for fw in lib.frameworks.values():
        assert fw.name and fw.audience and fw.description
        for area in fw.areas:
            assert 4 <= len(area.statements) <= 8, (fw.id, area.id)
        ids = [s.id for s in fw.statements()]
        assert len(ids) == len(set(ids))


def test_send_review_has_the_eight_areas_in_order():
    fw = Library.load().get("send-review")
    titles = [a.title for a in fw.areas]
    assert len(titles) == 8
    assert titles[0].startswith("Outcomes")
    assert titles[1] == "Leadership of SEND"
    assert titles[7] == "The quality of SEND provision"
    assert [lv.key for lv in fw.scale.levels] == ["emerging", "developing", "established", "enhanced"]
    assert fw.scale.allow_na


def test_distinctive_shapes_of_the_other_guides():
    lib = Library.load()
    assert [r.id for r in lib.get("ta-deployment").respondents] == ["teacher", "ta"]
    assert len(lib.get("ta-deployment").scale.levels) == 10
    assert len(lib.get("pfa-earliest-years").areas) == 4
    assert not lib.get("send-reflection").scale.rated
    assert [lv.key for lv in lib.get("send-governance").scale.levels] == ["red", "amber", "green"]
    assert len(lib.get("mat-send").areas) == 5


def test_a_good_user_file_parses():
    fw = parse(GOOD, "acme.toml")
    assert fw.id == "acme-send"
    assert fw.statement("1.1").look_fors == ("Seating plans that show needs",)
    assert fw.scale.resolve("Amber") == "amber"
    assert fw.scale.resolve("3") == "green"


@pytest.mark.parametrize("broken, place, problem", [
    (GOOD.replace('text = "Leaders know', 'txt = "Leaders know'), "statement 1.1", "'text' is missing"),
    (GOOD.replace('id = "1.2"', 'id = "1.1"'), "statement 1.1", "used twice"),
    (GOOD.replace("format = 1", "format = 7"), "top of file", "'format' must be 1"),
    (GOOD.replace('{ key = "amber", label = "Amber" },', '{ key = "amber" },'), "[scale] level 2", "'label' is missing"),
    (GOOD.replace('look_fors = ["Seating plans that show needs"]', 'look_fors = "one"'),
     "statement 1.1", "must be a list"),
    (GOOD.replace('id = "acme-send"', 'id = "Acme Send!"'), "top of file", "lower-case"),
    (GOOD.replace('{ key = "red", label = "Red" },', '{ key = "na", label = "None" },'), "[scale] level 1", "reserved"),
])
def test_broken_files_name_the_file_the_place_and_the_problem(broken, place, problem):
    with pytest.raises(FrameworkError) as err:
        parse(broken, "acme.toml")
    message = str(err.value)
    assert message.startswith("acme.toml")
    assert place in message
    assert problem in message


def test_a_statement_problem_gives_its_line_number():
    broken = GOOD.replace('text = "Governors ask about SEND outcomes."', "")
    with pytest.raises(FrameworkError) as err:
        parse(broken, "acme.toml")
    line = broken.splitlines().index('id = "1.2"') + 1
    assert f"line {line}" in str(err.value)


def test_toml_syntax_errors_say_where(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace('name = "Acme Trust SEND Review"', 'name = "Acme'), encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_file(path)
    line = GOOD.splitlines().index('name = "Acme Trust SEND Review"') + 1
    assert str(err.value).startswith(f"{path}, line {line}, column 13: this is not valid TOML")


def test_non_utf8_and_missing_files_are_explained(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD.replace("Acme Trust", "Ácme Trust").encode("latin-1"))
    with pytest.raises(FrameworkError, match="not UTF-8"):
        load_file(path)
    with pytest.raises(FrameworkError, match="cannot be read"):
        load_file(tmp_path / "nowhere.toml")


def test_user_frameworks_sit_beside_the_shipped_ones_and_bad_ones_are_reported(data_dir):
    folder = Path(data_dir) / "frameworks"
    folder.mkdir(parents=True)
    (folder / "acme.toml").write_text(GOOD, encoding="utf-8")
    (folder / "broken.toml").write_text("format = 1\nid = ", encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        assert ws.library.origins["acme-send"] == "user"
        assert set(ws.library.frameworks) == SHIPPED | {"acme-send"}
        assert len(ws.library.problems) == 1
        assert "broken.toml" in str(ws.library.problems[0])


def test_a_review_keeps_the_framework_it_started_with(data_dir):
    folder = Path(data_dir) / "frameworks"
    folder.mkdir(parents=True)
    (folder / "acme.toml").write_text(GOOD, encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        old_review = ws.new_review("Brook Lane Primary", "acme-send")
        ws.judge(old_review, "1.2", rating="amber")

    edited = GOOD.replace("Governors ask about SEND outcomes.", "Governors challenge leaders on SEND.")
    edited = edited.replace('version = "2.0"', 'version = "2.1"')
    (folder / "acme.toml").write_text(edited, encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        old = ws.bundle(old_review)
        assert old.framework.version == "2.0"
        assert old.framework.statement("1.2").text == "Governors ask about SEND outcomes."
        assert old.judgements["1.2"].rating == "amber"
        new = ws.bundle(ws.new_review("Brook Lane Primary", "acme-send"))
        assert new.framework.statement("1.2").text == "Governors challenge leaders on SEND."

    # Deleting the user's file does not break the review either.
    (folder / "acme.toml").unlink()
    with Workspace.open(data_dir) as ws:
        assert ws.bundle(old_review).framework.name == "Acme Trust SEND Review"
        assert isinstance(ws.store.get(Judgement, f"{old_review}/1.2"), Judgement)


def test_a_broken_user_framework_changes_nothing_in_the_database(data_dir):
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Brook Lane Primary", "send-review")
        ws.judge(rid, "1.1", rating="developing")
        before = (ws.store.change_count(), ws.reviews())
    folder = Path(data_dir) / "frameworks"
    (folder / "broken.toml").write_text(GOOD.replace("format = 1", "format = 1\nformat = 2"),
                                        encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        assert "broken.toml" in str(ws.library.problems[0])
        assert "send-review" in ws.library.frameworks
        assert (ws.store.change_count(), ws.reviews()) == before
        assert ws.bundle(rid).judgements["1.1"].rating == "developing"
