"""A real `eventconnect serve` for fault tests, on settings and extra environment of the test's
choosing (the e2e projector test's helpers do the HTTP and the waiting)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from eventconnect.settings import Settings
from tests.e2e.test_projector_process import ROOT, _call, _children, _free_port, _wait


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
    process = subprocess.Popen(
        [sys.executable, "-m", "eventconnect.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
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
