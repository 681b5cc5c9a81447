"""One plain sentence per history entry, in English or German ("Bo was promoted from waitlist
position 1 because Ann cancelled", "Bo ist von Wartelistenplatz 1 nachgerückt, weil Ann storniert
hat").

A sentence needs what came before it: CapacityChanged carries only the new capacity, a
cancellation names the promoted registration but not who it is or where it stood in line, and
rating events after the first carry no author. So `summaries` folds the WHOLE stream once, oldest
first, and callers filter (`as_of`) and page afterwards: an entry reads the same on every page.
Derived at query time, never stored, so wording can improve without migrating events.

An event stream's sentences come from WORDS (language -> named templates): a language is one
table, and a missing template fails a test instead of showing English in a German sentence. The
exceptions are English on purpose: the class name of an event type added later, and account
streams, whose history is worded in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from command_api.domain.account import Account
from command_api.domain.community_event import EDITABLE, CommunityEvent
from command_api.domain.rating import Rating
from command_api.domain.vocabulary import RegistrationStatus

# Resolves an account id to its display name, or None when it names no account.
AccountNames = Callable[[str], str | None]
# Actors recorded by jobs rather than people (`kernel.authz.SYSTEM`, the admin CLI).
SYSTEM_ACTORS = {"system", "cli"}
# How many promoted people a capacity change names before it just counts them.
NAMED = 3


# language -> template key -> template. German has the English keys; "by.*" and "….dat" are
# what follows "von" (dative, "vom System"), which English spells like the subject. Every
# sentence is in the third person: none addresses the reader, so neither "du" nor "Sie" arises.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        # who() and person(): readers never see raw ids
        "who.guest": "a guest",
        "who.system": "the system",
        "who.organizer": "an organizer",
        "who.moderator": "a moderator",
        "who.admin": "an admin",
        "by.guest": " by a guest",
        "by.system": " by the system",
        "by.organizer": " by an organizer",
        "by.moderator": " by a moderator",
        "by.admin": " by an admin",
        "by.name": " by {name}",
        "someone": "someone",
        "someone.dat": "someone",
        "and": " and ",
        # the generic sentence for event types added later
        "generic.for": " for {name}",
        # the event's lifecycle
        "scheduled": '{who} scheduled "{title}" with {seats}',
        "seats.one": "1 seat",
        "seats.many": "{count} seats",
        "published": "{who} published the event",
        "cancelled": "{who} cancelled the event{reason}",
        "cancelled.reason": ": {reason}",
        "deleted": "{who} deleted the event",
        "details_changed": "{who} changed the {fields}",
        "details": "details",
        "capacity.changed": "Capacity {verb} from {old} to {new}{by}",
        "capacity.raised": "raised",
        "capacity.lowered": "lowered",
        "capacity.set": "Capacity set to {new}{by}",
        "capacity.promoted.one": "{text}; {name} promoted from the waitlist",
        "capacity.promoted.many": "{text}; {count} people promoted from the waitlist ({shown})",
        "capacity.more": "{names} and {count} more",
        # registrations
        "confirmed": "{name} registered and got a seat",
        "waitlisted": "{name} joined the waitlist at position {place}",
        "left_waitlist": "{name} left the waitlist{at}",
        "left_waitlist.at": " at position {place}",
        "left_waitlist.removed": "; removed{by}",
        "cancelled.self": "{name} cancelled",
        "cancelled.other": "{name}'s seat was cancelled{by}",
        "promoted": "{promoted} was promoted from waitlist position {place} because {because}",
        "because.self": "{name} cancelled",
        "because.other": "{who} cancelled {name}'s seat",
        "checked_in": "{name} was checked in{by}{how}",
        "checked_in.late": " (sent later by an offline scanner)",
        "check_in_backdated": ("{name}'s check-in moved to an earlier scan from an offline "
                               "scanner (the first scan counts)"),
        "check_in_undone": "{who} undid {name}'s check-in",
        # ratings
        "rated": "{name} rated the event {score} of 5{comment}",
        "rated.comment": " with a comment",
        "rated_again": "{name} rated the event again, {score} of 5",
        "rating_changed": "{name} changed their rating from {old} to {score} of 5",
        "rating_withdrawn": "{name} withdrew their rating of {score}",
        "comment_hidden": "{who} hid {name}'s comment: {reason}",
        "comment_unhidden": "{who} showed {name}'s comment again",
    },
    "de": {
        "who.guest": "ein Gast",
        "who.system": "das System",
        "who.organizer": "ein Veranstalter",
        "who.moderator": "ein Moderator",
        "who.admin": "ein Admin",
        "by.guest": " von einem Gast",
        "by.system": " vom System",
        "by.organizer": " von einem Veranstalter",
        "by.moderator": " von einem Moderator",
        "by.admin": " von einem Admin",
        "by.name": " von {name}",
        "someone": "jemand",
        "someone.dat": "jemandem",
        "and": " und ",
        "generic.for": " für {name}",
        "scheduled": "{who} hat „{title}“ mit {seats} angelegt",
        "seats.one": "1 Platz",
        "seats.many": "{count} Plätzen",
        "published": "{who} hat die Veranstaltung veröffentlicht",
        "cancelled": "{who} hat die Veranstaltung abgesagt{reason}",
        "cancelled.reason": ": {reason}",
        "deleted": "{who} hat die Veranstaltung gelöscht",
        "details_changed": "{who} hat {fields} geändert",
        "details": "die Details",
        "capacity.changed": "Kapazität{by} von {old} auf {new} {verb}",
        "capacity.raised": "erhöht",
        "capacity.lowered": "verringert",
        "capacity.set": "Kapazität{by} auf {new} gesetzt",
        "capacity.promoted.one": "{text}; {name} von der Warteliste nachgerückt",
        "capacity.promoted.many": "{text}; {count} Personen von der Warteliste nachgerückt "
                                  "({shown})",
        "capacity.more": "{names} und {count} weitere",
        "confirmed": "{name} hat sich angemeldet und einen Platz bekommen",
        "waitlisted": "{name} steht auf der Warteliste auf Platz {place}",
        "left_waitlist": "{name} hat die Warteliste verlassen{at}",
        "left_waitlist.at": " (Platz {place})",
        "left_waitlist.removed": ";{by} entfernt",
        "cancelled.self": "{name} hat storniert",
        "cancelled.other": "Der Platz von {name} wurde{by} storniert",
        "promoted": "{promoted} ist von Wartelistenplatz {place} nachgerückt, weil {because}",
        "because.self": "{name} storniert hat",
        "because.other": "{who} den Platz von {name} storniert hat",
        "checked_in": "{name} wurde{by} eingecheckt{how}",
        "checked_in.late": " (später von einem Offline-Scanner übermittelt)",
        "check_in_backdated": ("Der Check-in von {name} wurde auf einen früheren Scan eines "
                               "Offline-Scanners vorverlegt (der erste Scan zählt)"),
        "check_in_undone": "{who} hat den Check-in von {name} rückgängig gemacht",
        "rated": "{name} hat die Veranstaltung mit {score} von 5 bewertet{comment}",
        "rated.comment": " und einen Kommentar geschrieben",
        "rated_again": "{name} hat die Veranstaltung erneut bewertet, mit {score} von 5",
        "rating_changed": "{name} hat die Bewertung von {old} auf {score} von 5 geändert",
        "rating_withdrawn": "{name} hat die Bewertung ({score} von 5) zurückgezogen",
        "comment_hidden": "{who} hat den Kommentar von {name} ausgeblendet: {reason}",
        "comment_unhidden": "{who} hat den Kommentar von {name} wieder eingeblendet",
    },
}

# DetailsChanged's field names as a reader says them; a name missing here shows as itself.
# English keeps the raw name with spaces (what it always said); German needs the article.
FIELDS: dict[str, dict[str, str]] = {
    "en": {name: name.replace("_", " ") for name in EDITABLE},
    "de": {
        "title": "den Titel",
        "description": "die Beschreibung",
        "category": "die Kategorie",
        "tags": "die Schlagwörter",
        "starts_at": "den Beginn",
        "ends_at": "das Ende",
        "timezone": "die Zeitzone",
        "location": "den Ort",
        "waitlist_enabled": "die Warteliste",
    },
}


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


def listed(names: list[str], conjunction: str = " and ") -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + conjunction + names[-1]


class Narrator:
    """The fold: what earlier events told us, and one sentence per event."""

    def __init__(self, account_names: AccountNames, language: str = "en") -> None:
        self._account_names = account_names
        # An unknown language reads as English rather than failing the whole history.
        self.language = language if language in WORDS else "en"
        self._words = WORDS[self.language]
        self._actors: dict[str, str | None] = {}
        self.organizer: tuple[str, str] | None = None  # (id, name) from Scheduled
        self.capacity: int | None = None
        self.people: dict[str, str] = {}  # registration id (hex) -> registrant name
        self.admitted_by: dict[str, str] = {}  # registration id -> actor who registered
        self.line = WaitingLine()
        self.authors: dict[str, str] = {}  # rating id -> author name
        self.account: str | None = None  # the account's own name, in an account stream

    def say(self, key: str, **fields: Any) -> str:
        # Only the template is parsed: names and titles are substituted as they are, braces too.
        return self._words[key].format(**fields)

    def _name(self, actor: str) -> str | None:
        if self.organizer is not None and actor == self.organizer[0]:
            return self.organizer[1]
        if actor not in self._actors:
            self._actors[actor] = self._account_names(actor)
        return self._actors[actor]

    @staticmethod
    def _kind(actor: str) -> str | None:
        if actor == "guest":
            return "guest"
        return "system" if actor in SYSTEM_ACTORS else None

    def who(self, actor: str, unknown: str = "organizer") -> str:
        """A display name for an actor; never a raw id (ids mean nothing to a reader).
        `unknown` names the template (`organizer`, `moderator`, `admin`) for ids of no account."""
        kind = self._kind(actor)
        if kind is not None:
            return self.say("who." + kind)
        return self._name(actor) or self.say("who." + unknown)

    def by(self, actor: str, unknown: str = "organizer") -> str:
        """' by Rae Root' / ' von Rae Root': its own template, as German declines the fallbacks
        after "von" ("vom System", "von einem Gast")."""
        kind = self._kind(actor)
        name = None if kind is not None else self._name(actor)
        if name is not None:
            return self.say("by.name", name=name)
        return self.say("by." + (kind or unknown))

    def person(self, registration_id: str | None, dative: bool = False) -> str:
        name = self.people.get(registration_id or "")
        return name if name is not None else self.say("someone.dat" if dative else "someone")

    def summary(self, event: Any) -> str:
        handler = getattr(self, "_" + type(event).__qualname__.replace(".", "_"), None)
        if handler is not None:
            return str(handler(event))
        return self._generic(event)

    def _generic(self, event: Any) -> str:
        text = humanize(type(event).__name__)
        registration_id = getattr(event, "registration_id", None)
        if isinstance(registration_id, str) and registration_id in self.people:
            text += self.say("generic.for", name=self.people[registration_id])
        actor = getattr(event, "actor", None)
        return text + self.by(actor) if isinstance(actor, str) else text

    # --- the event's lifecycle -----------------------------------------------------------------

    def _CommunityEvent_Scheduled(self, e: CommunityEvent.Scheduled) -> str:
        self.organizer = (e.organizer_id, e.organizer_name)
        self.capacity = e.capacity
        seats = (self.say("seats.one") if e.capacity == 1
                 else self.say("seats.many", count=e.capacity))
        return self.say("scheduled", who=self.who(e.actor), title=e.title, seats=seats)

    def _CommunityEvent_Published(self, e: CommunityEvent.Published) -> str:
        return self.say("published", who=self.who(e.actor))

    def _CommunityEvent_Cancelled(self, e: CommunityEvent.Cancelled) -> str:
        reason = self.say("cancelled.reason", reason=e.reason) if e.reason else ""
        return self.say("cancelled", who=self.who(e.actor), reason=reason)

    def _CommunityEvent_Deleted(self, e: CommunityEvent.Deleted) -> str:
        return self.say("deleted", who=self.who(e.actor))

    def _CommunityEvent_DetailsChanged(self, e: CommunityEvent.DetailsChanged) -> str:
        labels = FIELDS[self.language]
        fields = listed([labels.get(name, name.replace("_", " ")) for name in e.changes],
                        self.say("and"))
        return self.say("details_changed", who=self.who(e.actor),
                        fields=fields or self.say("details"))

    def _CommunityEvent_CapacityChanged(self, e: CommunityEvent.CapacityChanged) -> str:
        # The event carries only the new value: the old one is what the fold saw last.
        old, self.capacity = self.capacity, e.capacity
        by = self.by(e.actor)
        if old is None:
            text = self.say("capacity.set", new=e.capacity, by=by)
        else:
            verb = self.say("capacity.raised" if e.capacity > old else "capacity.lowered")
            text = self.say("capacity.changed", verb=verb, old=old, new=e.capacity, by=by)
        for registration_id in e.promoted:
            self.line.leave(registration_id)
        names = [self.person(r) for r in e.promoted]
        if len(names) == 1:
            return self.say("capacity.promoted.one", text=text, name=names[0])
        if names:
            shown = listed(names, self.say("and")) if len(names) <= NAMED else self.say(
                "capacity.more", names=", ".join(names[:NAMED]), count=len(names) - NAMED)
            return self.say("capacity.promoted.many", text=text, count=len(names), shown=shown)
        return text

    # --- registrations -------------------------------------------------------------------------

    def _admitted(self, e: Any) -> None:
        self.people[e.registration_id] = e.name
        self.admitted_by[e.registration_id] = e.actor

    def _CommunityEvent_RegistrationConfirmed(self, e: CommunityEvent.RegistrationConfirmed) -> str:
        self._admitted(e)
        return self.say("confirmed", name=e.name)

    def _CommunityEvent_RegistrantWaitlisted(self, e: CommunityEvent.RegistrantWaitlisted) -> str:
        self._admitted(e)
        return self.say("waitlisted", name=e.name, place=self.line.join(e.registration_id))

    def _CommunityEvent_RegistrationCancelled(self, e: CommunityEvent.RegistrationCancelled) -> str:
        # Someone else's cancelling (an organizer) is said so; a registrant's own is just theirs.
        self_cancelled = self.admitted_by.get(e.registration_id) == e.actor
        if e.was == RegistrationStatus.WAITLISTED:
            place = self.line.leave(e.registration_id)
            at = self.say("left_waitlist.at", place=place) if place else ""
            removed = "" if self_cancelled else self.say("left_waitlist.removed",
                                                         by=self.by(e.actor))
            return self.say("left_waitlist", name=self.person(e.registration_id), at=at) + removed
        if e.promoted_registration_id is None:
            if self_cancelled:
                return self.say("cancelled.self", name=self.person(e.registration_id))
            return self.say("cancelled.other", name=self.person(e.registration_id, dative=True),
                            by=self.by(e.actor))
        place = self.line.leave(e.promoted_registration_id) or 1
        because = (self.say("because.self", name=self.person(e.registration_id))
                   if self_cancelled else
                   self.say("because.other", who=self.who(e.actor),
                            name=self.person(e.registration_id, dative=True)))
        return self.say("promoted", promoted=self.person(e.promoted_registration_id),
                        place=place, because=because)

    def _CommunityEvent_AttendeeCheckedIn(self, e: CommunityEvent.AttendeeCheckedIn) -> str:
        late = e.checked_in_at is not None and e.checked_in_at < e.timestamp
        return self.say("checked_in", name=self.person(e.registration_id), by=self.by(e.actor),
                        how=self.say("checked_in.late") if late else "")

    def _CommunityEvent_CheckInBackdated(self, e: CommunityEvent.CheckInBackdated) -> str:
        return self.say("check_in_backdated", name=self.person(e.registration_id, dative=True))

    def _CommunityEvent_CheckInUndone(self, e: CommunityEvent.CheckInUndone) -> str:
        return self.say("check_in_undone", who=self.who(e.actor),
                        name=self.person(e.registration_id, dative=True))

    # --- ratings -------------------------------------------------------------------------------

    def _author(self, e: Any, dative: bool = False) -> str:
        name = self.authors.get(str(e.originator_id))
        return name if name is not None else self.say("someone.dat" if dative else "someone")

    def _Rating_Rated(self, e: Rating.Rated) -> str:
        self.authors[str(e.originator_id)] = e.author_name
        comment = self.say("rated.comment") if e.comment else ""
        return self.say("rated", name=e.author_name, score=e.score, comment=comment)

    def _Rating_Changed(self, e: Rating.Changed) -> str:
        if e.previous_score is None:
            return self.say("rated_again", name=self._author(e), score=e.score)
        return self.say("rating_changed", name=self._author(e), old=e.previous_score,
                        score=e.score)

    def _Rating_Withdrawn(self, e: Rating.Withdrawn) -> str:
        return self.say("rating_withdrawn", name=self._author(e), score=e.score)

    def _Rating_CommentHidden(self, e: Rating.CommentHidden) -> str:
        return self.say("comment_hidden", who=self.who(e.actor, "moderator"),
                        name=self._author(e, dative=True), reason=e.reason)

    def _Rating_CommentUnhidden(self, e: Rating.CommentUnhidden) -> str:
        return self.say("comment_unhidden", who=self.who(e.actor, "moderator"),
                        name=self._author(e, dative=True))

    # --- accounts ------------------------------------------------------------------------------
    # English only: the account history is worded in the browser, and its route asks for "en".

    def _by_other(self, e: Any) -> str:
        """ " by Ada Admin" when someone other than the account holder acted, else ""."""
        return "" if e.actor == str(e.originator_id) else self.by(e.actor, "admin")

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
        return (f"{self.who(e.actor, 'admin')} made {self.account or 'the member'} "
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


def summaries(events: Iterable[Any], account_names: AccountNames,
              language: str = "en") -> list[str]:
    """One sentence per event, in the order given (the stream's, oldest first), in `language`
    ("en" or "de"; anything else reads as English)."""
    narrator = Narrator(account_names, language)
    result = []
    for event in events:
        phrase = ACCOUNT_PHRASES.get(type(event))
        if phrase is not None:
            result.append(f"{narrator.account or 'The member'} {phrase}")
        else:
            sentence = narrator.summary(event)
            # A German sentence starts with a capital ("Ein Veranstalter hat …") even when it
            # opens with a fallback actor; the English sentences keep their wording as it was.
            result.append(sentence[:1].upper() + sentence[1:] if language == "de" else sentence)
    return result
