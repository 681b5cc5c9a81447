"""A projection failing mid-catch-up leaves rows and tracking consistent; restarts resume; a
rebuild reproduces the read models exactly."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, Engine, inspect, select, text

from command_api.application import EventConnect
from command_api.domain.community_event import CommunityEvent
from eventconnect.container import Container
from kernel.authz import system
from projections.attendees import Attendees, replay
from projections.base import Item
from projections.catalogue import Catalogue
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.tables import attendees, tracking
from tests.conftest import FakeClock


class Crash(Exception):
    pass


class ExplodingAttendees(Attendees):
    """Writes part of a batch, then fails when it meets the poisoned registration."""

    poisoned: str | None = None

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        for index, (_, event) in enumerate(items):
            if self.poisoned and getattr(event, "registration_id", None) == self.poisoned:
                super().apply(conn, items[:index])  # rows really are written before the crash
                raise Crash("projection bug")
        super().apply(conn, items)


def busy_ledger(app: EventConnect, clock: FakeClock, people: int = 12) -> tuple[UUID, list[UUID]]:
    """An event with seats, a waitlist, cancellations, promotions and check-ins."""
    starts = app.clock() + timedelta(days=10)
    event_id, _ = app.create_event(
        actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu",
        title="Soup kitchen, evening shift", description="Cook; serve; clean up.",
        category="volunteer", tags=["food", "community"], starts_at=starts,
        ends_at=starts + timedelta(hours=3), timezone="Europe/London",
        location={"country": "GB", "city": "Leeds"}, capacity=4, waitlist_enabled=True)
    ids = []
    for i in range(people):
        clock.advance(seconds=30)
        ids.append(app.register(event_id, name=f"Person {i}", email=f"p{i}@example.org",
                                actor="guest").registration_id)
    app.cancel_registration(event_id, ids[1], principal=system("guest"))
    if people > 5:
        app.cancel_registration(event_id, ids[-3], principal=system("guest"))
    app.check_in(event_id, ids[0], principal=system("org-1"))
    app.edit_event(event_id, principal=system("org-1"), capacity=6, title="Soup kitchen (late)")
    return event_id, ids


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model table, rows as stored (no type processing), sorted."""
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names()
                 if not n.startswith(("events_fts_", "eventconnect_", "read_models_alembic"))]
        return {name: sorted((tuple(row) for row in conn.exec_driver_sql(
            f'SELECT * FROM "{name}"')), key=repr) for name in names}  # noqa: S608


def positions(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(tracking.c.name, tracking.c.position)).all())


def test_a_failing_batch_leaves_rows_and_tracking_as_they_were(container: Container,
                                                               clock: FakeClock) -> None:
    app = container.write_model
    _, ids = busy_ledger(app, clock)
    last = app.recorder.max_notification_id()
    exploding = ExplodingAttendees()
    exploding.poisoned = ids[7].hex  # registered in the middle of the ledger
    runner = ProjectionRunner(app, container.read_engine, [Catalogue(), exploding], batch_size=5)

    reached = runner.catch_up()

    tracked = positions(container.read_engine)
    assert tracked["catalogue"] == last  # the healthy projection is unaffected
    assert reached == tracked["attendees"] < last
    assert "Crash" in runner.errors["attendees"]
    # The attendee rows are exactly those of the events up to the tracked position: nothing of
    # the failed batch was kept, although it had written rows before failing.
    upto = [e for n in app.recorder.select_notifications(1, last, stop=tracked["attendees"])
            if isinstance(e := app.mapper.to_domain_event(n), CommunityEvent.Event)]
    expected = {r["registration_id"]: r["status"] for r in replay(upto)}
    with container.read_engine.connect() as conn:
        stored = dict(conn.execute(select(attendees.c.registration_id, attendees.c.status)).all())
    assert stored == expected and ids[7] not in stored

    # The same runner retries on its next catch-up (here: once the bug is fixed) ...
    runner.catch_up()
    assert positions(container.read_engine)["attendees"] == tracked["attendees"]
    exploding.poisoned = None
    assert runner.catch_up() == last
    assert "attendees" not in runner.errors


