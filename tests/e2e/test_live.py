"""WebSocket /api/live with a real client (`websockets`) against a real uvicorn server on
loopback, on a SQLite file and on PostgreSQL: seat counts within 1 s of each change, unsubscribe,
bad tokens, bad messages, inbox items. Across processes: test_live_processes.py."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from projections import tables
from query_api import live as live_module
from tests.conftest import FakeClock
from tests.e2e.conftest import PASSWORD, event_body
from tests.serving import _free_port

SECOND = 1.0  # the promise: a change reaches subscribers within this


@dataclass
class LiveServer:
    url: str
    http: httpx.Client
    container: Container
    clock: FakeClock

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/api/live"

    def token(self, role: str = "member", email: str | None = None) -> tuple[str, str]:
        """(account id, access token) of a new account."""
        email = email or f"{role}-{time.monotonic_ns()}@example.org"
        account, _ = self.container.accounts.sign_up(
            email=email, password=PASSWORD, name=f"{role.title()} Person", role=role, actor="test")
        token = self.container.accounts.tokens.access_token(
            subject=str(account.id), role=role, session_version=account.session_version)
        return str(account.id), token

    def create_event(self, organizer: str, **overrides: Any) -> str:
        answer = self.http.post("/api/events", json=event_body(self.clock, **overrides),
                                headers={"Authorization": f"Bearer {organizer}"})
        assert answer.status_code == 201, answer.text
        created = answer.json()
        # Subscribing reads the catalogue: wait until it has the new event.
        seen = self.http.get(f"/api/events/{created['id']}", headers={
            "Authorization": f"Bearer {organizer}",
            "X-Consistent-With": str(created["position"])})
        assert seen.status_code == 200, seen.text
        return str(created["id"])

    def register(self, event_id: str, n: int, token: str | None = None) -> dict[str, Any]:
        # A member registers as themselves (an empty body); anyone else as a guest.
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {} if token else {"name": f"Guest {n}", "email": f"guest{n}@example.org"}
        answer = self.http.post(f"/api/events/{event_id}/registrations", headers=headers,
                                json=body)
        assert answer.status_code == 201, answer.text
        body: dict[str, Any] = answer.json()
        return body


@pytest.fixture
def server(settings: Settings, clock: FakeClock) -> Iterator[LiveServer]:
    """The app (projection thread, notifier, live hub) served by uvicorn in a thread here. The
    hub's safety-net poll is slowed to a minute: the commits' wake-ups alone must deliver."""
    container = bootstrap(settings.model_copy(update={"live_poll_seconds": 60.0}), clock=clock,
                          migrate=True)
    port = _free_port()
    config = uvicorn.Config(create_app(container, notifications=True), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=10) as http:
        try:
            yield LiveServer(url, http, container, clock)
        finally:
            uv.should_exit = True
            thread.join(20)
            container.read_engine.dispose()


def _receive(ws: ClientConnection, timeout: float = 5.0) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
    return message


def _reply(ws: ClientConnection) -> dict[str, Any]:
    """The next message that is not a seat update (the hub may push any subscribed event's
    state again, e.g. in the cycle after its subscription)."""
    while (message := _receive(ws))["type"] == "seats":
        pass
    return message


def _subscribe(ws: ClientConnection, event_id: str) -> dict[str, Any]:
    """Subscribes; the event's first seats message, or the error."""
    ws.send(json.dumps({"subscribe": f"event:{event_id}"}))
    while True:
        message = _receive(ws)
        if message["type"] != "seats" or message["event_id"] == event_id:
            return message


