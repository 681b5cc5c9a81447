"""HTTP fixtures: the real app (both APIs, projection thread) on each real database, and
signed-in callers of each role."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from command_api.use_cases.accounts import Accounts
from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock


@pytest.fixture
def client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    container = bootstrap(settings, clock=clock, migrate=True)
    with TestClient(create_app(container), raise_server_exceptions=False) as test_client:
        yield test_client


PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def accounts_of(client: TestClient) -> Accounts:
    accounts: Accounts = client.app.state.container.accounts  # type: ignore[attr-defined]
    return accounts


def make_account(client: TestClient, role: str = "member", *, email: str | None = None,
                 name: str | None = None, password: str = PASSWORD) -> dict[str, Any]:
    """An account created through the write model directly (not over HTTP)."""
    email = email or f"{role}{next(_numbers)}@example.org"
    account, position = accounts_of(client).sign_up(
        email=email, password=password, name=name or f"{role.title()} {email.split('@')[0]}",
        role=role, actor="test")
    return {"id": str(account.id), "email": account.email, "name": account.name,
            "role": role, "password": password, "position": position}


def bearer(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Signs in over HTTP (OAuth2 password form) and returns the Authorization header."""
    response = client.post("/api/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def login(client: TestClient, role: str = "member", **account: Any) -> dict[str, str]:
    """A new account of `role`, signed in: its Authorization header."""
    made = make_account(client, role, **account)
    return bearer(client, made["email"], made["password"])


def fresh_token(client: TestClient, account_id: str) -> dict[str, str]:
    """An access token minted now (at the fake clock's time) for an existing account."""
    accounts = accounts_of(client)
    account = accounts.load(UUID(account_id))
    token = accounts.tokens.access_token(subject=account_id, role=account.role,
                                         session_version=account.session_version)
    return {"Authorization": f"Bearer {token}"}


def as_organizer(client: TestClient) -> dict[str, str]:
    """The one organizer of this client's tests (created on first use), who owns
    `create_event`'s events. A fresh token each call, so moving the clock never expires it."""
    state = client.app.state  # type: ignore[attr-defined]
    if not hasattr(state, "test_organizer"):
        state.test_organizer = make_account(client, "organizer", name="Olu Organizer")["id"]
    return fresh_token(client, state.test_organizer)


@pytest.fixture
def organizer(client: TestClient) -> dict[str, str]:
    return as_organizer(client)


@pytest.fixture
def admin(client: TestClient) -> dict[str, str]:
    return login(client, "admin")


@pytest.fixture
def member(client: TestClient) -> dict[str, str]:
    return login(client, "member")


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


def create_event(client: TestClient, clock: FakeClock, *, headers: dict[str, str] | None = None,
                 **overrides: Any) -> str:
    """An event organized by `headers`' account (default: `as_organizer(client)`)."""
    response = client.post("/api/events", json=event_body(clock, **overrides),
                           headers=headers or as_organizer(client))
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
