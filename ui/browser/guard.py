"""Every request the live view's profile makes: frames and pages only on the council's hosts."""

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from ui.browser.rules import allowed

_Type = QWebEngineUrlRequestInfo.ResourceType
DOCUMENTS = frozenset(
    {
        _Type.ResourceTypeMainFrame,
        _Type.ResourceTypeSubFrame,
        _Type.ResourceTypeNavigationPreloadMainFrame,
        _Type.ResourceTypeNavigationPreloadSubFrame,
        _Type.ResourceTypeObject,
        _Type.ResourceTypeServiceWorker,
        _Type.ResourceTypeSharedWorker,
        _Type.ResourceTypeWorker,
    }
)


class SiteGuard(QWebEngineUrlRequestInterceptor):
    """Blocks a page, frame or worker from anywhere but ``hosts``, and any request that is not
    ``https`` (or ``wss``): a council page's pictures and scripts may come from elsewhere, its
    documents may not. ``blocked(address)`` says what was stopped."""

    blocked = Signal(QUrl)

    def __init__(self, hosts: frozenset[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hosts = hosts

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        document = info.resourceType() in DOCUMENTS
        if (document and not allowed(url, self.hosts)) or url.scheme() not in ("https", "wss"):
            info.block(True)
            if document:
                self.blocked.emit(url)
