"""Ratings on real databases: the read models a ledger of ratings produces, a rebuild equal to
live catch-up, and the race of two first ratings settled by the store."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select

from command_api.application import EventConnect
from command_api.domain.rating import Rating
from eventconnect.container import Container
from kernel.authz import ANONYMOUS, Principal, system
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.tables import events, ratings
from query_api.event_store import read_stream
from tests.conftest import FakeClock
from tests.integration.test_projection_crash import dump


def rated_ledger(app: EventConnect, clock: FakeClock, people: int = 6) -> tuple[UUID, list[UUID]]:
    """An event whose guests rate, re-rate, withdraw, rate again; one comment hidden, one
    hidden and unhidden."""
    starts = clock.now + timedelta(days=3)
    event_id, _ = app.create_event(
        actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu", title="Choir",
        description="Sing", category="social", tags=[], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone="Europe/Berlin",
        location={"country": "DE", "city": "Bonn"}, capacity=people, waitlist_enabled=True)
    guests = [app.register(event_id, name=f"Guest {i}", email=f"g{i}@x.org", actor="guest")
              for i in range(people)]
    clock.now = starts + timedelta(minutes=30)
    ids = []
    for i, guest in enumerate(guests):
        clock.advance(seconds=10)
        ids.append(app.rate_as_guest(event_id, guest.registration_id, token=guest.cancel_token,
                                     score=1 + i % 5, comment=f"comment {i}",
                                     principal=ANONYMOUS).rating_id)
    owner = system("org-1")
    app.rate_as_guest(event_id, guests[0].registration_id, token=guests[0].cancel_token,
                      score=5, comment=None, principal=ANONYMOUS)
    app.withdraw_rating_as_guest(event_id, guests[1].registration_id,
                                 token=guests[1].cancel_token, principal=ANONYMOUS)
    app.withdraw_rating_as_guest(event_id, guests[2].registration_id,
                                 token=guests[2].cancel_token, principal=ANONYMOUS)
    app.rate_as_guest(event_id, guests[2].registration_id, token=guests[2].cancel_token,
                      score=4, comment="back", principal=ANONYMOUS)
    app.hide_rating_comment(event_id, ids[3], reason="rude", principal=owner)
    app.hide_rating_comment(event_id, ids[4], reason="oops", principal=owner)
    app.unhide_rating_comment(event_id, ids[4], principal=owner)
    return event_id, ids


def test_a_ledger_of_ratings_fills_the_read_models(container: Container,
                                                   clock: FakeClock) -> None:
    app = container.write_model
    event_id, ids = rated_ledger(app, clock)
    container.runner.catch_up()
    with container.read_engine.connect() as conn:
        rows = {r["rating_id"]: dict(r) for r in conn.execute(select(ratings)).mappings()}
        event = conn.execute(select(events).where(events.c.id == event_id)).mappings().one()
    # Scores 5 (re-rated), withdrawn, 4 (back), 4, 5, 1: five counted, total 19.
    assert (event["rating_count"], event["rating_total"]) == (5, 19)
    assert event["rating_avg"] == 19 / 5
    assert (rows[ids[0]]["score"], rows[ids[0]]["comment"]) == (5, None)
    assert rows[ids[1]]["withdrawn"] and not rows[ids[2]]["withdrawn"]
    assert (rows[ids[3]]["hidden"], rows[ids[3]]["hidden_reason"]) == (True, "rude")
    assert (rows[ids[4]]["hidden"], rows[ids[4]]["hidden_reason"]) == (False, None)
    assert rows[ids[5]]["author_name"] == "Guest 5" and rows[ids[5]]["member_id"] is None
    # The rated event's own version and `updated_at` are its own: ratings do not stamp them.
    assert event["version"] == app.load_event(event_id).version


def test_rebuild_reproduces_the_ratings_and_catalogue_exactly(container: Container,
                                                              clock: FakeClock) -> None:
    app = container.write_model
    for _ in range(2):
        rated_ledger(app, clock)
    # Live catch-up in tiny batches, so rows are written across many transactions.
    ProjectionRunner(app, container.read_engine, all_projections(), batch_size=2).catch_up()
    before = dump(container.read_engine)
    assert len(before["ratings"]) == 12
    for name in ("ratings", "catalogue"):
        assert container.runner.rebuild(name) == app.recorder.max_notification_id()
    assert dump(container.read_engine) == before


def test_two_first_ratings_at_once_conflict_and_the_loser_changes_the_winner(
        container: Container, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    app = container.write_model
    starts = clock.now + timedelta(days=1)
    event_id, _ = app.create_event(
        actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu", title="T",
        description="", category="social", tags=[], starts_at=starts,
        ends_at=starts + timedelta(hours=1), timezone="UTC",
        location={"country": "FR", "city": "Lyon"}, capacity=1, waitlist_enabled=False)
    app.register(event_id, name="Mia", email="m@x.org", actor="m-1", member_id="m-1")
    clock.now = starts
    mia = Principal(id="m-1", role="member", email="m@x.org", name="Mia")
    first = app.rate_as_member(event_id, score=2, comment=None, principal=mia)

    # The second request decided while the first was not yet saved: it did not see the rating.
    real = type(app)._find_rating
    stale = iter([True])

    def find(self: Any, rating_id: UUID) -> Any:
        return None if next(stale, False) else real(self, rating_id)

    monkeypatch.setattr(type(app), "_find_rating", find)
    second = app.rate_as_member(event_id, score=5, comment="late", principal=mia)

    assert second.rating_id == first.rating_id and second.position > first.position
    kinds = [type(r.event) for r in read_stream(app, first.rating_id)]
    assert kinds == [Rating.Rated, Rating.Changed]  # one stream, created once
