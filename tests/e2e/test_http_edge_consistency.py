"""Read-your-writes under load, against a real uvicorn server on loopback: clients waiting for a
position the read models never reach must not starve everybody else of the thread pool."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from anyio import to_thread
from fastapi import FastAPI

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import event_body

WAITERS = 100
TIMEOUT = 3.0  # the consistency timeout of these tests
# Long enough that a command stuck behind the waiters (as before: 6.3 s) is told apart from one
# delayed by a busy 2-core machine (CI runs this beside other suites).
STARVATION_TIMEOUT = 10.0


@dataclass
class Server:
    url: str
    app: FastAPI
    container: Container
    loop: asyncio.AbstractEventLoop

    def borrowed_threads(self) -> int:
        """Thread-pool tokens in use on the server's event loop right now."""

        async def borrowed() -> int:
            return int(to_thread.current_default_thread_limiter().borrowed_tokens)

        return asyncio.run_coroutine_threadsafe(borrowed(), self.loop).result(5)


def serve(app: FastAPI, container: Container) -> Iterator[Server]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on",
                            limit_concurrency=1000, backlog=1024)
    server = uvicorn.Server(config)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_until_complete, args=(server.serve(),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Server(f"http://127.0.0.1:{port}", app, container, loop)
    finally:
        server.should_exit = True
        thread.join(20)
        loop.close()


@pytest.fixture
def stalled(settings: Settings, clock: FakeClock,
            request: pytest.FixtureRequest) -> Iterator[Server]:
    """A server whose read models never move: no projection runner in this process or another."""
    timeout = getattr(request, "param", TIMEOUT)
    settings = settings.model_copy(update={"consistency_timeout": timeout})
    container = bootstrap(settings, clock=clock, migrate=True)
    yield from serve(create_app(container, projections="none"), container)


def organizer_headers(container: Container) -> dict[str, str]:
    account, _ = container.accounts.sign_up(email="olu@example.org", password="x" * 16,
                                            name="Olu", role="organizer", actor="test")
    token = container.accounts.tokens.access_token(
        subject=str(account.id), role=account.role, session_version=account.session_version)
    return {"Authorization": f"Bearer {token}"}


async def starve(server: Server, headers: dict[str, str], body: dict[str, Any],
                 unreachable: int) -> dict[str, Any]:
    """WAITERS anonymous GETs waiting for `unreachable`; meanwhile one POST /api/events."""
    limits = httpx.Limits(max_connections=WAITERS + 10, max_keepalive_connections=WAITERS + 10)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as client:
        waiting = [asyncio.create_task(client.get(
            "/api/events", headers={"X-Consistent-With": str(unreachable)}))
            for _ in range(WAITERS)]
        await asyncio.sleep(1.0)  # every waiter has arrived and is waiting
        borrowed = server.borrowed_threads()
        started = time.monotonic()
        created = await client.post("/api/events", json=body, headers=headers)
        took = time.monotonic() - started
        answers = await asyncio.gather(*waiting)
    return {"created": created, "took": took, "borrowed": borrowed, "answers": answers}


@pytest.mark.slow
@pytest.mark.parametrize("stalled", [STARVATION_TIMEOUT], indirect=True)
def test_waiting_clients_do_not_starve_commands(stalled: Server, clock: FakeClock) -> None:
    headers = organizer_headers(stalled.container)
    head = stalled.container.write_model.recorder.max_notification_id()
    assert head and stalled.container.runner.position() < head  # produced, never projected

    result = asyncio.run(starve(stalled, headers, event_body(clock), unreachable=head))

    assert result["created"].status_code == 201, result["created"].text
    assert result["took"] < 3.0, f"POST /api/events took {result['took']:.2f} s"
    # The waiters hold no thread: at most the poller's one short query is in a thread.
    assert result["borrowed"] <= 2, result["borrowed"]
    statuses = {r.status_code for r in result["answers"]}
    assert statuses == {503}, statuses
    assert result["answers"][0].json()["code"] == "not_yet_consistent"
    assert result["answers"][0].headers["Retry-After"] == "1"
    # The poller stops once nobody waits: at its next turn (every ~10 ms), which may come just
    # after the last answer reached this client.
    deadline = time.monotonic() + 2.0
    while stalled.app.state.consistency._poller is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert stalled.app.state.consistency._poller is None


@pytest.mark.parametrize("stalled", [STARVATION_TIMEOUT], indirect=True)
def test_a_position_beyond_the_head_is_refused_at_once(stalled: Server) -> None:
    head = stalled.container.write_model.recorder.max_notification_id() or 0
    started = time.monotonic()
    response = httpx.get(f"{stalled.url}/api/events",
                         headers={"X-Consistent-With": str(head + 1000)})
    # Not waited for: far below the 10 s it would wait (a busy CI machine took 1.2 s once).
    assert time.monotonic() - started < 3.0
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "unknown_position"


def test_a_reached_position_answers_and_a_projected_one_wakes_the_waiter(
        stalled: Server) -> None:
    """Positions the read models have processed answer at once; one processed while waiting
    wakes the request (here by running a catch-up, as a runner elsewhere would)."""
    organizer_headers(stalled.container)
    head = stalled.container.write_model.recorder.max_notification_id() or 0

    async def scenario() -> tuple[httpx.Response, float]:
        async with httpx.AsyncClient(base_url=stalled.url, timeout=30) as client:
            waiting = asyncio.create_task(client.get(
                "/api/events", headers={"X-Consistent-With": str(head)}))
            await asyncio.sleep(0.5)
            assert not waiting.done()
            await asyncio.to_thread(stalled.container.runner.catch_up)
            # Timed from the moment the runner has advanced: the catch-up itself may be slow
            # on a busy machine; what must be fast is the wake-up (not the next 10 ms poll
            # or the 3 s timeout).
            started = time.monotonic()
            response = await waiting
            return response, time.monotonic() - started

    response, took = asyncio.run(scenario())
    assert response.status_code == 200, response.text
    assert took < 0.5, f"woken {took:.2f} s after the catch-up"
    assert httpx.get(f"{stalled.url}/api/events",
                     headers={"X-Consistent-With": "0"}).status_code == 200
