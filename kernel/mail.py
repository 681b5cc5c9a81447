"""What the write side and the policies need of outgoing mail, as a protocol: the composition
root hands them the real mailer (reactions/mail: templates, `.eml` outbox or SMTP)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar; method=PUBLISH"
    data: bytes


class Mailer(Protocol):
    def send(self, *, kind: str, to: str, locale: str, context: Mapping[str, Any],
             message_id: str, attachments: Sequence[Attachment] = (),
             headers: Mapping[str, str] | None = None) -> None:
        """Renders the kind's templates in `locale` (falling back to English) with `context` and
        sends the message. `message_id` is stable for one logical message, so a retry after a
        crash is recognisable as the same message. Raises on a transport failure."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Messages sent inside are made durable together when it ends (one flush for a batch,
        not one per message); record them as sent only after it."""
        ...
