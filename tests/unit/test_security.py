"""Passwords, tokens, the signing secret, the policy table and the rate limiter, without a DB."""

from __future__ import annotations

import base64
import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from jose import jwt

from command_api.domain.errors import NotAuthenticated
from eventconnect.settings import Settings
from kernel.authz import ANONYMOUS, POLICY, Action, Decision, Principal, Resource, decide
from kernel.ratelimit import SlidingWindow
from kernel.security import (
    PRODUCTION_BCRYPT_ROUNDS,
    PasswordHasher,
    TokenService,
    load_jwt_secret,
    password_problem,
)
from tests.conftest import FakeClock

SECRET = "s" * 48


# --- passwords ------------------------------------------------------------------------------------

def test_production_bcrypt_cost_is_at_least_12() -> None:
    assert PRODUCTION_BCRYPT_ROUNDS >= 12
    assert Settings(_env_file=None).bcrypt_rounds >= 12  # type: ignore[call-arg]
    hashed = PasswordHasher().hash("correct horse battery")
    assert hashed.startswith("$2b$") and int(hashed.split("$")[2]) >= 12


def test_hash_verifies_only_the_same_password() -> None:
    hasher = PasswordHasher(rounds=4)
    hashed = hasher.hash("correct horse battery")
    assert "correct horse battery" not in hashed
    assert hasher.verify("correct horse battery", hashed)
    assert not hasher.verify("correct horse batterY", hashed)
    assert not hasher.verify("x" * 200, hashed)  # longer than bcrypt takes: refused, no error


@pytest.mark.parametrize(("password", "why"), [
    ("short1!", "at least 10"),
    ("password123", "common"),
    ("Password2024!", "common"),  # a listed word with a suffix is as easy to guess
    ("qwertyuiop", "common"),
    ("1234567890", "common"),
    ("iloveyou12", "common"),
    ("aaaaaaaaaaaa", "common"),
    ("abababababab", "common"),
    ("é" * 37, "72 bytes"),
    ("asha.rao.1990", "email"),
])
def test_weak_passwords_are_refused(password: str, why: str) -> None:
    problem = password_problem(password, email="asha.rao.1990@example.org")
    assert problem is not None and why in problem
    assert password not in problem  # the reason never repeats the password


@pytest.mark.parametrize("password", ["correct horse battery", "Tr0ub4dor&3-xyz", "9283746501",
                                      "ζωή είναι ωραία"])
def test_reasonable_passwords_pass(password: str) -> None:
    assert password_problem(password, email="asha@example.org") is None


# --- tokens ---------------------------------------------------------------------------------------

@pytest.fixture
def tokens(clock: FakeClock) -> TokenService:
    return TokenService(SECRET, clock)


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(token: str) -> dict[str, object]:
    claims: dict[str, object] = jwt.get_unverified_claims(token)
    return claims


def test_access_token_carries_the_required_claims(tokens: TokenService, clock: FakeClock) -> None:
    token = tokens.access_token(subject="acc-1", role="member", session_version=3)
    claims = tokens.decode(token, kind="access")
    assert {"sub", "role", "exp", "iat", "jti"} <= set(claims)
    assert (claims["sub"], claims["role"], claims["sv"]) == ("acc-1", "member", 3)
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_alg_none_is_refused(tokens: TokenService) -> None:
    claims = _claims(tokens.access_token(subject="acc-1", role="member", session_version=0))
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64({**claims, 'role': 'admin'})}."
    with pytest.raises(NotAuthenticated):
        tokens.decode(unsigned, kind="access")


def test_a_tampered_payload_is_refused(tokens: TokenService) -> None:
    header, _, signature = tokens.access_token(subject="acc-1", role="member",
                                               session_version=0).split(".")
    claims = _claims(tokens.access_token(subject="acc-1", role="member", session_version=0))
    forged = f"{header}.{_b64({**claims, 'sub': 'acc-2', 'role': 'admin'})}.{signature}"
    with pytest.raises(NotAuthenticated):
        tokens.decode(forged, kind="access")


@pytest.mark.parametrize(("key", "algorithm"), [("another secret " * 4, "HS256"),
                                                (SECRET, "HS512"), (SECRET, "HS384")])
def test_a_wrong_signature_or_algorithm_is_refused(tokens: TokenService, key: str,
                                                   algorithm: str) -> None:
    claims = _claims(tokens.access_token(subject="acc-1", role="member", session_version=0))
    with pytest.raises(NotAuthenticated):
        tokens.decode(jwt.encode(claims, key, algorithm=algorithm), kind="access")


def test_an_expired_token_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    token = tokens.access_token(subject="acc-1", role="member", session_version=0)
    clock.advance(minutes=14, seconds=59)
    tokens.decode(token, kind="access")
    clock.advance(seconds=1)
    with pytest.raises(NotAuthenticated, match="expired"):
        tokens.decode(token, kind="access")


