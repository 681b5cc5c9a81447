"""Reminders and feedback requests from the scheduler, on SQLite and PostgreSQL, on a fake clock.

Each test sweeps by hand (`ReminderScheduler.sweep`), with the read models caught up before each
sweep as the embedded runner would have them; exactly once is checked on the aggregates (their
list of offsets sent) and in the read model.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from command_api.domain.errors import NotConfirmed, NotFound, ReminderNotDue, RemindersOff
from command_api.domain.registration import Registration
from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel.authz import system
from projections.tables import reminders_sent
from reactions.reminders import ReminderScheduler, ScheduledReminders, SweepCounts
from tests.conftest import FakeClock
from tests.unit.factories import event_details

DAY, HOUR = 86_400, 3_600
ORGANIZER = system("org-1")


def make_event(container: Container, clock: FakeClock, *, starts_in: timedelta = timedelta(days=3),
               capacity: int = 10) -> UUID:
    starts = clock.now + starts_in
    event_id, _ = container.write_model.create_event(
        actor="org-1", publish=True, **event_details(
            starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=capacity))
    return event_id


def register(container: Container, event_id: UUID, n: int, *, member_id: str | None = None) -> UUID:
    return container.write_model.register(event_id, name=f"Guest {n}", email=f"guest{n}@example.org",
                                          actor=member_id or "guest",
                                          member_id=member_id).registration_id


def starts_at(container: Container, event_id: UUID) -> Any:
    return container.write_model.load_event(event_id).starts_at


def scheduler(container: Container, clock: FakeClock, **options: Any) -> ReminderScheduler:
    return ReminderScheduler(container.write_model, container.read_engine, [DAY, HOUR],
                             clock=clock, **options)


def sweep(container: Container, reminders: ReminderScheduler) -> SweepCounts:
    container.runner.catch_up()
    counts = reminders.sweep()
    container.runner.catch_up()
    return counts


def reminded(container: Container, registration_id: UUID) -> list[int]:
    registration: Registration = container.write_model.repository.get(registration_id)
    return registration.reminded


def sent_rows(container: Container) -> int:
    with container.read_engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(reminders_sent)).scalar_one())


@pytest.fixture
def reminders(container: Container, clock: FakeClock) -> ReminderScheduler:
    return scheduler(container, clock)


def test_each_offset_is_sent_once_when_due_to_confirmed_registrations_only(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock, capacity=2)
    seated = [register(container, event_id, n) for n in range(2)]
    waitlisted = register(container, event_id, 3)
    start = starts_at(container, event_id)
    clock.now = start - timedelta(days=1, seconds=1)
    assert sweep(container, reminders).reminders == 0
    clock.now = start - timedelta(days=1)
    counts = sweep(container, reminders)
    assert (counts.reminders, counts.refused) == (2, 0)
    assert [reminded(container, r) for r in seated] == [[DAY], [DAY]]
    assert reminded(container, waitlisted) == []
    clock.advance(seconds=5)
    assert sweep(container, reminders).reminders == 0
    clock.now = start - timedelta(hours=1)
    assert sweep(container, reminders).reminders == 2
    assert [reminded(container, r) for r in seated] == [[DAY, HOUR], [DAY, HOUR]]
    registration = container.write_model.repository.get(seated[0])
    assert sent_rows(container) == 4 and registration.version == 3  # opened, 24 h, 1 h


def test_the_reminder_records_the_due_time_it_was_sent_for(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    registration_id = register(container, event_id, 1)
    start = starts_at(container, event_id)
    clock.now = start - timedelta(hours=20)
    sweep(container, reminders)
    stored = [e for e in container.write_model.events.get(registration_id)
              if isinstance(e, Registration.ReminderSent)]
    assert [(e.offset_seconds, e.due_at, e.timestamp, e.actor) for e in stored] == [
        (DAY, start - timedelta(days=1), clock.now, "system")]


def test_a_late_start_still_sends_what_is_ahead_of_the_event_but_never_a_stale_reminder(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    early = register(container, event_id, 1)
    start = starts_at(container, event_id)
    clock.now = start - timedelta(hours=10)  # 14 h after the 24 h reminder fell due
    late = register(container, event_id, 2)  # made after that due time
    clock.now = start - timedelta(hours=5)  # the scheduler only starts now
    counts = sweep(container, reminders)
    assert (counts.reminders, counts.refused) == (1, 0)  # the stale one is not even a candidate
    assert reminded(container, early) == [DAY]
    assert reminded(container, late) == []
    clock.now = start - timedelta(minutes=30)
    assert sweep(container, reminders).reminders == 2
    assert reminded(container, late) == [HOUR]
    clock.now = start + timedelta(minutes=1)
    assert sweep(container, reminders).reminders == 0  # the event started


def test_a_restarted_scheduler_sends_nothing_twice_even_before_the_read_model_caught_up(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    ids = [register(container, event_id, n) for n in range(5)]
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    container.runner.catch_up()
    assert reminders.sweep().reminders == 5
    restarted = scheduler(container, clock)  # no memory; the read model has not seen the sends
    counts = restarted.sweep()
    assert (counts.reminders, counts.refused) == (0, 5)  # the aggregates refuse
    assert sweep(container, scheduler(container, clock)) == SweepCounts()
    assert all(reminded(container, r) == [DAY] for r in ids)


@pytest.fixture
def second(settings: Settings, clock: FakeClock, container: Container) -> Iterator[Container]:
    """Another process's container on the same databases."""
    other = bootstrap(settings, clock=clock, migrate=False)
    yield other
    other.write_model.close()
    other.read_engine.dispose()


