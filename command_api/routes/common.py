"""What every command route shares: the position header and the documented error answers."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Response

from command_api.schemas import Positioned

# Until identity lands every command is anonymous; the actor is still recorded on each event.
ANONYMOUS = "anonymous"
GUEST = "guest"

T = TypeVar("T", bound=Positioned)

_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
COMMAND_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown id (`not_found`)", "content": _PROBLEM},
    409: {"description": "A rule of the domain refused it (`event_full`, `already_registered`, "
                         "`registration_closed`, `capacity_below_confirmed`, `invalid_state`)",
          "content": _PROBLEM},
    422: {"description": "Invalid input (`validation_error`)", "content": _PROBLEM},
}


def positioned(response: Response, body: T) -> T:
    """Every command answer carries its store position in the body and in `X-Position`."""
    response.headers["X-Position"] = str(body.position)
    return body
