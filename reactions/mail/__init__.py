"""Outgoing mail: templates (compose.py) and where messages go (transport.py), joined into the
`kernel.mail.Mailer` the rest of the system is given."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from kernel.mail import Attachment
from reactions.mail.compose import Composer
from reactions.mail.transport import OutboxTransport, SmtpTransport, Transport

__all__ = ["Composer", "OutboxTransport", "SmtpTransport", "TemplateMailer", "Transport"]


class TemplateMailer:
    """`kernel.mail.Mailer`: renders the kind's templates and hands the message to a transport."""

    def __init__(self, composer: Composer, transport: Transport) -> None:
        self.composer = composer
        self.transport = transport

    def send(self, *, kind: str, to: str, locale: str, context: Mapping[str, Any],
             message_id: str, attachments: Sequence[Attachment] = (),
             headers: Mapping[str, str] | None = None) -> None:
        message = self.composer.compose(kind=kind, to=to, locale=locale, context=context,
                                        message_id=message_id, attachments=attachments,
                                        headers=headers)
        self.transport.deliver(message, message_id)

    def batch(self) -> AbstractContextManager[None]:
        return self.transport.batch()
