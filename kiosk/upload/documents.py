"""Batch documents: the envelope, and the contacts as JSON built by SQLite in one go."""

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.contact import utc_now
from kiosk.contacts.store import BUSY_TIMEOUT_MS

SCHEMA = "assisted-digital-contacts/1"
SENT_COLUMNS = tuple(c for c in COLUMNS if c != "uploaded_at")
_FIELDS = ", ".join(
    f"'{name}', json(c.barriers)" if name == "barriers" else f"'{name}', c.{name}"
    for name in SENT_COLUMNS
)
# Straight from the join, in the order of the batch's key (by contact id): ordering them by
# time took a third longer, and the order means nothing to the receiver.
_CONTACTS_JSON = (
    f"SELECT json_group_array(json_object({_FIELDS})) FROM upload_batch_contacts AS b "
    "JOIN contacts AS c ON c.id = b.contact_id WHERE b.batch_id = ?"
)


# A contact as the document has it (for reading the contacts still to batch with their JSON,
# so new batches' documents need not read them again).
CONTACT_JSON = f"json_object({_FIELDS})"


def contacts_json(conn: sqlite3.Connection, batch_id: str) -> str:
    """The batch's contacts as the document's JSON array, built by SQLite in one go."""
    return str(conn.execute(_CONTACTS_JSON, [batch_id]).fetchone()[0])


def batch_document(
    batch_id: str, contacts: str, site: str, desk: str, status: dict[str, Any] | None = None
) -> bytes:
    """The request body: the envelope, then the contacts JSON as SQLite made it."""
    envelope: dict[str, Any] = {
        "schema": SCHEMA,
        "batch_id": batch_id,
        "sent_at": utc_now(),
        "source": {"site": site, "desk": desk, "app_version": __version__},
    }
    if status is not None:
        envelope["status"] = status
    head = json.dumps(envelope, ensure_ascii=False)[:-1]  # without the closing brace
    return f'{head}, "contacts": {contacts}}}'.encode()


def kiosk_status(conn: sqlite3.Connection) -> dict[str, Any]:
    """The batch's optional ``status``: this kiosk's state as two indexed reads can tell it.

    The catalog is the newest contact's (the kiosk's uploader does not load the catalog);
    the printer's state and doctor's result are not known here without asking, so null.
    """
    pending = conn.execute(
        "SELECT n FROM upload_counts WHERE counter = 'pending' AND reason = ''"
    ).fetchone()
    newest = conn.execute(
        "SELECT catalog_version FROM contacts ORDER BY recorded_at DESC, id DESC LIMIT 1"
    ).fetchone()
    return {
        "app_version": __version__,
        "catalog_version": newest[0] if newest else None,
        "pending": pending[0] if pending else 0,
        "printer": None,
        "doctor": None,
    }


def read_only(path: Path) -> sqlite3.Connection:
    """A second connection to the contact log that can only read (temporary tables aside)."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,  # opened by one thread, used and closed by another
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


Envelope = Callable[[str, str], bytes]  # batch id, contacts JSON -> the request body
