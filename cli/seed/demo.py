"""The demo super admin that a fresh development install logs in with."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from models import Account, AccountKind
from models.identity import SystemRole

DEMO_ORDERS = 5_000


async def ensure_demo_admin(
    session: AsyncSession, settings: Settings, role_ids: dict[SystemRole, int], password_hash: str
) -> bool:
    """Create the demo admin unless an account with its email exists; True if created.

    An existing account is left alone, so a password changed after the first seed survives.
    """
    result = await session.execute(
        insert(Account)
        .values(
            kind=AccountKind.staff,
            email=settings.demo_admin_email.strip().lower(),
            password_hash=password_hash,
            first_name="Demo",
            last_name="Admin",
            role_id=role_ids[SystemRole.super_admin],
        )
        .on_conflict_do_nothing(index_elements=["email"])
        .returning(Account.id)
    )
    return result.scalar_one_or_none() is not None
