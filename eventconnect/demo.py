"""Demo data for a first start: people in every role and a community's season — past events
with check-ins, ratings and comments, a weekly series, a sold-out night with a waitlist, events
at local times that make sense (`eventconnect.demo_data`), organized by the demo organizer.

Everything is made through the same use cases users run, each step at the instant it happens
(`Timeline`): a past event was scheduled weeks before it started, registered for, checked in at
the door and rated afterwards, so the dashboard, the history and time travel show a real story.

The demo accounts get random passwords, returned once so the first start can print them; they
are written nowhere else.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from command_api.application import Admission, EventConnect
from command_api.domain.account import MEMBER, Account, account_id_for
from command_api.domain.recurrence import Recurrence
from command_api.domain.vocabulary import RegistrationStatus
from command_api.use_cases.accounts import Accounts
from eventconnect.demo_data import (
    DEMO_EVENTS,
    DEMO_PEOPLE,
    FIRST_NAMES,
    LAST_NAMES,
    RATINGS,
    SERIES,
    SERIES_COUNT,
    DemoEvent,
)
from kernel.authz import Principal, system

Admitted = tuple[Admission, Account | None]  # a registration, and the member who holds it

__all__ = ["DEMO_PEOPLE", "DemoSeed", "print_credentials", "seed_demo"]


@dataclass
class DemoSeed:
    position: int = 0
    # (email, role, password) of the accounts created now; empty when they already existed
    credentials: list[tuple[str, str, str]] = field(default_factory=list)


class Timeline:
    """Steps at the instants they happen, run in time order with the write model's clock set to
    each: the rules (no start in the past, rating only after the start) hold as they did then."""

    def __init__(self) -> None:
        self._steps: list[tuple[datetime, int, Callable[[], Any]]] = []

    def at(self, when: datetime, step: Callable[[], Any]) -> None:
        self._steps.append((when, len(self._steps), step))

    def run(self, app: EventConnect) -> None:
        real = app.clock
        try:
            for when, _, step in sorted(self._steps, key=lambda s: (s[0], s[1])):
                app.clock = lambda when=when: when  # type: ignore[misc]
                step()
        finally:
            app.clock = real  # type: ignore[method-assign]


def _take(ids: list[UUID], w: int, one: list[UUID]) -> None:
    one.append(ids[w])  # the series' w-th occurrence, once the series exists


def local_start(day: date, local_time: str, zone: str) -> datetime:
    hours, minutes = (int(part) for part in local_time.split(":"))
    return datetime.combine(day, time(hours, minutes), ZoneInfo(zone)).astimezone(UTC)


def guest_name(i: int, n: int) -> str:
    return f"{FIRST_NAMES[(i + 3 * n) % len(FIRST_NAMES)]} {LAST_NAMES[(7 * i + n) % len(LAST_NAMES)]}"


class Season:
    """The demo season on one timeline; `seed.position` ends at the last step's position."""

    def __init__(self, app: EventConnect, seed: DemoSeed, organizer: Account,
                 members: list[Account]) -> None:
        self.app, self.seed, self.organizer, self.members = app, seed, organizer, members
        self.now = app.clock()
        self.line = Timeline()
        self.door = system(organizer.actor_id)

    def _saved(self, position: int) -> None:
        self.seed.position = max(self.seed.position, position)

    def details(self, spec: DemoEvent, starts_at: datetime) -> dict[str, Any]:
        return dict(
            organizer_id=self.organizer.actor_id, organizer_name=self.organizer.name,
            title=spec.title, description=spec.about, category=spec.category,
            tags=list(spec.tags), starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=spec.hours), timezone=spec.zone,
            location={"country": spec.country, "city": spec.city, "venue": spec.venue},
            capacity=spec.capacity, waitlist_enabled=True)

    def event(self, n: int, spec: DemoEvent) -> None:
        today = self.now.astimezone(ZoneInfo(spec.zone)).date()
        starts_at = local_start(today + timedelta(days=spec.days), spec.local_time, spec.zone)
        created = (starts_at - timedelta(days=21) if starts_at < self.now
                   else self.now - timedelta(days=6, hours=-n))
        ids: list[UUID] = []

        def schedule() -> None:
            event_id, position = self.app.create_event(actor=self.organizer.actor_id,
                                                       publish=True,
                                                       **self.details(spec, starts_at))
            ids.append(event_id)
            self._saved(position)

        self.line.at(created, schedule)
        self.attend(n, spec, ids, created, starts_at, spec.registrants)

    def series(self) -> None:
        spec = SERIES
        day = self.now.astimezone(ZoneInfo(spec.zone)).date() + timedelta(days=spec.days)
        day -= timedelta(days=(day.weekday() - 3) % 7)  # the Thursday on or before
        starts = [local_start(day + timedelta(weeks=w), spec.local_time, spec.zone)
                  for w in range(SERIES_COUNT)]
        created = starts[0] - timedelta(days=10)
        ids: list[UUID] = []

        def schedule() -> None:
            _, event_ids, position = self.app.create_series(
                Recurrence(freq="weekly", by_weekday=("TH",), count=SERIES_COUNT),
                actor=self.organizer.actor_id, publish=True, **self.details(spec, starts[0]))
            ids.extend(event_ids)
            self._saved(position)

        self.line.at(created, schedule)
        for w, starts_at in enumerate(starts[:4]):  # the next weeks fill up as they come near
            one: list[UUID] = []
            self.line.at(created, partial(_take, ids, w, one))
            self.attend(100 + w, spec, one, created, starts_at, spec.registrants - 2 * w)

    def attend(self, n: int, spec: DemoEvent, ids: list[UUID], opened: datetime,
               starts_at: datetime, count: int) -> None:
        """Registrations spread from `opened` until shortly before the start (or now); then,
        for a past event, the door and the ratings."""
        last = min(starts_at - timedelta(hours=2), self.now - timedelta(minutes=5))
        step = (last - opened) / (count + 1)
        admitted: list[Admitted] = []
        for i in range(count):
            member = self.members[(n + i) % len(self.members)] if i < 2 else None
            self.line.at(opened + step * (i + 1),
                         partial(self._register, ids, i, n, member, admitted))
        if count > spec.capacity:  # someone gives up a seat: the first in line moves up
            self.line.at(opened + step * (count + 0.5), partial(self._cancel, ids, admitted, 2))
        if starts_at >= self.now:
            return
        for i in range(count):
            # about one in six does not come
            if i % 6 != 5:
                self.line.at(starts_at - timedelta(minutes=20) + timedelta(seconds=70 * i),
                             partial(self._check_in, ids, admitted, i))
        ends_at = starts_at + timedelta(hours=spec.hours)
        for i in range(0, count, 2):
            if i % 6 != 5:
                self.line.at(ends_at + timedelta(hours=3, minutes=37 * i),
                             partial(self._rate, ids, admitted, i, i + n))

    def _register(self, ids: list[UUID], i: int, n: int, member: Account | None,
                  admitted: list[Admitted]) -> None:
        event_id = ids[0]
        if member is not None:
            admission = self.app.register(event_id, name=member.name, email=member.email,
                                          actor=member.actor_id, member_id=member.actor_id)
        else:
            admission = self.app.register(event_id, name=guest_name(i, n),
                                          email=f"guest{n}.{i}@demo.example", actor="guest")
        self._saved(admission.position)
        admitted.append((admission, member))

    def _cancel(self, ids: list[UUID], admitted: list[Admitted], i: int) -> None:
        admission, _ = admitted[i]
        release = self.app.cancel_registration(ids[0], admission.registration_id,
                                               principal=Principal(), token=admission.cancel_token)
        self._saved(release.position)

    def _seated(self, event_id: UUID, admission: Any) -> bool:
        event = self.app.load_event(event_id)
        registration = self.app.load_registration(event, admission.registration_id)
        return (registration.active
                and event.status_of(admission.registration_id) == RegistrationStatus.CONFIRMED)

    def _check_in(self, ids: list[UUID], admitted: list[Admitted], i: int) -> None:
        event_id, (admission, _) = ids[0], admitted[i]
        if self._seated(event_id, admission):
            self._saved(self.app.scan(event_id, admission.registration_id,
                                      principal=self.door).position or 0)

    def _rate(self, ids: list[UUID], admitted: list[Admitted], i: int, k: int) -> None:
        event_id, (admission, member) = ids[0], admitted[i]
        if not self._seated(event_id, admission):
            return
        score, comment = RATINGS[k % len(RATINGS)]
        if member is not None:
            principal = Principal(id=member.actor_id, role=MEMBER, email=member.email,
                                  name=member.name)
            saved = self.app.rate_as_member(event_id, score=score, comment=comment,
                                            principal=principal)
        else:
            saved = self.app.rate_as_guest(event_id, admission.registration_id,
                                           token=admission.cancel_token, score=score,
                                           comment=comment, principal=Principal())
        self._saved(saved.position)


