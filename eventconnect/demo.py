"""Demo data for a first start: a dozen events across categories and countries, some full."""

from __future__ import annotations

from datetime import timedelta

from command_api.application import EventConnect

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


def seed_demo(app: EventConnect) -> int:
    """Creates the demo events through the same commands users run; returns the last position."""
    now = app.clock()
    position = 0
    for n, (title, category, country, city, zone, days, capacity, registrants,
            tags) in enumerate(DEMO_EVENTS):
        starts_at = (now + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        event_id, position = app.create_event(
            actor="system", publish=True, organizer_id="demo-organizer",
            organizer_name="Demo Organizer", title=title,
            description=f"{title} in {city}. Everyone is welcome; bring a friend.",
            category=category, tags=tags, starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2), timezone=zone,
            location={"country": country, "city": city, "venue": "Community centre"},
            capacity=capacity, waitlist_enabled=True)
        for i in range(registrants):
            first = FIRST_NAMES[(i + n) % len(FIRST_NAMES)]
            position = app.register(event_id, name=f"{first} Demo{i}",
                                    email=f"{first.lower()}.{i}.{n}@demo.example", actor="guest",
                                    ).position
    return position
