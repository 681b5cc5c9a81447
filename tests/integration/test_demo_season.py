"""The demo data looks like a real community's season: events at sensible local hours, past
events with check-ins, ratings and comments, a weekly series, a sold-out event with a waitlist."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from eventconnect.bootstrap import bootstrap
from eventconnect.demo import seed_demo
from eventconnect.settings import Settings
from projections.tables import attendees, events


def test_the_demo_season_has_a_past_a_series_and_a_waitlist(settings: Settings) -> None:
    container = bootstrap(settings, migrate=True)
    now = container.write_model.clock()
    seed_demo(container.write_model, container.accounts)
    container.runner.catch_up()
    with container.read_engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(events)).mappings()]
        people = [dict(r) for r in conn.execute(select(attendees)).mappings()]
    past = [r for r in rows if r["starts_at"] < now]
    assert len(past) >= 5  # three one-off events and the series' first runs
    # Local hours a person would choose: nothing before 07:00 or after 20:00 where it happens.
    hours = {r["starts_at"].astimezone(ZoneInfo(r["timezone"])).hour for r in rows}
    assert min(hours) >= 7 and max(hours) <= 20 and len(hours) > 4
    by_event = {r["id"]: r for r in rows}
    checked_in = Counter(p["event_id"] for p in people if p["checked_in_at"] is not None)
    assert all(checked_in[r["id"]] > 0 for r in past)
    assert not any(checked_in[r["id"]] for r in rows if r["starts_at"] > now)
    # The door opens a little before the start, and nobody is checked in after the end.
    for p in people:
        if p["checked_in_at"] is not None:
            event = by_event[p["event_id"]]
            assert event["starts_at"] - timedelta(minutes=30) < p["checked_in_at"] < event["ends_at"]
    rated = [r for r in past if r["rating_count"]]
    assert len(rated) >= 3 and all(3 <= r["rating_avg"] <= 5 for r in rated)
    series = Counter(r["series_id"] for r in rows if r["series_id"] is not None)
    assert list(series.values()) == [8]
    waiting = Counter(p["event_id"] for p in people if p["status"] == "waitlisted")
    assert any(by_event[e]["confirmed_count"] == by_event[e]["capacity"] and n > 0
               for e, n in waiting.items())
    # Cancellations promote the first in line, as in real life.
    assert any(p["status"] == "cancelled" for p in people)
