"""WebSocket /api/live across processes: `eventconnect serve` (projector child) on a SQLite file,
and two API processes on one PostgreSQL, where a registration through one reaches a subscriber
of the other by LISTEN/NOTIFY alone (the safety-net poll is slowed to a minute)."""

from __future__ import annotations

import time
from contextlib import ExitStack

import httpx
import pytest
from websockets.sync.client import connect

from eventconnect.settings import Settings
from tests.e2e.test_live import SECOND, _seats_within, _subscribe
from tests.serving import migrate, open_event, server_env, server_log, serving

pytestmark = pytest.mark.slow


def _caught_up(url: str) -> None:
    """Waits until the read models have processed the whole store (a fresh `serve` projects its
    demo data, and the notifier's reactions to it, for a few seconds after it answers)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready = httpx.get(f"{url}/api/ready").json()
        if ready.get("read_models") and all(m["lag"] == 0 for m in ready["read_models"]):
            return
        time.sleep(0.2)
    pytest.fail("the read models did not catch up")


def test_a_registration_through_one_server_reaches_a_subscriber_of_another(
        settings: Settings) -> None:
    # No safety-net poll to speak of: the commit's wake-up (SQLite) or NOTIFY (PostgreSQL) must.
    env = server_env(settings, EVENTCONNECT_LIVE_POLL_SECONDS="60")
    if settings.database_url:
        migrate(env)
    with ExitStack() as servers:
        url_a, _ = servers.enter_context(serving(env))
        # SQLite: one process serves (the store file is the process's); PostgreSQL: two.
        url_b = servers.enter_context(serving(env))[0] if settings.database_url else url_a
        _caught_up(url_a)
        event_id = open_event(url_a, seats=2)
        with connect(url_b.replace("http://", "ws://") + "/api/live") as ws:
            before = _subscribe(ws, event_id)
            # The promise is for a server in service: the first command after a start pays
            # one-time costs (measured here: 60-220 ms more than the next ones on a loaded
            # 2-core machine). One registration first, then the one that is timed.
            for n, guest in enumerate(("warm-up", "across"), start=1):
                started = time.monotonic()
                answer = httpx.post(f"{url_a}/api/events/{event_id}/registrations",
                                    json={"name": guest.title(), "email": f"{guest}@example.org"})
                assert answer.status_code == 201, answer.text
                try:
                    _seats_within(ws, SECOND, answer.json()["position"],
                                  confirmed_count=before["confirmed_count"] + n)
                except pytest.fail.Exception as failure:
                    if guest == "warm-up":
                        continue  # measured below, on the registration after it
                    pytest.fail(f"{failure}\nthe servers' last log lines:\n{server_log(env)}")
            assert time.monotonic() - started < SECOND
