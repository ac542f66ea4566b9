"""The desktop face of syncing (issue 5): the status bar line, the Sync menu, the sync
panel, the partner-file panel and the conflicts panel.

Every call to the core's `SyncService` (checking the folder, syncing, writing or
opening a partner's file) runs on the thread pool with the polling job pattern
(`jobs.start_cancellable`), because a network folder can take seconds to answer and
the window must never freeze. Each call opens its own database connection, so the
window's own connection is only used on the GUI thread (reading conflicts, settling
them). The core's sentences (a passphrase is needed and why, the folder cannot be
reached, it was emptied) are shown as they are; the GUI only decides where.

`install(window)` adds all of it to a MainWindow and returns the controller.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QFormLayout, QFrame,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget,
                               QListWidgetItem, QMenu, QPlainTextEdit, QProgressBar, QPushButton, QRadioButton,
                               QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from ..core import model
from ..core.changes import Changes
from ..core import passphrase as passphrase_rule
from ..core.errors import UserError
from ..core.sync.summary import LABELS, ChangeSummary
from . import jobs
from .conflicts import ConflictBanner, ConflictsPanel
from .style import scaled
from .widgets import capitalised, FitsTheScreen, plural, scrolling, tell, WrappingLabel
from . import choosers

# The engine (and the cryptography and keyring it loads) is imported when first used,
# after the window is on screen, so syncing costs nothing at start-up.
if TYPE_CHECKING:
    from ..core.sync.keys import TeamKeys
    from ..core.sync.service import SyncReport, SyncStatus
    from ..core.sync.session import SyncService
    from .main_window import MainWindow
    from .review_view import ReviewView

CHECK_MS = 30_000     # how often the folder's state is looked at
SYNC_MS = 120_000     # how often a connected folder is synced without being asked
FILE_FILTER = "Review files (*.wssreview);;All files (*)"

SHORTCUTS = {"sync": "Ctrl+Shift+S", "panel": "Ctrl+Shift+Y", "send": "Ctrl+Shift+E",
             "open": "Ctrl+Shift+O", "conflicts": "Ctrl+Shift+K"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


# The questions asked through the system's file choosers, as functions so tests can answer them.

def ask_folder(parent: QWidget, start: str) -> str:
    return choosers.folder(parent, tr("Choose the team's shared folder"), start)


def ask_save_path(parent: QWidget, suggested: str) -> str:
    path = choosers.save_file(parent, tr("Save the file for your partner"),
                              suggested, tr(FILE_FILTER))
    return path


def ask_open_path(parent: QWidget) -> str:
    path = choosers.open_file(parent, tr("Open your partner's file"),
                              str(Path.home()), tr(FILE_FILTER))
    return path


# --- words ---------------------------------------------------------------------------

def _clock(when: Any) -> str:
    """10:42 today, otherwise 3 Mar 10:42."""
    local = when.astimezone()
    moment = QDateTime.fromSecsSinceEpoch(int(local.timestamp()))
    same_day = moment.date() == QDateTime.currentDateTime().date()
    return moment.toString("HH:mm" if same_day else "d MMM HH:mm")


def status_text(status: "SyncStatus | None", busy: bool = False) -> str:
    """The status bar's words: "Shared folder: connected · 3 changes waiting · last sync 10:42"."""
    head = tr("Shared folder: ")
    if status is None:
        return head + (tr("syncing…") if busy else tr("checking…"))
    if busy:
        text = head + tr("syncing…")
    elif status.folder is None:
        text = head + tr("not set up")
    else:
        if status.connected and status.needs_passphrase:
            parts = [tr("needs the team passphrase")]
        elif status.connected:
            parts = [tr("connected")]
        elif status.offline_since:
            parts = [tr("offline since %1").replace("%1", _clock(status.offline_since))]
        else:
            parts = [tr("offline")]
        if status.changes_waiting:
            parts.append(tr("1 change waiting") if status.changes_waiting == 1 else
                         tr("%1 changes waiting").replace("%1", str(status.changes_waiting)))
        if status.last_sync:
            parts.append(tr("last sync %1").replace("%1", _clock(status.last_sync)))
        text = head + " · ".join(parts)
    if status.conflicts:
        text += " · " + (tr("1 field to compare") if status.conflicts == 1 else
                         tr("%1 fields to compare").replace("%1", str(status.conflicts)))
    return text


def plain_summary(summary: ChangeSummary) -> str:
    """"3 pieces of evidence added, 2 reviewer judgements updated, 1 conflict to look at"."""
    parts = []
    for verb, counter in ((tr("added"), summary.added), (tr("updated"), summary.updated),
                          (tr("deleted"), summary.deleted)):
        for table, n in sorted(counter.items()):
            if n and table != "links":   # links are bookkeeping behind "about statement 3.1"
                one, many = LABELS.get(table, (table, table))
                parts.append(f"{n} {one if n == 1 else many} {verb}")
    if summary.conflicts:
        parts.append(tr("1 conflict to look at") if summary.conflicts == 1 else
                     tr("%1 conflicts to look at").replace("%1", str(summary.conflicts)))
    if not parts:
        return tr("Nothing new: everything in it was already here.")
    text = ", ".join(parts) + "."
    return capitalised(text)


@dataclass
class Outcome:
    """What a call to the core came to, carried back from the worker thread."""

    value: Any = None
    error: str | None = None
    passphrase: bool = False   # the core asked for a passphrase, or the one given was wrong
    wrong: bool = False        # the passphrase given was wrong
    afresh: bool = False       # the core offered to set the folder up again
    set_up: bool = False       # the folder has no team yet: a new passphrase sets it up

    @property
    def stopped(self) -> str | None:
        """Why the sync stopped: its error, or the problem its report names (it stopped
        part-way, e.g. this computer's disk is full, keeping what it had taken in)."""
        return self.error or getattr(self.value, "problem", None)


def attempt(call: Callable[[], Any]) -> Outcome:
    """Run a core call; what the GUI offers next follows from the error's type (never
    from its sentence, which is only shown)."""
    from ..core.sync import crypto
    from ..core.sync.folder import AfreshOffered
    from ..core.sync.keys import FolderNotSetUp, PassphraseNeeded
    try:
        return Outcome(call())
    except crypto.WrongPassphrase as exc:
        return Outcome(error=str(exc), passphrase=True, wrong=True)
    except PassphraseNeeded as exc:
        return Outcome(error=str(exc), passphrase=True, set_up=isinstance(exc, FolderNotSetUp))
    except AfreshOffered as exc:
        return Outcome(error=str(exc), afresh=True)
    except UserError as exc:
        return Outcome(error=str(exc))


# --- the controller ---------------------------------------------------------------------

