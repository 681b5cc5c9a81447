"""Blue/green rebuilds (projections/blue_green.py) while a writer keeps registering and readers
keep reading: the readers never see an error or an empty table, the live runner keeps going,
and the switched-in tables equal a fresh rebuild, row for row."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, select

from eventconnect.container import Container
from projections import progress
from projections.blue_green import copy_in_statement
from projections.tables import analytics_people, attendees
from tests.integration.test_projections import register, schedule

REBUILT = ("attendees", "users", "ratings", "inbox", "reminder_schedule", "analytics")


def dump(engine: Engine, names: tuple[str, ...], container: Container) -> dict[str, list[Any]]:
    with engine.connect() as conn:
        return {table.name: sorted(map(tuple, conn.execute(select(table))), key=repr)
                for name in names for table in container.runner.projections[name].tables}


def test_a_rebuild_beside_a_writer_and_readers_switches_in_a_complete_copy(
        container: Container) -> None:
    app, runner = container.write_model, container.runner
    event_ids = [schedule(app, capacity=400) for _ in range(4)]
    for n in range(120):  # a log long enough that the rebuild takes several batches
        register(app, event_ids[n % 4], f"before{n}")
    runner.rebuild_batch_size = 50
    runner.catch_up()
    with runner.engine.connect() as conn:
        seen_before = conn.execute(select(func.count()).select_from(attendees)).scalar_one()
    runner.start()  # the live runner, woken by every commit, as in `eventconnect serve`

    stop = threading.Event()
    written: list[int] = []
    counts: list[int] = []
    errors: list[BaseException] = []

    def write() -> None:
        n = 0
        while not stop.is_set():
            try:
                written.append(register(app, event_ids[n % 4], f"during{n}").int)
            except BaseException as error:  # reported by the test below
                errors.append(error)
                return
            n += 1

    def read() -> None:
        while not stop.is_set():
            try:
                with runner.engine.connect() as conn:
                    counts.append(conn.execute(
                        select(func.count()).select_from(attendees)).scalar_one())
            except BaseException as error:  # reported by the test below
                errors.append(error)
                return
            time.sleep(0.005)

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.2)
        runner.rebuild(*REBUILT)
        time.sleep(0.2)  # the writer goes on after the switch, onto the new tables
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
        runner.stop()
    assert errors == []
    assert len(written) > 10, "the writer was stopped by the rebuild"
    # Readers saw the old table, then the new one: never empty, never fewer rows than before
    # (registrations only ever add attendee rows here).
    assert counts and min(counts) >= seen_before
    assert counts == sorted(counts)
    states = {s.read_model: s for s in progress.snapshot()}
    assert all(states[name].phase == "done" for name in REBUILT)

    runner.catch_up()
    live = dump(runner.engine, REBUILT, container)
    assert len(live["attendees"]) == seen_before + len(written)
    runner.rebuild(*REBUILT)  # a quiet, fresh rebuild of the same log
    assert dump(runner.engine, REBUILT, container) == live


def test_a_failed_rebuild_leaves_the_live_tables_and_no_shadow(container: Container) -> None:
    app, runner = container.write_model, container.runner
    event_id = schedule(app)
    register(app, event_id, "ann")
    runner.catch_up()
    before = dump(runner.engine, ("attendees",), container)
    projection = runner.projections["attendees"]

    class Broken(type(projection)):  # type: ignore[misc]
        def apply(self, conn: Any, items: Any) -> None:
            raise RuntimeError("a bug in the new projection code")

    runner.projections["attendees"] = Broken()
    try:
        try:
            runner.rebuild("attendees")
        except RuntimeError:
            pass
        else:
            raise AssertionError("the rebuild should have failed")
    finally:
        runner.projections["attendees"] = projection
    assert dump(runner.engine, ("attendees",), container) == before
    with runner.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            attached = [row[1] for row in conn.exec_driver_sql("PRAGMA database_list")]
            assert "rebuild_" not in " ".join(attached)
            folder = Path(runner.engine.url.database or "").parent
            assert not [p for p in folder.iterdir() if "rebuild_" in p.name]
        else:
            schemas = conn.exec_driver_sql(
                r"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\_%%'").all()
            assert schemas == []


def test_the_switch_copies_pages_only_between_tables_of_one_shape(tmp_path: Path) -> None:
    """SQLite's page copy (`INSERT ... SELECT *`) only when the live table (made by the
    migrations) has the shadow's columns in the shadow's order; else by name, still right."""
    engine = create_engine(f"sqlite:///{tmp_path / 'live.sqlite'}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"ATTACH '{tmp_path / 'shadow.sqlite'}' AS shadow_x")
            conn.exec_driver_sql("CREATE TABLE shadow_x.analytics_people "
                                 "(person VARCHAR(254) PRIMARY KEY, events INTEGER NOT NULL)")
            conn.exec_driver_sql("INSERT INTO shadow_x.analytics_people VALUES ('ann@x.org', 2)")
            # a live table whose columns a migration added in another order
            conn.exec_driver_sql("CREATE TABLE analytics_people "
                                 "(events INTEGER NOT NULL, person VARCHAR(254) PRIMARY KEY)")
            by_name = copy_in_statement(conn, "shadow_x", analytics_people)
            assert "SELECT *" not in by_name
            conn.exec_driver_sql(by_name)
            assert conn.exec_driver_sql("SELECT person, events FROM analytics_people").all() == [
                ("ann@x.org", 2)]
            conn.exec_driver_sql("DROP TABLE analytics_people")
            conn.exec_driver_sql("CREATE TABLE analytics_people "
                                 "(person VARCHAR(254) PRIMARY KEY, events INTEGER NOT NULL)")
            whole = copy_in_statement(conn, "shadow_x", analytics_people)
            assert "SELECT *" in whole
            conn.exec_driver_sql(whole)
            assert conn.exec_driver_sql("SELECT person, events FROM analytics_people").all() == [
                ("ann@x.org", 2)]
    finally:
        engine.dispose()
