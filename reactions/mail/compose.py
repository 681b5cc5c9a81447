"""Renders one kind of email from its Jinja2 templates into a MIME message.

Templates live in `templates/<locale>/<kind>.{subject,txt,html}.j2`; a locale without them falls
back to English. Every value that reaches a header is checked for CR/LF (a name like
"Eve\\r\\nBcc: x@evil" must never add a header) and the HTML part is autoescaped (a name with
markup stays text).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.headerregistry import Address
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any
from uuid import uuid4

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kernel.mail import Attachment

TEMPLATES = Path(__file__).parent / "templates"
FALLBACK_LOCALE = "en"
# RFC 5322 field names: printable ASCII without ':' and space.
_HEADER_NAME = re.compile(r"^[!-9;-~]+$")
_LINE_BREAKS = re.compile(r"[\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\x85]+")
_ADDR_PART = re.compile(r"[^\s<>@\"(),:;\[\]\\]+")
_KIND = re.compile(r"[a-z][a-z0-9_]*")
_MESSAGE_ID_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.:-]+$")


class UnsafeHeader(ValueError):
    """A value meant for a mail header carries a line break (header injection) or is malformed."""


def one_line(value: str) -> str:
    """A header-safe version of free text (a display name, a subject): every line break and
    control character becomes one space."""
    return " ".join(_LINE_BREAKS.sub(" ", value).split())


def refuse_line_breaks(value: str, what: str) -> str:
    if _LINE_BREAKS.search(value):
        raise UnsafeHeader(f"{what} contains a line break or control character")
    return value


def base_locale(locale: str | None) -> str:
    """`de-DE`, `de_AT` -> `de`; empty -> the fallback."""
    head = re.split(r"[-_]", (locale or "").strip().lower(), maxsplit=1)[0]
    return head if re.fullmatch(r"[a-z]{2,3}", head) else FALLBACK_LOCALE


def parse_address(text: str, what: str) -> Address:
    """`"Name <addr@host>"` or `"addr@host"` as an Address; refuses line breaks anywhere and
    anything but a plain `local@domain` (the inputs were validated as email addresses already)."""
    refuse_line_breaks(text, what)
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>\s]+)>\s*", text)
    name, addr = (match.group(1).strip('"'), match.group(2)) if match else ("", text.strip())
    local, at, domain = addr.rpartition("@")
    if not (at and _ADDR_PART.fullmatch(local) and _ADDR_PART.fullmatch(domain)):
        raise UnsafeHeader(f"{what} is not an email address")
    # Built from parts: Address(addr_spec=...) re-parses the text (~0.2 ms a message).
    return Address(display_name=one_line(name), username=local, domain=domain)


def message_id_header(message_id: str, domain: str) -> str:
    """`<message_id@domain>` (or `<message_id>` when it already names a domain)."""
    refuse_line_breaks(message_id, "message id")
    if not _MESSAGE_ID_PART.fullmatch(message_id.replace("@", "", 1)):
        raise UnsafeHeader("message id has characters a Message-ID cannot carry")
    return f"<{message_id}>" if "@" in message_id else f"<{message_id}@{domain}>"


class Composer:
    """Templates + sender -> messages. One per process (the Jinja environment caches)."""

    def __init__(self, mail_from: str, *, templates: Path = TEMPLATES,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.sender = parse_address(mail_from, "EVENTCONNECT_MAIL_FROM")
        self.clock = clock
        self.templates = templates
        self._locales: dict[tuple[str, str], str] = {}
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            # Only the HTML part is escaped: the text part and subject are not markup.
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

    def locale_for(self, kind: str, locale: str) -> str:
        wanted = base_locale(locale)
        key = (kind, wanted)
        if key not in self._locales:  # a stat per kind and language, not per message
            found = (self.templates / wanted / f"{kind}.subject.j2").is_file()
            self._locales[key] = wanted if found else FALLBACK_LOCALE
        return self._locales[key]

    def render(self, kind: str, locale: str, part: str, context: Mapping[str, Any]) -> str:
        if not _KIND.fullmatch(kind):
            raise ValueError(f"not a mail kind: {kind!r}")
        template = self.env.get_template(f"{self.locale_for(kind, locale)}/{kind}.{part}.j2")
        return template.render(**context, locale=self.locale_for(kind, locale))

    def compose(self, *, kind: str, to: str, locale: str, context: Mapping[str, Any],
                message_id: str, attachments: Sequence[Attachment] = (),
                headers: Mapping[str, str] | None = None) -> Composed:
        recipient = parse_address(to, "recipient")
        name = one_line(str(context.get("recipient_name") or recipient.display_name))
        language = self.locale_for(kind, locale)
        fields = [
            ("Subject", encoded(one_line(self.render(kind, language, "subject", context)))),
            ("From", formataddr((self.sender.display_name, self.sender.addr_spec), "utf-8")),
            ("To", formataddr((name, recipient.addr_spec), "utf-8")),
            ("Date", format_datetime(self.clock())),
            ("Message-ID", message_id_header(message_id, self.sender.domain or "localhost")),
            ("X-EventConnect-Kind", kind),
            ("Content-Language", language),
        ]
        for header, value in (headers or {}).items():
            if not _HEADER_NAME.fullmatch(header):
                raise UnsafeHeader(f"not a header name: {header!r}")
            fields.append((header, refuse_line_breaks(value, f"header {header}")))
        text = self.render(kind, language, "txt", context)
        html = self.render(kind, language, "html", context)
        raw = serialise(fields, text, html, attachments)
        return Composed(raw, self.sender.addr_spec, recipient.addr_spec)


@dataclass(frozen=True)
class Composed:
    """A message ready for a transport: its bytes (RFC 5322 / MIME) and its envelope."""

    raw: bytes
    sender: str
    recipient: str


def encoded(value: str) -> str:
    """A header value, RFC 2047-encoded when not ASCII."""
    return value if value.isascii() else Header(value, "utf-8").encode()


def _base64_lines(data: bytes) -> bytes:
    return b"\r\n".join(binascii.b2a_base64(data[i:i + 57], newline=False)
                         for i in range(0, len(data), 57))


def _part(content_type: str, data: bytes, *extra: str) -> bytes:
    head = [f"Content-Type: {content_type}", "Content-Transfer-Encoding: base64", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + _base64_lines(data) + b"\r\n"


def _text_part(content_type: str, text: str) -> bytes:
    """Quoted-printable: readable in the `.eml` file; "=" is always encoded, so no line of it
    can look like a boundary."""
    body = binascii.b2a_qp(text.replace("\r\n", "\n").encode(), istext=True)
    head = f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    return head.encode() + body.replace(b"\n", b"\r\n") + b"\r\n"


def _multipart(subtype: str, parts: list[bytes]) -> tuple[str, bytes]:
    # Parts are base64 or quoted-printable (no line can start with "--="), or multiparts with
    # their own boundary, so a random boundary can never occur inside them.
    boundary = f"=_ec_{uuid4().hex}"
    body = b"".join(f"--{boundary}\r\n".encode() + part for part in parts)
    return (f'multipart/{subtype}; boundary="{boundary}"',
            body + f"--{boundary}--\r\n".encode())


def serialise(fields: list[tuple[str, str]], text: str, html: str,
              attachments: Sequence[Attachment]) -> bytes:
    """The message's bytes: multipart/alternative (text, HTML), inside multipart/mixed when it
    has attachments. Written directly rather than through `email.generator`, which cost ~2 ms
    per message (a regex compiled per boundary, every header parsed and refolded): a reminder
    fan-out writes 10,000 of them at once. Every header value is single-line by now."""
    alternative_type, alternative = _multipart("alternative", [
        _text_part('text/plain; charset="utf-8"', text),
        _text_part('text/html; charset="utf-8"', html)])
    content_type, body = alternative_type, alternative
    if attachments:
        parts = [f"Content-Type: {alternative_type}\r\n\r\n".encode() + alternative]
        for attachment in attachments:
            filename = one_line(attachment.filename).replace('"', "")
            parts.append(_part(refuse_line_breaks(attachment.content_type, "content type"),
                               attachment.data,
                               f'Content-Disposition: attachment; filename="{encoded(filename)}"'))
        content_type, body = _multipart("mixed", parts)
    head = [*fields, ("MIME-Version", "1.0"), ("Content-Type", content_type)]
    lines = []
    for name, value in head:
        if len(name) + len(value) > 996:
            raise UnsafeHeader(f"header {name} is longer than a mail line may be")
        lines.append(f"{name}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
