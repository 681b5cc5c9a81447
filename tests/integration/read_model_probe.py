"""Reads the attendees read model the way a test compares it with a reference model."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, select

from projections.tables import attendees


def attendee_statuses(conn: Connection, event_id: UUID) -> dict[UUID, str]:
    rows = conn.execute(select(attendees.c.registration_id, attendees.c.status)
                        .where(attendees.c.event_id == event_id))
    return {row.registration_id: row.status for row in rows}


def waitlist_order(conn: Connection, event_id: UUID) -> list[UUID]:
    rows = conn.execute(select(attendees.c.registration_id)
                        .where(attendees.c.event_id == event_id,
                               attendees.c.status == "waitlisted")
                        .order_by(attendees.c.waitlist_seq))
    return [row.registration_id for row in rows]
