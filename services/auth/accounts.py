"""Changes people make to their own account: profile, preferences and password."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotFound, ValidationFailed
from core.passwords import hash_password, password_problems, verify_password
from core.settings import Settings
from models import Account, AuthSession
from services import audit
from services.auth import sessions

PROFILE_FIELDS = ("first_name", "last_name", "phone", "preferences")


async def get_account(db: AsyncSession, account_id: int) -> Account:
    account = await db.get(Account, account_id)
    if account is None:
        raise NotFound("No such account.")
    return account


async def update_profile(
    db: AsyncSession, actor: audit.Actor, account: Account, changes: dict[str, Any]
) -> Account:
    before = audit.snapshot(account, PROFILE_FIELDS)
    for field, value in changes.items():
        if field == "preferences":
            # Merge: the panel sends only the preference it changed.
            value = {**account.preferences, **{k: v for k, v in value.items() if v is not None}}
        setattr(account, field, value)
    await db.flush()
    await audit.record(
        db, actor, "account.profile_updated", "account", account.id,
        before=before, after=audit.snapshot(account, PROFILE_FIELDS),
    )  # fmt: skip
    return account


def check_new_password(account: Account, password: str) -> None:
    problems = password_problems(
        password, email=account.email, names=(account.first_name, account.last_name)
    )
    if problems:
        raise ValidationFailed(
            "The new password is not strong enough.",
            details=[{"field": "new_password", "message": f"Password {p}."} for p in problems],
            code="weak_password",
        )


async def set_password(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    account: Account,
    new_password: str,
    *,
    keep_session: str | None,
) -> None:
    """Store a new password and sign out every other session (a thief's included)."""
    check_new_password(account, new_password)
    account.password_hash = hash_password(new_password)
    account.password_changed_at = datetime.now(UTC)
    account.must_change_password = False
    for auth_session in await sessions.active_sessions(db, account.id):
        if str(auth_session.id) != keep_session:
            await sessions.revoke(db, redis, settings, auth_session, "password_changed")


async def change_password(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    actor: audit.Actor,
    account: Account,
    current_password: str,
    new_password: str,
    session_id: str | None,
) -> None:
    if not verify_password(account.password_hash, current_password):
        raise ValidationFailed(
            "The current password is incorrect.",
            details=[{"field": "current_password", "message": "Incorrect password."}],
            code="wrong_password",
        )
    await set_password(db, redis, settings, account, new_password, keep_session=session_id)
    await audit.record(db, actor, "account.password_changed", "account", account.id)


async def own_session(db: AsyncSession, account_id: int, session_id: str) -> AuthSession:
    result = await db.execute(
        select(AuthSession).where(
            AuthSession.id == session_id,
            AuthSession.account_id == account_id,
            AuthSession.revoked_at.is_(None),
        )
    )
    auth_session = result.scalar_one_or_none()
    if auth_session is None:
        raise NotFound("No such active session.")
    return auth_session
