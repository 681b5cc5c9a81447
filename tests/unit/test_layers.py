"""Imports point one way (docs/architecture.md): the contracts hold, and the kernel loads alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold() -> None:
    # In its own process: import-linter run in-process reconfigures logging and silenced every
    # existing logger for the tests that ran after it (their caplog assertions then failed).
    checked = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 broken" in checked.stdout, checked.stdout


def test_the_kernel_loads_without_either_side_or_the_root() -> None:
    # In a fresh interpreter: `eventconnect.deps -> container -> command_api -> deps` was a cycle.
    probe = ("import json, sys, pkgutil, importlib, kernel\n"
             "for m in pkgutil.iter_modules(kernel.__path__): importlib.import_module('kernel.' + m.name)\n"
             "print(json.dumps(sorted(n for n in sys.modules\n"
             "    if n.split('.')[0] in ('command_api', 'query_api', 'projections', 'eventconnect'))))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=60).stdout
    loaded = json.loads(out)
    assert loaded, "the probe imported nothing"
    assert all(n == "command_api" or n.startswith("command_api.domain") for n in loaded), loaded
