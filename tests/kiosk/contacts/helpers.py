from typing import Any

from kiosk.contacts.contact import Contact


def contact(**changes: Any) -> Contact:
    values: dict[str, Any] = {
        "site": "main-office",
        "desk": "desk-1",
        "staff": "AB",
        "service_id": "pay-council-tax",
        "lgsl": 57,
        "mode": "showed_how",
        "outcome": "completed",
        "catalog_version": "abc123def456",
        "recorded_at": "2026-11-20T10:15:00Z",
    }
    values.update(changes)
    return Contact(**values)
