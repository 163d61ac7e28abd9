"""Password login, with per-account lockout and per-IP throttling, and the 2FA second step.

Every refusal reads the same whether or not the account exists, and a missing account still
costs one password hash, so neither the answer nor its timing reveals who has an account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from redis.asyncio import Redis
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotAuthenticated
from core.passwords import hash_password, needs_rehash, verify_password
from core.settings import Settings
from core.tokens import InvalidToken, TokenType, issue, verify
from models import Account
from services import audit
from services.auth import throttle
from services.auth.sessions import ClientInfo, TokenPair, open_session
from services.auth.two_factor import verify_second_factor

INVALID_CREDENTIALS = "The email/username or password is incorrect."
LOCKED = "Too many failed attempts. Try again later."
CHALLENGE_TTL = timedelta(minutes=5)
_DUMMY_HASH = hash_password("timing-equaliser-not-a-real-password")


@dataclass(frozen=True)
class TwoFactorChallenge:
    challenge_token: str
    expires_in: int = int(CHALLENGE_TTL.total_seconds())


async def _find(db: AsyncSession, identifier: str) -> Account | None:
    lowered = identifier.strip().lower()
    result = await db.execute(
        select(Account).where(or_(Account.email == lowered, Account.username == identifier.strip()))
    )
    return result.scalars().first()


async def login(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    identifier: str,
    password: str,
    remember_me: bool,
    client: ClientInfo,
) -> TokenPair | TwoFactorChallenge:
    guard = throttle.Throttle(redis)
    account_key = throttle.subject_key("login", identifier)
    ip_key = throttle.subject_key("login-ip", client.ip or "unknown")
    await guard.check(ip_key, throttle.LOGIN_PER_IP, LOCKED)
    await guard.check(account_key, throttle.LOGIN_PER_ACCOUNT, LOCKED)

    account = await _find(db, identifier)
    valid = verify_password(account.password_hash if account else _DUMMY_HASH, password)
    if account is None or not valid or not account.is_active:
        await guard.fail(ip_key, throttle.LOGIN_PER_IP)
        locked = await guard.fail(account_key, throttle.LOGIN_PER_ACCOUNT)
        if locked and account is not None:
            await audit.record(
                db,
                audit.Actor(None, "system", client.ip),
                "account.locked",
                "account",
                account.id,
                reason=f"{throttle.LOGIN_PER_ACCOUNT.attempts} failed logins",
            )
        raise NotAuthenticated(INVALID_CREDENTIALS, code="invalid_credentials", persist=locked)

    await guard.clear(account_key)
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    if account.two_factor_enabled:
        token = issue(
            settings.jwt_secret.get_secret_value(),
            subject=account.id,
            token_type=TokenType.two_factor_challenge,
            ttl=CHALLENGE_TTL,
            remember=remember_me,
        )
        return TwoFactorChallenge(challenge_token=token)
    return await open_session(db, settings, account, client, remember_me)


async def complete_two_factor(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    challenge_token: str,
    code: str,
    client: ClientInfo,
) -> TokenPair:
    try:
        claims = verify(
            settings.jwt_secret.get_secret_value(), challenge_token, TokenType.two_factor_challenge
        )
    except InvalidToken:
        raise NotAuthenticated(
            "The login challenge has expired. Log in again.", code="invalid_challenge"
        ) from None
    guard = throttle.Throttle(redis)
    key = throttle.subject_key("2fa", str(claims.subject))
    await guard.check(key, throttle.TWO_FACTOR_PER_ACCOUNT, LOCKED)
    account = await db.get(Account, claims.subject)
    if account is None or not account.is_active or not account.two_factor_enabled:
        raise NotAuthenticated(
            "The login challenge has expired. Log in again.", code="invalid_challenge"
        )
    if not await verify_second_factor(db, redis, settings, account, code):
        await guard.fail(key, throttle.TWO_FACTOR_PER_ACCOUNT)
        raise NotAuthenticated("The code is not valid.", code="invalid_2fa_code")
    await guard.clear(key)
    return await open_session(db, settings, account, client, claims.remember)
