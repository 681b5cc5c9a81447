"""A private PostgreSQL server for tests that stop and start it: initdb into a temporary
directory, its own port and socket directory. The shared server on 5432 is never touched."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_POSTGRES


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateCluster:
    def __init__(self) -> None:
        bin_dir = _binaries()
        # initdb refuses to run as root; the tests run as root, so the cluster belongs to the
        # `postgres` OS user and every server command runs as that user.
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if bin_dir is None or (self._as and not shutil.which("runuser")):
            if REQUIRE_POSTGRES:
                pytest.fail("EVENTCONNECT_REQUIRE_POSTGRES=1 but no PostgreSQL binaries to run "
                            "a private cluster")
            pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl)")
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="ec-faults-pg-"))
        self.data, self.sockets = self.root / "data", self.root / "sock"
        self.sockets.mkdir()
        if self._as:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
        self.port = _free_port()
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--no-sync", "-E", "UTF8")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, str(self.bin / tool), *args], check=True,
                       capture_output=True, timeout=60)

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        # fast: what an outage looks like to clients (sessions cut, new connections refused).
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.root, ignore_errors=True)