def test_a_restarted_runner_resumes_and_matches_a_clean_build(container: Container,
                                                              clock: FakeClock) -> None:
    app = container.write_model
    _, ids = busy_ledger(app, clock)
    exploding = ExplodingAttendees()
    exploding.poisoned = ids[5].hex
    ProjectionRunner(app, container.read_engine, [Catalogue(), exploding],
                     batch_size=3).catch_up()
    assert positions(container.read_engine)["attendees"] < app.recorder.max_notification_id()

    # "Restart": a new runner with the real projections picks up from the tracking table.
    restarted = ProjectionRunner(app, container.read_engine, all_projections(), batch_size=3)
    assert restarted.catch_up() == app.recorder.max_notification_id()
    resumed = dump(container.read_engine)
    assert len(resumed["attendees"]) == len(ids)

    for projection in all_projections():
        restarted.rebuild(projection.name)
    assert dump(container.read_engine) == resumed


def test_rebuild_reproduces_every_table_exactly(container: Container, clock: FakeClock) -> None:
    app = container.write_model
    for _ in range(3):
        busy_ledger(app, clock, people=7)
    deleted, _ = busy_ledger(app, clock, people=2)
    app.delete_event(deleted, principal=system("org-1"))
    # Live catch-up in tiny batches, so rows are written across many transactions.
    ProjectionRunner(app, container.read_engine, all_projections(), batch_size=2).catch_up()
    before = dump(container.read_engine)
    assert len(before["events"]) == 4 and len(before["attendees"]) == 23
    if container.read_engine.dialect.name == "sqlite":
        assert len(before["events_fts"]) == 3  # the deleted event left the index

    for projection in all_projections():
        assert container.runner.rebuild(projection.name) == app.recorder.max_notification_id()

    assert dump(container.read_engine) == before


def test_rebuild_of_an_unknown_read_model_names_the_known_ones(container: Container) -> None:
    with pytest.raises(KeyError, match="catalogue"):
        container.runner.rebuild("nope")


def test_rebuild_is_one_transaction(container: Container, clock: FakeClock) -> None:
    app = container.write_model
    busy_ledger(app, clock, people=3)
    container.runner.catch_up()
    before = dump(container.read_engine)
    app.register(app.create_event(
        actor="o", publish=True, organizer_id="o", organizer_name="O", title="Late", description="",
        category="other", tags=[], starts_at=clock.now + timedelta(days=2),
        ends_at=clock.now + timedelta(days=2, hours=1), timezone="UTC",
        location={"country": "GB", "city": "York"}, capacity=1, waitlist_enabled=False)[0],
        name="Z", email="z@example.org", actor="guest")

    class Broken(Attendees):
        def apply(self, conn: Connection, items: Sequence[Item]) -> None:
            super().apply(conn, items)
            if items[-1][0] == app.recorder.max_notification_id():
                raise Crash("fails at the very end of the rebuild")

    runner = ProjectionRunner(app, container.read_engine, [Broken()], rebuild_batch_size=4)
    with pytest.raises(Crash):
        runner.rebuild("attendees")
    # The delete, the re-projection and the tracking reset were rolled back together.
    assert dump(container.read_engine) == before
    with container.read_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM attendees")).scalar() == 3


def test_racing_runners_apply_each_batch_exactly_once(container: Container,
                                                      clock: FakeClock) -> None:
    app = container.write_model
    for _ in range(3):
        busy_ledger(app, clock, people=9)
    reference = ProjectionRunner(app, container.read_engine, all_projections())
    # Several runners (as in several processes: no shared lock) start together.
    runners = [ProjectionRunner(app, container.read_engine, all_projections(), batch_size=2)
               for _ in range(4)]
    barrier = threading.Barrier(len(runners))

    def run(runner: ProjectionRunner) -> None:
        barrier.wait()
        runner.catch_up()

    threads = [threading.Thread(target=run, args=(r,)) for r in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    reference.catch_up()  # finishes whatever the racers left

    raced = dump(container.read_engine)
    assert all(not r.errors for r in runners)
    for projection in all_projections():
        reference.rebuild(projection.name)
    assert dump(container.read_engine) == raced


def test_background_thread_survives_a_failing_projection(container: Container,
                                                         clock: FakeClock) -> None:
    app = container.write_model
    _, ids = busy_ledger(app, clock, people=6)
    last = app.recorder.max_notification_id()
    exploding = ExplodingAttendees()
    exploding.poisoned = ids[4].hex
    runner = ProjectionRunner(app, container.read_engine, [Catalogue(), exploding])
    runner.start()
    try:
        deadline = time.monotonic() + 5
        while positions(container.read_engine).get("catalogue") != last:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert not runner.wait_for(last, timeout=0.2)  # attendees are stuck behind the bug
        exploding.poisoned = None  # "deploy the fix": the thread retries after its back-off
        assert runner.wait_for(last, timeout=5)
        assert "attendees" not in runner.errors
    finally:
        runner.stop()
