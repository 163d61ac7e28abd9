"""Orders: server-side pricing, stock reservation, credit and limits, the lifecycle, delivery,
bulk changes, statistics and tenancy."""

from __future__ import annotations

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import ResellerClient, Sim, SimOrder, SimState, SimType
from models.identity import SystemRole
from services.orders import placement
from tests.factories import (
    PROVIDER,
    login_headers,
    make_account,
    make_plan,
    make_reseller,
    make_staff,
)


async def _placed_without_workflow(db: AsyncSession, plan_id: int, user_id: int) -> int:
    """An order as imported history is: no workflow runs it, so status changes apply
    directly (orders with a workflow are tested in tests/workflows)."""
    order = await placement.place(
        db, placement.OrderRequest(plan_id=plan_id, user_id=user_id, delivery_address="Oslo"), None
    )
    await db.commit()
    return order.id


async def _app_user(client: AsyncClient, db: AsyncSession) -> tuple[int, dict[str, str]]:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    return customer.public_user_id, admin


async def test_price_is_computed_and_a_sim_reserved(client: AsyncClient, db: AsyncSession) -> None:
    plan = await make_plan(db)
    user_id, auth = await _app_user(client, db)
    response = await client.post(
        "/api/orders/",
        headers=auth,
        json={"plan_id": plan.id, "user_id": user_id, "delivery_address": "1 Fjord Road, Oslo"},
    )
    assert response.status_code == 201, response.text
    order = response.json()
    # 25.00 + 4.50 delivery + 1.00 service = 30.50; 10% tax = 3.05
    assert (
        order["plan_price"],
        order["delivery_fee"],
        order["service_charge"],
        order["tax_amount"],
        order["total_amount"],
    ) == (
        "25.00",
        "4.50",
        "1.00",
        "3.05",
        "33.55",
    )
    assert order["order_number"].startswith("ORD-2")
    assert (order["status"], order["next_statuses"]) == ("pending", ["confirmed", "cancelled"])
    assert [(h["from_status"], h["to_status"]) for h in order["status_history"]] == [
        (None, "pending")
    ]
    sim = (await db.scalars(select(Sim).where(Sim.order_id == order["id"]))).one()
    assert sim.state is SimState.reserved
    forged = await client.post(
        "/api/orders/",
        headers=auth,
        json={
            "plan_id": plan.id,
            "user_id": user_id,
            "delivery_address": "x",
            "total_amount": "0.01",
        },
    )
    assert [d["field"] for d in forged.json()["error"]["details"]] == ["body.total_amount"]


async def test_order_refusals_write_nothing(client: AsyncClient, db: AsyncSession) -> None:
    plan = await make_plan(db, stock=1)
    esim = await make_plan(db, sim_type=SimType.esim, stock=0)
    user_id, auth = await _app_user(client, db)
    cases = [
        ({"plan_id": plan.id, "user_id": user_id}, 422, "validation_error"),
        ({"plan_id": 999999, "user_id": user_id, "delivery_address": "x"}, 422, "validation_error"),
        ({"plan_id": plan.id, "delivery_address": "x"}, 422, "buyer_required"),
        ({"plan_id": esim.id, "user_id": user_id}, 409, "out_of_stock"),
    ]
    for body, status, code in cases:
        response = await client.post("/api/orders/", headers=auth, json=body)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), body
    assert await db.scalar(select(func.count()).select_from(SimOrder)) == 0
    assert (
        await db.scalar(select(func.count()).select_from(Sim).where(Sim.state != SimState.in_stock))
        == 0
    )


