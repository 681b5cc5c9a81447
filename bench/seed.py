"""Test data written straight through the write model (no HTTP, so no token is needed): events
for the load scenarios, and the large realistic data sets for rebuild and search.

Bulk generation runs the real aggregates' commands in memory and saves many aggregates per store
transaction (`save(*aggregates)`), so 1,000,000 domain events take minutes, not hours.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from command_api.application import EventConnect
from command_api.domain.community_event import CommunityEvent
from command_api.domain.registration import Registration, hash_token, registration_id_for

CATEGORIES = ["workshop", "seminar", "volunteer", "fundraiser", "social", "other"]
PLACES = [("IN", "Pune", "Asia/Kolkata"), ("GB", "Leeds", "Europe/London"),
          ("US", "Chicago", "America/Chicago"), ("DE", "Berlin", "Europe/Berlin"),
          ("KE", "Nairobi", "Africa/Nairobi"), ("BR", "Recife", "America/Recife"),
          ("ES", "Valencia", "Europe/Madrid"), ("AU", "Melbourne", "Australia/Melbourne"),
          ("CA", "Toronto", "America/Toronto"), ("NL", "Utrecht", "Europe/Amsterdam")]
SUBJECTS = ["bike repair", "python", "gardening", "climate policy", "first aid", "pottery",
            "beach clean-up", "tree planting", "public speaking", "chess", "food bank", "yoga",
            "photography", "board games", "sewing", "robotics", "poetry", "composting",
            "budgeting", "sign language", "choir", "map reading", "bread baking", "knitting"]
FORMATS = ["intro to", "advanced", "weekend", "evening", "community", "family", "charity",
           "open", "drop-in", "masterclass in"]
WORDS = ("welcome bring friend tools provided snacks accessible beginners experts learn share "
         "neighbours volunteers donate practice together local hall park library garden").split()


def event_details(rng: random.Random, now: datetime, n: int, **overrides: Any) -> dict[str, Any]:
    subject, fmt = rng.choice(SUBJECTS), rng.choice(FORMATS)
    country, city, zone = rng.choice(PLACES)
    starts = (now + timedelta(days=rng.randint(2, 365), hours=rng.randint(0, 23))).replace(
        minute=0, second=0, microsecond=0)
    details: dict[str, Any] = dict(
        organizer_id=f"org-{n % 500}", organizer_name=f"Organizer {n % 500}",
        title=f"{fmt.capitalize()} {subject} #{n}",
        description=f"{fmt} {subject} in {city}. " + " ".join(rng.sample(WORDS, 8)),
        category=rng.choice(CATEGORIES), tags=[subject.split()[0], rng.choice(WORDS)],
        starts_at=starts, ends_at=starts + timedelta(hours=2), timezone=zone,
        location={"country": country, "city": city, "venue": "Community centre"},
        capacity=rng.choice([10, 20, 25, 40, 60, 100]), waitlist_enabled=True)
    details.update(overrides)
    return details


def published(app: EventConnect, rng: random.Random, n: int, **overrides: Any) -> CommunityEvent:
    now = app.clock()
    event = CommunityEvent.schedule(actor="bench", now=now, **event_details(rng, now, n, **overrides))
    event.publish(actor="bench", now=now)
    return event


def create_events(app: EventConnect, count: int, *, capacity: int | None, seed: int = 1,
                  batch: int = 500) -> list[UUID]:
    """`count` published events with `capacity` seats (None: varied) and a waitlist."""
    rng = random.Random(seed)
    ids: list[UUID] = []
    seats = {} if capacity is None else {"capacity": capacity}
    for start in range(0, count, batch):
        events = [published(app, rng, n, **seats)
                  for n in range(start, min(count, start + batch))]
        app.save(*events)
        ids += [e.id for e in events]
    return ids


class Generator:
    """Writes a realistic mix of domain events: events scheduled and published; members
    registering (a seat, or the waitlist once full), cancelling (which promotes the first in line)
    and checking in. A few "hot" events draw a crowd and long waitlists."""

    def __init__(self, app: EventConnect, *, events: int, members: int, seed: int = 7) -> None:
        self.app, self.rng = app, random.Random(seed)
        self.n_events, self.n_members = events, members
        self.written = 0
        self.events: list[CommunityEvent] = []  # kept in memory: the generator is their only writer
        self.active: dict[UUID, list[UUID]] = {}  # event id -> its active registrations
        self.known: set[UUID] = set()  # registration ids ever opened

    def run(self, total: int, batch: int = 20_000, report: float = 15.0) -> float:
        """Writes about `total` domain events (at most `batch` per transaction); returns seconds."""
        start = last = time.monotonic()
        now = self.app.clock()
        for part in range(0, self.n_events, 1000):
            chunk = [published(self.app, self.rng, n)
                     for n in range(part, min(self.n_events, part + 1000))]
            self._save(chunk)
            self.events += chunk
        self.active = {e.id: [] for e in self.events}
        hot = self.rng.sample(range(self.n_events), max(1, self.n_events // 200))
        touched: dict[UUID, Any] = {}
        pending = 0
        while self.written + pending < total:
            # 0.5% of the events draw 30% of the commands: rushes with long waitlists.
            event = self.events[self.rng.choice(hot) if self.rng.random() < 0.3
                                else self.rng.randrange(self.n_events)]
            touched[event.id] = event
            pending += self._command(event, now, touched)
            if pending >= batch:
                self._save(list(touched.values()))
                touched.clear()
                pending = 0
            if time.monotonic() - last > report:
                last = time.monotonic()
                print(f"  generated {self.written:,} domain events "
                      f"({self.written / (last - start):,.0f}/s)", flush=True)
        self._save(list(touched.values()))
        return time.monotonic() - start

    def _save(self, aggregates: list[Any]) -> None:
        for part in range(0, len(aggregates), 2000):
            chunk = aggregates[part : part + 2000]
            self.written += sum(len(a.pending_events) for a in chunk)
            self.app.save(*chunk)

    def _command(self, event: CommunityEvent, now: datetime, touched: dict[UUID, Any]) -> int:
        """Mostly registrations (85%), then cancellations (8%) and check-ins (7%); returns the
        number of domain events it decided."""
        roll, active = self.rng.random(), self.active[event.id]
        if roll < 0.85 or not active:
            member = self.rng.randrange(self.n_members)
            email = f"member{member}@bench.example"
            registration_id = registration_id_for(event.id, email)
            if registration_id in self.known:
                return 0  # already registered: the real command answers 409 and records nothing
            registration = Registration.open(event_id=event.id, email=email, member_id=None,
                                             cancel_token_hash=hash_token(email), actor="guest",
                                             now=now)
            event.admit(registration.id, name=f"Member {member}", email=email, actor="guest",
                        now=now)
            self.known.add(registration_id)
            active.append(registration_id)
            touched[registration_id] = registration
            return 2
        registration_id = active[self.rng.randrange(len(active))]
        registration = touched.get(registration_id) or self.app.repository.get(registration_id)
        if roll < 0.93:
            active.remove(registration_id)
            registration.withdraw(actor="guest", now=now)
            event.release(registration.id, actor="guest", now=now)
        elif event.status_of(registration.id) == "confirmed" and not registration.checked_in:
            event.check_in(registration.id, already=False, actor="staff", now=now)
            registration.check_in(actor="staff", now=now)
        else:
            return 0
        touched[registration_id] = registration
        return 2
