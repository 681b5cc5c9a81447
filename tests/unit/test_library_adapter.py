"""What kernel/store_adapter.py relies on in `eventsourcing` beyond its public surface.

Each test names the internal it pins; when a library upgrade changes one, the failure says which
adapter function to revisit (instead of a silent slowdown or an unbounded retry in production).
"""

from __future__ import annotations

import inspect
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, ProcessRecorder
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresProcessRecorder,
)
from eventsourcing.sqlite import SQLiteAggregateRecorder
from eventsourcing.utils import retry

from command_api.application import EventConnect
from command_api.domain.community_event import CommunityEvent
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel import store_adapter
from kernel.store_adapter import (
    EVENT_COLUMNS,
    RETRY_WRAPPER,
    TAKE_SNAPSHOTS,
    SnapshotAsSaved,
    remember,
    stored_ids,
    stream_rows,
    without_library_retries,
)
from tests.unit.factories import NOW, event_details

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo", "IS_SNAPSHOTTING_ENABLED": "y"}


class SpiedEventConnect(EventConnect):
    snapshotting_intervals = {CommunityEvent: 2}  # noqa: RUF012 - the library reads a class attr

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__(env=env, clock=lambda: NOW)
        self.processing_events: list[Any] = []

    def _take_snapshots(self, processing_event: Any) -> None:
        self.processing_events.append(processing_event)
        super()._take_snapshots(processing_event)


def _create(app: EventConnect) -> Any:
    event_id, _ = app.create_event(actor="org-1", publish=True, **event_details())
    return event_id


def test_the_snapshot_hook_keeps_its_name_and_signature() -> None:
    hook = getattr(Application, TAKE_SNAPSHOTS, None)
    assert hook is not None, f"Application.{TAKE_SNAPSHOTS} is gone: revisit SnapshotAsSaved"
    assert list(inspect.signature(hook).parameters) == ["self", "processing_event"]
    assert EventConnect._take_snapshots is SnapshotAsSaved._take_snapshots


def test_the_library_calls_the_hook_on_save_with_events_and_aggregates() -> None:
    app = SpiedEventConnect(POPO)
    event_id = _create(app)  # versions 1 and 2: crosses the interval of 2
    assert len(app.processing_events) == 1, "save() no longer calls the snapshot hook"
    processing_event = app.processing_events[0]
    assert [e.originator_version for e in processing_event.events] == [1, 2]
    assert set(processing_event.aggregates) == {event_id}
    snapshots = list(app.snapshots.get(event_id)) if app.snapshots else []
    assert [s.originator_version for s in snapshots] == [2]


def test_the_repository_cache_takes_aggregates_by_id() -> None:
    app = EventConnect(env={**POPO, "AGGREGATE_CACHE_MAXSIZE": "10"}, clock=lambda: NOW)
    event = app.load(_create(app))
    assert app.repository.cache is not None, "AGGREGATE_CACHE_MAXSIZE no longer makes a cache"
    remember(app, event)
    assert app.repository.cache.get(event.id) is event


def test_remember_without_a_cache_does_nothing() -> None:
    app = EventConnect(env=POPO, clock=lambda: NOW)
    assert app.repository.cache is None
    remember(app, app.load(_create(app)))


def test_the_retry_decorator_keeps_its_shape() -> None:
    calls: list[int] = []

    class Flaky:
        @retry(ValueError, max_attempts=10, wait=0)
        def call(self) -> None:
            calls.append(1)
            raise ValueError

    wrapped = Flaky.__dict__["call"]
    assert wrapped.__code__.co_name == RETRY_WRAPPER and wrapped.__wrapped__ is not None
    flaky = Flaky()
    without_library_retries(flaky)
    with pytest.raises(ValueError):
        flaky.call()
    assert calls == [1], "the library's retry wrapper was not taken off"


@pytest.mark.parametrize("recorder", [PostgresAggregateRecorder, PostgresApplicationRecorder,
                                      PostgresProcessRecorder])  # the write model's (H2)
def test_the_postgres_recorder_still_retries_what_we_take_off(recorder: type) -> None:
    retried = {name for name in dir(recorder)
               if getattr(getattr(recorder, name, None), "__code__", None) is not None
               and getattr(recorder, name).__code__.co_name == RETRY_WRAPPER}
    assert {"insert_events", "select_events"} <= retried


