"""Learning-walk capture, built for a reviewer walking from room to room.

One observation per room visit. The clock starts itself (when "Next room" is pressed
or the first thing is typed); every field is saved as it is typed; nothing here opens
a dialog except the photo file picker the user asks for.

Keys: Ctrl+N or Ctrl+Enter next room; Ctrl+E leave room (stop the clock); Alt+1..9
tick the numbered look-fors; in the focus-area bar, the area's number ticks it.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QListWidgetItem,
                               QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from ..core.errors import UserError
from ..core.frameworks import Area, Statement
from ..core.model import Evidence, EvidenceKind, ReviewBundle
from . import jobs
from .autosave import now_hhmm
from .context import ReviewContext
from .rubric import add_to_layout as add_descriptors
from .forms.ui_learning_walk import Ui_LearningWalk
from .reflow import set_breakpoint
from .style import scaled
from .widgets import ClickableLabel, clear_layout, layout_widgets, plural
from . import choosers

PICTURES = ("*.jpg", "*.jpeg", "*.png", "*.heic", "*.webp", "*.bmp", "*.gif", "*.tif", "*.tiff")


# The clock beside the time in the room: a symbol DejaVu Sans (installed by
# scripts/setup.sh) draws; the stopwatch U+23F1 has no glyph there and showed as a box.
CLOCK = "\u25f7"   # ◷


class AreaBar(QGroupBox):
    """Toggle buttons for the focus areas. With the bar focused, a digit ticks that
    area; arrows move; Space ticks the highlighted one. (A flat group box, so a screen
    reader hears a named group rather than an anonymous panel.)"""

    toggled = Signal()
    PER_ROW = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.layout_ = QGridLayout(self)
        self.layout_.setContentsMargins(0, 4, 0, 4)
        self.layout_.setSpacing(4)
        self.label = QLabel(self.tr("Focus areas (with this bar focused, press an area's number):"), self)
        self.label.setWordWrap(True)
        self.layout_.addWidget(self.label, 0, 0, 1, self.PER_ROW)
        self.buttons: list[QToolButton] = []
        self.cursor = 0
        self.per_row = self.PER_ROW
        self.setAccessibleName(self.tr("Focus areas"))
        self.setAccessibleDescription(self.tr("Press an area's number to tick or untick it"))

    def fit(self, width: int) -> None:
        """Lay the buttons out in as many columns as the width allows (large text
        gets fewer columns instead of a sideways scroll)."""
        if not self.buttons:
            return
        widest = max(b.sizeHint().width() for b in self.buttons) + self.layout_.spacing()
        per_row = max(1, min(self.PER_ROW, width // max(1, widest)))
        if per_row == self.per_row:
            return
        self.per_row = per_row
        for b in self.buttons:
            self.layout_.removeWidget(b)
        self.layout_.removeWidget(self.label)
        self.layout_.addWidget(self.label, 0, 0, 1, per_row)
        for i, b in enumerate(self.buttons):
            self.layout_.addWidget(b, 1 + i // per_row, i % per_row)

    def set_areas(self, areas: list[Area]) -> None:
        for b in self.buttons:
            b.hide()
            b.deleteLater()
        self.buttons = []
        for i, area in enumerate(areas):
            b = QToolButton(self)
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setProperty("areaToggle", True)
            b.setProperty("areaId", area.id)
            b.setText(self._short(area))
            b.setMinimumWidth(0)
            b.setToolTip(f"{area.id}. {area.title}")
            b.setAccessibleName(self.tr("Area %1: %2").replace("%1", area.id).replace("%2", area.title))
            b.clicked.connect(self.toggled)
            b.toggled.connect(lambda _c, btn=b: self._mark(btn))
            self.layout_.addWidget(b, 1 + i // self.per_row, i % self.per_row)
            self.buttons.append(b)

    @staticmethod
    def _short(area: Area) -> str:
        skip = {"the", "of", "for", "and", "with", "to", "in", "a", "an", "pupils", "send",
                "parents/carers", "efficient", "use", "quality"}
        words = [w for w in area.title.replace(",", "").split() if w.lower() not in skip]
        return f"{area.id} {words[0].capitalize() if words else ''}".strip()

    def _mark(self, button: QToolButton) -> None:
        button.setText(("✓ " if button.isChecked() else "") + button.text().removeprefix("✓ "))

    def checked(self) -> list[str]:
        return [b.property("areaId") for b in self.buttons if b.isChecked()]

    def set_checked(self, ids: list[str]) -> None:
        for b in self.buttons:
            b.blockSignals(True)
            b.setChecked(b.property("areaId") in ids)
            b.blockSignals(False)
            self._mark(b)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if text.isdigit() and text != "0":
            n = int(text)
            target = next((b for b in self.buttons if b.property("areaId") == text), None)
            if target is None and n <= len(self.buttons):
                target = self.buttons[n - 1]
            if target is not None:
                target.toggle()
                self.toggled.emit()
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.buttons:
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            self.cursor = (self.cursor + step) % len(self.buttons)
            self._highlight()
            return
        if event.key() == Qt.Key.Key_Space and self.buttons:
            self.buttons[self.cursor].toggle()
            self.toggled.emit()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        self._highlight()
        super().focusInEvent(event)

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        for b in self.buttons:
            b.setDown(False)
        super().focusOutEvent(event)

    def _highlight(self) -> None:
        for i, b in enumerate(self.buttons):
            b.setAutoRaise(i != self.cursor or not self.hasFocus())


class TickRow(QWidget):
    """A tick box whose long, wrapping label also ticks it when clicked."""

    def __init__(self, text: str, accessible: str, parent: QWidget | None = None, *,
                 indent: int = 0, bold: bool = False):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(indent, 2, 0, 2)
        self.box = QCheckBox(self)
        self.box.setProperty("lookFor", True)
        self.box.setAccessibleName(accessible)
        self.label = ClickableLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if bold:
            scaled(self.label, 1.0, bold=True)
        self.label.clicked.connect(self.box.toggle)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        # The list lays rows out by their minimum height, so keep that at the height
        # the wrapped label needs at its current width (large text needs more lines).
        needed = self.label.heightForWidth(self.label.width())
        if needed > 0 and needed != self.label.minimumHeight():
            self.label.setMinimumHeight(needed)
        super().resizeEvent(event)


class LearningWalk(QWidget):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_LearningWalk()
        self.ui.setupUi(self)
        self.saver = ctx.saver(self)
        self.current: str | None = None
        self.bundle: ReviewBundle | None = None
        self.look_rows: list[tuple[TickRow, Statement, str]] = []
        self.statement_rows: dict[str, TickRow] = {}
        self.photo_jobs = 0
        ui = self.ui

        self.area_bar = AreaBar(ui.fields)
        ui.fieldsGrid.replaceWidget(ui.areaBar, self.area_bar)
        ui.areaBar.deleteLater()
        self.area_bar.toggled.connect(self._areas_changed)
        # Room, year group, subject, then the focus areas: the order they are typed in.
        # Next room comes straight after the last text box, before the photos.
        order = (ui.room, ui.yearGroup, ui.subject, self.area_bar, ui.teacherPresent, ui.tas,
                 ui.support, ui.notes, ui.strengths, ui.consider, ui.pupilVoice, ui.nextRoom,
                 ui.endObservation, ui.addPhoto, ui.photos, ui.observations)
        for a, b in zip(order, order[1:]):
            self.setTabOrder(a, b)

        for w in (ui.nextRoom, ui.endObservation):
            w.setProperty("big", True)
        scaled(ui.clock, 1.2)
        scaled(ui.room, 1.15)
        scaled(ui.yearGroup, 1.15)
        for edit in (ui.support, ui.notes, ui.strengths, ui.consider, ui.pupilVoice):
            edit.setMinimumHeight(64)
        ui.support.setMaximumHeight(90)
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 3)
        ui.splitter.setStretchFactor(2, 2)
        ui.splitter.setSizes([200, 560, 360])
        set_breakpoint(ui.splitter, 900)   # narrower: the three panes stack
        ui.photos.setIconSize(QSize(96, 72))
        # Always showing the scroll bar keeps the width steady, so wrapped labels are
        # measured once at the width they are shown at.
        ui.lookForScroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        ui.lookForScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.fieldsScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.look_layout = QVBoxLayout(ui.lookForBody)
        # Set the body again now it has a layout, so the scroll area measures wrapped
        # labels by their height for the width they are given.
        ui.lookForScroll.takeWidget()
        ui.lookForScroll.setWidget(ui.lookForBody)
        self.counts_scroll = QScrollArea(ui.walkPanel)
        self.counts_scroll.setAccessibleName(self.tr("Observations per focus area"))
        self.counts_scroll.setWidgetResizable(True)
        self.counts_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        ui.walkLayout.removeWidget(ui.areaCounts)
        self.counts_scroll.setWidget(ui.areaCounts)
        ui.walkLayout.addWidget(self.counts_scroll)
        ui.walkLayout.setStretch(1, 3)
        ui.walkLayout.setStretch(3, 2)
        ui.fieldsScroll.viewport().installEventFilter(self)

        watch: list[tuple[QWidget, Callable[[str], None]]] = [
            (ui.room, lambda t: self._update(room=t)),
            (ui.yearGroup, lambda t: self._update(year_group=t)),
            (ui.subject, lambda t: self._update(subject=t)),
            (ui.support, lambda t: self._update(support=t)),
            (ui.notes, lambda t: self._update(text=t)),
            (ui.strengths, lambda t: self._update(strengths=t)),
            (ui.consider, lambda t: self._update(consider=t)),
            (ui.pupilVoice, lambda t: self._update(pupil_voice=t)),
        ]
        for widget, save in watch:
            self.saver.watch(widget, save)
        self.text_fields = [w for w, _ in watch]
        ui.teacherPresent.toggled.connect(
            lambda on: self._instant(lambda: self._update(teacher_present=on)))
        ui.tas.valueChanged.connect(lambda n: self._instant(lambda: self._update(tas=n)))
        ui.nextRoom.clicked.connect(self.next_room)
        ui.endObservation.clicked.connect(self.leave_room)
        ui.observations.currentItemChanged.connect(self._observation_chosen)
        ui.addPhoto.clicked.connect(self._pick_photos)
        self.setAcceptDrops(True)

        def shortcut(keys: str, slot: Callable[[], None]) -> None:
            # Window-wide: they work on arriving at the walk, wherever the focus is; Qt
            # ignores them while the walk is hidden (another stage or tab is shown).
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

        shortcut("Ctrl+N", self.next_room)
        shortcut("Ctrl+Return", self.next_room)
        shortcut("Ctrl+Enter", self.next_room)
        shortcut("Ctrl+E", self.leave_room)
        for n in range(1, 10):
            shortcut(f"Alt+{n}", lambda n=n: self.toggle_look_for(n))

        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(15_000)
        self.clock_timer.timeout.connect(self._show_clock)
        self.clock_timer.start()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
        if obj is self.ui.fieldsScroll.viewport() and event.type() == QEvent.Type.Resize:
            self.area_bar.fit(event.size().width() - 24)
        elif event.type() == QEvent.Type.KeyPress and isinstance(obj, QCheckBox) \
                and obj.property("lookFor"):
            return self._look_for_key(obj, event)
        return False

    def focus_first(self) -> QWidget:
        """On arriving by key the cursor is in Room: typing there starts an observation
        (and its clock), as Ctrl+N does."""
        return self.ui.room

    def _look_for_key(self, box: QCheckBox, event: QKeyEvent) -> bool:
        """The tick boxes are one tab stop; Up and Down move between them."""
        boxes = [row.box for row in self._tick_rows()]
        if event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down) or box not in boxes:
            return False
        i = boxes.index(box) + (1 if event.key() == Qt.Key.Key_Down else -1)
        if 0 <= i < len(boxes):
            self._rove(boxes, boxes[i])
            boxes[i].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _tick_rows(self) -> list[TickRow]:
        return [w for w in layout_widgets(self.look_layout) if isinstance(w, TickRow)]

    @staticmethod
    def _rove(boxes: list[QCheckBox], stop: QCheckBox | None) -> None:
        """Only one box of the group is reached by Tab: the last one used."""
        for b in boxes:
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus if b is stop else Qt.FocusPolicy.ClickFocus)

    # --- loading ---------------------------------------------------------------

    def load(self) -> None:
        self.saver.flush()
        self.bundle = self.ctx.bundle()
        scope = self.bundle.scope_area_ids()
        areas = [a for a in self.bundle.framework.areas if a.id in scope]
        if [b.property("areaId") for b in self.area_bar.buttons] != [a.id for a in areas]:
            self.area_bar.set_areas(areas)
            self.area_bar.fit(self.ui.fieldsScroll.viewport().width() - 24)
        if self.current and self._evidence(self.current) is None:
            self.current = None
        self._fill_list()
        self._show_current()

    def observations(self) -> list[Evidence]:
        assert self.bundle is not None
        walk = [e for e in self.bundle.evidence if e.kind == EvidenceKind.LEARNING_WALK]
        return sorted(walk, key=lambda e: (e.date or "", e.start or "", e.created or "", e.id))

    def _evidence(self, evidence_id: str) -> Evidence | None:
        assert self.bundle is not None
        return next((e for e in self.bundle.evidence if e.id == evidence_id), None)

    def _fill_list(self) -> None:
        assert self.bundle is not None
        b = self.bundle
        refs = b.evidence_refs()
        lst = self.ui.observations
        lst.blockSignals(True)
        lst.clear()
        counts: dict[str, int] = {}
        for e in self.observations():
            areas = self._areas_of(e.id)
            for a in areas:
                counts[a] = counts.get(a, 0) + 1
            where = " ".join(x for x in (e.room, f"({e.year_group})" if e.year_group else "") if x)
            times = e.start or ""
            if e.end:
                times += f"–{e.end}"
            bits = [f"{refs.get(e.id, '')} {times}", where or self.tr("(no room yet)")]
            extra = []
            if e.look_fors:
                extra.append(plural(len(e.look_fors), self.tr("%n look-for"), self.tr("%n look-fors")))
            photos = len(b.photos_of(e.id))
            if photos:
                extra.append(plural(photos, self.tr("%n photo"), self.tr("%n photos")))
            if extra:
                bits.append(", ".join(extra))
            item = QListWidgetItem("\n".join(bits), lst)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            if e.id == self.current:
                lst.setCurrentItem(item)
        lst.blockSignals(False)
        lines = []
        for area in b.framework.areas:
            if area.id in b.scope_area_ids():
                n = counts.get(area.id, 0)
                lines.append(f"{AreaBar._short(area)}: <b>{n}</b>")
        total = len(self.observations())
        self.ui.countsTitle.setText(plural(total, self.tr("%n observation; per focus area:"),
                                           self.tr("%n observations; per focus area:")))
        self.ui.areaCounts.setText("<br>".join(lines))

    def _areas_of(self, evidence_id: str) -> list[str]:
        assert self.bundle is not None
        areas = set(self.bundle.areas_of(evidence_id))
        for sid in self.bundle.statements_of(evidence_id):
            try:
                areas.add(self.bundle.framework.statement(sid).area_id)
            except KeyError:
                continue
        return sorted(areas)

    def _show_current(self) -> None:
        ui = self.ui
        e = self._evidence(self.current) if self.current else None
        values = {ui.room: e.room if e else "", ui.yearGroup: e.year_group if e else "",
                  ui.subject: e.subject if e else "", ui.support: e.support if e else "",
                  ui.notes: e.text if e else "",
                  ui.strengths: e.strengths if e else "", ui.consider: e.consider if e else "",
                  ui.pupilVoice: e.pupil_voice if e else ""}
        for widget, text in values.items():
            text = text or ""
            current = widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()
            if current != text:
                widget.blockSignals(True)
                if hasattr(widget, "setPlainText"):
                    widget.setPlainText(text)
                else:
                    widget.setText(text)
                widget.blockSignals(False)
        self.saver.reset()
        for w, value in ((ui.teacherPresent, bool(e and e.teacher_present)),):
            w.blockSignals(True)
            w.setChecked(value)
            w.blockSignals(False)
        ui.tas.blockSignals(True)
        ui.tas.setValue(e.tas or 0 if e else 0)
        ui.tas.blockSignals(False)
        areas = self.bundle.areas_of(e.id) if (e and self.bundle) else []
        self.area_bar.set_checked(areas)
        self._build_look_fors()
        self._show_photos()
        self._show_clock()

    def _build_look_fors(self) -> None:
        assert self.bundle is not None
        b = self.bundle
        e = self._evidence(self.current) if self.current else None
        chosen_areas = self.area_bar.checked()
        ticked_statements = set(b.statements_of(e.id)) if e else set()
        ticked_looks = set(e.look_fors or []) if e else set()
        scope = b.scope_area_ids()
        show = [a for a in b.framework.areas if a.id in (chosen_areas or scope)]
        clear_layout(self.look_layout, hide=True)
        self.look_rows = []
        self.statement_rows = {}
        number = 0
        if not chosen_areas:
            note = QLabel(self.tr("Showing every area in scope. Tick a focus area to narrow "
                                  "this list."), self.ui.lookForBody)
            note.setWordWrap(True)
            self.look_layout.addWidget(note)
        for area in show:
            title = QLabel(f"{area.id}. {area.title}", self.ui.lookForBody)
            title.setWordWrap(True)
            scaled(title, 1.05, bold=True)
            self.look_layout.addWidget(title)
            for st in area.statements:
                srow = TickRow(f"{st.id} {st.text}", self.tr("Statement %1: %2")
                               .replace("%1", st.id).replace("%2", st.text),
                               self.ui.lookForBody, bold=False)
                srow.box.setChecked(st.id in ticked_statements)
                srow.box.toggled.connect(lambda _on, sid=st.id: self._statements_changed())
                self.look_layout.addWidget(srow)
                self.statement_rows[st.id] = srow
                add_descriptors(self.look_layout, b.framework, st, self.ui.lookForBody)
                for text in st.look_fors:
                    number += 1
                    prefix = f"[{number}] " if number <= 9 else ""
                    lrow = TickRow(prefix + text, self.tr("Look-for: %1").replace("%1", text),
                                   self.ui.lookForBody, indent=24)
                    if number <= 9:
                        lrow.box.setToolTip(self.tr("Alt+%1").replace("%1", str(number)))
                    lrow.box.setChecked(text in ticked_looks)
                    lrow.box.toggled.connect(lambda on, st=st: self._look_fors_changed(st, on))
                    self.look_layout.addWidget(lrow)
                    self.look_rows.append((lrow, st, text))
        self.look_layout.addStretch(1)
        rows = self._tick_rows()
        for row in rows:
            row.box.installEventFilter(self)
        self._rove([r.box for r in rows], rows[0].box if rows else None)

    def _show_photos(self) -> None:
        ui = self.ui
        ui.photos.clear()
        if not (self.current and self.bundle):
            return
        for photo in self.bundle.photos_of(self.current):
            try:
                data = self.ctx.ws.photo_bytes(photo.id)
            except (UserError, OSError):
                continue
            pix = QPixmap()
            pix.loadFromData(data)
            item = QListWidgetItem(QIcon(pix.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation)),
                                   photo.caption or "", ui.photos)
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(self.tr("Photo %1 × %2").replace("%1", str(photo.width))
                            .replace("%2", str(photo.height)))

    def _show_clock(self) -> None:
        e = self._evidence(self.current) if (self.current and self.bundle) else None
        if e is None or not e.start:
            self.ui.clock.setText(self.tr("Press Next room (Ctrl+N) or start typing: the clock "
                                          "starts by itself."))
            return
        start = QTime.fromString(e.start, "HH:mm")
        if e.end:
            end = QTime.fromString(e.end, "HH:mm")
            minutes = max(0, start.secsTo(end) // 60)
            self.ui.clock.setText(self.tr("In the room %1–%2 (%3 min)").replace("%1", e.start)
                                  .replace("%2", e.end).replace("%3", str(minutes)))
        else:
            minutes = max(0, start.secsTo(QTime.currentTime()) // 60)
            self.ui.clock.setText((CLOCK + " " + self.tr("Started %1 · %2 min so far")).replace("%1", e.start)
                                  .replace("%2", str(minutes)))

    # --- saving -----------------------------------------------------------------

    def _ensure(self) -> str:
        """The observation being typed into, started (with its clock) if there is none."""
        if self.current is None:
            self.current = self.ctx.ws.add_evidence(self.ctx.review_id,
                                                    EvidenceKind.LEARNING_WALK.value, start=now_hhmm())
            self._reload(keep_fields=True)
        return self.current

    # Fields the observation list shows; a save of any other field changes nothing on
    # screen but the field itself, so it reads back nothing but its own row.
    LISTED = frozenset({"room", "year_group", "start", "end", "look_fors"})

    def _update(self, **values: Any) -> None:
        evidence_id = self._ensure()
        self.ctx.ws.update_evidence(evidence_id, **values)
        saved = self.ctx.ws.store.get(Evidence, evidence_id)
        if self.bundle is None or saved is None:
            self._reload(keep_fields=True)
            return
        self.bundle.evidence[:] = [saved if e.id == evidence_id else e for e in self.bundle.evidence]
        if self.LISTED.intersection(values):
            self._fill_list()
        self._show_clock()

    def _instant(self, action: Callable[[], None]) -> None:
        self.saver.instant(action)

    def _reload(self, keep_fields: bool = False) -> None:
        self.bundle = self.ctx.bundle()
        self._fill_list()
        if not keep_fields:
            self._show_current()
        else:
            self._show_clock()

    def _areas_changed(self) -> None:
        chosen = self.area_bar.checked()
        self._instant(lambda: self.ctx.ws.set_links("evidence", self._ensure(), "area", chosen))
        self._reload(keep_fields=True)
        self._build_look_fors()

    def _statements_changed(self) -> None:
        ticked = [sid for sid, row in self.statement_rows.items() if row.box.isChecked()]
        assert self.bundle is not None
        e = self._evidence(self.current) if self.current else None
        # Statements not shown (other areas) stay linked.
        hidden = [s for s in (self.bundle.statements_of(e.id) if e else [])
                  if s not in self.statement_rows]
        self._instant(lambda: self.ctx.ws.set_links("evidence", self._ensure(), "statement",
                                                    hidden + ticked))
        self._reload(keep_fields=True)

    def _look_fors_changed(self, statement: Statement, on: bool) -> None:
        assert self.bundle is not None
        e = self._evidence(self.current) if self.current else None
        others = [t for t in ((e.look_fors or []) if e else []) if t not in {x[2] for x in self.look_rows}]
        ticked = [text for row, _st, text in self.look_rows if row.box.isChecked()]
        self._instant(lambda: self._update(look_fors=others + ticked))
        srow = self.statement_rows.get(statement.id)
        if on and srow is not None and not srow.box.isChecked():
            srow.box.setChecked(True)   # ticking a look-for links its statement

    def toggle_look_for(self, number: int) -> None:
        if 1 <= number <= len(self.look_rows):
            self.look_rows[number - 1][0].box.toggle()

    def _is_empty(self, e: Evidence) -> bool:
        assert self.bundle is not None
        text = any((getattr(e, f) or "").strip() for f in
                   ("room", "year_group", "subject", "support", "strengths", "consider",
                    "pupil_voice", "text"))
        return not (text or e.look_fors or e.tas or e.teacher_present
                    or self.bundle.links_from(e.id) or self.bundle.photos_of(e.id))

    def _close_current(self) -> None:
        """Stop the clock on the current observation (or drop it if nothing was noted)."""
        self.saver.flush()
        if self.current is None:
            return
        self.bundle = self.ctx.bundle()
        e = self._evidence(self.current)
        if e is None:
            return
        if self._is_empty(e):
            self._instant(lambda: self.ctx.ws.delete_evidence(e.id))
        elif not e.end:
            self._instant(lambda: self.ctx.ws.update_evidence(e.id, end=now_hhmm()))

    def next_room(self) -> None:
        """Close this observation and open the next, its clock already running."""
        if self.photo_jobs:
            self.ui.clock.setText(self.tr("One moment: a photo is still being added…"))
            QTimer.singleShot(200, self.next_room)
            return
        self._close_current()
        self.current = None
        self._instant(self._ensure)
        self._reload()
        self.ui.room.setFocus()

    def leave_room(self) -> None:
        if self.current is None:
            return
        self._close_current()
        self._reload()

    def _observation_chosen(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is None:
            return
        chosen = item.data(Qt.ItemDataRole.UserRole)
        if chosen != self.current:
            # After the list's own signal has finished: switching rebuilds the list.
            QTimer.singleShot(0, lambda: self.open_observation(chosen))

    def open_observation(self, evidence_id: str) -> None:
        if evidence_id == self.current:
            return
        self._close_current()
        self.current = evidence_id
        self._reload()

    def leave(self) -> None:
        """The screen is being left: keep what was typed, drop an empty observation."""
        self.saver.flush()
        if self.current is not None:
            self.bundle = self.ctx.bundle()
            e = self._evidence(self.current)
            if e is not None and self._is_empty(e):
                self._instant(lambda: self.ctx.ws.delete_evidence(e.id))
                self.current = None

    # --- photos --------------------------------------------------------------------

    def _pick_photos(self) -> None:
        files = choosers.open_files(
            self, self.tr("Add photos"), "", self.tr("Pictures (%1)").replace("%1", " ".join(PICTURES)))
        self.add_photo_files(files)

    def add_photo_files(self, files: list[str]) -> None:
        if not files:
            return
        evidence_id = self._ensure()
        for path in files:
            self.photo_jobs += 1
            jobs.start(lambda path=path: jobs.shrink_photo(path),
                       lambda result, eid=evidence_id: self._photo_ready(eid, result),
                       self._photo_failed, self)
        self.ui.clock.setText(plural(len(files), self.tr("Adding %n photo…"), self.tr("Adding %n photos…")))

    def _photo_ready(self, evidence_id: str, result: tuple[bytes, int, int]) -> None:
        self.photo_jobs -= 1
        data, _w, _h = result
        if self.saver.instant(lambda: self.ctx.ws.add_photo(evidence_id, data)):
            self.bundle = self.ctx.bundle()
            self._fill_list()
            if evidence_id == self.current:
                self._show_photos()
        self._show_clock()

    def _photo_failed(self, message: str) -> None:
        self.photo_jobs -= 1
        self.saver.failed.emit(self.tr("That photo could not be added: %1").replace("%1", message))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_photo_files(files)
        event.acceptProposedAction()
