"""Gzip for the query API's JSON: a page of 20 events is 14.5 kB raw and 3.2 kB gzipped, which a
phone on a slow network feels. Only GETs under /api are compressed: commands answer a few hundred
bytes and sit on the rush's hot path. The UI's files are compressed at build time
(eventconnect/frontend.py); the live stream (text/event-stream) is never buffered."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

# Below this a response fits in one packet either way: compressing it only costs time.
MINIMUM_SIZE = 1000


class CompressQueries:
    """GZipMiddleware for `GET /api/...` alone (it honours Accept-Encoding, skips bodies that are
    already encoded or streamed as events)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_SIZE, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] in ("GET", "HEAD")
                and scope["path"].startswith("/api/")):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
