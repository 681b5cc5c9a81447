"""`/api/health` and `/api/ready` answer fast, publicly, and say what is wrong."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.container import Container


@pytest.fixture
def api(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container, projections="none"),
                    raise_server_exceptions=False) as client:
        yield client


def test_ready_lists_each_read_model_and_takes_no_token(api: TestClient) -> None:
    answer = api.get("/api/ready")
    assert answer.status_code == 200
    assert {m["name"] for m in answer.json()["read_models"]} == {
        "catalogue", "attendees", "users", "reminder_schedule", "ratings", "inbox", "analytics"}
    assert api.get("/api/health").json() == {"status": "ok"}


def test_ready_gives_up_after_two_seconds_on_a_hanging_store(
        api: TestClient, container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    def hang(*_: Any) -> int:
        time.sleep(5)
        return 0

    monkeypatch.setattr(container.write_model.recorder, "max_notification_id", hang)
    started = time.monotonic()
    answer = api.get("/api/ready")
    assert time.monotonic() - started < 3
    assert answer.status_code == 503 and answer.json()["code"] == "not_ready"
    assert api.get("/api/health").status_code == 200


def test_ready_names_a_database_that_does_not_answer(
        api: TestClient, container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*_: Any) -> int:
        raise ConnectionError("connection refused")

    monkeypatch.setattr(container.write_model.recorder, "max_notification_id", down)
    answer = api.get("/api/ready")
    assert answer.status_code == 503
    body = answer.json()
    assert body["event_store"] == "ConnectionError: connection refused"
    assert body["read_model_database"] == "ok" and "event store" in body["detail"]
