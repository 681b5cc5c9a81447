"""Shared fixtures: a fake clock and the same tests on a real SQLite file and a real PostgreSQL.

PostgreSQL tests run when EVENTCONNECT_TEST_POSTGRES_URL names a server (CI sets it). They skip
only when it is unset; a configured server that cannot be reached fails the tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from eventconnect.settings import Settings

POSTGRES_URL = os.environ.get("EVENTCONNECT_TEST_POSTGRES_URL", "")
# CI sets this so that a missing PostgreSQL configuration fails instead of skipping.
REQUIRE_POSTGRES = os.environ.get("EVENTCONNECT_REQUIRE_POSTGRES") == "1"


class FakeClock:
    """A clock tests move by hand; the domain never reads the real time."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2030, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _postgres_database() -> Iterator[str]:
    name = f"ec_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(POSTGRES_URL, autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        base = POSTGRES_URL.rsplit("/", 1)[0]
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# bcrypt at cost 4 keeps tests fast; tests/unit/test_security.py checks production uses >= 12.
TEST_IDENTITY = {"jwt_secret": "test-secret-" + "x" * 40, "bcrypt_rounds": 4,
                 # Tests register many guests from 127.0.0.1; the limit's own tests lower it.
                 "guest_registration_limit": "off"}
# The same for servers started as processes (tests/serving.py passes os.environ on).
os.environ.setdefault("EVENTCONNECT_GUEST_REGISTRATION_LIMIT", "off")


def make_settings(kind: str, tmp_path: Path) -> Iterator[Settings]:
    if kind == "sqlite":
        yield Settings(data_dir=tmp_path / "var", database_url=None, **TEST_IDENTITY)
        return
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("EVENTCONNECT_REQUIRE_POSTGRES=1 but EVENTCONNECT_TEST_POSTGRES_URL is unset")
        pytest.skip("EVENTCONNECT_TEST_POSTGRES_URL is not set")
    for url in _postgres_database():
        yield Settings(data_dir=tmp_path / "var", database_url=url, **TEST_IDENTITY)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a fresh, empty database of each kind."""
    yield from make_settings(request.param, tmp_path)
