"""The framework ceiling: a trivial FastAPI POST with the same path, body and validation as the
registration command, doing no work, served like `eventconnect serve` (one uvicorn process).

`/api/...` is a sync route (run in the threadpool, like ours); `/async/...` the same as `async def`.

    .venv/bin/python -m bench.ceiling --port 8200
"""

from __future__ import annotations

import argparse
import uuid
from typing import Annotated

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints


class GuestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    email: Annotated[EmailStr, StringConstraints(max_length=254)]


class RegistrationOut(BaseModel):
    registration_id: uuid.UUID
    status: str
    waitlist_position: int | None
    position: int


def create_app() -> FastAPI:
    app = FastAPI(title="Framework ceiling")

    @app.get("/api/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/events/{event_id}/registrations", status_code=201,
              response_model=RegistrationOut)
    def register(event_id: uuid.UUID, body: GuestIn) -> RegistrationOut:
        return RegistrationOut(registration_id=uuid.uuid4(), status="confirmed",
                               waitlist_position=None, position=1)

    @app.post("/async/events/{event_id}/registrations", status_code=201,
              response_model=RegistrationOut)
    async def register_async(event_id: uuid.UUID, body: GuestIn) -> RegistrationOut:
        return RegistrationOut(registration_id=uuid.uuid4(), status="confirmed",
                               waitlist_position=None, position=1)

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8200)
    args = parser.parse_args()
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
