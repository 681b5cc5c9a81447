"""The unsubscribe link of reminder emails, over HTTP: the page, the one-click POST, the member's
preference, and every bad link refused as a 4xx problem."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any
from urllib.parse import quote
from uuid import UUID, uuid4

from fastapi.testclient import TestClient

from kernel.links import sign
from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem, create_event, fresh_token, make_account, register

ONE_CLICK = {"content": "List-Unsubscribe=One-Click",
             "headers": {"Content-Type": "application/x-www-form-urlencoded"}}


def container_of(client: TestClient) -> Any:
    return client.app.state.container  # type: ignore[attr-defined]


def link(client: TestClient, subject: str, purpose: str = "unsubscribe") -> str:
    return sign(container_of(client).link_secret, purpose, subject)


def guest_registration(client: TestClient, clock: FakeClock) -> UUID:
    event_id = create_event(client, clock)
    return UUID(register(client, event_id, 1)["registration_id"])


def test_the_page_is_self_contained_and_posts_back_to_the_same_link(
        client: TestClient, clock: FakeClock) -> None:
    token = link(client, f"registration:{guest_registration(client, clock).hex}")
    response = client.get("/api/unsubscribe", params={"token": token})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert f'<form method="post" action="/api/unsubscribe?token={quote(token, safe="")}">' in page
    assert "<script" not in page and "http" not in page  # nothing loaded from anywhere
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp
    # The one inline style is allowed by its hash, nothing else is.
    [style] = re.findall(r"<style>(.*?)</style>", page)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp
    assert response.headers["cache-control"] == "no-store"
    # Showing the page changes nothing.
    registration = container_of(client).write_model.repository.get(
        UUID(token.split(":")[1].split(".")[0]))
    assert not registration.reminders_stopped


def test_one_click_stops_a_guests_reminders_once(client: TestClient, clock: FakeClock) -> None:
    registration_id = guest_registration(client, clock)
    token = link(client, f"registration:{registration_id.hex}")
    first = client.post("/api/unsubscribe", params={"token": token}, **ONE_CLICK)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["unsubscribed"] == "registration" and body["position"] > 0
    assert first.headers["x-position"] == str(body["position"])
    assert container_of(client).write_model.repository.get(registration_id).reminders_stopped
    again = client.post("/api/unsubscribe", params={"token": token}, **ONE_CLICK)
    assert again.status_code == 200 and again.json()["position"] == 0


def test_the_pages_button_gets_a_page_back(client: TestClient, clock: FakeClock) -> None:
    token = link(client, f"registration:{guest_registration(client, clock).hex}")
    response = client.post("/api/unsubscribe", params={"token": token},
                           headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Unsubscribed" in response.text and int(response.headers["x-position"]) > 0


def test_a_members_link_turns_their_reminders_preference_off(client: TestClient) -> None:
    member = make_account(client)
    token = link(client, f"member:{member['id']}")
    response = client.post("/api/unsubscribe", params={"token": token}, **ONE_CLICK)
    assert response.status_code == 200, response.text
    assert response.json()["unsubscribed"] == "member"
    me = client.get("/api/me", headers={**fresh_token(client, member["id"]),
                                        "X-Consistent-With": str(response.json()["position"])})
    assert me.status_code == 200
    assert me.json()["notifications"] == {"email": True, "reminders": False}
    again = client.post("/api/unsubscribe", params={"token": token}, **ONE_CLICK)
    assert again.status_code == 200 and again.json()["position"] == 0


def test_bad_links_are_refused_alike(client: TestClient, clock: FakeClock) -> None:
    registration_id = guest_registration(client, clock)
    genuine = link(client, f"registration:{registration_id.hex}")
    refused = [
        genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB"),  # altered signature
        f"member:{uuid4()}.{genuine.rsplit('.', 1)[1]}",  # another subject, same signature
        link(client, f"registration:{registration_id.hex}", purpose="password_reset"),
        link(client, "registration:not-a-uuid"),
        link(client, f"event:{registration_id.hex}"),
        "nonsense",
    ]
    for token in refused:
        for method in ("GET", "POST"):
            response = client.request(method, "/api/unsubscribe", params={"token": token})
            assert_problem(response, 404, "invalid_link")
    assert not container_of(client).write_model.repository.get(registration_id).reminders_stopped
    unknown = link(client, f"registration:{uuid4().hex}")
    assert_problem(client.post("/api/unsubscribe", params={"token": unknown}), 404, "not_found")
    for malformed in ("", "a b", "x\x00y", "é" * 3, "a" * 201):
        assert_problem(client.post("/api/unsubscribe", params={"token": malformed}), 422,
                       "validation_error")
    assert_problem(client.get("/api/unsubscribe"), 422, "validation_error")
