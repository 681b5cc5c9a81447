"""The `analytics` read model: the dashboard's numbers (../API.md "Analytics"), each a fold of
domain events rather than a query over the other read models, so `eventconnect rebuild analytics`
backfills a metric added later over all history.

Tables (projections/tables.py): `analytics_events` (one row per event: details, counts, rating
tally), `analytics_activity` (counts per event per 15-minute UTC bucket), its own state of each
registration and rating, `analytics_attendance` (person, event) and `analytics_people`.

A live batch runs on the registration rush path after every commit, so it costs a fixed handful
of statements whatever its size: one read each for the event, registration, rating and
attendance rows it touches, the changed rows written back, and the growing counters (activity
buckets, a person's events) added with one upsert each, never read. A rebuild folds the whole
log in memory (`projections.analytics_ledger`) and inserts every row once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Table, bindparam, insert, select

from projections.analytics_ledger import ACTIVITY, Ledger, touched
from projections.base import Item, Projection, Rebuild, Row, chunks, load_rows, write_rows
from projections.dialects import dialect_named
from projections.tables import (
    analytics_activity,
    analytics_attendance,
    analytics_events,
    analytics_people,
    analytics_ratings,
    analytics_registrations,
)

INSERT_ROWS = 10_000  # rows per INSERT executemany in a rebuild
# The tables whose rows a batch reads and changes (the others only grow), by their key
KEYS = {analytics_events: "event_id", analytics_registrations: "registration_id",
        analytics_ratings: "rating_id"}

_ATTENDED = select(analytics_attendance.c.person, analytics_attendance.c.event_id).where(
    analytics_attendance.c.person.in_(bindparam("people", expanding=True)),
    analytics_attendance.c.event_id.in_(bindparam("events", expanding=True)))


@cache
def _adding(dialect: str, table: Table, keys: tuple[str, ...], counters: tuple[str, ...]) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE SET c = c + excluded.c: adds to a counter row, creating
    it if absent, without reading it first."""
    statement = dialect_named(dialect).insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={c: table.c[c] + statement.excluded[c] for c in counters})


def activity_rows(activity: dict[tuple[UUID, Any], list[int]]) -> list[Row]:
    return [{"event_id": event_id, "bucket": bucket, **dict(zip(ACTIVITY, counts, strict=True))}
            for (event_id, bucket), counts in activity.items()]


def people_rows(people: dict[str, int]) -> list[Row]:
    return [{"person": person, "events": n} for person, n in people.items()]


def attendance_rows(pairs: Iterable[tuple[str, UUID, int]]) -> list[Row]:
    return [{"person": person, "event_id": event_id, "position": position}
            for person, event_id, position in pairs]


def load_attended(conn: Connection, people: set[str], event_ids: set[UUID]
                  ) -> set[tuple[str, UUID]]:
    """The (person, event) pairs already stored among these people and events."""
    if not people or not event_ids:
        return set()
    found: set[tuple[str, UUID]] = set()
    events = sorted(event_ids)
    for part in chunks(sorted(people)):
        for event_part in chunks(events):
            found.update((p, e) for p, e in conn.execute(
                _ATTENDED, {"people": list(part), "events": list(event_part)}))
    return found


class Analytics(Projection):
    """Per-event registrations, cancellations, waitlist, promotions, check-ins, sell-out and
    ratings; activity over time; who came to how many events."""

    name = "analytics"
    tables = (analytics_events, analytics_activity, analytics_registrations, analytics_ratings,
              analytics_attendance, analytics_people)
    reads = Ledger.handlers.reads()

    def relevant(self, items: Sequence[Item]) -> list[Item]:
        get = Ledger.handlers.get
        return [(position, event) for position, event in items
                if event is not None and get(type(event)) is not None]

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        relevant = self.relevant(items)
        if not relevant:
            return
        events = [event for _, event in relevant]
        event_ids, registration_ids, rating_ids, people = touched(events)
        stored = {table: load_rows(conn, table, KEYS[table], ids) for table, ids in (
            (analytics_events, event_ids), (analytics_registrations, registration_ids),
            (analytics_ratings, rating_ids))}
        # The ledger changes rows in place: it gets copies, so `stored` is what to compare with.
        rows = {table: {k: dict(row) for k, row in found.items()}
                for table, found in stored.items()}
        ledger = Ledger(rows[analytics_events], rows[analytics_registrations],
                        rows[analytics_ratings], load_attended(conn, people, event_ids))
        ledger.fold_all(relevant)
        for table, before in stored.items():
            write_rows(conn, table, KEYS[table], before, rows[table])
        if ledger.new_attendance:
            conn.execute(insert(analytics_attendance), attendance_rows(ledger.new_attendance))
        dialect = conn.dialect.name
        if ledger.activity:
            conn.execute(_adding(dialect, analytics_activity, ("event_id", "bucket"), ACTIVITY),
                         activity_rows(ledger.activity))
        if ledger.people:
            conn.execute(_adding(dialect, analytics_people, ("person",), ("events",)),
                         people_rows(ledger.people))

    def rebuild(self, conn: Connection) -> Rebuild:
        if type(self).apply is not Analytics.apply:  # a test's failing subclass: batch by batch
            return super().rebuild(conn)
        return AnalyticsRebuild(self, conn)


