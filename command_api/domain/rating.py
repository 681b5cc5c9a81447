"""The Rating aggregate: one attendee's score (1-5) and comment for one event.

Its id is derived from (event, registration), and a registration is one per person per event, so
two concurrent first ratings by the same person both try to create version 1 of the same stream
and the store refuses the second: "one rating per person per event" is a conflict on creation,
the way duplicate registrations are (docs/decisions/0001).

Every event after `Rated` repeats the rated event's id and, where the score moves, the score it
moves from (`previous_score`, like `RegistrationCancelled.was`): a read model keeps an exact
per-event sum and count from the events alone, without looking anything up.

A withdrawn rating keeps its stream: rating again is a `Changed` whose `previous_score` is None.
A hidden comment stays hidden when its author edits it or rates again (no way round moderation)
until an organizer unhides it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from command_api.domain.errors import (
    AlreadyHidden,
    InvalidRating,
    NoComment,
    NotAttendee,
    NotFound,
    NotHidden,
    RatingClosed,
    RatingNotOpen,
)

_NAMESPACE = uuid5(NAMESPACE_URL, "https://eventconnect.example/ratings")

MIN_SCORE, MAX_SCORE = 1, 5
MAX_COMMENT_LENGTH = 2_000
# Feedback stays open this long after the event ends.
RATING_PERIOD = timedelta(days=30)


def rating_id_for(event_id: UUID, registration_id: UUID) -> UUID:
    """The one rating id a registration (so a person) can ever have for an event."""
    return uuid5(_NAMESPACE, f"{event_id.hex}:{registration_id.hex}")


def check_score(score: int, comment: str | None) -> None:
    if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
        raise InvalidRating(f"The score must be a whole number from {MIN_SCORE} to {MAX_SCORE}.",
                            field="score")
    if comment is not None and len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidRating(f"A comment has at most {MAX_COMMENT_LENGTH} characters.",
                            field="comment")


def check_window(*, starts_at: datetime, ends_at: datetime, cancelled: bool,
                 now: datetime) -> None:
    """Rating opens when the event starts and closes 30 days after it ends; a cancelled event
    never took place, so it cannot be rated."""
    if cancelled:
        raise RatingClosed("The event was cancelled; it cannot be rated.")
    if now < starts_at:
        raise RatingNotOpen("Rating opens when the event starts.")
    if now > ends_at + RATING_PERIOD:
        raise RatingClosed("Rating closed 30 days after the event ended.")


def check_attendee(*, active: bool, confirmed: bool) -> None:
    """Only someone holding a confirmed, not cancelled, registration may rate."""
    if not (active and confirmed):
        raise NotAttendee("Only attendees with a confirmed registration may rate this event.")


def clean_comment(comment: str | None) -> str | None:
    """A blank comment is no comment."""
    if comment is None or not comment.strip():
        return None
    return comment.strip()


class Rating(Aggregate):
    """A registrant's rating of an event: a score, maybe a comment, which moderators may hide."""

    class Rated(Aggregate.Created):
        actor: str
        event_id: UUID
        registration_id: str
        member_id: str | None
        author_name: str
        score: int
        comment: str | None

    def __init__(self, actor: str, event_id: UUID, registration_id: str, member_id: str | None,
                 author_name: str, score: int, comment: str | None) -> None:
        self.event_id = event_id
        self.registration_id = registration_id
        self.member_id = member_id
        self.author_name = author_name
        self.score: int | None = score  # None while withdrawn
        self.comment = comment
        self.hidden = False

    @property
    def withdrawn(self) -> bool:
        return self.score is None

    @classmethod
    def rate(cls, *, event_id: UUID, registration_id: UUID, member_id: str | None,
             author_name: str, score: int, comment: str | None, actor: str,
             now: datetime) -> Rating:
        comment = clean_comment(comment)
        check_score(score, comment)
        return cls._create(cls.Rated, id=rating_id_for(event_id, registration_id), timestamp=now,
                           actor=actor, event_id=event_id, registration_id=registration_id.hex,
                           member_id=member_id, author_name=author_name, score=score,
                           comment=comment)

    class Changed(Aggregate.Event):
        actor: str
        event_id: UUID
        previous_score: int | None  # None: rated again after a withdrawal
        score: int
        comment: str | None

        def apply(self, rating: Rating) -> None:
            rating.score = self.score
            rating.comment = self.comment

    def change(self, *, score: int, comment: str | None, actor: str, now: datetime) -> bool:
        """Replaces the score and comment (or rates again after a withdrawal). Returns False,
        recording nothing, when both are as they stand."""
        comment = clean_comment(comment)
        check_score(score, comment)
        if (score, comment) == (self.score, self.comment):
            return False
        self.trigger_event(self.Changed, event_id=self.event_id, previous_score=self.score,
                           score=score, comment=comment, actor=actor, timestamp=now)
        return True

    class Withdrawn(Aggregate.Event):
        actor: str
        event_id: UUID
        score: int  # the score taken back

        def apply(self, rating: Rating) -> None:
            rating.score = None

    def withdraw(self, *, actor: str, now: datetime) -> None:
        """Takes the rating back (any time: it is the author's). The stream stays, for history
        and so the same person can rate again."""
        if self.score is None:
            raise NotFound("There is no rating to withdraw.")
        self.trigger_event(self.Withdrawn, event_id=self.event_id, score=self.score,
                           actor=actor, timestamp=now)

    class CommentHidden(Aggregate.Event):
        actor: str
        event_id: UUID
        reason: str

        def apply(self, rating: Rating) -> None:
            rating.hidden = True

    def hide(self, *, reason: str, actor: str, now: datetime) -> None:
        """Hides the comment from the public list; the events keep its text."""
        if self.score is None or self.comment is None:
            raise NoComment("This rating has no comment to hide.")
        if self.hidden:
            raise AlreadyHidden("This comment is already hidden.")
        self.trigger_event(self.CommentHidden, event_id=self.event_id, reason=reason,
                           actor=actor, timestamp=now)

    class CommentUnhidden(Aggregate.Event):
        actor: str
        event_id: UUID

        def apply(self, rating: Rating) -> None:
            rating.hidden = False

    def unhide(self, *, actor: str, now: datetime) -> None:
        if not self.hidden:
            raise NotHidden("This comment is not hidden.")
        self.trigger_event(self.CommentUnhidden, event_id=self.event_id, actor=actor,
                           timestamp=now)
