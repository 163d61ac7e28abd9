"""Rows for tests, created through the same models the services use.

Factories commit: in the test session that only releases a savepoint into the test's outer
transaction, so a request that fails and rolls back cannot take the test's setup with it.
They return detached rows, whose loaded values a later rollback cannot expire."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.passwords import hash_password
from models import (
    Account,
    OrderSource,
    OrderStatus,
    PaymentStatus,
    PublicUser,
    Reseller,
    ResellerStatus,
    Sim,
    SimOrder,
    SimPlan,
    SimType,
    SystemSetting,
)
from models.identity import AccountKind, SystemRole
from services.access import ensure_system_roles
from services.inventory import luhn_valid

PASSWORD = "correct horse battery staple"
STAFF_ROLES = (SystemRole.super_admin, SystemRole.admin, SystemRole.moderator, SystemRole.support)


async def make_account(db: AsyncSession, role: SystemRole, *, password: str = PASSWORD) -> Account:
    """An account of any role; reseller and app-user accounts get their reseller/person row."""
    if role in STAFF_ROLES:
        return await make_staff(db, role, password=password)
    role_ids = await ensure_system_roles(db)
    suffix = uuid.uuid4().hex[:10]
    account = Account(
        email=f"{role.value}-{suffix}@example.org",
        password_hash=hash_password(password),
        role_id=role_ids[role],
    )
    if role in (SystemRole.reseller_owner, SystemRole.reseller_agent):
        reseller = Reseller(
            business_name=f"Reseller {suffix}",
            contact_person="Sam Seller",
            email=f"shop-{suffix}@example.org",
            phone="+14155550100",
            city="Austin",
            country="US",
            status=ResellerStatus.active,
        )
        db.add(reseller)
        await db.flush()
        account.kind, account.reseller_id = AccountKind.reseller, reseller.id
    else:
        person = PublicUser(
            full_name="Pat Buyer",
            email=account.email,
            phone=f"+1415555{int(suffix[:6], 16) % 10_000:04d}",
            city="Denver",
        )
        db.add(person)
        await db.flush()
        account.kind, account.public_user_id = AccountKind.public, person.id
    db.add(account)
    await db.commit()
    db.expunge(account)
    return account


async def make_staff(
    db: AsyncSession,
    role: SystemRole = SystemRole.admin,
    *,
    password: str = PASSWORD,
    email: str | None = None,
) -> Account:
    role_ids = await ensure_system_roles(db)
    account = Account(
        kind=AccountKind.staff,
        email=email or f"staff-{uuid.uuid4().hex[:10]}@example.org",
        username=f"user{uuid.uuid4().hex[:8]}",
        password_hash=hash_password(password),
        first_name="Ada",
        last_name="Lovelace",
        role_id=role_ids[role],
    )
    db.add(account)
    await db.commit()
    db.expunge(account)
    return account


async def login_headers(
    client: AsyncClient, account: Account, password: str = PASSWORD
) -> dict[str, str]:
    response = await client.post(
        "/api/auth/login/", json={"login": account.email, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def make_reseller(db: AsyncSession, **overrides: object) -> Reseller:
    suffix = uuid.uuid4().hex[:10]
    fields: dict[str, object] = {
        "business_name": f"Nimbus Mobile {suffix}",
        "contact_person": "Rita Moreno",
        "email": f"sales-{suffix}@example.org",
        "phone": "+14155550142",
        "city": "Austin",
        "country": "US",
        "status": ResellerStatus.active,
        "credit_limit": Decimal("5000.00"),
    }
    fields.update(overrides)
    reseller = Reseller(**fields)
    db.add(reseller)
    await db.commit()
    db.expunge(reseller)
    return reseller


async def make_order(
    db: AsyncSession,
    *,
    reseller_id: int | None = None,
    user_id: int | None = None,
    status: OrderStatus = OrderStatus.pending,
    payment_status: PaymentStatus = PaymentStatus.pending,
    price: Decimal = Decimal("20.00"),
) -> SimOrder:
    order = SimOrder(
        order_number=f"ORD-TEST-{uuid.uuid4().hex[:10]}",
        order_type=OrderSource.reseller_client if reseller_id else OrderSource.app_user,
        reseller_id=reseller_id,
        user_id=user_id,
        sim_type=SimType.esim,
        network_provider="Vodafone",
        plan_name="Travel 10GB",
        plan_price=price,
        total_amount=price,
        status=status,
        payment_status=payment_status,
    )
    db.add(order)
    await db.commit()
    db.expunge(order)
    return order


def iccid(serial: int, prefix: str = "8944100000") -> str:
    """A valid ICCID: prefix + serial + Luhn check digit."""
    body = f"{prefix}{serial:08d}"
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


PROVIDER = "Telenor"
PRICING = {"pricing.delivery_fee": 4.5, "pricing.service_charge": 1, "pricing.tax_rate": 10}


async def make_plan(
    db: AsyncSession, sim_type: SimType = SimType.physical, stock: int = 3
) -> SimPlan:
    """A plan on sale with `stock` SIMs of its kind in the registry, and pricing settings."""
    plan = SimPlan(
        code=f"TN-{sim_type.value}-{stock}".upper(),
        name="Nordic 20GB",
        network_provider=PROVIDER,
        sim_type=sim_type,
        validity_days=30,
        price=Decimal("25.00"),
        data_mb=20480,
    )
    db.add(plan)
    db.add_all(
        Sim(
            iccid=iccid(500 + n, prefix="8947080000"),
            network_provider=PROVIDER,
            sim_type=sim_type,
            activation_code="LPA:1$x$y" if sim_type is SimType.esim else None,
        )
        for n in range(stock)
    )
    await db.execute(
        insert(SystemSetting)
        .values(
            [
                {"setting_key": k, "setting_value": v, "group": "pricing", "setting_type": "number"}
                for k, v in PRICING.items()
            ]
        )
        .on_conflict_do_nothing()
    )
    await db.commit()
    db.expunge(plan)
    return plan


async def grant(db: AsyncSession, role: SystemRole, *permissions: str) -> None:
    """Give a system role extra permissions, inside the test's transaction only."""
    from sqlalchemy import select

    from models import Permission, Role, role_permissions

    await ensure_system_roles(db)
    role_id = await db.scalar(select(Role.id).where(Role.name == role.value))
    ids = (await db.scalars(select(Permission.id).where(Permission.code.in_(permissions)))).all()
    await db.execute(
        insert(role_permissions)
        .values([{"role_id": role_id, "permission_id": i} for i in ids])
        .on_conflict_do_nothing()
    )
    await db.commit()


# Sequences and id columns that name workflows and schedules (order-<number>,
# refund-<transaction>, reseller-onboarding-<id>, report-<id>, email-campaign-<id>, bulk-<id>…).
WORKFLOW_SEQUENCES = ("order_number_seq", "transaction_number_seq")
WORKFLOW_ID_TABLES = (
    "resellers",
    "report_jobs",
    "report_schedules",
    "email_campaigns",
    "bulk_jobs",
)


async def number_apart(db: AsyncSession) -> None:
    """Every test database counts from 1 while the Temporal server is the whole run's: start
    this database's workflow-naming numbers at a random offset of their own, and commit."""
    start = random.randrange(1, 900_000) * 1000  # noqa: S311 - not a secret
    for sequence in WORKFLOW_SEQUENCES:
        await db.execute(text(f"ALTER SEQUENCE {sequence} RESTART WITH {start}"))
    for table in WORKFLOW_ID_TABLES:
        await db.execute(text(f"ALTER TABLE {table} ALTER COLUMN id RESTART WITH {start}"))
    await db.commit()
