"""The `events` read model: one row per community event for search, listings and detail pages.

Full-text search: on SQLite the projection maintains the FTS5 table `events_fts`; on PostgreSQL
`events.search` is a generated tsvector column (title, tags, description) with a GIN index, so
only the rows need writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert, text, update

from command_api.domain.account import Account
from command_api.domain.community_event import CommunityEvent
from projections.base import Item, Projection, Rebuild, Row, load_rows, write_rows
from projections.tables import events

# A change to one of these re-indexes the row (a deleted event leaves the index).
INDEXED = ("title", "description", "tags", "status")
# FTS5 cannot index `event_id` (UNINDEXED), so a delete by it scans the whole index: quadratic
# over a catalogue. Each row's FTS rowid is derived from the event id instead (search_key), and
# rows are deleted by rowid. Migration 0004 re-keyed rows written before; 0005 stores the same key
# in `events.search_key`, so a search joins FTS hits to rows on an integer.
FTS_DELETE = text("DELETE FROM events_fts WHERE rowid = :rowid")
FTS_INSERT = text("INSERT INTO events_fts (rowid, event_id, title, description, tags) "
                  "VALUES (:rowid, :event_id, :title, :description, :tags)")


def search_key(event_id: UUID) -> int:
    """A stable, non-negative 63-bit integer key for the event: its FTS rowid and
    `events.search_key`."""
    return event_id.int >> 65


fts_rowid = search_key  # the name migration 0004 imports


def location_columns(location: dict[str, Any]) -> Row:
    city = str(location.get("city", ""))
    return {
        "country": str(location.get("country", "")).upper(),
        "city": city,
        "city_key": city.casefold(),
        "venue": location.get("venue"),
        "online_url": str(location["online_url"]) if location.get("online_url") else None,
    }


def scheduled_row(event: CommunityEvent.Scheduled) -> Row:
    return {
        "id": event.originator_id,
        "title": event.title,
        "description": event.description,
        "category": event.category,
        "tags": list(event.tags),
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        **location_columns(event.location),
        "capacity": event.capacity,
        "confirmed_count": 0,
        "waitlist_length": 0,
        "waitlist_enabled": event.waitlist_enabled,
        "status": "draft",
        "organizer_id": event.organizer_id,
        "organizer_name": event.organizer_name,
        "rating_avg": None,
        "rating_count": 0,
        "created_at": event.timestamp,
        "updated_at": event.timestamp,
        "version": event.originator_version,
        "search_key": search_key(event.originator_id),
    }


def fold(row: Row | None, event: Any) -> Row | None:
    """The event's row after one more domain event (pure; `row` is not modified)."""
    if isinstance(event, CommunityEvent.Scheduled):
        return scheduled_row(event)
    if row is None:
        return None  # a stream we never saw created; nothing to show
    row = dict(row)
    match event:
        case CommunityEvent.Published():
            row["status"] = "published"
        case CommunityEvent.Cancelled():
            row["status"] = "cancelled"
        case CommunityEvent.Deleted():
            row["status"] = "deleted"
        case CommunityEvent.DetailsChanged():
            for name, value in event.changes.items():
                if name == "location":
                    row.update(location_columns(value))
                elif name == "tags":
                    row["tags"] = list(value)
                elif name in row:
                    row[name] = value
        case CommunityEvent.CapacityChanged():
            row["capacity"] = event.capacity
            row["confirmed_count"] += len(event.promoted)
            row["waitlist_length"] -= len(event.promoted)
        case CommunityEvent.RegistrationConfirmed():
            row["confirmed_count"] += 1
        case CommunityEvent.RegistrantWaitlisted():
            row["waitlist_length"] += 1
        case CommunityEvent.RegistrationCancelled():
            if event.was == "waitlisted":
                row["waitlist_length"] -= 1
            elif event.promoted_registration_id is not None:
                row["waitlist_length"] -= 1  # the freed seat went to the first in line
            else:
                row["confirmed_count"] -= 1
    row["updated_at"] = event.timestamp
    row["version"] = event.originator_version
    return row


