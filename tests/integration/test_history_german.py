"""The history in German when the request asks for it (`Accept-Language`), English otherwise:
the same story as test_history_summaries, told in both, and German can't fall behind English."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

from command_api.domain.community_event import CommunityEvent
from eventconnect.container import Container
from kernel.authz import ANONYMOUS, system
from query_api.history_summaries import FIELDS, WORDS, summaries
from query_api.language import preferred_language
from tests.conftest import FakeClock
from tests.integration.test_history_summaries import Story, history

ENGLISH = [
    'Olu Organizer scheduled "Bike repair" with 1 seat',
    "Olu Organizer published the event",
    "Ann registered and got a seat",
    "Bo joined the waitlist at position 1",
    "Cy joined the waitlist at position 2",
    "Bo was promoted from waitlist position 1 because Ann cancelled",
    "Di joined the waitlist at position 2",
    "Capacity raised from 1 to 3 by Rae Root; 2 people promoted from the waitlist (Cy and Di)",
    "Bo was checked in by Olu Organizer",
    "Cy's seat was cancelled by Olu Organizer",
    "Ed registered and got a seat",
    "Ed rated the event 4 of 5 with a comment",
]
GERMAN = [
    "Olu Organizer hat „Bike repair“ mit 1 Platz angelegt",
    "Olu Organizer hat die Veranstaltung veröffentlicht",
    "Ann hat sich angemeldet und einen Platz bekommen",
    "Bo steht auf der Warteliste auf Platz 1",
    "Cy steht auf der Warteliste auf Platz 2",
    "Bo ist von Wartelistenplatz 1 nachgerückt, weil Ann storniert hat",
    "Di steht auf der Warteliste auf Platz 2",
    "Kapazität von Rae Root von 1 auf 3 erhöht; 2 Personen von der Warteliste nachgerückt "
    "(Cy und Di)",
    "Bo wurde von Olu Organizer eingecheckt",
    "Der Platz von Cy wurde von Olu Organizer storniert",
    "Ed hat sich angemeldet und einen Platz bekommen",
    "Ed hat die Veranstaltung mit 4 von 5 bewertet und einen Kommentar geschrieben",
]


@pytest.fixture
def story(container: Container, clock: FakeClock) -> Story:
    """The shared story, then the organizer cancels Cy's seat, Ed takes it and, once the event
    has begun, rates it."""
    told = Story(container, clock)
    app = container.write_model
    app.cancel_registration(told.event_id, told.people["cy"],
                            principal=system(str(told.organizer.id)))
    ed = app.register(told.event_id, name="Ed", email="ed@example.org", actor="guest")
    clock.advance(days=10)  # the event began half an hour ago: ratings are open
    app.rate_as_guest(told.event_id, ed.registration_id, token=ed.cancel_token, score=4,
                      comment="Sehr hilfreich", principal=ANONYMOUS)
    container.runner.catch_up()
    return told


def said(client: TestClient, story: Story, **headers: str) -> list[str]:
    response = client.get(f"/api/events/{story.event_id}/history",
                          params={"page_size": 100}, headers=headers)
    assert response.status_code == 200, response.text
    return [item["summary"] for item in response.json()["items"]]


def test_the_story_in_german(client: TestClient, story: Story) -> None:
    assert said(client, story, **{"Accept-Language": "de"}) == GERMAN
    assert said(client, story, **{"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"}) == GERMAN


def test_the_first_language_we_speak_wins_in_q_order(client: TestClient, story: Story) -> None:
    assert said(client, story, **{"Accept-Language": "fr, de;q=0.8"}) == GERMAN
    assert said(client, story, **{"Accept-Language": "en;q=0.5, de"}) == GERMAN
    assert said(client, story, **{"Accept-Language": "de;q=0.4, en;q=0.7"}) == ENGLISH
    for header in ("xx", "fr-FR, *;q=0.1", ";;;,,,q=", "de;q=abc", "de;q=0", "\x7f", ""):
        assert said(client, story, **{"Accept-Language": header}) == ENGLISH, header
    assert said(client, story) == ENGLISH
    assert history(client, story.event_id)["total"] == len(ENGLISH)


@pytest.mark.parametrize(("header", "language"), [
    (None, "en"), ("", "en"), ("de", "de"), ("DE-at", "de"), ("de_CH", "de"), ("en-GB", "en"),
    ("fr, de;q=0.8", "de"), ("fr;q=1, en;q=0.2, de;q=0.1", "en"), ("de;q=nan, en", "en"),
    ("de;q=inf", "en"), ("de;q=-1", "en"), ("de;q=1.5", "en"), ("de;level=1;q=0.9", "de"),
    ("xx", "en"), ("*", "en"), (",", "en"), ("q=0.9", "en"), ("x" * 10_000, "en"),
])
def test_accept_language_parsing_never_raises(header: str | None, language: str) -> None:
    assert preferred_language(header) == language


def test_every_english_template_has_a_german_one() -> None:
    assert set(WORDS) == set(FIELDS) == {"en", "de"}
    assert set(WORDS["de"]) == set(WORDS["en"])
    assert set(FIELDS["de"]) == set(FIELDS["en"])
    for key, english in WORDS["en"].items():  # the same placeholders, or a sentence loses one
        assert placeholders(WORDS["de"][key]) == placeholders(english), key


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_fallback_pieces_in_german() -> None:
    """Actors and people the fold cannot name, a later event type, and edited fields."""
    class CheckInUndone:  # an event type the module does not know yet
        def __init__(self, actor: str) -> None:
            self.actor, self.registration_id = actor, "r1"

    envelope: dict[str, Any] = dict(originator_id=uuid4(), timestamp=datetime.now(UTC))
    events = [
        CommunityEvent.RegistrationConfirmed(originator_version=2, actor="guest",
                                             registration_id="r1", name="Asha Rao",
                                             email="asha@example.org", **envelope),
        CheckInUndone("system"), CheckInUndone("guest"), CheckInUndone("org-9"),
        CommunityEvent.DetailsChanged(originator_version=3, actor="org-9",
                                      changes={"title": "x", "starts_at": "y", "colour": "z"},
                                      **envelope),
        CommunityEvent.CheckInUndone(originator_version=4, actor="cli", registration_id="r2",
                                     checked_in_at=datetime.now(UTC), **envelope),
    ]
    assert summaries(events, lambda actor: None, "de") == [
        "Asha Rao hat sich angemeldet und einen Platz bekommen",
        "Check in undone für Asha Rao vom System",
        "Check in undone für Asha Rao von einem Gast",
        "Check in undone für Asha Rao von einem Veranstalter",
        "Ein Veranstalter hat den Titel, den Beginn und colour geändert",
        "Das System hat den Check-in von jemandem rückgängig gemacht",
    ]
    assert summaries(events, lambda actor: None, "fr")[1] == (
        "Check in undone for Asha Rao by the system")


def test_the_door_in_german(client: TestClient, story: Story, clock: FakeClock) -> None:
    app = story.container.write_model
    admin = system(str(story.admin.id))
    di = story.people["di"]
    app.scan(story.event_id, di, principal=admin, scanned_at=clock.now - timedelta(minutes=2))
    app.undo_check_in(story.event_id, di, principal=admin)
    story.container.runner.catch_up()
    assert said(client, story, **{"Accept-Language": "de"})[-2:] == [
        "Di wurde von Rae Root eingecheckt (später von einem Offline-Scanner übermittelt)",
        "Rae Root hat den Check-in von Di rückgängig gemacht",
    ]
