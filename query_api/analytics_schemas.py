"""The analytics answers (../API.md "Analytics"; the definitions there are the contract).

Rates are fractions from 0 to 1, null where their denominator is 0; averages are null without
ratings. Instants are rendered in the event's zone (or `tz=`).
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from command_api.domain.vocabulary import Category, EventStatus

Rate = float | None


class DailyActivityOut(BaseModel):
    """One local date of the event (its own time zone) on which something happened."""

    date: date
    registrations: int
    cancellations: int
    waitlist_joins: int
    promotions: int
    check_ins: int


class EventAnalyticsOut(BaseModel):
    """One event's numbers: counts, rates, ratings and a daily series in the event's zone."""

    model_config = {"json_schema_extra": {"examples": [{
        "event_id": "0d5c6f0e-7f55-4d53-9a43-5b0b1c3f9a11", "title": "Intro to bike repair",
        "starts_at": "2030-05-01T18:00:00+05:30", "ends_at": "2030-05-01T20:00:00+05:30",
        "timezone": "Asia/Kolkata", "status": "published", "category": "workshop",
        "country": "IN", "organizer_id": "5b0b1c3f-0d5c-4d53-9a43-7f55a11f9a11", "capacity": 2,
        "registrations": 4, "cancellations": 1, "waitlist_joins": 2, "promotions": 1,
        "confirmed": 2, "checked_in": 1, "attendance_rate": 0.5, "no_show_rate": 0.5,
        "waitlist_conversion_rate": 0.5, "sold_out_at": "2030-04-20T10:15:00+05:30",
        "rating_avg": 4.0, "rating_count": 1,
        "rating_distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0},
        "daily": [{"date": "2030-04-20", "registrations": 4, "cancellations": 1,
                   "waitlist_joins": 2, "promotions": 1, "check_ins": 0}]}]}}

    event_id: UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: EventStatus
    category: Category
    country: str
    organizer_id: str
    capacity: int
    registrations: int = Field(description="Accepted (confirmed at once or waitlisted), "
                                           "cancelled ones included")
    cancellations: int = Field(description="Cancelled, from either state")
    waitlist_joins: int
    promotions: int = Field(description="Waitlisted registrations moved to confirmed")
    confirmed: int = Field(description="Confirmed now")
    checked_in: int = Field(description="Confirmed and checked in now")
    attendance_rate: Rate = Field(description="checked_in / confirmed; null when confirmed is 0")
    no_show_rate: Rate = Field(description="1 - attendance_rate once the event has ended, "
                                           "else null")
    waitlist_conversion_rate: Rate = Field(description="promotions / waitlist_joins; null when 0")
    sold_out_at: datetime | None = Field(description="First instant the confirmed count "
                                                     "reached capacity; null if never")
    rating_avg: float | None
    rating_count: int
    rating_distribution: dict[str, int] = Field(description='Scores "1" to "5" and how many '
                                                            "gave each")
    daily: list[DailyActivityOut] = Field(description="Dates with activity, in the event's "
                                                      "time zone, ascending")


class MonthRowOut(BaseModel):
    """The matching events that start in one month (of their own time zone)."""

    month: str = Field(description='"YYYY-MM"', examples=["2030-05"])
    events: int
    registrations: int
    attendance_rate: Rate


class CategoryRowOut(BaseModel):
    """The matching events of one category."""

    category: Category
    events: int
    registrations: int
    attendance_rate: Rate
    rating_avg: float | None


class TopEventOut(BaseModel):
    """One of the ten matching events with the most registrations."""

    event_id: UUID
    title: str
    registrations: int


class AnalyticsOverviewOut(BaseModel):
    """Totals over the matching events (published and cancelled; never drafts or deleted ones),
    rates over them together, and the per-month, per-category and top-events tables."""

    model_config = {"json_schema_extra": {"examples": [{
        "events": 2, "registrations": 7, "cancellations": 1, "unique_attendees": 5,
        "repeat_attendees": 1, "attendance_rate": 0.6, "rating_avg": 4.5,
        "by_month": [{"month": "2030-05", "events": 2, "registrations": 7,
                      "attendance_rate": 0.6}],
        "by_category": [{"category": "workshop", "events": 2, "registrations": 7,
                         "attendance_rate": 0.6, "rating_avg": 4.5}],
        "top_events": [{"event_id": "0d5c6f0e-7f55-4d53-9a43-5b0b1c3f9a11",
                        "title": "Intro to bike repair", "registrations": 4}]}]}}

    events: int
    registrations: int
    cancellations: int
    unique_attendees: int = Field(description="Distinct people (member, or normalised email "
                                              "of a guest) with a registration accepted")
    repeat_attendees: int = Field(description="Those among them accepted for 2 or more of the "
                                              "matching events")
    attendance_rate: Rate = Field(description="sum(checked_in) / sum(confirmed)")
    rating_avg: float | None = Field(description="All the matching events' ratings together")
    by_month: list[MonthRowOut] = Field(description="By start month, ascending")
    by_category: list[CategoryRowOut]
    top_events: list[TopEventOut] = Field(description="Most registrations first; ties by "
                                                      "title, then id")
