"""Which addresses the live view may open: the catalog's own link rule, host by host."""

from urllib.parse import urlsplit

from PySide6.QtCore import QUrl

from kiosk.catalog.links import link_problem
from kiosk.catalog.model import Catalog


def hosts_for(catalog: Catalog, service_url: str) -> frozenset[str]:
    """The council's ``allowed_hosts`` and the host the service's own address names."""
    own = urlsplit(service_url).hostname
    return frozenset(catalog.council.allowed_hosts) | ({own} if own else set())


def allowed(url: QUrl, hosts: frozenset[str]) -> bool:
    """``https`` to one of ``hosts``, by the rule a printed QR code is held to (no user-info,
    no port but 443, no IP address); ``javascript:``, ``data:``, ``file:`` and the rest never."""
    if url.scheme() != "https":
        return False
    authority = url.authority(QUrl.ComponentFormattingOption.FullyEncoded)
    return link_problem(f"https://{authority}/", hosts) is None
