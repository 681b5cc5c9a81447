"""The `users` read model: one row per account (email, name, role, zone, language, active).

It never holds a password hash; `Account.PasswordChanged` only touches `updated_at`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Connection

from command_api.domain.account import Account
from projections.base import Item, Projection, Row, load_rows, write_rows
from projections.tables import users


def fold(row: Row | None, event: Any) -> Row | None:
    """The account's row after one more domain event (pure)."""
    if isinstance(event, Account.SignedUp):
        return {"id": event.originator_id, "email": event.email, "name": event.name,
                "role": event.role, "timezone": event.timezone, "locale": event.locale,
                "active": True, "created_at": event.timestamp, "updated_at": event.timestamp}
    if row is None:
        return None
    row = dict(row)
    match event:
        case Account.ProfileChanged():
            row.update({k: v for k, v in event.changes.items() if k in row})
        case Account.RoleGranted():
            row["role"] = event.role
        case Account.Deactivated():
            row["active"] = False
    row["updated_at"] = event.timestamp
    return row


class Users(Projection):
    """Accounts for the admin's user list."""

    name = "users"
    tables = (users,)
    reads = (Account.Event,)

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        relevant = [e for _, e in items if isinstance(e, Account.Event)]
        if not relevant:
            return
        before = load_rows(conn, users, "id", {e.originator_id for e in relevant})
        after: dict[UUID, Row] = dict(before)
        for event in relevant:
            row = fold(after.get(event.originator_id), event)
            if row is not None:
                after[event.originator_id] = row
        write_rows(conn, users, "id", before, after)
