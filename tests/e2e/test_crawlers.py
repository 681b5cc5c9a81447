"""What robots and link previews see: robots.txt, sitemap.xml, `og:` tags on event pages, and
API docs whose files come from this server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, create_event, event_body
from tests.e2e.test_serving_ui import fake_dist

PUBLIC = "https://events.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def site(settings: Settings, clock: FakeClock, tmp_path: Path) -> Iterator[TestClient]:
    configured = settings.model_copy(update={"public_url": PUBLIC})
    container = bootstrap(configured, clock=clock, migrate=True)
    app = create_app(container, frontend_dist=fake_dist(tmp_path / "dist"))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def settled(client: TestClient, position: str) -> None:
    """Waits until the read models have the command at `position`."""
    assert client.get("/api/events", headers={"X-Consistent-With": position}).status_code == 200


def deleted_event(client: TestClient, clock: FakeClock) -> str:
    event_id = create_event(client, clock, title="Gone")
    response = client.delete(f"/api/events/{event_id}", headers=as_organizer(client))
    settled(client, response.headers["X-Position"])
    return event_id


def test_robots_allows_the_site_but_not_the_api_and_names_the_sitemap(site: TestClient) -> None:
    response = site.get("/robots.txt")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert {"Disallow: /api/", "Disallow: /organize", "Disallow: /admin/"} <= set(lines)
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in lines


def test_sitemap_lists_the_home_and_the_published_events_to_come(site: TestClient,
                                                                 clock: FakeClock) -> None:
    soon = create_event(site, clock, title="Soon")
    later = create_event(site, clock, title="Later", starts_at=(clock.now.replace(year=2031)
                                                                ).isoformat(),
                         ends_at=clock.now.replace(year=2031, hour=12).isoformat())
    draft = create_event(site, clock, publish=False)
    gone = deleted_event(site, clock)
    clock.advance(days=20)  # `soon` (in 10 days) is over; `later` is still to come
    response = site.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own answer)
    assert root.tag == f"{SITEMAP}urlset"
    urls = [url.findtext(f"{SITEMAP}loc") for url in root]
    assert urls == [f"{PUBLIC}/", f"{PUBLIC}/events/{later}"]
    assert all(f"/events/{other}" not in response.text for other in (soon, draft, gone))


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._in_title = tag == "title"
        if tag == "meta" and found.get("property"):
            self.meta[found["property"] or ""] = found.get("content") or ""

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_an_event_page_carries_its_share_preview_escaped(site: TestClient,
                                                        clock: FakeClock) -> None:
    title = 'Bikes & <script>alert("x")</script>'
    created = site.post("/api/events", headers=as_organizer(site), json=event_body(
        clock, title=title, description="Fix it yourself. " * 40)).json()
    event_id = created["id"]
    settled(site, str(created["position"]))
    response = site.get(f"/events/{event_id}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
    assert "<script>alert" not in response.text and '<div id="root">' in response.text
    head = _Head()
    head.feed(response.text)
    assert head.title == title and head.meta["og:title"] == title
    assert head.meta["og:url"] == f"{PUBLIC}/events/{event_id}"
    assert head.meta["og:type"] == "website"
    assert head.meta["og:description"].startswith("Fix it yourself. Fix")
    assert len(head.meta["og:description"]) <= 200 and head.meta["og:description"].endswith("…")


def test_a_page_of_an_event_a_visitor_may_not_see_is_the_plain_app_with_404(
        site: TestClient, clock: FakeClock) -> None:
    draft = create_event(site, clock, publish=False, title="Secret plans")
    gone = deleted_event(site, clock)
    for event_id in (draft, gone, "00000000-0000-0000-0000-000000000000", "not-an-id"):
        response = site.get(f"/events/{event_id}")
        assert response.status_code == 404, event_id
        assert '<div id="root">' in response.text and "og:title" not in response.text
        assert "Secret plans" not in response.text


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value or "" for name, value in attrs if name in ("src", "href")]


@pytest.mark.parametrize("path", ["/api/docs", "/api/redoc"])
def test_the_api_docs_load_nothing_from_other_hosts(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert not re.search(r"https?://", response.text), "an external host in the docs' HTML"
    csp = response.headers["content-security-policy"]
    assert not re.search(r"https?://", csp)
    parser = _Assets()
    parser.feed(response.text)
    assert parser.urls, "the docs page references no files"
    for url in parser.urls:
        asset = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200, url
        if url.endswith((".js", ".css")):
            assert asset.headers["content-encoding"] == "gzip", url
