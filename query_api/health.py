"""Liveness and readiness for load balancers and operators: `/api/health`, `/api/ready`.

Readiness asks the event store for its head, the read-model database for each read model's
tracking position, and the failure records (projections/failures.py): a read model that cannot
apply an event makes the API not ready, with which one and why, although every other endpoint
keeps answering. Both are public: the failure text is the error's first line only, never the
rows' values.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from kernel.deps import ContainerDep
from kernel.problems import PROBLEM_CONTENT, PROBLEM_JSON, problem_response
from projections.failures import describe, status

# A check that takes longer says "not ready" rather than hold a load balancer's probe.
READY_TIMEOUT_SECONDS = 2.0

router = APIRouter(prefix="/api", tags=["operations"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class FailureOut(BaseModel):
    position: int = Field(description="Store position of the event it cannot apply")
    event_type: str
    error: str = Field(description="The error's type and first line")
    first_seen: str
    last_seen: str
    attempts: int


class ReadModelOut(BaseModel):
    name: str
    position: int = Field(description="Last store position it has processed")
    lag: int = Field(description="Events behind the store's head")
    failing: bool
    failure: FailureOut | None
    skipped_positions: list[int] = Field(description="Events an operator told it to pass over")


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    head: int = Field(description="The event store's last position")
    read_models: list[ReadModelOut]


NOT_READY_EXAMPLE = {
    "type": "https://eventconnect.example/problems/not_ready", "title": "Service unavailable",
    "status": 503, "code": "not_ready",
    "detail": "read model attendees fails at position 42: DataError: ...", "head": 57,
    "event_store": "ok", "read_model_database": "ok",
    "read_models": [{"name": "attendees", "position": 41, "lag": 16, "failing": True,
                     "failure": {"position": 42, "event_type": "...RegistrationConfirmed",
                                 "error": "DataError: ...", "first_seen": "...",
                                 "last_seen": "...", "attempts": 3},
                     "skipped_positions": []}]}


@router.get("/health", response_model=Health, summary="Liveness")
async def health() -> Health:
    """200 while the process answers; checks nothing else."""
    return Health()


def _check(container: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"event_store": "ok", "read_model_database": "ok", "head": None,
                             "read_models": []}
    try:
        found["head"] = container.write_model.recorder.max_notification_id() or 0
    except Exception as error:
        found["event_store"] = describe(error)
    try:
        with container.read_engine.connect() as conn:
            found["read_models"] = status(conn, list(container.runner.projections),
                                          found["head"] or 0)
    except Exception as error:
        found["read_model_database"] = describe(error)
    if found["head"] is None:  # no head: a lag would be a guess
        for model in found["read_models"]:
            model["lag"] = None
    return found


@router.get("/ready", response_model=Readiness, summary="Readiness", responses={
    503: {"description": "A database does not answer, or a read model is failing "
                         "(`not_ready`); the body says which and why",
          "content": {PROBLEM_JSON: {**PROBLEM_CONTENT[PROBLEM_JSON],
                                     "example": NOT_READY_EXAMPLE}}}})
async def ready(container: ContainerDep) -> Any:
    """200 when the event store and the read-model database answer and no read model is
    failing, with each read model's position and lag; 503 `not_ready` otherwise."""
    try:
        found = await asyncio.wait_for(asyncio.to_thread(_check, container),
                                       READY_TIMEOUT_SECONDS)
    except TimeoutError:
        return problem_response(503, "not_ready", f"The databases did not answer within "
                                f"{READY_TIMEOUT_SECONDS:g} s.", headers={"Retry-After": "5"})
    reasons = [f"event store: {found['event_store']}"] if found["event_store"] != "ok" else []
    if found["read_model_database"] != "ok":
        reasons.append(f"read-model database: {found['read_model_database']}")
    reasons += [f"read model {m['name']} fails at position {m['failure']['position']}: "
                f"{m['failure']['error']}" for m in found["read_models"] if m["failing"]]
    if reasons:
        return problem_response(503, "not_ready", "; ".join(reasons)[:1000],
                                headers={"Retry-After": "5"}, **found)
    return Readiness(head=found["head"], read_models=found["read_models"])
