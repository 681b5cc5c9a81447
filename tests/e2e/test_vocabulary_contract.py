"""HTTP: the domain's vocabularies are named components of the contract, with the words they always
had, and filtering by them reads the same rows on both databases (a member binds as its word)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, create_event, login, register

VOCABULARIES = {
    "EventStatus": ["draft", "published", "cancelled", "deleted"],
    "RegistrationStatus": ["confirmed", "waitlisted", "cancelled"],
    "Role": ["admin", "organizer", "member", "analyst"],
    "Category": ["workshop", "seminar", "volunteer", "fundraiser", "social", "other"],
}


def test_each_vocabulary_is_one_component_that_every_use_refers_to(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name, words in VOCABULARIES.items():
        assert schemas[name] == {"enum": words, "title": name, "type": "string"}
    ref = {name: f"#/components/schemas/{name}" for name in VOCABULARIES}
    assert schemas["EventIn"]["properties"]["category"]["$ref"] == ref["Category"]
    assert schemas["EventOut"]["properties"]["status"]["$ref"] == ref["EventStatus"]
    assert schemas["AttendeeOut"]["properties"]["status"]["$ref"] == ref["RegistrationStatus"]
    for model in ("UserOut", "ProfileOut", "RoleIn", "RoleChanged", "SignedUp"):
        assert schemas[model]["properties"]["role"]["$ref"] == ref["Role"]
    # Still a subset, spelled out: a registration answers confirmed or waitlisted, never cancelled.
    assert schemas["RegistrationOut"]["properties"]["status"]["enum"] == ["confirmed", "waitlisted"]


def test_filters_by_the_vocabulary_read_the_stored_words(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1, category="seminar")
    register(client, event_id, 1)
    second = register(client, event_id, 2)
    seen = {"X-Consistent-With": str(second["position"])}

    listed = client.get("/api/events", params={"category": "seminar"}, headers=seen).json()
    assert [(e["id"], e["category"], e["status"]) for e in listed["items"]] == [
        (event_id, "seminar", "published")]
    assert client.get("/api/events", params={"category": "social"}, headers=seen).json()["total"] == 0

    attendees = client.get(f"/api/events/{event_id}/attendees", params={"status": "waitlisted"},
                           headers={**as_organizer(client), **seen}).json()
    assert [(a["email"], a["status"]) for a in attendees["items"]] == [
        ("guest2@example.org", "waitlisted")]

    users = client.get("/api/users", params={"role": "organizer"},
                       headers={**login(client, "admin"), **seen}).json()
    assert users["total"] >= 1 and {u["role"] for u in users["items"]} == {"organizer"}
