"""One plain-English sentence per history entry ("Bo was promoted from waitlist position 1
because Ann cancelled").

A sentence needs what came before it: CapacityChanged carries only the new capacity, a
cancellation names the promoted registration but not who it is or where it stood in line, and
rating events after the first carry no author. So `summaries` folds the WHOLE stream once, oldest
first, and callers filter (`as_of`) and page afterwards: an entry reads the same on every page.
Derived at query time, never stored, so wording can improve without migrating events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from command_api.domain.account import Account
from command_api.domain.community_event import CommunityEvent
from command_api.domain.rating import Rating
from command_api.domain.vocabulary import RegistrationStatus

# Resolves an account id to its display name, or None when it names no account.
AccountNames = Callable[[str], str | None]
# Actors recorded by jobs rather than people (`kernel.authz.SYSTEM`, the admin CLI).
SYSTEM_ACTORS = {"system", "cli"}
# How many promoted people a capacity change names before it just counts them.
NAMED = 3


class WaitingLine:
    """The waitlist in join order, answering "which place is this registration" in log time
    (a Fenwick tree over join numbers): a list's index() made long waitlists quadratic."""

    def __init__(self) -> None:
        self._seq: dict[str, int] = {}
        self._tree: list[int] = [0]

    def _add(self, index: int, delta: int) -> None:
        while index < len(self._tree):
            self._tree[index] += delta
            index += index & -index

    def join(self, registration_id: str) -> int:
        self._tree.append(0)
        seq = len(self._tree) - 1
        # A new slot must also hold the sums of the slots it covers.
        lower = seq - (seq & -seq)
        self._tree[seq] = self._prefix(seq - 1) - self._prefix(lower)
        self._seq[registration_id] = seq
        self._add(seq, 1)
        return len(self._seq)

    def _prefix(self, index: int) -> int:
        total = 0
        while index > 0:
            total += self._tree[index]
            index -= index & -index
        return total

    def leave(self, registration_id: str) -> int | None:
        """Removes the registration; returns the place it held (None if not waiting)."""
        seq = self._seq.pop(registration_id, None)
        if seq is None:
            return None
        place = self._prefix(seq)
        self._add(seq, -1)
        return place


