"""Schemathesis against the app's own OpenAPI document, as each role: no server error, and every
answer (status, content type, body) is one the document declares.

Schemathesis' own pytest fixture loader (`schemathesis.pytest.from_fixture`) does not run under
pytest 9.2 (it sets `Function._nodeid`, which pytest no longer has), so this drives the same
per-operation tests it builds (`get_all_tests`) by hand and reports every failing operation.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.pytest.lazy import get_all_tests

from tests.fuzz.conftest import World

CHECK_NAMES = ("status_code_conformance", "content_type_conformance", "response_schema_conformance")


def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schemathesis' `not_a_server_error`, except the one 5xx the API promises: a 503
    `not_yet_consistent` to a read that asked, with `X-Consistent-With`, for a position the read
    models have not reached (generated positions mostly lie beyond the seeded store)."""
    asked = any(name.lower() == "x-consistent-with" for name in case.headers or {})
    if asked and response.status_code == 503 and _code(response) == "not_yet_consistent":
        return None
    verdict: bool | None = schemathesis.checks.not_a_server_error(ctx, response, case)
    return verdict


def _code(response: Any) -> str | None:
    try:
        return str(response.json().get("code"))
    except (ValueError, AttributeError):
        return None


pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(900)]


def _call_and_check(case: Any, role: str, world: World) -> None:
    headers = world.headers[role]
    response = case.call(headers=headers)
    world.requests += 1
    world.statuses[response.status_code] = world.statuses.get(response.status_code, 0) + 1
    checks = [no_server_error, *(getattr(schemathesis.checks, name) for name in CHECK_NAMES)]
    case.validate_response(response, checks=checks, headers=headers)


def test_every_operation_as(api_schema: Any, role: str, world: World) -> None:
    failures: list[str] = []
    operations = 0
    for result in get_all_tests(schema=api_schema.clone(test_function=_call_and_check),
                                test_func=_call_and_check, settings=None, given_kwargs={}):
        if isinstance(result, Err):  # an operation Schemathesis cannot read is a finding too
            failures.append(f"--- unreadable operation\n{result.err()}")
            continue
        operation, run = result.ok()
        operations += 1
        try:
            run(role=role, world=world)
        except (FailureGroup, AssertionError) as failure:  # what a check found, with its case
            failures.append(f"--- {operation.label} as {role}\n{failure}")
    checks = world.requests * (len(CHECK_NAMES) + 1)
    print(f"\n{role}: {operations} operations, {world.requests} requests, {checks} checks, "
          f"{len(failures)} failing operations, statuses {dict(sorted(world.statuses.items()))}")
    assert operations >= 20 and world.requests > 10 * operations, "the document was not exercised"
    assert not failures, "\n".join(failures)
