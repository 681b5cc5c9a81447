"""A lean asyncio HTTP/1.1 load client (uvloop, raw keep-alive sockets, pre-built requests).

Why not wrk: the scenarios need an exact number of attempts with a distinct email each, the body of
every answer (status, position, waitlist place) to verify ordering afterwards, and an open-loop
fixed rate for the lag scenario. A Python client could starve a Python server on two cores, so this
one does the least work per request: requests are bytes built before the clock starts, answers are
parsed only for the status line and Content-Length, and its own CPU time is measured and printed
beside every run (a few per cent of one core at these rates; `bench.registrations --wrk-check`
compares it with wrk on the framework ceiling).
"""

from __future__ import annotations

import asyncio
import json
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import uvloop


@dataclass
class Record:
    sent: float  # time.monotonic() when the request was written
    done: float  # when the whole answer was read
    status: int
    body: bytes
    index: int

    @property
    def latency_ms(self) -> float:
        return (self.done - self.sent) * 1000

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Run:
    records: list[Record]
    elapsed: float
    client_cpu: float  # seconds of CPU this client used (user + system)
    errors: list[str] = field(default_factory=list)  # connection failures, not HTTP statuses

    @property
    def throughput(self) -> float:
        return len(self.records) / self.elapsed if self.elapsed else 0.0


def build(method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
          host: str = "127.0.0.1") -> bytes:
    """One HTTP/1.1 keep-alive request as bytes (JSON body if given)."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    payload = b""
    if body is not None:
        payload = json.dumps(body, separators=(",", ":")).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
        return cls(reader, writer)

    async def send(self, raw: bytes, index: int = 0) -> Record:
        sent = time.monotonic()
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
                break
        body = await self.reader.readexactly(length) if length else b""
        return Record(sent, time.monotonic(), status, body, index)

    def close(self) -> None:
        self.writer.close()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _closed(host: str, port: int, requests: Sequence[bytes], concurrency: int) -> Run:
    connections = [await Connection.open(host, port) for _ in range(concurrency)]
    records: list[Record] = []
    errors: list[str] = []
    next_index = iter(range(len(requests)))

    async def worker(conn: Connection) -> None:
        for i in next_index:
            try:
                records.append(await conn.send(requests[i], i))
            except (OSError, asyncio.IncompleteReadError) as error:
                errors.append(f"request {i}: {type(error).__name__}: {error}")
                conn.close()
                conn = await Connection.open(host, port)

    cpu, start = _cpu(), time.monotonic()
    await asyncio.gather(*(worker(c) for c in connections))
    elapsed, cpu = time.monotonic() - start, _cpu() - cpu
    for conn in connections:
        conn.close()
    return Run(sorted(records, key=lambda r: r.index), elapsed, cpu, errors)


def closed_loop(host: str, port: int, requests: Sequence[bytes], concurrency: int) -> Run:
    """Sends every request exactly once over `concurrency` keep-alive connections, each sending
    its next request as soon as its previous answer arrived (the classic load-test loop)."""
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(_closed(host, port, requests, concurrency))


async def _open(host: str, port: int, requests: Sequence[bytes], rate: float, pool: int,
                follow: Callable[[Record], bytes | None] | None) -> tuple[Run, list[Record]]:
    idle: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(pool):
        idle.put_nowait(await Connection.open(host, port))
    records: list[Record] = []
    followups: list[Record] = []
    errors: list[str] = []

    async def one(i: int) -> None:
        conn = await idle.get()
        try:
            record = await conn.send(requests[i], i)
            records.append(record)
            extra = follow(record) if follow else None
            if extra is not None:
                followups.append(await conn.send(extra, i))
        except (OSError, asyncio.IncompleteReadError) as error:
            errors.append(f"request {i}: {type(error).__name__}: {error}")
            conn.close()
            conn = await Connection.open(host, port)
        idle.put_nowait(conn)

    cpu, start = _cpu(), time.monotonic()
    tasks = []
    for i in range(len(requests)):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i)))
    await asyncio.gather(*tasks)
    elapsed, cpu = time.monotonic() - start, _cpu() - cpu
    while not idle.empty():
        idle.get_nowait().close()
    return Run(sorted(records, key=lambda r: r.index), elapsed, cpu, errors), followups


def open_loop(host: str, port: int, requests: Sequence[bytes], rate: float, pool: int = 32,
              follow: Callable[[Record], bytes | None] | None = None) -> tuple[Run, list[Record]]:
    """Starts request i at i/rate seconds whatever the answers do (a fixed arrival rate); when
    `follow` returns a request for an answer, sends it next on the same connection."""
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(_open(host, port, requests, rate, pool, follow))