def humanize(name: str) -> str:
    """`CheckInUndone` -> "Check in undone": readable words for event types added later."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:]


def listed(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class Narrator:
    """The fold: what earlier events told us, and one sentence per event."""

    def __init__(self, account_names: AccountNames) -> None:
        self._account_names = account_names
        self._actors: dict[str, str | None] = {}
        self.organizer: tuple[str, str] | None = None  # (id, name) from Scheduled
        self.capacity: int | None = None
        self.people: dict[str, str] = {}  # registration id (hex) -> registrant name
        self.admitted_by: dict[str, str] = {}  # registration id -> actor who registered
        self.line = WaitingLine()
        self.authors: dict[str, str] = {}  # rating id -> author name
        self.account: str | None = None  # the account's own name, in an account stream

    def who(self, actor: str, unknown: str = "an organizer") -> str:
        """A display name for an actor; never a raw id (ids mean nothing to a reader)."""
        if actor == "guest":
            return "a guest"
        if actor in SYSTEM_ACTORS:
            return "the system"
        if self.organizer is not None and actor == self.organizer[0]:
            return self.organizer[1]
        if actor not in self._actors:
            self._actors[actor] = self._account_names(actor)
        return self._actors[actor] or unknown

    def person(self, registration_id: str | None) -> str:
        return self.people.get(registration_id or "", "someone")

    def summary(self, event: Any) -> str:
        handler = getattr(self, "_" + type(event).__qualname__.replace(".", "_"), None)
        if handler is not None:
            return str(handler(event))
        return self._generic(event)

    def _generic(self, event: Any) -> str:
        text = humanize(type(event).__name__)
        registration_id = getattr(event, "registration_id", None)
        if isinstance(registration_id, str) and registration_id in self.people:
            text += f" for {self.people[registration_id]}"
        actor = getattr(event, "actor", None)
        return f"{text} by {self.who(actor)}" if isinstance(actor, str) else text

    # --- the event's lifecycle -----------------------------------------------------------------

    def _CommunityEvent_Scheduled(self, e: CommunityEvent.Scheduled) -> str:
        self.organizer = (e.organizer_id, e.organizer_name)
        self.capacity = e.capacity
        seats = "1 seat" if e.capacity == 1 else f"{e.capacity} seats"
        return f'{self.who(e.actor)} scheduled "{e.title}" with {seats}'

    def _CommunityEvent_Published(self, e: CommunityEvent.Published) -> str:
        return f"{self.who(e.actor)} published the event"

    def _CommunityEvent_Cancelled(self, e: CommunityEvent.Cancelled) -> str:
        reason = f": {e.reason}" if e.reason else ""
        return f"{self.who(e.actor)} cancelled the event{reason}"

    def _CommunityEvent_Deleted(self, e: CommunityEvent.Deleted) -> str:
        return f"{self.who(e.actor)} deleted the event"

    def _CommunityEvent_DetailsChanged(self, e: CommunityEvent.DetailsChanged) -> str:
        fields = listed([name.replace("_", " ") for name in e.changes])
        return f"{self.who(e.actor)} changed the {fields or 'details'}"

    def _CommunityEvent_CapacityChanged(self, e: CommunityEvent.CapacityChanged) -> str:
        # The event carries only the new value: the old one is what the fold saw last.
        old, self.capacity = self.capacity, e.capacity
        verb = "raised" if old is None or e.capacity > old else "lowered"
        text = f"Capacity {verb} from {old} to {e.capacity}" if old is not None else (
            f"Capacity set to {e.capacity}")
        text += f" by {self.who(e.actor)}"
        for registration_id in e.promoted:
            self.line.leave(registration_id)
        names = [self.person(r) for r in e.promoted]
        if len(names) == 1:
            return f"{text}; {names[0]} promoted from the waitlist"
        if names:
            shown = listed(names) if len(names) <= NAMED else (
                ", ".join(names[:NAMED]) + f" and {len(names) - NAMED} more")
            return f"{text}; {len(names)} people promoted from the waitlist ({shown})"
        return text

    # --- registrations -------------------------------------------------------------------------

    def _admitted(self, e: Any) -> None:
        self.people[e.registration_id] = e.name
        self.admitted_by[e.registration_id] = e.actor

    def _CommunityEvent_RegistrationConfirmed(self, e: CommunityEvent.RegistrationConfirmed) -> str:
        self._admitted(e)
        return f"{e.name} registered and got a seat"

    def _CommunityEvent_RegistrantWaitlisted(self, e: CommunityEvent.RegistrantWaitlisted) -> str:
        self._admitted(e)
        return f"{e.name} joined the waitlist at position {self.line.join(e.registration_id)}"

    def _CommunityEvent_RegistrationCancelled(self, e: CommunityEvent.RegistrationCancelled) -> str:
        name = self.person(e.registration_id)
        # Someone else's cancelling (an organizer) is said so; a registrant's own is just theirs.
        self_cancelled = self.admitted_by.get(e.registration_id) == e.actor
        by = "" if self_cancelled else f" by {self.who(e.actor)}"
        if e.was == RegistrationStatus.WAITLISTED:
            place = self.line.leave(e.registration_id)
            at = f" at position {place}" if place else ""
            return f"{name} left the waitlist{at}" + (
                "" if self_cancelled else f"; removed{by}")
        if e.promoted_registration_id is None:
            return f"{name} cancelled" if self_cancelled else f"{name}'s seat was cancelled{by}"
        place = self.line.leave(e.promoted_registration_id) or 1
        promoted = self.person(e.promoted_registration_id)
        because = (f"{name} cancelled" if self_cancelled
                   else f"{self.who(e.actor)} cancelled {name}'s seat")
        return f"{promoted} was promoted from waitlist position {place} because {because}"

    def _CommunityEvent_AttendeeCheckedIn(self, e: CommunityEvent.AttendeeCheckedIn) -> str:
        late = e.checked_in_at is not None and e.checked_in_at < e.timestamp
        how = " (sent later by an offline scanner)" if late else ""
        return f"{self.person(e.registration_id)} was checked in by {self.who(e.actor)}{how}"

    def _CommunityEvent_CheckInBackdated(self, e: CommunityEvent.CheckInBackdated) -> str:
        return (f"{self.person(e.registration_id)}'s check-in moved to an earlier scan from an "
                "offline scanner (the first scan counts)")

    def _CommunityEvent_CheckInUndone(self, e: CommunityEvent.CheckInUndone) -> str:
        return f"{self.who(e.actor)} undid {self.person(e.registration_id)}'s check-in"

    # --- ratings -------------------------------------------------------------------------------

    def _author(self, e: Any) -> str:
        return self.authors.get(str(e.originator_id), "someone")

    def _Rating_Rated(self, e: Rating.Rated) -> str:
        self.authors[str(e.originator_id)] = e.author_name
        comment = " with a comment" if e.comment else ""
        return f"{e.author_name} rated the event {e.score} of 5{comment}"

    def _Rating_Changed(self, e: Rating.Changed) -> str:
        if e.previous_score is None:
            return f"{self._author(e)} rated the event again, {e.score} of 5"
        return f"{self._author(e)} changed their rating from {e.previous_score} to {e.score} of 5"

    def _Rating_Withdrawn(self, e: Rating.Withdrawn) -> str:
        return f"{self._author(e)} withdrew their rating of {e.score}"

    def _Rating_CommentHidden(self, e: Rating.CommentHidden) -> str:
        return f"{self.who(e.actor, 'a moderator')} hid {self._author(e)}'s comment: {e.reason}"

    def _Rating_CommentUnhidden(self, e: Rating.CommentUnhidden) -> str:
        return f"{self.who(e.actor, 'a moderator')} showed {self._author(e)}'s comment again"

    # --- accounts ------------------------------------------------------------------------------

    def _by_other(self, e: Any) -> str:
        """ " by Ada Admin" when someone other than the account holder acted, else ""."""
        return "" if e.actor == str(e.originator_id) else f" by {self.who(e.actor, 'an admin')}"

    def _Account_SignedUp(self, e: Account.SignedUp) -> str:
        self.account = e.name
        self._actors[str(e.originator_id)] = e.name
        if e.actor == str(e.originator_id):
            return f"{e.name} signed up as {_article(e.role)}"
        return f"{e.name}'s account was created as {_article(e.role)}{self._by_other(e)}"

    def _Account_ProfileChanged(self, e: Account.ProfileChanged) -> str:
        before = self.account or "The member"
        if "name" in e.changes:
            self.account = self._actors[str(e.originator_id)] = e.changes["name"]
        fields = listed([name.replace("_", " ") for name in e.changes])
        return f"{before}'s {fields or 'profile'} changed{self._by_other(e)}"

    def _Account_RoleGranted(self, e: Account.RoleGranted) -> str:
        return (f"{self.who(e.actor, 'an admin')} made {self.account or 'the member'} "
                f"{_article(e.role)} (was {e.previous})")

    def _Account_Deactivated(self, e: Account.Deactivated) -> str:
        return f"{self.account or 'The member'}'s account was deactivated{self._by_other(e)}"

    def _Account_NotificationPreferencesChanged(
            self, e: Account.NotificationPreferencesChanged) -> str:
        return (f"{self.account or 'The member'} turned event emails "
                f"{'on' if e.email else 'off'} and reminders {'on' if e.reminders else 'off'}")


# Account events whose sentence needs nothing but the holder's name.
ACCOUNT_PHRASES: dict[type, str] = {
    Account.PasswordChanged: "changed their password",
    Account.VerificationRequested: "was sent an email to verify their address",
    Account.EmailVerified: "verified their email address",
    Account.PasswordResetRequested: "asked to reset their password",
    Account.PasswordReset: "reset their password",
    Account.CalendarFeedIssued: "created a calendar feed link",
    Account.CalendarFeedRevoked: "revoked their calendar feed link",
}


def _article(role: str) -> str:
    return ("an " if role[:1] in "aeiou" else "a ") + role


def summaries(events: Iterable[Any], account_names: AccountNames) -> list[str]:
    """One sentence per event, in the order given (the stream's, oldest first)."""
    narrator = Narrator(account_names)
    result = []
    for event in events:
        phrase = ACCOUNT_PHRASES.get(type(event))
        if phrase is not None:
            result.append(f"{narrator.account or 'The member'} {phrase}")
        else:
            result.append(narrator.summary(event))
    return result
