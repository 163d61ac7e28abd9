"""Forgotten passwords and contact verification."""

from __future__ import annotations

from datetime import UTC, datetime

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from models import Account, PublicUser, PublicUserStatus, TokenPurpose
from services import audit
from services.auth import one_time, throttle
from services.auth.accounts import get_account, set_password
from services.messaging.notifier import Notifier

TOO_MANY = "Too many requests. Try again later."


async def request_password_reset(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    notifier: Notifier,
    email: str,
    ip: str | None,
) -> None:
    """Email a reset link if the account exists. The caller answers the same either way."""
    await throttle.Throttle(redis).hit(
        throttle.subject_key("reset-ip", ip or "unknown"), throttle.RESET_PER_IP, TOO_MANY
    )
    account = (
        await db.execute(select(Account).where(Account.email == email.strip().lower()))
    ).scalar_one_or_none()
    if account is None or not account.is_active:
        return
    await send_reset_link(db, settings, notifier, account)


async def _email_link(
    db: AsyncSession,
    settings: Settings,
    notifier: Notifier,
    account: Account,
    purpose: TokenPurpose,
    page: str,
) -> None:
    """Email a single-use link to a page of the panel or app, e.g. /reset-password/<token>;
    the template is named after the token's purpose."""
    token = await one_time.issue(db, account.id, purpose)
    context = {
        "name": account.first_name or account.email,
        "link": f"{settings.base_url}/{page}/{token}",
    }
    await notifier.send_email(db, account.email, purpose.value, context, account_id=account.id)


async def send_reset_link(
    db: AsyncSession, settings: Settings, notifier: Notifier, account: Account
) -> None:
    await _email_link(
        db, settings, notifier, account, TokenPurpose.password_reset, "reset-password"
    )


async def confirm_password_reset(
    db: AsyncSession, redis: Redis, settings: Settings, token: str, new_password: str
) -> None:
    account = await get_account(db, await one_time.redeem(db, token, TokenPurpose.password_reset))
    # Every session ends: whoever knew the old password is signed out too.
    await set_password(db, redis, settings, account, new_password, keep_session=None)
    await audit.record(
        db,
        audit.Actor(account.id, account.kind.value),
        "account.password_reset",
        "account",
        account.id,
    )


async def send_email_verification(
    db: AsyncSession, settings: Settings, notifier: Notifier, account: Account
) -> None:
    purpose = TokenPurpose.email_verification
    await _email_link(db, settings, notifier, account, purpose, "verify-email")


async def send_phone_verification(db: AsyncSession, notifier: Notifier, account: Account) -> None:
    if account.phone is None:
        return
    code = await one_time.issue(db, account.id, TokenPurpose.phone_verification)
    await notifier.send_sms(
        db, account.phone, "phone_verification", {"code": code}, account_id=account.id
    )


async def _person(db: AsyncSession, account: Account) -> PublicUser | None:
    if account.public_user_id is None:
        return None
    return await db.get(PublicUser, account.public_user_id)


def _activate_when_verified(person: PublicUser) -> None:
    """An app user becomes active once both their email and phone are confirmed."""
    if (
        person.status is PublicUserStatus.pending_verification
        and person.email_verified_at is not None
        and person.phone_verified_at is not None
    ):
        person.status = PublicUserStatus.active


async def verify_email(db: AsyncSession, token: str) -> Account:
    account = await get_account(
        db, await one_time.redeem(db, token, TokenPurpose.email_verification)
    )
    if person := await _person(db, account):
        person.email_verified_at = person.email_verified_at or datetime.now(UTC)
        _activate_when_verified(person)
    await db.flush()
    return account


async def verify_phone(db: AsyncSession, account: Account, code: str) -> None:
    await one_time.redeem_code(db, account.id, code)
    if person := await _person(db, account):
        person.phone_verified_at = person.phone_verified_at or datetime.now(UTC)
        _activate_when_verified(person)
    await db.flush()
