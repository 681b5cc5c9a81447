"""FastAPI dependencies as `Annotated` aliases; routes declare what they need by type.

Who is calling is decided here once per request (`OptionalPrincipal`, `CurrentPrincipal`); what
they may do is the policy's (`kernel.authz`). The aliases named after an action
(`EventCreator`, `EventManager`, ...) refuse a principal whose role can never do it, before any
resource is loaded; the route then checks ownership on the resource itself.

The container is the composition root's (`eventconnect.container`); the kernel sees it through
the `AppContainer` protocol so that it imports neither side nor the root. The write side's own
aliases (`WriteModelDep`, `RegistrationsDep`, `AccountsDep`) are in `command_api.deps`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Engine

from command_api.domain.account import Account
from command_api.domain.errors import NotAuthenticated
from kernel.authz import ANONYMOUS, Action, Principal, require
from kernel.ratelimit import AuthLimits, EmailLimits

MAX_TOKEN_LENGTH = 4096

# auto_error=False: no token means "anonymous" (guests may register); routes decide if that's enough.
bearer = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False,
                              description="Access token from POST /api/auth/token")


class AccountLookup(Protocol):
    """What the kernel and the read side need of the accounts use cases."""

    def authenticate(self, token: str) -> Account: ...

    def load(self, account_id: Any) -> Account: ...


class AppContainer(Protocol):
    """The composition root's container as requests see it (`eventconnect.container.Container`)."""

    settings: Any
    write_model: Any
    read_engine: Engine
    runner: Any
    accounts: Any
    limits: AuthLimits
    registrations: Any
    link_secret: str  # signs the links in emails (kernel.links)


# Async on purpose: FastAPI runs a sync dependency in the thread pool, a hop these lookups
# (and a guest's principal) do not need.
async def get_container(request: Request) -> AppContainer:
    container: AppContainer = request.app.state.container
    return container


async def get_read_engine(request: Request) -> Engine:
    return request.app.state.container.read_engine


async def get_accounts(request: Request) -> Any:
    return request.app.state.container.accounts


async def get_limits(request: Request) -> AuthLimits:
    return request.app.state.container.limits


async def get_email_limits(request: Request) -> EmailLimits:
    return request.app.state.container.email_limits


async def client_address(request: Request) -> str:
    # The peer address: the client's, or, from a proxy in EVENTCONNECT_TRUSTED_PROXIES, the one
    # it forwards (`eventconnect serve` tells uvicorn which proxies to believe; none by default).
    return request.client.host if request.client else "unknown"


async def optional_principal(request: Request,
                             token: Annotated[str | None, Depends(bearer)]) -> Principal:
    """The caller: anonymous without a token; 401 for a token that is bad in any way, on every
    route that asks (the query routers ask on each GET, public ones included).

    Async so a guest costs no trip to the thread pool; a token's account is loaded in one."""
    if token is None:
        return ANONYMOUS
    if len(token) > MAX_TOKEN_LENGTH:
        raise NotAuthenticated("The token is invalid.")
    accounts: AccountLookup = request.app.state.container.accounts
    account = await run_in_threadpool(accounts.authenticate, token)
    # For the access log (eventconnect/logs.py): the account's id, never its email or name.
    request.state.actor_id = str(account.id)
    return Principal.of(account)


async def current_principal(
    principal: Annotated[Principal, Depends(optional_principal)],
) -> Principal:
    require(principal, Action.OWN_ACCOUNT)
    return principal


def allowed(action: Action) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets through only principals whose role may ever do `action`."""

    async def dependency(principal: Annotated[Principal, Depends(optional_principal)]) -> Principal:
        require(principal, action)
        return principal

    dependency.__name__ = f"may_{action.name.lower()}"
    return dependency


ContainerDep = Annotated[AppContainer, Depends(get_container)]
ReadEngineDep = Annotated[Engine, Depends(get_read_engine)]
AccountLookupDep = Annotated[AccountLookup, Depends(get_accounts)]
LimitsDep = Annotated[AuthLimits, Depends(get_limits)]
EmailLimitsDep = Annotated[EmailLimits, Depends(get_email_limits)]
ClientAddress = Annotated[str, Depends(client_address)]

OptionalPrincipal = Annotated[Principal, Depends(optional_principal)]
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
EventCreator = Annotated[Principal, Depends(allowed(Action.CREATE_EVENT))]
EventManager = Annotated[Principal, Depends(allowed(Action.MANAGE_EVENT))]
EventAuditor = Annotated[Principal, Depends(allowed(Action.AUDIT_EVENT))]
DoorKeeper = Annotated[Principal, Depends(allowed(Action.CHECK_IN))]
Registrant = Annotated[Principal, Depends(allowed(Action.REGISTER))]
Admin = Annotated[Principal, Depends(allowed(Action.MANAGE_USERS))]
