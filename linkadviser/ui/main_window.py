"""The main window: caseload, school and visit pages, with the demo banner and empty state.

The window appears before the store is opened, and pages beyond the caseload are built when
first needed, so start-up pays for no more than the adviser sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from linkadviser.ui.navigation import History, Place, crumbs, crumbs_html, crumbs_text
from linkadviser.ui.ops import Op, changes
from linkadviser.words import count, plural

if TYPE_CHECKING:
    from linkadviser.caseload.snapshot import CaseloadSnapshot
    from linkadviser.services import Services

# Long enough for the caseload to be painted and read; short enough to finish before a school
# is opened.
WARM_UP_AFTER_MS = 300
SYNC_TIP = "Exchange files with the authority's centre"

SHORTCUTS = """Alt+Left	Back to the page before
Ctrl+Home	The caseload
Ctrl+F	Find a school
Ctrl+Z / Ctrl+Shift+Z	Undo / redo (in a visit: ticks, edits and removals)
Ctrl+PgDown / Ctrl+PgUp	Next / previous section of a visit (also Alt+Down / Alt+Up)
Ctrl+P	Preview the visit's document
Alt + the underlined letter	Open a menu"""

DEMO_NOTICE = ("Demo caseload: the county, its schools, people, figures and records are "
               "invented for demonstration.")


class EmptyState(QWidget):
    """Shown instead of the caseload when the store has no schools yet: the ways to get one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("No schools yet")
        title.setObjectName("emptyTitle")
        text = QLabel("Your caseload comes from your authority's centre: open the file it "
                      "gives you with Sync. Working without a centre? Import the GIAS extract "
                      "of all establishments, then find your schools by name or URN. To look "
                      "around first, load the demo caseload: an invented county of 42 "
                      "schools with last year's visits and records.")
        text.setWordWrap(True)
        self.sync_button = QPushButton("Sync with the centre…")
        self.add_button = QPushButton("Find and add your schools…")
        self.centre_button = QPushButton("Set up an authority's centre…")
        self.demo_button = QPushButton("Load the demo caseload")
        self.sync_button.setObjectName("primary")
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = text
        # A wrapped label centred by its layout is given its one-line height and cut at top
        # and bottom; a column of fixed width lets it take the height its lines need.
        self.column = column = QWidget()
        column.setFixedWidth(580)
        inner = QVBoxLayout(column)
        inner.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.sync_button, self.add_button, self.demo_button):
            button.setAccessibleName(button.text().rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.centre_button.setAccessibleName("Set up an authority's centre")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addWidget(self.centre_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """A stacked page does not pass on the height a wrapped label needs: ask it here."""
        super().resizeEvent(event)
        margins = self.column.layout().contentsMargins()
        width = self.column.width() - margins.left() - margins.right()
        self.text.setMinimumHeight(self.text.heightForWidth(width))


class MainWindow(QMainWindow):
    """Shown before the store is open (start-up feels instant), then ``attach``-ed to it."""

    def __init__(self, services: Services | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.setWindowTitle("linkadviser")
        self.resize(1280, 760)
        self.school_view: QWidget | None = None
        self.caseload: QWidget | None = None
        # A school opened, or a visit started, from the snapshot: done once the store is open.
        self._pending: tuple | None = None
        self.workspace: QWidget | None = None
        self.county_page: QWidget | None = None
        self.history = History()  # where the adviser has been, for Back (Alt+Left)
        self.undo_group = QUndoGroup(self)
        self.term_page: QWidget | None = None

        self.banner = QLabel(DEMO_NOTICE)
        self.banner.setObjectName("demoBanner")
        self.banner.hide()
        self.pages = QStackedWidget()
        self.opening = QLabel("Opening your caseload…")
        self.opening.setObjectName("summary")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty = EmptyState()
        self.empty.demo_button.clicked.connect(self.load_demo)
        self.empty.sync_button.clicked.connect(self._sync)
        self.empty.add_button.clicked.connect(self.show_add_schools)
        self.empty.centre_button.clicked.connect(self.show_centre)
        self.pages.addWidget(self.opening)
        self.pages.addWidget(self.empty)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 8)
        self.breadcrumb = QLabel()
        self.breadcrumb.setObjectName("breadcrumb")
        self.breadcrumb.setAccessibleName("You are here")
        self.breadcrumb.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.breadcrumb.linkActivated.connect(self._follow_breadcrumb)
        layout.addWidget(self.banner)
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_toolbar()
        self._build_menus()
        self._show_breadcrumb()
        if services is not None:
            self.attach(services)

    def show_snapshot(self, snapshot: CaseloadSnapshot) -> None:
        """The caseload as the last session left it, shown while the store opens."""
        self._caseload_view().show_snapshot(snapshot)
        self.banner.setVisible(snapshot.demo)
        self.pages.setCurrentWidget(self.caseload if snapshot.rows else self.opening)

    def attach(self, services: Services) -> None:
        """Open the caseload on the store (imports the data layer only now)."""
        self.services = services
        self._caseload_view().attach(services)
        changes().changed.connect(self._on_changed)
        self._show_home()
        if self._pending is not None:
            action, *args = self._pending
            self._pending = None
            action(*args)
        QTimer.singleShot(WARM_UP_AFTER_MS, self._warm_up)

    def _caseload_view(self) -> QWidget:
        from linkadviser.ui.caseload_view import CaseloadView

        if self.caseload is None:
            self.caseload = CaseloadView(parent=self)
            self.caseload.school_activated.connect(self.show_school)
            self.caseload.start_visit_requested.connect(self.start_visit)
            self.caseload.term_requested.connect(self.show_term)
            self.pages.addWidget(self.caseload)
        return self.caseload

    def _warm_up(self) -> None:
        from linkadviser.services import warm_up_data_layer

        self._show_conflicts_waiting()
        Op(self, warm_up_data_layer, changes_kind=None).failure(lambda _exc: None) \
            .run_in_background()

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Navigation")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)

        def action(text: str, slot: Callable[[], None], tip: str = "") -> QAction:
            made = QAction(text, self)
            if tip:
                made.setToolTip(tip)
            made.triggered.connect(slot)
            toolbar.addAction(made)
            return made

        self.home_action = action("Caseload", self._show_home)
        self.home_action.setShortcut(QKeySequence("Ctrl+Home"))
        toolbar.addSeparator()
        self.import_action = action("Import data…", self._import_data,
                                    "Import performance tables, Ofsted outcomes, GIAS or the "
                                    "authority's own file")
        self.sync_action = action("Sync…", self._sync, SYNC_TIP)
        self.schools_action = action("Schools…", self.show_add_schools, "Add schools to your "
                                     "caseload from the last GIAS import, or take them out")
        self.term_action = action("Term ahead", self.show_term, "Booked visits week by week, "
                                  "what falls due, what is still to book; calendar export")
        toolbar.addSeparator()
        self.county_action = action("County", self.show_county, "The county at a glance: "
                                    "Ofsted picture, risk, delivery and costs")
        self.centre_action = action("Centre…", self.show_centre, "The authority's centre: "
                                    "set up, schools from GIAS, advisers, caseloads")

    def show_add_schools(self) -> None:
        if self.services is None:
            return
        from linkadviser.ui.add_schools import AddSchoolsDialog

        AddSchoolsDialog(self.services, self, import_gias=self._import_data).exec()

    def show_centre(self) -> None:
        """The centre's screen, on the central store chosen (and remembered, without any
        password): the data folder's own, another file, or a PostgreSQL database."""
        from linkadviser.authority.central import CENTRAL_FILE
        from linkadviser.paths import data_dir
        from linkadviser.preferences import Preferences
        from linkadviser.ui.centre_dialog import CentreDialog
        from linkadviser.ui.centre_store import CentreStoreDialog

        preferences = Preferences(self.services.store) if self.services else None
        chooser = CentreStoreDialog(preferences.central_store if preferences else "",
                                    data_dir() / CENTRAL_FILE, parent=self)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.centre is None:
            return
        if preferences is not None:
            preferences.central_store = chooser.remembered()
        try:
            CentreDialog(chooser.centre, self).exec()
        finally:
            chooser.centre.close()

    def _build_menus(self) -> None:
        from linkadviser.ui.menus import MenuBar

        keys = QKeySequence.StandardKey
        self.menus = m = MenuBar(self)
        m.add_action("File", self.import_action)
        m.add_action("File", self.sync_action)
        m.add_action("File", self.schools_action)
        m.add_action("File", self.centre_action)
        m.add("File", "Si&gning key…", self.show_signing_key,
              tip="Your signing key on this laptop: make it, or see its certificate")
        m.separator("File")
        m.add("File", "Back &up…", lambda: self.show_backups("back_up"))
        m.add("File", "&Restore…", lambda: self.show_backups("restore"))
        m.add("File", "Bac&kups…", self.show_backups)
        m.separator("File")
        m.add("File", "&Quit", self.close, keys.Quit)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(keys.Redo)
        m.add_action("Edit", self.undo_action)
        m.add_action("Edit", self.redo_action)
        m.separator("Edit")
        m.add("Edit", "&Find a school", self._find, keys.Find)
        self.back_action = m.add("View", "&Back", self.back, "Alt+Left",
                                 "Back to the page before")
        self.back_action.setEnabled(False)
        self.home_action.setText("&Caseload")
        m.add_action("View", self.home_action)
        m.add_action("View", self.county_action)
        m.add_action("View", self.term_action)
        for text, step, key in (("&Next section", 1, "Ctrl+PgDown"),
                                ("&Previous section", -1, "Ctrl+PgUp")):
            m.add("Visit", text, lambda step=step: self._in_visit("step", step), key,
                  visit_only=True)
        m.separator("Visit")
        m.add("Visit", "&Mark ready to sign", lambda: self._in_visit("mark_ready"),
              visit_only=True)
        m.add("Visit", "&Sign…", lambda: self._in_visit("request_sign"), visit_only=True)
        m.add("Visit", "Pre&view document", lambda: self._in_visit("request_preview"),
              keys.Print, visit_only=True)
        m.add("Help", "&Keyboard shortcuts", self._show_shortcuts)
        m.add("Help", "&About linkadviser", self.show_about)

    def show_about(self) -> None:
        from linkadviser.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def show_signing_key(self) -> None:
        """File → Signing key…: the key's status, and "Make signing key…" when there is none."""
        if self.services is None:
            return
        from linkadviser.signing.session import key_session
        from linkadviser.ui.signing.new_key import KeyStatusDialog

        KeyStatusDialog(key_session(self.services.store), self).exec()

    def show_backups(self, then: str | None = None) -> None:
        """File → Backups…; ``then`` goes straight on to "back_up" or "restore"."""
        if self.services is None:
            return
        from linkadviser.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.services, self)
        dialog.restored.connect(lambda: self._restored(dialog))
        if then:
            QTimer.singleShot(0, getattr(dialog, then))
        dialog.exec()

    def _restored(self, dialog: QWidget) -> None:
        """The store under every screen was replaced: say so, then close, to reopen afresh."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(dialog, "Backup restored",
                                f"{dialog.status.text()}\n\nlinkadviser will now close. Open "
                                "it again to work on the restored store.")
        dialog.accept()
        self.close()

    def _in_visit(self, method: str, *args: object) -> None:
        if self.workspace is not None:
            getattr(self.workspace, method)(*args)

    def _find(self) -> None:
        self._show_home()
        if self.caseload is not None and self.pages.currentWidget() is self.caseload:
            self.caseload.search.setFocus()
            self.caseload.search.selectAll()

    def _show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS)

    # -- where the adviser is, and the way back ------------------------------------------------
    def _arrive(self, place: Place) -> None:
        """Now showing ``place``: remembered for Back, named in the breadcrumb."""
        self.history.arrive(place)
        self.back_action.setEnabled(self.history.can_go_back())
        self.menus.set_visit_open(place[0] == "visit")
        self._show_breadcrumb()

    def back(self) -> None:
        """To the page before (Alt+Left), as a browser goes back."""
        if self.services is not None:
            self.history.back(self._go)
            self.back_action.setEnabled(self.history.can_go_back())

    def _go(self, place: Place) -> None:
        kind = place[0]
        if kind == "school":
            self.show_school(place[1])
        elif kind == "visit":
            self.show_visit(place[1], place[2])
        elif kind == "county":
            self.show_county()
        elif kind == "term":
            self.show_term()
        else:
            self._show_home()

    def _school_name(self, school_id: str | None) -> str:
        rows = self.caseload.model.rows if self.caseload is not None else []
        return next((r.name for r in rows if r.school_id == school_id), "School")

    def _show_breadcrumb(self) -> None:
        """Caseload › School › Visit, each earlier step a link back to it."""
        title = self.workspace.title() if self.workspace is not None else ""
        trail = crumbs(self.history.here, self._school_name, title)
        self.breadcrumb.setText(crumbs_html(trail))
        self.breadcrumb.setToolTip(crumbs_text(trail))

    def _follow_breadcrumb(self, target: str) -> None:
        if target == "home":
            self._show_home()
        elif target.startswith("school:"):
            self.show_school(target.split(":", 1)[1])

    def show_county(self) -> None:
        def make() -> QWidget:
            from linkadviser.ui.county_page import CountyPage

            return CountyPage(self.services, self)

        self._show_page("county_page", make, ("county",))

    def show_term(self) -> None:
        def make() -> QWidget:
            from linkadviser.ui.term_view import TermView

            page = TermView(self.services, self)
            page.school_activated.connect(self.show_school)
            return page

        self._show_page("term_page", make, ("term",))

    def _show_page(self, attr: str, make: Callable[[], QWidget], place: Place) -> None:
        """A page built the first time it is asked for, then refreshed and shown each time."""
        if self.services is None:
            return
        self._leave_workspace()
        page = getattr(self, attr)
        if page is None:
            page = make()
            setattr(self, attr, page)
            self.pages.addWidget(page)
        page.refresh()
        self.pages.setCurrentWidget(page)
        self._arrive(place)

    def _import_data(self) -> None:
        if self.services is not None:
            from linkadviser.ui.import_data import choose_and_import

            choose_and_import(self, self.services)

    def _sync(self) -> None:
        if self.services is None:
            return
        from linkadviser.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(self.services.store, self)
        dialog.exec()
        changes().changed.emit("sync")
        if dialog.visit_to_open:  # chosen from a conflict, to change the record there
            self.show_visit(dialog.visit_to_open)

    def _show_home(self) -> None:
        if self.services is None:
            return
        self._leave_workspace()
        has_schools = bool(self.caseload.model.rows)
        self.banner.setVisible(self.services.store.get_meta("demo") == "true")
        self.pages.setCurrentWidget(self.caseload if has_schools else self.empty)
        self._arrive(("home",))

    def _show_conflicts_waiting(self) -> None:
        """The Sync button says when an import left conflicts to review (counted off the UI
        thread: the first count also loads the review's modules)."""
        store = self.services.store

        def count() -> int:
            from linkadviser.sync.review import ConflictReview

            return ConflictReview(store).to_review()

        Op(self, count, changes_kind=None).success(self._conflicts_waiting) \
            .failure(lambda _exc: None).run_in_background()

    def _conflicts_waiting(self, waiting: int) -> None:
        self.sync_action.setText(f"Sync… ({waiting} to review)" if waiting else "Sync…")
        self.sync_action.setToolTip(SYNC_TIP + (f"; {count(waiting, 'conflict')} from imports "
                                                f"{plural(waiting, 'waits', 'wait')} for review"
                                                if waiting else ""))

    def _on_changed(self, _kind: str) -> None:
        self._show_conflicts_waiting()
        self.caseload.refresh()
        if self.term_page is not None and self.pages.currentWidget() is self.term_page:
            self.term_page.refresh()
        if self.pages.currentWidget() in (self.empty, self.caseload):
            self._show_home()

    def load_demo(self) -> None:
        from linkadviser.demo.caseload import load_demo

        self.empty.demo_button.setEnabled(False)
        services = self.services
        (Op(self, lambda: load_demo(services.store, services.programme, services.today()))
         .failure(self._demo_failed).run_in_background())

    def _demo_failed(self, exc: BaseException) -> None:
        from linkadviser.ui.ops import show_error

        self.empty.demo_button.setEnabled(True)
        show_error(self, exc)

    def show_school(self, school_id: str) -> None:
        if self.services is None:
            self._pending = (self.show_school, school_id)
            return
        self._leave_workspace()
        if self.school_view is None:
            from linkadviser.ui.school_view import SchoolView

            self.school_view = SchoolView(self.services, self)
            self.school_view.open_visit.connect(
                lambda visit_id: self.show_visit(visit_id, self.school_view.school_id))
            self.pages.addWidget(self.school_view)
        self.school_view.show_school(school_id)
        self.pages.setCurrentWidget(self.school_view)
        self._arrive(("school", school_id))

    def start_visit(self, school_id: str, number: int) -> None:
        if self.services is None:
            self._pending = (self.start_visit, school_id, number)
            return
        try:
            visit_id = self.services.workflow.start_next(school_id, number)
        except Exception as exc:  # noqa: BLE001 - shown to the user by show_error
            from linkadviser.ui.ops import show_error

            show_error(self, exc)
            return
        changes().changed.emit("visit")
        self.show_visit(visit_id, school_id)

    def show_visit(self, visit_id: str, school_id: str | None = None) -> None:
        from linkadviser.ui.signing.hookup import attach
        from linkadviser.ui.workspace import VisitWorkspace

        self._leave_workspace()
        self.workspace = VisitWorkspace(self.services, visit_id, self)
        attach(self.workspace, self.services, self)
        self.workspace.hand_undo_to(self.undo_group)
        self.pages.addWidget(self.workspace)
        self.pages.setCurrentWidget(self.workspace)
        if school_id is None:  # opened from elsewhere (a sync conflict): find its school
            urn = self.workspace.school_urn()
            rows = self.caseload.model.rows if self.caseload is not None else []
            school_id = next((r.school_id for r in rows if r.urn == urn), None)
        self._arrive(("visit", visit_id, school_id))

    def _leave_workspace(self) -> None:
        """Save what is pending in the open visit, then drop its page."""
        if self.workspace is None:
            return
        flush = getattr(self.workspace, "flush", None)
        if flush:
            flush()
        self.undo_group.removeStack(self.workspace.undo_stack)
        self.pages.removeWidget(self.workspace)
        self.workspace.deleteLater()
        self.workspace = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._leave_workspace()
        super().closeEvent(event)
