"""Rubric level descriptors, the framework writer, copies and trust-wide subjects."""

import pytest

from wss_desktop.core.frameworks import (FrameworkError, Library, copy_framework, editable, parse,
                                         renumber, save_user_framework, to_toml)

RUBRIC = """
format = 1
id = "shire-rubric"
name = "Shire SEND self review"
version = "1.0"
audience = "Shire schools"
description = "A rubric."

[scale]
id = "four-step"
name = "Four-step scale"
allow_na = true
levels = [
  { key = "emerging", label = "Emerging" },
  { key = "developing", label = "Developing" },
  { key = "established", label = "Established" },
  { key = "enhanced", label = "Enhanced" },
]

[[areas]]
id = "1"
title = "Leadership"

[[areas.statements]]
id = "1.1"
text = "Leaders know their pupils with SEND well."
descriptors = { emerging = "Leaders hold some data.", developing = "Leaders use data termly.", established = "Leaders act on data.", enhanced = "Leaders share their approach." }

[[areas.statements]]
id = "1.2"
text = "Governors ask about SEND outcomes."
"""


def test_descriptors_are_read_in_the_scale_order():
    fw = parse(RUBRIC.replace('emerging = "Leaders hold some data.", ', '')
               .replace('enhanced = "Leaders share their approach." }',
                        'enhanced = "Leaders share their approach.", emerging = "Leaders hold some data." }'),
               "shire.toml")
    st = fw.statement("1.1")
    assert [k for k, _ in st.descriptors] == ["emerging", "developing", "established", "enhanced"]
    assert st.descriptor("established") == "Leaders act on data."
    assert fw.statement("1.2").descriptors == ()
    assert st.descriptor(None) == ""


def test_an_unknown_descriptor_key_is_refused_with_file_line_and_statement():
    broken = RUBRIC.replace("enhanced = \"Leaders share", "excellent = \"Leaders share")
    with pytest.raises(FrameworkError) as err:
        parse(broken, "shire.toml")
    line = broken.splitlines().index('id = "1.1"') + 1
    message = str(err.value)
    assert message.startswith(f"shire.toml, line {line} (statement 1.1): descriptor 'excellent' "
                              f"is not a level of the scale")
    assert "emerging, developing, established, enhanced" in message


FULL = ('descriptors = { emerging = "Leaders hold some data.", developing = "Leaders use data termly.", '
        'established = "Leaders act on data.", enhanced = "Leaders share their approach." }')


@pytest.mark.parametrize("old, new, problem", [
    ("descriptors = { emerging", 'descriptors = { na = "n/a", emerging', "descriptor 'na' is not a level"),
    ('emerging = "Leaders hold some data."', 'emerging = "  "', "descriptor 'emerging' must be non-empty"),
    (FULL, 'descriptors = "all good"', "'descriptors' must be a table"),
    (FULL, "descriptors = { emerging = 3 }", "descriptor 'emerging' must be non-empty text"),
])
def test_other_bad_descriptors_are_named(old, new, problem):
    assert old in RUBRIC
    with pytest.raises(FrameworkError, match=problem) as err:
        parse(RUBRIC.replace(old, new), "x.toml")
    assert "(statement 1.1)" in str(err.value)


def test_descriptors_without_a_scale_are_refused():
    no_scale = RUBRIC.replace('levels = [', 'levels = []\nold = [')
    with pytest.raises(FrameworkError, match="the scale has none"):
        parse(no_scale, "x.toml")


def test_shipped_frameworks_keep_their_content_hash_and_round_trip_through_the_writer():
    # The hashes reviews already froze must not move because the format grew.
    lib = Library.load()
    assert lib.get("send-review").content_hash() == (
        parse(to_toml(lib.get("send-review").content()), "x").content_hash())
    for fw in lib.frameworks.values():
        again = parse(to_toml(fw.content()), f"{fw.id}.toml")
        assert again.content() == fw.content(), fw.id
    rubric = parse(RUBRIC, "shire.toml")
    assert parse(to_toml(rubric.content()), "again.toml").content() == rubric.content()
    assert "descriptors" not in str(lib.get("send-review").content())


