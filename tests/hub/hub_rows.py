"""Contacts as the hub holds them, for tests that store them with the receiver's own code."""

from typing import Any

from kiosk.contacts.contact import Contact


def hub_row(**changes: Any) -> dict[str, Any]:
    """A contact as the hub stores it: the kiosk's checked row, without ``uploaded_at``."""
    fields: dict[str, Any] = {
        "site": "civic-centre",
        "desk": "desk-1",
        "staff": "AB",
        "service_id": "general",
        "lgsl": None,
        "mode": "showed_how",
        "outcome": "completed",
        "catalog_version": "cat-a",
        "recorded_at": "2026-11-27T10:15:00Z",
        **changes,
    }
    row = Contact(**fields).row()
    del row["uploaded_at"]
    return row
