"""Rules of email ownership, forgotten passwords and notification preferences on the Account
aggregate, and the registration's language (given events / when command / then events)."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest
from eventsourcing.application import Application

from command_api.domain.account import PASSWORD_RESET_TTL, Account, InvalidToken
from command_api.domain.errors import AccountDeactivated, InvalidTransition
from command_api.domain.registration import Registration, hash_token
from command_api.use_cases.accounts import account_of_token, new_email_token
from tests.unit.factories import NOW, then_events
from tests.unit.test_account import ADMIN_ID, HASH, signed_up

TOKEN = "a" * 20 + ".secret-part"
NEW_HASH = "$2b$04$new-hash-new-hash-new-hash-new-hash-new-hash-new-hash-x"


def test_a_new_account_is_unverified_with_both_notification_switches_on() -> None:
    account = signed_up()
    assert account.email_verified is False
    assert (account.email_notifications, account.reminder_notifications) == (True, True)


def test_verification_needs_the_token_of_the_latest_link() -> None:
    account = signed_up()
    account.request_verification(hash_token("old"), actor="self", now=NOW)
    account.request_verification(hash_token(TOKEN), actor="self", now=NOW)
    with pytest.raises(InvalidToken):
        account.verify_email("old", now=NOW)  # superseded
    with pytest.raises(InvalidToken):
        account.verify_email(TOKEN + "x", now=NOW)
    assert not account.email_verified
    account.verify_email(TOKEN, now=NOW)
    assert account.email_verified
    assert then_events(account)[-1] == "EmailVerified"


def test_following_the_verification_link_twice_changes_nothing_more() -> None:
    account = signed_up()
    account.request_verification(hash_token(TOKEN), actor="self", now=NOW)
    account.verify_email(TOKEN, now=NOW)
    account.collect_events()
    account.verify_email(TOKEN, now=NOW)
    assert then_events(account) == []


def test_no_link_was_asked_for_so_no_token_verifies() -> None:
    with pytest.raises(InvalidToken):
        signed_up().verify_email(TOKEN, now=NOW)


def test_a_verified_address_needs_no_new_link() -> None:
    account = signed_up()
    account.mark_verified(actor=ADMIN_ID, now=NOW)
    with pytest.raises(InvalidTransition):
        account.request_verification(hash_token(TOKEN), actor="self", now=NOW)


def test_only_the_hash_of_a_token_is_recorded() -> None:
    account = signed_up()
    account.request_verification(hash_token(TOKEN), actor="self", now=NOW)
    account.request_password_reset(hash_token(TOKEN), actor="self", now=NOW)
    for event in account.collect_events():
        assert TOKEN not in repr(event.__dict__)


def _reset_requested() -> Account:
    account = signed_up()
    account.request_password_reset(hash_token(TOKEN), actor="self", now=NOW)
    account.collect_events()
    return account


def test_a_reset_sets_the_password_ends_every_session_and_spends_the_link() -> None:
    account = _reset_requested()
    account.reset_password(TOKEN, NEW_HASH, now=NOW + timedelta(minutes=59))
    assert then_events(account) == ["PasswordReset", "EmailVerified"]
    assert account.password_hash == NEW_HASH and account.session_version == 1
    assert account.email_verified  # only the address's owner could follow the link
    with pytest.raises(InvalidToken):
        account.reset_password(TOKEN, HASH, now=NOW + timedelta(minutes=59))  # single use


def test_a_reset_link_expires_after_an_hour() -> None:
    account = _reset_requested()
    with pytest.raises(InvalidToken):
        account.reset_password(TOKEN, NEW_HASH, now=NOW + PASSWORD_RESET_TTL)
    assert account.password_hash == HASH


def test_a_newer_reset_link_replaces_the_older() -> None:
    account = _reset_requested()
    account.request_password_reset(hash_token("newer.x"), actor="self", now=NOW)
    with pytest.raises(InvalidToken):
        account.reset_password(TOKEN, NEW_HASH, now=NOW)
    account.reset_password("newer.x", NEW_HASH, now=NOW)


def test_a_deactivated_account_gets_no_link_and_cannot_use_one() -> None:
    account = _reset_requested()
    account.deactivate(actor=ADMIN_ID, now=NOW)
    with pytest.raises(InvalidToken):
        account.reset_password(TOKEN, NEW_HASH, now=NOW)
    with pytest.raises(AccountDeactivated):
        account.request_password_reset(hash_token(TOKEN), actor="self", now=NOW)


def test_notification_switches_change_only_what_is_named() -> None:
    account = signed_up()
    account.change_notifications(actor="self", now=NOW, reminders=False)
    [event] = account.collect_events()
    assert isinstance(event, Account.NotificationPreferencesChanged)
    assert (event.email, event.reminders, event.actor) == (True, False, "self")
    assert (account.email_notifications, account.reminder_notifications) == (True, False)
    account.change_notifications(actor="self", now=NOW, reminders=False, email=None)
    assert then_events(account) == []  # nothing new


def test_email_tokens_name_their_account_and_are_unguessable() -> None:
    account_id = uuid4()
    first, second = new_email_token(account_id), new_email_token(account_id)
    assert first != second and account_of_token(first) == account_id
    assert len(first.partition(".")[2]) >= 43  # 32 random bytes, url-safe base64
    for bad in ("", "nodot", "zz.secret", f"{account_id.hex}."):
        with pytest.raises(InvalidToken):
            account_of_token(bad)


def test_a_registration_stored_before_locale_existed_loads_in_english() -> None:
    app = Application[object]()
    registration = Registration.open(event_id=uuid4(), email="a@example.org", member_id=None,
                                     cancel_token_hash=None, actor="guest", now=NOW,
                                     locale="de")
    assert registration.locale == "de"
    registration.withdraw(actor="guest", now=NOW)
    registration.reopen(member_id=None, cancel_token_hash=None, actor="guest", now=NOW,
                        locale="de")
    loaded = []
    for event in registration.collect_events():
        stored = app.mapper.to_stored_event(event)
        state = app.mapper.transcoder.decode(stored.state)
        state.pop("locale", None)  # as written before the field existed
        old = stored.__class__(originator_id=stored.originator_id,
                               originator_version=stored.originator_version,
                               topic=stored.topic, state=app.mapper.transcoder.encode(state))
        loaded.append(app.mapper.to_domain_event(old))
    opened, _, reopened = loaded
    assert (opened.locale, reopened.locale) == ("en", "en")  # type: ignore[attr-defined]
    replayed = None
    for event in loaded:
        replayed = event.mutate(replayed)
    assert replayed is not None and replayed.locale == "en"
    app.close()
