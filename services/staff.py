"""Staff accounts: invitations, role changes, deactivation and forced password resets."""

from __future__ import annotations

import uuid

from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.passwords import hash_password
from core.settings import Settings
from models import Account, Permission, Role, role_permissions
from models.identity import AccountKind, SystemRole
from services import audit
from services.auth import sessions, throttle
from services.auth.accounts import check_new_password
from services.auth.recovery import send_reset_link
from services.messaging.notifier import Notifier
from services.roles import ensure_may_grant, role_by_name

STAFF_FIELDS = ("email", "username", "first_name", "last_name", "phone", "role_id", "is_active")


async def list_staff(
    db: AsyncSession, offset: int, limit: int
) -> tuple[list[tuple[Account, str]], int]:
    query = (
        select(Account, Role.name)
        .join(Role, Role.id == Account.role_id)
        .where(Account.kind == AccountKind.staff)
    )
    total = await db.scalar(
        select(func.count()).select_from(Account).where(Account.kind == AccountKind.staff)
    )
    rows = await db.execute(query.order_by(Account.id).offset(offset).limit(limit))
    return [(account, role) for account, role in rows], total or 0


async def holding(db: AsyncSession, permission: str) -> list[int]:
    """The active staff accounts whose role grants `permission`: who to tell about a decision
    that waits for one of them."""
    ids = await db.scalars(
        select(Account.id)
        .join(role_permissions, role_permissions.c.role_id == Account.role_id)
        .join(Permission, Permission.id == role_permissions.c.permission_id)
        .where(
            Permission.code == permission,
            Account.is_active.is_(True),
            Account.kind == AccountKind.staff,
        )
    )
    return list(ids)


async def get_staff(db: AsyncSession, account_id: int) -> tuple[Account, str]:
    row = (
        await db.execute(
            select(Account, Role.name)
            .join(Role, Role.id == Account.role_id)
            .where(Account.id == account_id, Account.kind == AccountKind.staff)
        )
    ).one_or_none()
    if row is None:
        raise NotFound("No such staff account.")
    return row[0], row[1]


async def _staff_role(db: AsyncSession, name: str, actor_permissions: frozenset[str]) -> Role:
    role = await role_by_name(db, name)
    if role.applies_to is not AccountKind.staff:
        raise ValidationFailed(f"The {name} role is not a staff role.", code="wrong_role_kind")
    # Assigning a role hands over all of its permissions: the actor must hold them all.
    ensure_may_grant({p.code for p in role.permissions}, actor_permissions)
    return role


async def _other_active_super_admins(db: AsyncSession, account: Account) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(Account)
        .join(Role, Role.id == Account.role_id)
        .where(Role.name == SystemRole.super_admin, Account.is_active, Account.id != account.id)
    )
    return count or 0


async def _guard_last_super_admin(db: AsyncSession, account: Account, current_role: str) -> None:
    if (
        current_role == SystemRole.super_admin
        and await _other_active_super_admins(db, account) == 0
    ):
        raise Conflict("This is the last active super admin.", code="last_super_admin")


async def invite(
    db: AsyncSession,
    settings: Settings,
    notifier: Notifier,
    actor: audit.Actor,
    actor_permissions: frozenset[str],
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    username: str | None,
    phone: str | None,
    password: str | None,
) -> Account:
    """Create a staff account. Without a password, the person gets a link to set their own."""
    email = email.strip().lower()
    staff_role = await _staff_role(db, role, actor_permissions)
    if await db.scalar(select(Account.id).where(Account.email == email)):
        raise Conflict("An account with this email already exists.", code="duplicate_email")
    if username and await db.scalar(select(Account.id).where(Account.username == username)):
        raise Conflict("This username is taken.", code="duplicate_username")
    account = Account(
        kind=AccountKind.staff, email=email, username=username, first_name=first_name,
        last_name=last_name, phone=phone, role_id=staff_role.id,
        password_hash=hash_password(password or uuid.uuid4().hex),
        must_change_password=password is not None,
    )  # fmt: skip
    if password is not None:
        check_new_password(account, password)
    db.add(account)
    await db.flush()
    await audit.record(
        db,
        actor,
        "staff.created",
        "account",
        account.id,
        after=audit.snapshot(account, STAFF_FIELDS),
    )
    if password is None:
        await send_reset_link(db, settings, notifier, account)
    return account


async def update(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    actor: audit.Actor,
    actor_permissions: frozenset[str],
    account: Account,
    current_role: str,
    changes: dict[str, object],
) -> Account:
    before = audit.snapshot(account, STAFF_FIELDS)
    new_role = changes.pop("role", None)
    if new_role is not None and new_role != current_role:
        if account.id == actor.account_id:
            raise PermissionDenied("You cannot change your own role.", code="own_role")
        await _guard_last_super_admin(db, account, current_role)
        account.role_id = (await _staff_role(db, str(new_role), actor_permissions)).id
    if changes.get("is_active") is False:
        await deactivate(db, redis, settings, actor, account, current_role)
    for field, value in changes.items():
        setattr(account, field, value)
    await db.flush()
    await audit.record(
        db, actor, "staff.updated", "account", account.id,
        before=before, after=audit.snapshot(account, STAFF_FIELDS),
    )  # fmt: skip
    return account


async def deactivate(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    actor: audit.Actor,
    account: Account,
    role: str,
) -> None:
    if account.id == actor.account_id:
        raise Conflict("You cannot deactivate your own account.", code="own_account")
    await _guard_last_super_admin(db, account, role)
    account.is_active = False
    await sessions.revoke_all(db, redis, settings, account.id, "account_deactivated")
    await db.flush()


async def unlock(db: AsyncSession, redis: Redis, actor: audit.Actor, account: Account) -> None:
    """Lift a login lockout before it expires on its own."""
    guard = throttle.Throttle(redis)
    for identifier in filter(None, (account.email, account.username)):
        await guard.clear(throttle.subject_key("login", identifier))
    await guard.clear(throttle.subject_key("2fa", str(account.id)))
    await audit.record(db, actor, "account.unlocked", "account", account.id)


async def force_password_reset(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    notifier: Notifier,
    actor: audit.Actor,
    account: Account,
) -> None:
    account.must_change_password = True
    await sessions.revoke_all(db, redis, settings, account.id, "password_reset_forced")
    await send_reset_link(db, settings, notifier, account)
    await audit.record(db, actor, "staff.password_reset_forced", "account", account.id)
