"""The one way a use case authorizes: `require`/`may` on a Principal. System jobs pass a trusted
principal instead of the `authorized` flag they had; nothing from a request is ever trusted."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from command_api.domain.errors import NotOwner
from kernel.authz import ANONYMOUS, SYSTEM, Action, Principal, Resource, may, require, system


@pytest.mark.parametrize("action", list(Action))
def test_a_system_job_may_do_everything_and_is_recorded_as_its_actor(action: Action) -> None:
    assert may(SYSTEM, action, Resource(organizer_id="someone", registrant_id="else"))
    assert system("org-1").actor == "org-1"


def test_a_principal_from_an_account_is_never_trusted() -> None:
    account = SimpleNamespace(id="a1", role="admin", email="a@x.org", name="A")
    assert not Principal.of(account).trusted
    assert not ANONYMOUS.trusted


def test_an_organizer_of_another_event_is_refused_by_the_use_case_check() -> None:
    organizer = Principal(id="org-2", role="organizer")
    with pytest.raises(NotOwner):
        require(organizer, Action.MANAGE_EVENT, Resource(organizer_id="org-1"))
