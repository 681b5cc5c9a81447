"""Blue/green rebuilds: a new copy of a read model is filled beside the live one while commands
keep arriving, catches up with the log, and replaces the live rows in one short transaction.

1. filling: the projection's tables are created in a shadow — a schema of its own on
   PostgreSQL, a database file ATTACHed beside the read-model file on SQLite — and the whole log
   up to the head is folded into them (the projection's in-memory `Rebuild`). The live tables,
   their tracking rows and the live runner are not touched: readers and the live catch-up go on.
2. catching up: the events appended meanwhile are applied to the shadow batch by batch, until
   it is within SWITCH_GAP events of the head.
3. switching: ONE transaction locks the read models' tracking rows (the live runner waits on
   them), applies the last few events to the shadow, replaces the live rows by the shadow's
   (DELETE + INSERT … SELECT, a copy inside the database) and moves the tracking rows. Readers
   see the old rows until it commits and the new ones after: never an empty or half-built table.

The shadow's tables come from the SQLAlchemy metadata (projections/tables.py; a test keeps it
equal to the migrations) and are addressed through `schema_translate_map`, so every projection's
own code writes into the shadow unchanged. A projection that writes raw SQL by table name (the
catalogue keeps SQLite's FTS5 index by hand) sets `blue_green = False` and is rebuilt in place
(projections/rebuilding.py): readers still see its old rows until that commit.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Table

from projections import progress
from projections.claims import claim, set_position
from projections.tables import metadata

if TYPE_CHECKING:
    from projections.base import Projection
    from projections.runner import ProjectionRunner

log = logging.getLogger(__name__)

SWITCH_GAP = 2000  # events the switch transaction may still have to apply to the shadow


def rebuild_beside(runner: ProjectionRunner, names: Sequence[str]) -> int:
    """Rebuilds these read models blue/green (see module doc); returns the position reached.
    This process's live catch-up goes on meanwhile (the runner's lock is not taken)."""
    projections = [runner.projections[name] for name in names]
    tables = [table for p in projections for table in p.tables]
    head = runner.head()
    for name in names:
        progress.report(progress.RebuildState(name, "filling", 0, head))
    with runner.engine.begin() as conn:
        runner.failures.refresh(list(names), conn, force=True)  # skips recorded since
    with _shadow(runner.engine, tables) as (live, shadow):
        position = _fill(runner, names, projections, shadow, head)
        position = _catch_up(runner, names, projections, shadow, position)
        # No runner lock: a live catch-up fed by a steady writer may hold it for long. The
        # tracking rows serialise the switch with every runner (ours finds them moved and
        # re-reads them: StaleTracking).
        position = _switch(runner, names, projections, tables, live, shadow, position)
        runner._positions = None
    for name in names:
        progress.update(name, phase="done", position=position, target=max(head, position))
    return position


def _fill(runner: ProjectionRunner, names: Sequence[str], projections: list[Projection],
          shadow: Connection, head: int) -> int:
    position = 0
    with shadow.begin():
        rebuilds = [p.rebuild(shadow) for p in projections]
        while position < head and (items := runner._read(position, runner.rebuild_batch_size, names)):
            for name, each in zip(names, rebuilds, strict=True):
                each.apply(runner.failures.mask(name, items))
            position = items[-1][0]
            for name in names:
                progress.update(name, position=position)
        for each in rebuilds:
            each.finish()
    return position


def _apply(runner: ProjectionRunner, names: Sequence[str], projections: list[Projection],
           shadow: Connection, position: int, *, until_gap: int) -> int:
    """Applies the log after `position` to the shadow (on its current transaction) until the
    head is at most `until_gap` events ahead; returns the position reached."""
    while runner.head() - position > until_gap:
        items = runner._read(position, runner.rebuild_batch_size, names)
        if not items:
            break
        for name, projection in zip(names, projections, strict=True):
            projection.apply(shadow, runner.failures.mask(name, items))
        position = items[-1][0]
        for name in names:
            progress.update(name, position=position, target=max(position, runner.head()))
    return position


def _catch_up(runner: ProjectionRunner, names: Sequence[str], projections: list[Projection],
              shadow: Connection, position: int) -> int:
    for name in names:
        progress.update(name, phase="catching up")
    with shadow.begin():
        return _apply(runner, names, projections, shadow, position, until_gap=SWITCH_GAP)


def _switch(runner: ProjectionRunner, names: Sequence[str], projections: list[Projection],
            tables: list[Table], live: Connection, shadow: Connection, position: int) -> int:
    for name in names:
        progress.update(name, phase="switching")
    schema = shadow.get_execution_options()["schema_translate_map"][None]
    started = time.monotonic()
    with live.begin():
        for name in sorted(names):  # the live runner's lock order (ProjectionRunner._commit_together)
            claim(live, name, None)
        # The tracking rows are ours now: nothing more reaches these read models until commit,
        # so the shadow's last events and the copy are one consistent step.
        with shadow.begin():
            position = _apply(runner, names, projections, shadow, position, until_gap=0)
        for table in tables:
            # Names from our own metadata and a generated schema name: nothing user-supplied.
            live.exec_driver_sql(f'DELETE FROM "{table.name}"')  # noqa: S608
            live.exec_driver_sql(copy_in_statement(live, schema, table))
        for name in names:
            set_position(live, name, position)
    # How long the live tables (and on SQLite the database's write lock) were held.
    log.info("switched %s to the rebuilt copy at position %d in %.0f ms", ", ".join(names),
             position, (time.monotonic() - started) * 1000)
    return position


def copy_in_statement(live: Connection, schema: str, table: Table) -> str:
    """The statement that copies the shadow's rows of `table` into the (emptied) live one.

    On SQLite, `INSERT INTO t SELECT * FROM shadow.t` between tables of the same columns lets
    SQLite copy the b-tree pages of the table and its indexes instead of inserting row by row
    (its "transfer optimisation"): 2.5 times faster, and the switch holds the database's write
    lock for that long. `*` is only safe when both tables have the same columns in the same
    order (the live one was made by migrations, the shadow by the metadata), so that is checked.
    """
    if live.dialect.name == "sqlite":
        shape = [tuple(row[1:3]) for row in live.exec_driver_sql(
            f'PRAGMA main.table_info("{table.name}")')]
        if shape and shape == [tuple(row[1:3]) for row in live.exec_driver_sql(
                f'PRAGMA {schema}.table_info("{table.name}")')]:
            return f'INSERT INTO "{table.name}" SELECT * FROM {schema}."{table.name}"'  # noqa: S608
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    return (f'INSERT INTO "{table.name}" ({columns}) '  # noqa: S608
            f'SELECT {columns} FROM {schema}."{table.name}"')


@contextlib.contextmanager
def _shadow(engine: Engine, tables: list[Table]) -> Iterator[tuple[Connection, Connection]]:
    """Two connections: one to the live tables, one addressing the shadow's tables in their
    place (`schema_translate_map`; on SQLite both ATTACH the shadow file, before any
    transaction, as SQLite requires). The shadow is created empty and removed afterwards,
    whatever happens. A unique name per rebuild: two rebuilds at once never share a shadow."""
    schema = f"rebuild_{uuid.uuid4().hex[:12]}"
    sqlite = engine.dialect.name == "sqlite"
    database = engine.url.database or ""
    path = Path(database).with_name(f"{Path(database).name}.{schema}") if sqlite else None
    with contextlib.ExitStack() as stack:
        live = stack.enter_context(engine.connect())
        shadow = stack.enter_context(engine.connect())
        try:
            if path is not None:
                for conn in (live, shadow):
                    conn.exec_driver_sql(f"ATTACH DATABASE ? AS {schema}", (str(path),))
                    conn.commit()  # ends the autobegun (empty) transaction
            else:
                live.exec_driver_sql(f"CREATE SCHEMA {schema}")
                live.commit()
            shadow.execution_options(schema_translate_map={None: schema})
            metadata.create_all(shadow, tables=tables)
            shadow.commit()
            yield live, shadow
        finally:
            for conn in (live, shadow):
                if conn.in_transaction():
                    conn.rollback()
            with contextlib.suppress(Exception):
                if path is not None:
                    for conn in (live, shadow):
                        conn.exec_driver_sql(f"DETACH DATABASE {schema}")
                        conn.commit()
                else:
                    live.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
                    live.commit()
            stack.close()  # the connections, before their shadow file goes
            if path is not None:
                for leftover in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
                    leftover.unlink(missing_ok=True)
