"""HTTP: tickets and the door — a confirmed registration's ticket (code and QR), checking in by a
typed or scanned code, repeats counted once, two offline scanners merging (earliest scan wins,
whatever order they send in), undoing a mistaken check-in, the live counts, and the CSV exports."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, assert_problem, create_event, login, register


def ticket(client: TestClient, event_id: str, registration: dict[str, Any]) -> Any:
    return client.get(f"/api/events/{event_id}/registrations/"
                      f"{registration['registration_id']}/ticket",
                      params={"token": registration["cancel_token"]},
                      headers={"X-Consistent-With": str(registration["position"])})


def code_of(client: TestClient, event_id: str, registration: dict[str, Any]) -> str:
    response = ticket(client, event_id, registration)
    assert response.status_code == 200, response.text
    code: str = response.json()["ticket_code"]
    return code


def scan(client: TestClient, event_id: str, owner: dict[str, str], **body: Any) -> Any:
    return client.post(f"/api/events/{event_id}/check-ins", json=body, headers=owner)


def attendees(client: TestClient, event_id: str, owner: dict[str, str], position: int) -> Any:
    response = client.get(f"/api/events/{event_id}/attendees", params={"page_size": 100},
                          headers={**owner, "X-Consistent-With": str(position)})
    assert response.status_code == 200, response.text
    return {a["name"]: a for a in response.json()["items"]}


def counts(client: TestClient, event_id: str, owner: dict[str, str], position: int) -> Any:
    response = client.get(f"/api/analytics/events/{event_id}",
                          headers={**owner, "X-Consistent-With": str(position)})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["checked_in"], body["confirmed"], sum(d["check_ins"] for d in body["daily"])


def test_a_confirmed_registration_has_a_ticket_and_others_do_not(client: TestClient,
                                                                 clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    seated, waiting = register(client, event_id, 1), register(client, event_id, 2)
    body = ticket(client, event_id, seated).json()
    assert len(body["ticket_code"]) == 16 and body["ticket_code"].isalnum()
    assert body["qr_svg"].startswith("<svg") and body["ticket_code"] in body["qr_svg"]
    assert 'xmlns="http://www.w3.org/2000/svg"' in body["qr_svg"]  # drawable as an <img>
    assert_problem(ticket(client, event_id, waiting), 409, "not_confirmed")
    # Without the token (and not the holder) nobody learns the code.
    assert_problem(client.get(f"/api/events/{event_id}/registrations/"
                              f"{seated['registration_id']}/ticket"), 404, "not_found")
    assert_problem(client.get(f"/api/events/{event_id}/registrations/"
                              f"{seated['registration_id']}/ticket", headers=login(client)),
                   404, "not_found")
    owner_view = client.get(f"/api/events/{event_id}/registrations/"
                            f"{seated['registration_id']}/ticket", headers=as_organizer(client))
    assert owner_view.json()["ticket_code"] == body["ticket_code"]


def test_a_typed_code_checks_in_once_and_a_second_scan_keeps_the_first_time(
        client: TestClient, clock: FakeClock) -> None:
    owner = as_organizer(client)
    event_id = create_event(client, clock, headers=owner, capacity=3)
    guest = register(client, event_id, 1)
    code = code_of(client, event_id, guest)
    typed = f" {code[:4].lower()}-{code[4:8]} {code[8:12]}-{code[12:]} "
    first = scan(client, event_id, owner, ticket_code=typed)
    assert first.status_code == 200, first.text
    assert first.json()["already_checked_in"] is False
    assert first.json()["registration_id"] == guest["registration_id"]
    clock.advance(minutes=3)
    again = scan(client, event_id, owner, ticket_code=code)
    assert again.status_code == 200 and again.json()["already_checked_in"] is True
    assert again.json()["checked_in_at"] == first.json()["checked_in_at"]
    # From the attendee list, by id: the same answer.
    by_id = scan(client, event_id, owner, registration_id=guest["registration_id"])
    assert by_id.json()["already_checked_in"] is True
    assert counts(client, event_id, owner, first.json()["position"]) == (1, 1, 1)


def test_two_offline_scanners_merge_to_the_earliest_scan_in_any_order(
        client: TestClient, clock: FakeClock) -> None:
    owner = as_organizer(client)
    start = clock.now

    def door(order: str) -> dict[str, Any]:
        event_id = create_event(client, clock, headers=owner, capacity=5)
        guests = [register(client, event_id, n) for n in (1, 2, 3)]
        codes = [code_of(client, event_id, g) for g in guests]
        at = [start + timedelta(minutes=m) for m in (1, 2, 3, 4)]
        # Scanner A saw guests 1 and 2; scanner B saw guest 2 earlier than A did, and guest 3.
        scanner_a = [(codes[0], at[0]), (codes[1], at[2])]
        scanner_b = [(codes[1], at[1]), (codes[2], at[3])]
        clock.now = start + timedelta(minutes=10)  # both come back online later
        batches = [scanner_a, scanner_b] if order == "a first" else [scanner_b[::-1], scanner_a]
        position = 0
        for batch in batches:
            for code, when in batch:
                answer = scan(client, event_id, owner, ticket_code=code,
                              checked_in_at=when.isoformat())
                assert answer.status_code == 200, answer.text
                position = max(position, answer.json()["position"])
        seen = attendees(client, event_id, owner, position)
        assert counts(client, event_id, owner, position) == (3, 3, 3)
        clock.now = start
        return {name: row["checked_in_at"] for name, row in seen.items()}

    merged = door("a first")
    assert door("b first, reversed") == merged
    expected = {f"Guest {n}": start + timedelta(minutes=m) for n, m in ((1, 1), (2, 2), (3, 4))}
    assert {k: datetime.fromisoformat(v) for k, v in merged.items()} == expected


def test_a_mistaken_check_in_is_undone_and_can_be_scanned_again(client: TestClient,
                                                                 clock: FakeClock) -> None:
    owner = as_organizer(client)
    event_id = create_event(client, clock, headers=owner, capacity=3)
    guest = register(client, event_id, 1)
    rid = guest["registration_id"]
    scanned = scan(client, event_id, owner, registration_id=rid).json()
    undo = client.delete(f"/api/events/{event_id}/registrations/{rid}/check-in", headers=owner)
    assert undo.status_code == 200, undo.text
    position = undo.json()["position"]
    assert position > scanned["position"]
    assert attendees(client, event_id, owner, position)["Guest 1"]["checked_in_at"] is None
    assert counts(client, event_id, owner, position) == (0, 1, 0)
    assert_problem(client.delete(f"/api/events/{event_id}/registrations/{rid}/check-in",
                                 headers=owner), 409, "not_checked_in")
    clock.advance(minutes=5)
    again = scan(client, event_id, owner, registration_id=rid).json()
    assert again["already_checked_in"] is False and again["checked_in_at"] != scanned["checked_in_at"]
    assert counts(client, event_id, owner, again["position"]) == (1, 1, 1)


def test_the_door_refuses_what_is_no_ticket_and_impossible_times(client: TestClient,
                                                                 clock: FakeClock) -> None:
    owner = as_organizer(client)
    event_id = create_event(client, clock, headers=owner, capacity=1)
    other_event = create_event(client, clock, headers=owner, capacity=1)
    seated, waiting = register(client, event_id, 1), register(client, event_id, 2)
    elsewhere = register(client, other_event, 3)
    assert_problem(scan(client, event_id, owner, ticket_code="AAAAAAAAAAAAAAAA"),
                   404, "ticket_not_found")
    assert_problem(scan(client, event_id, owner, ticket_code=code_of(client, other_event,
                                                                     elsewhere)),
                   404, "ticket_not_found")
    assert_problem(scan(client, event_id, owner, registration_id=waiting["registration_id"]),
                   409, "not_confirmed")
    assert_problem(scan(client, event_id, owner), 422, "validation_error")
    assert_problem(scan(client, event_id, owner, ticket_code="X",
                        registration_id=seated["registration_id"]), 422, "validation_error")
    for when in (clock.now + timedelta(hours=1), clock.now - timedelta(days=8)):
        assert_problem(scan(client, event_id, owner, registration_id=seated["registration_id"],
                            checked_in_at=when.isoformat()), 422, "checked_in_at_out_of_range")
    assert_problem(scan(client, event_id, owner, registration_id=seated["registration_id"],
                        checked_in_at="2030-01-01T08:00:00"), 422, "validation_error")
    # Another organizer, a member and a visitor may not check anyone in.
    assert_problem(scan(client, event_id, login(client), registration_id=seated["registration_id"]),
                   403, "forbidden")
    assert_problem(scan(client, event_id, {}, registration_id=seated["registration_id"]),
                   401, "unauthorized")
    cancelled = client.request("DELETE", f"/api/events/{event_id}/registrations/"
                               f"{seated['registration_id']}",
                               params={"token": seated["cancel_token"]})
    assert cancelled.status_code == 200, cancelled.text
    assert_problem(scan(client, event_id, owner, registration_id=seated["registration_id"]),
                   409, "registration_not_active")


def test_attendees_and_waitlist_export_as_spreadsheet_safe_csv(client: TestClient,
                                                               clock: FakeClock) -> None:
    owner = as_organizer(client)
    event_id = create_event(client, clock, headers=owner, capacity=1)
    people = [("=HYPERLINK(\"http://x\")", "a@example.org"), ("Zoë Ünal", "b@example.org"),
              ("@SUM(1)", "c@example.org"), ("-2+3", "d@example.org")]
    position = 0
    for name, email in people:
        response = client.post(f"/api/events/{event_id}/registrations",
                               json={"name": name, "email": email})
        assert response.status_code == 201, response.text
        position = response.json()["position"]
    headers = {**owner, "X-Consistent-With": str(position)}
    response = client.get(f"/api/events/{event_id}/attendees.csv", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets look for
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["name", "email", "status", "registered_at", "checked_in_at",
                       "waitlist_position"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "Zoë Ünal", "'@SUM(1)",
                                        "'-2+3"]
    assert [(r[2], r[5]) for r in rows[1:]] == [("confirmed", ""), ("waitlisted", "1"),
                                                ("waitlisted", "2"), ("waitlisted", "3")]
    waitlist = client.get(f"/api/events/{event_id}/attendees.csv",
                          params={"status": "waitlisted"}, headers=headers)
    waiting = list(csv.reader(io.StringIO(waitlist.content.decode("utf-8-sig"))))[1:]
    assert [r[5] for r in waiting] == ["1", "2", "3"]
    assert "waitlisted" in waitlist.headers["content-disposition"]
    assert_problem(client.get(f"/api/events/{event_id}/attendees.csv", headers=login(client)),
                   403, "forbidden")
