"""Failing read models and their skips are recorded; the case-folded city gets room to grow.

`projection_failures` and `projection_skips` (projections/failures.py) let a runner in any
process record the one event a read model cannot apply, and an operator pass over it.
`events.city_key` held the case-folded city in 100 characters, like the city itself, but
folding can triple a character ("ﬃ" -> "ffi"): an event with such a city stopped the catalogue
on PostgreSQL. 300 takes any city of up to 100 characters.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "projection_failures",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("event_type", sa.String(300), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("first_seen", Instant, nullable=False),
        sa.Column("last_seen", Instant, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
    )
    op.create_table(
        "projection_skips",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("position", sa.BigInteger, primary_key=True),
        sa.Column("event_type", sa.String(300), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("skipped_by", sa.String(120), nullable=False),
        sa.Column("skipped_at", Instant, nullable=False),
    )
    _city_key_length(300)


def downgrade() -> None:
    _city_key_length(100)
    op.drop_table("projection_skips")
    op.drop_table("projection_failures")


def _city_key_length(length: int) -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Widening a varchar is a catalogue change in PostgreSQL: no rewrite, no index rebuild.
        op.alter_column("events", "city_key", type_=sa.String(length),
                        existing_nullable=False)
    else:
        # SQLite does not enforce the length, but the declared type is what the code compares
        # against; a batch rebuild copies the table and recreates its indexes (0005's too).
        with op.batch_alter_table("events") as batch:
            batch.alter_column("city_key", type_=sa.String(length), existing_nullable=False)
