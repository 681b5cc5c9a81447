"""Rules of the Registration aggregate."""

from __future__ import annotations

from uuid import uuid4

import pytest

from command_api.domain.errors import AlreadyRegistered, BadCancelToken, RegistrationNotActive
from command_api.domain.registration import Registration, hash_token, registration_id_for
from tests.unit.factories import NOW, then_events


def open_registration(token: str = "secret") -> Registration:
    return Registration.open(event_id=uuid4(), email=" Asha@Example.org ", member_id=None,
                             cancel_token_hash=hash_token(token), actor="guest", now=NOW)


def test_id_is_the_same_for_the_same_email_trimmed_and_any_case() -> None:
    event_id = uuid4()
    assert registration_id_for(event_id, "a@x.org") == registration_id_for(event_id, " A@X.ORG ")
    assert registration_id_for(event_id, "a@x.org") != registration_id_for(uuid4(), "a@x.org")


def test_email_is_stored_normalised() -> None:
    registration = open_registration()
    assert registration.email == "asha@example.org"
    assert then_events(registration) == ["Opened"]


def test_active_registration_cannot_be_reopened() -> None:
    registration = open_registration()
    with pytest.raises(AlreadyRegistered):
        registration.reopen(member_id=None, cancel_token_hash=None, actor="guest", now=NOW)


def test_withdrawn_registration_reopens_with_a_new_token() -> None:
    registration = open_registration("old")
    registration.withdraw(actor="guest", now=NOW)
    with pytest.raises(RegistrationNotActive):
        registration.withdraw(actor="guest", now=NOW)
    registration.reopen(member_id=None, cancel_token_hash=hash_token("new"), actor="guest", now=NOW)
    assert then_events(registration) == ["Opened", "Withdrawn", "Reopened"]
    registration.check_token("new")
    with pytest.raises(BadCancelToken):
        registration.check_token("old")


@pytest.mark.parametrize("token", [None, "", "wrong"])
def test_wrong_or_missing_token_is_refused(token: str | None) -> None:
    with pytest.raises(BadCancelToken):
        open_registration().check_token(token)


def test_store_never_holds_the_token_itself() -> None:
    registration = open_registration("tok-123")
    opened = registration.collect_events()[0]
    assert "tok-123" not in repr(opened.__dict__)
