"""PostgreSQL stopped and started under load (a private server this test starts itself; the
shared one is never touched): while it is down, reads and writes answer 503 `unavailable`
within the bound and never 500; once it is back everything works again by itself; and no
acknowledged (2xx) registration is lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import psycopg
import pytest

from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from kernel.unavailable import is_unavailable
from tests.conftest import TEST_IDENTITY
from tests.faults.cluster import PrivateCluster
from tests.serving import _call, migrate, open_event, server_env, serving

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
DB_TIMEOUT = 2
# A write may wait for a connection, then for the lock, each bounded: a few timeouts at most.
BOUND = 3 * DB_TIMEOUT + 1
CLIENTS = 4
MAX_REQUESTS = 400  # per client: the load loop is bounded in count as well as in time


@dataclass(frozen=True)
class Sample:
    kind: str  # "read" | "write"
    started: float
    ended: float
    status: int  # 0: no HTTP answer at all
    code: str | None
    registration_id: str | None
    position: int | None


@pytest.fixture
def cluster() -> Iterator[PrivateCluster]:
    server = PrivateCluster()
    server.start()
    try:
        yield server
    finally:
        server.destroy()


def _load(url: str, event_id: str, samples: list[Sample], stop: threading.Event,
          client: int) -> None:
    for n in range(MAX_REQUESTS):
        if stop.is_set():
            return
        for kind in ("write", "read"):
            started = time.monotonic()
            try:
                if kind == "write":
                    status, body = _call(f"{url}/api/events/{event_id}/registrations", "POST",
                                         {"name": "Load Test", "email": f"c{client}n{n}@load.example"})
                else:
                    status, body = _call(f"{url}/api/events/{event_id}")
            except OSError:
                status, body = 0, {}
            admitted = status == 201
            samples.append(Sample(kind, started, time.monotonic(), status, body.get("code"),
                                  body.get("registration_id") if admitted else None,
                                  body.get("position") if admitted else None))
        time.sleep(0.05)


def test_an_outage_under_load_answers_503_and_recovers(cluster: PrivateCluster,
                                                       tmp_path: Path) -> None:
    with psycopg.connect(cluster.url, autocommit=True) as admin:
        admin.execute("CREATE DATABASE ec")
    settings = Settings(data_dir=tmp_path / "var", database_url=cluster.url.rsplit("/", 1)[0] + "/ec",
                        **TEST_IDENTITY)
    env = server_env(settings, EVENTCONNECT_DB_TIMEOUT=str(DB_TIMEOUT))
    migrate(env)
    samples: list[Sample] = []
    stop = threading.Event()
    with serving(env) as (url, _):
        event_id = open_event(url)
        clients = [threading.Thread(target=_load, args=(url, event_id, samples, stop, i))
                   for i in range(CLIENTS)]
        for client in clients:
            client.start()
        try:
            time.sleep(2)
            cluster.stop()
            down_from = time.monotonic()
            time.sleep(3 * BOUND)
            down_until = time.monotonic()
            cluster.start()
            back = _first_success_after(samples, down_until, seconds=30)
            time.sleep(3)
            # The projector recovered by itself too: it reaches the newest acknowledged write.
            newest = max(s.position for s in samples if s.position is not None)
            consistent = _call(f"{url}/api/events/{event_id}",
                               headers={"X-Consistent-With": str(newest)})[0]
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=30)

    assert not [s for s in samples if s.status not in (200, 201, 503)], "no 500s, no hangs"
    assert consistent == 200
    during = [s for s in samples if s.started > down_from and s.ended < down_until]
    assert {s.kind for s in during} == {"read", "write"}
    assert {(s.status, s.code) for s in during} == {(503, "unavailable")}
    assert max(s.ended - s.started for s in during) < BOUND
    settled = [s for s in samples if s.started > back + 1]
    assert settled and all(s.status in (200, 201) for s in settled)

    acknowledged = [UUID(s.registration_id) for s in samples if s.registration_id]
    store = build_write_model(settings)
    assert acknowledged and all(store.repository.get(r) for r in acknowledged)


def test_each_store_call_gives_up_after_one_bounded_wait(cluster: PrivateCluster,
                                                         tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=cluster.url, db_timeout=1,
                        **TEST_IDENTITY)
    app = build_write_model(settings, create_tables=True)
    cluster.stop()
    # The library alone would try each call ten times, each waiting for the pool.
    for call in (app.recorder.max_notification_id,
                 lambda: app.recorder.select_notifications(1, 10)):
        started = time.monotonic()
        with pytest.raises(Exception) as failure:  # which one: checked to be an outage
            call()
        assert time.monotonic() - started < 3 and is_unavailable(failure.value)
    cluster.start()
    # Back by itself, once the pool's reconnection (backing off while it was down) gets through.
    deadline = time.monotonic() + 15
    while True:
        try:
            assert app.recorder.max_notification_id() in (None, 0)
            break
        except Exception as failure:
            assert is_unavailable(failure) and time.monotonic() < deadline
            time.sleep(0.2)


def _first_success_after(samples: list[Sample], moment: float, *, seconds: float) -> float:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ok = [s.started for s in samples if s.started > moment and s.status == 201]
        if ok:
            return min(ok)
        time.sleep(0.2)
    pytest.fail("writes did not recover after the server came back")
