"""Single-use tokens (reset links, email confirmations) and short SMS codes, stored as hashes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError
from core.tokens import hash_secret, new_secret
from models import OneTimeToken, TokenPurpose

LIFETIMES = {
    TokenPurpose.password_reset: timedelta(hours=1),
    TokenPurpose.email_verification: timedelta(hours=24),
    TokenPurpose.phone_verification: timedelta(minutes=10),
}
MAX_CODE_ATTEMPTS = 5


class InvalidOneTimeToken(AppError):
    status_code = 400
    code = "invalid_token"


async def issue(db: AsyncSession, account_id: int, purpose: TokenPurpose) -> str:
    """A new token for this purpose; any earlier unused one of the same purpose stops working."""
    now = datetime.now(UTC)
    await db.execute(
        update(OneTimeToken)
        .where(
            OneTimeToken.account_id == account_id,
            OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None),
        )
        .values(used_at=now)
    )
    if purpose is TokenPurpose.phone_verification:
        # A 6-digit code is guessable on its own: it is bound to the account and attempt-limited.
        value = f"{secrets.randbelow(1_000_000):06d}"
        stored = hash_secret(f"{account_id}:{value}")
    else:
        value = new_secret()
        stored = hash_secret(value)
    db.add(
        OneTimeToken(
            account_id=account_id,
            purpose=purpose,
            token_hash=stored,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    await db.flush()
    return value


async def redeem(db: AsyncSession, value: str, purpose: TokenPurpose) -> int:
    """Use a link token once; returns its account id."""
    token = (
        await db.execute(
            select(OneTimeToken)
            .where(OneTimeToken.token_hash == hash_secret(value), OneTimeToken.purpose == purpose)
            .with_for_update()
        )
    ).scalar_one_or_none()
    return _spend(token)


async def redeem_code(db: AsyncSession, account_id: int, code: str) -> None:
    """Use an SMS code once, counting wrong guesses against the outstanding code."""
    outstanding = (
        await db.execute(
            select(OneTimeToken)
            .where(
                OneTimeToken.account_id == account_id,
                OneTimeToken.purpose == TokenPurpose.phone_verification,
                OneTimeToken.used_at.is_(None),
            )
            .with_for_update()
        )
    ).scalar_one_or_none()
    if outstanding is not None and outstanding.token_hash != hash_secret(f"{account_id}:{code}"):
        outstanding.attempts += 1
        if outstanding.attempts >= MAX_CODE_ATTEMPTS:
            outstanding.used_at = datetime.now(UTC)
        await db.flush()
        raise InvalidOneTimeToken("The code is not valid.", persist=True)
    _spend(outstanding)


def _spend(token: OneTimeToken | None) -> int:
    now = datetime.now(UTC)
    if token is None or token.used_at is not None or token.expires_at <= now:
        raise InvalidOneTimeToken("This link or code is invalid or has expired.")
    token.used_at = now
    return token.account_id
