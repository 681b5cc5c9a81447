"""HTTP: a repeated POST with the same Idempotency-Key returns the first answer, once."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from command_api.idempotency import idempotency_keys
from tests.conftest import FakeClock
from tests.e2e.conftest import (
    as_organizer,
    assert_problem,
    create_event,
    event_body,
    login,
    make_account,
)


def test_repeat_returns_first_answer_and_changes_nothing(client: TestClient,
                                                        clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=5)
    url = f"/api/events/{event_id}/registrations"
    guest = {"name": "Asha", "email": "asha@example.org"}
    first = client.post(url, json=guest, headers={"Idempotency-Key": "k-1"})
    again = client.post(url, json=guest, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    # The guest's cancel token is never stored, so a replay withholds it (finding 6).
    assert again.json() == {**first.json(), "cancel_token": None}
    assert again.headers["Idempotent-Replay-Withheld"] == "cancel_token"
    assert again.headers["X-Position"] == first.headers["X-Position"]
    assert again.headers["Idempotent-Replay"] == "true"
    shown = client.get(f"/api/events/{event_id}",
                       headers={"X-Consistent-With": first.headers["X-Position"]}).json()
    assert shown["confirmed_count"] == 1
    # Without the key the same body is a duplicate registration.
    assert_problem(client.post(url, json=guest), 409, "already_registered")


def test_same_key_other_body_is_refused(client: TestClient, clock: FakeClock) -> None:
    headers = {"Idempotency-Key": "k-2", **as_organizer(client)}
    assert client.post("/api/events", json=event_body(clock), headers=headers).status_code == 201
    response = client.post("/api/events", json=event_body(clock, title="Other"), headers=headers)
    assert_problem(response, 422, "idempotency_key_reused")


def test_refused_command_does_not_burn_the_key(client: TestClient, clock: FakeClock) -> None:
    headers = {"Idempotency-Key": "k-3", **as_organizer(client)}
    bad = client.post("/api/events", json=event_body(clock, capacity=0), headers=headers)
    assert_problem(bad, 422, "validation_error")
    good = client.post("/api/events", json=event_body(clock), headers=headers)
    assert good.status_code == 201


def test_a_key_belongs_to_one_caller(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=5)
    url = f"/api/events/{event_id}/registrations"
    ann, bo = login(client), login(client)
    first = client.post(url, json={}, headers={"Idempotency-Key": "k-4", **ann})
    assert first.status_code == 201
    # Another account with the same key and body gets no replay of Ann's answer.
    assert_problem(client.post(url, json={}, headers={"Idempotency-Key": "k-4", **bo}), 422,
                   "idempotency_key_reused")
    assert_problem(client.post(url, json={}, headers={"Idempotency-Key": "k-4",
                                                      **as_organizer(client)}), 422,
                   "idempotency_key_reused")
    # Ann again: her first answer.
    replay = client.post(url, json={}, headers={"Idempotency-Key": "k-4", **ann})
    assert replay.json() == first.json() and replay.headers["Idempotent-Replay"] == "true"


def test_sign_in_answers_are_never_stored(client: TestClient) -> None:
    made = make_account(client)
    form = {"username": made["email"], "password": made["password"]}
    first = client.post("/api/auth/token", data=form, headers={"Idempotency-Key": "k-5"})
    second = client.post("/api/auth/token", data=form, headers={"Idempotency-Key": "k-5"})
    assert first.status_code == second.status_code == 200
    assert first.json()["refresh_token"] != second.json()["refresh_token"]
    engine = client.app.state.container.read_engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        assert conn.execute(select(idempotency_keys)).all() == []
