"""Rules of the Rating aggregate, and of the rating use cases on the in-memory store."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from command_api.application import EventConnect
from command_api.domain.errors import (
    AlreadyHidden,
    BadCancelToken,
    InvalidRating,
    NoComment,
    NotAttendee,
    NotFound,
    NotHidden,
    NotOwner,
    RatingClosed,
    RatingNotOpen,
)
from command_api.domain.rating import Rating, check_window, rating_id_for
from command_api.domain.registration import registration_id_for
from kernel.authz import ANONYMOUS, Principal, system
from tests.conftest import FakeClock
from tests.unit.factories import NOW, event_details, then_events

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
STARTS = NOW + timedelta(days=7)
ENDS = STARTS + timedelta(hours=2)


def rated(score: int = 4, comment: str | None = "Good") -> Rating:
    rating = Rating.rate(event_id=uuid4(), registration_id=uuid4(), member_id="m-1",
                         author_name="Asha", score=score, comment=comment, actor="m-1", now=NOW)
    rating.collect_events()
    return rating


# --- the aggregate ---------------------------------------------------------------------------


def test_id_is_one_per_registration_and_event() -> None:
    event_id, registration_id = uuid4(), uuid4()
    assert rating_id_for(event_id, registration_id) == rating_id_for(event_id, registration_id)
    assert rating_id_for(event_id, registration_id) != rating_id_for(event_id, uuid4())
    assert rating_id_for(event_id, registration_id) != rating_id_for(uuid4(), registration_id)


@pytest.mark.parametrize("score", [0, 6, -1, True, 4.0])
def test_score_is_a_whole_number_from_1_to_5(score: int) -> None:
    with pytest.raises(InvalidRating) as refused:
        Rating.rate(event_id=uuid4(), registration_id=uuid4(), member_id=None, author_name="A",
                    score=score, comment=None, actor="guest", now=NOW)
    assert refused.value.field == "score"
    with pytest.raises(InvalidRating):
        rated().change(score=score, comment=None, actor="m-1", now=NOW)


def test_comment_is_at_most_2000_characters_and_blank_is_none() -> None:
    assert rated(comment="x" * 2000).comment == "x" * 2000
    assert rated(comment="  \n ").comment is None
    assert rated(comment="  fine  ").comment == "fine"
    with pytest.raises(InvalidRating) as refused:
        rated(comment="x" * 2001)
    assert refused.value.field == "comment"


def test_rating_records_who_and_what() -> None:
    event_id, registration_id = uuid4(), uuid4()
    rating = Rating.rate(event_id=event_id, registration_id=registration_id, member_id=None,
                         author_name="Ben", score=5, comment="Great", actor="guest", now=NOW)
    [event] = rating.collect_events()
    assert isinstance(event, Rating.Rated)
    assert (event.event_id, event.registration_id, event.score, event.comment) == (
        event_id, registration_id.hex, 5, "Great")
    assert (event.actor, event.timestamp, rating.id) == ("guest", NOW,
                                                        rating_id_for(event_id, registration_id))


def test_change_names_the_score_it_replaces_and_same_again_records_nothing() -> None:
    rating = rated(score=4, comment="Good")
    assert rating.change(score=2, comment="Meh", actor="m-1", now=NOW)
    [changed] = rating.collect_events()
    assert isinstance(changed, Rating.Changed)
    assert (changed.previous_score, changed.score, changed.comment) == (4, 2, "Meh")
    assert not rating.change(score=2, comment=" Meh ", actor="m-1", now=NOW)
    assert then_events(rating) == []


def test_withdrawn_rating_can_be_rated_again_from_nothing() -> None:
    rating = rated(score=3)
    rating.withdraw(actor="m-1", now=NOW)
    [withdrawn] = rating.collect_events()
    assert isinstance(withdrawn, Rating.Withdrawn) and withdrawn.score == 3
    assert rating.withdrawn
    with pytest.raises(NotFound):
        rating.withdraw(actor="m-1", now=NOW)
    rating.change(score=3, comment="Good", actor="m-1", now=NOW)  # same as before: still new
    [again] = rating.collect_events()
    assert isinstance(again, Rating.Changed) and again.previous_score is None
    assert not rating.withdrawn


def test_hide_and_unhide_only_an_existing_comment() -> None:
    with pytest.raises(NoComment):
        rated(comment=None).hide(reason="x", actor="org", now=NOW)
    rating = rated()
    rating.hide(reason="insult", actor="org", now=NOW)
    assert rating.hidden and then_events(rating) == ["CommentHidden"]
    with pytest.raises(AlreadyHidden):
        rating.hide(reason="again", actor="org", now=NOW)
    rating.unhide(actor="org", now=NOW)
    assert not rating.hidden and then_events(rating) == ["CommentUnhidden"]
    with pytest.raises(NotHidden):
        rating.unhide(actor="org", now=NOW)
    rating.withdraw(actor="m-1", now=NOW)
    with pytest.raises(NoComment):
        rating.hide(reason="gone", actor="org", now=NOW)


def test_a_hidden_comment_stays_hidden_when_its_author_edits_it() -> None:
    rating = rated()
    rating.hide(reason="insult", actor="org", now=NOW)
    rating.change(score=1, comment="Still rude", actor="m-1", now=NOW)
    assert rating.hidden


def test_window_opens_at_the_start_and_closes_30_days_after_the_end() -> None:
    def check(now: object, cancelled: bool = False) -> None:
        check_window(starts_at=STARTS, ends_at=ENDS, cancelled=cancelled, now=now)  # type: ignore[arg-type]

    with pytest.raises(RatingNotOpen):
        check(STARTS - timedelta(microseconds=1))
    check(STARTS)
    check(ENDS + timedelta(days=30))
    with pytest.raises(RatingClosed):
        check(ENDS + timedelta(days=30, microseconds=1))
    with pytest.raises(RatingClosed):
        check(STARTS + timedelta(minutes=5), cancelled=True)


# --- the use cases (in-memory store) ---------------------------------------------------------


class Setup:
    def __init__(self) -> None:
        self.clock = FakeClock(NOW)
        self.app = EventConnect(env=POPO, clock=self.clock)
        self.event_id, _ = self.app.create_event(
            actor="org-1", publish=True, **event_details(starts_at=STARTS, ends_at=ENDS,
                                                         capacity=1))
        self.member = Principal(id="m-1", role="member", email="m1@x.org", name="Mia")

    def register(self, email: str, member_id: str | None = None) -> tuple[UUID, str | None]:
        admission = self.app.register(self.event_id, name="Gus Guest", email=email,
                                      actor=member_id or "guest", member_id=member_id)
        return admission.registration_id, admission.cancel_token


@pytest.fixture
def setup() -> Setup:
    return Setup()


def test_member_rates_once_the_event_started_and_again_replaces(setup: Setup) -> None:
    setup.register("m1@x.org", member_id="m-1")
    with pytest.raises(RatingNotOpen):
        setup.app.rate_as_member(setup.event_id, score=5, comment=None, principal=setup.member)
    setup.clock.now = STARTS
    first = setup.app.rate_as_member(setup.event_id, score=5, comment="Yes",
                                     principal=setup.member)
    second = setup.app.rate_as_member(setup.event_id, score=2, comment=None,
                                      principal=setup.member)
    assert first.rating_id == second.rating_id and second.position > first.position > 0
    rating = setup.app.load(first.rating_id)
    assert (rating.score, rating.comment, rating.author_name, rating.member_id) == (
        2, None, "Mia", "m-1")
    setup.clock.now = ENDS + timedelta(days=31)
    with pytest.raises(RatingClosed):
        setup.app.rate_as_member(setup.event_id, score=3, comment=None, principal=setup.member)
    # Withdrawing is the author's at any time.
    assert setup.app.withdraw_rating_as_member(setup.event_id, principal=setup.member) > 0


def test_only_a_confirmed_active_registration_may_rate(setup: Setup) -> None:
    setup.register("first@x.org")  # takes the one seat
    waiting, _ = setup.register("m1@x.org", member_id="m-1")
    stranger = Principal(id="m-2", role="member", email="m2@x.org", name="Stan")
    setup.clock.now = STARTS
    with pytest.raises(NotAttendee):
        setup.app.rate_as_member(setup.event_id, score=4, comment=None, principal=stranger)
    with pytest.raises(NotAttendee):  # waitlisted
        setup.app.rate_as_member(setup.event_id, score=4, comment=None, principal=setup.member)
    setup.clock.now = NOW
    setup.app.cancel_registration(setup.event_id, waiting, principal=system())
    setup.clock.now = STARTS
    with pytest.raises(NotAttendee):  # cancelled
        setup.app.rate_as_member(setup.event_id, score=4, comment=None, principal=setup.member)


def test_guest_rates_with_the_registration_token_under_their_name(setup: Setup) -> None:
    registration_id, token = setup.register("gus@x.org")
    setup.clock.now = STARTS
    with pytest.raises(BadCancelToken):
        setup.app.rate_as_guest(setup.event_id, registration_id, token="wrong", score=4,
                                comment=None, principal=ANONYMOUS)
    saved = setup.app.rate_as_guest(setup.event_id, registration_id, token=token, score=4,
                                    comment="Nice", principal=ANONYMOUS)
    rating = setup.app.load(saved.rating_id)
    assert (rating.author_name, rating.member_id) == ("Gus Guest", None)
    assert saved.rating_id == rating_id_for(setup.event_id,
                                            registration_id_for(setup.event_id, "gus@x.org"))
    assert setup.app.withdraw_rating_as_guest(setup.event_id, registration_id, token=token,
                                              principal=ANONYMOUS) > 0
    with pytest.raises(NotFound):
        setup.app.withdraw_rating_as_guest(setup.event_id, registration_id, token=token,
                                           principal=ANONYMOUS)


def test_cancelled_events_cannot_be_rated(setup: Setup) -> None:
    setup.register("m1@x.org", member_id="m-1")
    setup.app.cancel_event(setup.event_id, reason="rain", principal=system("org-1"))
    setup.clock.now = STARTS
    with pytest.raises(RatingClosed):
        setup.app.rate_as_member(setup.event_id, score=4, comment=None, principal=setup.member)


def test_only_the_organizer_or_an_admin_hides(setup: Setup) -> None:
    setup.register("m1@x.org", member_id="m-1")
    setup.clock.now = STARTS
    saved = setup.app.rate_as_member(setup.event_id, score=1, comment="Rude",
                                     principal=setup.member)
    other = Principal(id="org-2", role="organizer", email="o2@x.org", name="Other")
    with pytest.raises(NotOwner):
        setup.app.hide_rating_comment(setup.event_id, saved.rating_id, reason="x", principal=other)
    owner = Principal(id="org-1", role="organizer", email="o1@x.org", name="Olu")
    assert setup.app.hide_rating_comment(setup.event_id, saved.rating_id, reason="rude",
                                         principal=owner) > 0
    admin = Principal(id="a-1", role="admin", email="a@x.org", name="Ada")
    assert setup.app.unhide_rating_comment(setup.event_id, saved.rating_id, principal=admin) > 0
    with pytest.raises(NotFound):  # a rating of another event is not found through this one
        setup.app.hide_rating_comment(uuid4(), saved.rating_id, reason="x", principal=admin)


def test_a_deleted_event_is_not_found(setup: Setup) -> None:
    setup.register("m1@x.org", member_id="m-1")
    setup.app.delete_event(setup.event_id, principal=system("org-1"))
    setup.clock.now = STARTS
    with pytest.raises(NotFound):
        setup.app.rate_as_member(setup.event_id, score=4, comment=None, principal=setup.member)
