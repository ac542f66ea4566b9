"""The main window: the review list or one open review, the toolbar, the saved
indicator, and the window layout remembered between runs."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QMainWindow, QMessageBox, QScrollArea, QWidget

from ..core.changes import Changes
from ..core.demo import add_demo
from ..core.workspace import Workspace
from . import autosave
from .autosave import AutoSaver, save_all
from .context import ReviewContext, SaveStatus
from .forms.ui_main_window import Ui_MainWindow
from .help_overlay import HelpOverlay
from .kept_text_dialog import keep_unsaved, show_kept_text
from .reflow import Reflow
from .review_list import ReviewListPage
from .session import Session
from .sync_ui import install as install_sync
from .widgets import SavedIndicator, announce, fit_to_screen, follow_focus, forget_layout_item_wrappers

OVERVIEW_SHORTCUT = "Ctrl+Shift+V"
ANONYMISE_SHORTCUT = "Ctrl+Shift+X"

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .review_view import ReviewView


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = QSettings(str(ws.paths.root / "window.ini"), QSettings.Format.IniFormat)
        self.status = SaveStatus(self)
        self.indicator = SavedIndicator(self)
        self.ui.statusbar.addPermanentWidget(self.indicator)
        self.status.changed.connect(self.indicator.show_state)
        self.status.notice.connect(self.notice)
        self.session = Session(ws, self)
        # Whatever the status bar says (a made PDF, a sync result) is also said aloud.
        self.ui.statusbar.messageChanged.connect(lambda text: announce(self.ui.statusbar, text))
        self.review_list = ReviewListPage(ws, self.ui.listPage)
        self.session.changed.connect(self.review_list.apply)
        self.ui.listPageLayout.addWidget(self.review_list)
        self.review_view: "ReviewView | None" = None
        # Everything below the toolbar scrolls when the window is smaller than what it
        # shows (a 1024x600 netbook, 200% text), so the window never outgrows the screen.
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName("mainScroller")
        self.scroller.setAccessibleName(self.tr("Main area"))
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.takeCentralWidget())
        self.setCentralWidget(self.scroller)
        # ...and only up and down: side-by-side panes stack when the width runs short.
        self.reflow = Reflow(self.scroller)
        self.help = HelpOverlay(self.scroller)
        follow_focus(QApplication.instance())   # the cursor is always scrolled into view
        ui = self.ui
        ui.actionNewReview.triggered.connect(self.new_review)
        ui.actionAddDemo.triggered.connect(self.open_demo)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAllReviews.triggered.connect(self.show_list)
        ui.actionFind.triggered.connect(self._find)
        ui.actionPreviousStage.triggered.connect(lambda: self.review_view and self.review_view.step(-1))
        ui.actionNextStage.triggered.connect(lambda: self.review_view and self.review_view.step(+1))
        ui.actionShortcuts.triggered.connect(self.help.toggle)
        ui.actionAbout.triggered.connect(self.show_about)
        self.switch_to: Path | None = None
        self.guide = None
        self._add_setup_actions()
        self.overview_window = None
        self.anonymise_panel = None
        self._add_overview_actions()
        # The shared folder's state in the status bar, the Sync menu and its panels (issue 5).
        self.sync = install_sync(self)
        self._add_framework_actions()
        self._add_removed_action()
        QShortcut(QKeySequence("Ctrl+/"), self, self.help.toggle)
        self.review_list.open_review.connect(self.open_review)
        self.review_list.new_review.connect(self.new_review)
        self.review_list.open_demo.connect(self.open_demo)
        for action in (ui.actionNewReview, ui.actionAllReviews, ui.actionShortcuts):
            ui.toolbar.widgetForAction(action).setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self._restore()
        self.show_list()

    # --- navigation --------------------------------------------------------------

    def show_list(self) -> None:
        if not self._close_review():
            return
        self.review_list.refresh()
        self.ui.pages.setCurrentWidget(self.ui.listPage)
        self.setWindowTitle(self.tr("WSS Review Desktop"))
        self.ui.actionPreviousStage.setEnabled(False)
        self.ui.actionNextStage.setEnabled(False)
        self.review_list.focus_list()

    def open_review(self, review_id: str) -> "ReviewView":
        # Imported here so the window opens without loading every stage screen.
        from .review_view import ReviewView

        if not self._close_review() and self.review_view is not None:
            return self.review_view
        ctx = ReviewContext(self.ws, review_id, self.status, self)
        view = ReviewView(ctx, self.ui.reviewPage)
        self.session.changed.connect(view.apply)
        view.gone.connect(self.show_list)
        self.ui.reviewPageLayout.addWidget(view)
        self.review_view = view
        self.ui.pages.setCurrentWidget(self.ui.reviewPage)
        view.start()
        self.setWindowTitle(self.tr("%1 – WSS Review Desktop").replace("%1", ctx.bundle().review.school_name))
        self.ui.actionPreviousStage.setEnabled(True)
        self.ui.actionNextStage.setEnabled(True)
        return view

    def _close_review(self, ask: bool = True) -> bool:
        """Close the open review, if its fields are saved or the user lets them go (see
        `_saved_or_let_go`); False if the review stays open."""
        if self.review_view is not None:
            if ask and not self._saved_or_let_go(self.review_view.ctx.savers()):
                return False
            self.review_view.leave()
            self.session.changed.disconnect(self.review_view.apply)
            self.review_view.ctx.deleteLater()   # its signals and timers go with it
            forget_layout_item_wrappers()        # before Qt deletes the items (widgets.py)
            self.review_view.setParent(None)
            self.review_view.deleteLater()
            self.review_view = None
        return True

    def _saved_or_let_go(self, savers: list[AutoSaver]) -> bool:
        """Save what every field of `savers` shows. While another program holds the
        database for longer than a save waits (a sync run from the command line, say),
        ask: try again, keep the window open (the fields go on trying to save by
        themselves), or close without saving. True to go on closing."""
        while True:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                unsaved = save_all(savers, autosave.CLOSING_WAIT_S)
            finally:
                QApplication.restoreOverrideCursor()
            if not unsaved:
                return True
            if any(saver.waiting_for_space for saver in savers):
                why = self.tr("What you typed is not saved yet, because the disk is full (or "
                              "cannot be written).")
                what_now = self.tr("Free some space on the disk, then try again. Or keep the "
                                   "window open: what you typed is kept, and it is saved as soon "
                                   "as there is space.")
            else:
                why = self.tr("What you typed is not saved yet, because the database is busy "
                              "with another program, such as a sync started from the command line.")
                what_now = self.tr("Try again in a moment, or keep the window open: what you "
                                   "typed is kept, and it is saved as soon as the database is free.")
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved yet"), why, parent=self)
            box.setInformativeText(what_now)
            again = box.addButton(self.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
            keep = box.addButton(self.tr("Keep the window open"), QMessageBox.ButtonRole.RejectRole)
            lose = box.addButton(self.tr("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(again)
            box.setEscapeButton(keep)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is lose:
                for saver in savers:
                    saver.discard()
                return True
            if clicked is not again:
                return False

    def new_review(self) -> str | None:
        from .wizard import NewReviewWizard

        wizard = NewReviewWizard(self.ws, self)
        accepted = wizard.exec()
        review_id = wizard.review_id
        wizard.deleteLater()
        if accepted and review_id:
            self.open_review(review_id)
            return review_id
        return None

    def open_demo(self) -> None:
        review_id, _added = add_demo(self.ws)
        self.open_review(review_id)

    def _find(self) -> None:
        if self.ui.pages.currentWidget() is not self.ui.listPage:
            self.show_list()
        self.review_list.focus_search()

    # --- settings, backups, help (issue 7) -------------------------------------------

    def _add_setup_actions(self) -> None:
        ui = self.ui

        def action(text: str, slot, shortcut: str | None = None) -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.actionSettings = action(self.tr("&Settings…"), self.show_settings, "Ctrl+,")
        self.actionSettings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actionBackup = action(self.tr("&Back up…"), self.back_up, "Ctrl+Shift+B")
        self.actionRestore = action(self.tr("&Restore…"), self.restore)
        self.actionGuide = action(self.tr("User &guide"), self.show_guide, "Shift+F1")
        before_quit = ui.actionQuit
        for act in (self.actionBackup, self.actionRestore):
            ui.menuFile.insertAction(before_quit, act)
        ui.menuFile.insertSeparator(before_quit)
        ui.menuFile.insertAction(before_quit, self.actionSettings)
        ui.menuFile.insertSeparator(before_quit)
        ui.menuHelp.insertAction(ui.actionShortcuts, self.actionGuide)

    # --- across reviews and anonymised examples (issue 6) -----------------------------

    def _add_overview_actions(self) -> None:
        ui = self.ui
        self.actionOverview = QAction(self.tr("&Overview across reviews"), self)
        self.actionOverview.setShortcut(QKeySequence(OVERVIEW_SHORTCUT))
        self.actionOverview.setToolTip(self.tr("Ratings, gaps, overdue actions and feedback across "
                                               "every review (%1)").replace("%1", OVERVIEW_SHORTCUT))
        self.actionOverview.triggered.connect(self.show_overview)
        ui.menuGo.insertAction(ui.actionPreviousStage, self.actionOverview)
        ui.menuGo.insertSeparator(ui.actionPreviousStage)
        self.actionAnonymise = QAction(self.tr("Export an &anonymised example…"), self)
        self.actionAnonymise.setShortcut(QKeySequence(ANONYMISE_SHORTCUT))
        self.actionAnonymise.triggered.connect(self.show_anonymise)
        ui.menuFile.insertAction(ui.actionQuit, self.actionAnonymise)
        ui.menuFile.insertSeparator(ui.actionQuit)

    def show_overview(self):
        from .overview_window import OverviewWindow
        if self.overview_window is None:
            self.overview_window = OverviewWindow(self.ws, self)
            self.overview_window.open_review.connect(self._open_from_overview)
        self.overview_window.show_overview()
        return self.overview_window

    def _open_from_overview(self, review_id: str) -> None:
        self.open_review(review_id)
        self.raise_()
        self.activateWindow()

    def _review_for(self, review_id: str | None, purpose: str) -> str | None:
        """The review a panel is for: the one given, else the open (or selected) one,
        with what was typed in it saved first; None, after saying what to do, if none."""
        review_id = review_id or self.sync.current_review()
        if not review_id:
            self.ui.statusbar.showMessage(self.tr("Open a review, or choose one in the list, %1.")
                                          .replace("%1", purpose), 10_000)
            return None
        if self.review_view is not None:
            self.review_view.ctx.flush()
        return review_id

    def show_anonymise(self, review_id: str | None = None):
        """The preview of an anonymised copy of the open (or selected) review."""
        from .anonymise_panel import AnonymisePanel
        review_id = self._review_for(review_id, self.tr("to make an anonymised example of it"))
        if review_id is None:
            return None
        if self.anonymise_panel is not None:
            self.anonymise_panel.close()
            self.anonymise_panel.deleteLater()
        panel = self.anonymise_panel = AnonymisePanel(self.ws, review_id, self)
        panel.made.connect(lambda _id: self.review_list.refresh())
        panel.load()
        panel.show()
        panel.raise_()
        return panel

    # --- Tools ▸ Frameworks (issue 16) ---------------------------------------------

    def _add_framework_actions(self) -> None:
        from PySide6.QtWidgets import QMenu
        self.menuTools = QMenu(self.tr("Tools"), self)
        self.actionFrameworks = QAction(self.tr("&Frameworks…"), self)
        self.actionFrameworks.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.actionFrameworks.setToolTip(self.tr("See, adapt, import and share review frameworks (Ctrl+Shift+F)"))
        self.actionFrameworks.triggered.connect(self.show_frameworks)
        self.menuTools.addAction(self.actionFrameworks)
        self.menuBar().insertMenu(self.ui.menuHelp.menuAction(), self.menuTools)
        self.framework_editor = None

    # --- Tools ▸ Removed from this review (issue 10: never lose a note) ----------------

    def _add_removed_action(self) -> None:
        from .removed_panel import SHORTCUT
        self.actionRemoved = QAction(self.tr("&Removed from this review…"), self)
        self.actionRemoved.setShortcut(QKeySequence(SHORTCUT))
        self.actionRemoved.setToolTip(self.tr("See what was taken out of the open review and bring "
                                              "it back (%1)").replace("%1", SHORTCUT))
        self.actionRemoved.triggered.connect(lambda: self.show_removed())
        self.menuTools.addAction(self.actionRemoved)
        self.removed_panel = None

    def show_removed(self, review_id: str | None = None):
        """What was taken out of the open (or selected) review, to bring back."""
        from .removed_panel import RemovedPanel
        review_id = self._review_for(review_id, self.tr("to see what was taken out of it"))
        if review_id is None:
            return None
        if self.removed_panel is None:
            self.removed_panel = RemovedPanel(self.ws, self)
            self.removed_panel.brought_back.connect(
                lambda rid: self.session.publish(Changes.arrived({rid})))
            self.session.changed.connect(self.removed_panel.apply)
        self.removed_panel.reload(review_id)
        self.removed_panel.show()
        self.removed_panel.raise_()
        self.removed_panel.activateWindow()
        self.removed_panel.list.setFocus()
        return self.removed_panel

    def show_frameworks(self):
        from .framework_editor import FrameworkEditor
        if self.framework_editor is None:
            self.framework_editor = FrameworkEditor(self.ws, self)
        self.framework_editor.show()
        self.framework_editor.raise_()
        return self.framework_editor

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.ws, self)
        dialog.backup_requested.connect(self.back_up)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from .about import AboutDialog
        dialog = AboutDialog(self.ws, self)
        dialog.exec()
        dialog.deleteLater()

    def show_guide(self) -> None:
        from .guide import GuideWindow
        if self.guide is None:
            self.guide = GuideWindow(self)
        self.guide.show_guide()

    def back_up(self) -> None:
        from .backup_ui import back_up
        back_up(self)

    def restore(self) -> None:
        from .backup_ui import restore
        restore(self)

    def warn_if_shared(self, mounts: str | None = None) -> QMessageBox | None:
        """Say, once the window is up, that the data folder is somewhere a cloud client or a
        network drive shares (core/paths.placement_problem), and what to do. Not modal:
        the reviewer can go on, and move the folder when it suits."""
        from ..core.paths import placement_problem, shared_by, shared_place
        service = shared_by(self.ws.paths.root, mounts=mounts)
        if service is None:
            return None
        problem = placement_problem(self.ws.paths.root, service=service)
        log.warning("Data folder somewhere shared: %s", problem)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Your data folder is somewhere shared"),
                          self.tr("<b>Your data folder is %1, where notes can be lost.</b>")
                          .replace("%1", self.tr(shared_place(service))), QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr(problem))
        box.setAccessibleName(self.tr("Your data folder is somewhere shared"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_kept_text(self) -> None:
        """Show, once the window is up, text kept when the app last had to end unsaved."""
        show_kept_text(self)

    def notice(self, text: str) -> None:
        """Say `text` in the status bar for 30 s (and aloud, as every message)."""
        self.ui.statusbar.showMessage(text, 30_000)

    # --- window layout ---------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        fit_to_screen(self, move=True)
        state = self.settings.value("state")
        if state is not None:
            self.restoreState(state)

    def _remember(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("state", self.saveState())
        self.settings.sync()

    def shutdown(self) -> None:
        """Save anything still waiting and let go of the review (also on quitting, when
        the user is no longer asked)."""
        self.sync.shutdown()
        self._close_review(ask=False)
        forget_layout_item_wrappers()   # the window's own, before Qt deletes it (widgets.py)
        self.session.close()

    def end_for_system(self, why: str) -> None:
        """The system asked the app to end (`why`: SIGTERM, as when logging out or shutting
        down; see ending.py). Nobody may be there to answer a question, so what every
        field shows is saved, waiting as long as closing does, and the app closes;
        `shutdown` then saves anything still waiting once more, and stops the sync. What
        the database still would not take (another program holds it, or the disk is full)
        is kept for the next start instead of being lost."""
        from .ending import InputRefused
        self._input_refused = InputRefused(self)      # what the fields show now is what is kept
        savers = list(self.status.savers)
        started = time.monotonic()
        unsaved = save_all(savers, autosave.CLOSING_WAIT_S)
        unkept = None
        if self.framework_editor is not None:     # its unsaved changes, kept for next time
            left = autosave.CLOSING_WAIT_S - (time.monotonic() - started)
            unkept = self.framework_editor.keep_draft(max(left, autosave.TYPING_WAIT_S))
        if unsaved or unkept is not None:
            log.warning("Ending (%s) while %d field(s)%s wait for the database.", why, unsaved,
                        " and the framework editor's changes" if unkept is not None else "")
            # The app is about to end: what the database would not take is kept in a sealed
            # file, shown (or put back in the framework editor) at the next start
            # (kept_text_dialog.py), rather than lost.
            keep_unsaved(self, savers, framework=unkept)
        self._remember()
        QApplication.exit(0)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # The framework editor (its own window, saved only when asked) is closed first,
        # so it asks about unsaved changes; then what the user typed is saved, or let go
        # by the user. Otherwise the window stays open.
        editor = self.framework_editor
        if editor is not None and editor.isVisible() and not editor.close():
            event.ignore()
            return
        if not self._saved_or_let_go(list(self.status.savers)):
            event.ignore()
            return
        self.shutdown()
        self._remember()
        event.accept()
