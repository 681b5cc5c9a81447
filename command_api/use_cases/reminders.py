"""Use cases of reminders: send a due reminder or feedback request once, stop reminders."""

from __future__ import annotations

from command_api.write_model import WriteModel


class ReminderUseCases(WriteModel):
    """Mixed into `EventConnect`."""
