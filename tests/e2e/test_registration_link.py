"""The link in a registration's emails: the guest's (or the real owner's) way back to it — its
page, rating the event with it, and cancelling a registration someone else made."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import create_event
from tests.e2e.outbox import mails, text_of


def mail_out(client: TestClient) -> None:
    container = client.app.state.container  # type: ignore[attr-defined]
    container.runner.catch_up()
    container.notifier.catch_up()
    container.runner.catch_up()
    container.delivery.catch_up()


def registration_link(client: TestClient, to: str) -> tuple[str, str, str]:
    """(event id, registration id, token) of the registration link in the confirmation."""
    [message] = mails(client, kind="registration_confirmed", to=to)
    match = re.search(r"(/events/[^\s]+/registrations/[^\s?]+\?token=[^\s]+)", text_of(message))
    assert match, text_of(message)
    url = urlsplit(match.group(1))
    _, _, event_id, _, registration_id = url.path.split("/")
    return event_id, registration_id, parse_qs(url.query)["token"][0]


def test_the_confirmation_links_to_the_registration_page_which_rates_and_cancels(
        client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, title="Soldering")
    answer = client.post(f"/api/events/{event_id}/registrations",
                         json={"name": "Grace", "email": "grace@example.org"})
    assert answer.status_code == 201, answer.text
    mail_out(client)
    linked_event, registration_id, token = registration_link(client, "grace@example.org")
    assert (linked_event, registration_id) == (event_id, answer.json()["registration_id"])
    assert token != answer.json()["cancel_token"]  # the emails never carry the cancel token

    page = client.get(f"/api/events/{event_id}/registrations/{registration_id}",
                      params={"token": token})
    assert page.status_code == 200 and page.json()["status"] == "confirmed"
    forged = client.get(f"/api/events/{event_id}/registrations/{registration_id}",
                        params={"token": token[:-2] + "xx"})
    assert forged.status_code == 404

    clock.advance(days=11)  # the event (tests/e2e/conftest: starts in 10 days) has started
    guest = {"registration_id": registration_id, "token": token}
    rated = client.put(f"/api/events/{event_id}/ratings/guest", params=guest,
                       json={"score": 5, "comment": "Hot irons, cool people"})
    assert rated.status_code == 200, rated.text
    mine = client.get(f"/api/events/{event_id}/ratings/guest", params=guest,
                      headers={"X-Consistent-With": str(rated.json()["position"])})
    assert mine.status_code == 200 and mine.json()["score"] == 5


def test_the_owner_of_an_address_cancels_with_the_link_what_someone_else_registered(
        client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, title="Choir")
    made = client.post(f"/api/events/{event_id}/registrations",
                       json={"name": "Not Hedy", "email": "hedy@example.org"})
    assert made.status_code == 201
    mail_out(client)
    _, registration_id, token = registration_link(client, "hedy@example.org")
    cancelled = client.delete(f"/api/events/{event_id}/registrations/{registration_id}",
                              params={"token": token})
    assert cancelled.status_code == 200, cancelled.text
    again = client.delete(f"/api/events/{event_id}/registrations/{registration_id}",
                          params={"token": token})
    assert again.status_code == 409
