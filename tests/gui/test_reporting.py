"""The reporting stage on the demo review: drafting, the consistency check, quality
assurance, the PDF made off the GUI thread (read back with pypdf), issuing, branding."""

from __future__ import annotations

import io
import re
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pypdf import PdfReader

from wss_desktop.core import reports
from wss_desktop.core.demo import DEMO_ID
from wss_desktop.core.model import Stage
from wss_desktop.gui.autosave import DEBOUNCE_MS
from wss_desktop.gui.screens.reporting import draft_pdf_path

OWN_OVERVIEW = "We found a school where every pupil is known by name, as Zoë and Łukasz told us."


@pytest.fixture
def screen(window):
    window.open_demo()
    view = window.review_view
    view.show_stage(Stage.REPORTING)
    return view.screens[Stage.REPORTING]


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName() or widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(qtbot, lst: QListWidget, row: int) -> None:
    lst.scrollToItem(lst.item(row))
    rect = lst.visualItemRect(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def finding_items(tree) -> dict:
    """The consistency check's findings as shown: (target kind, id, group) -> item."""
    found = {}
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        label = group.text(0).rsplit(" (", 1)[0]
        for c in range(group.childCount()):
            item = group.child(c)
            kind, target = item.data(0, Qt.ItemDataRole.UserRole)
            found[(kind, target, label)] = item
    return found


def make_pdf(qtbot, screen) -> tuple[str, list[str]]:
    """Press Make the PDF, wait for the worker, and read the PDF back."""
    click(qtbot, screen.ui.generateButton)
    assert screen.ui.cancelButton.isVisible() and not screen.ui.generateButton.isEnabled()
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=30_000)
    assert "The PDF is ready" in screen.ui.message.text(), screen.ui.message.text()
    reader = PdfReader(str(screen.last_result.path))
    text = " ".join(page.extract_text() for page in reader.pages)
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    return re.sub(r"\s+", " ", text), outline


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    # QTest types ASCII only; the rest arrives as an input method would deliver it.
    ascii_end = next((i for i, ch in enumerate(text) if ord(ch) > 127), len(text))
    qtbot.keyClicks(edit, text[:ascii_end])
    if ascii_end < len(text):
        edit.insertPlainText(text[ascii_end:]) if hasattr(edit, "insertPlainText") else edit.insert(text[ascii_end:])
    qtbot.wait(DEBOUNCE_MS + 150)


