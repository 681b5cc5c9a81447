"""Races on real databases: capacity and duplicates hold with no event-wide lock.

Every request runs the real use case in its own thread against a shared SQLite file or a real
PostgreSQL; the event aggregate's version check is the only thing that serialises decisions.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest

from command_api.application import EventConnect
from command_api.domain.errors import AlreadyRegistered
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.authz import ANONYMOUS
from tests.conftest import FakeClock

pytestmark = pytest.mark.slow


def _event(app: EventConnect, capacity: int) -> UUID:
    starts = app.clock() + timedelta(days=3)
    event_id, _ = app.create_event(
        actor="org", publish=True, organizer_id="org", organizer_name="Org", title="Rush",
        description="", category="workshop", tags=[], starts_at=starts,
        ends_at=starts + timedelta(hours=1), timezone="UTC",
        location={"country": "GB", "city": "Leeds"}, capacity=capacity, waitlist_enabled=True)
    return event_id


def _race(workers: int, task: Callable[[int], Any]) -> list[Any]:
    """Starts every task at the same instant (a barrier) and collects results or errors."""
    barrier = threading.Barrier(workers)

    def run(i: int) -> Any:
        barrier.wait()
        try:
            return task(i)
        except Exception as error:  # the test inspects what each request got
            return error

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, range(workers)))


def _apps(settings: Settings, clock: FakeClock, count: int) -> list[EventConnect]:
    """Several write models on one store, like several API worker processes."""
    return [build_write_model(settings, clock=clock, create_tables=True) for _ in range(count)]


def test_forty_racing_for_the_last_ten_seats(settings: Settings, clock: FakeClock) -> None:
    first, second = _apps(settings, clock, 2)
    event_id = _event(first, capacity=60)
    for i in range(50):
        first.register(event_id, name="early", email=f"early{i}@x.org", actor="guest")

    def register(i: int) -> Any:
        app = first if i % 2 else second
        return app.register(event_id, name=f"R{i}", email=f"racer{i}@x.org", actor="guest")

    results = _race(40, register)

    assert not [r for r in results if isinstance(r, Exception)]
    assert Counter(r.status for r in results) == {"confirmed": 10, "waitlisted": 30}
    event = first.load_event(event_id)
    assert (event.confirmed_count, len(event.waitlist)) == (60, 30)
    # FIFO: the waitlist is in the order the waitlisting commits reached the store.
    waitlisted = sorted((r for r in results if r.status == "waitlisted"), key=lambda r: r.position)
    assert [r.registration_id.hex for r in waitlisted] == list(event.waitlist)
    assert [r.waitlist_position for r in waitlisted] == list(range(1, 31))


def test_same_email_racing_itself_registers_once(settings: Settings, clock: FakeClock) -> None:
    first, second = _apps(settings, clock, 2)
    event_id = _event(first, capacity=5)

    def register(i: int) -> Any:
        app = first if i % 2 else second
        return app.register(event_id, name="Twin", email=" Same@X.org" if i % 3 else "same@x.org",
                            actor="guest")

    results = _race(20, register)

    admitted = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(admitted) == 1
    assert len(refused) == 19 and all(isinstance(r, AlreadyRegistered) for r in refused)
    assert first.load_event(event_id).confirmed_count == 1


def test_cancellations_racing_registrations_never_overbook(settings: Settings,
                                                            clock: FakeClock) -> None:
    first, second = _apps(settings, clock, 2)
    event_id = _event(first, capacity=10)
    seated = [first.register(event_id, name="S", email=f"s{i}@x.org", actor="guest")
              for i in range(10)]

    def act(i: int) -> Any:
        app = first if i % 2 else second
        if i < 10:
            return app.cancel_registration(event_id, seated[i].registration_id, principal=ANONYMOUS,
                                           token=seated[i].cancel_token)
        return app.register(event_id, name="N", email=f"n{i}@x.org", actor="guest")

    results = _race(30, act)

    assert not [r for r in results if isinstance(r, Exception)]
    event = first.load_event(event_id)
    assert event.confirmed_count <= event.capacity
    assert event.confirmed_count + len(event.waitlist) == 20
    # Nobody waits while a seat is free.
    assert event.confirmed_count == 10 or not event.waitlist
