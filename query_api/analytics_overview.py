"""The overview across events (../API.md "Analytics"): totals, per-month and per-category
tables, top events and distinct people of the events matching the filters, computed on the
in-memory copy of the analytics read model (query_api/analytics_frame.py)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection

from query_api.analytics_frame import SUMMED, Copy, Frame, microseconds
from query_api.analytics_queries import Filters, ratio

Row = dict[str, Any]
TOP_EVENTS = 10


def overview(conn: Connection, filters: Filters, copy: Copy) -> Row:
    """The overview's totals and tables over the events matching `filters`."""
    return copy.use(conn, lambda frame: _overview(frame, filters))  # type: ignore[no-any-return]


def matching(frame: Frame, filters: Filters) -> np.ndarray:
    """Published and cancelled events only (never drafts nor deleted ones); dates on the start
    instant in UTC, `to` inclusive."""
    mask = frame.column("listed").copy()
    starts = frame.column("starts_at")
    if filters.start is not None:
        mask &= starts >= microseconds(datetime.combine(filters.start, time(), UTC))
    if filters.to is not None:
        mask &= starts < microseconds(datetime.combine(filters.to + timedelta(days=1), time(),
                                                       UTC))
    for name, value in (("category", filters.category), ("organizer_id", filters.organizer_id),
                        ("country", filters.country.upper() if filters.country else None)):
        if value is not None:
            code = frame.labels[name].code.get(value)
            mask &= False if code is None else frame.column(name) == code
    return mask


def _rates(sums: dict[str, int]) -> Row:
    return {"events": sums["events"], "registrations": sums["registrations"],
            "cancellations": sums["cancellations"],
            "attendance_rate": ratio(sums["checked_in"], sums["confirmed"]),
            "rating_avg": ratio(sums["rating_sum"], sums["rating_count"])}


def _table(frame: Frame, mask: np.ndarray, by: str, label: str) -> list[Row]:
    """One row per value of the `by` column among the matching events, in the value's order."""
    names = frame.labels[by].names
    groups = frame.column(by)[mask]
    sums = {"events": np.bincount(groups, minlength=len(names))}
    for name in SUMMED:
        # bincount's weights are floats: exact for any count below 2**53
        sums[name] = np.rint(np.bincount(groups, weights=frame.column(name)[mask],
                                         minlength=len(names))).astype(np.int64)
    return [{label: names[code], **_rates({n: int(v[code]) for n, v in sums.items()})}
            for code in sorted(np.flatnonzero(sums["events"]), key=lambda c: names[c])]


def _top(frame: Frame, mask: np.ndarray) -> list[Row]:
    """The most registered events; ties by title, then id."""
    chosen = np.flatnonzero(mask)
    registrations = frame.column("registrations")[chosen]
    if len(chosen) > TOP_EVENTS:
        tenth = np.partition(registrations, len(chosen) - TOP_EVENTS)[len(chosen) - TOP_EVENTS]
        chosen = chosen[registrations >= tenth]
        registrations = frame.column("registrations")[chosen]
    ranked = sorted(zip(chosen.tolist(), registrations.tolist(), strict=True),
                    key=lambda pair: (-pair[1], frame.titles[pair[0]], frame.ids[pair[0]].int))
    return [{"event_id": frame.ids[at], "title": frame.titles[at], "registrations": n}
            for at, n in ranked[:TOP_EVENTS]]


def _overview(frame: Frame, filters: Filters) -> Row:
    mask = matching(frame, filters)
    totals = {"events": int(np.count_nonzero(mask)),
              **{n: int(frame.column(n)[mask].sum()) for n in SUMMED}}
    unique, repeat = frame.people_of(mask)
    return {**_rates(totals), "unique_attendees": unique, "repeat_attendees": repeat,
            "by_month": _table(frame, mask, "start_month", "month"),
            "by_category": _table(frame, mask, "category", "category"),
            "top_events": _top(frame, mask)}
