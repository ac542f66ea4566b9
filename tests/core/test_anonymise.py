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


# --- surveys, answer sheets, the school's data in depth, the end of the visit --------------

SAID = "Priya Lindqvist at Hollinbrook Meadow Primary School listens; Mrs Patel helps J.T. daily."


def _voices(ws, rid):
    """A parents' survey whose comments name people, a framework survey answered by staff
    (answer sheets with a named code), figures by need and year group, verbal feedback."""
    from wss_desktop.core import surveys

    q = ws.survey_questionnaire(rid, "parents")
    rows = []
    for n in range(6):
        row = []
        for x in q.questions:
            row.append(x.choices[n % len(x.choices)] if x.kind == "choice"
                       else SAID if x.kind == "text" and n % 2 == 0 else "Year 3" if x.kind == "detail"
                       else "")
        rows.append(row)
    ws.store_survey(rid, ws.survey_from_rows(rid, "parents", rows), names_removed=0)
    staff = ws.survey_questionnaire(rid, "staff", template="framework")
    picks = [x.choices[1] if x.kind == "choice" else "" for x in staff.questions]
    ws.store_survey(rid, ws.survey_from_rows(rid, "staff", [picks, picks], template="framework"))
    ws.add_respondent_answers(rid, "governors", {"1.1": "developing"}, label="Governor Adaeze Fairbrother")
    ws.set_school_figure(rid, "attendance_pct", "all", send=89.5, all_pupils=94.1, pupils=48)
    ws.set_school_figure(rid, "persistent_absence_pct", "need:SEMH", send=31.0, all_pupils=17.2, pupils=9)
    ws.set_verbal_feedback(rid, date="2026-03-12", given_by="Siobhán Ó Dálaigh (lead reviewer)",
                           present="Martin Okonjo-Reeve, Headteacher; Zoë Łukasiewicz-Hart, SENCO",
                           said=SAID, agreed="Priya Lindqvist will share the plan with staff.")
    ws.judge(rid, "1.2", strengths=SAID)
    assert surveys  # imported for the side effect of loading the module only


def test_the_copy_carries_surveys_answer_sheets_figures_and_verbal_feedback(ws, demo):
    from wss_desktop.core import surveys

    _voices(ws, demo)
    before = ws.bundle(demo)
    copy = an.anonymise(ws, demo)
    after = ws.bundle(copy)
    # the surveys: the same questions and answers, each still the evidence it became
    assert len(after.surveys) == len(before.surveys) == 2
    refs = after.evidence_refs()
    for old, new in zip(sorted(before.surveys, key=lambda s: s.group_id),
                        sorted(after.surveys, key=lambda s: s.group_id)):
        assert (new.group_id, new.template, new.title, new.source) == \
            (old.group_id, old.template, old.title, old.source)
        qs, old_rows = surveys.stored(old)
        _, new_rows = surveys.stored(new)
        assert surveys.distributions(qs, old_rows) == surveys.distributions(qs, new_rows)
        assert new.evidence_id in refs and new.review_id == copy
        ev = next(e for e in after.evidence if e.id == new.evidence_id)
        assert ev.kind == next(e for e in before.evidence if e.id == old.evidence_id).kind
        assert sorted(after.statements_of(ev.id)) == sorted(before.statements_of(old.evidence_id))
        assert new.file_name is None and new.fingerprint is None
    # names in comments go just as they go everywhere else in the copy
    judged = after.judgements["1.2"].strengths
    assert "Lindqvist" not in judged and "Hollinbrook" not in judged and "J.T." not in judged
    parents = next(s for s in after.surveys if s.group_id == "parents")
    qs, rows = surveys.stored(parents)
    said = [v for row in rows for x, v in zip(qs, row) if x.kind == "text" and v]
    assert said == [judged] * 3 * sum(1 for x in qs if x.kind == "text")
    # answer sheets: the same answers, coded without names, tied to the copied survey
    def sheets(b):
        return sorted((a.respondent, sorted(a.answers.items()), a.survey_id is not None)
                      for a in b.respondent_answers)
    assert sheets(after) == sheets(before) and len(after.respondent_answers) == 3
    staff = next(s for s in after.surveys if s.group_id == "staff")
    assert {a.survey_id for a in after.respondent_answers if a.survey_id} == {staff.id}
    assert all("Fairbrother" not in (a.label or "") for a in after.respondent_answers)
    # the school's data in depth, figure for figure
    figures = lambda b: sorted((f.measure, f.breakdown, f.send, f.all_pupils, f.pupils)  # noqa: E731
                               for f in b.school_figures)
    assert figures(after) == figures(before) and len(figures(after)) == 2
    # the end of the visit, with people by role
    vf = after.verbal_feedback
    assert vf is not None and vf.date == "2026-03-12"
    assert vf.said == judged
    for name in ("Siobhán", "Okonjo", "Łukasiewicz", "Lindqvist"):
        assert name not in (vf.given_by or "") + vf.present + vf.agreed
    assert "SENCO" in vf.present and "Headteacher" in vf.present


def test_the_anonymised_export_holds_the_surveys_and_data_and_no_names(ws, demo, tmp_path):
    _voices(ws, demo)
    copy = an.anonymise(ws, demo)
    text = an.export_json(ws, copy, tmp_path / "example.json").read_text(encoding="utf-8")
    found = [w for w in forbidden_strings() + ["Patel"]
             if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]
    assert found == []
    data = json.loads(text)
    assert sorted(s["group"] for s in data["surveys"]) == ["parents", "staff"]
    parents = next(s for s in data["surveys"] if s["group"] == "parents")
    assert parents["responses"] == 6 and parents["questions"]
    assert any(c for q in parents["questions"] for c in q.get("comments", []))
    assert len(data["answer_sheets"]) == 3
    assert {(f["measure"], f["breakdown"]) for f in data["school_figures"]} == {
        ("attendance_pct", "all"), ("persistent_absence_pct", "need:SEMH")}
    assert data["verbal_feedback"]["date"] == "2026-03-12"


def test_the_preview_lists_what_changes_in_survey_comments(ws, demo):
    _voices(ws, demo)
    pv = an.preview(ws, demo)
    assert any(c.where.startswith("Survey") and "Lindqvist" in c.before for c in pv.changes)
    assert any(c.where.startswith("End-of-visit feedback") for c in pv.changes)