@pytest.mark.slow
def test_draft_check_and_issue_a_report(qtbot, screen, ws):
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.draftTab)
    drafted = reports.default_paragraphs(ws.bundle(DEMO_ID))
    overview = screen.paragraphs["overview"]
    assert overview.edit.toPlainText() == drafted["overview"]
    assert not overview.reset.isEnabled()

    # Edit a paragraph and untick a section: both saved as they happen.
    type_into(qtbot, overview.edit, OWN_OVERVIEW)
    assert ws.report_draft(DEMO_ID, "full").overview == OWN_OVERVIEW
    assert "Your own words" in overview.status.text() and overview.reset.isEnabled()
    click(qtbot, screen.section_boxes["learning-walk"])
    sections = ws.report_draft(DEMO_ID, "full").sections
    assert "learning-walk" not in sections and "findings" in sections

    text, outline = make_pdf(qtbot, screen)
    assert OWN_OVERVIEW in text
    assert "Learning-walk summary" not in outline and "Learning-walk summary" not in text
    assert "Findings by area" in outline
    assert "Draft for checking" in text  # the header (the DRAFT watermark is shapes, not text)
    assert "Draft for checking" in ui.state.text()

    # A moderator's comment keeps the report from being marked checked.
    ui.tabs.setCurrentWidget(ui.qaTab)
    type_into(qtbot, ui.personName, "Priya Natarajan")
    type_into(qtbot, ui.commentText, "Say where visual timetables are not yet used.")
    type_into(qtbot, ui.commentStatement, "3.2")
    click(qtbot, ui.addCommentButton)
    assert ui.comments.count() == 1 and "● Open" in ui.comments.item(0).text()
    (comment,) = ws.report_comments(DEMO_ID, "full")
    assert (comment.author, comment.target_kind, comment.target_id) == ("Priya Natarajan", "statement", "3.2")
    click(qtbot, ui.markCheckedButton)
    assert "1 moderator comment is still open" in ui.checkMessage.text()
    assert ui.checkMessage.isVisible()
    assert ws.report_draft(DEMO_ID, "full").checked_by is None
    assert not ui.issueButton.isEnabled()

    click_item(qtbot, ui.comments, 0)
    click(qtbot, ui.resolveButton)
    assert "Resolved by Priya Natarajan" in ui.comments.item(0).text()
    assert ws.report_comments(DEMO_ID, "full", open_only=True) == []
    click(qtbot, ui.markCheckedButton)
    assert ws.report_draft(DEMO_ID, "full").checked_by == "Priya Natarajan"
    assert "Checked by Priya Natarajan" in ui.state.text()
    assert ui.issueButton.isEnabled()

    text, _ = make_pdf(qtbot, screen)
    assert "Draft for checking" not in text and OWN_OVERVIEW in text

    # Issuing makes the PDF afresh and keeps a dated copy, listed on the screen.
    click(qtbot, ui.issueButton)
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=30_000)
    assert "Issued on" in ui.message.text(), ui.message.text()
    (issued,) = ws.issued_reports(DEMO_ID)
    copy = ws.paths.issued_reports / DEMO_ID / issued.file_name
    assert not copy.read_bytes().startswith(b"%PDF")         # kept encrypted
    assert ws.issued_pdf(issued).startswith(b"%PDF")
    assert ui.issuedList.count() == 1
    assert "Full review report" in ui.issuedList.item(0).text()
    assert "checked by Priya Natarajan" in ui.issuedList.item(0).text()
    assert "Draft for checking" not in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(ws.issued_pdf(issued))).pages)

    # Editing the checked report sends it back for checking, and says so.
    ui.tabs.setCurrentWidget(ui.draftTab)
    type_into(qtbot, overview.edit, OWN_OVERVIEW + " Leaders are ambitious.")
    assert ws.report_draft(DEMO_ID, "full").checked_by is None
    assert "Needs checking again" in ui.state.text()
    assert "Priya Natarajan" in ui.qaState.text()
    assert not ui.issueButton.isEnabled()

    # The drafted text can be had back with one press.
    click(qtbot, overview.reset)
    assert ws.report_draft(DEMO_ID, "full").overview == ""
    assert overview.edit.toPlainText() == drafted["overview"]


def test_each_kind_has_its_own_draft(qtbot, screen, ws):
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.draftTab)
    ui.kind.setCurrentIndex(ui.kind.findData("follow-up"))
    assert [sid for sid in screen.section_boxes] == reports.section_ids(reports.ReportKind.FOLLOW_UP)
    assert not screen.paragraphs["overview"].isVisible()
    next_steps = screen.paragraphs["next_steps"]
    assert next_steps.isVisible() and next_steps.edit.toPlainText() == ""
    type_into(qtbot, next_steps.edit, "Meet again in the spring term.")
    click(qtbot, ui.largePrint)
    assert ws.report_draft(DEMO_ID, "follow-up").next_steps == "Meet again in the spring term."
    assert ws.report_draft(DEMO_ID, "follow-up").large_print is True
    assert ws.report_draft(DEMO_ID, "full").next_steps == ""
    ui.kind.setCurrentIndex(ui.kind.findData("full"))
    assert not ui.largePrint.isChecked()
    assert screen.paragraphs["overview"].isVisible()


def test_clicking_a_check_finding_lands_on_its_statement(qtbot, screen, window):
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.checkTab)
    findings = reports.consistency_check(window.ws.bundle(DEMO_ID))
    tree = ui.findingsList
    shown = finding_items(tree)
    assert len(shown) == len(findings)
    assert f"({len(findings)})" in ui.tabs.tabText(ui.tabs.indexOf(ui.checkTab))
    item = shown[("statement", "3.7", "Large gap between ratings")]
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    view = window.review_view
    assert view.current == Stage.SCHOOL_VISIT
    visit = view.screens[Stage.SCHOOL_VISIT]
    assert visit.currentWidget() is visit.judgements
    assert visit.judgements.current == "3.7"
    assert visit.judgements.view.hasFocus()

    # Back in reporting, an action with no owner is shown in the action plan.
    aid = window.ws.add_action(DEMO_ID, "Run a coffee morning for parents of pupils with SEND")
    view.show_stage(Stage.REPORTING)
    ui.tabs.setCurrentWidget(ui.checkTab)
    click(qtbot, ui.checkAgainButton)
    item = finding_items(tree)[("action", aid, "Action without an owner or date")]
    tree.setCurrentItem(item)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert ui.tabs.currentWidget() is ui.findingsTab
    assert screen.actions.current == aid
    assert screen.actions.table.hasFocus()


