"""The group-commit queue never writes a registration past its budget: while a batch is stuck
on a database that went away, those queued behind it fail `unavailable` and are not written
later, and a request whose client is gone is dropped before its batch runs."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest
from eventsourcing.application import AggregateNotFoundError

from command_api.application import Admission, Applicant
from command_api.domain.registration import registration_id_for
from command_api.registration_queue import RegistrationQueue
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.unavailable import DatabaseUnavailable
from tests.conftest import FakeClock
from tests.integration.test_group_commit import _event, _guest


def test_requests_queued_past_their_budget_fail_and_are_never_written(
        settings: Settings, clock: FakeClock) -> None:
    app = build_write_model(settings, clock=clock, create_tables=True)
    event_id = _event(app, capacity=10)
    stuck, written = threading.Event(), []
    decide = app.register_many

    def slow_first_batch(applicants: Sequence[Applicant]) -> list[Admission | Exception]:
        written.extend(a.email for a in applicants)
        if len(written) == 1:
            stuck.wait(5)  # the database does not answer for a while
        return decide(applicants)

    app.register_many = slow_first_batch  # type: ignore[method-assign]
    queue = RegistrationQueue(app, budget=0.2)

    async def scenario() -> tuple[Admission | BaseException, ...]:
        first = asyncio.create_task(queue.register(_guest(event_id, "first@x.org")))
        await asyncio.sleep(0.05)  # the first batch is in flight
        late = asyncio.create_task(queue.register(_guest(event_id, "late@x.org")))
        gone = asyncio.create_task(queue.register(_guest(event_id, "gone@x.org")))
        await asyncio.sleep(0.05)
        gone.cancel()  # its client went away
        await asyncio.sleep(0.3)  # past the queued requests' budget
        stuck.set()
        return tuple(await asyncio.gather(first, late, gone, return_exceptions=True))

    first, late, gone = asyncio.run(scenario())

    assert isinstance(first, Admission)
    assert isinstance(late, DatabaseUnavailable)
    assert isinstance(gone, asyncio.CancelledError)
    assert written == ["first@x.org"]
    ledger = app.load_event(event_id)
    assert ledger.confirmed_count == 1
    for email in ("late@x.org", "gone@x.org"):
        with pytest.raises(AggregateNotFoundError):
            app.repository.get(registration_id_for(event_id, email))
