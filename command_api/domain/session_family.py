"""The SessionFamily aggregate: one sign-in and the chain of refresh tokens it hands out.

Each refresh rotates the family to a new token id (`jti`); only the newest may be used. A token
presented a second time means two parties hold it (one of them a thief), so the family is revoked
and both must sign in again. Rotation goes through the store's version check: two concurrent
uses of one token cannot both rotate it.
"""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

from eventsourcing.domain import Aggregate

from command_api.domain.errors import NotAuthenticated, RefreshTokenReused


class SessionFamily(Aggregate):
    """A signed-in session: which account, the one current refresh token id, revoked or not."""

    class Issued(Aggregate.Created):
        actor: str
        account_id: str
        jti: str

    def __init__(self, actor: str, account_id: str, jti: str) -> None:
        self.account_id = account_id
        self.current_jti = jti
        self.revoked = False

    @classmethod
    def issue(cls, *, account_id: str, jti: str, now: datetime) -> SessionFamily:
        return cls._create(cls.Issued, id=uuid4(), timestamp=now, actor=account_id,
                           account_id=account_id, jti=jti)

    class Rotated(Aggregate.Event):
        actor: str
        jti: str

        def apply(self, family: SessionFamily) -> None:
            family.current_jti = self.jti

    def rotate(self, presented_jti: str, new_jti: str, *, now: datetime) -> None:
        """Replaces the current refresh token; refuses a revoked family or an old token."""
        if self.revoked:
            raise NotAuthenticated("This session has ended; sign in again.")
        if presented_jti != self.current_jti:
            raise RefreshTokenReused("This refresh token was already used; the session is revoked.")
        self.trigger_event(self.Rotated, jti=new_jti, actor=self.account_id, timestamp=now)

    class Revoked(Aggregate.Event):
        actor: str
        reason: str

        def apply(self, family: SessionFamily) -> None:
            family.revoked = True

    def revoke(self, *, reason: str, actor: str, now: datetime) -> None:
        """Ends the session (logout, token reuse, password change); revoking twice is a no-op."""
        if not self.revoked:
            self.trigger_event(self.Revoked, reason=reason, actor=actor, timestamp=now)


def new_jti() -> str:
    """A fresh, unguessable refresh-token id."""
    return uuid4().hex

