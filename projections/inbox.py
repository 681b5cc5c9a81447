"""The `inbox` read model: a member's notifications, newest first, with their read flag.

Guests' notifications (no member) are email only and have no row. Each row keeps the store
position of its Issued event, so the live hub can push items past a cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, bindparam, func, insert, select, update

from command_api.domain.notification import Notification
from projections.base import Item, Projection, chunks
from projections.tables import inbox

_MARK_READ = update(inbox).where(inbox.c.id == bindparam("_id")).values(read=True)


class Inbox(Projection):
    name = "inbox"
    tables = (inbox,)
    reads = (Notification.Issued, Notification.Read)

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        new: dict[object, dict[str, object]] = {}
        read: list[object] = []
        for position, event in items:
            if isinstance(event, Notification.Issued):
                if event.member_id:
                    new[event.originator_id] = {
                        "id": event.originator_id, "member_id": event.member_id,
                        "kind": event.kind, "event_id": event.event_id, "title": event.title,
                        "body": event.body, "created_at": event.timestamp, "read": False,
                        "position": position}
            elif isinstance(event, Notification.Read):
                if event.originator_id in new:  # issued and read in the same batch
                    new[event.originator_id]["read"] = True
                else:
                    read.append(event.originator_id)
        if new:
            conn.execute(insert(inbox), list(new.values()))
        for part in chunks(read):
            conn.execute(_MARK_READ, [{"_id": i} for i in part])


# --- reads (the query side's page, and the command routes' "which are unread" / count) ---------

def unread_count(conn: Connection, member_id: str) -> int:
    return conn.execute(select(func.count()).select_from(inbox).where(
        inbox.c.member_id == member_id, inbox.c.read.is_(False))).scalar_one()


def unread_ids(conn: Connection, member_id: str, limit: int = 10_000) -> list[UUID]:
    return list(conn.execute(select(inbox.c.id).where(
        inbox.c.member_id == member_id, inbox.c.read.is_(False)).limit(limit)).scalars())


def page_of(conn: Connection, member_id: str, *, offset: int, limit: int
            ) -> tuple[list[dict[str, Any]], int]:
    """A member's items, newest first (by store position: a total, stable order)."""
    rows = conn.execute(select(inbox).where(inbox.c.member_id == member_id)
                        .order_by(inbox.c.position.desc()).offset(offset).limit(limit)).mappings()
    total = conn.execute(select(func.count()).select_from(inbox)
                         .where(inbox.c.member_id == member_id)).scalar_one()
    return [dict(row) for row in rows], total
