"""Every control of every dialog is reached by Tab, in reading order (issue 13).

For each dialog, and each tab or wizard page of it, the test works out the controls a
keyboard user must be able to reach (shown, enabled, taking focus by Tab, not the
inner editor of a spin box or combo box), then presses Tab from the first control
round the whole dialog. Every control must be reached in one round, focus must never
leave the dialog, and the controls come in reading order: down the dialog, and
left to right along a row, a column to the right after the one on the left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDialog, QRadioButton,
                               QTabWidget, QWidget, QWizard)


def stops_of(dialog: QWidget) -> list[QWidget]:
    """The controls a keyboard user must reach on what the dialog shows now."""
    out = []
    for w in dialog.findChildren(QWidget):
        if not (w.isVisibleTo(dialog) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if w.focusProxy() is not None:
            continue
        if isinstance(w, QRadioButton) and w.autoExclusive() and not w.isChecked():
            continue  # one stop per group of choices, arrows inside
        inner, p = False, w.parentWidget()
        while p is not None and p is not dialog:
            inner = inner or isinstance(p, (QAbstractSpinBox, QComboBox))
            p = p.parentWidget()
        if not inner:
            out.append(w)
    return out


def where(dialog: QWidget, w: QWidget) -> QPoint:
    return w.mapTo(dialog, QPoint(0, 0))


def name(dialog: QWidget, w: QWidget | None) -> str:
    if w is None:
        return "nothing"
    p = where(dialog, w) if dialog.isAncestorOf(w) else QPoint(-1, -1)
    label = w.accessibleName() or w.objectName() or getattr(w, "text", lambda: "")()
    return f"{type(w).__name__} '{label}' at ({p.x()}, {p.y()})"


def tab_round(qtbot, dialog: QWidget, what: str) -> None:
    stops = stops_of(dialog)
    assert stops, f"{what}: nothing to reach"
    # Start where the dialog puts the focus itself, else at its top-left control.
    top = QApplication.focusWidget()
    if top not in stops:
        top = min(stops, key=lambda w: (where(dialog, w).y(), where(dialog, w).x()))
        top.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is top)
    seen: list[QWidget] = []
    for _ in range(len(stops) * 2 + 2):
        now = QApplication.focusWidget()
        assert now is not None and dialog.isAncestorOf(now), \
            f"{what}: Tab left the dialog after {name(dialog, seen[-1] if seen else None)}"
        if now is top and seen:
            break
        if now in seen:
            raise AssertionError(f"{what}: Tab is trapped, going round {name(dialog, now)} "
                                 f"without reaching {name(dialog, top)} again")
        seen.append(now)
        qtbot.keyClick(now, Qt.Key.Key_Tab)
    missed = [name(dialog, w) for w in stops if w not in seen]
    assert not missed, f"{what}: Tab never reaches {missed}"
    # Reading order: each stop is below the last, or on the same row and to its right,
    # or at the top of a column to the right of it. Going round, Tab goes back up once:
    # from the last control to the first.
    backwards = []
    for before, after in zip(seen, seen[1:] + seen[:1]):
        a, b = where(dialog, before), where(dialog, after)
        same_row = abs(a.y() - b.y()) < max(8, before.height() // 2)
        next_column = b.x() >= a.x() + before.width()
        if not ((same_row and b.x() > a.x()) or (not same_row and (b.y() > a.y() or next_column))):
            backwards.append(f"{name(dialog, before)} -> {name(dialog, after)}")
    assert len(backwards) <= 1, (f"{what}: Tab goes back against reading order: {backwards}; "
                                 f"the whole round: {[name(dialog, w) for w in seen]}")


def show(qtbot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_settings_every_tab(qtbot, window, ws):
    from wss_desktop.gui.settings_dialog import SettingsDialog
    dialog = SettingsDialog(ws, window)
    show(qtbot, dialog)
    tabs = dialog.findChild(QTabWidget)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        tab_round(qtbot, dialog, f"Settings, {tabs.tabText(index).replace('&', '')} tab")
    dialog.close()


@pytest.mark.parametrize("subject", ["school", "trust"])
def test_new_review_wizard_every_page(qtbot, window, ws, subject):
    from wss_desktop.gui.wizard import NewReviewWizard
    wizard = NewReviewWizard(ws, window)
    wizard.set_subject(subject)
    show(qtbot, wizard)
    ui = wizard.ui
    tab_round(qtbot, wizard, "Wizard, empty first page")
    qtbot.keyClicks(ui.schoolName, "Fernhill Community Primary School")
    ui.phase.setCurrentIndex(ui.phase.findData("primary"))
    pages = 1
    while True:
        tab_round(qtbot, wizard, f"Wizard, page {pages}")
        if wizard.button(QWizard.WizardButton.FinishButton).isVisible():
            break
        before = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != before, f"the wizard would not go past page {pages}"
        pages += 1
    assert pages >= 4
    wizard.reject()


def test_about_and_link_evidence(qtbot, window, ws):
    from wss_desktop.gui.about import AboutDialog
    from wss_desktop.gui.link_evidence import LinkEvidenceDialog
    about = AboutDialog(ws)
    show(qtbot, about)
    tab_round(qtbot, about, "About")
    about.close()

    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    ws.add_observation(rid, room="Y4 Robins", text="Word mats on every table")
    link = LinkEvidenceDialog(ws.bundle(rid), "2.1", window)
    assert isinstance(link, QDialog)
    show(qtbot, link)
    tab_round(qtbot, link, "Link evidence")
    link.close()


def test_first_run_wizard_every_page(qtbot, ws):
    from wss_desktop.core.sync.keys import TeamKeys
    from wss_desktop.gui.first_run import FirstRunWizard
    wizard = FirstRunWizard(ws, keys_factory=lambda: TeamKeys(use_keyring=False))
    show(qtbot, wizard)
    pages = 1
    while True:
        tab_round(qtbot, wizard, f"Welcome wizard, page {pages}")
        next_ = wizard.button(QWizard.WizardButton.NextButton)
        if not (next_.isVisible() and next_.isEnabled()):
            break
        before = wizard.currentId()
        wizard.next()
        if wizard.currentId() == before:
            break
        pages += 1
    assert pages >= 2
    wizard.reject()


def test_unlock_framework_editor_conflicts_and_sync_panels(qtbot, window, ws, tmp_path, monkeypatch):
    import keyring
    import keyring.backends.fail

    from wss_desktop.core import atrest
    from wss_desktop.core.sync.keys import TeamKeys
    from wss_desktop.core.workspace import Workspace
    from wss_desktop.gui import sync_ui
    from wss_desktop.gui.conflicts import ConflictsPanel
    from wss_desktop.gui.framework_editor import FrameworkEditor
    from wss_desktop.gui.unlock_dialog import UnlockDialog

    editor = FrameworkEditor(ws, window)
    show(qtbot, editor)
    tab_round(qtbot, editor, "Frameworks")
    editor.close()

    conflicts = ConflictsPanel(ws, window)
    show(qtbot, conflicts)
    tab_round(qtbot, conflicts, "Versions to settle")
    conflicts.close()

    controller = sync_ui.install(window, keys=TeamKeys(use_keyring=False), auto=False)
    panel = controller.show_panel()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    tab_round(qtbot, panel, "Shared folder and sync")
    panel.close()
    rid = ws.new_review("Fernhill Community Primary School", "send-review")
    window.open_review(rid)
    partner = controller.send_to_partner()
    partner.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is partner)
    tab_round(qtbot, partner, "Send to partner")
    partner.close()

    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.delenv(atrest.ENV_PASSPHRASE)
    folder = tmp_path / "locked"
    try:
        Workspace.open(folder)
    except atrest.UnlockNeeded as reason:
        unlock = UnlockDialog(folder, reason)
    show(qtbot, unlock)
    tab_round(qtbot, unlock, "Choose a passphrase")
    unlock.close()


def test_text_kept_for_you(qtbot, window, ws):
    from wss_desktop.core import kept_text
    from wss_desktop.gui.kept_text_dialog import KeptTextDialog
    kept_text.keep(ws.paths.root, ws.store.key, [kept_text.KeptText("What you saw", "Word mats on every table")])
    files, _ = kept_text.kept(ws.paths.root, ws.store.key)
    dialog = KeptTextDialog(files, window)
    show(qtbot, dialog)
    tab_round(qtbot, dialog, "Text kept for you")
    dialog.reject()
