"""Rebuild of the analytics read model (issue 11: >= 20,000 domain events/s on SQLite), and what
a live batch of it costs on that data set.

    .venv/bin/python -m bench.analytics_rebuild --db sqlite [--domain-events 1000000]

The data set is bench/seed.py's `Generator` (20,000 events and 200,000 people registering,
joining waitlists, cancelling with promotions, checking in) plus ratings: a share of the
confirmed attendees rate, some change their score, some withdraw and some of those rate again.
Then, each in a process of its own (peak RSS from wait4):

- the analytics rebuild as a read model alone: a runner holding only `Analytics`, so the log is
  decoded only where analytics reads it (the figure the target is about), and, in the same
  process, one pass of that runner reading the log alone: the floor any rebuild pays, so the
  difference is what analytics itself costs;
- `eventconnect rebuild analytics`: the CLI's runner decodes every class any read model reads.

The rebuilt rows are checked against the generator's aggregates (capacity and confirmed count of
every event, the number of ratings standing). Last, single registrations are committed one at a
time and the analytics catch-up after each is timed: the cost the read model adds to the rush
path, with the tables full.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import time
from typing import Any

from sqlalchemy import func, select

from bench import harness
from bench.harness import EVENTCONNECT, PYTHON, ROOT, percentile, table
from bench.seed import Generator
from command_api.domain.rating import Rating
from command_api.domain.vocabulary import RegistrationStatus
from eventconnect.bootstrap import bootstrap
from projections.analytics import Analytics
from projections.runner import ProjectionRunner
from projections.tables import analytics_events

# Prints "<position> <seconds of the rebuild> <its CPU seconds> <seconds of reading the log
# alone>". Reading (and decoding what analytics reads) is the runner's, the floor of any rebuild;
# it is timed on its own, through the runner's own read, after the rebuild (warm file cache).
# CPU seconds are the steadier figure on a shared machine.
ANALYTICS_ALONE = """
import time
from eventconnect.bootstrap import bootstrap
from projections.analytics import Analytics
from projections.runner import ProjectionRunner
c = bootstrap(migrate=False)
r = ProjectionRunner(c.write_model, c.read_engine, [Analytics()])
t, cpu = time.perf_counter(), time.process_time()
p = r.rebuild("analytics")
rebuilt, cpu = time.perf_counter() - t, time.process_time() - cpu
t, at = time.perf_counter(), 0
while items := r._read(at, r.rebuild_batch_size):
    at = items[-1][0]
print(p, rebuilt, cpu, time.perf_counter() - t)
"""


def run(db: harness.Database, command: list[str]) -> tuple[float, float, str, str]:
    """Seconds, peak RSS (MB), output and error output of a process on this database."""
    start = time.monotonic()
    process = subprocess.Popen(command, env=db.env, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{command[-1][:40]} failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, out, err


def add_ratings(generator: Generator, share: float, seed: int = 11) -> tuple[int, int]:
    """Ratings by `share` of the confirmed registrations still active; returns (domain events
    written, ratings standing)."""
    app, rng = generator.app, random.Random(seed)
    now = app.clock()
    ratings: list[Rating] = []
    written = standing = 0
    for event in generator.events:
        for registration_id in generator.active[event.id]:
            if (event.status_of(registration_id) != RegistrationStatus.CONFIRMED
                    or rng.random() >= share):
                continue
            rating = Rating.rate(event_id=event.id, registration_id=registration_id,
                                 member_id=None, author_name="Rater", score=rng.randint(1, 5),
                                 comment=rng.choice([None, "Good", "Too long"]), actor="guest",
                                 now=now)
            roll = rng.random()
            if roll < 0.2:
                rating.change(score=rng.randint(1, 5), comment="Changed my mind", actor="guest",
                              now=now)
            elif roll < 0.3:
                rating.withdraw(actor="guest", now=now)
                if roll < 0.25:
                    rating.change(score=rng.randint(1, 5), comment=None, actor="guest", now=now)
            standing += rating.score is not None
            ratings.append(rating)
            if len(ratings) >= 2000:
                written += sum(len(r.pending_events) for r in ratings)
                app.save(*ratings)
                ratings = []
    written += sum(len(r.pending_events) for r in ratings)
    if ratings:
        app.save(*ratings)
    return written, standing


def check(container: Any, generator: Generator, standing: int) -> None:
    """The rebuilt rows agree with the aggregates the generator decided on."""
    with container.read_engine.connect() as conn:
        rows = {r.event_id: r for r in conn.execute(select(
            analytics_events.c.event_id, analytics_events.c.capacity,
            analytics_events.c.confirmed))}
        rated = conn.execute(select(func.sum(analytics_events.c.rating_count))).scalar_one()
    wrong = [e.id for e in generator.events
             if (rows[e.id].capacity, rows[e.id].confirmed) != (e.capacity, e.confirmed_count)]
    assert not wrong, f"{len(wrong)} events disagree with their aggregate, e.g. {wrong[0]}"
    assert rated == standing, (rated, standing)
    print(f"checked: capacity and confirmed of all {len(rows):,} events equal their aggregates'; "
          f"{standing:,} ratings standing", flush=True)


def live_cost(db: harness.Database, generator: Generator, commits: int) -> list[float]:
    """Milliseconds of the analytics catch-up after each of `commits` single registrations."""
    container = bootstrap(db.settings, migrate=False)
    app, rng = container.write_model, random.Random(5)
    runner = ProjectionRunner(app, container.read_engine, [Analytics()])
    runner.catch_up()
    spent = []
    try:
        for i in range(commits):
            event = generator.events[rng.randrange(len(generator.events))]
            app.register(event.id, name=f"Late {i}", email=f"late{i}@bench.example",
                         actor="guest")
            start = time.perf_counter()
            runner.catch_up()
            spent.append((time.perf_counter() - start) * 1000)
    finally:
        app.close()
        container.read_engine.dispose()
    return spent


def data_arguments(description: str | None) -> argparse.ArgumentParser:
    """The options of the analytics data set, shared by this bench and bench/analytics.py."""
    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--domain-events", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--rating-share", type=float, default=0.3)
    return parser


def seed(container: Any, args: argparse.Namespace) -> tuple[Generator, int, int]:
    """The data set in the container's store: bench/seed.py's Generator, then ratings; prints
    what it wrote. Returns the generator, the ratings standing and the store's last position."""
    generator = Generator(container.write_model, events=args.events, members=args.members)
    seconds = generator.run(args.domain_events)
    rating_events, standing = add_ratings(generator, args.rating_share)
    total = container.write_model.recorder.max_notification_id() or 0
    print(f"generated {generator.written:,} domain events in {seconds:.0f} s, then "
          f"{rating_events:,} rating events; store positions up to {total:,}", flush=True)
    return generator, standing, total


