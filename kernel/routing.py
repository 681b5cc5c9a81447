"""Which methods a path accepts, over every route (Starlette's 405 names only the first route
that matched the path, and the UI's catch-all answers GET for any path)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import fastapi.routing
from starlette.routing import Match
from starlette.types import Scope


def _flat(routes: list[Any]) -> Iterable[Any]:
    """Every route. Newer FastAPI keeps an included router as one branch in `app.routes` and
    offers this walk of its routes; older versions copied the routes into `app.routes`."""
    walk = getattr(fastapi.routing, "iter_route_contexts", None)
    return routes if walk is None else cast(Iterable[Any], walk(routes))


# The name of the single-page app's catch-all GET route (eventconnect/app.py), which matches every
# path and so says nothing about what an /api path accepts.
SPA_ROUTE = "spa"


def allowed_methods(routes: list[Any], scope: Scope) -> list[str]:
    """The methods of every route whose path matches the request's, sorted; [] for none. For an
    /api path the UI's catch-all does not count: GET on it answers the API's 404."""
    api = scope["path"] == "/api" or scope["path"].startswith("/api/")
    probe = {**scope, "type": "http"}
    methods: set[str] = set()
    for route in _flat(routes):
        route_methods = getattr(route, "methods", None)
        if not route_methods or (api and route.name == SPA_ROUTE):
            continue
        if route.matches(probe)[0] is not Match.NONE:
            methods |= set(route_methods)
    return sorted(methods)
