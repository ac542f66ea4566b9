"""Anonymised copies: nothing of the demo's school, trust, people or pupils survives."""

from __future__ import annotations

import json
import re

import pytest

from wss_desktop.core import anonymise as an
from wss_desktop.core.demo import demo_data
from wss_desktop.core.errors import InputError
from wss_desktop.core.export import bundle_json
from wss_desktop.core.model import Review
from wss_desktop.core.overview import overview

# Every person in the demo, as the TOML writes them (several appear only inside text).
DEMO_PEOPLE = ["Siobhán Ó Dálaigh", "Rahul Desai-Whitcombe", "Martin Okonjo-Reeve",
               "Priya Lindqvist", "Tomasz Wróblewski", "Zoë Łukasiewicz-Hart", "Adaeze Fairbrother"]


def forbidden_strings() -> list[str]:
    data = demo_data()
    school, review = data["school"], data["review"]
    words = {school["name"], school["trust_or_la"], school["urn"], "Hollinbrook", "Brackenmoor"}
    for person in review["reviewers"]:
        words |= {person["name"], person["organisation"]}
    for name in DEMO_PEOPLE:
        words.add(name)
        for part in re.split(r"[\s-]+", name):
            if len(part) > 2:
                words.add(part)
    blob = json.dumps(data, ensure_ascii=False)
    initials = set(re.findall(r"\b[A-Z]\.[A-Z]\.", blob))
    assert initials == {"R.M.", "A.K.", "J.T.", "S.B."}
    return sorted(words | initials)


def test_the_anonymised_export_of_the_demo_holds_no_names(ws, demo, tmp_path):
    copy = an.anonymise(ws, demo)
    path = an.export_json(ws, copy, tmp_path / "example.json")
    text = path.read_text(encoding="utf-8")
    found = [w for w in forbidden_strings()
             if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]
    assert found == []
    assert not re.search(r"\b[A-Z]\.\s?[A-Z]\.", text)
    data = json.loads(text)
    assert data["school_name"] == "School A" and data["school"]["urn"] is None
    assert data["school"]["trust_or_la"] == "Trust A"
    assert [p["name"] for p in data["reviewers"]] == ["Reviewer 1", "Reviewer 2"]
    assert data["origin"] == "anonymised"


def test_the_copy_keeps_the_substance_of_the_review(ws, demo):
    copy = an.anonymise(ws, demo)
    before, after = bundle_json(ws.bundle(demo)), bundle_json(ws.bundle(copy))
    for key in ("framework_id", "scope", "dates", "review_type"):
        assert before[key] == after[key]
    assert [(j["statement"], j["rating"]) for j in before["judgements"]] == \
        [(j["statement"], j["rating"]) for j in after["judgements"]]
    assert [(s["statement"], s["rating"]) for s in before["self_evaluation"]] == \
        [(s["statement"], s["rating"]) for s in after["self_evaluation"]]
    assert sorted((e["kind"], e["date"], e["statements"]) for e in before["evidence"]) == \
        sorted((e["kind"], e["date"], e["statements"]) for e in after["evidence"])
    assert [(a["title"], a["status"], a["due"], len(a["notes"])) for a in before["actions"]] == \
        [(a["title"], a["status"], a["due"], len(a["notes"])) for a in after["actions"]]
    assert [a["owner"] for a in after["actions"]] == [
        "Deputy headteacher", "Key Stage 2 phase leader", "SENCO", "SENCO", "Headteacher",
        "SEND governor"]
    assert [s["status"] for s in before["stages"]] == [s["status"] for s in after["stages"]]
    review = ws.review(copy)
    assert review.origin == "anonymised" and review.source_review_id == demo
    voices = {e["pupil_voice"] for e in after["evidence"]}
    assert "\"I can do 'sh' now!\" (a pupil)" in voices
    stage_notes = {s["stage"]: s["notes"] for s in after["stages"]}
    assert stage_notes["self-evaluation"].startswith("The SENCO completed the self-evaluation")
    assert "Reviewer 1 matched as lead reviewer, with Reviewer 2" in stage_notes["identification"]


def test_preview_shows_before_and_after_and_changes_nothing(ws, demo):
    count = len(ws.reviews())
    pv = an.preview(ws, demo)
    assert len(ws.reviews()) == count
    assert pv.school_label == "School A" and pv.trust_label == "Trust A"
    pairs = {c.where: (c.before, c.after) for c in pv.changes}
    assert pairs["School"] == ("Hollinbrook Meadow Primary School", "School A")
    assert pairs["Requested by"] == ("Martin Okonjo-Reeve, Headteacher", "Headteacher")
    assert any("Zoë" in before and "the SENCO" in after for before, after in pairs.values())


