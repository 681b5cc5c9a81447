"""The `users` read model: one row per account (email, name, role, zone, language, active,
email verified, notification switches, the hash of the calendar feed secret).

It never holds a password hash; `Account.PasswordChanged` only touches `updated_at`.
"""

from __future__ import annotations

from typing import Any

from command_api.domain.account import Account
from projections.base import Row
from projections.tables import users
from projections.toolkit import AggregateRows, handles


class Users(AggregateRows):
    """Accounts for the admin's user list."""

    name = "users"
    table, key = users, "id"

    @handles(Account.SignedUp, creates=True)
    def signed_up(self, row: None, event: Account.SignedUp) -> Row:
        return {"id": event.originator_id, "email": event.email, "name": event.name,
                "role": event.role, "timezone": event.timezone, "locale": event.locale,
                "active": True, "created_at": event.timestamp, "updated_at": event.timestamp,
                "email_verified": False, "email_notifications": True,
                "reminder_notifications": True, "calendar_feed_hash": None}

    @handles(Account.Event)
    def other(self, row: Row, event: Any) -> None:
        """Any other event of the account only stamps the row (`touch`)."""

    @handles(Account.ProfileChanged)
    def profile_changed(self, row: Row, event: Account.ProfileChanged) -> None:
        row.update({k: v for k, v in event.changes.items() if k in row})

    @handles(Account.RoleGranted)
    def role_granted(self, row: Row, event: Account.RoleGranted) -> None:
        row["role"] = event.role

    @handles(Account.EmailVerified)
    def email_verified(self, row: Row, event: Any) -> None:
        row["email_verified"] = True

    @handles(Account.NotificationPreferencesChanged)
    def notifications_changed(self, row: Row, event: Account.NotificationPreferencesChanged,
                              ) -> None:
        row["email_notifications"] = event.email
        row["reminder_notifications"] = event.reminders

    @handles(Account.CalendarFeedIssued)
    def calendar_feed_issued(self, row: Row, event: Account.CalendarFeedIssued) -> None:
        row["calendar_feed_hash"] = event.secret_hash

    @handles(Account.CalendarFeedRevoked)
    def calendar_feed_revoked(self, row: Row, event: Any) -> None:
        row["calendar_feed_hash"] = None

    @handles(Account.Deactivated)
    def deactivated(self, row: Row, event: Any) -> None:
        row["active"] = False

    def touch(self, row: Row, event: Any) -> None:
        row["updated_at"] = event.timestamp


_USERS = Users()


def fold(row: Row | None, event: Any) -> Row | None:
    """The account's row after one more domain event (pure)."""
    return _USERS.fold_row(row, event)
