"""Ratings: one row per rating, and each event's sum of scores beside its count.

`events.rating_total` lets the catalogue keep `rating_avg` exactly total / count as ratings are
given, changed and withdrawn (an average updated from itself drifts). Existing rows have no
ratings yet, so 0 is their true total.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("rating_id", sa.Uuid, primary_key=True),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("registration_id", sa.Uuid, nullable=False),
        sa.Column("member_id", sa.String(64)),
        sa.Column("author_name", sa.String(120), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("hidden_reason", sa.Text),
        sa.Column("rated_at", Instant, nullable=False),
        sa.Column("updated_at", Instant, nullable=False),
        sa.Column("withdrawn", sa.Boolean, nullable=False),
    )
    op.create_index("ix_ratings_event_rated_at", "ratings", ["event_id", "rated_at"])
    op.create_index("ix_ratings_event_score", "ratings", ["event_id", "score"])
    # Adding a column with a constant default is a catalogue change on both databases (no
    # table rewrite on PostgreSQL 11+; SQLite appends it to the schema).
    op.add_column("events", sa.Column("rating_total", sa.Integer, nullable=False,
                                      server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("rating_total")
    op.drop_table("ratings")
