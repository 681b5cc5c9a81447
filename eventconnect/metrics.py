"""`GET /metrics`: the Prometheus text format (prometheus-client), for operators' dashboards.

Two kinds of series. Counted as requests pass (this process): request latency by route, and
commands by route and outcome. Read at scrape time from the databases (every process's work, so
a scrape of any API process tells the truth about a projector or mailer running elsewhere): each
read model's position, lag in events and seconds; emails by delivery state; live connections of
this process; the progress of rebuilds run by this process.

Each app gets its own registry: tests build many apps in one process, and the library's global
registry refuses a second metric of one name.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from projections import progress
from projections.failures import describe, status
from projections.tables import email_deliveries

log = logging.getLogger(__name__)

COMMAND_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Buckets around the targets of docs/performance.md (p95 of tens of milliseconds).
LATENCY_BUCKETS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


class StoreCollector(Collector):
    """The series read from the databases at each scrape."""

    def __init__(self, container: Any) -> None:
        self.container = container

    def collect(self) -> Iterable[GaugeMetricFamily]:
        # A database that is away is itself a series (0), not a failed scrape: the request
        # series and the others still reach the monitor.
        up = GaugeMetricFamily("eventconnect_databases_up",
                               "1 when the store and the read-model database answered this scrape")
        try:
            families = [*self._read_models(), *self._emails()]
        except Exception as error:  # any failure of a database: exported, logged, not raised
            log.warning("metrics: a database did not answer: %s", describe(error))
            families = []
        up.add_metric([], 1 if families else 0)
        yield up
        yield from families
        live = GaugeMetricFamily("eventconnect_live_connections",
                                 "WebSocket connections of this process")
        hub = self.container.live
        live.add_metric([], len(hub.connections) if hub is not None else 0)
        yield live
        yield from _rebuilds()

    def _read_models(self) -> Iterable[GaugeMetricFamily]:
        position = GaugeMetricFamily(
            "eventconnect_read_model_position",
            "Last store position the read model has processed (every event up to it is "
            "applied or, by an operator's skip, passed over)", labels=["read_model"])
        lag = GaugeMetricFamily("eventconnect_read_model_lag_events",
                                "Events the read model is behind the store's head",
                                labels=["read_model"])
        lag_seconds = GaugeMetricFamily(
            "eventconnect_read_model_lag_seconds",
            "Age of the oldest event the read model has not processed (0 when caught up)",
            labels=["read_model"])
        failing = GaugeMetricFamily("eventconnect_read_model_failing",
                                    "1 while the read model cannot apply an event",
                                    labels=["read_model"])
        write_model = self.container.write_model
        head = self.container.runner.head()
        with self.container.read_engine.connect() as conn:
            report = status(conn, list(self.container.runner.projections), head)
        ages: dict[int, float] = {}
        for model in report:
            name, at = model["name"], model["position"]
            position.add_metric([name], at)
            lag.add_metric([name], model["lag"])
            failing.add_metric([name], 1 if model["failing"] else 0)
            if model["lag"] and at + 1 not in ages:
                ages[at + 1] = _age(write_model, at + 1)
            lag_seconds.add_metric([name], ages[at + 1] if model["lag"] else 0.0)
        store = GaugeMetricFamily("eventconnect_event_store_head",
                                  "The event store's last position")
        store.add_metric([], head)
        yield from (store, position, lag, lag_seconds, failing)

    def _emails(self) -> Iterable[GaugeMetricFamily]:
        emails = GaugeMetricFamily(
            "eventconnect_emails", "Emails by delivery state (sent, failed for good, pending, "
            "retry, sending), over every process's deliveries", labels=["state"])
        with self.container.read_engine.connect() as conn:
            counts = dict(conn.execute(select(email_deliveries.c.state, func.count())
                                       .group_by(email_deliveries.c.state)).all())
        for state in ("sent", "failed", "pending", "retry", "sending"):
            emails.add_metric([state], counts.get(state, 0))
        yield emails


def _age(write_model: Any, position: int) -> float:
    """Seconds since the event at `position` was recorded, by the clock that stamps events."""
    found = write_model.recorder.select_notifications(position, 1, stop=position)
    if not found:
        return 0.0
    event = write_model.mapper.to_domain_event(found[0])
    return max(0.0, (write_model.clock() - event.timestamp).total_seconds())


def _rebuilds() -> Iterable[GaugeMetricFamily]:
    ratio = GaugeMetricFamily("eventconnect_rebuild_progress_ratio",
                              "Share of the log a rebuild in this process has folded",
                              labels=["read_model"])
    folded = GaugeMetricFamily("eventconnect_rebuild_position",
                               "Store position a rebuild in this process has reached",
                               labels=["read_model"])
    for state in progress.snapshot():
        ratio.add_metric([state.read_model], state.fraction)
        folded.add_metric([state.read_model], state.position)
    yield from (ratio, folded)


class Metrics:
    """One app's registry and its per-request series."""

    def __init__(self, container: Any) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram("eventconnect_http_request_duration_seconds",
                                 "HTTP request latency by route template",
                                 ["method", "route"], buckets=LATENCY_BUCKETS,
                                 registry=self.registry)
        self.commands = Counter("eventconnect_commands",
                                "Commands (POST, PUT, PATCH, DELETE) by route and outcome: ok "
                                "(2xx), refused (4xx), error (5xx)", ["command", "outcome"],
                                registry=self.registry)
        self.registry.register(StoreCollector(container))

    def observe(self, method: str, route: str, status_code: int, seconds: float) -> None:
        self.latency.labels(method, route).observe(seconds)
        if method in COMMAND_METHODS and route.startswith("/api/"):
            outcome = "ok" if status_code < 400 else "refused" if status_code < 500 else "error"
            self.commands.labels(f"{method} {route}", outcome).inc()


def route_of(scope: Scope) -> str:
    """The route template (`/api/events/{event_id}`) the router matched, never the raw path:
    raw paths would make one series per event id. Starlette records the route in the scope."""
    route = scope.get("route")
    return str(getattr(route, "path", "unmatched"))


class MeasureRequests:
    """Pure ASGI middleware timing each HTTP request (WebSockets are counted as connections)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        code = 500

        async def send_status(message: Message) -> None:
            nonlocal code
            if message["type"] == "http.response.start":
                code = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            self.metrics.observe(scope["method"], route_of(scope), code,
                                 time.perf_counter() - started)


router = APIRouter(tags=["operations"])


@router.get("/metrics", summary="Prometheus metrics", response_class=Response, responses={
    200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "The Prometheus text format"}})
def metrics(request: Request) -> Response:
    """Read-model positions and lag, commands, request latency, live connections, emails and
    rebuild progress, in the Prometheus text format."""
    registry = request.app.state.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def install_metrics(app: Any, container: Any) -> None:
    app.state.metrics = Metrics(container)
    app.add_middleware(MeasureRequests, metrics=app.state.metrics)
    app.include_router(router)
