"""Request and response models of the write side. Every input is bounded and validated here;
the rules that need the clock or the event's state (past start, capacity vs confirmed) are the
aggregates'."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

import pycountry
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from command_api.domain.vocabulary import Category, RegistrationStatus
from kernel.emails import MAX_EMAIL_LENGTH
from kernel.emails import Email as _Email
from kernel.inputs import MULTI_LINE, SINGLE_LINE, Instant, casefolded_within, fits, iana_zone


def _country(code: str) -> str:
    code = code.upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code


TimeZoneName = Annotated[str, StringConstraints(max_length=64), SINGLE_LINE, AfterValidator(iana_zone)]
CountryCode = Annotated[str, StringConstraints(min_length=2, max_length=2), AfterValidator(_country)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                  SINGLE_LINE]
Description = Annotated[str, StringConstraints(max_length=10_000), MULTI_LINE]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
                SINGLE_LINE]
PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
                       SINGLE_LINE]
# The read models store the normal form (an IDN domain may grow when normalised).
Email = Annotated[_Email, fits(MAX_EMAIL_LENGTH)]
# The catalogue indexes the case-folded city ("ß" folds to "ss"): both forms must fit.
City = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
                 SINGLE_LINE, casefolded_within(100)]
# Strict: JSON `"3"`, `3.0` or `true` is not a capacity, and `0`/`"yes"` not a boolean — lax
# coercion accepted them (found by Schemathesis), so a typo in a client looked accepted.
Capacity = Annotated[StrictInt, Field(ge=1, le=100_000)]
MAX_URL_LENGTH = 500


def _url_fits(url: HttpUrl) -> HttpUrl:
    if len(str(url)) > MAX_URL_LENGTH:
        raise ValueError(f"must be at most {MAX_URL_LENGTH} characters once normalised")
    return url


class Strict(BaseModel):
    # Unknown fields are refused rather than silently dropped: a typo should not look accepted.
    model_config = ConfigDict(extra="forbid")


class Location(Strict):
    country: CountryCode
    city: City
    venue: Annotated[str, StringConstraints(max_length=200), SINGLE_LINE] | None = None
    # Checked once normalised too: punycode and percent-encoding lengthen a URL.
    online_url: Annotated[HttpUrl, StringConstraints(max_length=500),
                          AfterValidator(_url_fits)] | None = None


EXAMPLE_EVENT: dict[str, Any] = {
    "title": "Intro to bike repair",
    "description": "Bring your bike; we fix brakes and gears together.",
    "category": Category.WORKSHOP,
    "tags": ["bikes", "repair"],
    "starts_at": "2030-05-01T18:00:00+05:30",
    "ends_at": "2030-05-01T20:00:00+05:30",
    "timezone": "Asia/Kolkata",
    "location": {"country": "IN", "city": "Pune", "venue": "Community hall"},
    "capacity": 20,
    "waitlist_enabled": True,
    "publish": True,
}


class EventIn(Strict):
    """A new event. Times carry an offset; `timezone` is the zone the event happens in."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_EVENT]})

    title: Title
    description: Description = ""
    category: Category
    tags: Annotated[list[Tag], Field(max_length=20)] = []
    starts_at: Instant
    ends_at: Instant
    timezone: TimeZoneName
    location: Location
    capacity: Capacity
    waitlist_enabled: StrictBool = True
    publish: StrictBool = True
    organizer_name: PersonName | None = Field(
        default=None, deprecated=True,
        description="Ignored: the organizer is the signed-in caller, named by their account.")

    @model_validator(mode="after")
    def _ends_after_start(self) -> EventIn:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class EventPatch(Strict):
    """Any subset of EventIn's fields; `capacity` promotes waitlisted people into new seats."""

    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [{"title": "Bike repair II",
                                                               "capacity": 30}]})

    title: Title | None = None
    description: Description | None = None
    category: Category | None = None
    tags: Annotated[list[Tag], Field(max_length=20)] | None = None
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    timezone: TimeZoneName | None = None
    location: Location | None = None
    capacity: Capacity | None = None
    waitlist_enabled: StrictBool | None = None
    organizer_name: PersonName | None = Field(
        default=None, deprecated=True,
        description="Ignored: the organizer's name comes from their account.")


class CancelEventIn(Strict):
    reason: Annotated[str, StringConstraints(max_length=1000), MULTI_LINE] = ""


class RegistrationIn(Strict):
    """A guest sends a name and an email; a signed-in member sends `{}` (or no body) and is
    registered as themself."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"name": "Asha Rao", "email": "asha@example.org"}, {}]})

    name: PersonName | None = None
    email: Email | None = None


class Positioned(BaseModel):
    position: int = Field(description="Event-store position this command reached; pass it as "
                                      "X-Consistent-With to read your own write.")


class EventCreated(Positioned):
    id: UUID


class EventChanged(Positioned):
    id: UUID


class RegistrationOut(Positioned):
    registration_id: UUID
    status: Literal[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    waitlist_position: int | None
    cancel_token: str | None = Field(description="Only for guests: keep it to cancel later.")


class CancellationOut(Positioned):
    registration_id: UUID
    status: Literal[RegistrationStatus.CANCELLED] = RegistrationStatus.CANCELLED
    promoted_registration_id: UUID | None


class CheckInOut(Positioned):
    registration_id: UUID
    checked_in_at: AwareDatetime


class ScanIn(BaseModel):
    """A door scan: the ticket's code, or (from the attendee list) the registration's id."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"ticket_code": "K3QZ-7XWB-2M4T-J6PA"},
        {"registration_id": "5f0f3d3e-2b1e-5e7e-9f57-0d1f7c2a4b10",
         "checked_in_at": "2030-05-01T18:04:00+02:00"}]})

    ticket_code: Annotated[str, SINGLE_LINE] | None = Field(
        None, min_length=1, max_length=64,
        description="As printed or scanned; case, spaces and dashes do not matter")
    registration_id: UUID | None = None
    checked_in_at: Instant | None = Field(None, description="When an offline scanner scanned "
                                          "it (within the last 7 days)")

    @model_validator(mode="after")
    def one_of_code_or_id(self) -> ScanIn:
        if (self.ticket_code is None) == (self.registration_id is None):
            raise ValueError("give exactly one of ticket_code and registration_id")
        return self


class ScanOut(Positioned):
    registration_id: UUID
    checked_in_at: AwareDatetime = Field(description="The first scan's time, the one kept")
    already_checked_in: bool = Field(description="True when this ticket was checked in before "
                                     "this scan; it is counted once")
