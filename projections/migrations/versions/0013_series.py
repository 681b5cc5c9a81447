"""Recurring series: `events.series_id` (the series an event is an occurrence of) and its index.

Nullable, and null for every event stored before series existed (their Scheduled events carry
no series), so no backfill is needed.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("series_id", sa.Uuid, nullable=True))
    op.create_index("ix_events_series_id", "events", ["series_id"])


def downgrade() -> None:
    op.drop_index("ix_events_series_id", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("series_id")
