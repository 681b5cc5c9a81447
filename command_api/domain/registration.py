"""The Registration aggregate: one attendee's claim on one event.

Its id is derived from (event, normalised email), so two concurrent registrations of the same
person for the same event both try to create version 1 of the same stream and the store refuses
the second: duplicates are a conflict on creation, not a search in a read model.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from command_api.domain.errors import AlreadyRegistered, BadCancelToken, RegistrationNotActive
from command_api.domain.keys import email_key

_NAMESPACE = uuid5(NAMESPACE_URL, "https://eventconnect.example/registrations")


# The old name, still imported by the sign-in route; the rule lives in `keys`.
normalise_email = email_key


def registration_id_for(event_id: UUID, email: str) -> UUID:
    """The one registration id a person can ever have for an event."""
    return uuid5(_NAMESPACE, f"{event_id.hex}:{email_key(email)}")


def hash_token(token: str) -> str:
    # Only a hash is stored, so the event store never holds a usable cancel token.
    return hashlib.sha256(token.encode()).hexdigest()


class Registration(Aggregate):
    """An attendee's registration for an event; may be cancelled and later opened again."""

    class Opened(Aggregate.Created):
        actor: str
        event_id: UUID
        email: str
        member_id: str | None
        cancel_token_hash: str | None

    def __init__(self, actor: str, event_id: UUID, email: str, member_id: str | None,
                 cancel_token_hash: str | None) -> None:
        self.event_id = event_id
        self.email = email
        self.member_id = member_id
        self.cancel_token_hash = cancel_token_hash
        self.active = True
        self.checked_in = False

    @classmethod
    def open(cls, *, event_id: UUID, email: str, member_id: str | None,
             cancel_token_hash: str | None, actor: str, now: datetime) -> Registration:
        return cls._create(cls.Opened, id=registration_id_for(event_id, email), timestamp=now,
                           actor=actor, event_id=event_id, email=email_key(email),
                           member_id=member_id, cancel_token_hash=cancel_token_hash)

    class Reopened(Aggregate.Event):
        actor: str
        member_id: str | None
        cancel_token_hash: str | None

        def apply(self, registration: Registration) -> None:
            registration.active = True
            registration.checked_in = False
            registration.member_id = self.member_id
            registration.cancel_token_hash = self.cancel_token_hash

    def reopen(self, *, member_id: str | None, cancel_token_hash: str | None, actor: str,
               now: datetime) -> None:
        """Registers again after a cancellation (a fresh token; the old one stops working)."""
        if self.active:
            raise AlreadyRegistered("This email is already registered for the event.")
        self.trigger_event(self.Reopened, member_id=member_id,
                           cancel_token_hash=cancel_token_hash, actor=actor, timestamp=now)

    class Withdrawn(Aggregate.Event):
        actor: str

        def apply(self, registration: Registration) -> None:
            registration.active = False

    def withdraw(self, *, actor: str, now: datetime) -> None:
        self.check_active()
        self.trigger_event(self.Withdrawn, actor=actor, timestamp=now)

    class CheckedIn(Aggregate.Event):
        actor: str

        def apply(self, registration: Registration) -> None:
            registration.checked_in = True

    def check_in(self, *, actor: str, now: datetime) -> None:
        self.check_active()
        self.trigger_event(self.CheckedIn, actor=actor, timestamp=now)

    def check_active(self) -> None:
        if not self.active:
            raise RegistrationNotActive("This registration was already cancelled.")

    def check_token(self, token: str | None) -> None:
        """A guest proves ownership with the token handed out at registration."""
        if token is None or self.cancel_token_hash is None or not hmac.compare_digest(
            hash_token(token), self.cancel_token_hash
        ):
            raise BadCancelToken("The cancel token does not match this registration.")
