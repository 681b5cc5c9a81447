"""A real `eventconnect serve` on loopback for the tests that need whole processes (the projector
child, faults): its environment, start-up and shut-down, and small HTTP and /proc helpers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventconnect.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(url: str, method: str = "GET", body: dict | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={  # noqa: S310
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def _children(pid: int) -> set[int]:
    """The projector: a child running `eventconnect project --wake-fd`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == pid and b"--wake-fd" in cmdline:
            found.add(int(entry.name))
    return found


def _wait(condition, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail("timed out")


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {**os.environ, "EVENTCONNECT_DATA_DIR": str(settings.data_dir),
           "EVENTCONNECT_BCRYPT_ROUNDS": "4", **extra}
    env.pop("DATABASE_URL", None)
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "eventconnect.cli", "migrate"], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=60)


@contextmanager
def serving(env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The server's URL and process, once it answers; SIGTERM (or whatever the test did to it)
    at the end. Demo data on the first start of a store, so there are events to register for."""
    port = _free_port()
    # Its output goes to a file beside its data (server_log reads it): a test that fails on a
    # timing bound can say what the server was doing.
    output = Path(env["EVENTCONNECT_DATA_DIR"]) / f"server-{port}.log"
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "eventconnect.cli", "serve", "--port", str(port)],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}")
        try:
            return _call(f"{url}/api/events")[0] == 200
        except OSError:
            return False

    try:
        _wait(up, 40)
        yield url, process
    finally:
        kill_tree(process, signal.SIGTERM)


def server_log(env: dict[str, str], lines: int = 40) -> str:
    """The last lines every server of this data directory wrote (see `serving`)."""
    logs = sorted(Path(env["EVENTCONNECT_DATA_DIR"]).glob("server-*.log"))
    return "\n".join(f"--- {log.name}\n" + "\n".join(log.read_text().splitlines()[-lines:])
                     for log in logs)


def kill_tree(process: subprocess.Popen[str], signum: int) -> None:
    """Signals the server and its projector child (a SIGKILLed parent cannot stop its child)."""
    children = _children(process.pid) if process.poll() is None else set()
    if process.poll() is None:
        process.send_signal(signum)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    for child in children:
        try:
            os.kill(child, signal.SIGKILL if signum == signal.SIGKILL else signal.SIGTERM)
        except ProcessLookupError:
            pass


def open_event(url: str, *, seats: int = 0) -> str:
    """A demo event open for registration (with at least `seats` free seats)."""
    _, listed = _call(f"{url}/api/events?page_size=100")
    return str(next(e["id"] for e in listed["items"]
                    if e.get("seats_left") is not None and e["seats_left"] >= seats))
