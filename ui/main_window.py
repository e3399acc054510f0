"""The kiosk's one window: the screens, the staff status line, and the journeys between them."""

import gc
import importlib
import logging
import sys
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from ui.looks import Looks
from ui.screens.base import Screen
from ui.screens.start import StaffScreen, StartScreen
from ui.services import AppServices
from ui.style import THEMES
from ui.turns import NOT_YET, Turns
from ui.widgets.status_line import StatusLine
from ui.widgets.touch import (
    ICON_COLOUR,
    draw_icons_ahead,
    flick_to_scroll,
    prepare_icons,
    touch_scroll_area,
)

if TYPE_CHECKING:  # loaded just after the first screen is up (the supervisor's: Qt Charts)
    from ui.catalog_updates import CatalogUpdates
    from ui.screens.category import CategoryScreen
    from ui.screens.log_contact import LogContactScreen
    from ui.screens.save_place import SavePlaceScreen
    from ui.screens.search import SearchScreen
    from ui.screens.service import ServiceScreen
    from ui.supervisor.area import SupervisorArea
    from ui.supervisor.export_panel import ExportPanel
    from ui.supervisor.pin_screen import PinScreen

log = logging.getLogger(__name__)
T = TypeVar("T", bound=Screen)
DEFAULT_FULL_THRESHOLD = gc.get_threshold()[2]
WARM_UP_MS = 20  # each step is small: the window is painted, then the rest begins
SCREEN_MODULES = (  # the service screen's printing code (QtPdf, QtPrintSupport) first
    "ui.printing", "ui.screens.category", "ui.screens.search", "ui.screens.service",
    "ui.screens.log_contact", "ui.supervisor.pin_screen",
)  # fmt: skip
WARM_UP_SCREENS = (
    "start", "staff", "category", "search", "service", "log_contact", "supervisor_pin",
)  # fmt: skip
QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")  # loaded before the window
RESULT_ROWS, ROWS_AT_ONCE = 20, 4  # a search shows 20 results at most
WARM_UP_MODULES = (
    "rapidfuzz.distance", "rapidfuzz.process", "PIL.Image", "kiosk.qrcodes", "PySide6.QtCharts",
    "ui.supervisor.charts",
    "ui.supervisor.period_picker", "ui.supervisor.breakdowns", "ui.supervisor.dashboard",
    "ui.supervisor.export_panel", "ui.supervisor.settings_panel", "ui.supervisor.upload_panel",
    "ui.supervisor.area",
)  # fmt: skip


