"""Statuses the app answers that generated requests do not reach (an over-limit body, a database
outage) are declared in the OpenAPI document too, so a client generated from it expects them.

Fast (not marked `fuzz`): each answer is provoked once for real, then looked up in the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from command_api.use_cases.accounts import Accounts
from eventconnect.app import MAX_BODY_BYTES, create_app
from eventconnect.bootstrap import bootstrap
from kernel.unavailable import DatabaseUnavailable
from tests.conftest import FakeClock, make_settings
from tests.e2e.conftest import assert_problem, create_event, login

# Probes for load balancers and monitors, not part of the client contract: they answer 200 or 503
# only (/metrics: 200 with `eventconnect_databases_up 0` while a database is away).
PROBES = {"/api/health", "/api/ready", "/metrics"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    clock = FakeClock()
    for settings in make_settings("sqlite", tmp_path):
        with TestClient(create_app(bootstrap(settings, clock=clock, migrate=True)),
                        raise_server_exceptions=False) as test_client:
            test_client.app.state.clock = clock  # type: ignore[attr-defined]
            yield test_client


def _operations(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    paths = client.get("/api/openapi.json").json()["paths"]
    return [(method.upper(), path, operation) for path, methods in paths.items()
            for method, operation in methods.items() if path not in PROBES]


def test_every_operation_with_a_body_declares_413_and_answers_it(client: TestClient) -> None:
    event_id = create_event(client, client.app.state.clock)  # type: ignore[attr-defined]
    admin = login(client, "admin")
    oversized = b"{" + b" " * MAX_BODY_BYTES + b"}"
    with_body = [(m, p, op) for m, p, op in _operations(client) if "requestBody" in op]
    assert len(with_body) >= 10
    for method, path, operation in with_body:
        url = path.replace("{event_id}", event_id).replace(
            "{user_id}", "00000000-0000-4000-8000-000000000000").replace(
            "{registration_id}", "00000000-0000-4000-8000-000000000000")
        response = client.request(method, url, content=oversized, headers={
            **admin, "Content-Type": "application/json"})
        assert_problem(response, 413, "payload_too_large")
        assert "413" in operation["responses"], f"{method} {path} answers 413 undeclared"


def test_every_operation_declares_503_and_a_database_outage_answers_it(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def away(*_: Any, **__: Any) -> Any:
        raise DatabaseUnavailable("the event store did not answer in time")

    monkeypatch.setattr(Accounts, "log_in", away)
    response = client.post("/api/auth/token", data={"username": "a@example.org", "password": "x"})
    assert_problem(response, 503, "unavailable")
    undeclared = [f"{method} {path}" for method, path, operation in _operations(client)
                  if "503" not in operation["responses"]]
    assert not undeclared, f"can answer 503 `unavailable`, not declared: {undeclared}"


def test_unknown_account_history_answers_a_declared_404(client: TestClient) -> None:
    # Found by tests/fuzz/test_openapi_fuzz.py as admin: the 404 was answered but not declared.
    response = client.get("/api/users/00000000-0000-4000-8000-000000000000/history",
                          headers=login(client, "admin"))
    assert_problem(response, 404, "not_found")
    responses = client.get("/api/openapi.json").json()["paths"]["/api/users/{user_id}/history"]
    assert "404" in responses["get"]["responses"]
