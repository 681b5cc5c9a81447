"""The notifier: follows the write model's log and issues a Notification for each thing a person
must hear about (docs/notifications.md), exactly once (reactions/reactor.py).

Recipients come from the write side (the Registration: member, email, language; the member's
Account: language, zone, email switch). Event-wide news (changed, cancelled) goes to every active
registrant admitted before the change, listed from the `attendees` read model once it has
processed the change (a query to find *whom* to tell; each notice is still decided here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from sqlalchemy import Engine, select

from command_api.application import EventConnect
from command_api.domain.account import Account
from command_api.domain.community_event import CommunityEvent
from command_api.domain.notification import notification_id_for
from command_api.domain.registration import Registration
from command_api.domain.vocabulary import NotificationKind as Kind
from command_api.domain.vocabulary import RegistrationStatus
from command_api.use_cases.notifications import Notice
from projections.tables import attendees
from reactions.reactor import Item, Reactor
from reactions.wording import format_ahead, format_place, format_when, words

log = logging.getLogger(__name__)

# DetailsChanged fields that change when or where the event happens (a new title does not).
WHEN_OR_WHERE = frozenset({"starts_at", "ends_at", "timezone", "location"})
ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class ReadModelBehind(Exception):
    """The attendees read model has not reached the event being fanned out yet."""


@dataclass(frozen=True)
class Recipient:
    registration_id: UUID
    member_id: str | None
    name: str
    email: str
    locale: str
    timezone: str
    email_wanted: bool
    reminders_wanted: bool


class Notifier(Reactor):
    name = "notifier"
    reads = (CommunityEvent.RegistrationConfirmed, CommunityEvent.RegistrantWaitlisted,
             CommunityEvent.RegistrationCancelled, CommunityEvent.CapacityChanged,
             CommunityEvent.DetailsChanged, CommunityEvent.Cancelled,
             Registration.ReminderSent, Registration.FeedbackRequested)

    def __init__(self, write_model: EventConnect, read_engine: Engine,
                 wait_for: Callable[[int, float], bool], *, fan_out_wait: float = 5.0,
                 **options: Any) -> None:
        super().__init__(write_model, **options)
        self.read_engine = read_engine
        self.wait_for = wait_for  # the projection runner's: has every read model reached it?
        self.fan_out_wait = fan_out_wait

    def save(self, position: int, decided: list[Any]) -> int:
        return self.write_model.issue_notifications(self.name, position, decided)

    # --- decisions ------------------------------------------------------------------------------

    def decide(self, items: Sequence[Item]) -> list[Any]:
        batch = _Lookups(self.write_model)
        notices: list[Notice] = []
        for position, event in items:
            notices.extend(self._notices(position, event, batch))
        return notices

    def _notices(self, position: int, event: Any, batch: _Lookups) -> Iterator[Notice]:
        about = CommunityEvent
        if isinstance(event, about.RegistrationConfirmed | about.RegistrantWaitlisted):
            kind = Kind.REGISTRATION_CONFIRMED if isinstance(event, about.RegistrationConfirmed) \
                else Kind.WAITLISTED
            yield from self._to(kind, event, batch, [UUID(event.registration_id)], name=event.name)
        elif isinstance(event, about.RegistrationCancelled):
            yield from self._to(Kind.REGISTRATION_CANCELLED, event, batch,
                                [UUID(event.registration_id)])
            if event.promoted_registration_id:
                yield from self._to(Kind.PROMOTED, event, batch,
                                    [UUID(event.promoted_registration_id)])
        elif isinstance(event, about.CapacityChanged):
            yield from self._to(Kind.PROMOTED, event, batch, [UUID(p) for p in event.promoted])
        elif isinstance(event, about.DetailsChanged):
            if WHEN_OR_WHERE & set(event.changes):
                yield from self._to(Kind.EVENT_CHANGED, event, batch,
                                    self._active_registrants(position, event))
        elif isinstance(event, about.Cancelled):
            yield from self._to(Kind.EVENT_CANCELLED, event, batch,
                                self._active_registrants(position, event), reason=event.reason)
        elif isinstance(event, Registration.ReminderSent):
            yield from self._to(Kind.REMINDER, event, batch, [event.originator_id],
                                ahead=event.offset_seconds)
        elif isinstance(event, Registration.FeedbackRequested):
            yield from self._to(Kind.FEEDBACK_REQUEST, event, batch, [event.originator_id])

    def _to(self, kind: Kind, source: Any, batch: _Lookups, registration_ids: Sequence[UUID], *,
            name: str = "", reason: str = "", ahead: int | None = None) -> Iterator[Notice]:
        for registration_id in registration_ids:
            recipient = batch.recipient(registration_id, name)
            if recipient is None:
                continue
            if kind in (Kind.REMINDER, Kind.FEEDBACK_REQUEST) and not recipient.reminders_wanted:
                continue
            happening = batch.event(batch.registration(registration_id).event_id)
            if happening is None:
                continue
            title, body = words(
                kind, recipient.locale, event=happening.title,
                when=format_when(happening.starts_at, recipient.timezone, recipient.locale),
                place=format_place(happening.location) if kind in (
                    Kind.EVENT_CHANGED, Kind.REMINDER) else "",
                reason=reason, ahead=format_ahead(ahead, recipient.locale) if ahead else "")
            person = recipient.member_id or f"registration:{registration_id.hex}"
            yield Notice(
                id=notification_id_for(kind, source.originator_id, source.originator_version,
                                       person),
                kind=kind, event_id=happening.id, registration_id=registration_id.hex,
                member_id=recipient.member_id, email=recipient.email, locale=recipient.locale,
                timezone=recipient.timezone, title=title, body=body,
                email_wanted=recipient.email_wanted, name=recipient.name)

    def _active_registrants(self, position: int, event: Any) -> list[UUID]:
        """Registrations active in the read model and admitted before this event's version."""
        if not self.wait_for(position, self.fan_out_wait):
            raise ReadModelBehind(f"attendees have not reached position {position}")
        query = (select(attendees.c.registration_id)
                 .where(attendees.c.event_id == event.originator_id,
                        attendees.c.status.in_([str(s) for s in ACTIVE]),
                        attendees.c.seq < event.originator_version)
                 .order_by(attendees.c.seq))
        with self.read_engine.connect() as conn:
            return list(conn.execute(query).scalars())


