"""Scenarios 1-4: registration load on `eventconnect serve`, the CRUD baseline and the framework
ceiling, side by side in one run, on one database kind.

    .venv/bin/python -m bench.registrations rush   --db sqlite     # 500 seats, 5,000 attempts
    .venv/bin/python -m bench.registrations steady --db postgres   # 1,000 events, 5,000 attempts

Every server is one uvicorn process started like `eventconnect serve`; each gets the same
requests (same event ids, distinct emails) from the same client at the same concurrency, after a
warm-up of its own on a separate event. EventConnect's outcome is then verified from the event
store and the read models; the baseline's overbooking is counted from its table.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from uuid import UUID

from bench import harness, loadclient
from bench.baseline import app as baseline
from bench.harness import HOST, Server, percentile, status_counts, table
from bench.seed import create_events
from bench.verify import verify
from eventconnect.bootstrap import bootstrap

WARMUP = 400


def plan(scenario: str, event_ids: list[UUID], attempts: int, prefix: str = "/api",
         tag: str = "p") -> tuple[list[bytes], list[UUID]]:
    """The requests (bytes) and the event each one targets: one hot event, or spread evenly."""
    rng = random.Random(42)
    targets = [event_ids[0] if scenario == "rush" else rng.choice(event_ids)
               for _ in range(attempts)]
    requests = [loadclient.build("POST", f"{prefix}/events/{t}/registrations",
                                 {"name": f"Person {i}", "email": f"{tag}{i}@bench.example"})
                for i, t in enumerate(targets)]
    return requests, targets


def machine_busy() -> tuple[int, int]:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4], sum(fields)  # busy (not idle/iowait), total


def measure(srv: Server, requests: list[bytes], concurrency: int) -> dict:
    cpu, (busy, total) = srv.cpu_seconds(), machine_busy()
    run = loadclient.closed_loop(HOST, srv.port, requests, concurrency)
    busy2, total2 = machine_busy()
    latencies = [r.latency_ms for r in run.records]
    statuses = [r.status for r in run.records]
    return {
        "run": run, "rps": run.throughput, "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99), "statuses": status_counts(statuses),
        "5xx": sum(1 for s in statuses if s >= 500) + len(run.errors),
        "server_cpu": (srv.cpu_seconds() - cpu) / run.elapsed * 100,
        "client_cpu": run.client_cpu / run.elapsed * 100,
        "machine": (busy2 - busy) / max(1, total2 - total) * 100,
        "rss": srv.rss_mb(),
    }


def warm_up(srv: Server, event_id: UUID, concurrency: int, prefix: str = "/api") -> None:
    requests, _ = plan("rush", [event_id], WARMUP, prefix, tag="warm")
    loadclient.closed_loop(HOST, srv.port, requests, concurrency)


def run_ours(kind: str, scenario: str, n_events: int, capacity: int, attempts: int,
             concurrency: int) -> tuple[dict, str]:
    with harness.database(kind, "ours") as db:
        container = bootstrap(db.settings, migrate=True)
        warm = create_events(container.write_model, 1, capacity=1_000_000, seed=99)[0]
        ids = create_events(container.write_model, n_events, capacity=capacity)
        container.write_model.close()
        container.read_engine.dispose()
        requests, targets = plan(scenario, ids, attempts)
        with harness.eventconnect_server(db) as srv:
            warm_up(srv, warm, concurrency)
            result = measure(srv, requests, concurrency)
            last = max((r.json()["position"] for r in result["run"].records if r.status == 201),
                       default=0)
            # Read-your-writes: answers once the read models have every registration.
            srv.get(f"/api/events/{ids[0]}", headers={"X-Consistent-With": str(last)})
        verdict = verify(db, dict.fromkeys(ids, capacity), result["run"].records, targets)
        result["overbooked"] = verdict.overbooked
        return result, verdict.summary() + "".join(f"\n  - {p}" for p in verdict.problems)


def run_baseline(kind: str, scenario: str, n_events: int, capacity: int, attempts: int,
                 concurrency: int) -> tuple[dict, str]:
    with harness.database(kind, "baseline") as db:
        url = db.sqlalchemy_url("baseline.sqlite")
        rng = random.Random(5)
        warm, ids = UUID(int=rng.getrandbits(128)), [UUID(int=rng.getrandbits(128))
                                                     for _ in range(n_events)]
        baseline.seed(url, [(warm, 1_000_000)] + [(i, capacity) for i in ids])
        requests, _ = plan(scenario, ids, attempts)
        with harness.python_server("bench.baseline", ["--url", url], db.env, "baseline",
                                   "/api/health") as srv:
            warm_up(srv, warm, concurrency)
            result = measure(srv, requests, concurrency)
        counts = baseline.counts(url)
        confirmed = sum(counts.get(i, {}).get("confirmed", 0) for i in ids)
        waitlisted = sum(counts.get(i, {}).get("waitlisted", 0) for i in ids)
        result["overbooked"] = sum(max(0, counts.get(i, {}).get("confirmed", 0) - capacity)
                                   for i in ids)
        return result, f"{confirmed:,} confirmed / {waitlisted:,} waitlisted in its table"


def run_ceiling(attempts: int, concurrency: int) -> tuple[dict, dict]:
    requests, _ = plan("rush", [UUID(int=1)], attempts)
    async_requests, _ = plan("rush", [UUID(int=1)], attempts, prefix="/async")
    with harness.python_server("bench.ceiling", [], harness.clean_env(), "ceiling",
                               "/api/health") as srv:
        warm_up(srv, UUID(int=2), concurrency)
        sync = measure(srv, requests, concurrency)
        warm_up(srv, UUID(int=2), concurrency, prefix="/async")
        async_ = measure(srv, async_requests, concurrency)
    sync["overbooked"] = async_["overbooked"] = "-"
    return sync, async_


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=["rush", "steady"])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--attempts", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--events", type=int, help="default: 1 (rush), 1,000 (steady)")
    parser.add_argument("--capacity", type=int, help="default: 500 (rush), 5 (steady)")
    args = parser.parse_args()
    rush = args.scenario == "rush"
    n_events = args.events or (1 if rush else 1000)
    capacity = args.capacity or (500 if rush else 5)
    print(f"## {args.scenario} on {args.db}: {args.attempts:,} attempts, {args.concurrency} "
          f"concurrent, {n_events:,} event(s) of {capacity} seats with a waitlist\n"
          f"machine: {harness.machine()}", flush=True)
    shape = (args.scenario, n_events, capacity, args.attempts, args.concurrency)
    ours, verdict = run_ours(args.db, *shape)
    base, base_note = run_baseline(args.db, *shape)
    ceiling, ceiling_async = run_ceiling(args.attempts, args.concurrency)
    rows = [(name, r["rps"], r["p50"], r["p99"], r["statuses"], r["overbooked"],
             f"{r['server_cpu']:.0f}%", f"{r['client_cpu']:.0f}%", f"{r['machine']:.0f}%",
             f"{r['rss']:.0f}")
            for name, r in [("EventConnect", ours), ("CRUD baseline", base),
                            ("ceiling (sync def)", ceiling), ("ceiling (async def)", ceiling_async)]]
    table(f"{args.scenario} on {args.db}", ["server", "req/s", "p50 ms", "p99 ms", "statuses",
          "overbooked", "server CPU", "client CPU", "machine busy", "RSS MB"], rows)
    ratio = ours["rps"] / base["rps"]
    need = 3.0 if args.db == "sqlite" else 2.0
    print(f"\nEventConnect verified: {verdict}")
    print(f"baseline: {base_note}; overbooked {base['overbooked']:,} seats")
    print(f"throughput ours/baseline: {ratio:.2f}x (target >= {need:.0f}x: "
          f"{'met' if ratio >= need else 'MISSED'}); p99 ours/baseline: "
          f"{ours['p99'] / base['p99']:.2f}")
    print(f"ours as a fraction of the framework ceiling: {ours['rps'] / ceiling['rps']:.0%} "
          f"(sync def), {ours['rps'] / ceiling_async['rps']:.0%} (async def)")
    if args.db == "sqlite":
        print(f"p99 {ours['p99']:.1f} ms (target <= 50 ms: "
              f"{'met' if ours['p99'] <= 50 else 'MISSED'})")
    print(f"5xx or dropped connections: ours {ours['5xx']}, baseline {base['5xx']}; "
          f"overbooking: ours {ours['overbooked']}, baseline {base['overbooked']}", flush=True)


if __name__ == "__main__":
    main()
