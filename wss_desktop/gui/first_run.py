"""The first-run set-up: you, your reports, your team, your data. Shown once on a
computer where no profile has been set up; every page can be skipped, and everything
can be changed later in Settings. Each page is saved when you move on from it, so
skipping part-way keeps what was already entered."""

from __future__ import annotations

from html import escape
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from ..core import profile
from ..core.errors import UserError
from ..core.workspace import Workspace
from .setup_forms import BrandingForm, ProfileForm, SharingForm, hint, problem_label, show_problem
from .widgets import FitsTheScreen


class FirstRunWizard(FitsTheScreen, QWizard):
    def __init__(self, ws: Workspace, parent: QWidget | None = None, *,
                 keys_factory: Callable[[], object] | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("Welcome to WSS Review Desktop"))
        self.setAccessibleName(self.tr("First-run set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("S&kip this step"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Skip &set-up"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Start using the app"))
        self.customButtonClicked.connect(lambda _which: self.skip_step())
        self.sharing_lines: list[str] = []
        self._skipping = False

        self.you_page = self._page(
            self.tr("About you"),
            self.tr("Your name and role go on the reviews you start and the reports you check. "
                    "They are kept on this computer only."))
        self.you = ProfileForm(ws, save_as_typed=False)
        self.you_page.layout().addWidget(self.you)

        self.branding_page = self._page(
            self.tr("How your reports look"),
            self.tr("Reports can carry your organisation's name, logo and colour. Leave this "
                    "empty to use the app's plain look; you can add more looks later."))
        self.branding = BrandingForm()
        self.branding.organisation.setText(profile.load(ws.store).organisation)
        self.branding_page.layout().addWidget(self.branding)
        self.branding_problem = problem_label()
        self.branding_page.layout().addWidget(self.branding_problem)

        self.sharing_page = self._page(
            self.tr("Working with a team"),
            self.tr("Colleagues can share reviews through a folder you all reach, such as "
                    "OneDrive, SharePoint, Dropbox or a network drive. This is optional: the "
                    "app works fully on its own."))
        self.sharing = SharingForm(ws, keys_factory=keys_factory)
        self.sharing_page.layout().addWidget(self.sharing)

        self.data_page = self._page(self.tr("Where your data lives"), "")
        self.data_text = QLabel()
        self.data_text.setWordWrap(True)
        self.data_text.setTextFormat(Qt.TextFormat.RichText)
        self.data_text.setAccessibleDescription(self.tr("Where your data lives"))
        self.data_page.layout().addWidget(self.data_text)
        self.data_page.layout().addStretch(1)

        for page in (self.you_page, self.branding_page, self.sharing_page, self.data_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._entered)
        self.resize(680, 520)
        # Tab reaches the buttons as they are laid out, "Skip this step" first (QWizard
        # chains them in the order it made them, which put it last, after Cancel).
        b = QWizard.WizardButton
        row = [self.button(x) for x in (b.CustomButton1, b.BackButton, b.NextButton,
                                        b.CommitButton, b.FinishButton, b.CancelButton)]
        for first, second in zip(row, row[1:]):
            QWidget.setTabOrder(first, second)

    def _page(self, title: str, text: str) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(title)
        layout = QVBoxLayout(page)
        if text:
            layout.addWidget(hint(text))
        return page

    def _entered(self, _page_id: int) -> None:
        page = self.currentPage()
        self.button(QWizard.WizardButton.CustomButton1).setVisible(page is not self.data_page)
        if page is self.branding_page and not self.branding.organisation.text():
            self.branding.organisation.setText(self.you.organisation.text())
        if page is self.data_page:
            self.data_text.setText(self.data_summary())

    def data_summary(self) -> str:
        folder = escape(str(self.ws.paths.root))
        parts = [self.tr("<p>Your reviews, photos and reports are kept in this folder on this "
                         "computer:</p><p><tt>%1</tt></p>").replace("%1", folder),
                 self.tr("<p>Everything you type is saved as you type it; there is no Save "
                         "button to forget.</p>"),
                 self.tr("<p><b>Back up</b> regularly with <b>File ▸ Back up…</b>: it makes one "
                         "file holding all your reviews and photos (locked with your team key "
                         "if you share a folder). Keep it on a USB stick or another drive. "
                         "<b>File ▸ Restore…</b> brings a backup back into a new, empty folder."
                         "</p>")]
        if self.sharing_lines:
            parts.append("<p>" + "<br>".join(escape(line) for line in self.sharing_lines) + "</p>")
        parts.append(self.tr("<p>You can change any of these answers in <b>Settings</b> "
                             "(Ctrl+,).</p>"))
        return "".join(parts)

    # --- saving each page as it is left --------------------------------------------

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt name)
        page = self.currentPage()
        if self._skipping:
            return True
        try:
            if page is self.you_page:
                self.you.save()
            elif page is self.branding_page:
                self.branding.create(self.ws)
                self.branding.clear()
                show_problem(self.branding_problem, "")
            elif page is self.sharing_page:
                lines = self.sharing.apply()
                self.sharing_lines = lines or []
                if lines is not None:
                    self.sharing.none.setChecked(True)
        except UserError as exc:
            target = self.branding_problem if page is self.branding_page else self.sharing.problem
            show_problem(target, str(exc))
            return False
        if page is self.data_page:
            profile.mark_set_up(self.ws.store, "done")
        return True

    def skip_step(self) -> None:
        """Move on without saving this page."""
        if self.currentPage() is self.data_page:
            return
        if self.currentPage() is self.branding_page:
            self.branding.clear()
            show_problem(self.branding_problem, "")
        if self.currentPage() is self.sharing_page:
            self.sharing.none.setChecked(True)
        self._skipping = True
        try:
            self.next()   # QWizard.next() validates (saves) the page; skipping must not
        finally:
            self._skipping = False

    def reject(self) -> None:
        # Skipping the whole set-up is a choice too: it is not offered again. What was
        # already typed about the user is kept (skipping is not throwing away).
        if self.currentPage() is self.you_page and any(
                (self.you.name.text().strip(), self.you.organisation.text().strip(),
                 self.you.role.currentData())):
            try:
                self.you.save()
            except UserError:
                pass   # the set-up closes either way; Settings can put it right
        profile.mark_set_up(self.ws.store, "skipped")
        super().reject()


def maybe_show(ws: Workspace, parent: QWidget) -> bool:
    """Show the set-up if this computer has not seen it; True if it was shown."""
    if not profile.needs_set_up(ws.store):
        return False
    wizard = FirstRunWizard(ws, parent)
    wizard.exec()
    wizard.deleteLater()
    return True


__all__ = ["FirstRunWizard", "maybe_show"]
