"""SIGKILL of `eventconnect serve`'s projector child in the middle of a burst of registrations:
the replacement resumes from the tracking table, and the read models then equal a fresh
rebuild row for row (nothing applied twice, nothing skipped)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from tests.e2e.test_projector_process import served
from tests.integration.test_projection_crash import dump, positions
from tests.serving import _call, _children, _wait, open_event

pytestmark = pytest.mark.slow
BURST = 60

__all__ = ["served"]  # the fixture, imported to be used here


def test_killed_projector_leaves_read_models_equal_to_a_rebuild(
        served: tuple[str, subprocess.Popen[str]], settings: Settings) -> None:
    url, server = served
    [child] = _wait(lambda: _children(server.pid))
    path = f"{url}/api/events/{open_event(url)}/registrations"
    acknowledged: list[int] = []
    third = threading.Event()

    def register(i: int) -> None:
        status, body = _call(path, "POST", {"name": f"Burst {i}", "email": f"b{i}@burst.example"})
        assert status == 201, body
        acknowledged.append(int(body["position"]))
        if len(acknowledged) >= BURST // 3:
            third.set()

    with ThreadPoolExecutor(max_workers=6) as pool:
        done = [pool.submit(register, i) for i in range(BURST)]
        assert third.wait(60)
        os.kill(child, signal.SIGKILL)  # while registrations keep arriving
        for future in done:
            future.result()
    [replacement] = _wait(lambda: _children(server.pid) - {child})
    assert replacement != child and len(acknowledged) == BURST

    # Caught up: a read consistent with the last acknowledged write answers.
    status, _ = _call(f"{url}/api/events?page_size=1",
                      headers={"X-Consistent-With": str(max(acknowledged))})
    assert status == 200
    write_model, engine = build_write_model(settings), build_read_engine(settings)
    last = write_model.recorder.max_notification_id()
    _wait(lambda: set(positions(engine).values()) == {last})
    resumed = dump(engine)

    ProjectionRunner(write_model, engine, all_projections()).rebuild()
    assert dump(engine) == resumed
    engine.dispose()
