"""/api/dashboard/: figures through the API, caching and its invalidation on writes, tenancy,
recently viewed items, and bad input answered with clear 4xx."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from models import OrderStatus, SimOrder
from models.identity import SystemRole
from services.audit import Actor
from services.orders import lifecycle
from tests.factories import login_headers, make_account, make_plan, make_staff

TODAY = datetime.now(UTC).date()


async def _place(
    client: AsyncClient, auth: dict[str, str], plan_id: int, user_id: int
) -> dict[str, Any]:
    response = await client.post(
        "/api/orders/",
        headers=auth,
        json={"plan_id": plan_id, "user_id": user_id, "delivery_address": "Oslo"},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_figures_follow_orders_and_the_cache_is_invalidated(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db)
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    first = (await client.get("/api/dashboard/metrics/", headers=admin)).json()
    assert first["orders_today"] == {"value": 0, "previous": 0, "change_percent": None}
    assert first["active_staff_sessions"]["value"] == 1
    order = await _place(client, admin, plan.id, customer.public_user_id)
    # The order's commit moved the cache on: the next answer counts it.
    second = (await client.get("/api/dashboard/metrics/", headers=admin)).json()
    assert second["orders_today"]["value"] == 1
    assert second["pending_orders"] == {"value": 1, "previous": None, "change_percent": None}
    assert second["revenue_today"]["value"] == "0.00"  # nothing taken yet
    trends = (await client.get("/api/dashboard/sales-trends/", headers=admin)).json()
    assert len(trends["periods"]) == 30
    assert trends["periods"][-1] == {
        "period": TODAY.isoformat(),
        "orders": 1,
        "gross": order["total_amount"],
        "revenue": "0.00",
        "app": {"orders": 1, "gross": order["total_amount"], "revenue": "0.00"},
        "reseller": {"orders": 0, "gross": "0.00", "revenue": "0.00"},
    }
    # The same definition as the orders statistics: orders and gross by the day placed.
    stats = (await client.get("/api/orders/statistics/", headers=admin)).json()
    assert stats["by_day"] == [
        {"key": TODAY.isoformat(), "orders": 1, "amount": trends["periods"][-1]["gross"]}
    ]
    # A write outside any request (as a workflow's activity makes it) invalidates as well.
    placed = await db.get(SimOrder, order["id"])
    assert placed is not None
    await lifecycle.transition(db, Actor(None, "workflow"), placed, OrderStatus.cancelled)
    await db.commit()
    third = (await client.get("/api/dashboard/metrics/", headers=admin)).json()
    assert third["pending_orders"]["value"] == 0
    by_source = await client.get(
        "/api/dashboard/revenue-distribution/", headers=admin, params={"by": "source"}
    )
    assert by_source.json()["items"] == [
        {"key": "app_user", "label": "app_user", "orders": 1, "revenue": "0.00",
         "share_percent": 0.0}
    ]  # fmt: skip
    feed = (await client.get("/api/dashboard/recent-activities/", headers=admin)).json()
    assert [i["kind"] for i in feed["items"]][:1] == ["order_placed"]
    assert feed["has_more"] is False


async def test_reseller_sees_its_own_figures_only(client: AsyncClient, db: AsyncSession) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    metrics = (await client.get("/api/dashboard/metrics/", headers=auth)).json()
    assert (metrics["public_users"], metrics["resellers"], metrics["active_staff_sessions"]) == (
        None,
        None,
        None,
    )
    assert (await client.get("/api/dashboard/sales-trends/", headers=auth)).status_code == 200
    for path in ("top-resellers", "revenue-distribution", "registration-trends"):
        refused = await client.get(f"/api/dashboard/{path}/", headers=auth)
        assert refused.status_code == 403, path
        assert refused.json()["error"]["code"] == "business_figures_only"
    customer = await login_headers(client, await make_account(db, SystemRole.customer))
    assert (await client.get("/api/dashboard/metrics/", headers=customer)).status_code == 403


async def test_recently_viewed(client: AsyncClient, db: AsyncSession) -> None:
    plan = await make_plan(db)
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    orders = [await _place(client, admin, plan.id, customer.public_user_id) for _ in range(2)]
    assert (await client.get("/api/dashboard/recently-viewed/", headers=admin)).json() == []
    for order in (*orders, orders[0]):
        assert (await client.get(f"/api/orders/{order['id']}/", headers=admin)).status_code == 200
    await client.get(f"/api/users/{customer.public_user_id}/", headers=admin)
    assert (await client.get("/api/orders/999999999/", headers=admin)).status_code == 404
    viewed = (await client.get("/api/dashboard/recently-viewed/", headers=admin)).json()
    assert [(v["kind"], v["id"]) for v in viewed] == [
        ("user", customer.public_user_id),
        ("order", orders[0]["id"]),
        ("order", orders[1]["id"]),
    ]
    assert viewed[1]["label"] == orders[0]["order_number"]


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("sales-trends", {"date_from": "2026-03-01", "date_to": "2026-02-01"}, 422,
         "query.date_to"),
        ("sales-trends", {"date_from": "2006-01-01", "date_to": "2026-01-01"}, 422,
         "query.date_to"),
        ("sales-trends", {"date_from": "2006-01-01", "date_to": "2026-01-01",
                          "granularity": "month"}, 422, "query.date_to"),
        ("sales-trends", {"granularity": "hour"}, 422, "query.granularity"),
        ("sales-trends", {"date_from": "yesterday"}, 422, "query.date_from"),
        ("revenue-distribution", {"by": "colour"}, 422, "query.by"),
        ("top-resellers", {"by": "profit"}, 422, "query.by"),
        ("top-resellers", {"limit": "500"}, 422, "query.limit"),
        ("registration-trends", {"date_from": "1990-01-01"}, 422, "query.date_to"),
        ("recent-activities", {"page": "50", "page_size": "100"}, 422, "query.page"),
        ("metrics", {"dimension": "plan"}, 400, None),
    ],
)  # fmt: skip
async def test_bad_input_is_refused_clearly(
    client: AsyncClient,
    db: AsyncSession,
    path: str,
    params: dict[str, str],
    status: int,
    field: str | None,
) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    response = await client.get(f"/api/dashboard/{path}/", headers=admin, params=params)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    if field is None:
        assert error["code"] == "unknown_parameter"
    else:
        assert field in [d["field"] for d in error["details"]]


async def test_a_ten_year_monthly_trend_is_allowed(client: AsyncClient, db: AsyncSession) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    start = (TODAY - timedelta(days=9 * 365)).replace(day=1)
    response = await client.get(
        "/api/dashboard/registration-trends/",
        headers=admin,
        params={"date_from": start.isoformat(), "granularity": "month"},
    )
    assert response.status_code == 200, response.text
    assert (
        len(response.json()["periods"])
        == (TODAY.year - start.year) * 12 + TODAY.month - start.month + 1
    )
