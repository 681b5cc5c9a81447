"""A database outage answers 503 `unavailable` with Retry-After; a database error that is a bug
still answers 500 `internal_error` (the outage handler never hides bugs)."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from eventsourcing.persistence import DataError, OperationalError
from fastapi.testclient import TestClient

from command_api.application import Applicant
from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem, create_event

GUEST = {"name": "Asha", "email": "asha@example.org"}


def _failing_with(client: TestClient, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    queue = client.app.state.container.registrations  # type: ignore[attr-defined]

    async def register(_: Applicant) -> None:
        raise error

    monkeypatch.setattr(queue, "register", register)


def _raised_from(outer: type[Exception], cause: Exception) -> Exception:
    error = outer(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize("cause", [sqlite3.OperationalError("database is locked"),
                                   psycopg.OperationalError("connection refused")], ids=str)
def test_an_outage_is_503_unavailable(client: TestClient, clock: FakeClock,
                                      monkeypatch: pytest.MonkeyPatch, cause: Exception) -> None:
    url = f"/api/events/{create_event(client, clock)}/registrations"
    _failing_with(client, monkeypatch, _raised_from(OperationalError, cause))
    answer = client.post(url, json=GUEST)
    assert_problem(answer, 503, "unavailable")
    assert int(answer.headers["Retry-After"]) >= 1


@pytest.mark.parametrize("error", [
    _raised_from(OperationalError, sqlite3.OperationalError("no such table: stored_events")),
    _raised_from(DataError, psycopg.DataError("value out of range")),
], ids=str)
def test_a_database_bug_stays_500(client: TestClient, clock: FakeClock,
                                  monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    url = f"/api/events/{create_event(client, clock)}/registrations"
    _failing_with(client, monkeypatch, error)
    answer = client.post(url, json=GUEST)
    assert answer.status_code == 500
    assert answer.json()["code"] != "unavailable"
