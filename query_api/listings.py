"""Queries over the `events` read model: search with filters, sorts and pages; one event."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Uuid, column, func, select, text

from projections.tables import events
from query_api.schemas import EventOut, LocationOut, OrganizerOut

Sort = Literal["starts_at", "-starts_at", "popularity", "rating"]
When = Literal["upcoming", "past", "all"]
LISTED = ("published", "cancelled")  # drafts and deleted events never appear in listings

MAX_TERMS = 16
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Search:
    q: str | None = None
    category: str | None = None
    country: str | None = None
    city: str | None = None
    starts_from: datetime | None = None
    starts_to: datetime | None = None
    status: When = "upcoming"
    sort: Sort = "starts_at"


def text_match(dialect: str, q: str) -> ColumnElement[bool] | None:
    """Full-text condition (title, description, tags): every word must match, the last one as a
    prefix (search-as-you-type). Only word characters reach the engine, so no query syntax."""
    terms = WORD.findall(q.casefold())[:MAX_TERMS]
    if not terms:
        return None
    if dialect == "postgresql":
        tsquery = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        return text("events.search @@ to_tsquery('english', :tsquery)").bindparams(
            tsquery=tsquery)
    match = " ".join([*(f'"{t}"' for t in terms[:-1]), f'"{terms[-1]}"*'])
    found = text("SELECT event_id FROM events_fts WHERE events_fts MATCH :match").bindparams(
        match=match).columns(column("event_id", Uuid))
    return events.c.id.in_(found)


def _conditions(dialect: str, search: Search, now: datetime) -> list[Any]:
    conditions: list[Any] = [events.c.status.in_(LISTED)]
    if search.status == "upcoming":
        conditions.append(events.c.ends_at > now)  # still to come or under way
    elif search.status == "past":
        conditions.append(events.c.ends_at <= now)
    if search.q and (matched := text_match(dialect, search.q)) is not None:
        conditions.append(matched)
    if search.category:
        conditions.append(events.c.category == search.category)
    if search.country:
        conditions.append(events.c.country == search.country.upper())
    if search.city:
        conditions.append(events.c.city_key == search.city.strip().casefold())
    if search.starts_from:
        conditions.append(events.c.starts_at >= search.starts_from)
    if search.starts_to:
        conditions.append(events.c.starts_at <= search.starts_to)
    return conditions


def _order(sort: Sort) -> list[Any]:
    tie = [events.c.starts_at.asc(), events.c.id.asc()]
    if sort == "-starts_at":
        return [events.c.starts_at.desc(), events.c.id.asc()]
    if sort == "popularity":
        return [(events.c.confirmed_count + events.c.waitlist_length).desc(), *tie]
    if sort == "rating":
        return [events.c.rating_avg.desc().nulls_last(), events.c.rating_count.desc(), *tie]
    return tie


def search_events(conn: Connection, search: Search, *, now: datetime, offset: int,
                  limit: int) -> tuple[list[dict[str, Any]], int]:
    """One page of listed events and the total number of matches."""
    conditions = _conditions(conn.dialect.name, search, now)
    total = conn.scalar(select(func.count()).select_from(events).where(*conditions)) or 0
    rows = conn.execute(select(events).where(*conditions).order_by(*_order(search.sort))
                        .offset(offset).limit(limit)).mappings().all()
    return [dict(row) for row in rows], total


def find_event(conn: Connection, event_id: UUID) -> dict[str, Any] | None:
    """The event's row, deleted ones included (callers decide whether those count)."""
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    return dict(row) if row else None


def event_out(row: dict[str, Any], zone: ZoneInfo | None) -> EventOut:
    """Renders a row; times in `zone`, or the event's own zone."""
    zone = zone or ZoneInfo(row["timezone"])
    return EventOut(
        id=row["id"], title=row["title"], description=row["description"],
        category=row["category"], tags=row["tags"],
        starts_at=row["starts_at"].astimezone(zone), ends_at=row["ends_at"].astimezone(zone),
        timezone=row["timezone"],
        location=LocationOut(country=row["country"], city=row["city"], venue=row["venue"],
                             online_url=row["online_url"]),
        capacity=row["capacity"], confirmed_count=row["confirmed_count"],
        seats_left=max(0, row["capacity"] - row["confirmed_count"]),
        waitlist_length=row["waitlist_length"], waitlist_enabled=row["waitlist_enabled"],
        status=row["status"],
        organizer=OrganizerOut(id=row["organizer_id"], name=row["organizer_name"]),
        rating_avg=row["rating_avg"], rating_count=row["rating_count"],
        created_at=row["created_at"].astimezone(zone),
        updated_at=row["updated_at"].astimezone(zone),
    )