class SyncController(QObject):
    """Owns the SyncService, the background timers and the jobs, for one window."""

    status_changed = Signal(object)   # SyncStatus
    busy_changed = Signal(bool)
    progress = Signal(int, int, str)
    synced = Signal(object)           # Outcome of a sync (value: SyncReport)
    members_loaded = Signal(object)   # Outcome of looking at the team (value: team.TeamInfo)

    def __init__(self, window: "MainWindow", keys: "TeamKeys | None" = None, *,
                 check_ms: int = CHECK_MS, sync_ms: int = SYNC_MS, auto: bool = True):
        super().__init__(window)
        self.window = window
        self.ws = window.ws
        self._keys = keys
        self._service: SyncService | None = None
        self._checked = False
        self._last_look = time.monotonic()
        self.status: SyncStatus | None = None
        self.last: Outcome | None = None          # the last sync's outcome
        self.pending_folder: Path | None = None   # chosen, not yet synced with
        self.pending_afresh = False
        self.closed = False
        self._sync_job: jobs.CancellableJob | None = None
        self._status_job: jobs.CancellableJob | None = None
        self._running: list[jobs.CancellableJob] = []
        self._panel: SyncPanel | None = None
        self._partner: PartnerPanel | None = None
        self._conflicts: ConflictsPanel | None = None
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(check_ms)
        self.check_timer.timeout.connect(self.check_status)
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(sync_ms)
        self.sync_timer.timeout.connect(self._sync_on_timer)
        if auto:
            self.check_timer.start()
            self.sync_timer.start()
        window.installEventFilter(self)
        # A review opened in the window gets its banner without the window having to ask:
        # opening one shows the review page, or (from another review) adds a view to it.
        window.ui.pages.currentChanged.connect(lambda _i: self.update_banner())
        window.ui.reviewPage.installEventFilter(self)

    # jobs ------------------------------------------------------------------------------

    def run_job(self, work: Callable[[jobs.Progress, Callable[[], bool]], Outcome],
               done: Callable[[Outcome], None], progress: jobs.Progress | None = None
               ) -> jobs.CancellableJob:
        def finish(outcome: Outcome) -> None:
            self._running[:] = [j for j in self._running if j is not job]
            if not self.closed:
                done(outcome)

        def failed(text: str) -> None:
            finish(Outcome(error=tr("Something went wrong inside the app, so this stopped: %1. "
                                    "Your work on this computer is safe.").replace("%1", text)))

        def cancelled() -> None:
            finish(Outcome(error=tr("Stopped when asked. Nothing was lost; the rest follows at "
                                    "the next sync.")))

        def noted(done_: int, total: int, message: str) -> None:
            if not self.closed and progress is not None:
                progress(done_, total, message)

        job = jobs.start_cancellable(work, on_progress=noted, on_done=finish, on_failed=failed,
                                     on_cancelled=cancelled, parent=self)
        self._running.append(job)
        return job

    @property
    def busy(self) -> bool:
        """A sync is running."""
        return self._sync_job is not None

    @property
    def idle(self) -> bool:
        """The first check has been made and nothing is running (no sync, check or file)."""
        return self._checked and not self._running

    @property
    def service(self) -> "SyncService":
        if self._service is None:
            from ..core.sync.session import SyncService
            self._service = SyncService(self.ws.paths, keys=self._keys)
        return self._service

    def use_keys(self, keys: "TeamKeys") -> None:
        """Keep unlocked team keys in `keys` from now on (tests give each window its own)."""
        self._keys, self._service = keys, None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # (Closing: the window stops the sync (MainWindow.shutdown) once it may close.)
        if obj is self.window and event.type() == QEvent.Type.WindowActivate:
            # Back from Settings, the first-run set-up or another program: look again soon.
            if time.monotonic() - self._last_look > 5:
                self._last_look = time.monotonic()
                QTimer.singleShot(0, self.check_status)
        elif event.type() == QEvent.Type.ChildAdded and obj is self.window.ui.reviewPage:
            QTimer.singleShot(0, self.update_banner)
        return False

    def shutdown(self, wait_s: float = 15.0) -> None:
        """Stop the timers, ask running work to stop and wait for it (quitting, closing)."""
        if self.closed:
            return
        self.closed = True
        self.check_timer.stop()
        self.sync_timer.stop()
        for panel in (self._panel, self._partner, self._conflicts):
            if panel is not None:
                panel.close()
        deadline = time.monotonic() + wait_s
        for job in list(self._running):
            job.cancel()
            while job.take()[1] is None and time.monotonic() < deadline:
                time.sleep(0.01)
        self._running.clear()

    # status ----------------------------------------------------------------------------

    def check_status(self) -> None:
        if self._status_job is not None or self.closed:
            return
        self._checked = True

        def done(outcome: Outcome) -> None:
            self._status_job = None
            if outcome.error is None:
                self.status = outcome.value
                self.status_changed.emit(self.status)

        self._status_job = self.run_job(lambda p, c: attempt(self.service.status), done)

    def conflict_count(self, review_id: str | None = None) -> int:
        return len(self.ws.store.conflicts(review_id))

    # syncing ---------------------------------------------------------------------------

    def _sync_on_timer(self) -> None:
        from ..core.sync.service import room_since
        last = self.last.value if self.last is not None else None
        if last is not None and not room_since(last, self.ws.paths):
            # The last sync stopped for want of room here: the next waits for more room
            # (or for the reviewer to ask), rather than redoing the same work to no end.
            self.check_status()
            return
        s = self.status
        if s is not None and s.connected and not s.needs_passphrase and not self.busy:
            self.sync_now(quiet=True)
        else:
            self.check_status()

    def sync_now(self, passphrase: str | None = None, *, folder: str | Path | None = None,
                 start_afresh: bool = False, quiet: bool = False) -> bool:
        """Start a sync; False if one is already running. `quiet` (the timer's syncs)
        never opens the panel; its outcome shows in the status bar."""
        if self.busy or self.closed:
            return False
        if folder is not None:
            self.pending_folder, self.pending_afresh = Path(folder), False
        chosen = self.pending_folder
        afresh = start_afresh or self.pending_afresh
        self.pending_afresh = afresh
        # Edits still waiting in an editor are saved first, so the merge sees them as edits
        # made here before the others arrived (two edits of one text then stay side by side).
        if self.window.review_view is not None:
            self.window.review_view.ctx.flush()
        service = self.service

        def work(progress: jobs.Progress, cancelled: Callable[[], bool]) -> Outcome:
            return attempt(lambda: service.sync(passphrase=passphrase or None, folder=chosen,
                                                start_afresh=afresh, cancel=cancelled,
                                                progress=progress))

        def done(outcome: Outcome) -> None:
            self._sync_job = None
            self.last = outcome
            report: SyncReport | None = outcome.value
            if report is not None:
                self.pending_folder, self.pending_afresh = None, False
                if not report.summary.empty:
                    self.refresh_views(report.summary.reviews, report.summary.conflicts > 0)
                if not quiet:
                    # What arrived, from change files or a colleague's snapshot (a new
                    # laptop may take in every review without reading a change file).
                    arrived = (tr("Nothing new arrived.") if report.summary.empty and not report.received_files
                               else plain_summary(report.summary))
                    if report.problem:
                        # Why, in the core's words, is in the panel and behind the status line.
                        text = tr("Sync stopped part-way; nothing was lost.")
                    elif report.cancelled:
                        text = tr("Sync stopped when asked. %1 The rest will follow at the next sync.")
                    else:
                        text = tr("Synced. %1")
                    self.window.statusBar().showMessage(text.replace("%1", arrived), 10_000)
            self.busy_changed.emit(False)
            self.synced.emit(outcome)
            self.check_status()
            if outcome.error and not quiet:
                self.show_panel()

        self._sync_job = self.run_job(work, done, self.progress.emit)
        self.busy_changed.emit(True)
        return True

    # the team ---------------------------------------------------------------------------

    def load_members(self) -> None:
        """Look at who is in the team, on the thread pool (members_loaded says)."""
        if self.closed:
            return
        service = self.service
        self.run_job(lambda p, c: attempt(service.members), self.members_loaded.emit)

    def remove_member(self, device: str, new_passphrase: str,
                      done: Callable[[Outcome], None]) -> None:
        """Remove a computer from the team: a new team key, locked by `new_passphrase`."""
        service = self.service

        def finish(outcome: Outcome) -> None:
            done(outcome)
            if outcome.error is None:
                self.load_members()
                self.check_status()

        self.run_job(lambda p, c: attempt(lambda: service.remove_member(device, new_passphrase)),
                     finish)

    def forget_device(self, device: str, done: Callable[[Outcome], None]) -> None:
        """Stop waiting for a quiet device; then sync, so colleagues are told."""
        service = self.service

        def finish(outcome: Outcome) -> None:
            done(outcome)
            if outcome.error is None:
                self.sync_now()

        self.run_job(lambda p, c: attempt(lambda: service.forget_device(device)), finish)

    def stop(self) -> None:
        if self._sync_job is not None:
            self._sync_job.cancel()

    def set_folder(self, folder: str | Path | None) -> None:
        """Forget the shared folder (None), or choose one to sync with now."""
        if folder is None:
            self.pending_folder, self.pending_afresh = None, False
            self.service.set_folder(None)
            self.check_status()
        else:
            self.sync_now(folder=folder)

    def refresh_views(self, reviews: set[str] | None = None, conflicts: bool = False) -> None:
        """Say what arrived, through the window's session: the screens that show it
        refresh themselves (a settled conflict may concern any review)."""
        self.window.session.publish(Changes.arrived(None if conflicts else reviews))
        self.update_banner()
        if self._conflicts is not None and self._conflicts.isVisible():
            self._conflicts.reload()

    # the open review's banner --------------------------------------------------------

    def review_opened(self, view: "ReviewView") -> None:
        """Give an open review its "fields with two versions" banner."""
        banner = getattr(view, "sync_banner", None)
        if banner is None:
            banner = ConflictBanner(view)
            view.ui.outer.insertWidget(1, banner)
            banner.compare.connect(lambda: self.show_conflicts(view.ctx.review_id))
            view.sync_banner = banner  # type: ignore[attr-defined]
        banner.show_count(self.conflict_count(view.ctx.review_id))

    def update_banner(self) -> None:
        view = self.window.review_view
        if view is not None and not self.closed:
            self.review_opened(view)

    def _settled(self, review_id: str) -> None:
        self.refresh_views({review_id} if review_id else None)
        self.check_status()

    # panels ------------------------------------------------------------------------------

    def show_panel(self) -> "SyncPanel":
        if self._panel is None:
            self._panel = SyncPanel(self, self.window)
        self._panel.refresh()
        self._panel.show()
        self._panel.raise_()
        self._panel.activateWindow()
        return self._panel

    def show_conflicts(self, review_id: str | None = None) -> ConflictsPanel:
        if self._conflicts is None:
            self._conflicts = ConflictsPanel(self.ws, self.window)
            self._conflicts.settled.connect(self._settled)
        self._conflicts.reload(review_id)
        self._conflicts.show()
        self._conflicts.raise_()
        return self._conflicts

    def _partner_panel(self) -> "PartnerPanel":
        if self._partner is None:
            self._partner = PartnerPanel(self, self.window)
        return self._partner

    def current_review(self) -> str | None:
        """The open review, or the one selected in the list."""
        w = self.window
        if w.review_view is not None:
            return w.review_view.ctx.review_id
        if w.ui.pages.currentWidget() is w.ui.listPage:
            rl = w.review_list
            index = rl.ui.table.currentIndex()
            if index.isValid():
                return rl.proxy.data(index, Qt.ItemDataRole.UserRole + 1)
        return None

    def send_to_partner(self) -> "PartnerPanel":
        panel = self._partner_panel()
        panel.start_send(self.current_review())
        return panel

    def open_partners_file(self, path: str | None = None) -> "PartnerPanel":
        panel = self._partner_panel()
        panel.start_open(path)
        return panel