def test_a_token_from_the_future_or_missing_claims_is_refused(tokens: TokenService,
                                                              clock: FakeClock) -> None:
    now = int(clock.now.timestamp())
    future = {"sub": "a", "typ": "access", "sv": 0, "jti": "j", "iat": now + 3600,
              "exp": now + 7200}
    no_jti = {"sub": "a", "typ": "access", "sv": 0, "iat": now, "exp": now + 60}
    for claims in (future, no_jti):
        with pytest.raises(NotAuthenticated):
            tokens.decode(jwt.encode(claims, SECRET, algorithm="HS256"), kind="access")


def test_refresh_and_access_tokens_are_not_interchangeable(tokens: TokenService) -> None:
    refresh = tokens.refresh_token(subject="a", family_id="f", jti="j", session_version=0)
    access = tokens.access_token(subject="a", role="member", session_version=0)
    with pytest.raises(NotAuthenticated):
        tokens.decode(refresh, kind="access")
    with pytest.raises(NotAuthenticated):
        tokens.decode(access, kind="refresh")
    for garbage in ("", "not.a.token", "a.b", "x" * 5000):
        with pytest.raises(NotAuthenticated):
            tokens.decode(garbage, kind="access")


# --- the signing secret ---------------------------------------------------------------------------

def test_secret_is_generated_once_with_owner_only_mode(tmp_path: Path) -> None:
    first = load_jwt_secret(None, tmp_path / "var")
    path = tmp_path / "var" / "jwt_secret"
    assert len(first) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_jwt_secret(None, tmp_path / "var") == first
    assert load_jwt_secret("c" * 40, tmp_path / "var") == "c" * 40
    with pytest.raises(ValueError, match="at least 32"):
        load_jwt_secret("short", tmp_path / "var")


def test_var_is_git_ignored() -> None:
    ignored = (Path(__file__).resolve().parents[2] / ".gitignore").read_text().split()
    assert "var/" in ignored


# --- the policy -----------------------------------------------------------------------------------

def who(role: str, id_: str = "me") -> Principal:
    return Principal(id=id_, role=role, email=f"{id_}@x.org", name=id_)


def test_every_action_has_a_rule() -> None:
    assert set(POLICY) == set(Action)


@pytest.mark.parametrize(("principal", "resource", "decision"), [
    (ANONYMOUS, None, Decision.UNAUTHENTICATED),
    (who("member"), None, Decision.FORBIDDEN),
    (who("analyst"), None, Decision.FORBIDDEN),
    (who("organizer"), None, Decision.ALLOW),  # might own it: the resource decides
    (who("organizer"), Resource(organizer_id="someone else"), Decision.NOT_OWNER),
    (who("organizer"), Resource(organizer_id="me"), Decision.ALLOW),
    (who("admin"), Resource(organizer_id="someone else"), Decision.ALLOW),
    (who("member"), Resource(organizer_id="me"), Decision.FORBIDDEN),  # a demoted organizer
])
def test_managing_an_event(principal: Principal, resource: Resource | None,
                           decision: Decision) -> None:
    assert decide(principal, Action.MANAGE_EVENT, resource) is decision


def test_registrations() -> None:
    assert decide(ANONYMOUS, Action.REGISTER) is Decision.ALLOW  # as a guest
    assert decide(who("analyst"), Action.REGISTER) is Decision.FORBIDDEN  # changes nothing
    mine = Resource(organizer_id="org", registrant_id="me")
    assert decide(who("member"), Action.CANCEL_REGISTRATION, mine) is Decision.ALLOW
    assert decide(who("member", "other"), Action.CANCEL_REGISTRATION, mine) is Decision.FORBIDDEN
    assert decide(who("organizer", "org"), Action.CANCEL_REGISTRATION, mine) is Decision.ALLOW
    assert decide(ANONYMOUS, Action.CANCEL_REGISTRATION, mine) is Decision.UNAUTHENTICATED


# --- rate limiting --------------------------------------------------------------------------------

def test_sliding_window_refuses_past_the_limit_until_the_oldest_hit_ages_out() -> None:
    now = [1000.0]
    window = SlidingWindow(3, 60, clock=lambda: now[0])
    for _ in range(3):
        assert window.retry_after("k") is None
        window.hit("k")
        now[0] += 10
    assert window.retry_after("k") == 30  # now 1030; the first hit (1000) ages out at 1060
    assert window.retry_after("other") is None
    now[0] = 1060.5
    assert window.retry_after("k") is None
    window.reset("k")
    assert window.retry_after("k") is None


def test_sliding_window_memory_is_bounded() -> None:
    window = SlidingWindow(1, 60, max_keys=100)
    for n in range(1000):
        window.hit(f"k{n}")
    assert len(window._hits) == 100


def test_access_ttl_is_fifteen_minutes_by_default() -> None:
    assert TokenService(SECRET, FakeClock()).access_ttl == timedelta(minutes=15)
    assert Settings(_env_file=None).access_token_minutes == 15  # type: ignore[call-arg]
