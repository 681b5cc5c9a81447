"""Live seat counts under a registration rush: 1,000 WebSocket subscribers of one event.

    .venv/bin/python -m bench.live --db sqlite       # 1,000 subscribers, 3,000 attempts, 3 pairs
    .venv/bin/python -m bench.live --db postgres --compression none --repeat 1

`eventconnect serve` as the README runs it (projector child, notifier, mail, live hub). The rush
is run in pairs, each run on a fresh database and server: once with nobody subscribed, once with
`--subscribers` WebSocket clients (a child process of this one, so their CPU is not the load
client's) subscribed to its event. Figures: each subscriber's delay from a registration's
answer (the commit is just before it) to the first seat message at or past its position —
p50/p99/max over every (registration, subscriber) pair, and p99 from the request's sending (an
upper bound) — and the rush's median throughput with and without the subscribers (target: p99
<= 1 s, drop <= 20 %).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import harness, loadclient
from bench.harness import HOST, percentile, table
from bench.registrations import WARMUP, plan
from bench.seed import create_events
from eventconnect.bootstrap import bootstrap

SETTLE_SECONDS = 3.0  # after the rush, subscribers keep listening this long for the last update


# --- the subscribers' process -----------------------------------------------------------------

async def _subscribers(port: int, event_id: str, count: int, out: Path, deflate: bool) -> None:
    """Opens `count` connections, subscribes each, says "ready" on stdout, records every seats
    message (arrival time, position) until a line arrives on stdin, then writes them to `out`."""
    from websockets.asyncio.client import connect

    url = f"ws://{HOST}:{port}/api/live"
    received: list[list[tuple[float, int]]] = [[] for _ in range(count)]
    first = [asyncio.get_running_loop().create_future() for _ in range(count)]
    sockets = []

    async def listen(i: int, ws: Any) -> None:
        async for text in ws:
            message = json.loads(text)
            if message.get("type") == "seats":
                received[i].append((time.monotonic(), message["position"]))
                if not first[i].done():
                    first[i].set_result(None)

    tasks = []

    async def open_one(i: int) -> None:
        ws = await connect(url, open_timeout=60, max_queue=None,
                           compression="deflate" if deflate else None)
        sockets.append(ws)
        await ws.send(json.dumps({"subscribe": f"event:{event_id}"}))
        tasks.append(asyncio.create_task(listen(i, ws)))

    for start in range(0, count, 50):  # 50 handshakes at a time: a thousand at once time out
        await asyncio.gather(*(open_one(i) for i in range(start, min(count, start + 50))))
    await asyncio.wait_for(asyncio.gather(*first), 60)
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for ws in sockets:
        await ws.close()
    for task in tasks:
        task.cancel()
    out.write_text(json.dumps(received))


def subscribers_main(args: argparse.Namespace) -> None:
    import uvloop

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(_subscribers(args.port, args.event, args.count, Path(args.out),
                                args.compression == "deflate"))


# --- the scenario -----------------------------------------------------------------------------

def _cpu_seconds(pid: int) -> float:
    fields = harness._stat(pid)  # utime and stime, in clock ticks
    return (int(fields[11]) + int(fields[12])) / harness.CLOCK_TICKS if fields else 0.0


def delays(records: list[loadclient.Record], received: list[list[tuple[float, int]]]
           ) -> tuple[list[float], list[float], int]:
    """(delays from the answer, delays from the sending, pairs never delivered), in ms."""
    commands = [(r.json()["position"], r.sent, r.done) for r in records if r.status == 201]
    from_answer: list[float] = []
    from_sent: list[float] = []
    missing = 0
    for messages in received:
        positions = [p for _, p in messages]
        # positions only grow per connection (a newer state is never followed by an older one)
        for position, sent, done in commands:
            k = bisect.bisect_left(positions, position)
            if k == len(positions):
                missing += 1
                continue
            arrived = messages[k][0]
            from_answer.append(max(0.0, arrived - done) * 1000)
            from_sent.append((arrived - sent) * 1000)
    return from_answer, from_sent, missing


@dataclass
class Rush:
    run: loadclient.Run
    server_cpu: float  # % of one core, the server's process tree
    received: list[list[tuple[float, int]]]  # per subscriber: (arrival, position)
    subscribers_cpu: float = 0.0
    connected_in: float = 0.0


def rush(kind: str, subscribers: int, attempts: int, concurrency: int, capacity: int,
         compression: str = "deflate") -> Rush:
    """One rush on a fresh database and server (so neither run inherits the other's backlog of
    notifications and emails), with `subscribers` WebSocket clients watching its event."""
    with harness.database(kind, "live") as db:
        container = bootstrap(db.settings, migrate=True)
        warm = create_events(container.write_model, 1, capacity=1_000_000, seed=99)[0]
        [event] = create_events(container.write_model, 1, capacity=capacity)
        container.write_model.close()
        container.read_engine.dispose()
        with harness.eventconnect_server(db) as srv:
            warm_requests, _ = plan("rush", [warm], WARMUP, tag="warm")
            loadclient.closed_loop(HOST, srv.port, warm_requests, concurrency)
            requests, _ = plan("rush", [event], attempts)
            if not subscribers:
                cpu = srv.cpu_seconds()
                run = loadclient.closed_loop(HOST, srv.port, requests, concurrency)
                return Rush(run, (srv.cpu_seconds() - cpu) / run.elapsed * 100, [])
            out = Path(harness.tempfile.mkdtemp(prefix="ecbench-live-")) / "received.json"
            child = subprocess.Popen(
                [harness.PYTHON, "-m", "bench.live", "subscribers", "--port", str(srv.port),
                 "--event", str(event), "--count", str(subscribers), "--out", str(out),
                 "--compression", compression],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=harness.ROOT,
                env=harness.clean_env())
            assert child.stdout is not None and child.stdin is not None
            started = time.monotonic()
            if child.stdout.readline().strip() != "ready":
                raise RuntimeError("the subscribers did not start")
            connected_in = time.monotonic() - started
            cpu, their_cpu = srv.cpu_seconds(), _cpu_seconds(child.pid)
            run = loadclient.closed_loop(HOST, srv.port, requests, concurrency)
            server_cpu = (srv.cpu_seconds() - cpu) / run.elapsed * 100
            subscribers_cpu = (_cpu_seconds(child.pid) - their_cpu) / run.elapsed * 100
            time.sleep(SETTLE_SECONDS)
            child.stdin.write("stop\n")
            child.stdin.flush()
            child.wait(120)
            return Rush(run, server_cpu, json.loads(out.read_text()), subscribers_cpu,
                        connected_in)


def run(kind: str, subscribers: int, attempts: int, concurrency: int, capacity: int,
        compression: str, repeat: int) -> None:
    """`repeat` pairs, alone then watched, each on fresh servers: on a shared machine one pair's
    throughputs differ by tens of per cent from noise alone, so the medians are compared."""
    rows = []
    alone_rps: list[float] = []
    crowd_rps: list[float] = []
    from_answer: list[float] = []
    missing = 0
    for n in range(1, repeat + 1):
        alone = rush(kind, 0, attempts, concurrency, capacity)
        crowd = rush(kind, subscribers, attempts, concurrency, capacity, compression)
        answer, sent, lost = delays(crowd.run.records, crowd.received)
        from_answer += answer
        missing += lost
        alone_rps.append(alone.run.throughput)
        crowd_rps.append(crowd.run.throughput)
        updates = sum(len(m) for m in crowd.received) / max(1, len(crowd.received))
        rows += [(f"{n}: rush alone", alone.run.throughput,
                  percentile([r.latency_ms for r in alone.run.records], 99),
                  f"{alone.server_cpu:.0f}%", "-", "-", "-", "-", "-", "-", "-"),
                 (f"{n}: rush + subscribers", crowd.run.throughput,
                  percentile([r.latency_ms for r in crowd.run.records], 99),
                  f"{crowd.server_cpu:.0f}%", f"{crowd.subscribers_cpu:.0f}%", updates,
                  percentile(answer, 50), percentile(answer, 99), max(answer, default=0),
                  percentile(sent, 99), lost)]
    table(f"live on {kind}: {subscribers:,} subscribers (offering {compression}), rush of "
          f"{attempts:,} attempts ({concurrency} concurrent) on {capacity} seats",
          ["run", "req/s", "p99 request ms", "server CPU", "subscribers' CPU",
           "seat messages per subscriber", "delay p50 ms", "delay p99 ms", "delay max ms",
           "p99 from sending ms", "undelivered"], rows)
    p99 = percentile(from_answer, 99)
    drop = 1 - statistics.median(crowd_rps) / statistics.median(alone_rps)
    print("\nCPU in % of one core (server: its process tree). Delay: from a registration's "
          "answer to each subscriber's first seat message at or past its position.")
    print(f"over all runs: seat-update delay p99 {p99:.0f} ms (target <= 1000 ms: "
          f"{'met' if p99 <= 1000 else 'MISSED'}); median throughput "
          f"{statistics.median(alone_rps):.0f} -> {statistics.median(crowd_rps):.0f} req/s, "
          f"drop {drop:.0%} (target <= 20 %: {'met' if drop <= 0.20 else 'MISSED'}); "
          f"undelivered pairs {missing}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command")
    sub = commands.add_parser("subscribers", help=argparse.SUPPRESS)
    sub.add_argument("--port", type=int, required=True)
    sub.add_argument("--event", required=True)
    sub.add_argument("--count", type=int, required=True)
    sub.add_argument("--out", required=True)
    sub.add_argument("--compression", choices=["deflate", "none"], default="deflate")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--capacity", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs (medians compared)")
    parser.add_argument("--compression", choices=["deflate", "none"], default="deflate",
                        help="what the subscribers offer: browsers offer permessage-deflate, "
                             "and then the server compresses every message for every client")
    args = parser.parse_args()
    if args.command == "subscribers":
        subscribers_main(args)
        return
    print(f"machine: {harness.machine()}", flush=True)
    run(args.db, args.subscribers, args.attempts, args.concurrency, args.capacity,
        args.compression, args.repeat)


if __name__ == "__main__":
    main()
