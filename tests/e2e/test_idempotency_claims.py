"""Idempotency claims after a crash or an outage: a claim left by a dead request expires; an
answer that could not be stored is kept and replayed; a guest's cancel token is never stored."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import pytest
from eventsourcing.persistence import OperationalError
from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from command_api import idempotency
from command_api.idempotency import _claim, idempotency_keys, request_fingerprint
from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem, create_event

GUEST = b'{"name": "Asha", "email": "asha@example.org"}'
JSON = {"Content-Type": "application/json"}


def _left_by_a_dead_request(client: TestClient, key: str, url: str, age: timedelta) -> None:
    """The row a request leaves when its process dies after claiming the key."""
    engine = client.app.state.container.read_engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        conn.execute(insert(idempotency_keys).values(
            key=key, fingerprint=request_fingerprint("anonymous", url, GUEST),
            created_at=datetime.now(UTC) - age))


def test_a_claim_left_by_a_crash_expires_and_the_retry_runs(client: TestClient,
                                                            clock: FakeClock) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    _left_by_a_dead_request(client, "crashed", url, age=timedelta(hours=1))
    retry = client.post(url, content=GUEST, headers={"Idempotency-Key": "crashed", **JSON})
    assert retry.status_code == 201, retry.text
    assert retry.json()["cancel_token"]  # the live answer has it
    again = client.post(url, content=GUEST, headers={"Idempotency-Key": "crashed", **JSON})
    assert again.headers["Idempotent-Replay"] == "true"
    assert again.json()["registration_id"] == retry.json()["registration_id"]


def test_a_young_claim_is_still_in_progress(client: TestClient, clock: FakeClock) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    _left_by_a_dead_request(client, "running", url, age=timedelta(seconds=5))
    answer = client.post(url, content=GUEST, headers={"Idempotency-Key": "running", **JSON})
    assert_problem(answer, 409, "idempotency_in_progress")


def test_of_two_retries_only_one_takes_an_expired_claim_over(client: TestClient) -> None:
    engine = client.app.state.container.read_engine  # type: ignore[attr-defined]
    _left_by_a_dead_request(client, "raced", "/api/x", age=timedelta(hours=1))
    fingerprint = request_fingerprint("anonymous", "/api/x", GUEST)
    assert _claim(engine, "raced", fingerprint, lease=60)[0] == "run"
    # The second sees the claim the first just renewed: young, so in progress.
    outcome, row = _claim(engine, "raced", fingerprint, lease=60)
    assert outcome == "replay" and row is not None and row["status_code"] is None


def test_an_expired_claim_is_not_taken_with_another_body(client: TestClient,
                                                         clock: FakeClock) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    _left_by_a_dead_request(client, "other", url, age=timedelta(hours=1))
    answer = client.post(url, json={"name": "Bo", "email": "bo@example.org"},
                         headers={"Idempotency-Key": "other"})
    assert_problem(answer, 422, "idempotency_key_reused")


def test_the_cancel_token_is_never_stored(client: TestClient, clock: FakeClock) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    first = client.post(url, content=GUEST, headers={"Idempotency-Key": "tok", **JSON})
    token = first.json()["cancel_token"]
    engine = client.app.state.container.read_engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        stored = conn.execute(select(idempotency_keys.c.body)).scalar_one()
    assert token not in stored and json.loads(stored)["cancel_token"] is None
    # Someone who guesses the key and the body gets the registration, not the token.
    replay = client.post(url, content=GUEST, headers={"Idempotency-Key": "tok", **JSON})
    assert replay.json() == {**first.json(), "cancel_token": None}
    assert replay.headers["Idempotent-Replay-Withheld"] == "cancel_token"
    assert "_withheld" not in replay.text  # the storage marker stays internal


def test_an_answer_that_could_not_be_stored_is_kept_and_stored_later(
        client: TestClient, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"
    real_finish = idempotency._finish
    away = True

    def finish_while_away(*args: object) -> None:
        if away:
            raise _locked()
        real_finish(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(idempotency, "_finish", finish_while_away)
    monkeypatch.setattr("command_api.idempotency_backlog.RETRY_SECONDS", 0.05)
    first = client.post(url, content=GUEST, headers={"Idempotency-Key": "later", **JSON})
    assert first.status_code == 201  # the command committed; the client gets its answer
    # Meanwhile a retry is answered from memory: the command does not run twice.
    retry = client.post(url, content=GUEST, headers={"Idempotency-Key": "later", **JSON})
    assert retry.status_code == 201 and retry.headers["Idempotent-Replay"] == "true"
    assert retry.json()["registration_id"] == first.json()["registration_id"]

    away = False
    engine = client.app.state.container.read_engine  # type: ignore[attr-defined]
    for _ in range(100):
        with engine.connect() as conn:
            if conn.execute(select(idempotency_keys.c.status_code)).scalar_one() == 201:
                break
        time.sleep(0.05)
    else:
        pytest.fail("the kept answer was never stored")
    backlog = next(m for m in _middlewares(client) if isinstance(m, idempotency.Idempotency))
    assert backlog.backlog.get("later") is None


def test_claiming_while_the_database_is_away_answers_503(
        client: TestClient, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"/api/events/{create_event(client, clock, capacity=5)}/registrations"

    def away(*_: object) -> None:
        raise _locked()

    monkeypatch.setattr(idempotency, "_claim", away)
    answer = client.post(url, content=GUEST, headers={"Idempotency-Key": "away", **JSON})
    assert_problem(answer, 503, "unavailable")
    assert answer.headers["Retry-After"]


def _locked() -> OperationalError:
    """What the library raises when SQLite stays locked past the timeout."""
    try:
        raise sqlite3.OperationalError("database is locked")
    except sqlite3.OperationalError as cause:
        error = OperationalError(str(cause))
        error.__cause__ = cause
        return error


def _middlewares(client: TestClient) -> list[object]:
    """The built middleware stack, outermost first."""
    found, app = [], client.app.middleware_stack  # type: ignore[attr-defined]
    while app is not None:
        found.append(app)
        app = getattr(app, "app", None)
    return found
