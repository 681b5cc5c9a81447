"""What crawlers and link previews read: `/robots.txt`, `/sitemap.xml`, and the one row a share
preview of `/events/{id}` needs (eventconnect/frontend.py renders it into the UI's HTML).

Outside /api and the OpenAPI document: they are for robots, not for the UI's generated client.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID
from xml.etree import ElementTree

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response
from sqlalchemy import Connection, select

from kernel.deps import ContainerDep, ReadEngineDep
from projections.tables import events

router = APIRouter(include_in_schema=False)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The protocol's limit per file; past it a sitemap index would be needed.
SITEMAP_MAX_URLS = 50_000
# Areas behind a sign-in or holding a guest's token: nothing for a search engine. `*` is the
# wildcard of RFC 9309, which the major crawlers follow.
DISALLOWED = ("/api/", "/organize", "/admin/", "/analytics", "/me", "/inbox",
              "/events/*/manage", "/events/*/check-in", "/events/*/analytics",
              "/events/*/registrations/")
# What a visitor may open at /events/{id} (query_api.listings.LISTED_CONDITION).
PUBLIC_STATUSES = ("published", "cancelled")


@router.get("/robots.txt", response_class=PlainTextResponse)
def robots(container: ContainerDep) -> str:
    """Allows the public pages, keeps crawlers out of the API and the signed-in areas."""
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {container.settings.link_base}/sitemap.xml", ""]
    return "\n".join(lines)


@router.get("/sitemap.xml")
def sitemap(container: ContainerDep, engine: ReadEngineDep) -> Response:
    """The home page and every published event still to come or under way."""
    base = container.settings.link_base
    query = (select(events.c.id, events.c.updated_at)
             .where(events.c.status == "published", events.c.ends_at > container.write_model.clock())
             .order_by(events.c.starts_at, events.c.id).limit(SITEMAP_MAX_URLS - 1))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = f"{base}/"
    for event_id, updated_at in rows:
        url = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(url, "loc").text = f"{base}/events/{event_id}"
        ElementTree.SubElement(url, "lastmod").text = updated_at.isoformat(timespec="seconds")
    body = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/xml")


def share_preview(conn: Connection, event_id: UUID) -> dict[str, Any] | None:
    """The title and description of an event a visitor may see; none for a draft, a deleted or
    an unknown one. One indexed row, three columns: it runs before every event page's HTML."""
    row = conn.execute(select(events.c.title, events.c.description)
                       .where(events.c.id == event_id, events.c.status.in_(PUBLIC_STATUSES))
                       ).mappings().first()
    return dict(row) if row else None
