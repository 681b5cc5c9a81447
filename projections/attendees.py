"""The `attendees` read model: one row per registration, in admission and waitlist order.

`fold` is pure and works on plain dicts, so the query side replays an event's stream with the
very same rules to answer "the list as it stood at <instant>".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, MutableMapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert

from command_api.domain.community_event import CommunityEvent
from command_api.domain.registration import Registration
from projections.base import Item, Projection, Rebuild, Row, load_rows, write_rows
from projections.tables import attendees

log = logging.getLogger(__name__)

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"
STATUS_ORDER = {CONFIRMED: 0, WAITLISTED: 1, CANCELLED: 2}


def sort_key(row: Row) -> tuple[int, int]:
    """Confirmed first, then the waitlist in promotion order, then cancelled; admission order."""
    return STATUS_ORDER[row["status"]], row["seq"]


def referenced_ids(event: Any) -> set[UUID]:
    """Registrations whose rows this event may change."""
    match event:
        case CommunityEvent.RegistrationCancelled():
            ids = {event.registration_id, event.promoted_registration_id}
            return {UUID(i) for i in ids if i}
        case CommunityEvent.CapacityChanged():
            return {UUID(i) for i in event.promoted}
        case (CommunityEvent.RegistrationConfirmed() | CommunityEvent.RegistrantWaitlisted()
              | CommunityEvent.AttendeeCheckedIn()):
            return {UUID(event.registration_id)}
        case Registration.Opened() | Registration.Reopened():
            return {event.originator_id}
    return set()


def _admitted(rows: MutableMapping[UUID, Row], event: Any, status: str) -> None:
    key = UUID(event.registration_id)
    previous = rows.get(key) or {}
    rows[key] = {
        "registration_id": key,
        "event_id": event.originator_id,
        "name": event.name,
        "email": event.email,
        "status": status,
        "registered_at": event.timestamp,
        "seq": event.originator_version,
        "waitlist_seq": event.originator_version if status == WAITLISTED else None,
        "checked_in_at": None,
        "cancelled_at": None,
        # Registration.Opened/Reopened carry the member; keep what they set
        "member_id": previous.get("member_id"),
    }


def _change(rows: MutableMapping[UUID, Row], registration_id: str | UUID, **values: Any) -> None:
    key = registration_id if isinstance(registration_id, UUID) else UUID(registration_id)
    row = rows.get(key)
    if row is None:
        log.warning("event refers to unknown registration %s; skipped", key)
        return
    rows[key] = {**row, **values}


def fold(rows: MutableMapping[UUID, Row], event: Any) -> None:
    """Applies one domain event to `rows` (registration id -> row), replacing changed rows."""
    match event:
        case CommunityEvent.RegistrationConfirmed():
            _admitted(rows, event, CONFIRMED)
        case CommunityEvent.RegistrantWaitlisted():
            _admitted(rows, event, WAITLISTED)
        case CommunityEvent.RegistrationCancelled():
            _change(rows, event.registration_id, status=CANCELLED, waitlist_seq=None,
                    cancelled_at=event.timestamp)
            if event.promoted_registration_id:
                _change(rows, event.promoted_registration_id, status=CONFIRMED,
                        waitlist_seq=None)
        case CommunityEvent.CapacityChanged():
            for registration_id in event.promoted:
                _change(rows, registration_id, status=CONFIRMED, waitlist_seq=None)
        case CommunityEvent.AttendeeCheckedIn():
            _change(rows, event.registration_id, checked_in_at=event.timestamp)
        case Registration.Opened() | Registration.Reopened():
            # Saved together with (and just after) the event's admission, so the row exists.
            if event.originator_id in rows:
                rows[event.originator_id] = {**rows[event.originator_id],
                                             "member_id": event.member_id}


def replay(stream: Iterable[Any]) -> list[Row]:
    """The attendee list after these events of one CommunityEvent stream, in list order."""
    rows: dict[UUID, Row] = {}
    for event in stream:
        fold(rows, event)
    return sorted(rows.values(), key=sort_key)


class Attendees(Projection):
    """Registrations of each event: who, status, waitlist order, check-in."""

    name = "attendees"
    tables = (attendees,)
    reads = (CommunityEvent.RegistrationConfirmed, CommunityEvent.RegistrantWaitlisted,
             CommunityEvent.RegistrationCancelled, CommunityEvent.CapacityChanged,
             CommunityEvent.AttendeeCheckedIn, Registration.Opened, Registration.Reopened)

    def rebuild(self, conn: Connection) -> Rebuild:
        # The in-memory rebuild reproduces this class's `apply`; a subclass that changes `apply`
        # is rebuilt through it, batch by batch.
        if type(self).apply is not Attendees.apply:
            return super().rebuild(conn)
        return AttendeesRebuild(self, conn)

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        relevant = [(e, ids) for _, e in items if (ids := referenced_ids(e))]
        if not relevant:
            return
        before = load_rows(conn, attendees, "registration_id",
                           {i for _, ids in relevant for i in ids})
        after: dict[UUID, Row] = dict(before)
        for event, _ in relevant:
            fold(after, event)
        write_rows(conn, attendees, "registration_id", before, after)


class AttendeesRebuild(Rebuild):
    """A rebuild keeps attendee rows in memory and writes each one when it leaves: most rows are
    inserted once and never read back. Unlike the catalogue the table is unbounded (one row per
    registration ever made), so rows are flushed every FLUSH_ROWS; a later event about a flushed
    row reads it back and updates it."""

    FLUSH_ROWS = 50_000

    def __init__(self, projection: Attendees, conn: Connection) -> None:
        super().__init__(projection, conn)
        self.rows: dict[UUID, Row] = {}
        self.loaded: dict[UUID, Row] = {}  # flushed rows read back, as stored
        self.flushed: set[int] = set()  # keys (UUID.int) of rows in the table

    def apply(self, items: Sequence[Item]) -> None:
        events = [e for _, e in items if isinstance(e, self.projection.reads)]
        if self.flushed:  # rows this batch refers to that were written out: read them back
            missing = {i for e in events for i in referenced_ids(e)
                       if i not in self.rows and i.int in self.flushed}
            if missing:
                stored = load_rows(self.conn, attendees, "registration_id", missing)
                self.loaded.update(stored)
                self.rows.update(stored)
        for event in events:
            fold(self.rows, event)
        if len(self.rows) >= self.FLUSH_ROWS:
            self.finish()

    def finish(self) -> None:
        new = {k: row for k, row in self.rows.items() if k not in self.loaded}
        if new:
            # In key order: each insert lands next to the previous one in the primary key's index.
            self.conn.execute(insert(attendees), [new[k] for k in sorted(new)])
            self.flushed.update(k.int for k in new)
        write_rows(self.conn, attendees, "registration_id", self.loaded,
                   {k: row for k, row in self.rows.items() if k in self.loaded})
        self.rows, self.loaded = {}, {}
