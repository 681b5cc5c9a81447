"""Read models: projection tracking, the events catalogue with full-text search, attendees.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Instant = sa.DateTime(timezone=True)

# title weighs more than tags, tags more than the description
PG_SEARCH = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(tags::text, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')"
)


def upgrade() -> None:
    op.create_table(
        "projection_tracking",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("starts_at", Instant, nullable=False),
        sa.Column("ends_at", Instant, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("city_key", sa.String(100), nullable=False),
        sa.Column("venue", sa.String(200)),
        sa.Column("online_url", sa.String(500)),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("confirmed_count", sa.Integer, nullable=False),
        sa.Column("waitlist_length", sa.Integer, nullable=False),
        sa.Column("waitlist_enabled", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("organizer_id", sa.String(64), nullable=False),
        sa.Column("organizer_name", sa.String(120), nullable=False),
        sa.Column("rating_avg", sa.Float),
        sa.Column("rating_count", sa.Integer, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("updated_at", Instant, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_events_status_starts_at", "events", ["status", "starts_at"])
    op.create_index("ix_events_status_ends_at", "events", ["status", "ends_at"])
    op.create_index("ix_events_category_starts_at", "events", ["category", "starts_at"])
    op.create_index("ix_events_country_city_key", "events", ["country", "city_key"])
    op.create_index("ix_events_organizer_id", "events", ["organizer_id"])
    op.create_index("ix_events_popularity", "events", ["confirmed_count"])
    op.create_index("ix_events_rating", "events", ["rating_avg"])

    if op.get_bind().dialect.name == "postgresql":
        op.add_column("events", sa.Column(
            "search", postgresql.TSVECTOR, sa.Computed(PG_SEARCH, persisted=True)))
        op.create_index("ix_events_search", "events", ["search"], postgresql_using="gin")
    else:
        # Maintained by projections.catalogue; porter stemming like PostgreSQL's 'english'.
        op.execute("CREATE VIRTUAL TABLE events_fts USING fts5("
                   "event_id UNINDEXED, title, description, tags, "
                   "tokenize = 'porter unicode61 remove_diacritics 2')")

    op.create_table(
        "attendees",
        sa.Column("registration_id", sa.Uuid, primary_key=True),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("registered_at", Instant, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("waitlist_seq", sa.Integer),
        sa.Column("checked_in_at", Instant),
        sa.Column("cancelled_at", Instant),
        sa.Column("member_id", sa.String(64)),
    )
    op.create_index("ix_attendees_event_status_seq", "attendees", ["event_id", "status", "seq"])
    op.create_index("ix_attendees_member_id", "attendees", ["member_id"])


def downgrade() -> None:
    op.drop_table("attendees")
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS events_fts")
    op.drop_table("events")
    op.drop_table("projection_tracking")
