"""The command line's progress bar for `eventconnect rebuild` (rich), fed by the rebuild's own
progress reports (projections/progress.py, which `/metrics` also exports)."""

from __future__ import annotations

import sys
import threading
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from projections import progress

REFRESH_SECONDS = 0.2


def rebuild_with_bar(runner: Any, read_model: str, *, bar: bool = True) -> int:
    """Runs the rebuild, drawing its progress on stderr (only when stderr is a terminal, or
    rich would litter logs and pipes with control codes)."""
    if not bar or not sys.stderr.isatty():
        return int(runner.rebuild(read_model))
    done = threading.Event()
    with Progress(TextColumn("rebuild {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("events"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=False) as shown:
        task = shown.add_task(read_model, total=None)

        def follow() -> None:
            while not done.wait(REFRESH_SECONDS):
                for state in progress.snapshot():
                    if state.read_model == read_model:
                        shown.update(task, completed=state.position, total=state.target)

        watcher = threading.Thread(target=follow, name="rebuild-progress", daemon=True)
        watcher.start()
        try:
            position = int(runner.rebuild(read_model))
        finally:
            done.set()
            watcher.join()
        shown.update(task, completed=position, total=max(position, 1))
    return position
