"""The query API's JSON is gzipped for clients that ask; commands and the live stream are not."""

from __future__ import annotations

import gzip

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, create_event

GZIP = {"Accept-Encoding": "gzip"}


def test_a_page_of_events_is_gzipped_when_asked(client: TestClient, clock: FakeClock) -> None:
    for n in range(8):
        create_event(client, clock, title=f"Repair café {n}")
    plain = client.get("/api/events?page_size=20", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    # httpx decodes for us; the stream's raw bytes show what travelled.
    with client.stream("GET", "/api/events?page_size=20", headers=GZIP) as compressed:
        assert compressed.headers["content-encoding"] == "gzip"
        assert compressed.headers["vary"].lower().count("accept-encoding") == 1
        wire = b"".join(compressed.iter_raw())
    assert gzip.decompress(wire) == plain.content
    assert len(wire) < len(plain.content) / 3


def test_a_small_answer_and_a_command_stay_plain(client: TestClient) -> None:
    small = client.get("/api/health", headers=GZIP)
    assert "content-encoding" not in small.headers
    # A refused command names every missing field: over the minimum, yet not compressed.
    command = client.post("/api/events", json={"tags": [1] * 40},
                          headers={**GZIP, **as_organizer(client)})
    assert command.status_code == 422, command.text
    assert len(command.content) > 1000
    assert "content-encoding" not in command.headers
