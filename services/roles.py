"""Roles and their permissions, managed at run time. Nobody grants what they do not hold."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from models import Account, Permission, Role
from models.identity import AccountKind, SystemRole
from services import audit
from services.access import PERMISSIONS


async def list_roles(db: AsyncSession) -> list[Role]:
    result = await db.execute(
        select(Role).options(selectinload(Role.permissions)).order_by(Role.id)
    )
    return list(result.scalars())


async def get_role(db: AsyncSession, role_id: int) -> Role:
    role = (
        await db.execute(
            select(Role).options(selectinload(Role.permissions)).where(Role.id == role_id)
        )
    ).scalar_one_or_none()
    if role is None:
        raise NotFound("No such role.")
    return role


async def role_by_name(db: AsyncSession, name: str) -> Role:
    role = (
        await db.execute(
            select(Role).options(selectinload(Role.permissions)).where(Role.name == name)
        )
    ).scalar_one_or_none()
    if role is None:
        raise ValidationFailed(f"There is no role named {name!r}.", code="unknown_role")
    return role


def ensure_may_grant(granted: set[str], actor_permissions: frozenset[str]) -> None:
    beyond = sorted(granted - actor_permissions)
    if beyond:
        raise PermissionDenied(
            "You cannot grant permissions you do not have yourself.",
            details={"permissions": beyond},
        )


async def _permissions(db: AsyncSession, codes: list[str]) -> list[Permission]:
    unknown = sorted(set(codes) - PERMISSIONS.keys())
    if unknown:
        raise ValidationFailed(
            "Unknown permissions.",
            details=[{"field": "permissions", "message": f"unknown: {', '.join(unknown)}"}],
            code="unknown_permission",
        )
    result = await db.execute(select(Permission).where(Permission.code.in_(codes)))
    return list(result.scalars())


async def create_role(
    db: AsyncSession,
    actor: audit.Actor,
    actor_permissions: frozenset[str],
    name: str,
    description: str,
    applies_to: AccountKind,
    codes: list[str],
) -> Role:
    permissions = await _permissions(db, codes)
    ensure_may_grant(set(codes), actor_permissions)
    if await db.scalar(select(Role.id).where(Role.name == name)):
        raise Conflict(f"A role named {name!r} already exists.", code="duplicate_role")
    role = Role(name=name, description=description, applies_to=applies_to, is_system=False)
    role.permissions = permissions
    db.add(role)
    await db.flush()
    await audit.record(
        db, actor, "role.created", "role", role.id,
        after={"name": name, "applies_to": applies_to.value, "permissions": sorted(codes)},
    )  # fmt: skip
    return role


async def update_role(
    db: AsyncSession,
    actor: audit.Actor,
    actor_permissions: frozenset[str],
    role: Role,
    description: str | None,
    codes: list[str] | None,
) -> Role:
    before = {
        "description": role.description,
        "permissions": sorted(p.code for p in role.permissions),
    }
    if description is not None:
        role.description = description
    if codes is not None:
        if role.name == SystemRole.super_admin:
            raise Conflict("The super_admin role always has every permission.", code="role_locked")
        permissions = await _permissions(db, codes)
        ensure_may_grant(set(codes) ^ {p.code for p in role.permissions}, actor_permissions)
        role.permissions = permissions
    await db.flush()
    after = {
        "description": role.description,
        "permissions": sorted(p.code for p in role.permissions),
    }
    await audit.record(db, actor, "role.updated", "role", role.id, before=before, after=after)
    return role


async def delete_role(db: AsyncSession, actor: audit.Actor, role: Role) -> None:
    if role.is_system:
        raise Conflict("Built-in roles cannot be deleted.", code="role_locked")
    holders = await db.scalar(
        select(func.count()).select_from(Account).where(Account.role_id == role.id)
    )
    if holders:
        raise Conflict(f"{holders} account(s) still have this role.", code="role_in_use")
    await audit.record(db, actor, "role.deleted", "role", role.id, before={"name": role.name})
    await db.delete(role)
    await db.flush()
