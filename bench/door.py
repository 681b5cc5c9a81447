"""The door (issue 12): how long a scan takes at a large event, in process on the write model.

    .venv/bin/python -m bench.door --db sqlite [--attendees 5000 --scans 300]

An event with `--attendees` confirmed guests (registered in batches, as a rush would be). Then:
the first scan by ticket code (the desk reads the event's stream once to learn its codes), then
`--scans` scans of distinct codes (each reads only what is new, then records the check-in), then
the same codes again as repeats, and as an offline scanner's earlier scans (each a backdating).
Every figure is one whole use case: code lookup, load, decide, commit.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

from bench import harness
from command_api.application import Applicant
from command_api.ticket_index import TicketIndex
from eventconnect.bootstrap import bootstrap
from kernel.authz import system
from kernel.tickets import ticket_code


def timed(calls: list[Callable[[], object]]) -> list[float]:
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--attendees", type=int, default=5000)
    parser.add_argument("--scans", type=int, default=300)
    args = parser.parse_args()
    with harness.database(args.db, "door") as db:
        container = bootstrap(db.settings, migrate=True)
        app = container.write_model
        now = app.clock()
        owner = "bench-organizer"
        event_id, _ = app.create_event(
            actor=owner, publish=True, organizer_id=owner, organizer_name="Bench", title="Gala",
            description="", category="other", tags=[], starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(hours=4), timezone="UTC",
            location={"country": "GB", "city": "Leeds"}, capacity=args.attendees,
            waitlist_enabled=True)
        ids: list[UUID] = []
        for first in range(0, args.attendees, 500):
            batch = [Applicant(event_id, f"Guest {n}", f"g{n}@bench.example", "guest", None, "en")
                     for n in range(first, min(first + 500, args.attendees))]
            ids.extend(a.registration_id for a in app.register_many(batch))  # type: ignore[union-attr]
        index = TicketIndex(app, container.link_secret)
        door = system(owner)
        codes = [ticket_code(container.link_secret, rid) for rid in ids]
        scanned = ids[: args.scans + 1]

        def scan(n: int, at: object = None) -> Callable[[], object]:
            def call() -> object:
                rid = index.registration_of(event_id, codes[n])
                assert rid == ids[n]
                return app.scan(event_id, rid, principal=door, scanned_at=at)  # type: ignore[arg-type]
            return call

        [first_ms] = timed([scan(0)])
        fresh = timed([scan(n) for n in range(1, len(scanned))])
        repeats = timed([scan(n) for n in range(1, len(scanned))])
        earlier = app.clock() - timedelta(minutes=30)
        backdated = timed([scan(n, earlier) for n in range(1, len(scanned))])
        lookup = timed([lambda n=n: index.registration_of(event_id, codes[n])  # type: ignore[misc]
                        for n in range(len(scanned))])
        harness.table(
            f"Door scans, {args.db}, {args.attendees:,} confirmed ({harness.machine()})",
            ("what", "median ms", "p95 ms"),
            [("first scan (reads the stream once)", f"{first_ms:.1f}", ""),
             *((name, f"{statistics.median(v):.2f}", f"{harness.percentile(v, 95):.2f}")
               for name, v in (("scan, fresh check-in", fresh), ("scan, a repeat", repeats),
                               ("scan, an earlier offline scan", backdated),
                               ("code lookup alone (warm)", lookup)))])


if __name__ == "__main__":
    main()
