"""A reseller's `revenue_total` (list and detail) is the dashboard's revenue: money captured
minus completed refunds, read from the reseller's daily rollup."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from models import PaymentStatus, Transaction, TransactionStatus, TransactionType
from models.identity import SystemRole
from services.analytics import rollups, trends
from services.analytics.reconcile import reconcile
from services.analytics.trends import TopBy
from tests.factories import login_headers, make_order, make_reseller, make_staff


async def _refund(db: AsyncSession, order_id: int, reseller_id: int, amount: str) -> None:
    db.add(
        Transaction(
            transaction_id=f"TXN-RV-{uuid.uuid4().hex[:10]}", order_id=order_id,
            reseller_id=reseller_id, amount=Decimal(amount),
            transaction_type=TransactionType.refund, payment_method="reseller_credit",
            status=TransactionStatus.completed,
        )
    )  # fmt: skip


async def test_revenue_is_captured_minus_refunds_like_the_dashboard(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    seller = await make_reseller(db, business_name="Revenue Probe Mobile")
    idle = await make_reseller(db, business_name="Revenue Probe Idle")
    for status, price in (
        (PaymentStatus.paid, "30.00"),
        (PaymentStatus.failed, "99.00"),  # never captured
        (PaymentStatus.pending, "15.00"),
    ):
        await make_order(db, reseller_id=seller.id, payment_status=status, price=Decimal(price))
    partly = await make_order(
        db, reseller_id=seller.id, payment_status=PaymentStatus.partially_refunded,
        price=Decimal("20.00"),
    )  # fmt: skip
    whole = await make_order(
        db, reseller_id=seller.id, payment_status=PaymentStatus.refunded, price=Decimal("12.00")
    )
    await _refund(db, partly.id, seller.id, "5.00")
    await _refund(db, whole.id, seller.id, "12.00")
    today = rollups.day_of(datetime.now(UTC))
    await reconcile(db, today, today)  # books the factory's rows, as the hourly job would
    await db.commit()

    # 30 + 20 + 12 captured, 5 + 12 refunded (the old figure, paid + partly refunded at full
    # value, was 50.00).
    expected = "45.00"
    page = (
        await client.get(
            "/api/resellers/",
            headers=auth,
            params={"search": "Revenue Probe", "ordering": "business_name"},
        )
    ).json()
    assert [(r["id"], r["revenue_total"]) for r in page["items"]] == [
        (idle.id, "0.00"),
        (seller.id, expected),
    ]
    detail = (await client.get(f"/api/resellers/{seller.id}/", headers=auth)).json()
    assert (detail["revenue_total"], detail["orders_count"]) == (expected, 5)
    ranks = await trends.top_resellers(db, today, today, TopBy.revenue, 50)
    assert [r.revenue for r in ranks if r.reseller_id == seller.id] == [Decimal(expected)]
