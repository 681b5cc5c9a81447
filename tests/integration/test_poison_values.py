"""No input may stop a read model: every string and instant field of every command, and every
query parameter, is swept with poison values (NUL and other controls, lone surrogates,
noncharacters, maximum lengths of characters that case-folding expands, instants at and past
the representable range).

Each value is refused with a 4xx problem+json, or accepted; either way no 500. After each value
that wrote to the store, and once per field, a canary (a new event, a guest registration, a
sign-up) must reach EVERY read model: all tracking rows at the store's head, no recorded failure,
the canary's rows present. One app per database; the fields come from the OpenAPI document.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel.tickets import ticket_code
from projections.failures import failures
from projections.tables import attendees, events, tracking, users
from tests.conftest import FakeClock
from tests.e2e.conftest import PASSWORD, as_organizer, event_body, fresh_token, make_account
from tests.integration.poison_cases import (
    INSTANT_VALUES,
    TEXT_VALUES,
    Field,
    command_fields,
    must_refuse,
    query_parameters,
    values_for,
)

_unique = itertools.count(1)
LATE_END = "8999-12-31T23:59:59+00:00"


@pytest.fixture
def client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    # Hundreds of sign-ups from one test address: the per-address limit would refuse them.
    settings = settings.model_copy(update={"signups_per_address_per_hour": 1_000_000})
    container = bootstrap(settings, clock=clock, migrate=True)
    with TestClient(create_app(container, projections="none"),
                    raise_server_exceptions=False) as test_client:
        yield test_client
    container.write_model.close()
    container.read_engine.dispose()


def container_of(client: TestClient) -> Container:
    return client.app.state.container  # type: ignore[attr-defined,no-any-return]


def send(client: TestClient, method: str, path: str, body: Any,
         headers: dict[str, str] | None = None) -> Any:
    # json.dumps escapes a lone surrogate as \ud800, the way a JavaScript client sends one.
    return client.request(method, path, content=json.dumps(body),
                          headers={"Content-Type": "application/json", **(headers or {})})


def new_event(client: TestClient, clock: FakeClock, **overrides: Any) -> str:
    response = send(client, "POST", "/api/events", event_body(clock, capacity=100_000,
                                                              **overrides),
                    as_organizer(client))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def unique_email() -> str:
    return f"p{next(_unique)}@example.org"


class Baselines:
    """A valid request for each command route: (path, body, headers)."""

    def __init__(self, client: TestClient, clock: FakeClock) -> None:
        self.client, self.clock = client, clock
        self.target = new_event(client, clock)  # patched and registered for again and again
        self.member = make_account(client, "member")
        self.routes: dict[tuple[str, str], Callable[[], tuple[str, dict[str, Any],
                                                              dict[str, str]]]] = {
            ("POST", "/api/events"): lambda: (
                "/api/events", event_body(clock), as_organizer(client)),
            ("PATCH", "/api/events/{event_id}"): lambda: (
                f"/api/events/{self.target}", {}, as_organizer(client)),
            ("POST", "/api/events/{event_id}/cancel"): lambda: (
                f"/api/events/{new_event(client, clock)}/cancel", {"reason": "rain"},
                as_organizer(client)),
            ("POST", "/api/events/{event_id}/registrations"): lambda: (
                f"/api/events/{self.target}/registrations",
                {"name": "Guest", "email": unique_email()}, {}),
            ("POST", "/api/auth/signup"): lambda: (
                "/api/auth/signup", {"email": unique_email(), "password": PASSWORD,
                                     "name": "New Member"}, {}),
            ("PATCH", "/api/me"): lambda: (
                "/api/me", {}, fresh_token(client, self.member["id"])),
            ("PUT", "/api/me/password"): self._password_change,
            ("POST", "/api/auth/refresh"): lambda: (
                "/api/auth/refresh", {"refresh_token": "not-a-token"}, {}),
            ("POST", "/api/auth/logout"): lambda: (
                "/api/auth/logout", {"refresh_token": "not-a-token"}, {}),
        }
        self._rating_routes()
        self._email_link_routes()
        self._series_routes()
        self._door_routes()

    def _password_change(self) -> tuple[str, dict[str, Any], dict[str, str]]:
        account = make_account(self.client, "member")  # a change ends the account's sessions
        return ("/api/me/password", {"current_password": PASSWORD,
                                     "new_password": "another fine passphrase 9"},
                fresh_token(self.client, account["id"]))

    def _rating_routes(self) -> None:
        """Ratings (H1): an event that has just started, rated by a member and a guest, so
        comments and reasons that pass the edge reach the read models."""
        client, clock = self.client, self.clock
        starts = clock.now + timedelta(minutes=1)
        rated = new_event(client, clock, starts_at=starts.isoformat(),
                          ends_at=(starts + timedelta(hours=2)).isoformat())
        rater = make_account(client, "member")
        joined = send(client, "POST", f"/api/events/{rated}/registrations", {},
                      fresh_token(client, rater["id"]))
        guest = send(client, "POST", f"/api/events/{rated}/registrations",
                     {"name": "Rating Guest", "email": unique_email()}).json()
        assert joined.status_code == 201, joined.text
        clock.advance(minutes=2)
        rating_id = send(client, "PUT", f"/api/events/{rated}/ratings/me",
                         {"score": 4, "comment": "Fine"},
                         fresh_token(client, rater["id"])).json()["rating_id"]
        guest_query = (f"registration_id={guest['registration_id']}&"
                       f"token={guest['cancel_token']}")

        def hide() -> tuple[str, dict[str, Any], dict[str, str]]:
            # Shown again first, so every reason meets a visible comment (409 otherwise).
            send(client, "POST", f"/api/events/{rated}/ratings/{rating_id}/unhide", {},
                 as_organizer(client))
            return (f"/api/events/{rated}/ratings/{rating_id}/hide", {"reason": "rude"},
                    as_organizer(client))

        self.routes.update({
            ("PUT", "/api/events/{event_id}/ratings/me"): lambda: (
                f"/api/events/{rated}/ratings/me", {"score": 3},
                fresh_token(client, rater["id"])),
            ("PUT", "/api/events/{event_id}/ratings/guest"): lambda: (
                f"/api/events/{rated}/ratings/guest?{guest_query}", {"score": 5}, {}),
            ("POST", "/api/events/{event_id}/ratings/{rating_id}/hide"): hide,
        })

    def _email_link_routes(self) -> None:
        """The forgotten-password routes (H5): a reset asked for a real account (its email is
        sent), and a confirmation whose token is unknown (409, so nothing is written)."""
        self.routes.update({
            ("POST", "/api/auth/password-reset"): lambda: (
                "/api/auth/password-reset", {"email": self.member["email"]}, {}),
            ("POST", "/api/auth/password-reset/confirm"): lambda: (
                "/api/auth/password-reset/confirm",
                {"token": "0" * 32 + ".unknown", "new_password": "another fine passphrase 9"},
                {}),
        })

    def _series_routes(self) -> None:
        """Recurring series (H2): a two-week series to create, and one whose occurrences are
        patched from the first onwards."""
        client, clock = self.client, self.clock
        created = send(client, "POST", "/api/series",
                       {**event_body(clock), "recurrence": {"freq": "weekly", "count": 2}},
                       as_organizer(client)).json()
        patch_path = f"/api/series/{created['series_id']}?from={created['event_ids'][0]}"
        self.routes.update({
            ("POST", "/api/series"): lambda: (
                "/api/series", {**event_body(clock), "recurrence": {"freq": "weekly", "count": 2}},
                as_organizer(client)),
            ("PATCH", "/api/series/{series_id}"): lambda: (patch_path, {}, as_organizer(client)),
        })

    def _door_routes(self) -> None:
        """The door (issue 12): a guest's ticket scanned again and again (a repeat is taken),
        and offline scans with whatever time they claim."""
        client = self.client
        guest = send(client, "POST", f"/api/events/{self.target}/registrations",
                     {"name": "Door Guest", "email": unique_email()}).json()
        secret = client.app.state.container.link_secret  # type: ignore[attr-defined]
        code = ticket_code(secret, UUID(guest["registration_id"]))
        self.routes[("POST", "/api/events/{event_id}/check-ins")] = lambda: (
            f"/api/events/{self.target}/check-ins", {"ticket_code": code}, as_organizer(client))

    def request(self, field: Field, value: Any) -> tuple[str, dict[str, Any], dict[str, str]]:
        path, body, headers = self.routes[(field.method, field.path)]()
        put(body, field.location, value)
        if field.kind == "instant" and field.location[-1] == "starts_at":
            body["ends_at"] = LATE_END  # else every start would just be after the end
        return path, body, headers


def put(body: dict[str, Any], location: tuple[str | int, ...], value: Any) -> None:
    """Sets the value at `location`, creating the containers on the way (a valid location for a
    nested field, a one-element list for a list's items)."""
    name, rest = location[0], location[1:]
    assert isinstance(name, str)
    if not rest:
        body[name] = value
    elif rest[0] == 0:
        body[name] = [value]
    else:
        inner = dict(body.get(name) or {"country": "IN", "city": "Pune"})
        put(inner, rest, value)
        body[name] = inner


def assert_answer(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), what
        assert response.json()["code"], what


def canary_reaches_every_read_model(client: TestClient, clock: FakeClock, what: str) -> None:
    container = container_of(client)
    event_id = new_event(client, clock, title=f"Canary {next(_unique)}")
    registration = send(client, "POST", f"/api/events/{event_id}/registrations",
                        {"name": "Canary Guest", "email": unique_email()})
    signup = send(client, "POST", "/api/auth/signup", {"email": unique_email(),
                                                       "password": PASSWORD, "name": "Canary"})
    assert registration.status_code == signup.status_code == 201, what
    container.runner.catch_up()
    head = container.write_model.recorder.max_notification_id()
    with container.read_engine.connect() as conn:
        tracked = dict(conn.execute(select(tracking.c.name, tracking.c.position)).all())
        assert tracked == dict.fromkeys(container.runner.projections, head), what
        assert failures(conn) == {}, what
        assert conn.execute(select(events.c.id).where(events.c.id == UUID(event_id))).first()
        assert conn.execute(select(attendees.c.name).where(
            attendees.c.registration_id == UUID(registration.json()["registration_id"]))
        ).first(), what
        assert conn.execute(select(users.c.id).where(
            users.c.id == UUID(signup.json()["id"]))).first(), what


def test_every_command_field_takes_or_refuses_every_poison_value(
        client: TestClient, clock: FakeClock) -> None:
    fields = command_fields(client.get("/api/openapi.json").json())
    baselines = Baselines(client, clock)
    unknown = {(f.method, f.path) for f in fields} - baselines.routes.keys()
    assert not unknown, f"add a valid request for these commands to Baselines: {unknown}"
    swept = {str(f) for f in fields}
    for expected in ("POST /api/events location.city", "PATCH /api/events/{event_id} starts_at",
                     "POST /api/events/{event_id}/registrations name", "PATCH /api/me name",
                     "POST /api/auth/signup password", "POST /api/events tags.0"):
        assert expected in swept
    store = container_of(client).write_model.recorder
    accepted = 0
    for field in fields:
        for value in values_for(field):
            what = f"{field} = {value!r:.60}"
            path, body, headers = baselines.request(field, value)
            before = store.max_notification_id()
            response = send(client, field.method, path, body, headers)
            assert_answer(response, what)
            if must_refuse(field, value):
                assert response.status_code == 422, what
                assert ["body", *field.location] in [e["loc"] for e in response.json()["errors"]], what
            accepted += response.status_code < 400
            if store.max_notification_id() != before:
                canary_reaches_every_read_model(client, clock, what)
        canary_reaches_every_read_model(client, clock, str(field))
    assert accepted  # the sweep exercised the read models, not only the edge


def test_every_query_parameter_answers_poison_values_without_a_500(
        client: TestClient, clock: FakeClock) -> None:
    spec = client.get("/api/openapi.json").json()
    event_id = new_event(client, clock)
    admin = make_account(client, "admin")
    ids = {"event_id": event_id, "user_id": admin["id"]}
    # A real registration, so its page (H5) answers past the lookup.
    ids["registration_id"] = send(client, "POST", f"/api/events/{event_id}/registrations",
                                  {"name": "Page Guest", "email": unique_email()}
                                  ).json()["registration_id"]
    # A real series (H2), so its page answers past the lookup.
    ids["series_id"] = send(client, "POST", "/api/series", {
        **event_body(clock), "recurrence": {"freq": "weekly", "count": 2}},
        as_organizer(client)).json()["series_id"]
    parameters = query_parameters(spec)
    assert {("/api/events", "city"), ("/api/events", "starts_from"),
            ("/api/events/{event_id}/attendees", "as_of"), ("/api/events", "tz")} <= {
        (path, name) for path, name, _ in parameters}
    for path, name, kind in parameters:
        values = INSTANT_VALUES if kind == "instant" else [
            *TEXT_VALUES, "ß" * 200, "x" * 201, "%00", "\\"]
        for value in values:
            # A lone surrogate reaches a URL as its (invalid) UTF-8 bytes, percent-encoded.
            encoded = quote(value.encode("utf-8", "surrogatepass"), safe="")
            response = client.get(f"{path.format(**ids)}?{name}={encoded}",
                                  headers=fresh_token(client, admin["id"]))
            assert_answer(response, f"GET {path}?{name}={value!r:.60}")
    canary_reaches_every_read_model(client, clock, "after the query sweep")
