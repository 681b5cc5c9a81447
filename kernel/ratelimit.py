"""In-process sliding-window rate limits: slow password guessing per account and per (client
address, account); limit sign-ups per client address.

Per process: with N API workers an attacker gets at most N times the budget, which still turns
millions of guesses into a handful per minute. Memory is bounded: old hits are pruned and the
least recently used keys are dropped past `max_keys`.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


class SlidingWindow:
    """At most `limit` hits per key within any `window` seconds."""

    def __init__(self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if not hits:
            del self._hits[key]
        return hits

    def retry_after(self, key: str) -> int | None:
        """Seconds until this key may try again, or None if it may try now."""
        with self._lock:
            now = self.clock()
            hits = self._recent(key, now)
            if len(hits) < self.limit:
                return None
            return max(1, math.ceil(hits[0] + self.window - now))

    def hit(self, key: str) -> None:
        with self._lock:
            now = self.clock()
            hits = self._recent(key, now)
            if key not in self._hits:
                self._hits[key] = hits
            self._hits.move_to_end(key)
            hits.append(now)
            while len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)


@dataclass
class AuthLimits:
    """The budgets of the sign-in endpoints (see Settings for the numbers).

    Failed sign-ins count per account (however many addresses guess at it) and per (address,
    account); never per address alone, which would let anyone lock out everybody behind a shared
    address (an office, a carrier's NAT) by failing 20 times with made-up accounts."""

    failures_per_account: SlidingWindow
    failures_per_address_and_account: SlidingWindow
    signups_per_address: SlidingWindow

    @staticmethod
    def _pair(email: str, address: str) -> str:
        return f"{address} {email}"  # no address contains a space

    def login_retry_after(self, email: str, address: str) -> int | None:
        waits = [w for w in (self.failures_per_account.retry_after(email),
                             self.failures_per_address_and_account.retry_after(
                                 self._pair(email, address))) if w is not None]
        return max(waits) if waits else None

    def login_failed(self, email: str, address: str) -> None:
        self.failures_per_account.hit(email)
        self.failures_per_address_and_account.hit(self._pair(email, address))

    def login_succeeded(self, email: str, address: str | None = None) -> None:
        # The owner got in: their earlier typos should not lock them out later.
        self.failures_per_account.reset(email)
        if address is not None:
            self.failures_per_address_and_account.reset(self._pair(email, address))


# --- limits spelled in settings (H5) ----------------------------------------------------------------

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_limit(text: str) -> tuple[int, float] | None:
    """`"30/10m"` -> (30, 600.0); `"off"` -> None (no limit). ValueError for anything else."""
    spec = text.strip().lower()
    if spec == "off":
        return None
    count, _, window = spec.partition("/")
    unit = window[-1:] if window[-1:] in _UNITS else "s"
    amount = window[:-1] if window[-1:] in _UNITS else window
    try:
        limit, seconds = int(count), float(amount) * _UNITS[unit]
    except ValueError:
        raise ValueError(f"a limit is '<count>/<window>' like 30/10m, or 'off': {text!r}") from None
    if limit < 1 or not 0 < seconds < math.inf:  # also refuses nan
        raise ValueError(f"a limit needs a count >= 1 and a window > 0: {text!r}")
    return limit, seconds


@dataclass
class EmailLimits:
    """The budgets of the anonymous endpoints that send mail or take a seat.

    `guest_registrations` counts per client address (None: off); password resets count per
    address and, silently, per email (the answer stays 202, but an inbox gets at most a few)."""

    guest_registrations: SlidingWindow | None
    resets_per_address: SlidingWindow
    resets_per_email: SlidingWindow
    verification_resends: SlidingWindow  # per account

    @staticmethod
    def take(window: SlidingWindow | None, key: str) -> int | None:
        """Counts one hit; the seconds to wait instead if the budget is spent (nothing counted)."""
        if window is None:
            return None
        wait = window.retry_after(key)
        if wait is None:
            window.hit(key)
        return wait
