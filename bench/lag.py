"""Scenario 5: projection lag at a steady command rate.

    .venv/bin/python -m bench.lag --db sqlite [--rate 200 --seconds 15]

Registrations arrive at a fixed rate (open loop: request i starts at i/rate s, whatever the
answers do) on `eventconnect serve`, spread over 1,000 events. Lag is measured two ways:

- **tracking**: a separate process reads the lowest projection tracking position (what
  `X-Consistent-With` waits for) about every millisecond; a command's lag is the time from its
  response to the first reading at or past its `position` (0 if already there);
- **read-your-writes**: every 10th command is followed, on the same connection, by
  `GET /api/events/{id}` with `X-Consistent-With: <position>`; its time from the command's
  response to the GET's answer includes a whole GET round trip.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from bisect import bisect_left

from sqlalchemy import func, select

from bench import harness, loadclient
from bench.harness import HOST, percentile, status_counts, table
from bench.registrations import plan, warm_up
from bench.seed import create_events
from eventconnect.bootstrap import bootstrap
from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from projections.tables import tracking

POLL_SECONDS = 0.001


def poll_tracking(settings: Settings, stop, out) -> None:  # type: ignore[no-untyped-def]
    """Child process: records (time, lowest tracking position) at each change."""
    engine = build_read_engine(settings)
    seen: list[tuple[float, int]] = []
    last = -1
    query = select(func.min(tracking.c.position))
    with engine.connect() as conn:
        while not stop.is_set():
            position = conn.execute(query).scalar() or 0
            conn.rollback()  # a fresh snapshot each time
            if position != last:
                seen.append((time.monotonic(), position))
                last = position
            time.sleep(POLL_SECONDS)
    out.send(seen)
    engine.dispose()


def lags_ms(run: loadclient.Run, seen: list[tuple[float, int]]) -> list[float]:
    times, positions = [t for t, _ in seen], [p for _, p in seen]
    lags = []
    for record in run.records:
        if record.status != 201:
            continue
        position = record.json()["position"]
        i = bisect_left(positions, position)  # positions only grow
        if i == len(positions):
            continue  # never observed (should not happen: we wait for the last one below)
        lags.append(max(0.0, times[i] - record.done) * 1000)
    return lags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rate", type=float, default=200.0, help="commands per second")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    count = int(args.rate * args.seconds)
    print(f"## projection lag on {args.db}: {count:,} registrations at {args.rate:g}/s over "
          f"{args.events:,} events\nmachine: {harness.machine()}", flush=True)
    with harness.database(args.db, "lag") as db:
        container = bootstrap(db.settings, migrate=True)
        warm = create_events(container.write_model, 1, capacity=1_000_000, seed=99)[0]
        ids = create_events(container.write_model, args.events, capacity=1000)
        container.write_model.close()
        container.read_engine.dispose()
        requests, targets = plan("steady", ids, count)

        def read_your_write(record: loadclient.Record) -> bytes | None:
            if record.index % 10 or record.status != 201:
                return None
            return loadclient.build("GET", f"/api/events/{targets[record.index]}", headers={
                "X-Consistent-With": str(record.json()["position"])})

        with harness.eventconnect_server(db) as srv:
            warm_up(srv, warm, 8)
            context = multiprocessing.get_context("fork")
            stop, (receive, send) = context.Event(), context.Pipe(duplex=False)
            poller = context.Process(target=poll_tracking, args=(db.settings, stop, send))
            poller.start()
            time.sleep(0.5)
            run, followups = loadclient.open_loop(HOST, srv.port, requests, args.rate,
                                                  follow=read_your_write)
            last = max((r.json()["position"] for r in run.records if r.status == 201), default=0)
            srv.get(f"/api/events/{ids[0]}", headers={"X-Consistent-With": str(last)})
            time.sleep(0.05)
            stop.set()
            seen = receive.recv()
            poller.join()
    lags = lags_ms(run, seen)
    by_index = {r.index: r for r in run.records}
    ryw = [(f.done - by_index[f.index].done) * 1000 for f in followups if f.status == 200]
    command = [r.latency_ms for r in run.records]
    table(f"projection lag on {args.db}", ["measure", "n", "p50 ms", "p99 ms", "max ms"], [
        ("command response time", len(command), percentile(command, 50),
         percentile(command, 99), max(command, default=0.0)),
        ("lag: response -> tracking position", len(lags), percentile(lags, 50),
         percentile(lags, 99), max(lags, default=0.0)),
        ("response -> X-Consistent-With GET answered", len(ryw), percentile(ryw, 50),
         percentile(ryw, 99), max(ryw, default=0.0)),
    ])
    target = 20 if args.db == "sqlite" else 50
    p99 = percentile(lags, 99)
    print(f"\nachieved {run.throughput:.0f} commands/s (asked {args.rate:g}); statuses "
          f"{status_counts([r.status for r in run.records])}; client CPU "
          f"{run.client_cpu / run.elapsed:.0%}; {len(run.errors)} connection errors")
    print(f"lag p99 {p99:.1f} ms (target <= {target} ms: {'met' if p99 <= target else 'MISSED'})",
          flush=True)


if __name__ == "__main__":
    main()
