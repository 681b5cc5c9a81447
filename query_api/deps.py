"""Dependencies every query shares: read-your-writes, paging and the display time zone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Header, Query, Request
from pydantic import AfterValidator, StringConstraints

from kernel.deps import ContainerDep
from kernel.inputs import iana_zone
from kernel.problems import Problem
from query_api.consistency import consistency_waiter


async def wait_until_consistent(
    request: Request,
    container: ContainerDep,
    x_consistent_with: Annotated[int | None, Header(
        alias="X-Consistent-With", ge=0, examples=[42],
        description="A command's `position`: answer only once the read models have processed "
                    "it (bounded wait; 503 `not_yet_consistent` past it; 422 `unknown_position` "
                    "for one the store never produced).")] = None,
) -> None:
    """Read-your-writes, awaited on the event loop (query_api/consistency.py): a waiting request
    holds no thread, so clients waiting for a position that never comes cannot starve others."""
    if x_consistent_with is None:
        return
    waiter = consistency_waiter(request.app.state, container)
    if not await waiter.exists(x_consistent_with):
        # Waiting could only time out: no command has produced it (yet).
        raise Problem(422, "unknown_position",
                      f"Position {x_consistent_with} is beyond the event store's last position.")
    timeout = container.settings.consistency_timeout
    if not await waiter.wait_for(x_consistent_with, timeout=timeout):
        raise Problem(503, "not_yet_consistent",
                      f"The read models have not reached position {x_consistent_with} within "
                      f"{timeout:g} s; retry shortly.", headers={"Retry-After": "1"})


ZoneName = Annotated[str, StringConstraints(max_length=64), AfterValidator(iana_zone)]


# Async: pure computations, so FastAPI need not run them in the thread pool.
async def display_zone(
    tz: Annotated[ZoneName | None, Query(
        description="IANA zone to render times in; default: the event's own zone",
        examples=["America/New_York"])] = None,
) -> ZoneInfo | None:
    return ZoneInfo(tz) if tz else None


@dataclass(frozen=True)
class Paging:
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


async def paging(
    page: Annotated[int, Query(ge=1, le=100_000, description="From 1")] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Paging:
    return Paging(page, page_size)


ZoneDep = Annotated[ZoneInfo | None, Depends(display_zone)]
PagingDep = Annotated[Paging, Depends(paging)]
