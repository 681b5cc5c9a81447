"""The UI in a real browser: `eventconnect serve` on loopback, Playwright driving Debian's chromium.

The browser flow itself is frontend/e2e/*.spec.ts; this test starts the real product the way the
README does (one process, SQLite, built UI) and runs that spec against it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
# The spec signs in as this admin (made by `eventconnect create-admin`, as an operator would).
ADMIN_EMAIL = "e2e-admin@example.org"
ADMIN_PASSWORD = "e2e-" + "admin-password-for-the-browser-test"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    if not (FRONTEND / "dist" / "index.html").is_file():
        pytest.fail("frontend/dist is missing: scripts/test builds the UI before pytest")
    port = _free_port()
    # Every spec signs up its own people from one loopback address: more than the default 20/h.
    env = {**os.environ, "EVENTCONNECT_DATA_DIR": str(tmp_path / "var"),
           "EVENTCONNECT_SIGNUPS_PER_ADDRESS_PER_HOUR": "1000"}
    env.pop("DATABASE_URL", None)
    made = subprocess.run(
        [sys.executable, "-m", "eventconnect.cli", "create-admin", "--email", ADMIN_EMAIL],
        cwd=ROOT, env={**env, "EVENTCONNECT_ADMIN_PASSWORD": ADMIN_PASSWORD},
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stdout + made.stderr
    assert ADMIN_PASSWORD not in made.stdout + made.stderr
    # The server's log goes to a file: an unread pipe fills up (64 kB of request log lines,
    # reached once the specs grew) and then blocks the server mid-spec.
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "eventconnect.cli", "serve", "--no-demo", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/api/openapi.json", timeout=1)  # noqa: S310
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"server exited: {(tmp_path / 'server.log').read_text()}")
                time.sleep(0.2)
        else:
            pytest.fail("server did not start within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.mark.timeout(1300)  # every spec, axe and screenshots of every screen included
def test_guest_registers_waitlists_and_cancels_in_chromium(server: str) -> None:
    assert Path("/usr/bin/chromium").exists(), "scripts/test installs Debian's chromium"
    npx = shutil.which("npx")
    assert npx, "node/npx is needed for Playwright"
    result = subprocess.run(
        [npx, "playwright", "test", "--reporter=line"], cwd=FRONTEND, capture_output=True,
        text=True, timeout=1200,
        env={**os.environ, "E2E_BASE_URL": server, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
             "E2E_ADMIN_EMAIL": ADMIN_EMAIL, "E2E_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
