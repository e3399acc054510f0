"""Whole months of figures read the daily counts summed by month, kept with them.

A council's year is a million daily count rows (40 kiosks) but some 30,000 monthly ones, so
its figures read the months it covers whole from ``monthly_counts`` and only the days at
either end from ``daily_counts``. Filled here from the daily counts already held; from now
on the receiver adds to both in the same transaction.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monthly_counts",
        sa.Column("site", sa.String(40), nullable=False),
        sa.Column("desk", sa.String(40), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("dimension", sa.String(40), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("site", "desk", "month", "dimension", "value"),
    )
    op.execute(
        "INSERT INTO monthly_counts (site, desk, month, dimension, value, n)"
        " SELECT site, desk, substr(day, 1, 7), dimension, value, sum(n) FROM daily_counts"
        " GROUP BY site, desk, substr(day, 1, 7), dimension, value"
    )


def downgrade() -> None:
    op.drop_table("monthly_counts")
