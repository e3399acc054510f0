"""A web page that opens only the council's sites and asks the resident for nothing."""

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineFullScreenRequest,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
)

from ui.browser import trust
from ui.browser.rules import allowed

OFF = (
    "JavascriptCanOpenWindows", "JavascriptCanAccessClipboard", "JavascriptCanPaste",
    "LocalContentCanAccessFileUrls", "LocalContentCanAccessRemoteUrls", "PluginsEnabled",
    "ScreenCaptureEnabled", "FullScreenSupportEnabled", "AllowRunningInsecureContent",
    "AllowGeolocationOnInsecureOrigins", "NavigateOnDropEnabled", "PdfViewerEnabled",
    "HyperlinkAuditingEnabled", "DnsPrefetchEnabled", "WebRTCPublicInterfacesOnly",
)  # fmt: skip


class LiveSitePage(QWebEnginePage):
    """Navigation, pop-ups and certificates decided here; ``blocked(address)`` when a link
    leads off the council's sites (a pop-up to them opens in this page instead)."""

    blocked = Signal(QUrl)

    def __init__(
        self, profile: QWebEngineProfile, hosts: frozenset[str], parent: QObject | None = None
    ) -> None:
        super().__init__(profile, parent)
        self.hosts = hosts
        settings = self.settings()
        for name in OFF:
            setting = getattr(settings.WebAttribute, name)
            settings.setAttribute(setting, name == "WebRTCPublicInterfacesOnly")
        self.certificateError.connect(self._certificate_error)
        self.permissionRequested.connect(self._deny)
        self.newWindowRequested.connect(self._pop_up)
        self.fullScreenRequested.connect(self._no_full_screen)

    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if allowed(url, self.hosts):
            return True
        self.blocked.emit(url)
        return False

    def _pop_up(self, request: QWebEngineNewWindowRequest) -> None:
        """No second window on a kiosk: an allowed pop-up replaces the page (and Back returns)."""
        url = request.requestedUrl()
        if allowed(url, self.hosts):
            self.load(url)
        else:
            self.blocked.emit(url)

    def javaScriptConsoleMessage(self, *_args: object) -> None:
        """Kept out of the kiosk's log: a page's console may hold what the resident typed."""

    def chooseFiles(self, *_args: object) -> list[str]:
        return []  # no file picker: the kiosk's files are not the resident's

    @staticmethod
    def _deny(permission: QWebEnginePermission) -> None:
        permission.deny()  # notifications, camera, microphone, location, the screen...

    @staticmethod
    def _no_full_screen(request: QWebEngineFullScreenRequest) -> None:
        request.reject()

    @staticmethod
    def _certificate_error(error: QWebEngineCertificateError) -> None:
        trust.answer(error)
