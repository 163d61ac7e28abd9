"""A reseller at its credit limit is flagged and its admins told, once per time it gets there:
when an order brings its exposure (balance owed plus orders not yet captured) to the limit,
or one is refused for going over. The flag clears when exposure is back under the limit."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, Permission, Reseller, role_permissions
from models.identity import AccountKind, Role, SystemRole
from services import notifications

# Staff who can act on it: raise the limit or suspend the reseller.
STAFF_PERMISSION = "resellers:update"


async def _admins(db: AsyncSession, reseller: Reseller) -> list[int]:
    """The reseller's owners and the staff who manage reseller limits."""
    staff = (
        select(Account.id)
        .join(role_permissions, role_permissions.c.role_id == Account.role_id)
        .join(Permission, Permission.id == role_permissions.c.permission_id)
        .where(Account.kind == AccountKind.staff, Permission.code == STAFF_PERMISSION)
    )
    owners = (
        select(Account.id)
        .join(Role, Role.id == Account.role_id)
        .where(Account.reseller_id == reseller.id, Role.name == SystemRole.reseller_owner.value)
    )
    rows = await db.scalars(
        select(Account.id)
        .where(Account.is_active.is_(True), or_(Account.id.in_(staff), Account.id.in_(owners)))
        .order_by(Account.id)
    )
    return list(rows)


async def note_exposure(
    db: AsyncSession, reseller: Reseller, exposure: Decimal, *, refused: bool = False
) -> None:
    """Record where the reseller stands after an order placed (or refused) at `exposure`."""
    at_limit = refused or exposure >= reseller.credit_limit
    if at_limit and reseller.credit_limit_reached_at is None:
        reseller.credit_limit_reached_at = datetime.now(UTC)
        await notifications.notify(
            db,
            await _admins(db, reseller),
            "reseller_credit_limit",
            f"{reseller.business_name} reached its credit limit",
            f"Exposure {exposure} of a {reseller.credit_limit} {reseller.currency} limit: "
            "further orders are refused until it pays or the limit is raised.",
            {"reseller_id": reseller.id, "exposure": str(exposure)},
        )
    elif not at_limit and reseller.credit_limit_reached_at is not None:
        reseller.credit_limit_reached_at = None
    await db.flush()
