"""Queries over the analytics read model (projections/analytics.py): one event's row and its
daily series, and the overview's sums over the events that match the filters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, case, func, select

from command_api.domain.vocabulary import LISTED_STATUSES, EventStatus
from projections.tables import (
    analytics_activity,
    analytics_attendance,
    analytics_events,
    analytics_people,
)

Row = dict[str, Any]
EVENTS = analytics_events.c
SCORES = range(1, 6)
DAILY_COUNTS = ("registrations", "cancellations", "waitlist_joins", "promotions", "check_ins")
TOP_EVENTS = 10
# Drafts (never open for registration) and deleted events are never counted.
_LISTED = EVENTS.status.in_([str(s) for s in LISTED_STATUSES])


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

    @property
    def narrows(self) -> bool:
        return any(v is not None for v in (self.start, self.to, self.category, self.country,
                                           self.organizer_id))

    def conditions(self) -> list[ColumnElement[bool]]:
        """Published and cancelled events only; dates on the start instant in UTC."""
        found: list[ColumnElement[bool]] = [_LISTED]
        if self.start is not None:
            found.append(EVENTS.starts_at >= datetime.combine(self.start, time(), UTC))
        if self.to is not None:
            found.append(EVENTS.starts_at < datetime.combine(self.to + timedelta(days=1),
                                                              time(), UTC))
        if self.category is not None:
            found.append(EVENTS.category == self.category)
        if self.country is not None:
            found.append(EVENTS.country == self.country.upper())
        if self.organizer_id is not None:
            found.append(EVENTS.organizer_id == self.organizer_id)
        return found


SUMMED = ("registrations", "cancellations", "confirmed", "checked_in", "rating_sum",
          "rating_count")


def _sums() -> list[Any]:
    return [func.count().label("events"),
            *(func.coalesce(func.sum(EVENTS[n]), 0).label(n) for n in SUMMED)]


def _raw(row: Any) -> dict[str, int]:
    return {n: int(row._mapping[n]) for n in ("events", *SUMMED)}


def _rates(sums: dict[str, int]) -> Row:
    return {"events": sums["events"], "registrations": sums["registrations"],
            "cancellations": sums["cancellations"],
            "attendance_rate": ratio(sums["checked_in"], sums["confirmed"]),
            "rating_avg": ratio(sums["rating_sum"], sums["rating_count"])}


def _attended_listed(person: Any) -> Any:
    """How many published or cancelled events `person` (a column) was accepted for."""
    attendance = analytics_attendance.c
    return (select(func.count()).select_from(analytics_attendance.join(
        analytics_events, EVENTS.event_id == attendance.event_id))
        .where(attendance.person == person, _LISTED).scalar_subquery())


def _everyone(conn: Connection) -> tuple[int, int]:
    """(unique, repeat) attendees over all events: the people table's counts, corrected for the
    few people of deleted events (deleted events never count; whether the table still counts
    them or not, their own contribution is recomputed from their attendance)."""
    people = analytics_people.c
    # Two ranges of the index on `events` (no table rows read), not one pass over every person.
    unique = conn.scalar(select(func.count()).where(people.events >= 1)) or 0
    repeat = conn.scalar(select(func.count()).where(people.events >= 2)) or 0
    # Deleted events are few: find them first, and most of the time there is nothing to correct.
    deleted = select(EVENTS.event_id).where(EVENTS.status == str(EventStatus.DELETED))
    if conn.scalar(deleted.limit(1)) is None:
        return int(unique), int(repeat)
    attendance = analytics_attendance.c
    of_deleted = select(attendance.person).where(attendance.event_id.in_(deleted))
    for counted, listed in conn.execute(select(people.events, _attended_listed(people.person))
                                        .where(people.person.in_(of_deleted))):
        unique += (listed > 0) - (counted > 0)
        repeat += (listed >= 2) - (counted >= 2)
    return int(unique), int(repeat)


def _people(conn: Connection, filters: Filters) -> tuple[int, int]:
    """(unique, repeat) attendees: from the people table when nothing narrows the events, else
    counted per person over the matching events' attendance."""
    if not filters.narrows:
        return _everyone(conn)
    attendance = analytics_attendance.c
    per_person = (select(attendance.person, func.count().label("n"))
                  .select_from(analytics_attendance.join(
                      analytics_events, EVENTS.event_id == attendance.event_id))
                  .where(*filters.conditions()).group_by(attendance.person).subquery())
    row = conn.execute(select(func.count(), func.coalesce(func.sum(
        case((per_person.c.n >= 2, 1), else_=0)), 0)).select_from(per_person)).one()
    return int(row[0]), int(row[1])


def overview(conn: Connection, filters: Filters) -> Row:
    """The overview's totals and tables over the events matching `filters`."""
    where = filters.conditions()
    # One pass over the matching events, grouped by (month, category): the tables and the
    # totals are sums of those few groups. (Grouping by category alone lets SQLite walk the
    # category index and fetch every row at random: twice the time of this scan.)
    groups = [(r.start_month, r.category, _raw(r)) for r in conn.execute(
        select(EVENTS.start_month, EVENTS.category, *_sums()).where(*where)
        .group_by(EVENTS.start_month, EVENTS.category))]
    months: dict[str, dict[str, int]] = {}
    categories: dict[str, dict[str, int]] = {}
    for month, category, sums in groups:
        for key, table in ((month, months), (category, categories)):
            into = table.setdefault(key, dict.fromkeys(sums, 0))
            for name, value in sums.items():
                into[name] += value
    totals = {n: sum(sums[n] for sums in months.values()) for n in ("events", *SUMMED)}
    by_month = [{"month": m, **_rates(months[m])} for m in sorted(months)]
    by_category = [{"category": c, **_rates(categories[c])} for c in sorted(categories)]
    unique, repeat = _people(conn, filters)
    top = conn.execute(select(EVENTS.event_id, EVENTS.title, EVENTS.registrations).where(*where)
                       .order_by(EVENTS.registrations.desc(), EVENTS.title, EVENTS.event_id)
                       .limit(TOP_EVENTS)).mappings().all()
    return {**_rates(totals), "unique_attendees": unique, "repeat_attendees": repeat,
            "by_month": by_month, "by_category": by_category,
            "top_events": [dict(r) for r in top]}
