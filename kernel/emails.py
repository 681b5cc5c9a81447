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
import unicodedata
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


def email_normal_form(value: str) -> str:
    """The input rule: the address as email-validator spells it, or ValueError. Not the key ids
    derive from (that is `command_api.domain.keys.email_key`, which this must never replace)."""
    email = value.strip()
    local, at, domain = email.rpartition("@")
    if (at and len(email) <= MAX_EMAIL_LENGTH and len(local) <= MAX_LOCAL_PART_LENGTH
            and domain.isascii() and DOT_ATOM.fullmatch(local)):
        try:
            normal = _normalised_domain(domain)
        except email_validator.EmailNotValidError:
            pass  # pydantic words the reason
        else:
            if normal.isascii():  # all Latin: nothing to mix (a punycode label decodes to Unicode)
                return f"{local}@{normal}"
            return _single_script(f"{local}@{normal}")
    return _single_script(validate_email(value)[1])


# --- look-alike addresses ---------------------------------------------------------------------------
# "paypal.com" with its first "a" Cyrillic (U+0430) reads as the real one: an account (or a
# guest registration) under it impersonates someone. Refused, as browsers do for IDN domains,
# when one part of the address -- the local part, or one domain label -- mixes scripts, by the
# "Highly Restrictive" rule of Unicode TS #39 (section 5.2): one script, or Latin with the
# scripts written together in Chinese, Japanese or Korean. An address wholly in one script
# (всё.рф, ελλάδα.gr) stays valid. The standard library has no Script property: a letter's
# script is the first word of its Unicode name ("CYRILLIC SMALL LETTER A"), which the names
# follow closely enough for this (no confusables package is installed).
_CJK_SETS = (frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
             frozenset({"LATIN", "HAN", "BOPOMOFO"}), frozenset({"LATIN", "HAN", "HANGUL"}))
_SCRIPT_ALIASES = {"CJK": "HAN", "IDEOGRAPHIC": "HAN", "KATAKANA-HIRAGANA": "KATAKANA",
                   "FEMININE": "LATIN", "MASCULINE": "LATIN"}  # the ordinal indicators ª º
_WIDTH_PREFIXES = ("FULLWIDTH", "HALFWIDTH")  # the same letters in another width


def _script(char: str) -> str | None:
    """The script of a letter; None for digits, punctuation, marks and modifier letters, which
    belong to no script (or to the letter they follow)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    words = unicodedata.name(char, "").split()
    if words and words[0] in _WIDTH_PREFIXES:
        words = words[1:]
    if not words or words[0] == "MODIFIER":
        return None
    return _SCRIPT_ALIASES.get(words[0], words[0])


def _mixes_scripts(part: str) -> bool:
    scripts = {script for char in part if (script := _script(char)) is not None}
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _CJK_SETS)


def _single_script(email: str) -> str:
    local, _, domain = email.rpartition("@")
    for part in (local, *domain.split(".")):
        if _mixes_scripts(part):
            raise ValueError(f"{part!r} mixes letters of different scripts, so it can pass for "
                             "another address")
    return email


Email = Annotated[str, StringConstraints(max_length=MAX_EMAIL_LENGTH), AfterValidator(email_normal_form),
                  WithJsonSchema({"type": "string", "format": "email",
                                  "maxLength": MAX_EMAIL_LENGTH})]
