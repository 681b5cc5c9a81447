"""The write model of EventConnect: the core (`command_api.write_model`: load, commit with
after-commit listeners, `retry_on_conflict`, the clock) with the use cases of each area mixed in
(`command_api.use_cases`). Accounts (`use_cases.accounts.Accounts`) use the same write model.
"""

from __future__ import annotations

from command_api.domain.community_event import CONFIRMED, CommunityEvent
from command_api.use_cases.check_ins import CheckInUseCases, Scan
from command_api.use_cases.events import EventUseCases
from command_api.use_cases.notifications import NotificationUseCases
from command_api.use_cases.ratings import RatingUseCases
from command_api.use_cases.registrations import Admission, Applicant, RegistrationUseCases, Release
from command_api.use_cases.reminders import ReminderUseCases
from command_api.use_cases.series import SeriesUseCases
from command_api.write_model import Clock, WriteModel, retry_on_conflict, utc_now
from kernel.unavailable import TooMuchContention


class EventConnect(EventUseCases, RegistrationUseCases, RatingUseCases, ReminderUseCases,
                   NotificationUseCases, SeriesUseCases, CheckInUseCases):
    """Community events, their registrations, and (through `Accounts`) accounts and sessions."""

    name = "eventconnect"
    snapshotting_intervals = {CommunityEvent: 200}  # noqa: RUF012 - the library reads a class attr


__all__ = ["CONFIRMED", "Admission", "Applicant", "Clock", "EventConnect", "Release", "Scan",
           "TooMuchContention", "WriteModel", "retry_on_conflict", "utc_now"]
