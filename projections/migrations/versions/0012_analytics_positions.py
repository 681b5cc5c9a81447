"""Store positions on analytics rows, so the API's in-memory copy of the overview's data
(query_api/analytics_frame.py) catches up by reading only what changed after the position it
holds: `analytics_events.last_position` (the last domain event that touched the row) and
`analytics_attendance.position` (the registration that made the pair).

Existing rows cannot be given their positions here, so the analytics read model starts over:
its rows and its tracking row are deleted and the runner folds the whole log into it on its
first catch-up (`eventconnect serve` catches up before it serves; or run `eventconnect rebuild
analytics`). Rows with a made-up position would make the copy count a pair twice once a
rebuild gave them their real ones.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ANALYTICS_TABLES = ("analytics_events", "analytics_activity", "analytics_registrations",
                    "analytics_ratings", "analytics_attendance", "analytics_people")


def upgrade() -> None:
    # A plain ADD COLUMN (a constant default): no table copy on SQLite.
    op.add_column("analytics_attendance", sa.Column("position", sa.BigInteger, nullable=False,
                                                    server_default="0"))
    op.create_index("ix_analytics_attendance_position", "analytics_attendance", ["position"])
    op.add_column("analytics_events", sa.Column("last_position", sa.BigInteger, nullable=False,
                                                server_default="0"))
    op.create_index("ix_analytics_events_last_position", "analytics_events", ["last_position"])
    for table in ANALYTICS_TABLES:
        op.execute(sa.text(f"DELETE FROM {table}"))  # noqa: S608 - our own table names
    op.execute(sa.text("DELETE FROM projection_tracking WHERE name = 'analytics'"))


def downgrade() -> None:
    op.drop_index("ix_analytics_events_last_position", "analytics_events")
    with op.batch_alter_table("analytics_events") as table:
        table.drop_column("last_position")
    op.drop_index("ix_analytics_attendance_position", "analytics_attendance")
    with op.batch_alter_table("analytics_attendance") as table:
        table.drop_column("position")
