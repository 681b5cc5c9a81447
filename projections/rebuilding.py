"""Rebuilding read models from the whole log, and refreshing the planner's statistics after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

from projections import progress
from projections.claims import claim, set_position
from projections.dialects import dialect_of

if TYPE_CHECKING:
    from projections.base import Projection
    from projections.runner import ProjectionRunner


def rebuild(runner: ProjectionRunner, names: tuple[str, ...]) -> int:
    """See `ProjectionRunner.rebuild` (the caller holds the runner's lock). Reports its progress
    after each batch (projections/progress.py: the command line's bar, `/metrics`)."""
    head = runner.head()
    for name in names:
        progress.report(progress.RebuildState(name, "filling", 0, head))
    with runner.engine.begin() as conn:
        runner.failures.refresh(list(names), conn, force=True)  # skips recorded since
        rebuilds = []
        for name in names:
            claim(conn, name, None)
            runner.projections[name].clear(conn)
            rebuilds.append(runner.projections[name].rebuild(conn))
        position = 0
        while items := runner._read(position, runner.rebuild_batch_size, names):
            for name, each in zip(names, rebuilds, strict=True):
                each.apply(runner.failures.mask(name, items))
            position = items[-1][0]
            for name in names:
                progress.update(name, position=position)
        for each in rebuilds:
            each.finish()
        for name in names:
            set_position(conn, name, position)
    for name in names:
        progress.update(name, phase="done", position=position, target=max(head, position))
    return position


def analyze(engine: Engine, projections: list[Projection]) -> None:
    """Refreshes the planner's statistics after a bulk load: without them SQLite picks the
    wrong index for searches (PostgreSQL's autovacuum would catch up, later)."""
    with engine.begin() as conn:
        dialect_of(conn).analyze(conn, [t for p in projections for t in p.tables])
