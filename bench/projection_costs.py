"""What the projection runner costs, and what the library's cadence would (ADR 0004).

    .venv/bin/python -m bench.projection_costs --db sqlite [--domain-events 100000 --commands 200]

Seeds a data set through the real aggregates (bench/seed.py `Generator`), then, in this process:

- **rebuild**: `ProjectionRunner.rebuild()` of every read model (one transaction, log read and
  decoded once), best of `--repeat`;
- **live catch-up**: one registration-like command (2 domain events) committed, then timed
  `catch_up()`: all read models in one transaction with their tracking rows (ours);
- **library cadence**: the same, but one transaction per event and per read model, as
  `eventsourcing.projection.ProjectionRunner` calls `process_event(event, tracking)` once per
  event and a view records each tracking object with its own writes;
- **library cadence, bulk**: a rebuild that way (one transaction per event per read model) over
  the first `--bulk-events` positions, in events/s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from bench import harness
from bench.harness import table
from bench.seed import Generator
from eventconnect.bootstrap import bootstrap


def timed(call: Any) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def one_command(generator: Generator) -> int:
    """Commits one command's domain events (as the API does); returns how many."""
    touched: dict[Any, Any] = {}
    now = generator.app.clock()
    while True:
        event = generator.events[generator.rng.randrange(len(generator.events))]
        touched[event.id] = event
        if written := generator._command(event, now, touched):
            generator._save(list(touched.values()))
            return written


def library_cadence(runner: Any, names: list[str]) -> None:
    """Catches up one event per transaction, one read model at a time."""
    batch_size, runner.batch_size = runner.batch_size, 1
    try:
        for name in names:
            runner.catch_up(only=[name])
    finally:
        runner.batch_size = batch_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--domain-events", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--commands", type=int, default=200)
    parser.add_argument("--bulk-events", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"## projection costs on {args.db}: {args.domain_events:,} domain events\n"
          f"machine: {harness.machine()}", flush=True)
    with harness.database(args.db, "projcost") as db:
        container = bootstrap(db.settings, migrate=True)
        generator = Generator(container.write_model, events=args.events, members=args.members)
        generator.run(args.domain_events)
        runner = container.runner
        total = container.write_model.recorder.max_notification_id() or 0
        names = list(runner.projections)

        rebuild = min(timed(runner.rebuild) for _ in range(args.repeat))
        ours = []
        for _ in range(args.commands):
            one_command(generator)
            ours.append(timed(runner.catch_up) * 1000)
        theirs = []
        for _ in range(args.commands):
            one_command(generator)
            theirs.append(timed(lambda: library_cadence(runner, names)) * 1000)
        # A bulk catch-up at the library's cadence: from position 0 up to --bulk-events.
        with container.read_engine.begin() as conn:
            for projection in runner.projections.values():
                projection.clear(conn)
            for name in names:
                runner._set(conn, name, 0)
        runner._positions = None
        head = container.write_model.recorder.max_notification_id() or 0
        read = runner._read
        runner._read = lambda after, limit: [  # type: ignore[method-assign]
            item for item in read(after, limit) if item[0] <= args.bulk_events]
        bulk = timed(lambda: library_cadence(runner, names))
        runner._read = read  # type: ignore[method-assign]
        runner.catch_up()  # leaves the read models whole again
        container.write_model.close()
        container.read_engine.dispose()

    def quantiles(values: list[float]) -> tuple[float, float]:
        return statistics.median(values), statistics.quantiles(values, n=20)[-1]

    rows = [
        ("rebuild, all read models, one transaction (ours)", f"{total / rebuild:,.0f} events/s",
         f"{rebuild:.2f} s for {total:,} positions"),
        ("live catch-up of one command, one transaction (ours)",
         "{:.2f} ms median, {:.2f} ms p95".format(*quantiles(ours)), f"{args.commands} commands"),
        ("live catch-up, one transaction per event and read model (library cadence)",
         "{:.2f} ms median, {:.2f} ms p95".format(*quantiles(theirs)), f"{args.commands} commands"),
        ("bulk catch-up, one transaction per event and read model (library cadence)",
         f"{min(args.bulk_events, head) / bulk:,.0f} events/s",
         f"{bulk:.2f} s for {min(args.bulk_events, head):,} positions"),
    ]
    table(f"projection costs on {args.db}", ["what", "figure", "over"], rows)


if __name__ == "__main__":
    main()
