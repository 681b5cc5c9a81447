"""The composition root's product: everything a request may need, built once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from command_api.application import EventConnect
from command_api.registration_queue import RegistrationQueue
from command_api.use_cases.accounts import Accounts
from eventconnect.settings import Settings
from kernel.mail import Mailer
from kernel.ratelimit import AuthLimits, EmailLimits

if TYPE_CHECKING:
    from projections.runner import ProjectionRunner
    from query_api.live_hub import LiveHub
    from reactions.mail.delivery import Delivery
    from reactions.notifier import Notifier


@dataclass
class Container:
    settings: Settings
    write_model: EventConnect
    read_engine: Engine
    runner: ProjectionRunner
    accounts: Accounts
    limits: AuthLimits
    # Outgoing mail (reactions/mail): SMTP when configured, else the `.eml` outbox.
    mailer: Mailer
    # Guest registrations per client address, password-reset and verification emails (H5).
    email_limits: EmailLimits
    # Key of the signed links in emails (kernel/links.py: unsubscribe, ...): the deployment's
    # JWT secret; each link's purpose is part of its signature, so no token works as another.
    link_secret: str = ""
    # Registrations from HTTP go through the group-commit queue (docs/decisions/0003).
    registrations: RegistrationQueue = field(init=False)
    # The notifier (issues Notifications from the log, exactly once) and the email delivery that
    # follows them; built by bootstrap, started by `serve` / `eventconnect notify` (H2).
    notifier: Notifier | None = field(default=None)
    delivery: Delivery | None = field(default=None)
    # The live hub (query_api/live_hub.py) while the app runs: started and stopped by its lifespan.
    live: LiveHub | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.registrations = RegistrationQueue(self.write_model, budget=self.settings.db_timeout)
