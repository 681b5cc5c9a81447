"""Read-only access to one aggregate's stream *with* its global positions, for audit history and
time travel. The library's repository gives events without positions, so this selects the rows
from its table (SQLite: `rowid`; PostgreSQL: `notification_id`) and decodes them with its mapper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from eventsourcing.sqlite import SQLiteApplicationRecorder

COLUMNS = "originator_id, originator_version, topic, state"


@dataclass(frozen=True)
class Recorded:
    """A domain event and the store position it was recorded at."""

    position: int
    event: Any


def _sqlite_rows(recorder: SQLiteApplicationRecorder, originator_id: UUID) -> list[Notification]:
    table = recorder.events_table_name.replace('"', '""')
    # The table name is the library's own (quoted), never user input.
    statement = (f'SELECT rowid, {COLUMNS} FROM "{table}" '  # noqa: S608
                 "WHERE originator_id = ? ORDER BY originator_version")
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, [originator_id.hex])
        return [Notification(id=row["rowid"], originator_id=originator_id,
                             originator_version=row["originator_version"], topic=row["topic"],
                             state=row["state"])
                for row in cursor.fetchall()]


def _postgres_rows(recorder: Any, originator_id: UUID) -> list[Notification]:
    from psycopg import sql

    statement = sql.SQL(
        "SELECT notification_id, " + COLUMNS + " FROM {}.{} "  # noqa: S608 - identifiers below
        "WHERE originator_id = %s ORDER BY originator_version"
    ).format(sql.Identifier(recorder.datastore.schema), sql.Identifier(recorder.events_table_name))
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, [originator_id])
        return [Notification(id=row["notification_id"], originator_id=originator_id,
                             originator_version=row["originator_version"], topic=row["topic"],
                             state=bytes(row["state"]))
                for row in cursor.fetchall()]


def read_stream(write_model: Any, originator_id: UUID) -> list[Recorded]:
    """Every event of one aggregate, oldest first, with global positions (upcast as needed)."""
    recorder = write_model.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        rows = _sqlite_rows(recorder, originator_id)
    else:
        rows = _postgres_rows(recorder, originator_id)
    return [Recorded(row.id, write_model.mapper.to_domain_event(row)) for row in rows]
