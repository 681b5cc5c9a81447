"""Queries over the analytics read model (projections/analytics.py): one event's row and its
daily series, and the overview's filters (the overview itself: query_api/analytics_overview.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from projections.tables import analytics_activity, analytics_events

Row = dict[str, Any]
EVENTS = analytics_events.c
SCORES = range(1, 6)
DAILY_COUNTS = ("registrations", "cancellations", "waitlist_joins", "promotions", "check_ins")


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def find_event(conn: Connection, event_id: UUID) -> Row | None:
    row = conn.execute(select(analytics_events).where(EVENTS.event_id == event_id)
                       ).mappings().first()
    return dict(row) if row is not None else None


def daily(conn: Connection, event_id: UUID, zone: ZoneInfo) -> list[Row]:
    """The event's 15-minute UTC buckets summed into local dates of `zone`, ascending. Grouped
    here, not in SQL: zone rules are Python's on either database, and one event has few buckets."""
    activity = analytics_activity.c
    rows = conn.execute(select(activity.bucket, *(activity[n] for n in DAILY_COUNTS))
                        .where(activity.event_id == event_id)).all()
    days: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(DAILY_COUNTS, 0))
    for bucket, *counts in rows:
        day = days[bucket.astimezone(zone).date()]
        for name, count in zip(DAILY_COUNTS, counts, strict=True):
            day[name] += count
    return [{"date": d, **days[d]} for d in sorted(days) if any(days[d].values())]


@dataclass(frozen=True)
class Filters:
    """The overview's filters; `to` is inclusive."""

    start: date | None = None
    to: date | None = None
    category: str | None = None
    country: str | None = None
    organizer_id: str | None = None
