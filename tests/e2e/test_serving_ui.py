"""The built UI at `/` (eventconnect/frontend.py), on a small build of the tests' own: text files
sent pre-compressed, hashed assets cached for good, no source maps, and 404 for any path that is
not one of the UI's routes."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.frontend import CLIENT_ROUTES
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem

ROUTER = Path(__file__).resolve().parents[2] / "frontend" / "src" / "app" / "router.tsx"
INDEX = ('<!doctype html><html lang="en"><head><title>EventConnect</title>'
         '<script type="module" src="/assets/index-AbC123.js"></script></head>'
         '<body><div id="root"></div></body></html>')
FILES = {
    "index.html": INDEX,
    "assets/index-AbC123.js": "export const hello = 'world';\n" * 50,
    "assets/index-AbC123.css": "body { margin: 0 }\n" * 50,
    "favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
}
TYPES = {"/": "text/html", "/assets/index-AbC123.js": "javascript",
         "/assets/index-AbC123.css": "text/css", "/favicon.svg": "image/svg+xml"}


def fake_dist(root: Path) -> Path:
    """What `vite build` writes: each text file with its .gz and .br twins (the .br is a stand-in:
    the server only picks the file), and a stray source map that must never be served."""
    for name, text in FILES.items():
        file = root / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text)
        file.with_name(file.name + ".gz").write_bytes(gzip.compress(text.encode()))
        file.with_name(file.name + ".br").write_bytes(b"brotli:" + text.encode())
    (root / "assets" / "index-AbC123.js.map").write_text('{"version": 3, "sources": []}')
    return root


@pytest.fixture
def ui(settings: Settings, clock: FakeClock, tmp_path: Path) -> Iterator[TestClient]:
    container = bootstrap(settings, clock=clock, migrate=True)
    app = create_app(container, frontend_dist=fake_dist(tmp_path / "dist"))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("path", list(TYPES))
def test_text_files_are_sent_in_the_best_encoding_the_browser_accepts(ui: TestClient,
                                                                       path: str) -> None:
    original = FILES["index.html" if path == "/" else path.lstrip("/")]
    brotli = ui.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert brotli.status_code == 200
    assert brotli.headers["content-encoding"] == "br"
    assert brotli.content == b"brotli:" + original.encode()  # httpx cannot decode br here
    gzipped = ui.get(path, headers={"Accept-Encoding": "gzip;q=1, br;q=0"})
    assert gzipped.headers["content-encoding"] == "gzip" and gzipped.text == original
    plain = ui.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == original
    for response in (brotli, gzipped, plain):
        assert TYPES[path] in response.headers["content-type"]
        assert response.headers["vary"] == "Accept-Encoding"


def test_hashed_assets_are_cached_for_good_and_the_html_revalidates(ui: TestClient) -> None:
    for asset in ("/assets/index-AbC123.js", "/assets/index-AbC123.css"):
        assert ui.get(asset).headers["cache-control"] == "public, max-age=31536000, immutable"
    for page in ("/", "/login", "/no-such-page", "/favicon.svg"):
        assert ui.get(page).headers["cache-control"] == "no-cache"


def test_source_maps_are_not_served(ui: TestClient) -> None:
    response = ui.get("/assets/index-AbC123.js.map")
    assert response.status_code == 404 and "sources" not in response.text


@pytest.mark.parametrize("path", ["/", "/login", "/organize/new", "/me/registrations",
                                  "/events/3f0e1c5a-0000-0000-0000-000000000000/manage",
                                  "/events/abc/registrations/def", "/series/x", "/admin/users/"])
def test_client_routes_answer_200_with_the_app(ui: TestClient, path: str) -> None:
    response = ui.get(path)
    assert response.status_code == 200 and '<div id="root">' in response.text


@pytest.mark.parametrize("path", ["/no-such-page", "/events", "/events/abc/nothing",
                                  "/wp-login.php", "/assets/gone-123.js", "/admin"])
def test_unknown_paths_answer_404_with_the_app_to_show_its_not_found_page(ui: TestClient,
                                                                          path: str) -> None:
    response = ui.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<div id="root">' in response.text


def test_unknown_api_paths_keep_their_problem_404(ui: TestClient) -> None:
    assert_problem(ui.get("/api/no-such-thing"), 404, "not_found")


def test_the_allow_list_mirrors_the_routers_paths() -> None:
    source = ROUTER.read_text(encoding="utf-8")
    paths = {"/" + re.sub(r":(\w+)", r"{\1}", path)
             for path in re.findall(r"\bpath:\s*'([^']+)'", source) if path != "*"}
    if re.search(r"\bindex:\s*true", source):
        paths.add("/")
    # Placeholder names may differ; their places may not.
    def shape(route: str) -> str:
        return re.sub(r"\{\w+\}", "{}", route)
    assert {shape(p) for p in paths} == {shape(r) for r in CLIENT_ROUTES}
