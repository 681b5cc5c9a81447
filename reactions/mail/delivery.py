"""Email delivery: follows Notification.Issued (with email wanted) and sends each one, at least
once, deduplicated by its message id.

Two steps, each safe to run in several processes:
- enqueue: the log's Issued events after this queue's tracking row become `email_deliveries` rows
  (message id = the notification's), rows and tracking in one read-model transaction. The queue
  keeps its own tracking row, not a read model's: rebuilding read models must not send again.
- send: due rows are claimed (a lease), rendered and handed to the mailer outside any
  transaction, then marked sent, or retried with back-off with the error recorded. Each message
  is tried on its own: one failing address never holds up the others, and a command never waits
  for (nor fails with) mail.
A crash between sending and marking sends that message again when its lease ends; the outbox
transport recognises the message id, an SMTP server sees the same Message-ID.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.utils import get_topic
from sqlalchemy import Engine, bindparam, select, update

from command_api.application import EventConnect
from command_api.domain.community_event import CommunityEvent
from command_api.domain.notification import Notification
from command_api.domain.vocabulary import NotificationKind as Kind
from kernel import links
from kernel.mail import Attachment, Mailer
from kernel.ticket_qr import qr_png
from kernel.tickets import ticket_code
from projections.claims import claim
from projections.dialects import dialect_of
from projections.tables import email_deliveries, tracking
from reactions.mail.calendar import event_ics
from reactions.wording import format_place, format_when

log = logging.getLogger(__name__)

QUEUE = "email_deliveries"  # its tracking row in the read-model database
ISSUED = get_topic(Notification.Issued)
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)  # doubling: 30 s, 1 min, 2 min ... (7 retries: ~1 h in all)
PERSIST_IDLE_SECONDS = 10.0
LEASE = timedelta(minutes=2)  # a claimed message nobody marked (the sender died) is due again
WITH_TICKET = (Kind.REGISTRATION_CONFIRMED, Kind.PROMOTED)
WITH_UNSUBSCRIBE = (Kind.REMINDER, Kind.FEEDBACK_REQUEST)
DUE_STATES = ("pending", "retry", "sending")

_CLAIM = (update(email_deliveries)
          .where(email_deliveries.c.message_id.in_(bindparam("ids", expanding=True)),
                 email_deliveries.c.state.in_(DUE_STATES),
                 email_deliveries.c.next_attempt_at <= bindparam("now"))
          .values(state="sending", claim=bindparam("claim"), next_attempt_at=bindparam("lease")))
_MARK = (update(email_deliveries)
         .where(email_deliveries.c.message_id == bindparam("_id"),
                email_deliveries.c.claim == bindparam("_claim")))


def message_id_of(notification_id: UUID) -> str:
    return f"notification-{notification_id.hex}"


def retry_delay(attempts: int) -> timedelta:
    return FIRST_RETRY * (2 ** max(0, attempts - 1))


class Delivery:
    """The queue of notification emails and its sender."""

    def __init__(self, write_model: EventConnect, read_engine: Engine, mailer: Mailer, *,
                 link_secret: str, link_base: Callable[[], str], batch_size: int = 500,
                 send_batch: int = 200) -> None:
        self.write_model = write_model
        self.engine = read_engine
        self.mailer = mailer
        self.link_secret = link_secret
        self.link_base = link_base
        self.clock: Callable[[], datetime] = write_model.clock
        self.batch_size = batch_size
        self.send_batch = send_batch
        self.sent = 0  # counters for /metrics
        self.failures = 0
        self._position: int | None = None  # how far the log was queued (may be ahead of stored)
        self._written_at = 0.0
        self._events: dict[str, CommunityEvent | None] = {}
        self._attachments: dict[str, Attachment] = {}
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # --- enqueue ----------------------------------------------------------------------------------

    def _queued_up_to(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(tracking.c.position).where(tracking.c.name == QUEUE)
                                ).scalar() or 0

    def enqueue(self) -> int:
        """Queues the next batch of Issued events; returns how many log positions it moved.

        The rows' primary key (the message id) is what makes queueing idempotent: a batch
        queued twice (two senders, a crash before the tracking row moved) inserts nothing new.
        The tracking row only spares re-reading the log, so a batch without emails moves it in
        memory and writes it now and then, not on every commit."""
        start = self._position if self._position is not None else self._queued_up_to()
        recorder = self.write_model.recorder
        head = recorder.max_notification_id() or 0
        if head <= start:
            return 0
        found = recorder.select_notifications(start + 1, self.batch_size, stop=head,
                                              topics=[ISSUED])
        # Fewer than a batch: every Issued event up to `head` is in it (the store commits its
        # positions in order), so the queue is up to date to `head`.
        reached = found[-1].id if len(found) == self.batch_size else head
        now = self.clock()
        rows = []
        for stored in found:
            issued: Any = self.write_model.mapper.to_domain_event(stored)
            if issued.email_wanted and issued.email:
                rows.append(self._row(issued, now))
        if rows or time.monotonic() - self._written_at >= PERSIST_IDLE_SECONDS:
            with self.engine.begin() as conn:
                claim(conn, QUEUE, None)  # locks (or creates) the row: one writer at a time
                conn.execute(update(tracking).where(tracking.c.name == QUEUE,
                                                    tracking.c.position < reached)
                             .values(position=reached))
                if rows:
                    conn.execute(dialect_of(conn).insert(email_deliveries)
                                 .on_conflict_do_nothing(index_elements=["message_id"]), rows)
            self._written_at = time.monotonic()
        self._position = reached
        return reached - start

    @staticmethod
    def _row(issued: Any, now: datetime) -> dict[str, Any]:
        payload = {"kind": issued.kind, "event_id": issued.event_id and issued.event_id.hex,
                   "registration_id": issued.registration_id, "member_id": issued.member_id,
                   "email": issued.email, "locale": issued.locale, "timezone": issued.timezone,
                   "title": issued.title, "body": issued.body,
                   "name": getattr(issued, "name", "")}
        return {"message_id": message_id_of(issued.originator_id),
                "notification_id": issued.originator_id, "to": issued.email,
                "kind": issued.kind, "state": "pending", "attempts": 0, "last_error": None,
                "next_attempt_at": now, "sent_at": None, "claim": None, "payload": payload,
                "created_at": now}

    # --- send ---------------------------------------------------------------------------------------

    def send_due(self) -> int:
        """Sends the messages due now (up to a batch); returns how many were tried."""
        now = self.clock()
        token = uuid4().hex
        with self.engine.begin() as conn:
            due = list(conn.execute(
                select(email_deliveries.c.message_id)
                .where(email_deliveries.c.state.in_(DUE_STATES),
                       email_deliveries.c.next_attempt_at <= now)
                .order_by(email_deliveries.c.next_attempt_at).limit(self.send_batch)).scalars())
            if not due:
                return 0
            conn.execute(_CLAIM, {"ids": due, "now": now, "claim": token, "lease": now + LEASE})
        with self.engine.connect() as conn:
            claimed = list(conn.execute(select(email_deliveries)
                                        .where(email_deliveries.c.claim == token,
                                               email_deliveries.c.state == "sending")).mappings())
        outcomes = []
        self._events = {}  # each event loaded once per batch
        self._attachments = {}
        with self.mailer.batch():  # durable together before any is marked sent below
            for row in claimed:
                try:
                    self._send(row)
                except Exception as error:  # recorded on the row, retried later
                    # By message id: the address (and an SMTP refusal's text, which echoes
                    # it) stays out of the log; the row's last_error keeps the whole text.
                    log.warning("email %s failed (attempt %d): %s", row["message_id"],
                                row["attempts"] + 1, _reason(error))
                    outcomes.append(self._failed(row, error, token))
                else:
                    outcomes.append({"_id": row["message_id"], "_claim": token, "state": "sent",
                                     "attempts": row["attempts"] + 1, "sent_at": self.clock(),
                                     "claim": None, "last_error": row["last_error"],
                                     "next_attempt_at": row["next_attempt_at"]})
        if outcomes:
            with self.engine.begin() as conn:
                conn.execute(_MARK, outcomes)
        sent = sum(1 for o in outcomes if o["state"] == "sent")
        self.sent += sent
        self.failures += len(outcomes) - sent
        return len(claimed)

    def _failed(self, row: Any, error: Exception, token: str) -> dict[str, Any]:
        attempts = row["attempts"] + 1
        final = attempts >= MAX_ATTEMPTS
        return {"_id": row["message_id"], "_claim": token, "state": "failed" if final else "retry",
                "attempts": attempts, "sent_at": None, "claim": None,
                "last_error": f"{type(error).__name__}: {error}"[:2000],
                "next_attempt_at": self.clock() + (timedelta(0) if final else retry_delay(attempts))}

    def _send(self, row: Any) -> None:
        payload = row["payload"]
        kind = Kind(payload["kind"])
        context, attachments, headers = self._render_inputs(kind, payload)
        self.mailer.send(kind=kind, to=payload["email"], locale=payload["locale"],
                         context=context, message_id=row["message_id"], attachments=attachments,
                         headers=headers)

    def _render_inputs(self, kind: Kind, payload: dict[str, Any]
                       ) -> tuple[dict[str, Any], list[Attachment], dict[str, str]]:
        base = self.link_base()
        event = self._event(payload.get("event_id"))
        context: dict[str, Any] = {"recipient_name": payload.get("name") or "", "kind": str(kind),
                                   "title": payload["title"], "body": payload["body"],
                                   "event": None}
        attachments: list[Attachment] = []
        headers: dict[str, str] = {}
        if event is not None:
            url = f"{base}/events/{event.id}"
            context["event"] = {
                "title": event.title, "url": url, "location": format_place(event.location),
                "when": format_when(event.starts_at, payload["timezone"], payload["locale"])}
            if kind in WITH_TICKET:
                attachments.append(self._ics(event, url))
        registration_id = payload.get("registration_id")
        if event is not None and registration_id:
            # The registration's own page: status, waitlist place, cancel, ticket, rating. For
            # a guest the only way back to it; for the real owner of an address someone else
            # registered, the way to cancel it.
            token = links.registration_token(self.link_secret, UUID(registration_id))
            context["registration_url"] = (
                f"{base}/events/{event.id}/registrations/{UUID(registration_id)}?token={token}")
        if kind in WITH_TICKET and registration_id:
            code = ticket_code(self.link_secret, UUID(registration_id))
            context["ticket_code"] = code
            # The code as a QR image too: the door scans it from the phone's screen.
            attachments.append(Attachment("ticket-qr.png", "image/png", qr_png(code)))
        if kind in WITH_UNSUBSCRIBE:
            subject = f"member:{payload['member_id']}" if payload.get("member_id") else \
                f"registration:{registration_id}"
            url = f"{base}/api/unsubscribe?token={links.sign(self.link_secret, 'unsubscribe', subject)}"
            context["unsubscribe_url"] = url
            headers = {"List-Unsubscribe": f"<{url}>",
                       "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return context, attachments, headers

    def _ics(self, event: CommunityEvent, url: str) -> Attachment:
        """The event's calendar file, made once per batch (the same for every registrant)."""
        key = f"ics:{event.id.hex}"
        if key not in self._attachments:
            self._attachments[key] = Attachment("event.ics", "text/calendar; method=PUBLISH",
                                                event_ics(event, url=url, now=self.clock()))
        return self._attachments[key]

    def _event(self, event_hex: str | None) -> CommunityEvent | None:
        if not event_hex:
            return None
        if event_hex not in self._events:
            self._events[event_hex] = self._load_event(event_hex)
        return self._events[event_hex]

    def _load_event(self, event_hex: str) -> CommunityEvent | None:
        try:
            event = self.write_model.load(UUID(event_hex))
        except AggregateNotFoundError:
            return None
        return event if isinstance(event, CommunityEvent) else None

    # --- loop ---------------------------------------------------------------------------------------

    def run_once(self) -> bool:
        """Queues and sends what there is; False when there was nothing to do."""
        queued = self.enqueue()
        tried = self.send_due()
        return bool(queued or tried)

    def catch_up(self) -> None:
        while self.run_once():
            pass

    def wake(self, position: int = 0) -> None:
        self._wakeup.set()

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="email-delivery", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def run_forever(self, stop: threading.Event) -> None:
        self._stopping = stop
        self._loop()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wakeup.clear()
            try:
                self.catch_up()
            except Exception:
                log.exception("email delivery failed; retrying")
                self._stopping.wait(5.0)
                continue
            # Retries fall due by the clock, not by a commit: look again every second.
            self._wakeup.wait(1.0)


def _reason(error: Exception) -> str:
    """An email failure for the log: the error's type, and an SMTP reply's code but not its text
    (a refused recipient's reply names the address, and so does SMTPRecipientsRefused's text)."""
    if isinstance(error, smtplib.SMTPException):
        code = getattr(error, "smtp_code", None)
        return f"{type(error).__name__} {code}" if code is not None else type(error).__name__
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first}"[:200] if first else type(error).__name__
