"""What every command route shares: the position header and the documented error answers."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Response

from command_api.schemas import Positioned
from kernel.problems import PROBLEM_CONTENT

T = TypeVar("T", bound=Positioned)

PROBLEM = PROBLEM_CONTENT
# Answered before, or beside, any route's own logic (eventconnect/app.py's body limit; the
# database handlers of kernel/problems.py), so every command and sign-in route declares them.
TRANSPORT_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "Request body over 1 MB (`payload_too_large`)", "content": PROBLEM},
    503: {"description": "Database unavailable or too many simultaneous changes (`unavailable`, "
                         "`busy`); retry after `Retry-After`", "content": PROBLEM},
}
COMMAND_ERRORS: dict[int | str, dict[str, Any]] = {
    **TRANSPORT_ERRORS,
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": PROBLEM},
    403: {"description": "Not allowed (`forbidden`, `not_owner`)", "content": PROBLEM},
    404: {"description": "Unknown id (`not_found`)", "content": PROBLEM},
    409: {"description": "A rule of the domain refused it (`event_full`, `already_registered`, "
                         "`registration_closed`, `capacity_below_confirmed`, `invalid_state`)",
          "content": PROBLEM},
    422: {"description": "Invalid input (`validation_error`)", "content": PROBLEM},
}


def positioned(response: Response, body: T) -> T:
    """Every command answer carries its store position in the body and in `X-Position`."""
    response.headers["X-Position"] = str(body.position)
    return body
