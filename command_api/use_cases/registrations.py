"""Use cases of registrations: register (one, or a batch in one group commit), cancel, check in.

Whose email is it: a guest registration made with the address of a verified member is that
member's (`member_id` recorded), so it shows among their registrations and they can cancel it;
the guest who made it keeps their cancel token. An unverified account proves nothing about the
address, so its registrations stay the guest's.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from command_api.domain.account import Account, account_id_for
from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import DomainError, NotFound
from command_api.domain.registration import Registration, hash_token, registration_id_for
from command_api.domain.vocabulary import RegistrationStatus
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.authz import Action, Principal, may, require, resource_of
from kernel.store_adapter import remember, stored_ids


@dataclass(frozen=True)
class Admission:
    registration_id: UUID
    status: RegistrationStatus
    waitlist_position: int | None
    cancel_token: str | None
    position: int


@dataclass(frozen=True)
class Release:
    registration_id: UUID
    promoted_registration_id: UUID | None
    position: int


@dataclass(frozen=True)
class Applicant:
    """One registration waiting to be decided."""

    event_id: UUID
    name: str
    email: str
    actor: str
    member_id: str | None = None
    locale: str = "en"  # a guest's language (their Accept-Language); members': their account's


class RegistrationUseCases(WriteModel):
    """Mixed into `EventConnect`. Registering needs no check past the route's (guests may
    register; a member registers as themself); cancelling and checking in decide on what they
    loaded."""

    def register(self, event_id: UUID, *, name: str, email: str, actor: str,
                 member_id: str | None = None, locale: str = "en") -> Admission:
        """Seat or waitlist one attendee; event and registration are saved in one transaction."""
        [outcome] = self.register_many([Applicant(event_id, name, email, actor, member_id,
                                                  locale)])
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    @retry_on_conflict
    def register_many(self, applicants: Sequence[Applicant]) -> list[Admission | Exception]:
        """Decides a batch of registrations in arrival order and saves them in ONE transaction
        (group commit, docs/decisions/0003): each event is loaded once however many of its
        registrations are queued, so a rush costs one version step per batch, not per request.

        A registration the domain refuses gets its own error in the result and nothing of it is
        saved; the others go ahead. A version conflict (another process saved one of these
        aggregates first) reruns the whole batch on fresh state: the optimistic version check
        stays the only guard of capacity and order.
        """
        now = self.clock()
        # One query finds both the people coming back and the guests' addresses that have an
        # account (only those accounts are loaded).
        desk = _Desk(self, stored_ids(self.recorder, {
            registration_id_for(a.event_id, a.email) for a in applicants} | {
            account_id_for(a.email) for a in applicants if a.member_id is None}))
        outcomes: list[Admission | Exception] = []
        for applicant in applicants:
            try:
                outcomes.append(desk.admit(applicant, now))
            except DomainError as refused:
                outcomes.append(refused)
        if not desk.registrations:
            return outcomes
        positions = self.commit_positions(*desk.events.values(), *desk.registrations.values())
        remember(self, *desk.events.values())
        # Each answer carries its own registration's position (saved after the events, in
        # decision order), so commit order stays visible and read-your-writes still holds.
        admitted = desk.registrations
        return [replace(o, position=positions[(o.registration_id,
                                               admitted[o.registration_id].version)])
                if isinstance(o, Admission) else o for o in outcomes]

    @retry_on_conflict
    def cancel_registration(self, event_id: UUID, registration_id: UUID, *,
                            principal: Principal, token: str | None = None) -> Release:
        """Frees a seat (promoting the first in line) or a waitlist place.

        The policy lets the organizer, an admin, the member themself and system jobs cancel;
        anyone else (a guest) proves the registration is theirs with its cancel token.
        """
        now = self.clock()
        actor = principal.actor
        event = self.load_event(event_id)
        registration = self.load_registration(event, registration_id)
        if not may(principal, Action.CANCEL_REGISTRATION, resource_of(event, registration)):
            registration.check_token(token)
        registration.withdraw(actor=actor, now=now)
        promoted = event.release(registration.id, actor=actor, now=now)
        return Release(registration.id, promoted, self.commit(event, registration))

    @retry_on_conflict
    def check_in(self, event_id: UUID, registration_id: UUID, *,
                 principal: Principal) -> tuple[datetime, int]:
        now = self.clock()
        actor = principal.actor
        event = self.load_event(event_id)
        # Decided on the event alone, before the registration loads: a stranger learns nothing
        # of which registrations exist.
        require(principal, Action.CHECK_IN, resource_of(event))
        registration = self.load_registration(event, registration_id)
        registration.check_active()
        event.check_in(registration.id, already=registration.checked_in, actor=actor, now=now)
        registration.check_in(actor=actor, now=now)
        return now, self.commit(event, registration)


class _Desk:
    """The aggregates one batch of registrations decides on, each loaded once."""

    def __init__(self, app: WriteModel, stored: set[UUID]) -> None:
        self.app = app
        # registration ids that already have events (people coming back), account ids of
        # guests' addresses that have an account
        self.stored = stored
        self.events: dict[UUID, CommunityEvent] = {}
        self.accounts: dict[UUID, Account | None] = {}
        self.missing: dict[UUID, NotFound] = {}
        self.registrations: dict[UUID, Registration] = {}  # admitted in this batch, in order

    def event(self, event_id: UUID) -> CommunityEvent:
        if event_id in self.missing:
            raise self.missing[event_id]
        if event_id not in self.events:
            try:
                self.events[event_id] = self.app.load_event(event_id)
            except NotFound as missing:
                self.missing[event_id] = missing
                raise
        return self.events[event_id]

    def account(self, account_id: UUID) -> Account | None:
        if account_id not in self.accounts:
            try:
                found: Any = self.app.repository.get(account_id)
            except AggregateNotFoundError:
                found = None
            self.accounts[account_id] = found if isinstance(found, Account) else None
        return self.accounts[account_id]

    def owner(self, email: str) -> Account | None:
        """The verified, active member whose address a guest registered with, if any."""
        account_id = account_id_for(email)
        if account_id not in self.stored:
            return None
        account = self.account(account_id)
        return account if account and account.active and account.email_verified else None

    def member_locale(self, member_id: str, fallback: str) -> str:
        try:
            account = self.account(UUID(member_id))
        except ValueError:  # a test's or a job's made-up member id
            return fallback
        return account.locale if account else fallback

    def admit(self, applicant: Applicant, now: datetime) -> Admission:
        event = self.event(applicant.event_id)
        event.check_open_for_registration(now)
        member_id, locale = applicant.member_id, applicant.locale
        if member_id is None:
            owner = self.owner(applicant.email)
            if owner is not None:
                member_id, locale = owner.actor_id, owner.locale
        else:
            locale = self.member_locale(member_id, locale)
        # Members prove who they are with their token; guests (also one who used a member's
        # address) get a cancel token.
        token = None if applicant.member_id else secrets.token_urlsafe(24)
        token_hash = hash_token(token) if token else None
        registration_id = registration_id_for(event.id, applicant.email)
        registration = self.registrations.get(registration_id)
        if registration is None and registration_id in self.stored:
            registration = self.app.repository.get(registration_id)
        if registration is None:
            registration = Registration.open(
                event_id=event.id, email=applicant.email, member_id=member_id,
                cancel_token_hash=token_hash, actor=applicant.actor, now=now, locale=locale)
        else:
            registration.reopen(member_id=member_id, cancel_token_hash=token_hash,
                                actor=applicant.actor, now=now, locale=locale)
        # The event refuses before it changes (a full event without waitlist, a closed one), so
        # a refused registrant leaves no trace: its registration object is simply not saved.
        status = event.admit(registration.id, name=applicant.name.strip(),
                             email=registration.email, actor=applicant.actor, now=now)
        self.registrations[registration.id] = registration
        # Just admitted, so a waitlisted registrant is last in line (no scan of the waitlist).
        place = len(event.waitlist) if status == RegistrationStatus.WAITLISTED else None
        return Admission(registration.id, status, place, token, position=0)
