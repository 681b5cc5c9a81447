"""Personal calendar feeds: `users.calendar_feed_hash` (SHA-256 of the feed URL's secret), unique.

Null for every account stored before feeds existed (no feed issued), so no backfill is needed.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("calendar_feed_hash", sa.String(64), nullable=True))
    op.create_index("ix_users_calendar_feed_hash", "users", ["calendar_feed_hash"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_users_calendar_feed_hash", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("calendar_feed_hash")