# --- the status bar line -------------------------------------------------------------------

class SyncStatusButton(QToolButton):
    """Words, not colour: the state of the shared folder. Clicking opens the sync panel."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(self.tr("Shared folder status"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clicked.connect(controller.show_panel)
        controller.status_changed.connect(self.refresh)
        controller.busy_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: Any) -> None:
        c = self.controller
        text = status_text(c.status, c.busy)
        s = c.status
        if (not c.busy and c.last is not None and c.last.stopped and s is not None and s.connected
                and not s.needs_passphrase):
            # A background sync stopped for a reason the folder's state does not show.
            text += " · " + self.tr("⚠ the last sync stopped: click for details")
        self.setText(text)
        detail = c.status.line() if c.status else text
        if c.status and c.status.problem:
            detail += " " + c.status.problem
        self.setToolTip(detail + "\n" + self.tr("Click to open the sync panel (%1).")
                        .replace("%1", SHORTCUTS["panel"]))
        self.setAccessibleDescription(text)


# --- the sync panel ------------------------------------------------------------------------

class _MemberList(QListWidget):
    """The computers in the team. A long line wraps within the list rather than running
    on behind a sideways scroll bar (at 200% text a member takes two or three lines),
    and the list asks for the room to show the first SHOWN members whole: the panel
    scrolls down instead. Beyond that the list scrolls itself."""

    SHOWN = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self._width = -1
        model = self.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.updateGeometry)

    def _wanted(self) -> int:
        """The height that shows the first SHOWN members whole (two lines when empty)."""
        rows = [self.visualItemRect(self.item(i)).height() for i in range(min(self.count(), self.SHOWN))]
        inside = sum(rows) if rows else 2 * self.fontMetrics().lineSpacing()
        return inside + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._wanted()))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().sizeHint().width(), self._wanted())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.size().width() != self._width:     # its lines wrap afresh: ask again
            self._width = event.size().width()
            QTimer.singleShot(0, self.updateGeometry)


class _LastReport(QPlainTextEdit):
    """What the last sync did. It takes the room left over, down to four lines, so the
    panel fits a 600 px high screen at the usual text size without scrolling. It asks
    for those four lines (not nothing) so that the panel's scrolling body, which Qt sizes
    by what its parts ask for at its width, is tall enough for the parts above it too:
    asking for nothing squeezed the team's rows at 200% text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 2 * self.frameWidth() + 8)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().sizeHint().width(), self.minimumHeight())


def _hint(text: str, parent: QWidget) -> QLabel:
    # A label whose lines grow its dialog: with plain wrapped labels, a message shown
    # later was given room taken from the words above it, which were then cut short.
    return WrappingLabel(parent, text=text)


