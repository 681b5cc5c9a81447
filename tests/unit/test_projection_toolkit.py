"""The read-model toolkit (projections/toolkit.py) and the folds declared with it: dispatch by
event class, derived `reads`, and the rows a stream folds into (pinned before the rewrite)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import create_engine

from command_api.domain.account import Account
from command_api.domain.community_event import CommunityEvent
from command_api.domain.rating import Rating
from projections import attendees, catalogue, users
from projections.base import Rebuild
from projections.dialects import PostgresDialect, SqliteDialect, dialect_of
from projections.tables import users as users_table
from projections.toolkit import AggregateRows, FoldRebuild, handles
from tests.unit.factories import NOW, event_details


def a_busy_stream() -> tuple[CommunityEvent, list[Any], list[UUID]]:
    """Scheduled, published, 3 admissions on 2 seats (one waitlisted), a cancellation that
    promotes, a check-in, a rename and a capacity change."""
    event = CommunityEvent.schedule(actor="org-1", now=NOW, **event_details(capacity=2))
    event.publish(actor="org-1", now=NOW)
    ids = [UUID(int=i + 1) for i in range(3)]
    for i, registration_id in enumerate(ids):
        event.admit(registration_id, name=f"P{i}", email=f"p{i}@x.org", actor="guest",
                    now=NOW + timedelta(minutes=i))
    event.release(ids[0], actor="guest", now=NOW + timedelta(hours=1))
    event.check_in(ids[1], already=False, actor="staff", now=NOW + timedelta(hours=2))
    event.edit(actor="org-1", now=NOW + timedelta(hours=3), title="Brake clinic",
               tags=["bikes", "repair"])
    event.change_capacity(5, actor="org-1", now=NOW + timedelta(hours=4))
    return event, list(event.collect_events()), ids


def test_the_catalogue_row_of_a_stream() -> None:
    aggregate, stream, _ = a_busy_stream()
    row = None
    for domain_event in stream:
        row = catalogue.fold(row, domain_event)
    assert row is not None
    assert (row["status"], row["title"], row["tags"]) == ("published", "Brake clinic",
                                                          ["bikes", "repair"])
    assert (row["capacity"], row["confirmed_count"], row["waitlist_length"]) == (5, 2, 0)
    assert row["version"] == stream[-1].originator_version == aggregate.version
    assert row["updated_at"] == stream[-1].timestamp
    # a stream never seen created shows nothing; `fold` does not modify the row it is given
    assert catalogue.fold(None, stream[1]) is None
    before = dict(row)
    catalogue.fold(row, stream[1])
    assert row == before


def test_the_attendee_list_of_a_stream() -> None:
    _, stream, ids = a_busy_stream()
    listed = attendees.replay(stream)
    assert [(r["registration_id"], r["status"]) for r in listed] == [
        (ids[1], "confirmed"), (ids[2], "confirmed"), (ids[0], "cancelled")]
    assert listed[0]["checked_in_at"] == NOW + timedelta(hours=2)
    assert attendees.referenced_ids(stream[-1]) == set()  # nobody was waiting any more
    assert attendees.referenced_ids(stream[5]) == {ids[0], ids[2]}  # cancelled, promoted


def test_the_users_row_of_an_account() -> None:
    account = Account.sign_up(email="a@x.org", name="Asha", password_hash="h", timezone="UTC",
                              locale="en", actor="self", now=NOW)
    account.change_profile(actor="self", now=NOW + timedelta(hours=1), name="Asha Rao")
    account.change_password("h2", actor="self", now=NOW + timedelta(hours=2))
    account.grant_role("organizer", actor=ADMIN, now=NOW + timedelta(hours=3))
    account.deactivate(actor=ADMIN, now=NOW + timedelta(hours=4))
    row = None
    for domain_event in account.collect_events():
        row = users.fold(row, domain_event)
    assert row is not None
    assert (row["email"], row["name"], row["role"], row["active"]) == (
        "a@x.org", "Asha Rao", "organizer", False)
    assert row["updated_at"] == NOW + timedelta(hours=4)
    assert "password_hash" not in row


ADMIN = "11111111-1111-4111-8111-111111111111"


class Base(CommunityEvent.Event):
    """Stand-ins for a domain event hierarchy (the toolkit only looks at classes)."""


class Special(Base):
    pass


class Other(Base):
    pass


def test_reads_and_dispatch_come_from_the_handlers() -> None:
    class Model(AggregateRows):
        name, table, key = "model", users_table, "id"

        @handles(Base)
        def base(self, row: Any, event: Any) -> None:
            row["seen"] = "base"

        @handles(Special)
        def special(self, row: Any, event: Any) -> None:
            row["seen"] = "special"

    # `reads` keeps only the classes no other handled class covers; `tables` follows `table`
    assert Model.reads == (Base,) and Model.tables == (users_table,)
    handlers = Model.handlers
    assert handlers.get(Special) is Model.special  # its own handler wins over its base's
    assert handlers.get(Other) is Model.base  # a subclass without one gets its base's
    assert handlers.get(Account.SignedUp) is None
    # resolved once per class, then one dict lookup
    assert handlers._by_type == {Special: Model.special, Other: Model.base, Account.SignedUp: None}


def test_a_read_model_that_overrides_apply_is_rebuilt_through_it() -> None:
    class Patched(attendees.Attendees):
        def apply(self, conn: Any, items: Any) -> None:
            super().apply(conn, items)

    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        assert type(attendees.Attendees().rebuild(conn)) is attendees.AttendeesRebuild
        assert type(catalogue.Catalogue().rebuild(conn)) is catalogue.CatalogueRebuild
        assert type(users.Users().rebuild(conn)) is FoldRebuild
        assert type(Patched().rebuild(conn)) is Rebuild  # batch by batch, through its apply
        assert isinstance(dialect_of(conn), SqliteDialect)
    # ratings move the rated event's average: the three events that change a score
    assert catalogue.Catalogue.reads == (CommunityEvent.Event, Rating.Rated, Rating.Changed,
                                         Rating.Withdrawn, Account.ProfileChanged)
    assert users.Users.reads == (Account.Event,)


def test_postgres_keeps_no_text_index_of_its_own() -> None:
    dialect = PostgresDialect()
    assert not dialect.keeps_text_index and SqliteDialect.keeps_text_index
    dialect.index_text(None, [{"search_key": 1}])  # type: ignore[arg-type]  # writes nothing
