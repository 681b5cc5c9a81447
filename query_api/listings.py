"""Queries over the `events` read model: search with filters, sorts and pages; one event."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Join,
    TextClause,
    column,
    func,
    literal,
    select,
    table,
    text,
)
from sqlalchemy.ext.compiler import compiles

from projections.tables import events
from query_api import ical
from query_api.schemas import EventOut, LocationOut, OrganizerOut

Sort = Literal["starts_at", "-starts_at", "popularity", "rating"]
When = Literal["upcoming", "past", "all"]
# vocabulary.LISTED_STATUSES as literal values, not bound ones: PostgreSQL's partial index in
# listing order (migration 0005) serves only a query whose condition visibly implies the index's.
LISTED_CONDITION = text("events.status IN ('published', 'cancelled')")

MAX_TERMS = 16
WORD = re.compile(r"\w+")
# `total` counts matches exactly up to this many; past it the count stops (`total_exact` false):
# counting every one of 40,000 hits of a common word costs more than the page itself.
TOTAL_CAP = 1000
# SQLite's full-text index: its rowid is events.search_key (projections.catalogue.search_key).
EVENTS_FTS = table("events_fts", column("rowid", BigInteger))


class HitsFirst(Join):
    """FTS hits joined to their events the one way SQLite must run it: hits outside (CROSS JOIN
    keeps the order written), each row found by its key (INDEXED BY the covering key index).
    Left to itself the planner cannot know how many rows a MATCH finds, and walks every listed
    event running the MATCH for each, or scans a date range per hit (seconds at 100,000)."""

    inherit_cache = True


@compiles(HitsFirst, "sqlite")
def _hits_first(join: HitsFirst, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    return (f"{compiler.process(join.left, **kw)} CROSS JOIN {compiler.process(join.right, **kw)}"
            f" INDEXED BY ix_events_search_key ON {compiler.process(join.onclause, **kw)}")


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


def _terms(q: str) -> list[str]:
    """Every word must match, the last one as a prefix (search-as-you-type). Only word
    characters reach the engine, so no query syntax."""
    return WORD.findall(q.casefold())[:MAX_TERMS]


def fts_query(q: str) -> str | None:
    """SQLite FTS5's query for `q`, or None if it has no words."""
    terms = _terms(q)
    if not terms:
        return None
    return " ".join([*(f'"{t}"' for t in terms[:-1]), f'"{terms[-1]}"*'])


def text_match(dialect: str, q: str) -> ColumnElement[bool] | TextClause | None:
    """Full-text condition (title, description, tags) for `q`, or None if it has no words."""
    terms = _terms(q)
    if not terms:
        return None
    if dialect == "postgresql":
        tsquery = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        return text("events.search @@ to_tsquery('english', :tsquery)").bindparams(
            tsquery=tsquery)
    # The search is driven from the FTS hits, joined to rows on search_key (see search_page).
    return text("events_fts MATCH :match").bindparams(match=fts_query(q))


def _conditions(dialect: str, search: Search, now: datetime) -> list[Any]:
    conditions: list[Any] = [LISTED_CONDITION]
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


@dataclass(frozen=True)
class Found:
    """A page of matches; `total` is exact when `exact`, else a lower bound (see TOTAL_CAP)."""

    rows: list[dict[str, Any]]
    total: int
    exact: bool


def search_page(conn: Connection, search: Search, *, now: datetime, offset: int,
                limit: int) -> Found:
    """One page of listed events and how many match (exactly up to TOTAL_CAP)."""
    dialect = conn.dialect.name
    conditions = _conditions(dialect, search, now)
    source: Any = events
    if dialect == "sqlite" and search.q and fts_query(search.q):
        # Walk the FTS hits and join each to its row on an integer key through a covering index,
        # instead of scanning every listed event and testing it against the hits.
        source = HitsFirst(EVENTS_FTS, events, events.c.search_key == EVENTS_FTS.c.rowid)
    order = _order(search.sort)
    if source is events:
        query = select(events).where(*conditions).order_by(*order).offset(offset).limit(limit)
    else:
        # Pick the page's keys from the covering index alone, then read just those rows.
        page = (select(events.c.search_key).select_from(source).where(*conditions)
                .order_by(*order).offset(offset).limit(limit).subquery())
        query = (select(events).join(page, events.c.search_key == page.c.search_key)
                 .order_by(*order))
    rows = conn.execute(query).mappings().all()
    # Count no further than needed: a page deep in a broad search still shows a true lower bound.
    bound = max(TOTAL_CAP, offset + limit)
    matches = select(literal(1)).select_from(source).where(*conditions).limit(bound + 1)
    counted = conn.scalar(select(func.count()).select_from(matches.subquery())) or 0
    return Found([dict(row) for row in rows], min(counted, bound), counted <= bound)


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
        series_id=row.get("series_id"),
        google_calendar_url=ical.google_calendar_url(row),
    )
