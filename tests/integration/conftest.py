"""Fixtures of the integration tests: a bootstrapped container and an HTTP client on it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import query_api.routes
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel.problems import install_problem_handlers
from tests.conftest import FakeClock


@pytest.fixture
def container(settings: Settings, clock: FakeClock) -> Iterator[Container]:
    """The real composition root on a fresh database; tests call `runner.catch_up()`."""
    container = bootstrap(settings, clock=clock, migrate=True)
    yield container
    container.runner.stop()
    container.write_model.close()
    container.read_engine.dispose()


@pytest.fixture
def client(container: Container) -> Iterator[TestClient]:
    """The query API alone, assembled the way the app factory does it, called by an admin (who
    may read every event's attendees and history)."""
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(query_api.routes.router)
    app.state.container = container
    admin, _ = container.accounts.sign_up(email="admin@example.org", password="correct horse battery",
                                          name="Ada Admin", role="admin", actor="test")
    with TestClient(app) as client:
        client.auth = FreshToken(container, str(admin.id))
        yield client


class FreshToken(httpx.Auth):
    """Signs each request with a token minted at the fake clock's *current* time, so tests that
    move the clock by days never hold an expired one."""

    def __init__(self, container: Container, account_id: str) -> None:
        self.container = container
        self.account_id = account_id

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        token = self.container.accounts.tokens.access_token(subject=self.account_id,
                                                            role="admin", session_version=0)
        request.headers["Authorization"] = f"Bearer {token}"
        yield request
