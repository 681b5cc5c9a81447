"""Use cases of notifications: issue (for the notifier), mark read."""

from __future__ import annotations

from command_api.write_model import WriteModel


class NotificationUseCases(WriteModel):
    """Mixed into `EventConnect`."""
