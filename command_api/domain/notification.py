"""The Notification aggregate: one message to one person about one thing that happened.

Its id is derived from (kind, the source domain event's (aggregate id, version), recipient): the
notifier deciding the same source event again — after a crash, or in a second process — creates
version 1 of the same stream again and the store refuses it. A notification is issued at most
once by construction, whatever runs twice.
"""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from command_api.domain.vocabulary import NotificationKind

_NAMESPACE = uuid5(NAMESPACE_URL, "https://eventconnect.example/notifications")


def notification_id_for(kind: str, source_id: UUID, source_version: int, recipient: str) -> UUID:
    """The one id a notification of `kind` about that source event to `recipient` can have.
    `recipient` is the member id, or for a guest the registration id (one person either way)."""
    return uuid5(_NAMESPACE, f"{kind}:{source_id.hex}:{source_version}:{recipient}")


class Notification(Aggregate):
    """A notification for a member's inbox and/or an email, issued by the notifier."""

    class Issued(Aggregate.Created):
        actor: str
        kind: str
        event_id: UUID | None
        registration_id: str | None
        member_id: str | None  # None: a guest, who has no inbox (email only)
        email: str
        locale: str
        timezone: str
        title: str
        body: str
        email_wanted: bool
        name: str = ""  # the recipient's name, for the email's greeting

    def __init__(self, actor: str, kind: str, event_id: UUID | None, registration_id: str | None,
                 member_id: str | None, email: str, locale: str, timezone: str, title: str,
                 body: str, email_wanted: bool, name: str = "") -> None:
        self.kind = NotificationKind(kind)
        self.event_id = event_id
        self.registration_id = registration_id
        self.member_id = member_id
        self.email = email
        self.locale = locale
        self.timezone = timezone
        self.title = title
        self.body = body
        self.email_wanted = email_wanted
        self.name = name
        self.read = False

    @classmethod
    def issue(cls, *, id: UUID, kind: NotificationKind, event_id: UUID | None,
              registration_id: str | None, member_id: str | None, email: str, locale: str,
              timezone: str, title: str, body: str, email_wanted: bool, actor: str,
              now: datetime, name: str = "") -> Notification:
        return cls._create(cls.Issued, id=id, timestamp=now, actor=actor, kind=str(kind),
                           event_id=event_id, registration_id=registration_id,
                           member_id=member_id, email=email, locale=locale, timezone=timezone,
                           title=title, body=body, email_wanted=email_wanted, name=name)

    class Read(Aggregate.Event):
        actor: str

        def apply(self, notification: Notification) -> None:
            notification.read = True

    def mark_read(self, *, actor: str, now: datetime) -> bool:
        """Marks it read; False (and no event) when it already was, so a second click is a
        no-op rather than an error."""
        if self.read:
            return False
        self.trigger_event(self.Read, actor=actor, timestamp=now)
        return True

    def is_for(self, member_id: str) -> bool:
        return self.member_id is not None and self.member_id == member_id
