"""`GET /metrics`: the Prometheus series of API.md "Operations", read back with the library's
own parser, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from eventconnect.app import create_app
from eventconnect.container import Container
from eventconnect.rebuild_bar import rebuild_with_bar
from projections import progress
from tests.conftest import FakeClock

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(api: TestClient) -> Samples:
    answer = api.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(answer.text) for s in family.samples}


@pytest.fixture
def api(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container, projections="none"),
                    raise_server_exceptions=False) as client:
        yield client


def sign_up(container: Container, n: int) -> None:
    container.accounts.sign_up(email=f"member{n}@example.org", password="correct horse battery",
                               name=f"Member {n}", role="member", actor="test")


def test_read_model_position_and_lag_follow_the_store(
        api: TestClient, container: Container, clock: FakeClock) -> None:
    sign_up(container, 1)
    container.runner.catch_up()
    caught_up = scrape(api)
    head = container.runner.head()
    assert head > 0 and caught_up[("eventconnect_event_store_head", ())] == head
    for name in container.runner.projections:
        labels = (("read_model", name),)
        assert caught_up[("eventconnect_read_model_position", labels)] == head
        assert caught_up[("eventconnect_read_model_lag_events", labels)] == 0
        assert caught_up[("eventconnect_read_model_lag_seconds", labels)] == 0
        assert caught_up[("eventconnect_read_model_failing", labels)] == 0

    sign_up(container, 2)  # recorded, not projected: the app runs no projections
    clock.advance(seconds=90)
    behind = scrape(api)
    labels = (("read_model", "users"),)
    lag = container.runner.head() - head
    assert lag > 0 and behind[("eventconnect_read_model_lag_events", labels)] == lag
    # the age of the oldest unprojected event, by the clock that stamped it
    assert behind[("eventconnect_read_model_lag_seconds", labels)] == 90


def test_commands_are_counted_by_route_and_outcome(api: TestClient) -> None:
    api.post("/api/auth/signup", json={"email": "not an email"})
    api.post("/api/auth/signup", json={})
    created = api.post("/api/auth/signup", json={"email": "new@example.org", "name": "New One",
                                                 "password": "correct horse battery"})
    assert created.status_code == 201
    api.get("/api/health")
    samples = scrape(api)
    def commands(outcome: str) -> float:
        return samples[("eventconnect_commands_total",
                        (("command", "POST /api/auth/signup"), ("outcome", outcome)))]

    assert (commands("refused"), commands("ok")) == (2, 1)
    assert not any(name == "eventconnect_commands_total" and "GET" in dict(labels)["command"]
                   for name, labels in samples)  # queries are not commands
    health = ("eventconnect_http_request_duration_seconds_count",
              (("method", "GET"), ("route", "/api/health")))
    assert samples[health] == 1
    # raw paths never become series: one template for every event id
    api.get("/api/events/00000000-0000-0000-0000-000000000001")
    api.get("/api/events/00000000-0000-0000-0000-000000000002")
    by_template = ("eventconnect_http_request_duration_seconds_count",
                   (("method", "GET"), ("route", "/api/events/{event_id}")))
    assert scrape(api)[by_template] == 2


def test_emails_and_live_connections_are_exported(api: TestClient) -> None:
    samples = scrape(api)
    for state in ("sent", "failed", "pending", "retry", "sending"):
        assert samples[("eventconnect_emails", (("state", state),))] == 0
    assert samples[("eventconnect_live_connections", ())] == 0
    with api.websocket_connect("/api/live"):
        assert scrape(api)[("eventconnect_live_connections", ())] == 1


def test_a_rebuild_reports_its_progress(api: TestClient, container: Container) -> None:
    for n in range(3):
        sign_up(container, n)
    position = container.runner.rebuild("users")
    state = next(s for s in progress.snapshot() if s.read_model == "users")
    assert (state.phase, state.position, state.fraction) == ("done", position, 1.0)
    samples = scrape(api)
    assert samples[("eventconnect_rebuild_position", (("read_model", "users"),))] == position
    assert samples[("eventconnect_rebuild_progress_ratio", (("read_model", "users"),))] == 1.0


def test_a_database_that_is_away_is_a_series_not_a_failed_scrape(
        api: TestClient, container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    assert scrape(api)[("eventconnect_databases_up", ())] == 1

    def down(*_: object) -> int:
        raise ConnectionError("connection refused")

    monkeypatch.setattr(container.write_model.recorder, "max_notification_id", down)
    samples = scrape(api)
    assert samples[("eventconnect_databases_up", ())] == 0
    assert ("eventconnect_live_connections", ()) in samples


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_line_draws_the_rebuild_as_a_bar_on_a_terminal_only(
        container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        sign_up(container, n)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    position = rebuild_with_bar(container.runner, "users")
    drawn = terminal.getvalue()
    assert "rebuild users" in drawn and f"{position}/{position}" in drawn
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert rebuild_with_bar(container.runner, "users") == position
    # No bar and no control codes in logs and pipes (log lines may be there: the logging an
    # earlier `eventconnect` command set up writes to whatever stderr is).
    out = piped.getvalue()
    assert "rebuild users" not in out and "\x1b" not in out and "\r" not in out
