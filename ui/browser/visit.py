"""One resident's browsing: a fresh off-the-record profile, its page and the view showing it,
all destroyed together when the visit ends, so nothing of it reaches the next resident."""

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineProfile,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from ui.browser.guard import SiteGuard
from ui.browser.page import LiveSitePage


class LiveVisit(QObject):
    """``view`` shows the page; ``blocked(address)`` for anything kept off it. ``end`` deletes
    view, page and profile (cookies, storage, form data, history and cache are in memory
    only, and go with the profile)."""

    blocked = Signal(QUrl)
    download_refused = Signal()

    def __init__(self, hosts: frozenset[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.profile = QWebEngineProfile()  # no storage name: off the record
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        self.profile.setPersistentPermissionsPolicy(
            QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime
        )
        self.guard = SiteGuard(hosts, self)
        self.guard.blocked.connect(self.blocked)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.profile.downloadRequested.connect(self._no_download)
        self.page = LiveSitePage(self.profile, hosts, self)
        # Children go in the order they came: the page first, then its profile (Qt warns of
        # a profile released while a page of it is alive).
        self.profile.setParent(self)
        self.page.blocked.connect(self.blocked)
        self.view = QWebEngineView(parent)
        self.view.setPage(self.page)

    def _no_download(self, download: QWebEngineDownloadRequest) -> None:
        download.cancel()
        self.download_refused.emit()

    def end(self) -> None:
        """The view, then this visit with its page and profile."""
        self.view.hide()
        self.view.deleteLater()
        self.deleteLater()