class MainWindow(QMainWindow):
    supervisor_requested = Signal()  # the supervisor area (a later issue) opens from here
    warmed_up = Signal()  # every screen is built and read aloud is starting
    supervisor_area_built = Signal(object)  # the SupervisorArea, after a right PIN

    def __init__(self, services: AppServices, looks: Looks | None = None) -> None:
        super().__init__()
        self.services = services
        self.looks = looks  # None: the application's own style sheet applies (tests)
        self.setWindowTitle(services.catalog.council.name)
        self._came_from: Screen | None = None  # where Back on a service returns to
        self._logged_from: Screen | None = None  # and Back on the log screen
        # where the save-place screen returns to, and what it does with the place chosen
        self._saving: tuple[Screen, Callable[[Path, str], object]] | None = None
        self.stack = QStackedWidget()
        self._pages: dict[int, QScrollArea] = {}
        self._flicking = False  # pages scroll by a finger's flick (set up in the warm-up)
        self.status_line = StatusLine(services)
        body = QWidget()
        layout = QGridLayout(body)  # the status line under the page, or folded beside it
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 0, 0)
        layout.addWidget(self.status_line.folded_row, 0, 1)
        layout.addWidget(self.status_line, 1, 0, 1, 2)
        layout.setRowStretch(0, 1)
        layout.setColumnStretch(0, 1)
        self.setCentralWidget(body)
        if looks is not None:
            looks.add(self.status_line, now=True, for_staff=True)
            looks.add(self.status_line.folded_row, now=True, for_staff=True)
            looks.page_in_front = self.stack.currentWidget
        self.show_screen(self.start if services.session.staff else self.staff)
        self.supervisor_requested.connect(self._ask_for_the_pin)
        services.writer.written.connect(self.status_line.contact_saved)
        # The other screens are built just after the first one is up, one per turn of the
        # event loop, so a tap meanwhile waits for one step at most, never for all of them.
        self.warm_up = Turns(self, first_delay_ms=WARM_UP_MS)
        self._opening = Turns(self)  # the supervisor area, the first time
        self._catalog_updates: CatalogUpdates | None = None
        self._new_start = Turns(self)  # the start screen again, on a new catalog
        self.warm_up.done.connect(self._warmed_up, Qt.ConnectionType.SingleShotConnection)
        _no_full_collection_yet()
        self.warm_up.run(self._warm_up_steps())

    def _warm_up_steps(self) -> list[Callable[[], object]]:
        """Everything a first tap could otherwise wait for, each step well under 50 ms."""
        steps: list[Callable[[], object]] = [self._start_the_handout_maker]
        steps.append(self._ahead_on_a_thread(SCREEN_MODULES + WARM_UP_MODULES))
        steps += [  # the screens' code (loaded already, unless the thread failed), the screens
            lambda m=module: importlib.import_module(m) for module in SCREEN_MODULES
        ]
        steps.append(_first_scroll_area)
        steps += [lambda name=name: getattr(self, name) for name in WARM_UP_SCREENS]
        steps.append(self._flick_to_scroll)
        steps += [  # each page styled, then polished, so its first showing is quick too
            step
            for name in WARM_UP_SCREENS
            for step in (lambda n=name: self._style(n), lambda n=name: self._polish(n))
        ]
        steps += [lambda n=name: self._rehearse(n) for name in WARM_UP_SCREENS]
        steps += [  # rows for search results and a topic's services, a few at a time
            lambda n=n, lst=lst: lst().reserve(n)
            for lst in (lambda: self.search.results, lambda: self.category.services_list)
            for n in range(ROWS_AT_ONCE, RESULT_ROWS + 1, ROWS_AT_ONCE)
        ]
        steps.append(lambda: prepare_icons(THEMES["high-contrast"]["button_ink"]))
        # The supervisor area's code (not the area: that is built only after the PIN).
        steps += [lambda m=module: importlib.import_module(m) for module in WARM_UP_MODULES]
        steps.append(_first_chart)
        return steps

    def _start_the_handout_maker(self) -> None:
        """Its own process, at a lower priority, loads reportlab while the rest is built on
        the GUI thread (started from a thread: a new process takes a few milliseconds)."""
        maker = self.services.handouts
        threading.Thread(target=maker.prepare, name="handout-maker", daemon=True).start()

    @staticmethod
    def _ahead_on_a_thread(modules: tuple[str, ...]) -> Callable[[], object]:
        """A step that does on a thread, while the GUI thread waits free for a tap, what would
        otherwise be long steps of its own (20-100 ms each was seen): loading the code of the
        screens to come, PySide's first look at each Qt class (a widget's first scroll area
        waited 30 ms for it), and the buttons' icons. A thread hands the interpreter back every
        few milliseconds; one step cannot. The step returns NOT_YET until the thread is done."""

        def work() -> None:
            for module in modules:
                try:
                    importlib.import_module(module)
                except Exception:  # the GUI thread's own import, later, raises it where it shows
                    log.debug("%s not loaded ahead", module, exc_info=True)
            for name in QT_MODULES:
                qt_module = sys.modules[name]
                for class_name in dir(qt_module):
                    getattr(qt_module, class_name)
            draw_icons_ahead({ICON_COLOUR, *(theme["button_ink"] for theme in THEMES.values())})

        worker = threading.Thread(target=work, name="ahead-of-need", daemon=True)

        def wait() -> object:
            if worker.ident is None:
                worker.start()
            return NOT_YET if worker.is_alive() else None

        return wait

    def _index_in_the_background(self) -> None:
        """The search index of each language the council offers (about 40 ms a language for
        the demo catalog); a search meanwhile builds its own."""
        search, languages = self.services.search, self.services.catalog.council.languages
        threading.Thread(
            target=lambda: search.prepare(languages),
            name="search-index",
            daemon=True,
        ).start()

    def _flick_to_scroll(self) -> None:
        for page in self._pages.values():
            flick_to_scroll(page)
        self._flicking = True

    def _style(self, name: str) -> None:
        if self.looks is not None:
            self.looks.ensure(self._page(name))

    def _polish(self, name: str) -> None:
        self._page(name).ensurePolished()

    def _rehearse(self, name: str) -> None:
        """Lay the page out once, hidden, at the size it will be shown at (a page laid out for
        the first time in front of staff was seen to take 20-50 ms of a tap)."""
        page = self._page(name)
        if page is self.stack.currentWidget():
            return
        page.resize(self._page_size(for_staff=getattr(self, name).for_staff))
        page.render(QPixmap(1, 1), QPoint(), QRegion(0, 0, 1, 1))  # lays out, paints a dot

    def _page_size(self, *, for_staff: bool) -> QSize:
        """A page's size with the status line whole under it (a staff screen's) or folded
        beside it (a resident's)."""
        if self.status_line.folded != for_staff:
            return self.stack.size()  # the line is already as this page will have it
        body = self.centralWidget().size()
        if for_staff:
            return QSize(body.width(), body.height() - self.status_line.sizeHint().height())
        return QSize(body.width() - self.status_line.folded_row.sizeHint().width(), body.height())

    def _page(self, name: str) -> QScrollArea:
        return self._pages[id(getattr(self, name))]

    def _warmed_up(self) -> None:
        self.services.speech.start()  # its own process: the desk never waits for it
        _keep_out_of_garbage_collection()
        # Work on threads last, once the GUI thread's own is done: a thread holds the
        # interpreter in turns with the GUI thread, doubling a turn's time if they overlap.
        self._index_in_the_background()
        self.warmed_up.emit()

    # Screens are built when first needed, so the Start screen is up sooner.
    @cached_property
    def start(self) -> StartScreen:
        screen = self._add(StartScreen(self.services))
        screen.category_chosen.connect(self.open_category)
        screen.search_requested.connect(lambda: self.show_screen(self.search))
        screen.general_enquiry.connect(lambda: self.log_about(None))
        screen.sign_in_requested.connect(lambda: self.show_screen(self.staff))
        screen.supervisor_requested.connect(self.supervisor_requested)
        return screen

    @cached_property
    def staff(self) -> StaffScreen:
        screen = self._add(StaffScreen(self.services))
        screen.signed_in.connect(lambda _: self.show_screen(self.start))
        screen.back.connect(lambda: self.show_screen(self.start))
        return screen

    @cached_property
    def category(self) -> "CategoryScreen":
        from ui.screens.category import CategoryScreen

        screen = self._add(CategoryScreen(self.services))
        screen.service_chosen.connect(self.open_service)
        screen.back.connect(lambda: self.show_screen(self.start))
        return screen

    @cached_property
    def search(self) -> "SearchScreen":
        from ui.screens.search import SearchScreen

        screen = self._add(SearchScreen(self.services))
        screen.service_chosen.connect(self.open_service)
        screen.back.connect(lambda: self.show_screen(self.start))
        return screen

    @cached_property
    def service(self) -> "ServiceScreen":
        from ui.screens.service import ServiceScreen

        screen = self._add(ServiceScreen(self.services))
        screen.back.connect(self.go_back_from_service)
        screen.save_wanted.connect(self._ask_where_to_save_the_handout)
        screen.finished.connect(self.log_about)
        return screen

    @cached_property
    def log_contact(self) -> "LogContactScreen":
        from ui.screens.log_contact import LogContactScreen

        screen = self._add(LogContactScreen(self.services))
        screen.saved.connect(self._saved)
        screen.back.connect(lambda: self.show_screen(self._logged_from or self.start))
        screen.no_help_given.connect(self.go_home)
        return screen

    @cached_property
    def supervisor_pin(self) -> "PinScreen":
        from ui.supervisor.pin_screen import PinScreen

        screen = self._add(PinScreen(self.services))
        screen.opened.connect(self._open_supervisor_area)
        screen.cancelled.connect(lambda: self.show_screen(self.start))
        return screen

    @cached_property
    def save_place(self) -> "SavePlaceScreen":
        from ui.screens.save_place import SavePlaceScreen

        screen = self._add(SavePlaceScreen(self.services))
        screen.chosen.connect(self._saving_to)
        screen.cancelled.connect(lambda: self._back_from_saving(None))
        return screen

    def ask_where_to_save(self, kind: str, name: str, then: Callable[[Path, str], object]) -> None:
        """The save-place screen for a ``kind`` ("file" or "folder"); ``then(folder, name)``
        once staff choose, back on the screen they came from (nothing if they cancel)."""
        self._saving = (self.current_screen(), then)
        self.save_place.ask(kind, name)
        self.show_screen(self.save_place, at_the_top=True)

    def _ask_where_to_save_the_handout(self, name: str) -> None:
        self.ask_where_to_save("file", name, self.service.save_pdf_to)

    def _ask_where_to_export(self, panel: "ExportPanel") -> None:
        self.ask_where_to_save("folder", "", lambda folder, _: panel.use_folder(folder))

    def _saving_to(self, folder: Path, name: str) -> None:
        self._back_from_saving((folder, name))

    def _back_from_saving(self, chosen: tuple[Path, str] | None) -> None:
        if self._saving is None:
            return
        (came_from, then), self._saving = self._saving, None
        self.show_screen(came_from)
        if chosen is not None:
            then(*chosen)

    def _ask_for_the_pin(self) -> None:
        """From the start screen: the resident's visit is over, and with it their text size,
        contrast and language; the supervisor screens are always in the standard look."""
        self.services.session.reset_visit()
        self.show_screen(self.supervisor_pin)

    def _open_supervisor_area(self) -> None:
        """Built over a few turns of the event loop: the area's frame, its figures' page, then
        the area on screen (the figures are read on a worker and drawn chart by chart)."""
        if "supervisor_area" in vars(self):
            self.show_screen(self.supervisor_area)
            return
        self._opening.run(
            [
                lambda: self.supervisor_area,
                lambda: self.supervisor_area.dashboard,
                lambda: self._style("supervisor_area"),
                lambda: self._polish("supervisor_area"),
                lambda: self.show_screen(self.supervisor_area),
                gc.freeze,  # it stays until the kiosk closes: out of garbage collection
            ]
        )

    @cached_property
    def supervisor_area(self) -> "SupervisorArea":
        from ui.supervisor.area import SupervisorArea

        screen = self._add(SupervisorArea(self.services), restyle_in_background=False)
        screen.closed.connect(lambda: self.show_screen(self.start))
        screen.folder_wanted.connect(self._ask_where_to_export)
        self.supervisor_area_built.emit(screen)
        return screen

    def _add(self, screen: T, *, restyle_in_background: bool = True) -> T:
        self._pages[id(screen)] = page = _scrolling(screen)
        if self._flicking:
            flick_to_scroll(page)
        if self.looks is not None:
            self.looks.add(page, in_background=restyle_in_background)
        self.stack.addWidget(page)
        return screen

    def show_screen(self, screen: Screen, *, at_the_top: bool = False) -> None:
        """``screen`` in front; ``at_the_top``: scrolled back to its start (a screen opened
        afresh, not one returned to)."""
        page = self._pages[id(screen)]
        if at_the_top:
            page.verticalScrollBar().setValue(0)
        if self.looks is not None:
            self.looks.ensure(page)
        screen.bring_up_to_date()
        self._swap_pages(page, for_staff=screen.for_staff)
        screen.shown()

    def _swap_pages(self, page: QScrollArea, *, for_staff: bool) -> None:
        """``page`` in front, the status line whole or folded for it. The page going is hidden
        first, so the status line's fold does not lay it out again on its way out (seen: half
        of a 50 ms tap); the focus goes with the page, as the stack would move it."""
        leaving = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        focus_goes = leaving is not page and focus is not None and leaving.isAncestorOf(focus)
        if leaving is not page:
            leaving.hide()
        self.status_line.set_for_resident(not for_staff)
        self.stack.setCurrentWidget(page)
        if focus_goes:
            (page.focusWidget() or page).setFocus(Qt.FocusReason.OtherFocusReason)

    def current_screen(self) -> Screen:
        page = self.stack.currentWidget()
        assert isinstance(page, QScrollArea)
        screen = page.widget()
        assert isinstance(screen, Screen)
        return screen

    def open_category(self, category_id: str) -> None:
        self.category.show_category(category_id)
        self.show_screen(self.category)

    def open_service(self, service_id: str) -> None:
        self._came_from = self.current_screen()
        self.service.show_service(service_id)
        self.show_screen(self.service, at_the_top=True)

    def go_back_from_service(self) -> None:
        self.show_screen(self._came_from or self.start)

    def log_about(self, service_id: str | None) -> None:
        """The log screen, for a service or (``None``) a general enquiry; its Back returns to
        the screen it was opened from."""
        self._logged_from = self.current_screen()
        if service_id is None:
            self.services.session.open_service(None)
        self.log_contact.start(service_id)
        self.show_screen(self.log_contact, at_the_top=True)

    def _saved(self, _contact_id: str) -> None:
        self.go_home()

    def idle_reset(self) -> None:
        """Nobody touched the screen: keep what staff began to log, clear the rest."""
        on_log = "log_contact" in vars(self) and self.current_screen() is self.log_contact
        if on_log and self.log_contact.save_button.isEnabled():
            self.log_contact.save(announce=False, by_idle_reset=True)  # in the background
        self.go_home()

    def go_home(self) -> None:
        """Back to the start with nothing of the last resident left on screen; a new catalog
        from the hub, if one is waiting, is taken now, between residents."""
        self.services.session.reset_visit()
        self.services.speech.stop()
        self._came_from = self._logged_from = None
        if "search" in vars(self):
            self.search.clear()
        if "service" in vars(self):
            self.service.clear()
        signed_in = self.services.session.staff is not None
        self.show_screen(self.start if signed_in else self.staff)  # signed out: sign in first
        self._take_a_new_catalog()

    # A new catalog from the hub (ui/catalog_updates.py), never in the middle of a visit.
    def use_catalog_updates(self, updates: "CatalogUpdates") -> None:
        self._catalog_updates = updates
        updates.ready.connect(self._catalog_ready)
        updates.checked.connect(self.status_line.catalog_checked)
        updates.start()

    def _catalog_ready(self) -> None:
        if self._between_visits():
            self._take_a_new_catalog()

    def _between_visits(self) -> bool:
        """Nobody's visit under way: the start (or sign-in) screen as the last one left it."""
        session = self.services.session
        untouched = (
            session.started_at is None
            and session.language == session.default_language
            and session.text_size == 0
            and not session.high_contrast
        )
        return untouched and self.current_screen() in (self.start, self.staff)

    def _take_a_new_catalog(self) -> None:
        """Swap in a catalog made ready off the GUI thread; the screens that list the catalog
        as they are built (the start screen's topics) are built again, a turn at a time."""
        updates = self._catalog_updates
        if updates is None or not updates.switch_between_visits(self.services):
            return
        self.setWindowTitle(self.services.catalog.council.name)
        if "service" in vars(self):
            self.service.job.maker = self.services.handouts
        old = self.start
        del self.__dict__["start"]  # the next ``self.start`` is built on the new catalog
        self._new_start.run(
            [
                lambda: self.start,
                lambda: self._style("start"),
                lambda: self._polish("start"),
                lambda: self._rehearse("start"),
                lambda: self._retire(old),
            ]
        )

    def _retire(self, old: Screen) -> None:
        """The old start screen out, the new one in its place if it was in front."""
        page = self._pages.pop(id(old))
        if self.stack.currentWidget() is page:
            self.show_screen(self.start)
        self.stack.removeWidget(page)
        page.deleteLater()


