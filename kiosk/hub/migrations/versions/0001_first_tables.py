"""The hub's first tables: contacts (and demo ones apart), daily counts, batches, kiosks, people.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _contact_columns() -> list[sa.Column[object]]:
    code = sa.String(40)
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("recorded_at", sa.String(20), nullable=False),
        sa.Column("site", code, nullable=False),
        sa.Column("desk", code, nullable=False),
        sa.Column("staff", code, nullable=False),
        sa.Column("service_id", code, nullable=False),
        sa.Column("lgsl", sa.Integer),
        sa.Column("mode", code, nullable=False),
        sa.Column("outcome", code, nullable=False),
        sa.Column("barriers", sa.Text, nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("handout", sa.Integer, nullable=False),
        sa.Column("next_time_online", code),
        sa.Column("referral", code),
        sa.Column("duration_s", sa.Integer),
        sa.Column("catalog_version", code, nullable=False),
        sa.Column("source", code, nullable=False),
        sa.Column("received_at", sa.String(20), nullable=False),
    ]


def upgrade() -> None:
    op.create_table("contacts", *_contact_columns())
    op.create_index("contacts_by_time", "contacts", ["recorded_at", "id"])
    op.create_index("contacts_by_site", "contacts", ["site", "recorded_at"])
    op.create_table("demo_contacts", *_contact_columns())
    op.create_table(
        "daily_counts",
        sa.Column("site", sa.String(40), nullable=False),
        sa.Column("desk", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("dimension", sa.String(40), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("site", "desk", "day", "dimension", "value"),
    )
    op.create_index("daily_counts_by_day", "daily_counts", ["day", "dimension"])
    op.create_table(
        "batches",
        sa.Column("batch_id", sa.String(36), primary_key=True),
        sa.Column("site", sa.String(40), nullable=False),
        sa.Column("desk", sa.String(40), nullable=False),
        sa.Column("received_at", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
    )
    op.create_table(
        "kiosks",
        sa.Column("site", sa.String(40), nullable=False),
        sa.Column("desk", sa.String(40), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("added_at", sa.String(20), nullable=False),
        sa.Column("revoked_at", sa.String(20)),
        sa.Column("last_upload_at", sa.String(20)),
        sa.Column("status", sa.JSON),
        sa.PrimaryKeyConstraint("site", "desk"),
    )
    op.create_table(
        "people",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("added_at", sa.String(20), nullable=False),
        sa.Column("failed_sign_ins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.String(20)),
    )


def downgrade() -> None:
    for table in ("people", "kiosks", "batches", "daily_counts", "demo_contacts", "contacts"):
        op.drop_table(table)
