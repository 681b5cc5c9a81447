"""Accounts on real databases: the users read model, and refresh rotation under a race."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import inspect, select

from command_api.domain.errors import NotAuthenticated, RefreshTokenReused
from eventconnect.container import Container
from projections.tables import users

PASSWORD = "correct horse battery"


def rows(container: Container) -> list[dict[str, Any]]:
    container.runner.catch_up()
    with container.read_engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(users).order_by(users.c.email)).mappings()]


def test_users_read_model_follows_the_accounts(container: Container) -> None:
    accounts = container.accounts
    ann, _ = accounts.sign_up(email="Ann@Example.org", password=PASSWORD, name="Ann",
                              timezone="Europe/Paris", locale="fr", actor="test")
    bo, _ = accounts.sign_up(email="bo@example.org", password=PASSWORD, name="Bo", actor="test")
    accounts.change_profile(ann.id, actor=str(ann.id), name="Ann Lee")
    accounts.grant_role(bo.id, "organizer", actor=str(ann.id))
    accounts.change_password(bo.id, current=PASSWORD, new="another passphrase")
    accounts.deactivate(ann.id, actor=str(bo.id))
    got = rows(container)
    assert [(r["email"], r["name"], r["role"], r["active"], r["timezone"], r["locale"])
            for r in got] == [("ann@example.org", "Ann Lee", "member", False, "Europe/Paris", "fr"),
                              ("bo@example.org", "Bo", "organizer", True, "UTC", "en")]
    columns = {c["name"] for c in inspect(container.read_engine).get_columns("users")}
    assert not any("password" in c for c in columns)
    container.runner.rebuild("users")
    assert rows(container) == got


def race_two_refreshes(container: Container, token: str) -> list[str]:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def use() -> None:
        barrier.wait()
        try:
            container.accounts.refresh(token)
            outcomes.append("rotated")
        except RefreshTokenReused:
            outcomes.append("reused")
        except NotAuthenticated:
            outcomes.append("revoked")

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_one_refresh_token_used_twice_at_once_revokes_the_session(container: Container) -> None:
    accounts = container.accounts
    accounts.sign_up(email="race@example.org", password=PASSWORD, name="Race", actor="test")
    for _ in range(5):
        pair = accounts.log_in("race@example.org", PASSWORD)
        outcomes = race_two_refreshes(container, pair.refresh_token)
        assert sorted(outcomes) in (["reused", "rotated"], ["revoked", "rotated"]), outcomes
        # Whoever won holds a token of a revoked family: the whole session is over.
        family = accounts._family(accounts.tokens.decode(pair.refresh_token,
                                                         kind="refresh")["fam"])
        assert family.revoked


def test_losing_the_rotation_race_is_a_reuse_not_a_retry(container: Container,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministically the interleaving the race test hopes for: this request loaded the family
    before another request rotated it. The store refuses the stale save; that is a reuse."""
    accounts = container.accounts
    accounts.sign_up(email="late@example.org", password=PASSWORD, name="Late", actor="test")
    pair = accounts.log_in("late@example.org", PASSWORD)
    family_id = accounts.tokens.decode(pair.refresh_token, kind="refresh")["fam"]
    stale = accounts._family(family_id)
    winner = accounts.refresh(pair.refresh_token)
    load = accounts._family
    loads = iter([lambda _: stale])
    monkeypatch.setattr(accounts, "_family", lambda f: next(loads, load)(f))
    with pytest.raises(RefreshTokenReused):
        accounts.refresh(pair.refresh_token)
    assert load(family_id).revoked
    with pytest.raises(NotAuthenticated):
        accounts.refresh(winner.refresh_token)