def test_two_schedulers_sweeping_at_once_send_each_reminder_once(
        container: Container, second: Container, clock: FakeClock) -> None:
    event_id = make_event(container, clock, capacity=40)
    ids = [register(container, event_id, n) for n in range(40)]
    clock.now = starts_at(container, event_id) - timedelta(minutes=30)  # both offsets due
    container.runner.catch_up()
    pair = [scheduler(container, clock, batch=7), scheduler(second, clock, batch=7)]
    results: list[SweepCounts] = []
    gate = threading.Barrier(2)

    def run(one: ReminderScheduler) -> None:
        gate.wait()
        results.append(one.sweep())

    threads = [threading.Thread(target=run, args=(one,)) for one in pair]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(r.reminders for r in results) == 80
    assert all(sorted(reminded(container, r)) == [HOUR, DAY] for r in ids)
    container.runner.catch_up()
    assert sent_rows(container) == 80


def test_moving_the_event_moves_its_pending_reminders(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    registration_id = register(container, event_id, 1)
    old_start = starts_at(container, event_id)
    new_start = old_start + timedelta(days=2)
    container.write_model.edit_event(event_id, principal=ORGANIZER, starts_at=new_start,
                                     ends_at=new_start + timedelta(hours=2))
    clock.now = old_start - timedelta(hours=12)  # due under the old time, not the new one
    assert sweep(container, reminders).reminders == 0
    clock.now = new_start - timedelta(days=1)
    assert sweep(container, reminders).reminders == 1
    stored = [e for e in container.write_model.events.get(registration_id)
              if isinstance(e, Registration.ReminderSent)]
    assert [e.due_at for e in stored] == [new_start - timedelta(days=1)]


def test_a_read_model_behind_a_move_costs_a_refusal_never_an_early_reminder(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    register(container, event_id, 1)
    old_start = starts_at(container, event_id)
    clock.now = old_start - timedelta(hours=12)
    container.runner.catch_up()
    new_start = old_start + timedelta(days=2)
    container.write_model.edit_event(event_id, principal=ORGANIZER, starts_at=new_start,
                                     ends_at=new_start + timedelta(hours=2))
    counts = reminders.sweep()  # the catalogue still has the old start
    assert (counts.reminders, counts.refused) == (0, 1)


def test_cancelled_registrations_and_cancelled_or_deleted_events_get_none(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    kept = make_event(container, clock)
    stays, leaves = register(container, kept, 1), register(container, kept, 2)
    container.write_model.cancel_registration(kept, leaves, principal=ORGANIZER)
    cancelled, deleted = make_event(container, clock), make_event(container, clock)
    in_cancelled, in_deleted = register(container, cancelled, 3), register(container, deleted, 4)
    container.write_model.cancel_event(cancelled, reason="Rain", principal=ORGANIZER)
    container.write_model.delete_event(deleted, principal=ORGANIZER)
    clock.now = starts_at(container, kept) - timedelta(hours=2)
    counts = sweep(container, reminders)
    assert (counts.reminders, counts.refused) == (1, 0)
    assert reminded(container, stays) == [DAY]
    assert [reminded(container, r) for r in (leaves, in_cancelled, in_deleted)] == [[], [], []]


def test_a_member_who_turned_reminders_off_gets_none(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    quiet, _ = container.accounts.sign_up(email="quiet@example.org", password="correct horse 1",
                                          name="Quiet", actor="test")
    keen, _ = container.accounts.sign_up(email="keen@example.org", password="correct horse 2",
                                         name="Keen", actor="test")
    container.accounts.change_notifications(quiet.id, actor=str(quiet.id), reminders=False)
    quiet_registration = register(container, event_id, 1, member_id=str(quiet.id))
    keen_registration = register(container, event_id, 2, member_id=str(keen.id))
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    counts = sweep(container, reminders)
    assert (counts.reminders, counts.refused) == (1, 1)
    assert reminded(container, keen_registration) == [DAY]
    assert reminded(container, quiet_registration) == []
    clock.advance(seconds=5)
    assert sweep(container, reminders) == SweepCounts()  # not asked again at every sweep


def test_an_unsubscribed_guest_gets_no_reminder_nor_feedback_request(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    stopped, other = register(container, event_id, 1), register(container, event_id, 2)
    assert container.write_model.stop_reminders(stopped) > 0
    assert container.write_model.stop_reminders(stopped) == 0  # a second click: nothing more
    start = starts_at(container, event_id)
    clock.now = start - timedelta(hours=23)
    counts = sweep(container, reminders)
    assert (counts.reminders, counts.refused) == (1, 0)  # stopped: not a candidate at all
    clock.now = start + timedelta(hours=3)
    assert sweep(container, reminders).feedback_requests == 1
    assert reminded(container, stopped) == [] and reminded(container, other) == [DAY]
    assert container.write_model.repository.get(other).feedback_requested


def test_feedback_is_requested_once_from_those_confirmed_when_the_event_ended(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock, capacity=2)
    seated = [register(container, event_id, n) for n in range(2)]
    waitlisted = register(container, event_id, 3)
    end = container.write_model.load_event(event_id).ends_at
    clock.now = end - timedelta(seconds=1)
    assert sweep(container, reminders).feedback_requests == 0
    clock.now = end + timedelta(seconds=10)
    counts = sweep(container, reminders)
    assert (counts.feedback_requests, counts.refused) == (2, 0)
    clock.advance(minutes=5)  # past the scheduler's memory: the read model says they were asked
    assert sweep(container, reminders) == SweepCounts()
    assert all(container.write_model.repository.get(r).feedback_requested for r in seated)
    assert not container.write_model.repository.get(waitlisted).feedback_requested


def test_no_feedback_request_for_an_event_that_ended_long_ago(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    registration_id = register(container, event_id, 1)
    clock.now = container.write_model.load_event(event_id).ends_at + timedelta(days=8)
    assert sweep(container, reminders) == SweepCounts()
    with pytest.raises(Exception, match="too long ago"):
        container.write_model.request_feedback(registration_id)


def test_the_timer_sweeps_on_its_own(container: Container, clock: FakeClock) -> None:
    event_id = make_event(container, clock)
    registration_id = register(container, event_id, 1)
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    container.runner.catch_up()
    timed = ScheduledReminders(scheduler(container, clock), interval=0.05)
    timed.start()
    try:
        deadline = time.monotonic() + 10
        while reminded(container, registration_id) == [] and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        timed.stop()
    assert reminded(container, registration_id) == [DAY]


def test_one_scheduler_leads_and_a_standby_takes_over_when_its_session_ends(
        settings: Settings, container: Container, second: Container, clock: FakeClock) -> None:
    if not settings.is_postgres:
        pytest.skip("leadership is an advisory lock of PostgreSQL; embedded SQLite has one process")
    event_id = make_event(container, clock)
    register(container, event_id, 1)
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    container.runner.catch_up()
    first = ScheduledReminders(scheduler(container, clock), interval=1)
    standby = ScheduledReminders(scheduler(second, clock), interval=1)
    try:
        led = first.tick()
        assert led is not None and led.reminders == 1
        assert standby.tick() is None  # waits while the first leads
        assert first.tick() is not None  # still the leader
        first.stop()  # its session ends, and with it the lock
        container.runner.catch_up()
        clock.now = starts_at(container, event_id) - timedelta(minutes=30)  # the 1 h one is due
        taken = standby.tick()
        assert taken is not None and taken.reminders == 1
    finally:
        first.stop()
        standby.stop()


def test_the_app_runs_the_scheduler_when_asked_as_serve_does(
        settings: Settings, clock: FakeClock) -> None:
    settings = settings.model_copy(update={"reminder_sweep_seconds": 0.05})
    container = bootstrap(settings, clock=clock, migrate=True)
    try:
        event_id = make_event(container, clock)
        registration_id = register(container, event_id, 1)
        clock.now = starts_at(container, event_id) - timedelta(hours=23)
        with TestClient(create_app(container, reminders=True)):
            deadline = time.monotonic() + 10
            while reminded(container, registration_id) == [] and time.monotonic() < deadline:
                time.sleep(0.02)
        assert reminded(container, registration_id) == [DAY]
    finally:
        container.write_model.close()
        container.read_engine.dispose()


def test_the_command_decides_on_the_aggregates_whatever_the_read_model_says(
        container: Container, clock: FakeClock) -> None:
    event_id = make_event(container, clock, capacity=1)
    seated, waitlisted = register(container, event_id, 1), register(container, event_id, 2)
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    with pytest.raises(NotConfirmed):
        container.write_model.send_reminder(waitlisted, DAY)
    with pytest.raises(ReminderNotDue):
        container.write_model.send_reminder(seated, HOUR)  # not due for another 22 h
    container.write_model.cancel_event(event_id, reason="Rain", principal=ORGANIZER)
    with pytest.raises(RemindersOff):
        container.write_model.send_reminder(seated, DAY)
    with pytest.raises(NotFound):
        container.write_model.send_reminder(UUID(int=7), DAY)
    with pytest.raises(NotFound):
        container.write_model.stop_reminders(UUID(int=7))
    assert reminded(container, seated) == []


def test_an_event_cancelled_after_the_read_model_looked_gets_no_reminder(
        container: Container, clock: FakeClock, reminders: ReminderScheduler) -> None:
    event_id = make_event(container, clock)
    registration_id = register(container, event_id, 1)
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    container.runner.catch_up()
    container.write_model.cancel_event(event_id, reason="Rain", principal=ORGANIZER)
    counts = reminders.sweep()  # the catalogue still says published
    assert (counts.reminders, counts.refused) == (0, 1)
    assert reminded(container, registration_id) == []


def test_a_sweep_pages_through_every_candidate(
        container: Container, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reactions.reminders.PAGE_ROWS", 3)
    event_id = make_event(container, clock)
    ids = [register(container, event_id, n) for n in range(10)]
    clock.now = starts_at(container, event_id) - timedelta(hours=23)
    container.runner.catch_up()
    assert scheduler(container, clock, batch=2).sweep().reminders == 10
    assert all(reminded(container, r) == [DAY] for r in ids)
