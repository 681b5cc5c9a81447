"""Dashboard GETs (issue 11: p95 <= 20 ms for one event, <= 50 ms for the overview, with 20,000
events and 1,000,000 domain events behind them, on SQLite and PostgreSQL).

    .venv/bin/python -m bench.analytics --db sqlite [--domain-events 1000000 --requests 300]

The data set is bench/seed.py's `Generator` (registrations, waitlists, cancellations with
promotions, check-ins, a few hot events) plus bench/analytics_rebuild.py's ratings; the analytics
read model is then rebuilt in this process (the other read models are not needed). The app is
served by `eventconnect serve --no-projections` (uvicorn, as the README runs it, minus the
projection, scheduler and notifier workers) and asked over loopback HTTP, one request at a time,
with an admin's bearer token (bench/loadclient.py), so each figure is a whole request: token
check, queries, JSON or CSV rendering. `GET /api/me` (token check only) is timed beside them as
the floor every authenticated GET pays.
"""

from __future__ import annotations

import contextlib
import json
import random
import secrets
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from bench import harness, loadclient
from bench.analytics_rebuild import data_arguments, seed
from bench.harness import EVENTCONNECT, HOST, Server, percentile, status_counts, table
from bench.seed import CATEGORIES
from eventconnect.bootstrap import bootstrap
from projections import rebuilding
from projections.analytics import Analytics
from projections.runner import ProjectionRunner
from projections.tables import analytics_events
from query_api import analytics_frame

TARGETS = {"event": 20.0, "overview": 50.0}


def admin_password(container: Any) -> tuple[str, str]:
    """An admin account written through the write model: (email, password)."""
    email, password = "bench-admin@bench.example", secrets.token_urlsafe(16)
    container.accounts.sign_up(email=email, password=password, name="Bench Admin",
                               role="admin", actor="bench")
    return email, password


def bearer(srv: Server, email: str, password: str) -> dict[str, str]:
    form = urllib.parse.urlencode({"username": email, "password": password}).encode()
    request = urllib.request.Request(f"http://{HOST}:{srv.port}/api/auth/token", data=form)
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
        return {"Authorization": f"Bearer {json.loads(answer.read())['access_token']}"}


def api_server(db: harness.Database) -> contextlib.AbstractContextManager[Server]:
    """`eventconnect serve` without projections, scheduler or notifier: the read model is built
    already, and nothing else competes with the requests for the two cores."""
    port = harness.free_port()
    return harness.server([EVENTCONNECT, "serve", "--no-demo", "--no-projections",
                           "--no-scheduler", "--no-notifier", "--host", HOST, "--port",
                           str(port)], db.env, port, "/api/health", "analytics-api")


def timed(srv: Server, headers: dict[str, str], paths: list[str]) -> loadclient.Run:
    """One request at a time over one keep-alive connection, after a warm-up of a tenth."""
    requests = [loadclient.build("GET", p, headers=headers) for p in paths]
    loadclient.closed_loop(HOST, srv.port, requests[: max(10, len(requests) // 10)], 1)
    return loadclient.closed_loop(HOST, srv.port, requests, 1)


Case = tuple[str, str, Callable[[random.Random], str]]


def cases(event_ids: list[str], years: list[int], organizers: list[str]) -> list[Case]:
    """(name, target kind, path maker) of every timed case."""
    def year_filter(rng: random.Random) -> str:
        year = rng.choice(years)
        return (f"/api/analytics/overview?category={rng.choice(CATEGORIES)}"
                f"&from={year}-01-01&to={year}-12-31")
    return [
        ("GET /api/me (the floor: token check only)", "event", lambda rng: "/api/me"),
        ("GET /api/analytics/events/{id} (random ids)", "event",
         lambda rng: f"/api/analytics/events/{rng.choice(event_ids)}"),
        ("GET /api/analytics/events/{id}?format=csv", "event",
         lambda rng: f"/api/analytics/events/{rng.choice(event_ids)}?format=csv"),
        ("GET /api/analytics/overview (unfiltered)", "overview",
         lambda rng: "/api/analytics/overview"),
        ("GET /api/analytics/overview?category=&from=&to= (one year)", "overview", year_filter),
        ("GET /api/analytics/overview?organizer_id= (one organizer)", "overview",
         lambda rng: f"/api/analytics/overview?organizer_id={rng.choice(organizers)}"),
        ("GET /api/analytics/overview?format=csv&table=top_events", "overview",
         lambda rng: "/api/analytics/overview?format=csv&table=top_events"),
    ]


def main() -> None:
    parser = data_arguments(__doc__)
    parser.add_argument("--requests", type=int, default=300, help="per case")
    args = parser.parse_args()
    print(f"## analytics GETs on {args.db}: ~{args.domain_events:,} domain events over "
          f"{args.events:,} events and {args.members:,} people, plus ratings\n"
          f"machine: {harness.machine()}", flush=True)
    with harness.database(args.db, "analytics_api") as db:
        container = bootstrap(db.settings, migrate=True)
        _, _, total = seed(container, args)
        start = time.monotonic()
        # In place, in one transaction: nobody reads yet, so no copy beside the live tables
        # (projections/blue_green.py) is needed; then the planner's statistics, as a rebuild does.
        runner = ProjectionRunner(container.write_model, container.read_engine, [Analytics()])
        rebuilding.rebuild(runner, ("analytics",))
        rebuilding.analyze(container.read_engine, [Analytics()])
        print(f"analytics read model rebuilt in {time.monotonic() - start:.0f} s", flush=True)
        with container.read_engine.connect() as conn:
            rows = conn.execute(select(analytics_events.c.event_id, analytics_events.c.starts_at,
                                       analytics_events.c.organizer_id)).all()
        event_ids = [str(r.event_id) for r in rows]
        years = sorted({r.starts_at.year for r in rows})
        organizers = sorted({r.organizer_id for r in rows})
        assert len(event_ids) >= args.events, f"the read model holds {len(event_ids)} events"
        # What `serve` does in a thread at start: the overview's in-memory copy, loaded whole.
        start = time.monotonic()
        analytics_frame.warm(container.read_engine)
        print(f"the overview's in-memory copy (query_api/analytics_frame.py) loaded in "
              f"{time.monotonic() - start:.2f} s", flush=True)
        email, password = admin_password(container)
        container.write_model.close()
        container.read_engine.dispose()
        results = []
        rng = random.Random(3)
        with api_server(db) as srv:
            headers = bearer(srv, email, password)
            for name, kind, path in cases(event_ids, years, organizers):
                run = timed(srv, headers, [path(rng) for _ in range(args.requests)])
                results.append((name, kind, [r.latency_ms for r in run.records],
                                [r.status for r in run.records]))
    table(f"analytics GETs on {args.db}: {len(event_ids):,} events, {total:,} domain events",
          ["request", "n", "median ms", "p95 ms", "max ms", "statuses"],
          [(name, len(spent), percentile(spent, 50), percentile(spent, 95), max(spent),
            status_counts(statuses)) for name, _, spent, statuses in results])
    print()
    for name, kind, spent, statuses in results:
        p95, need = percentile(spent, 95), TARGETS[kind]
        ok = p95 <= need and set(statuses) == {200}
        print(f"{name}: p95 {p95:.1f} ms (target <= {need:.0f} ms: {'met' if ok else 'MISSED'})")


if __name__ == "__main__":
    main()
