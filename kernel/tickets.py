"""Ticket codes: what a confirmed attendee shows at the door (in the email, as a QR code).

A code is the HMAC-SHA256 of the registration id under the deployment's secret, in base32
(letters and digits 2-7 only: read aloud or typed from paper without 0/O or 1/I mix-ups). It is
derived, never stored: the same registration always has the same code, nobody can compute one
without the secret, and a scanner finds the registration by recomputing it (the check-in desk
knows the event's registration ids).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from uuid import UUID

TICKET_CODE_LENGTH = 16  # 80 bits: unguessable at any scanning rate


def ticket_code(secret: str, registration_id: UUID) -> str:
    """The ticket code of a registration, e.g. `K3QZ7XWB2M4TJ6PA`."""
    mac = hmac.new(secret.encode(), b"ticket\x00" + registration_id.bytes, hashlib.sha256).digest()
    return base64.b32encode(mac).decode()[:TICKET_CODE_LENGTH]


def normalise_ticket_code(typed: str) -> str:
    """What a person typed or a scanner read, in the code's own form (no spaces or dashes,
    upper case)."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def is_ticket_code(secret: str, registration_id: UUID, typed: str) -> bool:
    return hmac.compare_digest(ticket_code(secret, registration_id), normalise_ticket_code(typed))
