"""The composition root's product: everything a request may need, built once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from command_api.application import EventConnect
from command_api.registration_queue import RegistrationQueue
from command_api.use_cases.accounts import Accounts
from eventconnect.settings import Settings
from kernel.ratelimit import AuthLimits

if TYPE_CHECKING:
    from projections.runner import ProjectionRunner


@dataclass
class Container:
    settings: Settings
    write_model: EventConnect
    read_engine: Engine
    runner: ProjectionRunner
    accounts: Accounts
    limits: AuthLimits
    # Registrations from HTTP go through the group-commit queue (docs/decisions/0003).
    registrations: RegistrationQueue = field(init=False)

    def __post_init__(self) -> None:
        self.registrations = RegistrationQueue(self.write_model, budget=self.settings.db_timeout)
