"""What differs between the read-model databases, behind one object per database.

Projections and the runner ask `dialect_of(conn)` (a dict lookup by the connection's dialect
name) instead of branching on it inline; a new database is a new class here.

Full-text search is the main difference: on SQLite the catalogue keeps the FTS5 table
`events_fts` in step row by row; on PostgreSQL `events.search` is a generated tsvector column
with a GIN index, so writing the rows is all there is to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from sqlalchemy import Connection, Table, text
from sqlalchemy.dialects import postgresql, sqlite

from command_api.domain.vocabulary import EventStatus

Row = dict[str, Any]

# FTS5 cannot index `event_id` (UNINDEXED), so a delete by it scans the whole index: quadratic
# over a catalogue. Each row's FTS rowid is derived from the event id instead (search_key), and
# rows are deleted by rowid. Migration 0004 re-keyed rows written before; 0005 stores the same key
# in `events.search_key`, so a search joins FTS hits to rows on an integer.
FTS_DELETE = text("DELETE FROM events_fts WHERE rowid = :rowid")
FTS_INSERT = text("INSERT INTO events_fts (rowid, event_id, title, description, tags) "
                  "VALUES (:rowid, :event_id, :title, :description, :tags)")
FTS_CLEAR = text("DELETE FROM events_fts")


class SqliteDialect:
    name: ClassVar[str] = "sqlite"
    # INSERT ... ON CONFLICT builders (the generic `insert` has no upsert)
    insert: ClassVar[Callable[..., Any]] = staticmethod(sqlite.insert)
    keeps_text_index = True  # the catalogue writes events_fts itself

    @staticmethod
    def analyze(conn: Connection, tables: Iterable[Table]) -> None:
        # Sampled (SQLite reads every index in full otherwise: seconds on a big file).
        conn.execute(text("PRAGMA analysis_limit=1000"))
        conn.execute(text("ANALYZE"))

    @staticmethod
    def clear_text_index(conn: Connection) -> None:
        conn.execute(FTS_CLEAR)

    @staticmethod
    def index_text(conn: Connection, rows: list[Row], *, fresh: bool = False) -> None:
        """Keeps the FTS5 index in step with these `events` rows; deleted events leave the index.
        `fresh`: the index holds none of these rows yet (a rebuild), so nothing is deleted first."""
        # In ascending rowid order: FTS5 flushes its pending terms to a new segment whenever a
        # write's rowid is not above the previous one, and random (UUID-derived) keys made that
        # every row, so a catalogue took minutes to project and its index was thousands of
        # tiny segments.
        if not rows:
            return
        rows = sorted(rows, key=lambda row: row["search_key"])
        if not fresh:
            conn.execute(FTS_DELETE, [{"rowid": row["search_key"]} for row in rows])
        live = [row for row in rows if row["status"] != EventStatus.DELETED]
        if live:
            conn.execute(FTS_INSERT, [
                {"rowid": row["search_key"], "event_id": row["id"].hex, "title": row["title"],
                 "description": row["description"], "tags": " ".join(row["tags"])}
                for row in live
            ])


class PostgresDialect:
    name: ClassVar[str] = "postgresql"
    insert: ClassVar[Callable[..., Any]] = staticmethod(postgresql.insert)
    keeps_text_index = False  # events.search is generated from the row

    @staticmethod
    def analyze(conn: Connection, tables: Iterable[Table]) -> None:
        for name in sorted({table.name for table in tables}):
            conn.execute(text(f'ANALYZE "{name}"'))

    @staticmethod
    def clear_text_index(conn: Connection) -> None:
        """Nothing to clear: the index goes with the rows."""

    @staticmethod
    def index_text(conn: Connection, rows: list[Row], *, fresh: bool = False) -> None:
        """Nothing to write: the generated column follows the rows."""


Dialect = SqliteDialect | PostgresDialect
DIALECTS: dict[str, Dialect] = {"sqlite": SqliteDialect(), "postgresql": PostgresDialect()}


def dialect_of(conn: Connection) -> Dialect:
    """The adapter for this connection's database."""
    return dialect_named(conn.dialect.name)


def dialect_named(name: str) -> Dialect:
    # Only these two are supported; anything else gets SQLite's upsert, as the runner did.
    return DIALECTS.get(name, DIALECTS["sqlite"])