def test_stopping_a_pdf_leaves_no_file(qtbot, screen, ws, monkeypatch):
    gate = threading.Event()
    real = reports.render

    def held(*args, **kwargs):
        gate.wait(10)   # the PDF is "being made" until the test has pressed Stop
        return real(*args, **kwargs)

    monkeypatch.setattr(reports, "render", held)
    target = draft_pdf_path(ws, DEMO_ID, "full", False)
    assert not target.exists()
    click(qtbot, screen.ui.generateButton)
    assert screen.ui.progress.isVisible()
    click(qtbot, screen.ui.cancelButton)
    gate.set()
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=10_000)
    assert "Stopped" in screen.ui.message.text()
    assert not target.exists()
    assert not list(target.parent.glob("*.pdf"))
    assert screen.ui.generateButton.isEnabled() and not screen.ui.cancelButton.isVisible()


def test_branding_profile_editor(qtbot, screen, ws, picture, tmp_path):
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.draftTab)
    click(qtbot, ui.editBrandingButton)
    editor = screen.branding_editor
    b = editor.ui
    assert ui.tabs.currentWidget() is ui.brandingTab
    click(qtbot, b.newButton)
    assert b.name.hasFocus()
    qtbot.keyClicks(b.name, "Northvale")
    type_into(qtbot, b.organisation, "Northvale Inclusion Services")
    type_into(qtbot, b.accent, "#12")
    b.footer.setFocus()
    assert "accent colour" in b.message.text().lower()
    type_into(qtbot, b.accent, "#7a1f5c")
    type_into(qtbot, b.footer, "Northvale Inclusion Services, registered charity 123456")
    (profile,) = ws.branding_profiles()
    assert (profile.name, profile.organisation, profile.accent) == (
        "Northvale", "Northvale Inclusion Services", "#7a1f5c")
    assert b.message.text() == ""

    not_a_logo = tmp_path / "logo.txt"
    not_a_logo.write_text("hello", encoding="utf-8")
    assert not editor.set_logo(str(not_a_logo))
    assert "PNG, JPEG or SVG" in b.message.text()
    assert editor.set_logo(picture("logo.png", (400, 120)))
    assert ws.branding_profiles()[0].logo_file.endswith(".png")
    assert not b.logo.pixmap().isNull()

    click(qtbot, b.isDefault)
    assert ws.branding_profiles()[0].is_default
    assert "(default)" in b.profiles.item(0).text()
    assert ui.branding.itemText(0) == "The default profile (Northvale)"

    # The summary (quick to make) carries the organisation's name.
    ui.kind.setCurrentIndex(ui.kind.findData("summary"))
    text, _ = make_pdf(qtbot, screen)
    assert "Northvale Inclusion Services" in text


def test_a_finding_with_no_evidence_can_be_linked_and_the_check_follows(qtbot, screen, ws):
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.checkTab)
    tree = ui.findingsList
    item = finding_items(tree)[("statement", "1.2", "Finding with no evidence")]
    assert not ui.linkEvidenceButton.isEnabled()
    tree.setCurrentItem(item)
    assert ui.linkEvidenceButton.isEnabled()
    click(qtbot, ui.linkEvidenceButton)
    dialog = screen.link_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "1.2" in dialog.windowTitle()
    lst = dialog.ui.evidenceList
    refs = ws.bundle(DEMO_ID).evidence_refs()
    by_ref = {ref: eid for eid, ref in refs.items()}
    # find the data evidence by typing its reference, and tick it with the keyboard
    wanted = next(ref for ref in sorted(by_ref) if ref.startswith("DA"))
    qtbot.keyClicks(dialog.ui.filter, wanted)
    shown = [lst.item(r) for r in range(lst.count()) if not lst.item(r).isHidden()]
    assert [i.text().split()[0] for i in shown] == [wanted]
    lst.setCurrentItem(shown[0])
    lst.setFocus()
    qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert shown[0].checkState() == Qt.CheckState.Checked
    dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Ok).click()
    b = ws.bundle(DEMO_ID)
    assert by_ref[wanted] in {e.id for e in b.evidence_for_statement("1.2")}
    # the finding is gone at once, without pressing Check again
    assert ("statement", "1.2", "Finding with no evidence") not in finding_items(tree)
    assert "Statement 1.2 now cites 1 piece of evidence." in ui.checkSummary.text()


