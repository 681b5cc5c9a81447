"""The overview's in-memory copy of the analytics read model (query_api/analytics_frame.py) on
real databases: after every change it answers what SQL over the read model's tables answers
(the oracle below: plain GROUP BYs), it catches up by position without starting over, it
starts over when the store's position went back, and the upgrade that added the positions
starts the read model over."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, distinct, func, select

from command_api.domain.vocabulary import LISTED_STATUSES
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel.authz import system
from projections.claims import set_position
from projections.migrate import downgrade, upgrade
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.tables import analytics_attendance, analytics_events, tracking
from query_api.analytics_frame import Copy
from query_api.analytics_overview import overview
from query_api.analytics_queries import Filters
from tests.conftest import FakeClock
from tests.integration.test_analytics_projection import create

ORGANIZER = system("org-1")
E, A = analytics_events.c, analytics_attendance.c
FILTERS = (Filters(), Filters(category="seminar"), Filters(country="fr"),
           Filters(start=date(2030, 3, 1), to=date(2030, 3, 31)), Filters(organizer_id="nobody"))


def oracle(conn: Connection, filters: Filters) -> dict[str, Any]:
    """The overview's people and sums by SQL over the tables, the slow way."""
    where = [E.status.in_([str(s) for s in LISTED_STATUSES])]
    if filters.category:
        where.append(E.category == filters.category)
    if filters.country:
        where.append(E.country == filters.country.upper())
    if filters.organizer_id:
        where.append(E.organizer_id == filters.organizer_id)
    if filters.start:
        where.append(E.starts_at >= datetime.combine(filters.start, datetime.min.time(), UTC))
    if filters.to:
        where.append(E.starts_at < datetime.combine(filters.to + timedelta(days=1),
                                                    datetime.min.time(), UTC))
    joined = analytics_attendance.join(analytics_events, E.event_id == A.event_id)
    per_person = (select(A.person, func.count().label("n")).select_from(joined).where(*where)
                  .group_by(A.person).subquery())
    unique = conn.scalar(select(func.count(distinct(A.person))).select_from(joined).where(*where))
    repeat = conn.scalar(select(func.count()).select_from(per_person).where(per_person.c.n >= 2))
    events, registrations = conn.execute(select(func.count(), func.coalesce(
        func.sum(E.registrations), 0)).where(*where)).one()
    return {"events": events, "registrations": registrations, "unique_attendees": unique,
            "repeat_attendees": repeat}


def answers(container: Container, copy: Copy) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(the copy's, the oracle's) for every filter, after the runner caught up."""
    container.runner.catch_up()
    found = []
    with container.read_engine.connect() as conn:
        for filters in FILTERS:
            got = overview(conn, filters, copy)
            found.append(({k: got[k] for k in ("events", "registrations", "unique_attendees",
                                               "repeat_attendees")}, oracle(conn, filters)))
    return found


def test_the_copy_answers_as_sql_over_the_tables_after_every_change(
        container: Container, clock: FakeClock) -> None:
    app = container.write_model
    march = datetime(2030, 3, 10, 18, tzinfo=UTC)
    workshop = create(app, title="W", starts=march, timezone="Europe/Paris", country="fr",
                      capacity=2)
    seminar = create(app, title="S", starts=march + timedelta(days=40), timezone="UTC",
                     country="de", capacity=5, category="seminar")
    copy = Copy()
    assert all(mine == sql for mine, sql in answers(container, copy))
    assert answers(container, copy)[0][0]["unique_attendees"] == 0

    def register(event_id: UUID, who: str) -> UUID:
        return app.register(event_id, name=who.title(), email=f"{who}@x.org", actor="guest",
                            member_id=None).registration_id

    ann = register(workshop, "ann")
    for who in ("bob", "cat"):  # cat waits: still accepted, so a person of the event
        register(workshop, who)
    for who in ("ann", "bob", "dan"):
        register(seminar, who)
    steps = [answers(container, copy)]
    app.cancel_registration(workshop, ann, principal=ORGANIZER)  # stays one of its people
    steps.append(answers(container, copy))
    app.edit_event(seminar, principal=ORGANIZER, category="workshop")  # an event row changes
    steps.append(answers(container, copy))
    app.delete_event(seminar, principal=ORGANIZER)  # its people leave every count
    steps.append(answers(container, copy))
    for step in steps:
        assert [mine for mine, _ in step] == [sql for _, sql in step]
    # what the steps saw: ann and bob in both events, then the seminar deleted
    assert steps[0][0][0] == {"events": 2, "registrations": 6, "unique_attendees": 4,
                              "repeat_attendees": 2}
    assert steps[2][1][0]["events"] == 0  # no seminar any more
    assert steps[3][0][0] == {"events": 1, "registrations": 3, "unique_attendees": 3,
                              "repeat_attendees": 0}
    # caught up by position, never started over: the rows it read last are the newest only
    assert copy.read_model_position == container.runner.position()


def test_the_copy_starts_over_when_the_position_went_back(container: Container,
                                                          clock: FakeClock) -> None:
    app = container.write_model
    event_id = create(app, title="W", starts=datetime(2030, 3, 10, 18, tzinfo=UTC),
                      timezone="UTC", country="fr", capacity=5)
    app.register(event_id, name="Ann", email="ann@x.org", actor="guest", member_id=None)
    copy = Copy()
    first = answers(container, copy)[0][0]
    held = copy.frame
    with container.read_engine.begin() as conn:  # as if restored from an older backup
        set_position(conn, "analytics", 1)
    with container.read_engine.connect() as conn:
        assert overview(conn, Filters(), copy)["unique_attendees"] == first["unique_attendees"]
    assert copy.frame is not held


# The revision before the one that added the positions (projections/migrations/versions).
BEFORE_POSITIONS = "0011"


def test_the_upgrade_that_adds_positions_starts_the_read_model_over(settings: Settings,
                                                                    clock: FakeClock) -> None:
    """Rows from before the positions cannot be given theirs: the upgrade empties the read
    model and drops its tracking row, and the runner folds the whole log again."""
    container = bootstrap(settings, clock=clock, migrate=True)
    try:
        engine = container.read_engine
        event_id = create(container.write_model, title="W", timezone="UTC", country="fr",
                          starts=datetime(2030, 3, 10, 18, tzinfo=UTC), capacity=5)
        container.write_model.register(event_id, name="Ann", email="ann@x.org", actor="guest",
                                       member_id=None)
        container.runner.catch_up()
        downgrade(engine, BEFORE_POSITIONS)
        with engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(analytics_attendance))
        upgrade(engine)
        with engine.connect() as conn:
            assert not conn.scalar(select(func.count()).select_from(analytics_attendance))
            assert conn.scalar(select(tracking.c.position)
                               .where(tracking.c.name == "analytics")) is None
        # a process started after the upgrade (this runner still holds the old positions)
        ProjectionRunner(container.write_model, engine, all_projections()).catch_up()
        with engine.connect() as conn:
            rows = conn.execute(select(A.person, A.position)).all()
            found = overview(conn, Filters(), Copy())
        assert [person for person, _ in rows] == ["ann@x.org"] and rows[0].position > 0
        assert found["unique_attendees"] == 1 and found["events"] == 1
    finally:
        container.write_model.close()
        container.read_engine.dispose()
