"""The notifier on the real stores (SQLite file, PostgreSQL): exactly once across a crash
mid-batch and with two notifiers at once; event-wide news to the right registrants."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest

from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel.authz import system
from reactions.notifier import Notifier, ReadModelBehind
from tests.conftest import FakeClock
from tests.unit.factories import event_details
from tests.unit.test_notifications import issued


def new_event(container: Container, clock: FakeClock, **overrides: Any) -> UUID:
    starts = clock.now + timedelta(days=7)
    event_id, _ = container.write_model.create_event(
        actor="org-1", publish=True,
        **event_details(starts_at=starts, ends_at=starts + timedelta(hours=2), **overrides))
    return event_id


def register_guests(container: Container, event_id: UUID, count: int, prefix: str = "g") -> list[UUID]:
    return [container.write_model.register(event_id, name=f"Guest {i}", email=f"{prefix}{i}@example.org",
                                           actor="guest").registration_id for i in range(count)]


def kinds_by_registration(container: Container) -> Counter[tuple[str, str]]:
    return Counter((n.kind, n.registration_id) for n in issued(container.write_model))


class Crash(BaseException):
    """A process dying mid-batch (not an Exception: nothing may catch it)."""


def test_a_crash_before_the_commit_loses_and_repeats_nothing(container: Container,
                                                             clock: FakeClock) -> None:
    event_id = new_event(container, clock, capacity=30)
    registrations = register_guests(container, event_id, 12)
    saves = 0

    class Crashing(Notifier):
        def save(self, position: int, decided: list[Any]) -> int:
            nonlocal saves
            saves += 1
            if saves == 2:  # the second batch: decided, never committed
                raise Crash
            return super().save(position, decided)

    first = Crashing(container.write_model, container.read_engine, container.runner.wait_for,
                     batch_size=5)
    with pytest.raises(Crash):
        first.catch_up()
    assert 0 < len(issued(container.write_model)) < 12
    # A fresh process: memory gone, it resumes from the tracking position in the store.
    restarted = Notifier(container.write_model, container.read_engine, container.runner.wait_for,
                         batch_size=5)
    restarted.catch_up()
    counts = kinds_by_registration(container)
    assert counts == Counter({("registration_confirmed", r.hex): 1 for r in registrations})


def test_a_notifier_that_lost_its_place_issues_nothing_twice(container: Container,
                                                             clock: FakeClock) -> None:
    event_id = new_event(container, clock)
    register_guests(container, event_id, 3)
    container.notifier.catch_up()  # type: ignore[union-attr]
    stale = Notifier(container.write_model, container.read_engine, container.runner.wait_for)
    stale._position = 0  # as if it committed, then died before remembering it
    stale.catch_up()
    assert len(issued(container.write_model)) == 3
    assert stale.position() == container.write_model.recorder.max_notification_id()


@pytest.fixture
def second(settings: Settings, clock: FakeClock, container: Container) -> Iterator[Container]:
    """Another process on the same store and read-model database."""
    other = bootstrap(settings, clock=clock, migrate=False)
    yield other
    other.write_model.close()
    other.read_engine.dispose()


def test_two_notifiers_at_once_issue_each_notification_once(container: Container, second: Container,
                                                            clock: FakeClock) -> None:
    event_id = new_event(container, clock, capacity=20)
    stop = threading.Event()
    errors: list[BaseException] = []

    def follow(notifier: Notifier) -> None:
        try:
            while not stop.is_set():
                notifier.catch_up()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    notifiers = [Notifier(c.write_model, c.read_engine, c.runner.wait_for, batch_size=3)
                 for c in (container, second)]
    threads = [threading.Thread(target=follow, args=(n,)) for n in notifiers]
    for thread in threads:
        thread.start()
    try:
        registrations = register_guests(container, event_id, 15) + \
            register_guests(second, event_id, 15, prefix="h")
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert not errors
    for notifier in notifiers:
        notifier.catch_up()
    counts = kinds_by_registration(container)
    assert sum(counts.values()) == 30 and set(counts.values()) == {1}
    assert {r for _, r in counts} == {r.hex for r in registrations}


def test_event_news_goes_to_the_active_registrants_admitted_before_it(container: Container,
                                                                      clock: FakeClock) -> None:
    app = container.write_model
    event_id = new_event(container, clock, capacity=1)
    seated, waiting, gone = register_guests(container, event_id, 3)
    # `gone` was waitlisted, then cancelled: no news for them.
    app.cancel_registration(event_id, gone, principal=system())
    starts = app.load_event(event_id).starts_at + timedelta(hours=1)
    app.edit_event(event_id, principal=system(), starts_at=starts, ends_at=starts + timedelta(hours=2))
    late = app.register(event_id, name="Late", email="late@example.org", actor="guest").registration_id
    app.cancel_event(event_id, reason="The hall is flooded.", principal=system())
    container.runner.catch_up()
    container.notifier.catch_up()  # type: ignore[union-attr]
    news = [(n.kind, n.registration_id) for n in issued(app)
            if n.kind in ("event_changed", "event_cancelled")]
    assert news == [("event_changed", seated.hex), ("event_changed", waiting.hex),
                    ("event_cancelled", seated.hex), ("event_cancelled", waiting.hex),
                    ("event_cancelled", late.hex)]
    changed = next(n for n in issued(app) if n.kind == "event_changed")
    assert "Tue 8 Jan 2030, 15:30 (Asia/Kolkata)" in changed.body  # the new time, in its zone
    cancelled = next(n for n in issued(app) if n.kind == "event_cancelled")
    assert "The hall is flooded." in cancelled.body


def test_fan_out_waits_for_the_attendees_read_model(container: Container, clock: FakeClock) -> None:
    app = container.write_model
    event_id = new_event(container, clock)
    register_guests(container, event_id, 2)
    app.cancel_event(event_id, reason="", principal=system())
    impatient = Notifier(app, container.read_engine, container.runner.wait_for, fan_out_wait=0.05)
    with pytest.raises(ReadModelBehind):
        impatient.catch_up()  # the runner has not run: the registrants are not listed yet
    assert issued(app) == []  # the whole batch waits, the confirmations with it
    container.runner.catch_up()
    impatient.catch_up()
    assert Counter(n.kind for n in issued(app)) == {"registration_confirmed": 2, "event_cancelled": 2}
