"""`serve` projects in a child process: the machine's other core does the read-model work instead
of it competing with request handling for the API process's GIL.

Profiled during a registration rush, the in-process runner thread held the GIL for 8-14 % of the
samples, and every catch-up waited behind request handling for it, which is most of the
projection lag. The child is the same runner `eventconnect project` uses. On SQLite the API wakes
it after each commit with one byte on a pipe (there is no LISTEN/NOTIFY); on PostgreSQL it
listens to the store's NOTIFY like `eventconnect project`. Either way it also catches up every
second, and `X-Consistent-With` in the API reads the tracking table, so it needs no channel back.
The API process restarts the child if it dies and stops it on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import select
import signal
import subprocess
import sys
import threading

from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.0  # catches up at least this often, woken or not
RETRY_SECONDS = 0.05  # the first retry after a failed catch-up; doubles up to IDLE_SECONDS
WATCH_SECONDS = 1.0  # how often the API process checks that the child is alive
STOP_SECONDS = 10.0


class ProjectorProcess:
    """The child process (`eventconnect project --wake-fd N`) and the pipe that wakes it."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._wake_fd: int | None = None
        self._wake_on_commit = False

    def start(self, *, wake_on_commit: bool) -> None:
        """`wake_on_commit`: SQLite has no NOTIFY, so every commit writes a byte to the pipe.
        On PostgreSQL nothing is written; the pipe's end of file still tells the child we left."""
        self._wake_on_commit = wake_on_commit
        child_end, our_end = os.pipe()
        self._process = subprocess.Popen(  # noqa: S603 - our own CLI, no shell
            [sys.executable, "-m", "eventconnect.cli", "project", "--wake-fd", str(child_end)],
            pass_fds=(child_end,))
        os.close(child_end)
        os.set_blocking(our_end, False)
        old, self._wake_fd = self._wake_fd, our_end
        if old is not None:
            os.close(old)
        log.info("projector process %s started", self._process.pid)

    def wake(self, _position: int) -> None:
        """Called after each commit; never blocks the committing thread."""
        if self._wake_fd is None or not self._wake_on_commit:
            return
        # A full pipe means wake-ups are already waiting; a gone child is the watchdog's job.
        with contextlib.suppress(OSError):
            os.write(self._wake_fd, b"\0")

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def watch(self) -> None:
        """Restarts the child whenever it has died (until cancelled)."""
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            if not self.alive():
                code = self._process.returncode if self._process else None
                log.error("projector process exited (%s); starting a new one", code)
                self.start(wake_on_commit=self._wake_on_commit)

    def stop(self) -> None:
        if self._process is not None and self.alive():
            self._process.terminate()  # SIGTERM: it finishes the batch it is committing
            try:
                self._process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._wake_fd is not None:
            os.close(self._wake_fd)
            self._wake_fd = None


def project_when_woken(wake_fd: int) -> None:
    """The child's loop: catch up after every wake-up (or every second) until SIGTERM or the end
    of the pipe (the API process is gone). On PostgreSQL, LISTEN/NOTIFY wakes it instead."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the API, which stops us
    container = bootstrap(Settings(), migrate=False)
    runner = container.runner
    if container.settings.is_postgres:
        threading.Thread(target=_stop_at_end_of_pipe, args=(wake_fd, stop), daemon=True).start()
        runner.run_forever_postgres(stop)
        return
    retry = 0.0  # seconds before the next try after a failed catch-up (0: none failed)
    while not stop.is_set():
        try:
            runner.catch_up_due()  # a failing read model is retried with back-off
            retry = 0.0
        except Exception:
            log.exception("projection catch-up failed; retrying")
            # Mostly a lock the API process held past the busy timeout (its idempotency keys and
            # e-mail queue share the read-model file): retry soon, not after a whole idle second
            # — every live update and read-your-writes wait stands behind this loop.
            retry = min(IDLE_SECONDS, max(RETRY_SECONDS, retry * 2))
        ready, _, _ = select.select([wake_fd], [], [], retry or IDLE_SECONDS)
        if ready and not os.read(wake_fd, 65536):
            return


def _stop_at_end_of_pipe(wake_fd: int, stop: threading.Event) -> None:
    with contextlib.suppress(OSError):
        while os.read(wake_fd, 65536):
            pass
    stop.set()
