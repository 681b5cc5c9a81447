"""Projections on real databases: the catalogue and attendee rows a realistic ledger produces."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from command_api.application import EventConnect
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel.authz import system
from projections.migrate import upgrade
from projections.registry import all_projections, get_projection
from projections.runner import ProjectionRunner
from projections.tables import attendees, events, metadata, tracking
from query_api.listings import Search, search_page
from tests.conftest import FakeClock


def schedule(app: EventConnect, *, publish: bool = True, **overrides: Any) -> UUID:
    starts = app.clock() + timedelta(days=10)
    details: dict[str, Any] = dict(
        organizer_id="org-1", organizer_name="Olu Ade", title="Bike repair",
        description="Fix brakes and gears", category="workshop", tags=["bikes"],
        starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="Asia/Kolkata",
        location={"country": "IN", "city": "Pune", "venue": "Hall 2"}, capacity=2,
        waitlist_enabled=True)
    details.update(overrides)
    event_id, _ = app.create_event(actor="org-1", publish=publish, **details)
    return event_id


def register(app: EventConnect, event_id: UUID, who: str, **kwargs: Any) -> UUID:
    return app.register(event_id, name=who.title(), email=f"{who}@example.org", actor="guest",
                        **kwargs).registration_id


def event_row(container: Container, event_id: UUID) -> dict[str, Any]:
    with container.read_engine.connect() as conn:
        return dict(conn.execute(select(events).where(events.c.id == event_id)).mappings().one())


def attendee_rows(container: Container, event_id: UUID) -> dict[UUID, dict[str, Any]]:
    with container.read_engine.connect() as conn:
        rows = conn.execute(select(attendees).where(attendees.c.event_id == event_id)).mappings()
        return {row["registration_id"]: dict(row) for row in rows}


def test_a_realistic_ledger_fills_catalogue_and_attendees(container: Container,
                                                           clock: FakeClock) -> None:
    app = container.write_model
    event_id = schedule(app)
    created = clock.now
    clock.advance(minutes=1)
    asha = register(app, event_id, "asha")
    ben = register(app, event_id, "ben", member_id="member-7")
    cleo = register(app, event_id, "cleo")
    dev = register(app, event_id, "dev")
    clock.advance(minutes=1)
    app.cancel_registration(event_id, asha, principal=system("organizer"))
    app.check_in(event_id, ben, principal=system("organizer"))
    app.edit_event(event_id, principal=system("org-1"), title="Bike repair II", tags=["bikes", "tools"],
                   location={"country": "IN", "city": "Mumbai"})
    last = app.recorder.max_notification_id()

    assert container.runner.catch_up() == last
    assert container.runner.position() == last

    row = event_row(container, event_id)
    assert row["title"] == "Bike repair II"
    assert row["tags"] == ["bikes", "tools"]
    assert (row["city"], row["city_key"], row["venue"]) == ("Mumbai", "mumbai", None)
    assert (row["status"], row["capacity"]) == ("published", 2)
    assert (row["confirmed_count"], row["waitlist_length"]) == (2, 1)
    assert row["created_at"] == created and row["updated_at"] == clock.now
    assert (row["rating_avg"], row["rating_count"]) == (None, 0)

    rows = attendee_rows(container, event_id)
    assert rows[asha]["status"] == "cancelled" and rows[asha]["cancelled_at"] == clock.now
    assert rows[ben]["status"] == "confirmed" and rows[ben]["checked_in_at"] == clock.now
    assert rows[ben]["member_id"] == "member-7"
    # Cleo waited first, so Asha's seat went to her; Dev is still in line.
    assert (rows[cleo]["status"], rows[cleo]["waitlist_seq"]) == ("confirmed", None)
    assert rows[dev]["status"] == "waitlisted" and rows[dev]["waitlist_seq"] is not None
    assert rows[dev]["name"] == "Dev" and rows[dev]["email"] == "dev@example.org"


def test_more_seats_promote_the_waitlist_in_order(container: Container) -> None:
    app = container.write_model
    event_id = schedule(app, capacity=1)
    people = [register(app, event_id, who) for who in ("ann", "bo", "cy", "di")]
    container.runner.catch_up()
    assert event_row(container, event_id)["waitlist_length"] == 3

    app.edit_event(event_id, principal=system("org-1"), capacity=3)
    container.runner.catch_up()

    rows = attendee_rows(container, event_id)
    assert [rows[p]["status"] for p in people] == ["confirmed", "confirmed", "confirmed",
                                                   "waitlisted"]
    row = event_row(container, event_id)
    assert (row["capacity"], row["confirmed_count"], row["waitlist_length"]) == (3, 3, 1)


def test_registering_again_after_cancelling_rejoins_at_the_back(container: Container) -> None:
    app = container.write_model
    event_id = schedule(app, capacity=1)
    ann, bo = register(app, event_id, "ann"), register(app, event_id, "bo")
    app.cancel_registration(event_id, ann, principal=system("ann"))
    assert register(app, event_id, "ann") == ann
    container.runner.catch_up()

    rows = attendee_rows(container, event_id)
    assert rows[bo]["status"] == "confirmed"
    assert rows[ann]["status"] == "waitlisted" and rows[ann]["cancelled_at"] is None
    assert event_row(container, event_id)["waitlist_length"] == 1


def test_deleted_and_draft_events_stay_out_of_listings(container: Container,
                                                       clock: FakeClock) -> None:
    app = container.write_model
    kept = schedule(app, title="Kept bike clinic")
    gone = schedule(app, title="Gone bike clinic")
    draft = schedule(app, title="Draft bike clinic", publish=False)
    app.delete_event(gone, principal=system("org-1"))
    container.runner.catch_up()

    assert event_row(container, gone)["status"] == "deleted"
    assert event_row(container, draft)["status"] == "draft"
    with container.read_engine.connect() as conn:
        for search in (Search(), Search(q="bike clinic"), Search(status="all")):
            found = search_page(conn, search, now=clock.now, offset=0, limit=20)
            rows, total = found.rows, found.total
            assert [r["id"] for r in rows] == [kept] and total == 1


def test_tracking_covers_events_a_projection_ignores(container: Container) -> None:
    app = container.write_model
    event_id = schedule(app)
    register(app, event_id, "ann")  # the last notification is Registration.Opened
    last = app.recorder.max_notification_id()
    container.runner.catch_up()

    with container.read_engine.connect() as conn:
        stored = dict(conn.execute(select(tracking.c.name, tracking.c.position)).all())
    assert stored == {p.name: last for p in all_projections()}


def test_migrations_create_exactly_the_declared_tables(container: Container) -> None:
    upgrade(container.read_engine)  # a second upgrade is a no-op
    with container.read_engine.connect() as conn:
        # Other tables may share the database (the event store's, on PostgreSQL).
        ours = MigrationContext.configure(conn, opts={"include_name": lambda name, kind, _: (
            kind != "table" or name in metadata.tables)})
        diff = compare_metadata(ours, metadata)
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("SELECT count(*) FROM events_fts")).scalar() == 0
    # Full-text search is dialect-specific and lives only in the migration: PostgreSQL's
    # generated `events.search` column and its GIN index.
    assert [d for d in diff if "search" not in repr(d)] == []


def test_registry_finds_projections_by_name() -> None:
    names = [p.name for p in all_projections()]
    assert names == ["catalogue", "attendees", "users", "reminder_schedule", "ratings", "inbox",
                     "analytics"]
    for name in names:  # each is found by its own name, as `eventconnect rebuild <name>` does
        assert get_projection(name).name == name
    with pytest.raises(KeyError, match="catalogue"):
        get_projection("nope")


def test_background_thread_is_woken_by_each_commit(container: Container) -> None:
    container.runner.start()
    app = container.write_model
    event_id = schedule(app)
    position = app.register(event_id, name="Ann", email="ann@example.org",
                            actor="guest").position

    # No explicit catch-up: the after-commit hook wakes the thread.
    assert container.runner.wait_for(position, timeout=5)
    assert event_row(container, event_id)["confirmed_count"] == 1
    container.runner.stop()
    assert container.runner.wait_for(position, timeout=0)


def test_separate_projector_processes_listen_and_share_work_by_lock(
        container: Container, settings: Settings) -> None:
    if not settings.is_postgres:
        pytest.skip("LISTEN/NOTIFY and advisory locks are PostgreSQL's")
    stop = threading.Event()
    # Two `eventconnect project` processes (modelled as threads with their own runners).
    projectors = [ProjectionRunner(container.write_model, container.read_engine,
                                   all_projections()) for _ in range(2)]
    threads = [threading.Thread(target=p.run_forever_postgres, args=(stop,), daemon=True)
               for p in projectors]
    for thread in threads:
        thread.start()
    try:
        app = container.write_model
        event_id = schedule(app, capacity=3)
        position = 0
        for who in ("ann", "bo", "cy", "di"):
            position = app.register(event_id, name=who, email=f"{who}@example.org",
                                    actor="guest").position
        # The API process's runner does not project; it sees the other processes' progress.
        started = time.monotonic()
        assert container.runner.wait_for(position, timeout=5)
        assert time.monotonic() - started < 1.5  # woken by NOTIFY, not by the idle timer
        row = event_row(container, event_id)
        assert (row["confirmed_count"], row["waitlist_length"]) == (3, 1)
        with container.read_engine.connect() as conn:
            held = conn.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                "database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )).scalar()
        assert held == len(all_projections())  # one live runner per projection
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
    assert not any(thread.is_alive() for thread in threads)
