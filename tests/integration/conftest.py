"""Fixtures of the integration tests: a bootstrapped container and an HTTP client on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import query_api.routes
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.problems import install_problem_handlers
from eventconnect.settings import Settings
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
    """The query API alone, assembled the way the app factory does it."""
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(query_api.routes.router)
    app.state.container = container
    with TestClient(app) as client:
        yield client
