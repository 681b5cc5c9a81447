"""What the demo community's season looks like: people, events at local times that make sense
(a clean-up in the morning, a workshop after work), some already past, a weekly series, a
sold-out night with a waitlist. Read by `eventconnect.demo`."""

from __future__ import annotations

from dataclasses import dataclass

from command_api.domain.account import ADMIN, ANALYST, MEMBER, ORGANIZER


@dataclass(frozen=True)
class DemoEvent:
    title: str
    category: str
    country: str
    city: str
    zone: str
    days: int  # from today: negative is past (it has check-ins and ratings)
    local_time: str  # "HH:MM" in the event's zone
    hours: float
    capacity: int
    registrants: int  # more than capacity: the rest wait
    tags: tuple[str, ...]
    about: str
    venue: str = "Community centre"


DEMO_EVENTS = [
    DemoEvent("Spring repair café", "other", "NL", "Utrecht", "Europe/Amsterdam", -24, "14:00",
              3, 12, 12, ("repair", "diy"), "Bring a broken toaster, bike light or jacket; our "
              "volunteer fixers show you how to mend it.", "De Voorkamer"),
    DemoEvent("Python for beginners, part 1", "workshop", "GB", "Leeds", "Europe/London", -10,
              "18:30", 2, 15, 15, ("coding", "python"), "Variables, loops and your first "
              "script. Laptops available to borrow.", "Central Library, room 3"),
    DemoEvent("River clean-up morning", "volunteer", "ES", "Valencia", "Europe/Madrid", -5,
              "09:30", 3, 30, 22, ("outdoors", "environment"), "Gloves, bags and coffee "
              "provided. Meet at the footbridge.", "Pont de les Arts"),
    DemoEvent("Board games night", "social", "CA", "Toronto", "America/Toronto", 3, "19:30",
              3, 12, 16, ("games",), "Catan, Codenames and whatever you bring. Snacks shared.",
              "Snakes & Lattes Annex"),
    DemoEvent("Neighbourhood potluck", "social", "BR", "Recife", "America/Recife", 4, "12:30",
              3, 25, 6, ("food",), "Bring a dish to share and the recipe to go with it."),
    DemoEvent("Intro to bike repair", "workshop", "IN", "Pune", "Asia/Kolkata", 5, "17:30", 2,
              8, 11, ("bikes", "diy"), "Brakes, gears and punctures on your own bike.",
              "Cycle Hub, Koregaon Park"),
    DemoEvent("Climate policy seminar", "seminar", "DE", "Berlin", "Europe/Berlin", 7, "18:00",
              2, 40, 12, ("climate", "policy"), "What the new heat plan means for our "
              "district, with Q&A.", "Rathaus Kreuzberg"),
    DemoEvent("Python for beginners, part 2", "workshop", "GB", "Leeds", "Europe/London", 11,
              "18:30", 2, 15, 13, ("coding", "python"), "Functions, files and a small "
              "project to take home.", "Central Library, room 3"),
    DemoEvent("Tree planting day", "volunteer", "KE", "Nairobi", "Africa/Nairobi", 15, "08:30",
              5, 25, 19, ("outdoors", "trees"), "Two hundred seedlings along the river path. "
              "Lunch for all planters.", "Karura Forest, gate C"),
    DemoEvent("Food bank fundraiser dinner", "fundraiser", "US", "Chicago", "America/Chicago",
              20, "19:00", 3, 60, 41, ("food", "charity"), "Three courses cooked by local "
              "chefs; every ticket feeds a family for a week.", "St. Mark's Hall"),
    DemoEvent("Mental health first aid", "seminar", "IE", "Cork", "Europe/Dublin", 25, "10:00",
              6, 20, 9, ("health",), "A certified one-day course: spot the signs, start the "
              "conversation."),
    DemoEvent("Charity 5k fun run", "fundraiser", "NZ", "Wellington", "Pacific/Auckland", 30,
              "08:00", 2, 100, 37, ("running", "charity"), "Along the waterfront; walkers and "
              "prams welcome.", "Frank Kitts Park"),
]

# A weekly series: two runs already happened, six to come.
SERIES = DemoEvent("Thursday morning run club", "social", "DE", "Berlin", "Europe/Berlin", -14,
                   "07:00", 1, 20, 9, ("running",), "5 km at an easy pace, then breakfast "
                   "together.", "Tempelhofer Feld, main gate")
SERIES_COUNT = 8

FIRST_NAMES = ["Asha", "Ben", "Chen", "Dara", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jon",
               "Kemal", "Lena", "Mai", "Nico", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]
LAST_NAMES = ["Rao", "Li", "Okafor", "Schmidt", "García", "Novak", "Haddad", "Kim", "Silva",
              "Murphy", "Yilmaz", "Dubois", "Tanaka", "Mensah", "Costa", "Berg", "Nair"]

# (score, comment) of past events' ratings, in turn
RATINGS = [
    (5, "Friendly people and very well organised."),
    (4, "Learned a lot; the room was a bit warm."),
    (5, None),
    (3, "Good, but it started twenty minutes late."),
    (4, "Would come again and bring a friend."),
    (5, "The volunteers were brilliant."),
]

# (email, name, role, time zone)
DEMO_PEOPLE = [
    ("admin@demo.example", "Ada Admin", ADMIN, "UTC"),
    ("organizer@demo.example", "Olu Organizer", ORGANIZER, "Europe/London"),
    ("member1@demo.example", "Mina Member", MEMBER, "Asia/Kolkata"),
    ("member2@demo.example", "Marco Member", MEMBER, "Europe/Madrid"),
    ("member3@demo.example", "May Member", MEMBER, "America/Chicago"),
    ("analyst@demo.example", "Ana Analyst", ANALYST, "UTC"),
]
