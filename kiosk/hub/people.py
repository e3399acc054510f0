"""The people who may sign in to the hub's pages: a name, a role and an argon2id hash.

Five wrong passwords in a row lock the name for ``LOCK_MINUTES``; a right one resets the count.
A sign-in for an unknown name costs the same time as a known one (a hash is checked anyway),
so the pages do not tell which names exist.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, select, update

from kiosk.contacts.contact import utc_now
from kiosk.errors import KioskError
from kiosk.hub.tables import people

Role = Literal["admin", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "viewer")
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 12  # NCSC: length over complexity
NAME_MAX = 64


class PeopleError(KioskError):
    """A person could not be added or removed as asked."""


@dataclass(frozen=True)
class Person:
    name: str
    role: Role
    added_at: str
    locked_until: str | None


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended costs


def add_person(connection: Connection, name: str, role: str, password: str) -> None:
    if not name or len(name) > NAME_MAX or not name.isprintable() or name.strip() != name:
        raise PeopleError(f"a name is 1 to {NAME_MAX} printable characters, no spaces at the ends")
    if role not in ROLES:
        raise PeopleError(f"a role is admin or viewer, not {role!r}")
    if len(password) < MIN_PASSWORD:
        raise PeopleError(f"a password needs at least {MIN_PASSWORD} characters")
    if connection.execute(select(people.c.name).where(people.c.name == name)).first():
        raise PeopleError(f"{name} can sign in already (kiosk hub user remove {name} first)")
    connection.execute(
        people.insert().values(
            name=name,
            role=role,
            password_hash=_hasher().hash(password),
            added_at=utc_now(),
            failed_sign_ins=0,
        )
    )


def remove_person(connection: Connection, name: str) -> None:
    if not connection.execute(delete(people).where(people.c.name == name)).rowcount:
        raise PeopleError(f"no one called {name} can sign in (kiosk hub user list)")


def list_people(connection: Connection) -> list[Person]:
    rows = connection.execute(
        select(people.c.name, people.c.role, people.c.added_at, people.c.locked_until).order_by(
            people.c.name
        )
    )
    return [Person(*row) for row in rows]


@dataclass(frozen=True)
class SignIn:
    person: Person | None  # None: refused
    locked: bool = False  # refused because the name is locked for now


@cache
def _unknown_name_hash() -> str:
    return _hasher().hash(secrets.token_hex(16))


def sign_in(
    connection: Connection, name: str, password: str, now: datetime | None = None
) -> SignIn:
    """Check ``password`` for ``name``; counts failures and locks after ``MAX_FAILURES``."""
    now = now or datetime.now(UTC)
    row = connection.execute(select(people).where(people.c.name == name)).mappings().first()
    if row is None:
        _matches(_unknown_name_hash(), password)  # the same cost as a known name
        return SignIn(None)
    if row["locked_until"] and _stamp(row["locked_until"]) > now:
        return SignIn(None, locked=True)
    where = people.c.name == name
    if not _matches(row["password_hash"], password):
        failures = row["failed_sign_ins"] + 1
        locked_until = None
        if failures >= MAX_FAILURES:
            locked_until = (now + timedelta(minutes=LOCK_MINUTES)).strftime("%Y-%m-%dT%H:%M:%SZ")
            failures = 0
        connection.execute(
            update(people).where(where).values(failed_sign_ins=failures, locked_until=locked_until)
        )
        return SignIn(None, locked=locked_until is not None)
    connection.execute(update(people).where(where).values(failed_sign_ins=0, locked_until=None))
    return SignIn(Person(row["name"], row["role"], row["added_at"], None))


def _matches(stored: str, password: str) -> bool:
    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