def main() -> None:
    parser = data_arguments(__doc__)
    parser.add_argument("--live-commits", type=int, default=300)
    args = parser.parse_args()
    print(f"## analytics rebuild on {args.db}: ~{args.domain_events:,} domain events over "
          f"{args.events:,} events and {args.members:,} people, plus ratings\n"
          f"machine: {harness.machine()}", flush=True)
    with harness.database(args.db, "analytics") as db:
        container = bootstrap(db.settings, migrate=True)
        generator, standing, total = seed(container, args)
        container.write_model.close()
        container.read_engine.dispose()

        rows = []
        elapsed, rss, out, _ = run(db, [PYTHON, "-c", ANALYTICS_ALONE])
        position, inside, cpu, reading = out.split()
        assert int(position) == total, (position, total)
        rows.append(("reading the log alone (runner, analytics' classes decoded)", total,
                     float(reading), total / float(reading), "-"))
        rows.append(("analytics alone (in-process rebuild)", total, float(inside),
                     total / float(inside), rss))
        rows.append(("analytics alone (in-process rebuild, CPU seconds)", total, float(cpu),
                     total / float(cpu), rss))
        started = elapsed - float(reading)  # the process without its extra reading pass
        rows.append(("analytics alone (whole process, start included)", total, started,
                     total / started, rss))
        container = bootstrap(db.settings, migrate=False)
        check(container, generator, standing)
        container.write_model.close()
        container.read_engine.dispose()
        cli, cli_rss, _, log_lines = run(db, [EVENTCONNECT, "rebuild", "analytics",
                                              "--no-progress"])
        # projections/blue_green.py logs how long the switch held the live tables
        switched = [line for line in log_lines.splitlines() if "switched analytics" in line]
        rows.append(("`eventconnect rebuild analytics` (whole process)", total, cli,
                     total / cli, cli_rss))
        table(f"analytics rebuild on {args.db}", ["how", "domain events", "seconds",
                                                  "events/s", "peak RSS MB"], rows)
        rate = total / float(inside)
        need = 20_000 if args.db == "sqlite" else 10_000
        for line in switched:
            print(f"blue/green switch of the CLI's rebuild: {line.strip()}", flush=True)
        print(f"\nanalytics rebuild: {rate:,.0f} events/s (target >= {need:,}: "
              f"{'met' if rate >= need else 'MISSED'})", flush=True)
        spent = live_cost(db, generator, args.live_commits)
        print(f"live: analytics catch-up after one registration, {len(spent)} commits on the "
              f"full tables: p50 {percentile(spent, 50):.2f} ms, p95 {percentile(spent, 95):.2f} "
              f"ms, max {max(spent):.2f} ms", flush=True)


if __name__ == "__main__":
    main()
