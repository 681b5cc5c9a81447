"""Attendee lists and waitlists: from the `attendees` read model, or — for `as_of` — by replaying
the event's own stream from the store with the projection's fold (the same rules, so "now" and
"then" can never disagree about how a list is built)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, func, select

from command_api.domain.community_event import CommunityEvent
from command_api.domain.vocabulary import RegistrationStatus
from projections.attendees import STATUS_ORDER, replay
from projections.tables import attendees
from query_api.event_store import read_stream
from query_api.schemas import AttendeeOut, WaitlistEntryOut

WAITLISTED = RegistrationStatus.WAITLISTED
Row = dict[str, Any]


def _local(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    return value.astimezone(zone) if value else None


def attendee_out(row: Row, zone: ZoneInfo) -> AttendeeOut:
    return AttendeeOut(registration_id=row["registration_id"], name=row["name"],
                       email=row["email"], status=row["status"],
                       registered_at=row["registered_at"].astimezone(zone),
                       checked_in_at=_local(row["checked_in_at"], zone),
                       cancelled_at=_local(row["cancelled_at"], zone),
                       waitlist_position=row.get("waitlist_position"))


def waitlist_entry_out(row: Row, position: int, zone: ZoneInfo) -> WaitlistEntryOut:
    return WaitlistEntryOut(registration_id=row["registration_id"], name=row["name"],
                            email=row["email"],
                            registered_at=row["registered_at"].astimezone(zone),
                            waitlist_position=position)


def list_attendees(conn: Connection, event_id: UUID, status: str | None, *, offset: int,
                   limit: int) -> tuple[list[Row], int]:
    """Confirmed first, then the waitlist in promotion order, then cancelled.

    The list is the three status groups one after another, each in admission order (`seq`), so a
    page is at most three index range reads on (event_id, status, seq) placed by the groups'
    counts — never a sort or a window over the whole list (5,000 rows for a popular event)."""
    counts: dict[str, int] = dict(conn.execute(
        select(attendees.c.status, func.count()).where(attendees.c.event_id == event_id)
        .group_by(attendees.c.status)).tuples().all())
    groups = [status] if status else sorted(STATUS_ORDER, key=STATUS_ORDER.__getitem__)
    page: list[Row] = []
    skip = offset
    for group in groups:
        size = counts.get(group, 0)
        if skip >= size:
            skip -= size
            continue
        if len(page) == limit:
            break
        rows = conn.execute(select(attendees)
                            .where(attendees.c.event_id == event_id, attendees.c.status == group)
                            .order_by(attendees.c.seq).offset(skip).limit(limit - len(page)))
        for place, row in enumerate(rows.mappings(), start=skip + 1):
            page.append({**row, "waitlist_position": place if group == WAITLISTED else None})
        skip = 0
    return page, sum(counts.get(group, 0) for group in groups)


def list_waitlist(conn: Connection, event_id: UUID, *, offset: int,
                  limit: int) -> tuple[list[Row], int]:
    """The waitlist in promotion order (first = next to get a seat)."""
    conditions = [attendees.c.event_id == event_id, attendees.c.status == WAITLISTED]
    total = conn.scalar(select(func.count()).select_from(attendees).where(*conditions)) or 0
    query = (select(attendees).where(*conditions).order_by(attendees.c.waitlist_seq)
             .offset(offset).limit(limit))
    return [dict(row) for row in conn.execute(query).mappings()], total


def attendees_as_of(write_model: Any, event_id: UUID, as_of: datetime) -> list[Row]:
    """The whole attendee list exactly as it stood at `as_of`, in list order, with each
    waitlisted row's place in line."""
    stream = [r.event for r in read_stream(write_model, event_id)
              if isinstance(r.event, CommunityEvent.Event) and r.event.timestamp <= as_of]
    rows = replay(stream)
    in_line = 0
    for row in rows:
        if row["status"] == WAITLISTED:
            in_line += 1
            row["waitlist_position"] = in_line
    return rows
