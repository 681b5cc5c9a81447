"""Time in the analytics read model: instants in UTC, an event's start month in its own zone,
and the 15-minute UTC buckets of activity (which group into any zone's local dates, since every
offset is a multiple of 15 minutes: query_api/analytics_queries.py `daily` groups them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

BUCKET = timedelta(minutes=15)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    """The event's zone; a name this machine does not know reads as UTC rather than stopping
    the read model (the API only accepts known names)."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


def start_month(starts_at: datetime, timezone: str) -> str:
    """"YYYY-MM" of the start in the event's own zone (the overview's by_month)."""
    try:
        local = starts_at.astimezone(zone(timezone))
    except (OverflowError, ValueError):  # at the edge of the representable range
        local = starts_at
    return f"{local.year:04d}-{local.month:02d}"


def bucket_of(instant: datetime) -> datetime:
    """The 15-minute UTC bucket an instant falls in."""
    # By the bucket's number, cached: many events share a bucket, and datetime arithmetic was
    # a fifth of a rebuild's fold.
    return _bucket((instant - EPOCH) // BUCKET)


@lru_cache(maxsize=4096)
def _bucket(number: int) -> datetime:
    return EPOCH + number * BUCKET


def in_utc(instant: datetime) -> datetime | None:
    """The instant in UTC; None past the representable range (year 10000 in UTC: stored before
    the edge refused such instants), which no analytics row can hold."""
    try:
        return instant.astimezone(UTC)
    except OverflowError:
        return None