def test_the_check_is_never_stale_after_a_fix(qtbot, screen, ws):
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.checkTab)
    aid = ws.add_action(DEMO_ID, "Run a coffee morning for parents", due="2026-09-01")
    ui.tabs.setCurrentWidget(ui.findingsTab)
    ui.tabs.setCurrentWidget(ui.checkTab)   # showing the tab checks again
    shown = finding_items(ui.findingsList)
    assert ("action", aid, "Action due before the visit") in shown
    assert ("action", aid, "Action without an owner or date") in shown
    # fixed through a screen's saver (as an edit in the action plan is): re-checked at once
    assert screen.actions.saver.instant(
        lambda: ws.update_action(aid, owner="SENCO", due="2027-01-31"))
    qtbot.waitUntil(lambda: ("action", aid, "Action due before the visit")
                    not in finding_items(ui.findingsList), timeout=3000)
    assert ("action", aid, "Action without an owner or date") not in finding_items(ui.findingsList)


def choose_file(qtbot, screen, path) -> None:
    """Answer the Save dialog the screen has opened, as a user typing a name would."""
    dialog = screen.save_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.selectFile(str(path))
    dialog.accept()


def test_save_as_puts_the_report_where_the_user_chooses(qtbot, screen, ws, tmp_path):
    ui = screen.ui
    chosen = tmp_path / "For the head"
    chosen.mkdir()
    click(qtbot, ui.saveAsButton)
    dialog = screen.save_dialog
    assert dialog.acceptMode() == dialog.AcceptMode.AcceptSave
    assert dialog.selectedNameFilter().startswith("PDF")
    assert "Hollinbrook Meadow Primary School - Full review report.pdf" in dialog.selectedFiles()[0]
    choose_file(qtbot, screen, chosen / "Hollinbrook review.pdf")
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=30_000)
    target = chosen / "Hollinbrook review.pdf"
    assert "It is saved as" in ui.message.text() and str(target) in ui.message.text()
    assert target.read_bytes().startswith(b"%PDF")
    assert not draft_pdf_path(ws, DEMO_ID, "full", False).exists()
    # the next Save as (a new screen, even) opens in the same folder
    assert screen.last_folder() == chosen
    click(qtbot, ui.saveAsButton)
    assert screen.save_dialog.directory().absolutePath() == str(chosen)
    screen.save_dialog.reject()


def test_make_a_word_copy_beside_the_pdf(qtbot, screen, ws, tmp_path):
    from docx import Document
    ui = screen.ui
    assert ui.wordButton.isVisible()
    click(qtbot, ui.wordButton)
    assert screen.save_dialog.selectedNameFilter().startswith("Word")
    target = tmp_path / "Hollinbrook review"      # no extension typed: Word's is added
    choose_file(qtbot, screen, target)
    assert ui.progress.isVisible() and not ui.wordButton.isEnabled()   # made off the GUI thread
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=30_000)
    made = tmp_path / "Hollinbrook review.docx"
    assert "The Word copy is ready" in ui.message.text(), ui.message.text()
    doc = Document(str(made))
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)
    assert ui.wordButton.isEnabled() and ui.generateButton.isEnabled()


