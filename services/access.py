"""The catalogue of permissions and the system roles that bundle them.

Permissions are named `resource:action`. Roles are rows, so admins can create more and
change grants at run time; `ensure_system_roles` (re)creates the built-in ones idempotently
without taking away grants an admin added.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from models import Permission, Role, role_permissions
from models.identity import AccountKind, SystemRole
from services.auth.principal import identity_changed

PERMISSIONS: dict[str, str] = {
    "dashboard:read": "View dashboard metrics and analytics",
    "users:read": "View public users",
    "users:update": "Edit public users",
    "users:block": "Block and unblock public users",
    "users:export_data": "Export or erase a person's personal data",
    "users:kyc": "View and upload people's identity (KYC) documents",
    "resellers:read": "View resellers",
    "resellers:create": "Create resellers",
    "resellers:update": "Edit resellers and their limits",
    "resellers:suspend": "Change a reseller's status",
    "resellers:delete": "Delete resellers",
    "clients:read": "View reseller clients",
    "clients:write": "Create and edit reseller clients",
    "clients:override": "Block, unblock or upgrade any reseller's clients",
    "catalog:read": "View plans and categories",
    "catalog:write": "Create and edit plans and categories",
    "inventory:read": "View the SIM/eSIM registry",
    "inventory:write": "Upload and change SIMs in the registry",
    "orders:read": "View orders",
    "orders:create": "Place orders",
    "orders:update": "Edit orders",
    "orders:update_status": "Move orders through their lifecycle",
    "orders:assign_delivery": "Assign couriers and tracking numbers",
    "orders:bulk": "Run bulk actions on orders",
    "transactions:read": "View transactions",
    "transactions:refund": "Refund payments",
    "transactions:export": "Export transactions",
    "payments:process": "Start payments",
    "support:read": "View support tickets",
    "support:write": "Create and reply to tickets",
    "support:assign": "Assign tickets to staff",
    "support:internal_notes": "Read and write internal notes on tickets",
    "settings:read": "View system settings",
    "settings:write": "Change system settings",
    "api_keys:manage": "Create and revoke API keys and webhooks",
    "reports:read": "View and download reports",
    "reports:create": "Generate reports",
    "reports:manage": "See, download and cancel everyone's reports; manage scheduled reports",
    "staff:read": "View staff accounts",
    "staff:write": "Create, edit and deactivate staff accounts",
    "roles:manage": "Manage roles and their permissions",
    "logs:read": "View activity and audit logs",
    "emails:send": "Send custom emails to people and segments",
    "data:import": "Import data from CSV or JSON",
    "data:export": "Export data",
    "notifications:read": "Read one's own notifications",
    "search:read": "Search across the records one may read",
}

_READ_ALL = [code for code in PERMISSIONS if code.endswith(":read")]
_SUPPORT_WORK = ["support:write", "support:assign", "support:internal_notes"]

SYSTEM_ROLES: dict[SystemRole, tuple[AccountKind, str, list[str]]] = {
    SystemRole.super_admin: (
        AccountKind.staff,
        "Everything, including roles",
        list(PERMISSIONS),
    ),
    SystemRole.admin: (
        AccountKind.staff,
        "Runs the business day to day",
        [code for code in PERMISSIONS if code != "roles:manage"],
    ),
    SystemRole.moderator: (
        AccountKind.staff,
        "Handles orders, users and tickets",
        [
            *_READ_ALL,
            *_SUPPORT_WORK,
            "users:update",
            "users:block",
            "clients:write",
            "orders:update",
            "orders:update_status",
            "orders:assign_delivery",
            "orders:bulk",
        ],
    ),
    SystemRole.support: (
        AccountKind.staff,
        "Answers customers",
        [
            "dashboard:read",
            "users:read",
            "resellers:read",
            "clients:read",
            "catalog:read",
            "inventory:read",
            "orders:read",
            "transactions:read",
            "support:read",
            "notifications:read",
            "search:read",
            *_SUPPORT_WORK,
        ],
    ),
    SystemRole.reseller_owner: (
        AccountKind.reseller,
        "Owner of a reseller account",
        [
            "dashboard:read",
            "resellers:read",
            "clients:read",
            "clients:write",
            "catalog:read",
            "orders:read",
            "orders:create",
            "transactions:read",
            "transactions:export",
            "support:read",
            "support:write",
            "reports:read",
            "reports:create",
            "api_keys:manage",
            "notifications:read",
            "search:read",
        ],
    ),
    SystemRole.reseller_agent: (
        AccountKind.reseller,
        "Staff of a reseller",
        [
            "clients:read",
            "clients:write",
            "catalog:read",
            "orders:read",
            "orders:create",
            "support:read",
            "support:write",
            "notifications:read",
            "search:read",
        ],
    ),
    SystemRole.customer: (
        AccountKind.public,
        "An app user buying SIMs",
        [
            "catalog:read",
            "orders:read",
            "orders:create",
            "transactions:read",
            "payments:process",
            "support:read",
            "support:write",
            "notifications:read",
            "search:read",
        ],
    ),
}


async def ensure_system_roles(session: AsyncSession) -> dict[SystemRole, int]:
    """Create the permission catalogue and system roles if missing; return role ids by name."""
    await session.execute(
        insert(Permission)
        .values([{"code": code, "description": text} for code, text in PERMISSIONS.items()])
        .on_conflict_do_nothing(index_elements=["code"])
    )
    await session.execute(
        insert(Role)
        .values(
            [
                {
                    "name": role.value,
                    "applies_to": kind,
                    "description": text,
                    "is_system": True,
                }
                for role, (kind, text, _) in SYSTEM_ROLES.items()
            ]
        )
        .on_conflict_do_nothing(index_elements=["name"])
    )
    roles = await session.execute(select(Role.name, Role.id).where(Role.is_system))
    role_ids = {name: role_id for name, role_id in roles}
    permissions = await session.execute(select(Permission.code, Permission.id))
    permission_ids = {code: permission_id for code, permission_id in permissions}
    grants = [
        {"role_id": role_ids[role.value], "permission_id": permission_ids[code]}
        for role, (_, _, codes) in SYSTEM_ROLES.items()
        for code in codes
    ]
    await session.execute(insert(role_permissions).values(grants).on_conflict_do_nothing())
    identity_changed(session)
    return {SystemRole(name): role_id for name, role_id in role_ids.items()}