def test_a_copy_is_saved_atomically_and_a_bad_one_leaves_the_folder_alone(tmp_path):
    fw = Library.load().get("send-review")
    data = copy_framework(fw, "acme-send", "Acme SEND review", publisher="Acme Trust")
    path = save_user_framework(data, tmp_path)
    saved = parse(path.read_text(encoding="utf-8"), str(path))
    assert (saved.id, saved.name, saved.publisher, saved.version) == ("acme-send", "Acme SEND review",
                                                                    "Acme Trust", "1.0")
    assert len(saved.statements()) == len(fw.statements())
    before = path.read_bytes()
    data["areas"][0]["statements"][0]["text"] = ""
    with pytest.raises(FrameworkError, match="'text' is empty"):
        save_user_framework(data, tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme-send.toml"]
    with pytest.raises(FrameworkError, match="lower-case"):
        copy_framework(fw, "Acme!", "x")


def test_renumbering_follows_the_present_order():
    data = editable(parse(RUBRIC, "x"))
    sts = data["areas"][0]["statements"]
    sts.reverse()
    renumber(data)
    assert [s["id"] for s in sts] == ["1.1", "1.2"]
    assert sts[1]["text"].startswith("Leaders know")
    assert parse(to_toml(data), "x").statement("1.2").descriptor("enhanced") == "Leaders share their approach."


def test_the_mat_framework_reviews_a_trust_as_a_rubric_and_a_bad_subject_is_named():
    lib = Library.load()
    assert lib.get("mat-send").subject == "trust"
    assert all(len(s.descriptors) == 4 for s in lib.get("mat-send").statements())
    assert lib.get("send-review").subject == "school"
    with pytest.raises(FrameworkError, match="'subject' must be one of school, trust, local-area"):
        parse(RUBRIC.replace('version = "1.0"', 'version = "1.0"\nsubject = "county"'), "x.toml")


def _pdf_text(path) -> str:
    from pypdf import PdfReader
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_descriptors_print_in_the_self_evaluation_summary_and_the_full_report(data_dir, tmp_path):
    from wss_desktop.core import reports
    from wss_desktop.core.reports import ReportKind, ReportOptions
    from wss_desktop.core.workspace import Workspace

    folder = data_dir / "frameworks"
    folder.mkdir(parents=True)
    (folder / "shire.toml").write_text(RUBRIC, encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Brook Lane Primary", "shire-rubric")
        ws.self_evaluate(rid, "1.1", rating="developing", comment="Termly data meetings.")
        ws.judge(rid, "1.1", rating="established", strengths="Data is used well.")
        bundle = ws.bundle(rid)
    form = tmp_path / "self.pdf"
    reports.render(bundle, ReportOptions(kind=ReportKind.SELF_EVALUATION), form)
    text = _pdf_text(form)
    assert "What each level looks like:" in text
    for words in ("Emerging: Leaders hold some data.", "Established: Leaders act on data.",
                  "Enhanced: Leaders share their approach."):
        assert words in text
    assert "Developing: Leaders use data termly. (the school\u2019s rating)" in text
    full = tmp_path / "full.pdf"
    reports.render(bundle, ReportOptions(kind=ReportKind.FULL), full)
    text = _pdf_text(full)
    assert "Developing (school) looks like: Leaders use data termly." in text
    assert "Established (reviewer) looks like: Leaders act on data." in text


def test_a_reviews_frozen_copy_keeps_the_descriptors_lowest_level_first(data_dir):
    from wss_desktop.core.workspace import Workspace
    folder = data_dir / "frameworks"
    folder.mkdir(parents=True)
    (folder / "shire.toml").write_text(RUBRIC, encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Brook Lane Primary", "shire-rubric")
    with Workspace.open(data_dir) as ws:
        st = ws.bundle(rid).framework.statement("1.1")
    assert [k for k, _ in st.descriptors] == ["emerging", "developing", "established", "enhanced"]
