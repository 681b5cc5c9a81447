"""Hypothesis stateful test, on SQLite and PostgreSQL: any interleaving of rate / re-rate /
withdraw / hide / unhide keeps the read models equal to a fold of the stored events.

After every step the runner catches up; then the `ratings` read model's average, count,
distribution and listed items, and the catalogue's `rating_avg` / `rating_count`, must equal
what folding the ratings' own streams from the store gives — and a plain reference model.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from command_api.domain.errors import AlreadyHidden, NoComment, NotFound, NotHidden
from command_api.domain.rating import Rating, rating_id_for
from command_api.domain.registration import registration_id_for
from eventconnect.container import Container
from kernel.authz import Principal, system
from projections.tables import events, ratings
from query_api.event_store import read_stream
from query_api.ratings import summary
from tests.conftest import FakeClock

PEOPLE = range(4)
BEFORE = datetime(2030, 1, 2, 9, 0, tzinfo=UTC)
MODERATOR = system("org-1")


def member(i: int) -> Principal:
    return Principal(id=f"m{i}", role="member", email=f"m{i}@x.org", name=f"Member {i}")


def fold_store(container: Container, event_id: UUID) -> dict[UUID, tuple[int, bool, str | None]]:
    """Each counted rating's (score, hidden, comment), folded from its stored events alone."""
    app = container.write_model
    folded: dict[UUID, tuple[int, bool, str | None]] = {}
    for i in PEOPLE:
        rating_id = rating_id_for(event_id, registration_id_for(event_id, member(i).email or ""))
        score: int | None = None
        hidden, comment = False, None
        for recorded in read_stream(app, rating_id):
            event = recorded.event
            if isinstance(event, Rating.Rated | Rating.Changed):
                score, comment = event.score, event.comment
            elif isinstance(event, Rating.Withdrawn):
                score = None
            elif isinstance(event, Rating.CommentHidden):
                hidden = True
            elif isinstance(event, Rating.CommentUnhidden):
                hidden = False
        if score is not None:
            folded[rating_id] = (score, hidden, comment)
    return folded


class RatingInterleavings(RuleBasedStateMachine):
    container: Container
    clock: FakeClock

    def __init__(self) -> None:
        super().__init__()
        app = self.container.write_model
        self.clock.now = BEFORE  # each example schedules a new event, rates it an hour in
        starts = BEFORE + timedelta(days=1)
        self.event_id, _ = app.create_event(
            actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu", title="T",
            description="", category="social", tags=[], starts_at=starts,
            ends_at=starts + timedelta(hours=2), timezone="UTC",
            location={"country": "FR", "city": "Lyon"}, capacity=len(PEOPLE),
            waitlist_enabled=False)
        for i in PEOPLE:
            app.register(self.event_id, name=f"Member {i}", email=f"m{i}@x.org", actor=f"m{i}",
                         member_id=f"m{i}")
        self.clock.now = starts + timedelta(hours=1)
        # The reference: person -> [score, hidden, comment]; withdrawn people keep `hidden`.
        self.model: dict[int, list[Any]] = {}
        self.counted: set[int] = set()

    @rule(person=st.sampled_from(PEOPLE), score=st.integers(1, 5),
          comment=st.sampled_from([None, "ok", "rude"]))
    def rate(self, person: int, score: int, comment: str | None) -> None:
        self.container.write_model.rate_as_member(self.event_id, score=score, comment=comment,
                                                  principal=member(person))
        hidden = self.model.get(person, [0, False, None])[1]
        self.model[person] = [score, hidden, comment]
        self.counted.add(person)

    @rule(person=st.sampled_from(PEOPLE))
    def withdraw(self, person: int) -> None:
        try:
            self.container.write_model.withdraw_rating_as_member(self.event_id,
                                                                 principal=member(person))
        except NotFound:
            assert person not in self.counted
            return
        assert person in self.counted
        self.counted.discard(person)

    def _rating_id(self, person: int) -> UUID:
        return rating_id_for(self.event_id,
                             registration_id_for(self.event_id, member(person).email or ""))

    @rule(person=st.sampled_from(PEOPLE))
    def hide(self, person: int) -> None:
        app = self.container.write_model
        try:
            app.hide_rating_comment(self.event_id, self._rating_id(person), reason="r",
                                    principal=MODERATOR)
        except NotFound:
            assert person not in self.model
            return
        except NoComment:
            assert person not in self.counted or self.model[person][2] is None
            return
        except AlreadyHidden:
            assert self.model[person][1]
            return
        assert person in self.counted and not self.model[person][1]
        self.model[person][1] = True

    @rule(person=st.sampled_from(PEOPLE))
    def unhide(self, person: int) -> None:
        app = self.container.write_model
        try:
            app.unhide_rating_comment(self.event_id, self._rating_id(person), principal=MODERATOR)
        except NotFound:
            assert person not in self.model
            return
        except NotHidden:
            assert not self.model[person][1]
            return
        assert self.model[person][1]
        self.model[person][1] = False

    @invariant()
    def read_models_equal_the_fold_of_the_events(self) -> None:
        container = self.container
        container.runner.catch_up()
        folded = fold_store(container, self.event_id)
        expected = {self._rating_id(p): tuple(self.model[p]) for p in self.counted}
        assert folded == expected
        scores = [score for score, _, _ in folded.values()]
        average = sum(scores) / len(scores) if scores else None
        distribution = {str(s): scores.count(s) for s in range(1, 6)}
        with container.read_engine.connect() as conn:
            assert summary(conn, self.event_id) == (average, len(scores), distribution)
            row = conn.execute(select(events.c.rating_avg, events.c.rating_count)
                               .where(events.c.id == self.event_id)).one()
            listed = conn.execute(select(ratings.c.rating_id, ratings.c.score,
                                         ratings.c.hidden, ratings.c.comment)
                                  .where(ratings.c.event_id == self.event_id,
                                         ratings.c.withdrawn.is_(False))).all()
        assert (row.rating_avg, row.rating_count) == (average, len(scores))
        assert {r.rating_id: (r.score, r.hidden, r.comment) for r in listed} == folded


def test_any_interleaving_keeps_the_read_models_equal_to_the_fold(container: Container,
                                                                   clock: FakeClock) -> None:
    RatingInterleavings.container = container
    RatingInterleavings.clock = clock
    run_state_machine_as_test(RatingInterleavings, settings=settings(
        max_examples=25, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