def test_a_school_rating_finding_lands_on_the_self_evaluation(qtbot, screen, window, ws):
    ws.self_evaluate(DEMO_ID, "4.4", rating="enhanced", comment="We have not started this yet.")
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.checkTab)
    tree = ui.findingsList
    item = finding_items(tree)[("school-statement", "4.4",
                                "School\u2019s rating and its own comment disagree")]
    assert "We have not started this yet" in item.text(0)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    view = window.review_view
    assert view.current == Stage.SELF_EVALUATION
    grid = view.screens[Stage.SELF_EVALUATION].grid
    assert grid.current == "4.4" and grid.view.hasFocus()


def test_save_as_and_word_copy_from_the_keyboard(qtbot, screen):
    ui = screen.ui
    ui.kind.setFocus()
    qtbot.keyClick(ui.kind, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: screen.save_dialog is not None and screen.save_dialog.isVisible())
    assert screen.save_dialog.selectedNameFilter().startswith("PDF")
    screen.save_dialog.reject()
    qtbot.keyClick(ui.kind, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: screen.save_dialog.isVisible()
                    and screen.save_dialog.selectedNameFilter().startswith("Word"))
    screen.save_dialog.reject()


def test_a_comment_written_but_not_added_is_kept_until_added(qtbot, window, ws, screen):
    """A moderator's comment written in the box but not yet added (the author still to
    give, say) was lost when the review was closed, the window closed or the app was
    stopped. It is now kept as it is typed, like any field, and is back in the box when
    the review is opened again, until it is added; another report kind has its own."""
    ui = screen.ui
    ui.tabs.setCurrentWidget(ui.qaTab)
    type_into(qtbot, ui.commentText, "Say where visual timetables are not yet used.")
    window.show_list()                                   # the review is closed
    view = window.open_review(DEMO_ID)
    view.show_stage(Stage.REPORTING)
    again = view.screens[Stage.REPORTING].ui
    assert again.commentText.toPlainText() == "Say where visual timetables are not yet used."
    again.kind.setCurrentIndex(again.kind.findData("summary"))
    assert again.commentText.toPlainText() == ""          # the summary's own box
    again.kind.setCurrentIndex(again.kind.findData("full"))
    assert again.commentText.toPlainText() == "Say where visual timetables are not yet used."
    again.tabs.setCurrentWidget(again.qaTab)
    type_into(qtbot, again.personName, "Priya Natarajan")
    click(qtbot, again.addCommentButton)
    assert len(ws.report_comments(DEMO_ID, "full")) == 1
    window.show_list()
    view = window.open_review(DEMO_ID)
    view.show_stage(Stage.REPORTING)
    assert view.screens[Stage.REPORTING].ui.commentText.toPlainText() == ""   # added: not kept twice


def test_a_word_copy_that_cannot_be_saved_says_the_word_copy_and_why(qtbot, screen, tmp_path):
    """Before: a Word copy that could not be saved was announced as "The PDF could not
    be made", and a place whose folder is a file showed the system's words ("[Errno
    17] File exists") as the screen tried to make the folder."""
    from disk_support import fill, small_disk
    ui = screen.ui
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    screen.save_to(notes / "Hollinbrook review.docx")
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=30_000)
    said = ui.message.text()
    assert "The Word copy could not be made." in said and "is a file, not a folder" in said, said
    assert "Errno" not in said and "PDF" not in said, said
    assert notes.read_text() == "my notes"
    with small_disk(tmp_path / "stick", "4M") as stick:
        fill(stick)
        assert screen.save_to(stick / "Hollinbrook review.docx")
        qtbot.waitUntil(lambda: not screen.is_busy(), timeout=30_000)
        said = ui.message.text()
        assert "The Word copy could not be made." in said and "The disk is full at" in said, said
        assert "PDF" not in said, said
        assert [p.name for p in stick.iterdir()] == ["filler.bin"]


def test_stopping_a_word_copy_says_no_word_copy_was_written(qtbot, screen, monkeypatch, tmp_path):
    gate = threading.Event()
    real = reports.render_docx

    def held(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(reports, "render_docx", held)
    assert screen.save_to(tmp_path / "Hollinbrook review.docx")
    click(qtbot, screen.ui.cancelButton)
    gate.set()
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=10_000)
    said = screen.ui.message.text()
    assert "Stopped. No Word copy was written" in said and "PDF" not in said, said
    assert not list(tmp_path.glob("*.docx"))
