"""The hub's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

``contacts`` holds what kiosks send: the kiosk's own columns (codes only) and when the hub
received it. ``daily_counts`` is the kiosk's per-day count table with the site and desk in
front, written in the same transaction as the contacts, so council-wide figures read
thousands of rows, not millions; ``monthly_counts``, written with them, sums them by month
for the figures' whole months. Demo contacts (``source = demo``) are stored apart, in
``demo_contacts``, so no figure can count them.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

CODE = 40  # a site, desk, service or catalog code (kiosk/contacts/codes.py CODE)
STAMP = 20  # 2026-11-27T10:15:00Z


def _contact_columns() -> list[Column[object]]:
    return [
        Column("id", String(36), primary_key=True),
        Column("recorded_at", String(STAMP), nullable=False),
        Column("site", String(CODE), nullable=False),
        Column("desk", String(CODE), nullable=False),
        Column("staff", String(CODE), nullable=False),
        Column("service_id", String(CODE), nullable=False),
        Column("lgsl", Integer),
        Column("mode", String(CODE), nullable=False),
        Column("outcome", String(CODE), nullable=False),
        Column("barriers", Text, nullable=False),  # a JSON array, as on the kiosk
        Column("language", String(35), nullable=False),
        Column("handout", Integer, nullable=False),
        Column("next_time_online", String(CODE)),
        Column("referral", String(CODE)),
        Column("duration_s", Integer),
        Column("catalog_version", String(CODE), nullable=False),
        Column("source", String(CODE), nullable=False),
        Column("received_at", String(STAMP), nullable=False),
    ]


contacts = Table("contacts", metadata, *_contact_columns())
Index("contacts_by_time", contacts.c.recorded_at, contacts.c.id)
Index("contacts_by_site", contacts.c.site, contacts.c.recorded_at)

demo_contacts = Table("demo_contacts", metadata, *_contact_columns())

daily_counts = Table(
    "daily_counts",
    metadata,
    Column("site", String(CODE), nullable=False),
    Column("desk", String(CODE), nullable=False),
    Column("day", String(10), nullable=False),
    Column("dimension", String(CODE), nullable=False),
    Column("value", String(CODE), nullable=False),
    Column("n", BigInteger, nullable=False),
    PrimaryKeyConstraint("site", "desk", "day", "dimension", "value"),
)
Index("daily_counts_by_day", daily_counts.c.day, daily_counts.c.dimension)
Index(  # council-wide figures: summed in this order, no sort (migration 0002)
    "daily_counts_by_value",
    daily_counts.c.dimension,
    daily_counts.c.value,
    daily_counts.c.day,
    daily_counts.c.n,
)

monthly_counts = Table(  # daily_counts summed by month, kept with them (migration 0003)
    "monthly_counts",
    metadata,
    Column("site", String(CODE), nullable=False),
    Column("desk", String(CODE), nullable=False),
    Column("month", String(7), nullable=False),  # 2026-11
    Column("dimension", String(CODE), nullable=False),
    Column("value", String(CODE), nullable=False),
    Column("n", BigInteger, nullable=False),
    PrimaryKeyConstraint("site", "desk", "month", "dimension", "value"),
)

batches = Table(  # every batch's answer, given again to a repeated batch_id
    "batches",
    metadata,
    Column("batch_id", String(36), primary_key=True),
    Column("site", String(CODE), nullable=False),
    Column("desk", String(CODE), nullable=False),
    Column("received_at", String(STAMP), nullable=False),
    Column("answer", Text, nullable=False),  # the JSON answered, byte for byte
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("site", String(CODE), nullable=False),
    Column("desk", String(CODE), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256, never the token
    Column("added_at", String(STAMP), nullable=False),
    Column("revoked_at", String(STAMP)),
    Column("last_upload_at", String(STAMP)),
    Column("status", JSON),  # the optional ``status`` object of its last batch
    PrimaryKeyConstraint("site", "desk"),
)

people = Table(
    "people",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(10), nullable=False),  # admin | viewer
    Column("password_hash", Text, nullable=False),  # argon2id
    Column("added_at", String(STAMP), nullable=False),
    Column("failed_sign_ins", Integer, nullable=False, server_default="0"),
    Column("locked_until", String(STAMP)),
)
