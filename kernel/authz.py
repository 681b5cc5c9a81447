"""Who may do what: the principal, the actions, and ONE policy table with ONE function deciding.

Routes never compare roles themselves. They declare an action through a dependency
(`kernel.deps`), which asks `decide` at the role level ("could this principal ever do
this?") before anything is loaded. A use case that loads the resource (the event's organizer,
the registration's member) takes the caller's `Principal` and asks again itself:
`require(principal, action, resource_of(event, registration))`. System jobs pass `SYSTEM`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from command_api.domain.account import ADMIN, ANALYST, MEMBER, ORGANIZER, ROLES
from command_api.domain.errors import Forbidden, NotAuthenticated, NotOwner


@dataclass(frozen=True)
class Principal:
    """Who is calling: a signed-in account, or nobody (anonymous, a guest)."""

    id: str | None = None
    role: str | None = None
    email: str | None = None
    name: str | None = None
    # A system job (the CLI, the demo seeder, a test's setup): allowed everything. Never set
    # from a request: `of` builds principals from accounts, whose roles are checked.
    trusted: bool = False

    @property
    def is_anonymous(self) -> bool:
        return self.id is None

    @property
    def actor(self) -> str:
        """How the caller is recorded on the domain events it causes."""
        return self.id or "guest"

    @classmethod
    def of(cls, account: Any) -> Principal:
        return cls(id=str(account.id), role=account.role, email=account.email, name=account.name)


ANONYMOUS = Principal()


def system(actor: str = "system") -> Principal:
    """The principal of a trusted job, recorded as `actor` on the events it causes."""
    return Principal(id=actor, trusted=True)


SYSTEM = system()


class Action(StrEnum):
    CREATE_EVENT = "event.create"
    MANAGE_EVENT = "event.manage"  # edit, publish, cancel, delete
    AUDIT_EVENT = "event.audit"  # attendees, waitlist, history
    CHECK_IN = "registration.check_in"
    REGISTER = "registration.create"
    CANCEL_REGISTRATION = "registration.cancel"  # guests: with their cancel token instead
    OWN_ACCOUNT = "account.own"  # profile, password, my registrations
    MANAGE_USERS = "account.manage"  # list users, change roles, deactivate, account history
    READ_ANALYTICS = "analytics.read"  # dashboards (analytics issue)
    RATE = "rating.rate"  # signed in, as an attendee; guests rate with their registration token
    MODERATE_RATINGS = "rating.moderate"  # hide and unhide comments, list the hidden ones


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str] = frozenset()  # allowed on any resource
    owner_roles: frozenset[str] = frozenset()  # allowed on events they organize
    registrant: bool = False  # any signed-in holder of the registration
    guests: bool = False  # allowed without signing in


def _roles(*roles: str) -> frozenset[str]:
    return frozenset(roles)


# The whole policy. Analysts read but change nothing: they appear only where reading is allowed.
POLICY: dict[Action, Rule] = {
    Action.CREATE_EVENT: Rule(roles=_roles(ORGANIZER, ADMIN)),
    Action.MANAGE_EVENT: Rule(roles=_roles(ADMIN), owner_roles=_roles(ORGANIZER)),
    Action.AUDIT_EVENT: Rule(roles=_roles(ADMIN), owner_roles=_roles(ORGANIZER)),
    Action.CHECK_IN: Rule(roles=_roles(ADMIN), owner_roles=_roles(ORGANIZER)),
    Action.REGISTER: Rule(roles=_roles(MEMBER, ORGANIZER, ADMIN), guests=True),
    Action.CANCEL_REGISTRATION: Rule(roles=_roles(ADMIN), owner_roles=_roles(ORGANIZER),
                                     registrant=True),
    Action.OWN_ACCOUNT: Rule(roles=frozenset(ROLES)),
    Action.MANAGE_USERS: Rule(roles=_roles(ADMIN)),
    Action.READ_ANALYTICS: Rule(roles=_roles(ADMIN, ANALYST), owner_roles=_roles(ORGANIZER)),
    Action.RATE: Rule(roles=_roles(MEMBER, ORGANIZER, ADMIN)),
    Action.MODERATE_RATINGS: Rule(roles=_roles(ADMIN), owner_roles=_roles(ORGANIZER)),
}


@dataclass(frozen=True)
class Resource:
    """What ownership a decision depends on."""

    organizer_id: str | None = None
    registrant_id: str | None = None


class Decision(Enum):
    ALLOW = "allow"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_OWNER = "not_owner"


def decide(principal: Principal, action: Action, resource: Resource | None = None) -> Decision:
    """May `principal` do `action` (to `resource`; None: to some resource it might own)?"""
    rule = POLICY[action]
    if principal.trusted:
        return Decision.ALLOW
    if principal.is_anonymous:
        return Decision.ALLOW if rule.guests else Decision.UNAUTHENTICATED
    role = principal.role or ""
    if role in rule.roles:
        return Decision.ALLOW
    if resource is None:
        may_own = role in rule.owner_roles or rule.registrant
        return Decision.ALLOW if may_own else Decision.FORBIDDEN
    if role in rule.owner_roles and resource.organizer_id == principal.id:
        return Decision.ALLOW
    if rule.registrant and resource.registrant_id == principal.id:
        return Decision.ALLOW
    return Decision.NOT_OWNER if role in rule.owner_roles else Decision.FORBIDDEN


def may(principal: Principal, action: Action, resource: Resource | None = None) -> bool:
    return decide(principal, action, resource) is Decision.ALLOW


def require(principal: Principal, action: Action, resource: Resource | None = None) -> None:
    """Raises the domain error for a refusal: 401 unauthorized, 403 forbidden or not_owner."""
    decision = decide(principal, action, resource)
    if decision is Decision.UNAUTHENTICATED:
        raise NotAuthenticated("Sign in first: this needs a bearer token.")
    if decision is Decision.NOT_OWNER:
        raise NotOwner("Only the event's organizer or an admin may do this.")
    if decision is Decision.FORBIDDEN:
        raise Forbidden(f"A {principal.role} may not do this.")


# --- for use cases that load the resource themselves ------------------------------------------------


def resource_of(event: Any, registration: Any = None) -> Resource:
    """The ownership facts of a loaded CommunityEvent (and Registration) aggregate."""
    return Resource(organizer_id=event.organizer_id,
                    registrant_id=getattr(registration, "member_id", None))