async def test_reseller_credit_suspension_and_client_limits(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db, sim_type=SimType.esim, stock=5)
    reseller = await make_reseller(db, credit_limit=Decimal("60.00"))
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    db.add(
        ResellerClient(
            reseller_id=reseller.id,
            client_name="Ola",
            client_email="ola@example.org",
            client_phone="+4791234567",
            monthly_limit=1,
        )
    )
    await db.commit()
    client_id = await db.scalar(
        select(ResellerClient.id).where(ResellerClient.reseller_id == reseller.id)
    )
    body = {"plan_id": plan.id, "reseller_id": reseller.id, "client_id": client_id}
    first = await client.post("/api/orders/", headers=auth, json=body)
    assert first.status_code == 201, first.text
    assert first.json()["total_amount"] == "28.60"  # eSIM: no delivery fee; (25 + 1) * 1.1
    limit = await client.post("/api/orders/", headers=auth, json=body)
    assert limit.json()["error"]["code"] == "client_limit_reached"
    second = await client.post(
        "/api/orders/", headers=auth, json={"plan_id": plan.id, "reseller_id": reseller.id}
    )
    assert second.status_code == 201
    over = await client.post(
        "/api/orders/", headers=auth, json={"plan_id": plan.id, "reseller_id": reseller.id}
    )
    assert over.status_code == 409
    assert over.json()["error"]["details"] == {
        "credit_limit": "60.00",
        "exposure": "57.20",
        "order_total": "28.60",
    }
    await client.patch(
        f"/api/resellers/{reseller.id}/status/",
        headers=auth,
        json={"status": "suspended", "reason": "Audit"},
    )
    suspended = await client.post(
        "/api/orders/", headers=auth, json={"plan_id": plan.id, "reseller_id": reseller.id}
    )
    assert suspended.json()["error"]["code"] == "reseller_not_active"


async def test_lifecycle_moves_the_sim_along(client: AsyncClient, db: AsyncSession) -> None:
    plan = await make_plan(db)
    user_id, auth = await _app_user(client, db)
    order = {"id": await _placed_without_workflow(db, plan.id, user_id)}
    url = f"/api/orders/{order['id']}"
    illegal = await client.patch(f"{url}/status/", headers=auth, json={"status": "delivered"})
    assert (illegal.status_code, illegal.json()["error"]["details"]) == (
        409,
        {"allowed": ["confirmed", "cancelled"]},
    )
    await client.patch(f"{url}/status/", headers=auth, json={"status": "confirmed"})
    early = await client.post(
        f"{url}/assign-delivery/", headers=auth, json={"courier": "Posten", "tracking_number": "!!"}
    )
    assert early.status_code == 422
    assigned = await client.post(
        f"{url}/assign-delivery/",
        headers=auth,
        json={"courier": "Posten", "tracking_number": "NO123456789"},
    )
    # Handing the SIM to a courier dispatches it.
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["delivery_tracking_number"], assigned.json()["status"]) == (
        "NO123456789",
        "dispatched",
    )
    for status in ("delivered", "activated"):
        moved = await client.patch(
            f"{url}/status/", headers=auth, json={"status": status, "reason": "test"}
        )
        assert moved.status_code == 200, moved.text
    final = moved.json()
    assert final["next_statuses"] == [] and final["activated_at"] is not None
    assert [h["to_status"] for h in final["status_history"]] == [
        "pending",
        "confirmed",
        "dispatched",
        "delivered",
        "activated",
    ]
    sim = (await db.scalars(select(Sim).where(Sim.order_id == order["id"]))).one()
    assert sim.state is SimState.active
    found = (
        await client.get("/api/orders/", headers=auth, params={"search": "NO123456789"})
    ).json()
    assert [o["id"] for o in found["items"]] == [order["id"]]


async def test_cancelling_puts_the_sim_back_and_bulk_reports_each(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db)
    user_id, auth = await _app_user(client, db)
    ids = [await _placed_without_workflow(db, plan.id, user_id) for _ in range(2)]
    await client.patch(f"/api/orders/{ids[1]}/status/", headers=auth, json={"status": "cancelled"})
    outcome = (
        await client.post(
            "/api/orders/bulk/",
            headers=auth,
            json={"ids": [ids[0], ids[1], 999999], "status": "cancelled"},
        )
    ).json()
    assert (outcome["succeeded"], outcome["failed"]) == (1, 2)
    assert [(r["id"], r["ok"]) for r in outcome["results"]] == [
        (ids[0], True),
        (ids[1], False),
        (999999, False),
    ]
    assert outcome["results"][1]["error"] == "An order that is cancelled cannot become cancelled."
    assert (
        await db.scalar(
            select(func.count())
            .select_from(Sim)
            .where(Sim.state == SimState.in_stock, Sim.network_provider == PROVIDER)
        )
        == 3
    )


