"""E-mail addresses at the door: the verdict and normal form of pydantic's `EmailStr`
(email-validator, no deliverability check), without checking the same domain again for every
registrant.

Profiled in a registration rush, email-validator took ~11 % of the API process: almost all of
it the domain (IDNA, special-use names, label rules), which is the same for every address at
gmail.com. A plain ASCII dot-atom local part is checked here with the RFC 5322 grammar that
email-validator applies to it; its domain's verdict is remembered. Anything else (quoted or
non-ASCII local parts, "Name <addr>" forms, unseen or bad domains) goes through pydantic's own
validation, so errors read the same.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated

import email_validator
from pydantic import AfterValidator, StringConstraints, WithJsonSchema
from pydantic.networks import validate_email

MAX_EMAIL_LENGTH = 254
MAX_LOCAL_PART_LENGTH = 64
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
DOT_ATOM = re.compile(rf"{ATEXT}(?:\.{ATEXT})*")


@lru_cache(maxsize=4096)
def _normalised_domain(domain: str) -> str:
    """Raises EmailNotValidError for a bad domain (exceptions are not cached)."""
    checked = email_validator.validate_email(f"x@{domain}", check_deliverability=False)
    return checked.domain


def normalise_email(value: str) -> str:
    email = value.strip()
    local, at, domain = email.rpartition("@")
    if (at and len(email) <= MAX_EMAIL_LENGTH and len(local) <= MAX_LOCAL_PART_LENGTH
            and domain.isascii() and DOT_ATOM.fullmatch(local)):
        try:
            return f"{local}@{_normalised_domain(domain)}"
        except email_validator.EmailNotValidError:
            pass  # pydantic words the reason
    return validate_email(value)[1]


Email = Annotated[str, StringConstraints(max_length=MAX_EMAIL_LENGTH), AfterValidator(normalise_email),
                  WithJsonSchema({"type": "string", "format": "email",
                                  "maxLength": MAX_EMAIL_LENGTH})]
