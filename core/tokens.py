"""Signed JWTs for API access and the short 2FA challenge, and opaque secrets for everything
that is stored (refresh tokens, reset links): those are random and kept only as SHA-256 hashes.

Only HS256 is accepted, so `alg: none` and algorithm-confusion tokens fail verification."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import jwt

ALGORITHM = "HS256"
ISSUER = "simdesk"
AUDIENCE = "simdesk-api"


class TokenType(StrEnum):
    access = "access"
    two_factor_challenge = "2fa_challenge"
    report_download = "report_download"


class InvalidToken(Exception):
    """The token is malformed, forged, expired or of the wrong type; the message says which."""


@dataclass(frozen=True)
class TokenClaims:
    subject: int
    token_type: TokenType
    jti: str
    expires_at: datetime
    session_id: str | None = None
    role: str | None = None
    kind: str | None = None
    remember: bool = False


def issue(
    secret: str,
    *,
    subject: int,
    token_type: TokenType,
    ttl: timedelta,
    now: datetime | None = None,
    **claims: Any,
) -> str:
    issued = now or datetime.now(UTC)
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(subject),
        "typ": token_type.value,
        "jti": uuid.uuid4().hex,
        "iat": issued,
        "exp": issued + ttl,
        **{key: value for key, value in claims.items() if value is not None},
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


def verify(secret: str, token: str, expected: TokenType) -> TokenClaims:
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "jti", "typ", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise InvalidToken("token expired") from None
    except jwt.InvalidTokenError:
        raise InvalidToken("token invalid") from None
    if payload["typ"] != expected.value or not str(payload["sub"]).isdigit():
        raise InvalidToken("token invalid")
    return TokenClaims(
        subject=int(payload["sub"]),
        token_type=expected,
        jti=payload["jti"],
        expires_at=datetime.fromtimestamp(payload["exp"], UTC),
        session_id=payload.get("sid"),
        role=payload.get("role"),
        kind=payload.get("kind"),
        remember=bool(payload.get("remember", False)),
    )


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def hash_secret(value: str) -> str:
    """Stable hash for lookup of high-entropy secrets (not for passwords: those use argon2)."""
    return hashlib.sha256(value.encode()).hexdigest()


def secrets_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
