"""Every wait on a database that is not there is bounded by `db_timeout`, and what it raises is
recognised as an outage (503), on a PostgreSQL address where nothing listens."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.unavailable import is_unavailable
from tests.conftest import TEST_IDENTITY

TIMEOUT = 1.0


@pytest.fixture
def nowhere(tmp_path: Path) -> Settings:
    with socket.socket() as s:  # a port that was free a moment ago: connections are refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return Settings(data_dir=tmp_path, database_url=f"postgresql://postgres@127.0.0.1:{port}/x",
                    db_timeout=TIMEOUT, **TEST_IDENTITY)


def _fails_within(call: Callable[[], Any], seconds: float) -> BaseException:
    started = time.monotonic()
    with pytest.raises(Exception) as failure:  # which one: the callers check it is an outage
        call()
    assert time.monotonic() - started < seconds
    return failure.value


def test_starting_without_the_event_store_fails_after_one_bounded_wait(nowhere: Settings) -> None:
    # (Calls of a running app while the server is away: tests/faults/test_postgres_outage.py.)
    assert is_unavailable(_fails_within(lambda: build_write_model(nowhere), 3 * TIMEOUT))


def test_the_read_models_give_up_after_one_bounded_wait(nowhere: Settings) -> None:
    engine = build_read_engine(nowhere)

    def query() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    assert is_unavailable(_fails_within(query, 3 * TIMEOUT))
