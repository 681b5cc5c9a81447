"""Composition root: wires settings, the write model, identity, read models and the projection
runner.

Tests call `bootstrap` with their own settings and clock; the CLI and the app factory call it with
the environment's.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import Engine

from command_api.application import Clock, EventConnect, utc_now
from command_api.use_cases.accounts import Accounts
from eventconnect.container import Container
from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.mail import Mailer
from kernel.ratelimit import AuthLimits, EmailLimits, SlidingWindow, parse_limit
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
from reactions.mail import Composer, OutboxTransport, SmtpTransport, TemplateMailer, Transport
from reactions.mail.delivery import Delivery
from reactions.notifier import Notifier
from reactions.reminders import ReminderScheduler, ScheduledReminders

log = logging.getLogger(__name__)


def build_limits(settings: Settings) -> AuthLimits:
    window = settings.login_window_seconds
    return AuthLimits(
        failures_per_account=SlidingWindow(settings.login_failures_per_account, window),
        failures_per_address_and_account=SlidingWindow(
            settings.login_failures_per_address_and_account, window),
        signups_per_address=SlidingWindow(settings.signups_per_address_per_hour, 3600))


def build_email_limits(settings: Settings) -> EmailLimits:
    guests = parse_limit(settings.guest_registration_limit)
    return EmailLimits(
        guest_registrations=SlidingWindow(*guests) if guests else None,
        resets_per_address=SlidingWindow(settings.password_resets_per_address_per_hour, 3600),
        resets_per_email=SlidingWindow(settings.password_resets_per_email_per_hour, 3600),
        verification_resends=SlidingWindow(3, 3600))


def build_mailer(settings: Settings, clock: Clock = utc_now) -> TemplateMailer:
    """SMTP when EVENTCONNECT_SMTP_HOST is set, else one `.eml` per message in <data dir>/outbox."""
    transport: Transport
    if settings.smtp_host:
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        transport = SmtpTransport(settings.smtp_host, settings.smtp_port, user=settings.smtp_user,
                                  password=password, tls=settings.smtp_tls)
    else:
        transport = OutboxTransport(settings.data_dir / "outbox")
    return TemplateMailer(Composer(settings.mail_from, clock=clock), transport)


def build_notifications(settings: Settings, write_model: EventConnect, read_engine: Engine,
                        runner: ProjectionRunner, mailer: Mailer,
                        secret: str) -> tuple[Notifier, Delivery]:
    """The notifier and the email delivery, woken after each commit (not started: `serve` and
    `eventconnect notify` start them; tests call their `catch_up`)."""
    notifier = Notifier(write_model, read_engine, runner.wait_for, transient=is_unavailable)
    delivery = Delivery(write_model, read_engine, mailer, link_secret=secret,
                        link_base=lambda: settings.link_base)
    write_model.after_commit.extend([notifier.wake, delivery.wake])
    return notifier, delivery


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
    signing_secret = load_jwt_secret(secret, settings.data_dir)  # JWTs and email links
    tokens = TokenService(signing_secret, clock,
                          access_ttl=timedelta(minutes=settings.access_token_minutes),
                          refresh_ttl=timedelta(days=settings.refresh_token_days))
    mailer = build_mailer(settings, clock)
    # The link base is read per email: `serve` may fill in its own address after bootstrap.
    accounts = Accounts(write_model, PasswordHasher(settings.bcrypt_rounds), tokens,
                        mailer=mailer, link_base=lambda: settings.link_base)
    notifier, delivery = build_notifications(settings, write_model, read_engine, runner, mailer,
                                             signing_secret)
    return Container(settings=settings, write_model=write_model, read_engine=read_engine,
                     runner=runner, accounts=accounts, limits=build_limits(settings),
                     mailer=mailer, email_limits=build_email_limits(settings),
                     link_secret=signing_secret, notifier=notifier, delivery=delivery)


def build_reminders(container: Container) -> ScheduledReminders:
    """The reminder scheduler on its APScheduler timer (not started): `serve` runs it in the API
    process, `eventconnect schedule` alone; on PostgreSQL one process leads (reactions/reminders)."""
    settings = container.settings
    scheduler = ReminderScheduler(container.write_model, container.read_engine,
                                  settings.reminder_offsets, clock=container.write_model.clock)
    return ScheduledReminders(scheduler, interval=settings.reminder_sweep_seconds)
