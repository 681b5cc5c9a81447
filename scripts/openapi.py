"""Prints the app's OpenAPI document (what `/api/openapi.json` serves) as JSON with sorted keys.

No server and no projection thread: the app is built on a throwaway SQLite data dir, so the
frontend's generated types (frontend/openapi.json -> src/types/openapi.gen.ts) can be refreshed and
checked anywhere. Usage: `.venv/bin/python scripts/openapi.py > frontend/openapi.json`.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path

# Runnable as a plain script from any directory, installed editable or not.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings


def document() -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="eventconnect-openapi-") as data_dir:
        # Explicit values win over the environment: a DATABASE_URL in the caller's shell must not
        # point this at a real database. The lowest bcrypt cost: nothing is hashed, and the
        # document does not depend on it.
        settings = Settings(data_dir=Path(data_dir), database_url=None, bcrypt_rounds=4)
        container = bootstrap(settings, migrate=True)
        try:
            return create_app(container, projections="none").openapi()
        finally:
            container.read_engine.dispose()


def main() -> None:
    # bootstrap warns about the low bcrypt cost on stderr; stdout carries only the document.
    logging.disable(logging.WARNING)
    json.dump(document(), sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