def test_letters_per_school_are_stable(ws, demo):
    first = an.anonymise(ws, demo)
    again = an.anonymise(ws, demo)
    other = ws.new_review("Quarry Bank Primary", "send-review", trust_or_la="Saltmarsh Borough Council")
    third = an.anonymise(ws, other)
    next_year = ws.new_review("Hollinbrook Meadow Primary School", "send-review", urn="999123",
                              trust_or_la="Brackenmoor Learning Trust")
    fourth = an.anonymise(ws, next_year)
    names = [(ws.review(r).school_name, ws.review(r).trust_or_la) for r in (first, again, third, fourth)]
    assert names == [("School A", "Trust A"), ("School A", "Trust A"),
                     ("School B", "Local authority A"), ("School A", "Trust A")]


def test_names_beside_roles_titles_and_pupil_codes_in_any_review(ws):
    rid = ws.new_review("St Aidan's CE Primary School", "send-review", urn="123456",
                        trust_or_la="Saltmarsh Borough Council",
                        purpose="The headteacher, Mrs Anita Patel, asked us in. The SENCO, Kwame "
                                "Mensah, said St Aidan's has grown. Mr Mensah agreed. Ana de Souza "
                                "(parent) came. Pupil A and child 3 spoke, as did the pupil J.T. and "
                                "(RM); the (SEN) register was shared. Call 01632 960123 or write to "
                                "k.mensah@example.org.")
    ws.add_reviewer(rid, "Jo Bloggs")
    ws.add_action(rid, "Talk to Kwame about the tracker", owner="Kwame Mensah")
    copy = an.anonymise(ws, rid)
    data = bundle_json(ws.bundle(copy))
    text = json.dumps(data, ensure_ascii=False)
    for word in ("Aidan", "Saltmarsh", "123456", "Anita", "Patel", "Kwame", "Mensah", "Souza",
                 "J.T.", "(RM)", "Pupil A", "child 3", "01632", "example.org", "Jo Bloggs"):
        assert word not in text
    assert data["purpose"].startswith("The headteacher asked us in. The SENCO said School A has grown.")
    assert "The parent came. A pupil and a pupil spoke" in data["purpose"]
    assert "(SEN) register" in data["purpose"]
    assert data["actions"][0]["owner"] == "SENCO"
    assert data["actions"][0]["title"] == "Talk to the SENCO about the tracker"


def test_a_copy_cannot_be_anonymised_again_and_only_copies_export(ws, demo, tmp_path):
    copy = an.anonymise(ws, demo)
    with pytest.raises(InputError, match="already an anonymised copy"):
        an.anonymise(ws, copy)
    with pytest.raises(InputError, match="not an anonymised copy"):
        an.export_json(ws, demo, tmp_path / "x.json")


def test_the_copy_is_left_out_of_the_overview(ws, demo):
    an.anonymise(ws, demo)
    assert overview(ws).reviews == 1
    assert len(ws.store.records(Review)) == 2


@pytest.mark.parametrize("value, role, names", [
    ("Deputy headteacher, Priya Lindqvist", "Deputy headteacher", ["Priya Lindqvist"]),
    ("Martin Okonjo-Reeve, Headteacher", "Headteacher", ["Martin Okonjo-Reeve"]),
    ("SENCO", "SENCO", []),
    ("Mrs Patel", "", ["Patel"]),
    ("Speech and language therapist", "Speech and language therapist", []),
    ("Zoë and Priya", "", ["Zoë", "Priya"]),
    ("Siobhán Ó Dálaigh (lead reviewer)", "lead reviewer", ["Siobhán Ó Dálaigh"]),
])
def test_split_person(value, role, names):
    assert an.split_person(value) == (role, names)


def test_the_copy_keeps_the_framework_its_original_used_after_the_file_changes(data_dir):
    from pathlib import Path

    from wss_desktop.core.anonymise import anonymise
    from wss_desktop.core.workspace import Workspace
    from test_frameworks import GOOD
    folder = Path(data_dir) / "frameworks"
    folder.mkdir(parents=True)
    (folder / "acme.toml").write_text(GOOD, encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        rid = ws.new_review("Brook Lane Primary", "acme-send")
        ws.judge(rid, "1.1", rating="amber", strengths="Governors visit termly")
    (folder / "acme.toml").write_text(GOOD.replace('version = "2.0"', 'version = "3.0"'), encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        copy = ws.bundle(anonymise(ws, rid))
        assert copy.framework.version == "2.0"
        assert copy.review.framework_hash == ws.review(rid).framework_hash
        assert copy.judgements["1.1"].rating == "amber"
