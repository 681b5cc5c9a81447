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

    def call(method: str, url: str, expect: int | set[int], **kwargs: Any) -> Any:
        # Each step must do what it is there for: a sweep of refused requests would prove nothing.
        response = client.request(method, url, **kwargs)
        allowed = expect if isinstance(expect, set) else {expect}
        assert response.status_code in allowed, (method, url, response.status_code, response.text)
        seen.append(response)
        return response

    email = "leak-check@example.org"
    call("POST", "/api/auth/signup", 422, json={"email": email, "password": WEAK, "name": "L"})
    call("POST", "/api/auth/signup", 201, json={"email": email, "password": PASSWORD, "name": "L"})
    call("POST", "/api/auth/signup", 409, json={"email": email, "password": PASSWORD, "name": "L"})
    call("POST", "/api/auth/token", 401, data={"username": email, "password": "wrong " + PASSWORD})
    call("POST", "/api/auth/token", 401, data={"username": "nobody@x.org", "password": PASSWORD})
    pair = call("POST", "/api/auth/token", 200,
                data={"username": email, "password": PASSWORD}).json()
    me = {"Authorization": f"Bearer {pair['access_token']}"}
    call("GET", "/api/me", 200, headers=me)
    call("PATCH", "/api/me", 200, headers=me, json={"name": "Leak Check"})
    call("PUT", "/api/me/password", 401, headers=me,
         json={"current_password": "wrong " + PASSWORD, "new_password": NEW_PASSWORD})
    call("PUT", "/api/me/password", 422, headers=me,
         json={"current_password": PASSWORD, "new_password": WEAK})
    fresh = call("PUT", "/api/me/password", 200, headers=me,
                 json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}).json()
    call("POST", "/api/auth/refresh", 200, json={"refresh_token": fresh["refresh_token"]})
    event_id = create_event(client, clock)
    member = {"Authorization": f"Bearer {fresh['access_token']}"}
    registered = call("POST", f"/api/events/{event_id}/registrations", 201, headers=member,
                      json={})
    admin = login(client, "admin")
    position = {"X-Consistent-With": registered.headers["X-Position"]}
    user_id = account_id_for(email)
    call("GET", "/api/users", 200, headers={**admin, **position})
    call("GET", f"/api/users/{user_id}/history", 200, headers=admin)
    call("GET", f"/api/events/{event_id}/history", 200, headers=admin)
    call("GET", f"/api/events/{event_id}/attendees", 200, headers=admin)
    call("GET", "/api/openapi.json", 200)
    limited = [call("POST", "/api/auth/token", {401, 429},  # the old password, into the limit
                    data={"username": email, "password": PASSWORD}) for _ in range(6)]
    assert limited[-1].status_code == 429

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
