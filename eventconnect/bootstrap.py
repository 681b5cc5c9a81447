"""Composition root: wires settings, the write model, identity, read models and the projection
runner.

Tests call `bootstrap` with their own settings and clock; the CLI and the app factory call it with
the environment's.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from command_api.application import Clock, utc_now
from command_api.use_cases.accounts import Accounts
from eventconnect.container import Container
from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.ratelimit import AuthLimits, SlidingWindow
from kernel.security import (
    PRODUCTION_BCRYPT_ROUNDS,
    PasswordHasher,
    TokenService,
    load_jwt_secret,
)
from kernel.unavailable import is_unavailable
from projections.migrate import upgrade
from projections.registry import all_projections
from projections.runner import ProjectionRunner

log = logging.getLogger(__name__)


def build_limits(settings: Settings) -> AuthLimits:
    window = settings.login_window_seconds
    return AuthLimits(
        failures_per_account=SlidingWindow(settings.login_failures_per_account, window),
        failures_per_address_and_account=SlidingWindow(
            settings.login_failures_per_address_and_account, window),
        signups_per_address=SlidingWindow(settings.signups_per_address_per_hour, 3600))


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
    runner = ProjectionRunner(write_model, read_engine, all_projections(), transient=is_unavailable)
    # Wake the runner in-process right after each commit, so read models lag by milliseconds.
    write_model.after_commit.append(runner.wake)
    if settings.bcrypt_rounds < PRODUCTION_BCRYPT_ROUNDS:
        log.warning("bcrypt cost %s is below the production minimum %s (tests only)",
                    settings.bcrypt_rounds, PRODUCTION_BCRYPT_ROUNDS)
    secret = settings.jwt_secret.get_secret_value() if settings.jwt_secret else None
    tokens = TokenService(load_jwt_secret(secret, settings.data_dir), clock,
                          access_ttl=timedelta(minutes=settings.access_token_minutes),
                          refresh_ttl=timedelta(days=settings.refresh_token_days))
    accounts = Accounts(write_model, PasswordHasher(settings.bcrypt_rounds), tokens)
    return Container(settings=settings, write_model=write_model, read_engine=read_engine,
                     runner=runner, accounts=accounts, limits=build_limits(settings))
