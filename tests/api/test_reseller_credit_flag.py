"""A reseller whose orders bring its credit exposure to the limit (or whose order is refused
for it) is flagged, and its owner and the staff who manage limits are told once."""

from __future__ import annotations

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import Notification, Reseller, SimType
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_plan, make_staff


async def _told(db: AsyncSession, account_id: int) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.recipient_id == account_id,
            Notification.category == "reseller_credit_limit",
        )
    )
    return count or 0


async def _reseller_at(db: AsyncSession, limit: str) -> tuple[int, int]:
    """(owner account id, reseller id) of an active reseller with this credit limit."""
    owner = await make_account(db, SystemRole.reseller_owner)
    assert owner.reseller_id is not None
    await db.execute(
        update(Reseller).where(Reseller.id == owner.reseller_id).values(credit_limit=limit)
    )
    await db.commit()
    return owner.id, owner.reseller_id


async def test_reaching_the_limit_flags_once_and_raising_it_clears(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db, sim_type=SimType.esim, stock=5)
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    owner_id, reseller_id = await _reseller_at(db, "57.20")  # two eSIM orders of 28.60
    order = {"plan_id": plan.id, "reseller_id": reseller_id}
    url = f"/api/resellers/{reseller_id}/"

    assert (await client.post("/api/orders/", headers=auth, json=order)).status_code == 201
    assert (await client.get(url, headers=auth)).json()["credit_limit_reached_at"] is None
    assert (await client.post("/api/orders/", headers=auth, json=order)).status_code == 201
    flagged = (await client.get(url, headers=auth)).json()["credit_limit_reached_at"]
    assert flagged is not None
    assert (await _told(db, admin.id), await _told(db, owner_id)) == (1, 1)

    refused = await client.post("/api/orders/", headers=auth, json=order)
    assert refused.json()["error"]["code"] == "credit_limit_exceeded"
    assert (await client.get(url, headers=auth)).json()["credit_limit_reached_at"] == flagged
    assert (await _told(db, admin.id), await _told(db, owner_id)) == (1, 1)

    raised = await client.patch(url, headers=auth, json={"credit_limit": "1000.00"})
    assert raised.json()["credit_limit_reached_at"] is None
    assert (await _told(db, admin.id), await _told(db, owner_id)) == (1, 1)


async def test_a_refusal_for_credit_flags_and_is_kept(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db, sim_type=SimType.esim, stock=2)
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    owner_id, reseller_id = await _reseller_at(db, "10.00")
    refused = await client.post(
        "/api/orders/", headers=auth, json={"plan_id": plan.id, "reseller_id": reseller_id}
    )
    assert refused.status_code == 409
    reseller = await db.get(Reseller, reseller_id, populate_existing=True)
    assert reseller is not None and reseller.credit_limit_reached_at is not None
    assert reseller.credit_limit == Decimal("10.00")
    assert (await _told(db, admin.id), await _told(db, owner_id)) == (1, 1)
