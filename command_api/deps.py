"""The write side's dependencies, typed by its own classes; the shared ones are `kernel.deps`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from command_api.application import EventConnect
from command_api.registration_queue import RegistrationQueue
from command_api.use_cases.accounts import Accounts
from kernel.deps import get_accounts


# Async on purpose: FastAPI runs a sync dependency in the thread pool, a hop a lookup does not need.
async def get_registrations(request: Request) -> RegistrationQueue:
    return request.app.state.container.registrations


async def get_write_model(request: Request) -> EventConnect:
    return request.app.state.container.write_model


RegistrationsDep = Annotated[RegistrationQueue, Depends(get_registrations)]
WriteModelDep = Annotated[EventConnect, Depends(get_write_model)]
# The same dependency as the kernel's `AccountLookupDep` (one lookup per request), typed fully.
AccountsDep = Annotated[Accounts, Depends(get_accounts)]
