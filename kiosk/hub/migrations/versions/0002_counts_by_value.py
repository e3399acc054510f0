"""Council-wide figures read the daily counts by dimension and value, in order.

With this covering index a year of a council's counts (a million rows for 40 kiosks) is
summed in index order, with no sort: a third of a second instead of one and a half.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("daily_counts_by_value", "daily_counts", ["dimension", "value", "day", "n"])


def downgrade() -> None:
    op.drop_index("daily_counts_by_value", table_name="daily_counts")
