"""Categories and plans: who may change them, validation, filters and deactivation."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditLog, SimPlan
from models.identity import SystemRole
from tests.factories import login_headers, make_staff

PLAN = {
    "code": "VF-EU-10GB",
    "name": "Europe Travel 10GB",
    "network_provider": "Vodafone",
    "sim_type": "esim",
    "data_mb": 10240,
    "validity_days": 30,
    "price": "19.90",
    "reseller_price_floor": "15.00",
}


async def test_category_and_plan_lifecycle(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    category = await client.post(
        "/api/catalog/categories/",
        headers=auth,
        json={"name": "Travel eSIM", "slug": "travel-esim"},
    )
    assert category.status_code == 201, category.text
    plan = await client.post(
        "/api/catalog/plans/", headers=auth, json={**PLAN, "category_id": category.json()["id"]}
    )
    assert plan.status_code == 201, plan.text
    body = plan.json()
    assert (body["price"], body["reseller_price_floor"], body["is_active"]) == (
        "19.90",
        "15.00",
        True,
    )
    repriced = await client.patch(
        f"/api/catalog/plans/{body['id']}/", headers=auth, json={"price": "17.50"}
    )
    assert repriced.json()["price"] == "17.50"
    in_use = await client.delete(f"/api/catalog/categories/{category.json()['id']}/", headers=auth)
    assert (in_use.status_code, in_use.json()["error"]["code"]) == (409, "category_in_use")
    assert (
        await client.delete(f"/api/catalog/plans/{body['id']}/", headers=auth)
    ).status_code == 204
    assert (await db.scalar(select(SimPlan.is_active).where(SimPlan.id == body["id"]))) is False
    audit = (
        (
            await db.execute(
                select(AuditLog).where(AuditLog.entity_type == "plan").order_by(AuditLog.id)
            )
        )
        .scalars()
        .all()
    )
    assert [(a.action, a.after) for a in audit][1] == ("plan.updated", {"price": "17.50"})


async def test_plan_validation(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    cases = [
        ({**PLAN, "price": "0"}, "body.price"),
        ({**PLAN, "price": "250000"}, "body.price"),
        ({**PLAN, "price": "-5"}, "body.price"),
        ({**PLAN, "validity_days": 0}, "body.validity_days"),
        ({**PLAN, "sim_type": "nano"}, "body.sim_type"),
        ({**PLAN, "code": "bad code"}, "body.code"),
        ({**PLAN, "reseller_price_floor": "25.00"}, "body"),
        ({**PLAN, "category_id": 999999}, "body.category_id"),
    ]
    for body, field in cases:
        response = await client.post("/api/catalog/plans/", headers=auth, json=body)
        assert response.status_code == 422, body
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert (await db.scalar(select(SimPlan.id).where(SimPlan.code == PLAN["code"]))) is None
    await client.post("/api/catalog/plans/", headers=auth, json=PLAN)
    duplicate = await client.post("/api/catalog/plans/", headers=auth, json=PLAN)
    assert (duplicate.status_code, duplicate.json()["error"]["code"]) == (409, "duplicate_code")
    plan_id = await db.scalar(select(SimPlan.id).where(SimPlan.code == PLAN["code"]))
    above_price = await client.patch(
        f"/api/catalog/plans/{plan_id}/", headers=auth, json={"reseller_price_floor": "50.00"}
    )
    assert [d["field"] for d in above_price.json()["error"]["details"]] == [
        "body.reseller_price_floor"
    ]


async def test_plan_filters(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    for code, provider, sim_type, price in (
        ("QX-A", "Orange", "physical", "5.00"),
        ("QX-B", "Orange", "esim", "12.00"),
        ("QX-C", "Telia", "esim", "30.00"),
    ):
        await client.post(
            "/api/catalog/plans/",
            headers=auth,
            json={
                **PLAN,
                "code": code,
                "name": f"QX {code}",
                "network_provider": provider,
                "sim_type": sim_type,
                "price": price,
                "reseller_price_floor": None,
            },
        )

    async def codes(**params: str) -> list[str]:
        page = (
            await client.get("/api/catalog/plans/", headers=auth, params={"search": "QX", **params})
        ).json()
        return [p["code"] for p in page["items"]]

    assert await codes(ordering="-price") == ["QX-C", "QX-B", "QX-A"]
    assert await codes(network_provider="orange", sim_type="esim") == ["QX-B"]
    assert await codes(price_min="6", price_max="20") == ["QX-B"]
    bad = await client.get(
        "/api/catalog/plans/", headers=auth, params={"price_min": "20", "price_max": "5"}
    )
    assert bad.status_code == 422


async def test_support_staff_read_but_cannot_write(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.support))
    assert (await client.get("/api/catalog/plans/", headers=auth)).status_code == 200
    denied = await client.post("/api/catalog/plans/", headers=auth, json=PLAN)
    assert (denied.status_code, denied.json()["error"]["details"]) == (
        403,
        {"permission": "catalog:write"},
    )