def _first_scroll_area() -> None:
    """PySide sets up its side of a scroll area's viewport on the first one asked for (about
    20 ms): a step of its own, not part of building the first screen that scrolls."""
    QScrollArea().viewport()


def _first_chart() -> None:
    """Draw one throwaway breakdown (a chart and its table): Qt Charts and the first table
    set themselves up on their first, which costs three times any later one."""
    from ui.supervisor.breakdowns import Breakdown
    from ui.supervisor.charts import palette

    colours = palette(False)
    breakdown = Breakdown(colours)
    breakdown.fill("", "", [("a", 1)], 1, colours)
    breakdown.grab()
    breakdown.deleteLater()


FULL_COLLECTIONS_HELD = 1_000_000  # gc's third threshold while the screens are built


def _no_full_collection_yet() -> None:
    """While the rest of the screens are built, only the young generations are swept: a
    full collection of everything built so far (seen: 38-50 ms, in the middle of a warm-up
    step) would be a stall of its own. ``_keep_out_of_garbage_collection`` ends this."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTIONS_HELD)


def _keep_out_of_garbage_collection() -> None:
    """Everything built so far lives as long as the kiosk: a full collection that walks it
    all takes 40-75 ms, long enough to be felt as a frozen tap, so it is left out of them.
    (Only the young generations are swept first: a full sweep would be that very pause.)
    Full collections then come back, over what is made after this alone."""
    gc.collect(1)
    gc.freeze()
    young, middle, held = gc.get_threshold()
    if held == FULL_COLLECTIONS_HELD:
        gc.set_threshold(young, middle, DEFAULT_FULL_THRESHOLD)


def _scrolling(screen: Screen) -> QScrollArea:
    """A screen that scrolls, not one that pushes the window off the display, when the
    largest text makes it taller than the screen (by a finger's flick from the warm-up on)."""
    return touch_scroll_area(screen, flick=False)
