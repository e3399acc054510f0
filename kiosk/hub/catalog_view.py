"""The published catalog versions as people see them (the Catalog page, kiosk hub catalog
list): who published each and when, and which kiosks run it.

A kiosk says which catalog it runs in the status it uploads (``catalog_version``): either the
published version's number or the catalog's own content version (the digest its check gives,
``kiosk catalog list``). A content published twice (a rollback) counts as the newer version.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kiosk.hub.catalog_metadata import ROOT_WARNING
from kiosk.hub.catalog_repository import Published, utc_now
from kiosk.hub.kiosks import Kiosk

SHA_SHOWN = 12


@dataclass(frozen=True)
class VersionRow:
    published: Published
    kiosks: list[str]  # SITE/DESK of each kiosk running it
    same_as: int | None  # an older version with the very same archive (a rollback's)

    @property
    def sha_prefix(self) -> str:
        return self.published.sha256[:SHA_SHOWN]


@dataclass(frozen=True)
class CatalogView:
    rows: list[VersionRow]
    elsewhere: list[str]  # kiosks on no published version (a local catalog, or not said)
    root_expires: str
    root_expires_soon: bool


def catalog_view(
    published: Sequence[Published],
    found: Sequence[Kiosk],
    root_expires: datetime,
    now: datetime | None = None,
) -> CatalogView:
    running: dict[int, list[str]] = {p.catalog_version: [] for p in published}
    elsewhere: list[str] = []
    for kiosk in found:
        if kiosk.revoked_at:
            continue
        version = _version_run(kiosk, published)
        name = f"{kiosk.site}/{kiosk.desk}"
        (running[version] if version is not None else elsewhere).append(name)
    rows = [
        VersionRow(p, sorted(running[p.catalog_version]), _first_with_same_archive(p, published))
        for p in published
    ]
    soon = root_expires - (now or utc_now()) < ROOT_WARNING
    return CatalogView(rows, sorted(elsewhere), root_expires.strftime("%Y-%m-%d"), soon)


def _version_run(kiosk: Kiosk, published: Sequence[Published]) -> int | None:
    said = (kiosk.status or {}).get("catalog_version")
    if not isinstance(said, str | int) or isinstance(said, bool):
        return None
    text = str(said)
    for p in sorted(published, key=lambda p: p.catalog_version, reverse=True):
        if text in (str(p.catalog_version), p.content_version):
            return p.catalog_version
    return None


def _first_with_same_archive(chosen: Published, published: Sequence[Published]) -> int | None:
    older = [
        p.catalog_version
        for p in published
        if p.sha256 == chosen.sha256 and p.catalog_version < chosen.catalog_version
    ]
    return min(older, default=None)
