"""The API process SIGKILLed while an Idempotency-Key claim is open: after a restart, a retry
with the same key runs the command once the claim's lease is over (not 409 forever)."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from eventconnect.settings import Settings
from tests.conftest import TEST_IDENTITY
from tests.serving import _call, _wait, kill_tree, open_event, server_env, serving

pytestmark = pytest.mark.slow
LEASE = 3


def _claims(settings: Settings) -> list[tuple[str, int | None]]:
    with sqlite3.connect(settings.data_dir / "read_models.sqlite") as conn:
        return conn.execute("SELECT key, status_code FROM idempotency_keys").fetchall()


def test_a_claim_left_by_a_killed_process_expires(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=None, **TEST_IDENTITY)
    # A long database wait keeps the first request in flight (claimed) until it is killed.
    env = server_env(settings, EVENTCONNECT_DB_TIMEOUT="20",
                     EVENTCONNECT_IDEMPOTENCY_LEASE_SECONDS=str(LEASE))
    guest = {"name": "Kim Crash", "email": "kim@crash.example"}
    key = {"Idempotency-Key": "crash-1"}
    with serving(env) as (url, server):
        path = f"/api/events/{open_event(url, seats=1)}/registrations"
        holder = sqlite3.connect(settings.event_store_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # the write waits on this lock
        lost = threading.Thread(target=_swallow, args=(url + path, guest, key), daemon=True)
        lost.start()
        try:
            assert _wait(lambda: _claims(settings)) == [("crash-1", None)]
            kill_tree(server, signal.SIGKILL)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert _claims(settings) == [("crash-1", None)]  # what the dead process left behind

    with serving(env) as (url, _):
        deadline, answers = time.monotonic() + LEASE + 15, []
        while time.monotonic() < deadline:
            status, body = _call(url + path, "POST", guest, key)
            answers.append((status, body.get("code")))
            if status != 409:
                break
            time.sleep(0.5)
        assert set(answers[:-1]) <= {(409, "idempotency_in_progress")}
        assert answers[-1][0] == 201, answers
        first = body
        status, replay = _call(url + path, "POST", guest, key)
        assert status == 201 and replay["registration_id"] == first["registration_id"]
        # Ran once: without the key it is a duplicate.
        status, duplicate = _call(url + path, "POST", guest)
        assert (status, duplicate["code"]) == (409, "already_registered")


def _swallow(url: str, body: dict, headers: dict[str, str]) -> None:
    """A request whose server dies under it."""
    try:
        _call(url, "POST", body, headers)
    except OSError:
        pass