class Catalogue(Projection):
    """Events for search, listings and detail pages."""

    name = "catalogue"
    tables = (events,)
    reads = (CommunityEvent.Event, Account.ProfileChanged)

    def rebuild(self, conn: Connection) -> Rebuild:
        # The in-memory rebuild reproduces this class's `apply`; a subclass that changes `apply`
        # is rebuilt through it, batch by batch.
        if type(self).apply is not Catalogue.apply:
            return super().rebuild(conn)
        return CatalogueRebuild(self, conn)

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        relevant = [e for _, e in items if isinstance(e, CommunityEvent.Event)]
        if relevant:
            self._apply_events(conn, relevant)
        # An organizer's new name shows on their events. After the rows above are written, in
        # log order, so the last rename in the batch wins.
        for _, event in items:
            if isinstance(event, Account.ProfileChanged) and "name" in event.changes:
                conn.execute(update(events)
                             .where(events.c.organizer_id == str(event.originator_id))
                             .values(organizer_name=event.changes["name"]))

    def _apply_events(self, conn: Connection, relevant: list[Any]) -> None:
        before = load_rows(conn, events, "id", {e.originator_id for e in relevant})
        after: dict[UUID, Row] = dict(before)
        for event in relevant:
            row = fold(after.get(event.originator_id), event)
            if row is not None:
                after[event.originator_id] = row
        written = write_rows(conn, events, "id", before, after)
        if conn.dialect.name == "sqlite":
            self._index_text(conn, [
                after[k] for k in written
                if k not in before or any(after[k][f] != before[k][f] for f in INDEXED)
            ])

    def clear(self, conn: Connection) -> None:
        super().clear(conn)
        if conn.dialect.name == "sqlite":
            conn.execute(text("DELETE FROM events_fts"))

    @staticmethod
    def _index_text(conn: Connection, rows: list[Row], *, fresh: bool = False) -> None:
        """Keeps the FTS5 index in step; deleted events leave the index. `fresh`: the index
        holds none of these rows yet (a rebuild), so nothing is deleted first."""
        # In ascending rowid order: FTS5 flushes its pending terms to a new segment whenever a
        # write's rowid is not above the previous one, and random (UUID-derived) keys made that
        # every row, so a catalogue took minutes to project and its index was thousands of
        # tiny segments.
        if not rows:
            return
        rows = sorted(rows, key=lambda row: row["search_key"])
        if not fresh:
            conn.execute(FTS_DELETE, [{"rowid": row["search_key"]} for row in rows])
        live = [row for row in rows if row["status"] != "deleted"]
        if live:
            conn.execute(FTS_INSERT, [
                {"rowid": row["search_key"], "event_id": row["id"].hex, "title": row["title"],
                 "description": row["description"], "tags": " ".join(row["tags"])}
                for row in live
            ])


class CatalogueRebuild(Rebuild):
    """The catalogue is bounded (one row per community event), so a rebuild folds the whole log
    in memory and inserts each row, and its text, once: no per-batch reads and rewrites of rows
    that every registration touches."""

    def __init__(self, projection: Catalogue, conn: Connection) -> None:
        super().__init__(projection, conn)
        self.rows: dict[UUID, Row] = {}

    def apply(self, items: Sequence[Item]) -> None:
        rows = self.rows
        for _, event in items:
            if isinstance(event, CommunityEvent.Event):
                row = fold(rows.get(event.originator_id), event)
                if row is not None:
                    rows[event.originator_id] = row
        # As in the live path: a batch's renames after its rows, so the last rename wins.
        for _, event in items:
            if isinstance(event, Account.ProfileChanged) and "name" in event.changes:
                organizer_id = str(event.originator_id)
                for key, row in rows.items():
                    if row["organizer_id"] == organizer_id:
                        rows[key] = {**row, "organizer_name": event.changes["name"]}

    def finish(self) -> None:
        rows = list(self.rows.values())
        for part in range(0, len(rows), 10_000):
            self.conn.execute(insert(events), rows[part : part + 10_000])
        if self.conn.dialect.name == "sqlite":
            Catalogue._index_text(self.conn, rows, fresh=True)  # skips deleted events
        self.rows = {}
