"""The analytics read model on real databases: a hand-computed ledger of two events in two time
zones (every column checked), a rebuild equal to live catch-up row for row, and a live batch
whose statement count does not grow with its size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import event as sa_event
from sqlalchemy import select

from command_api.application import EventConnect
from command_api.domain.community_event import CommunityEvent
from command_api.domain.rating import Rating
from eventconnect.container import Container
from kernel.authz import ANONYMOUS, Principal, system
from projections.analytics import Analytics
from projections.claims import set_position
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.tables import (
    analytics_activity,
    analytics_attendance,
    analytics_events,
    analytics_people,
    analytics_ratings,
    analytics_registrations,
)
from tests.conftest import FakeClock
from tests.integration.test_projection_crash import dump

ORGANIZER = system("org-1")
BOB = Principal(id="m-bob", role="member", email="bob@x.org", name="Bob")
FAY = Principal(id="m-fay", role="member", email="fay@x.org", name="Fay")
ANALYTICS_TABLES = ("analytics_events", "analytics_activity", "analytics_registrations",
                    "analytics_ratings", "analytics_attendance", "analytics_people")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@dataclass
class Scenario:
    """What the scenario did: event ids, registration ids by name, rating ids by name."""

    berlin: UUID
    pacific: UUID
    renamed: UUID
    people: dict[str, UUID] = field(default_factory=dict)
    tokens: dict[str, str | None] = field(default_factory=dict)
    ratings: dict[str, UUID] = field(default_factory=dict)


def create(app: EventConnect, *, title: str, starts: datetime, timezone: str, country: str,
           capacity: int, category: str = "workshop") -> UUID:
    event_id, _ = app.create_event(
        actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu", title=title,
        description="", category=category, tags=[], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone=timezone,
        location={"country": country, "city": "Somewhere"}, capacity=capacity,
        waitlist_enabled=True)
    return event_id


def at(clock: FakeClock, instant: datetime) -> None:
    clock.now = instant


def two_zones(app: EventConnect, clock: FakeClock) -> Scenario:
    """The scenario; the comments give the local times the buckets must keep apart."""
    ledger = Scenario(
        # starts 2030-01-31 23:30 UTC = 2030-02-01 00:30 in Berlin: start_month 2030-02
        berlin=create(app, title="Berlin night", starts=utc(2030, 1, 31, 23, 30),
                      timezone="Europe/Berlin", country="de", capacity=2),
        # starts 2030-03-01 05:00 UTC = 2030-02-28 21:00 in Los Angeles: start_month 2030-02
        pacific=create(app, title="LA evening", starts=utc(2030, 3, 1, 5),
                       timezone="America/Los_Angeles", country="US", capacity=5,
                       category="social"),
        renamed=create(app, title="To rename", starts=utc(2030, 3, 31, 20), timezone="UTC",
                       country="GB", capacity=10, category="social"),
    )
    people, tokens, a = ledger.people, ledger.tokens, ledger.berlin

    def register(name: str, when: datetime, event_id: UUID = a, email: str | None = None,
                 member: Principal | None = None) -> UUID:
        at(clock, when)
        admission = app.register(event_id, name=name.title(), email=email or f"{name}@x.org",
                                 actor=member.actor if member else "guest",
                                 member_id=member.id if member else None)
        people.setdefault(name, admission.registration_id)
        tokens[name] = admission.cancel_token
        return admission.registration_id

    # Berlin (UTC+1): 22:50-22:56 UTC is 23:50-23:56 on 5 January, local.
    register("ann", utc(2030, 1, 5, 22, 50))
    register("bob", utc(2030, 1, 5, 22, 52), member=BOB)  # 2 of 2 seats: sold out
    register("cat", utc(2030, 1, 5, 22, 54))  # waitlisted
    register("dan", utc(2030, 1, 5, 22, 56))  # waitlisted
    # 23:05-23:20 UTC is past midnight in Berlin: 6 January.
    at(clock, utc(2030, 1, 5, 23, 5))
    app.cancel_registration(a, people["cat"], principal=ORGANIZER)  # from the waitlist
    at(clock, utc(2030, 1, 5, 23, 7))
    app.check_in(a, people["ann"], principal=ORGANIZER)
    at(clock, utc(2030, 1, 5, 23, 9))
    release = app.cancel_registration(a, people["ann"], principal=ORGANIZER)  # checked in
    assert release.promoted_registration_id == people["dan"]
    register("eve", utc(2030, 1, 5, 23, 11))  # waitlisted
    at(clock, utc(2030, 1, 5, 23, 13))
    app.edit_event(a, principal=ORGANIZER, capacity=3)  # promotes eve
    at(clock, utc(2030, 1, 5, 23, 15))
    app.check_in(a, people["bob"], principal=ORGANIZER)
    # Ann again: the same registration id, and the event is full: waitlisted.
    assert register("ann", utc(2030, 1, 5, 23, 20)) == people["ann"]

    # Los Angeles (UTC-8): 07:55 UTC is 23:55 on 5 January, 08:10 is 00:10 on 6 January.
    p = ledger.pacific
    register("bob-guest", utc(2030, 1, 6, 7, 55), p, email="  Bob@X.org ")  # Bob, as a guest
    register("ann-again", utc(2030, 1, 6, 8, 10), p, email="ANN@x.org")
    register("fay", utc(2030, 1, 6, 8, 12), p, member=FAY)

    # A new zone moves the start month (2030-03-31 20:00 UTC is 1 April 09:00 in Auckland).
    at(clock, utc(2030, 1, 7, 9))
    app.edit_event(ledger.renamed, principal=ORGANIZER, title="Renamed", category="seminar",
                   timezone="Pacific/Auckland", location={"country": "nz", "city": "Wellington"})
    app.cancel_event(ledger.renamed, reason="rain", principal=ORGANIZER)

    # Ratings of the Berlin event once it has started: bob 4 -> withdrawn -> 1 (rated again),
    # dan 2 -> 3 (comment hidden: the score still counts), eve 5 -> withdrawn.
    at(clock, utc(2030, 2, 1, 0, 0))
    ledger.ratings["bob"] = app.rate_as_member(a, score=4, comment=None, principal=BOB).rating_id

    def guest(name: str, score: int, comment: str | None = None) -> UUID:
        return app.rate_as_guest(a, people[name], token=tokens[name], score=score,
                                 comment=comment, principal=ANONYMOUS).rating_id

    ledger.ratings["dan"] = guest("dan", 2, "meh")
    ledger.ratings["eve"] = guest("eve", 5)
    guest("dan", 3, "better")
    app.withdraw_rating_as_guest(a, people["eve"], token=tokens["eve"], principal=ANONYMOUS)
    app.withdraw_rating_as_member(a, principal=BOB)
    app.rate_as_member(a, score=1, comment=None, principal=BOB)
    app.hide_rating_comment(a, ledger.ratings["dan"], reason="rude", principal=ORGANIZER)
    return ledger


def rows(conn: Any, table: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(select(table)).mappings()]


def counts(registrations: int = 0, cancellations: int = 0, waitlist_joins: int = 0,
           promotions: int = 0, confirmed: int = 0, checked_in: int = 0,
           ratings: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)) -> dict[str, Any]:
    return {"registrations": registrations, "cancellations": cancellations,
            "waitlist_joins": waitlist_joins, "promotions": promotions, "confirmed": confirmed,
            "checked_in": checked_in, "rating_count": sum(ratings),
            "rating_sum": sum(score * n for score, n in enumerate(ratings, start=1)),
            **{f"rating_{score}": n for score, n in enumerate(ratings, start=1)}}


def test_a_ledger_in_two_zones_gives_the_hand_computed_numbers(container: Container,
                                                               clock: FakeClock) -> None:
    app = container.write_model
    ledger = two_zones(app, clock)
    container.runner.catch_up()
    a, p, r, people = ledger.berlin, ledger.pacific, ledger.renamed, ledger.people
    with container.read_engine.connect() as conn:
        events = {row["event_id"]: row for row in rows(conn, analytics_events)}
        stamped = {event_id: row.pop("last_position") for event_id, row in events.items()}
        activity = {(row.pop("event_id"), row.pop("bucket")): row
                    for row in rows(conn, analytics_activity)}
        registrations = {row.pop("registration_id"): row
                         for row in rows(conn, analytics_registrations)}
        ratings = {row.pop("rating_id"): row for row in rows(conn, analytics_ratings)}
        made_at = {(row["person"], row["event_id"]): row["position"]
                   for row in rows(conn, analytics_attendance)}
        attendance = set(made_at)
        persons = {row["person"]: row["events"] for row in rows(conn, analytics_people)}

    details = dict(organizer_id="org-1", status="published")
    assert events == {
        # registrations: ann, bob, cat, dan, eve, ann again; cancelled: cat (waitlisted), ann
        # (confirmed, checked in); promoted: dan (ann's seat), eve (the capacity raise);
        # confirmed now: bob, dan, eve; checked in now: bob; standing ratings: bob 1, dan 3.
        a: {"event_id": a, "title": "Berlin night", "category": "workshop", "country": "DE",
            "starts_at": utc(2030, 1, 31, 23, 30), "ends_at": utc(2030, 2, 1, 1, 30),
            "timezone": "Europe/Berlin", "start_month": "2030-02", "capacity": 3,
            "sold_out_at": utc(2030, 1, 5, 22, 52), **details,
            **counts(6, 2, 4, 2, 3, 1, ratings=(1, 0, 1, 0, 0))},
        p: {"event_id": p, "title": "LA evening", "category": "social", "country": "US",
            "starts_at": utc(2030, 3, 1, 5), "ends_at": utc(2030, 3, 1, 7),
            "timezone": "America/Los_Angeles", "start_month": "2030-02", "capacity": 5,
            "sold_out_at": None, **details, **counts(3, confirmed=3)},
        r: {"event_id": r, "title": "Renamed", "category": "seminar", "country": "NZ",
            "starts_at": utc(2030, 3, 31, 20), "ends_at": utc(2030, 3, 31, 22),
            "timezone": "Pacific/Auckland", "start_month": "2030-04", "capacity": 10,
            "sold_out_at": None, **details, "status": "cancelled", **counts()},
    }

    def bucket(registrations: int = 0, cancellations: int = 0, waitlist_joins: int = 0,
               promotions: int = 0, check_ins: int = 0) -> dict[str, int]:
        return {"registrations": registrations, "cancellations": cancellations,
                "waitlist_joins": waitlist_joins, "promotions": promotions,
                "check_ins": check_ins}

    assert activity == {
        (a, utc(2030, 1, 5, 22, 45)): bucket(4, waitlist_joins=2),
        # cat and ann cancelled, ann checked in, eve joined, dan and eve promoted
        (a, utc(2030, 1, 5, 23, 0)): bucket(1, 2, 1, 2, 1),
        (a, utc(2030, 1, 5, 23, 15)): bucket(1, waitlist_joins=1, check_ins=1),
        (p, utc(2030, 1, 6, 7, 45)): bucket(1),
        (p, utc(2030, 1, 6, 8, 0)): bucket(2),
    }
    # Each bucket lies within one local date, on either side of the zone's midnight.
    local = {(event_id, b): b.astimezone(ZoneInfo(events[event_id]["timezone"])).date().day
             for event_id, b in activity}
    assert sorted(local.values()) == [5, 5, 6, 6, 6]
    assert local[(a, utc(2030, 1, 5, 22, 45))] == local[(p, utc(2030, 1, 6, 7, 45))] == 5

    assert registrations == {
        people["ann"]: {"event_id": a, "person": "ann@x.org", "status": "waitlisted",
                        "checked_in": False},
        people["bob"]: {"event_id": a, "person": "bob@x.org", "status": "confirmed",
                        "checked_in": True},
        people["cat"]: {"event_id": a, "person": "cat@x.org", "status": "cancelled",
                        "checked_in": False},
        people["dan"]: {"event_id": a, "person": "dan@x.org", "status": "confirmed",
                        "checked_in": False},
        people["eve"]: {"event_id": a, "person": "eve@x.org", "status": "confirmed",
                        "checked_in": False},
        people["bob-guest"]: {"event_id": p, "person": "bob@x.org", "status": "confirmed",
                              "checked_in": False},
        people["ann-again"]: {"event_id": p, "person": "ann@x.org", "status": "confirmed",
                              "checked_in": False},
        people["fay"]: {"event_id": p, "person": "fay@x.org", "status": "confirmed",
                        "checked_in": False},
    }
    assert ratings == {ledger.ratings["bob"]: {"event_id": a, "score": 1},
                       ledger.ratings["dan"]: {"event_id": a, "score": 3},
                       ledger.ratings["eve"]: {"event_id": a, "score": None}}
    # Bob the member and "  Bob@X.org " the guest are one person; so are ann and ANN.
    assert attendance == {(f"{n}@x.org", a) for n in ("ann", "bob", "cat", "dan", "eve")} | {
        (f"{n}@x.org", p) for n in ("ann", "bob", "fay")}
    assert persons == {"ann@x.org": 2, "bob@x.org": 2, "cat@x.org": 1, "dan@x.org": 1,
                       "eve@x.org": 1, "fay@x.org": 1}
    # The positions the API's in-memory copy catches up by (query_api/analytics_frame.py):
    # an event's row carries its last domain event's, an attendance row its first acceptance's.
    last, first = positions_in_store(app)
    assert stamped == {a: last[a], p: last[p], r: last[r]}
    assert made_at == {pair: first[pair] for pair in attendance}


def positions_in_store(app: EventConnect) -> tuple[dict[UUID, int], dict[tuple[str, UUID], int]]:
    """From the store itself: (the last position of a domain event analytics reads on each
    event's own stream or its ratings', the first position at which each (email, event) was
    registered)."""
    last: dict[UUID, int] = {}
    first: dict[tuple[str, UUID], int] = {}
    for n in app.recorder.select_notifications(1, 10_000):
        event = app.mapper.to_domain_event(n)
        if not isinstance(event, tuple(Analytics.reads)):
            continue  # e.g. a hidden comment: no number changes
        if isinstance(event, Rating.Event):
            last[event.event_id] = n.id  # type: ignore[attr-defined]
        elif isinstance(event, CommunityEvent.Event):
            last[event.originator_id] = n.id
            if isinstance(event, (CommunityEvent.RegistrationConfirmed,
                                  CommunityEvent.RegistrantWaitlisted)):
                first.setdefault((event.email, event.originator_id), n.id)
    return last, first


def analytics_dump(container: Container) -> dict[str, list[tuple[Any, ...]]]:
    tables = dump(container.read_engine)
    return {name: tables[name] for name in ANALYTICS_TABLES}


def test_rebuild_equals_live_catch_up_row_for_row(container: Container,
                                                  clock: FakeClock) -> None:
    app = container.write_model
    two_zones(app, clock)
    # One event per batch: every row is read back and written across many transactions, and
    # the growing counters are added to again and again.
    ProjectionRunner(app, container.read_engine, all_projections(), batch_size=1).catch_up()
    live = analytics_dump(container)
    assert [len(live[name]) for name in ANALYTICS_TABLES] == [3, 5, 8, 3, 8, 6]
    assert container.runner.rebuild("analytics") == app.recorder.max_notification_id()
    assert analytics_dump(container) == live
    # ... and so does the live path taking the whole log as one batch.
    with container.read_engine.begin() as conn:
        Analytics().clear(conn)
        set_position(conn, "analytics", 0)
    ProjectionRunner(app, container.read_engine, [Analytics()], batch_size=10_000).catch_up()
    assert analytics_dump(container) == live


def test_a_live_batch_costs_the_same_statements_whatever_its_size(container: Container,
                                                                  clock: FakeClock) -> None:
    app = container.write_model
    event_ids = [create(app, title=f"Rush {i}", starts=clock.now + timedelta(days=3),
                        timezone="Asia/Kolkata", country="IN", capacity=10) for i in range(2)]
    runner = ProjectionRunner(app, container.read_engine, [Analytics()], batch_size=1000)
    runner.catch_up()
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    sa_event.listen(container.read_engine, "before_cursor_execute", count)
    try:
        spent = []
        for size in (4, 40):  # 40 overflows both events' seats onto their waitlists
            for i in range(size):
                clock.advance(seconds=20)
                app.register(event_ids[i % 2], name=f"P {size}-{i}", email=f"p{size}-{i}@x.org",
                             actor="guest")
            statements.clear()
            runner.catch_up()
            spent.append(len(statements))
    finally:
        sa_event.remove(container.read_engine, "before_cursor_execute", count)
    assert spent[0] == spent[1] <= 12, spent
