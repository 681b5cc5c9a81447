"""Lighthouse (mobile, simulated throttling) on the home page and one event page of
`eventconnect serve` with its demo data, median of N runs per page; then the home page's
initial JavaScript, compressed (bench/frontend_weight.py). Exits 1 below a target:
performance >= 90, CLS < 0.1, initial JS <= 150 KiB. Builds nothing: after
`npm --prefix frontend run build` (or with --dist pointing at another build):

    .venv/bin/python -m bench.lighthouse [--runs 3] [--dist frontend/dist]

Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) and frontend/node_modules
(lighthouse is a devDependency).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import frontend_weight, harness

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "frontend" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"

TARGET_PERFORMANCE = 90  # score 0..100
TARGET_CLS = 0.1  # strictly below
TARGET_ACCESSIBILITY = 90  # what CI asserts (tests/e2e/test_lighthouse.py)


@dataclass
class Audit:
    """One page's figures: scores 0..100, times in ms, sizes in bytes."""

    url: str
    performance: float
    accessibility: float
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    cls: float
    js_transfer_bytes: float
    runs: int

    def line(self, name: str) -> str:
        return (f"{name}: performance {self.performance:.0f}, accessibility "
                f"{self.accessibility:.0f}, FCP {self.fcp_ms:.0f} ms, LCP {self.lcp_ms:.0f} ms, "
                f"TBT {self.tbt_ms:.0f} ms, CLS {self.cls:.3f}, JS transferred "
                f"{self.js_transfer_bytes / 1024:.1f} KiB (median of {self.runs})")


def lighthouse_once(url: str, timeout: float = 180) -> dict:
    """One Lighthouse run (mobile, performance + accessibility); its JSON report."""
    if not LIGHTHOUSE.is_file():
        raise RuntimeError(f"{LIGHTHOUSE} is missing: npm --prefix frontend ci")
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is needed for Lighthouse")
    with tempfile.TemporaryDirectory(prefix="eclighthouse-") as profile:
        # Lighthouse finds the browser through CHROME_PATH; its own temp profile goes in `profile`.
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": profile}
        done = subprocess.run(
            [node, str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}",
             "--only-categories=performance,accessibility", "--form-factor=mobile",
             "--output=json", "--output-path=stdout", "--quiet", "--max-wait-for-load=45000"],
            env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"lighthouse exited {done.returncode}: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError']}")
    return report


def figures(report: dict) -> dict[str, float]:
    audits = report["audits"]
    categories = report["categories"]

    def score(name: str) -> float:
        value = categories[name]["score"]
        if value is None:
            raise RuntimeError(f"lighthouse gave no {name} score (page did not load?)")
        return float(value) * 100

    scripts = [item for item in audits["resource-summary"]["details"]["items"]
               if item["resourceType"] == "script"]
    return {
        "performance": score("performance"),
        "accessibility": score("accessibility"),
        "fcp_ms": float(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": float(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": float(audits["total-blocking-time"]["numericValue"]),
        "cls": float(audits["cumulative-layout-shift"]["numericValue"]),
        "js_transfer_bytes": float(scripts[0]["transferSize"]) if scripts else 0.0,
    }


def audit(url: str, runs: int = 3, timeout: float = 180) -> Audit:
    """`runs` Lighthouse runs of `url`; each figure is the median over the runs."""
    measured = [figures(lighthouse_once(url, timeout)) for _ in range(runs)]
    medians = {key: statistics.median(m[key] for m in measured) for key in measured[0]}
    return Audit(url=url, runs=runs, **medians)


def initial_js_bytes(dist: Path) -> int:
    """The home page's initial JS, compressed, counted as bench/frontend_weight.py counts it."""
    parser = frontend_weight._Scripts()
    parser.feed((dist / "index.html").read_text(encoding="utf-8"))
    return sum(frontend_weight.compressed_size(dist / url.lstrip("/"))[0]
               for url in dict.fromkeys(parser.urls))


@contextlib.contextmanager
def demo_server(dist: Path | None = None) -> Iterator[tuple[str, str]]:
    """`eventconnect serve` with its demo data on a free loopback port, serving the UI build in
    `dist` (default frontend/dist); yields the base URL and one demo event's page."""
    if not ((dist or frontend_weight.DIST) / "index.html").is_file():
        raise RuntimeError(f"{dist or frontend_weight.DIST} has no build: npm run build first")
    with tempfile.TemporaryDirectory(prefix="eclighthouse-data-") as data:
        env = harness.clean_env()
        env["EVENTCONNECT_DATA_DIR"] = data
        if dist:
            env["EVENTCONNECT_FRONTEND_DIST"] = str(dist)
        port = harness.free_port()
        command = [harness.PYTHON, "-m", "eventconnect.cli", "serve", "--host", harness.HOST,
                   "--port", str(port)]
        with harness.server(command, env, port, "/api/events?page_size=1", "lighthouse",
                            timeout=60) as srv:
            # The demo events reach the catalogue through the projector: wait for the first.
            event_id = ""
            for _ in range(150):
                items = srv.get("/api/events?page_size=1").get("items") or []
                if items:
                    event_id = items[0]["id"]
                    break
                time.sleep(0.2)
            if not event_id:
                raise RuntimeError("the demo data did not show up in /api/events within 30 s")
            base = f"http://{harness.HOST}:{port}"
            yield base, f"{base}/events/{event_id}"


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    args.add_argument("--dist", type=Path, default=None,
                      help="UI build (default $EVENTCONNECT_FRONTEND_DIST, else frontend/dist)")
    args.add_argument("--json", type=Path, default=None, help="also write the figures here")
    opts = args.parse_args(argv)
    dist = opts.dist.resolve() if opts.dist else None
    if dist is None and os.environ.get("EVENTCONNECT_FRONTEND_DIST"):
        dist = Path(os.environ["EVENTCONNECT_FRONTEND_DIST"]).resolve()
    failures: list[str] = []
    results: dict[str, dict] = {}
    with demo_server(dist) as (home, event):
        for name, url in (("home", f"{home}/"), ("event", event)):
            result = audit(url, opts.runs)
            results[name] = asdict(result)
            print(result.line(name), flush=True)
            if result.performance < TARGET_PERFORMANCE:
                failures.append(f"{name}: performance {result.performance:.0f} < "
                                f"{TARGET_PERFORMANCE}")
            if result.cls >= TARGET_CLS:
                failures.append(f"{name}: CLS {result.cls:.3f} >= {TARGET_CLS}")
    js = initial_js_bytes(dist or frontend_weight.DIST)
    results["initial_js_compressed_bytes"] = {"bytes": js}
    print(f"initial JS, compressed: {js} B ({js / 1024:.1f} KiB); target "
          f"{frontend_weight.TARGET_BYTES // 1024} KiB")
    if js > frontend_weight.TARGET_BYTES:
        failures.append(f"initial JS {js / 1024:.1f} KiB > "
                        f"{frontend_weight.TARGET_BYTES // 1024} KiB")
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=2))
    for failure in failures:
        print(f"BELOW TARGET: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
