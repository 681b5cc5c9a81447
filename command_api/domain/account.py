"""The Account aggregate: one person who signs in, with a role.

Its id is derived from the normalised email, so two sign-ups with one email both try to create
version 1 of the same stream and the store refuses the second: a duplicate is a conflict on
creation. The domain never sees a password, only the bcrypt hash the application computed.

`session_version` counts the changes that must end every open session (a new password,
deactivation, a password reset); tokens carry it and stop working when it moves on.

Email tokens (verification, password reset) are only ever recorded as hashes: the raw token is
in the email alone, so a copy of the store cannot verify anyone or reset any password.
Accounts signed up before these events existed have none of them: `__init__` gives every
attribute its default (unverified, both notification switches on), which is what replaying such
a stream yields.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from command_api.domain.errors import (
    AccountDeactivated,
    CannotChangeOwnAccess,
    DomainError,
    InvalidTransition,
)
from command_api.domain.keys import email_key
from command_api.domain.registration import hash_token
from command_api.domain.vocabulary import Role

# Kept for callers that still import the bare names; new code names the enum.
ADMIN, ORGANIZER, MEMBER, ANALYST = Role.ADMIN, Role.ORGANIZER, Role.MEMBER, Role.ANALYST
ROLES = tuple(Role)
PROFILE_FIELDS = ("name", "timezone", "locale")

_NAMESPACE = uuid5(NAMESPACE_URL, "https://eventconnect.example/accounts")
# API.md: a reset link is valid for one hour.
PASSWORD_RESET_TTL = timedelta(hours=1)


class InvalidToken(DomainError):
    """The emailed link's token is unknown, altered, already used, superseded or expired (one
    answer for all, so a guesser learns nothing)."""

    code = "invalid_token"


def account_id_for(email: str) -> UUID:
    """The one account id an email can ever have (trimmed, any case)."""
    return uuid5(_NAMESPACE, email_key(email))


class Account(Aggregate):
    """A person who signs in: email, profile, role, password hash, active or deactivated."""

    class SignedUp(Aggregate.Created):
        actor: str
        email: str
        name: str
        password_hash: str
        role: str
        timezone: str
        locale: str

    def __init__(self, actor: str, email: str, name: str, password_hash: str, role: str,
                 timezone: str, locale: str) -> None:
        self.email = email
        self.name = name
        self.password_hash = password_hash
        # Stored events hold the bare word; the aggregate holds the member (equal to it).
        self.role = Role(role)
        self.timezone = timezone
        self.locale = locale
        self.active = True
        self.session_version = 0
        self.email_verified = False
        self.verification_token_hash: str | None = None
        self.reset_token_hash: str | None = None
        self.reset_expires_at: datetime | None = None
        self.email_notifications = True
        self.reminder_notifications = True
        self.calendar_feed_hash: str | None = None  # only the hash of the feed URL's secret

    @classmethod
    def sign_up(cls, *, email: str, name: str, password_hash: str, timezone: str, locale: str,
                actor: str, now: datetime, role: str = Role.MEMBER) -> Account:
        check_role(role)
        return cls._create(cls.SignedUp, id=account_id_for(email), timestamp=now, actor=actor,
                           email=email_key(email), name=name.strip(),
                           password_hash=password_hash, role=role, timezone=timezone,
                           locale=locale)

    @property
    def actor_id(self) -> str:
        """How this account is named as the `actor` of the events it causes."""
        return str(self.id)

    def check_active(self) -> None:
        if not self.active:
            raise AccountDeactivated("This account was deactivated.")

    def check_not_self(self, actor: str, what: str) -> None:
        # The last admin can only be demoted by themself; forbidding that keeps one admin always.
        if actor == self.actor_id:
            raise CannotChangeOwnAccess(f"An admin cannot {what} their own account.")

    # --- profile -----------------------------------------------------------------------------

    class ProfileChanged(Aggregate.Event):
        actor: str
        changes: dict[str, Any]

        def apply(self, account: Account) -> None:
            for name, value in self.changes.items():
                setattr(account, name, value)

    def change_profile(self, *, actor: str, now: datetime, **changes: str) -> None:
        self.check_active()
        unknown = set(changes) - set(PROFILE_FIELDS)
        if unknown:
            raise InvalidTransition(f"Not part of a profile: {', '.join(sorted(unknown))}.")
        changes = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if changes:
            self.trigger_event(self.ProfileChanged, changes=changes, actor=actor, timestamp=now)

    # --- role --------------------------------------------------------------------------------

    class RoleGranted(Aggregate.Event):
        actor: str
        role: str
        previous: str

        def apply(self, account: Account) -> None:
            account.role = Role(self.role)

    def grant_role(self, role: str, *, actor: str, now: datetime) -> None:
        """Gives the account a new role; the actor (an admin, or the CLI) is recorded."""
        check_role(role)
        self.check_active()
        self.check_not_self(actor, "change the role of")
        if role != self.role:
            self.trigger_event(self.RoleGranted, role=role, previous=self.role, actor=actor,
                               timestamp=now)

    # --- password and deactivation -------------------------------------------------------------

    class PasswordChanged(Aggregate.Event):
        actor: str
        password_hash: str

        def apply(self, account: Account) -> None:
            account.password_hash = self.password_hash
            account.session_version += 1

    def change_password(self, password_hash: str, *, actor: str, now: datetime) -> None:
        """Sets a new password hash; every open session of the account ends."""
        self.check_active()
        self.trigger_event(self.PasswordChanged, password_hash=password_hash, actor=actor,
                           timestamp=now)

    class Deactivated(Aggregate.Event):
        actor: str

        def apply(self, account: Account) -> None:
            account.active = False
            account.session_version += 1

    def deactivate(self, *, actor: str, now: datetime) -> None:
        """Ends every session; the account can no longer sign in. Its history stays."""
        self.check_not_self(actor, "deactivate")
        if not self.active:
            raise InvalidTransition("The account is already deactivated.")
        self.trigger_event(self.Deactivated, actor=actor, timestamp=now)


    # --- email ownership ---------------------------------------------------------------------

    class VerificationRequested(Aggregate.Event):
        actor: str
        token_hash: str

        def apply(self, account: Account) -> None:
            account.verification_token_hash = self.token_hash

    def request_verification(self, token_hash: str, *, actor: str, now: datetime) -> None:
        """Records the hash of a new verification link; an older link stops working."""
        self.check_active()
        if self.email_verified:
            raise InvalidTransition("This email address is already verified.")
        self.trigger_event(self.VerificationRequested, token_hash=token_hash, actor=actor,
                           timestamp=now)

    class EmailVerified(Aggregate.Event):
        actor: str

        def apply(self, account: Account) -> None:
            account.email_verified = True

    def verify_email(self, token: str, *, now: datetime) -> None:
        """The owner of the address followed the emailed link. Following it again is harmless."""
        self.check_active()
        if not _matches(token, self.verification_token_hash):
            raise InvalidToken("This verification link is not valid.")
        if not self.email_verified:
            self.trigger_event(self.EmailVerified, actor=self.actor_id, timestamp=now)

    def mark_verified(self, *, actor: str, now: datetime) -> None:
        """A trusted job vouches for the address (`create-admin`); no link needed."""
        if not self.email_verified:
            self.trigger_event(self.EmailVerified, actor=actor, timestamp=now)

    # --- forgotten password ----------------------------------------------------------------------

    class PasswordResetRequested(Aggregate.Event):
        actor: str
        token_hash: str
        expires_at: datetime

        def apply(self, account: Account) -> None:
            account.reset_token_hash = self.token_hash
            account.reset_expires_at = self.expires_at

    def request_password_reset(self, token_hash: str, *, actor: str, now: datetime) -> None:
        """Records the hash of a reset link valid for an hour; an older link stops working."""
        self.check_active()
        self.trigger_event(self.PasswordResetRequested, token_hash=token_hash,
                           expires_at=now + PASSWORD_RESET_TTL, actor=actor, timestamp=now)

    def check_reset_token(self, token: str, *, now: datetime) -> None:
        if (not self.active or not _matches(token, self.reset_token_hash)
                or self.reset_expires_at is None or now >= self.reset_expires_at):
            raise InvalidToken("This password reset link is not valid (used, replaced by a "
                               "newer one, or older than an hour).")

    class PasswordReset(Aggregate.Event):
        actor: str
        password_hash: str

        def apply(self, account: Account) -> None:
            account.password_hash = self.password_hash
            account.reset_token_hash = None  # single use
            account.reset_expires_at = None
            account.session_version += 1

    def reset_password(self, token: str, password_hash: str, *, now: datetime) -> None:
        """Sets a new password through the emailed link: every session ends, the link is spent,
        and the address is verified (only its owner could follow the link)."""
        self.check_reset_token(token, now=now)
        self.trigger_event(self.PasswordReset, password_hash=password_hash, actor=self.actor_id,
                           timestamp=now)
        if not self.email_verified:
            self.trigger_event(self.EmailVerified, actor=self.actor_id, timestamp=now)

    # --- notification preferences --------------------------------------------------------------

    class NotificationPreferencesChanged(Aggregate.Event):
        actor: str
        email: bool
        reminders: bool

        def apply(self, account: Account) -> None:
            account.email_notifications = self.email
            account.reminder_notifications = self.reminders

    def change_notifications(self, *, actor: str, now: datetime, email: bool | None = None,
                             reminders: bool | None = None) -> None:
        """Switches email notifications and reminders on or off (None: leave as it is)."""
        self.check_active()
        wanted = (self.email_notifications if email is None else email,
                  self.reminder_notifications if reminders is None else reminders)
        if wanted != (self.email_notifications, self.reminder_notifications):
            self.trigger_event(self.NotificationPreferencesChanged, email=wanted[0],
                               reminders=wanted[1], actor=actor, timestamp=now)

    # --- personal calendar feed: a secret URL; a new one replaces the old, which stops working

    class CalendarFeedIssued(Aggregate.Event):
        actor: str
        secret_hash: str

        def apply(self, account: Account) -> None:
            account.calendar_feed_hash = self.secret_hash

    class CalendarFeedRevoked(Aggregate.Event):
        actor: str

        def apply(self, account: Account) -> None:
            account.calendar_feed_hash = None

    def issue_calendar_feed(self, secret_hash: str, *, actor: str, now: datetime) -> None:
        self.check_active()
        self.trigger_event(self.CalendarFeedIssued, secret_hash=secret_hash, actor=actor,
                           timestamp=now)

    def revoke_calendar_feed(self, *, actor: str, now: datetime) -> None:
        if self.calendar_feed_hash is not None:  # revoking nothing records nothing
            self.trigger_event(self.CalendarFeedRevoked, actor=actor, timestamp=now)


def _matches(token: str, token_hash: str | None) -> bool:
    return token_hash is not None and hmac.compare_digest(hash_token(token), token_hash)


def check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidTransition(f"Unknown role {role!r}; one of {', '.join(ROLES)}.")
