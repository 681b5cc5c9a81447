"""Reading what the app mailed: the `.eml` files of `<data dir>/outbox/` (the default transport)."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient


def outbox_dir(client: TestClient) -> Path:
    return Path(client.app.state.container.settings.data_dir) / "outbox"  # type: ignore[attr-defined]


def mails(client: TestClient, *, kind: str, to: str) -> list[EmailMessage]:
    """The messages of `kind` to `to` (any case), oldest first."""
    directory = outbox_dir(client)
    found: list[tuple[float, EmailMessage]] = []
    for path in directory.glob("*.eml") if directory.exists() else ():
        message: Any = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if (message["X-EventConnect-Kind"] == kind
                and message["To"].addresses[0].addr_spec.lower() == to.lower()):
            found.append((path.stat().st_mtime_ns, message))
    return [message for _, message in sorted(found, key=lambda pair: pair[0])]


def text_of(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    return str(part.get_content())  # type: ignore[attr-defined]


def link_token(message: EmailMessage, page: str) -> str:
    """The token of the `<public url>/<page>?token=` link in the plain-text part."""
    match = re.search(rf"/{page}\?token=([A-Za-z0-9._-]+)", text_of(message))
    assert match, f"no {page} link in {text_of(message)!r}"
    return match.group(1)
