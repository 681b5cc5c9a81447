"""What a projection is: a named read model that folds domain events into its tables.

The runner owns transactions and tracking; a projection only turns a batch of events into row
writes on the connection it is given. The same `apply` serves live catch-up (small batches) and
rebuilds (large batches): each batch loads the rows it touches, folds the events in memory and
writes the changed rows back with one executemany per statement.

A rebuild goes through a `Rebuild` instead: the tables were just emptied, so a projection may
keep its rows in memory across the whole log and write each row once at the end (or in bounded
flushes), instead of reading and rewriting rows batch after batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, ClassVar
from uuid import UUID

from sqlalchemy import Connection, Select, Table, Update, bindparam, delete, insert, select, update

Row = dict[str, Any]
# (global position, decoded domain event); the event is None when no read model reads its class,
# so the runner never decodes it (the position still moves every tracking row past it)
Item = tuple[int, Any]

IN_CHUNK = 500  # keeps IN (...) lists well under every database's bound-parameter limit


class Projection:
    """A read model. Subclasses set `name`, `tables` and implement `apply`."""

    name: ClassVar[str]
    tables: ClassVar[tuple[Table, ...]]
    # Domain event classes (and their subclasses) `apply` looks at; the runner decodes no others.
    # The default reads everything.
    reads: ClassVar[tuple[type, ...]] = (object,)
    # Rebuilt beside the live tables and switched in (projections/blue_green.py); False for a
    # projection that writes raw SQL by table name, which a shadow copy cannot redirect.
    blue_green: ClassVar[bool] = True

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        """Writes the effect of these events (in position order) on `conn`'s transaction."""
        raise NotImplementedError

    def clear(self, conn: Connection) -> None:
        """Deletes every row of this read model (for a rebuild)."""
        for table in self.tables:
            conn.execute(delete(table))

    def rebuild(self, conn: Connection) -> Rebuild:
        """A fold of the whole log into the just-cleared tables, batch by batch."""
        return Rebuild(self, conn)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class Rebuild:
    """Rebuilds one read model on `conn` (in the runner's one transaction): `apply` each batch of
    the log in order, then `finish`. This default is the live path batch by batch; projections
    override it to keep state in memory and write once."""

    def __init__(self, projection: Projection, conn: Connection) -> None:
        self.projection = projection
        self.conn = conn

    def apply(self, items: Sequence[Item]) -> None:
        self.projection.apply(self.conn, items)

    def finish(self) -> None:
        """Writes whatever is still held in memory."""


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# Statements are built once and reused: building a SQLAlchemy statement (and its cache key) on
# every catch-up cost about as much as running it, in the API process after every commit.
@cache
def _select_by_keys(table: Table, key: str) -> Select[Any]:
    return select(table).where(table.c[key].in_(bindparam("keys", expanding=True)))


@cache
def _update_by_key(table: Table, key: str) -> Update:
    return update(table).where(table.c[key] == bindparam("_key"))


def load_rows(conn: Connection, table: Table, key: str, ids: Iterable[UUID]) -> dict[UUID, Row]:
    """The current rows for these keys, as plain dicts."""
    statement = _select_by_keys(table, key)
    rows: dict[UUID, Row] = {}
    for part in chunks(sorted(set(ids))):
        for row in conn.execute(statement, {"keys": list(part)}).mappings():
            rows[row[key]] = dict(row)
    return rows


def write_rows(conn: Connection, table: Table, key: str, before: dict[UUID, Row],
               after: dict[UUID, Row]) -> list[UUID]:
    """Inserts new rows and updates changed ones (executemany); returns the keys written.

    An update sets only the columns that changed (one statement per set of changed columns):
    a registration changes an event's counts, and rewriting the whole row also rewrote every
    index on it, once per commit."""
    new = [row for k, row in after.items() if k not in before]
    changed: dict[tuple[str, ...], list[Row]] = {}
    for k, row in after.items():
        old = before.get(k)
        if old is not None and row != old:
            columns = tuple(c for c, v in row.items() if c != key and old.get(c) != v)
            changed.setdefault(columns, []).append(row)
    if new:
        conn.execute(insert(table), new)
    statement = _update_by_key(table, key)
    for columns, rows in changed.items():
        conn.execute(statement, [{"_key": row[key], **{c: row[c] for c in columns}}
                                 for row in rows])
    return [row[key] for row in new] + [row[key] for rows in changed.values() for row in rows]
