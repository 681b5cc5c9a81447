"""The fast read paths give the answers the plain ones gave: attendee pages placed by group
counts, search driven by FTS hits with a capped count, in-memory rebuilds, and migration 0005 on
a database that already holds events."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from eventconnect.container import Container
from projections.attendees import AttendeesRebuild
from projections.catalogue import search_key
from projections.migrate import downgrade, upgrade
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.tables import events
from query_api import listings
from query_api.attendance import list_attendees
from query_api.listings import Search, search_page
from tests.conftest import FakeClock
from tests.integration.test_projection_crash import busy_ledger, dump


def test_attendee_pages_of_any_size_add_up_to_the_whole_list(container: Container,
                                                              clock: FakeClock) -> None:
    app = container.write_model
    event_id, _ = busy_ledger(app, clock, people=12)
    container.runner.catch_up()
    with container.read_engine.connect() as conn:
        whole, total = list_attendees(conn, event_id, None, offset=0, limit=100)
        assert total == len(whole) == 12
        assert [r["status"] for r in whole] == sorted(
            (r["status"] for r in whole), key=["confirmed", "waitlisted", "cancelled"].index)
        waiting = [r["waitlist_position"] for r in whole if r["status"] == "waitlisted"]
        assert waiting == list(range(1, len(waiting) + 1)) and waiting
        assert all(r["waitlist_position"] is None for r in whole if r["status"] != "waitlisted")
        for size in (1, 2, 3, 5):
            pages = [list_attendees(conn, event_id, None, offset=o, limit=size)
                     for o in range(0, 14, size)]
            assert [r for rows, _ in pages for r in rows] == whole
            assert {t for _, t in pages} == {12}
        only, total = list_attendees(conn, event_id, "waitlisted", offset=1, limit=2)
        assert total == len(waiting)
        assert [r["waitlist_position"] for r in only] == waiting[1:3]


def test_search_total_is_exact_up_to_the_cap_then_a_lower_bound(
        container: Container, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    app = container.write_model
    for _ in range(4):
        busy_ledger(app, clock, people=2)
    container.runner.catch_up()
    monkeypatch.setattr(listings, "TOTAL_CAP", 2)
    with container.read_engine.connect() as conn:
        for q in ("soup kitch", None):
            search = Search(q=q)
            broad = search_page(conn, search, now=clock.now, offset=0, limit=1)
            assert (broad.total, broad.exact, len(broad.rows)) == (2, False, 1)
            # A page past the cap still counts what it shows.
            deep = search_page(conn, search, now=clock.now, offset=3, limit=1)
            assert (deep.total, deep.exact, len(deep.rows)) == (4, True, 1)
            narrow = search_page(conn, Search(q=q, city="York"), now=clock.now, offset=0,
                                 limit=1)
            assert (narrow.total, narrow.exact, narrow.rows) == (0, True, [])
            rows = search_page(conn, search, now=clock.now, offset=0, limit=10).rows
            assert len(rows) == 4
            assert rows == sorted(rows, key=lambda r: (r["starts_at"], str(r["id"])))


def test_text_search_on_sqlite_walks_the_fts_hits(container: Container,
                                                  clock: FakeClock) -> None:
    if container.read_engine.dialect.name != "sqlite":
        pytest.skip("the FTS5 plan is SQLite's")
    busy_ledger(container.write_model, clock, people=2)
    container.runner.catch_up()
    with container.read_engine.connect() as conn:
        statements: list[str] = []
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.set_trace_callback(statements.append)
        found = search_page(conn, Search(q="soup", category="volunteer"), now=clock.now,
                            offset=0, limit=20)
        raw.set_trace_callback(None)
        assert found.total == 1
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 2  # the page and the capped count
        for statement in selects:
            plan = [r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}")]
            scans = [step for step in plan if step.startswith("SCAN")]
            assert scans and "events_fts" in scans[0], plan  # hits first, never every event


def test_rebuild_flushing_attendees_in_parts_reproduces_every_table(
        container: Container, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    app = container.write_model
    for _ in range(3):
        busy_ledger(app, clock, people=7)
    ProjectionRunner(app, container.read_engine, all_projections(), batch_size=3).catch_up()
    before = dump(container.read_engine)
    # Flushed rows are read back and updated when a later event (cancel, promotion) changes them.
    monkeypatch.setattr(AttendeesRebuild, "FLUSH_ROWS", 2)
    runner = ProjectionRunner(app, container.read_engine, all_projections(),
                              rebuild_batch_size=3)
    assert runner.rebuild() == app.recorder.max_notification_id()
    assert dump(container.read_engine) == before


def test_runner_decodes_only_events_some_read_model_reads(container: Container,
                                                          clock: FakeClock) -> None:
    app = container.write_model
    busy_ledger(app, clock, people=6)
    topics = {n.id: n.topic for n in app.recorder.select_notifications(1, 1000)}
    users_only = ProjectionRunner(app, container.read_engine,
                                  [p for p in all_projections() if p.name == "users"])
    items = users_only._read(0, 1000)
    assert [p for p, _ in items] == sorted(topics)  # every position, so tracking moves on
    assert all(event is None for _, event in items)  # no account events in this ledger
    everything = ProjectionRunner(app, container.read_engine, all_projections())._read(0, 1000)
    skipped = {topics[p].rsplit(":", 1)[1] for p, e in everything if e is None}
    assert skipped == {"Registration.Withdrawn", "Registration.CheckedIn"}


def test_migration_0005_keys_events_that_already_exist(container: Container,
                                                       clock: FakeClock) -> None:
    app = container.write_model
    event_id, _ = busy_ledger(app, clock, people=3)
    container.runner.catch_up()
    engine = container.read_engine
    downgrade(engine, "0004")
    upgrade(engine)
    with engine.connect() as conn:
        keys = dict(conn.execute(select(events.c.id, events.c.search_key)).all())
        assert keys == {event_id: search_key(event_id)}
        found = search_page(conn, Search(q="soup"), now=clock.now, offset=0, limit=20)
        assert [r["id"] for r in found.rows] == [event_id]
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("SELECT count(*) FROM events_fts")).scalar() == 1
