"""The main window's menu bar: File, Edit, View, Visit, Help, with Alt keys and shortcuts.

Anything the app can do from a button is also a menu item, so a keyboard or a screen reader
reaches every command from one place. Adding one is a line where the window is built:

    window.menus.add("File", "&Back up…", self.back_up)
    window.menus.add("Help", "&About linkadviser", self.about)

Items that only make sense in an open visit are added with ``visit_only=True`` and are enabled
only while a visit is shown (``set_visit_open``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

MENUS = ("&File", "&Edit", "&View", "V&isit", "&Help")
Keys = QKeySequence | QKeySequence.StandardKey | str | list


class MenuBar:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        bar.setAccessibleName("Menu bar")
        self.menus: dict[str, QMenu] = {}
        for title in MENUS:
            menu = bar.addMenu(title)
            self.menus[title.replace("&", "")] = menu
        self._visit_only: list[QAction] = []

    def menu(self, name: str) -> QMenu:
        return self.menus[name]

    def add(self, menu: str, text: str, slot: Callable[[], object], keys: Keys | None = None,
            tip: str = "", visit_only: bool = False) -> QAction:
        """One item: ``text`` with its Alt letter after "&", run ``slot``; ``keys`` a shortcut
        (or standard key, or a list of them)."""
        action = QAction(text, self.window)
        if keys is not None:
            action.setShortcuts(keys if isinstance(keys, list) else
                                keys if isinstance(keys, QKeySequence.StandardKey) else
                                [QKeySequence(keys)])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.add_action(menu, action, visit_only)
        return action

    def add_action(self, menu: str, action: QAction, visit_only: bool = False) -> QAction:
        """An action made elsewhere (e.g. an undo stack's), placed in ``menu``."""
        self.menus[menu].addAction(action)
        self.window.addAction(action)  # its shortcut works whichever page has the focus
        if visit_only:
            self._visit_only.append(action)
            action.setEnabled(False)
        return action

    def separator(self, menu: str) -> None:
        self.menus[menu].addSeparator()

    def set_visit_open(self, is_open: bool) -> None:
        for action in self._visit_only:
            action.setEnabled(is_open)
