"""HTTP fixtures: the real app (both APIs, projection thread) on each real database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock


@pytest.fixture
def client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    container = bootstrap(settings, clock=clock, migrate=True)
    with TestClient(create_app(container), raise_server_exceptions=False) as test_client:
        yield test_client


def event_body(clock: FakeClock, **overrides: Any) -> dict[str, Any]:
    starts = clock.now + timedelta(days=10)
    body: dict[str, Any] = {
        "title": "Intro to bike repair",
        "description": "Brakes, gears and chains.",
        "category": "workshop",
        "tags": ["bikes", "diy"],
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "timezone": "Asia/Kolkata",
        "location": {"country": "IN", "city": "Pune", "venue": "Hall 2"},
        "capacity": 2,
    }
    body.update(overrides)
    return body


def create_event(client: TestClient, clock: FakeClock, **overrides: Any) -> str:
    response = client.post("/api/events", json=event_body(clock, **overrides))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def register(client: TestClient, event_id: str, n: int) -> dict[str, Any]:
    response = client.post(f"/api/events/{event_id}/registrations",
                           json={"name": f"Guest {n}", "email": f"guest{n}@example.org"})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code and body["status"] == status and body["detail"]
    return body
