"""Passwords (bcrypt), tokens (JWT, HS256, python-jose), the signing secret and the password rules.

Nothing here knows HTTP or the event store: `command_api.use_cases.accounts` uses these through small
protocols, and the composition root (`eventconnect.bootstrap`) builds them from settings.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from uuid import uuid4

import bcrypt
from jose import JWTError, jwt

from command_api.domain.errors import NotAuthenticated

# The name it had before the kernel was split from the root: operators filter on it.
log = logging.getLogger("eventconnect.security")

PRODUCTION_BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_BYTES = 72  # bcrypt ignores (bcrypt >= 5: refuses) anything longer
ALGORITHM = "HS256"
MIN_SECRET_LENGTH = 32
SECRET_FILE = "jwt_secret"  # noqa: S105 - a file name
ACCESS, REFRESH = "access", "refresh"
# Claims every token must carry; "typ" keeps a refresh token from being used as an access token.
REQUIRED_CLAIMS = ("sub", "exp", "iat", "jti", "typ", "sv")
CLOCK_SKEW = timedelta(seconds=30)


# --- passwords ------------------------------------------------------------------------------------


class PasswordHasher:
    """bcrypt with a fixed cost. Unknown accounts are checked against a dummy hash of the same
    cost, so a wrong email takes as long to refuse as a wrong password."""

    def __init__(self, rounds: int = PRODUCTION_BCRYPT_ROUNDS) -> None:
        self.rounds = rounds
        self._dummy: bytes | None = None

    def hash(self, password: str) -> str:
        encoded = password.encode()
        if len(encoded) > MAX_PASSWORD_BYTES:
            raise ValueError(f"passwords are limited to {MAX_PASSWORD_BYTES} bytes")
        return bcrypt.hashpw(encoded, bcrypt.gensalt(self.rounds)).decode()

    def verify(self, password: str, password_hash: str) -> bool:
        encoded = password.encode()
        if len(encoded) > MAX_PASSWORD_BYTES:
            self.verify_dummy(password)
            return False
        return bcrypt.checkpw(encoded, password_hash.encode())

    def verify_dummy(self, password: str) -> None:
        """Spends the time a real check would, and always fails."""
        if self._dummy is None:
            self._dummy = bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(self.rounds))
        bcrypt.checkpw(password.encode()[:MAX_PASSWORD_BYTES], self._dummy)


@cache
def common_passwords() -> frozenset[str]:
    text = files("kernel").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def password_problem(password: str, *, email: str | None = None) -> str | None:
    """Why this password is refused, or None. Says nothing about the password itself."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return f"must be at most {MAX_PASSWORD_BYTES} bytes"
    folded = password.casefold()
    # "Password2024!" is "password" with a suffix: as easy to guess as the word itself.
    stem = folded.rstrip("0123456789!@#$%^&*()-_=+.?~ ")
    listed = common_passwords()
    if folded in listed or stem in listed or len(set(folded)) <= 2:
        return "is one of the most common passwords; choose another"
    if email and folded in {email.casefold(), email.casefold().split("@")[0]}:
        return "must not be your email"
    return None


# --- the signing secret ---------------------------------------------------------------------------


def load_jwt_secret(configured: str | None, data_dir: Path) -> str:
    """The configured secret, or one generated once into `<data_dir>/jwt_secret` (mode 0600)."""
    if configured:
        if len(configured) < MIN_SECRET_LENGTH:
            raise ValueError(f"EVENTCONNECT_JWT_SECRET must be at least {MIN_SECRET_LENGTH} characters")
        return configured
    path = data_dir / SECRET_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting together cannot both write one.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(48))
        log.info("generated a JWT signing secret in %s", path)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    secret = path.read_text().strip()
    if len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"{path} holds no usable secret; delete it to generate a new one")
    return secret


# --- tokens ---------------------------------------------------------------------------------------


class TokenService:
    """Signs and checks JWTs. Expiry is checked against the injected clock (the app's), so tests
    move time by hand and production uses the real one."""

    def __init__(self, secret: str, clock: Callable[[], datetime], *,
                 access_ttl: timedelta = timedelta(minutes=15),
                 refresh_ttl: timedelta = timedelta(days=14)) -> None:
        self._secret = secret
        self.clock = clock
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl

    def _encode(self, kind: str, ttl: timedelta, claims: dict[str, Any]) -> str:
        now = self.clock()
        payload = {**claims, "typ": kind, "iat": int(now.timestamp()),
                   "exp": int((now + ttl).timestamp())}
        payload.setdefault("jti", uuid4().hex)
        return str(jwt.encode(payload, self._secret, algorithm=ALGORITHM))

    def access_token(self, *, subject: str, role: str, session_version: int) -> str:
        return self._encode(ACCESS, self.access_ttl,
                            {"sub": subject, "role": role, "sv": session_version})

    def refresh_token(self, *, subject: str, family_id: str, jti: str,
                      session_version: int) -> str:
        return self._encode(REFRESH, self.refresh_ttl, {"sub": subject, "fam": family_id,
                                                         "jti": jti, "sv": session_version})

    def decode(self, token: str, *, kind: str) -> dict[str, Any]:
        """The claims of a valid token of this kind; NotAuthenticated for anything else."""
        try:
            # `algorithms` is explicit: "none", HS512, RS256 ... are all refused.
            claims: dict[str, Any] = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM],
                options={"verify_exp": False, "verify_aud": False,
                         **{f"require_{c}": True for c in ("sub", "exp", "iat", "jti")}})
        except (JWTError, ValueError, TypeError):
            raise NotAuthenticated("The token is invalid.") from None
        if any(c not in claims for c in REQUIRED_CLAIMS) or claims["typ"] != kind:
            raise NotAuthenticated("The token is invalid.")
        now = self.clock()
        try:
            expires = datetime.fromtimestamp(int(claims["exp"]), now.tzinfo)
            issued = datetime.fromtimestamp(int(claims["iat"]), now.tzinfo)
        except (TypeError, ValueError, OverflowError, OSError):
            raise NotAuthenticated("The token is invalid.") from None
        if expires <= now:
            raise NotAuthenticated("The token has expired.")
        if issued > now + CLOCK_SKEW:
            raise NotAuthenticated("The token is invalid.")
        return claims

    def subject(self, token: str) -> str | None:
        """The subject of a correctly signed token (expired or not), else None."""
        try:
            claims = jwt.decode(token, self._secret, algorithms=[ALGORITHM],
                                options={"verify_exp": False, "verify_aud": False})
        except (JWTError, ValueError, TypeError):
            return None
        subject = claims.get("sub")
        return subject if isinstance(subject, str) else None
