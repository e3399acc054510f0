"""The receiver: POST /v1/contacts, exactly docs/upload-api.yaml.

One batch is one transaction: its new contacts (and their daily counts), its answer in
``batches`` and the kiosk's last upload and status are committed together, and only then
answered, so an answer the kiosk was given is never lost. A repeated batch id gets the stored
answer byte for byte. The database work runs in a worker thread, off the event loop, on one
connection per batch; on SQLite this process's batches are written one at a time
(:func:`kiosk.hub.database.write_transaction`), so none is refused as "database is locked".
"""

import logging
from typing import Any

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kiosk.contacts.contact import utc_now
from kiosk.hub.checks import (
    MAX_BYTES,
    MAX_CONTACTS,
    Batch,
    BatchError,
    answer_json,
    batch_id_of,
    check_batch,
    check_contacts,
    parse_json,
)
from kiosk.hub.database import write_transaction
from kiosk.hub.ingest import dialect_insert, store_contacts
from kiosk.hub.kiosks import Kiosk, kiosk_for_token
from kiosk.hub.tables import batches, kiosks

log = logging.getLogger(__name__)

PATH = "/v1/contacts"
RETRY_AFTER_S = 30
NO_TOKEN = "a valid bearer token is required"
WRONG_TOKEN = "this token is not one the hub issued, or it was revoked"
TOO_LARGE = f"at most {MAX_CONTACTS} contacts in a batch ({MAX_BYTES // 2**20} MiB)"
NOT_ANSWERING = "the hub's database is not answering; try again later"


def routes() -> list[BaseRoute]:
    return [Route(PATH, receive, methods=["POST"])]


async def receive(request: Request) -> Response:
    token = _bearer(request.headers.get("authorization"))
    if token is None:
        return _error(401, NO_TOKEN)
    try:
        body = await _body_within_limit(request)
    except BatchError as exc:
        return _error(exc.status, exc.reason)
    engine: Engine = request.app.state.engine
    try:
        return await run_in_threadpool(
            _answer, engine, token, body, request.headers.get("idempotency-key")
        )
    except SQLAlchemyError as exc:  # PostgreSQL restarting, SQLite locked, the pool empty
        log.warning("a batch could not be taken: %s", _first_line(exc))
        return _error(503, NOT_ANSWERING, {"Retry-After": str(RETRY_AFTER_S)})


def _bearer(header: str | None) -> str | None:
    scheme, _, token = (header or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


async def _body_within_limit(request: Request) -> bytes:
    """The body, read as it comes and given up on as soon as it is over ``MAX_BYTES``."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise BatchError(TOO_LARGE, 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise BatchError(TOO_LARGE, 413)
        chunks.append(chunk)
    return b"".join(chunks)


def _answer(engine: Engine, token: str, body: bytes, idempotency_key: str | None) -> Response:
    with engine.connect() as connection:  # one connection for the whole batch
        kiosk = kiosk_for_token(connection, token)
        if kiosk is None:
            return _error(401, WRONG_TOKEN)
        try:
            document = parse_json(body)
            batch_id = batch_id_of(document)
            if batch_id is not None and batch_id == idempotency_key:
                held = _held_answer(connection, batch_id, kiosk)
                if held is not None:
                    return _json(held)
            connection.rollback()  # the reads' transaction: not held open through the checks
            batch = check_batch(document, idempotency_key)
            return _json(_take(connection, batch, kiosk))
        except BatchError as exc:
            return _error(exc.status, exc.reason)


def _take(connection: Connection, batch: Batch, kiosk: Kiosk) -> str:
    """Store the batch and its answer in one transaction; returns the answer committed."""
    taken, rejected = check_contacts(batch.contacts, kiosk.site, kiosk.desk)
    answer = answer_json([contact["id"] for contact in taken], rejected)
    with write_transaction(connection):
        now = utc_now()
        store_contacts(connection, taken, now)
        row = {"batch_id": batch.batch_id, "site": kiosk.site, "desk": kiosk.desk}
        recorded = connection.execute(
            dialect_insert(connection, batches)
            .values(**row, received_at=now, answer=answer)
            .on_conflict_do_nothing(index_elements=["batch_id"])
            .returning(batches.c.batch_id)
        ).first()
        if recorded is None:  # the same batch, sent again while this one was being taken
            held = _held_answer(connection, batch.batch_id, kiosk)
            answer = held if held is not None else answer
        _note_upload(connection, kiosk, now, batch.status)
    return answer


def _held_answer(connection: Connection, batch_id: str, kiosk: Kiosk) -> str | None:
    """The answer already given to ``batch_id``, if this kiosk sent it before."""
    held = connection.execute(
        select(batches.c.answer, batches.c.site, batches.c.desk).where(
            batches.c.batch_id == batch_id
        )
    ).first()
    if held is None:
        return None
    if (held.site, held.desk) != (kiosk.site, kiosk.desk):
        raise BatchError(f"batch_id {batch_id} was sent by another kiosk")
    return str(held.answer)


def _note_upload(
    connection: Connection, kiosk: Kiosk, now: str, status: dict[str, Any] | None
) -> None:
    values: dict[str, Any] = {"last_upload_at": now}
    if status is not None:
        values["status"] = status
    where = (kiosks.c.site == kiosk.site) & (kiosks.c.desk == kiosk.desk)
    connection.execute(update(kiosks).where(where).values(**values))


def _json(answer: str) -> Response:
    return Response(answer.encode(), media_type="application/json")


def _error(status: int, reason: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": reason}, status_code=status, headers=headers)


def _first_line(exc: BaseException) -> str:
    """The database's own message, without the statement or its parameters."""
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]
