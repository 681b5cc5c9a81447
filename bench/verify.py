"""Checks a registration run against the event store AND the read models.

With no cancellations, the rules fix the outcome exactly: per event, in the order the store
committed the registrations (their global positions), the first `capacity` are confirmed and the
rest waitlisted in that same order. This checks that every 201 answer, the CommunityEvent stream
and aggregate, and the `events` and `attendees` read models all agree with that.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import select

from bench.harness import Database
from bench.loadclient import Record
from command_api.domain.community_event import CommunityEvent
from eventconnect.database import build_read_engine
from eventconnect.store import build_write_model
from projections.tables import attendees, events
from query_api.event_store import read_stream

ADMITTED = {CommunityEvent.RegistrationConfirmed: "confirmed",
            CommunityEvent.RegistrantWaitlisted: "waitlisted"}


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    store: Counter[str] = field(default_factory=Counter)
    read_model: Counter[str] = field(default_factory=Counter)
    overbooked: int = 0  # seats confirmed beyond capacity, in the store or a read model

    def fail(self, message: str) -> None:
        if len(self.problems) < 20:
            self.problems.append(message)

    def summary(self) -> str:
        def counts(c: Counter[str]) -> str:
            return f"{c['confirmed']:,} confirmed / {c['waitlisted']:,} waitlisted"
        state = "OK" if not self.problems else f"{len(self.problems)}+ PROBLEMS"
        return (f"event store: {counts(self.store)}; read models: {counts(self.read_model)}; "
                f"order and agreement: {state}")


def answers_by_event(records: Sequence[Record], targets: Sequence[UUID]
                     ) -> dict[UUID, list[dict]]:
    """The 201 answers per event, in commit order (their store position)."""
    grouped: dict[UUID, list[dict]] = defaultdict(list)
    for record in records:
        if record.status == 201:
            grouped[targets[record.index]].append(json.loads(record.body))
    for answers in grouped.values():
        answers.sort(key=lambda a: a["position"])
    return grouped


def verify(db: Database, capacities: dict[UUID, int], records: Sequence[Record],
           targets: Sequence[UUID]) -> Verdict:
    verdict = Verdict()
    grouped = answers_by_event(records, targets)
    write_model = build_write_model(db.settings)
    engine = build_read_engine(db.settings)
    try:
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(events).where(
                events.c.id.in_(list(capacities))))}
            people: dict[UUID, list] = defaultdict(list)
            for row in conn.execute(select(attendees).order_by(attendees.c.seq)):
                people[row.event_id].append(row)
        for event_id, capacity in capacities.items():
            _check_event(verdict, write_model, event_id, capacity, grouped.get(event_id, []),
                         rows.get(event_id), people.get(event_id, []))
    finally:
        write_model.close()
        engine.dispose()
    return verdict


def _check_event(verdict: Verdict, write_model, event_id: UUID, capacity: int,  # type: ignore[no-untyped-def]
                 answers: list[dict], row, people: list) -> None:
    name = str(event_id)[:8]
    # 1. The answers: the first `capacity` commits seated, the rest waitlisted 1, 2, 3 ...
    expected = [("confirmed" if n < capacity else "waitlisted", UUID(a["registration_id"]))
                for n, a in enumerate(answers)]
    for n, answer in enumerate(answers):
        place = n - capacity + 1 if n >= capacity else None
        if answer["status"] != expected[n][0] or answer["waitlist_position"] != place:
            verdict.fail(f"{name}: answer #{n + 1} in commit order was {answer['status']} "
                         f"#{answer['waitlist_position']}, expected {expected[n][0]} #{place}")
    # 2. The event store: the stream records exactly these admissions in commit order.
    stream = [(r.position, ADMITTED[type(r.event)], UUID(r.event.registration_id))
              for r in read_stream(write_model, event_id) if type(r.event) in ADMITTED]
    verdict.store.update(status for _, status, _ in stream)
    in_store = sum(1 for _, s, _ in stream if s == "confirmed")
    in_view = sum(1 for p in people if p.status == "confirmed")
    verdict.overbooked += max(0, in_store - capacity, in_view - capacity)
    if [(s, i) for _, s, i in stream] != expected:
        verdict.fail(f"{name}: store stream disagrees with the answers' commit order")
    if [p for p, _, _ in stream] != sorted(p for p, _, _ in stream):
        verdict.fail(f"{name}: stream versions are not in global commit order")
    aggregate = write_model.load_event(event_id)
    waitlisted = [str(i.hex) for s, i in expected if s == "waitlisted"]
    if aggregate.confirmed_count != min(capacity, len(answers)) or \
            list(aggregate.waitlist) != waitlisted:
        verdict.fail(f"{name}: aggregate has {aggregate.confirmed_count} confirmed and "
                     f"{len(aggregate.waitlist)} waitlisted, not in the expected order")
    # 3. The read models: counts on the catalogue row, rows and waitlist order on attendees.
    verdict.read_model.update(p.status for p in people)
    confirmed = sum(1 for s, _ in expected if s == "confirmed")
    if row is None or (row.confirmed_count, row.waitlist_length) != (confirmed, len(waitlisted)):
        verdict.fail(f"{name}: catalogue row {row and (row.confirmed_count, row.waitlist_length)}"
                     f" != {(confirmed, len(waitlisted))}")
    in_line = sorted((p for p in people if p.status == "waitlisted"),
                     key=lambda p: p.waitlist_seq)
    if [p.registration_id.hex for p in in_line] != waitlisted or \
            sum(1 for p in people if p.status == "confirmed") != confirmed:
        verdict.fail(f"{name}: attendees read model disagrees with the store")
