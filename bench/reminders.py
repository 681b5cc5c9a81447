"""Reminder fan-out: one event with N confirmed registrations whose reminder falls due at once.

    .venv/bin/python -m bench.reminders [--db sqlite|postgres] [--registrations 10000]

The registrations are written through the real use cases (group commits of 500), the read
models caught up, then the clock is set to the 24 h reminder's due time and ONE scheduler sweep
is timed: finding the due registrations (the read model's join), deciding each on its aggregate
and appending the ReminderSent events in batches (`reactions.reminders.BATCH` per commit).
Target (issue 10): >= 1,000 reminders appended per second on SQLite.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import harness
from command_api.use_cases.registrations import Applicant
from eventconnect.bootstrap import bootstrap
from reactions.reminders import BATCH, ReminderScheduler

DAY = 86_400


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def run(db: harness.Database, registrations: int, batch: int, *,
        mail: bool = True) -> dict[str, float]:
    clock = Clock()
    container = bootstrap(db.settings, clock=clock, migrate=True)
    app = container.write_model
    starts = clock.now + timedelta(days=3)
    event_id, _ = app.create_event(
        actor="org-1", publish=True, organizer_id="org-1", organizer_name="Olu", title="Fan-out",
        description="One big event", category="seminar", tags=[], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone="UTC",
        location={"country": "DE", "city": "Berlin"}, capacity=registrations,
        waitlist_enabled=False)
    began = time.monotonic()
    for first in range(0, registrations, 500):
        app.register_many([Applicant(event_id, f"Guest {n}", f"guest{n}@example.org", "guest")
                           for n in range(first, min(first + 500, registrations))])
    container.runner.catch_up()
    seeded = time.monotonic() - began
    mailing = _Mail(container, enabled=mail)
    mailing.catch_up()  # the registrations' own confirmations, before the clock moves
    clock.now = starts - timedelta(days=1)
    scheduler = ReminderScheduler(app, container.read_engine, [DAY, 3600], clock=clock,
                                  batch=batch)
    began = time.monotonic()
    counts = scheduler.sweep()
    swept = time.monotonic() - began
    began = time.monotonic()
    container.runner.catch_up()
    projected = time.monotonic() - began
    assert counts.reminders == registrations, counts
    emailed, mail_s = mailing.catch_up()
    again = scheduler.__class__(app, container.read_engine, [DAY, 3600], clock=clock).sweep()
    assert again.reminders == 0, again
    container.write_model.close()
    container.read_engine.dispose()
    return {"registrations": registrations, "seed_s": seeded, "sweep_s": swept,
            "reminders_per_s": registrations / swept, "projection_s": projected,
            "emails": emailed, "mail_s": mail_s}


class _Mail:
    """The notifier and the delivery into the `.eml` outbox (H2's reactions), when present."""

    def __init__(self, container: Any, *, enabled: bool) -> None:
        self.container = container
        self.outbox = container.settings.data_dir / "outbox"
        self.present = enabled and hasattr(container, "notifier") and hasattr(container, "delivery")

    def count(self) -> int:
        return sum(1 for _ in self.outbox.glob("*.eml")) if self.outbox.is_dir() else 0

    def catch_up(self) -> tuple[int, float]:
        """Emails written by catching the notifier and the delivery up, and the seconds it took."""
        if not self.present:
            return 0, 0.0
        before, began = self.count(), time.monotonic()
        self.container.notifier.catch_up()
        self.container.delivery.catch_up()
        return self.count() - before, time.monotonic() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--no-mail", action="store_true",
                        help="time the reminders alone, not the notifier and email delivery")
    args = parser.parse_args()
    with harness.database(args.db, "reminders") as db:
        figures = run(db, args.registrations, args.batch, mail=not args.no_mail)
    print(f"reminder fan-out on {args.db}: {figures['registrations']:,} due at once, "
          f"batches of {args.batch}")
    print(f"  seeding (registrations, group commits) {figures['seed_s']:.1f} s")
    print(f"  one sweep: {figures['sweep_s']:.2f} s = {figures['reminders_per_s']:,.0f} "
          f"reminders appended per second")
    print(f"  read model after the sweep: {figures['projection_s']:.2f} s to project")
    if figures["mail_s"]:
        print(f"  notifier + delivery: {figures['emails']:,} emails in the outbox in "
              f"{figures['mail_s']:.1f} s = {figures['emails'] / figures['mail_s']:,.0f} per second")


if __name__ == "__main__":
    main()
