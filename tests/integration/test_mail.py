"""The mailer on a real SMTP server (aiosmtpd on loopback) and on the `.eml` outbox."""

from __future__ import annotations

import email
import email.policy
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from eventconnect.bootstrap import build_mailer
from eventconnect.settings import Settings
from kernel.mail import Attachment
from reactions.mail import OutboxTransport, SmtpTransport
from reactions.mail.compose import UnsafeHeader
from tests.conftest import TEST_IDENTITY
from tests.mailbox import SmtpSink, smtp_sink

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def context(**extra: Any) -> dict[str, Any]:
    return {"recipient_name": "Asha Rao", "title": "You're registered: Pottery evening",
            "body": "Your seat is confirmed.", "ticket_code": "ABCD2345EFGH6789",
            "event": {"title": "Pottery evening", "when": "Fri 7 June 2030, 19:00 (Europe/Berlin)",
                      "location": "Hall 3", "url": "http://127.0.0.1:8000/events/1"}, **extra}


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    with smtp_sink() as sink:
        yield sink


def smtp_settings(tmp_path: Path, sink: SmtpSink) -> Settings:
    return Settings(data_dir=tmp_path / "var", smtp_host="127.0.0.1", smtp_port=sink.port,
                    smtp_tls="none", mail_from="Club <club@example.org>", **TEST_IDENTITY)


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_smtp_delivers_text_html_and_attachment_to_the_recipient(tmp_path: Path, sink: SmtpSink) -> None:
    mailer = build_mailer(smtp_settings(tmp_path, sink))
    assert isinstance(mailer.transport, SmtpTransport)
    mailer.send(kind="registration_confirmed", to="asha@example.org", locale="en", context=context(),
                message_id="notification.1234", attachments=[
                    Attachment("event.ics", "text/calendar; method=PUBLISH", ICS)])
    [received] = sink.wait_for(1)
    assert received.recipients == ["asha@example.org"]
    assert received.envelope_from == "club@example.org"
    message = received.message
    assert message["Subject"] == "You're registered: Pottery evening"
    assert message["To"] == "Asha Rao <asha@example.org>"
    assert message["From"] == "Club <club@example.org>"
    assert message["Message-ID"] == "<notification.1234@example.org>"
    assert message["X-EventConnect-Kind"] == "registration_confirmed"
    text, html = parts(message)
    assert "Your ticket code: ABCD2345EFGH6789" in text and "Hall 3" in text
    assert "<code" in html and "ABCD2345EFGH6789" in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "event.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_payload(decode=True) == ICS


@pytest.mark.parametrize(("locale", "greeting"), [
    ("de", "Hallo Asha Rao,"),
    ("de-AT", "Hallo Asha Rao,"),
    ("fr", "Hello Asha Rao,"),  # no French templates: English
    ("", "Hello Asha Rao,"),
])
def test_the_recipients_language_with_english_as_fallback(tmp_path: Path, sink: SmtpSink, locale: str,
                                                          greeting: str) -> None:
    build_mailer(smtp_settings(tmp_path, sink)).send(
        kind="registration_confirmed", to="a@example.org", locale=locale, context=context(),
        message_id="m1")
    [received] = sink.wait_for(1)
    text, html = parts(received.message)
    assert text.startswith(greeting) and greeting in html
    assert ("Ihr Ticket-Code" in text) == greeting.startswith("Hallo")
    assert received.message["Content-Language"] == ("de" if greeting.startswith("Hallo") else "en")


def test_a_name_cannot_add_headers_recipients_or_markup(tmp_path: Path, sink: SmtpSink) -> None:
    hostile = 'Eve\r\nBcc: victim@example.org\r\n\r\n<script>alert(1)</script>'
    build_mailer(smtp_settings(tmp_path, sink)).send(
        kind="registration_confirmed", to="eve@example.org", locale="en",
        context=context(recipient_name=hostile, body="<b>bold</b> & more"), message_id="m2")
    [received] = sink.wait_for(1)
    assert received.recipients == ["eve@example.org"]
    message = received.message
    assert message["Bcc"] is None
    assert "\n" not in str(message["To"]) and "eve@example.org" in str(message["To"])
    _, html = parts(message)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html


