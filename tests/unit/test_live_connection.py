"""A live connection's outbox (query_api/live_hub.py): the latest seat state per event wins, a
newer state is never followed by an older one, queued messages are bounded, and the hub spaces
its cycles by how many messages the last one sent."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from uuid import uuid4

from query_api import live_hub
from query_api.live_hub import LiveConnection, LiveHub


def _drain(connection: LiveConnection) -> list[str]:
    return asyncio.run(asyncio.wait_for(connection.next_batch(), 1))


def test_a_slow_reader_gets_the_latest_seats_of_each_event_once() -> None:
    connection = LiveConnection(None)
    first, second = uuid4(), uuid4()
    connection.events |= {first, second}
    connection.offer_seats(first, 10, "first@10")
    connection.offer_seats(second, 11, "second@11")
    connection.offer_seats(first, 12, "first@12")
    assert _drain(connection) == ["first@12", "second@11"]


def test_an_older_state_never_follows_a_newer_one() -> None:
    connection = LiveConnection(None)
    event = uuid4()
    connection.events.add(event)
    connection.offer_seats(event, 20, "snapshot@20")
    assert _drain(connection) == ["snapshot@20"]
    connection.offer_seats(event, 19, "batch@19")  # a batch the snapshot overtook
    connection.offer_seats(event, 20, "batch@20")
    assert _drain(connection) == ["batch@20"]


def test_seats_of_an_event_not_subscribed_are_not_queued() -> None:
    connection = LiveConnection(None)
    event = uuid4()
    connection.events.add(event)
    connection.forget(event)
    connection.offer_seats(event, 5, "late")
    connection.offer("reply")
    assert _drain(connection) == ["reply"]


def test_queued_messages_come_first_in_order_and_are_bounded() -> None:
    connection = LiveConnection("member-1")
    event = uuid4()
    connection.events.add(event)
    connection.offer_seats(event, 1, "seats")
    for n in range(live_hub.MAX_PENDING_MESSAGES):
        connection.offer(f"item {n}")
    assert not connection.overflowed
    batch = _drain(connection)
    assert batch[0] == "item 0" and batch[-2] == f"item {live_hub.MAX_PENDING_MESSAGES - 1}"
    assert batch[-1] == "seats"
    for n in range(live_hub.MAX_PENDING_MESSAGES + 1):
        connection.offer(f"item {n}")
    assert connection.overflowed  # the sender closes it with 1013 instead of dropping items


def test_cycles_are_spaced_by_the_messages_the_last_one_sent() -> None:
    hub = LiveHub(write_model=None, runner=None, read_engine=None,  # type: ignore[arg-type]
                  waiter=None, postgres=False)  # type: ignore[arg-type]
    hub.sent = 10
    assert hub.spacing() == live_hub.COALESCE_SECONDS
    hub.sent = 1000
    assert hub.spacing() == 1000 / live_hub.SENDS_PER_SECOND
    hub.sent = 100_000
    assert hub.spacing() == live_hub.MAX_SPACING_SECONDS


def _hub() -> LiveHub:
    """A hub that is never started: subscribe/confirm/unsubscribe touch no database."""
    async def never(_position: int, _timeout: float) -> bool:
        return False

    return LiveHub(SimpleNamespace(after_commit=[]), None, None,  # type: ignore[arg-type]
                   waiter=never, postgres=False)


def test_a_subscription_awaiting_its_visibility_check_gets_nothing_until_confirmed() -> None:
    hub, connection, draft = _hub(), LiveConnection(None), uuid4()
    hub.subscribe(connection, draft)
    connection.offer_seats(draft, 30, "draft@30")  # the hub's push while the check awaits
    connection.offer("reply")
    assert _drain(connection) == ["reply"]  # the held update did not ride along
    hub.confirm(connection, draft)
    connection.offer_seats(draft, 29, "snapshot@29")  # older than the held push
    assert _drain(connection) == ["draft@30"]


def test_a_refused_subscription_drops_what_was_held_for_it() -> None:
    hub, connection, draft = _hub(), LiveConnection(None), uuid4()
    hub.subscribe(connection, draft)
    connection.offer_seats(draft, 30, "draft@30")
    hub.unsubscribe(connection, draft)  # not visible to this caller
    hub.confirm(connection, draft)  # even a confirmation after it finds nothing held
    connection.offer("reply")
    assert _drain(connection) == ["reply"]
