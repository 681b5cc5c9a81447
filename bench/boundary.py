"""Measures the cost of the registration consistency boundary (docs/decisions/0001).

    .venv/bin/python -m bench.boundary [--attendees 5000]

Prints: registrations/s through the use case on a SQLite file, the cost of copying the cached
CommunityEvent (custom __deepcopy__ vs the generic one) with a long waitlist, and the time to load
the aggregate cold from the store with and without a snapshot.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from command_api.domain.community_event import CommunityEvent
from eventconnect.settings import Settings
from eventconnect.store import build_write_model


def _median_ms(fn, repeat: int = 21) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=5000)
    parser.add_argument("--capacity", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=None)
        app = build_write_model(settings, create_tables=True)
        starts = app.clock() + timedelta(days=3)
        event_id, _ = app.create_event(
            actor="bench", publish=True, organizer_id="o", organizer_name="O", title="Rush",
            description="", category="workshop", tags=[], starts_at=starts,
            ends_at=starts + timedelta(hours=1), timezone="UTC",
            location={"country": "GB", "city": "Leeds"}, capacity=args.capacity,
            waitlist_enabled=True)
        start = time.perf_counter()
        for i in range(args.attendees):
            app.register(event_id, name=f"P{i}", email=f"p{i}@x.org", actor="guest")
        elapsed = time.perf_counter() - start
        event = app.load_event(event_id)
        print(f"attendees={args.attendees} capacity={args.capacity} "
              f"waitlist={len(event.waitlist)} stream_version={event.version}")
        print(f"sequential register: {args.attendees / elapsed:.0f}/s "
              f"({elapsed / args.attendees * 1000:.2f} ms each, SQLite file, one thread)")
        custom = _median_ms(lambda: copy.deepcopy(event))
        generic = _median_ms(lambda: _generic_copy(event))
        print(f"copy of cached aggregate: custom {custom:.3f} ms, generic deepcopy {generic:.3f} ms")
        cold_snapshot = _median_ms(lambda: app.repository._reconstruct_aggregate(
            event_id, None, _project), repeat=5)
        app.repository.snapshot_store = None
        cold_replay = _median_ms(lambda: app.repository._reconstruct_aggregate(
            event_id, None, _project), repeat=5)
        print(f"cold load: with snapshot {cold_snapshot:.1f} ms, full replay {cold_replay:.1f} ms")


def _generic_copy(event: CommunityEvent) -> CommunityEvent:
    clone = copy.copy(event)
    clone.__dict__ = copy.deepcopy(event.__dict__)
    return clone


def _project(aggregate, events):  # type: ignore[no-untyped-def]
    from eventsourcing.application import project_aggregate

    return project_aggregate(aggregate, events)


if __name__ == "__main__":
    main()
