"""Every kiosk as the kiosks page shows it: what it last said of itself, and what stands out.

A kiosk silent for more than a day, one that never uploaded, or one whose catalog differs
from the one most kiosks use gets a warning in words ("Silent 3 days"), never colour alone.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.hub.kiosks import Kiosk

SILENT_AFTER = timedelta(days=1)
SHOWN_CHARACTERS = 80  # of any one thing a kiosk says about itself
STATUS = ("app_version", "catalog_version", "printer", "pending", "doctor")  # upload-api.yaml
NOTHING = "Not said"


@dataclass(frozen=True)
class KioskRow:
    site: str
    desk: str
    added_at: str
    last_upload: str
    held: int
    said: dict[str, str]  # STATUS -> what the kiosk said of it, as text
    revoked_at: str | None
    warnings: list[str]  # each in words of its own
    state: str  # when there is no warning: "Uploading", or waiting for a first upload


def kiosk_rows(
    found: Sequence[Kiosk], held: Mapping[tuple[str, str], int], now: datetime | None = None
) -> list[KioskRow]:
    now = now or datetime.now(UTC)
    said = [_said(k.status) for k in found]
    in_use = [s["catalog_version"] for s, k in zip(said, found, strict=True) if not k.revoked_at]
    usual = _most_common([version for version in in_use if version != NOTHING])
    return [
        KioskRow(
            site=k.site,
            desk=k.desk,
            added_at=k.added_at,
            last_upload=k.last_upload_at or "Never",
            held=held.get((k.site, k.desk), 0),
            said=s,
            revoked_at=k.revoked_at,
            warnings=[] if k.revoked_at else _warnings(k, s, usual, now),
            state="Uploading" if k.last_upload_at else "Waiting for its first upload",
        )
        for k, s in zip(found, said, strict=True)
    ]


def _warnings(kiosk: Kiosk, said: dict[str, str], usual: str | None, now: datetime) -> list[str]:
    warnings = []
    if kiosk.last_upload_at is None:
        if now - _stamp(kiosk.added_at) > SILENT_AFTER:
            warnings.append("Never uploaded")
    elif (silent := now - _stamp(kiosk.last_upload_at)) > SILENT_AFTER:
        days = silent.days
        warnings.append(f"Silent {days} day{'s' if days != 1 else ''}")
    if usual is not None and said["catalog_version"] not in (usual, NOTHING):
        warnings.append("Catalog differs from most kiosks")
    return warnings


def _said(status: Mapping[str, Any] | None) -> dict[str, str]:
    status = status if isinstance(status, Mapping) else {}
    return {name: _text(status.get(name)) for name in STATUS}


def _text(value: object) -> str:
    if value is None or value == "":
        return NOTHING
    text = str(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    counted = Counter(values).most_common()
    return min(v for v, n in counted if n == counted[0][1])  # a tie: the same one every time


def _stamp(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
