"""A read model as a declaration: its table, its key, and one handler per domain event class.

    class Users(AggregateRows):
        name, table, key = "users", users, "id"

        @handles(Account.RoleGranted)
        def role_granted(self, row, event): row["role"] = event.role

The base derives `reads` from the handlers and does the rest: live batches load the rows the
events touch, fold the events in memory and write back only what changed (projections.base);
a rebuild folds the whole log in memory and inserts each row once.

Dispatch is a dict by `type(event)`, filled once per concrete class along its MRO (a handler for
`CommunityEvent.Event` serves every subclass without one of its own): catch-up runs after every
commit, so there is no per-event chain of isinstance tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping, Sequence
from typing import Any, ClassVar
from uuid import UUID

from sqlalchemy import Connection, Table, insert

from projections.base import Item, Projection, Rebuild, Row, load_rows, write_rows

Handler = Callable[..., Any]
Keys = Callable[[Any], Iterable[UUID]]
INSERT_ROWS = 10_000  # rows per INSERT executemany in a rebuild


def handles(*event_classes: type, keys: Keys | None = None,
            creates: bool = False) -> Callable[[Handler], Handler]:
    """Marks a method as the handler of these domain event classes (and their subclasses that
    have no handler of their own). `keys`: the rows it may change (default: the event's
    aggregate). `creates`: (AggregateRows) it makes the row, from nothing."""
    def mark(handler: Handler) -> Handler:
        handler.__handles__ = event_classes  # type: ignore[attr-defined]
        handler.__keys__ = keys  # type: ignore[attr-defined]
        handler.__creates__ = creates  # type: ignore[attr-defined]
        return handler
    return mark


def aggregate_key(event: Any) -> tuple[UUID]:
    return (event.originator_id,)


class Handlers:
    """A read model's handlers by event class; `get(type(event))` is one dict lookup after the
    first event of each class."""

    def __init__(self, owner: type) -> None:
        self.declared: dict[type, Handler] = {}
        for klass in reversed(owner.__mro__):  # a subclass's handler replaces its base's
            for attribute in vars(klass).values():
                for event_class in getattr(attribute, "__handles__", ()):
                    self.declared[event_class] = attribute
        self._by_type: dict[type, Handler | None] = {}

    def get(self, event_type: type) -> Handler | None:
        try:
            return self._by_type[event_type]
        except KeyError:
            found = next((self.declared[c] for c in event_type.__mro__ if c in self.declared), None)
            self._by_type[event_type] = found
            return found

    def reads(self) -> tuple[type, ...]:
        """The handled classes, without those a handled base class already covers."""
        classes = list(self.declared)
        return tuple(c for c in classes if not any(c is not b and issubclass(c, b) for b in classes))


class Folded(Projection):
    """One table of rows keyed by `key`, each domain event applied by its handler:
    `handler(self, rows, event)` changes `rows` (key -> row; replace rows, never mutate them)."""

    table: ClassVar[Table]
    key: ClassVar[str]
    also_reads: ClassVar[tuple[type, ...]] = ()  # read by an `apply` override, not by handlers
    handlers: ClassVar[Handlers]
    rebuild_class: ClassVar[type[FoldRebuild]]
    # The `apply` the in-memory rebuild reproduces: a subclass overriding `apply` (tests do, to
    # inject failures) is rebuilt through its own `apply`, batch by batch.
    _folded_apply: ClassVar[Callable[..., None]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.handlers = Handlers(cls)
        own = vars(cls)
        if any(hasattr(v, "__handles__") for v in own.values()) or "_folded_apply" not in dir(cls):
            cls._folded_apply = cls.apply
        if "reads" not in own and cls.handlers.declared:
            cls.reads = (*cls.handlers.reads(), *cls.also_reads)
        if "tables" not in own and "table" in own:
            cls.tables = (cls.table,)

    # --- folding (pure: no I/O) -------------------------------------------------------------

    def keys(self, event: Any) -> Iterable[UUID]:
        """The keys of the rows this event may change."""
        handler = self.handlers.get(type(event))
        if handler is None:
            return ()
        return (handler.__keys__ or aggregate_key)(event)  # type: ignore[attr-defined]

    def fold(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(self, rows, event)

    def relevant(self, items: Sequence[Item]) -> list[Any]:
        get = self.handlers.get
        return [event for _, event in items if event is not None and get(type(event)) is not None]

    # --- writing ------------------------------------------------------------------------------

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        events = self.relevant(items)
        if not events:
            return
        before = load_rows(conn, self.table, self.key, {k for e in events for k in self.keys(e)})
        after: dict[UUID, Row] = dict(before)
        for event in events:
            self.fold(after, event)
        written = write_rows(conn, self.table, self.key, before, after)
        self.wrote(conn, before, after, written)

    def wrote(self, conn: Connection, before: dict[UUID, Row], after: dict[UUID, Row],
              written: list[UUID]) -> None:
        """Hook after a live batch's rows are written (`written`: the keys inserted or changed)."""

    def inserted(self, conn: Connection, rows: list[Row]) -> None:
        """Hook after a rebuild inserted these rows into the just-cleared table."""

    def rebuild(self, conn: Connection) -> Rebuild:
        if type(self).apply is not type(self)._folded_apply:
            return super().rebuild(conn)
        return self.rebuild_class(self, conn)


