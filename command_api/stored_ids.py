"""Which aggregates already have events in the store — for a whole batch in one query.

A rush is almost all first-time registrations, so asking the repository for each one (a
snapshot lookup and an event lookup, each a round trip that also gives up the GIL) cost more
than deciding the whole batch. This asks once per batch; only the ids found are loaded.
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from eventsourcing.persistence import AggregateRecorder
from eventsourcing.postgres import PostgresAggregateRecorder
from eventsourcing.sqlite import SQLiteAggregateRecorder
from psycopg.sql import SQL, Identifier


def stored_ids(recorder: AggregateRecorder, ids: Collection[UUID]) -> set[UUID]:
    if not ids:
        return set()
    if isinstance(recorder, SQLiteAggregateRecorder):
        marks = ",".join("?" * len(ids))
        with recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT DISTINCT originator_id FROM {recorder.events_table_name} "  # noqa: S608 - table name from the library, values bound
                           f"WHERE originator_id IN ({marks})", [i.hex for i in ids])
            return {UUID(row[0]) for row in cursor.fetchall()}
    if isinstance(recorder, PostgresAggregateRecorder):
        query = SQL("SELECT DISTINCT originator_id FROM {}.{} WHERE originator_id = ANY(%s)").format(
            Identifier(recorder.datastore.schema), Identifier(recorder.events_table_name))
        with recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(query, [list(ids)])
            return {UUID(str(row["originator_id"])) for row in cursor.fetchall()}
    # Any other recorder (e.g. in-memory in a quick experiment): ask one by one.
    return {i for i in ids if recorder.select_events(i, limit=1)}
