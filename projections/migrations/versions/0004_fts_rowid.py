"""SQLite full-text index: rows keyed by a rowid derived from the event id.

The catalogue projection now deletes FTS rows by rowid (`projections.catalogue.fts_rowid`)
instead of by the UNINDEXED `event_id` column, which scanned the whole index for every change.
This re-keys the rows written before. PostgreSQL (tsvector column) has nothing to do.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return
    from uuid import UUID

    from projections.catalogue import fts_rowid

    rows = bind.execute(sa.text(
        "SELECT id, title, description, tags FROM events WHERE status != 'deleted'")).all()
    bind.execute(sa.text("DELETE FROM events_fts"))
    if rows:
        bind.execute(sa.text(
            "INSERT INTO events_fts (rowid, event_id, title, description, tags) "
            "VALUES (:rowid, :event_id, :title, :description, :tags)"), [
            {"rowid": fts_rowid(UUID(str(r.id))), "event_id": UUID(str(r.id)).hex,
             "title": r.title, "description": r.description,
             "tags": " ".join(json.loads(r.tags) if isinstance(r.tags, str) else r.tags)}
            for r in rows])


def downgrade() -> None:
    pass  # rowids derived from the id are valid FTS rows for the old code too