def _seats_within(ws: ClientConnection, seconds: float, position: int,
                  **expected: Any) -> dict[str, Any]:
    """The first seats message as of `position` or later, which must match `expected`; fails if
    none arrives within `seconds`."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = _receive(ws, left)
        except TimeoutError:
            break
        if message["type"] == "seats" and message["position"] >= position:
            assert {k: message[k] for k in expected} == expected, message
            return message
    pytest.fail(f"no seats message as of position {position} within {seconds} s")


def test_subscriber_sees_each_registration_within_a_second(server: LiveServer) -> None:
    _, organizer = server.token("organizer")
    event_id = server.create_event(organizer, capacity=2)
    with connect(server.ws_url) as ws:
        first = _subscribe(ws, event_id)
        assert first == {"type": "seats", "event_id": event_id, "status": "published",
                         "confirmed_count": 0, "capacity": 2, "seats_left": 2,
                         "waitlist_length": 0, "position": first["position"]}
        for n, (confirmed, waitlisted) in enumerate([(1, 0), (2, 0), (2, 1)], start=1):
            started = time.monotonic()
            admitted = server.register(event_id, n)
            _seats_within(ws, SECOND, admitted["position"], confirmed_count=confirmed,
                          waitlist_length=waitlisted, seats_left=2 - confirmed)
            assert time.monotonic() - started < SECOND


def test_connections_are_counted(server: LiveServer) -> None:
    hub = server.container.live
    assert hub is not None
    with connect(server.ws_url), connect(server.ws_url):
        assert len(hub.connections) == 2
    deadline = time.monotonic() + 5
    while hub.connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(hub.connections) == 0


def test_unsubscribe_stops_the_updates(server: LiveServer) -> None:
    _, organizer = server.token("organizer")
    event_id = server.create_event(organizer, capacity=5)
    other_id = server.create_event(organizer, capacity=5)
    with connect(server.ws_url) as ws:
        _subscribe(ws, event_id)
        _subscribe(ws, other_id)
        ws.send(json.dumps({"unsubscribe": f"event:{event_id}"}))
        assert _reply(ws) == {"type": "unsubscribed", "topic": f"event:{event_id}"}
        server.register(event_id, 1)
        server.register(other_id, 2)
        # The other event's update arrives; none for the one unsubscribed, before or after it.
        seen = []
        deadline = time.monotonic() + 2 * SECOND
        while (left := deadline - time.monotonic()) > 0:
            try:
                seen.append(_receive(ws, left))
            except TimeoutError:
                break
        assert {m["event_id"] for m in seen} == {other_id}
        assert seen[-1]["confirmed_count"] == 1


@pytest.mark.parametrize("token", ["not-a-token", "x" * 5000])
def test_a_bad_token_closes_with_4401(server: LiveServer, token: str) -> None:
    with connect(f"{server.ws_url}?token={token}") as ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_a_token_of_an_ended_session_closes_with_4401(server: LiveServer) -> None:
    _, token = server.token("member")
    answer = server.http.put("/api/me/password", headers={"Authorization": f"Bearer {token}"},
                             json={"current_password": PASSWORD,
                                   "new_password": "another horse battery staple"})
    assert answer.status_code == 200, answer.text
    with connect(f"{server.ws_url}?token={token}") as ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_a_member_token_is_accepted(server: LiveServer) -> None:
    _, organizer = server.token("organizer")
    event_id = server.create_event(organizer)
    _, token = server.token("member")
    with connect(f"{server.ws_url}?token={token}") as ws:
        assert _subscribe(ws, event_id)["type"] == "seats"


@pytest.mark.parametrize(("message", "code"), [
    ("not json", "invalid_json"),
    ("[1, 2]", "invalid_message"),
    ('{"subscribe": "event:1", "unsubscribe": "event:2"}', "invalid_message"),
    ('{"publish": "event:00000000-0000-0000-0000-000000000000"}', "invalid_message"),
    ('{"subscribe": 42}', "invalid_topic"),
    ('{"subscribe": "member:me"}', "invalid_topic"),
    ('{"subscribe": "event:not-a-uuid\\u0000"}', "invalid_topic"),
    ('{"subscribe": "event:00000000-0000-0000-0000-000000000000"}', "not_found"),
    (json.dumps({"subscribe": "event:" + "a" * 2000}), "message_too_large"),
])
def test_bad_messages_get_an_error_and_the_connection_stays(
        server: LiveServer, message: str, code: str) -> None:
    _, organizer = server.token("organizer")
    event_id = server.create_event(organizer)
    with connect(server.ws_url) as ws:
        ws.send(message)
        error = _receive(ws)
        assert error["type"] == "error" and error["code"] == code and error["detail"]
        assert _subscribe(ws, event_id)["type"] == "seats"  # still serving


def test_binary_messages_are_refused(server: LiveServer) -> None:
    with connect(server.ws_url) as ws:
        ws.send(b'{"subscribe": "event:x"}')
        assert _receive(ws)["code"] == "invalid_message"


def test_a_draft_is_only_its_organizers(server: LiveServer) -> None:
    _, organizer = server.token("organizer")
    draft = server.create_event(organizer, publish=False)
    _, stranger = server.token("member")
    for token in (None, stranger):
        url = server.ws_url + (f"?token={token}" if token else "")
        with connect(url) as ws:
            assert _subscribe(ws, draft)["code"] == "not_found"
    with connect(f"{server.ws_url}?token={organizer}") as ws:
        assert _subscribe(ws, draft)["status"] == "draft"


def test_subscriptions_per_connection_are_bounded(server: LiveServer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live_module, "MAX_SUBSCRIPTIONS", 2)
    _, organizer = server.token("organizer")
    ids = [server.create_event(organizer) for _ in range(3)]
    with connect(server.ws_url) as ws:
        assert _subscribe(ws, ids[0])["type"] == "seats"
        assert _subscribe(ws, ids[1])["type"] == "seats"
        assert _subscribe(ws, ids[1])["type"] == "seats"  # again: not a new subscription
        assert _subscribe(ws, ids[2])["code"] == "too_many_subscriptions"
        ws.send(json.dumps({"unsubscribe": f"event:{ids[0]}"}))
        assert _reply(ws)["type"] == "unsubscribed"
        assert _subscribe(ws, ids[2])["type"] == "seats"


def test_a_flood_of_messages_is_rate_limited(server: LiveServer) -> None:
    with connect(server.ws_url) as ws:
        for _ in range(int(live_module.MESSAGE_BURST) + 20):
            ws.send("[]")
        codes = set()
        while len(codes) < 2:
            codes.add(_receive(ws)["code"])
        assert codes == {"invalid_message", "rate_limited"}


@pytest.mark.skipif(not hasattr(tables, "inbox"),
                    reason="the inbox read model (helper H2, projections/inbox.py) is not there yet")
def test_a_member_receives_their_own_inbox_items(server: LiveServer) -> None:
    _, organizer = server.token("organizer")
    event_id = server.create_event(organizer, capacity=5)
    _, token = server.token("member")
    _, other = server.token("member")
    with connect(f"{server.ws_url}?token={token}") as mine, \
            connect(f"{server.ws_url}?token={other}") as theirs:
        time.sleep(0.3)  # the hub's cycle sees both connections before the commit
        server.register(event_id, 1, token=token)
        deadline = time.monotonic() + 5
        while True:
            message = _receive(mine, max(0.01, deadline - time.monotonic()))
            if message["type"] == "notification":
                break
        assert message["kind"] == "registration_confirmed"
        assert message["event_id"] == event_id and message["read"] is False
        assert {"id", "title", "body", "created_at"} <= message.keys()
        with pytest.raises(TimeoutError):
            _receive(theirs, 1.0)


def test_poison_values_in_messages_get_errors_never_a_crash(server: LiveServer) -> None:
    from tests.integration.poison_cases import EXPANDING, TEXT_VALUES

    _, organizer = server.token("organizer")
    event_id = server.create_event(organizer)
    values = [*TEXT_VALUES, *(c * 300 for c in EXPANDING), 10**400, -1, 1.5, None, True,
              [], {}, {"nested": ["x"]}]
    with connect(server.ws_url) as ws:
        for n, value in enumerate(values):
            for message in ({"subscribe": value}, {"unsubscribe": value},
                            {"subscribe": f"event:{value}"}, {str(value): f"event:{event_id}"}):
                ws.send(json.dumps(message))
                answer = _receive(ws)
                assert answer["type"] == "error", (message, answer)
            if n % 10 == 9:
                time.sleep(1.5)  # stay under the rate limit, which is not what this sweeps
        assert _subscribe(ws, event_id)["type"] == "seats"


@pytest.mark.parametrize("token", ["", "\x00", "a.b.c", "Bearer x", "%00", "ß" * 300])
def test_poison_tokens_close_with_4401(server: LiveServer, token: str) -> None:
    from urllib.parse import quote

    with connect(f"{server.ws_url}?token={quote(token)}") as ws, \
            pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
