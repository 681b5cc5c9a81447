"""The domain's words: one StrEnum per closed set of values, used by aggregates, schemas,
projections and queries alike.

StrEnum members are `str`s whose value is the word itself, so an event stored before these
existed (its fields decode as plain strings) compares equal to the member, a member written into
an event or a row is stored as the bare word (`str(member)` and JSON both give the value), and
the wire values of the API do not change.
"""

from __future__ import annotations

from enum import StrEnum


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    DELETED = "deleted"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Role(StrEnum):
    ADMIN = "admin"
    ORGANIZER = "organizer"
    MEMBER = "member"
    ANALYST = "analyst"


class Category(StrEnum):
    WORKSHOP = "workshop"
    SEMINAR = "seminar"
    VOLUNTEER = "volunteer"
    FUNDRAISER = "fundraiser"
    SOCIAL = "social"
    OTHER = "other"


class NotificationKind(StrEnum):
    """What a notification (inbox item, email) is about; also the email's X-EventConnect-Kind."""

    REGISTRATION_CONFIRMED = "registration_confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    REGISTRATION_CANCELLED = "registration_cancelled"
    EVENT_CHANGED = "event_changed"
    EVENT_CANCELLED = "event_cancelled"
    REMINDER = "reminder"
    FEEDBACK_REQUEST = "feedback_request"


# Drafts and deleted events never appear in listings.
LISTED_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)

__all__ = ["LISTED_STATUSES", "Category", "EventStatus", "NotificationKind", "RegistrationStatus",
           "Role"]
