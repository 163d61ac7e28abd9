"""Access and challenge tokens: what verifies, and every way a token is refused."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from core.tokens import InvalidToken, TokenType, hash_secret, issue, new_secret, verify

SECRET = "s" * 48


def _access(**overrides: object) -> str:
    options: dict[str, object] = {
        "subject": 7,
        "token_type": TokenType.access,
        "ttl": timedelta(minutes=15),
        "sid": "f3c1",
        "role": "admin",
    }
    options.update(overrides)
    return issue(SECRET, **options)  # type: ignore[arg-type]


def test_round_trip_keeps_claims() -> None:
    claims = verify(SECRET, _access(), TokenType.access)
    assert (claims.subject, claims.session_id, claims.role) == (7, "f3c1", "admin")
    assert len(claims.jti) == 32


def test_expired_token_is_refused() -> None:
    token = _access(now=datetime.now(UTC) - timedelta(hours=1))
    with pytest.raises(InvalidToken, match="token expired"):
        verify(SECRET, token, TokenType.access)


def test_token_signed_with_another_key_is_refused() -> None:
    token = issue("o" * 48, subject=7, token_type=TokenType.access, ttl=timedelta(minutes=5))
    with pytest.raises(InvalidToken, match="token invalid"):
        verify(SECRET, token, TokenType.access)


def test_alg_none_is_refused() -> None:
    payload = {"sub": "7", "typ": "access", "iss": "simdesk", "aud": "simdesk-api", "jti": "x"}
    token = jwt.encode({**payload, "exp": 4102444800, "iat": 0}, key="", algorithm="none")
    with pytest.raises(InvalidToken, match="token invalid"):
        verify(SECRET, token, TokenType.access)


def test_tampered_payload_is_refused() -> None:
    header, payload, signature = _access().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "super_admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidToken, match="token invalid"):
        verify(SECRET, f"{header}.{forged}.{signature}", TokenType.access)


def test_challenge_token_cannot_be_used_as_access_token() -> None:
    token = _access(token_type=TokenType.two_factor_challenge)
    with pytest.raises(InvalidToken, match="token invalid"):
        verify(SECRET, token, TokenType.access)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x.y.z"])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(InvalidToken, match="token invalid"):
        verify(SECRET, garbage, TokenType.access)


def test_secrets_are_random_and_hashed_stably() -> None:
    first, second = new_secret(), new_secret()
    assert first != second
    assert hash_secret(first) == hash_secret(first)
    assert len(hash_secret(first)) == 64
