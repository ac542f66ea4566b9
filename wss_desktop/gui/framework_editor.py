"""Tools ▸ Frameworks: see, copy, edit, check, preview and share review frameworks.

The editor holds the framework as plain content (lists and dicts, as
`frameworks.editable` gives it) and changes it in place as the user types. After
every change it writes the content as a framework file in memory and reads it back
with the same parser `wss-desktop frameworks check` uses, so the message under the
editor is exactly the one the command line would give for the saved file. Nothing
reaches the user's frameworks folder until Save, and a framework with a problem is
never saved. Reviews keep the frozen copy they started with, so saving a new version
changes no review already under way; the panel on the left says which reviews use
which version.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit,
                               QPushButton, QSplitter, QTableView, QTableWidget, QTableWidgetItem,
                               QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..core.errors import UserError
from ..core.framework_import import ImportFailed, import_file
from ..core.frameworks import (SUBJECTS, FrameworkError, blank_bundle, copy_framework, editable,
                               export_toml, load_file, parse, renumber, save_user_framework, to_toml)
from ..core.store import StoreBusy, StoreFull, waiting_briefly
from ..core.workspace import Workspace
from . import jobs
from .autosave import TYPING_WAIT_S
from .rubric import DescriptorLabel
from .widgets import announce, fit_to_screen, FitsTheScreen, NO_OPEN_ENV, plural, tell
from . import choosers

log = logging.getLogger(__name__)

DRAFT_MS = 400     # after an edit, when unsaved changes are kept
RETRY_MS = 2000    # after the database would not take them, when they are tried again

ROLE = Qt.ItemDataRole.UserRole
SUBJECT_LABELS = {"school": "One school", "trust": "A trust (several schools)",
                  "local-area": "A local area (several schools)"}


class _Ref:
    """Holds an area's or statement's dict on a tree item (Qt would copy a bare dict)."""

    __slots__ = ("node",)

    def __init__(self, node: dict[str, Any]):
        self.node = node


def _node(item: QTreeWidgetItem) -> dict[str, Any]:
    return item.data(0, ROLE).node


def check(data: dict[str, Any]) -> str:
    """'' when the framework is sound, else the message `frameworks check` gives."""
    try:
        parse(to_toml(data), f"{data.get('id') or 'framework'}.toml")
    except FrameworkError as exc:
        return str(exc)
    return ""


class _Text(QPlainTextEdit):
    """A multi-line field where Tab moves on (no trap) and edits are reported as text."""

    edited = Signal(str)

    def __init__(self, name: str, parent: QWidget, lines: int = 3):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName(name)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.textChanged.connect(lambda: self.edited.emit(self.toPlainText()))

    def set(self, text: str) -> None:
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)


class _Tree(QTreeWidget):
    """Areas and their statements; drag to reorder (a statement stays inside an area,
    an area stays at the top level)."""

    reordered = Signal()
    move = Signal(int)   # Alt+Up / Alt+Down: the keyboard's way to reorder

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move.emit(-1 if event.key() == Qt.Key.Key_Up else +1)
            event.accept()
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        on_item = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.OnItem
        if dragged is None or not self.accepts(dragged, target, on_item):
            event.ignore()
            return
        super().dropEvent(event)
        self.reordered.emit()

    @staticmethod
    def accepts(dragged: QTreeWidgetItem, target: QTreeWidgetItem | None, on_item: bool) -> bool:
        if dragged.parent() is not None:   # a statement: into an area or beside a statement
            return target is not None and (target.parent() is not None or on_item)
        return target is None or (target.parent() is None and not on_item)   # an area: beside another


class CopyDialog(FitsTheScreen, QDialog):
    """Make my own version: a new id, name, publisher and version."""

    def __init__(self, source_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make your own version"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("A copy of %1 that you can change. Reviews already using "
                                   "%1 are not affected.").replace("%1", source_name), self))
        self.id = QLineEdit(self)
        self.name = QLineEdit(self)
        self.publisher = QLineEdit(self)
        self.version = QLineEdit("1.0", self)
        for text, widget, name in ((self.tr("&Id (lower-case letters, digits, hyphens):"), self.id, "Id"),
                                   (self.tr("&Name:"), self.name, "Name"),
                                   (self.tr("&Publisher (your organisation):"), self.publisher, "Publisher"),
                                   (self.tr("&Version:"), self.version, "Version")):
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class FrameworkEditor(FitsTheScreen, QDialog):
    saved = Signal(str)   # framework id

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Frameworks"))
        self.setObjectName("frameworkEditor")
        self.resize(1180, 760)
        fit_to_screen(self, parent.screen() if parent is not None else None)
        self.data: dict[str, Any] | None = None
        self.origin = ""          # "built-in", "user" or "new" (not saved yet)
        self.changed = False
        self.problem = ""
        self._loading = False
        self._current_item: QTreeWidgetItem | None = None
        self._descriptor_edits: dict[str, _Text] = {}
        self.last_pdf: Path | None = None

        outer = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(split, 1)
        split.addWidget(self._build_left(split))
        self.tabs = QTabWidget(split)
        self.tabs.setAccessibleName(self.tr("Parts of the framework"))
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 3)
        split.setSizes([330, 850])
        self.tabs.addTab(self._build_details(), self.tr("&Details"))
        self.tabs.addTab(self._build_scale(), self.tr("Rating s&cale"))
        self.tabs.addTab(self._build_respondents(), self.tr("&Who answers"))
        self.tabs.addTab(self._build_statements(), self.tr("Stat&ements"))
        self.tabs.addTab(self._build_preview(), self.tr("&Preview"))
        self.tabs.currentChanged.connect(self._tab_changed)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(self.tr("Check result"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.status, 1)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        self.message = QLabel(self)   # what the last action did, announced to screen readers
        self.message.setWordWrap(True)
        # (No name of its own: a screen reader reads what it says, its text.)
        outer.addWidget(self.message)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        # Unsaved changes are kept as they are made (Workspace.keep_framework_draft), as
        # fields are saved as they are typed, so the app ending loses none of them.
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._unkept = False        # the last try to keep the changes failed
        kept = self._kept_draft()        # (read first: showing a framework lets go of it)
        self.refresh_list()
        if self.list.count():
            self.list.setCurrentRow(0)
        self._restore_draft(kept)

    # --- building ------------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        return label

    def _build_left(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        lay = QVBoxLayout(box)
        self.list = QListWidget(box)
        self.list.setAccessibleName(self.tr("Frameworks"))
        lay.addWidget(self._label(self.tr("&Frameworks (shipped and your own):"), self.list, box))
        lay.addWidget(self.list, 1)
        self.list.currentItemChanged.connect(self._chosen)
        self.copy_button = QPushButton(self.tr("Make my own &version…"), box)
        self.copy_button.clicked.connect(self._ask_copy)
        self.import_button = QPushButton(self.tr("Imp&ort a file…"), box)
        self.import_button.setToolTip(self.tr("A framework file (.toml), a spreadsheet (.xlsx) or "
                                              "a Word table (.docx)"))
        self.import_button.clicked.connect(self._ask_import)
        self.export_button = QPushButton(self.tr("E&xport…"), box)
        self.export_button.clicked.connect(self._ask_export)
        for b in (self.copy_button, self.import_button, self.export_button):
            lay.addWidget(b)
        self.used_by = QLabel(box)
        self.used_by.setWordWrap(True)
        self.used_by.setAccessibleDescription(self.tr("Reviews using this framework"))
        lay.addWidget(self.used_by)
        return box

    def _build_details(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.readonly_note = QLabel(page)
        self.readonly_note.setWordWrap(True)
        form.addRow(self.readonly_note)
        self.f_id = QLineEdit(page)
        self.f_name = QLineEdit(page)
        self.f_short = QLineEdit(page)
        self.f_version = QLineEdit(page)
        self.f_publisher = QLineEdit(page)
        self.f_subject = QComboBox(page)
        for key in SUBJECTS:
            self.f_subject.addItem(self.tr(SUBJECT_LABELS[key]), key)
        self.f_audience = _Text(self.tr("Audience"), page, 2)
        self.f_description = _Text(self.tr("Description"), page, 4)
        rows = [(self.tr("&Id:"), self.f_id, "id", "Id"), (self.tr("&Name:"), self.f_name, "name", "Name"),
                (self.tr("Short na&me:"), self.f_short, "short_name", "Short name"),
                (self.tr("Ve&rsion:"), self.f_version, "version", "Version"),
                (self.tr("P&ublisher:"), self.f_publisher, "publisher", "Publisher"),
                (self.tr("Reviews look &at:"), self.f_subject, "subject", "What a review looks at"),
                (self.tr("Audience (the &group it is for):"), self.f_audience, "audience", "Audience"),
                (self.tr("Description (w&hat it helps with):"), self.f_description, "description", "Description")]
        for text, widget, key, name in rows:
            widget.setAccessibleName(self.tr(name))
            form.addRow(self._label(text, widget, page), widget)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda t, k=key: self._set_top(k, t))
            elif isinstance(widget, _Text):
                widget.edited.connect(lambda t, k=key: self._set_top(k, t))
        self.f_subject.activated.connect(lambda _i: self._set_top("subject", self.f_subject.currentData()))
        self.detail_widgets = [w for _, w, _, _ in rows]
        return page

    def _table(self, headers: list[str], name: str, parent: QWidget) -> QTableWidget:
        t = QTableWidget(0, len(headers), parent)
        t.setHorizontalHeaderLabels(headers)
        t.setAccessibleName(name)
        t.setTabKeyNavigation(False)     # Tab leaves the table; arrows move inside it
        t.horizontalHeader().setStretchLastSection(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        return t

    def _build_scale(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        form = QFormLayout()
        self.s_name = QLineEdit(page)
        self.s_name.setAccessibleName(self.tr("Scale name"))
        self.s_name.textEdited.connect(lambda t: self._set_scale("name", t))
        form.addRow(self._label(self.tr("Scale na&me:"), self.s_name, page), self.s_name)
        self.s_na = QCheckBox(self.tr("A statement may be marked not appl&icable"), page)
        self.s_na.toggled.connect(lambda on: self._set_scale("allow_na", on))
        form.addRow(self.s_na)
        self.s_na_label = QLineEdit(page)
        self.s_na_label.setAccessibleName(self.tr("Words for not applicable"))
        self.s_na_label.textEdited.connect(lambda t: self._set_scale("na_label", t))
        form.addRow(self._label(self.tr("Words for not applica&ble:"), self.s_na_label, page), self.s_na_label)
        lay.addLayout(form)
        self.levels = self._table([self.tr("Key"), self.tr("Label"), self.tr("Description")],
                                  self.tr("Levels, lowest first"), page)
        lay.addWidget(self._label(self.tr("&Levels, lowest first (no levels: comments only):"),
                                  self.levels, page))
        lay.addWidget(self.levels, 1)
        self.levels.itemChanged.connect(self._level_edited)
        row = QHBoxLayout()
        self.add_level = QPushButton(self.tr("&Add a level"), page)
        self.add_level.clicked.connect(self._add_level)
        self.remove_level = QPushButton(self.tr("&Remove the level"), page)
        self.remove_level.clicked.connect(self._remove_level)
        self.level_up = QPushButton(self.tr("Move &up"), page)
        self.level_up.clicked.connect(lambda: self._move_level(-1))
        self.level_down = QPushButton(self.tr("Move dow&n"), page)  # noqa
        self.level_down.clicked.connect(lambda: self._move_level(+1))
        for b in (self.add_level, self.remove_level, self.level_up, self.level_down):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        note = QLabel(self.tr("Ratings are always shown as words; any colour is extra, never the "
                              "only sign of a rating."), page)
        note.setWordWrap(True)
        lay.addWidget(note)
        self.scale_widgets = [self.s_name, self.s_na, self.s_na_label, self.levels, self.add_level,
                              self.remove_level, self.level_up, self.level_down]
        return page

    def _build_respondents(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.groups = self._table([self.tr("Id"), self.tr("Label")], self.tr("Who answers"), page)
        lay.addWidget(self._label(self.tr("&Groups who answer the self-evaluation (with several, "
                                          "each rates every statement and the gaps are compared):"),
                                  self.groups, page))
        lay.addWidget(self.groups, 1)
        self.groups.itemChanged.connect(self._groups_edited)
        row = QHBoxLayout()
        self.add_group = QPushButton(self.tr("&Add a group"), page)
        self.add_group.clicked.connect(self._add_group)
        self.remove_group = QPushButton(self.tr("&Remove the group"), page)
        self.remove_group.clicked.connect(self._remove_group)
        row.addWidget(self.add_group)
        row.addWidget(self.remove_group)
        row.addStretch(1)
        lay.addLayout(row)
        self.group_widgets = [self.groups, self.add_group, self.remove_group]
        return page

    def _build_statements(self) -> QWidget:
        page = QWidget()
        lay = QHBoxLayout(page)
        left = QVBoxLayout()
        self.tree = _Tree(page)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Areas and statements"))
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.reordered.connect(self._tree_reordered)
        self.tree.currentItemChanged.connect(self._item_chosen)
        left.addWidget(self._label(self.tr("&Areas and statements (drag, or Alt+Up and Alt+Down, "
                                           "to reorder):"), self.tree, page))
        left.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.add_area = QPushButton(self.tr("Add a&rea"), page)
        self.add_area.clicked.connect(self.add_new_area)
        self.add_statement = QPushButton(self.tr("Add state&ment"), page)
        self.add_statement.clicked.connect(self.add_new_statement)
        self.remove_item = QPushButton(self.tr("De&lete"), page)
        self.remove_item.clicked.connect(self.remove_current)
        self.move_up = QPushButton(self.tr("Move &up"), page)
        self.move_up.clicked.connect(lambda: self.move_current(-1))
        self.move_down = QPushButton(self.tr("Move dow&n"), page)
        self.move_down.clicked.connect(lambda: self.move_current(+1))
        self.renumber_button = QPushButton(self.tr("Renum&ber"), page)
        self.renumber_button.setToolTip(self.tr("Number areas 1, 2, 3… and statements 1.1, 1.2… "
                                                "in their present order"))
        self.renumber_button.clicked.connect(self.renumber)
        for b in (self.add_area, self.add_statement, self.remove_item, self.move_up, self.move_down,
                  self.renumber_button):
            buttons.addWidget(b)
        left.addLayout(buttons)
        lay.addLayout(left, 2)
        self.tree.move.connect(self.move_current)

        pane = QWidget(page)
        form = QFormLayout(pane)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.e_id = QLineEdit(pane)
        self.e_id.setAccessibleName(self.tr("Number"))
        self.e_id.textEdited.connect(lambda t: self._set_item("id", t))
        form.addRow(self._label(self.tr("&Id / number:"), self.e_id, pane), self.e_id)
        self.e_text = _Text(self.tr("Text"), pane, 3)
        self.e_text.edited.connect(lambda t: self._set_item("text", t))
        self.e_text_label = self._label(self.tr("&Text:"), self.e_text, pane)
        form.addRow(self.e_text_label, self.e_text)
        self.e_prompts = _Text(self.tr("Prompts, one a line"), pane, 3)
        self.e_prompts.edited.connect(lambda t: self._set_item("prompts", t))
        self.e_prompts_label = self._label(self.tr("Prompts: &questions to explore (one a line):"), self.e_prompts, pane)
        form.addRow(self.e_prompts_label, self.e_prompts)
        self.e_looks = _Text(self.tr("Look-fors, one a line"), pane, 3)
        self.e_looks.edited.connect(lambda t: self._set_item("look_fors", t))
        self.e_looks_label = self._label(self.tr("Look-fors on a learning wal&k (one a line):"), self.e_looks, pane)
        form.addRow(self.e_looks_label, self.e_looks)
        self.descriptor_box = QWidget(pane)
        self.descriptor_form = QFormLayout(self.descriptor_box)
        self.descriptor_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.descriptor_form.setContentsMargins(0, 0, 0, 0)
        self.descriptor_title = QLabel(self.tr("<b>What each level looks like</b> (optional)"), pane)
        form.addRow(self.descriptor_title)
        form.addRow(self.descriptor_box)
        self.pane = pane
        lay.addWidget(pane, 3)
        self.statement_widgets = [self.tree, self.add_area, self.add_statement, self.remove_item,
                                  self.move_up, self.move_down, self.renumber_button, pane]
        return page

    def _build_preview(self) -> QWidget:
        from .statement_grid import SCHOOL, StatementModel
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel(self.tr("How the school will see the statements in the self-evaluation "
                                     "grid (nothing here is saved):"), page))
        self.preview_model = StatementModel(SCHOOL, page)
        self.preview = QTableView(page)
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName(self.tr("Preview of the self-evaluation grid"))
        self.preview.setTabKeyNavigation(False)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.setWordWrap(True)
        lay.addWidget(self.preview, 2)
        self.preview_descriptors = DescriptorLabel(page)
        self.preview_descriptors.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.preview_descriptors, 1)
        self.preview.selectionModel().currentRowChanged.connect(self._preview_row)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Ma&ke the printed self-evaluation form (PDF)"), page)
        self.pdf_button.clicked.connect(lambda: self.make_form_pdf())
        row.addWidget(self.pdf_button)
        self.pdf_status = QLabel(page)
        self.pdf_status.setWordWrap(True)
        self.pdf_status.setAccessibleDescription(self.tr("Printed form"))
        row.addWidget(self.pdf_status, 1)
        lay.addLayout(row)
        return page

    # --- the list ------------------------------------------------------------------

    def refresh_list(self, select: str | None = None) -> None:
        lib = self.ws.reload_frameworks()
        self.list.blockSignals(True)
        self.list.clear()
        for fid, fw in sorted(lib.frameworks.items(), key=lambda kv: (lib.origins[kv[0]] != "user",
                                                                       kv[1].name.casefold())):
            origin = self.tr("yours") if lib.origins[fid] == "user" else self.tr("shipped")
            item = QListWidgetItem(f"{fw.name}\n    v{fw.version}, {origin}")
            item.setToolTip(fw.audience)
            item.setData(ROLE, fid)
            self.list.addItem(item)
            if fid == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        for problem in lib.problems:
            self.say(self.tr("A framework file was skipped: %1").replace("%1", str(problem)))

    def _chosen(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        if item is None:
            return
        if self.changed and not self._confirm_discard():
            return
        fid = item.data(ROLE)
        if not fid:       # the unsaved copy already on show
            return
        self._drop_unsaved_entry()
        lib = self.ws.library
        self.load(editable(lib.get(fid)), lib.origins[fid])

    def _show_unsaved_entry(self) -> None:
        """The new copy or import sits at the top of the list until it is saved."""
        self._drop_unsaved_entry()
        item = QListWidgetItem(self.tr("%1\n    not saved yet").replace("%1", self.data.get("name", "")))
        item.setData(ROLE, "")
        self.list.blockSignals(True)
        self.list.insertItem(0, item)
        self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _drop_unsaved_entry(self) -> None:
        self.list.blockSignals(True)
        for i in reversed(range(self.list.count())):
            if not self.list.item(i).data(ROLE):
                self.list.takeItem(i)
        self.list.blockSignals(False)

    # --- unsaved changes kept --------------------------------------------------------

    def keep_draft(self, wait_s: float = TYPING_WAIT_S) -> tuple[dict[str, Any], str] | None:
        """Keep the unsaved changes now (the timer does it a moment after each edit),
        waiting at most `wait_s` for another program's write, as a field saving as the user
        types does, so typing never freezes. Returns what could not be kept (the framework
        and where it came from; None once kept, or with nothing to keep), which the timer
        tries again a little later."""
        self._draft_timer.stop()
        if not (self.changed and self.data is not None and self.origin != "built-in"):
            return None
        try:
            with waiting_briefly(wait_s):
                self.ws.keep_framework_draft(self.data, self.origin)
        except UserError as exc:     # (the database busy or the disk full: kept on screen)
            if not self._unkept:     # said once, not at every try
                why = (self.tr("the database is busy in another window or program") if isinstance(exc, StoreBusy)
                       else self.tr("the disk is full") if isinstance(exc, StoreFull) else str(exc).rstrip("."))
                self.say(self.tr("Your changes are on screen but could not be kept yet: %1. They are tried "
                                 "again every few seconds.").replace("%1", why))
            self._unkept = True
            self._draft_timer.start(RETRY_MS)
            return self.data, self.origin
        self._draft_timer.setInterval(DRAFT_MS)
        if self._unkept:
            self._unkept = False
            self.say(self.tr("Your changes are kept now (not yet saved)."))
        return None

    def stop_keeping(self) -> None:
        """What could not be kept is kept elsewhere (the app is ending): stop trying."""
        self._draft_timer.stop()

    def _let_go_of_draft(self) -> None:
        self._draft_timer.stop()
        self._draft_timer.setInterval(DRAFT_MS)
        self._unkept = False
        try:
            self.ws.keep_framework_draft(None)
        except UserError as exc:
            self.say(str(exc))

    def _kept_draft(self) -> tuple[dict[str, Any], str] | None:
        try:
            return self.ws.framework_draft()
        except UserError:
            return None

    def _restore_draft(self, kept: tuple[dict[str, Any], str] | None) -> None:
        """Changes not saved when the app last ended are put back, still unsaved."""
        if kept is None:
            return
        data, origin = kept
        if origin == "built-in":
            return
        shown = self.data, self.origin
        try:
            self.load(data, origin)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
            # A shape the editor cannot show: left, so the editor still opens.
            log.warning("Unsaved framework changes kept from last time could not be shown (%r); "
                        "they were left.", exc)
            self.changed = False
            if shown[0] is not None:
                self.load(shown[0], shown[1])
            self._let_go_of_draft()
            self.say(self.tr("Unsaved changes to %1 kept from when the app last closed could not be "
                             "read, so they were left.").replace("%1", str(data.get("name", ""))))
            return
        self.changed = True
        self.keep_draft()
        if origin == "new":
            self._show_unsaved_entry()
        else:
            self.refresh_list(select=data.get("id"))
        self.say(self.tr("Your changes to %1 were not saved when the app last closed. They are "
                         "back: save them, or choose another framework to leave them.")
                 .replace("%1", data.get("name", "")))

    def _confirm_discard(self) -> bool:
        if os.environ.get(NO_OPEN_ENV):
            return True
        answer = QMessageBox.question(self, self.tr("Unsaved changes"),
                                      self.tr("Your changes to %1 are not saved. Leave them?")
                                      .replace("%1", (self.data or {}).get("name", "")))
        return answer == QMessageBox.StandardButton.Yes

    def load(self, data: dict[str, Any], origin: str) -> None:
        self.data = data
        self.origin = origin
        self.changed = origin == "new"
        if self.changed:
            self._draft_timer.start()
        else:                            # what was kept of another framework was left
            self._let_go_of_draft()
        self._loading = True
        try:
            self._fill()
        finally:
            self._loading = False
        self._editable(origin != "built-in")
        self._validate()
        self._show_users()

    def _fill(self) -> None:
        d = self.data
        assert d is not None
        for widget, key in ((self.f_id, "id"), (self.f_name, "name"), (self.f_short, "short_name"),
                            (self.f_version, "version"), (self.f_publisher, "publisher")):
            widget.setText(d.get(key, ""))
        self.f_audience.set(d.get("audience", ""))
        self.f_description.set(d.get("description", ""))
        self.f_subject.setCurrentIndex(max(0, self.f_subject.findData(d.get("subject", "school"))))
        scale = d["scale"]
        self.s_name.setText(scale.get("name", ""))
        self.s_na.setChecked(bool(scale.get("allow_na")))
        self.s_na_label.setText(scale.get("na_label", ""))
        self._fill_levels()
        self._fill_groups()
        self._fill_tree()
        if self.tabs.currentIndex() == 4:
            self._fill_preview()

    def _fill_levels(self) -> None:
        self.levels.blockSignals(True)
        self.levels.setRowCount(0)
        for lv in self.data["scale"]["levels"]:
            r = self.levels.rowCount()
            self.levels.insertRow(r)
            for c, key in enumerate(("key", "label", "description")):
                self.levels.setItem(r, c, QTableWidgetItem(lv.get(key, "")))
        self.levels.blockSignals(False)

    def _fill_groups(self) -> None:
        self.groups.blockSignals(True)
        self.groups.setRowCount(0)
        for g in self.data.get("respondents") or []:
            r = self.groups.rowCount()
            self.groups.insertRow(r)
            self.groups.setItem(r, 0, QTableWidgetItem(g.get("id", "")))
            self.groups.setItem(r, 1, QTableWidgetItem(g.get("label", "")))
        self.groups.blockSignals(False)

    def _fill_tree(self, select: dict | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for area in self.data["areas"]:
            a_item = QTreeWidgetItem([self._area_text(area)])
            a_item.setData(0, ROLE, _Ref(area))
            a_item.setFlags(a_item.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
            self.tree.addTopLevelItem(a_item)
            for st in area["statements"]:
                s_item = QTreeWidgetItem([self._statement_text(st)])
                s_item.setData(0, ROLE, _Ref(st))
                s_item.setFlags((s_item.flags() | Qt.ItemFlag.ItemIsDragEnabled) & ~Qt.ItemFlag.ItemIsDropEnabled)
                a_item.addChild(s_item)
                if st is select:
                    chosen = s_item
            if area is select:
                chosen = a_item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        target = chosen or self.tree.topLevelItem(0)
        if target is not None:
            self.tree.setCurrentItem(target)
            self._item_chosen(target)

    @staticmethod
    def _area_text(area: dict) -> str:
        return f"{area.get('id', '')}  {area.get('title', '')}"

    @staticmethod
    def _statement_text(st: dict) -> str:
        mark = " \u2022" if st.get("descriptors") else ""
        return f"{st.get('id', '')}  {st.get('text', '')}{mark}"

    def _editable(self, on: bool) -> None:
        # Texts of a shipped framework stay readable and selectable (read-only, not greyed
        # out and skipped by screen readers); buttons that would change it are disabled.
        texts = (QLineEdit, QPlainTextEdit)
        for w in self.detail_widgets + self.scale_widgets + self.group_widgets:
            w.setReadOnly(not on) if isinstance(w, texts) else w.setEnabled(on)
        for w in (self.e_id, self.e_text, self.e_prompts, self.e_looks):
            w.setReadOnly(not on)
        for table in (self.levels, self.groups):
            table.setEnabled(True)
            t = QAbstractItemView.EditTrigger
            table.setEditTriggers(t.DoubleClicked | t.EditKeyPressed | t.AnyKeyPressed if on
                                  else t.NoEditTriggers)
        for w in self.statement_widgets:
            if w not in (self.tree, self.pane):
                w.setEnabled(on)
        self.tree.setDragEnabled(on)
        self.save_button.setEnabled(on)
        self.readonly_note.setText("" if on else self.tr(
            "This framework ships with the app and cannot be changed here. Choose “Make my own "
            "version” to adapt it: reviews already using it keep their own copy."))
        self.readonly_note.setVisible(not on)

    def _show_users(self) -> None:
        if not self.data:
            return
        users = self.ws.framework_users(self.data.get("id", ""))
        if not users:
            self.used_by.setText(self.tr("No review uses this framework yet."))
            return
        lines = [self.tr("Reviews using it (each keeps the version it started with):")]
        for version, names in sorted(users.items()):
            shown = ", ".join(sorted(names)[:4]) + ("…" if len(names) > 4 else "")
            lines.append(self.tr("version %1: %2 (%3)").replace("%1", version).replace("%2", shown)
                         .replace("%3", str(len(names))))
        self.used_by.setText("\n".join(lines))

    # --- editing -------------------------------------------------------------------

    def _edited(self) -> None:
        if self._loading:
            return
        self.changed = True
        if not self._draft_timer.isActive():     # kept during a burst of typing too
            self._draft_timer.start()
        self._validate()

    def _set_top(self, key: str, value: str) -> None:
        if self.data is not None and not self._loading:
            self.data[key] = value.strip() if key != "subject" else value
            self._edited()

    def _set_scale(self, key: str, value: Any) -> None:
        if self.data is not None and not self._loading:
            self.data["scale"][key] = value.strip() if isinstance(value, str) else value
            self._edited()

    def _level_edited(self, item: QTableWidgetItem) -> None:
        if self.data is None or self._loading:
            return
        levels = self.data["scale"]["levels"]
        r, c = item.row(), item.column()
        key = ("key", "label", "description")[c]
        value = item.text().strip()
        if key == "key":
            old = levels[r].get("key", "")
            # A renamed level keeps its descriptors.
            for area in self.data["areas"]:
                for st in area["statements"]:
                    desc = st.get("descriptors") or {}
                    if old in desc and value and value not in desc:
                        st["descriptors"] = {(value if k == old else k): v for k, v in desc.items()}
        levels[r][key] = value
        self._edited()
        self._refresh_descriptor_pane()

    def _add_level(self) -> None:
        levels = self.data["scale"]["levels"]
        n = len(levels) + 1
        levels.append({"key": f"level-{n}", "label": self.tr("Level %1").replace("%1", str(n)),
                       "description": ""})
        self._fill_levels()
        self.levels.setCurrentCell(n - 1, 1)
        self.levels.setFocus()
        self._edited()
        self._refresh_descriptor_pane()

    def _remove_level(self) -> None:
        r = self.levels.currentRow()
        levels = self.data["scale"]["levels"]
        if not 0 <= r < len(levels):
            self.say(self.tr("Choose a level in the table first."))
            return
        gone = levels.pop(r)
        for area in self.data["areas"]:
            for st in area["statements"]:
                (st.get("descriptors") or {}).pop(gone.get("key"), None)
                if "descriptors" in st and not st["descriptors"]:
                    del st["descriptors"]
        self._fill_levels()
        self.say(self.tr("Removed the level %1 and its descriptors.").replace("%1", gone.get("label", "")))
        self._edited()
        self._refresh_descriptor_pane()

    def _move_level(self, step: int) -> None:
        r = self.levels.currentRow()
        levels = self.data["scale"]["levels"]
        if not 0 <= r < len(levels) or not 0 <= r + step < len(levels):
            return
        levels[r], levels[r + step] = levels[r + step], levels[r]
        self._fill_levels()
        self.levels.setCurrentCell(r + step, self.levels.currentColumn())
        self._edited()
        self._refresh_descriptor_pane()

    def set_levels(self, levels: list[tuple[str, str]]) -> None:
        """Replace the scale's levels (key, label), keeping descriptors of kept keys."""
        keep = {k for k, _ in levels}
        self.data["scale"]["levels"] = [{"key": k, "label": lab, "description": ""} for k, lab in levels]
        for area in self.data["areas"]:
            for st in area["statements"]:
                desc = {k: v for k, v in (st.get("descriptors") or {}).items() if k in keep}
                st.pop("descriptors", None)
                if desc:
                    st["descriptors"] = desc
        self._fill_levels()
        self._edited()
        self._refresh_descriptor_pane()

    def _groups_edited(self, item: QTableWidgetItem) -> None:
        if self.data is None or self._loading:
            return
        groups = self.data.setdefault("respondents", [])
        groups[item.row()]["id" if item.column() == 0 else "label"] = item.text().strip()
        self._edited()

    def _add_group(self) -> None:
        groups = self.data.setdefault("respondents", [])
        groups.append({"id": f"group-{len(groups) + 1}", "label": self.tr("New group")})
        self._fill_groups()
        self.groups.setCurrentCell(len(groups) - 1, 1)
        self._edited()

    def _remove_group(self) -> None:
        r = self.groups.currentRow()
        groups = self.data.get("respondents") or []
        if len(groups) <= 1:
            self.say(self.tr("At least one group must answer; change its label instead."))
            return
        if 0 <= r < len(groups):
            groups.pop(r)
            self._fill_groups()
            self._edited()

    # --- areas and statements --------------------------------------------------------

    def _item_chosen(self, item: QTreeWidgetItem | None, _prev: Any = None) -> None:
        self._current_item = item
        if item is None:
            return
        node = _node(item)
        is_area = item.parent() is None
        self._loading = True
        try:
            self.e_id.setText(node.get("id", ""))
            self.e_text.set(node.get("title" if is_area else "text", "") or "")
            self.e_text_label.setText(self.tr("&Title:") if is_area else self.tr("&Text:"))
            self.e_text.setAccessibleName(self.tr("Area title") if is_area else self.tr("Statement text"))
            self.e_prompts_label.setText(self.tr("Summar&y:") if is_area else self.tr("Prompts: &questions to explore (one a line):"))
            self.e_prompts.setAccessibleName(self.tr("Area summary") if is_area else self.tr("Prompts, one a line"))
            self.e_prompts.set(node.get("summary", "") if is_area else "\n".join(node.get("prompts", [])))
            self.e_looks.set("" if is_area else "\n".join(node.get("look_fors", [])))
            self.e_looks.setVisible(not is_area)
            self.e_looks_label.setVisible(not is_area)
        finally:
            self._loading = False
        self._refresh_descriptor_pane()

    def _refresh_descriptor_pane(self) -> None:
        while self.descriptor_form.rowCount():
            self.descriptor_form.removeRow(0)
        self._descriptor_edits = {}
        item = self._current_item
        is_statement = item is not None and item.parent() is not None
        levels = self.data["scale"]["levels"] if self.data else []
        self.descriptor_title.setVisible(is_statement and bool(levels))
        if not is_statement or not levels:
            return
        st = _node(item)
        desc = st.get("descriptors") or {}
        for lv in levels:
            key = lv.get("key", "")
            edit = _Text(self.tr("What %1 looks like").replace("%1", lv.get("label", key)), self.descriptor_box, 2)
            edit.set(desc.get(key, ""))
            edit.edited.connect(lambda t, k=key: self.set_descriptor(k, t))
            edit.setReadOnly(self.origin == "built-in")
            self.descriptor_form.addRow(QLabel(f"{lv.get('label', key)}:", self.descriptor_box), edit)
            self._descriptor_edits[key] = edit

    def set_descriptor(self, key: str, text: str) -> None:
        """What level `key` looks like for the chosen statement ('' removes it)."""
        item = self._current_item
        if self._loading or item is None or item.parent() is None:
            return
        st = _node(item)
        desc = dict(st.get("descriptors") or {})
        if text.strip():
            desc[key] = text.strip()
        else:
            desc.pop(key, None)
        order = [lv["key"] for lv in self.data["scale"]["levels"]]
        st.pop("descriptors", None)
        if desc:
            st["descriptors"] = {k: desc[k] for k in sorted(desc, key=lambda k: order.index(k) if k in order else 99)}
        item.setText(0, self._statement_text(st))
        self._edited()

    def _set_item(self, key: str, text: str) -> None:
        item = self._current_item
        if self._loading or item is None:
            return
        node = _node(item)
        is_area = item.parent() is None
        if key == "text":
            node["title" if is_area else "text"] = text.strip()
        elif key == "prompts":
            if is_area:
                node["summary"] = text.strip()
            else:
                node["prompts"] = [x.strip() for x in text.splitlines() if x.strip()]
        elif key == "look_fors":
            node["look_fors"] = [x.strip() for x in text.splitlines() if x.strip()]
        elif key == "id":
            node["id"] = text.strip()
            if is_area:
                for st in node["statements"]:
                    st["area_id"] = node["id"]
        item.setText(0, self._area_text(node) if is_area else self._statement_text(node))
        self._edited()

    def _tree_reordered(self) -> None:
        """Read the new order back from the tree after a drag."""
        areas = []
        for i in range(self.tree.topLevelItemCount()):
            a_item = self.tree.topLevelItem(i)
            area = _node(a_item)
            area["statements"] = [_node(a_item.child(j)) for j in range(a_item.childCount())]
            for st in area["statements"]:
                st["area_id"] = area["id"]
            areas.append(area)
        self.data["areas"] = areas
        self.tree.expandAll()
        self._edited()

    def select_statement(self, statement_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            a_item = self.tree.topLevelItem(i)
            if _node(a_item).get("id") == statement_id:
                self.tree.setCurrentItem(a_item)
                return
            for j in range(a_item.childCount()):
                if _node(a_item.child(j)).get("id") == statement_id:
                    self.tree.setCurrentItem(a_item.child(j))
                    return
        raise KeyError(statement_id)

    def select_area(self, area_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            if _node(self.tree.topLevelItem(i)).get("id") == area_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(i))
                return
        raise KeyError(area_id)

    def _current_area(self) -> dict | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return _node(item.parent() or item)

    def add_new_area(self) -> None:
        ids = {a["id"] for a in self.data["areas"]}
        n = len(self.data["areas"]) + 1
        while str(n) in ids:
            n += 1
        area = {"id": str(n), "title": self.tr("New area"), "summary": "", "statements": []}
        self.data["areas"].append(area)
        self._fill_tree(select=area)
        self.e_text.setFocus()
        self.e_text.selectAll()
        self._edited()

    def add_new_statement(self) -> None:
        area = self._current_area()
        if area is None:
            self.say(self.tr("Add an area first, then its statements."))
            return
        taken = {s["id"] for a in self.data["areas"] for s in a["statements"]}
        n = len(area["statements"]) + 1
        while f"{area['id']}.{n}" in taken:
            n += 1
        st = {"id": f"{area['id']}.{n}", "text": "", "area_id": area["id"], "prompts": [], "look_fors": []}
        item = self.tree.currentItem()
        if item is not None and item.parent() is not None:
            area["statements"].insert(area["statements"].index(_node(item)) + 1, st)
        else:
            area["statements"].append(st)
        self._fill_tree(select=st)
        self.e_text.setFocus()
        self._edited()

    def remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        node = _node(item)
        if item.parent() is None:
            if len(self.data["areas"]) == 1:
                self.say(self.tr("A framework needs at least one area; change this one instead."))
                return
            self.data["areas"] = [a for a in self.data["areas"] if a is not node]
            self.say(self.tr("Removed area %1 and its statements.").replace("%1", node.get("id", "")))
        else:
            area = _node(item.parent())
            area["statements"] = [s for s in area["statements"] if s is not node]
            self.say(self.tr("Removed statement %1.").replace("%1", node.get("id", "")))
        self._fill_tree()
        self._edited()

    def move_current(self, step: int) -> None:
        """Move the chosen area or statement up or down (a statement moves into the
        next area when it passes the end of its own)."""
        item = self.tree.currentItem()
        if item is None or self.origin == "built-in":
            return
        node = _node(item)
        areas = self.data["areas"]
        if item.parent() is None:
            i = areas.index(node)
            if not 0 <= i + step < len(areas):
                return
            areas[i], areas[i + step] = areas[i + step], areas[i]
        else:
            area = _node(item.parent())
            sts = area["statements"]
            i = sts.index(node)
            if 0 <= i + step < len(sts):
                sts[i], sts[i + step] = sts[i + step], sts[i]
            else:
                ai = areas.index(area) + step
                if not 0 <= ai < len(areas):
                    return
                sts.remove(node)
                node["area_id"] = areas[ai]["id"]
                if step > 0:
                    areas[ai]["statements"].insert(0, node)
                else:
                    areas[ai]["statements"].append(node)
        self._fill_tree(select=node)
        self.tree.setFocus()
        self._edited()

    def renumber(self) -> None:
        item = self.tree.currentItem()
        node = _node(item) if item else None
        renumber(self.data)
        self._fill_tree(select=node)
        self.say(self.tr("Numbered the areas and statements in their present order."))
        self._edited()

    # --- checking, preview, saving ---------------------------------------------------

    def _validate(self) -> str:
        if self.data is None:
            return ""
        self.problem = check(self.data)
        if self.problem:
            self.status.setText(self.tr("⚠ Not ready to save: %1").replace("%1", self.problem))
        else:
            n = sum(len(a["statements"]) for a in self.data["areas"])
            state = self.tr("changes not saved yet") if self.changed else self.tr("saved")
            self.status.setText(self.tr("✓ All checks pass: %1 areas, %2 statements (%3).")
                                .replace("%1", str(len(self.data["areas"]))).replace("%2", str(n))
                                .replace("%3", state))
        if self.tabs.currentIndex() == 4:
            self._fill_preview()
        return self.problem

    def _tab_changed(self, index: int) -> None:
        if index == 4:
            self._fill_preview()

    def _framework(self):
        return parse(to_toml(self.data), f"{self.data.get('id')}.toml")

    def _fill_preview(self) -> None:
        if self.data is None or self.problem:
            self.preview_model.beginResetModel()
            self.preview_model.rows = []
            self.preview_model.endResetModel()
            self.pdf_button.setEnabled(False)
            self.pdf_status.setText(self.tr("Fix the problem shown below to see the preview."))
            return
        self.pdf_button.setEnabled(True)
        self.pdf_status.setText("")
        self.preview_model.load(blank_bundle(self._framework()))
        widths = {"no": 48, "statement": 420, "school": 120, "comment": 200, "evidence": 80}
        for i, col in enumerate(self.preview_model.columns):
            if col in widths:
                self.preview.setColumnWidth(i, widths[col])
        self.preview.clearSpans()
        for i, row in enumerate(self.preview_model.rows):
            if row.statement is None:
                self.preview.setSpan(i, 0, 1, len(self.preview_model.columns))

    def _preview_row(self, current: QModelIndex, _prev: QModelIndex) -> None:
        rows = self.preview_model.rows
        if not current.isValid() or current.row() >= len(rows) or rows[current.row()].statement is None:
            self.preview_descriptors.hide()
            return
        b = self.preview_model.bundle
        self.preview_descriptors.show_for(b.framework, rows[current.row()].statement)

    def make_form_pdf(self, path: Path | None = None, on_done: Callable[[Path], None] | None = None) -> None:
        """The blank self-evaluation form as a PDF, made on the thread pool."""
        from ..core import reports
        from ..core.reports import ReportKind, ReportOptions
        if self.problem or self.data is None:
            self.say(self.tr("Fix the problem shown below first."))
            return
        bundle = blank_bundle(self._framework())
        target = Path(path) if path else Path(tempfile.mkdtemp(prefix="wss-form-")) / f"{self.data['id']}-form.pdf"
        self.pdf_button.setEnabled(False)
        self.pdf_status.setText(self.tr("Making the form…"))

        def make() -> Path:
            reports.render(bundle, ReportOptions(kind=ReportKind.SELF_EVALUATION), target, what="the form")
            return target
        work, explained = jobs.noting_explained(make)

        def done(result: Path) -> None:
            self.last_pdf = result
            self.pdf_button.setEnabled(True)
            self._say_form(self.tr("The form is ready: %1").replace("%1", str(result)))
            if on_done:
                on_done(result)
            elif not os.environ.get(NO_OPEN_ENV):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

        def failed(message: str) -> None:
            self.pdf_button.setEnabled(True)
            # The core's own sentence says the form was not saved, and why.
            self._say_form(message if explained else self.tr("The form could not be made: %1").replace("%1", message),
                           problem=True)

        self._job = jobs.start(work, done, failed, self)

    def _say_form(self, text: str, *, problem: bool = False) -> None:
        tell(self.pdf_status, text, problem=problem)

    def save(self) -> Path | None:
        """Write the framework into the user's frameworks folder (never a shipped one)."""
        if self.data is None or self.origin == "built-in":
            self.say(self.tr("Shipped frameworks cannot be changed; make your own version first."))
            return None
        problem = self._validate()
        if problem:
            self.say(self.tr("Not saved: %1").replace("%1", problem))
            return None
        fid = self.data["id"]
        lib = self.ws.library
        if lib.origins.get(fid) == "built-in":
            answer = QMessageBox.StandardButton.Yes if os.environ.get(NO_OPEN_ENV) else QMessageBox.question(
                self, self.tr("Replace a shipped framework?"),
                self.tr("Your framework has the id of the shipped “%1”; new reviews will use yours "
                        "instead. Reviews already started keep theirs.").replace("%1", lib.get(fid).name))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        users = self.ws.framework_users(fid)
        same_version = users.get(self.data["version"], [])
        try:
            path = save_user_framework(self.data, self.ws.paths.user_frameworks)
        except (FrameworkError, OSError) as exc:
            self.say(self.tr("Not saved: %1").replace("%1", str(exc)))
            return None
        self.changed = False
        self.origin = "user"
        self._let_go_of_draft()
        self.refresh_list(select=fid)
        self._show_users()
        self._validate()
        note = ""
        if same_version:
            note = plural(len(same_version),
                          self.tr(" %n review started with an earlier copy of version %2 and keeps it; "
                                  "raise the version so the two can be told apart."),
                          self.tr(" %n reviews started with an earlier copy of version %2 and keep it; "
                                  "raise the version so the two can be told apart.")) \
                .replace("%2", self.data["version"])
        self.say(self.tr("Saved %1 to %2.").replace("%1", self.data["name"]).replace("%2", str(path)) + note)
        self.saved.emit(fid)
        return path

    def make_own_version(self, new_id: str, name: str, publisher: str = "", version: str = "1.0") -> bool:
        """Copy the framework on show under a new id; nothing changes if the id is bad or taken."""
        if self.data is None:
            return False
        new_id = new_id.strip()
        if new_id in self.ws.library.frameworks:
            self.say(self.tr("There is already a framework with the id “%1”; choose another.")
                     .replace("%1", new_id))
            return False
        try:
            source = self._framework()
        except FrameworkError as exc:
            self.say(self.tr("Fix this first: %1").replace("%1", str(exc)))
            return False
        try:
            data = copy_framework(source, new_id, name, publisher=publisher, version=version.strip() or "1.0")
        except FrameworkError as exc:
            self.say(exc.problem[0].upper() + exc.problem[1:] + ".")
            return False
        self.load(data, "new")
        self._show_unsaved_entry()
        self.say(self.tr("This is your own copy, not saved yet: change it, then Save."))
        return True

    def _ask_copy(self) -> None:
        if self.data is None:
            return
        dialog = CopyDialog(self.data.get("name", ""), self)
        dialog.id.setText(f"my-{self.data.get('id', '')}"[:60])
        dialog.name.setText(self.tr("%1 (our version)").replace("%1", self.data.get("name", "")))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.make_own_version(dialog.id.text(), dialog.name.text(), dialog.publisher.text(),
                                     dialog.version.text()):
                break
            QMessageBox.warning(dialog, self.tr("Make your own version"), self.message.text())
        dialog.deleteLater()

    def import_from(self, path: str | Path) -> bool:
        """Open a framework file, spreadsheet or Word table in the editor (not saved yet).
        Anything wrong is listed, and what was on show stays as it was."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".toml":
                data = editable(load_file(path))
            else:
                data = import_file(path)
        except ImportFailed as exc:
            self.say(str(exc))
            return False
        except UserError as exc:
            self.say(str(exc))
            return False
        self.load(data, "new")
        self._show_unsaved_entry()
        self.say(self.tr("Imported %1 from %2: check it, then Save to add it to your frameworks.")
                 .replace("%1", data.get("name", "")).replace("%2", path.name))
        return True

    def _ask_import(self) -> None:
        name = choosers.open_file(self, self.tr("Import a framework"), str(Path.home()),
                                  self.tr("Frameworks (*.toml *.xlsx *.docx)"))
        if name and not self.import_from(name):
            QMessageBox.warning(self, self.tr("Import a framework"), self.message.text())

    def export_to(self, path: str | Path) -> bool:
        if self.data is None:
            return False
        if self.problem:
            self.say(self.tr("Not exported: %1").replace("%1", self.problem))
            return False
        path = Path(path)
        try:
            if path.suffix.lower() in (".xlsx", ".docx"):
                from ..core.framework_import import write_template
                write_template(path, self._framework())
            else:
                export_toml(self.data, path)
        except (OSError, UserError) as exc:
            self.say(self.tr("Not exported: %1").replace("%1", str(exc)))
            return False
        self.say(self.tr("Exported to %1.").replace("%1", str(path)))
        return True

    def _ask_export(self) -> None:
        if self.data is None:
            return
        name = choosers.save_file(self, self.tr("Export the framework"),
                                  str(Path.home() / f"{self.data.get('id', 'framework')}.toml"),
                                  self.tr("Framework file (*.toml);;Spreadsheet (*.xlsx);;"
                                          "Word document (*.docx)"))
        if name:
            self.export_to(name)

    def say(self, text: str) -> None:
        self.message.setText(text)
        announce(self.message, text)
        from PySide6.QtGui import QAccessible
        from PySide6.QtGui import QAccessibleEvent
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self.message, QAccessible.Event.NameChanged))

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.changed and self.origin != "built-in":
            if not self._confirm_discard():
                event.ignore()
                return
            self.changed = False
            self._let_go_of_draft()
            self._show_saved()
        super().closeEvent(event)

    def _show_saved(self) -> None:
        """Changes were left: the editor (kept for next time) shows what is saved, so the
        changes left are neither shown as if saved nor written by the next save."""
        fid = (self.data or {}).get("id")
        self._drop_unsaved_entry()
        lib = self.ws.library
        if self.origin != "new" and fid in lib.frameworks:
            self.load(editable(lib.get(fid)), lib.origins[fid])
            self.refresh_list(select=fid)
        elif self.list.count():      # a new copy never saved: the first framework instead
            self.list.setCurrentRow(-1)
            self.list.setCurrentRow(0)
