"""The kiosks allowed to upload: one token per site and desk, kept only as a hash.

A token is 32 random bytes (``secrets``), so a plain SHA-256 of it is enough to store: unlike
a person's password it cannot be guessed from a list. ``add`` gives the token once; losing it
means revoking and adding the kiosk again.
"""

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from kiosk.contacts.code_rules import code_problem
from kiosk.contacts.contact import utc_now
from kiosk.errors import KioskError
from kiosk.hub.tables import kiosks

TOKEN_BYTES = 32


class KioskListError(KioskError):
    """A kiosk could not be added or revoked as asked."""


@dataclass(frozen=True)
class Kiosk:
    site: str
    desk: str
    added_at: str
    revoked_at: str | None
    last_upload_at: str | None
    status: dict[str, Any] | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_kiosk(connection: Connection, site: str, desk: str) -> str:
    """Allow ``site``/``desk`` to upload; returns its token (shown once, never stored).

    A revoked kiosk may be added again: it gets a new token."""
    for name, value in (("site", site), ("desk", desk)):
        if problem := code_problem(name, value):
            raise KioskListError(problem)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = {"token_hash": token_hash(token), "added_at": utc_now(), "revoked_at": None}
    held = _find(connection, site, desk)
    if held is not None and held.revoked_at is None:
        raise KioskListError(
            f"{site}/{desk} already has a token; revoke it first "
            f"(kiosk hub kiosk revoke {site} {desk}) to issue a new one"
        )
    try:
        if held is None:
            connection.execute(kiosks.insert().values(site=site, desk=desk, **row))
        else:
            where = (kiosks.c.site == site) & (kiosks.c.desk == desk)
            connection.execute(update(kiosks).where(where).values(**row))
    except IntegrityError:
        raise KioskListError(f"{site}/{desk} was added at the same moment elsewhere") from None
    return token


def revoke_kiosk(connection: Connection, site: str, desk: str) -> None:
    held = _find(connection, site, desk)
    if held is None:
        raise KioskListError(f"no kiosk {site}/{desk} (kiosk hub kiosk list shows them)")
    if held.revoked_at is not None:
        raise KioskListError(f"{site}/{desk} was revoked already, at {held.revoked_at}")
    where = (kiosks.c.site == site) & (kiosks.c.desk == desk)
    connection.execute(update(kiosks).where(where).values(revoked_at=utc_now()))


def list_kiosks(connection: Connection) -> list[Kiosk]:
    rows = connection.execute(_SELECT.order_by(kiosks.c.site, kiosks.c.desk))
    return [Kiosk(*row) for row in rows]


def kiosk_for_token(connection: Connection, token: str) -> Kiosk | None:
    """The kiosk that holds ``token``, if it is one the hub issued and has not revoked."""
    row = connection.execute(
        _SELECT.where(kiosks.c.token_hash == token_hash(token), kiosks.c.revoked_at.is_(None))
    ).first()
    return Kiosk(*row) if row else None


_SELECT = select(
    kiosks.c.site,
    kiosks.c.desk,
    kiosks.c.added_at,
    kiosks.c.revoked_at,
    kiosks.c.last_upload_at,
    kiosks.c.status,
)


def _find(connection: Connection, site: str, desk: str) -> Kiosk | None:
    row = connection.execute(_SELECT.where(kiosks.c.site == site, kiosks.c.desk == desk)).first()
    return Kiosk(*row) if row else None
