"""The analytics read model (projections/analytics.py): per-event counts, 15-minute activity
buckets, its own registration and rating state, and people.

Created empty: the runner's tracking row for `analytics` does not exist yet, so it folds the
whole log into these tables on its first catch-up (or run `eventconnect rebuild analytics`).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

UtcDateTime = sa.DateTime(timezone=True)  # migrations never import the app

COUNTS = ("registrations", "cancellations", "waitlist_joins", "promotions")


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer, nullable=False)


def upgrade() -> None:
    op.create_table(
        "analytics_events",
        sa.Column("event_id", sa.Uuid, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("organizer_id", sa.String(64), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("starts_at", UtcDateTime, nullable=False),
        sa.Column("ends_at", UtcDateTime, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("start_month", sa.String(7), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        *(_count(n) for n in (*COUNTS, "confirmed", "checked_in")),
        sa.Column("sold_out_at", UtcDateTime),
        *(_count(n) for n in ("rating_count", "rating_sum", "rating_1", "rating_2", "rating_3",
                              "rating_4", "rating_5")),
    )
    for name, columns in (("starts_at", ["starts_at"]),
                          ("organizer_starts_at", ["organizer_id", "starts_at"]),
                          ("category_starts_at", ["category", "starts_at"]),
                          ("country_starts_at", ["country", "starts_at"]),
                          ("registrations", ["registrations"])):
        op.create_index(f"ix_analytics_events_{name}", "analytics_events", columns)
    op.create_table(
        "analytics_activity",
        sa.Column("event_id", sa.Uuid, primary_key=True),
        sa.Column("bucket", UtcDateTime, primary_key=True),
        *(_count(n) for n in (*COUNTS, "check_ins")),
    )
    op.create_table(
        "analytics_registrations",
        sa.Column("registration_id", sa.Uuid, primary_key=True),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("person", sa.String(254), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("checked_in", sa.Boolean, nullable=False),
    )
    op.create_table(
        "analytics_ratings",
        sa.Column("rating_id", sa.Uuid, primary_key=True),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("score", sa.Integer),
    )
    op.create_table(
        "analytics_attendance",
        sa.Column("person", sa.String(254), primary_key=True),
        sa.Column("event_id", sa.Uuid, primary_key=True),
    )
    op.create_index("ix_analytics_attendance_event", "analytics_attendance",
                    ["event_id", "person"])
    op.create_table(
        "analytics_people",
        sa.Column("person", sa.String(254), primary_key=True),
        sa.Column("events", sa.Integer, nullable=False),
    )
    op.create_index("ix_analytics_people_events", "analytics_people", ["events"])


def downgrade() -> None:
    for table in ("analytics_people", "analytics_attendance", "analytics_ratings",
                  "analytics_registrations", "analytics_activity", "analytics_events"):
        op.drop_table(table)
