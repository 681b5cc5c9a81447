"""Hypothesis stateful test: any sequence of register / cancel / capacity change keeps the rules.

A simple reference model (lists) runs beside the real application. After every step the
aggregate must agree with it; at the end the projected read model must equal the model too.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from command_api.domain.errors import AlreadyRegistered, CapacityBelowConfirmed
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from kernel.authz import ANONYMOUS, system
from tests.conftest import FakeClock
from tests.integration.read_model_probe import attendee_statuses, waitlist_order

EMAILS = [f"p{i}@x.org" for i in range(8)]


class RegistrationRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        self.container = bootstrap(Settings(data_dir=Path(self.tmp.name), database_url=None),
                                   clock=FakeClock())
        self.app = self.container.write_model
        starts = self.app.clock() + timedelta(days=2)
        self.event_id, _ = self.app.create_event(
            actor="org", publish=True, organizer_id="org", organizer_name="Org", title="T",
            description="", category="social", tags=[], starts_at=starts,
            ends_at=starts + timedelta(hours=1), timezone="UTC",
            location={"country": "FR", "city": "Lyon"}, capacity=2, waitlist_enabled=True)
        self.capacity = 2
        self.confirmed: list[str] = []
        self.waiting: list[str] = []
        self.ids: dict[str, UUID] = {}
        self.tokens: dict[str, str | None] = {}

    def active(self) -> list[str]:
        return self.confirmed + self.waiting

    @rule(email=st.sampled_from(EMAILS), shout=st.booleans())
    def register(self, email: str, shout: bool) -> None:
        asked = f"  {email.upper()} " if shout else email
        if email in self.active():
            try:
                self.app.register(self.event_id, name="N", email=asked, actor="guest")
            except AlreadyRegistered:
                return
            raise AssertionError("a duplicate registration was accepted")
        admission = self.app.register(self.event_id, name="N", email=asked, actor="guest")
        self.ids[email], self.tokens[email] = admission.registration_id, admission.cancel_token
        if len(self.confirmed) < self.capacity and not self.waiting:
            expected = "confirmed"
            self.confirmed.append(email)
        else:
            expected = "waitlisted"
            self.waiting.append(email)
            assert admission.waitlist_position == len(self.waiting)
        assert admission.status == expected

    @precondition(lambda self: bool(self.active()))
    @rule(data=st.data())
    def cancel(self, data: Any) -> None:
        email = data.draw(st.sampled_from(self.active()))
        release = self.app.cancel_registration(self.event_id, self.ids[email], principal=ANONYMOUS,
                                               token=self.tokens[email])
        if email in self.waiting:
            self.waiting.remove(email)
            assert release.promoted_registration_id is None
            return
        self.confirmed.remove(email)
        if self.waiting:
            first = self.waiting.pop(0)
            self.confirmed.append(first)
            assert release.promoted_registration_id == self.ids[first]

    @rule(capacity=st.integers(min_value=1, max_value=6))
    def change_capacity(self, capacity: int) -> None:
        if capacity < len(self.confirmed):
            try:
                self.app.edit_event(self.event_id, principal=system("org"), capacity=capacity)
            except CapacityBelowConfirmed:
                return
            raise AssertionError("capacity dropped below the confirmed count")
        self.app.edit_event(self.event_id, principal=system("org"), capacity=capacity)
        self.capacity = capacity
        while self.waiting and len(self.confirmed) < capacity:
            self.confirmed.append(self.waiting.pop(0))

    @invariant()
    def aggregate_agrees_with_model(self) -> None:
        event = self.app.load_event(self.event_id)
        assert event.confirmed_count == len(self.confirmed) <= event.capacity == self.capacity
        assert list(event.waitlist) == [self.ids[e].hex for e in self.waiting]
        assert len(set(self.active())) == len(self.active())

    def teardown(self) -> None:
        try:
            self.container.runner.catch_up()
            with self.container.read_engine.connect() as conn:
                statuses = attendee_statuses(conn, self.event_id)
                order = waitlist_order(conn, self.event_id)
            expected = {self.ids[e]: "confirmed" for e in self.confirmed}
            expected |= {self.ids[e]: "waitlisted" for e in self.waiting}
            active = {rid: s for rid, s in statuses.items() if s != "cancelled"}
            assert active == expected
            assert order == [self.ids[e] for e in self.waiting]
        finally:
            self.container.read_engine.dispose()
            self.tmp.cleanup()


RegistrationRules.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_registration_rules = RegistrationRules.TestCase
