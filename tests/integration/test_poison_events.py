"""A stored event a read model cannot apply stops that read model right before it, visibly
(failure record, /api/ready, `eventconnect projections`, one log line), while the others keep up;
`eventconnect skip` passes over it, and a rebuild agrees.

The poison events are appended through the write model, bypassing the HTTP edge that now refuses
them (as events stored before that edge existed were): an instant past year 9999 in UTC fails the
catalogue on both databases, a NUL in a guest's name fails the attendees on PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from command_api.application import EventConnect
from eventconnect import cli
from eventconnect.app import create_app
from eventconnect.container import Container
from eventconnect.settings import Settings
from projections.failures import add_skip, failures
from projections.runner import ProjectionRunner
from projections.tables import attendees, events
from tests.integration.test_projection_crash import dump, positions

MINUS_12 = timezone(timedelta(hours=-12))


def schedule(app: EventConnect, starts: datetime, title: str = "Repair cafe") -> UUID:
    event_id, _ = app.create_event(
        actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu", title=title,
        description="", category="workshop", tags=[], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone="Etc/GMT+12",
        location={"country": "GB", "city": "Leeds"}, capacity=5, waitlist_enabled=True)
    return event_id


def head(app: EventConnect) -> int:
    return app.recorder.max_notification_id() or 0


@pytest.fixture
def ready_client(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container, projections="none"),
                    raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads its settings from the environment: point it at the test database."""
    monkeypatch.setenv("EVENTCONNECT_DATA_DIR", str(settings.data_dir))
    if settings.database_url:
        monkeypatch.setenv("DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)


def test_a_poison_event_stops_one_read_model_visibly_until_skipped(
        container: Container, ready_client: TestClient, env: None,
        caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    app, runner = container.write_model, container.runner
    healthy = schedule(app, app.clock() + timedelta(days=3))
    app.register(healthy, name="Ann", email="ann@example.org", actor="guest")
    poison_at = head(app) + 1  # the poison event's Scheduled is the next notification
    schedule(app, datetime(9999, 12, 31, 20, tzinfo=MINUS_12), title="Far future")
    later = schedule(app, app.clock() + timedelta(days=4), title="Later")
    app.register(later, name="Bo", email="bo@example.org", actor="guest")
    assert ready_client.get("/api/ready").status_code == 200  # behind, but nothing fails yet

    caplog.set_level(logging.INFO, logger="projections")
    for _ in range(3):
        runner.catch_up()

    tracked = positions(container.read_engine)
    assert tracked["catalogue"] == poison_at - 1  # right before the poison event, not earlier
    assert tracked["attendees"] == tracked["users"] == head(app)  # the others keep up
    with container.read_engine.connect() as conn:
        [failure] = failures(conn).values()
        assert ({r[0] for r in conn.execute(select(events.c.title))} == {"Repair cafe"})
        assert len(conn.execute(select(attendees)).all()) == 2
    assert (failure.name, failure.position, failure.attempts) == ("catalogue", poison_at, 3)
    assert "Scheduled" in failure.event_type and "OverflowError" in failure.error
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1 and "catalogue" in logged[0].getMessage()  # once, not per retry

    answer = ready_client.get("/api/ready")
    assert answer.status_code == 503 and answer.json()["code"] == "not_ready"
    assert answer.headers["content-type"].startswith("application/problem+json")
    by_name = {m["name"]: m for m in answer.json()["read_models"]}
    assert by_name["catalogue"]["failure"]["position"] == poison_at
    assert by_name["catalogue"]["lag"] == head(app) - poison_at + 1
    assert not by_name["attendees"]["failing"] and by_name["attendees"]["lag"] == 0
    assert ready_client.get("/api/health").json() == {"status": "ok"}

    assert cli.main(["projections"]) == 1
    assert f"cannot apply position {poison_at}" in capsys.readouterr().out
    assert cli.main(["skip", "catalogue", str(poison_at), "--reason", "year 10000 in UTC",
                     "--by", "ops-anna"]) == 0
    runner.catch_up()

    assert positions(container.read_engine)["catalogue"] == head(app)
    assert ready_client.get("/api/ready").status_code == 200
    assert cli.main(["projections", "--json"]) == 0
    status = capsys.readouterr().out
    assert f"[\n        {poison_at}\n      ]" in status
    assert any("recovered" in r.getMessage() for r in caplog.records)
    with container.read_engine.connect() as conn:
        assert {r[0] for r in conn.execute(select(events.c.title))} == {"Repair cafe", "Later"}
        assert failures(conn) == {}

    live = dump(container.read_engine)
    assert runner.rebuild() == head(app)  # honours the skip
    assert dump(container.read_engine) == live


def test_a_nul_in_a_stored_name_is_pinned_down_and_skipped(container: Container,
                                                         settings: Settings) -> None:
    app = container.write_model
    event_id = schedule(app, app.clock() + timedelta(days=3))
    for n in range(5):
        app.register(event_id, name=f"Guest {n}", email=f"g{n}@example.org", actor="guest")
    before = head(app)
    app.register(event_id, name="Eve\x00", email="eve@example.org", actor="guest")
    poison = [n.id for n in app.recorder.select_notifications(before + 1, 10)]
    for n in range(5, 8):
        app.register(event_id, name=f"Guest {n}", email=f"g{n}@example.org", actor="guest")
    runner = ProjectionRunner(app, container.read_engine, list(container.runner.projections
                                                                .values()), batch_size=500)
    runner.catch_up()
    tracked = positions(container.read_engine)
    if not settings.is_postgres:  # SQLite stores NUL; nothing to skip
        assert tracked["attendees"] == head(app)
        return
    with container.read_engine.connect() as conn:
        failure = failures(conn)["attendees"]
    assert failure.position in poison and tracked["attendees"] == failure.position - 1
    assert tracked["catalogue"] == head(app)  # the same batch, applied by the healthy one
    assert "NUL" in failure.error and "Eve" not in failure.error  # no row values leak
    assert skip_and_catch_up(runner, "attendees", failure.position) == head(app)
    with container.read_engine.connect() as conn:
        names = {r[0] for r in conn.execute(select(attendees.c.name))}
    assert names == {f"Guest {n}" for n in range(8)}


def skip_and_catch_up(runner: ProjectionRunner, name: str, position: int) -> Any:
    add_skip(runner.engine, name, position, "x", reason="NUL in a name", skipped_by="test",
             now=datetime.now(UTC))
    return runner.catch_up()


def test_a_stored_city_that_case_folding_triples_still_projects(container: Container) -> None:
    """Such cities were accepted before the edge checked the folded length: `city_key` now has
    room for any 100-character city (migration 0006), so the catalogue is total over them."""
    app = container.write_model
    ids = []
    for city in ("ß" * 100, "ﬃ" * 100, "ΐ" * 100):
        event_id, _ = app.create_event(
            actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu",
            title="Wide city", description="", category="other", tags=[],
            starts_at=app.clock() + timedelta(days=2), ends_at=app.clock() + timedelta(days=3),
            timezone="UTC", location={"country": "DE", "city": city}, capacity=5,
            waitlist_enabled=True)
        ids.append(event_id)
    container.runner.catch_up()
    assert set(positions(container.read_engine).values()) == {head(app)}
    with container.read_engine.connect() as conn:
        keys = {r[0] for r in conn.execute(select(events.c.city_key).where(events.c.id.in_(ids)))}
        assert failures(conn) == {}
    assert keys == {"ss" * 100, "ffi" * 100, "\u03b9\u0308\u0301" * 100}


def test_background_retries_of_a_failing_read_model_back_off(container: Container) -> None:
    app, runner = container.write_model, container.runner
    schedule(app, datetime(9999, 12, 31, 20, tzinfo=MINUS_12))
    runner.catch_up_due()
    healthy = schedule(app, app.clock() + timedelta(days=3))
    app.register(healthy, name="Ann", email="ann@example.org", actor="guest")
    for _ in range(5):  # as if woken by five commits in a row
        runner.catch_up_due()
    with container.read_engine.connect() as conn:
        assert failures(conn)["catalogue"].attempts == 1  # not retried on every wake-up
    tracked = positions(container.read_engine)
    assert tracked["attendees"] == tracked["users"] == head(app)


class _Away(Exception):
    """Stands for a driver's "the database is not there" error."""


def test_an_outage_is_waited_out_not_recorded_as_a_poison_event(container: Container) -> None:
    """The database going away mid-batch blames no event: nothing is pinned down or recorded,
    the catch-up raises for the loop to retry, and the next one projects everything."""
    app = container.write_model
    event_id = schedule(app, app.clock() + timedelta(days=3))
    app.register(event_id, name="Asha", email="asha@example.org", actor="guest")
    catalogue = container.runner.projections["catalogue"]
    outage = {"on": True}
    real_apply = catalogue.apply

    def apply(conn: Any, items: Any) -> None:
        if outage["on"]:
            raise _Away("server closed the connection unexpectedly")
        real_apply(conn, items)

    catalogue.apply = apply  # type: ignore[method-assign]
    runner = ProjectionRunner(app, container.read_engine, [catalogue],
                              transient=lambda error: isinstance(error, _Away))
    with pytest.raises(_Away):
        runner.catch_up()
    with container.read_engine.connect() as conn:
        assert failures(conn) == {}
    outage["on"] = False
    assert runner.catch_up() == head(app)
