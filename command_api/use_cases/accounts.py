"""Use cases of identity: sign up, sign in, refresh, sign out, profile, password, roles; email
verification, forgotten passwords and notification preferences.

They use the same write model (`command_api.write_model`) as events and registrations, so accounts and
sessions are event-sourced like everything else and every change records its actor. Passwords
are hashed and tokens signed by the collaborators passed in (`kernel.security`); the
aggregates only ever see hashes.

Emails (verification, password reset) are sent after the commit and through the mailer given
(`kernel.mail.Mailer`): a mail server that is down is logged and never fails the command, which
already stands (a new link can be asked for).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from command_api.domain.account import ADMIN, MEMBER, Account, InvalidToken, account_id_for
from command_api.domain.errors import (
    EmailTaken,
    InvalidCredentials,
    NotAuthenticated,
    NotFound,
    RefreshTokenReused,
)
from command_api.domain.registration import hash_token
from command_api.domain.session_family import SessionFamily, new_jti
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.mail import Mailer

BAD_LOGIN = "Incorrect email or password."
EMAIL_VERIFICATION, PASSWORD_RESET = "email_verification", "password_reset"

log = logging.getLogger(__name__)


def new_email_token(account_id: UUID) -> str:
    """`<account hex>.<32 random bytes>`: the prefix finds the account, the rest is the secret
    (only its hash is stored)."""
    return f"{account_id.hex}.{secrets.token_urlsafe(32)}"


def account_of_token(token: str) -> UUID:
    head, _, secret = token.partition(".")
    try:
        if not secret:
            raise ValueError(token)
        return UUID(hex=head)
    except ValueError:
        raise InvalidToken("This link is not valid.") from None


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password: str, password_hash: str) -> bool: ...
    def verify_dummy(self, password: str) -> None: ...


class Tokens(Protocol):
    access_ttl: Any

    def access_token(self, *, subject: str, role: str, session_version: int) -> str: ...
    def refresh_token(self, *, subject: str, family_id: str, jti: str,
                      session_version: int) -> str: ...
    def decode(self, token: str, *, kind: str) -> dict[str, Any]: ...
    def subject(self, token: str) -> str | None: ...


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives
    position: int


class Accounts:
    """The identity use cases, one method each, over the shared write model."""

    def __init__(self, app: WriteModel, hasher: Hasher, tokens: Tokens, *,
                 mailer: Mailer | None = None,
                 link_base: Callable[[], str] = lambda: "http://127.0.0.1:8000") -> None:
        self.app = app
        self.hasher = hasher
        self.tokens = tokens
        self.mailer = mailer  # None: no mail is sent (unit tests of the write model)
        self.link_base = link_base  # read when a link is made: `serve` may fill it in late

    # --- loading -------------------------------------------------------------------------------

    def find(self, account_id: UUID) -> Account | None:
        try:
            account: Any = self.app.load(account_id)
        except AggregateNotFoundError:
            return None
        return account if isinstance(account, Account) else None

    def load(self, account_id: UUID) -> Account:
        account = self.find(account_id)
        if account is None:
            raise NotFound(f"No user {account_id}.")
        return account

    def _family(self, family_id: Any) -> SessionFamily:
        try:
            family: Any = self.app.load(UUID(str(family_id)))
        except (AggregateNotFoundError, ValueError):
            raise NotAuthenticated("The token is invalid.") from None
        if not isinstance(family, SessionFamily):
            raise NotAuthenticated("The token is invalid.")
        return family

    # --- signing up and in -----------------------------------------------------------------------

    def sign_up(self, *, email: str, password: str, name: str, timezone: str = "UTC",
                locale: str = "en", role: str = MEMBER, actor: str | None = None,
                verified: bool = False) -> tuple[Account, int]:
        """Creates an account; a second sign-up with the same email is `email_taken`.

        The address is unverified and a verification link is emailed, unless a trusted caller
        vouches for it (`verified`, e.g. `create-admin`)."""
        if self.find(account_id_for(email)) is not None:
            raise EmailTaken("An account with this email already exists.")
        password_hash = self.hasher.hash(password)
        now = self.app.clock()
        account = Account.sign_up(
            email=email, name=name, password_hash=password_hash, timezone=timezone,
            locale=locale, role=role, actor=actor or str(account_id_for(email)), now=now)
        token = None
        if verified:
            account.mark_verified(actor=actor or account.actor_id, now=now)
        else:
            token = new_email_token(account.id)
            account.request_verification(hash_token(token), actor=account.actor_id, now=now)
        try:
            position = self.app.commit(account)
        except IntegrityError:
            # Another sign-up of this email won the race to create the stream.
            raise EmailTaken("An account with this email already exists.") from None
        if token:
            self._send_link(EMAIL_VERIFICATION, account, token, position)
        return account, position

    def ensure_admin(self, *, email: str, password: str, name: str, actor: str,
                     ) -> tuple[Account, bool, int]:
        """`create-admin`: a new admin account, or an existing one made admin (password kept).
        Returns the account, whether it was created, and the position."""
        existing = self.find(account_id_for(email))
        if existing is not None:
            account, position = self.grant_role(existing.id, ADMIN, actor=actor)
            return account, False, position
        account, position = self.sign_up(email=email, password=password, name=name,
                                         role=ADMIN, actor=actor, verified=True)
        return account, True, position

    def log_in(self, email: str, password: str) -> TokenPair:
        """Checks the password and starts a session. Unknown email, deactivated account and
        wrong password all fail alike and take alike long."""
        account = self.find(account_id_for(email))
        if account is None or not account.active:
            self.hasher.verify_dummy(password)
            raise InvalidCredentials(BAD_LOGIN)
        if not self.hasher.verify(password, account.password_hash):
            raise InvalidCredentials(BAD_LOGIN)
        return self._start_session(account)

    def _start_session(self, account: Account) -> TokenPair:
        jti = new_jti()
        family = SessionFamily.issue(account_id=account.actor_id, jti=jti, now=self.app.clock())
        position = self.app.commit(family)
        return self._pair(account, family.id, jti, position)

    def _pair(self, account: Account, family_id: UUID, jti: str, position: int) -> TokenPair:
        subject = account.actor_id
        return TokenPair(
            access_token=self.tokens.access_token(subject=subject, role=account.role,
                                                  session_version=account.session_version),
            refresh_token=self.tokens.refresh_token(subject=subject, family_id=family_id.hex,
                                                    jti=jti,
                                                    session_version=account.session_version),
            expires_in=int(self.tokens.access_ttl.total_seconds()),
            position=position)

    # --- sessions --------------------------------------------------------------------------------

    def authenticate(self, access_token: str) -> Account:
        """The active account an access token speaks for; NotAuthenticated otherwise."""
        claims = self.tokens.decode(access_token, kind="access")
        return self._current_account(claims)

    def _current_account(self, claims: dict[str, Any]) -> Account:
        try:
            account = self.find(UUID(str(claims["sub"])))
        except ValueError:
            account = None
        # A new password or a deactivation moves session_version on: older tokens stop working.
        if account is None or not account.active or claims["sv"] != account.session_version:
            raise NotAuthenticated("The token is no longer valid; sign in again.")
        return account

    def refresh(self, refresh_token: str) -> TokenPair:
        """Rotates the session's refresh token. A token used twice revokes the whole family.

        Deliberately not retried on a version conflict: losing the race to rotate means another
        request already used this very token, which is exactly a reuse.
        """
        claims = self.tokens.decode(refresh_token, kind="refresh")
        family = self._family(claims.get("fam"))
        if family.account_id != claims["sub"]:
            raise NotAuthenticated("The token is invalid.")
        try:
            account = self._current_account(claims)
        except NotAuthenticated:
            self.revoke_session(family.id, reason="credentials changed", actor="system")
            raise
        jti = new_jti()
        try:
            family.rotate(str(claims["jti"]), jti, now=self.app.clock())
            position = self.app.commit(family)
        except (RefreshTokenReused, IntegrityError):
            self.revoke_session(family.id, reason="refresh token reused", actor=account.actor_id)
            raise RefreshTokenReused(
                "This refresh token was already used; the session is revoked. Sign in again."
            ) from None
        return self._pair(account, family.id, jti, position)

    def log_out(self, refresh_token: str) -> int:
        """Ends the session the refresh token belongs to (any token of the family will do)."""
        claims = self.tokens.decode(refresh_token, kind="refresh")
        family = self._family(claims.get("fam"))
        if family.account_id != claims["sub"]:
            raise NotAuthenticated("The token is invalid.")
        return self.revoke_session(family.id, reason="logout", actor=family.account_id)

    @retry_on_conflict
    def revoke_session(self, family_id: UUID, *, reason: str, actor: str) -> int:
        family = self._family(family_id)
        family.revoke(reason=reason, actor=actor, now=self.app.clock())
        return self.app.commit(family)

    # --- the account itself ----------------------------------------------------------------------

    @retry_on_conflict
    def change_profile(self, account_id: UUID, *, actor: str,
                       **changes: str) -> tuple[Account, int]:
        account = self.load(account_id)
        account.change_profile(actor=actor, now=self.app.clock(), **changes)
        return account, self.app.commit(account)

    def change_password(self, account_id: UUID, *, current: str, new: str) -> TokenPair:
        """Checks the current password, sets the new one (ending every session) and starts a
        fresh session for the caller."""
        account = self.load(account_id)
        if not self.hasher.verify(current, account.password_hash):
            raise InvalidCredentials("The current password is wrong.")
        password_hash = self.hasher.hash(new)  # slow: outside the retried part
        account = self._set_password(account_id, password_hash)
        return self._start_session(account)

    @retry_on_conflict
    def _set_password(self, account_id: UUID, password_hash: str) -> Account:
        account = self.load(account_id)
        account.change_password(password_hash, actor=account.actor_id, now=self.app.clock())
        self.app.commit(account)
        return account

    @retry_on_conflict
    def grant_role(self, account_id: UUID, role: str, *, actor: str) -> tuple[Account, int]:
        account = self.load(account_id)
        account.grant_role(role, actor=actor, now=self.app.clock())
        return account, self.app.commit(account)

    @retry_on_conflict
    def deactivate(self, account_id: UUID, *, actor: str) -> int:
        account = self.load(account_id)
        account.deactivate(actor=actor, now=self.app.clock())
        return self.app.commit(account)

    # --- email ownership -------------------------------------------------------------------------

    def resend_verification(self, account_id: UUID) -> int:
        """A fresh verification link (the older one stops working); `invalid_state` once the
        address is verified."""
        token = new_email_token(account_id)
        account, position = self._request_verification(account_id, hash_token(token))
        self._send_link(EMAIL_VERIFICATION, account, token, position)
        return position

    @retry_on_conflict
    def _request_verification(self, account_id: UUID, token_hash: str) -> tuple[Account, int]:
        account = self.load(account_id)
        account.request_verification(token_hash, actor=account.actor_id, now=self.app.clock())
        return account, self.app.commit(account)

    @retry_on_conflict
    def verify_email(self, token: str) -> tuple[Account, int]:
        """Follows a verification link: the account's address is verified (again: no change)."""
        account = self.find(account_of_token(token))
        if account is None:
            raise InvalidToken("This verification link is not valid.")
        account.verify_email(token, now=self.app.clock())
        return account, self.app.commit(account)

    # --- forgotten password ----------------------------------------------------------------------

    def request_password_reset(self, email: str) -> None:
        """Emails a single-use reset link valid for an hour. An unknown or deactivated account
        gets nothing, and the caller is told nothing either way (no account discovery)."""
        account = self.find(account_id_for(email))
        if account is None or not account.active:
            return
        token = new_email_token(account.id)
        account, position = self._request_reset(account.id, hash_token(token))
        self._send_link(PASSWORD_RESET, account, token, position)

    @retry_on_conflict
    def _request_reset(self, account_id: UUID, token_hash: str) -> tuple[Account, int]:
        account = self.load(account_id)
        account.request_password_reset(token_hash, actor=account.actor_id, now=self.app.clock())
        return account, self.app.commit(account)

    def reset_password(self, token: str, new_password: str) -> int:
        """Sets a new password through a reset link; every session of the account ends."""
        account = self.find(account_of_token(token))
        if account is None:
            raise InvalidToken("This password reset link is not valid.")
        account.check_reset_token(token, now=self.app.clock())  # before the slow hash
        password_hash = self.hasher.hash(new_password)
        return self._reset(account.id, token, password_hash)

    @retry_on_conflict
    def _reset(self, account_id: UUID, token: str, password_hash: str) -> int:
        account = self.load(account_id)
        account.reset_password(token, password_hash, now=self.app.clock())
        return self.app.commit(account)

    # --- notification preferences ----------------------------------------------------------------

    @retry_on_conflict
    def change_notifications(self, account_id: UUID, *, actor: str, email: bool | None = None,
                             reminders: bool | None = None) -> tuple[Account, int]:
        """Email notifications and reminders on or off (None: unchanged). Also what a member's
        unsubscribe link calls (`reminders=False`)."""
        account = self.load(account_id)
        account.change_notifications(actor=actor, now=self.app.clock(), email=email,
                                     reminders=reminders)
        return account, self.app.commit(account)

    @retry_on_conflict
    def edit_profile(self, account_id: UUID, *, actor: str, changes: dict[str, str],
                     email: bool | None = None, reminders: bool | None = None,
                     ) -> tuple[Account, int]:
        """PATCH /api/me: profile fields and notification switches, in one commit."""
        account = self.load(account_id)
        now = self.app.clock()
        account.change_profile(actor=actor, now=now, **changes)
        account.change_notifications(actor=actor, now=now, email=email, reminders=reminders)
        return account, self.app.commit(account)

    # --- personal calendar feed ------------------------------------------------------------------

    @retry_on_conflict
    def issue_calendar_feed(self, account_id: UUID, *, actor: str) -> tuple[str, int]:
        """A new feed secret (returned once, stored only as its hash); the old one stops."""
        account = self.load(account_id)
        secret = secrets.token_urlsafe(32)
        account.issue_calendar_feed(hash_token(secret), actor=actor, now=self.app.clock())
        return secret, self.app.commit(account)

    @retry_on_conflict
    def revoke_calendar_feed(self, account_id: UUID, *, actor: str) -> int:
        """Ends the feed URL; the position reached (0 when there was no feed)."""
        account = self.load(account_id)
        account.revoke_calendar_feed(actor=actor, now=self.app.clock())
        return self.app.commit(account)

    # --- mail --------------------------------------------------------------------------------------

    def _send_link(self, kind: str, account: Account, token: str, position: int) -> None:
        if self.mailer is None:
            return
        page = "verify-email" if kind == EMAIL_VERIFICATION else "reset-password"
        try:
            self.mailer.send(
                kind=kind, to=account.email, locale=account.locale,
                context={"recipient_name": account.name,
                         "link": f"{self.link_base()}/{page}?token={token}",
                         "valid_minutes": 60},
                # One message per request of a link: the position of the event that recorded it.
                message_id=f"{kind}.{account.id.hex}.{position}")
        except Exception:
            # The link is recorded; the person can ask for a new one. Never fail the command.
            log.exception("could not send the %s email of account %s", kind, account.id)
