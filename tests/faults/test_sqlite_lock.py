"""SQLite: another connection holding the store's (or the read models') write lock past the
timeout gives 503 `unavailable` within the bound, not 500; writes work once it is released."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from command_api.idempotency import idempotency_keys
from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import TEST_IDENTITY, FakeClock
from tests.e2e.conftest import assert_problem, create_event

TIMEOUT = 1.0


@pytest.fixture
def client(tmp_path: Path, clock: FakeClock) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "var", database_url=None, db_timeout=TIMEOUT,
                        **TEST_IDENTITY)
    container = bootstrap(settings, clock=clock, migrate=True)
    with TestClient(create_app(container), raise_server_exceptions=False) as test_client:
        yield test_client


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def _timed_post(client: TestClient, url: str, email: str, **headers: str):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    response = client.post(url, json={"name": "Locked Out", "email": email}, headers=headers)
    return response, time.monotonic() - started


def test_a_locked_event_store_answers_503_then_recovers(client: TestClient,
                                                        clock: FakeClock) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    settings = client.app.state.container.settings  # type: ignore[attr-defined]
    holder = _hold_write_lock(settings.event_store_path)
    try:
        response, took = _timed_post(client, url, "one@example.org")
        assert_problem(response, 503, "unavailable")
        assert int(response.headers["Retry-After"]) >= 1
        assert took < 3 * TIMEOUT + 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    response, _ = _timed_post(client, url, "one@example.org")
    assert response.status_code == 201, response.text  # nothing of the failed try was kept


def test_a_locked_read_model_file_refuses_a_keyed_write_without_running_it(
        client: TestClient, clock: FakeClock) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    container = client.app.state.container  # type: ignore[attr-defined]
    before = container.write_model.recorder.max_notification_id()
    holder = _hold_write_lock(container.settings.data_dir / "read_models.sqlite")
    try:
        response, took = _timed_post(client, url, "two@example.org", **{"Idempotency-Key": "k"})
        assert_problem(response, 503, "unavailable")
        assert took < 3 * TIMEOUT + 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert container.write_model.recorder.max_notification_id() == before  # the claim failed first
    with container.read_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(idempotency_keys)).scalar_one() == 0
    response, _ = _timed_post(client, url, "two@example.org", **{"Idempotency-Key": "k"})
    assert response.status_code == 201, response.text
