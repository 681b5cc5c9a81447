"""Use cases of ratings: rate (as a member, or as a guest with the registration's token),
withdraw, hide and unhide a comment. Each commits the Rating aggregate alone: the event and the
registration are only read, to decide who may rate and when."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import BadCancelToken, NotAttendee, NotFound
from command_api.domain.rating import Rating, check_attendee, check_window, rating_id_for
from command_api.domain.registration import Registration, registration_id_for
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.authz import Action, Principal, require, resource_of

GUEST_NAME = "Guest"  # a guest registration whose admission carries no name (never expected)


@dataclass(frozen=True)
class RatingSaved:
    rating_id: UUID
    score: int
    comment: str | None
    position: int


@dataclass(frozen=True)
class Rater:
    """Who rates: the registration that entitles them, and the name their rating shows."""

    registration: Registration
    member_id: str | None
    author_name: str | None  # None: look it up (a guest's name is on the event's stream)


class RatingUseCases(WriteModel):
    """Mixed into `EventConnect`."""

    @retry_on_conflict
    def rate_as_member(self, event_id: UUID, *, score: int, comment: str | None,
                       principal: Principal) -> RatingSaved:
        """Rates (or re-rates) an event as the signed-in member whose registration it is."""
        require(principal, Action.RATE)
        event = self._rateable_event(event_id)
        registration = self._member_registration(event, principal)
        return self._rate(event, Rater(registration, principal.id, principal.name or None),
                          score=score, comment=comment, actor=principal.actor)

    @retry_on_conflict
    def rate_as_guest(self, event_id: UUID, registration_id: UUID, *, token: str | None,
                      score: int, comment: str | None, principal: Principal) -> RatingSaved:
        """Rates (or re-rates) an event with the cancel token of the guest's registration."""
        event = self._rateable_event(event_id)
        registration = self._guest_registration(event, registration_id, token, principal)
        return self._rate(event, Rater(registration, registration.member_id, None),
                          score=score, comment=comment, actor=principal.actor)

    @retry_on_conflict
    def withdraw_rating_as_member(self, event_id: UUID, *, principal: Principal) -> int:
        require(principal, Action.RATE)
        event = self.load_event(event_id)
        registration_id = registration_id_for(event.id, principal.email or "")
        return self._withdraw(event, registration_id, actor=principal.actor)

    @retry_on_conflict
    def withdraw_rating_as_guest(self, event_id: UUID, registration_id: UUID, *,
                                 token: str | None, principal: Principal) -> int:
        event = self.load_event(event_id)
        registration = self._guest_registration(event, registration_id, token, principal)
        return self._withdraw(event, registration.id, actor=principal.actor)

    @retry_on_conflict
    def hide_rating_comment(self, event_id: UUID, rating_id: UUID, *, reason: str,
                            principal: Principal) -> int:
        """Hides a rating's comment (the event's organizer or an admin); the score still counts."""
        event = self.load_event(event_id)
        require(principal, Action.MODERATE_RATINGS, resource_of(event))
        rating = self.load_rating(event, rating_id)
        rating.hide(reason=reason, actor=principal.actor, now=self.clock())
        return self.commit(rating)

    @retry_on_conflict
    def unhide_rating_comment(self, event_id: UUID, rating_id: UUID, *,
                              principal: Principal) -> int:
        event = self.load_event(event_id)
        require(principal, Action.MODERATE_RATINGS, resource_of(event))
        rating = self.load_rating(event, rating_id)
        rating.unhide(actor=principal.actor, now=self.clock())
        return self.commit(rating)

    # --- loading ------------------------------------------------------------------------------

    def load_rating(self, event: CommunityEvent, rating_id: UUID) -> Rating:
        rating = self._find_rating(rating_id)
        if rating is None or rating.event_id != event.id:
            raise NotFound(f"No rating {rating_id} for this event.")
        return rating

    def _find_rating(self, rating_id: UUID) -> Rating | None:
        try:
            rating: Any = self.repository.get(rating_id)
        except AggregateNotFoundError:
            return None
        return rating if isinstance(rating, Rating) else None

    def _rateable_event(self, event_id: UUID) -> CommunityEvent:
        event = self.load_event(event_id)
        if event.status == EventStatus.DELETED:  # gone from every list: as if it never existed
            raise NotFound(f"No event {event_id}.")
        return event

    def _member_registration(self, event: CommunityEvent, principal: Principal) -> Registration:
        try:
            return self.load_registration(event, registration_id_for(event.id,
                                                                     principal.email or ""))
        except NotFound:
            raise NotAttendee("You have no registration for this event.") from None

    def _guest_registration(self, event: CommunityEvent, registration_id: UUID,
                            token: str | None, principal: Principal) -> Registration:
        # An unknown registration answers as a wrong token does: registration ids derive from
        # (event, email), so a 404 would tell anyone whether an email is registered.
        try:
            registration = self.load_registration(event, registration_id)
        except NotFound:
            raise BadCancelToken("The registration and token do not match.") from None
        if not principal.trusted:  # trusted: the route checked the signed link of its emails
            registration.check_token(token)
        return registration

    # --- deciding -----------------------------------------------------------------------------

    def _rate(self, event: CommunityEvent, rater: Rater, *, score: int, comment: str | None,
              actor: str) -> RatingSaved:
        now = self.clock()
        registration = rater.registration
        # `status_of` speaks only of active registrations; the Registration knows if it is one.
        check_attendee(active=registration.active,
                       confirmed=event.status_of(registration.id) == RegistrationStatus.CONFIRMED)
        check_window(starts_at=event.starts_at, ends_at=event.ends_at,
                     cancelled=event.status == EventStatus.CANCELLED, now=now)
        rating = self._find_rating(rating_id_for(event.id, registration.id))
        if rating is None:
            rating = Rating.rate(event_id=event.id, registration_id=registration.id,
                                 member_id=rater.member_id,
                                 author_name=rater.author_name or self._registrant_name(
                                     event, registration.id),
                                 score=score, comment=comment, actor=actor, now=now)
        else:
            rating.change(score=score, comment=comment, actor=actor, now=now)
        # Nothing changed (the same PUT again): nothing is saved and the position is 0.
        position = self.commit(rating)
        return RatingSaved(rating.id, score, rating.comment, position)

    def _withdraw(self, event: CommunityEvent, registration_id: UUID, *, actor: str) -> int:
        rating = self._find_rating(rating_id_for(event.id, registration_id))
        if rating is None:
            raise NotFound("You have not rated this event.")
        rating.withdraw(actor=actor, now=self.clock())
        return self.commit(rating)

    def _registrant_name(self, event: CommunityEvent, registration_id: UUID) -> str:
        """The name given at the registration's latest admission. The Registration aggregate
        keeps no name (the event's ledger does), so it is read from the event's stream, newest
        first; only a guest's first rating needs it (a member's name is their account's)."""
        key = registration_id.hex
        admissions = (CommunityEvent.RegistrationConfirmed, CommunityEvent.RegistrantWaitlisted)
        for domain_event in self.repository.event_store.get(event.id, desc=True):
            if isinstance(domain_event, admissions) and domain_event.registration_id == key:
                return str(domain_event.name) or GUEST_NAME
        return GUEST_NAME
