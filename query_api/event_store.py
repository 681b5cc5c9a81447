"""Read-only access to one aggregate's stream *with* its global positions, for audit history and
time travel; the rows come from the library's table through `kernel.store_adapter`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from kernel.store_adapter import stream_rows


@dataclass(frozen=True)
class Recorded:
    """A domain event and the store position it was recorded at."""

    position: int
    event: Any


def read_stream(write_model: Any, originator_id: UUID) -> list[Recorded]:
    """Every event of one aggregate, oldest first, with global positions (upcast as needed)."""
    rows = stream_rows(write_model.recorder, originator_id)
    return [Recorded(row.id, write_model.mapper.to_domain_event(row)) for row in rows]
