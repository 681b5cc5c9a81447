"""A fresh app with some data in it, for Schemathesis to drive through its own OpenAPI document.

Schemathesis talks to the app in-process (ASGI) and runs its lifespan itself, so the projection
thread runs as under `eventconnect serve`. Path parameters are swapped, part of the time, for ids
that exist (a published event, a draft, a cancelled one, registrations, accounts), so the answers
are not only 404s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis.python import asgi

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, create_event, fresh_token, make_account, register

# `stale`: a bearer token the app did not sign (expired, revoked or forged all answer alike).
ROLES = ("anonymous", "stale", "member", "organizer", "admin")
STALE = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl"}

# Generation per operation: Schemathesis' examples, coverage (boundary values, missing and wrong
# types) and fuzzing phases, valid and invalid data. max-examples bounds the fuzzing phase only.
CONFIG = """
[generation]
mode = "all"
max-examples = 15
[phases.stateful]
enabled = false
"""


@dataclass
class World:
    """The app under test, what was seeded into it, and a bearer header per signed-in role."""

    app: Any
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    guest_token: str = ""
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def _seed(app: Any, clock: FakeClock) -> World:
    world = World(app=app)
    with asgi.get_client(app) as client:
        organizer = as_organizer(client)  # type: ignore[arg-type]
        organizer_id = client.app.state.test_organizer  # type: ignore[attr-defined]
        member = make_account(client, "member")  # type: ignore[arg-type]
        admin = make_account(client, "admin")  # type: ignore[arg-type]
        published = create_event(client, clock, capacity=5)  # type: ignore[arg-type]
        draft = create_event(client, clock, title="Draft plans", publish=False)  # type: ignore[arg-type]
        cancelled = create_event(client, clock, title="Rained off")  # type: ignore[arg-type]
        answer = client.post(f"/api/events/{cancelled}/cancel", json={"reason": "weather"},
                             headers=organizer)
        assert answer.status_code == 200, answer.text
        member_headers = fresh_token(client, member["id"])  # type: ignore[arg-type]
        answer = client.post(f"/api/events/{published}/registrations", json={},
                             headers=member_headers)
        assert answer.status_code == 201, answer.text
        guest = register(client, published, 1)  # type: ignore[arg-type]
        world.headers = {"anonymous": {}, "stale": STALE, "member": member_headers, "organizer": organizer,
                         "admin": fresh_token(client, admin["id"])}  # type: ignore[arg-type]
    world.ids = {
        "event_id": [published, draft, cancelled],
        "registration_id": [answer.json()["registration_id"], guest["registration_id"]],
        # Not the admin: an admin run that deactivated itself would test nothing after that.
        "user_id": [member["id"], organizer_id],
    }
    world.guest_token = guest["cancel_token"]
    return world


def _hook_known_ids(schema: Any, world: World) -> None:
    @schema.hook  # type: ignore[untyped-decorator]
    def flatmap_path_parameters(_: Any, path_parameters: dict[str, Any] | None) -> st.SearchStrategy:
        if not path_parameters:
            return st.just(path_parameters)
        return st.fixed_dictionaries({
            name: st.sampled_from([value, *world.ids.get(name, [])])
            for name, value in path_parameters.items()})

    @schema.hook  # type: ignore[untyped-decorator]
    def flatmap_query(_: Any, query: dict[str, Any] | None) -> st.SearchStrategy:
        if not query or "token" not in query:
            return st.just(query)
        return st.sampled_from([query, {**query, "token": world.guest_token}])


@pytest.fixture(params=ROLES)
def role(request: pytest.FixtureRequest) -> str:
    """Who calls: no token, a token the app did not sign, or a seeded account of that role."""
    return str(request.param)


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    # A short read-your-writes wait: a generated X-Consistent-With that the read models have not
    # reached yet would otherwise hold its request for the default 5 s.
    settings = settings.model_copy(update={"consistency_timeout": 0.2})
    clock = FakeClock()
    app = create_app(bootstrap(settings, clock=clock, migrate=True))
    try:
        yield _seed(app, clock)
    finally:
        # Stops the projection thread the lifespan started (Schemathesis keeps lifespans open).
        asgi.shutdown_lifespans()


@pytest.fixture
def api_schema(world: World, role: str) -> Any:
    """The document as the app serves it. `role` is asked for here so that pytest parametrizes the
    Schemathesis test by it (the test's own signature is hidden behind Schemathesis' wrapper)."""
    config = schemathesis.config.SchemathesisConfig.from_str(CONFIG)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", world.app, config=config)
    _hook_known_ids(schema, world)
    return schema
