"""After-commit listeners (runner wake, projector pipe, consistency waiter) run once the store
transaction is committed: one that raises is logged and never turns the committed command into
an error, and the listeners after it still hear of the commit."""

from __future__ import annotations

import logging

import pytest

from command_api.application import EventConnect
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.authz import ANONYMOUS, system
from tests.conftest import FakeClock
from tests.unit.factories import event_details


def _broken(position: int) -> None:
    raise RuntimeError(f"listener broke at {position}")


def test_a_raising_listener_leaves_the_answer_intact_and_the_others_called(
        settings: Settings, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    app: EventConnect = build_write_model(settings, clock=clock, create_tables=True)
    heard: list[int] = []
    app.after_commit.extend([_broken, heard.append])
    try:
        with caplog.at_level(logging.ERROR, logger="command_api.write_model"):
            event_id, created = app.create_event(actor="org", publish=True,
                                                 **event_details(capacity=1))
            admission = app.register(event_id, name="Ann", email="ann@x.org", actor="guest")
            release = app.cancel_registration(event_id, admission.registration_id,
                                              principal=ANONYMOUS, token=admission.cancel_token)
            edited = app.edit_event(event_id, principal=system("org"), capacity=2)

        # Every command answered as if nothing had failed, and its change is stored.
        assert created < admission.position < release.position < edited
        assert admission.status == "confirmed"
        assert release.registration_id == admission.registration_id
        assert app.load_event(event_id).capacity == 2
        assert heard == [created, admission.position, release.position, edited]
        failures = [r for r in caplog.records if "after-commit listener" in r.getMessage()]
        assert len(failures) == 4  # once per commit, with the traceback
        assert all(r.exc_info is not None for r in failures)
    finally:
        app.close()
