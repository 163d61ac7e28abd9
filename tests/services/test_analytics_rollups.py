"""Every rollup-backed dashboard figure equals the same figure computed from the raw rows, after
a random mix of registrations, orders, status changes, captures, refunds and cancellations
made through the domain services; and reconciliation repairs rollups that drifted."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import Date, delete, func, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from integrations.payments import payment_gateway
from models import (
    MONTHLY,
    OrderSource,
    OrderStatus,
    PublicUser,
    Reseller,
    ResellerClient,
    SalesDaily,
    SimOrder,
    SimType,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from services import clients, payments, refunds, resellers, transactions
from services.analytics import metrics, reconcile, trends
from services.analytics.dashboard import Audience, Granularity
from services.analytics.trends import Dimension, TopBy
from services.audit import Actor
from services.auth.registration import Registration, register
from services.messaging.notifier import OutboxNotifier
from services.orders import lifecycle, placement
from services.orders.placement import OrderRequest
from tests.factories import make_order, make_plan

ACTOR = Actor(account_id=None, actor_type="system")
CAPTURED = reconcile.CAPTURED
ZERO = Decimal("0")


async def _people(
    db: AsyncSession, settings: Settings, rng: random.Random
) -> tuple[list[int], list[tuple[int, int]]]:
    redis = Redis.from_url(settings.redis_url)
    for n in range(4):
        person = Registration(
            full_name=f"Buyer {n}",
            email=f"buyer{n}-{rng.random()}@example.com",
            phone=f"+1415555{rng.randrange(10_000):04d}",
            password="a long enough pass 42",
        )
        await register(db, redis, settings, OutboxNotifier(), person, ip=f"10.0.0.{n}")
    await redis.aclose()
    users = list(await db.scalars(select(PublicUser.id)))
    buyers = []
    for n in range(3):
        reseller = await resellers.create(
            db, ACTOR,
            {"business_name": f"Shop {n}", "contact_person": "Sam", "phone": "+14155550100",
             "email": f"shop{n}-{rng.random()}@example.com", "city": "Austin", "country": "US",
             "credit_limit": Decimal("100000"), "commission_rate": Decimal("10")},
        )  # fmt: skip
        await resellers.change_status(db, ACTOR, reseller, reseller.status.__class__("active"), "")
        for m in range(rng.randint(1, 3)):
            client = await clients.add_client(
                db, ACTOR, reseller,
                {"client_name": f"Client {n}.{m}", "client_email": f"c{n}{m}@example.com",
                 "client_phone": "+14155550111"},
            )  # fmt: skip
            buyers.append((reseller.id, client.id))
    return users, buyers


async def _random_history(db: AsyncSession, settings: Settings, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    gateway = payment_gateway(settings)
    plan = await make_plan(db, SimType.physical, stock=45)
    users, buyers = await _people(db, settings, rng)
    orders: list[SimOrder] = []
    for _ in range(60):
        action = rng.random()
        if action < 0.4 or not orders:
            if rng.random() < 0.5:
                request = OrderRequest(plan.id, user_id=rng.choice(users), delivery_address="Oslo")
            else:
                reseller_id, client_id = rng.choice(buyers)
                request = OrderRequest(plan.id, reseller_id=reseller_id, client_id=client_id,
                                       delivery_address="Bergen")  # fmt: skip
            orders.append(await placement.place(db, request, None))
            continue
        order = rng.choice(orders)
        await db.refresh(order)
        if action < 0.55 and payments.awaiting_payment(order):
            await payments.authorize_card(db, gateway, order, "pm_card_visa", 1)
        elif action < 0.7 and order.status in (OrderStatus.confirmed, OrderStatus.dispatched):
            if (order.order_type is OrderSource.reseller_client
                    or await payments.payment_of(db, order) is not None):  # fmt: skip
                await payments.capture(db, gateway, order)
        elif action < 0.8:
            payment = await payments.payment_of(db, order)
            if payment is not None and payment.status is TransactionStatus.completed:
                left = await transactions.refundable(db, payment)
                if left > 0:
                    amount = min(left, Decimal(rng.choice(["1.00", "5.55", "100.00"])))
                    refund = await transactions.request_refund(db, ACTOR, payment, amount, "test")
                    await refunds.execute(db, gateway, refund)
        else:
            allowed = lifecycle.next_statuses(order)
            if allowed:
                await lifecycle.transition(db, ACTOR, order, rng.choice(allowed))
    await db.flush()


async def _raw_orders(db: AsyncSession) -> list[dict[str, Any]]:
    refund_rows = await db.execute(
        select(Transaction.order_id, func.sum(Transaction.amount))
        .where(
            Transaction.transaction_type == TransactionType.refund,
            Transaction.status == TransactionStatus.completed,
        )
        .group_by(Transaction.order_id)
    )
    refunded = {order_id: Decimal(amount) for order_id, amount in refund_rows}
    rows = []
    for order in await db.scalars(select(SimOrder)):
        captured = order.total_amount if order.payment_status in CAPTURED else ZERO
        rows.append({
            "day": order.created_at.astimezone(UTC).date(), "source": order.order_type.value,
            "reseller_id": order.reseller_id, "provider": order.network_provider,
            "plan": str(order.plan_id or 0), "method": payments.method_for(order.order_type),
            "orders": 1, "gross": order.total_amount,
            "revenue": captured - refunded.get(order.id, ZERO),
            "pending": int(order.status is OrderStatus.pending),
        })  # fmt: skip
    return rows


def _sum_by(rows: list[dict[str, Any]], key: str, measure: str) -> dict[Any, Any]:
    totals: dict[Any, Any] = defaultdict(int)
    for row in rows:
        totals[row[key]] += row[measure]
    return dict(totals)


async def _check_figures(db: AsyncSession, today: date) -> None:
    raw = await _raw_orders(db)
    staff = Audience(None)
    first = min(r["day"] for r in raw)
    _, points = await trends.sales_trends(db, staff, first, today, Granularity.day)
    for measure, field in (("orders", "orders"), ("gross", "gross"), ("revenue", "revenue")):
        by_day_source: Counter[Any] = Counter()
        for row in raw:
            by_day_source[(row["day"], row["source"])] += row[measure]
        assert {(p.period, p.source): getattr(p, field) for p in points} == dict(by_day_source)
    keys = {Dimension.provider: "provider", Dimension.plan: "plan", Dimension.source: "source",
            Dimension.payment_method: "method"}  # fmt: skip
    for dimension, key in keys.items():
        shares = await trends.revenue_distribution(db, first, today, dimension)
        assert {s.key: s.revenue for s in shares} == _sum_by(raw, key, "revenue")
        assert {s.key: s.orders for s in shares} == _sum_by(raw, key, "orders")
    reseller_rows = [r for r in raw if r["reseller_id"] is not None]
    ranks = await trends.top_resellers(db, first, today, TopBy.revenue, 50)
    assert {r.reseller_id: r.revenue for r in ranks if r.orders} == _sum_by(
        reseller_rows, "reseller_id", "revenue"
    )
    assert {r.reseller_id: r.orders for r in ranks if r.orders} == _sum_by(
        reseller_rows, "reseller_id", "orders"
    )
    new_clients = Counter((await db.scalars(select(ResellerClient.reseller_id))).all())
    assert {r.reseller_id: r.clients for r in ranks} == dict(new_clients)
    month = today.replace(day=1)
    for reseller_id in _sum_by(reseller_rows, "reseller_id", "orders"):
        own = (await metrics.metrics(db, Audience(reseller_id), today)).figures
        mine = [r for r in reseller_rows if r["reseller_id"] == reseller_id]
        assert own["orders_month"].value == sum(1 for r in mine if r["day"] >= month)
        assert own["orders_today"].value == sum(1 for r in mine if r["day"] == today)
        assert own["revenue_total"].value == sum(r["revenue"] for r in mine)
        assert own["pending_orders"].value == sum(r["pending"] for r in mine)
        assert own["reseller_clients"].value == new_clients[reseller_id]
    figures = (await metrics.metrics(db, staff, today)).figures
    todays = [r for r in raw if r["day"] == today]
    assert figures["orders_today"].value == len(todays)
    assert figures["revenue_today"].value == sum(r["revenue"] for r in todays)
    assert figures["revenue_total"].value == sum(r["revenue"] for r in raw)
    assert figures["pending_orders"].value == sum(r["pending"] for r in raw)
    users = await db.scalar(select(func.count()).select_from(PublicUser))
    assert figures["public_users"].value == users
    assert figures["reseller_clients"].value == sum(new_clients.values())
    _, by_month = await trends.sales_trends(db, staff, first, today, Granularity.month)
    assert sum(p.revenue for p in by_month) == sum(r["revenue"] for r in raw)
    assert sum(p.orders for p in by_month) == len(raw)
    _, registrations = await trends.registration_trends(db, first, today, Granularity.month)
    kinds = Counter({"user": 0, "reseller": 0, "client": 0})
    for point in registrations:
        kinds[point.kind] += point.registrations
    assert kinds == Counter(
        user=users or 0,
        reseller=await db.scalar(select(func.count()).select_from(Reseller)) or 0,
        client=sum(new_clients.values()),
    )


async def test_rollups_match_raw_rows_after_random_changes(
    db: AsyncSession, settings: Settings
) -> None:
    await _random_history(db, settings, seed=7)
    await _check_figures(db, datetime.now(UTC).date())
    # Nothing drifted, so reconciliation finds nothing to fix.
    today = datetime.now(UTC).date()
    assert await reconcile.reconcile(db, today - timedelta(days=3), today) == {
        "sales_daily": 0,
        "reseller_sales_daily": 0,
        "registrations_daily": 0,
        "sales_monthly": 0,
        "reseller_sales_monthly": 0,
        "registrations_monthly": 0,
    }
    await _check_monthly_twins(db)


async def test_reconciliation_repairs_drift(db: AsyncSession, settings: Settings) -> None:
    await _random_history(db, settings, seed=11)
    # Drift of every kind: rows written behind the services' back (an import of history,
    # days ago), a rollup row lost, a rollup figure corrupted.
    reseller = (await db.scalars(select(Reseller).limit(1))).one()
    past = [await make_order(db, reseller_id=reseller.id, price=Decimal("12.00")) for _ in range(2)]
    old = datetime.now(UTC) - timedelta(days=2)
    await db.execute(
        update(SimOrder).where(SimOrder.id.in_([o.id for o in past])).values(created_at=old)
    )
    await db.execute(update(SalesDaily).values(orders=SalesDaily.orders + 5))
    await db.execute(delete(SalesDaily).where(SalesDaily.source == OrderSource.app_user))
    today = datetime.now(UTC).date()
    fixed = await reconcile.reconcile(db, today - timedelta(days=7), today)
    # Today's app row recreated, today's reseller row corrected, the imported day added; the
    # month's rows fixed the same way (the imported orders fall in this month or the last).
    assert {table: n for table, n in fixed.items() if table.endswith("daily")} == {
        "sales_daily": 3, "reseller_sales_daily": 1, "registrations_daily": 0,
    }  # fmt: skip
    assert fixed["reseller_sales_monthly"] == 1
    await _check_figures(db, today)
    await _check_monthly_twins(db)


async def test_whole_months_are_read_from_the_monthly_rollups(
    db: AsyncSession, settings: Settings
) -> None:
    """History spread over four months, booked by reconciliation: ranges that hold whole months
    read them from the monthly tables and still add up to the raw rows."""
    await _random_history(db, settings, seed=5)
    now = datetime.now(UTC)
    ages = (0, 35, 70, 100)
    tables: tuple[Any, ...] = (SimOrder, PublicUser, ResellerClient)
    for table in tables:
        for n, row in enumerate(await db.scalars(select(table).order_by(table.id))):
            row.created_at = now - timedelta(days=ages[n % len(ages)])
    await db.flush()
    today = now.date()
    await reconcile.reconcile(db, today - timedelta(days=max(ages) + 1), today)
    await _check_figures(db, today)
    await _check_monthly_twins(db)


async def _check_monthly_twins(db: AsyncSession) -> None:
    """Every monthly row is the sum of its month's daily rows."""
    twins: dict[Any, Any] = MONTHLY
    for daily, monthly in twins.items():
        mapper = inspect(monthly)
        columns = [c.key for c in mapper.columns if c.key != "month"]
        keys = [c.key for c in mapper.primary_key if c.key != "month"]
        figures = [c for c in columns if c not in keys]
        month = func.date_trunc("month", daily.day).cast(Date)
        summed = await db.execute(
            select(month, *(getattr(daily, k) for k in keys),
                   *(func.sum(getattr(daily, f)) for f in figures))
            .group_by(month, *(getattr(daily, k) for k in keys))
        )  # fmt: skip
        kept = await db.execute(
            select(monthly.month, *(getattr(monthly, c) for c in keys + figures))
        )
        assert sorted(map(tuple, summed)) == sorted(map(tuple, kept)), daily.__tablename__
