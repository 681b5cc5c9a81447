"""No response and no log line ever contains a password or a password hash."""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from command_api.domain.account import account_id_for
from tests.conftest import FakeClock
from tests.e2e.conftest import accounts_of, create_event, login

PASSWORD = "Zebra-Quartz-Melody-4471"
NEW_PASSWORD = "Walrus-Violet-Anthem-9902"
WEAK = "password2025!"


def test_passwords_and_hashes_never_leave_the_server(client: TestClient, clock: FakeClock,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[Any] = []

    def call(method: str, url: str, **kwargs: Any) -> Any:
        response = client.request(method, url, **kwargs)
        seen.append(response)
        return response

    email = "leak-check@example.org"
    call("POST", "/api/auth/signup", json={"email": email, "password": WEAK, "name": "L"})
    call("POST", "/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "L"})
    call("POST", "/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "L"})
    call("POST", "/api/auth/token", data={"username": email, "password": "wrong " + PASSWORD})
    call("POST", "/api/auth/token", data={"username": "nobody@x.org", "password": PASSWORD})
    pair = call("POST", "/api/auth/token", data={"username": email, "password": PASSWORD}).json()
    me = {"Authorization": f"Bearer {pair['access_token']}"}
    call("GET", "/api/me", headers=me)
    call("PATCH", "/api/me", headers=me, json={"name": "Leak Check"})
    call("PUT", "/api/me/password", headers=me,
         json={"current_password": "wrong " + PASSWORD, "new_password": NEW_PASSWORD})
    call("PUT", "/api/me/password", headers=me,
         json={"current_password": PASSWORD, "new_password": WEAK})
    fresh = call("PUT", "/api/me/password", headers=me,
                 json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}).json()
    call("POST", "/api/auth/refresh", json={"refresh_token": fresh["refresh_token"]})
    event_id = create_event(client, clock)
    member = {"Authorization": f"Bearer {fresh['access_token']}"}
    registered = call("POST", f"/api/events/{event_id}/registrations", headers=member, json={})
    admin = login(client, "admin")
    position = {"X-Consistent-With": registered.headers["X-Position"]}
    user_id = account_id_for(email)
    call("GET", "/api/users", headers={**admin, **position})
    call("GET", f"/api/users/{user_id}/history", headers=admin)
    call("GET", f"/api/events/{event_id}/history", headers=admin)
    call("GET", f"/api/events/{event_id}/attendees", headers=admin)
    call("GET", "/api/openapi.json")
    for _ in range(6):  # into the rate limit
        call("POST", "/api/auth/token", data={"username": email, "password": PASSWORD})

    account = accounts_of(client).load(UUID(str(user_id)))
    hashes = [e.password_hash for e in accounts_of(client).app.repository.event_store.get(user_id)
              if hasattr(e, "password_hash")]
    assert len(hashes) == 2 and account.password_hash == hashes[-1]
    secrets = [PASSWORD, NEW_PASSWORD, WEAK, *hashes]
    for response in seen:
        text = response.text + " ".join(f"{k}: {v}" for k, v in response.headers.items())
        for secret in secrets:
            assert secret not in text, (response.request.url, secret[:6])
        assert "$2b$" not in text and "password_hash" not in text
    log_text = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args}" for r in caplog.records)
    assert caplog.records, "the flow should have logged something to check"
    for secret in secrets:
        assert secret not in log_text
    assert "$2b$" not in log_text
