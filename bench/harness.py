"""What every scenario shares: a fresh database of either kind, server processes started the way
the README starts them, their memory and CPU, and the figures (percentiles, tables)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from eventconnect.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EVENTCONNECT = str(Path(PYTHON).with_name("eventconnect"))
ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
HOST = "127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- databases ------------------------------------------------------------------------------

@dataclass
class Database:
    """One fresh SQLite directory or PostgreSQL database, for one app."""

    kind: str  # "sqlite" | "postgres"
    name: str
    data_dir: Path
    url: str | None  # PostgreSQL URL; None for SQLite

    @property
    def env(self) -> dict[str, str]:
        """Environment for `eventconnect` processes using this database."""
        env = clean_env()
        env["EVENTCONNECT_DATA_DIR"] = str(self.data_dir)
        if self.url:
            env["DATABASE_URL"] = self.url
        return env

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir, database_url=self.url,
                        guest_registration_limit="off")

    def sqlalchemy_url(self, sqlite_file: str) -> str:
        """URL for an app that is not EventConnect (the baseline): its own file or database."""
        if self.url:
            return "postgresql+psycopg://" + self.url.removeprefix("postgresql://")
        return f"sqlite:///{self.data_dir / sqlite_file}"


def clean_env() -> dict[str, str]:
    """This process's environment without database settings of its own, importing this tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "EVENTCONNECT_DATA_DIR")}
    env["PYTHONPATH"] = str(ROOT)
    # A rush comes from one address here: the per-address guest limit would refuse it.
    env.setdefault("EVENTCONNECT_GUEST_REGISTRATION_LIMIT", "off")
    return env


@contextlib.contextmanager
def database(kind: str, name: str) -> Iterator[Database]:
    """A fresh database, dropped (or deleted) afterwards."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"ecbench-{name}-"))
    url = None
    db_name = f"bench_{name}_{os.getpid()}"
    if kind == "postgres":
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{db_name}"')
        url = ADMIN_URL.rsplit("/", 1)[0] + "/" + db_name
    elif kind != "sqlite":
        raise ValueError(f"unknown database kind {kind!r}")
    try:
        yield Database(kind, name, data_dir, url)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if url:
            with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


# --- server processes -----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    # Counted over the server's process tree: `eventconnect serve` projects in a child process
    # (and multiprocessing adds a small resource tracker), which belong to the server's cost.
    def rss_mb(self) -> float:
        return sum(_status_kb(pid, "VmRSS") for pid in _tree(self.process.pid)) / 1024

    def peak_rss_mb(self) -> float:
        """Sum of each process's peak: an upper bound of the tree's peak."""
        return sum(_status_kb(pid, "VmHWM") for pid in _tree(self.process.pid)) / 1024

    def cpu_seconds(self) -> float:
        total = 0
        for pid in _tree(self.process.pid):
            fields = _stat(pid)
            if fields:  # utime, stime, and those of its children that have exited
                total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        return total / CLOCK_TICKS

    def get(self, path: str, headers: dict[str, str] | None = None, timeout: float = 10) -> Any:
        import json

        request = urllib.request.Request(f"http://{HOST}:{self.port}{path}", headers=headers or {})
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - loopback
            return json.loads(answer.read())


def _status_kb(pid: int, key: str) -> int:
    try:
        return _kb(f"/proc/{pid}/status", key)
    except OSError:  # exited meanwhile
        return 0


def _stat(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name (field 4 onwards)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _tree(root: int) -> list[int]:
    """The process and all its live descendants."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


@contextlib.contextmanager
def server(command: Sequence[str], env: dict[str, str], port: int, ready_path: str,
           name: str, timeout: float = 600) -> Iterator[Server]:
    """Starts a server process, waits until `ready_path` answers 2xx, stops it (SIGTERM)."""
    log = Path(tempfile.gettempdir()) / f"ecbench-{name}-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   cwd=ROOT)
    srv = Server(process, port, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
            try:
                srv.get(ready_path, timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} not ready in {timeout}s; see {log}") from None
                time.sleep(0.2)
        yield srv
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def eventconnect_server(db: Database,
                        name: str = "eventconnect") -> contextlib.AbstractContextManager[Server]:
    """`eventconnect serve` exactly as the README runs it (one process: API, UI, projections)."""
    port = free_port()
    if db.url:  # README: on PostgreSQL the schema is created once by `eventconnect migrate`
        subprocess.run([EVENTCONNECT, "migrate"], env=db.env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    return server([EVENTCONNECT, "serve", "--no-demo", "--host", HOST, "--port", str(port)],
                  db.env, port, "/api/events?page_size=1", name)


def python_server(module: str, args: Sequence[str], env: dict[str, str], name: str,
                  ready_path: str) -> contextlib.AbstractContextManager[Server]:
    """Another app (baseline, ceiling) served by `python -m module`: uvicorn.run, like serve."""
    port = free_port()
    return server([PYTHON, "-m", module, "--host", HOST, "--port", str(port), *args], env,
                  port, ready_path, name)


# --- figures --------------------------------------------------------------------------------

def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def status_counts(statuses: Sequence[int]) -> str:
    return " ".join(f"{code}:{n}" for code, n in sorted(Counter(statuses).items()))


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Prints a Markdown table (so figures paste straight into docs/performance.md)."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(_cell(v) for v in row) + " |")
    sys.stdout.flush()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               "unknown CPU")
    mem_kb = _kb("/proc/meminfo", "MemTotal")
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores, {cpu}, {mem_kb / 1024 / 1024:.1f} GiB RAM, "
            f"load average {load:.2f} at start")


def _kb(path: str, key: str) -> int:
    for line in Path(path).read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0