@pytest.mark.parametrize("field", ["to", "header", "message_id"])
def test_line_breaks_in_addresses_and_headers_are_refused(tmp_path: Path, sink: SmtpSink, field: str) -> None:
    arguments: dict[str, Any] = {"to": "a@example.org", "headers": {"List-Unsubscribe": "<http://x/>"},
                                 "message_id": "m3"}
    arguments[field] = {"to": "a@example.org\r\nBcc: b@example.org",
                        "header": {"List-Unsubscribe": "<http://x/>\r\nBcc: b@example.org"},
                        "message_id": "m3\r\nBcc: b@example.org"}[field]
    if field == "header":
        arguments["headers"] = arguments.pop("header")
    with pytest.raises(UnsafeHeader):
        build_mailer(smtp_settings(tmp_path, sink)).send(
            kind="registration_confirmed", locale="en", context=context(), **arguments)
    assert sink.received == []


def test_extra_headers_are_sent(tmp_path: Path, sink: SmtpSink) -> None:
    build_mailer(smtp_settings(tmp_path, sink)).send(
        kind="registration_confirmed", to="a@example.org", locale="en", context=context(),
        message_id="m4", headers={"List-Unsubscribe": "<http://127.0.0.1:8000/unsubscribe?token=t>",
                                  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    [received] = sink.wait_for(1)
    assert received.message["List-Unsubscribe"] == "<http://127.0.0.1:8000/unsubscribe?token=t>"
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_refused_recipient_raises(tmp_path: Path, sink: SmtpSink) -> None:
    sink.refuse.add("gone@example.org")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        build_mailer(smtp_settings(tmp_path, sink)).send(
            kind="registration_confirmed", to="gone@example.org", locale="en", context=context(),
            message_id="m5")
    assert sink.refused == ["gone@example.org"] and sink.received == []


def test_without_smtp_host_each_message_is_one_eml_in_the_outbox(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", **TEST_IDENTITY)
    mailer = build_mailer(settings)
    assert isinstance(mailer.transport, OutboxTransport)
    send = {"kind": "registration_confirmed", "to": "asha@example.org", "locale": "de",
            "message_id": "notification:abc/1"}
    mailer.send(context=context(), attachments=[Attachment("event.ics", "text/calendar", ICS)], **send)
    [file] = (tmp_path / "var" / "outbox").iterdir()
    assert file == mailer.transport.path_for("notification:abc/1") and file.suffix == ".eml"
    message = email.message_from_bytes(file.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "You're registered: Pottery evening"  # the notification's title
    assert message["X-EventConnect-Kind"] == "registration_confirmed"
    assert "Ihr Ticket-Code: ABCD2345EFGH6789" in parts(message)[0]
    assert isinstance(message, EmailMessage) and len(list(message.iter_attachments())) == 1
    # The same message id again (a retry after a crash) is already sent: the file is kept as is.
    before = file.read_bytes()
    mailer.send(context=context(body="changed"), **send)
    assert [p.name for p in (tmp_path / "var" / "outbox").iterdir()] == [file.name]
    assert file.read_bytes() == before


def test_outbox_file_names_are_safe_and_distinct(tmp_path: Path) -> None:
    outbox = OutboxTransport(tmp_path)
    names = {outbox.path_for(i).name for i in ("a/b", "a_b", "../../etc/passwd", "a:b")}
    assert len(names) == 4
    assert all("/" not in name and not name.startswith(".") for name in names)


def test_a_batch_is_written_whole_and_an_empty_leftover_is_written_again(tmp_path: Path) -> None:
    mailer = build_mailer(Settings(data_dir=tmp_path / "var", **TEST_IDENTITY))
    outbox = mailer.transport
    assert isinstance(outbox, OutboxTransport)
    send = {"kind": "registration_confirmed", "locale": "en", "context": context()}
    # What a crash between the rename and the batch's sync can leave: an empty file.
    outbox.directory.mkdir(parents=True)
    outbox.path_for("m/0").write_bytes(b"")
    with mailer.batch():
        for n in range(3):
            mailer.send(to=f"p{n}@example.org", message_id=f"m/{n}", **send)
    files = sorted(outbox.directory.iterdir())
    assert len(files) == 3 and all(f.stat().st_size > 0 for f in files)
    assert not list(outbox.directory.glob(".sending-*"))
    recipients = {email.message_from_bytes(f.read_bytes(), policy=email.policy.default)["To"]
                  .addresses[0].addr_spec for f in files}
    assert recipients == {"p0@example.org", "p1@example.org", "p2@example.org"}
