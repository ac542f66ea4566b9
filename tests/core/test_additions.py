"""Photos, visit timetable, questions, pre-visit form, national figures, report records."""

import struct
import zlib

import pytest

from wss_desktop.core.errors import InputError, UserError
from wss_desktop.core.guides import meeting_templates, national_defaults, previsit_questions
from wss_desktop.core.model import Photo


def tiny_png(width=3, height=2):
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def tiny_jpeg(width=640, height=480):
    # Enough of a JPEG for the header reader: SOI, an APP0 segment, SOF0 with the size.
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def test_photos_are_kept_once_by_content_and_survive_as_files(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    eid = ws.add_observation(rid, room="Y1 Robins", text="Sensory corner")
    p1 = ws.add_photo(eid, tiny_png(), caption="Sensory corner, no faces")
    p2 = ws.add_photo(eid, tiny_png(), caption="Same picture twice")
    p3 = ws.add_photo(eid, tiny_jpeg(), caption="Word wall")
    assert ws.photo_path(p1) == ws.photo_path(p2)
    assert ws.photo_bytes(p1) == tiny_png()
    photo = ws.store.get(Photo, p3)
    assert (photo.media_type, photo.width, photo.height) == ("image/jpeg", 640, 480)
    assert [p.caption for p in ws.bundle(rid).photos_of(eid)] == [
        "Sensory corner, no faces", "Same picture twice", "Word wall"]
    ws.delete_photo(p2)
    assert len(ws.photos(eid)) == 2


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"GIF89a" + b"\x00" * 50, "Only JPEG and PNG"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "damaged"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * (11 * 1024 * 1024), "too large"),
])
def test_unusable_photos_are_refused_and_nothing_is_stored(ws, data, message):
    rid = ws.new_review("Elm Row Primary", "send-review")
    eid = ws.add_observation(rid, room="Y1", text="x")
    count = ws.store.change_count()
    with pytest.raises(InputError, match=message):
        ws.add_photo(eid, data)
    assert ws.store.change_count() == count
    assert not ws.paths.attachments.exists() or not any(ws.paths.attachments.rglob("*.*"))


