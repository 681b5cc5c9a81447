"""Security headers on every response, a stricter CSP for the UI than for the API docs, and CORS
closed unless origins are configured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock

ALWAYS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
          "x-frame-options": "DENY"}


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    ("GET", "/", {}),
    ("GET", "/api/events", {}),
    ("GET", "/api/me", {}),  # 401
    ("GET", "/api/nothing-here", {}),  # 404
    ("POST", "/api/events", {"content": b"x" * 1_000_001}),  # 413 from the size limit
    ("POST", "/api/auth/token", {"data": {"username": "a@b.org"}}),  # 422
    ("GET", "/api/openapi.json", {}),
])
def test_every_response_carries_the_security_headers(client: TestClient, method: str, path: str,
                                                     kwargs: dict[str, object]) -> None:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    for name, value in ALWAYS.items():
        assert response.headers[name] == value, (path, response.status_code)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize("path", ["/api/docs", "/api/redoc"])
def test_the_api_docs_may_run_their_inline_start(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline';" in csp and "frame-ancestors 'none'" in csp


def test_no_cross_origin_access_by_default(client: TestClient) -> None:
    preflight = client.options("/api/events", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    plain = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in plain.headers


@pytest.fixture
def cors_client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    configured = settings.model_copy(update={"cors_origins": ["https://ui.example"]})
    container = bootstrap(configured, clock=clock, migrate=True)
    with TestClient(create_app(container), raise_server_exceptions=False) as test_client:
        yield test_client


def test_configured_origins_are_allowed_and_others_not(cors_client: TestClient) -> None:
    preflight = cors_client.options("/api/events", headers={
        "Origin": "https://ui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://ui.example"
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    assert preflight.headers["x-content-type-options"] == "nosniff"
    response = cors_client.get("/api/events", headers={"Origin": "https://ui.example"})
    assert response.headers["access-control-allow-origin"] == "https://ui.example"
    assert "X-Position" in response.headers["access-control-expose-headers"]
    other = cors_client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_origins_come_from_a_comma_separated_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCONNECT_CORS_ORIGINS", "https://a.example, https://b.example")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.delenv("EVENTCONNECT_CORS_ORIGINS")
    assert Settings().cors_origins == []
