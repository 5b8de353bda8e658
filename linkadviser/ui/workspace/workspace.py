"""The guided visit workspace: the outline of the visit on the left, the page being worked on
in the middle, and what the linked visits recorded on the right.

The outline comes from the programme (``visit_outline``), so each visit type gets its own
places; every edit saves itself (``widgets.autosave``), so there is no save button; a signed
visit opens read-only and Amend (with a reason) is the only way to change it. Signing and the
document preview belong to other screens: this one asks for them with ``sign_requested`` and
``preview_requested``, and the main window calls ``reload()`` when they are done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QKeySequence,
    QShortcut,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from linkadviser.calendar import year_label
from linkadviser.errors import LinkAdviserError, QANotMetError
from linkadviser.preferences import Preferences
from linkadviser.services import Services
from linkadviser.ui.ops import changes
from linkadviser.ui.widgets.autosave import flush_all
from linkadviser.ui.widgets.elided import ElidedLabel
from linkadviser.ui.workspace.context import PageContext
from linkadviser.ui.workspace.outline_list import OutlineList
from linkadviser.ui.workspace.pages import build_page
from linkadviser.ui.workspace.parts import Page, label, make_read_only, reveal
from linkadviser.ui.workspace.qa_page import QAPage
from linkadviser.ui.workspace.side_panel import LinkedPanel
from linkadviser.ui.workspace.style import stylesheet
from linkadviser.visit.content import VisitContent
from linkadviser.visit.links import VisitLinks
from linkadviser.visit.outline import OutlinePlace, outline, place_of_target
from linkadviser.visit.qa_rules import qa_results
from linkadviser.visit.records import VisitRecords
from linkadviser.visit.workflow import STATE_LABELS

NEXT_KEYS = ("Ctrl+PgDown", "Alt+Down")
PREVIOUS_KEYS = ("Ctrl+PgUp", "Alt+Up")
REFRESH_DELAY_MS = 150


class VisitWorkspace(QWidget):
    sign_requested = Signal(str)
    preview_requested = Signal(str)
    changed = Signal(str)  # something in the visit was saved (its id)

    def __init__(self, services: Services, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.services = services
        self.visit_id = visit_id
        self._records = VisitRecords(services.store)
        self._links = VisitLinks(services.store, services.programmes.get)
        self._preferences = Preferences(services.store)
        self.undo_stack = QUndoStack(self)
        self._places: list[OutlinePlace] = []
        self._pages: dict[str, Page] = {}
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh_progress)
        self._build()
        self._shortcuts()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self.reload()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        header = QWidget()
        header.setObjectName("header")
        top = QHBoxLayout(header)
        top.setContentsMargins(16, 10, 16, 8)
        titles = QVBoxLayout()
        self.school_label = ElidedLabel()
        self.school_label.setObjectName("school")
        self.subtitle = label("", "subtitle")
        titles.addWidget(self.school_label)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        self.state_label = QLabel()
        self.state_label.setObjectName("state")
        top.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("start", "Start visit", self._start),
            ("unstart", "Back to planned…", self._back_to_planned),
            ("ready", "Mark ready to sign", self.mark_ready),
            ("reopen", "Reopen", self._reopen),
            ("sign", "Sign…", self.request_sign),
            ("amend", "Amend…", self._amend),
            ("preview", "Preview document", self.request_preview),
        ):
            button = QPushButton(text)
            button.setObjectName("primary" if key in ("ready", "sign") else f"action:{key}")
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            top.addWidget(button)
            self.buttons[key] = button
        self.large = QCheckBox("Larger targets")
        self.large.setToolTip("Bigger buttons, boxes and text for a tablet")
        self.large.setChecked(self._preferences.large_targets)
        self.large.toggled.connect(self._set_large)
        top.addWidget(self.large)
        self.side_toggle = QPushButton("Linked visits")
        self.side_toggle.setCheckable(True)
        self.side_toggle.setChecked(True)
        self.side_toggle.setToolTip("Show or hide what the linked visits recorded")
        top.addWidget(self.side_toggle)
        root.addWidget(header)
        self.banner = label("", "banner")
        self.banner.hide()
        root.addWidget(self.banner)

        self.nav = OutlineList()
        self.nav.currentRowChanged.connect(self._show_row)
        self.stack = QStackedWidget()
        self.side = QStackedWidget()
        self.side_toggle.toggled.connect(self.side.setVisible)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 800, 300])
        self.nav.setMinimumWidth(180)
        self.side.setMinimumWidth(220)
        root.addWidget(splitter, 1)
        self.setStyleSheet(stylesheet(self.large.isChecked()))

    def _shortcuts(self) -> None:
        for keys, step in ((NEXT_KEYS, 1), (PREVIOUS_KEYS, -1)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda step=step: self.step(step))
        # Ctrl+Z in a text field undoes typing there (the field takes the key first); anywhere
        # else it undoes the last tick.
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.redo_action = self.undo_stack.createRedoAction(self)
        for action, keys in ((self.undo_action, QKeySequence.StandardKey.Undo),
                             (self.redo_action, QKeySequence.StandardKey.Redo)):
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def hand_undo_to(self, group: QUndoGroup) -> None:
        """In the main window, Edit → Undo (one group for the window) undoes this visit's
        changes; the workspace's own shortcuts would make Ctrl+Z ambiguous there."""
        for action in (self.undo_action, self.redo_action):
            action.setShortcuts([])
        group.addStack(self.undo_stack)
        group.setActiveStack(self.undo_stack)

    def request_sign(self) -> None:
        self.sign_requested.emit(self.visit_id)

    def request_preview(self) -> None:
        self.preview_requested.emit(self.visit_id)

    def title(self) -> str:
        """The visit in a few words (for the breadcrumb): "Visit 2: School self-evaluation"."""
        return f"Visit {self._content.visit_number}: {self.ctx.definition.title}"

    def school_urn(self) -> int:
        return self._content.school_urn

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the visit afresh and rebuild the pages (after signing, amending, a sync...)."""
        self.flush()
        current = self.current_place()
        content = self._content = self.services.visits.content(self.visit_id)
        programme = self.services.programme_for(content)
        definition = programme.visit(content.visit_number)
        self.read_only = content.state == "signed"
        self.ctx = PageContext(self.services, self._records, self.visit_id, programme,
                               definition, self.read_only, self.undo_stack, self.report,
                               self._schedule_refresh, self.go_to, self.reload,
                               lambda message: self.report(message, ok=True))
        self.undo_stack.clear()
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self._show_header(content)
        # The linked visits are drawn just after the page, so the page the adviser works in
        # appears first.
        QTimer.singleShot(0, self, self._show_linked)  # cancelled if the page is closed first
        self._places = outline(definition, content, qa_results(programme, content))
        self.nav.set_places(self._places)
        self.go_to(current or self._starting_place(content.state), focus=False)

    def _starting_place(self, state: str) -> str:
        """Where to open: preparation before the visit, else the first place still to do."""
        if state in ("planned", "prepared"):
            return self._places[0].key
        if state in ("in_progress", "amending"):
            for place in self._places[1:]:
                if place.required and not place.complete:
                    return place.key
        return self._places[1].key

    def _show_linked(self) -> None:
        while self.side.count():
            old = self.side.widget(0)
            self.side.removeWidget(old)
            old.deleteLater()
        self.side.addWidget(LinkedPanel(self._links.linked(self.visit_id)))

    def _show_header(self, content: VisitContent) -> None:
        definition = self.ctx.definition
        self.school_label.setText(content.school_name)
        when = content.visit_date or content.planned_date
        parts = [f"Visit {content.visit_number}: {definition.title}",
                 year_label(content.academic_year)]
        if when:  # kept on one line: never "27 / Nov 2026"
            parts.append(f"{when:%d %b %Y}".replace(" ", "\u00a0"))
        subtitle = " · ".join(parts)
        if definition.confidential:
            subtitle += "\nConfidential to governors. " + definition.no_record_reason
        self.subtitle.setText(subtitle)
        self.state_label.setText(STATE_LABELS[content.state])
        state = content.state
        visible = {
            "start": state in ("planned", "prepared"),
            "unstart": state == "in_progress",
            "ready": state in ("in_progress", "amending"),
            "reopen": state == "ready_to_sign",
            "sign": state == "ready_to_sign",
            "amend": state == "signed",
            "preview": True,
        }
        for key, button in self.buttons.items():
            button.setVisible(visible[key])
        if state == "signed":
            self.report("Signed and read-only. To change it, choose Amend… and say why; the "
                        "signed version is kept as it was.", ok=True)
        else:
            self.banner.hide()

    # -- navigation -------------------------------------------------------------------------
    def current_place(self) -> str | None:
        return self.nav.key(self.nav.currentRow())

    def place_keys(self) -> list[str]:
        return [p.key for p in self._places]

    def page(self, key: str) -> Page:
        """The page for an outline place, built the first time it is needed."""
        if key not in self._pages:
            if self._refresh_timer.isActive():
                self.refresh_progress()  # build from what was just saved, not before it
            place = next(p for p in self._places if p.key == key)
            page = build_page(self.ctx, self._content, place)
            if self.read_only:
                make_read_only(page)
            self.ctx.adopt(page)
            self._pages[key] = page
            self.stack.addWidget(page)
        return self._pages[key]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._places):
            self.stack.setCurrentWidget(self.page(self._places[row].key))

    def go_to(self, target: str, focus: bool = True) -> None:
        """Show the page a place or QA target names, with the cursor where it is fixed."""
        key = place_of_target(target)
        keys = self.place_keys()
        if key not in keys:
            key = keys[0]
        self.nav.setCurrentRow(keys.index(key))
        page = self.page(key)
        if not focus or self.read_only:
            return
        exact = page.findChild(QWidget, target)
        if exact is not None:
            reveal(exact)
            return
        page.widget().focusNextChild()
        field = QApplication.focusWidget()
        if field is not None and page.isAncestorOf(field):
            reveal(field)

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) place in the outline."""
        row = min(max(self.nav.currentRow() + delta, 0), self.nav.count() - 1)
        self.go_to(self._places[row].key)

    # -- progress ---------------------------------------------------------------------------
    def _schedule_refresh(self) -> None:
        """Something was saved: refresh progress shortly, and clear a problem now fixed."""
        if self.banner.property("kind") == "problem":
            self.banner.hide()
        self._refresh_timer.start()
        self.changed.emit(self.visit_id)

    def refresh_progress(self) -> None:
        """Recompute which places are complete and what QA still blocks."""
        self._refresh_timer.stop()
        content = self._content = self.services.visits.content(self.visit_id)
        qa = qa_results(self.ctx.programme, content)
        self._places = outline(self.ctx.definition, content, qa)
        self.nav.show_progress(self._places)
        page = self._pages.get("qa")
        if isinstance(page, QAPage):
            page.refresh(qa)

    def progress(self) -> dict[str, str]:
        """Each place's status as shown in the outline (complete, to do, optional)."""
        return {p.key: p.status for p in self._places}

    # -- messages ---------------------------------------------------------------------------
    def report(self, message: str, ok: bool = False) -> None:
        self.banner.setText(message)
        self.banner.setProperty("kind", "ok" if ok else "problem")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    # -- workflow ---------------------------------------------------------------------------
    def _workflow(self, action: object, done: str) -> bool:
        self.flush()
        try:
            action(self.visit_id)
        except LinkAdviserError as exc:
            self.report(str(exc))
            return False
        self.reload()
        self.report(done, ok=True)
        self._state_changed()
        return True

    def _start(self) -> None:
        """Start the visit once the adviser confirms (its date becomes today)."""
        from linkadviser.ui.booking_dialog import confirm_start

        c = self._content
        booked = self.services.bookings.booking_of(self.visit_id)
        if confirm_start(self, self.services, c.school_name, c.visit_number,
                         booked.on if booked else None, booked.time_text if booked else ""):
            self._workflow(self.services.workflow.start, "Visit started. Everything you type "
                           "is saved as you go.")

    def _back_to_planned(self) -> None:
        """Undo a start made by mistake; refused, with the reason shown, once anything is
        recorded."""
        from linkadviser.ui.booking_dialog import confirm_back_to_planned

        c = self._content
        if confirm_back_to_planned(self, c.school_name, c.visit_number):
            self._workflow(self.services.workflow.back_to_planned,
                           "Back to planned: the visit has no date until it is started.")

    def _reopen(self) -> None:
        self._workflow(self.services.workflow.reopen, "Reopened: the visit is in progress again.")

    def mark_ready(self) -> bool:
        """Mark the visit ready to sign, or show the QA page with what still blocks it."""
        self.flush()
        try:
            self.services.workflow.mark_ready(self.visit_id)
        except QANotMetError as exc:
            self.refresh_progress()
            self.report(f"Not ready to sign yet: {len(exc.unmet)} QA criteria are not met. "
                        "Each is listed below with a button to where it is fixed.")
            self.go_to("qa", focus=False)
            return False
        except LinkAdviserError as exc:
            self.report(str(exc))
            return False
        self.reload()
        self.report("Ready to sign: every QA criterion is met.", ok=True)
        self._state_changed()
        return True

    def _state_changed(self) -> None:
        """Tell this visit's listeners, and every screen (the caseload shows visit states)."""
        self.changed.emit(self.visit_id)
        changes().changed.emit("visit")

    def _amend(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self, "Amend the signed record",
            "Why is the signed record being amended? The reason is kept with the record, "
            "and the signed version stays as it was.")
        if not ok:
            return
        self._workflow(lambda visit_id: self.services.workflow.amend(visit_id, reason),
                       "Being amended: make the change, then mark it ready to sign again.")

    def _set_large(self, on: bool) -> None:
        self._preferences.large_targets = on
        self.setStyleSheet(stylesheet(on))

    # -- saving -----------------------------------------------------------------------------
    def flush(self) -> None:
        """Save every edit not yet saved (called on hide, close and quit)."""
        flush_all(self)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt name)
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.flush()
        super().closeEvent(event)
