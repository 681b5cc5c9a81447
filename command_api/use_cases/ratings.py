"""Use cases of ratings: rate, withdraw, hide and unhide a comment."""

from __future__ import annotations

from command_api.write_model import WriteModel


class RatingUseCases(WriteModel):
    """Mixed into `EventConnect`."""
