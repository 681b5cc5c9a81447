"""Progress of running rebuilds, in this process: the command line draws it as a progress bar,
`/metrics` exports it (`eventconnect_rebuild_*`). A rebuild reports (position reached, head it
aims for) after each batch; readers take a snapshot."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class RebuildState:
    read_model: str
    phase: str  # "filling", ("catching up", "switching": blue/green), "done"
    position: int  # last store position folded in
    target: int  # the store's head when the rebuild began

    @property
    def fraction(self) -> float:
        return 1.0 if self.target <= 0 else min(1.0, self.position / self.target)


_lock = threading.Lock()
_states: dict[str, RebuildState] = {}


def report(state: RebuildState) -> None:
    with _lock:
        _states[state.read_model] = state


def update(read_model: str, **changes: object) -> None:
    with _lock:
        if read_model in _states:
            _states[read_model] = replace(_states[read_model], **changes)  # type: ignore[arg-type]


def snapshot() -> list[RebuildState]:
    """Every rebuild this process ran or runs (the last state of each)."""
    with _lock:
        return list(_states.values())
