"""The reader's language from a request's `Accept-Language`, for text the server words itself
(history summaries). Only what we have words for counts; anything else reads as English."""

from __future__ import annotations

LANGUAGES = ("en", "de")
DEFAULT = "en"
# A real browser sends a handful of entries; a longer header is junk or abuse, so the rest is
# ignored rather than sorted.
MAX_ENTRIES = 32


def preferred_language(header: str | None) -> str:
    """The first entry in q-order (ties in header order) whose primary subtag we speak, e.g.
    `fr, de;q=0.8` -> "de". Missing, malformed or unknown -> "en"; never raises: a bad header
    must not break a page that shows plenty besides these sentences."""
    if not header:
        return DEFAULT
    ranked: list[tuple[float, int, str]] = []
    for index, entry in enumerate(header.split(",")[:MAX_ENTRIES]):
        tag, *params = entry.split(";")
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0  # an unreadable weight: not a preference we can honour
        # Also rejects nan and inf; q=0 means "not this one" (RFC 9110 12.4.2).
        if not 0.0 < quality <= 1.0:
            continue
        primary = tag.strip().replace("_", "-").split("-")[0].lower()
        if primary in LANGUAGES:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else DEFAULT
