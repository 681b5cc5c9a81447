"""What a projection is: a named read model that folds domain events into its tables.

The runner owns transactions and tracking; a projection only turns a batch of events into row
writes on the connection it is given. The same `apply` serves live catch-up (small batches) and
rebuilds (large batches): each batch loads the rows it touches, folds the events in memory and
writes the changed rows back with one executemany per statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar
from uuid import UUID

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

Row = dict[str, Any]
# (global position, decoded domain event)
Item = tuple[int, Any]

IN_CHUNK = 500  # keeps IN (...) lists well under every database's bound-parameter limit


class Projection:
    """A read model. Subclasses set `name`, `tables` and implement `apply`."""

    name: ClassVar[str]
    tables: ClassVar[tuple[Table, ...]]

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        """Writes the effect of these events (in position order) on `conn`'s transaction."""
        raise NotImplementedError

    def clear(self, conn: Connection) -> None:
        """Deletes every row of this read model (for a rebuild)."""
        for table in self.tables:
            conn.execute(delete(table))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def load_rows(conn: Connection, table: Table, key: str, ids: Iterable[UUID]) -> dict[UUID, Row]:
    """The current rows for these keys, as plain dicts."""
    column = table.c[key]
    rows: dict[UUID, Row] = {}
    for part in chunks(sorted(set(ids))):
        for row in conn.execute(select(table).where(column.in_(part))).mappings():
            rows[row[key]] = dict(row)
    return rows


def write_rows(conn: Connection, table: Table, key: str, before: dict[UUID, Row],
               after: dict[UUID, Row]) -> list[UUID]:
    """Inserts new rows and updates changed ones (executemany); returns the keys written."""
    new = [row for k, row in after.items() if k not in before]
    changed = [row for k, row in after.items() if k in before and row != before[k]]
    if new:
        conn.execute(insert(table), new)
    if changed:
        statement = update(table).where(table.c[key] == bindparam("_key"))
        conn.execute(statement, [
            {"_key": row[key], **{c: v for c, v in row.items() if c != key}} for row in changed
        ])
    return [row[key] for row in new + changed]
