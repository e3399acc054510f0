"""What went wrong with a catalog update, in words staff and IT can act on.

TUF's client says *what* failed ("New timestamp version 2 must be >= 3"); staff need to know
what it means (an old catalog was replayed) and that the kiosk still runs on the one it had.
Each sentence ends with what was kept, so nobody has to wonder what the residents now see.
"""

import re
from datetime import UTC, datetime

from tuf.api import exceptions
from tuf.api.metadata import Metadata

from kiosk.catalog.hub_copy import HubCatalog
from kiosk.catalog.hub_fetch import HubUnreachableError
from kiosk.errors import CatalogError

_ROLLBACK = re.compile(r"must be >=|^Expected \S+\.json version")
_LONGEST = re.compile(r"maximum allowed length of (\d+)")


class CatalogUpdateError(CatalogError):
    """An update that did not happen; the catalog in use is unchanged."""


def kept(catalog: HubCatalog | None) -> str:
    return f"kept version {catalog.version}" if catalog else "kept the local catalog"


def in_words(
    exc: Exception, catalog: HubCatalog | None, *, archive: str | None, timestamp: bytes | None
) -> CatalogUpdateError:
    """``exc``, raised by TUF's updater or our fetcher, as one sentence ending in what was kept.

    ``archive``: the target's name when it was being downloaded (else the metadata was);
    ``timestamp``: the timestamp metadata the hub sent, for the date a frozen feed ran out.
    """
    what = _what(exc, archive, timestamp)
    return CatalogUpdateError(f"{what}: {kept(catalog)}")


def _what(exc: Exception, archive: str | None, timestamp: bytes | None) -> str:
    if isinstance(exc, exceptions.UnsignedMetadataError):
        return "the hub's catalog was signed by a key this kiosk does not trust"
    if isinstance(exc, exceptions.ExpiredMetadataError):
        return _expired(str(exc), timestamp)
    if isinstance(exc, exceptions.EqualVersionNumberError):
        return "the hub's catalog feed repeated a version with other contents"
    if isinstance(exc, exceptions.BadVersionNumberError):
        if _ROLLBACK.search(str(exc)):
            return "the hub offered an older catalog than this kiosk has (a replay)"
        return _MIXED
    if isinstance(exc, exceptions.LengthOrHashMismatchError):
        if archive:
            return (
                f"the hub's {archive} is not the file its signed metadata describes "
                "(changed or damaged on the way)"
            )
        return _MIXED
    if isinstance(exc, exceptions.DownloadLengthMismatchError):
        found = _LONGEST.search(str(exc))
        most = f"the {int(found[1]):,} bytes" if found else "what"
        return (
            f"the hub sent a file longer than {most} its signed metadata (or this kiosk) "
            "allows for it"
        )
    if isinstance(exc, exceptions.DownloadHTTPError):
        file = str(exc).rpartition("/")[2]
        return (
            f"the hub answered HTTP {exc.status_code} for {file}: check that catalog_source "
            "is the hub's catalog address and that a catalog has been published there"
        )
    if isinstance(exc, HubUnreachableError):
        return f"the hub could not be reached: {exc}"
    if isinstance(exc, exceptions.DownloadError):
        cause = exc.__cause__ or exc
        return f"the hub could not be reached: {type(cause).__name__}: {cause}"
    return f"the hub's catalog metadata could not be used ({type(exc).__name__}: {exc})"


_MIXED = (
    "the hub's catalog files do not belong to one release (files from two publications "
    "mixed together)"
)


def _expired(message: str, timestamp: bytes | None) -> str:
    if message.startswith("Final root"):
        return (
            "the hub's root of trust has expired: IT must sign a new root with the offline "
            "root key and publish it"
        )
    since = _expiry(timestamp) if message.startswith("timestamp") else None
    when = f" since {since}" if since else ""
    return (
        f"the hub's catalog feed has not been renewed{when} (its signed {message.split()[0]} "
        "ran out; the hub renews it while it runs)"
    )


def _expiry(timestamp: bytes | None) -> str | None:
    """When the timestamp the hub sent (already verified: expiry is checked last) ran out."""
    if timestamp is None:
        return None
    try:
        found = Metadata.from_bytes(timestamp).signed.expires
    except Exception:  # unreadable after all: the sentence goes without a date
        return None
    return found.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
