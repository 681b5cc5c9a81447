"""Rules of the Account and SessionFamily aggregates (given events / when command / then events)."""

from __future__ import annotations

import pytest

from command_api.domain.account import ADMIN, MEMBER, ORGANIZER, Account, account_id_for
from command_api.domain.errors import (
    AccountDeactivated,
    CannotChangeOwnAccess,
    InvalidTransition,
    NotAuthenticated,
    RefreshTokenReused,
)
from command_api.domain.session_family import SessionFamily, new_jti
from tests.unit.factories import NOW, then_events

HASH = "$2b$04$abcdefghijklmnopqrstuu0123456789012345678901234567890"  # any string; never a password
ADMIN_ID = "11111111-1111-4111-8111-111111111111"


def signed_up(**overrides: str) -> Account:
    details = dict(email=" Asha@Example.org ", name=" Asha Rao ", password_hash=HASH,
                   timezone="Asia/Kolkata", locale="en-IN", actor="self")
    details.update(overrides)
    account = Account.sign_up(now=NOW, **details)  # type: ignore[arg-type]
    account.collect_events()
    return account


def test_id_is_derived_from_the_normalised_email() -> None:
    account = signed_up()
    assert account.id == account_id_for("asha@example.org") == account_id_for(" ASHA@example.ORG")
    assert (account.email, account.name, account.role) == ("asha@example.org", "Asha Rao", MEMBER)
    assert account.active and account.session_version == 0


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(InvalidTransition):
        signed_up(role="superuser")
    with pytest.raises(InvalidTransition):
        signed_up().grant_role("root", actor=ADMIN_ID, now=NOW)


def test_role_grant_records_who_and_the_previous_role() -> None:
    account = signed_up()
    account.grant_role(ORGANIZER, actor=ADMIN_ID, now=NOW)
    [event] = account.collect_events()
    assert isinstance(event, Account.RoleGranted)
    assert (event.role, event.previous, event.actor, event.timestamp) == (ORGANIZER, MEMBER,
                                                                          ADMIN_ID, NOW)
    account.grant_role(ORGANIZER, actor=ADMIN_ID, now=NOW)
    assert then_events(account) == []  # the same role again changes nothing


def test_an_admin_cannot_change_their_own_role_nor_deactivate_themself() -> None:
    admin = signed_up(role=ADMIN)
    with pytest.raises(CannotChangeOwnAccess):
        admin.grant_role(MEMBER, actor=str(admin.id), now=NOW)
    with pytest.raises(CannotChangeOwnAccess):
        admin.deactivate(actor=str(admin.id), now=NOW)
    assert then_events(admin) == []


def test_profile_change_records_only_what_changed() -> None:
    account = signed_up()
    account.change_profile(name="Asha Rao", timezone="Europe/Berlin", actor="self", now=NOW)
    [event] = account.collect_events()
    assert isinstance(event, Account.ProfileChanged) and event.changes == {
        "timezone": "Europe/Berlin"}
    with pytest.raises(InvalidTransition):
        account.change_profile(role=ADMIN, actor="self", now=NOW)


def test_new_password_and_deactivation_end_every_session() -> None:
    account = signed_up()
    account.change_password("$2b$04$other", actor="self", now=NOW)
    assert account.password_hash == "$2b$04$other" and account.session_version == 1
    account.deactivate(actor=ADMIN_ID, now=NOW)
    assert not account.active and account.session_version == 2
    assert then_events(account) == ["PasswordChanged", "Deactivated"]
    with pytest.raises(InvalidTransition):
        account.deactivate(actor=ADMIN_ID, now=NOW)
    for change in (lambda: account.change_password("x", actor="self", now=NOW),
                   lambda: account.grant_role(ADMIN, actor=ADMIN_ID, now=NOW),
                   lambda: account.change_profile(name="X", actor="self", now=NOW)):
        with pytest.raises(AccountDeactivated):
            change()


def test_session_family_rotates_only_the_current_token() -> None:
    first = new_jti()
    family = SessionFamily.issue(account_id="acc", jti=first, now=NOW)
    second = new_jti()
    family.rotate(first, second, now=NOW)
    assert family.current_jti == second
    assert then_events(family) == ["Issued", "Rotated"]
    with pytest.raises(RefreshTokenReused):
        family.rotate(first, new_jti(), now=NOW)
    assert then_events(family) == []


def test_a_revoked_family_rotates_no_more() -> None:
    jti = new_jti()
    family = SessionFamily.issue(account_id="acc", jti=jti, now=NOW)
    family.revoke(reason="logout", actor="acc", now=NOW)
    family.revoke(reason="logout", actor="acc", now=NOW)  # twice: one event
    assert then_events(family) == ["Issued", "Revoked"]
    with pytest.raises(NotAuthenticated):
        family.rotate(jti, new_jti(), now=NOW)
