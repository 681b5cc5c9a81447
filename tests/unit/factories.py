"""Test data factories for the domain: given-events / when-command / then-events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from command_api.domain.community_event import CommunityEvent

NOW = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)


def event_details(**overrides: Any) -> dict[str, Any]:
    starts = NOW + timedelta(days=7)
    details: dict[str, Any] = dict(
        organizer_id="org-1", organizer_name="Olu", title="Bike repair",
        description="Fix brakes", category="workshop", tags=["bikes"], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone="Asia/Kolkata",
        location={"country": "IN", "city": "Pune"}, capacity=2, waitlist_enabled=True)
    details.update(overrides)
    return details


def published_event(**overrides: Any) -> CommunityEvent:
    """Given: an event was scheduled and published (its events are already 'in the past')."""
    event = CommunityEvent.schedule(actor="org-1", now=NOW, **event_details(**overrides))
    event.publish(actor="org-1", now=NOW)
    event.collect_events()
    return event


def given_registrations(event: CommunityEvent, count: int) -> list[UUID]:
    ids = [uuid4() for _ in range(count)]
    for i, registration_id in enumerate(ids):
        event.admit(registration_id, name=f"P{i}", email=f"p{i}@x.org", actor="guest", now=NOW)
    event.collect_events()
    return ids


def then_events(aggregate: Any) -> list[str]:
    """The names of the events the command just decided (and clears them)."""
    return [type(e).__name__ for e in aggregate.collect_events()]