async def test_statistics_and_list_filters(client: AsyncClient, db: AsyncSession) -> None:
    plan = await make_plan(db)
    user_id, auth = await _app_user(client, db)
    for _ in range(2):
        await client.post(
            "/api/orders/",
            headers=auth,
            json={"plan_id": plan.id, "user_id": user_id, "delivery_address": "Oslo"},
        )
    stats = (await client.get("/api/orders/statistics/", headers=auth)).json()
    assert stats["by_status"] == [{"key": "pending", "orders": 2, "amount": "67.10"}]
    assert stats["by_source"] == [{"key": "app_user", "orders": 2, "amount": "67.10"}]
    assert len(stats["by_day"]) == 1
    too_long = await client.get(
        "/api/orders/statistics/",
        headers=auth,
        params={"date_from": "2020-01-01", "date_to": "2026-01-01"},
    )
    assert too_long.status_code == 422
    page = (
        await client.get(
            "/api/orders/",
            headers=auth,
            params={"user_id": user_id, "amount_min": "30", "ordering": "-total_amount"},
        )
    ).json()
    assert (page["total"], page["total_exact"]) == (2, True)
    for params in ({"amount_min": "50", "amount_max": "10"}, {"status": "lost"}, {"sort": "x"}):
        response = await client.get("/api/orders/", headers=auth, params=params)
        assert response.status_code in (400, 422), params


async def test_app_users_and_resellers_see_and_place_only_their_own(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db, sim_type=SimType.esim, stock=3)
    customer = await make_account(db, SystemRole.customer)
    other_user, auth = await _app_user(client, db)
    mine = await login_headers(client, customer)
    own = await client.post("/api/orders/", headers=mine, json={"plan_id": plan.id})
    assert own.status_code == 201 and own.json()["user_id"] == customer.public_user_id
    for_other = await client.post(
        "/api/orders/", headers=mine, json={"plan_id": plan.id, "user_id": other_user}
    )
    assert for_other.status_code == 403
    theirs = (
        await client.post(
            "/api/orders/", headers=auth, json={"plan_id": plan.id, "user_id": other_user}
        )
    ).json()
    assert (await client.get(f"/api/orders/{theirs['id']}/", headers=mine)).status_code == 404
    listed = (await client.get("/api/orders/", headers=mine)).json()
    assert [o["id"] for o in listed["items"]] == [own.json()["id"]]
    owner = await make_account(db, SystemRole.reseller_owner)
    reseller_view = (
        await client.get("/api/orders/", headers=await login_headers(client, owner))
    ).json()
    assert reseller_view["items"] == []


async def test_put_changes_address_until_dispatch_and_never_the_price(
    client: AsyncClient, db: AsyncSession
) -> None:
    plan = await make_plan(db)
    user_id, auth = await _app_user(client, db)
    order_id = await _placed_without_workflow(db, plan.id, user_id)
    url = f"/api/orders/{order_id}/"
    before = (await client.get(url, headers=auth)).json()

    moved = await client.put(
        url, headers=auth, json={"delivery_address": " Bergen 5003 ", "notes": "ring twice"}
    )
    assert moved.status_code == 200, moved.text
    after = moved.json()
    assert (after["delivery_address"], after["notes"]) == ("Bergen 5003", "ring twice")
    assert after["total_amount"] == before["total_amount"]
    priced = await client.put(
        url, headers=auth, json={"delivery_address": "x", "notes": "", "total_amount": "1.00"}
    )
    assert priced.status_code == 422
    emptied = await client.put(url, headers=auth, json={"delivery_address": " ", "notes": ""})
    assert emptied.json()["error"]["details"][0]["field"] == "body.delivery_address"

    await client.patch(f"{url}status/", headers=auth, json={"status": "confirmed"})
    await client.post(
        f"{url}assign-delivery/",
        headers=auth,
        json={"courier": "Posten", "tracking_number": "NO123"},
    )
    locked = await client.put(url, headers=auth, json={"delivery_address": "Oslo", "notes": "x"})
    assert (locked.status_code, locked.json()["error"]["code"]) == (409, "address_locked")
    noted = await client.put(
        url, headers=auth, json={"delivery_address": "Bergen 5003", "notes": "left at door"}
    )
    assert noted.json()["notes"] == "left at door"
