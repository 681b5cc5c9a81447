"""The words of notifications (inbox title and body, also the heart of each email), in English and
German, and times as the recipient reads them: in their own time zone and language."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from command_api.domain.vocabulary import NotificationKind as Kind

LOCALES = ("en", "de")

# kind -> (title, body); fields: event, when, place, reason, ahead
WORDS: dict[str, dict[Kind, tuple[str, str]]] = {
    "en": {
        Kind.REGISTRATION_CONFIRMED: ("You're registered: {event}",
                                      "Your seat for {event} on {when} is confirmed."),
        Kind.WAITLISTED: ("On the waitlist: {event}",
                          "{event} on {when} is full; you are on the waitlist and move up "
                          "automatically when a seat frees up."),
        Kind.PROMOTED: ("A seat for you: {event}",
                        "A seat freed up: you moved from the waitlist to confirmed for {event} "
                        "on {when}."),
        Kind.REGISTRATION_CANCELLED: ("Registration cancelled: {event}",
                                      "Your registration for {event} on {when} was cancelled."),
        Kind.EVENT_CHANGED: ("Changed: {event}",
                             "{event} has changed. It now takes place on {when}{place}."),
        Kind.EVENT_CANCELLED: ("Cancelled: {event}",
                               "{event} on {when} was cancelled by the organizer.{reason}"),
        Kind.REMINDER: ("Reminder: {event} {ahead}",
                        "{event} starts {ahead}, on {when}{place}."),
        Kind.FEEDBACK_REQUEST: ("How was {event}?",
                                "Thank you for coming to {event}. Rate it and tell the organizer "
                                "what you thought."),
    },
    "de": {
        Kind.REGISTRATION_CONFIRMED: ("Sie sind angemeldet: {event}",
                                      "Ihr Platz für {event} am {when} ist bestätigt."),
        Kind.WAITLISTED: ("Auf der Warteliste: {event}",
                          "{event} am {when} ist ausgebucht; Sie stehen auf der Warteliste und "
                          "rücken automatisch nach, sobald ein Platz frei wird."),
        Kind.PROMOTED: ("Ein Platz für Sie: {event}",
                        "Ein Platz wurde frei: Sie sind von der Warteliste nachgerückt und für "
                        "{event} am {when} bestätigt."),
        Kind.REGISTRATION_CANCELLED: ("Anmeldung storniert: {event}",
                                      "Ihre Anmeldung für {event} am {when} wurde storniert."),
        Kind.EVENT_CHANGED: ("Geändert: {event}",
                             "{event} hat sich geändert. Neuer Termin: {when}{place}."),
        Kind.EVENT_CANCELLED: ("Abgesagt: {event}",
                               "{event} am {when} wurde vom Veranstalter abgesagt.{reason}"),
        Kind.REMINDER: ("Erinnerung: {event} {ahead}",
                        "{event} beginnt {ahead}, am {when}{place}."),
        Kind.FEEDBACK_REQUEST: ("Wie war {event}?",
                                "Vielen Dank, dass Sie bei {event} waren. Bewerten Sie die "
                                "Veranstaltung und sagen Sie dem Veranstalter, wie es Ihnen "
                                "gefallen hat."),
    },
}

_DAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
         "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")}
_MONTHS = {"en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec"),
           "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
                  "Nov.", "Dez.")}


def language(locale: str | None) -> str:
    """`de-AT` -> `de`; anything without words here -> `en`."""
    head = (locale or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return head if head in LOCALES else "en"


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def format_when(instant: datetime, timezone: str, locale: str) -> str:
    """`Fri 7 Jun 2030, 19:00 (Europe/Berlin)` / `Fr. 7. Juni 2030, 19:00 (Europe/Berlin)`."""
    lang = language(locale)
    local = instant.astimezone(zone(timezone))
    day, month = _DAYS[lang][local.weekday()], _MONTHS[lang][local.month - 1]
    date = f"{day} {local.day}. {month} {local.year}" if lang == "de" else \
        f"{day} {local.day} {month} {local.year}"
    return f"{date}, {local:%H:%M} ({zone(timezone).key})"


def format_place(location: dict[str, Any] | None) -> str:
    location = location or {}
    parts = [location.get("venue"), location.get("city"), location.get("country")]
    place = ", ".join(str(p) for p in parts if p)
    return place or str(location.get("online_url") or "")


def format_ahead(offset_seconds: int, locale: str) -> str:
    """How far ahead a reminder is: `in 24 hours` / `in 24 Stunden`."""
    lang = language(locale)
    units = {"en": (("day", "days"), ("hour", "hours"), ("minute", "minutes")),
             "de": (("Tag", "Tagen"), ("Stunde", "Stunden"), ("Minute", "Minuten"))}[lang]
    for size, (one, many) in zip((86400, 3600, 60), units, strict=True):
        if offset_seconds >= size and offset_seconds % size == 0:
            count = offset_seconds // size
            return f"in {count} {one if count == 1 else many}"
    minutes = max(1, round(offset_seconds / 60))
    return f"in {minutes} {units[2][0] if minutes == 1 else units[2][1]}"


def words(kind: Kind, locale: str, *, event: str, when: str, place: str = "",
          reason: str = "", ahead: str = "") -> tuple[str, str]:
    """(title, body) of a notification in the recipient's language."""
    lang = language(locale)
    title, body = WORDS[lang][kind]
    fields = {"event": event, "when": when, "place": f", {place}" if place else "",
              "reason": f" {reason}" if reason else "", "ahead": ahead}
    return title.format(**fields), body.format(**fields)
