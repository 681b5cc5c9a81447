"""Signed links for emails: unguessable, scoped to one purpose and one person, checkable without
storing them (HMAC-SHA256 with the deployment's secret).

A token is `<subject>.<signature>`; the signature covers the purpose too, so an unsubscribe
token can never be replayed as anything else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from uuid import UUID

from kernel.problems import Problem


def _signature(secret: str, purpose: str, subject: str) -> str:
    mac = hmac.new(secret.encode(), f"{purpose}\x00{subject}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:24]).decode().rstrip("=")


def sign(secret: str, purpose: str, subject: str) -> str:
    """A token for `subject` (e.g. "member:<id>" or "registration:<hex>") and `purpose`."""
    if "." in subject:
        raise ValueError("a link subject may not contain '.'")
    return f"{subject}.{_signature(secret, purpose, subject)}"


def verify(secret: str, purpose: str, token: str) -> str:
    """The subject of a valid token for `purpose`; a 404 `invalid_link` problem otherwise (the
    same answer for a forged, altered and foreign token)."""
    subject, _, signature = token.rpartition(".")
    if not subject or not hmac.compare_digest(signature, _signature(secret, purpose, subject)):
        raise Problem(404, "invalid_link", "This link is not valid.")
    return subject


# --- a registration's own page (H5) ----------------------------------------------------------------
# The raw cancel token exists only in the registration's answer; an email (written later by the
# delivery, which never saw it) links the page with this signed token instead. It opens that one
# registration's page and cancels it, like the cancel token.

REGISTRATION_PAGE = "registration"


def registration_token(secret: str, registration_id: UUID) -> str:
    return sign(secret, REGISTRATION_PAGE, f"registration:{registration_id.hex}")


def opens_registration(secret: str, token: str, registration_id: UUID) -> bool:
    """Whether `token` is the signed link of this very registration (not of another one)."""
    try:
        subject = verify(secret, REGISTRATION_PAGE, token)
    except Problem:
        return False
    return hmac.compare_digest(subject, f"registration:{registration_id.hex}")
