"""The built UI (frontend/dist) at `/`: its files pre-compressed and cached, the app's HTML for
its client routes (404 for any other path, so unknown URLs are not soft 200s), and share-preview
tags rendered into that HTML for `/events/{id}`.

Vite writes `.br` and `.gz` beside every text file (vite.config.ts), so a request costs a file
choice, never a compression; only the per-event HTML is compressed here (a kilobyte).
"""

from __future__ import annotations

import gzip
import html
import mimetypes
import re
from pathlib import Path
from uuid import UUID

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from kernel.problems import problem_response
from kernel.routing import SPA_ROUTE, allowed_methods
from query_api.crawlers import share_preview

# Mirrors the paths of frontend/src/app/router.tsx (tests/e2e/test_serving_ui.py fails when the
# two differ): any other path answers 404, with the app's HTML so the UI shows its not-found page.
CLIENT_ROUTES = (
    "/", "/events/{id}", "/series/{id}", "/events/{id}/registrations/{rid}", "/unsubscribe",
    "/forgot-password", "/reset-password", "/verify-email", "/events/{id}/manage",
    "/events/{id}/check-in", "/events/{id}/analytics", "/analytics", "/organize", "/organize/new",
    "/login", "/signup", "/me", "/inbox", "/me/registrations", "/admin/users",
)
_CLIENT_ROUTE = re.compile("|".join(
    re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(route)) for route in CLIENT_ROUTES))
_EVENT_PAGE = re.compile(r"events/([^/]+)/?")
# Vite's output under assets/ carries a content hash in every name: cached for good.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
DESCRIPTION_CHARS = 200


def serve_frontend(app: FastAPI, dist: Path) -> None:
    """The catch-all GET route; register it after every other route."""

    @app.get("/{path:path}", include_in_schema=False, name=SPA_ROUTE)
    async def spa(path: str, request: Request) -> Response:
        if path.startswith("api/") or path == "api":
            methods = allowed_methods(request.app.routes, request.scope)
            if methods:  # a POST-only (or PUT-only, ...) API path
                return problem_response(405, "method_not_allowed", "Method Not Allowed",
                                        headers={"Allow": ", ".join(methods)})
            return problem_response(404, "not_found", f"No route /{path}.")
        accepted = request.headers.get("accept-encoding", "")
        asset = _asset(dist, path)
        if asset is not None:
            cache = IMMUTABLE if path.startswith("assets/") else REVALIDATE
            return _file(asset, accepted, cache, 200)
        index = dist / "index.html"
        if not index.is_file():
            return problem_response(404, "not_found",
                                    "The UI is not built; run `npm run build` in frontend/.")
        status = 200 if _CLIENT_ROUTE.fullmatch("/" + path.rstrip("/")) else 404
        event = _EVENT_PAGE.fullmatch(path)
        if event is not None:
            return await _event_page(request, index, event.group(1), accepted)
        return _file(index, accepted, REVALIDATE, status)


def _file(file: Path, accepted: str, cache: str, status: int) -> Response:
    """`file`, or its pre-compressed twin in the best encoding the request accepts."""
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    headers = {"Cache-Control": cache}
    twins = [(coding, file.with_name(file.name + suffix)) for coding, suffix in ENCODINGS]
    if any(twin.is_file() for _, twin in twins):
        headers["Vary"] = "Accept-Encoding"
    for coding, twin in twins:
        if twin.is_file() and _accepts(accepted, coding):
            return FileResponse(twin, status, {**headers, "Content-Encoding": coding}, media_type)
    return FileResponse(file, status, headers, media_type)


async def _event_page(request: Request, index: Path, raw_id: str, accepted: str) -> Response:
    """The app's HTML with the event's title and `og:` tags; 404 and the plain HTML for an event
    a visitor may not see."""
    try:
        event_id = UUID(raw_id)
    except ValueError:
        return _file(index, accepted, REVALIDATE, 404)
    container = request.app.state.container

    def read() -> dict[str, str] | None:
        with container.read_engine.connect() as conn:
            return share_preview(conn, event_id)

    row = await run_in_threadpool(read)
    if row is None:
        return _file(index, accepted, REVALIDATE, 404)
    url = f"{container.settings.link_base}/events/{event_id}"
    page = with_share_preview(index.read_text(encoding="utf-8"), row["title"], row["description"], url)
    body = page.encode()
    headers = {"Cache-Control": REVALIDATE, "Vary": "Accept-Encoding"}
    if _accepts(accepted, "gzip"):
        body, headers["Content-Encoding"] = gzip.compress(body, compresslevel=6), "gzip"
    return Response(body, 200, headers, "text/html; charset=utf-8")


def with_share_preview(page: str, title: str, description: str, url: str) -> str:
    """`page` with `title` as its <title> and the Open Graph tags link previews read."""
    summary = " ".join(description.split())
    if len(summary) > DESCRIPTION_CHARS:
        summary = summary[:DESCRIPTION_CHARS - 1].rstrip() + "…"
    tags = {"og:title": title, "og:description": summary, "og:url": url, "og:type": "website"}
    meta = "".join(f'<meta property="{name}" content="{html.escape(value)}" />'
                   for name, value in tags.items())
    page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{html.escape(title)}</title>", page,
                  count=1, flags=re.S)
    return page.replace("</head>", f"{meta}</head>", 1)


def _accepts(header: str, coding: str) -> bool:
    """Whether an Accept-Encoding header allows `coding` (named, or `*`, with a q above 0)."""
    named = wildcard = None
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if name.strip() == coding:
            named = q > 0
        elif name.strip() == "*":
            wildcard = q > 0
    return named if named is not None else bool(wildcard)


def _asset(dist: Path, path: str) -> Path | None:
    """The built UI's file at `path`, if any. A path the file system cannot even name (an
    embedded NUL raises ValueError), one outside the build, or a source map (public maps are
    the source, issue 13) is none."""
    if not path or "\x00" in path or path.endswith(".map"):
        return None
    try:
        file = (dist / path).resolve()
        if file.is_file() and dist.resolve() in file.parents:
            return file
    except (OSError, ValueError):
        pass
    return None
