"""No window offers two controls on the same Alt+letter (issue 13): with a clash, Qt
only moves the focus between them, so Alt+N in the wizard never reached Next."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget)

from wss_desktop.core.model import Stage

MNEMONIC = re.compile(r"&([^&\s])")


def key_of(text: str) -> str | None:
    m = MNEMONIC.search(text.replace("&&", ""))
    return m.group(1).lower() if m else None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter the shown window offers, with what offers it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        k = key_of(text)
        if k:
            found[k].append(f"{what} {text!r}")

    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        if isinstance(w, QLabel) and w.buddy() is not None:
            add(w.text(), "label")
        elif isinstance(w, QAbstractButton):
            add(w.text(), "button")
        elif isinstance(w, QGroupBox):
            add(w.title(), "group")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    add(w.tabText(i), "tab")
        elif isinstance(w, QMenuBar):
            for action in w.actions():
                if action.isVisible():
                    add(action.text(), "menu")
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}


def test_no_two_controls_share_an_alt_key_on_any_screen(qtbot, window, ws):
    from wss_desktop.core.demo import add_demo
    rid, _ = add_demo(ws)
    view = window.open_review(rid)
    found = {}
    for stage in Stage:
        view.go_to_stage(stage)
        screen = view.screens[stage]
        tabs = [t for t in screen.findChildren(QTabBar) if t.isVisible()] if True else []
        pages = [(None, None)] + [(t, i) for t in tabs for i in range(t.count())]
        for tab, i in pages:
            if tab is not None:
                tab.setCurrentIndex(i)
            qtbot.wait(1)
            where = f"{stage.value}" + (f" / {tab.tabText(i)}" if tab is not None else "")
            for k, v in clashes(window).items():
                found.setdefault(f"{where}: Alt+{k}", v)
    window.show_list()
    for k, v in clashes(window).items():
        found[f"review list: Alt+{k}"] = v
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in sorted(found.items()))


def test_no_two_controls_share_an_alt_key_in_the_new_review_wizard(qtbot, window, ws):
    from wss_desktop.gui.wizard import NewReviewWizard
    wizard = NewReviewWizard(ws, window)
    qtbot.addWidget(wizard)
    wizard.show()
    found = {}
    for page in wizard.pageIds():
        while wizard.currentId() != page:
            wizard.next()
        wizard.ui.schoolName.setText("Fernhill Community Primary School")
        for k, v in clashes(wizard).items():
            found[f"page {page}: Alt+{k}"] = v
    wizard.reject()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in sorted(found.items()))
