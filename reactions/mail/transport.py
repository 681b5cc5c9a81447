"""Where composed messages go: `.eml` files in an outbox directory (the embedded default) or an
SMTP server."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import smtplib
import ssl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Protocol

from reactions.mail.compose import Composed


class Transport(Protocol):
    def deliver(self, message: Composed, message_id: str) -> None:
        """Hands the message on; raises when it could not."""
        ...

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Messages delivered inside are made durable together when it ends (before the
        caller records them as sent)."""
        ...


def outbox_file_name(message_id: str) -> str:
    """A file name for a message id: readable, safe on every file system, and distinct for
    distinct ids (the hash tells apart ids the readable part would merge)."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", message_id)[:80].strip("._") or "message"
    return f"{readable}-{hashlib.sha256(message_id.encode()).hexdigest()[:16]}.eml"


class OutboxTransport:
    """One `.eml` per message in `directory`. The file appears whole or not at all (written
    beside it, then renamed); a non-empty file that already exists is that message already sent.

    Durability: a single message is fsynced before `deliver` returns. Inside `batch()` (the
    delivery worker's batches) the files are written and renamed, and ONE `os.sync()` at the
    end makes them all durable before the worker marks them sent: an fsync per file was the
    largest cost of a reminder fan-out (docs/performance.md), a sync per batch is one flush.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._batching = threading.local()  # request threads mail alone, the worker in batches

    def path_for(self, message_id: str) -> Path:
        return self.directory / outbox_file_name(message_id)

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batching.active = True
        try:
            yield
        finally:
            self._batching.active = False
            os.sync()

    def deliver(self, message: Composed, message_id: str) -> None:
        target = self.path_for(message_id)
        # An empty file is what a crash between rename and sync can leave: write it again.
        if target.exists() and target.stat().st_size > 0:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".sending-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(message.raw)
                file.flush()
                if not getattr(self._batching, "active", False):
                    os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class SmtpTransport:
    """Sends through an SMTP server (`EVENTCONNECT_SMTP_*`). One connection per message keeps a
    failure (a refused recipient, a dropped connection) to that message."""

    def __init__(self, host: str, port: int = 587, *, user: str | None = None,
                 password: str | None = None, tls: Literal["starttls", "ssl", "none"] = "starttls",
                 timeout: float = 10.0, ssl_context: ssl.SSLContext | None = None) -> None:
        self.host, self.port, self.user, self.password = host, port, user, password
        self.tls, self.timeout = tls, timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=self.ssl_context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.tls == "starttls":
            smtp.starttls(context=self.ssl_context)
        return smtp

    @contextmanager
    def batch(self) -> Iterator[None]:
        # The server has each message once it answered 250 to it: nothing to flush.
        yield

    def deliver(self, message: Composed, message_id: str) -> None:
        with self._connect() as smtp:
            if self.user:
                smtp.login(self.user, self.password or "")
            # Raises SMTPRecipientsRefused when the server refuses the (only) recipient.
            smtp.sendmail(message.sender, [message.recipient], message.raw)