def _int(key: UUID) -> int:
    return key.int


class AnalyticsRebuild(Rebuild):
    """Folds the whole log into one in-memory ledger and inserts each row once at the end: the
    tables were just cleared, so nothing is read. Bounded by the log's registrations (one small
    row each); rows go in key order, next to each other in their primary-key index."""

    projection: Analytics

    def __init__(self, projection: Analytics, conn: Connection) -> None:
        super().__init__(projection, conn)
        self.ledger = Ledger()
        gc.freeze()

    def apply(self, items: Sequence[Item]) -> None:
        self.ledger.fold_all(items)
        # The ledger's rows hold UUIDs, so the cyclic garbage collector tracks each of them and
        # walked the growing ledger (and every object the process had imported) again and
        # again: a third of a rebuild's CPU time. Rows form no cycles (reference counting frees
        # them), so what exists after each batch is moved out of its sight until `finish` (a
        # rebuild that fails leaves it there: reference counting still frees it).
        gc.freeze()

    def finish(self) -> None:
        ledger = self.ledger
        try:
            self._insert(analytics_events, list(ledger.events.values()))
            # (UUIDs sort by their integer: comparing UUID objects is slow Python code)
            self._insert(analytics_registrations, [ledger.registrations[k] for k in
                                                   sorted(ledger.registrations, key=_int)])
            self._insert(analytics_ratings, [ledger.ratings[k] for k in
                                             sorted(ledger.ratings, key=_int)])
            self._insert(analytics_attendance, attendance_rows(
                sorted(ledger.new_attendance, key=lambda pair: (pair[0], pair[1].int))))
            self._insert(analytics_activity, activity_rows(ledger.activity))
            self._insert(analytics_people, people_rows(dict(sorted(ledger.people.items()))))
        finally:
            self.ledger = Ledger()
            gc.unfreeze()

    def _insert(self, table: Table, rows: list[Row]) -> None:
        bulk_insert(self.conn, table, rows)


def bulk_insert(conn: Connection, table: Table, rows: list[Row]) -> None:
    """Inserts many rows, fast. On SQLite the rows go to the DB-API's executemany as tuples,
    converted by the column types' own bind processors (the same values SQLAlchemy would
    write): SQLAlchemy's per-row parameter handling cost four times the insert itself.
    PostgreSQL keeps SQLAlchemy's multi-row VALUES, its fast path already."""
    if conn.dialect.name != "sqlite":
        for start in range(0, len(rows), INSERT_ROWS):
            conn.execute(insert(table), rows[start : start + INSERT_ROWS])
        return
    # Into the connection's schema: a blue/green rebuild fills tables of another name.
    translate = conn.get_execution_options().get("schema_translate_map")
    compiled = insert(table).compile(dialect=conn.dialect, **(
        {"schema_translate_map": translate, "render_schema_translate": True} if translate
        else {}))
    keys = list(compiled.positiontup or ())
    dialect = conn.dialect  # the dialect's own type (e.g. SQLite's DATETIME), as SQLAlchemy does
    processors = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys]
    converted = [(i, p) for i, p in enumerate(processors) if p is not None]
    for start in range(0, len(rows), INSERT_ROWS):
        values = []
        for row in rows[start : start + INSERT_ROWS]:
            line = [row[key] for key in keys]
            for i, process in converted:
                line[i] = process(line[i])
            values.append(tuple(line))
        conn.exec_driver_sql(compiled.string, values)
