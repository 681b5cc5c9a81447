"""HTTP: a repeated POST with the same Idempotency-Key returns the first answer, once."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem, create_event, event_body


def test_repeat_returns_first_answer_and_changes_nothing(client: TestClient,
                                                        clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=5)
    url = f"/api/events/{event_id}/registrations"
    guest = {"name": "Asha", "email": "asha@example.org"}
    first = client.post(url, json=guest, headers={"Idempotency-Key": "k-1"})
    again = client.post(url, json=guest, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["X-Position"] == first.headers["X-Position"]
    assert again.headers["Idempotent-Replay"] == "true"
    shown = client.get(f"/api/events/{event_id}",
                       headers={"X-Consistent-With": first.headers["X-Position"]}).json()
    assert shown["confirmed_count"] == 1
    # Without the key the same body is a duplicate registration.
    assert_problem(client.post(url, json=guest), 409, "already_registered")


def test_same_key_other_body_is_refused(client: TestClient, clock: FakeClock) -> None:
    assert client.post("/api/events", json=event_body(clock),
                       headers={"Idempotency-Key": "k-2"}).status_code == 201
    response = client.post("/api/events", json=event_body(clock, title="Other"),
                           headers={"Idempotency-Key": "k-2"})
    assert_problem(response, 422, "idempotency_key_reused")


def test_refused_command_does_not_burn_the_key(client: TestClient, clock: FakeClock) -> None:
    bad = client.post("/api/events", json=event_body(clock, capacity=0),
                      headers={"Idempotency-Key": "k-3"})
    assert_problem(bad, 422, "validation_error")
    good = client.post("/api/events", json=event_body(clock), headers={"Idempotency-Key": "k-3"})
    assert good.status_code == 201
