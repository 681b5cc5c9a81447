"""One vocabulary: the domain's StrEnums, their wire words, and the one rule per purpose for
emails and time zones."""

from __future__ import annotations

from uuid import UUID

import pytest
from eventsourcing.application import Application
from pydantic import TypeAdapter, ValidationError

from command_api.domain.account import Account, account_id_for
from command_api.domain.community_event import CommunityEvent
from command_api.domain.keys import email_key
from command_api.domain.registration import registration_id_for
from command_api.domain.vocabulary import (
    LISTED_STATUSES,
    Category,
    EventStatus,
    RegistrationStatus,
    Role,
)
from command_api.schemas import TimeZoneName
from kernel.emails import email_normal_form
from query_api.deps import ZoneName
from query_api.listings import LISTED_CONDITION
from tests.unit.factories import NOW, event_details, published_event


def test_the_words_on_the_wire_and_in_the_store_are_the_ones_we_always_wrote():
    assert [*EventStatus] == ["draft", "published", "cancelled", "deleted"]
    assert [*RegistrationStatus] == ["confirmed", "waitlisted", "cancelled"]
    assert [*Role] == ["admin", "organizer", "member", "analyst"]
    assert [*Category] == ["workshop", "seminar", "volunteer", "fundraiser", "social", "other"]


def test_the_aggregates_answer_in_the_vocabulary():
    event = published_event()
    assert type(event.status) is EventStatus and event.status == "published"
    admitted = event.admit(UUID(int=7), name="P", email="p@x.org", actor="guest", now=NOW)
    assert type(admitted) is RegistrationStatus and admitted == "confirmed"
    assert type(event.status_of(UUID(int=7))) is RegistrationStatus


def test_an_account_replayed_from_stored_plain_strings_holds_the_member():
    # A stored SignedUp decodes its role as the bare word; the aggregate still holds a Role.
    account = Account.sign_up(email="o@x.org", name="Olu", password_hash="h", timezone="UTC",
                              locale="en", actor="test", now=NOW, role="organizer")
    replayed = None
    for domain_event in account.collect_events():
        replayed = domain_event.mutate(replayed)
    assert replayed is not None
    assert type(replayed.role) is Role and replayed.role == Role.ORGANIZER == "organizer"
    replayed.grant_role("admin", actor="someone-else", now=NOW)
    assert type(replayed.role) is Role and replayed.role == "admin"


def test_members_are_stored_as_the_bare_word_never_a_repr():
    app = Application()
    event = CommunityEvent.schedule(actor="org-1", now=NOW,
                                    **event_details(category=Category.WORKSHOP))
    event.publish(actor="org-1", now=NOW)
    account = Account.sign_up(email="a@x.org", name="Ada", password_hash="h", timezone="UTC",
                              locale="en", actor="test", now=NOW, role=Role.ANALYST)
    states = [app.mapper.to_stored_event(e).state for e in event.collect_events()
              + account.collect_events()]
    assert b'"category":"workshop"' in states[0]
    assert b'"role":"analyst"' in states[2]
    assert not any(b"Category." in s or b"Role." in s for s in states)


def test_ids_still_derive_from_the_trimmed_lowercased_email():
    # Pinned: ids of stored registrations and accounts were derived with this rule.
    assert email_key(" Asha@Example.ORG ") == "asha@example.org"
    assert registration_id_for(UUID(int=1), " Asha@Example.ORG ") == UUID(
        "d9952297-9c01-59f3-a353-e351e79b595e")
    assert account_id_for(" Asha@Example.ORG ") == UUID("af893f0a-f0ea-57c6-be00-6edc4583199e")


def test_the_input_rule_is_another_function_for_another_purpose():
    # The input normal form keeps the local part's case (it is the mailbox's business); the
    # key ignores case altogether.
    assert email_normal_form(" Asha@EXAMPLE.org ") == "Asha@example.org"
    assert email_key(email_normal_form(" Asha@EXAMPLE.org ")) == "asha@example.org"


@pytest.mark.parametrize("name", ["Asia/Kolkata", "UTC", "America/Argentina/Buenos_Aires"])
def test_commands_and_queries_accept_the_same_zones(name):
    assert TypeAdapter(TimeZoneName).validate_python(name) == name
    assert TypeAdapter(ZoneName).validate_python(name) == name


@pytest.mark.parametrize("name", ["Mars/Olympus", "asia/kolkata", "../etc/passwd", "/usr/share/zoneinfo/UTC",
                                  "Europe/London\x00"])
def test_commands_and_queries_refuse_the_same_zones_in_the_same_words(name):
    refusals = []
    for annotated in (TimeZoneName, ZoneName):
        with pytest.raises(ValidationError) as refused:
            TypeAdapter(annotated).validate_python(name)
        refusals.append(refused.value.errors()[0]["msg"])
    if "\x00" not in name:  # the write side refuses a control character first, by design
        assert refusals[0] == refusals[1] == f"Value error, unknown IANA time zone {name!r}"


def test_the_listing_condition_names_the_listed_statuses():
    # The SQL is literal text for PostgreSQL's partial index; it must say what the enum says.
    assert str(LISTED_CONDITION) == "events.status IN ({})".format(
        ", ".join(f"'{status}'" for status in LISTED_STATUSES))
