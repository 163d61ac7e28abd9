"""The session hook writes one `search_changes` row per create, document-changing update and
delete of every searchable type, in the same transaction as the change."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import PublicUser, Reseller, ResellerClient, SimOrder, SimPlan, SupportTicket
from models.catalog import SimType
from models.orders import OrderSource, OrderStatus, PaymentStatus
from models.search import SearchChange
from services.search.outbox import CREATE, DELETE, UPDATE
from tests.factories import make_reseller

Build = Callable[[AsyncSession], Awaitable[Any]]


async def _user(db: AsyncSession) -> PublicUser:
    suffix = uuid.uuid4().hex[:8]
    return PublicUser(
        full_name="Ada Quimby", email=f"ada-{suffix}@example.com",
        phone=f"+4479{int(suffix, 16) % 10**8:08d}", city="Leeds",
    )  # fmt: skip


async def _reseller(db: AsyncSession) -> Any:
    reseller = await make_reseller(db)
    await db.execute(delete(SearchChange))  # the factory's own insert is not under test
    return await db.get(Reseller, reseller.id)


async def _client(db: AsyncSession) -> ResellerClient:
    reseller = await make_reseller(db)
    return ResellerClient(
        reseller_id=reseller.id, client_name="Bo Client", client_email="bo@example.com",
        client_phone="+447900000001",
    )  # fmt: skip


async def _order(db: AsyncSession) -> SimOrder:
    reseller = await make_reseller(db)
    return SimOrder(
        order_number=f"ORD-T-{uuid.uuid4().hex[:8]}", order_type=OrderSource.reseller_client,
        reseller_id=reseller.id, sim_type=SimType.esim, network_provider="Vodafone",
        plan_name="Travel 10GB", plan_price=Decimal(20), total_amount=Decimal(20),
        status=OrderStatus.pending, payment_status=PaymentStatus.pending,
    )  # fmt: skip


async def _plan(db: AsyncSession) -> SimPlan:
    return SimPlan(
        code=f"P-{uuid.uuid4().hex[:8]}", name="Nordic 20GB", network_provider="Telenor",
        sim_type=SimType.esim, validity_days=30, price=Decimal(25), data_mb=20480,
    )  # fmt: skip


async def _ticket(db: AsyncSession) -> SupportTicket:
    reseller = await make_reseller(db)
    return SupportTicket(
        ticket_number=f"TCK-{uuid.uuid4().hex[:8]}", reseller_id=reseller.id,
        subject="SIM not active", description="Since Monday",
    )  # fmt: skip


# type → (a new row, a document field to change, an attribute the document does not use)
CASES: dict[str, tuple[Build, str, str]] = {
    "users": (_user, "full_name", "address"),
    "resellers": (_reseller, "business_name", "credit_limit"),
    "clients": (_client, "client_phone", "current_usage"),
    "orders": (_order, "status", "notes"),
    "plans": (_plan, "name", "price"),
    "tickets": (_ticket, "subject", "priority"),
}
UNRELATED_VALUES: dict[str, Any] = {
    "address": "1 Kirkgate",
    "credit_limit": Decimal(9000),
    "current_usage": 3,
    "notes": "left at the door",
    "price": Decimal(26),
    "priority": "high",
}
NEW_VALUES: dict[str, Any] = {"status": OrderStatus.confirmed}


async def _changes(db: AsyncSession) -> list[tuple[str, int, str]]:
    rows = await db.execute(
        select(SearchChange.doc_type, SearchChange.doc_id, SearchChange.op).order_by(
            SearchChange.id
        )
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


@pytest.mark.parametrize("type_name", list(CASES))
async def test_create_update_delete_each_write_one_change(db: AsyncSession, type_name: str) -> None:
    build, field, unrelated = CASES[type_name]
    row = await build(db)
    if type_name == "resellers":  # already inserted by the factory
        created: list[tuple[str, int, str]] = []
    else:
        await db.execute(delete(SearchChange))
        db.add(row)
        await db.flush()
        created = [(type_name, row.id, CREATE)]
    assert await _changes(db) == created

    setattr(row, unrelated, UNRELATED_VALUES[unrelated])
    await db.flush()
    assert await _changes(db) == created  # the document did not change

    setattr(row, field, NEW_VALUES.get(field, "Renamed"))
    await db.flush()
    await db.delete(row)
    await db.flush()
    assert await _changes(db) == [
        *created,
        (type_name, row.id, UPDATE),
        (type_name, row.id, DELETE),
    ]


async def test_a_factory_insert_is_recorded_with_its_commit(db: AsyncSession) -> None:
    await db.execute(delete(SearchChange))
    reseller = await make_reseller(db)
    assert await _changes(db) == [("resellers", reseller.id, CREATE)]


async def test_soft_deleting_a_reseller_is_an_update(db: AsyncSession) -> None:
    reseller = await _reseller(db)
    reseller.deleted_at = datetime.now(UTC)
    await db.flush()
    assert await _changes(db) == [("resellers", reseller.id, UPDATE)]


async def test_a_rolled_back_change_leaves_nothing(db: AsyncSession) -> None:
    await db.execute(delete(SearchChange))
    user = await _user(db)
    with pytest.raises(RuntimeError):
        async with db.begin_nested():
            db.add(user)
            await db.flush()
            assert await _changes(db) == [("users", user.id, CREATE)]
            raise RuntimeError("the request failed")
    assert await _changes(db) == []
