"""Group commit (docs/decisions/0003): a batch of registrations is decided in arrival order on
one load of each event and saved in one transaction; a refused member of the batch leaves no
trace, and a batch that loses the version race is decided again on fresh state."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.application import AggregateNotFoundError

from command_api.application import Admission, Applicant, EventConnect
from command_api.domain.errors import AlreadyRegistered, EventFull, NotFound
from command_api.domain.registration import registration_id_for
from command_api.registration_queue import RegistrationQueue
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from tests.conftest import FakeClock
from tests.unit.factories import event_details


def _event(app: EventConnect, capacity: int, *, waitlist: bool = True) -> UUID:
    event_id, _ = app.create_event(actor="org", publish=True, **event_details(
        capacity=capacity, waitlist_enabled=waitlist))
    return event_id


def _guest(event_id: UUID, email: str) -> Applicant:
    return Applicant(event_id, name=email.split("@")[0], email=email, actor="guest")


def _last_position(app: EventConnect) -> int:
    return app.recorder.max_notification_id() or 0


def test_a_batch_is_decided_in_arrival_order_and_refuses_only_its_bad_members(
        settings: Settings, clock: FakeClock) -> None:
    app = build_write_model(settings, clock=clock, create_tables=True)
    open_event = _event(app, capacity=2)
    full_event = _event(app, capacity=1, waitlist=False)
    app.register(full_event, name="First", email="first@x.org", actor="guest")
    before = _last_position(app)

    outcomes = app.register_many([
        _guest(open_event, "a@x.org"), _guest(open_event, "b@x.org"),
        _guest(open_event, " A@X.org"),  # the same person again, in the same batch
        _guest(open_event, "c@x.org"), _guest(uuid4(), "lost@x.org"),
        _guest(full_event, "late@x.org"), _guest(open_event, "e@x.org"),
    ])

    kinds = [o.status if isinstance(o, Admission) else type(o) for o in outcomes]
    assert kinds == ["confirmed", "confirmed", AlreadyRegistered, "waitlisted", NotFound,
                     EventFull, "waitlisted"]
    admitted = [o for o in outcomes if isinstance(o, Admission)]
    assert [o.waitlist_position for o in admitted] == [None, None, 1, 2]
    positions = [o.position for o in admitted]
    assert positions == sorted(positions) and len(set(positions)) == 4
    # One transaction: 4 admissions on the event + 4 new registrations, nothing of the refused.
    assert _last_position(app) == before + 8 == max(positions)
    with pytest.raises(AggregateNotFoundError):
        app.repository.get(registration_id_for(full_event, "late@x.org"))
    event = app.load_event(open_event)
    assert (event.confirmed_count, list(event.waitlist)) == (
        2, [admitted[2].registration_id.hex, admitted[3].registration_id.hex])


class RivalFirst(EventConnect):
    """Lets a rival write model take a seat between this batch's decision and its save."""

    name = EventConnect.name  # the same tables

    rival: EventConnect
    event_id: UUID
    saves = 0

    def save(self, *aggregates: Any, **kwargs: Any) -> Any:
        self.saves += 1
        if self.saves == 1:
            self.rival.register(self.event_id, name="Rival", email="rival@x.org", actor="guest")
        return super().save(*aggregates, **kwargs)


def test_a_batch_that_loses_the_version_race_is_decided_again(
        settings: Settings, clock: FakeClock) -> None:
    rival = build_write_model(settings, clock=clock, create_tables=True)
    event_id = _event(rival, capacity=3)
    app = RivalFirst(env=build_write_model(settings, clock=clock).env, clock=clock)
    app.rival, app.event_id = rival, event_id

    outcomes = app.register_many([_guest(event_id, f"p{i}@x.org") for i in range(3)])

    assert app.saves == 2  # the first save lost to the rival; the batch was decided again
    assert [o.status for o in outcomes if isinstance(o, Admission)] == [
        "confirmed", "confirmed", "waitlisted"]
    event = app.load_event(event_id)
    assert (event.confirmed_count, len(event.waitlist)) == (3, 1)


def test_concurrent_requests_share_commits_and_keep_fifo(settings: Settings,
                                                         clock: FakeClock) -> None:
    app = build_write_model(settings, clock=clock, create_tables=True)
    event_id = _event(app, capacity=20)
    batches: list[int] = []
    decide = app.register_many

    def counted(applicants: Sequence[Applicant]) -> list[Admission | Exception]:
        batches.append(len(applicants))
        return decide(applicants)

    app.register_many = counted  # type: ignore[method-assign]
    queue = RegistrationQueue(app)
    emails = [f"q{i}@x.org" for i in range(50)] + ["q7@x.org"]

    async def rush() -> list[Admission | BaseException]:
        return await asyncio.gather(*(queue.register(_guest(event_id, e)) for e in emails),
                                    return_exceptions=True)

    results = asyncio.run(rush())

    assert isinstance(results[-1], AlreadyRegistered)
    admitted = sorted((r for r in results if isinstance(r, Admission)), key=lambda r: r.position)
    assert len(admitted) == 50 and sum(batches) == 51
    assert len(batches) < 51  # requests waiting while a batch was written went in one batch
    assert [r.status for r in admitted] == ["confirmed"] * 20 + ["waitlisted"] * 30
    assert [r.waitlist_position for r in admitted[20:]] == list(range(1, 31))
    assert [r.registration_id.hex for r in admitted[20:]] == list(app.load_event(event_id).waitlist)


def test_snapshots_taken_from_batches_rebuild_the_same_event(settings: Settings,
                                                             clock: FakeClock) -> None:
    app = build_write_model(settings, clock=clock, create_tables=True)
    event_id = _event(app, capacity=100)
    for start in range(0, 512, 64):  # versions 66, 130, 194, 258 ... 514: marks crossed mid-batch
        app.register_many([_guest(event_id, f"s{i}@x.org") for i in range(start, start + 64)])

    snapshots = list(app.snapshots.get(event_id)) if app.snapshots else []
    fresh = build_write_model(settings, clock=clock).load_event(event_id)  # no cache: snapshot + tail

    # Snapshotted as saved, at the end of the batch that crossed 200 and of the one that crossed 400.
    assert [s.originator_version for s in snapshots] == [258, 450]
    original = app.load_event(event_id)
    assert (fresh.version, fresh.confirmed_count, list(fresh.waitlist)) == (
        original.version, 100, list(original.waitlist))
    assert len(fresh.waitlist) == 412
