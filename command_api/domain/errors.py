"""Domain errors: each names the rule that refused a command and carries a stable code.

The HTTP status for each code is decided in one place (`kernel.problems`), not here:
the domain knows which rule was broken, not how the web answers it.
"""

from __future__ import annotations


class DomainError(Exception):
    """A command was refused by a rule of the domain."""

    code = "conflict"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class InvalidEventDetails(DomainError):
    """The event's schedule or capacity breaks a rule (past start, end before start, capacity < 1)."""

    code = "validation_error"


class EventFull(DomainError):
    """Every seat is taken and the event has no waitlist."""

    code = "event_full"


class AlreadyRegistered(DomainError):
    """This attendee already holds an active registration for the event."""

    code = "already_registered"


class RegistrationClosed(DomainError):
    """The event is a draft, cancelled, deleted or has already started."""

    code = "registration_closed"


class CapacityBelowConfirmed(DomainError):
    """Capacity may not drop below the number of confirmed seats."""

    code = "capacity_below_confirmed"


class InvalidTransition(DomainError):
    """The event's status does not allow this change (publish twice, edit a deleted event, ...)."""

    code = "invalid_state"


class RegistrationNotActive(DomainError):
    """The registration was already cancelled."""

    code = "registration_not_active"


class NotConfirmed(DomainError):
    """Only a confirmed registration may do this (check in, rate)."""

    code = "not_confirmed"


class AlreadyCheckedIn(DomainError):
    """The attendee has already been checked in."""

    code = "already_checked_in"


class NotCheckedIn(DomainError):
    """Undoing a check-in that is not there (never made, or already undone)."""

    code = "not_checked_in"


class TicketNotFound(DomainError):
    """A scanned or typed code is no ticket of this event (a typo, or another event's ticket)."""

    code = "ticket_not_found"


class ScanTimeOutOfRange(DomainError):
    """An offline scan's time is in the future or older than a scanner can plausibly hold."""

    code = "checked_in_at_out_of_range"


class BadCancelToken(DomainError):
    """The cancel token does not match the registration."""

    code = "forbidden"


class NotFound(DomainError):
    """No aggregate with this id exists (or it belongs to another event)."""

    code = "not_found"


# --- identity and access -------------------------------------------------------------------------


class NotAuthenticated(DomainError):
    """The request carries no valid credentials: no token, a bad or expired one, or a wrong password."""

    code = "unauthorized"


class InvalidCredentials(NotAuthenticated):
    """The email or the password is wrong (the answer never says which)."""

    code = "invalid_credentials"


class RefreshTokenReused(NotAuthenticated):
    """A refresh token was used a second time; its whole session family is now revoked."""

    code = "token_reused"


class Forbidden(DomainError):
    """The principal's role does not allow this."""

    code = "forbidden"


class NotOwner(DomainError):
    """Only the event's organizer (or an admin) may do this."""

    code = "not_owner"


class EmailTaken(DomainError):
    """An account with this email already exists."""

    code = "email_taken"


class CannotChangeOwnAccess(DomainError):
    """An admin may not change their own role nor deactivate themself (so one admin always remains)."""

    code = "cannot_change_own_access"


class AccountDeactivated(DomainError):
    """The account was deactivated; it can change nothing more."""

    code = "account_deactivated"


# --- reminders (H3) -------------------------------------------------------------------------------


class AlreadyReminded(DomainError):
    """This registration already got the reminder of this offset."""

    code = "already_reminded"


class FeedbackAlreadyRequested(DomainError):
    """This registration was already asked for feedback."""

    code = "feedback_already_requested"


class ReminderNotDue(DomainError):
    """Not due (yet), or no longer meaningful: the event started, or the reminder fell due
    before the registration was made."""

    code = "reminder_not_due"


class RemindersOff(DomainError):
    """The registration (or the member, or the event) gets no reminders: stopped, opted out,
    not confirmed, or the event is not published."""

    code = "reminders_off"


# --- ratings -------------------------------------------------------------------------------------


class InvalidRating(DomainError):
    """The score is not 1-5, or the comment is too long."""

    code = "validation_error"


class RatingNotOpen(DomainError):
    """The event has not started yet: rating opens at its start."""

    code = "rating_not_open"


class RatingClosed(DomainError):
    """Rating closed 30 days after the event ended (or the event was cancelled)."""

    code = "rating_closed"


class NotAttendee(DomainError):
    """Only a holder of a confirmed, active registration for the event may rate it."""

    code = "not_attendee"


class NoComment(DomainError):
    """The rating has no comment (or was withdrawn): there is nothing to hide."""

    code = "no_comment"


class AlreadyHidden(DomainError):
    """The comment is already hidden."""

    code = "already_hidden"


class NotHidden(DomainError):
    """The comment is not hidden: there is nothing to unhide."""

    code = "not_hidden"


# --- recurring series (issue 12) ---


class InvalidRecurrence(DomainError):
    """The recurrence rule combines fields that do not fit together (e.g. a day of the month on a
    weekly series) or yields no occurrence."""

    code = "invalid_recurrence"


class RecurrenceEndRequired(DomainError):
    """A series ends after a number of occurrences or on a date: exactly one of the two."""

    code = "count_or_until"


class TooManyOccurrences(DomainError):
    """A series has at most 100 occurrences."""

    code = "too_many_occurrences"


class StartNotInRule(DomainError):
    """The first occurrence (the event's start) is not a date the rule produces."""

    code = "start_not_in_rule"


class NotInSeries(DomainError):
    """The event named by `from` is not an occurrence of this series."""

    code = "not_in_series"
