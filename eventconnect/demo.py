"""Demo data for a first start: people in every role, and a dozen events across categories and
countries, some full, organized by the demo organizer.

The demo accounts get random passwords, returned once so the first start can print them; they
are written nowhere else.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from command_api.application import EventConnect
from command_api.domain.account import ADMIN, ANALYST, MEMBER, ORGANIZER, Account, account_id_for
from command_api.use_cases.accounts import Accounts

# (title, category, country, city, zone, days ahead, capacity, registrants, tags)
DEMO_EVENTS = [
    ("Intro to bike repair", "workshop", "IN", "Pune", "Asia/Kolkata", 5, 8, 12, ["bikes", "diy"]),
    ("Beach clean-up morning", "volunteer", "ES", "Valencia", "Europe/Madrid", 9, 30, 18,
     ["outdoors", "environment"]),
    ("Python for beginners", "workshop", "GB", "Leeds", "Europe/London", 12, 15, 20,
     ["coding", "python"]),
    ("Food bank fundraiser dinner", "fundraiser", "US", "Chicago", "America/Chicago", 20, 60, 41,
     ["food", "charity"]),
    ("Climate policy seminar", "seminar", "DE", "Berlin", "Europe/Berlin", 7, 40, 12,
     ["climate", "policy"]),
    ("Board games night", "social", "CA", "Toronto", "America/Toronto", 3, 12, 12, ["games"]),
    ("Tree planting day", "volunteer", "KE", "Nairobi", "Africa/Nairobi", 15, 25, 31,
     ["outdoors", "trees"]),
    ("Public speaking clinic", "workshop", "AU", "Melbourne", "Australia/Melbourne", 10, 10, 4,
     ["speaking"]),
    ("Mental health first aid", "seminar", "IE", "Cork", "Europe/Dublin", 25, 20, 9,
     ["health"]),
    ("Charity 5k fun run", "fundraiser", "NZ", "Wellington", "Pacific/Auckland", 30, 100, 37,
     ["running", "charity"]),
    ("Neighbourhood potluck", "social", "BR", "Recife", "America/Recife", 4, 25, 6, ["food"]),
    ("Repair café", "other", "NL", "Utrecht", "Europe/Amsterdam", 8, 6, 9, ["repair", "diy"]),
]

FIRST_NAMES = ["Asha", "Ben", "Chen", "Dara", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jon",
               "Kemal", "Lena", "Mai", "Nico", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]

# (email, name, role, time zone)
DEMO_PEOPLE = [
    ("admin@demo.example", "Ada Admin", ADMIN, "UTC"),
    ("organizer@demo.example", "Olu Organizer", ORGANIZER, "Europe/London"),
    ("member1@demo.example", "Mina Member", MEMBER, "Asia/Kolkata"),
    ("member2@demo.example", "Marco Member", MEMBER, "Europe/Madrid"),
    ("member3@demo.example", "May Member", MEMBER, "America/Chicago"),
    ("analyst@demo.example", "Ana Analyst", ANALYST, "UTC"),
]


@dataclass
class DemoSeed:
    position: int = 0
    # (email, role, password) of the accounts created now; empty when they already existed
    credentials: list[tuple[str, str, str]] = field(default_factory=list)


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
    """Creates the demo people and events through the same use cases users run."""
    seed = DemoSeed()
    people = {email: _person(accounts, seed, email, name, role, zone)
              for email, name, role, zone in DEMO_PEOPLE}
    organizer = people["organizer@demo.example"]
    members = [people[f"member{i}@demo.example"] for i in (1, 2, 3)]
    now = app.clock()
    for n, (title, category, country, city, zone, days, capacity, registrants,
            tags) in enumerate(DEMO_EVENTS):
        starts_at = (now + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        event_id, seed.position = app.create_event(
            actor=organizer.actor_id, publish=True, organizer_id=organizer.actor_id,
            organizer_name=organizer.name, title=title,
            description=f"{title} in {city}. Everyone is welcome; bring a friend.",
            category=category, tags=tags, starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2), timezone=zone,
            location={"country": country, "city": city, "venue": "Community centre"},
            capacity=capacity, waitlist_enabled=True)
        # The demo members hold a few registrations each, so "My registrations" shows something.
        member = members[n % len(members)]
        seed.position = app.register(event_id, name=member.name, email=member.email,
                                     actor=member.actor_id, member_id=member.actor_id).position
        for i in range(registrants - 1):
            first = FIRST_NAMES[(i + n) % len(FIRST_NAMES)]
            seed.position = app.register(event_id, name=f"{first} Demo{i}",
                                         email=f"{first.lower()}.{i}.{n}@demo.example",
                                         actor="guest").position
    return seed


def print_credentials(seed: DemoSeed) -> None:
    """Shown once, at the first start; the passwords are stored nowhere (only their hashes)."""
    if not seed.credentials:
        return
    print("Demo accounts (passwords are shown only now; sign in with the UI or POST "
          "/api/auth/token):", flush=True)
    for email, role, password in seed.credentials:
        print(f"  {role:<10} {email:<26} {password}", flush=True)
