"""Search driven by the full-text hits: an integer key on events, planner statistics.

SQLite searched by scanning every listed event and testing each against a LIST SUBQUERY of FTS
hits (200-500 ms at 100,000 events). `events.search_key` is the FTS rowid of the event
(`projections.catalogue.search_key`), so a search now walks the FTS hits and joins each to its
row through `ix_events_search_key`, which also holds every column a listing filters or sorts
on: counting and picking a page never read the wide rows (their description), only the 20 rows
of the page are. The
`*_search_*` indexes exist only here: they serve one dialect's search plan, not the tables'
declared shape (tests/integration compares the rest with projections.tables).

PostgreSQL gets the column too (one table definition for both) plus a partial index in listing
order, so a broad text search can walk events in order and stop after a page.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LISTED = "status IN ('published', 'cancelled')"


def upgrade() -> None:
    from uuid import UUID

    from projections.catalogue import search_key

    op.add_column("events", sa.Column("search_key", sa.BigInteger))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM events"))]
    if ids:
        bind.execute(sa.text("UPDATE events SET search_key = :key WHERE id = :id"), [
            {"key": search_key(UUID(str(i))), "id": i} for i in ids])
    if bind.dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_events_search_listed_starts_at ON events (starts_at, id) "
                   f"WHERE {LISTED}")
        op.execute("ANALYZE events")
    else:
        op.execute("CREATE INDEX ix_events_search_key ON events (search_key, status, ends_at, "
                   "starts_at, id, category, country, city_key, confirmed_count, "
                   "waitlist_length, rating_avg, rating_count)")
        op.execute("ANALYZE")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_events_search_listed_starts_at")
    else:
        op.execute("DROP INDEX IF EXISTS ix_events_search_key")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("search_key")