class _Lookups:
    """The aggregates one batch's decisions read, each loaded once."""

    def __init__(self, write_model: EventConnect) -> None:
        self.write_model = write_model
        self._loaded: dict[UUID, Any] = {}

    def _get(self, aggregate_id: UUID) -> Any:
        if aggregate_id not in self._loaded:
            try:
                self._loaded[aggregate_id] = self.write_model.load(aggregate_id)
            except AggregateNotFoundError:
                self._loaded[aggregate_id] = None
        return self._loaded[aggregate_id]

    def registration(self, registration_id: UUID) -> Registration:
        return self._get(registration_id)  # type: ignore[no-any-return]

    def event(self, event_id: UUID) -> CommunityEvent | None:
        event = self._get(event_id)
        return event if isinstance(event, CommunityEvent) else None

    def account(self, member_id: str) -> Account | None:
        try:
            account = self._get(UUID(member_id))
        except ValueError:
            return None
        return account if isinstance(account, Account) else None

    def recipient(self, registration_id: UUID, name: str = "") -> Recipient | None:
        registration = self._get(registration_id)
        if not isinstance(registration, Registration):
            log.warning("no registration %s to notify", registration_id)
            return None
        event = self.event(registration.event_id)
        account = self.account(registration.member_id) if registration.member_id else None
        if account is not None:
            return Recipient(registration_id, registration.member_id, account.name,
                             account.email, account.locale, account.timezone,
                             email_wanted=getattr(account, "email_notifications", True),
                             reminders_wanted=getattr(account, "reminder_notifications", True))
        # A guest (no inbox): by email, in the language of the registration, in the event's zone.
        return Recipient(registration_id, None, name, registration.email,
                         getattr(registration, "locale", "en"),
                         event.timezone if event is not None else "UTC", email_wanted=True,
                         reminders_wanted=not getattr(registration, "reminders_stopped", False))
