"""Serves the baseline the way `eventconnect serve` serves EventConnect: one uvicorn process.

    .venv/bin/python -m bench.baseline --url sqlite:///tmp/baseline.sqlite --port 8100
"""

from __future__ import annotations

import argparse

import uvicorn

from bench.baseline.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    uvicorn.run(create_app(args.url), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
