"""Scenario 6 (and the memory target): rebuild every read model from 1,000,000 domain events, then
the resident memory of `eventconnect serve` on that data set.

    .venv/bin/python -m bench.rebuild --db sqlite [--domain-events 1000000]

The data set is written through the real aggregates (bench/seed.py `Generator`): 20,000 events
and 200,000 members registering, joining waitlists, cancelling (promotions) and checking in. Each
read model is then rebuilt by `eventconnect rebuild <name>` in its own process, timed, with that
process's peak resident memory (wait4's ru_maxrss). Finally `eventconnect serve` starts on the
data set and takes a spread of registrations and searches; its RSS is read afterwards.

"Rebuild all read models" is `ProjectionRunner.rebuild()` with no name: one transaction that
reads and decodes the log once for every read model, in a process of its own. `--each` also
times `eventconnect rebuild <name>` for each read model (one pass over the log per read model).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import time

from bench import harness, loadclient
from bench.harness import EVENTCONNECT, HOST, PYTHON, ROOT, table
from bench.seed import Generator
from eventconnect.bootstrap import bootstrap
from projections.registry import names

REBUILD_ALL = ("from eventconnect.bootstrap import bootstrap; "
               "print(bootstrap(migrate=False).runner.rebuild())")


def rebuild(db: harness.Database, name: str | None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of `eventconnect rebuild <name>` (None: all in one pass)."""
    command = [PYTHON, "-c", REBUILD_ALL] if name is None else [EVENTCONNECT, "rebuild", name]
    start = time.monotonic()
    process = subprocess.Popen(command, env=db.env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"rebuild {name} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def serve_memory(db: harness.Database, event_ids: list, requests: int) -> tuple[float, float, float]:
    """RSS (MB) of `eventconnect serve` after start, after load, and its peak."""
    rng = random.Random(3)
    load = [loadclient.build("POST", f"/api/events/{rng.choice(event_ids)}/registrations",
                             {"name": f"Late {i}", "email": f"late{i}@bench.example"})
            for i in range(requests)]
    words = ["bike", "python", "garden", "yoga", "chess", "choir"]
    load += [loadclient.build("GET", f"/api/events?q={rng.choice(words)}&page={rng.randint(1, 5)}")
             for _ in range(requests)]
    with harness.eventconnect_server(db, "serve-1m") as srv:
        started = srv.rss_mb()
        run = loadclient.closed_loop(HOST, srv.port, load, 16)
        time.sleep(1)
        after, peak = srv.rss_mb(), srv.peak_rss_mb()
    bad = sum(1 for r in run.records if r.status >= 500) + len(run.errors)
    if bad:
        print(f"  warning: {bad} 5xx/connection errors under load")
    return started, after, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--domain-events", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--serve-requests", type=int, default=2000)
    parser.add_argument("--each", action="store_true",
                        help="also time `eventconnect rebuild <name>` for each read model")
    args = parser.parse_args()
    print(f"## rebuild on {args.db}: {args.domain_events:,} domain events over "
          f"{args.events:,} events and {args.members:,} members\nmachine: {harness.machine()}",
          flush=True)
    with harness.database(args.db, "rebuild") as db:
        container = bootstrap(db.settings, migrate=True)
        generator = Generator(container.write_model, events=args.events, members=args.members)
        seconds = generator.run(args.domain_events)
        total = container.write_model.recorder.max_notification_id() or 0
        event_ids = [e.id for e in generator.events]
        container.write_model.close()
        container.read_engine.dispose()
        print(f"generated {generator.written:,} domain events in {seconds:.0f} s "
              f"({generator.written / seconds:,.0f}/s); store positions up to {total:,}",
              flush=True)
        rows = []
        for name in names() if args.each else []:
            elapsed, rss = rebuild(db, name)
            rows.append((f"`eventconnect rebuild {name}`", total, elapsed, total / elapsed, rss))
        spent, peak = rebuild(db, None)
        rows.append(("all read models, one pass", total, spent, total / spent, peak))
        table(f"rebuild on {args.db} (each in its own process, process start included)",
              ["read model", "domain events", "seconds", "events/s", "peak RSS MB"], rows)
        need = 20_000 if args.db == "sqlite" else 10_000
        rate = total / spent
        print(f"\nall read models: {rate:,.0f} events/s (target >= {need:,}: "
              f"{'met' if rate >= need else 'MISSED'}); peak {peak:.0f} MB (target < 500: "
              f"{'met' if peak < 500 else 'MISSED'})", flush=True)
        started, after, serve_peak = serve_memory(db, event_ids, args.serve_requests)
    print(f"eventconnect serve on this data set: RSS {started:.0f} MB after start, {after:.0f} MB "
          f"after {args.serve_requests:,} registrations + {args.serve_requests:,} searches, peak "
          f"{serve_peak:.0f} MB (target < 250: {'met' if serve_peak < 250 else 'MISSED'})",
          flush=True)


if __name__ == "__main__":
    main()
