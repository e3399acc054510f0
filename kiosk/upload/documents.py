"""Batch documents, built by SQLite; ``DocumentsAhead`` builds the next while one is in flight."""

import json
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

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
_CONTACTS_JSON = (
    f"SELECT json_group_array(json_object({_FIELDS})) FROM (SELECT c.* FROM contacts AS c "
    "JOIN upload_batch_contacts AS b ON b.contact_id = c.id WHERE b.batch_id = ? "
    "ORDER BY c.recorded_at, c.id) AS c"
)


def contacts_json(conn: sqlite3.Connection, batch_id: str) -> str:
    """The batch's contacts as the document's JSON array, built by SQLite in one go."""
    return str(conn.execute(_CONTACTS_JSON, [batch_id]).fetchone()[0])


def batch_document(batch_id: str, contacts: str, site: str, desk: str) -> bytes:
    """The request body: the envelope, then the contacts JSON as SQLite made it."""
    envelope = {
        "schema": SCHEMA,
        "batch_id": batch_id,
        "sent_at": utc_now(),
        "source": {"site": site, "desk": desk, "app_version": __version__},
    }
    head = json.dumps(envelope, ensure_ascii=False)[:-1]  # without the closing brace
    return f'{head}, "contacts": {contacts}}}'.encode()


def read_only(path: Path) -> sqlite3.Connection:
    """A second connection to the contact log that can only read (a snapshot per query)."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,  # opened by one thread, used and closed by another
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


Envelope = Callable[[str, str], bytes]  # batch id, contacts JSON -> the request body


class DocumentsAhead:
    """Builds documents on one worker thread with its own read-only connection.

    ``get`` returns a batch's document (None when its contacts were all purged meanwhile);
    ``build_ahead`` starts on the next one so it is ready when the current one is answered.
    SQLite lets go of the GIL while it builds, so this overlaps with the network and with
    the settling done on the uploader's own connection.
    """

    def __init__(self, db_path: Path, envelope: Envelope) -> None:
        self._envelope = envelope
        self._conn = read_only(db_path)
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="upload-documents")
        self._ahead: dict[str, Future[bytes | None]] = {}

    def __enter__(self) -> "DocumentsAhead":
        return self

    def __exit__(self, *exc_info: object) -> None:
        for future in self._ahead.values():
            future.cancel()
        self._worker.shutdown(wait=True)
        self._conn.close()

    def build_ahead(self, batch_id: str) -> None:
        if batch_id not in self._ahead:
            self._ahead[batch_id] = self._worker.submit(self._build, batch_id)

    def get(self, batch_id: str) -> bytes | None:
        self.build_ahead(batch_id)
        return self._ahead.pop(batch_id).result()

    def _build(self, batch_id: str) -> bytes | None:
        contacts = contacts_json(self._conn, batch_id)
        return None if contacts == "[]" else self._envelope(batch_id, contacts)