def test_visit_timetable_is_sorted_and_checked(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    ws.add_visit_slot(rid, start="13:30", end="14:00", activity="pupil-voice", title="Pupil group")
    ws.add_visit_slot(rid, start="09:00", end="09:45", activity="meeting", meeting_type="senco",
                      title="SENCO", people="Ms Ahmed")
    assert [v.title for v in ws.bundle(rid).visit_slots] == ["SENCO", "Pupil group"]
    with pytest.raises(InputError, match="end before it starts"):
        ws.add_visit_slot(rid, start="11:00", end="10:00", activity="book-look")
    with pytest.raises(InputError, match="meeting type must be one of"):
        ws.add_visit_slot(rid, start="11:00", activity="meeting", meeting_type="ofsted")


def test_questions_to_explore_link_to_statements(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    qid = ws.add_question(rid, "How are TAs briefed before lessons?", statements=["3.3"])
    ws.update_question(qid, answer="Five-minute huddle each morning", done=True)
    b = ws.bundle(rid)
    assert b.questions[0].done and b.questions[0].answer.startswith("Five-minute")
    assert b.statements_of(qid) == ["3.3"]


def test_previsit_form_has_general_and_area_questions(ws):
    rid = ws.new_review("Elm Row Primary", "pfa-earliest-years")
    fw = ws.bundle(rid).framework
    questions = previsit_questions(fw)
    assert len([q for q in questions if q.area_id]) == 4
    ws.answer_previsit(rid, "proud", "Our nurture group")
    ws.answer_previsit(rid, "area-2", "Travel training has started")
    assert ws.bundle(rid).previsit == {"proud": "Our nurture group", "area-2": "Travel training has started"}
    with pytest.raises(InputError):
        ws.answer_previsit(rid, "area-9", "x")


def test_meeting_templates_and_national_figures_ship_as_data():
    ids = [t.id for t in meeting_templates()]
    assert ids == ["senior-leaders", "senco", "teachers", "teaching-assistants", "governors",
                   "parents", "pupils", "outside-professionals"]
    assert all(t.prompts for t in meeting_templates())
    figures = national_defaults()
    assert figures["national_sen_support_pct"] == 11.6 and figures["national_ehcp_pct"] == 2.8


def test_snapshot_holds_editable_national_figures(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    ws.set_snapshot(rid, on_roll=300, sen_support=40, **{k: v for k, v in national_defaults().items()})
    ws.set_snapshot(rid, national_sen_support_pct=13.0)
    snap = ws.bundle(rid).snapshot
    assert snap.national_sen_support_pct == 13.0 and snap.national_ehcp_pct == 2.8
    assert snap.on_roll == 300


def test_report_checking_and_issuing(ws, tmp_path):
    rid = ws.new_review("Elm Row Primary", "send-review")
    ws.save_report_draft(rid, "full", overview="A warm and inclusive school.")
    cid = ws.add_report_comment(rid, "full", "Check the wording of 3.2", "Moderator Ode",
                                target_kind="statement", target_id="3.2")
    with pytest.raises(InputError, match="1 moderator comment is still open"):
        ws.mark_report_checked(rid, "full", "Moderator Ode")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake but enough for the copy")
    with pytest.raises(InputError, match="still a draft"):
        ws.issue_report(rid, "full", pdf)
    ws.resolve_report_comment(cid, "Reviewer Lee")
    ws.mark_report_checked(rid, "full", "Moderator Ode")
    assert ws.report_draft(rid, "full").checked_by == "Moderator Ode"
    first = ws.issue_report(rid, "full", pdf, pages=12)
    second = ws.issue_report(rid, "full", pdf, pages=12)
    assert first.file_name != second.file_name
    kept = ws.paths.issued_reports / rid / first.file_name
    assert kept.exists() and not kept.read_bytes().startswith(b"%PDF")   # encrypted at rest
    assert ws.issued_pdf(first) == pdf.read_bytes()
    # Editing a checked report makes it a draft again.
    ws.save_report_draft(rid, "full", overview="A warm, inclusive and ambitious school.")
    assert ws.report_draft(rid, "full").checked_by is None


def test_branding_profiles(ws, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    pid = ws.add_branding_profile("Brackenmoor", organisation="Brackenmoor Learning Trust",
                                  accent="#225588", logo=str(logo), footer="Supporting every learner")
    ws.set_default_branding(pid)
    profile = ws.branding_profiles()[0]
    assert profile.is_default and ws.logo_bytes(profile.logo_file) == tiny_png()
    with pytest.raises(InputError, match="accent colour"):
        ws.update_branding_profile(pid, accent="blue")
    with pytest.raises(InputError, match="cannot be read"):
        ws.update_branding_profile(pid, logo=str(tmp_path / "missing.png"))
    with pytest.raises(UserError):
        ws.set_default_branding("nope")


def test_follow_up_visits_check_each_action_and_move_it_on(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    aid = ws.add_action(rid, "Brief TAs daily", owner="Deputy head", due="2027-01-31")
    vid = ws.add_followup_visit(rid, date="2026-12-10", visitor="Ana Pereira",
                                notes="Briefings happen in Years 3 to 6")
    ws.check_action(vid, aid, status="in-progress", comment="Started after half-term")
    b = ws.bundle(rid)
    assert [v.visitor for v in b.followup_visits] == ["Ana Pereira"]
    assert b.checks_of_visit(vid)[0].comment == "Started after half-term"
    assert b.actions[0].status == "in-progress"
    with pytest.raises(InputError, match="status must be one of"):
        ws.check_action(vid, aid, status="sort of")


def test_school_feedback_on_the_review(ws):
    rid = ws.new_review("Elm Row Primary", "send-review")
    ws.set_feedback(rid, given_by="Headteacher", usefulness=5, tone=4, clarity=4,
                    went_well="Felt like a conversation", could_be_better="More time with TAs")
    fb = ws.bundle(rid).feedback
    assert (fb.usefulness, fb.tone, fb.could_be_better) == (5, 4, "More time with TAs")
    with pytest.raises(InputError, match="from 1 to 5"):
        ws.set_feedback(rid, tone=7)


def test_reviews_can_point_at_an_earlier_review(ws):
    first = ws.new_review("Elm Row Primary", "send-review", urn="999001")
    second = ws.new_review("Elm Row Primary", "send-review", urn="999001", previous_review_id=first)
    assert ws.review(second).previous_review_id == first
    with pytest.raises(InputError, match="no review with id"):
        ws.update_review(second, previous_review_id="nope")


def test_a_checked_report_is_a_draft_again_when_its_findings_change(ws, tmp_path):
    from wss_desktop.core import reports
    rid = ws.new_review("Elm Row Primary", "send-review")
    ws.judge(rid, "1.1", rating="developing", strengths="Clear tracking")
    ws.mark_report_checked(rid, "full", "Moderator Ode")
    ws.set_stage(rid, "reporting", "complete")          # not what the report says
    assert ws.report_draft(rid, "full").checked_by == "Moderator Ode"
    assert reports.options_for(ws, rid, "full").checked
    ws.judge(rid, "1.1", strengths="Clear tracking of small steps")
    draft = ws.report_draft(rid, "full")
    assert draft.checked_by is None and draft.last_checked_by == "Moderator Ode"
    assert not reports.options_for(ws, rid, "full").checked
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="still a draft"):
        ws.issue_report(rid, "full", pdf)
    ws.mark_report_checked(rid, "full", "Moderator Ode")
    assert ws.report_draft(rid, "full").checked_by == "Moderator Ode"
