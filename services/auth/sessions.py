"""Login sessions and their tokens.

The refresh token is `<session id>.<secret>`; only the secret's hash is stored. Every refresh
rotates it. A token that names a live session but no longer matches it was already rotated:
someone is replaying it, so the whole session is revoked. Revocation is published to Redis so
access tokens of that session stop working at once, not when they expire."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotAuthenticated
from core.settings import Settings
from core.tokens import TokenType, hash_secret, issue, new_secret
from models import Account, AuthSession, Role


@dataclass(frozen=True)
class ClientInfo:
    ip: str | None
    user_agent: str

    @property
    def device(self) -> str:
        agent = self.user_agent
        for name in ("Edg", "Chrome", "Firefox", "Safari", "curl", "python-httpx", "okhttp"):
            if name in agent:
                os_name = next(
                    (o for o in ("Windows", "Mac OS", "Android", "iPhone", "Linux") if o in agent),
                    "",
                )
                return f"{name} {os_name}".strip()
        return agent[:60] or "unknown"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: str
    account_id: int
    account_kind: str
    token_type: str = "Bearer"  # noqa: S105 - the OAuth token type name


SESSION_EXPIRED = "Your session has ended. Please log in again."


def revoked_key(session_id: str) -> str:
    return f"auth:revoked:{session_id}"


def _split(refresh_token: str) -> tuple[uuid.UUID, str]:
    session_part, _, secret = refresh_token.partition(".")
    try:
        return uuid.UUID(session_part), secret
    except ValueError:
        raise NotAuthenticated(SESSION_EXPIRED, code="invalid_refresh_token") from None


def _access_token(settings: Settings, account: Account, role: str, session_id: str) -> str:
    return issue(
        settings.jwt_secret.get_secret_value(),
        subject=account.id,
        token_type=TokenType.access,
        ttl=timedelta(seconds=settings.jwt_access_ttl_seconds),
        sid=session_id,
        role=role,
        kind=account.kind.value,
    )


def _lifetime(settings: Settings, remember_me: bool) -> timedelta:
    seconds = (
        settings.jwt_refresh_remember_ttl_seconds
        if remember_me
        else settings.jwt_refresh_ttl_seconds
    )
    return timedelta(seconds=seconds)


async def _pair(
    db: AsyncSession, settings: Settings, account: Account, session_id: uuid.UUID, secret: str
) -> TokenPair:
    role = (await db.execute(select(Role.name).where(Role.id == account.role_id))).scalar_one()
    return TokenPair(
        access_token=_access_token(settings, account, role, str(session_id)),
        refresh_token=f"{session_id}.{secret}",
        expires_in=settings.jwt_access_ttl_seconds,
        session_id=str(session_id),
        account_id=account.id,
        account_kind=account.kind.value,
    )


async def open_session(
    db: AsyncSession, settings: Settings, account: Account, client: ClientInfo, remember_me: bool
) -> TokenPair:
    now = datetime.now(UTC)
    session_id = uuid.uuid4()
    secret = new_secret()
    db.add(
        AuthSession(
            id=session_id,
            account_id=account.id,
            refresh_token_hash=hash_secret(secret),
            remember_me=remember_me,
            device=client.device,
            ip_address=client.ip,
            user_agent=client.user_agent[:1000],
            last_seen_at=now,
            expires_at=now + _lifetime(settings, remember_me),
        )
    )
    account.last_login_at = now
    await db.flush()
    return await _pair(db, settings, account, session_id, secret)


async def rotate(
    db: AsyncSession, redis: Redis, settings: Settings, refresh_token: str, client: ClientInfo
) -> TokenPair:
    session_id, secret = _split(refresh_token)
    # FOR UPDATE: two concurrent refreshes with the same token must not both succeed.
    auth_session = (
        await db.execute(select(AuthSession).where(AuthSession.id == session_id).with_for_update())
    ).scalar_one_or_none()
    now = datetime.now(UTC)
    if (
        auth_session is None
        or auth_session.revoked_at is not None
        or auth_session.expires_at <= now
    ):
        raise NotAuthenticated(SESSION_EXPIRED, code="invalid_refresh_token")
    presented = hash_secret(secret)
    if presented != auth_session.refresh_token_hash:
        reason = (
            "refresh_token_reuse"
            if presented == auth_session.previous_token_hash
            else "refresh_token_mismatch"
        )
        await revoke(db, redis, settings, auth_session, reason)
        raise NotAuthenticated(SESSION_EXPIRED, code="refresh_token_reused", persist=True)
    account = await db.get(Account, auth_session.account_id)
    if account is None or not account.is_active:
        await revoke(db, redis, settings, auth_session, "account_inactive")
        raise NotAuthenticated(SESSION_EXPIRED, code="invalid_refresh_token", persist=True)
    new = new_secret()
    auth_session.previous_token_hash = auth_session.refresh_token_hash
    auth_session.refresh_token_hash = hash_secret(new)
    auth_session.last_seen_at = now
    auth_session.ip_address = client.ip
    await db.flush()
    return await _pair(db, settings, account, session_id, new)


async def revoke(
    db: AsyncSession, redis: Redis, settings: Settings, auth_session: AuthSession, reason: str
) -> None:
    if auth_session.revoked_at is None:
        auth_session.revoked_at = datetime.now(UTC)
        auth_session.revoked_reason = reason
        await db.flush()
    # Access tokens of this session live at most this long; the mark must outlive them.
    await redis.set(revoked_key(str(auth_session.id)), reason, ex=settings.jwt_access_ttl_seconds)


async def revoke_all(
    db: AsyncSession, redis: Redis, settings: Settings, account_id: int, reason: str
) -> int:
    sessions = (
        await db.execute(
            select(AuthSession).where(
                AuthSession.account_id == account_id, AuthSession.revoked_at.is_(None)
            )
        )
    ).scalars()
    count = 0
    for auth_session in sessions:
        await revoke(db, redis, settings, auth_session, reason)
        count += 1
    return count


async def is_revoked(redis: Redis, session_id: str) -> bool:
    return bool(await redis.exists(revoked_key(session_id)))


async def active_sessions(db: AsyncSession, account_id: int) -> list[AuthSession]:
    result = await db.execute(
        select(AuthSession)
        .where(
            AuthSession.account_id == account_id,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > datetime.now(UTC),
        )
        .order_by(AuthSession.last_seen_at.desc())
    )
    return list(result.scalars())