class SyncPanel(FitsTheScreen, QDialog):
    """The shared folder, the passphrase when the core asks for it, the last sync's report.

    Not modal: the reviewer can keep working while a sync runs."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Shared folder and sync"))
        self.setAccessibleName(self.tr("Shared folder and sync"))
        self.setModal(False)
        self.resize(720, 620)           # (made to fit the screen as it is shown: FitsTheScreen)
        # Everything but the bottom row of buttons scrolls when the panel is too small for
        # it (text at 200% on a 1024x600 screen), rather than being squashed; the bottom row,
        # Close among it, stays in view.
        frame = QVBoxLayout(self)
        frame.setContentsMargins(6, 6, 6, 6)    # (its bottom row fits 1024 px at 200% text)
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)

        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setAccessibleDescription(self.tr("Shared folder now"))
        scaled(self.state, 1.1, bold=True)
        outer.addWidget(self.state)
        # Gaps, damaged files, held-back and refused changes, in the core's plain words
        # (each says what will put it right).
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAccessibleDescription(self.tr("What the sync is waiting for or refused"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        outer.addWidget(self.details)

        folder_box = QGroupBox(self.tr("Shared folder"), self)
        fl = QVBoxLayout(folder_box)
        fl.addWidget(_hint(self.tr(
            "A folder your whole team can reach (OneDrive, SharePoint, Dropbox, a network drive). "
            "Reviews are kept on this computer; the folder only carries encrypted changes."), folder_box))
        row = QHBoxLayout()
        self.folder = QLineEdit(folder_box)
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Shared folder"))
        self.folder.setPlaceholderText(self.tr("No shared folder chosen"))
        self.choose = QPushButton(self.tr("&Choose folder…"), folder_box)
        self.choose.setAccessibleName(self.tr("Choose the shared folder"))
        self.forget = QPushButton(self.tr("Stop using it"), folder_box)
        self.forget.setAccessibleName(self.tr("Stop syncing with this folder"))
        self.forget.setToolTip(self.tr("Nothing is deleted, here or in the folder."))
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        row.addWidget(self.forget)
        fl.addLayout(row)
        outer.addWidget(folder_box)

        self.passphrase_box = QGroupBox(self.tr("Team passphrase"), self)
        pl = QVBoxLayout(self.passphrase_box)
        self.why = _hint("", self.passphrase_box)
        self.why.setAccessibleDescription(self.tr("Why the passphrase is needed"))
        pl.addWidget(self.why)
        form = QFormLayout()
        self.passphrase = QLineEdit(self.passphrase_box)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Team passphrase"))
        self.confirm = QLineEdit(self.passphrase_box)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Team passphrase again"))
        pass_label = QLabel(self.tr("&Passphrase:"), self.passphrase_box)
        pass_label.setBuddy(self.passphrase)
        self.confirm_label = QLabel(self.tr("A&gain:"), self.passphrase_box)
        self.confirm_label.setBuddy(self.confirm)
        form.addRow(pass_label, self.passphrase)
        form.addRow(self.confirm_label, self.confirm)
        pl.addLayout(form)
        pl.addWidget(_hint(self.tr("The passphrase itself is never saved; it is used once to "
                                   "unlock the team key."), self.passphrase_box))
        self.unlock = QPushButton(self.tr("&Unlock and sync"), self.passphrase_box)
        self.unlock.setAccessibleName(self.tr("Use the passphrase and sync"))
        pl.addWidget(self.unlock, 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.passphrase_box)

        self.afresh_box = QGroupBox(self.tr("Set the folder up again?"), self)
        al = QVBoxLayout(self.afresh_box)
        self.afresh_text = _hint("", self.afresh_box)
        al.addWidget(self.afresh_text)
        self.afresh = QPushButton(self.tr("Start &afresh with the reviews on this computer"), self.afresh_box)
        self.afresh.setAccessibleName(self.tr("Start afresh: set the shared folder up again"))
        al.addWidget(self.afresh, 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.afresh_box)

        self.team_box = QGroupBox(self.tr("Team members"), self)
        tl = QVBoxLayout(self.team_box)
        self.key_changed = _hint("", self.team_box)
        self.key_changed.setAccessibleDescription(self.tr("When the team key last changed"))
        tl.addWidget(self.key_changed)
        self.members = _MemberList(self.team_box)
        self.members.setAccessibleName(self.tr("Computers in the team"))
        tl.addWidget(self.members)
        name_row = QHBoxLayout()
        self.device_name = QLineEdit(self.team_box)
        self.device_name.setMaxLength(80)
        self.device_name.setAccessibleName(self.tr("The name colleagues see for this computer"))
        name_label = QLabel(self.tr("T&his computer's name:"), self.team_box)
        name_label.setBuddy(self.device_name)
        self.save_name = QPushButton(self.tr("Save name"), self.team_box)
        self.save_name.setAccessibleName(self.tr("Save this computer's name"))
        name_row.addWidget(name_label)
        name_row.addWidget(self.device_name, 1)
        name_row.addWidget(self.save_name)
        tl.addLayout(name_row)
        team_row = QHBoxLayout()
        self.reload_members = QPushButton(self.tr("Refresh the &list"), self.team_box)
        self.reload_members.setAccessibleName(self.tr("Refresh the list of team members"))
        self.remove_member = QPushButton(self.tr("Re&move from team…"), self.team_box)
        self.remove_member.setAccessibleName(self.tr("Remove the chosen computer from the team"))
        self.remove_member.setToolTip(self.tr(
            "Makes a new team key that the chosen computer never receives, so it cannot read "
            "anything written from now on."))
        self.remove_member.setEnabled(False)
        self.forget_member = QPushButton(self.tr("Forg&et this device…"), self.team_box)
        self.forget_member.setAccessibleName(self.tr("Forget the chosen computer, which has gone quiet"))
        self.forget_member.setToolTip(self.tr(
            "For a laptop that was lost or replaced: the shared folder is no longer kept tidy "
            "around it. Nothing it sent is lost."))
        self.forget_member.setEnabled(False)
        team_row.addStretch(1)
        team_row.addWidget(self.reload_members)
        team_row.addWidget(self.forget_member)
        team_row.addWidget(self.remove_member)
        tl.addLayout(team_row)
        outer.addWidget(self.team_box)
        self.removal: RemoveMemberDialog | None = None
        self.forgetting: ForgetDeviceDialog | None = None
        self.after_sync = ""
        self.team: Any = None

        self.message = _hint("", self)
        self.message.setAccessibleDescription(self.tr("Sync message"))
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.setMargin(6)
        outer.addWidget(self.message)

        run = QHBoxLayout()
        self.sync = QPushButton(self.tr("&Sync now"), self)
        self.sync.setAccessibleName(self.tr("Sync now"))
        self.sync.setDefault(True)
        self.stop = QPushButton(self.tr("S&top"), self)
        self.stop.setAccessibleName(self.tr("Stop syncing"))
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Sync progress"))
        self.bar.setTextVisible(False)
        # A join names its step at length: wrapped, never cut off at 200% text.
        self.doing = WrappingLabel(self)
        run.addWidget(self.sync)
        run.addWidget(self.stop)
        run.addWidget(self.bar, 3)
        run.addStretch(1)
        outer.addLayout(run)
        outer.addWidget(self.doing)

        outer.addWidget(QLabel(self.tr("What the last sync did:"), self))
        self.report = _LastReport(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("What the last sync did"))
        self.report.setPlaceholderText(self.tr("Nothing yet in this session."))
        outer.addWidget(self.report, 1)

        others = QHBoxLayout()
        self.compare = QPushButton(self.tr("Compare &versions…"), self)
        self.compare.setAccessibleName(self.tr("Compare versions"))
        send = QPushButton(self.tr("Se&nd to partner…"), self)
        send.setAccessibleName(self.tr("Send to partner"))
        receive = QPushButton(self.tr("&Open partner's file…"), self)
        receive.setAccessibleName(self.tr("Open partner's file"))
        close = QPushButton(self.tr("Close"), self)
        for b in (self.compare, send, receive):
            others.addWidget(b)
        others.addStretch(1)
        others.addWidget(close)
        frame.addWidget(scrolling(body, self), 1)
        frame.addLayout(others)

        self.choose.clicked.connect(self._choose)
        self.forget.clicked.connect(lambda: controller.set_folder(None))
        self.unlock.clicked.connect(self._unlock)
        self.passphrase.returnPressed.connect(self._unlock)
        self.confirm.returnPressed.connect(self._unlock)
        self.afresh.clicked.connect(self._afresh)
        self.sync.clicked.connect(self._sync)
        self.stop.clicked.connect(controller.stop)
        self.compare.clicked.connect(lambda: controller.show_conflicts())
        send.clicked.connect(controller.send_to_partner)
        receive.clicked.connect(lambda: controller.open_partners_file())
        close.clicked.connect(self.close)
        controller.status_changed.connect(self.refresh)
        controller.status_changed.connect(self._quiet_changed)
        controller.busy_changed.connect(self.refresh)
        controller.progress.connect(self._progress)
        controller.synced.connect(self._synced)
        controller.members_loaded.connect(self._members_loaded)
        self.members.currentItemChanged.connect(lambda *_: self._choose_member())
        self.reload_members.clicked.connect(controller.load_members)
        self.remove_member.clicked.connect(self._ask_removal)
        self.forget_member.clicked.connect(self._ask_forget)
        self.save_name.clicked.connect(self._save_name)
        self.device_name.returnPressed.connect(self._save_name)
        self.team_box.hide()
        self.passphrase_box.hide()
        self.confirm.hide()
        self.confirm_label.hide()
        self.afresh_box.hide()
        self.message.hide()
        if controller.last is not None:   # opened because the last sync needs something
            self._synced(controller.last)

    def refresh(self, *_: Any) -> None:
        c = self.controller
        s = c.status
        busy = c.busy
        # (Asked before Unlock is disabled below, which moves the focus on.)
        typing = busy and not self.passphrase_box.isHidden() and self.passphrase_box.isAncestorOf(
            self.focusWidget())
        folder = c.pending_folder or (s.folder if s else None)
        self.folder.setText(str(folder) if folder else "")
        if busy and (c.pending_folder is not None or (s is not None and s.needs_passphrase)):
            # The folder or passphrase asked for has just been given: saying it is still
            # needed would be stale for as long as the sync runs (a new laptop's join).
            self.state.setText(self.tr("Syncing…"))
        elif c.pending_folder is not None and (s is None or s.folder != c.pending_folder):
            self.state.setText(self.tr("Not syncing yet: finish setting up the folder below."))
        else:
            self.state.setText(s.line() if s else status_text(None, busy))
        details = list(getattr(s, "details", None) or [])
        self.details.setText("\n".join(details))
        self.details.setVisible(bool(details))
        self.forget.setEnabled(bool(s and s.folder) and not busy)
        for w in (self.choose, self.sync, self.unlock, self.afresh):
            w.setEnabled(not busy)
        self.sync.setEnabled(not busy and folder is not None)
        self.stop.setEnabled(busy)
        self.bar.setVisible(busy)
        self.doing.setVisible(busy)
        if busy:
            self.bar.setRange(0, 0)
            self.doing.setText(self.tr("Syncing…"))
            if not self.passphrase_box.isHidden():
                # The passphrase is being used: its box makes way for the sync's progress
                # (squeezed beside the team's list, its words were cut off), and the focus
                # goes to Stop. A wrong passphrase shows the box again (_synced).
                self.passphrase_box.hide()
                if typing:
                    self.stop.setFocus()
        if not busy and s is not None and s.needs_passphrase and self.passphrase_box.isHidden():
            # The core's own sentence (it says when there is no keyring, so the passphrase
            # is needed every session).
            self.ask_passphrase(c.service.keys.why_passphrase("sync with this shared folder"))
        count = c.conflict_count()
        self.compare.setEnabled(count > 0)
        self.compare.setText(self.tr("Compare &versions (%1)…").replace("%1", str(count))
                             if count else self.tr("Compare &versions…"))
        if c.last is not None and c.last.value is not None:
            self.report.setPlainText("\n".join(c.last.value.lines()))

    # the team ---------------------------------------------------------------------------

    def _members_loaded(self, outcome: Outcome) -> None:
        self.members.clear()
        self.team = outcome.value
        if outcome.error is not None or self.team is None:
            self.team_box.setVisible(False)
            self._choose_member()
            return
        info = self.team
        self.team_box.setVisible(True)
        when = _clock(info.key_changed) if info.key_changed else self.tr("never")
        text = self.tr("Team key number %1, last changed %2.").replace("%1", str(info.epoch)).replace("%2", when)
        if info.locked:
            text += " " + self.tr("This computer does not hold the team key yet, so names are not "
                                  "shown; sync with the team passphrase first.")
        for r in info.removed:
            text += " " + self.tr("Removed: %1.").replace("%1", r.name)
        self.key_changed.setText(text)
        if not self.device_name.hasFocus():
            from ..core.sync import team
            self.device_name.setText(team.device_name(self.controller.ws.store))
        for m in info.members:
            item = QListWidgetItem(self._member_line(m), self.members)
            item.setData(Qt.ItemDataRole.UserRole, m)
        self._choose_member()

    def _member_line(self, m: Any) -> str:
        """A member as listed: when last seen, how long it has been quiet (from its
        progress file, as this computer last read it), and whether it is forgotten."""
        seen = _clock(m.last_seen) if m.last_seen else self.tr("not yet")
        line = (self.tr("%1 (this computer), last seen %2") if m.me
                else self.tr("%1, last seen %2")).replace("%1", m.name).replace("%2", seen)
        quiet = {q.device: q for q in getattr(self.controller.status, "devices", None) or []}
        q = quiet.get(m.device)
        heard = q.last_seen if q is not None and q.last_seen else m.last_seen
        if not m.me and heard is not None:
            line += self.tr(", quiet for %1").replace("%1", quiet_words(datetime.now(timezone.utc) - heard))
        if q is not None and q.forgotten:
            line += self.tr(" (forgotten: nobody waits for it)")
        if not m.device_key:
            line += self.tr(" (no keyring: types the passphrase after a change)")
        return line

    def _quiet_changed(self, *_: Any) -> None:
        for i in range(self.members.count()):
            item = self.members.item(i)
            item.setText(self._member_line(item.data(Qt.ItemDataRole.UserRole)))

    def _save_name(self) -> None:
        from ..core.sync import team
        name = " ".join(self.device_name.text().split())
        if not name:
            self.say(self.tr("Give this computer a name colleagues will recognise, such as "
                             "'Sam's laptop'."))
            return
        self.controller.ws.store.set_setting(team.DEVICE_NAME, name)
        self.device_name.setText(name)
        self.say(self.tr("Saved. Colleagues see this computer as '%1' after your next sync.").replace("%1", name))

    def _chosen_member(self) -> Any:
        item = self.members.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _choose_member(self) -> None:
        m = self._chosen_member()
        locked = self.team is None or self.team.locked
        self.remove_member.setEnabled(m is not None and not m.me and not locked)
        self.forget_member.setEnabled(m is not None and not m.me)

    def _ask_removal(self) -> None:
        m = self._chosen_member()
        if m is None or m.me:
            self.say(self.tr("Choose a colleague's computer in the list first."))
            return
        self.removal = RemoveMemberDialog(self.controller, m.device, m.name, self)
        self.removal.finished.connect(lambda _r: self.say(self.removal.result_text if self.removal else ""))
        self.removal.open()

    def _ask_forget(self) -> None:
        m = self._chosen_member()
        if m is None or m.me:
            self.say(self.tr("Choose a colleague's computer in the list first."))
            return
        self.forgetting = ForgetDeviceDialog(self.controller, m.device, m.name, self)
        self.forgetting.finished.connect(self._forgot)
        self.forgetting.open()

    def _forgot(self, _result: int) -> None:
        text = self.forgetting.result_text if self.forgetting is not None else ""
        if text:
            self.after_sync = text     # still shown when the sync that tells colleagues ends
            self.say(text)

    def ask_passphrase(self, why: str, set_up: bool = False) -> None:
        self.why.setText(why)
        self.confirm.setVisible(set_up)
        self.confirm_label.setVisible(set_up)
        self.unlock.setText(self.tr("Set &up and sync") if set_up else self.tr("&Unlock and sync"))
        self.passphrase_box.show()
        self.passphrase.setFocus()

    def say(self, text: str) -> None:
        tell(self.message, text)    # below the team's members: out of sight when it scrolls (200% text)

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        self.doing.setText(message)

    def _choose(self) -> None:
        c = self.controller
        start = str(c.pending_folder or (c.status.folder if c.status and c.status.folder else Path.home()))
        path = ask_folder(self, start)
        if path:
            self.afresh_box.hide()
            self.say("")
            c.sync_now(folder=path)

    def _sync(self) -> None:
        self.say("")
        self.controller.sync_now()

    def _unlock(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.say(self.tr("Type the team passphrase first."))
            return
        if not self.confirm.isHidden():
            if passphrase_rule.problem(text):
                self.say(self.tr("Choose a team passphrase of at least 10 characters, or a phrase "
                                 "of four or more words (a short sentence is easy to remember and "
                                 "hard to guess). For example: %1").replace("%1", passphrase_rule.suggest()))
                return
            if text != self.confirm.text():
                self.say(self.tr("The two passphrases are different; type them again."))
                return
        self.say("")
        self.controller.sync_now(text)

    def _afresh(self) -> None:
        self.say("")
        self.controller.sync_now(start_afresh=True)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self.controller.status is not None and self.controller.status.connected:
            self.controller.load_members()

    def _synced(self, outcome: Outcome) -> None:
        self.refresh()
        if outcome.error is None:
            self.controller.load_members()
            self.passphrase.clear()
            self.confirm.clear()
            self.passphrase_box.hide()
            self.afresh_box.hide()
            report: SyncReport = outcome.value
            self.say(report.problem or self.after_sync)
            self.after_sync = ""
            return
        if outcome.wrong:
            self.say(outcome.error)
            self.passphrase_box.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        elif outcome.passphrase:
            self.say("")   # the sentence is shown above the passphrase field
            self.ask_passphrase(outcome.error, outcome.set_up)
        else:
            self.say(outcome.error)
            self.passphrase_box.hide()
        self.afresh_text.setText(self.tr(
            "Only if your team really emptied the folder: this writes every review on this "
            "computer to it again, locked with a new team key: colleagues' computers with a "
            "keyring receive it by themselves, the others type the passphrase you choose now. "
            "Nothing is deleted anywhere."))
        self.afresh_box.setVisible(outcome.afresh)


class RemoveMemberDialog(FitsTheScreen, QDialog):
    """"Remove from team…": says what happens, asks for the new passphrase twice, and
    only then removes (nothing changes until the button is pressed and all is well)."""

    def __init__(self, controller: SyncController, device: str, name: str, parent: QWidget):
        super().__init__(parent)
        self.controller, self.device, self.name = controller, device, name
        self.result_text = ""
        self.setWindowTitle(self.tr("Remove from the team"))
        self.setAccessibleName(self.tr("Remove from the team"))
        layout = QVBoxLayout(self)
        self.question = _hint(self.tr(
            "Remove %1 from the team? A new team key is made and %1 never receives it, so it "
            "cannot read anything written from now on (what it already has stays on it). "
            "Everyone else carries on: computers with a keyring receive the new key by "
            "themselves; the others type the new passphrase once. Choose the new team "
            "passphrase and tell it to your colleagues in person or by phone.").replace("%1", name), self)
        layout.addWidget(self.question)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New team passphrase"))
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("New team passphrase again"))
        first = QLabel(self.tr("&New passphrase:"), self)
        first.setBuddy(self.passphrase)
        again = QLabel(self.tr("A&gain:"), self)
        again.setBuddy(self.confirm)
        form.addRow(first, self.passphrase)
        form.addRow(again, self.confirm)
        layout.addLayout(form)
        self.message = _hint("", self)
        self.message.setAccessibleDescription(self.tr("Why the computer was not removed"))
        self.message.hide()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.remove = QPushButton(self.tr("&Remove %1").replace("%1", name), self)
        self.remove.setAccessibleName(self.tr("Remove %1 from the team").replace("%1", name))
        row.addWidget(self.cancel)
        row.addWidget(self.remove)
        layout.addLayout(row)
        self.cancel.clicked.connect(self.reject)
        self.remove.clicked.connect(self._remove)
        self.confirm.returnPressed.connect(self._remove)

    def _say(self, text: str) -> None:
        tell(self.message, text, problem=True)     # (each is why it was not removed)

    def _remove(self) -> None:
        text = self.passphrase.text()
        if passphrase_rule.problem(text):
            self._say(self.tr("Choose a new team passphrase of at least 10 characters, or a phrase "
                              "of four or more words. For example: %1").replace("%1", passphrase_rule.suggest()))
            return
        if text != self.confirm.text():
            self._say(self.tr("The two passphrases are different; type them again."))
            return
        self._say("")
        self.remove.setEnabled(False)
        self.cancel.setEnabled(False)
        self.controller.remove_member(self.device, text, self._done)

    def _done(self, outcome: Outcome) -> None:
        self.remove.setEnabled(True)
        self.cancel.setEnabled(True)
        if outcome.error is not None:
            self._say(outcome.error)
            return
        self.passphrase.clear()
        self.confirm.clear()
        self.result_text = " ".join(outcome.value.lines())
        self.accept()


class ForgetDeviceDialog(FitsTheScreen, QDialog):
    """"Forget this device…": says what forgetting does and does not do; nothing changes
    until the button is pressed."""

    def __init__(self, controller: SyncController, device: str, name: str, parent: QWidget):
        super().__init__(parent)
        self.controller, self.device, self.name = controller, device, name
        self.result_text = ""
        self.setWindowTitle(self.tr("Forget a device"))
        self.setAccessibleName(self.tr("Forget a device"))
        layout = QVBoxLayout(self)
        self.question = _hint(self.tr(
            "Forget %1? Do this for a laptop that was lost or replaced and will not sync again. "
            "The shared folder is then tidied without waiting for it. Nothing it already sent is "
            "lost, and it stays in the team: if it does sync again, it catches up and carries on "
            "as before. To stop it reading the team's reviews, remove it from the team "
            "instead.").replace("%1", name), self)
        layout.addWidget(self.question)
        self.message = _hint("", self)
        self.message.setAccessibleDescription(self.tr("Why the device was not forgotten"))
        self.message.hide()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.forget = QPushButton(self.tr("&Forget %1").replace("%1", name), self)
        self.forget.setAccessibleName(self.tr("Forget %1").replace("%1", name))
        row.addWidget(self.cancel)
        row.addWidget(self.forget)
        layout.addLayout(row)
        self.cancel.setDefault(True)
        self.cancel.clicked.connect(self.reject)
        self.forget.clicked.connect(self._forget)

    def _forget(self) -> None:
        self.message.hide()
        self.forget.setEnabled(False)
        self.cancel.setEnabled(False)
        self.controller.forget_device(self.device, self._done)

    def _done(self, outcome: Outcome) -> None:
        self.forget.setEnabled(True)
        self.cancel.setEnabled(True)
        if outcome.error is not None:
            tell(self.message, outcome.error, problem=True)
            return
        self.result_text = self.tr("Forgot %1. The shared folder is no longer kept waiting for it; "
                                   "nothing it sent is lost. Colleagues are told at this sync.").replace("%1", self.name)
        self.accept()


def quiet_words(span: Any) -> str:
    """How long a device has been quiet, in plain words."""
    hours = max(0, int(span.total_seconds() // 3600))
    if hours < 1:
        return tr("less than an hour")
    if hours < 48:
        return (tr("1 hour") if hours == 1 else tr("%1 hours").replace("%1", str(hours)))
    days = hours // 24
    if days < 28:
        return tr("%1 days").replace("%1", str(days))
    return tr("%1 weeks").replace("%1", str(days // 7))


# --- partner files --------------------------------------------------------------------------

class PartnerPanel(FitsTheScreen, QDialog):
    """"Send to partner" and "Open partner's file": one encrypted file for one review."""

    SEND, OPEN = "send", "open"

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.mode = self.SEND
        self.review_id: str | None = None
        self.job_running = False
        self.result_summary: ChangeSummary | None = None
        self.setModal(False)
        self.resize(640, 440)
        outer = QVBoxLayout(self)
        self.intro = _hint("", self)
        outer.addWidget(self.intro)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("File"))
        self.browse = QPushButton(self.tr("&Choose…"), self)
        self.browse.setAccessibleName(self.tr("Choose the file"))
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path)
        row.addWidget(file_label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        outer.addLayout(row)

        self.lock_box = QGroupBox(self.tr("Lock the file with"), self)
        ll = QVBoxLayout(self.lock_box)
        self.team = QRadioButton(self.tr("Our &team key (your partner is in your sync team)"), self.lock_box)
        self.one_off = QRadioButton(self.tr("A &one-off passphrase for this file"), self.lock_box)
        group = QButtonGroup(self.lock_box)
        group.addButton(self.team)
        group.addButton(self.one_off)
        self.team.setChecked(True)
        ll.addWidget(self.team)
        ll.addWidget(self.one_off)
        form = QFormLayout()
        self.new_pass = QLineEdit(self.lock_box)
        self.new_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pass.setAccessibleName(self.tr("Passphrase for this file"))
        self.new_pass_again = QLineEdit(self.lock_box)
        self.new_pass_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pass_again.setAccessibleName(self.tr("Passphrase for this file again"))
        form.addRow(self.tr("Passphrase:"), self.new_pass)
        form.addRow(self.tr("Again:"), self.new_pass_again)
        ll.addLayout(form)
        ll.addWidget(_hint(self.tr("Tell your partner the passphrase in person or by phone, never "
                                   "in the same email as the file."), self.lock_box))
        self.photos = QCheckBox(self.tr("Include the &photos"), self.lock_box)
        self.photos.setChecked(True)
        ll.addWidget(self.photos)
        outer.addWidget(self.lock_box)

        self.open_box = QGroupBox(self.tr("Passphrase"), self)
        ol = QVBoxLayout(self.open_box)
        self.why = _hint("", self.open_box)
        self.why.setAccessibleDescription(self.tr("Why the passphrase is needed"))
        ol.addWidget(self.why)
        self.passphrase = QLineEdit(self.open_box)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase for the file"))
        ol.addWidget(self.passphrase)
        outer.addWidget(self.open_box)

        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Working"))
        outer.addWidget(self.bar)
        self.summary = _hint("", self)
        self.summary.setAccessibleDescription(self.tr("What changed"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.go = QPushButton(self)
        self.go.setDefault(True)
        close = QPushButton(self.tr("Close"), self)
        buttons.addWidget(self.go)
        buttons.addWidget(close)
        outer.addLayout(buttons)

        self.browse.clicked.connect(self._browse)
        self.go.clicked.connect(self.run)
        self.passphrase.returnPressed.connect(self.run)
        # The passphrase boxes are always open, and typing in one chooses a one-off
        # passphrase. (They opened only once "one-off" was chosen, and Qt chooses an option
        # by its Alt key a moment later: a Tab pressed at once skipped the boxes, and the
        # passphrase went into "Include the photos", ticking it on and off at each space.)
        for box in (self.new_pass, self.new_pass_again):
            box.textEdited.connect(self._passphrase_typed)
        close.clicked.connect(self.close)
        self.bar.hide()

    def _passphrase_typed(self, text: str) -> None:
        if text:
            self.one_off.setChecked(True)

    def _say(self, text: str, *, problem: bool = False) -> None:
        """Show what happened where it can be seen (the panel scrolls at 200% text on a
        small screen, and this line is at its foot), and say it to a screen reader."""
        tell(self.summary, text, problem=problem)

    def _reset(self) -> None:
        self.summary.setText("")
        self.passphrase.clear()
        self.new_pass.clear()
        self.new_pass_again.clear()
        self.open_box.hide()
        self.result_summary = None

    def _present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def start_send(self, review_id: str | None) -> None:
        self.mode, self.review_id = self.SEND, review_id
        self._reset()
        self.setWindowTitle(self.tr("Send to partner"))
        self.setAccessibleName(self.tr("Send to partner"))
        self.lock_box.show()
        self.go.setText(self.tr("&Send"))
        self.go.setAccessibleName(self.tr("Write the file for your partner"))
        review = self.controller.ws.store.get(model.Review, review_id) if review_id else None
        if review is None:
            self.intro.setText(self.tr("Open a review (or select one in the list of reviews) first, "
                                       "then choose Send to partner again."))
            self.go.setEnabled(False)
            self.path.clear()
        else:
            self.intro.setText(self.tr(
                "Writes one encrypted file holding the review of %1: everything in it, from "
                "everyone who worked on it. Send it by email or on a USB stick; your partner opens "
                "it with Open partner's file, and opening it again later changes nothing.")
                .replace("%1", review.school_name))
            self.go.setEnabled(True)
            from ..core.sync.exchange import SUFFIX
            safe = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in review.school_name).strip()
            today = QDateTime.currentDateTime().toString("yyyy-MM-dd")
            self.path.setText(str(Path.home() / f"{safe or 'review'} {today}{SUFFIX}"))
        self._present()

    def start_open(self, path: str | None = None) -> None:
        self.mode, self.review_id = self.OPEN, None
        self._reset()
        self.setWindowTitle(self.tr("Open partner's file"))
        self.setAccessibleName(self.tr("Open partner's file"))
        self.lock_box.hide()
        self.go.setText(self.tr("&Open and merge"))
        self.go.setAccessibleName(self.tr("Open the file and merge it"))
        self.go.setEnabled(True)
        self.intro.setText(self.tr(
            "Merges a review file from your partner with your reviews. Nothing is overwritten: "
            "where you both changed the same text, both versions are kept for you to compare."))
        if path is None:
            path = ask_open_path(self.parentWidget() or self)
            if not path:
                return
        self.path.setText(path)
        self._present()
        self.run()

    def _browse(self) -> None:
        if self.mode == self.SEND:
            path = ask_save_path(self, self.path.text())
        else:
            path = ask_open_path(self)
        if path:
            self.path.setText(path)

    def run(self) -> None:
        if self.job_running:
            return
        path = self.path.text().strip()
        if not path:
            self._say(self.tr("Choose the file first."), problem=True)
            return
        c = self.controller
        service = c.service
        if self.mode == self.SEND:
            if self.review_id is None:
                return
            if not Path(path).suffix:
                from ..core.sync.exchange import SUFFIX
                path += SUFFIX
                self.path.setText(path)
            passphrase = None
            if self.one_off.isChecked():
                passphrase = self.new_pass.text()
                if passphrase_rule.problem(passphrase):
                    self._say(self.tr("Choose a passphrase of at least 10 characters, or "
                                      "a phrase of four or more words, for this file. "
                                      "For example: %1").replace("%1", passphrase_rule.suggest()), problem=True)
                    return
                if passphrase != self.new_pass_again.text():
                    self._say(self.tr("The two passphrases are different; type them again."), problem=True)
                    return
            call = partial(service.send_to_partner, self.review_id, path, passphrase=passphrase,
                           photos=self.photos.isChecked())
        else:
            given = "" if self.open_box.isHidden() else self.passphrase.text()
            call = partial(service.open_partners_file, path, passphrase=given or None)
        self.job_running = True
        self.go.setEnabled(False)
        self.bar.show()
        self._say(self.tr("Working…"))
        c.run_job(lambda progress, cancelled: attempt(call), self._done)

    def _done(self, outcome: Outcome) -> None:
        self.job_running = False
        self.go.setEnabled(True)
        self.bar.hide()
        if outcome.error is not None:
            self._say(outcome.error, problem=True)
            if outcome.passphrase:
                if self.mode == self.SEND:
                    self.one_off.setChecked(True)
                    self.new_pass.setFocus()
                else:
                    self.why.setText(outcome.error)
                    self.open_box.show()
                    self.passphrase.selectAll()
                    self.passphrase.setFocus()
            return
        if self.mode == self.SEND:
            self.new_pass.clear()
            self.new_pass_again.clear()
            self._say("\n".join(outcome.value.lines()))
            return
        result = outcome.value
        self.result_summary = result.summary
        self.open_box.hide()
        self.passphrase.clear()
        lines = [plain_summary(result.summary)]
        if result.photos:
            lines.append(plural(result.photos, self.tr("%n photo added."), self.tr("%n photos added.")))
        if result.summary.conflicts:
            lines.append(self.tr("Use Compare versions (%1) to choose between them.")
                         .replace("%1", SHORTCUTS["conflicts"]))
        self._say("\n".join(lines))
        c = self.controller
        c.refresh_views(result.summary.reviews, result.summary.conflicts > 0)
        c.check_status()


# --- putting it in the window -----------------------------------------------------------------

def _action(window: QWidget, text: str, tip: str, shortcut: str, slot: Callable[[], Any]) -> QAction:
    act = QAction(text, window)
    act.setShortcut(QKeySequence(shortcut))
    act.setToolTip(f"{tip} ({shortcut})")
    act.setStatusTip(tip)
    act.triggered.connect(lambda checked=False: slot())
    window.addAction(act)
    return act


def install(window: "MainWindow", *, keys: "TeamKeys | None" = None, auto: bool | None = None,
            check_ms: int | None = None, sync_ms: int | None = None) -> SyncController:
    """Add the status line, the Sync menu and the panels to `window`, once; calling it
    again returns the same controller, changing only what is given.

    `keys` replaces the team-key memory (tests give each window its own); `auto`
    turns the background checks and syncs on or off; the intervals are in ms."""
    existing: SyncController | None = getattr(window, "sync", None)
    if isinstance(existing, SyncController):
        if keys is not None:
            existing.use_keys(keys)
        for timer, ms in ((existing.check_timer, check_ms), (existing.sync_timer, sync_ms)):
            if ms is not None:
                timer.setInterval(ms)
            if auto:
                timer.start()
            elif auto is False:
                timer.stop()
        return existing
    c = SyncController(window, keys, check_ms=check_ms or CHECK_MS, sync_ms=sync_ms or SYNC_MS,
                       auto=auto is not False)
    window.sync = c  # type: ignore[attr-defined]
    c.status_button = SyncStatusButton(c, window)  # type: ignore[attr-defined]
    window.statusBar().addPermanentWidget(c.status_button)  # type: ignore[attr-defined]

    menu = QMenu(tr("S&ync"), window)
    menu.setObjectName("menuSync")
    c.actions = {  # type: ignore[attr-defined]
        "sync": _action(window, tr("&Sync now"), tr("Send and receive changes now"),
                        SHORTCUTS["sync"], c.sync_now),
        "panel": _action(window, tr("Shared &folder settings…"),
                         tr("Choose the shared folder, give the team passphrase, see the last sync and "
                            "who is in the team"),
                         SHORTCUTS["panel"], c.show_panel),
        "send": _action(window, tr("Send to &partner…"),
                        tr("Write one encrypted file holding this review, for your partner"),
                        SHORTCUTS["send"], c.send_to_partner),
        "open": _action(window, tr("&Open partner's file…"),
                        tr("Merge a review file your partner sent you"),
                        SHORTCUTS["open"], c.open_partners_file),
        "conflicts": _action(window, tr("&Compare versions (conflicts)…"),
                             tr("Choose between two versions of a field edited on two computers"),
                             SHORTCUTS["conflicts"], c.show_conflicts),
    }
    acts = c.actions  # type: ignore[attr-defined]
    menu.addAction(acts["sync"])
    menu.addAction(acts["panel"])
    menu.addSeparator()
    menu.addAction(acts["send"])
    menu.addAction(acts["open"])
    menu.addSeparator()
    menu.addAction(acts["conflicts"])
    help_menu = getattr(window.ui, "menuHelp", None)
    if help_menu is not None:
        window.menuBar().insertMenu(help_menu.menuAction(), menu)
    else:
        window.menuBar().addMenu(menu)
    c.menu = menu  # type: ignore[attr-defined]
    QTimer.singleShot(0, c.check_status)
    return c