class AggregateRows(Folded):
    """One row per aggregate, keyed by its id. A `creates=True` handler returns the new row
    (`handler(self, None, event)`); the others change a copy of the existing row in place, then
    `touch` stamps it. An event of a stream never seen created changes nothing."""

    def fold(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        handler = self.handlers.get(type(event))
        if handler is None:
            return
        key = event.originator_id
        if handler.__creates__:  # type: ignore[attr-defined]
            rows[key] = handler(self, None, event)
            return
        row = rows.get(key)
        if row is None:
            return
        row = dict(row)
        handler(self, row, event)
        self.touch(row, event)
        rows[key] = row

    def fold_row(self, row: Row | None, event: Any) -> Row | None:
        """The aggregate's row after one more event (pure; `row` is not modified)."""
        rows = {} if row is None else {event.originator_id: row}
        self.fold(rows, event)
        return rows.get(event.originator_id)

    def touch(self, row: Row, event: Any) -> None:
        """Stamps a changed row (e.g. `updated_at`)."""


class FoldRebuild(Rebuild):
    """Folds the whole log in memory and inserts each row once: no per-batch reads and rewrites of
    rows that many events touch. `FLUSH_ROWS` bounds memory for an unbounded table: rows are
    written out every so many, and a later event about a flushed row reads it back."""

    FLUSH_ROWS: ClassVar[int | None] = None
    SORTED_INSERT: ClassVar[bool] = False  # insert in key order (next to each other in the index)
    projection: Folded

    def __init__(self, projection: Folded, conn: Connection) -> None:
        super().__init__(projection, conn)
        self.rows: dict[UUID, Row] = {}
        self.loaded: dict[UUID, Row] = {}  # flushed rows read back, as stored
        self.flushed: set[int] = set()  # keys (UUID.int) of rows in the table

    def apply(self, items: Sequence[Item]) -> None:
        projection, rows = self.projection, self.rows
        events = projection.relevant(items)
        if self.flushed:  # rows this batch refers to that were written out: read them back
            missing = {k for e in events for k in projection.keys(e)
                       if k not in rows and k.int in self.flushed}
            if missing:
                stored = load_rows(self.conn, projection.table, projection.key, missing)
                self.loaded.update(stored)
                rows.update(stored)
        for event in events:
            projection.fold(rows, event)
        self.folded(items)
        if self.FLUSH_ROWS is not None and len(rows) >= self.FLUSH_ROWS:
            self.finish()

    def folded(self, items: Sequence[Item]) -> None:
        """Hook after a batch is folded into `self.rows`."""

    def finish(self) -> None:
        projection, conn = self.projection, self.conn
        new = {k: row for k, row in self.rows.items() if k not in self.loaded}
        if new:
            fresh = [new[k] for k in sorted(new)] if self.SORTED_INSERT else list(new.values())
            for part in range(0, len(fresh), INSERT_ROWS):
                conn.execute(insert(projection.table), fresh[part : part + INSERT_ROWS])
            self.flushed.update(k.int for k in new)
            projection.inserted(conn, fresh)
        if self.loaded:
            write_rows(conn, projection.table, projection.key, self.loaded,
                       {k: row for k, row in self.rows.items() if k in self.loaded})
        self.rows, self.loaded = {}, {}


Folded.rebuild_class = FoldRebuild
