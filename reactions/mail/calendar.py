"""The `.ics` attachment of confirmation emails: the event as one RFC 5545 VEVENT."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar
from icalendar import Event as VEvent

from command_api.domain.community_event import CommunityEvent
from reactions.wording import format_place


def event_ics(event: CommunityEvent, *, url: str, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//EventConnect//Notifications//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = VEvent()
    # The same UID in every email about this event: calendars update the entry, never duplicate it.
    entry.add("uid", f"{event.id}@eventconnect")
    entry.add("dtstamp", now)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    place = format_place(event.location)
    if place:
        entry.add("location", place)
    entry.add("url", url)
    entry.add("description", f"{event.description}\n\n{url}".strip())
    calendar.add_component(entry)
    return bytes(calendar.to_ical())
