"""Response models of the read side (separate from the read-model tables they are built from)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from command_api.domain.vocabulary import Category, EventStatus, RegistrationStatus, Role

T = TypeVar("T")

# The name the read side has always used for a registration's status.
AttendeeStatus = RegistrationStatus

EXAMPLE_EVENT_OUT: dict[str, Any] = {
    "id": "0d5c6f0e-7f55-4d53-9a43-5b0b1c3f9a11",
    "title": "Intro to bike repair",
    "description": "Bring your bike; we fix brakes and gears together.",
    "category": Category.WORKSHOP,
    "tags": ["bikes", "repair"],
    "starts_at": "2030-05-01T18:00:00+05:30",
    "ends_at": "2030-05-01T20:00:00+05:30",
    "timezone": "Asia/Kolkata",
    "location": {"country": "IN", "city": "Pune", "venue": "Community hall", "online_url": None},
    "capacity": 20,
    "confirmed_count": 18,
    "seats_left": 2,
    "waitlist_length": 0,
    "waitlist_enabled": True,
    "status": EventStatus.PUBLISHED,
    "organizer": {"id": "org-1", "name": "Asha Rao"},
    "rating_avg": None,
    "rating_count": 0,
    "created_at": "2030-04-01T10:00:00+05:30",
    "updated_at": "2030-04-20T09:30:00+05:30",
}


class OrganizerOut(BaseModel):
    id: str
    name: str


class LocationOut(BaseModel):
    country: str = Field(description="ISO 3166-1 alpha-2")
    city: str
    venue: str | None = None
    online_url: str | None = None


class EventOut(BaseModel):
    """A community event as members see it; times in the requested zone (default: its own)."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_EVENT_OUT]})

    id: UUID
    title: str
    description: str
    category: str
    tags: list[str]
    starts_at: datetime
    ends_at: datetime
    timezone: str = Field(description="The IANA zone the event happens in")
    location: LocationOut
    capacity: int
    confirmed_count: int
    seats_left: int
    waitlist_length: int
    waitlist_enabled: bool
    status: EventStatus
    organizer: OrganizerOut
    rating_avg: float | None
    rating_count: int
    created_at: datetime
    updated_at: datetime
    series_id: UUID | None = Field(None, description="The recurring series this event is part "
                                   "of (GET /api/series/{id}); null when none")
    google_calendar_url: str = Field("", description="Opens Google Calendar with the event filled "
                                     "in (times in UTC, shown in the event's zone)")


class Page(BaseModel, Generic[T]):
    """One page of a list; `total` counts every match (a lower bound when `total_exact` is
    false: event search stops counting past 1,000 matches)."""

    items: list[T]
    total: int
    page: int
    page_size: int
    total_exact: bool = Field(True, description="False when `total` is a lower bound: "
                              "there are more matches than it says")


class AttendeeOut(BaseModel):
    """One registration of an event."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "registration_id": "5f0f3d3e-2b1e-5e7e-9f57-0d1f7c2a4b10", "name": "Asha Rao",
        "email": "asha@example.org", "status": RegistrationStatus.WAITLISTED,
        "registered_at": "2030-04-02T11:00:00+05:30", "checked_in_at": None,
        "cancelled_at": None, "waitlist_position": 1}]})

    registration_id: UUID
    name: str
    email: str
    status: AttendeeStatus
    registered_at: datetime
    checked_in_at: datetime | None
    cancelled_at: datetime | None
    waitlist_position: int | None = Field(description="1 = next to be promoted; null unless "
                                                      "waitlisted")


class WaitlistEntryOut(BaseModel):
    """A waitlisted registration and its place in line."""

    registration_id: UUID
    name: str
    email: str
    registered_at: datetime
    waitlist_position: int


class HistoryEntryOut(BaseModel):
    """One recorded domain event of the event's ledger."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "position": 42, "type": "registration.confirmed",
        "occurred_at": "2030-04-02T11:00:00+05:30", "actor": "guest",
        "data": {"registration_id": "5f0f3d3e2b1e5e7e9f570d1f7c2a4b10", "name": "Asha Rao",
                 "email": "asha@example.org"},
        "summary": "Asha Rao registered and got a seat"}]})

    position: int = Field(description="Global event-store position")
    type: str = Field(description="Dotted name, e.g. `event.scheduled`, `registration.confirmed`")
    occurred_at: datetime
    actor: str
    data: dict[str, Any]
    summary: str = Field(description="One plain sentence naming people and reasons, e.g. "
                         "`Asha Rao was promoted from waitlist position 1 because Ben Li "
                         "cancelled`; in German when the event history is asked for with "
                         "`Accept-Language: de`, else English; derived when read, never stored")


class UserOut(BaseModel):
    """An account as the admin's user list shows it."""

    id: UUID
    email: str
    name: str
    role: Role
    timezone: str
    locale: str
    active: bool
    created_at: datetime


class MyRegistrationOut(BaseModel):
    """One of the signed-in member's registrations, with its event."""

    event: EventOut
    registration_id: UUID
    status: AttendeeStatus
    waitlist_position: int | None = Field(description="1 = next to be promoted; null unless "
                                                      "waitlisted")
