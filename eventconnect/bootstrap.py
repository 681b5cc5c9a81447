"""Composition root: wires settings, the write model, read models and the projection runner.

Tests call `bootstrap` with their own settings and clock; the CLI and the app factory call it with
the environment's.
"""

from __future__ import annotations

from command_api.application import Clock, utc_now
from eventconnect.container import Container
from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from projections.migrate import upgrade
from projections.registry import all_projections
from projections.runner import ProjectionRunner


def bootstrap(settings: Settings | None = None, *, clock: Clock = utc_now,
              migrate: bool | None = None) -> Container:
    """Builds the process's container. `migrate` defaults to True on embedded SQLite only: on
    PostgreSQL the schema is created once by `eventconnect migrate`, not by every process."""
    settings = settings or Settings()
    if migrate is None:
        migrate = not settings.is_postgres
    write_model = build_write_model(settings, clock=clock, create_tables=migrate)
    read_engine = build_read_engine(settings)
    if migrate:
        upgrade(read_engine)
    runner = ProjectionRunner(write_model, read_engine, all_projections())
    # Wake the runner in-process right after each commit, so read models lag by milliseconds.
    write_model.after_commit.append(runner.wake)
    return Container(settings=settings, write_model=write_model, read_engine=read_engine,
                     runner=runner)
