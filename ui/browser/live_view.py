"""The live view: the council's page on screen with large buttons to move about it (no
address bar), a plain word for anything it will not open, and the page's own QR code."""

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.catalog.links import link_problem
from kiosk.handouts.tracking import tracked_url
from ui.browser.page_qr import PageQr
from ui.browser.rules import allowed
from ui.browser.visit import LiveVisit
from ui.browser.window_filters import WindowFilters
from ui.services import AppServices
from ui.widgets.flow import FlowLayout
from ui.widgets.message_line import MessageLine
from ui.widgets.touch import GAP, TouchButton

WEB_PAGE, QR_PAGE = range(2)


class LiveSiteView(QWidget):
    """Shows one resident's browsing (a ``LiveVisit``, made on ``open``, ended by ``end_visit``
    and by the session's visit reset). ``closed``: back to the steps; ``print_wanted(url)``:
    a handout for the page on screen, with that address."""

    closed = Signal()
    print_wanted = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="liveSite")
        self.services = services
        self.visit: LiveVisit | None = None
        self.hosts: frozenset[str] = frozenset()
        self._filters: WindowFilters | None = None  # the application's, moved while a page lives
        # It lies over the steps: its background is drawn (a plain QWidget subclass draws
        # none of the style sheet's) so nothing of them shows through.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self._build()
        self.retranslate()
        services.session.language_changed.connect(lambda _: self.retranslate())
        services.session.visit_reset.connect(self.end_visit)

    def _build(self) -> None:
        self.back_button = TouchButton(icon_name="back", object_name="navButton")
        self.forward_button = TouchButton(icon_name="next", object_name="navButton")
        self.reload_button = TouchButton(object_name="navButton")
        self.steps_button = TouchButton(object_name="primary")
        self.steps_button.clicked.connect(self.closed)
        top = FlowLayout(spacing=GAP * 2)
        for button in (self.back_button, self.forward_button, self.reload_button):
            top.add(button)
        top.add(self.steps_button, at_end=True)
        self.message = MessageLine("printMessage", lines=2)
        self.pages = QStackedWidget()
        self.web_holder = QWidget()
        QVBoxLayout(self.web_holder).setContentsMargins(0, 0, 0, 0)
        self.qr = PageQr()
        self.qr.closed.connect(lambda: self.pages.setCurrentIndex(WEB_PAGE))
        self.pages.addWidget(self.web_holder)
        self.pages.addWidget(self.qr)
        self.qr_button = TouchButton(icon_name="qr-code", object_name="action")
        self.qr_button.clicked.connect(self.show_page_qr)
        self.print_button = TouchButton(icon_name="print", object_name="action")
        self.print_button.clicked.connect(self._print_page)
        bottom = FlowLayout(spacing=GAP * 2)
        bottom.add(self.qr_button)
        bottom.add(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(GAP * 2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.forward_button.setText(self.tr("Forward"))
        self.reload_button.setText(self.tr("Reload"))
        self.steps_button.setText(self.tr("Back to the steps"))
        self.qr_button.setText(self.tr("QR code for this page"))
        self.print_button.setText(self.tr("Print this page's address"))
        self.qr.retranslate()

    # --- the visit ----------------------------------------------------------------------
    def open(self, url: str, hosts: frozenset[str]) -> None:
        """``url`` on screen, in this resident's profile (a fresh one if they have none yet);
        refused in words if it is not on ``hosts`` (a ``javascript:`` address would run, not
        navigate, so it must never reach the page)."""
        if not allowed(QUrl(url), hosts):
            self._blocked(QUrl(url))
            return
        if self.visit is not None and hosts != self.hosts:
            self.end_visit()
        if self.visit is None:
            self.hosts = hosts
            if self._filters is None:
                self._filters = WindowFilters(self.window())
            self._filters.onto_the_window()
            self.visit = LiveVisit(hosts, self.web_holder)
            self.visit.destroyed.connect(self._filters.back_to_the_application)
            self._connect(self.visit)
            layout = self.web_holder.layout()
            assert layout is not None
            layout.addWidget(self.visit.view)
        self.message.say("")
        self.pages.setCurrentIndex(WEB_PAGE)
        self.visit.view.load(QUrl(url))

    def _connect(self, visit: LiveVisit) -> None:
        page = visit.page
        actions = QWebEnginePage.WebAction
        for button, action in (
            (self.back_button, actions.Back),
            (self.forward_button, actions.Forward),
            (self.reload_button, actions.Reload),
        ):
            button.clicked.connect(lambda _=False, a=action: page.triggerAction(a))
        visit.blocked.connect(self._blocked)
        visit.download_refused.connect(self._download_refused)
        page.urlChanged.connect(self._page_changed)

    def end_visit(self) -> None:
        """Page, view and profile destroyed: the next resident starts with none of it."""
        if self.visit is None:
            return
        visit, self.visit = self.visit, None
        for button in (self.back_button, self.forward_button, self.reload_button):
            button.clicked.disconnect()
        visit.end()
        self.message.say("")
        self.qr.clear()
        self.pages.setCurrentIndex(WEB_PAGE)

    @property
    def page_url(self) -> str:
        return self.visit.page.url().toString() if self.visit is not None else ""

    # --- what the resident sees ---------------------------------------------------------
    def _blocked(self, url: QUrl) -> None:
        self.message.say(
            self.tr("That link leads away from the council's website, so it does not open "
                    "here. Ask the staff member if you need it.")
        )  # fmt: skip

    def _download_refused(self) -> None:
        self.message.say(self.tr("Files cannot be downloaded on this kiosk."))

    def _page_changed(self, _url: QUrl) -> None:
        self.message.say("")
        history = self.visit.page.history() if self.visit is not None else None
        self.back_button.setEnabled(history is not None and history.canGoBack())
        self.forward_button.setEnabled(history is not None and history.canGoForward())
        can_take = self._problem(self.page_url) is None
        self.qr_button.setEnabled(can_take)
        self.print_button.setEnabled(can_take)

    def _problem(self, url: str) -> str | None:
        return link_problem(url, self.hosts) if url else "no page"

    def show_page_qr(self) -> None:
        """The page on screen as the service's own QR code is made: tracking tags added."""
        url = self.page_url
        if self._problem(url) is not None:
            self.message.say(self.tr("This page's address cannot be made into a QR code."))
            return
        config, council = self.services.config, self.services.catalog.council
        self.qr.show_address(url, tracked_url(url, council.tracking, config.site, config.desk))
        self.pages.setCurrentIndex(QR_PAGE)

    def _print_page(self) -> None:
        url = self.page_url
        if self._problem(url) is None:
            self.print_wanted.emit(url)