def _columns(recorder: Any) -> set[str]:
    with recorder.datastore.transaction(commit=False) as cursor:
        if isinstance(recorder, SQLiteAggregateRecorder):
            table = recorder.events_table_name.replace('"', '""')
            cursor.execute(f'PRAGMA table_info("{table}")')
            return {row["name"] for row in cursor.fetchall()}
        cursor.execute("SELECT column_name FROM information_schema.columns "
                       "WHERE table_schema = %s AND table_name = %s",
                       [recorder.datastore.schema, recorder.events_table_name])
        return {row["column_name"] for row in cursor.fetchall()}


def test_the_events_table_has_what_the_adapter_reads(settings: Settings) -> None:
    app = build_write_model(settings, create_tables=True)
    try:
        recorder = app.recorder
        kind = SQLiteAggregateRecorder if not settings.is_postgres else PostgresAggregateRecorder
        # stored_ids dispatches on these classes; a miss would fall back to one query per id.
        assert isinstance(recorder, kind)
        assert isinstance(recorder.events_table_name, str) and recorder.events_table_name
        columns = _columns(recorder)
        assert set(EVENT_COLUMNS) <= columns
        if settings.is_postgres:
            assert "notification_id" in columns
            assert isinstance(recorder.datastore.schema, str)
        event_id = _create(app)
        rows = stream_rows(recorder, event_id)
        assert [r.originator_version for r in rows] == [1, 2]
        assert rows[0].id < rows[1].id == recorder.max_notification_id()
        assert [type(app.mapper.to_domain_event(r)).__name__ for r in rows] == ["Scheduled", "Published"]
        assert stored_ids(recorder, {event_id, uuid4()}) == {event_id}
        assert stored_ids(recorder, set()) == set()
        if settings.is_postgres:
            assert getattr(recorder.insert_events, "__func__", None) is \
                type(recorder).insert_events.__wrapped__, "the retries were not taken off"
    finally:
        app.close()


def test_the_adapter_is_the_only_module_that_names_the_internals() -> None:
    # A cheap guard that the internals do not creep back into the use cases.
    import command_api.application as application
    import command_api.use_cases.accounts as accounts
    import command_api.use_cases.events as events
    import command_api.use_cases.registrations as registrations
    import command_api.write_model as write_model

    for module in (application, write_model, events, registrations, accounts):
        source = inspect.getsource(module)
        for internal in ("events_table_name", "repository.cache", "datastore", "__wrapped__"):
            assert internal not in source, (module.__name__, internal)
    assert store_adapter.__name__ == "kernel.store_adapter"


# --- tracking with the events (H2: the notifier, docs/decisions/0005) ----------------------------

def test_the_record_hook_takes_a_processing_event() -> None:
    hook = getattr(Application, store_adapter.RECORD, None)
    assert hook is not None, f"Application.{store_adapter.RECORD} is gone: revisit save_tracked"
    assert list(inspect.signature(hook).parameters) == ["self", "processing_event"]


def test_save_tracked_commits_events_and_position_together_or_not_at_all(settings: Settings) -> None:
    app = build_write_model(settings, create_tables=True)
    try:
        assert isinstance(app.recorder, ProcessRecorder)
        event = CommunityEvent.schedule(actor="org-1", now=NOW, **event_details())
        recordings = store_adapter.save_tracked(app, "policy", 7, event)
        assert [r.domain_event.originator_id for r in recordings] == [event.id]
        assert app.recorder.max_tracking_id("policy") == 7
        # A position not past the recorded one is refused, and the events with it are not saved.
        late = CommunityEvent.schedule(actor="org-1", now=NOW, **event_details())
        with pytest.raises(IntegrityError):
            store_adapter.save_tracked(app, "policy", 7, late)
        assert stored_ids(app.recorder, {late.id}) == set()
        # Tracking alone (a batch that decided nothing) moves too.
        assert store_adapter.save_tracked(app, "policy", 9) == []
        assert app.recorder.max_tracking_id("policy") == 9
        assert app.recorder.max_tracking_id("another") is None
    finally:
        app.close()
