"""iCalendar (RFC 5545) rendering of events with the `icalendar` package: VEVENTs in the event's
own zone (DTSTART;TZID=...), the VTIMEZONE(s) they reference, and a display alarm."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from command_api.domain.vocabulary import EventStatus

PRODID = "-//EventConnect//Community events//EN"
STATUS = {EventStatus.PUBLISHED: "CONFIRMED", EventStatus.CANCELLED: "CANCELLED",
          EventStatus.DRAFT: "TENTATIVE"}
ALARM_BEFORE = timedelta(hours=1)
GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"


def utc(value: datetime) -> str:
    """UTC "basic" format (20300501T123000Z), as calendars and Google's template expect."""
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _place(row: dict[str, Any]) -> str:
    return ", ".join(p for p in (row["venue"], row["city"], row["country"]) if p)


def vevent(row: dict[str, Any], *, host: str = "eventconnect.example") -> Event:
    """One catalogue row as a VEVENT. The UID is the event id (stable across edits) and
    SEQUENCE/LAST-MODIFIED follow the event's version, so a calendar replaces its copy."""
    zone = ZoneInfo(row["timezone"])
    event = Event()
    event.add("uid", f"{row['id']}@{host}")
    # DTSTAMP of a calendar published without a scheduling exchange = last revision
    event.add("dtstamp", row["updated_at"].astimezone(UTC))
    event.add("created", row["created_at"].astimezone(UTC))
    event.add("last-modified", row["updated_at"].astimezone(UTC))
    event.add("sequence", int(row["version"]))
    # Local times with TZID: a calendar shows the event at the right wall-clock time even if
    # the zone's rules change later (the VTIMEZONE below describes them).
    event.add("dtstart", row["starts_at"].astimezone(zone))
    event.add("dtend", row["ends_at"].astimezone(zone))
    event.add("summary", row["title"])
    event.add("description", row["description"])
    event.add("location", _place(row))
    event.add("status", STATUS.get(row["status"], "CONFIRMED"))
    event.add("categories", [row["category"], *row["tags"]])
    if row["online_url"]:
        event.add("url", row["online_url"])
    if row["status"] != EventStatus.CANCELLED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Starts in 1 hour: {row['title']}")
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
    return event


def calendar(rows: Iterable[dict[str, Any]], *, name: str | None = None,
             host: str = "eventconnect.example") -> Calendar:
    """A VCALENDAR of the rows plus one VTIMEZONE per zone used."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    rows = list(rows)
    for row in rows:
        cal.add_component(vevent(row, host=host))
    if rows:
        # Transitions only around the events keep the VTIMEZONE short (the default spans 1970-2038).
        first = min(r["starts_at"] for r in rows).date() - timedelta(days=366)
        last = max(r["ends_at"] for r in rows).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=max(first, date(1971, 1, 1)), last_date=last)
    return cal


def render(row: dict[str, Any], *, host: str = "eventconnect.example") -> str:
    """The calendar file for one event row of the catalogue."""
    return calendar([row], host=host).to_ical().decode()


def google_calendar_url(row: dict[str, Any]) -> str:
    """An "add to Google Calendar" link; dates in UTC basic format, shown in the event's zone."""
    query = {"action": "TEMPLATE", "text": row["title"],
             "dates": f"{utc(row['starts_at'])}/{utc(row['ends_at'])}",
             "details": row["description"], "location": _place(row) or (row["online_url"] or ""),
             "ctz": row["timezone"]}
    return f"{GOOGLE_TEMPLATE}?{urlencode(query)}"