def _person(accounts: Accounts, seed: DemoSeed, email: str, name: str, role: str,
            zone: str) -> Account:
    existing = accounts.find(account_id_for(email))
    if existing is not None:
        return existing
    password = secrets.token_urlsafe(12)
    account, seed.position = accounts.sign_up(email=email, password=password, name=name,
                                              timezone=zone, role=role, actor="system")
    seed.credentials.append((email, role, password))
    return account


def seed_demo(app: EventConnect, accounts: Accounts) -> DemoSeed:
    """Creates the demo people and the season through the same use cases users run."""
    seed = DemoSeed()
    now = app.clock()
    people: dict[str, Account] = {}
    # The people joined before the season began.
    joined = Timeline()
    joined.at(now - timedelta(days=60), lambda: people.update(
        {email: _person(accounts, seed, email, name, role, zone)
         for email, name, role, zone in DEMO_PEOPLE}))
    joined.run(app)
    season = Season(app, seed, people["organizer@demo.example"],
                    [people[f"member{i}@demo.example"] for i in (1, 2, 3)])
    for n, spec in enumerate(DEMO_EVENTS):
        season.event(n, spec)
    season.series()
    season.line.run(app)
    return seed


def print_credentials(seed: DemoSeed) -> None:
    """Shown once, at the first start; the passwords are stored nowhere (only their hashes)."""
    if not seed.credentials:
        return
    print("Demo accounts (passwords are shown only now; sign in with the UI or POST "
          "/api/auth/token):", flush=True)
    for email, role, password in seed.credentials:
        print(f"  {role:<10} {email:<26} {password}", flush=True)
