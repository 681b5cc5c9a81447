"""iCalendar (RFC 5545) rendering of one event: a VCALENDAR with one VEVENT."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from command_api.domain.vocabulary import EventStatus

PRODID = "-//EventConnect//Community events//EN"
STATUS = {EventStatus.PUBLISHED: "CONFIRMED", EventStatus.CANCELLED: "CANCELLED",
          EventStatus.DRAFT: "TENTATIVE"}
MAX_OCTETS = 75


def escape(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Folds a content line to at most 75 octets per physical line (RFC 5545 3.1), never
    splitting a UTF-8 character; continuation lines start with one space."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def render(row: dict[str, Any], *, host: str = "eventconnect.example") -> str:
    """The calendar file for an event row of the catalogue."""
    place = ", ".join(p for p in (row["venue"], row["city"], row["country"]) if p)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{row['id']}@{host}",
        # DTSTAMP of a calendar without a METHOD-driven exchange = last revision of the event
        f"DTSTAMP:{utc(row['updated_at'])}",
        f"CREATED:{utc(row['created_at'])}",
        f"LAST-MODIFIED:{utc(row['updated_at'])}",
        f"SEQUENCE:{row['version']}",
        f"DTSTART:{utc(row['starts_at'])}",
        f"DTEND:{utc(row['ends_at'])}",
        f"SUMMARY:{escape(row['title'])}",
        f"DESCRIPTION:{escape(row['description'])}",
        f"LOCATION:{escape(place)}",
        f"STATUS:{STATUS.get(row['status'], 'CONFIRMED')}",
        f"CATEGORIES:{','.join(escape(c) for c in [row['category'], *row['tags']])}",
    ]
    if row["online_url"]:
        lines.append(f"URL:{row['online_url']}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
