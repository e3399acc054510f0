"""The kiosk's one window: the screens, the staff status line, and the journeys between them."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ui.screens.base import Screen
from ui.screens.category import CategoryScreen
from ui.screens.log_contact import LogContactScreen
from ui.screens.search import SearchScreen
from ui.screens.service import ServiceScreen
from ui.screens.start import StaffScreen, StartScreen
from ui.services import AppServices
from ui.widgets.status_line import StatusLine


class MainWindow(QMainWindow):
    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(services.catalog.council.name)
        self._came_from: Screen | None = None  # where Back on a service returns to
        self.stack = QStackedWidget()
        self.start = StartScreen(services)
        self.staff = StaffScreen(services)
        self.category = CategoryScreen(services)
        self.search = SearchScreen(services)
        self.service = ServiceScreen(services)
        self.log_contact = LogContactScreen(services)
        self._pages: dict[int, QScrollArea] = {}
        for screen in self._screens():
            self._pages[id(screen)] = page = _scrolling(screen)
            self.stack.addWidget(page)
        self.status_line = StatusLine(services)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_line)
        self.setCentralWidget(body)
        self._connect()
        self.show_screen(self.start if services.session.staff else self.staff)

    def _screens(self) -> tuple[Screen, ...]:
        return (self.start, self.staff, self.category, self.search, self.service, self.log_contact)

    def _connect(self) -> None:
        self.start.category_chosen.connect(self.open_category)
        self.start.search_requested.connect(lambda: self.show_screen(self.search))
        self.start.general_enquiry.connect(lambda: self.log_about(None))
        self.start.sign_in_requested.connect(lambda: self.show_screen(self.staff))
        self.staff.signed_in.connect(lambda _: self.show_screen(self.start))
        self.category.service_chosen.connect(self.open_service)
        self.category.back.connect(self.go_home)
        self.search.service_chosen.connect(self.open_service)
        self.search.back.connect(self.go_home)
        self.service.back.connect(self.go_back_from_service)
        self.service.finished.connect(self.log_about)
        self.log_contact.saved.connect(self._saved)
        self.log_contact.back.connect(lambda: self.show_screen(self.service))

    def show_screen(self, screen: Screen) -> None:
        self.stack.setCurrentWidget(self._pages[id(screen)])
        screen.shown()

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
        self.show_screen(self.service)

    def go_back_from_service(self) -> None:
        self.show_screen(self._came_from or self.start)

    def log_about(self, service_id: str | None) -> None:
        if service_id is None:
            self.services.session.open_service(None)
        self.log_contact.start(service_id)
        self.show_screen(self.log_contact)

    def _saved(self, _contact_id: str) -> None:
        self.status_line.refresh()
        self.go_home()

    def idle_reset(self) -> None:
        """Nobody touched the screen: keep what staff began to log, clear the rest."""
        if self.current_screen() is self.log_contact and self.log_contact.save_button.isEnabled():
            self.log_contact.save(announce=False)
            self.status_line.refresh()
        self.go_home()

    def go_home(self) -> None:
        """Back to the start with nothing of the last resident left on screen."""
        self.services.session.reset_visit()
        self.search.clear()
        self.show_screen(self.start)


def _scrolling(screen: Screen) -> QScrollArea:
    """A screen that scrolls, not one that pushes the window off the display, when the
    largest text makes it taller than the screen."""
    area = QScrollArea()
    area.setWidget(screen)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
