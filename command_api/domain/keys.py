"""The one rule the domain applies to an email: the key that ids derive from.

Distinct on purpose from `kernel.emails.email_normal_form`, the input rule (the email-validator
normal form, e.g. an IDN domain in its canonical spelling) that every request body goes through.
Ids of stored accounts and registrations were derived with this key, so it must never change:
a different rule would give an existing person a new id, and a second account or registration.
"""

from __future__ import annotations


def email_key(email: str) -> str:
    """Emails compare trimmed and case-insensitively."""
    return email.strip().lower()
