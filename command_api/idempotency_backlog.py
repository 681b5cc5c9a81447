"""Answers of commands that did commit but could not be stored under their Idempotency-Key
because the database went away just then. They are kept in memory and stored once it is back;
meanwhile the claim stays pending, so a retry is told to wait (or, in this process, replayed)
rather than running the command a second time."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kernel.unavailable import is_unavailable

log = logging.getLogger(__name__)
RETRY_SECONDS = 1.0


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: the app failed without answering
    body: bytes
    position: str | None
    withheld: tuple[str, ...] = ()


class Backlog:
    def __init__(self, store: Callable[[str, Answer], None]) -> None:
        self._store = store
        self._waiting: dict[str, Answer] = {}
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._stop = threading.Event()

    def get(self, key: str) -> Answer | None:
        with self._lock:
            return self._waiting.get(key)

    def add(self, key: str, answer: Answer) -> None:
        with self._lock:
            self._waiting[key] = answer
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._drain, name="idempotency-backlog",
                                                daemon=True)
                self._worker.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                pending = list(self._waiting.items())
                if not pending:
                    self._worker = None
                    return
            for key, answer in pending:
                try:
                    self._store(key, answer)
                except Exception as failure:
                    if not is_unavailable(failure):
                        # The position, not the key: a key and a body would replay the answer.
                        log.exception("dropping the stored answer of the command at position %s",
                                      answer.position)
                        self._forget(key, answer)
                    continue
                self._forget(key, answer)
            self._stop.wait(RETRY_SECONDS)

    def _forget(self, key: str, answer: Answer) -> None:
        with self._lock:
            if self._waiting.get(key) is answer:
                del self._waiting[key]
