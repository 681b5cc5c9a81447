"""Recurrence rules of a series, expanded in the event's own time zone.

The rule runs over *local wall-clock times* (python-dateutil's rrule on naive datetimes), and
each local time is then placed in the zone and converted to UTC. So a weekly 19:00 meetup in
Europe/Berlin stays at 19:00 local across daylight-saving changes, while its UTC instant moves.

Local times the zone skips or repeats are resolved deliberately (docs/series.md):
- a time in a spring-forward gap (02:30 on the night clocks jump 02:00 -> 03:00) moves forward
  by the gap, to 03:30: the wall clock the attendees read, as if it had not jumped;
- a time in an autumn overlap (02:30 happens twice) is the first of the two (fold=0, still on
  summer time), which is the earlier instant, so nobody arrives an hour late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import rrule

from command_api.domain.errors import (
    InvalidRecurrence,
    RecurrenceEndRequired,
    StartNotInRule,
    TooManyOccurrences,
)

MAX_OCCURRENCES = 100
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Recurrence:
    """`freq` weekly or monthly, every `interval` weeks/months; weekly on `by_weekday`; monthly
    on day `by_month_day`, or on the `by_set_position`-th of `by_weekday` (-1 = last); ends
    after `count` occurrences or on the local date `until` (inclusive)."""

    freq: str
    interval: int = 1
    by_weekday: tuple[str, ...] = ()
    by_set_position: int | None = None
    by_month_day: int | None = None
    count: int | None = None
    until: date | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recurrence:
        until = data.get("until")
        return cls(freq=data["freq"], interval=data.get("interval") or 1,
                   by_weekday=tuple(data.get("by_weekday") or ()),
                   by_set_position=data.get("by_set_position"),
                   by_month_day=data.get("by_month_day"), count=data.get("count"),
                   until=date.fromisoformat(until) if isinstance(until, str) else until)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (stored in the Series' events and answered by the API)."""
        return {"freq": self.freq, "interval": self.interval, "by_weekday": list(self.by_weekday),
                "by_set_position": self.by_set_position, "by_month_day": self.by_month_day,
                "count": self.count, "until": self.until.isoformat() if self.until else None}

    def check(self) -> None:
        """Refuses combinations that do not describe one clear schedule."""
        if (self.count is None) == (self.until is None):
            raise RecurrenceEndRequired("Say when the series ends: after a number of "
                                        "occurrences (count) or on a date (until), not both.")
        if self.count is not None and self.count > MAX_OCCURRENCES:
            raise TooManyOccurrences(f"A series has at most {MAX_OCCURRENCES} occurrences.")
        if self.freq not in ("weekly", "monthly"):
            raise InvalidRecurrence("A series repeats weekly or monthly.", field="recurrence")
        if self.interval < 1:
            raise InvalidRecurrence("The interval is at least 1.", field="recurrence")
        if any(day not in WEEKDAYS for day in self.by_weekday) or \
                len(set(self.by_weekday)) != len(self.by_weekday):
            raise InvalidRecurrence("Weekdays are MO..SU, each at most once.", field="recurrence")
        if self.freq == "weekly" and (self.by_month_day is not None
                                      or self.by_set_position is not None):
            raise InvalidRecurrence("A weekly series repeats on weekdays, not on a day or "
                                    "position in the month.", field="recurrence")
        if self.freq == "monthly":
            if self.by_month_day is not None and (self.by_weekday or self.by_set_position):
                raise InvalidRecurrence("A monthly series repeats on a day of the month or on "
                                        "the Nth weekday, not both.", field="recurrence")
            if self.by_set_position is not None and not self.by_weekday:
                raise InvalidRecurrence("A position in the month needs a weekday "
                                        "(e.g. the 2nd Tuesday).", field="recurrence")
            if self.by_weekday and self.by_set_position is None:
                raise InvalidRecurrence("Monthly on a weekday needs its position "
                                        "(1..5, or -1 for the last).", field="recurrence")
        if self.by_set_position is not None and self.by_set_position not in (-1, 1, 2, 3, 4, 5):
            raise InvalidRecurrence("The position is 1..5, or -1 for the last.", field="recurrence")
        if self.by_month_day is not None and not 1 <= self.by_month_day <= 31:
            raise InvalidRecurrence("The day of the month is 1..31.", field="recurrence")


def to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive local wall-clock time in `zone` as a UTC instant (gaps forward, overlaps first)."""
    # fold=0 reads a time in a gap with the offset before the jump, which lands after the gap by
    # exactly its length (02:30 -> 03:30 in Europe/Berlin), and picks the first of an overlap.
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def local_of(instant: datetime, zone: ZoneInfo) -> datetime:
    """The naive local wall-clock time of an instant in `zone`."""
    return instant.astimezone(zone).replace(tzinfo=None)


def expand(recurrence: Recurrence, starts_at: datetime, zone: ZoneInfo) -> list[datetime]:
    """The occurrences' start instants (UTC), the first being `starts_at` itself."""
    recurrence.check()
    first = local_of(starts_at, zone)
    options: dict[str, Any] = {"dtstart": first, "interval": recurrence.interval}
    if recurrence.freq == "weekly":
        freq = rrule.WEEKLY
        if recurrence.by_weekday:
            options["byweekday"] = [_RRULE_DAYS[WEEKDAYS.index(d)] for d in recurrence.by_weekday]
    else:
        freq = rrule.MONTHLY
        if recurrence.by_month_day is not None:
            options["bymonthday"] = recurrence.by_month_day
        elif recurrence.by_weekday:
            options["byweekday"] = [_RRULE_DAYS[WEEKDAYS.index(d)] for d in recurrence.by_weekday]
            options["bysetpos"] = recurrence.by_set_position
    if recurrence.count is not None:
        options["count"] = recurrence.count
    else:
        assert recurrence.until is not None  # check() made sure
        if recurrence.until < first.date():
            raise InvalidRecurrence("The series cannot end before it starts.", field="recurrence")
        options["until"] = datetime.combine(recurrence.until, time.max)
    rule = rrule.rrule(freq, **options)
    # One more than allowed is enough to know it is too many (an `until` years away).
    local_times = list(_take(rule, MAX_OCCURRENCES + 1))
    if len(local_times) > MAX_OCCURRENCES:
        raise TooManyOccurrences(f"The rule yields more than {MAX_OCCURRENCES} occurrences; "
                                 "end it sooner or repeat less often.")
    if not local_times or local_times[0] != first:
        # RFC 5545 leaves a start that the rule does not produce undefined; refusing it means the
        # first occurrence is always the event as entered.
        raise StartNotInRule("The event's start is not one of the dates the rule produces "
                             "(e.g. a Monday start for a series on Tuesdays).", field="starts_at")
    return [to_utc(local, zone) for local in local_times]


def _take(rule: rrule.rrule, limit: int) -> list[datetime]:
    taken: list[datetime] = []
    for local in rule:
        taken.append(local)
        if len(taken) >= limit:
            break
    return taken


def shift_local(instant: datetime, old_zone: ZoneInfo, new_zone: ZoneInfo,
                delta: timedelta) -> datetime:
    """Moves an instant by a *wall-clock* change: its local time plus `delta`, read in `new_zone`."""
    return to_utc(local_of(instant, old_zone) + delta, new_zone)
