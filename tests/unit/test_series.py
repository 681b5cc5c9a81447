"""Rules of recurring series: the recurrence's forms and refusals, DST in the event's own zone,
the Series aggregate, and the series use cases on the in-memory store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from command_api.application import EventConnect
from command_api.domain.errors import (
    CapacityBelowConfirmed,
    DomainError,
    InvalidRecurrence,
    NotInSeries,
    NotOwner,
    RecurrenceEndRequired,
    StartNotInRule,
    TooManyOccurrences,
)
from command_api.domain.recurrence import MAX_OCCURRENCES, Recurrence, expand, to_utc
from command_api.domain.series import Series
from command_api.domain.vocabulary import EventStatus
from kernel.authz import Principal
from tests.conftest import FakeClock
from tests.unit.factories import NOW, event_details

BERLIN, NEW_YORK, UTC_ZONE = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("UTC")
POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
ORGANIZER = Principal(id="org-1", role="organizer", name="Olu")


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]


def wall(instants: list[datetime], zone: ZoneInfo) -> list[str]:
    return [i.astimezone(zone).strftime("%a %Y-%m-%d %H:%M") for i in instants]


# --- forms ------------------------------------------------------------------------------------


def test_weekly_on_given_weekdays() -> None:
    rule = Recurrence(freq="weekly", by_weekday=("MO", "TH"), count=4)
    starts = expand(rule, local(UTC_ZONE, 2030, 1, 7, 18), UTC_ZONE)  # a Monday
    assert wall(starts, UTC_ZONE) == ["Mon 2030-01-07 18:00", "Thu 2030-01-10 18:00",
                                      "Mon 2030-01-14 18:00", "Thu 2030-01-17 18:00"]


def test_every_other_week_until_a_date_inclusive() -> None:
    rule = Recurrence(freq="weekly", interval=2, until=date(2030, 2, 4))
    starts = expand(rule, local(UTC_ZONE, 2030, 1, 7, 18), UTC_ZONE)
    assert wall(starts, UTC_ZONE) == ["Mon 2030-01-07 18:00", "Mon 2030-01-21 18:00",
                                      "Mon 2030-02-04 18:00"]


def test_monthly_on_a_day_of_the_month_skips_months_without_it() -> None:
    rule = Recurrence(freq="monthly", by_month_day=31, count=3)
    starts = expand(rule, local(UTC_ZONE, 2030, 1, 31, 10), UTC_ZONE)
    assert wall(starts, UTC_ZONE) == ["Thu 2030-01-31 10:00", "Sun 2030-03-31 10:00",
                                      "Fri 2030-05-31 10:00"]


def test_monthly_on_the_second_tuesday_and_the_last_friday() -> None:
    second_tuesday = Recurrence(freq="monthly", by_weekday=("TU",), by_set_position=2, count=3)
    assert wall(expand(second_tuesday, local(UTC_ZONE, 2030, 1, 8, 19), UTC_ZONE), UTC_ZONE) == [
        "Tue 2030-01-08 19:00", "Tue 2030-02-12 19:00", "Tue 2030-03-12 19:00"]
    last_friday = Recurrence(freq="monthly", by_weekday=("FR",), by_set_position=-1, count=3)
    assert wall(expand(last_friday, local(UTC_ZONE, 2030, 1, 25, 19), UTC_ZONE), UTC_ZONE) == [
        "Fri 2030-01-25 19:00", "Fri 2030-02-22 19:00", "Fri 2030-03-29 19:00"]


def test_every_three_months() -> None:
    rule = Recurrence(freq="monthly", interval=3, by_month_day=15, count=3)
    assert wall(expand(rule, local(UTC_ZONE, 2030, 1, 15, 9), UTC_ZONE), UTC_ZONE) == [
        "Tue 2030-01-15 09:00", "Mon 2030-04-15 09:00", "Mon 2030-07-15 09:00"]


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "error"), [
    (Recurrence(freq="weekly"), RecurrenceEndRequired),
    (Recurrence(freq="weekly", count=3, until=date(2030, 3, 1)), RecurrenceEndRequired),
    (Recurrence(freq="weekly", count=MAX_OCCURRENCES + 1), TooManyOccurrences),
    (Recurrence(freq="weekly", until=date(2032, 1, 1)), TooManyOccurrences),
    (Recurrence(freq="daily", count=2), InvalidRecurrence),
    (Recurrence(freq="weekly", by_month_day=7, count=2), InvalidRecurrence),
    (Recurrence(freq="weekly", by_weekday=("MO",), by_set_position=1, count=2), InvalidRecurrence),
    (Recurrence(freq="monthly", by_set_position=2, count=2), InvalidRecurrence),
    (Recurrence(freq="monthly", by_weekday=("MO",), count=2), InvalidRecurrence),
    (Recurrence(freq="monthly", by_weekday=("MO",), by_set_position=6, count=2), InvalidRecurrence),
    (Recurrence(freq="monthly", by_month_day=7, by_weekday=("MO",), by_set_position=1, count=2),
     InvalidRecurrence),
    (Recurrence(freq="monthly", by_month_day=32, count=2), InvalidRecurrence),
    (Recurrence(freq="weekly", by_weekday=("MO", "MO"), count=2), InvalidRecurrence),
    (Recurrence(freq="weekly", interval=0, count=2), InvalidRecurrence),
    (Recurrence(freq="weekly", until=date(2030, 1, 6)), InvalidRecurrence),
    (Recurrence(freq="weekly", by_weekday=("TU",), count=2), StartNotInRule),
    (Recurrence(freq="monthly", by_weekday=("MO",), by_set_position=2, count=2), StartNotInRule),
])
def test_rules_that_do_not_describe_one_schedule_are_refused(rule: Recurrence,
                                                            error: type[DomainError]) -> None:
    with pytest.raises(error) as refused:
        expand(rule, local(UTC_ZONE, 2030, 1, 7, 18), UTC_ZONE)  # Monday, the 1st Monday
    assert refused.value.code != "conflict"


def test_exactly_one_hundred_occurrences_are_allowed() -> None:
    assert len(expand(Recurrence(freq="weekly", count=100), local(UTC_ZONE, 2030, 1, 7, 18),
                      UTC_ZONE)) == 100


# --- daylight saving time: local wall-clock time is kept ---------------------------------------


@pytest.mark.parametrize(("zone", "first", "utc_hours"), [
    # Berlin: summer time from 2030-03-31, winter time from 2030-10-27.
    (BERLIN, (2030, 3, 19, 19), [18, 18, 17, 17]),
    (BERLIN, (2030, 10, 15, 19), [17, 17, 18, 18]),
    # New York: summer time from 2030-03-10, winter time from 2030-11-03.
    (NEW_YORK, (2030, 2, 26, 19), [0, 0, 23, 23]),
    (NEW_YORK, (2030, 10, 22, 19), [23, 23, 0, 0]),
])
def test_weekly_series_stays_at_local_time_across_dst(zone: ZoneInfo, first: tuple[int, ...],
                                                      utc_hours: list[int]) -> None:
    starts = expand(Recurrence(freq="weekly", count=4), local(zone, *first), zone)
    assert {i.astimezone(zone).strftime("%H:%M") for i in starts} == {"19:00"}
    assert [i.astimezone(UTC).hour for i in starts] == utc_hours


@pytest.mark.parametrize(("zone", "first", "utc_hours"), [
    (BERLIN, (2030, 2, 12, 19), [18, 18, 17]),   # 2nd Tuesdays: Feb, Mar (winter), Apr (summer)
    (BERLIN, (2030, 9, 10, 19), [17, 17, 18]),   # Sep, Oct (summer), Nov (winter)
    (NEW_YORK, (2030, 2, 12, 19), [0, 23, 23]),  # Feb (winter), Mar 12 and Apr (summer)
    (NEW_YORK, (2030, 10, 8, 19), [23, 0, 0]),   # Oct (summer), Nov 12 and Dec (winter)
])
def test_monthly_series_stays_at_local_time_across_dst(zone: ZoneInfo, first: tuple[int, ...],
                                                       utc_hours: list[int]) -> None:
    rule = Recurrence(freq="monthly", by_weekday=("TU",), by_set_position=2, count=3)
    starts = expand(rule, local(zone, *first), zone)
    assert {i.astimezone(zone).strftime("%a %H:%M") for i in starts} == {"Tue 19:00"}
    assert [i.astimezone(UTC).hour for i in starts] == utc_hours


def test_a_time_the_clocks_skip_moves_forward_and_a_repeated_time_is_the_first() -> None:
    assert to_utc(datetime(2030, 3, 31, 2, 30), BERLIN).astimezone(BERLIN).strftime("%H:%M") == "03:30"
    assert to_utc(datetime(2030, 3, 10, 2, 30), NEW_YORK).astimezone(NEW_YORK).strftime("%H:%M") == "03:30"
    first = to_utc(datetime(2030, 10, 27, 2, 30), BERLIN)
    assert first == datetime(2030, 10, 27, 0, 30, tzinfo=UTC)  # 02:30 summer time, UTC+2
    assert to_utc(datetime(2030, 11, 3, 1, 30), NEW_YORK) == datetime(2030, 11, 3, 5, 30, tzinfo=UTC)


# --- the aggregate and the use cases ------------------------------------------------------------


def berlin_details(**overrides: Any) -> dict[str, Any]:
    starts = datetime(2030, 3, 19, 19, tzinfo=BERLIN)  # a Tuesday, before summer time
    return event_details(timezone="Europe/Berlin", starts_at=starts,
                         ends_at=starts + timedelta(hours=2), **overrides)


def test_a_series_schedules_every_occurrence_with_its_id() -> None:
    details = berlin_details()
    organizer_id = details.pop("organizer_id")
    series, events = Series.start(Recurrence(freq="weekly", count=3), actor="org-1",
                                  organizer_id=organizer_id, now=NOW, publish=True, **details)
    assert series.occurrence_ids == [e.id.hex for e in events]
    assert all(e.series_id == series.id and e.status == EventStatus.PUBLISHED for e in events)
    assert all(e.ends_at - e.starts_at == timedelta(hours=2) for e in events)
    assert series.from_onwards(events[1].id) == [events[1].id, events[2].id]
    with pytest.raises(NotInSeries):
        series.from_onwards(uuid4())


def app_with_series(count: int = 4, **overrides: Any) -> tuple[EventConnect, Any, list[Any]]:
    app = EventConnect(env=POPO, clock=FakeClock(NOW))
    details = berlin_details(**overrides)
    details.pop("organizer_id")
    series_id, ids, position = app.create_series(
        Recurrence(freq="weekly", count=count), actor="org-1", publish=True,
        organizer_id="org-1", **details)
    assert position > 0
    return app, series_id, ids


def test_create_saves_all_occurrences_in_one_commit() -> None:
    app, series_id, ids = app_with_series()
    assert len(ids) == 4
    assert app.load_series(series_id).occurrence_ids == [i.hex for i in ids]
    assert all(app.load_event(i).series_id == series_id for i in ids)


def test_a_refused_occurrence_saves_nothing() -> None:
    app = EventConnect(env=POPO, clock=FakeClock(NOW))
    details = berlin_details(capacity=0)
    details.pop("organizer_id")
    with pytest.raises(DomainError):
        app.create_series(Recurrence(freq="weekly", count=3), actor="org-1", publish=True,
                          organizer_id="org-1", **details)
    assert app.recorder.max_notification_id() in (None, 0)


def test_editing_from_an_occurrence_moves_it_and_the_later_ones_in_local_time() -> None:
    app, series_id, ids = app_with_series()
    first = app.load_event(ids[1])
    new_start = first.starts_at.astimezone(BERLIN).replace(hour=18, minute=30)
    edited, _ = app.edit_series(series_id, ids[1], principal=ORGANIZER, starts_at=new_start,
                                ends_at=new_start + timedelta(hours=2), title="New title")
    assert edited == ids[1:]
    assert app.load_event(ids[0]).starts_at.astimezone(BERLIN).hour == 19  # earlier: untouched
    for event_id in ids[1:]:  # across the change to summer time on 2030-03-31
        event = app.load_event(event_id)
        assert event.starts_at.astimezone(BERLIN).strftime("%H:%M") == "18:30"
        assert event.ends_at.astimezone(BERLIN).strftime("%H:%M") == "20:30"
        assert event.title == "New title"


def test_editing_capacity_uses_the_capacity_rule_on_each_occurrence() -> None:
    app, series_id, ids = app_with_series()
    app.edit_series(series_id, ids[0], principal=ORGANIZER, capacity=5)
    assert [app.load_event(i).capacity for i in ids] == [5, 5, 5, 5]
    for n in range(3):
        app.register(ids[3], name=f"P{n}", email=f"p{n}@x.org", actor="guest")
    # One occurrence with 3 confirmed refuses 2 seats, and then none of them change.
    with pytest.raises(CapacityBelowConfirmed):
        app.edit_series(series_id, ids[0], principal=ORGANIZER, capacity=2)
    assert [app.load_event(i).capacity for i in ids] == [5, 5, 5, 5]


def test_only_the_organizer_or_an_admin_edits_a_series() -> None:
    app, series_id, ids = app_with_series(count=2)
    other = Principal(id="org-2", role="organizer", name="Other")
    with pytest.raises(NotOwner):
        app.edit_series(series_id, ids[0], principal=other, title="Mine now")
    admin = Principal(id="adm", role="admin", name="Ada")
    assert app.edit_series(series_id, ids[0], principal=admin, title="Fixed")[0] == ids


def test_cancelled_later_occurrences_are_left_alone() -> None:
    app, series_id, ids = app_with_series(count=3)
    app.cancel_event(ids[2], reason="Holiday", principal=ORGANIZER)
    edited, _ = app.edit_series(series_id, ids[0], principal=ORGANIZER, title="Renamed")
    assert edited == ids[:2]
    assert app.load_event(ids[2]).title != "Renamed"
