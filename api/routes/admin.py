"""/api/admin/: roles, permissions and staff accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from api.deps import NotifierDep, RedisDep, SessionDep, SettingsDep
from api.listing import PaginationDep, page_of
from api.schemas import Page
from api.schemas.admin import (
    PermissionRead,
    RoleCreate,
    RoleRead,
    RoleUpdate,
    StaffCreate,
    StaffRead,
    StaffUpdate,
)
from api.security import require
from core.errors import ValidationFailed
from models import Account, Permission, Role
from services import roles, staff
from services.auth import accounts
from services.auth.principal import Principal

router = APIRouter(prefix="/api/admin", tags=["admin"])

ManageRoles = Annotated[Principal, require("roles:manage")]
ReadStaff = Annotated[Principal, require("staff:read")]
WriteStaff = Annotated[Principal, require("staff:write")]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _role(role: Role) -> RoleRead:
    return RoleRead(
        id=role.id, name=role.name, description=role.description, applies_to=role.applies_to,
        is_system=role.is_system, permissions=sorted(p.code for p in role.permissions),
    )  # fmt: skip


def _staff(account: Account, role: str) -> StaffRead:
    return StaffRead(
        id=account.id, email=account.email, username=account.username,
        first_name=account.first_name, last_name=account.last_name, phone=account.phone,
        role=role, is_active=account.is_active, two_factor_enabled=account.two_factor_enabled,
        must_change_password=account.must_change_password, last_login_at=account.last_login_at,
        created_at=account.created_at,
    )  # fmt: skip


@router.get("/permissions/", response_model=list[PermissionRead])
async def list_permissions(_: ReadStaff, db: SessionDep) -> list[PermissionRead]:
    result = await db.execute(select(Permission).order_by(Permission.code))
    return [PermissionRead.model_validate(p) for p in result.scalars()]


@router.get("/roles/", response_model=list[RoleRead])
async def list_roles(_: ReadStaff, db: SessionDep) -> list[RoleRead]:
    return [_role(role) for role in await roles.list_roles(db)]


@router.post("/roles/", response_model=RoleRead, status_code=201)
async def create_role(
    body: RoleCreate, principal: ManageRoles, db: SessionDep, request: Request
) -> RoleRead:
    role = await roles.create_role(
        db, principal.actor(_ip(request)), principal.permissions,
        body.name, body.description, body.applies_to, body.permissions,
    )  # fmt: skip
    return _role(role)


@router.patch("/roles/{role_id}/", response_model=RoleRead)
async def update_role(
    role_id: int, body: RoleUpdate, principal: ManageRoles, db: SessionDep, request: Request
) -> RoleRead:
    role = await roles.get_role(db, role_id)
    role = await roles.update_role(
        db,
        principal.actor(_ip(request)),
        principal.permissions,
        role,
        body.description,
        body.permissions,
    )
    return _role(role)


@router.delete("/roles/{role_id}/", status_code=204)
async def delete_role(
    role_id: int, principal: ManageRoles, db: SessionDep, request: Request
) -> Response:
    await roles.delete_role(db, principal.actor(_ip(request)), await roles.get_role(db, role_id))
    return Response(status_code=204)


@router.get("/staff/", response_model=Page[StaffRead])
async def list_staff(_: ReadStaff, db: SessionDep, paging: PaginationDep) -> Page[StaffRead]:
    rows, total = await staff.list_staff(db, paging.offset, paging.page_size)
    return page_of([_staff(a, r) for a, r in rows], total, paging)


@router.get("/staff/{account_id}/", response_model=StaffRead)
async def read_staff(account_id: int, _: ReadStaff, db: SessionDep) -> StaffRead:
    return _staff(*await staff.get_staff(db, account_id))


@router.post("/staff/", response_model=StaffRead, status_code=201)
async def create_staff(
    body: StaffCreate,
    principal: WriteStaff,
    db: SessionDep,
    settings: SettingsDep,
    notifier: NotifierDep,
    request: Request,
) -> StaffRead:
    """Create a staff account. Without a password the person is emailed a link to set one."""
    account = await staff.invite(
        db, settings, notifier, principal.actor(_ip(request)), principal.permissions,
        email=body.email, first_name=body.first_name, last_name=body.last_name, role=body.role,
        username=body.username, phone=body.phone, password=body.password,
    )  # fmt: skip
    return _staff(account, body.role)


@router.patch("/staff/{account_id}/", response_model=StaffRead)
async def update_staff(
    account_id: int,
    body: StaffUpdate,
    principal: WriteStaff,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    request: Request,
) -> StaffRead:
    changes: dict[str, object] = body.model_dump(exclude_unset=True)
    if not changes:
        raise ValidationFailed("Nothing to change.", code="empty_update")
    account, role = await staff.get_staff(db, account_id)
    await staff.update(
        db,
        redis,
        settings,
        principal.actor(_ip(request)),
        principal.permissions,
        account,
        role,
        changes,
    )
    return _staff(*await staff.get_staff(db, account_id))


@router.delete("/staff/{account_id}/", status_code=204)
async def deactivate_staff(
    account_id: int,
    principal: WriteStaff,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    request: Request,
) -> Response:
    """Deactivate (never erase: their actions stay attributable in the logs)."""
    account, role = await staff.get_staff(db, account_id)
    await staff.update(
        db, redis, settings, principal.actor(_ip(request)), principal.permissions,
        account, role, {"is_active": False},
    )  # fmt: skip
    return Response(status_code=204)


@router.post("/accounts/{account_id}/unlock/", status_code=204)
async def unlock_account(
    account_id: int, principal: WriteStaff, db: SessionDep, redis: RedisDep, request: Request
) -> Response:
    """Lift a lockout after too many failed logins (any kind of account)."""
    account = await accounts.get_account(db, account_id)
    await staff.unlock(db, redis, principal.actor(_ip(request)), account)
    return Response(status_code=204)


@router.post("/staff/{account_id}/force-password-reset/", status_code=204)
async def force_password_reset(
    account_id: int,
    principal: WriteStaff,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    notifier: NotifierDep,
    request: Request,
) -> Response:
    account, _ = await staff.get_staff(db, account_id)
    await staff.force_password_reset(
        db, redis, settings, notifier, principal.actor(_ip(request)), account
    )
    return Response(status_code=204)
