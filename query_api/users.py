"""Queries over the `users` read model and a member's own registrations (attendees + events)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.orm import aliased

from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from projections.tables import attendees, events, users

WAITLISTED = RegistrationStatus.WAITLISTED

Row = dict[str, Any]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.casefold()}%"


def list_users(conn: Connection, *, role: str | None, q: str | None, active: bool | None,
               offset: int, limit: int) -> tuple[list[Row], int]:
    """Users by email; `q` matches part of the email or name, any case."""
    conditions: list[Any] = []
    if role:
        conditions.append(users.c.role == role)
    if active is not None:
        conditions.append(users.c.active == active)
    if q and q.strip():
        pattern = _like(q.strip())
        conditions.append(or_(users.c.email.like(pattern, escape="\\"),
                              func.lower(users.c.name).like(pattern, escape="\\")))
    total = conn.scalar(select(func.count()).select_from(users).where(*conditions)) or 0
    rows = conn.execute(select(users).where(*conditions).order_by(users.c.email)
                        .offset(offset).limit(limit)).mappings().all()
    return [dict(row) for row in rows], total


def my_registrations(conn: Connection, member_id: str, *, status: str | None, offset: int,
                     limit: int) -> tuple[list[tuple[Row, Row]], int]:
    """The member's registrations (soonest event first) as (registration, event) rows; each
    waitlisted one with its place in line."""
    conditions = [attendees.c.member_id == member_id, events.c.status != EventStatus.DELETED]
    if status:
        conditions.append(attendees.c.status == status)
    joined = attendees.join(events, events.c.id == attendees.c.event_id)
    total = conn.scalar(select(func.count()).select_from(joined).where(*conditions)) or 0
    ahead = aliased(attendees)
    in_line = (select(func.count()).select_from(ahead)
               .where(and_(ahead.c.event_id == attendees.c.event_id,
                           ahead.c.status == WAITLISTED,
                           ahead.c.waitlist_seq <= attendees.c.waitlist_seq))
               .scalar_subquery())
    query = (select(*attendees.c, in_line.label("line_position"),
                    *[c.label(f"event__{c.name}") for c in events.c])
             .select_from(joined).where(*conditions)
             .order_by(events.c.starts_at, events.c.id).offset(offset).limit(limit))
    result = []
    for row in conn.execute(query).mappings():
        registration = {c.name: row[c.name] for c in attendees.c}
        registration["waitlist_position"] = (row["line_position"]
                                             if row["status"] == WAITLISTED else None)
        event = {c.name: row[f"event__{c.name}"] for c in events.c}
        result.append((registration, event))
    return result, total
