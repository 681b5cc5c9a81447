"""The `events` read model: one row per community event for search, listings and detail pages.

Full-text search: on SQLite the projection maintains the FTS5 table `events_fts`; on PostgreSQL
`events.search` is a generated tsvector column (title, tags, description) with a GIN index, so
only the rows need writing (projections.dialects).
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, update

from command_api.domain.account import Account
from command_api.domain.community_event import CommunityEvent
from command_api.domain.rating import Rating
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from projections.base import Item, Row
from projections.dialects import dialect_of
from projections.tables import events
from projections.toolkit import AggregateRows, FoldRebuild, handles

# A change to one of these re-indexes the row (a deleted event leaves the index).
INDEXED = ("title", "description", "tags", "status")


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
        "status": EventStatus.DRAFT,
        "organizer_id": event.organizer_id,
        "organizer_name": event.organizer_name,
        "rating_avg": None,
        "rating_count": 0,
        "rating_total": 0,
        "created_at": event.timestamp,
        "updated_at": event.timestamp,
        "version": event.originator_version,
        "search_key": search_key(event.originator_id),
        "series_id": event.series_id,
    }


def _rated_event(event: Any) -> tuple[UUID]:
    return (event.event_id,)


class Catalogue(AggregateRows):
    """Events for search, listings and detail pages."""

    name = "catalogue"
    table, key = events, "id"
    # Its SQLite FTS5 index is kept by raw SQL on `events_fts` (projections/dialects.py), which a
    # shadow copy cannot redirect: rebuilt in place, in one transaction (readers see the old rows
    # until it commits).
    blue_green = False
    also_reads = (Account.ProfileChanged,)  # organizer renames, in `apply`

    @handles(CommunityEvent.Scheduled, creates=True)
    def scheduled(self, row: None, event: CommunityEvent.Scheduled) -> Row:
        return scheduled_row(event)

    @handles(CommunityEvent.Event)
    def other(self, row: Row, event: Any) -> None:
        """Any other event of the stream only stamps the row (`touch`)."""

    @handles(CommunityEvent.Published)
    def published(self, row: Row, event: Any) -> None:
        row["status"] = EventStatus.PUBLISHED

    @handles(CommunityEvent.Cancelled)
    def cancelled(self, row: Row, event: Any) -> None:
        row["status"] = EventStatus.CANCELLED

    @handles(CommunityEvent.Deleted)
    def deleted(self, row: Row, event: Any) -> None:
        row["status"] = EventStatus.DELETED

    @handles(CommunityEvent.DetailsChanged)
    def details_changed(self, row: Row, event: CommunityEvent.DetailsChanged) -> None:
        for name, value in event.changes.items():
            if name == "location":
                row.update(location_columns(value))
            elif name == "tags":
                row["tags"] = list(value)
            elif name in row:
                row[name] = value

    @handles(CommunityEvent.CapacityChanged)
    def capacity_changed(self, row: Row, event: CommunityEvent.CapacityChanged) -> None:
        row["capacity"] = event.capacity
        row["confirmed_count"] += len(event.promoted)
        row["waitlist_length"] -= len(event.promoted)

    @handles(CommunityEvent.RegistrationConfirmed)
    def confirmed(self, row: Row, event: Any) -> None:
        row["confirmed_count"] += 1

    @handles(CommunityEvent.RegistrantWaitlisted)
    def waitlisted(self, row: Row, event: Any) -> None:
        row["waitlist_length"] += 1

    @handles(CommunityEvent.RegistrationCancelled)
    def registration_cancelled(self, row: Row, event: CommunityEvent.RegistrationCancelled) -> None:
        if event.was == RegistrationStatus.WAITLISTED:
            row["waitlist_length"] -= 1
        elif event.promoted_registration_id is not None:
            row["waitlist_length"] -= 1  # the freed seat went to the first in line
        else:
            row["confirmed_count"] -= 1

    # --- ratings: keyed by the rated event, not the rating's own stream ---------------------
    # The score counts whether its comment is hidden or not, so only these three events move
    # it; they neither stamp the row (`updated_at`, `version` are the event's own).

    @handles(Rating.Rated, Rating.Changed, Rating.Withdrawn, keys=_rated_event)
    def rating(self, row: Row, event: Any) -> None:
        count, total = row["rating_count"], row["rating_total"]
        if isinstance(event, Rating.Rated):
            count, total = count + 1, total + event.score
        elif isinstance(event, Rating.Changed):
            if event.previous_score is None:  # rated again after a withdrawal
                count, total = count + 1, total + event.score
            else:
                total += event.score - event.previous_score
        elif isinstance(event, Rating.Withdrawn):
            count, total = count - 1, total - event.score
        row.update(rating_count=count, rating_total=total,
                   rating_avg=total / count if count else None)

    def fold(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        if isinstance(event, Rating.Event):
            event_id: UUID = event.event_id  # type: ignore[attr-defined] # every Rating event has it
            row = rows.get(event_id)
            if row is not None:
                row = dict(row)
                self.rating(row, event)
                rows[event_id] = row
            return
        super().fold(rows, event)

    def touch(self, row: Row, event: Any) -> None:
        row["updated_at"] = event.timestamp
        row["version"] = event.originator_version

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        super().apply(conn, items)
        # An organizer's new name shows on their events. After the rows above are written, in
        # log order, so the last rename in the batch wins.
        for organizer_id, name in renames(items):
            conn.execute(update(events).where(events.c.organizer_id == organizer_id)
                         .values(organizer_name=name))

    def wrote(self, conn: Connection, before: dict[UUID, Row], after: dict[UUID, Row],
              written: list[UUID]) -> None:
        dialect = dialect_of(conn)
        if dialect.keeps_text_index:
            dialect.index_text(conn, [
                after[k] for k in written
                if k not in before or any(after[k][f] != before[k][f] for f in INDEXED)
            ])

    def inserted(self, conn: Connection, rows: list[Row]) -> None:
        dialect_of(conn).index_text(conn, rows, fresh=True)  # skips deleted events

    def clear(self, conn: Connection) -> None:
        super().clear(conn)
        dialect_of(conn).clear_text_index(conn)


def renames(items: Sequence[Item]) -> list[tuple[str, str]]:
    """(organizer id, new name) of the batch's renames, in log order."""
    return [(str(event.originator_id), event.changes["name"]) for _, event in items
            if isinstance(event, Account.ProfileChanged) and "name" in event.changes]


class CatalogueRebuild(FoldRebuild):
    """The catalogue is bounded (one row per community event), so it is never flushed."""

    def folded(self, items: Sequence[Item]) -> None:
        # As in the live path: a batch's renames after its rows, so the last rename wins.
        rows = self.rows
        for organizer_id, name in renames(items):
            for key, row in rows.items():
                if row["organizer_id"] == organizer_id:
                    rows[key] = {**row, "organizer_name": name}


Catalogue.rebuild_class = CatalogueRebuild
_CATALOGUE = Catalogue()


def fold(row: Row | None, event: Any) -> Row | None:
    """The event's row after one more domain event (pure; `row` is not modified)."""
    return _CATALOGUE.fold_row(row, event)
