"""Input types every command body and query parameter is built from.

The rule they serve: whatever a command accepts, every projection can project, on SQLite and on
PostgreSQL. So text refuses what a read model cannot store or a client cannot render (NUL, which
PostgreSQL's text types refuse; other C0/C1 controls; lone surrogates, which cannot be encoded to
UTF-8; the noncharacters U+FFFE/U+FFFF), lengths are checked after the normalisation the read model
applies (a city is case-folded for its index, and "ß" folds to "ss"), and instants lie in a range
that stays representable after conversion to any zone (Python's datetime ends at year 9999 and a
UTC+14 rendering of 9999-12-31T23:00Z does not exist).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, AwareDatetime, SecretStr

# Instants accepted anywhere (UTC, half-open). 9000 leaves a millennium of room for any zone's
# offset and any event duration; nothing this platform schedules or audits predates 1970.
MIN_INSTANT = datetime(1970, 1, 1, tzinfo=UTC)
MAX_INSTANT = datetime(9000, 1, 1, tzinfo=UTC)

_ZONES = frozenset(available_timezones())


def iana_zone(name: str) -> str:
    """The one time-zone check of commands and queries: a name the zone database lists (so no
    file path, no "localtime") whose data also loads, else ValueError."""
    try:
        if name not in _ZONES:
            raise ZoneInfoNotFoundError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown IANA time zone {name!r}") from None
    return name


_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_NONCHARACTERS = "\ud800-\udfff\ufffe\uffff"
SINGLE_LINE_REFUSED = re.compile(f"[\t\n{_CONTROLS}{_NONCHARACTERS}]")
MULTI_LINE_REFUSED = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}]")


def refused_character(value: str, *, multiline: bool = False) -> str | None:
    """A description of the first character this text may not hold, or None."""
    found = (MULTI_LINE_REFUSED if multiline else SINGLE_LINE_REFUSED).search(value)
    if found is None:
        return None
    return f"U+{ord(found.group()):04X} at offset {found.start()}"


def single_line(value: str) -> str:
    bad = refused_character(value)
    if bad:
        raise ValueError("must be one line without control characters, surrogates or "
                         f"noncharacters ({bad})")
    return value


def multi_line(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")  # a textarea posts CRLF
    bad = refused_character(value, multiline=True)
    if bad:
        raise ValueError("must not contain control characters other than newline and tab, "
                         f"surrogates or noncharacters ({bad})")
    return value


# Last in an Annotated[str, StringConstraints(...), ...]: after the strip and the raw length.
SINGLE_LINE = AfterValidator(single_line)
MULTI_LINE = AfterValidator(multi_line)


def casefolded_within(max_length: int) -> AfterValidator:
    """The read model indexes the case-folded form, which may be longer ("ß" -> "ss")."""
    def check(value: str) -> str:
        folded = len(value.casefold())
        if folded > max_length:
            raise ValueError(f"must be at most {max_length} characters once case-folded "
                             f"(this is {folded})")
        return value
    return AfterValidator(check)


def _representable(value: datetime) -> datetime:
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not MIN_INSTANT <= utc < MAX_INSTANT:
        raise ValueError(f"must lie from {MIN_INSTANT:%Y-%m-%d} to before {MAX_INSTANT:%Y-%m-%d} "
                         "(UTC)")
    return value


Instant = Annotated[AwareDatetime, AfterValidator(_representable)]


def _encodable_secret(value: SecretStr) -> SecretStr:
    """Passwords may hold any character that has a UTF-8 form (bcrypt hashes bytes); NUL is
    refused as well, since bcrypt implementations end the password there."""
    secret = value.get_secret_value()
    if "\x00" in secret or re.search("[\ud800-\udfff]", secret):
        raise ValueError("must not contain NUL or unpaired surrogates")
    return value


EncodableSecret = AfterValidator(_encodable_secret)


def fits(max_length: int) -> AfterValidator:
    """A length check after an earlier validator normalised the value (an e-mail's domain)."""
    def check(value: str) -> str:
        if len(value) > max_length or refused_character(value):
            raise ValueError(f"must be at most {max_length} characters, without control "
                             "characters, once normalised")
        return value
    return AfterValidator(check)


# For query parameters: bounded by the route's Query(max_length=...).
Line = Annotated[str, SINGLE_LINE]
