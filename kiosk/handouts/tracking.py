"""Campaign tags on the QR code's address, so the council can measure take-up from the desk."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from kiosk.catalog.schema import Tracking


def tracked_url(url: str, tracking: Tracking, site: str, desk: str) -> str:
    """``url`` with utm_ tags added after any query it already has (unchanged when off)."""
    if not tracking.enabled:
        return url
    parts = urlsplit(url)
    tags = urlencode(
        {
            "utm_source": tracking.source,
            "utm_medium": tracking.medium,
            "utm_campaign": tracking.campaign,
            "utm_content": f"{site}-{desk}".lower(),
        }
    )
    query = f"{parts.query}&{tags}" if parts.query else tags
    return urlunsplit(parts._replace(query=query))
