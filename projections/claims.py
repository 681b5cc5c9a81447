"""Tracking rows: the claim that opens every batch's transaction, and moving a position.

The claim is an UPDATE guarded by the expected position: it takes the write lock on SQLite and
the row lock on PostgreSQL, so two runners can never apply the same batch.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, update

from projections.dialects import dialect_of
from projections.tables import tracking

# Built once: the claim runs in every live catch-up (see projections.base on statement reuse).
CLAIM = (update(tracking)
         .where(tracking.c.name == bindparam("projection"),
                tracking.c.position == bindparam("expected"))
         .values(position=bindparam("to")))
CLAIM_ANY = (update(tracking).where(tracking.c.name == bindparam("projection"))
             .values(position=tracking.c.position))


class StaleTracking(Exception):
    """Another runner moved this projection's tracking position since we read it."""


def claim(conn: Connection, name: str, expected: int | None, to: int | None = None) -> None:
    """Locks this projection's tracking row for the transaction (creating it at 0) and moves
    it `to` the batch's last position (committed with the batch's rows, or not at all);
    raises StaleTracking if it is no longer at `expected` (None: any position, for
    rebuilds)."""
    params: dict[str, Any]
    if expected is None:
        statement, params = CLAIM_ANY, {"projection": name}
    else:
        statement, params = CLAIM, {"projection": name, "expected": expected,
                                    "to": expected if to is None else to}
    if conn.execute(statement, params).rowcount == 1:
        return  # the usual case: one statement
    conn.execute(dialect_of(conn).insert(tracking).values(name=name, position=0)
                 .on_conflict_do_nothing(index_elements=["name"]))
    if conn.execute(statement, params).rowcount != 1:
        raise StaleTracking(f"{name} is no longer at {expected}")


def set_position(conn: Connection, name: str, position: int) -> None:
    conn.execute(update(tracking).where(tracking.c.name == name).values(position=position))
