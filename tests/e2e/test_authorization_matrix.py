"""Every route of the OpenAPI document, called by each kind of caller, gets the expected status.

A route missing from EXPECTED fails the test: a new endpoint cannot ship without someone deciding
who may call it. Each change (every call but a GET) runs against a fresh little world (its own
accounts, events and registration), so one call's effect (a deleted event, a changed password)
never leaks into the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from command_api.domain.recurrence import Recurrence
from tests.conftest import FakeClock
from tests.e2e.conftest import PASSWORD, accounts_of, event_body, fresh_token

ROLES = ("anonymous", "member", "other_organizer", "owner", "analyst", "admin")
ACCOUNT_ROLES = {"member": "member", "other_organizer": "organizer", "owner": "organizer",
                 "analyst": "analyst", "admin": "admin"}


def row(*statuses: int) -> dict[str, int]:
    assert len(statuses) == len(ROLES)
    return dict(zip(ROLES, statuses, strict=True))


EVERYONE_OK = row(200, 200, 200, 200, 200, 200)
SIGNED_IN = row(401, 200, 200, 200, 200, 200)
ADMIN_ONLY = row(401, 403, 403, 403, 403, 200)
OWNER_OR_ADMIN = row(401, 403, 403, 200, 403, 200)

#                       anonymous member other-organizer owner analyst admin
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("POST", "/api/auth/signup"): row(201, 201, 201, 201, 201, 201),
    ("POST", "/api/auth/token"): EVERYONE_OK,
    ("POST", "/api/auth/refresh"): EVERYONE_OK,
    ("POST", "/api/auth/logout"): row(204, 204, 204, 204, 204, 204),
    ("GET", "/api/me"): SIGNED_IN,
    ("PATCH", "/api/me"): SIGNED_IN,
    ("PUT", "/api/me/password"): SIGNED_IN,
    ("GET", "/api/me/registrations"): SIGNED_IN,
    ("GET", "/api/users"): ADMIN_ONLY,
    ("PUT", "/api/users/{user_id}/role"): ADMIN_ONLY,
    ("POST", "/api/users/{user_id}/deactivate"): ADMIN_ONLY,
    ("GET", "/api/users/{user_id}/history"): ADMIN_ONLY,
    ("POST", "/api/events"): row(401, 403, 201, 201, 403, 201),
    ("PATCH", "/api/events/{event_id}"): OWNER_OR_ADMIN,
    ("POST", "/api/events/{event_id}/publish"): OWNER_OR_ADMIN,
    ("POST", "/api/events/{event_id}/cancel"): OWNER_OR_ADMIN,
    ("DELETE", "/api/events/{event_id}"): row(401, 403, 403, 204, 403, 204),
    # Guests register with a name and email, signed-in callers as themselves; analysts change
    # nothing.
    ("POST", "/api/events/{event_id}/registrations"): row(201, 201, 201, 201, 403, 201),
    # A guest's registration: only its cancel token (tested elsewhere), the owner or an admin.
    ("DELETE", "/api/events/{event_id}/registrations/{registration_id}"):
        row(403, 403, 403, 200, 403, 200),
    ("POST", "/api/events/{event_id}/registrations/{registration_id}/check-in"): OWNER_OR_ADMIN,
    ("POST", "/api/events/{event_id}/check-ins"): OWNER_OR_ADMIN,
    # Nothing to undo in a fresh world: the owner and admins get as far as the rule (409).
    ("DELETE", "/api/events/{event_id}/registrations/{registration_id}/check-in"):
        row(401, 403, 403, 409, 403, 409),
    # A guest's ticket: its token (tested elsewhere), the owner or an admin; others learn nothing.
    ("GET", "/api/events/{event_id}/registrations/{registration_id}/ticket"):
        row(404, 404, 404, 200, 404, 200),
    ("GET", "/api/events/{event_id}/attendees.csv"): OWNER_OR_ADMIN,
    ("GET", "/api/events"): EVERYONE_OK,
    ("GET", "/api/events/{event_id}"): EVERYONE_OK,
    ("GET", "/api/events/{event_id}/attendees"): OWNER_OR_ADMIN,
    ("GET", "/api/events/{event_id}/waitlist"): OWNER_OR_ADMIN,
    ("GET", "/api/events/{event_id}/history"): OWNER_OR_ADMIN,
    ("GET", "/api/events/{event_id}/calendar.ics"): EVERYONE_OK,
    # Ratings (H1). The world's event has not started and nobody signed in is registered, so
    # rating is `not_attendee` (403) for every role that may rate and `forbidden` for analysts;
    # the window and attendance themselves are tests/e2e/test_ratings.py's.
    ("GET", "/api/events/{event_id}/ratings"): EVERYONE_OK,
    ("GET", "/api/events/{event_id}/ratings/me"): row(401, 404, 404, 404, 404, 404),
    ("PUT", "/api/events/{event_id}/ratings/me"): row(401, 403, 403, 403, 403, 403),
    ("DELETE", "/api/events/{event_id}/ratings/me"): row(401, 404, 404, 404, 403, 404),
    # A guest's rating: only with the registration's token (a wrong one here, for everyone).
    ("GET", "/api/events/{event_id}/ratings/guest"): row(403, 403, 403, 403, 403, 403),
    ("PUT", "/api/events/{event_id}/ratings/guest"): row(403, 403, 403, 403, 403, 403),
    ("DELETE", "/api/events/{event_id}/ratings/guest"): row(403, 403, 403, 403, 403, 403),
    # Moderation: the owner and admins get as far as the (unknown) rating.
    ("POST", "/api/events/{event_id}/ratings/{rating_id}/hide"): row(401, 403, 403, 404, 403, 404),
    ("POST", "/api/events/{event_id}/ratings/{rating_id}/unhide"):
        row(401, 403, 403, 404, 403, 404),
    # The emailed links (H5): anyone with a link; the unknown token here is refused for all.
    ("POST", "/api/auth/verify"): row(409, 409, 409, 409, 409, 409),
    ("POST", "/api/auth/verify/resend"): row(401, 202, 202, 202, 202, 202),
    ("POST", "/api/auth/password-reset"): row(202, 202, 202, 202, 202, 202),
    ("POST", "/api/auth/password-reset/confirm"): row(409, 409, 409, 409, 409, 409),
    # A registration's page: its guest (token), its member, the owner and admins; the same 404
    # as an unknown id for everyone else (the guest's token is tested elsewhere).
    ("GET", "/api/events/{event_id}/registrations/{registration_id}"):
        row(404, 404, 404, 200, 404, 200),
    # A member's own inbox; an unknown notification is 404 to everyone signed in (another
    # member's notification is the same 404: tests/e2e/test_inbox.py).
    ("GET", "/api/me/notifications"): SIGNED_IN,
    ("POST", "/api/me/notifications/read-all"): SIGNED_IN,
    ("POST", "/api/me/notifications/{notification_id}/read"): row(401, 404, 404, 404, 404, 404),
    # The link of an email, whoever follows it: a forged link is 404 `invalid_link` for all.
    ("GET", "/api/unsubscribe"): row(404, 404, 404, 404, 404, 404),
    ("POST", "/api/unsubscribe"): row(404, 404, 404, 404, 404, 404),
    # For load balancers and monitors: public (query_api/health.py).
    ("GET", "/api/health"): EVERYONE_OK,
    ("GET", "/api/ready"): EVERYONE_OK,
    # Prometheus scrapes without a token; no personal data (eventconnect/metrics.py).
    ("GET", "/metrics"): EVERYONE_OK,
    # The analytics dashboard (query_api/analytics.py): admins and analysts everything, an
    # organizer their own events; the overview answers another organizer with their own (empty).
    ("GET", "/api/analytics/events/{event_id}"): row(401, 403, 403, 200, 200, 200),
    ("GET", "/api/analytics/overview"): row(401, 403, 200, 200, 200, 200),
    # Recurring series (H2): created like events, edited by the owner or an admin, read by all.
    ("POST", "/api/series"): row(401, 403, 201, 201, 403, 201),
    ("GET", "/api/series/{series_id}"): EVERYONE_OK,
    ("PATCH", "/api/series/{series_id}"): OWNER_OR_ADMIN,
    # Calendars (issue 12): a feed URL is any account's own; the feed itself is read with its
    # secret alone (an unknown one is 404 to everyone); "My events" is for organizers and admins.
    ("POST", "/api/me/calendar-feed"): row(401, 201, 201, 201, 201, 201),
    ("DELETE", "/api/me/calendar-feed"): SIGNED_IN,
    ("GET", "/api/calendar/{secret}.ics"): row(404, 404, 404, 404, 404, 404),
    ("GET", "/api/me/events"): row(401, 403, 200, 200, 403, 200),
}

_worlds = itertools.count(1)
UNKNOWN_RATING = "00000000-0000-4000-8000-000000000000"
UNKNOWN_NOTIFICATION = "00000000-0000-4000-8000-000000000001"
FORGED_UNSUBSCRIBE = "member:00000000000040008000000000000002.forgedsignature"
UNKNOWN_LINK = "0" * 32 + ".not-a-token"


@dataclass
class World:
    """Accounts of every role, an event (and a draft) of `owner`, a guest's registration, and
    another member for the admin endpoints to act on."""

    accounts: dict[str, dict[str, str]] = field(default_factory=dict)
    event_id: str = ""
    draft_id: str = ""
    registration_id: str = ""
    user_id: str = ""
    position: int = 0
    series_id: str = ""
    series_event_ids: list[str] = field(default_factory=list)

    def headers(self, client: TestClient, role: str) -> dict[str, str]:
        base = {"X-Consistent-With": str(self.position)}
        if role == "anonymous":
            return base
        return {**base, **fresh_token(client, self.accounts[role]["id"])}


def make_world(client: TestClient, clock: FakeClock) -> World:
    n = next(_worlds)
    accounts = accounts_of(client)
    app = client.app.state.container.write_model  # type: ignore[attr-defined]
    world = World()
    for role, account_role in ACCOUNT_ROLES.items():
        account, _ = accounts.sign_up(email=f"{role}.{n}@example.org", password=PASSWORD,
                                      name=f"{role} {n}", role=account_role, actor="test")
        world.accounts[role] = {"id": str(account.id), "email": account.email}
    owner = world.accounts["owner"]["id"]
    starts = clock.now + timedelta(days=10)
    details: dict[str, Any] = dict(
        organizer_id=owner, organizer_name="Owner", title="Matrix", description="",
        category="other", tags=[], starts_at=starts, ends_at=starts + timedelta(hours=2),
        timezone="UTC", location={"country": "GB", "city": "Leeds"}, capacity=5,
        waitlist_enabled=True)
    event_id, _ = app.create_event(actor=owner, publish=True, **details)
    draft_id, _ = app.create_event(actor=owner, publish=False, **details)
    series_id, series_event_ids, _ = app.create_series(
        Recurrence(freq="weekly", count=2), actor=owner, publish=True, **details)
    world.series_id, world.series_event_ids = str(series_id), [str(i) for i in series_event_ids]
    admission = app.register(event_id, name="Guest", email=f"guest.{n}@example.org",
                             actor="guest")
    target, world.position = accounts.sign_up(email=f"target.{n}@example.org",
                                              password=PASSWORD, name="Target", actor="test")
    world.event_id, world.draft_id = str(event_id), str(draft_id)
    world.registration_id, world.user_id = str(admission.registration_id), str(target.id)
    return world


def _credentials(world: World, role: str) -> tuple[str, str]:
    # An anonymous caller signs in with the member's credentials: that is what signing in is.
    return world.accounts["member" if role == "anonymous" else role]["email"], PASSWORD


def _refresh_body(client: TestClient, world: World, role: str) -> dict[str, Any]:
    email, password = _credentials(world, role)
    return {"json": {"refresh_token": accounts_of(client).log_in(email, password).refresh_token}}


Request = Callable[[TestClient, FakeClock, World, str], dict[str, Any]]
BODIES: dict[tuple[str, str], Request] = {
    ("POST", "/api/auth/signup"): lambda c, k, w, r: {"json": {
        "email": f"new.{r}.{w.user_id[:8]}@example.org", "password": "a long passphrase 42",
        "name": "New"}},
    ("POST", "/api/auth/token"): lambda c, k, w, r: {"data": dict(zip(
        ("username", "password"), _credentials(w, r), strict=True))},
    ("POST", "/api/auth/refresh"): lambda c, k, w, r: _refresh_body(c, w, r),
    ("POST", "/api/auth/logout"): lambda c, k, w, r: _refresh_body(c, w, r),
    ("PATCH", "/api/me"): lambda c, k, w, r: {"json": {"timezone": "Europe/Berlin"}},
    ("PUT", "/api/me/password"): lambda c, k, w, r: {"json": {
        "current_password": PASSWORD, "new_password": "another long passphrase"}},
    ("PUT", "/api/users/{user_id}/role"): lambda c, k, w, r: {"json": {"role": "organizer"}},
    ("POST", "/api/events"): lambda c, k, w, r: {"json": event_body(k)},
    ("PATCH", "/api/events/{event_id}"): lambda c, k, w, r: {"json": {"title": "Renamed"}},
    ("POST", "/api/events/{event_id}/cancel"): lambda c, k, w, r: {"json": {"reason": "Rain"}},
    ("POST", "/api/events/{event_id}/registrations"): lambda c, k, w, r: {"json": (
        {"name": "Walk In", "email": f"walk-in.{w.user_id[:8]}@example.org"}
        if r == "anonymous" else {})},
    ("PUT", "/api/events/{event_id}/ratings/me"): lambda c, k, w, r: {"json": {"score": 4}},
    ("POST", "/api/auth/verify"): lambda c, k, w, r: {"params": {"token": UNKNOWN_LINK}},
    ("GET", "/api/unsubscribe"): lambda c, k, w, r: {"params": {"token": FORGED_UNSUBSCRIBE}},
    ("POST", "/api/unsubscribe"): lambda c, k, w, r: {"params": {"token": FORGED_UNSUBSCRIBE}},
    ("POST", "/api/auth/password-reset"): lambda c, k, w, r: {"json": {
        "email": w.accounts["member"]["email"]}},
    ("POST", "/api/auth/password-reset/confirm"): lambda c, k, w, r: {"json": {
        "token": UNKNOWN_LINK, "new_password": "another long passphrase"}},
    ("PUT", "/api/events/{event_id}/ratings/guest"): lambda c, k, w, r: {
        "json": {"score": 4}, "params": _guest_rating(w)},
    ("GET", "/api/events/{event_id}/ratings/guest"): lambda c, k, w, r: {
        "params": _guest_rating(w)},
    ("DELETE", "/api/events/{event_id}/ratings/guest"): lambda c, k, w, r: {
        "params": _guest_rating(w)},
    ("POST", "/api/events/{event_id}/ratings/{rating_id}/hide"): lambda c, k, w, r: {
        "json": {"reason": "Rude"}},
    ("POST", "/api/events/{event_id}/check-ins"): lambda c, k, w, r: {
        "json": {"registration_id": w.registration_id}},
    ("POST", "/api/series"): lambda c, k, w, r: {"json": {
        **event_body(k), "recurrence": {"freq": "weekly", "count": 2}}},
    ("PATCH", "/api/series/{series_id}"): lambda c, k, w, r: {
        "json": {"title": "Renamed"}, "params": {"from": w.series_event_ids[0]}},
}


def _guest_rating(world: World) -> dict[str, str]:
    return {"registration_id": world.registration_id, "token": "not-the-cancel-token"}


def _url(path: str, world: World) -> str:
    event_id = world.draft_id if path.endswith("/publish") else world.event_id
    return path.format(event_id=event_id, registration_id=world.registration_id,
                       user_id=world.user_id, rating_id=UNKNOWN_RATING,
                       notification_id=UNKNOWN_NOTIFICATION, series_id=world.series_id,
                       secret="not-a-feed-secret")


def test_every_route_is_in_the_table(client: TestClient) -> None:
    routes = {(method.upper(), path)
              for path, methods in client.app.openapi()["paths"].items()  # type: ignore[attr-defined]
              for method in methods}
    assert routes - set(EXPECTED) == set(), "decide who may call these routes"
    assert set(EXPECTED) - routes == set(), "these routes no longer exist"


def test_each_caller_gets_the_expected_status(client: TestClient, clock: FakeClock) -> None:
    wrong = []
    for (method, path), expected in EXPECTED.items():
        world = make_world(client, clock)
        for role in ROLES:
            if method != "GET":  # reads change nothing, so they may share one world
                world = make_world(client, clock)
            kwargs = BODIES.get((method, path), lambda c, k, w, r: {})(client, clock, world, role)
            response = client.request(method, _url(path, world),
                                      headers=world.headers(client, role), **kwargs)
            status = response.status_code
            if status != expected[role]:
                wrong.append(f"{method} {path} as {role}: {status} (expected {expected[role]})"
                             f" {response.text[:200]}")
            elif status == 401:
                assert response.json()["code"] == "unauthorized"
                assert response.headers["WWW-Authenticate"] == "Bearer"
            elif status == 403:
                assert response.json()["code"] in {"forbidden", "not_owner", "not_attendee"}
    assert wrong == []


@pytest.mark.parametrize(("method", "path"), [
    ("PATCH", "/api/events/{event_id}"), ("POST", "/api/events/{event_id}/cancel"),
    ("GET", "/api/events/{event_id}/attendees"), ("GET", "/api/events/{event_id}/history"),
    ("POST", "/api/events/{event_id}/registrations/{registration_id}/check-in"),
    ("POST", "/api/events/{event_id}/check-ins"),
    ("GET", "/api/events/{event_id}/attendees.csv"),
    ("GET", "/api/analytics/events/{event_id}"),
])
def test_another_organizer_is_told_not_owner(client: TestClient, clock: FakeClock, method: str,
                                             path: str) -> None:
    world = make_world(client, clock)
    kwargs = BODIES.get((method, path), lambda c, k, w, r: {})(client, clock, world,
                                                               "other_organizer")
    response = client.request(method, _url(path, world),
                              headers=world.headers(client, "other_organizer"), **kwargs)
    assert response.status_code == 403 and response.json()["code"] == "not_owner"
