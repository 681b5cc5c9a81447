"""The personal calendar feed: GET /api/calendar/{secret}.ics, readable by anyone with the URL.

The secret is never stored: the `users` read model holds its SHA-256 (projections/users.py), so
the lookup is one indexed equality and a copy of the database cannot rebuild a working URL."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import Connection, select

from command_api.domain.registration import hash_token
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from kernel.deps import ReadEngineDep
from kernel.problems import PROBLEM_CONTENT, Problem
from projections.tables import attendees, events, users
from query_api import ical
from query_api.deps import wait_until_consistent
from query_api.routes import ERRORS

# A calendar app re-reads a feed every few minutes to hours; more than this many is no calendar.
FEED_LIMIT = 1000
IN_FEED = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

# No principal here (the secret is the key): of the read side's answers, only these apply.
router = APIRouter(prefix="/api", tags=["queries"], responses={
    code: ERRORS[code] for code in (422, 503)}, dependencies=[Depends(wait_until_consistent)])


def member_of(conn: Connection, secret: str) -> Any:
    """The account id whose current feed secret this is, or None (unknown or revoked)."""
    return conn.scalar(select(users.c.id).where(users.c.calendar_feed_hash == hash_token(secret),
                                                users.c.active.is_(True)))


def feed_rows(conn: Connection, member_id: str) -> list[dict[str, Any]]:
    """The events the member is confirmed or waitlisted for, deleted events left out (cancelled
    events stay, shown as CANCELLED so calendars drop them visibly)."""
    query = (select(events).join(attendees, attendees.c.event_id == events.c.id)
             .where(attendees.c.member_id == member_id, attendees.c.status.in_(IN_FEED),
                    events.c.status.in_([EventStatus.PUBLISHED, EventStatus.CANCELLED]))
             .order_by(events.c.starts_at.desc(), events.c.id).limit(FEED_LIMIT))
    return [dict(r) for r in conn.execute(query).mappings()]


@router.get("/calendar/{secret}.ics", response_class=Response, summary="My calendar feed",
            responses={404: {"description": "Unknown or revoked feed (`not_found`)",
                             "content": PROBLEM_CONTENT},
                       200: {"description": "iCalendar (RFC 5545) of your events",
                             "content": {"text/calendar": {}}}})
def calendar_feed(secret: str, engine: ReadEngineDep) -> Response:
    """Your confirmed and waitlisted events as a calendar to subscribe to (the URL is the key)."""
    with engine.connect() as conn:
        member = member_of(conn, secret)
        if member is None:
            raise Problem(404, "not_found", "This calendar feed does not exist or was revoked.")
        rows = feed_rows(conn, str(member))
    body = ical.calendar(rows, name="My EventConnect events").to_ical()
    return Response(body, media_type="text/calendar", headers={
        "Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex"})
