"""Every use of `eventsourcing` internals, in one place (the library is pinned to 9.5.6).

The rest of the code uses only the library's public surface (`Application.save`, `repository.get`,
`recorder.max_notification_id`, the mapper). What is here reaches further, each for a measured
reason given below; tests/unit/test_library_adapter.py fails loudly when an upgrade changes
anything these functions rely on.
"""

from __future__ import annotations

import types
from collections.abc import Collection
from typing import Any
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.persistence import AggregateRecorder, Notification, Recording, Tracking
from eventsourcing.postgres import PostgresAggregateRecorder
from eventsourcing.sqlite import SQLiteAggregateRecorder
from psycopg import sql

# The columns of the library's events table read here (both recorders name them alike).
EVENT_COLUMNS = ("originator_id", "originator_version", "topic", "state")
_COLUMNS = ", ".join(EVENT_COLUMNS)
# The name of the `Application` method that `SnapshotAsSaved` overrides.
TAKE_SNAPSHOTS = "_take_snapshots"
# The name of the code object of the library's `persistence.retry` wrapper.
RETRY_WRAPPER = "retry_decorator"
# The `Application` method that puts a processing event (events + tracking) in the store.
RECORD = "_record"


class SnapshotAsSaved:
    """Snapshots an aggregate whose save crossed a multiple of its snapshotting interval.

    The library's own version reloads the aggregate at that exact version (a replay of up to
    `interval` events, ~30 ms for an event with a long waitlist); the aggregate just saved is that
    state plus the rest of its batch, so it is snapshotted as it is, at its version.

    A mixin placed before `Application` in the bases (not a subclass of it, so the library's
    class hooks see only the real application class).
    """

    def _take_snapshots(self: Any, processing_event: Any) -> None:
        if not self.snapshots:
            return
        first_versions: dict[UUID, int] = {}
        for event in processing_event.events:
            first_versions.setdefault(event.originator_id, event.originator_version)
        for aggregate_id, aggregate in processing_event.aggregates.items():
            interval = self.snapshotting_intervals.get(type(aggregate))
            first = first_versions.get(aggregate_id)
            if interval and first is not None and aggregate.version // interval > (first - 1) // interval:
                self.snapshots.put([type(aggregate).Snapshot.take(aggregate)])


def remember(app: Application[Any], *aggregates: Any) -> None:
    """Caches aggregates just saved: they ARE the recorded state, so the next load need not
    fast-forward the older cached copy through every event of the batch again."""
    cache = app.repository.cache
    if cache is not None:
        for aggregate in aggregates:
            cache.put(aggregate.id, aggregate)


def stored_ids(recorder: AggregateRecorder, ids: Collection[UUID]) -> set[UUID]:
    """Which aggregates already have events in the store — for a whole batch in one query.

    A rush is almost all first-time registrations, so asking the repository for each one (a
    snapshot lookup and an event lookup, each a round trip that also gives up the GIL) cost more
    than deciding the whole batch. This asks once per batch; only the ids found are loaded.
    """
    if not ids:
        return set()
    if isinstance(recorder, SQLiteAggregateRecorder):
        marks = ",".join("?" * len(ids))
        with recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT DISTINCT originator_id FROM {recorder.events_table_name} "  # noqa: S608 - table name from the library, values bound
                           f"WHERE originator_id IN ({marks})", [i.hex for i in ids])
            return {UUID(row[0]) for row in cursor.fetchall()}
    if isinstance(recorder, PostgresAggregateRecorder):
        query = sql.SQL("SELECT DISTINCT originator_id FROM {}.{} WHERE originator_id = ANY(%s)").format(
            sql.Identifier(recorder.datastore.schema), sql.Identifier(recorder.events_table_name))
        with recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(query, [list(ids)])
            return {UUID(str(row["originator_id"])) for row in cursor.fetchall()}
    # Any other recorder (e.g. in-memory in a quick experiment): ask one by one.
    return {i for i in ids if recorder.select_events(i, limit=1)}


def stream_rows(recorder: Any, originator_id: UUID) -> list[Notification]:
    """One aggregate's stored events *with* their global positions (SQLite: `rowid`; PostgreSQL:
    `notification_id`), oldest first. The library's repository gives events without positions."""
    if isinstance(recorder, SQLiteAggregateRecorder):
        return _sqlite_rows(recorder, originator_id)
    return _postgres_rows(recorder, originator_id)


def _sqlite_rows(recorder: SQLiteAggregateRecorder, originator_id: UUID) -> list[Notification]:
    table = recorder.events_table_name.replace('"', '""')
    # The table name is the library's own (quoted), never user input.
    statement = (f'SELECT rowid, {_COLUMNS} FROM "{table}" '  # noqa: S608
                 "WHERE originator_id = ? ORDER BY originator_version")
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, [originator_id.hex])
        return [Notification(id=row["rowid"], originator_id=originator_id,
                             originator_version=row["originator_version"], topic=row["topic"],
                             state=row["state"])
                for row in cursor.fetchall()]


def _postgres_rows(recorder: Any, originator_id: UUID) -> list[Notification]:
    statement = sql.SQL(
        "SELECT notification_id, " + _COLUMNS + " FROM {}.{} "  # noqa: S608 - identifiers below
        "WHERE originator_id = %s ORDER BY originator_version"
    ).format(sql.Identifier(recorder.datastore.schema), sql.Identifier(recorder.events_table_name))
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, [originator_id])
        return [Notification(id=row["notification_id"], originator_id=originator_id,
                             originator_version=row["originator_version"], topic=row["topic"],
                             state=bytes(row["state"]))
                for row in cursor.fetchall()]


def without_library_retries(recorder: Any) -> None:
    """The PostgreSQL recorder retries each call ten times on an OperationalError; each try
    waits up to the pool timeout, so a request would hang 10 x `db_timeout` while the server is
    away. One bounded try per call instead: a request fails fast (503, the client retries with
    its Idempotency-Key), and the pre-ping replaces the dead pooled connections a retry was
    for."""
    for name in dir(type(recorder)):
        method = getattr(type(recorder), name, None)
        inner = getattr(method, "__wrapped__", None)
        code = getattr(method, "__code__", None)
        if inner is not None and code is not None and code.co_name == RETRY_WRAPPER:
            setattr(recorder, name, types.MethodType(inner, recorder))


def save_tracked(app: Application[Any], name: str, position: int, *aggregates: Any) -> list[Recording[Any]]:
    """Saves the aggregates' pending events AND the tracking position (`name`, `position`) of a
    process that read the log up to `position`, in ONE event-store transaction (the library's
    process-application path: `ProcessingEvent(tracking=...)` through `Application._record`).

    The public `Application.save` cannot take a tracking object. With no events only the
    tracking position is recorded. The recorder refuses a position not past the recorded one
    (IntegrityError, as for a version conflict): two processes can never both commit a batch
    from the same position.
    """
    processing_event: ProcessingEvent[Any] = ProcessingEvent(tracking=Tracking(name, position))
    processing_event.collect_events(*aggregates)
    recordings: list[Recording[Any]] = getattr(app, RECORD)(processing_event)
    app._take_snapshots(processing_event)
    return recordings
